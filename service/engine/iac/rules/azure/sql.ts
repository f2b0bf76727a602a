// Azure SQL servers and databases.
import { all, expect, fail, forbid, has, notApplicable, pass, unknown, type Check } from '../../helpers';
import type { IacResource, IacRule, IacValue, RuleContext, Verdict } from '../../types';
import { asNumber, get, isUnknown } from '../../values';
import { azureRule, param, type Res } from './build';
import { childrenOf, noOldTls, publicNetworkDisabled } from './checks';

const SERVER = 'Microsoft.Sql/servers';
const api = '2023-05-01-preview';
const server = (p: Record<string, unknown>) => ({ properties: { administratorLogin: 'sqladmin', ...p } }) as never;
const withChild = (type: string, child: Record<string, unknown>, name = 'default'): Res[] => [
  { type: SERVER, name: 'sqlsrv', body: server({}) },
  { type: `${SERVER}/${type}`, name: `sqlsrv/${name}`, body: { properties: child } as never },
];

/**
 * A server setting that lives in a child resource (auditingSettings, securityAlertPolicies): the
 * server passes when one such child has `properties.state` Enabled.
 */
function childStateEnabled(childTypes: string | readonly string[], label: string): Check {
  return (r, ctx) => {
    const children = auditChildren(r, ctx, childTypes);
    if (!children.length) return fail(undefined, undefined, `${r.address} has no ${label} (a child with state Enabled)`);
    let unknownState = false;
    for (const c of children) {
      const state = (c.attributes.properties as Record<string, unknown> | undefined)?.state;
      if (typeof state === 'string' && state.toLowerCase() === 'enabled') return pass();
      if (isUnknown(state)) unknownState = true;
    }
    if (unknownState) return unknown(undefined, undefined, `the state of ${r.address}'s ${label} is not known before deployment`);
    return fail(undefined, undefined, `${r.address}'s ${label} is not enabled`);
  };
}

const stateEnabled = (state: unknown) => ({ state });

/** The server's auditing children: server-level auditingSettings, and database-level ones, as Checkov reads them. */
const AUDIT_TYPES = ['microsoft.sql/servers/auditingsettings', 'microsoft.sql/servers/databases/auditingsettings', 'microsoft.sql/servers/databases/auditingpolicies'];
function auditChildren(r: IacResource, ctx: RuleContext, types: string | readonly string[]): IacResource[] {
  return (typeof types === 'string' ? [types] : types).flatMap((t) => [...childrenOf(r, ctx, t, t.split('/').length > 3)]);
}

const FIREWALL = 'microsoft.sql/servers/firewallrules';
/** A firewall rule from 0.0.0.0 (or 0.0.0.0/0) to 255.255.255.255. */
function openToAll(rule: IacResource): Verdict {
  const start = get(rule.attributes, 'properties.startIpAddress');
  const end = get(rule.attributes, 'properties.endIpAddress');
  if (isUnknown(start) || isUnknown(end)) return unknown('properties.startIpAddress', (isUnknown(start) ? start : end) as IacValue);
  const open = (start === '0.0.0.0' || start === '0.0.0.0/0') && end === '255.255.255.255';
  return open ? fail('properties.endIpAddress', end) : pass('properties.endIpAddress', end);
}

export const sqlRules: readonly IacRule[] = [
  azureRule({
    id: 'IAC-AZ-SQL-AUDITING',
    title: 'SQL server auditing is not enabled',
    severity: 'medium',
    description:
      'Without server auditing there is no record of logins, queries and permission changes to investigate a breach. Judged on the server (its own or its databases\' auditing children), and on an auditingSettings resource whose server is not in the template (as Checkov does for Bicep); Checkov also fails each ARM database without its own auditing child, which server auditing already covers.',
    remediation: "Add a Microsoft.Sql/servers/auditingSettings child ('default') with state 'Enabled' and a destination.",
    helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/auditing-overview',
    checkov: 'CKV_AZURE_23',
    cis: ['CIS Azure 4.1.1'],
    cwe: ['CWE-778'],
    types: [SERVER, `${SERVER}/auditingSettings`, `${SERVER}/databases/auditingSettings`],
    api,
    check: (r, ctx) => {
      if (r.type === SERVER.toLowerCase()) return childStateEnabled(AUDIT_TYPES, 'auditing settings')(r, ctx);
      // A server in the template judges its auditing children; an orphan auditing resource is judged on its own.
      if (ctx.ofType(SERVER.toLowerCase()).some((s) => auditChildren(s, ctx, AUDIT_TYPES).includes(r))) return notApplicable();
      return expect('properties.state', 'Enabled', { ignoreCase: true })(r, ctx);
    },
    fail: [withChild('auditingSettings', stateEnabled('Disabled')), [{ body: server({}) }], withChild('auditingSettings', stateEnabled('Disabled')).slice(1)],
    pass: [withChild('auditingSettings', { state: 'Enabled', isAzureMonitorTargetEnabled: true }), withChild('auditingSettings', { state: 'Enabled' }).slice(1)],
    unknown: [withChild('auditingSettings', stateEnabled(param('auditState')))],
  }),
  azureRule({
    id: 'IAC-AZ-SQL-AUDIT-RETENTION',
    title: 'SQL server auditing keeps logs for less than 90 days',
    severity: 'low',
    description:
      'Audit logs kept for less than 90 days may be gone before an intrusion is noticed. Judged on the server through its enabled auditingSettings child, as Checkov does; unlike Checkov, retentionDays 0 or unset (keep forever) passes.',
    remediation: 'Set the auditingSettings child\'s properties.retentionDays to 90 or more (0 keeps logs forever).',
    helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/auditing-overview',
    checkov: 'CKV_AZURE_24',
    cis: ['CIS Azure 4.1.6'],
    cwe: ['CWE-778'],
    types: [SERVER],
    api,
    check: (r, ctx) => {
      const enabled = auditChildren(r, ctx, AUDIT_TYPES).filter((c) => !has(c, 'properties.state', 'Disabled', true));
      if (!enabled.length) return fail(undefined, undefined, `${r.address} has no enabled auditing settings, so no audit retention`);
      const verdicts = enabled.map((c) => {
        if (isUnknown(get(c.attributes, 'properties.state'))) return unknown('properties.state');
        return expect('properties.retentionDays', (v) => asNumber(v) === 0 || (asNumber(v) ?? 0) >= 90, { whenMissing: 'pass' })(c, ctx);
      });
      const flat = verdicts.flatMap((v) => (Array.isArray(v) ? v : [v])) as Verdict[];
      return flat.find((v) => v.outcome === 'pass') ?? flat.find((v) => v.outcome === 'unknown') ?? fail(undefined, undefined, `${r.address}'s auditing keeps logs for less than 90 days`);
    },
    fail: [withChild('auditingSettings', { state: 'Enabled', retentionDays: 30 }), [{ body: server({}) }]],
    pass: [withChild('auditingSettings', { state: 'Enabled', retentionDays: 120 }), withChild('auditingSettings', { state: 'Enabled', retentionDays: 0 })],
    unknown: [withChild('auditingSettings', { state: 'Enabled', retentionDays: param('retention', 'int') })],
  }),
  azureRule({
    id: 'IAC-AZ-SQL-TDE-DISABLED',
    title: 'SQL database transparent data encryption disabled',
    severity: 'high',
    description: 'Transparent data encryption protects database files, backups and logs at rest; disabling it leaves them readable from storage.',
    remediation: "Set the database's transparentDataEncryption 'current' state to 'Enabled' (the default).",
    helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-tde-overview',
    cis: ['CIS Azure 4.1.5'],
    cwe: ['CWE-311'],
    types: ['Microsoft.Sql/servers/databases/transparentDataEncryption'],
    api,
    // properties.status: API version 2014-04-01.
    check: all(forbid('properties.state', 'Disabled', { ignoreCase: true }), forbid('properties.status', 'Disabled', { ignoreCase: true })),
    fail: [[{ name: 'sqlsrv/appdb/current', body: { properties: { state: 'Disabled' } } }], [{ name: 'sqlsrv/appdb/current', api: '2014-04-01', body: { properties: { status: 'Disabled' } } }]],
    pass: [[{ name: 'sqlsrv/appdb/current', body: { properties: { state: 'Enabled' } } }]],
    unknown: [[{ name: 'sqlsrv/appdb/current', body: { properties: { state: param('tdeState') } } }]],
  }),
  azureRule({
    id: 'IAC-AZ-SQL-MIN-TLS',
    title: 'SQL server allows TLS older than 1.2',
    severity: 'high',
    description: 'Without minimalTlsVersion 1.2 clients may connect over TLS 1.0/1.1, which have known weaknesses.',
    remediation: "Set properties.minimalTlsVersion to '1.2'.",
    helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings',
    checkov: 'CKV_AZURE_52',
    cwe: ['CWE-326'],
    types: [SERVER],
    api,
    check: noOldTls('properties.minimalTlsVersion', 'fail'),
    fail: [server({ minimalTlsVersion: '1.0' }), server({ minimalTlsVersion: 'None' }), server({})],
    pass: [server({ minimalTlsVersion: '1.2' })],
    unknown: [server({ minimalTlsVersion: param('minTls') })],
  }),
  azureRule({
    id: 'IAC-AZ-SQL-PUBLIC-NETWORK',
    title: 'SQL server reachable from public networks',
    severity: 'medium',
    description: 'With public network access enabled the server endpoint is reachable from the internet, limited only by firewall rules.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and connect through private endpoints.",
    helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings',
    checkov: 'CKV_AZURE_113',
    cwe: ['CWE-284'],
    types: [SERVER],
    api,
    check: publicNetworkDisabled(),
    fail: [server({ publicNetworkAccess: 'Enabled' }), server({})],
    pass: [server({ publicNetworkAccess: 'Disabled' })],
    unknown: [server({ publicNetworkAccess: param('publicAccess') })],
  }),
  azureRule({
    id: 'IAC-AZ-SQL-FIREWALL-OPEN',
    title: 'SQL firewall rule allows the whole internet',
    severity: 'critical',
    description:
      'A firewall rule from 0.0.0.0 to 255.255.255.255 lets any address on the internet reach the server and try to log in. Each firewall rule (nested or top-level) is a finding of its own, where Checkov reports its server.',
    remediation: 'Remove the rule; allow only the addresses that need access, or use private endpoints.',
    helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/firewall-configure',
    checkov: 'CKV_AZURE_11',
    cis: ['CIS Azure 6.3'],
    cwe: ['CWE-284'],
    types: [SERVER, `${SERVER}/firewallRules`],
    api,
    // Each firewall rule is judged where it is written (its own address, line and identity), so two
    // open rules of one server are two findings.
    check: (r) => (r.type === FIREWALL ? openToAll(r) : notApplicable()),
    fail: [withChild('firewallRules', { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' }, 'AllowAll'), withChild('firewallRules', { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' }, 'AllowAll').slice(1)],
    pass: [withChild('firewallRules', { startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' }, 'office'), withChild('firewallRules', { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }, 'AllowAzureServices').slice(1)],
    unknown: [withChild('firewallRules', { startIpAddress: param('startIp'), endIpAddress: param('endIp') }, 'custom')],
  }),
  azureRule({
    id: 'IAC-AZ-SQL-ENTRA-ONLY-AUTH',
    title: 'SQL server allows SQL authentication',
    severity: 'medium',
    description: 'SQL logins are passwords outside Entra ID: no MFA, no conditional access, no central revocation. Entra-only authentication turns them off.',
    remediation: 'Set properties.administrators.azureADOnlyAuthentication to true (or add an azureADOnlyAuthentications child with azureADOnlyAuthentication true).',
    helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/authentication-azure-ad-only-authentication',
    cwe: ['CWE-287'],
    types: [SERVER],
    api,
    check: (r, ctx) => {
      const inline = expect('properties.administrators.azureADOnlyAuthentication', true)(r, ctx);
      const first = Array.isArray(inline) ? inline[0] : inline;
      if (first?.outcome === 'pass' || first?.outcome === 'unknown') return inline;
      for (const c of childrenOf(r, ctx, 'microsoft.sql/servers/azureadonlyauthentications')) {
        const v = (c.attributes.properties as Record<string, unknown> | undefined)?.azureADOnlyAuthentication;
        if (v === true) return pass();
        if (isUnknown(v)) return unknown();
      }
      return inline;
    },
    fail: [server({ administratorLoginPassword: param('sqlPassword') }), server({ administrators: { azureADOnlyAuthentication: false, login: 'dba-group' } })],
    pass: [
      { properties: { administrators: { administratorType: 'ActiveDirectory', azureADOnlyAuthentication: true, login: 'dba-group', sid: '00000000-0000-0000-0000-000000000001' } } },
      withChild('azureADOnlyAuthentications', { azureADOnlyAuthentication: true }, 'Default'),
    ],
    unknown: [{ properties: { administrators: { azureADOnlyAuthentication: param('entraOnly', 'bool') } } }],
  }),
  azureRule({
    id: 'IAC-AZ-SQL-THREAT-DETECTION',
    title: 'SQL server threat detection (Defender for SQL alerts) is not enabled',
    severity: 'medium',
    description: 'Security alert policies detect SQL injection, brute force and anomalous access; without them attacks go unnoticed.',
    remediation: "Add a Microsoft.Sql/servers/securityAlertPolicies child ('Default') with state 'Enabled'.",
    helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/threat-detection-overview',
    cis: ['CIS Azure 4.2.1'],
    cwe: ['CWE-778'],
    types: [SERVER],
    api,
    check: childStateEnabled('microsoft.sql/servers/securityalertpolicies', 'security alert policy'),
    fail: [withChild('securityAlertPolicies', stateEnabled('Disabled'), 'Default'), [{ body: server({}) }]],
    pass: [withChild('securityAlertPolicies', { state: 'Enabled', emailAccountAdmins: true }, 'Default')],
    unknown: [withChild('securityAlertPolicies', stateEnabled(param('alertState')), 'Default')],
  }),
  azureRule({
    id: 'IAC-AZ-SQL-THREAT-DETECTION-ALL-TYPES',
    title: 'SQL threat detection has alert types disabled',
    severity: 'low',
    description:
      "Disabled alert types (Sql_Injection, Access_Anomaly...) silence the detections an attack would trigger. Judged on each security alert policy (server or database level); Checkov judges databases through their nested policy and fails those without one.",
    remediation: 'Leave properties.disabledAlerts empty.',
    helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/threat-detection-overview',
    checkov: 'CKV_AZURE_25',
    cwe: ['CWE-778'],
    types: [`${SERVER}/securityAlertPolicies`, `${SERVER}/databases/securityAlertPolicies`],
    api,
    check: forbid('properties.disabledAlerts', (v) => Array.isArray(v) ? v.some((x) => typeof x === 'string' && x.trim() !== '') : typeof v === 'string' && v.trim() !== ''),
    fail: [withChild('securityAlertPolicies', { state: 'Enabled', disabledAlerts: ['Sql_Injection'] }, 'Default').slice(1)],
    pass: [withChild('securityAlertPolicies', { state: 'Enabled', disabledAlerts: [] }, 'Default').slice(1)],
    unknown: [withChild('securityAlertPolicies', { state: 'Enabled', disabledAlerts: param('disabledAlerts', 'array') }, 'Default').slice(1)],
  }),
];

