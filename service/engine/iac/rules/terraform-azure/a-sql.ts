// Azure SQL (azurerm_mssql_* and the older azurerm_sql_*): network, TLS, Entra ID, auditing, threat
// detection, transparent data encryption, and the firewall rules shared by every Azure database server.
import { expect, forbid, when, type Check } from '../../helpers';
import type { IacResource, IacRule, RuleContext, Verdict } from '../../types';
import { asNumber, isUnknown, lookup } from '../../values';
import { attributeRule, docs, firstPassing, linkedTo, plan, plan1, refersTo, requireSet, tf, tfVar } from './a-common';

const SERVER = 'azurerm_mssql_server';
const SQL_SERVER = 'azurerm_sql_server';
const DATABASE = 'azurerm_mssql_database';
const SERVER_AUDIT = 'azurerm_mssql_server_extended_auditing_policy';
const DB_AUDIT = 'azurerm_mssql_database_extended_auditing_policy';
const ALERT_POLICY = 'azurerm_mssql_server_security_alert_policy';
const TDE = 'azurerm_mssql_server_transparent_data_encryption';
const AAD_ADMIN = 'azurerm_sql_active_directory_administrator';

const SERVERS = [SERVER, SQL_SERVER];

export const sqlPublicNetworkAccess = attributeRule({
  id: 'IAC-TF-AZ-SQL-PUBLIC-NETWORK-ACCESS',
  title: 'SQL server is reachable from public networks',
  severity: 'medium',
  description: 'With public network access enabled (the azurerm default) the logical server accepts connections on its public endpoint, subject only to its firewall rules.',
  remediation: 'Set public_network_access_enabled = false and connect through private endpoints.',
  checkov: 'CKV_AZURE_113',
  cwe: ['CWE-284'],
  types: [SERVER],
  paths: ['public_network_access_enabled'],
  good: false,
  bad: true,
  whenMissing: 'fail',
  plan: true,
});

export const sqlMinTls = attributeRule({
  id: 'IAC-TF-AZ-SQL-MIN-TLS',
  title: 'SQL server allows TLS older than 1.2',
  severity: 'high',
  description:
    'A minimum TLS version of 1.0 or 1.1 (or "Disabled") lets clients connect with protocol versions that have known weaknesses. azurerm defaults it to 1.2, so an unset minimum_tls_version passes (Checkov fails it).',
  remediation: 'Set minimum_tls_version = "1.2", or remove the argument.',
  checkov: 'CKV_AZURE_52',
  cwe: ['CWE-326'],
  types: [SERVER],
  paths: ['minimum_tls_version'],
  good: ['1.2', '1.3'],
  bad: '1.0',
  whenMissing: 'pass',
  plan: true,
});

const AAD_BLOCK = 'azuread_administrator {\n  login_username = "sql-admins"\n  object_id      = "00000000-0000-0000-0000-000000000000"\n}';

/** An azuread_administrator block, or an azurerm_sql_active_directory_administrator naming the server. */
const entraAdmin: Check = (r, ctx) => {
  const inline = requireSet('azuread_administrator.login_username', 'azuread_administrator.object_id')(r, ctx) as Verdict;
  if (inline.outcome !== 'fail') return inline;
  const separate = linkedTo(ctx, r, [AAD_ADMIN], ['server_name', 'server_id']);
  if (separate.length) return firstPassing(separate, ctx, requireSet('login', 'object_id')) ?? { outcome: 'fail', path: 'azuread_administrator' };
  return { outcome: 'fail', path: 'azuread_administrator' };
};

export const sqlEntraAdmin: IacRule = {
  id: 'IAC-TF-AZ-SQL-ENTRA-ADMIN',
  title: 'SQL server has no Microsoft Entra administrator',
  severity: 'medium',
  // The resource that satisfies it may live in another configuration.
  confidence: 'medium',
  description: 'Without an Entra ID administrator only SQL logins can manage the server: no MFA, no central revocation, and passwords to rotate by hand.',
  remediation: 'Add an azuread_administrator block (login_username, object_id) naming an Entra group.',
  remediationSnippet: tf(SERVER, AAD_BLOCK).trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/authentication-aad-configure',
  checkov: 'CKV2_AZURE_7',
  cis: ['CIS Azure 4.1.4'],
  cwe: ['CWE-287'],
  model: 'terraform',
  resourceTypes: SERVERS,
  check: entraAdmin,
  examples: {
    hcl: {
      fail: [tf(SERVER, 'version                      = "12.0"\nadministrator_login          = "sqladmin"\nadministrator_login_password = var.sql_password')],
      pass: [
        tf(SERVER, `version = "12.0"\n${AAD_BLOCK}`),
        `${tf(SQL_SERVER, 'version = "12.0"', 'legacy')}\n${tf(AAD_ADMIN, 'server_name = azurerm_sql_server.legacy.name\nlogin       = "sql-admins"\nobject_id   = "00000000-0000-0000-0000-000000000000"\ntenant_id   = "00000000-0000-0000-0000-000000000000"')}`,
      ],
      unknown: [tfVar('admin_group', SERVER, 'azuread_administrator {\n  login_username = var.admin_group\n}')],
    },
    tfplan: {
      fail: [plan1(SERVER, { name: 'sql-prod', version: '12.0', azuread_administrator: [] })],
      pass: [plan1(SERVER, { name: 'sql-prod', version: '12.0', azuread_administrator: [{ login_username: 'sql-admins', object_id: '00000000-0000-0000-0000-000000000000', azuread_authentication_only: true }] })],
    },
  },
};

export const sqlEntraOnly: IacRule = {
  id: 'IAC-TF-AZ-SQL-ENTRA-ONLY-AUTH',
  title: 'SQL server still accepts SQL authentication',
  severity: 'low',
  description: 'With an Entra administrator but azuread_authentication_only off, SQL logins (passwords, no MFA) still work alongside Entra ID and remain a way in.',
  remediation: 'Set azuread_administrator { azuread_authentication_only = true }.',
  remediationSnippet: tf(SERVER, 'azuread_administrator {\n  login_username              = "sql-admins"\n  object_id                   = "00000000-0000-0000-0000-000000000000"\n  azuread_authentication_only = true\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/authentication-azure-ad-only-authentication',
  cwe: ['CWE-287'],
  model: 'terraform',
  resourceTypes: [SERVER],
  check: when((r) => lookup(r.attributes, 'azuread_administrator').some((f) => !Array.isArray(f.value) || f.value.length > 0), expect('azuread_administrator.azuread_authentication_only', true)),
  examples: {
    hcl: {
      fail: [tf(SERVER, AAD_BLOCK), tf(SERVER, 'azuread_administrator {\n  login_username              = "sql-admins"\n  object_id                   = "00000000-0000-0000-0000-000000000000"\n  azuread_authentication_only = false\n}')],
      pass: [tf(SERVER, 'azuread_administrator {\n  login_username              = "sql-admins"\n  object_id                   = "00000000-0000-0000-0000-000000000000"\n  azuread_authentication_only = true\n}')],
      unknown: [tfVar('entra_only', SERVER, 'azuread_administrator {\n  login_username              = "sql-admins"\n  azuread_authentication_only = var.entra_only\n}')],
    },
  },
};

/** The server's extended auditing: inline (azurerm_sql_server, 2.x) or an azurerm_mssql_server_extended_auditing_policy for it. */
function serverAuditing(r: IacResource, ctx: RuleContext): Verdict {
  if (lookup(r.attributes, 'extended_auditing_policy').some((f) => !Array.isArray(f.value) || f.value.length)) {
    return [forbid('extended_auditing_policy.enabled', false)(r, ctx)].flat()[0] as Verdict;
  }
  const policies = linkedTo(ctx, r, [SERVER_AUDIT], ['server_id']);
  if (!policies.length) return { outcome: 'fail', path: 'extended_auditing_policy', message: `SQL server ${r.address} has no extended auditing policy in this configuration` };
  return firstPassing(policies, ctx, forbid('enabled', false)) ?? { outcome: 'fail', path: 'extended_auditing_policy', message: `The auditing policy of SQL server ${r.address} is disabled` };
}

const AUDIT_POLICY = `${tf(SERVER, 'version = "12.0"', 'main')}\n${tf(SERVER_AUDIT, 'server_id              = azurerm_mssql_server.main.id\nlog_monitoring_enabled = true\nretention_in_days      = 90')}`;

export const sqlAuditing: IacRule = {
  id: 'IAC-TF-AZ-SQL-AUDITING',
  title: 'SQL server auditing is not enabled',
  severity: 'medium',
  // The resource that satisfies it may live in another configuration.
  confidence: 'medium',
  description: 'Server auditing records logins, queries and permission changes on every database of the server; without it, misuse and data theft leave no trace.',
  remediation: 'Add an azurerm_mssql_server_extended_auditing_policy for the server (to Log Analytics, Event Hubs or a storage account).',
  remediationSnippet: tf(SERVER_AUDIT, 'server_id              = azurerm_mssql_server.example.id\nlog_monitoring_enabled = true\nretention_in_days      = 90').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/auditing-overview',
  checkov: 'CKV_AZURE_23',
  cis: ['CIS Azure 4.1.1'],
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: SERVERS,
  check: serverAuditing,
  examples: {
    hcl: {
      fail: [
        tf(SERVER, 'version = "12.0"'),
        `${tf(SERVER, 'version = "12.0"', 'main')}\n${tf(SERVER_AUDIT, 'server_id = azurerm_mssql_server.main.id\nenabled   = false')}`,
      ],
      pass: [AUDIT_POLICY, tf(SQL_SERVER, 'version = "12.0"\nextended_auditing_policy {\n  storage_endpoint  = azurerm_storage_account.audit.primary_blob_endpoint\n  retention_in_days = 90\n}')],
      unknown: [`variable "auditing" {}\n\n${tf(SERVER, 'version = "12.0"', 'main')}\n${tf(SERVER_AUDIT, 'server_id = azurerm_mssql_server.main.id\nenabled   = var.auditing')}`],
    },
  },
};

/** Retention 0 means "keep forever"; otherwise at least 90 days. */
const retention90 = (v: unknown): boolean => {
  const n = asNumber(v as never);
  return n !== undefined && (n === 0 || n >= 90);
};

export const sqlAuditRetention: IacRule = {
  id: 'IAC-TF-AZ-SQL-AUDIT-RETENTION',
  title: 'SQL server audit logs are kept for less than 90 days',
  severity: 'medium',
  description:
    'Breaches are often found months later; audit records kept for less than 90 days may be gone by then. retention_in_days = 0 (the default) keeps them indefinitely, so it passes here (Checkov fails 0), and a server without an inline extended_auditing_policy is left to the auditing rule rather than failed.',
  remediation: 'Set retention_in_days to 0 (unlimited) or at least 90 on the auditing policy.',
  remediationSnippet: tf(SERVER_AUDIT, 'server_id         = azurerm_mssql_server.example.id\nretention_in_days = 90').trimEnd(),
  helpUri: docs(SERVER_AUDIT),
  checkov: 'CKV_AZURE_24',
  cis: ['CIS Azure 4.1.6'],
  cwe: ['CWE-779'],
  model: 'terraform',
  resourceTypes: [SERVER_AUDIT, SQL_SERVER, SERVER],
  check: (r, ctx) =>
    r.type !== SERVER_AUDIT
      ? when((x) => lookup(x.attributes, 'extended_auditing_policy').length > 0, expect('extended_auditing_policy.retention_in_days', retention90, { whenMissing: 'pass' }))(r, ctx)
      : expect('retention_in_days', retention90, { whenMissing: 'pass' })(r, ctx),
  examples: {
    hcl: {
      fail: [tf(SERVER_AUDIT, 'server_id         = azurerm_mssql_server.main.id\nretention_in_days = 30'), tf(SQL_SERVER, 'extended_auditing_policy {\n  retention_in_days = 7\n}'), tf(SERVER, 'version = "12.0"\nextended_auditing_policy {\n  retention_in_days = 30\n}')],
      pass: [tf(SERVER, 'version = "12.0"\nextended_auditing_policy {\n  retention_in_days = 120\n}'), tf(SERVER_AUDIT, 'server_id         = azurerm_mssql_server.main.id\nretention_in_days = 90'), tf(SERVER_AUDIT, 'server_id = azurerm_mssql_server.main.id'), tf(SERVER_AUDIT, 'server_id         = azurerm_mssql_server.main.id\nretention_in_days = 0')],
      unknown: [tfVar('days', SERVER_AUDIT, 'server_id         = azurerm_mssql_server.main.id\nretention_in_days = var.days')],
    },
    tfplan: {
      fail: [plan1(SERVER_AUDIT, { enabled: true, log_monitoring_enabled: true, retention_in_days: 30 })],
      pass: [plan1(SERVER_AUDIT, { enabled: true, log_monitoring_enabled: true, retention_in_days: 180 })],
    },
  },
};

export const sqlDatabaseAuditRetention: IacRule = {
  id: 'IAC-TF-AZ-SQL-DATABASE-AUDIT-RETENTION',
  title: 'SQL database audit logs are kept for less than 90 days',
  severity: 'low',
  description: 'A database-level auditing policy that keeps records for less than 90 days may lose the evidence an investigation needs. retention_in_days = 0 (the default) keeps them indefinitely.',
  remediation: 'Set retention_in_days to 0 (unlimited) or at least 90.',
  remediationSnippet: tf(DB_AUDIT, 'database_id       = azurerm_mssql_database.example.id\nretention_in_days = 90').trimEnd(),
  helpUri: docs(DB_AUDIT),
  checkov: 'CKV_AZURE_156',
  cwe: ['CWE-779'],
  model: 'terraform',
  resourceTypes: [DB_AUDIT],
  check: expect('retention_in_days', retention90, { whenMissing: 'pass' }),
  examples: {
    hcl: {
      fail: [tf(DB_AUDIT, 'database_id       = azurerm_mssql_database.app.id\nretention_in_days = 14')],
      pass: [tf(DB_AUDIT, 'database_id       = azurerm_mssql_database.app.id\nretention_in_days = 365')],
      unknown: [tfVar('days', DB_AUDIT, 'database_id       = azurerm_mssql_database.app.id\nretention_in_days = var.days')],
    },
  },
};

/** The server's database, audited by its own policy or by the server's. */
const databaseAuditing: Check = (r, ctx) => {
  const own = linkedTo(ctx, r, [DB_AUDIT], ['database_id']);
  if (own.length) {
    const v = firstPassing(own, ctx, forbid('enabled', false));
    if (v) return v;
  }
  const serverId = r.attributes.server_id;
  const servers = SERVERS.flatMap((t) => ctx.ofType(t)).filter((s) => refersTo(serverId, s.address));
  if (servers.length) {
    const v = serverAuditing(servers[0], ctx);
    if (v.outcome === 'pass') return { outcome: 'pass', path: 'server_id', message: v.message };
    return { outcome: 'fail', path: 'server_id', message: `SQL database ${r.address} is audited neither by its own policy nor by its server ${servers[0].address}` };
  }
  if (isUnknown(serverId)) return { outcome: 'unknown', path: 'server_id', value: serverId, reason: 'the server is not in this configuration: its auditing cannot be seen' };
  return { outcome: 'fail', path: 'server_id', message: `SQL database ${r.address} has no auditing policy` };
};

export const sqlDatabaseAuditing: IacRule = {
  id: 'IAC-TF-AZ-SQL-DATABASE-AUDITING',
  title: 'SQL database is not audited',
  severity: 'medium',
  // The resource that satisfies it may live in another configuration.
  confidence: 'medium',
  description: 'A database whose server has no auditing policy and that has none of its own leaves no record of logins, queries or permission changes.',
  remediation: 'Audit at the server (azurerm_mssql_server_extended_auditing_policy) or add an azurerm_mssql_database_extended_auditing_policy for the database.',
  remediationSnippet: tf(DB_AUDIT, 'database_id            = azurerm_mssql_database.example.id\nlog_monitoring_enabled = true\nretention_in_days      = 90').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/auditing-overview',
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [DATABASE],
  check: databaseAuditing,
  examples: {
    hcl: {
      fail: [`${tf(SERVER, 'version = "12.0"', 'main')}\n${tf(DATABASE, 'name      = "app"\nserver_id = azurerm_mssql_server.main.id', 'app')}`],
      pass: [
        `${AUDIT_POLICY}\n${tf(DATABASE, 'name      = "app"\nserver_id = azurerm_mssql_server.main.id', 'app')}`,
        `${tf(DATABASE, 'name      = "app"\nserver_id = azurerm_mssql_server.main.id', 'app')}\n${tf(DB_AUDIT, 'database_id       = azurerm_mssql_database.app.id\nretention_in_days = 90')}`,
      ],
      unknown: [tfVar('server_id', DATABASE, 'name      = "app"\nserver_id = var.server_id', 'app')],
    },
  },
};

/** An azurerm_mssql_server_security_alert_policy for the server, in state Enabled. */
const threatDetection: Check = (r, ctx) => {
  const policies = linkedTo(ctx, r, [ALERT_POLICY], ['server_name']);
  if (!policies.length) return { outcome: 'fail', path: 'security_alert_policy', message: `SQL server ${r.address} has no security alert policy (Advanced Threat Protection) in this configuration` };
  return firstPassing(policies, ctx, expect('state', 'Enabled')) ?? { outcome: 'fail', path: 'security_alert_policy', message: `The security alert policy of SQL server ${r.address} is not enabled` };
};

const ALERT_POLICY_FOR_MAIN = 'resource_group_name  = azurerm_resource_group.rg.name\nserver_name          = azurerm_mssql_server.main.name\nstate                = "Enabled"\nemail_account_admins = true\nemail_addresses      = ["secops@example.com"]';

export const sqlThreatDetection: IacRule = {
  id: 'IAC-TF-AZ-SQL-THREAT-DETECTION',
  title: 'SQL server has no threat detection (security alert policy)',
  severity: 'medium',
  // The resource that satisfies it may live in another configuration.
  confidence: 'medium',
  description:
    'Advanced Threat Protection alerts on SQL injection, brute force and anomalous access; without an enabled security alert policy these attacks go unnoticed. A server with no alert policy at all fails here (Checkov only fails a policy that is attached and not Enabled).',
  remediation: 'Add an azurerm_mssql_server_security_alert_policy for the server with state = "Enabled" (or enable Microsoft Defender for SQL at the subscription).',
  remediationSnippet: tf(ALERT_POLICY, ALERT_POLICY_FOR_MAIN.replace('.main.', '.example.')).trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/threat-detection-overview',
  checkov: 'CKV2_AZURE_13',
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: SERVERS,
  check: threatDetection,
  examples: {
    hcl: {
      fail: [
        tf(SERVER, 'version = "12.0"'),
        `${tf(SERVER, 'version = "12.0"', 'main')}\n${tf(ALERT_POLICY, ALERT_POLICY_FOR_MAIN.replace('"Enabled"', '"Disabled"'))}`,
      ],
      pass: [`${tf(SERVER, 'version = "12.0"', 'main')}\n${tf(ALERT_POLICY, ALERT_POLICY_FOR_MAIN)}`],
      unknown: [`variable "state" {}\n\n${tf(SERVER, 'version = "12.0"', 'main')}\n${tf(ALERT_POLICY, 'server_name = azurerm_mssql_server.main.name\nstate       = var.state')}`],
    },
    tfplan: {
      fail: [plan({ type: SERVER, name: 'main', values: { name: 'sql-prod', version: '12.0' } })],
      pass: [
        plan(
          { type: SERVER, name: 'main', values: { name: 'sql-prod', version: '12.0' } },
          { type: ALERT_POLICY, values: { server_name: 'sql-prod', state: 'Enabled', disabled_alerts: [], email_account_admins: true } },
        ),
      ],
    },
  },
};

export const sqlAlertAllTypes: IacRule = {
  id: 'IAC-TF-AZ-SQL-ALERT-POLICY-ALL-TYPES',
  title: 'SQL security alert policy disables some threat types',
  severity: 'medium',
  description: 'Listing alert types in disabled_alerts (Sql_Injection, Data_Exfiltration, Access_Anomaly...) silences detection of those attacks.',
  remediation: 'Leave disabled_alerts empty.',
  remediationSnippet: tf(ALERT_POLICY, 'state           = "Enabled"\ndisabled_alerts = []').trimEnd(),
  helpUri: docs(ALERT_POLICY),
  checkov: 'CKV_AZURE_25',
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [ALERT_POLICY],
  check: expect('disabled_alerts', (v) => v === null || (Array.isArray(v) && v.length === 0), { whenMissing: 'pass' }),
  examples: {
    hcl: {
      fail: [tf(ALERT_POLICY, 'state           = "Enabled"\ndisabled_alerts = ["Sql_Injection", "Data_Exfiltration"]')],
      pass: [tf(ALERT_POLICY, 'state           = "Enabled"\ndisabled_alerts = []'), tf(ALERT_POLICY, 'state = "Enabled"')],
      unknown: [tfVar('disabled', ALERT_POLICY, 'state           = "Enabled"\ndisabled_alerts = var.disabled')],
    },
    tfplan: {
      fail: [plan1(ALERT_POLICY, { state: 'Enabled', disabled_alerts: ['Access_Anomaly'] })],
      pass: [plan1(ALERT_POLICY, { state: 'Enabled', disabled_alerts: [] })],
    },
  },
};

export const sqlAlertEmails: IacRule = {
  id: 'IAC-TF-AZ-SQL-ALERT-POLICY-EMAIL',
  title: 'SQL security alerts are not sent to anyone by e-mail',
  severity: 'low',
  description: 'Without e-mail recipients, threat detection alerts only appear in the portal and Defender, where they may not be seen in time.',
  remediation: 'Set email_addresses to a monitored security mailbox.',
  remediationSnippet: tf(ALERT_POLICY, 'email_addresses = ["secops@example.com"]').trimEnd(),
  helpUri: docs(ALERT_POLICY),
  checkov: 'CKV_AZURE_26',
  model: 'terraform',
  resourceTypes: [ALERT_POLICY],
  check: requireSet('email_addresses'),
  examples: {
    hcl: {
      fail: [tf(ALERT_POLICY, 'state           = "Enabled"\nemail_addresses = []'), tf(ALERT_POLICY, 'state = "Enabled"')],
      pass: [tf(ALERT_POLICY, 'state           = "Enabled"\nemail_addresses = ["secops@example.com"]')],
      unknown: [tfVar('recipients', ALERT_POLICY, 'state           = "Enabled"\nemail_addresses = var.recipients')],
    },
  },
};

export const sqlAlertEmailAdmins = attributeRule({
  id: 'IAC-TF-AZ-SQL-ALERT-POLICY-EMAIL-ADMINS',
  title: 'SQL security alerts are not sent to subscription administrators',
  severity: 'low',
  description: 'email_account_admins sends threat alerts to the subscription owners too, so someone accountable for the resources always hears of an attack. azurerm defaults it to false.',
  remediation: 'Set email_account_admins = true.',
  checkov: 'CKV_AZURE_27',
  types: [ALERT_POLICY],
  paths: ['email_account_admins'],
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: 'state = "Enabled"',
  plan: true,
});

const FIREWALL_TYPES = [
  'azurerm_mssql_firewall_rule',
  'azurerm_sql_firewall_rule',
  'azurerm_postgresql_firewall_rule',
  'azurerm_postgresql_flexible_server_firewall_rule',
  'azurerm_mysql_firewall_rule',
  'azurerm_mysql_flexible_server_firewall_rule',
  'azurerm_mariadb_firewall_rule',
  'azurerm_synapse_firewall_rule',
];

const ipNumber = (ip: string): number | undefined => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] * 256 + parts[1]) * 256 + parts[2]) * 256 + parts[3];
};

/** Judges a firewall rule's [start, end] range with `bad(start, end)`. */
function firewallRange(bad: (start: number, end: number) => boolean): Check {
  return (r) => {
    const start = r.attributes.start_ip_address;
    const end = r.attributes.end_ip_address;
    if (isUnknown(start)) return { outcome: 'unknown', path: 'start_ip_address', value: start };
    if (isUnknown(end)) return { outcome: 'unknown', path: 'end_ip_address', value: end };
    if (typeof start !== 'string' || typeof end !== 'string') return { outcome: 'not-applicable' };
    const s = ipNumber(start);
    const e = ipNumber(end);
    if (s === undefined || e === undefined) return { outcome: 'not-applicable' };
    return bad(s, e) ? { outcome: 'fail', path: 'end_ip_address', value: end, message: `${r.address} opens ${start}–${end}` } : { outcome: 'pass', path: 'start_ip_address', value: start };
  };
}

/** A range of more than a /8 (16.7 million addresses) is "the internet" for practical purposes. */
const WIDE = 2 ** 24;

export const dbFirewallAllowsInternet: IacRule = {
  id: 'IAC-TF-AZ-DB-FIREWALL-ALLOWS-INTERNET',
  title: 'Database server firewall rule allows the whole internet',
  severity: 'high',
  description: 'A firewall rule from 0.0.0.0 to 255.255.255.255 (or any range wider than a /8) lets every address on the internet try to log in to the server; only credentials stand between attackers and the data.',
  remediation: 'Replace the rule with the specific addresses or ranges that need access, or use private endpoints / VNet rules.',
  remediationSnippet: tf('azurerm_mssql_firewall_rule', 'server_id        = azurerm_mssql_server.example.id\nstart_ip_address = "203.0.113.10"\nend_ip_address   = "203.0.113.10"').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/firewall-configure',
  checkov: 'CKV_AZURE_11',
  cis: ['CIS Azure 4.1.2'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: FIREWALL_TYPES,
  check: firewallRange((s, e) => e - s + 1 > WIDE),
  examples: {
    hcl: {
      fail: [
        tf('azurerm_mssql_firewall_rule', 'server_id        = azurerm_mssql_server.main.id\nstart_ip_address = "0.0.0.0"\nend_ip_address   = "255.255.255.255"'),
        tf('azurerm_postgresql_flexible_server_firewall_rule', 'server_id        = azurerm_postgresql_flexible_server.pg.id\nstart_ip_address = "0.0.0.0"\nend_ip_address   = "223.255.255.255"'),
      ],
      pass: [
        tf('azurerm_mssql_firewall_rule', 'server_id        = azurerm_mssql_server.main.id\nstart_ip_address = "203.0.113.0"\nend_ip_address   = "203.0.113.255"'),
        tf('azurerm_mysql_flexible_server_firewall_rule', 'server_name      = azurerm_mysql_flexible_server.db.name\nstart_ip_address = "10.0.0.0"\nend_ip_address   = "10.0.255.255"'),
      ],
      unknown: [tfVar('office_end', 'azurerm_mssql_firewall_rule', 'start_ip_address = "0.0.0.0"\nend_ip_address   = var.office_end')],
    },
    tfplan: {
      fail: [plan1('azurerm_mssql_firewall_rule', { name: 'all', start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' })],
      pass: [plan1('azurerm_mssql_firewall_rule', { name: 'office', start_ip_address: '203.0.113.10', end_ip_address: '203.0.113.20' })],
    },
  },
};

export const dbFirewallAllowsAzure: IacRule = {
  id: 'IAC-TF-AZ-DB-FIREWALL-ALLOWS-AZURE-SERVICES',
  title: 'Database server firewall allows all Azure services',
  severity: 'medium',
  description: 'The 0.0.0.0–0.0.0.0 rule ("Allow Azure services and resources to access this server") admits connections from any Azure resource, including those of other customers; only credentials stop them.',
  remediation: 'Remove the 0.0.0.0 rule; give your Azure services access through VNet rules or private endpoints.',
  helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/network-access-controls-overview#allow-azure-services',
  cis: ['CIS Azure 4.3.7'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: FIREWALL_TYPES,
  check: firewallRange((s, e) => s === 0 && e === 0),
  examples: {
    hcl: {
      fail: [tf('azurerm_postgresql_firewall_rule', 'server_name      = azurerm_postgresql_server.pg.name\nstart_ip_address = "0.0.0.0"\nend_ip_address   = "0.0.0.0"')],
      pass: [tf('azurerm_postgresql_firewall_rule', 'server_name      = azurerm_postgresql_server.pg.name\nstart_ip_address = "203.0.113.10"\nend_ip_address   = "203.0.113.10"')],
      unknown: [tfVar('start', 'azurerm_mssql_firewall_rule', 'start_ip_address = var.start\nend_ip_address   = "0.0.0.0"')],
    },
  },
};

/** A key for TDE: on the server itself, or an azurerm_mssql_server_transparent_data_encryption for it. */
const tdeCustomerKey: Check = (r, ctx) => {
  const inline = requireSet('transparent_data_encryption_key_vault_key_id')(r, ctx) as Verdict;
  if (inline.outcome !== 'fail') return inline;
  const tde = linkedTo(ctx, r, [TDE], ['server_id']);
  return firstPassing(tde, ctx, requireSet('key_vault_key_id', 'managed_hsm_key_id')) ?? { outcome: 'fail', path: 'transparent_data_encryption_key_vault_key_id' };
};

export const sqlTdeCustomerKey: IacRule = {
  id: 'IAC-TF-AZ-SQL-TDE-CUSTOMER-MANAGED-KEY',
  title: 'SQL server encrypts data with a service-managed key',
  severity: 'low',
  // The resource that satisfies it may live in another configuration.
  confidence: 'medium',
  description: 'With the service-managed TDE protector you cannot rotate, revoke or audit the key that protects database files and backups; a customer-managed key in Key Vault gives that control.',
  remediation: 'Set transparent_data_encryption_key_vault_key_id on the server (with an identity that can use the key), or add azurerm_mssql_server_transparent_data_encryption with key_vault_key_id.',
  remediationSnippet: tf(TDE, 'server_id        = azurerm_mssql_server.example.id\nkey_vault_key_id = azurerm_key_vault_key.tde.id').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-byok-overview',
  cis: ['CIS Azure 4.1.3'],
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [SERVER],
  check: tdeCustomerKey,
  examples: {
    hcl: {
      fail: [tf(SERVER, 'version = "12.0"'), `${tf(SERVER, 'version = "12.0"', 'main')}\n${tf(TDE, 'server_id = azurerm_mssql_server.main.id')}`],
      pass: [
        tf(SERVER, 'version                                      = "12.0"\ntransparent_data_encryption_key_vault_key_id = azurerm_key_vault_key.tde.id'),
        `${tf(SERVER, 'version = "12.0"', 'main')}\n${tf(TDE, 'server_id        = azurerm_mssql_server.main.id\nkey_vault_key_id = azurerm_key_vault_key.tde.id')}`,
      ],
    },
  },
};

export const sqlDatabaseTde = attributeRule({
  id: 'IAC-TF-AZ-SQL-DATABASE-TDE-DISABLED',
  title: 'SQL database has transparent data encryption turned off',
  severity: 'high',
  description: 'Without TDE, database files, logs and backups are stored unencrypted. It is on by default and can only be turned off on some (data warehouse) databases.',
  remediation: 'Remove transparent_data_encryption_enabled = false.',
  cis: ['CIS Azure 4.1.5'],
  checkov: 'CKV2_AZURE_25',
  cwe: ['CWE-311'],
  types: [DATABASE],
  paths: ['transparent_data_encryption_enabled'],
  good: true,
  bad: false,
  whenMissing: 'pass',
  plan: true,
});

export const sqlDatabaseLedger = attributeRule({
  id: 'IAC-TF-AZ-SQL-DATABASE-LEDGER',
  title: 'SQL database does not use ledger',
  severity: 'low',
  description: 'Ledger keeps a cryptographic, tamper-evident history of changes, so altered records can be detected. Useful for databases that must prove data integrity; it can only be set at creation.',
  remediation: 'Set ledger_enabled = true on databases that need tamper evidence (forces a new database).',
  checkov: 'CKV_AZURE_224',
  cwe: ['CWE-345'],
  types: [DATABASE],
  paths: ['ledger_enabled'],
  good: true,
  bad: false,
  whenMissing: 'fail',
  plan: true,
});

export const sqlRules: readonly IacRule[] = [
  sqlPublicNetworkAccess,
  sqlMinTls,
  sqlEntraAdmin,
  sqlEntraOnly,
  sqlAuditing,
  sqlAuditRetention,
  sqlDatabaseAuditRetention,
  sqlDatabaseAuditing,
  sqlThreatDetection,
  sqlAlertAllTypes,
  sqlAlertEmails,
  sqlAlertEmailAdmins,
  dbFirewallAllowsInternet,
  dbFirewallAllowsAzure,
  sqlTdeCustomerKey,
  sqlDatabaseTde,
  sqlDatabaseLedger,
];
