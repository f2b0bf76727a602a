// IAM policies, roles and users; KMS key policies.
import { fail, notApplicable, pass, unknown } from '../../helpers';
import type { IacResource, IacRule, IacValue, Verdict } from '../../types';
import { isObject, isUnknown } from '../../values';
import { anyonePrincipal, conditionRestrictsPrincipal, cfn, cfnJson, cfnParam, includesStar, listOf, sam, serverless, statementsOf } from './templates';

const IDENTITY_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];

/** The policy documents a resource carries: its PolicyDocument, or each inline policy's. */
function policyDocuments(r: IacResource): { path: string; doc: IacValue }[] {
  const out: { path: string; doc: IacValue }[] = [];
  if (r.attributes.PolicyDocument !== undefined) out.push({ path: 'PolicyDocument', doc: r.attributes.PolicyDocument });
  const policies = r.attributes.Policies;
  if (isUnknown(policies)) out.push({ path: 'Policies', doc: policies });
  else
    listOf(policies).forEach((p, i) => {
      if (isUnknown(p)) out.push({ path: `Policies[${i}]`, doc: p });
      else if (isObject(p) && p.PolicyDocument !== undefined) out.push({ path: `Policies[${i}].PolicyDocument`, doc: p.PolicyDocument });
    });
  return out;
}

/** Judges every Allow statement of every policy document: `bad` says true (fail), false, or 'unknown'. */
function eachAllowStatement(bad: (s: Record<string, IacValue>) => boolean | 'unknown', failPath: string) {
  return (r: IacResource): Verdict | Verdict[] => {
    const docs = policyDocuments(r);
    if (!docs.length) return notApplicable();
    const fails: Verdict[] = [];
    let unsure: Verdict | undefined;
    for (const { path, doc } of docs) {
      if (isUnknown(doc)) {
        unsure ??= unknown(path, doc);
        continue;
      }
      statementsOf(doc).forEach((s, i) => {
        if (!isObject(s)) return;
        if (s.Effect !== 'Allow' && s.Effect !== undefined) return;
        const b = bad(s);
        if (b === true) fails.push(fail(`${path}.Statement[${i}].${failPath}`, s[failPath]));
        else if (b === 'unknown') unsure ??= unknown(`${path}.Statement[${i}].${failPath}`, s[failPath]);
      });
    }
    return fails.length ? fails : unsure ?? pass(docs[0].path);
  };
}

const both = (a: boolean | 'unknown', b: boolean | 'unknown'): boolean | 'unknown' => (a === false || b === false ? false : a === true && b === true ? true : 'unknown');

const ROLE = 'AWS::IAM::Role';
const POLICY = 'AWS::IAM::Policy';
const adminStatement = "- Effect: Allow\n  Action: '*'\n  Resource: '*'";

export const iamAdminPolicy: IacRule = {
  id: 'IAC-AWS-IAM-ADMIN-POLICY',
  title: 'IAM policy grants full administrative privileges',
  severity: 'high',
  description: 'A statement that allows Action "*" on Resource "*" gives whoever holds it every permission in the account, including changing IAM itself.',
  remediation: 'Grant the specific actions on the specific resources the principal needs.',
  remediationSnippet: 'Statement:\n  - Effect: Allow\n    Action: [s3:GetObject]\n    Resource: !Sub ${Data.Arn}/*',
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  checkov: 'CKV_AWS_62',
  cis: ['CIS AWS 1.16'],
  cwe: ['CWE-250'],
  model: 'aws',
  resourceTypes: IDENTITY_TYPES,
  check: eachAllowStatement((s) => both(includesStar(s.Action), includesStar(s.Resource)), 'Action'),
  examples: {
    cfn: {
      fail: [
        cfn(POLICY, `PolicyName: admin\nRoles: [app]\nPolicyDocument:\n  Version: '2012-10-17'\n  Statement:\n${adminStatement.replace(/^/gm, '    ')}`),
        cfnJson(ROLE, { AssumeRolePolicyDocument: {}, Policies: [{ PolicyName: 'all', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] } }] }),
      ],
      pass: [cfn(POLICY, "PolicyName: read\nRoles: [app]\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: s3:GetObject\n      Resource: '*'")],
      unknown: [cfnParam(POLICY, "PolicyName: p\nRoles: [app]\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: !Ref Setting\n      Resource: '*'")],
    },
    sam: {
      fail: [sam('Function', `Handler: app.handler\nRuntime: python3.12\nCodeUri: src/\nPolicies:\n  - Statement:\n${adminStatement.replace(/^/gm, '      ')}`)],
      pass: [sam('Function', "Handler: app.handler\nRuntime: python3.12\nCodeUri: src/\nPolicies:\n  - Statement:\n      - Effect: Allow\n        Action: dynamodb:GetItem\n        Resource: '*'")],
    },
    serverless: {
      fail: [serverless(`runtime: nodejs20.x\niam:\n  role:\n    statements:\n${adminStatement.replace(/^/gm, '      ')}`, 'hello:\n  handler: h.hello')],
      pass: [serverless("runtime: nodejs20.x\niam:\n  role:\n    statements:\n      - Effect: Allow\n        Action: [sqs:SendMessage]\n        Resource: '*'", 'hello:\n  handler: h.hello')],
    },
  },
};

export const iamStarAction: IacRule = {
  id: 'IAC-AWS-IAM-STAR-ACTION',
  title: 'IAM policy allows every action ("*")',
  severity: 'high',
  description: 'Action "*" grants every current and future action of every service on the statement\'s resources, far more than any workload needs.',
  remediation: 'List the actions the principal needs (service prefixes with wildcards such as s3:Get* at most).',
  remediationSnippet: 'Action: [dynamodb:GetItem, dynamodb:Query]',
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
  checkov: 'CKV_AWS_63',
  cwe: ['CWE-250'],
  model: 'aws',
  resourceTypes: IDENTITY_TYPES,
  check: eachAllowStatement((s) => includesStar(s.Action), 'Action'),
  examples: {
    cfn: {
      fail: [cfn('AWS::IAM::ManagedPolicy', "PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: '*'\n      Resource: arn:aws:s3:::data/*")],
      pass: [cfn('AWS::IAM::ManagedPolicy', 'PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: s3:*\n      Resource: arn:aws:s3:::data/*'), cfnJson(POLICY, { PolicyName: 'p', Roles: ['r'], PolicyDocument: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } })],
      unknown: [cfnParam('AWS::IAM::ManagedPolicy', 'PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: !Ref Setting\n      Resource: arn:aws:s3:::data/*')],
    },
    sam: {
      fail: [sam('Function', "Handler: app.handler\nRuntime: python3.12\nCodeUri: src/\nPolicies:\n  Statement:\n    - Effect: Allow\n      Action: '*'\n      Resource: arn:aws:s3:::data/*")],
      pass: [sam('Function', 'Handler: app.handler\nRuntime: python3.12\nCodeUri: src/\nPolicies:\n  - Statement:\n      - Effect: Allow\n        Action: s3:GetObject\n        Resource: arn:aws:s3:::data/*')],
    },
    serverless: {
      fail: [serverless("runtime: nodejs20.x\niamRoleStatements:\n  - Effect: Allow\n    Action: '*'\n    Resource: arn:aws:s3:::data/*", 'hello:\n  handler: h.hello')],
      pass: [serverless('runtime: nodejs20.x\niamRoleStatements:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: arn:aws:s3:::data/*', 'hello:\n  handler: h.hello')],
    },
  },
};

const trust = (principal: string) => `AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal:\n${principal}\n      Action: sts:AssumeRole`;

export const iamTrustAnyPrincipal: IacRule = {
  id: 'IAC-AWS-IAM-TRUST-ANY-PRINCIPAL',
  title: 'IAM role can be assumed by any AWS principal',
  severity: 'critical',
  description:
    'A trust policy that allows Principal "*" (or AWS "*") lets any AWS account in the world assume the role and use its permissions. A Condition on the caller’s organization, account, ARN or sts:ExternalId makes the statement pass (Checkov flags it regardless); other conditions do not.',
  remediation: 'Name the accounts, roles or services allowed to assume the role; for cross-account access add an sts:ExternalId or aws:PrincipalOrgID condition.',
  remediationSnippet: 'Principal:\n  Service: lambda.amazonaws.com',
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy',
  checkov: 'CKV_AWS_60',
  cwe: ['CWE-284'],
  model: 'aws',
  resourceTypes: [ROLE],
  check: (r) => {
    const doc = r.attributes.AssumeRolePolicyDocument;
    if (isUnknown(doc)) return unknown('AssumeRolePolicyDocument', doc);
    const verdicts: Verdict[] = [];
    statementsOf(doc).forEach((s, i) => {
      if (!isObject(s) || s.Effect === 'Deny' || conditionRestrictsPrincipal(s.Condition)) return;
      const anyone = anyonePrincipal(s.Principal);
      const path = `AssumeRolePolicyDocument.Statement[${i}].Principal`;
      if (anyone === true) verdicts.push(fail(path, s.Principal));
      else if (anyone === 'unknown') verdicts.push(unknown(path, s.Principal));
    });
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    return fails.length ? fails : verdicts[0] ?? pass('AssumeRolePolicyDocument');
  },
  examples: {
    cfn: {
      fail: [
        cfn(ROLE, trust("        AWS: '*'")),
        cfnJson(ROLE, { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] } }),
        cfn(ROLE, 'AssumeRolePolicyDocument: |\n  {"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}, "Action": "sts:AssumeRole"}]}'),
        cfn(ROLE, trust("        AWS: '*'").replace('Action: sts:AssumeRole', 'Action: sts:AssumeRole\n      Condition:\n        Bool:\n          aws:MultiFactorAuthPresent: true')),
      ],
      pass: [cfn(ROLE, trust('        Service: ec2.amazonaws.com')), cfn(ROLE, trust("        AWS: '*'").replace('Action: sts:AssumeRole', "Action: sts:AssumeRole\n      Condition:\n        StringEquals:\n          aws:PrincipalOrgID: o-abc123"))],
      unknown: [cfnParam(ROLE, trust('        AWS: !Ref Setting'))],
    },
    sam: {
      pass: [sam('Function', 'Handler: app.handler\nRuntime: python3.12\nCodeUri: src/')],
      fail: [sam('Function', 'Handler: app.handler\nRuntime: python3.12\nCodeUri: src/\nRole: !GetAtt OpenRole.Arn').replace(/$/, `\n  OpenRole:\n    Type: ${ROLE}\n    Properties:\n${trist("        AWS: '*'")}`)],
    },
  },
};

function trist(principal: string): string {
  return trust(principal)
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
}

export const iamPolicyOnUser: IacRule = {
  id: 'IAC-AWS-IAM-POLICY-ON-USER',
  title: 'IAM policy is attached to a user',
  severity: 'low',
  description:
    'Permissions given to users one by one drift apart and outlive job changes; granting them through groups or roles keeps access reviewable. A user’s own Policies and ManagedPolicyArns, and a managed policy’s Users, count as well as an AWS::IAM::Policy’s Users (the only place Checkov looks).',
  remediation: 'Attach policies to an AWS::IAM::Group the user belongs to, or to a role, instead of Users / a user\'s Policies and ManagedPolicyArns.',
  remediationSnippet: 'Groups: [!Ref Developers]',
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
  checkov: 'CKV_AWS_40',
  cis: ['CIS AWS 1.15'],
  model: 'aws',
  resourceTypes: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::User'],
  check: (r) => {
    const paths = r.type === 'AWS::IAM::User' ? ['Policies', 'ManagedPolicyArns'] : ['Users'];
    for (const p of paths) {
      const v = r.attributes[p];
      if (isUnknown(v)) return unknown(p, v);
      if (Array.isArray(v) && v.length) return fail(p, v);
    }
    return pass(paths[0]);
  },
  examples: {
    cfn: {
      fail: [
        cfn('AWS::IAM::User', 'UserName: alice\nPolicies:\n  - PolicyName: s3\n    PolicyDocument:\n      Statement:\n        - Effect: Allow\n          Action: s3:ListBucket\n          Resource: arn:aws:s3:::data'),
        cfnJson(POLICY, { PolicyName: 'p', Users: ['alice'], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] } }),
      ],
      pass: [cfn('AWS::IAM::User', 'UserName: alice\nGroups: [developers]'), cfn(POLICY, 'PolicyName: p\nGroups: [developers]\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: s3:ListBucket\n      Resource: arn:aws:s3:::data')],
      unknown: [cfnParam(POLICY, 'PolicyName: p\nUsers: !Ref Setting\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: s3:ListBucket\n      Resource: arn:aws:s3:::data', 'CommaDelimitedList')],
    },
  },
};

const KEY = 'AWS::KMS::Key';
const keyPolicy = (principal: string, extra = '') =>
  `KeyPolicy:\n  Version: '2012-10-17'\n  Statement:\n    - Effect: Allow\n      Principal:\n${principal}\n      Action: kms:*\n      Resource: '*'${extra}`;

export const kmsKeyWildcardPrincipal: IacRule = {
  id: 'IAC-AWS-KMS-KEY-POLICY-ANY-PRINCIPAL',
  title: 'KMS key policy allows any principal',
  severity: 'high',
  description:
    'A key policy statement for Principal "*" lets any AWS account use (or manage) the key, and so decrypt what it protects. A Condition on the caller’s account (kms:CallerAccount), organization or ARN makes the statement pass (Checkov flags any "*" principal); kms:ViaService alone does not.',
  remediation: 'Name the account root or the roles that may use the key, or add a Condition (kms:CallerAccount, aws:PrincipalOrgID).',
  remediationSnippet: 'Principal:\n  AWS: !Sub arn:aws:iam::${AWS::AccountId}:root',
  helpUri: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
  checkov: 'CKV_AWS_33',
  cwe: ['CWE-284'],
  model: 'aws',
  resourceTypes: [KEY],
  check: (r) => {
    const doc = r.attributes.KeyPolicy;
    if (doc === undefined) return pass('KeyPolicy');
    if (isUnknown(doc)) return unknown('KeyPolicy', doc);
    const verdicts: Verdict[] = [];
    statementsOf(doc).forEach((s, i) => {
      if (!isObject(s) || s.Effect === 'Deny' || conditionRestrictsPrincipal(s.Condition)) return;
      const anyone = anyonePrincipal(s.Principal);
      const path = `KeyPolicy.Statement[${i}].Principal`;
      if (anyone === true) verdicts.push(fail(path, s.Principal));
      else if (anyone === 'unknown') verdicts.push(unknown(path, s.Principal));
    });
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    return fails.length ? fails : verdicts[0] ?? pass('KeyPolicy');
  },
  examples: {
    cfn: {
      fail: [
        cfn(KEY, keyPolicy("        AWS: '*'")),
        cfnJson(KEY, { KeyPolicy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] } }),
        cfn(KEY, keyPolicy("        AWS: '*'", '\n      Condition:\n        StringEquals:\n          kms:ViaService: s3.eu-west-1.amazonaws.com')),
      ],
      pass: [cfn(KEY, keyPolicy('        AWS: !Sub arn:aws:iam::${AWS::AccountId}:root')), cfn(KEY, keyPolicy("        AWS: '*'", '\n      Condition:\n        StringEquals:\n          kms:CallerAccount: "111122223333"'))],
      unknown: [cfnParam(KEY, keyPolicy('        AWS: !Ref Setting'))],
    },
  },
};

export const iamRules: readonly IacRule[] = [iamAdminPolicy, iamStarAction, iamTrustAnyPrincipal, iamPolicyOnUser, kmsKeyWildcardPrincipal];
