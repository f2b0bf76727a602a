// KMS keys, Secrets Manager secrets, SNS topics and SQS queues.
import { expect } from '../../helpers';
import type { IacObject, IacRule } from '../../types';
import { isUnknown } from '../../values';
import { attrRule, linkedTo, plan, plan1, rule, setRule, tf, tfVar } from './common';
import { and, anyonePrincipal, judgeStatements } from './policy';

const KEY = 'aws_kms_key';
const SECRET = 'aws_secretsmanager_secret';
const ROTATION = 'aws_secretsmanager_secret_rotation';
const TOPIC = 'aws_sns_topic';
const TOPIC_POLICY = 'aws_sns_topic_policy';
const QUEUE = 'aws_sqs_queue';
const QUEUE_POLICY = 'aws_sqs_queue_policy';

export const kmsRotation = attrRule({
  id: 'IAC-TF-AWS-KMS-KEY-ROTATION',
  title: 'KMS key rotation is not enabled',
  severity: 'medium',
  description: 'Yearly automatic rotation limits how much data one key version protects and how long a leaked key version stays useful. Only symmetric keys support it.',
  remediation: 'Set enable_key_rotation = true.',
  checkov: 'CKV_AWS_7',
  cis: ['CIS AWS 3.8'],
  cwe: ['CWE-320'],
  types: [KEY],
  path: 'enable_key_rotation',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: 'description = "application data"',
  contextValues: { description: 'application data' },
  plan: true,
  wrap: (check) => (r, ctx) => {
    const spec = r.attributes.customer_master_key_spec;
    if (isUnknown(spec)) return { outcome: 'unknown', path: 'customer_master_key_spec', value: spec };
    if (typeof spec === 'string' && spec !== 'SYMMETRIC_DEFAULT') return { outcome: 'not-applicable' };
    return check(r, ctx);
  },
});

const openStatement = (s: IacObject) => and(anyonePrincipal(s.Principal), s.Condition === undefined ? true : isUnknown(s.Condition) ? 'unknown' : false);

const keyPolicy = (principal: string, condition = '') =>
  `policy = jsonencode({\n  Version = "2012-10-17"\n  Statement = [{\n    Effect    = "Allow"\n    Principal = ${principal}\n    Action    = "kms:*"\n    Resource  = "*"${condition}\n  }]\n})`;

export const kmsPolicyAnyone = rule({
  id: 'IAC-TF-AWS-KMS-KEY-POLICY-ANY-PRINCIPAL',
  title: 'KMS key policy allows any principal',
  severity: 'high',
  description: 'A key policy statement for Principal "*" without a Condition lets any AWS account use (or manage) the key, and so decrypt what it protects.',
  remediation: 'Name the account root or the roles that may use the key, or add a Condition (kms:CallerAccount, aws:PrincipalOrgID).',
  remediationSnippet: tf(KEY, keyPolicy('{ AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }')).trimEnd(),
  helpUri: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
  checkov: 'CKV_AWS_33',
  cwe: ['CWE-284'],
  resourceTypes: [KEY],
  check: (r) => judgeStatements([{ path: 'policy', value: r.attributes.policy }], openStatement, 'Principal') ?? { outcome: 'pass', path: 'policy' },
  examples: {
    hcl: {
      fail: [tf(KEY, keyPolicy('{ AWS = "*" }')), tf(KEY, keyPolicy('"*"'))],
      pass: [tf(KEY, keyPolicy('{ AWS = "arn:aws:iam::111122223333:root" }')), tf(KEY, keyPolicy('"*"', '\n    Condition = { StringEquals = { "kms:CallerAccount" = "111122223333" } }')), tf(KEY, 'description = "default key policy"')],
      unknown: [tfVar('principal', KEY, keyPolicy('var.principal'))],
    },
    tfplan: {
      fail: [plan1(KEY, { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }] }) })],
      pass: [plan1(KEY, { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] }) })],
    },
  },
});

export const secretKms = setRule({
  id: 'IAC-TF-AWS-SECRETSMANAGER-KMS',
  title: 'Secrets Manager secret is not encrypted with a customer managed key',
  severity: 'low',
  description: 'With the default aws/secretsmanager key, anyone with secretsmanager:GetSecretValue can read the secret; a customer managed key adds a key policy as a second gate and allows cross-account use.',
  remediation: 'Set kms_key_id to a customer managed key.',
  checkov: 'CKV_AWS_149',
  cwe: ['CWE-311'],
  types: [SECRET],
  paths: ['kms_key_id'],
  value: 'aws_kms_key.secrets.arn',
  planValue: 'arn:aws:kms:eu-west-1:111122223333:key/1',
  context: 'name = "db-password"',
  contextValues: { name: 'db-password' },
  // An AWS managed key named by its alias (alias/aws/secretsmanager) is the default, not a customer managed one.
  wrap: (check) => (r, ctx) => {
    const key = r.attributes.kms_key_id;
    if (typeof key === 'string' && key.includes('alias/aws/')) return { outcome: 'fail', path: 'kms_key_id', value: key };
    return check(r, ctx);
  },
  extra: { fail: [tf(SECRET, 'name       = "db-password"\nkms_key_id = "alias/aws/secretsmanager"')] },
});

export const secretRotation = rule({
  id: 'IAC-TF-AWS-SECRETSMANAGER-ROTATION',
  title: 'Secrets Manager secret is not rotated',
  severity: 'medium',
  description: 'A secret that never changes stays valid for as long as any copy of it leaked; automatic rotation bounds that window.',
  remediation: 'Add an aws_secretsmanager_secret_rotation for the secret with a rotation Lambda and rotation_rules { automatically_after_days = 30 }.',
  remediationSnippet: tf(ROTATION, 'secret_id           = aws_secretsmanager_secret.db.id\nrotation_lambda_arn = aws_lambda_function.rotate.arn\nrotation_rules {\n  automatically_after_days = 30\n}').trimEnd(),
  checkov: 'CKV2_AWS_57',
  cwe: ['CWE-324'],
  resourceTypes: [SECRET],
  check: (r, ctx) => {
    const inline = r.attributes.rotation_lambda_arn;
    if (inline !== undefined && inline !== null && inline !== '') return { outcome: 'pass', path: 'rotation_lambda_arn' };
    if (linkedTo(ctx, r, [ROTATION], ['secret_id'], ['arn', 'id', 'name']).length) return { outcome: 'pass', path: 'name' };
    return { outcome: 'fail', path: 'name', message: `${r.address} has no aws_secretsmanager_secret_rotation` };
  },
  examples: {
    hcl: {
      fail: [tf(SECRET, 'name = "db-password"', 'db')],
      pass: [`${tf(SECRET, 'name = "db-password"', 'db')}\n${tf(ROTATION, 'secret_id           = aws_secretsmanager_secret.db.id\nrotation_lambda_arn = aws_lambda_function.rotate.arn\nrotation_rules {\n  automatically_after_days = 30\n}')}`],
    },
    tfplan: {
      fail: [plan({ type: SECRET, name: 'db', values: { name: 'db-password' } })],
      pass: [plan({ type: SECRET, name: 'db', values: { name: 'db-password' } }, { type: ROTATION, values: { secret_id: 'db-password', rotation_rules: [{ automatically_after_days: 30 }] } })],
    },
  },
});

export const snsKms = setRule({
  id: 'IAC-TF-AWS-SNS-KMS',
  title: 'SNS topic is not encrypted at rest',
  severity: 'medium',
  description: 'Without server-side encryption, messages are stored unencrypted while SNS delivers them; notifications often carry personal or operational data.',
  remediation: 'Set kms_master_key_id (a customer managed key, or "alias/aws/sns").',
  checkov: 'CKV_AWS_26',
  cwe: ['CWE-311'],
  types: [TOPIC],
  paths: ['kms_master_key_id'],
  value: 'aws_kms_key.sns.id',
  planValue: 'alias/aws/sns',
  context: 'name = "alerts"',
  contextValues: { name: 'alerts' },
});

export const sqsEncryption = rule({
  id: 'IAC-TF-AWS-SQS-ENCRYPTION',
  title: 'SQS queue is not encrypted at rest',
  severity: 'medium',
  description: 'Messages wait in the queue for up to 14 days; with SSE off they are stored unencrypted. SQS-managed SSE is on by default for new queues (so, unlike Checkov, a queue that sets neither argument passes); turning it off without a KMS key leaves the queue unencrypted.',
  remediation: 'Set kms_master_key_id, or keep sqs_managed_sse_enabled = true (the default).',
  remediationSnippet: tf(QUEUE, 'name                    = "orders"\nsqs_managed_sse_enabled = true').trimEnd(),
  checkov: 'CKV_AWS_27',
  cwe: ['CWE-311'],
  resourceTypes: [QUEUE],
  check: (r, ctx) => {
    const key = r.attributes.kms_master_key_id;
    if (key !== undefined && key !== null && key !== '') return isUnknown(key) && key.refs.every((x) => x.startsWith('var.')) ? { outcome: 'unknown', path: 'kms_master_key_id', value: key } : { outcome: 'pass', path: 'kms_master_key_id', value: key };
    return expect('sqs_managed_sse_enabled', true, { whenMissing: 'pass' })(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(QUEUE, 'name                    = "orders"\nsqs_managed_sse_enabled = false')],
      pass: [tf(QUEUE, 'name              = "orders"\nkms_master_key_id = aws_kms_key.sqs.id'), tf(QUEUE, 'name = "orders"')],
      unknown: [tfVar('sse', QUEUE, 'name                    = "orders"\nsqs_managed_sse_enabled = var.sse')],
    },
    tfplan: {
      fail: [plan1(QUEUE, { name: 'orders', kms_master_key_id: null, sqs_managed_sse_enabled: false })],
      pass: [plan1(QUEUE, { name: 'orders', kms_master_key_id: null, sqs_managed_sse_enabled: true })],
    },
  },
});

const resourcePolicy = (principal: string, action: string, resource: string, condition = '') =>
  `policy = jsonencode({\n  Version = "2012-10-17"\n  Statement = [{\n    Effect    = "Allow"\n    Principal = ${principal}\n    Action    = "${action}"\n    Resource  = ${resource}${condition}\n  }]\n})`;

function publicPolicyRule(id: string, service: string, types: readonly string[], action: string, resource: string, owner: string): IacRule {
  return rule({
    id,
    title: `${service} policy allows any principal without a condition`,
    severity: 'high',
    description: `An Allow statement for Principal "*" with no Condition lets every AWS account (and anonymous callers, where the API allows) ${action.startsWith('sns') ? 'publish to or subscribe to the topic' : 'send, read or delete messages'}.`,
    remediation: 'Name the principals, or restrict the statement with a Condition (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID).',
    remediationSnippet: tf(types[1], `${owner}\n${resourcePolicy('{ Service = "events.amazonaws.com" }', action, '"*"', '\n    Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.orders.arn } }')}`).trimEnd(),
    cwe: ['CWE-284'],
    resourceTypes: types,
    check: (r) => judgeStatements([{ path: 'policy', value: r.attributes.policy }], openStatement, 'Principal') ?? { outcome: r.type === types[0] ? 'not-applicable' : 'pass', path: 'policy' },
    examples: {
      hcl: {
        fail: [tf(types[1], `${owner}\n${resourcePolicy('"*"', action, resource)}`), tf(types[0], `name = "orders"\n${resourcePolicy('{ AWS = "*" }', action, '"*"')}`)],
        pass: [
          tf(types[1], `${owner}\n${resourcePolicy('{ AWS = "arn:aws:iam::111122223333:root" }', action, resource)}`),
          tf(types[1], `${owner}\n${resourcePolicy('"*"', action, resource, '\n    Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }')}`),
        ],
        unknown: [tfVar('principal', types[1], `${owner}\n${resourcePolicy('var.principal', action, resource)}`)],
      },
      tfplan: {
        fail: [plan1(types[1], { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: '*' }] }) })],
        pass: [plan1(types[1], { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: action, Resource: '*', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-data' } } }] }) })],
      },
    },
  });
}

export const snsPolicyPublic = publicPolicyRule('IAC-TF-AWS-SNS-POLICY-ANY-PRINCIPAL', 'SNS topic', [TOPIC, TOPIC_POLICY], 'sns:Publish', 'aws_sns_topic.alerts.arn', 'arn    = aws_sns_topic.alerts.arn');
export const sqsPolicyPublic = publicPolicyRule('IAC-TF-AWS-SQS-POLICY-ANY-PRINCIPAL', 'SQS queue', [QUEUE, QUEUE_POLICY], 'sqs:SendMessage', 'aws_sqs_queue.orders.arn', 'queue_url = aws_sqs_queue.orders.id');

export const keysMessagingRules: readonly IacRule[] = [kmsRotation, kmsPolicyAnyone, secretKms, secretRotation, snsKms, sqsEncryption, snsPolicyPublic, sqsPolicyPublic];
