// CloudWatch log groups.
import type { IacRule } from '../../types';
import { atLeast, attrRule, setRule } from './common';

const GROUP = 'aws_cloudwatch_log_group';

export const logGroupKms = setRule({
  id: 'IAC-TF-AWS-CLOUDWATCH-LOG-GROUP-KMS',
  title: 'CloudWatch log group is not encrypted with a customer managed key',
  severity: 'low',
  description: 'Logs often carry request data, identifiers and occasionally secrets; with a customer managed key, reading them also needs kms:Decrypt under a key policy you control.',
  remediation: 'Set kms_key_id to a KMS key whose policy allows the logs service principal.',
  checkov: 'CKV_AWS_158',
  cwe: ['CWE-311'],
  types: [GROUP],
  paths: ['kms_key_id'],
  value: 'aws_kms_key.logs.arn',
  planValue: 'arn:aws:kms:eu-west-1:111122223333:key/1',
  context: 'name = "/app/api"',
  contextValues: { name: '/app/api' },
});

export const logGroupRetention = attrRule({
  id: 'IAC-TF-AWS-CLOUDWATCH-LOG-RETENTION',
  title: 'CloudWatch log group keeps logs less than a year',
  severity: 'low',
  description: 'Incidents are often discovered months later; logs kept for less than a year (or a retention of 0, "never expire", set by omission without a decision) may not cover the investigation or audit window.',
  remediation: 'Set retention_in_days = 365 or more (0 keeps logs forever).',
  checkov: 'CKV_AWS_338',
  cwe: ['CWE-779'],
  types: [GROUP],
  path: 'retention_in_days',
  good: 365,
  bad: 14,
  matcher: (v) => atLeast(365)(v) || v === 0,
  whenMissing: 'fail',
  context: 'name = "/app/api"',
  contextValues: { name: '/app/api' },
  plan: true,
});

export const logRules: readonly IacRule[] = [logGroupKms, logGroupRetention];
