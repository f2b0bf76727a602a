// RDS instances, Aurora clusters, DocumentDB and Neptune.
import type { Check } from '../../helpers';
import type { IacRule } from '../../types';
import { isUnknown } from '../../values';
import { atLeast, attrRule, requireSet, rule, setRule, tf, tfVar, plan1 } from './common';

const DB = 'aws_db_instance';
const CLUSTER = 'aws_rds_cluster';
const CLUSTER_INSTANCE = 'aws_rds_cluster_instance';
const DOCDB = 'aws_docdb_cluster';
const NEPTUNE = 'aws_neptune_cluster';

const dbContext = 'engine         = "postgres"\ninstance_class = "db.t3.micro"';
const dbValues = { engine: 'postgres', instance_class: 'db.t3.micro' };

const isSetValue = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** Not applicable to an instance that belongs to an Aurora cluster (the cluster holds the setting). */
const standalone =
  (check: Check): Check =>
  (r, ctx) => {
    const cluster = r.attributes.cluster_identifier;
    if (r.type === DB && cluster !== undefined && cluster !== null && cluster !== '') return { outcome: 'not-applicable' };
    return check(r, ctx);
  };

export const rdsEncryption = attrRule({
  id: 'IAC-TF-AWS-RDS-STORAGE-ENCRYPTED',
  title: 'RDS database storage is not encrypted',
  severity: 'high',
  description: 'Unencrypted database storage, its automated backups, snapshots and read replicas hold the data in the clear; encryption can only be chosen at creation.',
  remediation: 'Set storage_encrypted = true (with kms_key_id for a customer managed key); existing databases need a restore from an encrypted snapshot copy.',
  checkov: ['CKV_AWS_16', 'CKV_AWS_96'],
  cis: ['CIS AWS 2.3.1'],
  cwe: ['CWE-311'],
  types: [DB, CLUSTER],
  path: 'storage_encrypted',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: dbContext,
  contextValues: dbValues,
  plan: true,
  wrap: (check) =>
    standalone((r, ctx) => {
      if (r.type === CLUSTER && r.attributes.engine_mode === 'serverless') return { outcome: 'pass', path: 'engine_mode' };
      // Read replicas and restores take the source's encryption (and a KMS key, when given, encrypts them).
      const inherited = ['replicate_source_db', 'snapshot_identifier', 'replication_source_identifier'].find((k) => isSetValue(r.attributes[k]));
      if (inherited && !r.attributes.storage_encrypted) return { outcome: 'not-applicable' };
      return check(r, ctx);
    }),
  extra: { fail: [tf(CLUSTER, 'engine = "aurora-postgresql"')], pass: [tf(DB, 'instance_class      = "db.t3.micro"\nreplicate_source_db = aws_db_instance.primary.identifier\nstorage_encrypted   = true')] },
});

export const rdsPublic = attrRule({
  id: 'IAC-TF-AWS-RDS-PUBLICLY-ACCESSIBLE',
  title: 'RDS database instance is publicly accessible',
  severity: 'high',
  description: 'A publicly accessible instance gets a public DNS name and IP; with a permissive security group the database listener is reachable from the internet and open to credential stuffing and exploits.',
  remediation: 'Set publicly_accessible = false (the default) and reach the database from inside the VPC.',
  checkov: 'CKV_AWS_17',
  cis: ['CIS AWS 2.3.3'],
  cwe: ['CWE-284'],
  types: [DB, CLUSTER_INSTANCE],
  path: 'publicly_accessible',
  good: false,
  bad: true,
  whenMissing: 'pass',
  context: dbContext,
  contextValues: dbValues,
  plan: true,
});

export const rdsBackupRetention = attrRule({
  id: 'IAC-TF-AWS-RDS-BACKUP-RETENTION',
  title: 'RDS backups are kept less than 7 days',
  severity: 'medium',
  description: 'Automated backups allow point-in-time recovery only within the retention period; AWS\'s API default of 1 day (0 disables backups) leaves no time to notice corruption or ransomware.',
  remediation: 'Set backup_retention_period = 7 or more.',
  cwe: ['CWE-693'],
  types: [DB, CLUSTER],
  path: 'backup_retention_period',
  good: 7,
  bad: 1,
  matcher: atLeast(7),
  whenMissing: 'fail',
  context: dbContext,
  contextValues: dbValues,
  plan: true,
  wrap: standalone,
});

export const rdsDeletionProtection = attrRule({
  id: 'IAC-TF-AWS-RDS-DELETION-PROTECTION',
  title: 'RDS database has no deletion protection',
  severity: 'low',
  description: 'Without deletion protection a mistaken `terraform destroy`, a replaced resource or a compromised credential deletes the database in one call.',
  remediation: 'Set deletion_protection = true.',
  checkov: ['CKV_AWS_293', 'CKV_AWS_139'],
  cwe: ['CWE-693'],
  types: [DB, CLUSTER],
  path: 'deletion_protection',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: dbContext,
  contextValues: dbValues,
  plan: true,
  wrap: standalone,
});

const IAM_AUTH_ENGINES = /^(mysql|mariadb|postgres|aurora|aurora-mysql|aurora-postgresql)$/;

export const rdsIamAuth = attrRule({
  id: 'IAC-TF-AWS-RDS-IAM-AUTH',
  title: 'RDS database does not enable IAM authentication',
  severity: 'medium',
  description: 'IAM database authentication replaces long-lived database passwords with short-lived tokens tied to IAM identities, so access is centrally granted, revoked and logged.',
  remediation: 'Set iam_database_authentication_enabled = true (MySQL, MariaDB, PostgreSQL and Aurora).',
  checkov: ['CKV_AWS_161', 'CKV_AWS_162'],
  cwe: ['CWE-287'],
  types: [DB, CLUSTER],
  path: 'iam_database_authentication_enabled',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: dbContext,
  contextValues: dbValues,
  plan: true,
  wrap: (check) =>
    standalone((r, ctx) => {
      const engine = r.attributes.engine;
      if (isUnknown(engine)) return { outcome: 'unknown', path: 'engine', value: engine };
      if (typeof engine === 'string' && !IAM_AUTH_ENGINES.test(engine)) return { outcome: 'not-applicable' };
      return check(r, ctx);
    }),
});

export const rdsMultiAz = attrRule({
  id: 'IAC-TF-AWS-RDS-MULTI-AZ',
  title: 'RDS database instance is not Multi-AZ',
  severity: 'low',
  description: 'A single-AZ instance is down for the length of an AZ outage or a host failure; Multi-AZ keeps a synchronous standby that takes over automatically.',
  remediation: 'Set multi_az = true for production databases.',
  checkov: 'CKV_AWS_157',
  types: [DB],
  path: 'multi_az',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: dbContext,
  contextValues: dbValues,
  plan: true,
  wrap: standalone,
});

export const rdsMinorUpgrade = attrRule({
  id: 'IAC-TF-AWS-RDS-AUTO-MINOR-VERSION-UPGRADE',
  title: 'RDS automatic minor version upgrades are off',
  severity: 'low',
  description:
    'Minor engine versions carry security fixes; turning automatic upgrades off leaves known vulnerabilities in place until someone upgrades by hand. The provider default is true, so unlike Checkov an unset argument passes.',
  remediation: 'Set auto_minor_version_upgrade = true (the default), or remove the argument.',
  checkov: 'CKV_AWS_226',
  cwe: ['CWE-1104'],
  types: [DB, CLUSTER_INSTANCE],
  path: 'auto_minor_version_upgrade',
  good: true,
  bad: false,
  whenMissing: 'pass',
  context: dbContext,
  contextValues: dbValues,
  plan: true,
});

export const rdsLogExports = setRule({
  id: 'IAC-TF-AWS-RDS-CLOUDWATCH-LOGS',
  title: 'RDS database exports no logs to CloudWatch',
  severity: 'medium',
  description: 'Without log exports, database error, audit and slow-query logs stay on the instance for a short time and cannot be searched, alerted on or kept for investigations.',
  remediation: 'Set enabled_cloudwatch_logs_exports to the engine\'s logs (postgresql, upgrade; audit, error, general, slowquery for MySQL).',
  checkov: 'CKV_AWS_129',
  cwe: ['CWE-778'],
  types: [DB, CLUSTER],
  paths: ['enabled_cloudwatch_logs_exports'],
  value: '["postgresql", "upgrade"]',
  planValue: ['postgresql', 'upgrade'],
  context: dbContext,
  contextValues: dbValues,
  wrap: standalone,
});

export const rdsPerformanceInsightsKms = rule({
  id: 'IAC-TF-AWS-RDS-PERFORMANCE-INSIGHTS-KMS',
  title: 'RDS Performance Insights data is not encrypted with a customer managed key',
  severity: 'low',
  description: 'Performance Insights keeps query text and wait statistics, which can include literal values from SQL; without a customer managed key, access to it cannot be governed by a key policy.',
  remediation: 'Set performance_insights_kms_key_id to a KMS key ARN when performance_insights_enabled = true.',
  remediationSnippet: tf(DB, 'performance_insights_enabled    = true\nperformance_insights_kms_key_id = aws_kms_key.rds.arn').trimEnd(),
  checkov: 'CKV_AWS_354',
  cwe: ['CWE-311'],
  resourceTypes: [DB, CLUSTER_INSTANCE, CLUSTER],
  check: (r, ctx) => {
    const on = r.attributes.performance_insights_enabled;
    if (isUnknown(on)) return { outcome: 'unknown', path: 'performance_insights_enabled', value: on };
    if (on !== true) return { outcome: 'not-applicable' };
    return requireSet('performance_insights_kms_key_id')(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(DB, `${dbContext}\nperformance_insights_enabled = true`)],
      pass: [tf(DB, `${dbContext}\nperformance_insights_enabled    = true\nperformance_insights_kms_key_id = aws_kms_key.rds.arn`)],
      unknown: [tfVar('insights', DB, `${dbContext}\nperformance_insights_enabled = var.insights`)],
    },
    tfplan: {
      fail: [plan1(DB, { ...dbValues, performance_insights_enabled: true, performance_insights_kms_key_id: null })],
      pass: [plan1(DB, { ...dbValues, performance_insights_enabled: true, performance_insights_kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/1' })],
    },
  },
});

export const rdsCopyTags = attrRule({
  id: 'IAC-TF-AWS-RDS-COPY-TAGS-TO-SNAPSHOT',
  title: 'RDS snapshots do not inherit the database tags',
  severity: 'info',
  description: 'Snapshots without the database\'s tags escape tag-based access policies, cost allocation and data-classification inventories.',
  remediation: 'Set copy_tags_to_snapshot = true.',
  checkov: 'CKV2_AWS_60',
  types: [DB, CLUSTER],
  path: 'copy_tags_to_snapshot',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: dbContext,
  contextValues: dbValues,
  wrap: standalone,
});

export const docdbEncryption = attrRule({
  id: 'IAC-TF-AWS-DOCDB-STORAGE-ENCRYPTED',
  title: 'DocumentDB cluster storage is not encrypted',
  severity: 'high',
  description: 'Unencrypted DocumentDB storage, backups and snapshots hold the documents in the clear; encryption can only be chosen at creation.',
  remediation: 'Set storage_encrypted = true (with kms_key_id for a customer managed key).',
  checkov: 'CKV_AWS_74',
  cwe: ['CWE-311'],
  types: [DOCDB],
  path: 'storage_encrypted',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: 'cluster_identifier = "docs"',
  contextValues: { cluster_identifier: 'docs' },
  plan: true,
});

/** The list at `path` must name every one of `logs`; missing or short: fail at `path`. */
function exportsAll(path: string, logs: readonly string[]): Check {
  return (r) => {
    const v = r.attributes[path];
    if (isUnknown(v)) return { outcome: 'unknown', path, value: v };
    const list = Array.isArray(v) ? v : [];
    const missing = logs.filter((l) => !list.includes(l));
    if (!missing.length) return { outcome: 'pass', path, value: v ?? null };
    if (list.some((x) => isUnknown(x))) return { outcome: 'unknown', path, value: v ?? null };
    return { outcome: 'fail', path, value: v ?? null, message: `${r.address} does not export ${missing.join(', ')} logs` };
  };
}

export const docdbLogs = setRule({
  id: 'IAC-TF-AWS-DOCDB-LOGS',
  title: 'DocumentDB cluster does not export audit and profiler logs',
  severity: 'medium',
  description: 'Without audit and profiler log exports, authentication attempts and data-definition changes leave no trace in CloudWatch.',
  remediation: 'Set enabled_cloudwatch_logs_exports = ["audit", "profiler"] (and the audit_logs cluster parameter).',
  checkov: 'CKV_AWS_85',
  cwe: ['CWE-778'],
  types: [DOCDB],
  paths: ['enabled_cloudwatch_logs_exports'],
  value: '["audit", "profiler"]',
  planValue: ['audit', 'profiler'],
  wrap: () => exportsAll('enabled_cloudwatch_logs_exports', ['audit', 'profiler']),
  extra: { fail: [tf(DOCDB, 'enabled_cloudwatch_logs_exports = ["profiler"]')] },
});

export const docdbBackup = attrRule({
  id: 'IAC-TF-AWS-DOCDB-BACKUP-RETENTION',
  title: 'DocumentDB backups are kept less than 7 days',
  severity: 'low',
  description: 'The default retention of 1 day leaves little time to notice corruption or a destructive change before the last good restore point expires.',
  remediation: 'Set backup_retention_period = 7 or more.',
  checkov: 'CKV_AWS_360',
  cwe: ['CWE-693'],
  types: [DOCDB],
  path: 'backup_retention_period',
  good: 7,
  bad: 1,
  matcher: atLeast(7),
  whenMissing: 'fail',
});

export const neptuneEncryption = attrRule({
  id: 'IAC-TF-AWS-NEPTUNE-STORAGE-ENCRYPTED',
  title: 'Neptune cluster storage is not encrypted',
  severity: 'high',
  description: 'Unencrypted Neptune storage and snapshots hold the graph in the clear; encryption can only be chosen at creation.',
  remediation: 'Set storage_encrypted = true (with kms_key_arn for a customer managed key).',
  checkov: 'CKV_AWS_44',
  cwe: ['CWE-311'],
  types: [NEPTUNE],
  path: 'storage_encrypted',
  good: true,
  bad: false,
  whenMissing: 'fail',
  plan: true,
});

export const neptuneLogs = setRule({
  id: 'IAC-TF-AWS-NEPTUNE-AUDIT-LOGS',
  title: 'Neptune cluster does not export audit logs',
  severity: 'medium',
  description: 'Without the audit log export, queries and connections to the graph leave no trace in CloudWatch.',
  remediation: 'Set enable_cloudwatch_logs_exports = ["audit"] (and neptune_enable_audit_log in the parameter group).',
  checkov: 'CKV_AWS_101',
  cwe: ['CWE-778'],
  types: [NEPTUNE],
  paths: ['enable_cloudwatch_logs_exports'],
  value: '["audit"]',
  planValue: ['audit'],
  wrap: () => exportsAll('enable_cloudwatch_logs_exports', ['audit']),
  extra: { fail: [tf(NEPTUNE, 'enable_cloudwatch_logs_exports = ["slowquery"]')] },
});

export const rdsRules: readonly IacRule[] = [
  rdsEncryption,
  rdsPublic,
  rdsBackupRetention,
  rdsDeletionProtection,
  rdsIamAuth,
  rdsMultiAz,
  rdsMinorUpgrade,
  rdsLogExports,
  rdsPerformanceInsightsKms,
  rdsCopyTags,
  docdbEncryption,
  docdbLogs,
  docdbBackup,
  neptuneEncryption,
  neptuneLogs,
];
