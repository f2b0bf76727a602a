// IAM policies, roles, users and the account password policy.
import type { Check } from '../../helpers';
import type { IacObject, IacResource, IacRule, IacValue, Verdict } from '../../types';
import { isUnknown, lookup } from '../../values';
import { atLeast, atMost, attrRule, plan1, rule, tf, tfVar } from './common';
import { allActions, and, anyonePrincipal, includes, isStar, judgeStatements } from './policy';

const POLICY = 'aws_iam_policy';
const ROLE = 'aws_iam_role';
const ROLE_POLICY = 'aws_iam_role_policy';
const USER_POLICY = 'aws_iam_user_policy';
const GROUP_POLICY = 'aws_iam_group_policy';
const POLICY_TYPES = [POLICY, ROLE_POLICY, USER_POLICY, GROUP_POLICY, ROLE];

/** The identity policy documents of a resource: `policy`, or a role's inline_policy blocks. */
function identityDocs(r: IacResource): { path: string; value: IacValue | undefined }[] {
  if (r.type === ROLE) return lookup(r.attributes, 'inline_policy.policy').map((f) => ({ path: f.path, value: f.value }));
  return [{ path: 'policy', value: r.attributes.policy }];
}

function eachAllow(bad: (s: IacObject) => boolean | 'unknown', key: string): Check {
  return (r) => judgeStatements(identityDocs(r), bad, key) ?? { outcome: r.type === ROLE ? 'not-applicable' : 'pass', path: 'policy' };
}

const doc = (statement: string) => `policy = jsonencode({\n  Version = "2012-10-17"\n  Statement = [\n    ${statement}\n  ]\n})`;
const stmt = (action: string, resource: string, effect = 'Allow') => `{ Effect = "${effect}", Action = ${action}, Resource = ${resource} }`;
const planPolicy = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

export const iamAdminPolicy = rule({
  id: 'IAC-TF-AWS-IAM-ADMIN-POLICY',
  title: 'IAM policy grants full administrative privileges',
  severity: 'high',
  description: 'A statement that allows Action "*" on Resource "*" gives whoever holds it every permission in the account, including changing IAM itself.',
  remediation: 'Grant the specific actions on the specific resources the principal needs.',
  remediationSnippet: tf(POLICY, doc(stmt('["s3:GetObject"]', '"${aws_s3_bucket.data.arn}/*"'))).trimEnd(),
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  checkov: 'CKV_AWS_62',
  cis: ['CIS AWS 1.16'],
  cwe: ['CWE-250'],
  resourceTypes: POLICY_TYPES,
  check: eachAllow((s) => and(allActions(s.Action), includes(s.Resource, isStar)), 'Action'),
  examples: {
    hcl: {
      fail: [
        tf(POLICY, doc(stmt('"*"', '"*"'))),
        tf(ROLE_POLICY, `role = aws_iam_role.app.id\n${doc(`${stmt('"s3:GetObject"', '"${aws_s3_bucket.data.arn}/*"')},\n    ${stmt('["*"]', '["*"]')}`)}`),
        tf(POLICY, 'policy = <<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]\n}\nEOF'),
        tf(ROLE, 'assume_role_policy = "{}"\ninline_policy {\n  name = "all"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}'),
      ],
      pass: [tf(POLICY, doc(stmt('["s3:GetObject"]', '"${aws_s3_bucket.data.arn}/*"'))), tf(POLICY, doc(stmt('"*"', '"*"', 'Deny')))],
      unknown: [tfVar('actions', POLICY, doc(stmt('var.actions', '"*"'))), tf(POLICY, 'policy = data.aws_iam_policy_document.admin.json')],
    },
    tfplan: {
      fail: [plan1(POLICY, { name: 'admin', policy: planPolicy([{ Effect: 'Allow', Action: '*', Resource: '*' }]) })],
      pass: [plan1(POLICY, { name: 'read', policy: planPolicy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/*' }]) })],
    },
  },
});

export const iamStarAction = rule({
  id: 'IAC-TF-AWS-IAM-STAR-ACTION',
  title: 'IAM policy allows every action ("*")',
  severity: 'high',
  description: "Action \"*\" grants every current and future action of every service on the statement's resources, far more than any workload needs.",
  remediation: 'List the actions the principal needs (service prefixes with wildcards such as s3:Get* at most).',
  remediationSnippet: tf(POLICY, doc(stmt('["dynamodb:GetItem", "dynamodb:Query"]', 'aws_dynamodb_table.orders.arn'))).trimEnd(),
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
  checkov: 'CKV_AWS_63',
  cwe: ['CWE-250'],
  resourceTypes: POLICY_TYPES,
  check: eachAllow((s) => allActions(s.Action), 'Action'),
  examples: {
    hcl: {
      fail: [tf(POLICY, doc(stmt('"*"', 'aws_s3_bucket.data.arn'))), tf(USER_POLICY, `user = aws_iam_user.ci.name\n${doc(stmt('["*"]', '"arn:aws:s3:::acme-data/*"'))}`)],
      pass: [tf(POLICY, doc(stmt('"s3:*"', 'aws_s3_bucket.data.arn'))), tf(GROUP_POLICY, `group = "ops"\n${doc(stmt('"*"', '"*"', 'Deny'))}`)],
      unknown: [tfVar('actions', POLICY, doc(stmt('var.actions', 'aws_s3_bucket.data.arn')))],
    },
    tfplan: {
      fail: [plan1(POLICY, { policy: planPolicy([{ Effect: 'Allow', Action: ['*'], Resource: 'arn:aws:s3:::acme-data' }]) })],
      pass: [plan1(POLICY, { policy: planPolicy([{ Effect: 'Allow', Action: ['s3:ListBucket'], Resource: 'arn:aws:s3:::acme-data' }]) })],
    },
  },
});

const passRole = (v: IacValue | undefined) => includes(v, (s) => ['iam:passrole', 'iam:*', '*', 'iam:pass*', '*:*'].includes(s.trim().toLowerCase()));

export const iamPassRoleStar = rule({
  id: 'IAC-TF-AWS-IAM-PASSROLE-ANY-ROLE',
  title: 'IAM policy allows iam:PassRole on every role',
  severity: 'high',
  description:
    'iam:PassRole on Resource "*" lets the holder hand any role in the account, administrator roles included, to a Lambda function, EC2 instance or other service it controls: a direct privilege escalation.',
  remediation: 'Limit iam:PassRole to the ARNs of the roles the principal must pass, and add an iam:PassedToService condition.',
  remediationSnippet: tf(POLICY, doc(stmt('"iam:PassRole"', 'aws_iam_role.worker.arn'))).trimEnd(),
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
  cwe: ['CWE-269'],
  resourceTypes: POLICY_TYPES,
  check: eachAllow((s) => and(and(passRole(s.Action), includes(s.Resource, isStar)), s.Condition === undefined ? true : false), 'Action'),
  examples: {
    hcl: {
      fail: [tf(POLICY, doc(stmt('["iam:PassRole", "lambda:CreateFunction"]', '"*"'))), tf(ROLE_POLICY, `role = aws_iam_role.app.id\n${doc(stmt('"iam:*"', '["*"]'))}`)],
      pass: [tf(POLICY, doc(stmt('"iam:PassRole"', 'aws_iam_role.worker.arn'))), tf(POLICY, doc(stmt('"iam:GetRole"', '"*"')))],
      unknown: [tfVar('roles', POLICY, doc(stmt('"iam:PassRole"', 'var.roles')))],
    },
    tfplan: {
      fail: [plan1(POLICY, { policy: planPolicy([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]) })],
      pass: [plan1(POLICY, { policy: planPolicy([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/worker' }]) })],
    },
  },
});

const trust = (principal: string, condition = '') =>
  `assume_role_policy = jsonencode({\n  Version = "2012-10-17"\n  Statement = [{\n    Effect    = "Allow"\n    Principal = ${principal}\n    Action    = "sts:AssumeRole"${condition}\n  }]\n})`;

export const iamTrustAnyPrincipal = rule({
  id: 'IAC-TF-AWS-IAM-TRUST-ANY-PRINCIPAL',
  title: 'IAM role can be assumed by any AWS principal',
  severity: 'critical',
  description:
    'A trust policy that allows Principal "*" (or AWS "*") without a Condition lets any AWS account in the world assume the role and use its permissions. Unlike Checkov, a bare "*" principal fails too and a statement with a Condition (sts:ExternalId, aws:PrincipalOrgID) is not reported.',
  remediation: 'Name the accounts, roles or services allowed to assume the role; for cross-account access add an sts:ExternalId or aws:PrincipalOrgID condition.',
  remediationSnippet: tf(ROLE, trust('{ Service = "lambda.amazonaws.com" }')).trimEnd(),
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy',
  checkov: 'CKV_AWS_60',
  cwe: ['CWE-284'],
  resourceTypes: [ROLE],
  check: (r) =>
    judgeStatements([{ path: 'assume_role_policy', value: r.attributes.assume_role_policy }], (s) => and(anyonePrincipal(s.Principal), s.Condition === undefined ? true : isUnknown(s.Condition) ? 'unknown' : false), 'Principal') ?? {
      outcome: 'not-applicable',
    },
  examples: {
    hcl: {
      fail: [tf(ROLE, trust('{ AWS = "*" }')), tf(ROLE, trust('"*"'))],
      pass: [tf(ROLE, trust('{ Service = "ec2.amazonaws.com" }')), tf(ROLE, trust('{ AWS = "*" }', '\n    Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } }'))],
      unknown: [tfVar('principal', ROLE, trust('{ AWS = var.principal }'))],
    },
    tfplan: {
      fail: [plan1(ROLE, { name: 'open', assume_role_policy: planPolicy([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]) })],
      pass: [plan1(ROLE, { name: 'app', assume_role_policy: planPolicy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]) })],
    },
  },
});

const ATTACHMENT = 'aws_iam_policy_attachment';
const USER_ATTACHMENT = 'aws_iam_user_policy_attachment';

export const iamPolicyOnUser = rule({
  id: 'IAC-TF-AWS-IAM-POLICY-ON-USER',
  title: 'IAM policy is attached to a user',
  severity: 'low',
  description: 'Permissions given to users one by one drift apart and outlive job changes; granting them through groups or roles keeps access reviewable.',
  remediation: 'Attach the policy to an aws_iam_group the user belongs to (aws_iam_group_policy_attachment), or to a role.',
  remediationSnippet: tf('aws_iam_group_policy_attachment', 'group      = aws_iam_group.developers.name\npolicy_arn = aws_iam_policy.read.arn').trimEnd(),
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
  checkov: 'CKV_AWS_40',
  cis: ['CIS AWS 1.15'],
  resourceTypes: [USER_POLICY, USER_ATTACHMENT, ATTACHMENT],
  check: (r): Verdict => {
    if (r.type !== ATTACHMENT) return { outcome: 'fail', path: 'user', value: (r.attributes.user as IacValue) ?? null, message: `${r.address} gives a policy to a user directly` };
    const users = r.attributes.users;
    if (isUnknown(users)) return { outcome: 'unknown', path: 'users', value: users };
    if (Array.isArray(users) && users.length) return { outcome: 'fail', path: 'users', value: users };
    return { outcome: 'pass', path: 'users' };
  },
  examples: {
    hcl: {
      fail: [tf(USER_ATTACHMENT, 'user       = aws_iam_user.alice.name\npolicy_arn = aws_iam_policy.read.arn'), tf(ATTACHMENT, 'name       = "read"\nusers      = ["alice"]\npolicy_arn = aws_iam_policy.read.arn')],
      pass: [tf(ATTACHMENT, 'name       = "read"\ngroups     = ["developers"]\npolicy_arn = aws_iam_policy.read.arn')],
      unknown: [tfVar('users', ATTACHMENT, 'name       = "read"\nusers      = var.users\npolicy_arn = aws_iam_policy.read.arn')],
    },
    tfplan: {
      fail: [plan1(USER_ATTACHMENT, { user: 'alice', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })],
      pass: [plan1(ATTACHMENT, { name: 'read', users: [], groups: ['developers'], roles: [], policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })],
    },
  },
});

const PASSWORD = 'aws_iam_account_password_policy';
const passwordMeta = { types: [PASSWORD], helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html', cwe: ['CWE-521'] } as const;

export const passwordRules: IacRule[] = [
  attrRule({
    ...passwordMeta,
    id: 'IAC-TF-AWS-IAM-PASSWORD-MIN-LENGTH',
    title: 'IAM password policy allows passwords shorter than 14 characters',
    severity: 'medium',
    description: 'Short console passwords fall to guessing and cracking; CIS asks for at least 14 characters. The AWS default minimum is 8.',
    remediation: 'Set minimum_password_length = 14 or more.',
    checkov: 'CKV_AWS_10',
    cis: ['CIS AWS 1.8'],
    path: 'minimum_password_length',
    good: 14,
    bad: 8,
    matcher: atLeast(14),
    whenMissing: 'fail',
    plan: true,
  }),
  attrRule({
    ...passwordMeta,
    id: 'IAC-TF-AWS-IAM-PASSWORD-REUSE',
    title: 'IAM password policy allows recent passwords to be reused',
    severity: 'medium',
    description: 'Without a reuse limit a user can cycle back to a leaked password right after a forced change.',
    remediation: 'Set password_reuse_prevention = 24.',
    checkov: 'CKV_AWS_13',
    cis: ['CIS AWS 1.9'],
    path: 'password_reuse_prevention',
    good: 24,
    bad: 3,
    matcher: atLeast(24),
    whenMissing: 'fail',
    plan: true,
  }),
  attrRule({
    ...passwordMeta,
    id: 'IAC-TF-AWS-IAM-PASSWORD-SYMBOLS',
    title: 'IAM password policy does not require a symbol',
    severity: 'low',
    description: 'Requiring symbols widens the character set an attacker must search.',
    remediation: 'Set require_symbols = true.',
    checkov: 'CKV_AWS_14',
    path: 'require_symbols',
    good: true,
    bad: false,
    whenMissing: 'fail',
    context: 'minimum_password_length = 14',
  }),
  attrRule({
    ...passwordMeta,
    id: 'IAC-TF-AWS-IAM-PASSWORD-UPPERCASE',
    title: 'IAM password policy does not require an uppercase letter',
    severity: 'low',
    description: 'Requiring uppercase letters widens the character set an attacker must search.',
    remediation: 'Set require_uppercase_characters = true.',
    checkov: 'CKV_AWS_15',
    path: 'require_uppercase_characters',
    good: true,
    bad: false,
    whenMissing: 'fail',
    context: 'minimum_password_length = 14',
  }),
  attrRule({
    ...passwordMeta,
    id: 'IAC-TF-AWS-IAM-PASSWORD-LOWERCASE',
    title: 'IAM password policy does not require a lowercase letter',
    severity: 'low',
    description: 'Requiring lowercase letters widens the character set an attacker must search.',
    remediation: 'Set require_lowercase_characters = true.',
    checkov: 'CKV_AWS_11',
    path: 'require_lowercase_characters',
    good: true,
    bad: false,
    whenMissing: 'fail',
    context: 'minimum_password_length = 14',
  }),
  attrRule({
    ...passwordMeta,
    id: 'IAC-TF-AWS-IAM-PASSWORD-NUMBERS',
    title: 'IAM password policy does not require a number',
    severity: 'low',
    description: 'Requiring digits widens the character set an attacker must search.',
    remediation: 'Set require_numbers = true.',
    checkov: 'CKV_AWS_12',
    path: 'require_numbers',
    good: true,
    bad: false,
    whenMissing: 'fail',
    context: 'minimum_password_length = 14',
  }),
  attrRule({
    ...passwordMeta,
    id: 'IAC-TF-AWS-IAM-PASSWORD-MAX-AGE',
    title: 'IAM passwords do not expire within 90 days',
    severity: 'low',
    description: 'Passwords that never expire stay valid long after they leak. (Current NIST guidance prefers breach detection to forced rotation; CIS still checks it.)',
    remediation: 'Set max_password_age = 90 or less.',
    checkov: 'CKV_AWS_9',
    path: 'max_password_age',
    good: 90,
    bad: 365,
    matcher: (v) => atMost(90)(v) && atLeast(1)(v),
    whenMissing: 'fail',
    context: 'minimum_password_length = 14',
  }),
];

const ADMIN_ARN = /^arn:aws[\w-]*:iam::aws:policy\/AdministratorAccess$/;
const ATTACHMENT_TYPES = ['aws_iam_role_policy_attachment', 'aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment', ATTACHMENT];

export const iamAdministratorAccess = rule({
  id: 'IAC-TF-AWS-IAM-ADMINISTRATOR-ACCESS-ATTACHED',
  title: 'AWS managed AdministratorAccess policy is attached',
  severity: 'high',
  description: 'AdministratorAccess allows every action on every resource; a role, user or group holding it is one credential leak away from a full account takeover.',
  remediation: 'Attach a policy with the actions the principal needs instead (or a job-function policy such as ReadOnlyAccess), and keep administrator access behind break-glass roles.',
  remediationSnippet: tf('aws_iam_role_policy_attachment', 'role       = aws_iam_role.app.name\npolicy_arn = aws_iam_policy.app.arn').trimEnd(),
  checkov: 'CKV_AWS_274',
  cwe: ['CWE-250'],
  resourceTypes: [...ATTACHMENT_TYPES, ROLE],
  check: (r): Verdict | Verdict[] => {
    const found = r.type === ROLE ? lookup(r.attributes, 'managed_policy_arns[*]') : lookup(r.attributes, 'policy_arn');
    if (r.type === ROLE && !found.length) return { outcome: 'not-applicable' };
    const admin = found.filter((f) => typeof f.value === 'string' && ADMIN_ARN.test(f.value));
    if (admin.length) return admin.map((f) => ({ outcome: 'fail' as const, path: f.path, value: f.value }));
    const unsure = found.find((f) => isUnknown(f.value) && f.value.refs.every((x) => x.startsWith('var.') || x.startsWith('local.')));
    return unsure ? { outcome: 'unknown', path: unsure.path, value: unsure.value } : { outcome: 'pass', path: found[0]?.path ?? 'policy_arn' };
  },
  examples: {
    hcl: {
      fail: [
        tf('aws_iam_role_policy_attachment', 'role       = aws_iam_role.app.name\npolicy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"'),
        tf(ROLE, 'assume_role_policy  = "{}"\nmanaged_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]'),
      ],
      pass: [tf('aws_iam_group_policy_attachment', 'group      = aws_iam_group.ops.name\npolicy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"'), tf('aws_iam_role_policy_attachment', 'role       = aws_iam_role.app.name\npolicy_arn = aws_iam_policy.app.arn')],
      unknown: [tfVar('policy', 'aws_iam_role_policy_attachment', 'role       = aws_iam_role.app.name\npolicy_arn = var.policy')],
    },
    tfplan: {
      fail: [plan1('aws_iam_user_policy_attachment', { user: 'ci', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' })],
      pass: [plan1('aws_iam_role_policy_attachment', { role: 'app', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })],
    },
  },
});

export const iamRules: readonly IacRule[] = [iamAdminPolicy, iamAdministratorAccess, iamStarAction, iamPassRoleStar, iamTrustAnyPrincipal, iamPolicyOnUser, ...passwordRules];
