// S3 buckets and bucket policies.
import { expect, fail, forbid, notApplicable, pass, unknown } from '../../helpers';
import type { IacResource, IacRule, RuleContext, Verdict } from '../../types';
import { isObject, isUnknown } from '../../values';
import { anyonePrincipal, conditionRestrictsPrincipal, cfn, cfnJson, cfnParam, listOf, serverless, statementsOf } from './templates';

const BUCKET = 'AWS::S3::Bucket';

export const s3AccessLogging: IacRule = {
  id: 'IAC-AWS-S3-ACCESS-LOGGING',
  title: 'S3 bucket has no server access logging',
  severity: 'medium',
  description: 'Without server access logs there is no record of who read or changed objects, which an investigation of a leak needs.',
  remediation: 'Add LoggingConfiguration with a DestinationBucketName (a separate log bucket).',
  remediationSnippet: 'LoggingConfiguration:\n  DestinationBucketName: !Ref AccessLogs\n  LogFilePrefix: data/',
  helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
  checkov: 'CKV_AWS_18',
  cwe: ['CWE-778'],
  model: 'aws',
  resourceTypes: [BUCKET],
  check: expect('LoggingConfiguration', (v) => isObject(v)),
  examples: {
    cfn: {
      fail: [cfn(BUCKET, 'BucketName: data'), cfnJson(BUCKET, { BucketName: 'data' })],
      pass: [cfn(BUCKET, 'LoggingConfiguration:\n  DestinationBucketName: access-logs\n  LogFilePrefix: data/'), cfnJson(BUCKET, { LoggingConfiguration: { DestinationBucketName: 'logs' } })],
      unknown: [cfn(BUCKET, 'LoggingConfiguration: !If [Logged, {DestinationBucketName: logs}, !Ref AWS::NoValue]', { parameters: 'Env:\n  Type: String' }).replace('Resources:', "Conditions:\n  Logged: !Equals [!Ref Env, prod]\nResources:")],
    },
    serverless: {
      fail: [serverless('runtime: nodejs20.x', 'hello:\n  handler: h.hello', `Data:\n  Type: ${BUCKET}\n  Properties:\n    BucketName: data`)],
      pass: [serverless('runtime: nodejs20.x', 'hello:\n  handler: h.hello', `Data:\n  Type: ${BUCKET}\n  Properties:\n    LoggingConfiguration:\n      DestinationBucketName: logs`)],
    },
  },
};

export const s3KmsEncryption: IacRule = {
  id: 'IAC-AWS-S3-KMS-ENCRYPTION',
  title: 'S3 bucket default encryption does not use a KMS key',
  severity: 'low',
  description:
    'S3 encrypts new objects with S3-managed keys (SSE-S3) by default, but those keys give no control over who may decrypt and no CloudTrail record of key use. SSE-KMS puts decryption behind a key policy.',
  remediation: 'Set BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.SSEAlgorithm to aws:kms with a KMSMasterKeyID.',
  remediationSnippet: 'BucketEncryption:\n  ServerSideEncryptionConfiguration:\n    - ServerSideEncryptionByDefault:\n        SSEAlgorithm: aws:kms\n        KMSMasterKeyID: !Ref DataKey\n      BucketKeyEnabled: true',
  helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
  cwe: ['CWE-311'],
  model: 'aws',
  resourceTypes: [BUCKET],
  check: expect('BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.SSEAlgorithm', ['aws:kms', 'aws:kms:dsse']),
  examples: {
    cfn: {
      fail: [
        cfn(BUCKET, 'BucketName: data'),
        cfn(BUCKET, 'BucketEncryption:\n  ServerSideEncryptionConfiguration:\n    - ServerSideEncryptionByDefault:\n        SSEAlgorithm: AES256'),
      ],
      pass: [
        cfn(BUCKET, 'BucketEncryption:\n  ServerSideEncryptionConfiguration:\n    - ServerSideEncryptionByDefault:\n        SSEAlgorithm: aws:kms\n        KMSMasterKeyID: alias/data'),
        cfnJson(BUCKET, { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } }),
      ],
      unknown: [cfnParam(BUCKET, 'BucketEncryption:\n  ServerSideEncryptionConfiguration:\n    - ServerSideEncryptionByDefault:\n        SSEAlgorithm: !Ref Setting')],
    },
  },
};

export const s3Versioning: IacRule = {
  id: 'IAC-AWS-S3-VERSIONING',
  title: 'S3 bucket versioning is not enabled',
  severity: 'medium',
  description: 'Without versioning an overwrite or delete (by mistake or by ransomware) destroys the only copy of an object.',
  remediation: 'Set VersioningConfiguration.Status to Enabled.',
  remediationSnippet: 'VersioningConfiguration:\n  Status: Enabled',
  helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
  checkov: 'CKV_AWS_21',
  model: 'aws',
  resourceTypes: [BUCKET],
  check: expect('VersioningConfiguration.Status', 'Enabled'),
  examples: {
    cfn: {
      fail: [cfn(BUCKET, 'VersioningConfiguration:\n  Status: Suspended'), cfnJson(BUCKET, {})],
      pass: [cfn(BUCKET, 'VersioningConfiguration:\n  Status: Enabled'), cfnJson(BUCKET, { VersioningConfiguration: { Status: 'Enabled' } })],
      unknown: [cfnParam(BUCKET, 'VersioningConfiguration:\n  Status: !Ref Setting')],
    },
  },
};

function publicAccessFlag(flag: string, checkovId: string, what: string): IacRule {
  return {
    id: `IAC-AWS-S3-${flag.replace(/([a-z])([A-Z])/g, '$1-$2').toUpperCase()}`,
    title: `S3 bucket public access block does not set ${flag}`,
    severity: 'high',
    description: `${what} New buckets get all four public access block settings by default (since April 2023), so a bucket without PublicAccessBlockConfiguration passes, where Checkov still fails it; a configuration that is written out turns every flag it leaves unset off.`,
    remediation: `Set PublicAccessBlockConfiguration.${flag} to true (or leave PublicAccessBlockConfiguration out to keep the defaults).`,
    remediationSnippet: 'PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n  BlockPublicPolicy: true\n  IgnorePublicAcls: true\n  RestrictPublicBuckets: true',
    helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
    checkov: checkovId,
    cwe: ['CWE-284'],
    model: 'aws',
    resourceTypes: [BUCKET],
    check: (r, ctx) => {
      if (r.attributes.PublicAccessBlockConfiguration === undefined) return pass('PublicAccessBlockConfiguration');
      return expect(`PublicAccessBlockConfiguration.${flag}`, true)(r, ctx);
    },
    examples: {
      cfn: {
        fail: [
          cfn(BUCKET, `PublicAccessBlockConfiguration:\n  ${flag}: false`),
          cfnJson(BUCKET, { PublicAccessBlockConfiguration: { [flag === 'BlockPublicAcls' ? 'IgnorePublicAcls' : 'BlockPublicAcls']: true } }),
        ],
        pass: [
          cfn(BUCKET, 'PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n  BlockPublicPolicy: true\n  IgnorePublicAcls: true\n  RestrictPublicBuckets: true'),
          cfn(BUCKET, 'BucketName: data'),
          cfnJson(BUCKET, { PublicAccessBlockConfiguration: { [flag]: true } }),
        ],
        unknown: [cfnParam(BUCKET, `PublicAccessBlockConfiguration:\n  ${flag}: !Ref Setting`)],
      },
    },
  };
}

export const s3BlockPublicAcls = publicAccessFlag('BlockPublicAcls', 'CKV_AWS_53', 'BlockPublicAcls refuses requests that grant public access through an ACL.');
export const s3BlockPublicPolicy = publicAccessFlag('BlockPublicPolicy', 'CKV_AWS_54', 'BlockPublicPolicy refuses a bucket policy that grants public access.');
export const s3IgnorePublicAcls = publicAccessFlag('IgnorePublicAcls', 'CKV_AWS_55', 'IgnorePublicAcls makes S3 ignore public ACLs already on the bucket and its objects.');
export const s3RestrictPublicBuckets = publicAccessFlag('RestrictPublicBuckets', 'CKV_AWS_56', 'RestrictPublicBuckets limits a bucket with a public policy to AWS services and the owner account.');

export const s3PublicReadAcl: IacRule = {
  id: 'IAC-AWS-S3-PUBLIC-READ-ACL',
  title: 'S3 bucket ACL lets anyone read',
  severity: 'critical',
  description: 'The PublicRead and PublicReadWrite canned ACLs let anyone on the internet list and read the bucket.',
  remediation: 'Remove AccessControl (buckets are private by default), or set it to Private; serve public content through CloudFront with an origin access control.',
  remediationSnippet: 'AccessControl: Private',
  helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl',
  checkov: 'CKV_AWS_20',
  cwe: ['CWE-284'],
  model: 'aws',
  resourceTypes: [BUCKET],
  check: forbid('AccessControl', ['PublicRead', 'PublicReadWrite']),
  examples: {
    cfn: {
      fail: [cfn(BUCKET, 'AccessControl: PublicRead'), cfnJson(BUCKET, { AccessControl: 'PublicReadWrite' })],
      pass: [cfn(BUCKET, 'AccessControl: Private'), cfn(BUCKET, 'BucketName: data')],
      unknown: [cfnParam(BUCKET, 'AccessControl: !Ref Setting')],
    },
  },
};

export const s3PublicWriteAcl: IacRule = {
  id: 'IAC-AWS-S3-PUBLIC-WRITE-ACL',
  title: 'S3 bucket ACL lets anyone write',
  severity: 'critical',
  description: 'The PublicReadWrite canned ACL lets anyone upload, overwrite and delete objects: the bucket can host malware or be wiped.',
  remediation: 'Remove AccessControl or set it to Private.',
  remediationSnippet: 'AccessControl: Private',
  helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl',
  checkov: 'CKV_AWS_57',
  cwe: ['CWE-284'],
  model: 'aws',
  resourceTypes: [BUCKET],
  check: forbid('AccessControl', 'PublicReadWrite'),
  examples: {
    cfn: {
      fail: [cfn(BUCKET, 'AccessControl: PublicReadWrite'), cfnJson(BUCKET, { AccessControl: 'PublicReadWrite' })],
      pass: [cfn(BUCKET, 'AccessControl: PublicRead'), cfn(BUCKET, 'AccessControl: Private')],
      unknown: [cfnParam(BUCKET, 'AccessControl: !Ref Setting')],
    },
  },
};

const POLICY = 'AWS::S3::BucketPolicy';

export const s3PolicyAnyPrincipal: IacRule = {
  id: 'IAC-AWS-S3-POLICY-ANY-PRINCIPAL',
  title: 'S3 bucket policy allows any principal',
  severity: 'high',
  description:
    'An Allow statement for Principal "*" grants its actions to every AWS account and anonymous users, unless a Condition narrows the caller (organization, account, ARN, source VPC, endpoint or IP); a Condition on anything else (aws:SecureTransport…) does not.',
  remediation: 'Name the accounts, roles or services in Principal, or restrict the statement with a Condition (aws:SourceVpce, aws:PrincipalOrgID…).',
  remediationSnippet: 'Principal:\n  AWS: !Sub arn:aws:iam::${AWS::AccountId}:root',
  helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html',
  checkov: 'CKV_AWS_70',
  cwe: ['CWE-284'],
  model: 'aws',
  resourceTypes: [POLICY],
  check: (r) => {
    const statements = statementsOf(r.attributes.PolicyDocument);
    if (!statements.length) return isUnknown(r.attributes.PolicyDocument) ? unknown('PolicyDocument', r.attributes.PolicyDocument) : notApplicable();
    const verdicts: Verdict[] = [];
    statements.forEach((s, i) => {
      const path = `PolicyDocument.Statement[${i}].Principal`;
      if (!isObject(s)) return;
      if (s.Effect === 'Deny' || conditionRestrictsPrincipal(s.Condition)) return;
      const anyone = anyonePrincipal(s.Principal);
      if (anyone === true) verdicts.push(fail(path, s.Principal));
      else if (anyone === 'unknown') verdicts.push(unknown(path, s.Principal));
    });
    return verdicts.find((v) => v.outcome === 'fail') ? verdicts.filter((v) => v.outcome === 'fail') : verdicts[0] ?? pass('PolicyDocument.Statement');
  },
  examples: {
    cfn: {
      fail: [
        cfn(POLICY, "Bucket: data\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: '*'\n      Action: s3:GetObject\n      Resource: arn:aws:s3:::data/*"),
        cfnJson(POLICY, { Bucket: 'data', PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*' }] } }),
        cfn(POLICY, "Bucket: data\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: '*'\n      Action: s3:GetObject\n      Resource: arn:aws:s3:::data/*\n      Condition:\n        Bool:\n          aws:SecureTransport: true"),
      ],
      pass: [
        cfn(POLICY, "Bucket: data\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal:\n        AWS: arn:aws:iam::111122223333:root\n      Action: s3:GetObject\n      Resource: arn:aws:s3:::data/*"),
        cfn(POLICY, "Bucket: data\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: '*'\n      Action: s3:GetObject\n      Resource: arn:aws:s3:::data/*\n      Condition:\n        StringEquals:\n          aws:SourceVpce: vpce-0a1b2c3d"),
        cfn(POLICY, "Bucket: data\nPolicyDocument:\n  Statement:\n    - Effect: Deny\n      Principal: '*'\n      Action: s3:*\n      Resource: arn:aws:s3:::data/*\n      Condition:\n        Bool:\n          aws:SecureTransport: false"),
      ],
      unknown: [cfnParam(POLICY, 'Bucket: data\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal:\n        AWS: !Ref Setting\n      Action: s3:GetObject\n      Resource: arn:aws:s3:::data/*')],
    },
  },
};

/** The bucket policies in the group that apply to `bucket` (by Ref / GetAtt to it, or by its literal name). */
export function policiesOf(bucket: IacResource, ctx: RuleContext): { policies: IacResource[]; unknownTarget: boolean } {
  const policies: IacResource[] = [];
  let unknownTarget = false;
  const name = bucket.attributes.BucketName;
  for (const p of ctx.ofType(POLICY)) {
    const target = p.attributes.Bucket;
    if (isUnknown(target)) {
      if (target.refs.includes(bucket.name)) policies.push(p);
      else if (!target.refs.some((ref) => ctx.resources.some((x) => x.name === ref))) unknownTarget = true;
    } else if (typeof target === 'string' && target === name) policies.push(p);
  }
  return { policies, unknownTarget };
}

function deniesInsecureTransport(policy: IacResource): boolean {
  return statementsOf(policy.attributes.PolicyDocument).some((s) => {
    if (!isObject(s) || s.Effect !== 'Deny') return false;
    const cond = isObject(s.Condition) ? s.Condition.Bool : undefined;
    const secure = isObject(cond) ? cond['aws:SecureTransport'] : undefined;
    return (secure === false || secure === 'false') && listOf(s.Action).some((a) => a === 's3:*' || a === '*');
  });
}

export const s3SecureTransport: IacRule = {
  id: 'IAC-AWS-S3-SECURE-TRANSPORT',
  title: 'S3 bucket policy does not deny requests over plain HTTP',
  severity: 'medium',
  description: 'S3 accepts HTTP as well as HTTPS. Only a bucket policy that denies aws:SecureTransport = false keeps clients from reading or writing data in clear text.',
  remediation: 'Add an AWS::S3::BucketPolicy for the bucket with a Deny of s3:* when aws:SecureTransport is false.',
  remediationSnippet:
    "DataPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref Data\n    PolicyDocument:\n      Statement:\n        - Effect: Deny\n          Principal: '*'\n          Action: s3:*\n          Resource: [!GetAtt Data.Arn, !Sub '${Data.Arn}/*']\n          Condition:\n            Bool:\n              aws:SecureTransport: false",
  helpUri: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
  cwe: ['CWE-319'],
  model: 'aws',
  resourceTypes: [BUCKET],
  check: (r, ctx) => {
    const { policies, unknownTarget } = policiesOf(r, ctx);
    if (policies.some(deniesInsecureTransport)) return pass();
    if (unknownTarget) return unknown(undefined, undefined, 'a bucket policy in the template names a bucket that is not known before deployment');
    return fail(undefined, undefined, `S3 bucket policy does not deny requests over plain HTTP: ${r.address} has no bucket policy denying aws:SecureTransport = false`);
  },
  examples: {
    cfn: {
      fail: [
        cfn(BUCKET, 'BucketName: data', { id: 'Data' }),
        cfn(BUCKET, 'BucketName: data', {
          id: 'Data',
          more: "DataPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref Data\n    PolicyDocument:\n      Statement:\n        - Effect: Allow\n          Principal:\n            AWS: arn:aws:iam::111122223333:root\n          Action: s3:GetObject\n          Resource: !Sub '${Data.Arn}/*'",
        }),
      ],
      pass: [
        cfn(BUCKET, 'BucketName: data', {
          id: 'Data',
          more: "DataPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref Data\n    PolicyDocument:\n      Statement:\n        - Effect: Deny\n          Principal: '*'\n          Action: s3:*\n          Resource: [!GetAtt Data.Arn, !Sub '${Data.Arn}/*']\n          Condition:\n            Bool:\n              aws:SecureTransport: false",
        }),
      ],
      unknown: [
        cfn(BUCKET, 'BucketName: data', {
          id: 'Data',
          parameters: 'Target:\n  Type: String',
          more: "DataPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref Target\n    PolicyDocument:\n      Statement:\n        - Effect: Deny\n          Principal: '*'\n          Action: s3:*\n          Resource: '*'\n          Condition:\n            Bool:\n              aws:SecureTransport: false",
        }),
      ],
    },
  },
};

export const s3Rules: readonly IacRule[] = [
  s3AccessLogging,
  s3KmsEncryption,
  s3Versioning,
  s3BlockPublicAcls,
  s3BlockPublicPolicy,
  s3IgnorePublicAcls,
  s3RestrictPublicBuckets,
  s3PublicReadAcl,
  s3PublicWriteAcl,
  s3PolicyAnyPrincipal,
  s3SecureTransport,
];
