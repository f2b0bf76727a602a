// ECR repositories, ECS task definitions and clusters, EKS clusters and node groups.
import { expect } from '../../helpers';
import type { IacObject, IacResource, IacRule, IacValue, Verdict } from '../../types';
import { isObject, isUnknown, lookup } from '../../values';
import { attrRule, plan1, rule, tf, tfVar } from './common';
import { and, anyonePrincipal, judgeStatements, policyDocument } from './policy';

const REPO = 'aws_ecr_repository';
const REPO_POLICY = 'aws_ecr_repository_policy';
const TASK = 'aws_ecs_task_definition';
const ECS_CLUSTER = 'aws_ecs_cluster';
const EKS = 'aws_eks_cluster';
const NODE_GROUP = 'aws_eks_node_group';

export const ecrScanOnPush = attrRule({
  id: 'IAC-TF-AWS-ECR-SCAN-ON-PUSH',
  title: 'ECR repository does not scan images on push',
  severity: 'medium',
  description: 'Without scan on push, images with known vulnerable packages are stored and deployed without anyone being told.',
  remediation: 'Set image_scanning_configuration { scan_on_push = true } (or configure enhanced scanning for the registry).',
  checkov: 'CKV_AWS_163',
  cwe: ['CWE-1104'],
  types: [REPO],
  path: 'image_scanning_configuration.scan_on_push',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: 'name = "api"',
  contextValues: { name: 'api' },
  plan: true,
});

export const ecrImmutable = attrRule({
  id: 'IAC-TF-AWS-ECR-IMMUTABLE-TAGS',
  title: 'ECR repository allows image tags to be overwritten',
  severity: 'medium',
  description:
    'With mutable tags, pushing to an existing tag silently replaces what every deployment of that tag runs, so a stolen push credential can swap production images. IMMUTABLE_WITH_EXCLUSION (newer than Checkov\'s check) passes too.',
  remediation: 'Set image_tag_mutability = "IMMUTABLE" and deploy by digest or unique tags.',
  checkov: 'CKV_AWS_51',
  cwe: ['CWE-494'],
  types: [REPO],
  path: 'image_tag_mutability',
  good: ['IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION'],
  bad: 'MUTABLE',
  whenMissing: 'fail',
  context: 'name = "api"',
  contextValues: { name: 'api' },
  plan: true,
});

export const ecrKms = attrRule({
  id: 'IAC-TF-AWS-ECR-KMS',
  title: 'ECR repository is not encrypted with KMS',
  severity: 'low',
  description: 'The default AES256 encryption uses keys ECR manages; KMS encryption puts image access under a key policy and logs key use in CloudTrail.',
  remediation: 'Set encryption_configuration { encryption_type = "KMS" kms_key = aws_kms_key.ecr.arn }.',
  checkov: 'CKV_AWS_136',
  cwe: ['CWE-311'],
  types: [REPO],
  path: 'encryption_configuration.encryption_type',
  good: 'KMS',
  bad: 'AES256',
  whenMissing: 'fail',
  context: 'name = "api"',
  contextValues: { name: 'api' },
  plan: true,
});

const openStatement = (s: IacObject) => and(anyonePrincipal(s.Principal), s.Condition === undefined ? true : isUnknown(s.Condition) ? 'unknown' : false);
const ecrPolicy = (principal: string) =>
  `repository = aws_ecr_repository.api.name\npolicy = jsonencode({\n  Version = "2012-10-17"\n  Statement = [{\n    Effect    = "Allow"\n    Principal = ${principal}\n    Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]\n  }]\n})`;

export const ecrPublicPolicy = rule({
  id: 'IAC-TF-AWS-ECR-POLICY-PUBLIC',
  title: 'ECR repository policy allows any principal',
  severity: 'high',
  description:
    'A repository policy statement for Principal "*" without a Condition lets every AWS account pull (or push, depending on the actions) the images, and any secrets baked into them. Broader than Checkov: every statement is judged, AWS "*" counts, and a heredoc policy is read too.',
  remediation: 'Name the accounts or roles that may pull, or add an aws:PrincipalOrgID condition.',
  remediationSnippet: tf(REPO_POLICY, ecrPolicy('{ AWS = "arn:aws:iam::111122223333:root" }')).trimEnd(),
  checkov: 'CKV_AWS_32',
  cwe: ['CWE-284'],
  resourceTypes: [REPO_POLICY],
  check: (r) => judgeStatements([{ path: 'policy', value: r.attributes.policy }], openStatement, 'Principal') ?? { outcome: 'pass', path: 'policy' },
  examples: {
    hcl: {
      fail: [tf(REPO_POLICY, ecrPolicy('"*"'))],
      pass: [tf(REPO_POLICY, ecrPolicy('{ AWS = "arn:aws:iam::111122223333:root" }'))],
      unknown: [tfVar('principal', REPO_POLICY, ecrPolicy('var.principal'))],
    },
    tfplan: {
      fail: [plan1(REPO_POLICY, { repository: 'api', policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:*' }] }) })],
      pass: [plan1(REPO_POLICY, { repository: 'api', policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'ecr:BatchGetImage' }] }) })],
    },
  },
});

/** The container definitions of a task definition, or an unknown verdict. */
function containers(r: IacResource): { index: number; value: IacObject }[] | Verdict {
  const doc = policyDocument(r.attributes.container_definitions);
  if (doc === undefined) return { outcome: 'not-applicable' };
  if (isUnknown(doc)) return { outcome: 'unknown', path: 'container_definitions', value: doc, reason: 'the container definitions are not known statically' };
  if (!Array.isArray(doc)) return [];
  const out: { index: number; value: IacObject }[] = [];
  for (let i = 0; i < doc.length; i++) {
    const c = doc[i];
    if (isUnknown(c)) return { outcome: 'unknown', path: 'container_definitions', value: c };
    if (isObject(c)) out.push({ index: i, value: c });
  }
  return out;
}

/** Judges each container: `bad` gives a failure message, 'unknown', or undefined (fine). */
function eachContainer(bad: (c: IacObject) => string | 'unknown' | undefined) {
  return (r: IacResource): Verdict | Verdict[] => {
    const list = containers(r);
    if (!Array.isArray(list)) return list;
    if (!list.length) return { outcome: 'not-applicable' };
    const fails: Verdict[] = [];
    let unsure: Verdict | undefined;
    for (const { index, value } of list) {
      const b = bad(value);
      const name = typeof value.name === 'string' ? value.name : `#${index + 1}`;
      if (b === 'unknown') unsure ??= { outcome: 'unknown', path: 'container_definitions', reason: `a setting of container ${name} is not known statically` };
      else if (b) fails.push({ outcome: 'fail', path: 'container_definitions', message: `${r.address}: container ${name} ${b}` });
    }
    return fails.length ? fails : unsure ?? { outcome: 'pass', path: 'container_definitions' };
  };
}

const task = (container: string) =>
  `family                   = "api"\nrequires_compatibilities = ["FARGATE"]\ncpu                      = 256\nmemory                   = 512\ncontainer_definitions = jsonencode([{\n  name  = "api"\n  image = "\${aws_ecr_repository.api.repository_url}:1.4.2"\n${container
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n}])`;
const taskPlan = (container: Record<string, unknown>) => plan1(TASK, { family: 'api', container_definitions: JSON.stringify([{ name: 'api', image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2', ...container }]) });

const flag = (c: IacObject, key: string): IacValue | undefined => c[key];

export const ecsPrivileged = rule({
  id: 'IAC-TF-AWS-ECS-PRIVILEGED-CONTAINER',
  title: 'ECS container runs privileged',
  severity: 'high',
  description:
    'A privileged container has every capability and access to the host\'s devices; a compromise of the container is a compromise of the EC2 host and every task on it. The documented key `privileged` is read (Checkov reads `privilege`).',
  remediation: 'Remove privileged = true from the container definition (Fargate rejects it anyway).',
  remediationSnippet: tf(TASK, task('privileged = false')).trimEnd(),
  checkov: 'CKV_AWS_334',
  cwe: ['CWE-250'],
  resourceTypes: [TASK],
  check: eachContainer((c) => {
    const v = flag(c, 'privileged');
    if (isUnknown(v)) return 'unknown';
    return v === true ? 'runs privileged' : undefined;
  }),
  examples: {
    hcl: {
      fail: [tf(TASK, task('privileged = true'))],
      pass: [tf(TASK, task('privileged = false')), tf(TASK, task('essential = true'))],
      unknown: [tfVar('privileged', TASK, task('privileged = var.privileged'))],
    },
    tfplan: { fail: [taskPlan({ privileged: true })], pass: [taskPlan({ essential: true })] },
  },
});

export const ecsReadOnlyRoot = rule({
  id: 'IAC-TF-AWS-ECS-READONLY-ROOT-FILESYSTEM',
  title: 'ECS container root filesystem is writable',
  severity: 'low',
  description: 'A writable root filesystem lets an attacker who gets code execution drop tools and modify binaries; a read-only root with explicit volumes for scratch space limits that.',
  remediation: 'Set readonlyRootFilesystem = true in each container definition and mount volumes where the app writes.',
  remediationSnippet: tf(TASK, task('readonlyRootFilesystem = true')).trimEnd(),
  checkov: 'CKV_AWS_336',
  cwe: ['CWE-732'],
  resourceTypes: [TASK],
  check: eachContainer((c) => {
    const v = flag(c, 'readonlyRootFilesystem');
    if (isUnknown(v)) return 'unknown';
    return v === true ? undefined : 'has a writable root filesystem';
  }),
  examples: {
    hcl: {
      fail: [tf(TASK, task('essential = true')), tf(TASK, task('readonlyRootFilesystem = false'))],
      pass: [tf(TASK, task('readonlyRootFilesystem = true'))],
      unknown: [tfVar('readonly', TASK, task('readonlyRootFilesystem = var.readonly'))],
    },
    tfplan: { fail: [taskPlan({ readonlyRootFilesystem: false })], pass: [taskPlan({ readonlyRootFilesystem: true })] },
  },
});

export const ecsRootUser = rule({
  id: 'IAC-TF-AWS-ECS-ROOT-USER',
  title: 'ECS container runs as root',
  severity: 'medium',
  confidence: 'medium',
  description: 'A container whose user is root (or not set, when the image does not set one) gives an attacker root inside the container, one kernel bug away from the host.',
  remediation: 'Set user to a non-root UID (e.g. "1000:1000") in the container definition, or USER in the image.',
  remediationSnippet: tf(TASK, task('user = "1000:1000"')).trimEnd(),
  cwe: ['CWE-250'],
  resourceTypes: [TASK],
  check: eachContainer((c) => {
    const v = flag(c, 'user');
    if (isUnknown(v)) return 'unknown';
    if (typeof v !== 'string' || v === '') return undefined;
    return /^(root|0)(:|$)/.test(v) ? `runs as user ${v}` : undefined;
  }),
  examples: {
    hcl: {
      fail: [tf(TASK, task('user = "root"')), tf(TASK, task('user = "0:0"'))],
      pass: [tf(TASK, task('user = "1000:1000"'))],
      unknown: [tfVar('user', TASK, task('user = var.user'))],
    },
    tfplan: { fail: [taskPlan({ user: '0' })], pass: [taskPlan({ user: 'app' })] },
  },
});

const SECRET_NAME = /pass(word)?|secret|token|api_?key|private_?key|credential|access_?key/i;

export const ecsSecretsInEnvironment = rule({
  id: 'IAC-TF-AWS-ECS-SECRETS-IN-ENVIRONMENT',
  title: 'ECS container definition holds a secret in a plain environment variable',
  severity: 'high',
  description: 'Environment values are stored in the task definition in clear text, visible to anyone who can describe task definitions and kept in every revision; secrets belong in Secrets Manager or SSM referenced through `secrets`.',
  remediation: 'Move the value to Secrets Manager or SSM Parameter Store and reference it in the container\'s secrets list (valueFrom).',
  remediationSnippet: tf(TASK, task('secrets = [{ name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn }]')).trimEnd(),
  cwe: ['CWE-798'],
  resourceTypes: [TASK],
  check: eachContainer((c) => {
    const env = c.environment;
    if (isUnknown(env)) return 'unknown';
    if (!Array.isArray(env)) return undefined;
    for (const e of env) {
      if (!isObject(e) || typeof e.name !== 'string' || !SECRET_NAME.test(e.name)) continue;
      if (typeof e.value === 'string' && e.value !== '') return `sets ${e.name} in its environment`;
    }
    return undefined;
  }),
  examples: {
    hcl: {
      fail: [tf(TASK, task('environment = [{ name = "DB_PASSWORD", value = "hunter2" }]'))],
      pass: [tf(TASK, task('environment = [{ name = "STAGE", value = "prod" }]\nsecrets     = [{ name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn }]'))],
      unknown: [tf(TASK, 'family = "api"\ncontainer_definitions = file("${path.module}/containers.json")')],
    },
    tfplan: { fail: [taskPlan({ environment: [{ name: 'API_TOKEN', value: 'abc123' }] })], pass: [taskPlan({ environment: [{ name: 'STAGE', value: 'prod' }] })] },
  },
});

const insights = (value: string) => `name = "main"\nsetting {\n  name  = "containerInsights"\n  value = ${value}\n}`;

export const ecsContainerInsights = rule({
  id: 'IAC-TF-AWS-ECS-CONTAINER-INSIGHTS',
  title: 'ECS cluster does not enable Container Insights',
  severity: 'low',
  description: 'Container Insights collects per-task CPU, memory, network and restart metrics; without it, resource abuse and crash loops go unseen.',
  remediation: 'Add setting { name = "containerInsights" value = "enabled" } (or "enhanced").',
  remediationSnippet: tf(ECS_CLUSTER, insights('"enabled"')).trimEnd(),
  checkov: 'CKV_AWS_65',
  resourceTypes: [ECS_CLUSTER],
  check: (r, ctx) => {
    const settings = lookup(r.attributes, 'setting[*]').filter((f) => isUnknown(f.value) || (isObject(f.value) && f.value.name === 'containerInsights'));
    if (!settings.length) return { outcome: 'fail', path: 'setting', message: `${r.address} does not enable Container Insights` };
    if (settings.some((s) => isUnknown(s.value))) return { outcome: 'unknown', path: 'setting' };
    const idx = settings[0].path;
    return expect(`${idx}.value`, ['enabled', 'enhanced'])(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(ECS_CLUSTER, 'name = "main"'), tf(ECS_CLUSTER, insights('"disabled"'))],
      pass: [tf(ECS_CLUSTER, insights('"enabled"'))],
      unknown: [tfVar('insights', ECS_CLUSTER, insights('var.insights'))],
    },
    tfplan: {
      fail: [plan1(ECS_CLUSTER, { name: 'main', setting: [{ name: 'containerInsights', value: 'disabled' }] })],
      pass: [plan1(ECS_CLUSTER, { name: 'main', setting: [{ name: 'containerInsights', value: 'enabled' }] })],
    },
  },
});

const eksVpc = (body: string) => `name     = "main"\nrole_arn = aws_iam_role.eks.arn\nvpc_config {\n  subnet_ids = aws_subnet.private[*].id\n${body
  .split('\n')
  .filter(Boolean)
  .map((l) => `  ${l}`)
  .join('\n')}\n}`;

export const eksPublicEndpoint = rule({
  id: 'IAC-TF-AWS-EKS-PUBLIC-ENDPOINT-OPEN',
  title: 'EKS API server endpoint is public to the whole internet',
  severity: 'high',
  description: 'The public endpoint (on by default) with public_access_cidrs 0.0.0.0/0 (the default) exposes the Kubernetes API to everyone: credential attacks and any API-server vulnerability are reachable from anywhere.',
  remediation: 'Set endpoint_public_access = false (with endpoint_private_access = true), or limit public_access_cidrs to known networks.',
  remediationSnippet: tf(EKS, eksVpc('endpoint_private_access = true\nendpoint_public_access  = false')).trimEnd(),
  checkov: 'CKV_AWS_38',
  cwe: ['CWE-284'],
  resourceTypes: [EKS],
  check: (r): Verdict => {
    const pub = lookup(r.attributes, 'vpc_config.endpoint_public_access').filter((f) => f.value !== null);
    if (pub.some((f) => isUnknown(f.value))) return { outcome: 'unknown', path: 'vpc_config.endpoint_public_access' };
    if (pub.length && pub.every((f) => f.value === false)) return { outcome: 'pass', path: 'vpc_config.endpoint_public_access', value: false };
    const cidrs = lookup(r.attributes, 'vpc_config.public_access_cidrs').filter((f) => f.value !== null);
    if (!cidrs.length) return { outcome: 'fail', path: 'vpc_config.public_access_cidrs', message: `${r.address}: the public endpoint is open to 0.0.0.0/0 (the default)` };
    const values = cidrs.flatMap((f) => (Array.isArray(f.value) ? f.value : [f.value]));
    if (values.includes('0.0.0.0/0')) return { outcome: 'fail', path: 'vpc_config.public_access_cidrs', value: '0.0.0.0/0' };
    if (values.some(isUnknown)) return { outcome: 'unknown', path: 'vpc_config.public_access_cidrs' };
    return { outcome: 'pass', path: 'vpc_config.public_access_cidrs' };
  },
  examples: {
    hcl: {
      fail: [tf(EKS, eksVpc('')), tf(EKS, eksVpc('endpoint_public_access = true\npublic_access_cidrs    = ["0.0.0.0/0"]'))],
      pass: [tf(EKS, eksVpc('endpoint_private_access = true\nendpoint_public_access  = false')), tf(EKS, eksVpc('public_access_cidrs = ["203.0.113.0/24"]'))],
      unknown: [tfVar('cidrs', EKS, eksVpc('public_access_cidrs = var.cidrs'))],
    },
    tfplan: {
      fail: [plan1(EKS, { name: 'main', vpc_config: [{ endpoint_public_access: true, endpoint_private_access: false, public_access_cidrs: ['0.0.0.0/0'] }] })],
      pass: [plan1(EKS, { name: 'main', vpc_config: [{ endpoint_public_access: false, endpoint_private_access: true, public_access_cidrs: ['0.0.0.0/0'] }] })],
    },
  },
});

export const eksSecretsEncryption = rule({
  id: 'IAC-TF-AWS-EKS-SECRETS-ENCRYPTION',
  title: 'EKS cluster does not encrypt Kubernetes secrets with KMS',
  severity: 'medium',
  description: 'Envelope encryption with a KMS key protects Secrets in etcd beyond the default disk encryption, and puts reading them under a key policy.',
  remediation: 'Add encryption_config { resources = ["secrets"] provider { key_arn = aws_kms_key.eks.arn } }.',
  remediationSnippet: tf(EKS, 'encryption_config {\n  resources = ["secrets"]\n  provider {\n    key_arn = aws_kms_key.eks.arn\n  }\n}').trimEnd(),
  checkov: 'CKV_AWS_58',
  cwe: ['CWE-311'],
  resourceTypes: [EKS],
  check: expect('encryption_config.resources', (v) => Array.isArray(v) && v.includes('secrets')),
  examples: {
    hcl: {
      fail: [tf(EKS, eksVpc(''))],
      pass: [tf(EKS, `${eksVpc('')}\nencryption_config {\n  resources = ["secrets"]\n  provider {\n    key_arn = aws_kms_key.eks.arn\n  }\n}`)],
      unknown: [tfVar('resources', EKS, `${eksVpc('')}\nencryption_config {\n  resources = var.resources\n  provider {\n    key_arn = aws_kms_key.eks.arn\n  }\n}`)],
    },
    tfplan: {
      fail: [plan1(EKS, { name: 'main', encryption_config: [] })],
      pass: [plan1(EKS, { name: 'main', encryption_config: [{ resources: ['secrets'], provider: [{ key_arn: 'arn:aws:kms:eu-west-1:111122223333:key/1' }] }] })],
    },
  },
});

const CONTROL_PLANE_LOGS = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

export const eksLogging = rule({
  id: 'IAC-TF-AWS-EKS-CONTROL-PLANE-LOGGING',
  title: 'EKS control plane logging is incomplete',
  severity: 'medium',
  description: 'Without the api, audit and authenticator logs (off by default), who did what in the cluster, and with which IAM identity, is not recorded.',
  remediation: 'Set enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"].',
  remediationSnippet: tf(EKS, `enabled_cluster_log_types = ${JSON.stringify(CONTROL_PLANE_LOGS).replace(/,/g, ', ')}`).trimEnd(),
  checkov: 'CKV_AWS_37',
  cwe: ['CWE-778'],
  resourceTypes: [EKS],
  check: expect('enabled_cluster_log_types', (v) => Array.isArray(v) && CONTROL_PLANE_LOGS.every((t) => v.includes(t))),
  examples: {
    hcl: {
      fail: [tf(EKS, eksVpc('')), tf(EKS, `${eksVpc('')}\nenabled_cluster_log_types = ["api"]`)],
      pass: [tf(EKS, `${eksVpc('')}\nenabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]`)],
      unknown: [tfVar('logs', EKS, `${eksVpc('')}\nenabled_cluster_log_types = var.logs`)],
    },
    tfplan: {
      fail: [plan1(EKS, { name: 'main', enabled_cluster_log_types: ['api', 'audit'] })],
      pass: [plan1(EKS, { name: 'main', enabled_cluster_log_types: CONTROL_PLANE_LOGS })],
    },
  },
});

export const eksNodeGroupRemoteAccess = rule({
  id: 'IAC-TF-AWS-EKS-NODE-GROUP-SSH-OPEN',
  title: 'EKS node group allows SSH from anywhere',
  severity: 'medium',
  description: 'A remote_access block with an SSH key and no source_security_group_ids opens port 22 on every node to 0.0.0.0/0.',
  remediation: 'Set source_security_group_ids in remote_access to a bastion\'s security group, or drop remote_access and use Session Manager.',
  remediationSnippet: tf(NODE_GROUP, 'remote_access {\n  ec2_ssh_key               = "ops"\n  source_security_group_ids = [aws_security_group.bastion.id]\n}').trimEnd(),
  checkov: 'CKV_AWS_100',
  cwe: ['CWE-284'],
  resourceTypes: [NODE_GROUP],
  check: (r, ctx) => {
    const blocks = lookup(r.attributes, 'remote_access[*]');
    if (!blocks.length) return { outcome: 'not-applicable' };
    const keys = lookup(r.attributes, 'remote_access.ec2_ssh_key').filter((f) => f.value !== null && f.value !== '');
    if (!keys.length) return { outcome: 'not-applicable' };
    return expect('remote_access.source_security_group_ids', (v) => Array.isArray(v) && v.length > 0)(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(NODE_GROUP, 'cluster_name = aws_eks_cluster.main.name\nremote_access {\n  ec2_ssh_key = "ops"\n}')],
      pass: [tf(NODE_GROUP, 'cluster_name = aws_eks_cluster.main.name\nremote_access {\n  ec2_ssh_key               = "ops"\n  source_security_group_ids = [aws_security_group.bastion.id]\n}')],
      unknown: [tfVar('groups', NODE_GROUP, 'cluster_name = aws_eks_cluster.main.name\nremote_access {\n  ec2_ssh_key               = "ops"\n  source_security_group_ids = var.groups\n}')],
    },
    tfplan: {
      fail: [plan1(NODE_GROUP, { cluster_name: 'main', remote_access: [{ ec2_ssh_key: 'ops', source_security_group_ids: [] }] })],
      pass: [plan1(NODE_GROUP, { cluster_name: 'main', remote_access: [{ ec2_ssh_key: 'ops', source_security_group_ids: ['sg-0a1b2c'] }] })],
    },
  },
});

export const containerRules: readonly IacRule[] = [
  ecrScanOnPush,
  ecrImmutable,
  ecrKms,
  ecrPublicPolicy,
  ecsPrivileged,
  ecsReadOnlyRoot,
  ecsRootUser,
  ecsSecretsInEnvironment,
  ecsContainerInsights,
  eksPublicEndpoint,
  eksSecretsEncryption,
  eksLogging,
  eksNodeGroupRemoteAccess,
];
