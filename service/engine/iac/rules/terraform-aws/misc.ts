// WAF, Cognito, CodeBuild, SageMaker, GuardDuty and AWS Config.
import { expect, forbid } from '../../helpers';
import type { IacRule } from '../../types';
import { attrRule, linkedTo, plan, rule, setRule, tf } from './common';

const WAF = 'aws_wafv2_web_acl';
const WAF_LOGGING = 'aws_wafv2_web_acl_logging_configuration';
const POOL = 'aws_cognito_user_pool';
const CODEBUILD = 'aws_codebuild_project';
const NOTEBOOK = 'aws_sagemaker_notebook_instance';
const DETECTOR = 'aws_guardduty_detector';
const RECORDER = 'aws_config_configuration_recorder';

const wafBody = 'name  = "edge"\nscope = "REGIONAL"\ndefault_action {\n  allow {}\n}\nvisibility_config {\n  cloudwatch_metrics_enabled = true\n  metric_name                = "edge"\n  sampled_requests_enabled   = true\n}';

export const wafLogging = rule({
  id: 'IAC-TF-AWS-WAF-LOGGING',
  title: 'WAF web ACL has no logging configuration',
  severity: 'medium',
  description: 'Without logging, the requests the web ACL blocked or allowed (and which rule matched) are not recorded, so attacks and false positives cannot be analysed.',
  remediation: 'Add an aws_wafv2_web_acl_logging_configuration with resource_arn = the web ACL ARN and a Firehose, S3 or CloudWatch destination.',
  remediationSnippet: tf(WAF_LOGGING, 'resource_arn            = aws_wafv2_web_acl.edge.arn\nlog_destination_configs = [aws_cloudwatch_log_group.waf.arn]').trimEnd(),
  checkov: 'CKV2_AWS_31',
  cwe: ['CWE-778'],
  resourceTypes: [WAF],
  check: (r, ctx) =>
    linkedTo(ctx, r, [WAF_LOGGING], ['resource_arn'], ['arn']).length
      ? { outcome: 'pass', path: 'arn' }
      : { outcome: 'fail', path: 'name', message: `${r.address} has no aws_wafv2_web_acl_logging_configuration` },
  examples: {
    hcl: {
      fail: [tf(WAF, wafBody, 'edge')],
      pass: [`${tf(WAF, wafBody, 'edge')}\n${tf(WAF_LOGGING, 'resource_arn            = aws_wafv2_web_acl.edge.arn\nlog_destination_configs = [aws_cloudwatch_log_group.waf.arn]')}`],
    },
    tfplan: {
      fail: [plan({ type: WAF, name: 'edge', values: { name: 'edge', scope: 'REGIONAL', arn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/edge/1' } })],
      pass: [
        plan(
          { type: WAF, name: 'edge', values: { name: 'edge', scope: 'REGIONAL', arn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/edge/1' } },
          { type: WAF_LOGGING, values: { resource_arn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/edge/1', log_destination_configs: ['arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-edge'] } },
        ),
      ],
    },
  },
});
export const cognitoMfa = attrRule({
  id: 'IAC-TF-AWS-COGNITO-MFA',
  title: 'Cognito user pool does not require MFA',
  severity: 'medium',
  description: 'With mfa_configuration OFF (the default), a phished or reused password is enough to take over a user\'s account.',
  remediation: 'Set mfa_configuration = "ON" (or "OPTIONAL" with adaptive authentication) and configure software_token_mfa_configuration.',
  cwe: ['CWE-308'],
  types: [POOL],
  path: 'mfa_configuration',
  good: 'ON',
  bad: 'OFF',
  whenMissing: 'fail',
  context: 'name = "customers"',
  contextValues: { name: 'customers' },
  plan: true,
});

const cbEnv = (extra: string) =>
  `name         = "build"\nservice_role = aws_iam_role.build.arn\nsource {\n  type = "CODECOMMIT"\n}\nartifacts {\n  type = "NO_ARTIFACTS"\n}\nenvironment {\n  compute_type = "BUILD_GENERAL1_SMALL"\n  image        = "aws/codebuild/standard:7.0"\n  type         = "LINUX_CONTAINER"\n${extra ? `  ${extra}\n` : ''}}`;

export const codebuildPrivileged = rule({
  id: 'IAC-TF-AWS-CODEBUILD-PRIVILEGED-MODE',
  title: 'CodeBuild project runs builds in privileged mode',
  severity: 'medium',
  description: 'Privileged mode gives the build container root access to the Docker daemon and host devices; build scripts from a compromised branch or dependency can break out of the build and reach other builds\' secrets.',
  remediation: 'Set privileged_mode = false unless the project builds Docker images, and then keep it to projects that only build trusted code.',
  remediationSnippet: tf(CODEBUILD, cbEnv('privileged_mode = false')).trimEnd(),
  checkov: 'CKV_AWS_316',
  cwe: ['CWE-250'],
  resourceTypes: [CODEBUILD],
  check: forbid('environment.privileged_mode', true),
  examples: {
    hcl: {
      fail: [tf(CODEBUILD, cbEnv('privileged_mode = true'))],
      pass: [tf(CODEBUILD, cbEnv('')), tf(CODEBUILD, cbEnv('privileged_mode = false'))],
      unknown: [`variable "privileged" {}\n${tf(CODEBUILD, cbEnv('privileged_mode = var.privileged'))}`],
    },
    tfplan: {
      fail: [plan({ type: CODEBUILD, values: { name: 'build', environment: [{ compute_type: 'BUILD_GENERAL1_SMALL', image: 'aws/codebuild/standard:7.0', type: 'LINUX_CONTAINER', privileged_mode: true }] } })],
      pass: [plan({ type: CODEBUILD, values: { name: 'build', environment: [{ compute_type: 'BUILD_GENERAL1_SMALL', image: 'aws/codebuild/standard:7.0', type: 'LINUX_CONTAINER', privileged_mode: false }] } })],
    },
  },
});

export const codebuildArtifacts = rule({
  id: 'IAC-TF-AWS-CODEBUILD-ARTIFACT-ENCRYPTION',
  title: 'CodeBuild project writes unencrypted artifacts',
  severity: 'medium',
  description: 'With encryption_disabled = true, build artifacts (binaries, packages, sometimes configuration with secrets) are stored in S3 unencrypted.',
  remediation: 'Remove encryption_disabled (it defaults to false) from artifacts and secondary_artifacts.',
  remediationSnippet: tf(CODEBUILD, 'artifacts {\n  type     = "S3"\n  location = aws_s3_bucket.artifacts.id\n}').trimEnd(),
  checkov: 'CKV_AWS_78',
  cwe: ['CWE-311'],
  resourceTypes: [CODEBUILD],
  check: (r, ctx) => {
    const verdicts = [forbid('artifacts.encryption_disabled', true)(r, ctx), forbid('secondary_artifacts.encryption_disabled', true)(r, ctx)].flat();
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    return fails.length ? fails : verdicts.find((v) => v.outcome === 'unknown') ?? verdicts[0];
  },
  examples: {
    hcl: {
      fail: [tf(CODEBUILD, 'name = "build"\nartifacts {\n  type                = "S3"\n  location            = aws_s3_bucket.artifacts.id\n  encryption_disabled = true\n}')],
      pass: [tf(CODEBUILD, 'name = "build"\nartifacts {\n  type     = "S3"\n  location = aws_s3_bucket.artifacts.id\n}')],
      unknown: [`variable "plain" {}\n${tf(CODEBUILD, 'name = "build"\nartifacts {\n  type                = "S3"\n  location            = aws_s3_bucket.artifacts.id\n  encryption_disabled = var.plain\n}')}`],
    },
    tfplan: {
      fail: [plan({ type: CODEBUILD, values: { name: 'build', artifacts: [{ type: 'S3', location: 'acme-artifacts', encryption_disabled: true }], secondary_artifacts: [] } })],
      pass: [plan({ type: CODEBUILD, values: { name: 'build', artifacts: [{ type: 'S3', location: 'acme-artifacts', encryption_disabled: false }], secondary_artifacts: [] } })],
    },
  },
});

const nbContext = 'name          = "research"\nrole_arn      = aws_iam_role.sagemaker.arn\ninstance_type = "ml.t3.medium"';
const nbValues = { name: 'research', instance_type: 'ml.t3.medium' };

export const sagemakerInternet = attrRule({
  id: 'IAC-TF-AWS-SAGEMAKER-DIRECT-INTERNET',
  title: 'SageMaker notebook has direct internet access',
  severity: 'medium',
  description: 'With direct internet access (the default), the notebook can download anything and send data anywhere, bypassing the VPC\'s egress controls.',
  remediation: 'Set direct_internet_access = "Disabled" with subnet_id and security_groups, and route egress through the VPC.',
  checkov: 'CKV_AWS_122',
  cwe: ['CWE-284'],
  types: [NOTEBOOK],
  path: 'direct_internet_access',
  good: 'Disabled',
  bad: 'Enabled',
  whenMissing: 'fail',
  context: nbContext,
  contextValues: nbValues,
  plan: true,
});

export const sagemakerRoot = attrRule({
  id: 'IAC-TF-AWS-SAGEMAKER-ROOT-ACCESS',
  title: 'SageMaker notebook users have root access',
  severity: 'medium',
  description: 'With root access (the default), notebook users can change the instance\'s system configuration and install anything, including tools that defeat its controls.',
  remediation: 'Set root_access = "Disabled".',
  checkov: 'CKV_AWS_307',
  cwe: ['CWE-250'],
  types: [NOTEBOOK],
  path: 'root_access',
  good: 'Disabled',
  bad: 'Enabled',
  whenMissing: 'fail',
  context: nbContext,
  contextValues: nbValues,
  plan: true,
});

export const sagemakerKms = setRule({
  id: 'IAC-TF-AWS-SAGEMAKER-KMS',
  title: 'SageMaker notebook storage is not encrypted with a customer managed key',
  severity: 'low',
  description: 'The notebook\'s ML storage volume holds datasets and models; a customer managed key puts access to it under a key policy.',
  remediation: 'Set kms_key_id to a customer managed key.',
  checkov: 'CKV_AWS_22',
  cwe: ['CWE-311'],
  types: [NOTEBOOK],
  paths: ['kms_key_id'],
  value: 'aws_kms_key.sagemaker.arn',
  planValue: 'arn:aws:kms:eu-west-1:111122223333:key/1',
  context: nbContext,
  contextValues: nbValues,
});

export const guardDutyEnabled = attrRule({
  id: 'IAC-TF-AWS-GUARDDUTY-ENABLED',
  title: 'GuardDuty detector is disabled',
  severity: 'medium',
  description: 'A disabled detector stops threat detection (compromised credentials, crypto-mining, reconnaissance) for the account and region.',
  remediation: 'Set enable = true (the default), or remove the argument.',
  cis: ['CIS AWS 4.16'],
  types: [DETECTOR],
  path: 'enable',
  good: true,
  bad: false,
  whenMissing: 'pass',
  plan: true,
});

export const configRecorderAll = rule({
  id: 'IAC-TF-AWS-CONFIG-RECORDS-ALL-RESOURCES',
  title: 'AWS Config recorder does not record all resource types',
  severity: 'low',
  description: 'A recorder limited to some resource types leaves changes to the others out of the configuration history that audits and incident response rely on.',
  remediation: 'Set recording_group { all_supported = true include_global_resource_types = true } (all_supported defaults to true).',
  remediationSnippet: tf(RECORDER, 'recording_group {\n  all_supported                 = true\n  include_global_resource_types = true\n}').trimEnd(),
  cis: ['CIS AWS 3.3'],
  cwe: ['CWE-778'],
  resourceTypes: [RECORDER],
  check: expect('recording_group.all_supported', true, { whenMissing: 'pass' }),
  examples: {
    hcl: {
      fail: [tf(RECORDER, 'name     = "default"\nrole_arn = aws_iam_role.config.arn\nrecording_group {\n  all_supported  = false\n  resource_types = ["AWS::EC2::Instance"]\n}')],
      pass: [tf(RECORDER, 'name     = "default"\nrole_arn = aws_iam_role.config.arn'), tf(RECORDER, 'name     = "default"\nrole_arn = aws_iam_role.config.arn\nrecording_group {\n  all_supported = true\n}')],
      unknown: [`variable "all" {}\n${tf(RECORDER, 'name     = "default"\nrole_arn = aws_iam_role.config.arn\nrecording_group {\n  all_supported = var.all\n}')}`],
    },
  },
});

export const miscRules: readonly IacRule[] = [
  wafLogging,
  cognitoMfa,
  codebuildPrivileged,
  codebuildArtifacts,
  sagemakerInternet,
  sagemakerRoot,
  sagemakerKms,
  guardDutyEnabled,
  configRecorderAll,
];
