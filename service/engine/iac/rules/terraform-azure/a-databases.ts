// Azure Database for PostgreSQL and MySQL (single and flexible servers) and MariaDB: TLS, network
// exposure, backups, encryption, threat detection and the server parameters CIS asks for.
import { expect, type Check } from '../../helpers';
import type { IacRule, IacValue } from '../../types';
import { isUnknown, lookup } from '../../values';
import { attributeRule, docs, plan1, presentPath, tf, tfVar } from './a-common';

const PG = 'azurerm_postgresql_server';
const PG_FLEX = 'azurerm_postgresql_flexible_server';
const PG_CONFIG = 'azurerm_postgresql_configuration';
const PG_FLEX_CONFIG = 'azurerm_postgresql_flexible_server_configuration';
const MYSQL = 'azurerm_mysql_server';
const MYSQL_FLEX = 'azurerm_mysql_flexible_server';
const MYSQL_FLEX_CONFIG = 'azurerm_mysql_flexible_server_configuration';
const MARIADB = 'azurerm_mariadb_server';

/** ssl_enforcement_enabled = true (azurerm 3.x+, required) or ssl_enforcement = "Enabled" (2.x). */
const sslEnforced: Check = (r, ctx) => {
  const p = presentPath(r, ['ssl_enforcement_enabled', 'ssl_enforcement']);
  if (p === 'ssl_enforcement') return expect(p, 'Enabled', { ignoreCase: true })(r, ctx);
  return expect('ssl_enforcement_enabled', true)(r, ctx);
};

function sslRule(type: string, id: string, engine: string, checkov: string, cis?: string): IacRule {
  return {
    id,
    checkov,
    ...(cis ? { cis: [cis] } : {}),
    severity: 'high',
    title: `${engine} server does not enforce SSL connections`,
    description: `Without SSL enforcement, clients may connect to the ${engine} server in clear text; credentials and query results can be read or changed on the network.`,
    remediation: 'Set ssl_enforcement_enabled = true.',
    remediationSnippet: tf(type, 'ssl_enforcement_enabled          = true\nssl_minimal_tls_version_enforced = "TLS1_2"').trimEnd(),
    helpUri: docs(type),
    cwe: ['CWE-319'],
    model: 'terraform',
    resourceTypes: [type],
    check: sslEnforced,
    examples: {
      hcl: {
        fail: [tf(type, 'sku_name                = "GP_Gen5_2"\nssl_enforcement_enabled = false'), tf(type, 'sku_name        = "GP_Gen5_2"\nssl_enforcement = "Disabled"'), tf(type, 'sku_name = "GP_Gen5_2"')],
        pass: [tf(type, 'sku_name                = "GP_Gen5_2"\nssl_enforcement_enabled = true'), tf(type, 'sku_name        = "GP_Gen5_2"\nssl_enforcement = "Enabled"')],
        unknown: [tfVar('ssl', type, 'sku_name                = "GP_Gen5_2"\nssl_enforcement_enabled = var.ssl')],
      },
      tfplan: {
        fail: [plan1(type, { sku_name: 'GP_Gen5_2', ssl_enforcement_enabled: false })],
        pass: [plan1(type, { sku_name: 'GP_Gen5_2', ssl_enforcement_enabled: true })],
      },
    },
  };
}

const minTls = (type: string, engine: string, checkov: string, cis?: string) =>
  attributeRule({
    id: `IAC-TF-AZ-${engine.toUpperCase()}-MIN-TLS`,
    title: `${engine} server allows TLS older than 1.2`,
    severity: 'high',
    description: `ssl_minimal_tls_version_enforced below TLS1_2 (or TLSEnforcementDisabled) lets clients connect to the ${engine} server with protocol versions that have known weaknesses. azurerm defaults it to TLS1_2.`,
    remediation: 'Set ssl_minimal_tls_version_enforced = "TLS1_2", or remove the argument.',
    checkov,
    ...(cis ? { cis: [cis] } : {}),
    cwe: ['CWE-326'],
    types: [type],
    paths: ['ssl_minimal_tls_version_enforced'],
    good: ['TLS1_2', 'TLS1_3'],
    bad: 'TLS1_0',
    whenMissing: 'pass',
    context: 'ssl_enforcement_enabled = true',
  });

const publicAccess = (type: string, engine: string, checkov: string) =>
  attributeRule({
    id: `IAC-TF-AZ-${engine.toUpperCase()}-PUBLIC-NETWORK-ACCESS`,
    title: `${engine} server is reachable from public networks`,
    severity: 'medium',
    description: `With public network access enabled (the azurerm default) the ${engine} server accepts connections on its public endpoint, limited only by firewall rules.`,
    remediation: 'Set public_network_access_enabled = false and connect through private endpoints.',
    checkov,
    cwe: ['CWE-284'],
    types: [type],
    paths: ['public_network_access_enabled'],
    good: false,
    bad: true,
    whenMissing: 'fail',
    plan: true,
  });

const geoBackup = (type: string, engine: string, checkov?: string, idPart = engine.toUpperCase()) =>
  attributeRule({
    id: `IAC-TF-AZ-${idPart}-GEO-BACKUP`,
    title: `${engine} server backups are not geo-redundant`,
    severity: 'low',
    description: `Locally redundant backups are lost with the region; geo-redundant backups let the ${engine} server be restored in the paired region after a regional disaster. azurerm defaults geo_redundant_backup_enabled to false, and it can only be set at creation.`,
    remediation: 'Set geo_redundant_backup_enabled = true (forces a new server).',
    ...(checkov ? { checkov } : {}),
    types: [type],
    paths: ['geo_redundant_backup_enabled'],
    good: true,
    bad: false,
    whenMissing: 'fail',
  });

const infraEncryption = (type: string, engine: string, checkov: string, cis?: string) =>
  attributeRule({
    id: `IAC-TF-AZ-${engine.toUpperCase()}-INFRASTRUCTURE-ENCRYPTION`,
    title: `${engine} server does not use infrastructure (double) encryption`,
    severity: 'low',
    description: `Infrastructure encryption adds a second layer of encryption, with a separate key, to the ${engine} server's data at rest. It can only be chosen at creation.`,
    remediation: 'Set infrastructure_encryption_enabled = true (forces a new server).',
    checkov,
    ...(cis ? { cis: [cis] } : {}),
    cwe: ['CWE-311'],
    types: [type],
    paths: ['infrastructure_encryption_enabled'],
    good: true,
    bad: false,
    whenMissing: 'fail',
  });

const threatDetection = (type: string, engine: string, checkov: string): IacRule => ({
  id: `IAC-TF-AZ-${engine.toUpperCase()}-THREAT-DETECTION`,
  title: `${engine} server has no threat detection policy`,
  severity: 'medium',
  description: `Threat detection alerts on suspicious database activity (SQL injection, brute force, access from unusual places); without it attacks on the ${engine} server go unnoticed.`,
  remediation: 'Add threat_detection_policy { enabled = true, email_addresses = [...] }.',
  remediationSnippet: tf(type, 'threat_detection_policy {\n  enabled              = true\n  email_account_admins = true\n}').trimEnd(),
  helpUri: docs(type),
  checkov,
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [type],
  check: expect('threat_detection_policy.enabled', true),
  examples: {
    hcl: {
      fail: [tf(type, 'sku_name = "GP_Gen5_2"'), tf(type, 'threat_detection_policy {\n  enabled = false\n}')],
      pass: [tf(type, 'threat_detection_policy {\n  enabled              = true\n  email_account_admins = true\n}')],
      unknown: [tfVar('detect', type, 'threat_detection_policy {\n  enabled = var.detect\n}')],
    },
    tfplan: {
      fail: [plan1(type, { sku_name: 'GP_Gen5_2', threat_detection_policy: [] })],
      pass: [plan1(type, { sku_name: 'GP_Gen5_2', threat_detection_policy: [{ enabled: true, email_account_admins: true }] })],
    },
  },
});

// ---------------------------------------------------------------------------------------------
// Server parameters: an azurerm_*_configuration resource that sets one parameter.

/** The server type each configuration resource belongs to. */
const SERVER_OF: Record<string, string> = { [PG_CONFIG]: PG, [PG_FLEX_CONFIG]: PG_FLEX, [MYSQL_FLEX_CONFIG]: MYSQL_FLEX };

interface ParameterSpec {
  id: string;
  title: string;
  severity: IacRule['severity'];
  description: string;
  checkov?: string;
  cis?: string;
  cwe?: string;
  types: readonly string[];
  /** The parameter's names (single server, flexible server). */
  names: readonly string[];
  good: string;
  bad: string;
  /** Whether a value is acceptable. */
  ok: (value: string) => boolean;
}

function parameterRule(spec: ParameterSpec): IacRule {
  const { names, good, bad, ok, types } = spec;
  const server = types[0].endsWith('flexible_server_configuration') ? 'server_id   = ' : 'server_name = ';
  const serverRef = SERVER_OF[types[0]];
  const body = (name: string, value: string) => `name        = "${name}"\n${server}${serverRef}.db.${server.startsWith('server_id') ? 'id' : 'name'}\nvalue       = ${value}`;
  const check: Check = (r, ctx) => {
    const name = r.attributes.name;
    if (isUnknown(name)) return { outcome: 'unknown', path: 'name', value: name };
    if (typeof name !== 'string' || !names.some((n) => n.toLowerCase() === name.toLowerCase())) return { outcome: 'not-applicable' };
    return expect('value', (v: IacValue) => typeof v === 'string' && ok(v))(r, ctx);
  };
  return {
    id: spec.id,
    title: spec.title,
    severity: spec.severity,
    description: spec.description,
    remediation: `Set the ${names[0]} server parameter to ${good} (remove the configuration resource that sets it to ${bad}).`,
    remediationSnippet: tf(types[0], body(names[0], `"${good}"`)).trimEnd(),
    helpUri: docs(types[0]),
    ...(spec.checkov ? { checkov: spec.checkov } : {}),
    ...(spec.cis ? { cis: [spec.cis] } : {}),
    ...(spec.cwe ? { cwe: [spec.cwe] } : {}),
    model: 'terraform',
    resourceTypes: types,
    check,
    examples: {
      hcl: {
        fail: [tf(types[0], body(names[0], `"${bad}"`))],
        pass: [tf(types[0], body(names[0], `"${good}"`))],
        unknown: [tfVar('setting', types[0], body(names[0], 'var.setting'))],
      },
      tfplan: {
        fail: [plan1(types[0], { name: names[0], value: bad })],
        pass: [plan1(types[0], { name: names[0], value: good })],
      },
    },
  };
}

const isOn = (v: string) => v.trim().toLowerCase() === 'on';

export const postgresLogCheckpoints = parameterRule({
  id: 'IAC-TF-AZ-POSTGRESQL-LOG-CHECKPOINTS',
  title: 'PostgreSQL server does not log checkpoints',
  severity: 'low',
  description: 'log_checkpoints records checkpoints and restart points in the server log; turning it off removes information needed to diagnose and investigate server activity.',
  checkov: 'CKV_AZURE_30',
  cis: 'CIS Azure 4.3.2',
  cwe: 'CWE-778',
  types: [PG_CONFIG, PG_FLEX_CONFIG],
  names: ['log_checkpoints'],
  good: 'on',
  bad: 'off',
  ok: isOn,
});

export const postgresLogConnections = parameterRule({
  id: 'IAC-TF-AZ-POSTGRESQL-LOG-CONNECTIONS',
  title: 'PostgreSQL server does not log connections',
  severity: 'medium',
  description: 'log_connections records each connection attempt and successful authentication; without it, brute-force attempts and unexpected clients leave no trace.',
  checkov: 'CKV_AZURE_31',
  cis: 'CIS Azure 4.3.3',
  cwe: 'CWE-778',
  types: [PG_CONFIG, PG_FLEX_CONFIG],
  names: ['log_connections'],
  good: 'on',
  bad: 'off',
  ok: isOn,
});

export const postgresLogDisconnections = parameterRule({
  id: 'IAC-TF-AZ-POSTGRESQL-LOG-DISCONNECTIONS',
  title: 'PostgreSQL server does not log disconnections',
  severity: 'low',
  description: 'log_disconnections records the end of each session and its duration, which together with connection logs shows who used the server and for how long.',
  cis: 'CIS Azure 4.3.4',
  cwe: 'CWE-778',
  types: [PG_CONFIG, PG_FLEX_CONFIG],
  names: ['log_disconnections'],
  good: 'on',
  bad: 'off',
  ok: isOn,
});

export const postgresConnectionThrottling = parameterRule({
  id: 'IAC-TF-AZ-POSTGRESQL-CONNECTION-THROTTLING',
  title: 'PostgreSQL server has connection throttling turned off',
  severity: 'medium',
  description: 'Connection throttling slows down repeated failed logins from one address, which blunts password guessing and connection floods.',
  checkov: 'CKV_AZURE_32',
  cis: 'CIS Azure 4.3.5',
  cwe: 'CWE-307',
  types: [PG_CONFIG, PG_FLEX_CONFIG],
  names: ['connection_throttling', 'connection_throttle.enable'],
  good: 'on',
  bad: 'off',
  ok: isOn,
});

export const postgresFlexSecureTransport = parameterRule({
  id: 'IAC-TF-AZ-POSTGRESQL-FLEXIBLE-SECURE-TRANSPORT',
  title: 'PostgreSQL flexible server accepts unencrypted connections',
  severity: 'high',
  description: 'require_secure_transport = off lets clients connect without TLS, exposing credentials and data on the network. It is on by default.',
  cis: 'CIS Azure 4.3.1',
  cwe: 'CWE-319',
  types: [PG_FLEX_CONFIG],
  names: ['require_secure_transport'],
  good: 'on',
  bad: 'off',
  ok: isOn,
});

export const postgresFlexMinTls = parameterRule({
  id: 'IAC-TF-AZ-POSTGRESQL-FLEXIBLE-MIN-TLS',
  title: 'PostgreSQL flexible server allows TLS older than 1.2',
  severity: 'high',
  description: 'ssl_min_protocol_version below TLSv1.2 lets clients negotiate protocol versions with known weaknesses.',
  cwe: 'CWE-326',
  types: [PG_FLEX_CONFIG],
  names: ['ssl_min_protocol_version'],
  good: 'TLSv1.2',
  bad: 'TLSv1',
  ok: (v) => ['tlsv1.2', 'tlsv1.3'].includes(v.trim().toLowerCase()),
});

export const mysqlFlexSecureTransport = parameterRule({
  id: 'IAC-TF-AZ-MYSQL-FLEXIBLE-SECURE-TRANSPORT',
  title: 'MySQL flexible server accepts unencrypted connections',
  severity: 'high',
  description: 'require_secure_transport = OFF lets clients connect without TLS, exposing credentials and data on the network. It is ON by default.',
  cis: 'CIS Azure 4.4.1',
  cwe: 'CWE-319',
  types: [MYSQL_FLEX_CONFIG],
  names: ['require_secure_transport'],
  good: 'ON',
  bad: 'OFF',
  ok: isOn,
});

export const mysqlFlexMinTls = parameterRule({
  id: 'IAC-TF-AZ-MYSQL-FLEXIBLE-MIN-TLS',
  title: 'MySQL flexible server allows TLS older than 1.2',
  severity: 'high',
  description: 'A tls_version list that includes TLSv1 or TLSv1.1 lets clients negotiate protocol versions with known weaknesses.',
  cis: 'CIS Azure 4.4.2',
  cwe: 'CWE-326',
  types: [MYSQL_FLEX_CONFIG],
  names: ['tls_version'],
  good: 'TLSv1.2,TLSv1.3',
  bad: 'TLSv1,TLSv1.1,TLSv1.2',
  ok: (v) =>
    v
      .split(',')
      .map((x) => x.trim().toLowerCase())
      .every((x) => x === 'tlsv1.2' || x === 'tlsv1.3'),
});

export const mysqlFlexAuditLog = parameterRule({
  id: 'IAC-TF-AZ-MYSQL-FLEXIBLE-AUDIT-LOG',
  title: 'MySQL flexible server audit log is turned off',
  severity: 'medium',
  description: 'audit_log_enabled records connections and queries; without it there is no trail of who did what on the server.',
  cis: 'CIS Azure 4.4.3',
  cwe: 'CWE-778',
  types: [MYSQL_FLEX_CONFIG],
  names: ['audit_log_enabled'],
  good: 'ON',
  bad: 'OFF',
  ok: isOn,
});

export const postgresLogRetention = parameterRule({
  id: 'IAC-TF-AZ-POSTGRESQL-LOG-RETENTION',
  title: 'PostgreSQL server keeps its logs for 3 days or less',
  severity: 'low',
  description: 'Server logs (connections, checkpoints, errors) kept for only a few days are gone before most incidents are noticed; CIS asks for more than 3 days.',
  cis: 'CIS Azure 4.3.6',
  cwe: 'CWE-779',
  types: [PG_CONFIG, PG_FLEX_CONFIG],
  names: ['log_retention_days', 'logfiles.retention_days'],
  good: '7',
  bad: '3',
  ok: (v) => Number(v) > 3,
});

export const mysqlFlexAuditConnections = parameterRule({
  id: 'IAC-TF-AZ-MYSQL-FLEXIBLE-AUDIT-CONNECTIONS',
  title: 'MySQL flexible server audit log does not record connections',
  severity: 'low',
  description: 'audit_log_events without CONNECTION drops the record of logins and failed login attempts, the first thing an investigation of account misuse needs.',
  cis: 'CIS Azure 4.4.4',
  cwe: 'CWE-778',
  types: [MYSQL_FLEX_CONFIG],
  names: ['audit_log_events'],
  good: 'CONNECTION,ADMIN,DDL',
  bad: 'DDL,DML',
  ok: (v) =>
    v
      .split(',')
      .map((x) => x.trim().toUpperCase())
      .includes('CONNECTION'),
});

// ---------------------------------------------------------------------------------------------

/** Flexible servers: public when not injected into a subnet and public access is not turned off. */
const flexPublicAccess: Check = (r, ctx) => {
  const subnet = lookup(r.attributes, 'delegated_subnet_id');
  if (subnet.some((f) => typeof f.value === 'string' && f.value !== '')) return { outcome: 'pass', path: 'delegated_subnet_id', value: subnet[0].value };
  if (subnet.some((f) => isUnknown(f.value))) return { outcome: 'pass', path: 'delegated_subnet_id' };
  return expect('public_network_access_enabled', false)(r, ctx);
};

export const postgresFlexPublicAccess: IacRule = {
  id: 'IAC-TF-AZ-POSTGRESQL-FLEXIBLE-PUBLIC-NETWORK-ACCESS',
  title: 'PostgreSQL flexible server is reachable from public networks',
  severity: 'medium',
  description: 'A flexible server that is not injected into a virtual network (delegated_subnet_id) and keeps public network access (the default) accepts connections on a public endpoint, limited only by firewall rules.',
  remediation: 'Deploy it into a delegated subnet (delegated_subnet_id, private_dns_zone_id) or set public_network_access_enabled = false and use private endpoints.',
  remediationSnippet: tf(PG_FLEX, 'delegated_subnet_id           = azurerm_subnet.db.id\nprivate_dns_zone_id           = azurerm_private_dns_zone.db.id\npublic_network_access_enabled = false').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [PG_FLEX],
  check: flexPublicAccess,
  examples: {
    hcl: {
      fail: [tf(PG_FLEX, 'version  = "16"\nsku_name = "GP_Standard_D2s_v3"'), tf(PG_FLEX, 'version                       = "16"\npublic_network_access_enabled = true')],
      pass: [
        tf(PG_FLEX, 'version                       = "16"\ndelegated_subnet_id           = azurerm_subnet.db.id\nprivate_dns_zone_id           = azurerm_private_dns_zone.db.id\npublic_network_access_enabled = false'),
        tf(PG_FLEX, 'version                       = "16"\npublic_network_access_enabled = false'),
      ],
      unknown: [tfVar('public', PG_FLEX, 'version                       = "16"\npublic_network_access_enabled = var.public')],
    },
    tfplan: {
      fail: [plan1(PG_FLEX, { version: '16', delegated_subnet_id: null, public_network_access_enabled: true })],
      pass: [plan1(PG_FLEX, { version: '16', delegated_subnet_id: null, public_network_access_enabled: false })],
    },
  },
};

export const postgresSsl = sslRule(PG, 'IAC-TF-AZ-POSTGRESQL-SSL-ENFORCED', 'PostgreSQL', 'CKV_AZURE_29', 'CIS Azure 4.3.1');
export const mysqlSsl = sslRule(MYSQL, 'IAC-TF-AZ-MYSQL-SSL-ENFORCED', 'MySQL', 'CKV_AZURE_28', 'CIS Azure 4.4.1');
export const mariadbSsl = sslRule(MARIADB, 'IAC-TF-AZ-MARIADB-SSL-ENFORCED', 'MariaDB', 'CKV_AZURE_47');

export const postgresMinTls = minTls(PG, 'PostgreSQL', 'CKV_AZURE_147');
export const mysqlMinTls = minTls(MYSQL, 'MySQL', 'CKV_AZURE_54', 'CIS Azure 4.4.2');

export const postgresPublic = publicAccess(PG, 'PostgreSQL', 'CKV_AZURE_68');
export const mysqlPublic = publicAccess(MYSQL, 'MySQL', 'CKV_AZURE_53');
export const mariadbPublic = publicAccess(MARIADB, 'MariaDB', 'CKV_AZURE_48');

export const postgresGeoBackup = geoBackup(PG, 'PostgreSQL', 'CKV_AZURE_102');
export const postgresFlexGeoBackup = geoBackup(PG_FLEX, 'PostgreSQL flexible', 'CKV_AZURE_136', 'POSTGRESQL-FLEXIBLE');
export const mysqlGeoBackup = geoBackup(MYSQL, 'MySQL', 'CKV_AZURE_94');
export const mysqlFlexGeoBackup = geoBackup(MYSQL_FLEX, 'MySQL flexible', undefined, 'MYSQL-FLEXIBLE');
export const mariadbGeoBackup = geoBackup(MARIADB, 'MariaDB', 'CKV_AZURE_129');

export const postgresInfraEncryption = infraEncryption(PG, 'PostgreSQL', 'CKV_AZURE_130', 'CIS Azure 4.3.8');
export const mysqlInfraEncryption = infraEncryption(MYSQL, 'MySQL', 'CKV_AZURE_96');

export const postgresThreatDetection = threatDetection(PG, 'PostgreSQL', 'CKV_AZURE_128');
export const mysqlThreatDetection = threatDetection(MYSQL, 'MySQL', 'CKV_AZURE_127');

export const databaseRules: readonly IacRule[] = [
  postgresSsl,
  postgresMinTls,
  postgresPublic,
  postgresGeoBackup,
  postgresInfraEncryption,
  postgresThreatDetection,
  postgresLogCheckpoints,
  postgresLogConnections,
  postgresLogDisconnections,
  postgresConnectionThrottling,
  postgresLogRetention,
  postgresFlexPublicAccess,
  postgresFlexGeoBackup,
  postgresFlexSecureTransport,
  postgresFlexMinTls,
  mysqlSsl,
  mysqlMinTls,
  mysqlPublic,
  mysqlGeoBackup,
  mysqlInfraEncryption,
  mysqlThreatDetection,
  mysqlFlexGeoBackup,
  mysqlFlexSecureTransport,
  mysqlFlexMinTls,
  mysqlFlexAuditLog,
  mysqlFlexAuditConnections,
  mariadbSsl,
  mariadbPublic,
  mariadbGeoBackup,
];
