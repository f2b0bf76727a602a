// Databases and data stores: RDS, DynamoDB, ElastiCache, OpenSearch, Redshift, Kinesis, SNS, SQS,
// Secrets Manager, KMS keys and CloudWatch log groups.
import { expect, fail, forbid, isSet, pass, requireAny, unknown, when, type Check } from '../../helpers';
import type { IacResource, IacRule } from '../../types';
import { asNumber, isUnknown } from '../../values';
import { cfn, propertyRule, sam, serverless } from './templates';

const DB = 'AWS::RDS::DBInstance';
const CLUSTER = 'AWS::RDS::DBCluster';

/** An instance that is not an Aurora cluster member: its cluster holds storage, backup and protection settings. */
const standalone = (r: IacResource): boolean | 'unknown' => {
  if (r.type !== DB) return true;
  if (r.attributes.DBClusterIdentifier !== undefined) return false;
  const engine = r.attributes.Engine;
  if (isUnknown(engine)) return 'unknown';
  return !(typeof engine === 'string' && engine.toLowerCase().startsWith('aurora'));
};

/** Storage restored from a snapshot, or a read replica / cluster copy, inherits the source's encryption: StorageEncrypted is not read. */
const INHERITED_STORAGE = ['DBSnapshotIdentifier', 'SourceDBInstanceIdentifier', 'SourceDBInstanceAutomatedBackupsArn', 'SnapshotIdentifier', 'SourceDBClusterIdentifier'];
const ownsStorage = (r: IacResource): boolean | 'unknown' => {
  const s = standalone(r);
  return s === true ? !INHERITED_STORAGE.some((k) => r.attributes[k] !== undefined && r.attributes[k] !== null && r.attributes[k] !== '') : s;
};

const mysql = 'Engine: mysql\nDBInstanceClass: db.t3.micro\nAllocatedStorage: 20';

export const rdsStorageEncrypted = propertyRule({
  id: 'IAC-AWS-RDS-STORAGE-ENCRYPTED',
  title: 'RDS storage is not encrypted',
  severity: 'high',
  description:
    'Unencrypted RDS storage leaves the data, its automated backups, read replicas and snapshots in clear text. Encryption can only be chosen when the database is created; a database restored from a snapshot or created as a replica inherits its source’s and is not judged.',
  remediation: 'Set StorageEncrypted: true (with a KmsKeyId for a customer managed key) on the instance or Aurora cluster.',
  remediationSnippet: 'StorageEncrypted: true\nKmsKeyId: !Ref DatabaseKey',
  helpUri: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
  checkov: ['CKV_AWS_16', 'CKV_AWS_96'],
  cis: ['CIS AWS 2.3.1'],
  cwe: ['CWE-311'],
  resourceTypes: [DB, CLUSTER],
  check: when(ownsStorage, expect('StorageEncrypted', true)),
  fail: [mysql, `${mysql}\nStorageEncrypted: false`],
  pass: [`${mysql}\nStorageEncrypted: true`],
  unknown: `${mysql}\nStorageEncrypted: !Ref Setting`,
  json: { fail: [{ Engine: 'postgres', DBInstanceClass: 'db.t3.micro' }], pass: [{ Engine: 'postgres', DBInstanceClass: 'db.t3.micro', StorageEncrypted: true }] },
});
rdsStorageEncrypted.examples.cfn!.fail.push(cfn(CLUSTER, 'Engine: aurora-postgresql\nMasterUsername: admin'));
rdsStorageEncrypted.examples.cfn!.pass.push(cfn(CLUSTER, 'Engine: aurora-postgresql\nStorageEncrypted: true'));

export const rdsPublic = propertyRule({
  id: 'IAC-AWS-RDS-PUBLICLY-ACCESSIBLE',
  title: 'RDS instance is publicly accessible',
  severity: 'high',
  description: 'A publicly accessible instance gets a public DNS name and address: its security groups become the only barrier between the database and the internet.',
  remediation: 'Set PubliclyAccessible: false and put the instance in private subnets.',
  remediationSnippet: 'PubliclyAccessible: false',
  helpUri: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding',
  checkov: 'CKV_AWS_17',
  cwe: ['CWE-284'],
  resourceTypes: [DB],
  check: forbid('PubliclyAccessible', true),
  fail: [`${mysql}\nPubliclyAccessible: true`],
  pass: [`${mysql}\nPubliclyAccessible: false`, mysql],
  unknown: `${mysql}\nPubliclyAccessible: !Ref Setting`,
  json: { fail: [{ Engine: 'postgres', PubliclyAccessible: 'true' }] },
});

export const rdsBackupRetention = propertyRule({
  id: 'IAC-AWS-RDS-BACKUP-RETENTION',
  title: 'RDS keeps automated backups for less than 7 days',
  severity: 'medium',
  description: 'The default retention is 1 day (0 turns backups off): a corruption or deletion noticed after a weekend cannot be undone by point-in-time restore.',
  remediation: 'Set BackupRetentionPeriod to 7 or more (up to 35).',
  remediationSnippet: 'BackupRetentionPeriod: 14',
  helpUri: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
  cwe: ['CWE-693'],
  resourceTypes: [DB, CLUSTER],
  check: when(standalone, expect('BackupRetentionPeriod', (v) => (asNumber(v) ?? 0) >= 7)),
  fail: [mysql, `${mysql}\nBackupRetentionPeriod: 0`],
  pass: [`${mysql}\nBackupRetentionPeriod: 14`],
  unknown: `${mysql}\nBackupRetentionPeriod: !Ref Setting`,
  unknownType: 'Number',
  json: { pass: [{ Engine: 'postgres', BackupRetentionPeriod: '7' }] },
});

export const rdsDeletionProtection = propertyRule({
  id: 'IAC-AWS-RDS-DELETION-PROTECTION',
  title: 'RDS deletion protection is off',
  severity: 'medium',
  description: 'Without deletion protection one API call, console click or stack update that replaces the resource deletes the database.',
  remediation: 'Set DeletionProtection: true (and a DeletionPolicy of Snapshot or Retain).',
  remediationSnippet: 'DeletionProtection: true',
  helpUri: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection',
  cwe: ['CWE-693'],
  resourceTypes: [DB, CLUSTER],
  check: when(standalone, expect('DeletionProtection', true)),
  fail: [mysql],
  pass: [`${mysql}\nDeletionProtection: true`],
  unknown: `${mysql}\nDeletionProtection: !Ref Setting`,
  json: { fail: [{ Engine: 'postgres', DeletionProtection: false }] },
});
rdsDeletionProtection.examples.cfn!.pass.push(cfn(CLUSTER, 'Engine: aurora-mysql\nDeletionProtection: true'));

const IAM_AUTH_ENGINES = /^(?:mysql|mariadb|postgres|aurora|aurora-mysql|aurora-postgresql)$/i;

export const rdsIamAuthentication = propertyRule({
  id: 'IAC-AWS-RDS-IAM-AUTHENTICATION',
  title: 'RDS IAM database authentication is off',
  severity: 'medium',
  description: 'With IAM authentication, applications connect with short-lived tokens from their role instead of long-lived database passwords kept in configuration.',
  remediation: 'Set EnableIAMDatabaseAuthentication: true and grant rds-db:connect to the application roles.',
  remediationSnippet: 'EnableIAMDatabaseAuthentication: true',
  helpUri: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html',
  checkov: ['CKV_AWS_161', 'CKV_AWS_162'],
  cwe: ['CWE-798'],
  resourceTypes: [DB, CLUSTER],
  check: when(
    (r) => {
      const s = standalone(r);
      if (s !== true) return s;
      const engine = r.attributes.Engine;
      return isUnknown(engine) ? 'unknown' : typeof engine === 'string' && IAM_AUTH_ENGINES.test(engine);
    },
    expect('EnableIAMDatabaseAuthentication', true),
  ),
  fail: [mysql],
  pass: [`${mysql}\nEnableIAMDatabaseAuthentication: true`],
  unknown: `${mysql}\nEnableIAMDatabaseAuthentication: !Ref Setting`,
  json: { fail: [{ Engine: 'postgres', EnableIAMDatabaseAuthentication: false }] },
});

export const rdsMultiAz = propertyRule({
  id: 'IAC-AWS-RDS-MULTI-AZ',
  title: 'RDS instance is not Multi-AZ',
  severity: 'low',
  description: 'A single-AZ instance is down for the length of an Availability Zone outage or a host failure; Multi-AZ fails over to a standby.',
  remediation: 'Set MultiAZ: true.',
  remediationSnippet: 'MultiAZ: true',
  helpUri: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html',
  checkov: 'CKV_AWS_157',
  resourceTypes: [DB],
  check: when(standalone, expect('MultiAZ', true)),
  fail: [mysql],
  pass: [`${mysql}\nMultiAZ: true`],
  unknown: `${mysql}\nMultiAZ: !Ref Setting`,
});

export const rdsMinorVersionUpgrade = propertyRule({
  id: 'IAC-AWS-RDS-AUTO-MINOR-VERSION-UPGRADE',
  title: 'RDS automatic minor version upgrades are off',
  severity: 'low',
  description: 'Minor versions carry security fixes; with automatic upgrades off the engine stays on a vulnerable version until someone upgrades it by hand.',
  remediation: 'Leave AutoMinorVersionUpgrade out (it defaults to true) or set it to true.',
  remediationSnippet: 'AutoMinorVersionUpgrade: true',
  helpUri: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html',
  cwe: ['CWE-1104'],
  resourceTypes: [DB],
  check: forbid('AutoMinorVersionUpgrade', false),
  fail: [`${mysql}\nAutoMinorVersionUpgrade: false`],
  pass: [mysql, `${mysql}\nAutoMinorVersionUpgrade: true`],
  unknown: `${mysql}\nAutoMinorVersionUpgrade: !Ref Setting`,
});

export const rdsLogExports = propertyRule({
  id: 'IAC-AWS-RDS-LOG-EXPORTS',
  title: 'RDS does not export its logs to CloudWatch',
  severity: 'low',
  description: 'Database logs (errors, audit, slow queries) exported to CloudWatch Logs outlive the instance and can be searched and alarmed on.',
  remediation: 'Set EnableCloudwatchLogsExports to the engine\'s log types (e.g. [error, general, slowquery] for MySQL, [postgresql] for PostgreSQL).',
  remediationSnippet: 'EnableCloudwatchLogsExports: [error, general, slowquery]',
  helpUri: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html',
  cwe: ['CWE-778'],
  resourceTypes: [DB, CLUSTER],
  check: when(standalone, requireAny('EnableCloudwatchLogsExports')),
  fail: [mysql, `${mysql}\nEnableCloudwatchLogsExports: []`],
  pass: [`${mysql}\nEnableCloudwatchLogsExports: [error, slowquery]`],
  unknown: `${mysql}\nEnableCloudwatchLogsExports: !Ref Setting`,
  unknownType: 'CommaDelimitedList',
});

const TABLE = 'AWS::DynamoDB::Table';
const table = 'AttributeDefinitions:\n  - AttributeName: id\n    AttributeType: S\nKeySchema:\n  - AttributeName: id\n    KeyType: HASH\nBillingMode: PAY_PER_REQUEST';
const slsTable = (props: string) =>
  serverless('runtime: nodejs20.x', 'hello:\n  handler: h.hello', `Orders:\n  Type: ${TABLE}\n  Properties:\n${`${table}\n${props}`.replace(/^/gm, '    ')}`);

export const dynamodbPitr = propertyRule({
  id: 'IAC-AWS-DYNAMODB-PITR',
  title: 'DynamoDB table has no point-in-time recovery',
  severity: 'medium',
  description: 'Without point-in-time recovery a bad write or delete (a bug, a compromised role) cannot be rolled back: the table can only be restored from on-demand backups, if any.',
  remediation: 'Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true.',
  remediationSnippet: 'PointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: true',
  helpUri: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html',
  checkov: 'CKV_AWS_28',
  resourceTypes: [TABLE],
  check: expect('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', true),
  fail: [table],
  pass: [`${table}\nPointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: true`],
  unknown: `${table}\nPointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: !Ref Setting`,
  json: { fail: [{ BillingMode: 'PAY_PER_REQUEST', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } }] },
  more: {
    sam: { fail: [sam('SimpleTable', 'PrimaryKey:\n  Name: id\n  Type: String')], pass: [sam('SimpleTable', 'PrimaryKey:\n  Name: id\n  Type: String\nPointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: true')] },
    serverless: { fail: [slsTable('')], pass: [slsTable('PointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: true')] },
  },
});

export const dynamodbCmk = propertyRule({
  id: 'IAC-AWS-DYNAMODB-CMK',
  title: 'DynamoDB table is not encrypted with a customer managed KMS key',
  severity: 'low',
  description: 'DynamoDB encrypts every table, by default with an AWS owned key that you cannot audit or restrict. A customer managed key puts reads of the data behind a key policy you control and CloudTrail records each use.',
  remediation: 'Set SSESpecification: {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: <your key>}.',
  remediationSnippet: 'SSESpecification:\n  SSEEnabled: true\n  SSEType: KMS\n  KMSMasterKeyId: !Ref TableKey',
  helpUri: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html',
  checkov: 'CKV_AWS_119',
  cwe: ['CWE-311'],
  resourceTypes: [TABLE],
  check: (r, ctx) => {
    const enabled = expect('SSESpecification.SSEEnabled', true)(r, ctx);
    const list = Array.isArray(enabled) ? enabled : [enabled];
    if (list.some((v) => v.outcome !== 'pass')) return list;
    return requireAny('SSESpecification.KMSMasterKeyId')(r, ctx);
  },
  fail: [table, `${table}\nSSESpecification:\n  SSEEnabled: true`],
  pass: [`${table}\nSSESpecification:\n  SSEEnabled: true\n  SSEType: KMS\n  KMSMasterKeyId: alias/orders`],
  unknown: `${table}\nSSESpecification:\n  SSEEnabled: true\n  KMSMasterKeyId: !Ref Setting`,
  more: {
    sam: {
      fail: [sam('SimpleTable', 'PrimaryKey:\n  Name: id\n  Type: String')],
      pass: [sam('SimpleTable', 'PrimaryKey:\n  Name: id\n  Type: String\nSSESpecification:\n  SSEEnabled: true\n  KMSMasterKeyId: alias/orders')],
    },
    serverless: { fail: [slsTable('')], pass: [slsTable('SSESpecification:\n  SSEEnabled: true\n  SSEType: KMS\n  KMSMasterKeyId: alias/orders')] },
  },
});

const REDIS = 'AWS::ElastiCache::ReplicationGroup';
const redis = 'ReplicationGroupDescription: sessions\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheClusters: 2';

export const elasticacheAtRest = propertyRule({
  id: 'IAC-AWS-ELASTICACHE-ENCRYPTION-AT-REST',
  title: 'ElastiCache replication group is not encrypted at rest',
  severity: 'medium',
  description: 'Cached data (sessions, tokens) is written to disk during syncs, swaps and backups; without encryption at rest it sits there, and in snapshots, in clear text.',
  remediation: 'Set AtRestEncryptionEnabled: true (it can only be chosen at creation).',
  remediationSnippet: 'AtRestEncryptionEnabled: true\nKmsKeyId: !Ref CacheKey',
  helpUri: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
  checkov: 'CKV_AWS_29',
  cwe: ['CWE-311'],
  resourceTypes: [REDIS],
  check: expect('AtRestEncryptionEnabled', true),
  fail: [redis],
  pass: [`${redis}\nAtRestEncryptionEnabled: true`],
  unknown: `${redis}\nAtRestEncryptionEnabled: !Ref Setting`,
});

export const elasticacheInTransit = propertyRule({
  id: 'IAC-AWS-ELASTICACHE-ENCRYPTION-IN-TRANSIT',
  title: 'ElastiCache replication group does not encrypt traffic',
  severity: 'medium',
  description: 'Without in-transit encryption clients and replicas talk to the cache in clear text, so anyone on the network path can read or alter cached data.',
  remediation: 'Set TransitEncryptionEnabled: true (with an AuthToken or user groups for authentication).',
  remediationSnippet: 'TransitEncryptionEnabled: true',
  helpUri: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html',
  checkov: 'CKV_AWS_30',
  cwe: ['CWE-319'],
  resourceTypes: [REDIS],
  check: expect('TransitEncryptionEnabled', true),
  fail: [redis, `${redis}\nTransitEncryptionEnabled: false`],
  pass: [`${redis}\nTransitEncryptionEnabled: true`],
  unknown: `${redis}\nTransitEncryptionEnabled: !Ref Setting`,
});

const DOMAIN_TYPES = ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'];
const domain = 'EngineVersion: OpenSearch_2.11\nClusterConfig:\n  InstanceType: t3.small.search';

export const searchEncryptionAtRest = propertyRule({
  id: 'IAC-AWS-OPENSEARCH-ENCRYPTION-AT-REST',
  title: 'OpenSearch / Elasticsearch domain is not encrypted at rest',
  severity: 'high',
  description: 'Indices, logs and automated snapshots of an unencrypted domain are stored in clear text.',
  remediation: 'Set EncryptionAtRestOptions.Enabled: true (with a KmsKeyId for a customer managed key).',
  remediationSnippet: 'EncryptionAtRestOptions:\n  Enabled: true',
  helpUri: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
  checkov: 'CKV_AWS_5',
  cwe: ['CWE-311'],
  resourceTypes: DOMAIN_TYPES,
  check: expect('EncryptionAtRestOptions.Enabled', true),
  fail: [domain],
  pass: [`${domain}\nEncryptionAtRestOptions:\n  Enabled: true`],
  unknown: `${domain}\nEncryptionAtRestOptions:\n  Enabled: !Ref Setting`,
});
searchEncryptionAtRest.examples.cfn!.fail.push(cfn('AWS::Elasticsearch::Domain', 'ElasticsearchVersion: "7.10"\nEncryptionAtRestOptions:\n  Enabled: false'));

export const searchNodeToNode = propertyRule({
  id: 'IAC-AWS-OPENSEARCH-NODE-TO-NODE-ENCRYPTION',
  title: 'OpenSearch / Elasticsearch domain does not encrypt traffic between nodes',
  severity: 'medium',
  description: 'Without node-to-node encryption, data replicated and queried between the domain\'s nodes crosses the VPC in clear text.',
  remediation: 'Set NodeToNodeEncryptionOptions.Enabled: true.',
  remediationSnippet: 'NodeToNodeEncryptionOptions:\n  Enabled: true',
  helpUri: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html',
  checkov: 'CKV_AWS_6',
  cwe: ['CWE-319'],
  resourceTypes: DOMAIN_TYPES,
  check: expect('NodeToNodeEncryptionOptions.Enabled', true),
  fail: [domain],
  pass: [`${domain}\nNodeToNodeEncryptionOptions:\n  Enabled: true`],
  unknown: `${domain}\nNodeToNodeEncryptionOptions:\n  Enabled: !Ref Setting`,
});

export const searchEnforceHttps = propertyRule({
  id: 'IAC-AWS-OPENSEARCH-ENFORCE-HTTPS',
  title: 'OpenSearch / Elasticsearch domain accepts plain HTTP',
  severity: 'medium',
  description: 'A domain that does not enforce HTTPS serves queries, documents and credentials over HTTP to any client that asks.',
  remediation: 'Set DomainEndpointOptions.EnforceHTTPS: true and a TLSSecurityPolicy of Policy-Min-TLS-1-2-2019-07 or newer.',
  remediationSnippet: 'DomainEndpointOptions:\n  EnforceHTTPS: true\n  TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07',
  helpUri: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html',
  checkov: 'CKV_AWS_83',
  cwe: ['CWE-319'],
  resourceTypes: DOMAIN_TYPES,
  check: expect('DomainEndpointOptions.EnforceHTTPS', true),
  fail: [domain],
  pass: [`${domain}\nDomainEndpointOptions:\n  EnforceHTTPS: true`],
  unknown: `${domain}\nDomainEndpointOptions:\n  EnforceHTTPS: !Ref Setting`,
});

const REDSHIFT = 'AWS::Redshift::Cluster';
const redshift = 'ClusterType: single-node\nNodeType: ra3.xlplus\nDBName: analytics\nMasterUsername: admin\nManageMasterPassword: true';

export const redshiftEncrypted = propertyRule({
  id: 'IAC-AWS-REDSHIFT-ENCRYPTED',
  title: 'Redshift cluster is not encrypted',
  severity: 'high',
  description: 'An unencrypted cluster keeps its data blocks, metadata and snapshots in clear text.',
  remediation: 'Set Encrypted: true (with a KmsKeyId for a customer managed key).',
  remediationSnippet: 'Encrypted: true\nKmsKeyId: !Ref WarehouseKey',
  helpUri: 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html',
  checkov: 'CKV_AWS_64',
  cwe: ['CWE-311'],
  resourceTypes: [REDSHIFT],
  check: expect('Encrypted', true),
  fail: [redshift],
  pass: [`${redshift}\nEncrypted: true`],
  unknown: `${redshift}\nEncrypted: !Ref Setting`,
});

export const redshiftPublic = propertyRule({
  id: 'IAC-AWS-REDSHIFT-PUBLICLY-ACCESSIBLE',
  title: 'Redshift cluster is publicly accessible',
  severity: 'high',
  description: 'A publicly accessible cluster gets a public endpoint: its security groups are all that stand between the warehouse and the internet.',
  remediation: 'Set PubliclyAccessible: false and place the cluster in private subnets.',
  remediationSnippet: 'PubliclyAccessible: false',
  helpUri: 'https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html',
  checkov: 'CKV_AWS_87',
  cwe: ['CWE-284'],
  resourceTypes: [REDSHIFT],
  check: forbid('PubliclyAccessible', true),
  fail: [`${redshift}\nPubliclyAccessible: true`],
  pass: [`${redshift}\nPubliclyAccessible: false`],
  unknown: `${redshift}\nPubliclyAccessible: !Ref Setting`,
});

export const kinesisEncryption = propertyRule({
  id: 'IAC-AWS-KINESIS-ENCRYPTION',
  title: 'Kinesis stream is not encrypted',
  severity: 'medium',
  description: 'Records of an unencrypted stream are stored in clear text for the whole retention period.',
  remediation: 'Set StreamEncryption: {EncryptionType: KMS, KeyId: alias/aws/kinesis or your key}.',
  remediationSnippet: 'StreamEncryption:\n  EncryptionType: KMS\n  KeyId: alias/aws/kinesis',
  helpUri: 'https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html',
  checkov: 'CKV_AWS_43',
  cwe: ['CWE-311'],
  resourceTypes: ['AWS::Kinesis::Stream'],
  check: expect('StreamEncryption.EncryptionType', 'KMS'),
  fail: ['ShardCount: 1'],
  pass: ['ShardCount: 1\nStreamEncryption:\n  EncryptionType: KMS\n  KeyId: alias/aws/kinesis'],
  unknown: 'ShardCount: 1\nStreamEncryption:\n  EncryptionType: !Ref Setting\n  KeyId: alias/aws/kinesis',
});

export const snsEncryption = propertyRule({
  id: 'IAC-AWS-SNS-ENCRYPTION',
  title: 'SNS topic is not encrypted',
  severity: 'medium',
  description: 'Messages of a topic without server-side encryption are stored unencrypted until delivered.',
  remediation: 'Set KmsMasterKeyId (alias/aws/sns or a customer managed key).',
  remediationSnippet: 'KmsMasterKeyId: alias/aws/sns',
  helpUri: 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
  checkov: 'CKV_AWS_26',
  cwe: ['CWE-311'],
  resourceTypes: ['AWS::SNS::Topic'],
  check: requireAny('KmsMasterKeyId'),
  fail: ['TopicName: alerts'],
  pass: ['TopicName: alerts\nKmsMasterKeyId: alias/aws/sns'],
  unknown: 'TopicName: alerts\nKmsMasterKeyId: !Ref Setting',
  more: {
    serverless: {
      fail: [serverless('runtime: nodejs20.x', 'hello:\n  handler: h.hello', 'Alerts:\n  Type: AWS::SNS::Topic\n  Properties:\n    TopicName: alerts')],
      pass: [serverless('runtime: nodejs20.x', 'hello:\n  handler: h.hello', 'Alerts:\n  Type: AWS::SNS::Topic\n  Properties:\n    KmsMasterKeyId: alias/aws/sns')],
    },
  },
});

const sqsCheck: Check = (r) => {
  const key = r.attributes.KmsMasterKeyId;
  if (key !== undefined && isSet(key)) return pass('KmsMasterKeyId', key);
  const managed = r.attributes.SqsManagedSseEnabled;
  if (isUnknown(managed)) return unknown('SqsManagedSseEnabled', managed);
  if (managed === false || managed === 'false') return fail('SqsManagedSseEnabled', managed);
  return pass('SqsManagedSseEnabled', managed);
};

export const sqsEncryption = propertyRule({
  id: 'IAC-AWS-SQS-ENCRYPTION',
  title: 'SQS queue encryption is turned off',
  severity: 'medium',
  description:
    'New queues are encrypted with SQS-managed keys unless SqsManagedSseEnabled is set to false without a KMS key; their messages are then stored in clear text. A queue that keeps the SQS-managed default passes (Checkov requires KmsMasterKeyId, from before SSE-SQS became the default).',
  remediation: 'Remove SqsManagedSseEnabled: false, or set KmsMasterKeyId.',
  remediationSnippet: 'KmsMasterKeyId: alias/aws/sqs',
  helpUri: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
  checkov: 'CKV_AWS_27',
  cwe: ['CWE-311'],
  resourceTypes: ['AWS::SQS::Queue'],
  check: sqsCheck,
  fail: ['QueueName: jobs\nSqsManagedSseEnabled: false'],
  pass: ['QueueName: jobs', 'QueueName: jobs\nKmsMasterKeyId: alias/aws/sqs'],
  unknown: 'QueueName: jobs\nSqsManagedSseEnabled: !Ref Setting',
});

const SECRET = 'AWS::SecretsManager::Secret';

export const secretKms = propertyRule({
  id: 'IAC-AWS-SECRETSMANAGER-CMK',
  title: 'Secrets Manager secret is not encrypted with a customer managed key',
  severity: 'low',
  description: 'With the default aws/secretsmanager key, anyone with secretsmanager:GetSecretValue in the account can decrypt; a customer managed key adds a key policy and a second control on reads.',
  remediation: 'Set KmsKeyId to a customer managed KMS key.',
  remediationSnippet: 'KmsKeyId: !Ref SecretsKey',
  helpUri: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html',
  checkov: 'CKV_AWS_149',
  cwe: ['CWE-311'],
  resourceTypes: [SECRET],
  check: expect('KmsKeyId', (v) => typeof v === 'string' && v !== '' && v !== 'alias/aws/secretsmanager'),
  fail: ['Name: db-password\nGenerateSecretString:\n  PasswordLength: 32', 'Name: db\nKmsKeyId: alias/aws/secretsmanager'],
  pass: ['Name: db-password\nKmsKeyId: alias/app-secrets'],
  unknown: 'Name: db-password\nKmsKeyId: !Ref Setting',
});

export const secretRotation: IacRule = {
  id: 'IAC-AWS-SECRETSMANAGER-ROTATION',
  title: 'Secrets Manager secret is never rotated',
  severity: 'medium',
  description: 'A secret without a rotation schedule keeps the same value until someone changes it by hand: a leaked copy stays valid indefinitely.',
  remediation: 'Add an AWS::SecretsManager::RotationSchedule with SecretId !Ref the secret and a rotation Lambda or HostedRotationLambda.',
  remediationSnippet: 'DbSecretRotation:\n  Type: AWS::SecretsManager::RotationSchedule\n  Properties:\n    SecretId: !Ref DbSecret\n    HostedRotationLambda:\n      RotationType: PostgreSQLSingleUser\n    RotationRules:\n      AutomaticallyAfterDays: 30',
  helpUri: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
  cwe: ['CWE-324'],
  model: 'aws',
  resourceTypes: [SECRET],
  check: (r, ctx) => {
    let unsure = false;
    for (const s of ctx.ofType('AWS::SecretsManager::RotationSchedule')) {
      const target = s.attributes.SecretId;
      if (isUnknown(target)) {
        if (target.refs.includes(r.name)) return pass();
        if (!target.refs.some((ref) => ctx.resources.some((x) => x.name === ref))) unsure = true;
      } else if (typeof target === 'string' && target === r.attributes.Name) return pass();
    }
    if (unsure) return unknown(undefined, undefined, 'a rotation schedule in the template names a secret that is not known before deployment');
    return fail(undefined, undefined, `Secrets Manager secret is never rotated: no AWS::SecretsManager::RotationSchedule in the template has SecretId ${r.name}`);
  },
  examples: {
    cfn: {
      fail: [cfn(SECRET, 'Name: db\nGenerateSecretString:\n  PasswordLength: 32', { id: 'DbSecret' })],
      pass: [
        cfn(SECRET, 'Name: db\nGenerateSecretString:\n  PasswordLength: 32', {
          id: 'DbSecret',
          more: 'DbSecretRotation:\n  Type: AWS::SecretsManager::RotationSchedule\n  Properties:\n    SecretId: !Ref DbSecret\n    RotationLambdaARN: arn:aws:lambda:eu-west-1:111122223333:function:rotate\n    RotationRules:\n      AutomaticallyAfterDays: 30',
        }),
      ],
      unknown: [
        cfn(SECRET, 'Name: db', {
          id: 'DbSecret',
          parameters: 'SecretArn:\n  Type: String',
          more: 'Rotation:\n  Type: AWS::SecretsManager::RotationSchedule\n  Properties:\n    SecretId: !Ref SecretArn\n    RotationRules:\n      AutomaticallyAfterDays: 30',
        }),
      ],
    },
  },
};

const KEY = 'AWS::KMS::Key';

export const kmsRotation = propertyRule({
  id: 'IAC-AWS-KMS-KEY-ROTATION',
  title: 'KMS key rotation is off',
  severity: 'medium',
  description: 'Without automatic rotation a symmetric customer managed key uses the same key material for ever, so the exposure of one version affects all data encrypted with it.',
  remediation: 'Set EnableKeyRotation: true on symmetric encryption keys.',
  remediationSnippet: 'EnableKeyRotation: true',
  helpUri: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
  checkov: 'CKV_AWS_7',
  cis: ['CIS AWS 3.6'],
  cwe: ['CWE-324'],
  resourceTypes: [KEY],
  check: when((r) => {
    const spec = r.attributes.KeySpec;
    if (isUnknown(spec)) return 'unknown';
    return spec === undefined || spec === 'SYMMETRIC_DEFAULT';
  }, expect('EnableKeyRotation', true)),
  fail: ['Description: data key', 'Description: data key\nEnableKeyRotation: false'],
  pass: ['Description: data key\nEnableKeyRotation: true', 'Description: data key\nKeySpec: SYMMETRIC_DEFAULT\nEnableKeyRotation: true'],
  unknown: 'Description: data key\nEnableKeyRotation: !Ref Setting',
  json: { pass: [{ EnableKeyRotation: true }] },
});

const LOG_GROUP = 'AWS::Logs::LogGroup';

export const logGroupRetention = propertyRule({
  id: 'IAC-AWS-LOG-GROUP-RETENTION',
  title: 'CloudWatch log group keeps logs for ever',
  severity: 'low',
  description: 'Without RetentionInDays logs never expire: costs grow without bound and personal data in logs is kept longer than any policy allows.',
  remediation: 'Set RetentionInDays to what your log policy requires (e.g. 365).',
  remediationSnippet: 'RetentionInDays: 365',
  helpUri: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention',
  checkov: 'CKV_AWS_66',
  resourceTypes: [LOG_GROUP],
  check: requireAny('RetentionInDays'),
  fail: ['LogGroupName: /app/api'],
  pass: ['LogGroupName: /app/api\nRetentionInDays: 365'],
  unknown: 'LogGroupName: /app/api\nRetentionInDays: !Ref Setting',
  unknownType: 'Number',
});

export const logGroupKms = propertyRule({
  id: 'IAC-AWS-LOG-GROUP-KMS',
  title: 'CloudWatch log group is not encrypted with a KMS key',
  severity: 'low',
  description: 'Log groups are encrypted with CloudWatch-owned keys by default; a KMS key lets you restrict and audit who can read logs that may hold personal data or secrets.',
  remediation: 'Set KmsKeyId to a KMS key whose policy allows the logs service principal.',
  remediationSnippet: 'KmsKeyId: !GetAtt LogsKey.Arn',
  helpUri: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
  checkov: 'CKV_AWS_158',
  cwe: ['CWE-311'],
  resourceTypes: [LOG_GROUP],
  check: requireAny('KmsKeyId'),
  fail: ['LogGroupName: /app/api'],
  pass: ['LogGroupName: /app/api\nKmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
  unknown: 'LogGroupName: /app/api\nKmsKeyId: !Ref Setting',
});

export const efsEncryption = propertyRule({
  id: 'IAC-AWS-EFS-ENCRYPTION',
  title: 'EFS file system is not encrypted',
  severity: 'high',
  description: 'An unencrypted file system stores its files and backups in clear text; encryption at rest can only be chosen when it is created.',
  remediation: 'Set Encrypted: true (with a KmsKeyId for a customer managed key).',
  remediationSnippet: 'Encrypted: true',
  helpUri: 'https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html',
  checkov: 'CKV_AWS_42',
  cwe: ['CWE-311'],
  resourceTypes: ['AWS::EFS::FileSystem'],
  check: expect('Encrypted', true),
  fail: ['PerformanceMode: generalPurpose', 'Encrypted: false'],
  pass: ['Encrypted: true'],
  unknown: 'Encrypted: !Ref Setting',
});

export const docdbEncryption = propertyRule({
  id: 'IAC-AWS-DOCDB-ENCRYPTION',
  title: 'DocumentDB cluster is not encrypted',
  severity: 'high',
  description: 'DocumentDB clusters are unencrypted unless StorageEncrypted is set at creation: data, backups and snapshots are then stored in clear text.',
  remediation: 'Set StorageEncrypted: true (with a KmsKeyId for a customer managed key).',
  remediationSnippet: 'StorageEncrypted: true',
  helpUri: 'https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html',
  checkov: 'CKV_AWS_74',
  cwe: ['CWE-311'],
  resourceTypes: ['AWS::DocDB::DBCluster'],
  check: expect('StorageEncrypted', true),
  fail: ['MasterUsername: admin'],
  pass: ['MasterUsername: admin\nStorageEncrypted: true'],
  unknown: 'MasterUsername: admin\nStorageEncrypted: !Ref Setting',
});

export const neptuneEncryption = propertyRule({
  id: 'IAC-AWS-NEPTUNE-ENCRYPTION',
  title: 'Neptune cluster is not encrypted',
  severity: 'high',
  description: 'Neptune clusters are unencrypted unless StorageEncrypted is set at creation: the graph, its backups and snapshots are stored in clear text.',
  remediation: 'Set StorageEncrypted: true.',
  remediationSnippet: 'StorageEncrypted: true',
  helpUri: 'https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html',
  checkov: 'CKV_AWS_44',
  cwe: ['CWE-311'],
  resourceTypes: ['AWS::Neptune::DBCluster'],
  check: expect('StorageEncrypted', true),
  fail: ['DBClusterIdentifier: graph'],
  pass: ['DBClusterIdentifier: graph\nStorageEncrypted: true'],
  unknown: 'DBClusterIdentifier: graph\nStorageEncrypted: !Ref Setting',
});

export const daxEncryption = propertyRule({
  id: 'IAC-AWS-DAX-ENCRYPTION',
  title: 'DAX cluster is not encrypted at rest',
  severity: 'medium',
  description: 'DAX clusters are unencrypted by default: the cached DynamoDB items are stored in clear text on the nodes.',
  remediation: 'Set SSESpecification.SSEEnabled: true.',
  remediationSnippet: 'SSESpecification:\n  SSEEnabled: true',
  helpUri: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html',
  checkov: 'CKV_AWS_47',
  cwe: ['CWE-311'],
  resourceTypes: ['AWS::DAX::Cluster'],
  check: expect('SSESpecification.SSEEnabled', true),
  fail: ['NodeType: dax.t3.small\nReplicationFactor: 3\nIAMRoleARN: arn:aws:iam::111122223333:role/dax'],
  pass: ['NodeType: dax.t3.small\nReplicationFactor: 3\nIAMRoleARN: arn:aws:iam::111122223333:role/dax\nSSESpecification:\n  SSEEnabled: true'],
  unknown: 'NodeType: dax.t3.small\nSSESpecification:\n  SSEEnabled: !Ref Setting',
});

export const mqPublic = propertyRule({
  id: 'IAC-AWS-MQ-PUBLICLY-ACCESSIBLE',
  title: 'Amazon MQ broker is publicly accessible',
  severity: 'high',
  description: 'A publicly accessible broker can be reached from the internet; its user names and passwords are then all that protect the queues.',
  remediation: 'Set PubliclyAccessible: false and reach the broker from inside the VPC.',
  remediationSnippet: 'PubliclyAccessible: false',
  helpUri: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/using-amazon-mq-securely.html',
  checkov: 'CKV_AWS_69',
  cwe: ['CWE-284'],
  resourceTypes: ['AWS::AmazonMQ::Broker'],
  check: forbid('PubliclyAccessible', true),
  fail: ['BrokerName: orders\nEngineType: RABBITMQ\nPubliclyAccessible: true'],
  pass: ['BrokerName: orders\nEngineType: RABBITMQ\nPubliclyAccessible: false'],
  unknown: 'BrokerName: orders\nPubliclyAccessible: !Ref Setting',
});

export const dmsPublic = propertyRule({
  id: 'IAC-AWS-DMS-PUBLICLY-ACCESSIBLE',
  title: 'DMS replication instance is publicly accessible',
  severity: 'high',
  description: 'A public replication instance has a public address while it holds connections to source and target databases.',
  remediation: 'Set PubliclyAccessible: false (the default is true).',
  remediationSnippet: 'PubliclyAccessible: false',
  helpUri: 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.PublicPrivate.html',
  checkov: 'CKV_AWS_89',
  cwe: ['CWE-284'],
  resourceTypes: ['AWS::DMS::ReplicationInstance'],
  check: expect('PubliclyAccessible', false),
  fail: ['ReplicationInstanceClass: dms.t3.medium', 'ReplicationInstanceClass: dms.t3.medium\nPubliclyAccessible: true'],
  pass: ['ReplicationInstanceClass: dms.t3.medium\nPubliclyAccessible: false'],
  unknown: 'ReplicationInstanceClass: dms.t3.medium\nPubliclyAccessible: !Ref Setting',
});

export const dataRules: readonly IacRule[] = [
  rdsStorageEncrypted,
  rdsPublic,
  rdsBackupRetention,
  rdsDeletionProtection,
  rdsIamAuthentication,
  rdsMultiAz,
  rdsMinorVersionUpgrade,
  rdsLogExports,
  dynamodbPitr,
  dynamodbCmk,
  elasticacheAtRest,
  elasticacheInTransit,
  searchEncryptionAtRest,
  searchNodeToNode,
  searchEnforceHttps,
  redshiftEncrypted,
  redshiftPublic,
  kinesisEncryption,
  snsEncryption,
  sqsEncryption,
  secretKms,
  secretRotation,
  kmsRotation,
  logGroupRetention,
  logGroupKms,
  efsEncryption,
  docdbEncryption,
  neptuneEncryption,
  daxEncryption,
  mqPublic,
  dmsPublic,
];
