// Data stores and streams: DynamoDB, ElastiCache, OpenSearch, Redshift, Kinesis, Firehose, EFS, Glue,
// Athena, Amazon MQ and MSK.
import { expect, forbid, type Check } from '../../helpers';
import type { IacRule } from '../../types';
import { isUnknown, lookup } from '../../values';
import { attrRule, linkedTo, plan, plan1, requireSet, rule, setRule, tf, tfVar } from './common';

const DDB = 'aws_dynamodb_table';
const DAX = 'aws_dax_cluster';
const REDIS = 'aws_elasticache_replication_group';
const OS = 'aws_opensearch_domain';
const ES = 'aws_elasticsearch_domain';
const REDSHIFT = 'aws_redshift_cluster';
const REDSHIFT_LOGGING = 'aws_redshift_logging';
const KINESIS = 'aws_kinesis_stream';
const FIREHOSE = 'aws_kinesis_firehose_delivery_stream';
const EFS = 'aws_efs_file_system';
const GLUE = 'aws_glue_security_configuration';
const ATHENA = 'aws_athena_workgroup';
const MQ = 'aws_mq_broker';
const MSK = 'aws_msk_cluster';

const ddbContext = 'name         = "orders"\nbilling_mode = "PAY_PER_REQUEST"\nhash_key     = "id"';
const ddbValues = { name: 'orders', billing_mode: 'PAY_PER_REQUEST', hash_key: 'id' };

export const dynamoPitr = attrRule({
  id: 'IAC-TF-AWS-DYNAMODB-PITR',
  title: 'DynamoDB table has no point-in-time recovery',
  severity: 'medium',
  description: 'Point-in-time recovery restores the table to any second of the last 35 days; without it a bad write, a faulty migration or a malicious delete cannot be undone.',
  remediation: 'Add point_in_time_recovery { enabled = true }.',
  checkov: 'CKV_AWS_28',
  cwe: ['CWE-693'],
  types: [DDB],
  path: 'point_in_time_recovery.enabled',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: ddbContext,
  contextValues: ddbValues,
  plan: true,
});

const ddbSse = (body: string) => `${ddbContext}\nserver_side_encryption {\n${body.replace(/^/gm, '  ')}\n}`;

export const dynamoCmk = rule({
  id: 'IAC-TF-AWS-DYNAMODB-CMK',
  title: 'DynamoDB table is not encrypted with a customer managed key',
  severity: 'low',
  description:
    'Tables are always encrypted, by default with an AWS owned key outside your control; a customer managed key lets a key policy govern (and CloudTrail record) access to the data. As in Checkov, kms_key_arn only counts with enabled = true (otherwise the AWS owned key is used).',
  remediation: 'Add server_side_encryption { enabled = true kms_key_arn = aws_kms_key.ddb.arn }.',
  remediationSnippet: tf(DDB, 'server_side_encryption {\n  enabled     = true\n  kms_key_arn = aws_kms_key.ddb.arn\n}').trimEnd(),
  checkov: 'CKV_AWS_119',
  cwe: ['CWE-311'],
  resourceTypes: [DDB],
  check: (r, ctx) => {
    const enabled = [expect('server_side_encryption.enabled', true)(r, ctx)].flat();
    if (enabled.some((v) => v.outcome !== 'pass')) return enabled;
    return requireSet('server_side_encryption.kms_key_arn')(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(DDB, ddbContext), tf(DDB, ddbSse('kms_key_arn = aws_kms_key.ddb.arn')), tf(DDB, ddbSse('enabled = true'))],
      pass: [tf(DDB, ddbSse('enabled     = true\nkms_key_arn = aws_kms_key.ddb.arn'))],
      unknown: [tfVar('key', DDB, ddbSse('enabled     = true\nkms_key_arn = var.key'))],
    },
    tfplan: {
      fail: [plan1(DDB, { ...ddbValues, server_side_encryption: [] })],
      pass: [plan1(DDB, { ...ddbValues, server_side_encryption: [{ enabled: true, kms_key_arn: 'arn:aws:kms:eu-west-1:111122223333:key/1' }] })],
    },
  },
});

export const daxEncryption = attrRule({
  id: 'IAC-TF-AWS-DAX-ENCRYPTION',
  title: 'DAX cluster is not encrypted at rest',
  severity: 'medium',
  description: 'DAX caches table items in memory and on disk; without server-side encryption the cached data is stored unencrypted.',
  remediation: 'Add server_side_encryption { enabled = true }.',
  checkov: 'CKV_AWS_47',
  cwe: ['CWE-311'],
  types: [DAX],
  path: 'server_side_encryption.enabled',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: 'cluster_name = "orders"\nnode_type    = "dax.r5.large"',
  contextValues: { cluster_name: 'orders', node_type: 'dax.r5.large' },
  plan: true,
});

const redisContext = 'replication_group_id = "sessions"\ndescription          = "sessions"\nnode_type            = "cache.t4g.small"';
const redisValues = { replication_group_id: 'sessions', description: 'sessions', node_type: 'cache.t4g.small' };

export const redisAtRest = attrRule({
  id: 'IAC-TF-AWS-ELASTICACHE-AT-REST-ENCRYPTION',
  title: 'ElastiCache replication group is not encrypted at rest',
  severity: 'medium',
  description: 'Without at-rest encryption, data swapped or persisted to disk and backups to S3 are stored unencrypted.',
  remediation: 'Set at_rest_encryption_enabled = true (with kms_key_id for a customer managed key).',
  checkov: 'CKV_AWS_29',
  cwe: ['CWE-311'],
  types: [REDIS],
  path: 'at_rest_encryption_enabled',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: redisContext,
  contextValues: redisValues,
  plan: true,
  // Valkey groups are encrypted at rest by default; Redis OSS ones are not.
  wrap: (check) => (r, ctx) => {
    const set = lookup(r.attributes, 'at_rest_encryption_enabled').some((f) => f.value !== null);
    if (!set && r.attributes.engine === 'valkey') return { outcome: 'pass', path: 'engine', value: 'valkey' };
    return check(r, ctx);
  },
  extra: { pass: [tf(REDIS, `${redisContext}\nengine               = "valkey"`)] },
});

export const redisInTransit = attrRule({
  id: 'IAC-TF-AWS-ELASTICACHE-TRANSIT-ENCRYPTION',
  title: 'ElastiCache replication group does not encrypt traffic',
  severity: 'medium',
  description: 'Without in-transit encryption, commands, cached values and AUTH tokens cross the network in clear text.',
  remediation: 'Set transit_encryption_enabled = true.',
  checkov: 'CKV_AWS_30',
  cwe: ['CWE-319'],
  types: [REDIS],
  path: 'transit_encryption_enabled',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: redisContext,
  contextValues: redisValues,
  plan: true,
});

export const redisAuth = rule({
  id: 'IAC-TF-AWS-ELASTICACHE-AUTH',
  title: 'ElastiCache replication group requires no authentication',
  severity: 'high',
  description:
    'Without an AUTH token or RBAC user group, anything that can reach the Redis port can read and change every key. Unlike Checkov, an RBAC user group passes as well as an auth_token.',
  remediation: 'Set transit_encryption_enabled = true and auth_token (from a secret), or user_group_ids for Redis RBAC.',
  remediationSnippet: tf(REDIS, 'transit_encryption_enabled = true\nauth_token                 = random_password.redis.result').trimEnd(),
  checkov: 'CKV_AWS_31',
  cwe: ['CWE-306'],
  resourceTypes: [REDIS],
  check: (r, ctx) => {
    const groups = r.attributes.user_group_ids;
    if (Array.isArray(groups) && groups.length) return { outcome: 'pass', path: 'user_group_ids' };
    return requireSet('auth_token')(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(REDIS, `${redisContext}\ntransit_encryption_enabled = true`)],
      pass: [tf(REDIS, `${redisContext}\ntransit_encryption_enabled = true\nauth_token                 = random_password.redis.result`), tf(REDIS, `${redisContext}\nuser_group_ids = [aws_elasticache_user_group.app.id]`)],
      unknown: [tfVar('token', REDIS, `${redisContext}\ntransit_encryption_enabled = true\nauth_token                 = var.token`)],
    },
    tfplan: {
      fail: [plan1(REDIS, { ...redisValues, transit_encryption_enabled: true, auth_token: null, user_group_ids: [] })],
      pass: [plan1(REDIS, { ...redisValues, transit_encryption_enabled: true, auth_token: 'sensitive', user_group_ids: [] })],
    },
  },
});

export const redisFailover = attrRule({
  id: 'IAC-TF-AWS-ELASTICACHE-AUTOMATIC-FAILOVER',
  title: 'ElastiCache replication group has no automatic failover',
  severity: 'low',
  description: 'Without automatic failover, losing the primary node takes the cache (and what depends on it) down until someone promotes a replica.',
  remediation: 'Set automatic_failover_enabled = true with at least one replica (and multi_az_enabled = true).',
  checkov: 'CKV2_AWS_50',
  types: [REDIS],
  path: 'automatic_failover_enabled',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: redisContext,
  contextValues: redisValues,
});

const osContext = 'domain_name    = "search"\nengine_version = "OpenSearch_2.13"';
const osValues = { domain_name: 'search', engine_version: 'OpenSearch_2.13' };

export const osAtRest = attrRule({
  id: 'IAC-TF-AWS-OPENSEARCH-AT-REST-ENCRYPTION',
  title: 'OpenSearch domain is not encrypted at rest',
  severity: 'high',
  description: 'Without encryption at rest, indices, logs, swap files and automated snapshots of the domain are stored unencrypted.',
  remediation: 'Add encrypt_at_rest { enabled = true }.',
  checkov: 'CKV_AWS_5',
  cwe: ['CWE-311'],
  types: [OS, ES],
  path: 'encrypt_at_rest.enabled',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: osContext,
  contextValues: osValues,
  plan: true,
});

export const osNodeToNode = attrRule({
  id: 'IAC-TF-AWS-OPENSEARCH-NODE-TO-NODE-ENCRYPTION',
  title: 'OpenSearch domain does not encrypt node-to-node traffic',
  severity: 'medium',
  description: 'Without node-to-node encryption, documents and queries travel between the domain\'s nodes in clear text.',
  remediation: 'Add node_to_node_encryption { enabled = true }.',
  checkov: 'CKV_AWS_6',
  cwe: ['CWE-319'],
  types: [OS, ES],
  path: 'node_to_node_encryption.enabled',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: osContext,
  contextValues: osValues,
  plan: true,
});

export const osHttps = rule({
  id: 'IAC-TF-AWS-OPENSEARCH-ENFORCE-HTTPS',
  title: 'OpenSearch domain accepts plain HTTP',
  severity: 'high',
  description:
    'Without enforce_https, clients can send queries, documents and credentials to the domain endpoint over HTTP. A domain_endpoint_options block without enforce_https passes (the provider default is true), unlike Checkov.',
  remediation: 'Add domain_endpoint_options { enforce_https = true tls_security_policy = "Policy-Min-TLS-1-2-2019-07" }.',
  remediationSnippet: tf(OS, 'domain_endpoint_options {\n  enforce_https       = true\n  tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n}').trimEnd(),
  checkov: 'CKV_AWS_83',
  cwe: ['CWE-319'],
  resourceTypes: [OS, ES],
  check: (r, ctx) => {
    // The argument defaults to true once the block is there; without the block the domain accepts HTTP.
    if (!lookup(r.attributes, 'domain_endpoint_options[*]').length) return { outcome: 'fail', path: 'domain_endpoint_options' };
    return expect('domain_endpoint_options.enforce_https', true, { whenMissing: 'pass' })(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(OS, osContext), tf(OS, `${osContext}\ndomain_endpoint_options {\n  enforce_https = false\n}`)],
      pass: [tf(OS, `${osContext}\ndomain_endpoint_options {\n  enforce_https = true\n}`)],
      unknown: [tfVar('https', OS, `${osContext}\ndomain_endpoint_options {\n  enforce_https = var.https\n}`)],
    },
    tfplan: {
      fail: [plan1(OS, { ...osValues, domain_endpoint_options: [{ enforce_https: false, tls_security_policy: 'Policy-Min-TLS-1-0-2019-07' }] })],
      pass: [plan1(OS, { ...osValues, domain_endpoint_options: [{ enforce_https: true, tls_security_policy: 'Policy-Min-TLS-1-2-2019-07' }] })],
    },
  },
});

export const osTls = attrRule({
  id: 'IAC-TF-AWS-OPENSEARCH-TLS-POLICY',
  title: 'OpenSearch domain allows TLS older than 1.2',
  severity: 'medium',
  description: 'The Policy-Min-TLS-1-0-2019-07 policy lets clients negotiate TLS 1.0 and 1.1, which have known weaknesses.',
  remediation: 'Set domain_endpoint_options { tls_security_policy = "Policy-Min-TLS-1-2-2019-07" } (or Policy-Min-TLS-1-2-PFS-2023-10).',
  checkov: 'CKV_AWS_228',
  types: [OS, ES],
  path: 'domain_endpoint_options.tls_security_policy',
  good: ['Policy-Min-TLS-1-2-2019-07', 'Policy-Min-TLS-1-2-PFS-2023-10', 'Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08'],
  bad: 'Policy-Min-TLS-1-0-2019-07',
  matcher: (v) => typeof v === 'string' && /TLS-1-2|TLS-1-3/.test(v),
  whenMissing: 'fail',
  context: osContext,
  contextValues: osValues,
  plan: true,
  cwe: ['CWE-326'],
});

export const osFineGrained = attrRule({
  id: 'IAC-TF-AWS-OPENSEARCH-FINE-GRAINED-ACCESS',
  title: 'OpenSearch domain does not use fine-grained access control',
  severity: 'medium',
  description: 'Without fine-grained access control, anyone the domain\'s access policy lets in can read and write every index; it adds users, roles and index-, document- and field-level permissions.',
  remediation: 'Add advanced_security_options { enabled = true internal_user_database_enabled = false master_user_options { master_user_arn = ... } }.',
  cwe: ['CWE-284'],
  types: [OS, ES],
  path: 'advanced_security_options.enabled',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: osContext,
  contextValues: osValues,
  plan: true,
});

export const osVpc = setRule({
  id: 'IAC-TF-AWS-OPENSEARCH-IN-VPC',
  title: 'OpenSearch domain has a public endpoint',
  severity: 'medium',
  description: 'A domain outside a VPC has a public endpoint protected only by its access policy; inside a VPC, security groups and private addressing keep it off the internet.',
  remediation: 'Add vpc_options { subnet_ids = [...] security_group_ids = [...] } (a new domain is needed).',
  checkov: 'CKV_AWS_137',
  cwe: ['CWE-284'],
  types: [OS, ES],
  paths: ['vpc_options.subnet_ids'],
  value: '[aws_subnet.private.id]',
  planValue: ['subnet-0a1b2c'],
  context: osContext,
  contextValues: osValues,
});

export const osAuditLogs = rule({
  id: 'IAC-TF-AWS-OPENSEARCH-AUDIT-LOGS',
  title: 'OpenSearch domain does not publish audit logs',
  severity: 'medium',
  description:
    'Audit logs record authentication failures and access to indices; without them misuse of the data in the domain leaves no trace. An AUDIT_LOGS option without enabled passes (the provider default is true), unlike Checkov.',
  remediation: 'Add log_publishing_options { log_type = "AUDIT_LOGS" cloudwatch_log_group_arn = ... } (fine-grained access control must be on).',
  remediationSnippet: tf(OS, 'log_publishing_options {\n  log_type                 = "AUDIT_LOGS"\n  cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn\n}').trimEnd(),
  checkov: 'CKV_AWS_317',
  cwe: ['CWE-778'],
  resourceTypes: [OS, ES],
  check: (r) => {
    const types = lookup(r.attributes, 'log_publishing_options.log_type');
    const audit = lookup(r.attributes, 'log_publishing_options[*]').find((f) => !isUnknown(f.value) && lookup(f.value, 'log_type').some((t) => t.value === 'AUDIT_LOGS'));
    if (audit) {
      const enabled = lookup(audit.value, 'enabled');
      if (enabled.some((e) => e.value === false)) return { outcome: 'fail', path: `${audit.path}.enabled`, value: false };
      return { outcome: 'pass', path: audit.path };
    }
    if (types.some((t) => isUnknown(t.value)) || isUnknown(r.attributes.log_publishing_options)) return { outcome: 'unknown', path: 'log_publishing_options' };
    return { outcome: 'fail', path: 'log_publishing_options', message: `${r.address} publishes no AUDIT_LOGS` };
  },
  examples: {
    hcl: {
      fail: [tf(OS, osContext), tf(OS, `${osContext}\nlog_publishing_options {\n  log_type                 = "INDEX_SLOW_LOGS"\n  cloudwatch_log_group_arn = aws_cloudwatch_log_group.slow.arn\n}`)],
      pass: [tf(OS, `${osContext}\nlog_publishing_options {\n  log_type                 = "AUDIT_LOGS"\n  cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn\n}`)],
      unknown: [tfVar('log_type', OS, `${osContext}\nlog_publishing_options {\n  log_type                 = var.log_type\n  cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn\n}`)],
    },
    tfplan: {
      fail: [plan1(OS, { ...osValues, log_publishing_options: [] })],
      pass: [plan1(OS, { ...osValues, log_publishing_options: [{ log_type: 'AUDIT_LOGS', enabled: true, cloudwatch_log_group_arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:audit' }] })],
    },
  },
});

const rsContext = 'cluster_identifier = "warehouse"\nnode_type          = "ra3.xlplus"';
const rsValues = { cluster_identifier: 'warehouse', node_type: 'ra3.xlplus' };

export const redshiftEncryption = attrRule({
  id: 'IAC-TF-AWS-REDSHIFT-ENCRYPTION',
  title: 'Redshift cluster is not encrypted',
  severity: 'high',
  description: 'An unencrypted warehouse stores its data blocks, system metadata and snapshots in the clear.',
  remediation: 'Set encrypted = true (with kms_key_id for a customer managed key).',
  checkov: 'CKV_AWS_64',
  cwe: ['CWE-311'],
  types: [REDSHIFT],
  path: 'encrypted',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: rsContext,
  contextValues: rsValues,
  plan: true,
});

export const redshiftPublic = attrRule({
  id: 'IAC-TF-AWS-REDSHIFT-PUBLICLY-ACCESSIBLE',
  title: 'Redshift cluster is publicly accessible',
  severity: 'high',
  description: 'A publicly accessible cluster gets a public IP; the warehouse endpoint is then one security group rule away from the internet. AWS provider v5 defaults publicly_accessible to true, so unlike Checkov an unset argument fails.',
  remediation: 'Set publicly_accessible = false.',
  checkov: 'CKV_AWS_87',
  cwe: ['CWE-284'],
  types: [REDSHIFT],
  path: 'publicly_accessible',
  good: false,
  bad: true,
  whenMissing: 'fail',
  context: rsContext,
  contextValues: rsValues,
  plan: true,
});

export const redshiftLogging = rule({
  id: 'IAC-TF-AWS-REDSHIFT-AUDIT-LOGGING',
  title: 'Redshift cluster audit logging is off',
  severity: 'medium',
  description: 'Audit logging records connections, user changes and queries; without it access to the warehouse cannot be investigated.',
  remediation: 'Add an aws_redshift_logging for the cluster (log_destination_type = "cloudwatch" or "s3"), or the v4 logging { enable = true } block.',
  remediationSnippet: tf(REDSHIFT_LOGGING, 'cluster_identifier   = aws_redshift_cluster.warehouse.id\nlog_destination_type = "cloudwatch"\nlog_exports          = ["connectionlog", "userlog", "useractivitylog"]').trimEnd(),
  checkov: 'CKV_AWS_71',
  cwe: ['CWE-778'],
  resourceTypes: [REDSHIFT],
  check: (r, ctx) => {
    if (lookup(r.attributes, 'logging[*]').length) return expect('logging.enable', true)(r, ctx);
    if (linkedTo(ctx, r, [REDSHIFT_LOGGING], ['cluster_identifier'], ['cluster_identifier', 'id']).length) return { outcome: 'pass', path: 'cluster_identifier' };
    return { outcome: 'fail', path: 'logging', message: `${r.address} has no audit logging` };
  },
  examples: {
    hcl: {
      fail: [tf(REDSHIFT, rsContext, 'warehouse'), tf(REDSHIFT, `${rsContext}\nlogging {\n  enable = false\n}`, 'warehouse')],
      pass: [`${tf(REDSHIFT, rsContext, 'warehouse')}\n${tf(REDSHIFT_LOGGING, 'cluster_identifier   = aws_redshift_cluster.warehouse.id\nlog_destination_type = "cloudwatch"\nlog_exports          = ["connectionlog", "userlog"]')}`],
      unknown: [tfVar('enable', REDSHIFT, `${rsContext}\nlogging {\n  enable = var.enable\n}`, 'warehouse')],
    },
    tfplan: {
      fail: [plan({ type: REDSHIFT, name: 'warehouse', values: rsValues })],
      pass: [plan({ type: REDSHIFT, name: 'warehouse', values: rsValues }, { type: REDSHIFT_LOGGING, values: { cluster_identifier: 'warehouse', log_destination_type: 'cloudwatch' } })],
    },
  },
});

export const redshiftVpcRouting = attrRule({
  id: 'IAC-TF-AWS-REDSHIFT-ENHANCED-VPC-ROUTING',
  title: 'Redshift cluster does not use enhanced VPC routing',
  severity: 'low',
  description: 'Without enhanced VPC routing, COPY and UNLOAD traffic to S3 bypasses the VPC, so VPC endpoints policies, flow logs and security groups do not see or restrict it.',
  remediation: 'Set enhanced_vpc_routing = true.',
  checkov: 'CKV_AWS_321',
  types: [REDSHIFT],
  path: 'enhanced_vpc_routing',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: rsContext,
  contextValues: rsValues,
});

export const kinesisEncryption = attrRule({
  id: 'IAC-TF-AWS-KINESIS-ENCRYPTION',
  title: 'Kinesis data stream is not encrypted',
  severity: 'medium',
  description: 'Records stay in the stream for up to a year; without server-side encryption they are stored unencrypted.',
  remediation: 'Set encryption_type = "KMS" and kms_key_id (a customer managed key or "alias/aws/kinesis").',
  checkov: 'CKV_AWS_43',
  cwe: ['CWE-311'],
  types: [KINESIS],
  path: 'encryption_type',
  good: 'KMS',
  bad: 'NONE',
  whenMissing: 'fail',
  context: 'name = "events"',
  contextValues: { name: 'events' },
  plan: true,
});

export const firehoseEncryption = rule({
  id: 'IAC-TF-AWS-FIREHOSE-ENCRYPTION',
  title: 'Firehose delivery stream is not encrypted at rest',
  severity: 'low',
  description: 'Firehose buffers records before delivery; without server-side encryption the buffered data is stored unencrypted. (Streams fed by a Kinesis stream inherit its encryption.)',
  remediation: 'Add server_side_encryption { enabled = true key_type = "CUSTOMER_MANAGED_CMK" key_arn = ... }.',
  remediationSnippet: tf(FIREHOSE, 'server_side_encryption {\n  enabled  = true\n  key_type = "AWS_OWNED_CMK"\n}').trimEnd(),
  checkov: 'CKV_AWS_240',
  cwe: ['CWE-311'],
  resourceTypes: [FIREHOSE],
  check: (r, ctx) => {
    const source = r.attributes.kinesis_source_configuration;
    if (Array.isArray(source) && source.length) return { outcome: 'not-applicable' };
    return expect('server_side_encryption.enabled', true)(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(FIREHOSE, 'name        = "events"\ndestination = "extended_s3"')],
      pass: [tf(FIREHOSE, 'name        = "events"\ndestination = "extended_s3"\nserver_side_encryption {\n  enabled  = true\n  key_type = "AWS_OWNED_CMK"\n}')],
      unknown: [tfVar('sse', FIREHOSE, 'name        = "events"\ndestination = "extended_s3"\nserver_side_encryption {\n  enabled = var.sse\n}')],
    },
    tfplan: {
      fail: [plan1(FIREHOSE, { name: 'events', destination: 'extended_s3', server_side_encryption: [{ enabled: false }] })],
      pass: [plan1(FIREHOSE, { name: 'events', destination: 'extended_s3', server_side_encryption: [{ enabled: true, key_type: 'AWS_OWNED_CMK' }] })],
    },
  },
});

export const efsEncryption = attrRule({
  id: 'IAC-TF-AWS-EFS-ENCRYPTION',
  title: 'EFS file system is not encrypted at rest',
  severity: 'medium',
  description: 'Unencrypted EFS stores files and metadata in the clear; encryption can only be chosen when the file system is created.',
  remediation: 'Set encrypted = true (with kms_key_id for a customer managed key).',
  checkov: 'CKV_AWS_42',
  cis: ['CIS AWS 2.4.1'],
  cwe: ['CWE-311'],
  types: [EFS],
  path: 'encrypted',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: 'creation_token = "shared"',
  contextValues: { creation_token: 'shared' },
  plan: true,
});

const glueConfig = (s3: string, cw = '"SSE-KMS"', bookmarks = '"CSE-KMS"') =>
  `name = "etl"\nencryption_configuration {\n  cloudwatch_encryption {\n    cloudwatch_encryption_mode = ${cw}\n    kms_key_arn                = aws_kms_key.glue.arn\n  }\n  job_bookmarks_encryption {\n    job_bookmarks_encryption_mode = ${bookmarks}\n    kms_key_arn                   = aws_kms_key.glue.arn\n  }\n  s3_encryption {\n    s3_encryption_mode = ${s3}\n    kms_key_arn        = aws_kms_key.glue.arn\n  }\n}`;

const glueCheck: Check = (r, ctx) =>
  [
    forbid('encryption_configuration.cloudwatch_encryption.cloudwatch_encryption_mode', 'DISABLED', { whenMissing: 'fail' })(r, ctx),
    forbid('encryption_configuration.job_bookmarks_encryption.job_bookmarks_encryption_mode', 'DISABLED', { whenMissing: 'fail' })(r, ctx),
    forbid('encryption_configuration.s3_encryption.s3_encryption_mode', 'DISABLED', { whenMissing: 'fail' })(r, ctx),
  ]
    .flat()
    .sort((a, b) => rank(a.outcome) - rank(b.outcome))
    .filter((v, _i, all) => v.outcome === all[0].outcome);

const rank = (o: string) => (o === 'fail' ? 0 : o === 'unknown' ? 1 : 2);

export const glueEncryption = rule({
  id: 'IAC-TF-AWS-GLUE-SECURITY-CONFIGURATION-ENCRYPTION',
  title: 'Glue security configuration leaves data unencrypted',
  severity: 'medium',
  description: 'A Glue security configuration decides how jobs encrypt what they write to S3, their CloudWatch logs and job bookmarks; any of them DISABLED stores that data unencrypted.',
  remediation: 'Set s3_encryption_mode (SSE-KMS or SSE-S3), cloudwatch_encryption_mode (SSE-KMS) and job_bookmarks_encryption_mode (CSE-KMS).',
  remediationSnippet: tf(GLUE, glueConfig('"SSE-KMS"')).trimEnd(),
  checkov: 'CKV_AWS_99',
  cwe: ['CWE-311'],
  resourceTypes: [GLUE],
  check: glueCheck,
  examples: {
    hcl: {
      fail: [tf(GLUE, glueConfig('"DISABLED"')), tf(GLUE, glueConfig('"SSE-S3"', '"DISABLED"'))],
      pass: [tf(GLUE, glueConfig('"SSE-KMS"'))],
      unknown: [tfVar('mode', GLUE, glueConfig('var.mode'))],
    },
  },
});

export const athenaEncryption = rule({
  id: 'IAC-TF-AWS-ATHENA-WORKGROUP-ENCRYPTION',
  title: 'Athena workgroup does not enforce encrypted query results',
  severity: 'medium',
  description:
    'Query results land in S3; without an encryption configuration enforced by the workgroup, results (often copies of sensitive data) may be written unencrypted and clients can override the setting. Checkov\'s CKV_AWS_159 (an encryption_option is set) plus its CKV_AWS_82 (enforce_workgroup_configuration not false) in one rule.',
  remediation: 'Set configuration { enforce_workgroup_configuration = true result_configuration { encryption_configuration { encryption_option = "SSE_KMS" kms_key_arn = ... } } }.',
  remediationSnippet: tf(ATHENA, 'name = "analytics"\nconfiguration {\n  enforce_workgroup_configuration = true\n  result_configuration {\n    encryption_configuration {\n      encryption_option = "SSE_KMS"\n      kms_key_arn       = aws_kms_key.athena.arn\n    }\n  }\n}').trimEnd(),
  checkov: 'CKV_AWS_159',
  cwe: ['CWE-311'],
  resourceTypes: [ATHENA],
  check: (r, ctx) => {
    const enforced = [expect('configuration.enforce_workgroup_configuration', true, { whenMissing: 'pass' })(r, ctx)].flat();
    if (!lookup(r.attributes, 'configuration[*]').length) return { outcome: 'fail', path: 'configuration' };
    if (enforced.some((v) => v.outcome !== 'pass')) return enforced;
    return requireSet('configuration.result_configuration.encryption_configuration.encryption_option')(r, ctx);
  },
  examples: {
    hcl: {
      fail: [
        tf(ATHENA, 'name = "analytics"'),
        tf(ATHENA, 'name = "analytics"\nconfiguration {\n  enforce_workgroup_configuration = false\n  result_configuration {\n    encryption_configuration {\n      encryption_option = "SSE_S3"\n    }\n  }\n}'),
      ],
      pass: [tf(ATHENA, 'name = "analytics"\nconfiguration {\n  result_configuration {\n    encryption_configuration {\n      encryption_option = "SSE_KMS"\n      kms_key_arn       = aws_kms_key.athena.arn\n    }\n  }\n}')],
      unknown: [tfVar('option', ATHENA, 'name = "analytics"\nconfiguration {\n  result_configuration {\n    encryption_configuration {\n      encryption_option = var.option\n    }\n  }\n}')],
    },
  },
});

const mqContext = 'broker_name        = "orders"\nengine_type        = "ActiveMQ"\nengine_version     = "5.18"\nhost_instance_type = "mq.t3.micro"';
const mqValues = { broker_name: 'orders', engine_type: 'ActiveMQ', engine_version: '5.18' };

export const mqPublic = attrRule({
  id: 'IAC-TF-AWS-MQ-PUBLICLY-ACCESSIBLE',
  title: 'Amazon MQ broker is publicly accessible',
  severity: 'high',
  description: 'A publicly accessible broker has an endpoint on the internet; its consoles and messaging ports are then exposed to credential attacks.',
  remediation: 'Set publicly_accessible = false (the default) and place the broker in private subnets.',
  checkov: 'CKV_AWS_69',
  cwe: ['CWE-284'],
  types: [MQ],
  path: 'publicly_accessible',
  good: false,
  bad: true,
  whenMissing: 'pass',
  context: mqContext,
  contextValues: mqValues,
  plan: true,
});

export const mqLogging = attrRule({
  id: 'IAC-TF-AWS-MQ-GENERAL-LOGS',
  title: 'Amazon MQ broker does not publish general logs',
  severity: 'low',
  description: 'General logs record broker activity (connections, configuration changes, errors); without them problems and misuse cannot be traced.',
  remediation: 'Add logs { general = true } (and audit = true for ActiveMQ).',
  checkov: 'CKV_AWS_48',
  cwe: ['CWE-778'],
  types: [MQ],
  path: 'logs.general',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: mqContext,
  contextValues: mqValues,
  plan: true,
});

const mskContext = 'cluster_name           = "events"\nkafka_version          = "3.6.0"\nnumber_of_broker_nodes = 3';
const mskValues = { cluster_name: 'events', kafka_version: '3.6.0', number_of_broker_nodes: 3 };

export const mskTransit = rule({
  id: 'IAC-TF-AWS-MSK-TRANSIT-ENCRYPTION',
  title: 'MSK cluster allows unencrypted client or broker traffic',
  severity: 'medium',
  description:
    'With client_broker = "PLAINTEXT" or "TLS_PLAINTEXT", or in_cluster = false, Kafka records travel in clear text between clients and brokers or between brokers. Unlike Checkov, a cluster without encryption_info passes: the defaults are TLS and in-cluster encryption.',
  remediation: 'Set encryption_info { encryption_in_transit { client_broker = "TLS" in_cluster = true } } (the defaults).',
  remediationSnippet: tf(MSK, 'encryption_info {\n  encryption_in_transit {\n    client_broker = "TLS"\n    in_cluster    = true\n  }\n}').trimEnd(),
  checkov: 'CKV_AWS_81',
  cwe: ['CWE-319'],
  resourceTypes: [MSK],
  check: (r, ctx) => {
    const verdicts = [
      [expect('encryption_info.encryption_in_transit.client_broker', 'TLS', { whenMissing: 'pass' })(r, ctx)].flat(),
      [expect('encryption_info.encryption_in_transit.in_cluster', true, { whenMissing: 'pass' })(r, ctx)].flat(),
    ].flat();
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    return fails.length ? fails : verdicts.find((v) => v.outcome === 'unknown') ?? verdicts[0];
  },
  examples: {
    hcl: {
      fail: [tf(MSK, `${mskContext}\nencryption_info {\n  encryption_in_transit {\n    client_broker = "TLS_PLAINTEXT"\n  }\n}`), tf(MSK, `${mskContext}\nencryption_info {\n  encryption_in_transit {\n    in_cluster = false\n  }\n}`)],
      pass: [tf(MSK, mskContext), tf(MSK, `${mskContext}\nencryption_info {\n  encryption_in_transit {\n    client_broker = "TLS"\n    in_cluster    = true\n  }\n}`)],
      unknown: [tfVar('mode', MSK, `${mskContext}\nencryption_info {\n  encryption_in_transit {\n    client_broker = var.mode\n  }\n}`)],
    },
    tfplan: {
      fail: [plan1(MSK, { ...mskValues, encryption_info: [{ encryption_in_transit: [{ client_broker: 'PLAINTEXT', in_cluster: true }] }] })],
      pass: [plan1(MSK, { ...mskValues, encryption_info: [{ encryption_in_transit: [{ client_broker: 'TLS', in_cluster: true }] }] })],
    },
  },
});

export const mskLogging = rule({
  id: 'IAC-TF-AWS-MSK-BROKER-LOGS',
  title: 'MSK cluster does not deliver broker logs',
  severity: 'low',
  description: 'Broker logs record connections, authentication failures and errors; without a destination they are not kept anywhere you can search.',
  remediation: 'Add logging_info { broker_logs { cloudwatch_logs { enabled = true log_group = ... } } } (or firehose / s3).',
  remediationSnippet: tf(MSK, 'logging_info {\n  broker_logs {\n    cloudwatch_logs {\n      enabled   = true\n      log_group = aws_cloudwatch_log_group.msk.name\n    }\n  }\n}').trimEnd(),
  checkov: 'CKV_AWS_80',
  cwe: ['CWE-778'],
  resourceTypes: [MSK],
  check: (r) => {
    const enabled = ['cloudwatch_logs', 'firehose', 's3'].flatMap((d) => lookup(r.attributes, `logging_info.broker_logs.${d}.enabled`));
    if (enabled.some((f) => f.value === true)) return { outcome: 'pass', path: enabled.find((f) => f.value === true)!.path, value: true };
    const unknown = enabled.find((f) => isUnknown(f.value));
    if (unknown) return { outcome: 'unknown', path: unknown.path, value: unknown.value };
    return { outcome: 'fail', path: 'logging_info', message: `${r.address} delivers no broker logs` };
  },
  examples: {
    hcl: {
      fail: [tf(MSK, mskContext)],
      pass: [tf(MSK, `${mskContext}\nlogging_info {\n  broker_logs {\n    cloudwatch_logs {\n      enabled   = true\n      log_group = aws_cloudwatch_log_group.msk.name\n    }\n  }\n}`)],
      unknown: [tfVar('logs', MSK, `${mskContext}\nlogging_info {\n  broker_logs {\n    s3 {\n      enabled = var.logs\n      bucket  = aws_s3_bucket.logs.id\n    }\n  }\n}`)],
    },
    tfplan: {
      fail: [plan1(MSK, { ...mskValues, logging_info: [] })],
      pass: [plan1(MSK, { ...mskValues, logging_info: [{ broker_logs: [{ cloudwatch_logs: [{ enabled: true, log_group: 'msk' }], firehose: [], s3: [] }] }] })],
    },
  },
});

export const mskPublic = rule({
  id: 'IAC-TF-AWS-MSK-PUBLIC-ACCESS',
  title: 'MSK cluster brokers are reachable from the internet',
  severity: 'high',
  description: 'With public access (SERVICE_PROVIDED_EIPS) the brokers get public addresses and Kafka is exposed to the internet, guarded only by its client authentication.',
  remediation: 'Set broker_node_group_info { connectivity_info { public_access { type = "DISABLED" } } } (the default).',
  remediationSnippet: tf(MSK, 'broker_node_group_info {\n  connectivity_info {\n    public_access {\n      type = "DISABLED"\n    }\n  }\n}').trimEnd(),
  checkov: 'CKV_AWS_291',
  cwe: ['CWE-284'],
  resourceTypes: [MSK],
  check: forbid('broker_node_group_info.connectivity_info.public_access.type', 'SERVICE_PROVIDED_EIPS'),
  examples: {
    hcl: {
      fail: [tf(MSK, `${mskContext}\nbroker_node_group_info {\n  instance_type = "kafka.m5.large"\n  connectivity_info {\n    public_access {\n      type = "SERVICE_PROVIDED_EIPS"\n    }\n  }\n}`)],
      pass: [tf(MSK, `${mskContext}\nbroker_node_group_info {\n  instance_type = "kafka.m5.large"\n}`)],
      unknown: [tfVar('access', MSK, `${mskContext}\nbroker_node_group_info {\n  instance_type = "kafka.m5.large"\n  connectivity_info {\n    public_access {\n      type = var.access\n    }\n  }\n}`)],
    },
  },
});

export const dataRules: readonly IacRule[] = [
  dynamoPitr,
  dynamoCmk,
  daxEncryption,
  redisAtRest,
  redisInTransit,
  redisAuth,
  redisFailover,
  osAtRest,
  osNodeToNode,
  osHttps,
  osTls,
  osFineGrained,
  osVpc,
  osAuditLogs,
  redshiftEncryption,
  redshiftPublic,
  redshiftLogging,
  redshiftVpcRouting,
  kinesisEncryption,
  firehoseEncryption,
  efsEncryption,
  glueEncryption,
  athenaEncryption,
  mqPublic,
  mqLogging,
  mskTransit,
  mskLogging,
  mskPublic,
];
