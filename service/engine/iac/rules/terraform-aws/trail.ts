// CloudTrail trails.
import type { IacRule } from '../../types';
import { isUnknown } from '../../values';
import { attrRule, designates, plan, rule, setRule, tf } from './common';
import { s3LoggingCheck } from './s3';

const TRAIL = 'aws_cloudtrail';
const trailContext = 'name           = "main"\ns3_bucket_name = aws_s3_bucket.trail.id';
const trailValues = { name: 'main', s3_bucket_name: 'acme-trail' };

export const trailValidation = attrRule({
  id: 'IAC-TF-AWS-CLOUDTRAIL-LOG-VALIDATION',
  title: 'CloudTrail log file validation is off',
  severity: 'medium',
  description: 'Log file validation signs digest files so that a deleted or altered log file can be detected; without it an intruder can edit the trail unnoticed.',
  remediation: 'Set enable_log_file_validation = true.',
  checkov: 'CKV_AWS_36',
  cis: ['CIS AWS 3.2'],
  cwe: ['CWE-354'],
  types: [TRAIL],
  path: 'enable_log_file_validation',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: trailContext,
  contextValues: trailValues,
  plan: true,
});

export const trailMultiRegion = attrRule({
  id: 'IAC-TF-AWS-CLOUDTRAIL-MULTI-REGION',
  title: 'CloudTrail trail covers one region only',
  severity: 'medium',
  description: 'A single-region trail misses API activity in every other region, where an attacker can start resources or change settings unrecorded.',
  remediation: 'Set is_multi_region_trail = true.',
  checkov: 'CKV_AWS_67',
  cis: ['CIS AWS 3.1'],
  cwe: ['CWE-778'],
  types: [TRAIL],
  path: 'is_multi_region_trail',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: trailContext,
  contextValues: trailValues,
  plan: true,
});

export const trailKms = setRule({
  id: 'IAC-TF-AWS-CLOUDTRAIL-KMS',
  title: 'CloudTrail logs are not encrypted with a KMS key',
  severity: 'medium',
  description: 'With SSE-KMS, reading the trail\'s logs also needs kms:Decrypt on the key, a second control on who can read a record of all account activity.',
  remediation: 'Set kms_key_id to a customer managed key ARN.',
  checkov: 'CKV_AWS_35',
  cis: ['CIS AWS 3.5'],
  cwe: ['CWE-311'],
  types: [TRAIL],
  paths: ['kms_key_id'],
  value: 'aws_kms_key.trail.arn',
  planValue: 'arn:aws:kms:eu-west-1:111122223333:key/1',
  context: trailContext,
  contextValues: trailValues,
});

export const trailCloudWatch = setRule({
  id: 'IAC-TF-AWS-CLOUDTRAIL-CLOUDWATCH-LOGS',
  title: 'CloudTrail trail does not send events to CloudWatch Logs',
  severity: 'low',
  description: 'Delivering the trail to CloudWatch Logs is what makes real-time metric filters and alarms (root login, IAM changes, console sign-in failures) possible.',
  remediation: 'Set cloud_watch_logs_group_arn (as "${aws_cloudwatch_log_group.trail.arn}:*") and cloud_watch_logs_role_arn.',
  checkov: 'CKV2_AWS_10',
  cis: ['CIS AWS 3.4'],
  cwe: ['CWE-778'],
  types: [TRAIL],
  paths: ['cloud_watch_logs_group_arn'],
  value: '"${aws_cloudwatch_log_group.trail.arn}:*"',
  planValue: 'arn:aws:logs:eu-west-1:111122223333:log-group:trail:*',
  context: trailContext,
  contextValues: trailValues,
});

export const trailBucketLogging = rule({
  id: 'IAC-TF-AWS-CLOUDTRAIL-BUCKET-ACCESS-LOGGING',
  title: 'CloudTrail bucket has no server access logging',
  severity: 'low',
  description: 'Access logging on the trail\'s bucket records who read or deleted the audit logs themselves, which is how tampering with the trail is detected.',
  remediation: 'Add an aws_s3_bucket_logging for the bucket named in s3_bucket_name.',
  remediationSnippet: tf('aws_s3_bucket_logging', 'bucket        = aws_s3_bucket.trail.id\ntarget_bucket = aws_s3_bucket.access_logs.id').trimEnd(),
  cis: ['CIS AWS 3.6'],
  cwe: ['CWE-778'],
  resourceTypes: [TRAIL],
  check: (r, ctx) => {
    const name = r.attributes.s3_bucket_name;
    if (name === undefined || name === null) return { outcome: 'not-applicable' };
    const buckets = ctx.ofType('aws_s3_bucket').filter((b) => designates(name, b, ['bucket', 'id']));
    if (!buckets.length) return isUnknown(name) && name.refs.every((ref) => ref.startsWith('var.')) ? { outcome: 'unknown', path: 's3_bucket_name', value: name } : { outcome: 'not-applicable' };
    const verdicts = [s3LoggingCheck(buckets[0], ctx)].flat();
    return verdicts.map((v) => (v.outcome === 'fail' ? { ...v, path: 's3_bucket_name', message: `the trail's bucket ${buckets[0].address} has no server access logging` } : { ...v, path: 's3_bucket_name' }));
  },
  examples: {
    hcl: {
      fail: [`${tf('aws_s3_bucket', 'bucket = "acme-trail"', 'trail')}\n${tf(TRAIL, trailContext)}`],
      pass: [
        `${tf('aws_s3_bucket', 'bucket = "acme-trail"', 'trail')}\n${tf('aws_s3_bucket_logging', 'bucket        = aws_s3_bucket.trail.id\ntarget_bucket = aws_s3_bucket.access_logs.id', 'trail')}\n${tf(TRAIL, trailContext)}`,
      ],
      unknown: [`variable "bucket" {}\n${tf(TRAIL, 'name           = "main"\ns3_bucket_name = var.bucket')}`],
    },
    tfplan: {
      fail: [plan({ type: 'aws_s3_bucket', name: 'trail', values: { bucket: 'acme-trail' } }, { type: TRAIL, values: trailValues })],
      pass: [
        plan(
          { type: 'aws_s3_bucket', name: 'trail', values: { bucket: 'acme-trail' } },
          { type: 'aws_s3_bucket_logging', name: 'trail', values: { bucket: 'acme-trail', target_bucket: 'acme-access-logs' } },
          { type: TRAIL, values: trailValues },
        ),
      ],
    },
  },
});

export const trailRules: readonly IacRule[] = [trailValidation, trailMultiRegion, trailKms, trailCloudWatch, trailBucketLogging];
