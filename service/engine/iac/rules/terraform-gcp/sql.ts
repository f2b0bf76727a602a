// Cloud SQL instances: networks allowed to connect, SSL, public IP, backups and database flags.
import { expect, forbid, isInternet, type Check } from '../../helpers';
import type { IacRule } from '../../types';
import { isUnknown, lookup } from '../../values';
import { databaseFlag, flagIs, forEngine, tf, tfplan } from './common';

const SQL = 'google_sql_database_instance';

const instance = (version: string, settings: string): string =>
  tf(SQL, 'db', `name             = "acme-db"\ndatabase_version = "${version}"\nregion           = "europe-west1"\nsettings {\n  tier = "db-custom-2-7680"\n${settings.trim().split('\n').map((l) => `  ${l}`).join('\n')}\n}`);

const planned = (version: string, settings: Record<string, unknown>) =>
  tfplan({ type: SQL, name: 'db', values: { name: 'acme-db', database_version: version, region: 'europe-west1', settings: [{ tier: 'db-custom-2-7680', ...settings }] } });

export const sqlOpenAuthorizedNetworks: IacRule = {
  id: 'IAC-TF-GCP-SQL-OPEN-AUTHORIZED-NETWORKS',
  title: 'Cloud SQL instance accepts connections from any IP address',
  severity: 'high',
  description:
    'An authorized network of 0.0.0.0/0 lets every address on the internet reach the database port on its public IP, leaving only the database password between an attacker and the data.',
  remediation: 'Remove 0.0.0.0/0 from settings.ip_configuration.authorized_networks; list the specific ranges that need access, or use private IP and the Cloud SQL Auth Proxy.',
  remediationSnippet:
    'resource "google_sql_database_instance" "db" {\n  settings {\n    ip_configuration {\n      authorized_networks {\n        name  = "office"\n        value = "203.0.113.0/24"\n      }\n    }\n  }\n}',
  helpUri: 'https://cloud.google.com/sql/docs/mysql/authorize-networks',
  checkov: 'CKV_GCP_11',
  cis: ['CIS GCP 6.5'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [SQL],
  check: forbid('settings.ip_configuration.authorized_networks.value', (v) => isInternet(v), { whenMissing: 'pass' }),
  examples: {
    hcl: {
      fail: [instance('POSTGRES_15', 'ip_configuration {\n  ipv4_enabled = true\n  authorized_networks {\n    name  = "all"\n    value = "0.0.0.0/0"\n  }\n}')],
      pass: [
        instance('POSTGRES_15', 'ip_configuration {\n  ipv4_enabled = true\n  authorized_networks {\n    name  = "office"\n    value = "203.0.113.0/24"\n  }\n}'),
        instance('POSTGRES_15', 'ip_configuration {\n  ipv4_enabled    = false\n  private_network = "projects/acme/global/networks/vpc"\n}'),
      ],
      unknown: [
        `variable "allowed" {}\n\n${instance('POSTGRES_15', 'ip_configuration {\n  authorized_networks {\n    name  = "allowed"\n    value = var.allowed\n  }\n}')}`,
      ],
    },
    tfplan: {
      fail: [planned('MYSQL_8_0', { ip_configuration: [{ ipv4_enabled: true, authorized_networks: [{ name: 'all', value: '0.0.0.0/0', expiration_time: '' }] }] })],
      pass: [planned('MYSQL_8_0', { ip_configuration: [{ ipv4_enabled: true, authorized_networks: [{ name: 'office', value: '203.0.113.0/24', expiration_time: '' }] }] })],
    },
  },
};

const SSL_ENFORCED = ['ENCRYPTED_ONLY', 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED'];

/** ssl_mode (provider 5.x+) when set decides; else the older require_ssl; neither set: SSL is not required. */
const sslRequired: Check = (r, ctx) => {
  const modes = lookup(r.attributes, 'settings.ip_configuration.ssl_mode').filter((f) => f.value !== null && f.value !== '');
  if (modes.length) return expect('settings.ip_configuration.ssl_mode', SSL_ENFORCED)(r, ctx);
  return expect('settings.ip_configuration.require_ssl', true, { whenMissing: 'fail' })(r, ctx);
};

export const sqlRequireSsl: IacRule = {
  id: 'IAC-TF-GCP-SQL-REQUIRE-SSL',
  title: 'Cloud SQL instance accepts unencrypted connections',
  severity: 'high',
  description: 'Unless the instance requires SSL/TLS, clients may connect in clear text, exposing credentials and query results to anyone on the network path.',
  remediation: 'Set settings.ip_configuration.ssl_mode = "ENCRYPTED_ONLY" (or "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"); with provider versions before 5.x, require_ssl = true.',
  remediationSnippet: 'resource "google_sql_database_instance" "db" {\n  settings {\n    ip_configuration {\n      ssl_mode = "ENCRYPTED_ONLY"\n    }\n  }\n}',
  helpUri: 'https://cloud.google.com/sql/docs/postgres/configure-ssl-instance',
  checkov: 'CKV_GCP_6',
  cis: ['CIS GCP 6.4'],
  cwe: ['CWE-319'],
  model: 'terraform',
  resourceTypes: [SQL],
  check: sslRequired,
  examples: {
    hcl: {
      fail: [
        instance('POSTGRES_15', 'ip_configuration {\n  ipv4_enabled = true\n}'),
        instance('POSTGRES_15', 'ip_configuration {\n  ssl_mode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"\n}'),
        instance('MYSQL_8_0', 'ip_configuration {\n  require_ssl = false\n}'),
      ],
      pass: [instance('POSTGRES_15', 'ip_configuration {\n  ssl_mode = "ENCRYPTED_ONLY"\n}'), instance('MYSQL_5_7', 'ip_configuration {\n  require_ssl = true\n}')],
      unknown: [`variable "ssl_mode" {}\n\n${instance('POSTGRES_15', 'ip_configuration {\n  ssl_mode = var.ssl_mode\n}')}`],
    },
    tfplan: {
      fail: [planned('POSTGRES_15', { ip_configuration: [{ ipv4_enabled: true, ssl_mode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED', authorized_networks: [] }] })],
      pass: [planned('POSTGRES_15', { ip_configuration: [{ ipv4_enabled: true, ssl_mode: 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED', authorized_networks: [] }] })],
    },
  },
};

export const sqlPublicIp: IacRule = {
  id: 'IAC-TF-GCP-SQL-PUBLIC-IP',
  title: 'Cloud SQL instance has a public IP address',
  severity: 'medium',
  description:
    'ipv4_enabled defaults to true, giving the instance an internet-reachable address; a private IP on a VPC network keeps the database off the internet entirely.',
  remediation: 'Set settings.ip_configuration.ipv4_enabled = false and connect over private_network (private services access or Private Service Connect).',
  remediationSnippet:
    'resource "google_sql_database_instance" "db" {\n  settings {\n    ip_configuration {\n      ipv4_enabled    = false\n      private_network = google_compute_network.vpc.id\n    }\n  }\n}',
  helpUri: 'https://cloud.google.com/sql/docs/mysql/configure-private-ip',
  checkov: 'CKV_GCP_60',
  cis: ['CIS GCP 6.6'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [SQL],
  check: expect('settings.ip_configuration.ipv4_enabled', false),
  examples: {
    hcl: {
      fail: [instance('POSTGRES_15', 'availability_type = "REGIONAL"'), instance('POSTGRES_15', 'ip_configuration {\n  ipv4_enabled = true\n}')],
      pass: [instance('POSTGRES_15', 'ip_configuration {\n  ipv4_enabled    = false\n  private_network = "projects/acme/global/networks/vpc"\n}')],
      unknown: [`variable "public" {}\n\n${instance('POSTGRES_15', 'ip_configuration {\n  ipv4_enabled = var.public\n}')}`],
    },
    tfplan: {
      fail: [planned('POSTGRES_15', { ip_configuration: [{ ipv4_enabled: true, authorized_networks: [] }] })],
      pass: [planned('POSTGRES_15', { ip_configuration: [{ ipv4_enabled: false, private_network: 'projects/acme/global/networks/vpc', authorized_networks: [] }] })],
    },
  },
};

/** Read replicas take no backups of their own. */
const primaryOnly =
  (check: Check): Check =>
  (r, ctx) => {
    const master = r.attributes.master_instance_name;
    if (isUnknown(master)) return { outcome: 'unknown', path: 'master_instance_name', value: master };
    if (typeof master === 'string' && master !== '') return { outcome: 'not-applicable' };
    return check(r, ctx);
  };

export const sqlBackups: IacRule = {
  id: 'IAC-TF-GCP-SQL-BACKUPS',
  title: 'Cloud SQL instance has automated backups disabled',
  severity: 'medium',
  description: 'Without automated backups (and point-in-time recovery), data lost to deletion, corruption or ransomware cannot be restored.',
  remediation: 'Add settings.backup_configuration with enabled = true (and point_in_time_recovery_enabled / binary_log_enabled as the engine supports).',
  remediationSnippet: 'resource "google_sql_database_instance" "db" {\n  settings {\n    backup_configuration {\n      enabled = true\n    }\n  }\n}',
  helpUri: 'https://cloud.google.com/sql/docs/postgres/backup-recovery/backups',
  checkov: 'CKV_GCP_14',
  cis: ['CIS GCP 6.7'],
  cwe: ['CWE-693'],
  model: 'terraform',
  resourceTypes: [SQL],
  check: primaryOnly(expect('settings.backup_configuration.enabled', true)),
  examples: {
    hcl: {
      fail: [instance('POSTGRES_15', 'availability_type = "ZONAL"'), instance('POSTGRES_15', 'backup_configuration {\n  enabled = false\n}')],
      pass: [instance('POSTGRES_15', 'backup_configuration {\n  enabled                        = true\n  point_in_time_recovery_enabled = true\n}')],
      unknown: [`variable "backups" {}\n\n${instance('POSTGRES_15', 'backup_configuration {\n  enabled = var.backups\n}')}`],
    },
    tfplan: {
      fail: [planned('MYSQL_8_0', { backup_configuration: [{ enabled: false, binary_log_enabled: false }] })],
      pass: [planned('MYSQL_8_0', { backup_configuration: [{ enabled: true, binary_log_enabled: true }] })],
    },
  },
};

interface FlagRule {
  id: string;
  engine: 'MYSQL' | 'POSTGRES' | 'SQLSERVER';
  version: string;
  flag: string;
  good: 'on' | 'off';
  /** The outcome when the flag is not set: the engine's default in Cloud SQL. */
  whenMissing: 'pass' | 'fail';
  title: string;
  severity: IacRule['severity'];
  description: string;
  checkov?: string;
  cis?: string;
  helpUri: string;
}

function flagRule(f: FlagRule): IacRule {
  const bad = f.good === 'on' ? 'off' : 'on';
  const flags = (value: string) => `database_flags {\n  name  = "${f.flag}"\n  value = "${value}"\n}`;
  return {
    id: f.id,
    title: f.title,
    severity: f.severity,
    description: f.description,
    remediation: `Add a settings.database_flags entry with name = "${f.flag}" and value = "${f.good}".`,
    remediationSnippet: `resource "google_sql_database_instance" "db" {\n  settings {\n    database_flags {\n      name  = "${f.flag}"\n      value = "${f.good}"\n    }\n  }\n}`,
    helpUri: f.helpUri,
    ...(f.checkov ? { checkov: f.checkov } : {}),
    ...(f.cis ? { cis: [f.cis] } : {}),
    cwe: [f.whenMissing === 'fail' ? 'CWE-778' : 'CWE-284'],
    model: 'terraform',
    resourceTypes: [SQL],
    check: forEngine(f.engine, databaseFlag(f.flag, flagIs(f.good), f.whenMissing)),
    examples: {
      hcl: {
        fail: [instance(f.version, flags(bad)), ...(f.whenMissing === 'fail' ? [instance(f.version, 'availability_type = "ZONAL"')] : [])],
        pass: [instance(f.version, flags(f.good)), ...(f.whenMissing === 'pass' ? [instance(f.version, 'availability_type = "ZONAL"')] : [])],
        unknown: [`variable "flag" {}\n\n${instance(f.version, `database_flags {\n  name  = "${f.flag}"\n  value = var.flag\n}`)}`],
      },
      tfplan: {
        fail: [planned(f.version, { database_flags: [{ name: f.flag, value: bad }] })],
        pass: [planned(f.version, { database_flags: [{ name: f.flag, value: f.good }] })],
      },
    },
  };
}

export const sqlMysqlLocalInfile = flagRule({
  id: 'IAC-TF-GCP-SQL-MYSQL-LOCAL-INFILE',
  engine: 'MYSQL',
  version: 'MYSQL_8_0',
  flag: 'local_infile',
  good: 'off',
  whenMissing: 'pass',
  title: 'Cloud SQL MySQL instance enables local_infile',
  severity: 'medium',
  description: 'local_infile lets clients load files from their own file system with LOAD DATA LOCAL; an injected query can then read files from the application host.',
  checkov: 'CKV_GCP_50',
  cis: 'CIS GCP 6.1.3',
  helpUri: 'https://cloud.google.com/sql/docs/mysql/flags',
});

export const sqlPostgresLogConnections = flagRule({
  id: 'IAC-TF-GCP-SQL-POSTGRES-LOG-CONNECTIONS',
  engine: 'POSTGRES',
  version: 'POSTGRES_15',
  flag: 'log_connections',
  good: 'on',
  whenMissing: 'fail',
  title: 'Cloud SQL PostgreSQL instance does not log connections',
  severity: 'low',
  description: 'PostgreSQL does not log connection attempts by default; without log_connections, unusual or brute-force access cannot be spotted in the logs.',
  checkov: 'CKV_GCP_52',
  cis: 'CIS GCP 6.2.3',
  helpUri: 'https://cloud.google.com/sql/docs/postgres/flags',
});

export const sqlPostgresLogDisconnections = flagRule({
  id: 'IAC-TF-GCP-SQL-POSTGRES-LOG-DISCONNECTIONS',
  engine: 'POSTGRES',
  version: 'POSTGRES_15',
  flag: 'log_disconnections',
  good: 'on',
  whenMissing: 'fail',
  title: 'Cloud SQL PostgreSQL instance does not log disconnections',
  severity: 'low',
  description: 'log_disconnections records the end of each session and its duration, which together with connection logs shows who used the database and for how long.',
  checkov: 'CKV_GCP_53',
  cis: 'CIS GCP 6.2.4',
  helpUri: 'https://cloud.google.com/sql/docs/postgres/flags',
});

export const sqlServerContainedAuth = flagRule({
  id: 'IAC-TF-GCP-SQL-SQLSERVER-CONTAINED-DB-AUTH',
  engine: 'SQLSERVER',
  version: 'SQLSERVER_2019_STANDARD',
  flag: 'contained database authentication',
  good: 'off',
  whenMissing: 'pass',
  title: 'Cloud SQL SQL Server instance allows contained database authentication',
  severity: 'medium',
  description: 'Contained databases authenticate their own users, bypassing server-level logins and policies; a database owner can then grant access the server administrators never see.',
  checkov: 'CKV_GCP_59',
  cis: 'CIS GCP 6.3.7',
  helpUri: 'https://cloud.google.com/sql/docs/sqlserver/flags',
});

export const sqlServerCrossDbOwnership = flagRule({
  id: 'IAC-TF-GCP-SQL-SQLSERVER-CROSS-DB-OWNERSHIP',
  engine: 'SQLSERVER',
  version: 'SQLSERVER_2019_STANDARD',
  flag: 'cross db ownership chaining',
  good: 'off',
  whenMissing: 'pass',
  title: 'Cloud SQL SQL Server instance enables cross-database ownership chaining',
  severity: 'medium',
  description: 'Cross-database ownership chaining lets a user with access to one database reach objects in another owned by the same login, skipping the permission checks of the second database.',
  cis: 'CIS GCP 6.3.2',
  helpUri: 'https://cloud.google.com/sql/docs/sqlserver/flags',
});

export const sqlRules: readonly IacRule[] = [
  sqlOpenAuthorizedNetworks,
  sqlRequireSsl,
  sqlPublicIp,
  sqlBackups,
  sqlMysqlLocalInfile,
  sqlPostgresLogConnections,
  sqlPostgresLogDisconnections,
  sqlServerContainedAuth,
  sqlServerCrossDbOwnership,
];
