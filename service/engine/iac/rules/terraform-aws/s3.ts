// S3 buckets. Since AWS provider v4 a bucket's settings live in resources of their own that name the
// bucket (`bucket = aws_s3_bucket.logs.id`); the v3 inline blocks are still accepted.
import { expect, has, type Check } from '../../helpers';
import type { IacObject, IacResource, IacRule, IacValue, RuleContext, Verdict } from '../../types';
import { isObject, isUnknown, lookup } from '../../values';
import { attrRule, bestOf, linkedTo, plan, rule, tf, tfVar } from './common';
import { and, anyonePrincipal, judgeStatements, policyDocument, statementsOf } from './policy';

const B = 'aws_s3_bucket';
const SSE = 'aws_s3_bucket_server_side_encryption_configuration';
const VERSIONING = 'aws_s3_bucket_versioning';
const PAB = 'aws_s3_bucket_public_access_block';
const LOGGING = 'aws_s3_bucket_logging';
const POLICY = 'aws_s3_bucket_policy';
const ACL = 'aws_s3_bucket_acl';

/** The resources of `type` that configure `bucket` (by reference, or by its literal name in plan JSON). */
export const settingsOf = (ctx: RuleContext, bucket: IacResource, type: string): IacResource[] =>
  linkedTo(ctx, bucket, [type], ['bucket'], ['bucket', 'id']);

/** The inline block (v3) when set, else the separate resources: the best of them decides; none: fail at `path`. */
function inlineOrLinked(
  inline: string,
  type: string,
  inlineCheck: Check,
  linkedCheck: Check,
  path: string,
  message: string,
  whenNone: 'fail' | 'pass' = 'fail',
): Check {
  return (r, ctx) => {
    if (lookup(r.attributes, inline).some((f) => f.value !== null && !(Array.isArray(f.value) && !f.value.length))) return inlineCheck(r, ctx);
    const linked = settingsOf(ctx, r, type);
    const best = bestOf(linked, ctx, linkedCheck);
    if (best) return best.map((v) => (v.outcome === 'fail' ? { ...v, message: `${message} (${linked[0].address})` } : v));
    return whenNone === 'pass' ? { outcome: 'pass', path } : { outcome: 'fail', path, message: `${r.address}: ${message}` };
  };
}

const bucket = (name = 'data') => tf(B, `bucket = "acme-${name}"`, name);
const withSetting = (type: string, body: string, name = 'data') => `${bucket(name)}\n${tf(type, `bucket = aws_s3_bucket.${name}.id\n${body}`, name)}`;

const SSE_BLOCK = 'rule {\n  apply_server_side_encryption_by_default {\n    sse_algorithm     = "aws:kms"\n    kms_master_key_id = aws_kms_key.s3.arn\n  }\n}';
const SSE_S3_BLOCK = 'rule {\n  apply_server_side_encryption_by_default {\n    sse_algorithm = "AES256"\n  }\n}';

const sseAlgorithm = 'rule.apply_server_side_encryption_by_default.sse_algorithm';

export const s3Encryption = rule({
  id: 'IAC-TF-AWS-S3-ENCRYPTION',
  title: 'S3 bucket default encryption is not AES256 or SSE-KMS',
  severity: 'low',
  description:
    'Objects written without an encryption header are encrypted with the bucket default. A bucket that declares no configuration passes: AWS applies SSE-S3 to every bucket since January 2023 (as Checkov judges it); a declared configuration must name AES256, aws:kms or aws:kms:dsse.',
  remediation: 'Set sse_algorithm to AES256, aws:kms or aws:kms:dsse in the bucket\'s encryption configuration (SSE-KMS with a customer managed key where the data is sensitive).',
  remediationSnippet: tf(SSE, `bucket = aws_s3_bucket.data.id\n${SSE_BLOCK}`).trimEnd(),
  checkov: 'CKV_AWS_19',
  cwe: ['CWE-311'],
  resourceTypes: [B],
  check: inlineOrLinked(
    'server_side_encryption_configuration',
    SSE,
    expect(`server_side_encryption_configuration.${sseAlgorithm}`, ['AES256', 'aws:kms', 'aws:kms:dsse']),
    expect(sseAlgorithm, ['AES256', 'aws:kms', 'aws:kms:dsse']),
    'server_side_encryption_configuration',
    'default encryption is not AES256 or SSE-KMS',
    'pass',
  ),
  examples: {
    hcl: {
      fail: [withSetting(SSE, 'rule {\n  apply_server_side_encryption_by_default {\n    sse_algorithm = "none"\n  }\n}')],
      pass: [withSetting(SSE, SSE_S3_BLOCK), tf(B, `bucket = "acme-data"\nserver_side_encryption_configuration {\n${SSE_S3_BLOCK.replace(/^/gm, '  ')}\n}`), bucket()],
      unknown: [`variable "algorithm" {}\n${withSetting(SSE, 'rule {\n  apply_server_side_encryption_by_default {\n    sse_algorithm = var.algorithm\n  }\n}')}`],
    },
    tfplan: {
      fail: [
        plan({ type: B, name: 'data', values: { bucket: 'acme-data', server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: '' }] }] }] } }),
      ],
      pass: [
        plan(
          { type: B, name: 'data', values: { bucket: 'acme-data' } },
          { type: SSE, name: 'data', values: { bucket: 'acme-data', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] } },
        ),
        plan({ type: B, name: 'data', values: { bucket: 'acme-data', server_side_encryption_configuration: [] } }),
      ],
    },
  },
});

const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];

export const s3EncryptionKms = rule({
  id: 'IAC-TF-AWS-S3-ENCRYPTION-KMS',
  title: 'S3 bucket default encryption does not use KMS',
  severity: 'low',
  description:
    'SSE-S3 (AES256) keys are managed entirely by S3: access to the data cannot be restricted or audited through a key policy and CloudTrail key usage, and the key cannot be disabled in an incident.',
  remediation: 'Set sse_algorithm = "aws:kms" (or "aws:kms:dsse") with kms_master_key_id in the bucket\'s encryption configuration.',
  remediationSnippet: tf(SSE, `bucket = aws_s3_bucket.data.id\n${SSE_BLOCK}`).trimEnd(),
  checkov: 'CKV_AWS_145',
  cwe: ['CWE-311'],
  resourceTypes: [B],
  check: inlineOrLinked(
    'server_side_encryption_configuration',
    SSE,
    expect(`server_side_encryption_configuration.${sseAlgorithm}`, KMS_ALGORITHMS),
    expect(sseAlgorithm, KMS_ALGORITHMS),
    'server_side_encryption_configuration',
    'default encryption is not SSE-KMS',
  ),
  examples: {
    hcl: {
      fail: [withSetting(SSE, SSE_S3_BLOCK), bucket()],
      pass: [withSetting(SSE, SSE_BLOCK), tf(B, `bucket = "acme-data"\nserver_side_encryption_configuration {\n${SSE_BLOCK.replace(/^/gm, '  ')}\n}`)],
      unknown: [`variable "algorithm" {}\n${withSetting(SSE, 'rule {\n  apply_server_side_encryption_by_default {\n    sse_algorithm = var.algorithm\n  }\n}')}`],
    },
    tfplan: {
      fail: [
        plan(
          { type: B, name: 'data', values: { bucket: 'acme-data' } },
          { type: SSE, name: 'data', values: { bucket: 'acme-data', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] } },
        ),
      ],
      pass: [
        plan(
          { type: B, name: 'data', values: { bucket: 'acme-data' } },
          { type: SSE, name: 'data', values: { bucket: 'acme-data', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/1' }] }] } },
        ),
      ],
    },
  },
});

export const s3Versioning = rule({
  id: 'IAC-TF-AWS-S3-VERSIONING',
  title: 'S3 bucket versioning is not enabled',
  severity: 'medium',
  description: 'Without versioning an overwritten or deleted object is gone: ransomware, a faulty deployment or a mistaken delete cannot be undone.',
  remediation: 'Add an aws_s3_bucket_versioning for the bucket with versioning_configuration { status = "Enabled" }.',
  remediationSnippet: tf(VERSIONING, 'bucket = aws_s3_bucket.data.id\nversioning_configuration {\n  status = "Enabled"\n}').trimEnd(),
  checkov: 'CKV_AWS_21',
  cwe: ['CWE-693'],
  resourceTypes: [B],
  check: inlineOrLinked('versioning', VERSIONING, expect('versioning.enabled', true), expect('versioning_configuration.status', 'Enabled'), 'versioning', 'versioning is not enabled'),
  examples: {
    hcl: {
      fail: [bucket(), withSetting(VERSIONING, 'versioning_configuration {\n  status = "Suspended"\n}'), tf(B, 'bucket = "acme-data"\nversioning {\n  enabled = false\n}')],
      pass: [withSetting(VERSIONING, 'versioning_configuration {\n  status = "Enabled"\n}'), tf(B, 'bucket = "acme-data"\nversioning {\n  enabled = true\n}')],
      unknown: [`variable "status" {}\n${withSetting(VERSIONING, 'versioning_configuration {\n  status = var.status\n}')}`],
    },
    tfplan: {
      fail: [plan({ type: B, name: 'data', values: { bucket: 'acme-data' } })],
      pass: [
        plan(
          { type: B, name: 'data', values: { bucket: 'acme-data' } },
          { type: VERSIONING, name: 'data', values: { bucket: 'acme-data', versioning_configuration: [{ status: 'Enabled', mfa_delete: null }] } },
        ),
      ],
    },
  },
});

const PAB_FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;
const FLAG_TEXT: Record<(typeof PAB_FLAGS)[number], [string, string, string]> = {
  block_public_acls: ['CKV_AWS_53', 'does not block public ACLs', 'New public ACLs on the bucket and its objects are accepted, so a single PutObjectAcl call can publish data.'],
  block_public_policy: ['CKV_AWS_54', 'does not block public bucket policies', 'A bucket policy granting access to everyone can be attached, publishing the whole bucket.'],
  ignore_public_acls: ['CKV_AWS_55', 'does not ignore public ACLs', 'Public ACLs already on the bucket or its objects keep granting anonymous access.'],
  restrict_public_buckets: ['CKV_AWS_56', 'does not restrict public buckets', 'If the bucket has a public policy, anonymous and cross-account access through it keeps working.'],
};

const allFlags = (value: boolean) => PAB_FLAGS.map((f) => `${f.padEnd(23)} = ${value}`).join('\n');

export const s3PublicAccessBlockFlags: IacRule[] = PAB_FLAGS.map((flag) =>
  attrRule({
    id: `IAC-TF-AWS-S3-PAB-${flag.toUpperCase().replace(/_/g, '-')}`,
    title: `S3 public access block ${FLAG_TEXT[flag][1]}`,
    severity: 'medium',
    description: `${FLAG_TEXT[flag][2]} The argument defaults to false.`,
    remediation: `Set ${flag} = true in the aws_s3_bucket_public_access_block.`,
    checkov: FLAG_TEXT[flag][0],
    cis: ['CIS AWS 2.1.4'],
    cwe: ['CWE-284'],
    types: [PAB],
    path: flag,
    good: true,
    bad: false,
    whenMissing: 'fail',
    context: 'bucket = aws_s3_bucket.data.id',
    contextValues: { bucket: 'acme-data' },
    plan: true,
  }),
);

/** The two settings Checkov's CKV2_AWS_6 requires; ignore_public_acls and restrict_public_buckets have rules of their own. */
const PAB_REQUIRED = ['block_public_acls', 'block_public_policy'] as const;

const pabAllTrue: Check = (r, ctx) => [PAB_REQUIRED.map((f) => expect(f, true)(r, ctx))].flat(2) as Verdict[];

function allOn(r: IacResource, ctx: RuleContext): Verdict[] {
  const vs = pabAllTrue(r, ctx) as Verdict[];
  const fails = vs.filter((v) => v.outcome === 'fail');
  if (fails.length) return fails;
  const unknown = vs.find((v) => v.outcome === 'unknown');
  return unknown ? [unknown] : [vs[0]];
}

export const s3PublicAccessBlock = rule({
  id: 'IAC-TF-AWS-S3-PUBLIC-ACCESS-BLOCK',
  title: 'S3 bucket has no public access block that blocks public ACLs and policies',
  severity: 'high',
  description:
    'A public access block is the guard rail that keeps a mistaken ACL or bucket policy from publishing the bucket. Without one (for the bucket or the account) with block_public_acls and block_public_policy true, one call can expose the data. As in Checkov those two settings decide (the other two have rules of their own); unlike it, an aws_s3_account_public_access_block counts.',
  remediation: 'Add an aws_s3_bucket_public_access_block for the bucket with the four settings true (or an aws_s3_account_public_access_block).',
  remediationSnippet: tf(PAB, `bucket = aws_s3_bucket.data.id\n${allFlags(true)}`).trimEnd(),
  checkov: 'CKV2_AWS_6',
  cis: ['CIS AWS 2.1.4'],
  cwe: ['CWE-284'],
  resourceTypes: [B],
  check: (r, ctx) => {
    const candidates = [...settingsOf(ctx, r, PAB), ...ctx.ofType('aws_s3_account_public_access_block')];
    const best = bestOf(candidates, ctx, allOn);
    if (best) return best;
    return { outcome: 'fail', path: 'bucket', message: `${r.address} has no aws_s3_bucket_public_access_block` };
  },
  examples: {
    hcl: {
      fail: [bucket(), withSetting(PAB, allFlags(true).replace('block_public_policy     = true', 'block_public_policy     = false'))],
      pass: [
        withSetting(PAB, allFlags(true)),
        `${bucket()}\n${tf('aws_s3_account_public_access_block', allFlags(true))}`,
        withSetting(PAB, 'block_public_acls   = true\nblock_public_policy = true'),
      ],
      unknown: [`variable "block" {}\n${withSetting(PAB, allFlags(true).replace('block_public_acls       = true', 'block_public_acls       = var.block'))}`],
    },
    tfplan: {
      fail: [plan({ type: B, name: 'data', values: { bucket: 'acme-data' } })],
      pass: [
        plan(
          { type: B, name: 'data', values: { bucket: 'acme-data' } },
          { type: PAB, name: 'data', values: { bucket: 'acme-data', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
        ),
      ],
    },
  },
});

const hasLogging: Check = inlineOrLinked('logging', LOGGING, expect('logging.target_bucket', (v) => typeof v === 'string' && v !== ''), expect('target_bucket', (v) => v !== ''), 'logging', 'no server access logging');

/** Server access logging of a bucket (inline `logging` or an aws_s3_bucket_logging); a reference counts as set. */
export const s3LoggingCheck: Check = (r, ctx) => {
  const inline = lookup(r.attributes, 'logging.target_bucket');
  if (inline.some((f) => isUnknown(f.value) && f.value.refs.some((ref) => !ref.startsWith('var.')))) return { outcome: 'pass', path: inline[0].path };
  const linked = settingsOf(ctx, r, LOGGING);
  if (linked.some((l) => isUnknown(l.attributes.target_bucket) && (l.attributes.target_bucket as { refs: readonly string[] }).refs.some((ref) => !ref.startsWith('var.')))) {
    return { outcome: 'pass', path: 'logging' };
  }
  return hasLogging(r, ctx);
};

export const s3AccessLogging = rule({
  id: 'IAC-TF-AWS-S3-ACCESS-LOGGING',
  title: 'S3 bucket server access logging is not enabled',
  severity: 'medium',
  description: 'Server access logs record who read, wrote or deleted which object; without them an exfiltration or a tampering cannot be investigated.',
  remediation: 'Add an aws_s3_bucket_logging for the bucket with a target_bucket (a dedicated log bucket).',
  remediationSnippet: tf(LOGGING, 'bucket        = aws_s3_bucket.data.id\ntarget_bucket = aws_s3_bucket.logs.id\ntarget_prefix = "data/"').trimEnd(),
  checkov: 'CKV_AWS_18',
  cis: ['CIS AWS 3.6'],
  cwe: ['CWE-778'],
  resourceTypes: [B],
  check: s3LoggingCheck,
  examples: {
    hcl: {
      fail: [bucket()],
      pass: [withSetting(LOGGING, 'target_bucket = aws_s3_bucket.logs.id\ntarget_prefix = "data/"'), tf(B, 'bucket = "acme-data"\nlogging {\n  target_bucket = "acme-logs"\n}')],
      unknown: [`variable "target" {}\n${withSetting(LOGGING, 'target_bucket = var.target')}`],
    },
    tfplan: {
      fail: [plan({ type: B, name: 'data', values: { bucket: 'acme-data', logging: [] } })],
      pass: [plan({ type: B, name: 'data', values: { bucket: 'acme-data' } }, { type: LOGGING, name: 'data', values: { bucket: 'acme-data', target_bucket: 'acme-logs', target_prefix: 'data/' } })],
    },
  },
});

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

/** An ACL (canned `acl`, or `access_control_policy` grants) that gives the public `permissions`. */
function publicAcl(canned: readonly string[], permissions: readonly string[]): Check {
  return (r) => {
    const verdicts: Verdict[] = [];
    const acl = lookup(r.attributes, 'acl').filter((f) => f.value !== null);
    for (const f of acl) {
      if (isUnknown(f.value)) verdicts.push({ outcome: 'unknown', path: f.path, value: f.value });
      else if (typeof f.value === 'string' && canned.includes(f.value)) verdicts.push({ outcome: 'fail', path: f.path, value: f.value });
    }
    for (const f of lookup(r.attributes, 'access_control_policy.grant[*]')) {
      if (isUnknown(f.value)) {
        verdicts.push({ outcome: 'unknown', path: f.path, value: f.value });
        continue;
      }
      if (!isObject(f.value)) continue;
      const uri = lookup(f.value, 'grantee.uri').map((g) => g.value);
      const permission = f.value.permission;
      if (uri.some(isUnknown) || isUnknown(permission)) verdicts.push({ outcome: 'unknown', path: f.path });
      else if (uri.some((u) => u === ALL_USERS || u === AUTH_USERS) && typeof permission === 'string' && permissions.includes(permission)) {
        verdicts.push({ outcome: 'fail', path: `${f.path}.grantee`, value: uri.find((u) => u === ALL_USERS || u === AUTH_USERS) });
      }
    }
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    if (fails.length) return fails;
    return verdicts.find((v) => v.outcome === 'unknown') ?? { outcome: 'pass', path: 'acl' };
  };
}

const grant = (permission: string) =>
  `access_control_policy {\n  grant {\n    grantee {\n      type = "Group"\n      uri  = "${ALL_USERS}"\n    }\n    permission = "${permission}"\n  }\n  owner {\n    id = data.aws_canonical_user_id.current.id\n  }\n}`;

export const s3PublicReadAcl = rule({
  id: 'IAC-TF-AWS-S3-PUBLIC-READ-ACL',
  title: 'S3 bucket ACL grants public read access',
  severity: 'high',
  description:
    'A public-read, public-read-write or authenticated-read ACL (or a grant to AllUsers / AuthenticatedUsers) lets anyone, or any AWS account, list the bucket. Unlike Checkov, AuthenticatedUsers grants count and a WRITE-only AllUsers grant is left to the write rule.',
  remediation: 'Use acl = "private" (or no ACL with object ownership BucketOwnerEnforced) and grant access through IAM or a scoped bucket policy.',
  remediationSnippet: tf(ACL, 'bucket = aws_s3_bucket.data.id\nacl    = "private"').trimEnd(),
  checkov: 'CKV_AWS_20',
  cwe: ['CWE-284'],
  resourceTypes: [B, ACL],
  check: publicAcl(['public-read', 'public-read-write', 'authenticated-read'], ['READ', 'READ_ACP', 'FULL_CONTROL']),
  examples: {
    hcl: {
      fail: [withSetting(ACL, 'acl = "public-read"'), tf(B, 'bucket = "acme-site"\nacl    = "public-read"'), withSetting(ACL, grant('READ'))],
      pass: [withSetting(ACL, 'acl = "private"'), tf(B, 'bucket = "acme-data"\nacl    = "log-delivery-write"')],
      unknown: [`variable "acl" {}\n${withSetting(ACL, 'acl = var.acl')}`],
    },
    tfplan: {
      fail: [plan({ type: ACL, values: { bucket: 'acme-data', acl: 'public-read' } })],
      pass: [plan({ type: ACL, values: { bucket: 'acme-data', acl: 'private' } })],
    },
  },
});

export const s3PublicWriteAcl = rule({
  id: 'IAC-TF-AWS-S3-PUBLIC-WRITE-ACL',
  title: 'S3 bucket ACL grants public write access',
  severity: 'critical',
  description:
    'A public-read-write ACL (or a WRITE grant to AllUsers) lets anyone upload, overwrite and, for unversioned buckets, destroy objects: the bucket becomes free hosting for malware. Unlike Checkov, grants to AuthenticatedUsers (any AWS account) count too.',
  remediation: 'Use acl = "private" and grant writes to named principals through IAM.',
  remediationSnippet: tf(ACL, 'bucket = aws_s3_bucket.data.id\nacl    = "private"').trimEnd(),
  checkov: 'CKV_AWS_57',
  cwe: ['CWE-284'],
  resourceTypes: [B, ACL],
  check: publicAcl(['public-read-write'], ['WRITE', 'WRITE_ACP', 'FULL_CONTROL']),
  examples: {
    hcl: {
      fail: [withSetting(ACL, 'acl = "public-read-write"'), withSetting(ACL, grant('FULL_CONTROL'))],
      pass: [withSetting(ACL, 'acl = "public-read"'), tf(B, 'bucket = "acme-data"\nacl    = "private"')],
      unknown: [`variable "acl" {}\n${withSetting(ACL, 'acl = var.acl')}`],
    },
  },
});

/** Condition keys that pin requests to a network, an organisation, an account or a principal (matched without case, as IAM does). */
const NARROWING_KEYS = new Set(
  [
    'aws:SourceVpce',
    'aws:SourceVpc',
    'aws:VpceAccount',
    'aws:PrincipalOrgPaths',
    'aws:userid',
    'aws:PrincipalArn',
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:Ec2InstanceSourceVpc',
    'ec2:SourceInstanceArn',
    'lambda:SourceFunctionArn',
    'ssm:SourceInstanceArn',
  ].map((k) => k.toLowerCase()),
);

const keysOf = (block: IacValue | undefined): string[] => (isObject(block) ? Object.keys(block).map((k) => k.toLowerCase()) : []);

/** An ARN pattern for every resource of a service in every account (`arn:aws:s3::*`). */
const anyArn = (v: IacValue | undefined): boolean =>
  (Array.isArray(v) ? v : [v]).some((x) => typeof x === 'string' && /^arn:aws:[a-z0-9-]+::\*/.test(x));

/**
 * Whether a Condition restricts a statement to known callers (Checkov CKV_AWS_70's reading): ArnNotEquals /
 * ArnNotLike; ArnEquals / ArnLike unless on aws:PrincipalArn / aws:SourceArn for any account; a string
 * match on a VPC endpoint, VPC, organisation, account or principal key. aws:SourceIp, aws:SecureTransport
 * and the like do not.
 */
function narrowingCondition(c: IacValue | undefined): boolean | 'unknown' {
  if (c === undefined || c === null) return false;
  if (isUnknown(c)) return 'unknown';
  if (!isObject(c)) return false;
  if ('ArnNotEquals' in c || 'ArnNotLike' in c) return true;
  for (const op of ['ArnEquals', 'ArnLike']) {
    if (!(op in c)) continue;
    const block = c[op];
    if (isUnknown(block)) return 'unknown';
    if (isObject(block)) {
      for (const [k, v] of Object.entries(block)) if (['aws:principalarn', 'aws:sourcearn'].includes(k.toLowerCase()) && anyArn(v)) return false;
    }
    return true;
  }
  for (const op of ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike']) {
    if (isUnknown(c[op])) return 'unknown';
    if (keysOf(c[op]).some((k) => NARROWING_KEYS.has(k))) return true;
  }
  return false;
}

const not = (t: boolean | 'unknown'): boolean | 'unknown' => (t === 'unknown' ? t : !t);
const publicStatement = (s: IacObject) => and(anyonePrincipal(s.Principal), not(narrowingCondition(s.Condition)));

const policyJson = (principal: string, condition = '') =>
  `policy = jsonencode({\n  Version = "2012-10-17"\n  Statement = [{\n    Effect    = "Allow"\n    Principal = ${principal}\n    Action    = "s3:GetObject"\n    Resource  = "\${aws_s3_bucket.data.arn}/*"${condition}\n  }]\n})`;

export const s3PolicyPublic = rule({
  id: 'IAC-TF-AWS-S3-POLICY-PUBLIC',
  title: 'S3 bucket policy allows any principal without a narrowing condition',
  severity: 'high',
  description:
    'An Allow statement for Principal "*" grants its actions to everyone on the internet (unless a public access block stops it). Only a Condition that pins the caller counts (VPC endpoint, VPC, organisation, account or principal ARN, as in Checkov); aws:SourceIp or aws:SecureTransport alone does not.',
  remediation: 'Name the principals in the statement, or restrict it with a Condition on aws:SourceVpce, aws:PrincipalOrgID or aws:PrincipalAccount.',
  remediationSnippet: tf(POLICY, `bucket = aws_s3_bucket.data.id\n${policyJson('{ AWS = aws_iam_role.reader.arn }')}`).trimEnd(),
  checkov: 'CKV_AWS_70',
  cwe: ['CWE-284'],
  resourceTypes: [POLICY, B],
  check: (r) => judgeStatements([{ path: 'policy', value: r.attributes.policy }], publicStatement, 'Principal') ?? { outcome: r.type === B ? 'not-applicable' : 'pass', path: 'policy' },
  examples: {
    hcl: {
      fail: [
        withSetting(POLICY, policyJson('"*"')),
        withSetting(POLICY, policyJson('{ AWS = ["*"] }')),
        withSetting(POLICY, policyJson('"*"', '\n    Condition = { IpAddress = { "aws:SourceIp" = "203.0.113.0/24" } }')),
      ],
      pass: [
        withSetting(POLICY, policyJson('{ AWS = aws_iam_role.reader.arn }')),
        withSetting(POLICY, policyJson('"*"', '\n    Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1a2b3c4d" } }')),
        withSetting(POLICY, policyJson('"*"', '\n    Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/*" } }')),
      ],
      unknown: [`variable "principal" {}\n${withSetting(POLICY, policyJson('var.principal'))}`],
    },
    tfplan: {
      fail: [plan({ type: POLICY, values: { bucket: 'acme-data', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/*' }] }) } })],
      pass: [plan({ type: POLICY, values: { bucket: 'acme-data', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/*' }] }) } })],
    },
  },
});

/** A Deny statement on aws:SecureTransport = false. */
function deniesInsecureTransport(doc: ReturnType<typeof policyDocument>): boolean | 'unknown' {
  const statements = statementsOf(doc);
  if (statements === undefined) return false;
  if (isUnknown(statements)) return 'unknown';
  let unsure = false;
  for (const { value: s } of statements) {
    if (isUnknown(s.Effect) || isUnknown(s.Condition)) {
      unsure = true;
      continue;
    }
    if (s.Effect !== 'Deny' || !isObject(s.Condition)) continue;
    const values = lookup(s.Condition, 'Bool["aws:SecureTransport"]').map((f) => f.value);
    if (values.some((v) => v === false || v === 'false' || (Array.isArray(v) && v.some((x) => x === false || x === 'false')))) return true;
    if (values.some((v) => isUnknown(v))) unsure = true;
  }
  return unsure ? 'unknown' : false;
}

export const s3TlsOnly = rule({
  id: 'IAC-TF-AWS-S3-TLS-ONLY',
  title: 'S3 bucket policy does not deny requests without TLS',
  severity: 'medium',
  description: 'S3 accepts plain HTTP requests unless the bucket policy denies them; credentials-signed requests and data then travel unencrypted.',
  remediation: 'Add a Deny statement for Principal "*" on the bucket and its objects with Condition { Bool = { "aws:SecureTransport" = "false" } }.',
  remediationSnippet: tf(
    POLICY,
    'bucket = aws_s3_bucket.data.id\npolicy = jsonencode({\n  Version = "2012-10-17"\n  Statement = [{\n    Sid       = "DenyInsecureTransport"\n    Effect    = "Deny"\n    Principal = "*"\n    Action    = "s3:*"\n    Resource  = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]\n    Condition = { Bool = { "aws:SecureTransport" = "false" } }\n  }]\n})',
  ).trimEnd(),
  cis: ['CIS AWS 2.1.1'],
  cwe: ['CWE-319'],
  resourceTypes: [B],
  check: (r, ctx) => {
    const docs = [r.attributes.policy, ...settingsOf(ctx, r, POLICY).map((p) => p.attributes.policy)].filter((d) => d !== undefined && d !== null);
    let unsure = false;
    for (const d of docs) {
      const denies = deniesInsecureTransport(policyDocument(d));
      if (denies === true) return { outcome: 'pass', path: 'policy' };
      if (denies === 'unknown') unsure = true;
    }
    if (unsure) return { outcome: 'unknown', path: 'policy', reason: 'the bucket policy is not known statically' };
    return { outcome: 'fail', path: 'policy', message: `${r.address}: no bucket policy denies aws:SecureTransport = false` };
  },
  examples: {
    hcl: {
      fail: [bucket(), withSetting(POLICY, policyJson('{ AWS = aws_iam_role.reader.arn }'))],
      pass: [
        withSetting(
          POLICY,
          'policy = jsonencode({\n  Statement = [{\n    Effect    = "Deny"\n    Principal = "*"\n    Action    = "s3:*"\n    Resource  = ["${aws_s3_bucket.data.arn}/*"]\n    Condition = { Bool = { "aws:SecureTransport" = "false" } }\n  }]\n})',
        ),
        withSetting(
          POLICY,
          'policy = <<-EOF\n{\n  "Statement": [{\n    "Effect": "Deny",\n    "Principal": "*",\n    "Action": "s3:*",\n    "Resource": "${aws_s3_bucket.data.arn}/*",\n    "Condition": {"Bool": {"aws:SecureTransport": false}}\n  }]\n}\nEOF',
        ),
      ],
      unknown: [`${bucket()}\n${tf(POLICY, 'bucket = aws_s3_bucket.data.id\npolicy = data.aws_iam_policy_document.tls.json', 'data')}`],
    },
    tfplan: {
      fail: [plan({ type: B, name: 'data', values: { bucket: 'acme-data' } })],
      pass: [
        plan(
          { type: B, name: 'data', values: { bucket: 'acme-data' } },
          {
            type: POLICY,
            name: 'data',
            values: {
              bucket: 'acme-data',
              policy: JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::acme-data/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }),
            },
          },
        ),
      ],
    },
  },
});

export const s3ObjectLock = rule({
  id: 'IAC-TF-AWS-S3-OBJECT-LOCK',
  title: 'S3 bucket does not enable Object Lock',
  severity: 'low',
  confidence: 'medium',
  description:
    'Object Lock (WORM) keeps object versions from being deleted or overwritten for a retention period, protecting backups and audit logs against ransomware and insiders. Only needed for buckets holding such data, so, as in Checkov, a bucket is judged only when it declares an object_lock_configuration.',
  remediation: 'Set object_lock_enabled = true when creating the bucket and add an aws_s3_bucket_object_lock_configuration with a default retention.',
  checkov: 'CKV_AWS_143',
  cwe: ['CWE-693'],
  resourceTypes: [B],
  check: (r, ctx) => {
    if (has(r, 'object_lock_enabled', true)) return { outcome: 'pass', path: 'object_lock_enabled' };
    const declared = lookup(r.attributes, 'object_lock_configuration[*]').filter((f) => f.value !== null);
    if (!declared.length) return { outcome: 'not-applicable' };
    return expect('object_lock_configuration.object_lock_enabled', 'Enabled')(r, ctx);
  },
  examples: {
    hcl: {
      fail: [
        tf(B, 'bucket = "acme-backups"\nobject_lock_configuration {\n  object_lock_enabled = "Disabled"\n}'),
        tf(B, 'bucket = "acme-backups"\nobject_lock_configuration {\n  rule {\n    default_retention {\n      mode = "GOVERNANCE"\n      days = 30\n    }\n  }\n}'),
      ],
      pass: [tf(B, 'bucket              = "acme-backups"\nobject_lock_enabled = true'), tf(B, 'bucket = "acme-backups"\nobject_lock_configuration {\n  object_lock_enabled = "Enabled"\n}')],
      unknown: [tfVar('lock', B, 'bucket = "acme-backups"\nobject_lock_configuration {\n  object_lock_enabled = var.lock\n}')],
    },
    tfplan: {
      fail: [plan({ type: B, values: { bucket: 'acme-backups', object_lock_enabled: false, object_lock_configuration: [{ object_lock_enabled: 'Disabled' }] } })],
      pass: [plan({ type: B, values: { bucket: 'acme-backups', object_lock_enabled: true } })],
    },
  },
});

export const s3Rules: readonly IacRule[] = [
  s3Encryption,
  s3EncryptionKms,
  s3Versioning,
  ...s3PublicAccessBlockFlags,
  s3PublicAccessBlock,
  s3AccessLogging,
  s3PublicReadAcl,
  s3PublicWriteAcl,
  s3PolicyPublic,
  s3TlsOnly,
  s3ObjectLock,
];
