// CloudTrail trails and Step Functions state machines: audit and execution records.
import { expect, requireAny } from '../../helpers';
import type { IacRule } from '../../types';
import { propertyRule, sam } from './templates';

const TRAIL = 'AWS::CloudTrail::Trail';
const trail = 'S3BucketName: audit-logs\nIsLogging: true';

export const trailLogValidation = propertyRule({
  id: 'IAC-AWS-CLOUDTRAIL-LOG-FILE-VALIDATION',
  title: 'CloudTrail log file validation is off',
  severity: 'medium',
  description: 'Without digest files nobody can prove that delivered log files were not changed or deleted afterwards, e.g. by an intruder covering tracks.',
  remediation: 'Set EnableLogFileValidation: true.',
  remediationSnippet: 'EnableLogFileValidation: true',
  helpUri: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
  checkov: 'CKV_AWS_36',
  cis: ['CIS AWS 3.2'],
  cwe: ['CWE-354'],
  resourceTypes: [TRAIL],
  check: expect('EnableLogFileValidation', true),
  fail: [trail],
  pass: [`${trail}\nEnableLogFileValidation: true`],
  unknown: `${trail}\nEnableLogFileValidation: !Ref Setting`,
  json: { fail: [{ S3BucketName: 'audit', IsLogging: true, EnableLogFileValidation: false }] },
});

export const trailMultiRegion = propertyRule({
  id: 'IAC-AWS-CLOUDTRAIL-MULTI-REGION',
  title: 'CloudTrail trail covers one region only',
  severity: 'medium',
  description: 'A single-region trail misses API activity in every other region, exactly where an attacker would start resources unnoticed.',
  remediation: 'Set IsMultiRegionTrail: true (and IncludeGlobalServiceEvents: true).',
  remediationSnippet: 'IsMultiRegionTrail: true\nIncludeGlobalServiceEvents: true',
  helpUri: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
  checkov: 'CKV_AWS_67',
  cis: ['CIS AWS 3.1'],
  cwe: ['CWE-778'],
  resourceTypes: [TRAIL],
  check: expect('IsMultiRegionTrail', true),
  fail: [trail],
  pass: [`${trail}\nIsMultiRegionTrail: true`],
  unknown: `${trail}\nIsMultiRegionTrail: !Ref Setting`,
});

export const trailKms = propertyRule({
  id: 'IAC-AWS-CLOUDTRAIL-KMS',
  title: 'CloudTrail logs are not encrypted with a KMS key',
  severity: 'medium',
  description: 'Trail files are encrypted with S3-managed keys by default; SSE-KMS adds a key policy, so reading the audit trail needs kms:Decrypt as well as S3 access.',
  remediation: 'Set KMSKeyId to a customer managed key whose policy allows cloudtrail.amazonaws.com to encrypt.',
  remediationSnippet: 'KMSKeyId: !Ref TrailKey',
  helpUri: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
  checkov: 'CKV_AWS_35',
  cis: ['CIS AWS 3.5'],
  cwe: ['CWE-311'],
  resourceTypes: [TRAIL],
  check: requireAny('KMSKeyId'),
  fail: [trail],
  pass: [`${trail}\nKMSKeyId: alias/cloudtrail`],
  unknown: `${trail}\nKMSKeyId: !Ref Setting`,
});

export const trailLogging = propertyRule({
  id: 'IAC-AWS-CLOUDTRAIL-LOGGING',
  title: 'CloudTrail trail is not logging',
  severity: 'high',
  description: 'A trail with IsLogging false records nothing: API activity in the account is not audited.',
  remediation: 'Set IsLogging: true.',
  remediationSnippet: 'IsLogging: true',
  helpUri: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html',
  cis: ['CIS AWS 3.1'],
  cwe: ['CWE-778'],
  resourceTypes: [TRAIL],
  check: expect('IsLogging', true),
  fail: ['S3BucketName: audit-logs\nIsLogging: false'],
  pass: [trail],
  unknown: 'S3BucketName: audit-logs\nIsLogging: !Ref Setting',
});

const SFN = 'AWS::StepFunctions::StateMachine';
const machine = 'RoleArn: arn:aws:iam::111122223333:role/sfn\nDefinitionS3Location:\n  Bucket: artifacts\n  Key: flow.json';
const samMachine = (extra = '') => sam('StateMachine', `DefinitionUri: flow.asl.json\nRole: arn:aws:iam::111122223333:role/sfn${extra ? `\n${extra}` : ''}`);
const logging = 'Level: ALL\nIncludeExecutionData: false\nDestinations:\n  - CloudWatchLogsLogGroup:\n      LogGroupArn: arn:aws:logs:eu-west-1:111122223333:log-group:flows:*';

export const stateMachineLogging = propertyRule({
  id: 'IAC-AWS-STEPFUNCTIONS-LOGGING',
  title: 'Step Functions state machine does not log executions',
  severity: 'low',
  description: 'Without execution logging (level ALL, ERROR or FATAL) failed and abused executions leave no trace in CloudWatch Logs.',
  remediation: 'Set LoggingConfiguration with Level ALL or ERROR and a CloudWatch Logs destination (SAM: Logging).',
  remediationSnippet: `LoggingConfiguration:\n  ${logging.replace(/\n/g, '\n  ')}`,
  helpUri: 'https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html',
  cwe: ['CWE-778'],
  resourceTypes: [SFN],
  check: expect('LoggingConfiguration.Level', ['ALL', 'ERROR', 'FATAL']),
  fail: [machine, `${machine}\nLoggingConfiguration:\n  Level: 'OFF'`],
  pass: [`${machine}\nLoggingConfiguration:\n  ${logging.replace(/\n/g, '\n  ')}`],
  unknown: `${machine}\nLoggingConfiguration:\n  Level: !Ref Setting`,
  more: { sam: { fail: [samMachine()], pass: [samMachine(`Logging:\n  ${logging.replace(/\n/g, '\n  ')}`)] } },
});

export const stateMachineTracing = propertyRule({
  id: 'IAC-AWS-STEPFUNCTIONS-TRACING',
  title: 'Step Functions state machine has no X-Ray tracing',
  severity: 'low',
  description: 'Without tracing, an execution cannot be followed through the Lambda functions and services it calls.',
  remediation: 'Set TracingConfiguration.Enabled: true (SAM: Tracing.Enabled).',
  remediationSnippet: 'TracingConfiguration:\n  Enabled: true',
  helpUri: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-xray-tracing.html',
  cwe: ['CWE-778'],
  resourceTypes: [SFN],
  check: expect('TracingConfiguration.Enabled', true),
  fail: [machine],
  pass: [`${machine}\nTracingConfiguration:\n  Enabled: true`],
  unknown: `${machine}\nTracingConfiguration:\n  Enabled: !Ref Setting`,
  more: { sam: { fail: [samMachine()], pass: [samMachine('Tracing:\n  Enabled: true')] } },
});

export const trailRules: readonly IacRule[] = [trailLogValidation, trailMultiRegion, trailKms, trailLogging, stateMachineLogging, stateMachineTracing];
