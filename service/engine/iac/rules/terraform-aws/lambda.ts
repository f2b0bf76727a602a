// Lambda functions, function URLs and permissions.
import { expect } from '../../helpers';
import type { IacRule, Verdict } from '../../types';
import { isUnknown, lookup } from '../../values';
import { attrRule, plan1, requireSet, rule, setRule, tf, tfVar } from './common';

const FN = 'aws_lambda_function';
const URL = 'aws_lambda_function_url';
const PERMISSION = 'aws_lambda_permission';

const fnContext = 'function_name = "orders"\nrole          = aws_iam_role.lambda.arn\nruntime       = "python3.12"\nhandler       = "app.handler"\nfilename      = "app.zip"';
const fnValues = { function_name: 'orders', runtime: 'python3.12', handler: 'app.handler' };

export const lambdaTracing = rule({
  id: 'IAC-TF-AWS-LAMBDA-XRAY-TRACING',
  title: 'Lambda function declares no X-Ray tracing mode',
  severity: 'low',
  description:
    'Without a tracing configuration, calls made by the function and its latency and errors cannot be followed across services when investigating an incident. As in Checkov, mode "PassThrough" (trace when the caller sampled the request) passes as well as "Active".',
  remediation: 'Set tracing_config { mode = "Active" }.',
  remediationSnippet: tf(FN, 'tracing_config {\n  mode = "Active"\n}').trimEnd(),
  checkov: 'CKV_AWS_50',
  resourceTypes: [FN],
  check: expect('tracing_config.mode', ['Active', 'PassThrough']),
  examples: {
    hcl: {
      fail: [tf(FN, fnContext)],
      pass: [tf(FN, `${fnContext}\ntracing_config {\n  mode = "Active"\n}`), tf(FN, `${fnContext}\ntracing_config {\n  mode = "PassThrough"\n}`)],
      unknown: [tfVar('mode', FN, `${fnContext}\ntracing_config {\n  mode = var.mode\n}`)],
    },
    tfplan: {
      fail: [plan1(FN, { ...fnValues, tracing_config: [] })],
      pass: [plan1(FN, { ...fnValues, tracing_config: [{ mode: 'Active' }] })],
    },
  },
});

export const lambdaDlq = setRule({
  id: 'IAC-TF-AWS-LAMBDA-DLQ',
  title: 'Lambda function has no dead-letter queue',
  severity: 'low',
  description: 'Asynchronous invocations that keep failing are dropped after the retries; a dead-letter queue keeps the events for inspection and replay.',
  remediation: 'Add dead_letter_config { target_arn = <SQS queue or SNS topic ARN> } (or an aws_lambda_function_event_invoke_config destination).',
  checkov: 'CKV_AWS_116',
  types: [FN],
  paths: ['dead_letter_config.target_arn'],
  value: 'aws_sqs_queue.dlq.arn',
  planValue: 'arn:aws:sqs:eu-west-1:111122223333:orders-dlq',
  context: fnContext,
  contextValues: fnValues,
});

export const lambdaVpc = setRule({
  id: 'IAC-TF-AWS-LAMBDA-IN-VPC',
  title: 'Lambda function is not attached to a VPC',
  severity: 'low',
  confidence: 'medium',
  description:
    'A function outside a VPC reaches the internet directly and cannot be limited by security groups or network ACLs; functions that handle private data belong in private subnets. Unlike Checkov, a vpc_config with no subnet_ids (the usual way to detach a function) fails.',
  remediation: 'Add vpc_config { subnet_ids = [...] security_group_ids = [...] }.',
  checkov: 'CKV_AWS_117',
  types: [FN],
  paths: ['vpc_config.subnet_ids'],
  value: 'aws_subnet.private[*].id',
  planValue: ['subnet-0a1b2c'],
  context: fnContext,
  contextValues: fnValues,
});

export const lambdaEnvKms = rule({
  id: 'IAC-TF-AWS-LAMBDA-ENV-KMS',
  title: 'Lambda environment variables are not encrypted with a customer managed key',
  severity: 'low',
  description: 'Environment variables often hold connection strings and API keys; with the default AWS managed key anyone allowed to read the function configuration can read them.',
  remediation: 'Set kms_key_arn to a customer managed key (and keep secrets in Secrets Manager).',
  remediationSnippet: tf(FN, 'kms_key_arn = aws_kms_key.lambda.arn\nenvironment {\n  variables = { STAGE = "prod" }\n}').trimEnd(),
  checkov: 'CKV_AWS_173',
  cwe: ['CWE-311'],
  resourceTypes: [FN],
  check: (r, ctx) => {
    const vars = lookup(r.attributes, 'environment.variables');
    if (!vars.length || vars.every((f) => f.value === null)) return { outcome: 'not-applicable' };
    return requireSet('kms_key_arn')(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(FN, `${fnContext}\nenvironment {\n  variables = { STAGE = "prod" }\n}`)],
      pass: [tf(FN, `${fnContext}\nkms_key_arn = aws_kms_key.lambda.arn\nenvironment {\n  variables = { STAGE = "prod" }\n}`)],
      unknown: [tfVar('key', FN, `${fnContext}\nkms_key_arn = var.key\nenvironment {\n  variables = { STAGE = "prod" }\n}`)],
    },
    tfplan: {
      fail: [plan1(FN, { ...fnValues, kms_key_arn: null, environment: [{ variables: { STAGE: 'prod' } }] })],
      pass: [plan1(FN, { ...fnValues, kms_key_arn: 'arn:aws:kms:eu-west-1:111122223333:key/1', environment: [{ variables: { STAGE: 'prod' } }] })],
    },
  },
});

export const lambdaConcurrency = rule({
  id: 'IAC-TF-AWS-LAMBDA-RESERVED-CONCURRENCY',
  title: 'Lambda function has no reserved concurrency',
  severity: 'low',
  description:
    'Without a concurrency limit, a flood of events (or abuse) lets one function take the whole account concurrency, throttling every other function, and run up cost. Unlike Checkov, -1 (the provider\'s "unreserved") fails as well.',
  remediation: 'Set reserved_concurrent_executions to a limit that fits the workload (0 or more; -1 means unreserved).',
  remediationSnippet: tf(FN, 'reserved_concurrent_executions = 50').trimEnd(),
  checkov: 'CKV_AWS_115',
  resourceTypes: [FN],
  check: (r): Verdict => {
    const v = r.attributes.reserved_concurrent_executions;
    if (isUnknown(v)) return { outcome: 'unknown', path: 'reserved_concurrent_executions', value: v };
    if (v === undefined || v === null || Number(v) < 0) return { outcome: 'fail', path: 'reserved_concurrent_executions', value: v ?? null };
    return { outcome: 'pass', path: 'reserved_concurrent_executions', value: v };
  },
  examples: {
    hcl: {
      fail: [tf(FN, fnContext), tf(FN, `${fnContext}\nreserved_concurrent_executions = -1`)],
      pass: [tf(FN, `${fnContext}\nreserved_concurrent_executions = 50`)],
      unknown: [tfVar('limit', FN, `${fnContext}\nreserved_concurrent_executions = var.limit`)],
    },
    tfplan: {
      fail: [plan1(FN, { ...fnValues, reserved_concurrent_executions: -1 })],
      pass: [plan1(FN, { ...fnValues, reserved_concurrent_executions: 50 })],
    },
  },
});

export const lambdaCodeSigning = setRule({
  id: 'IAC-TF-AWS-LAMBDA-CODE-SIGNING',
  title: 'Lambda function does not enforce code signing',
  severity: 'low',
  description: 'A code signing configuration makes Lambda reject deployment packages not signed by a trusted publisher, so a stolen deploy credential cannot push arbitrary code.',
  remediation: 'Set code_signing_config_arn to an aws_lambda_code_signing_config with untrusted_artifact_on_deployment = "Enforce".',
  checkov: 'CKV_AWS_272',
  cwe: ['CWE-494'],
  types: [FN],
  paths: ['code_signing_config_arn'],
  value: 'aws_lambda_code_signing_config.signed.arn',
  planValue: 'arn:aws:lambda:eu-west-1:111122223333:code-signing-config:csc-0a1b2c',
  context: fnContext,
  contextValues: fnValues,
});

export const lambdaUrlAuth = attrRule({
  id: 'IAC-TF-AWS-LAMBDA-URL-AUTH-NONE',
  title: 'Lambda function URL requires no authentication',
  severity: 'high',
  description: 'With authorization_type = "NONE" anyone who finds the URL can invoke the function; the function must then do all authentication itself.',
  remediation: 'Set authorization_type = "AWS_IAM", or put the function behind API Gateway with an authorizer.',
  checkov: 'CKV_AWS_258',
  cwe: ['CWE-306'],
  types: [URL],
  path: 'authorization_type',
  good: 'AWS_IAM',
  bad: 'NONE',
  whenMissing: 'fail',
  context: 'function_name = aws_lambda_function.orders.function_name',
  contextValues: { function_name: 'orders' },
  plan: true,
});

const ANY_CONDITION = ['source_arn', 'source_account', 'principal_org_id'];

export const lambdaPermissionAnyone = rule({
  id: 'IAC-TF-AWS-LAMBDA-PERMISSION-ANY-PRINCIPAL',
  title: 'Lambda permission lets any principal invoke the function',
  severity: 'high',
  description:
    'A resource policy statement for principal "*" without source_arn, source_account or principal_org_id lets any AWS account (or anyone, for function URLs) invoke the function. Unlike Checkov, a "*" principal scoped by one of those is not reported.',
  remediation: 'Name the calling service or account in principal, and scope it with source_arn (or source_account / principal_org_id).',
  remediationSnippet: tf(PERMISSION, 'action        = "lambda:InvokeFunction"\nfunction_name = aws_lambda_function.orders.function_name\nprincipal     = "s3.amazonaws.com"\nsource_arn    = aws_s3_bucket.uploads.arn').trimEnd(),
  checkov: 'CKV_AWS_301',
  cwe: ['CWE-284'],
  resourceTypes: [PERMISSION],
  check: (r): Verdict => {
    const p = r.attributes.principal;
    if (isUnknown(p)) return { outcome: 'unknown', path: 'principal', value: p };
    if (p !== '*') return { outcome: 'pass', path: 'principal', value: p ?? null };
    const scoped = ANY_CONDITION.map((k) => r.attributes[k]).filter((v) => v !== undefined && v !== null && v !== '');
    if (scoped.some((v) => !isUnknown(v) || v.refs.some((ref) => !ref.startsWith('var.')))) return { outcome: 'pass', path: 'source_arn' };
    if (scoped.length) return { outcome: 'unknown', path: 'source_arn' };
    return { outcome: 'fail', path: 'principal', value: p };
  },
  examples: {
    hcl: {
      fail: [tf(PERMISSION, 'action        = "lambda:InvokeFunction"\nfunction_name = aws_lambda_function.orders.function_name\nprincipal     = "*"')],
      pass: [
        tf(PERMISSION, 'action        = "lambda:InvokeFunction"\nfunction_name = aws_lambda_function.orders.function_name\nprincipal     = "s3.amazonaws.com"\nsource_arn    = aws_s3_bucket.uploads.arn'),
        tf(PERMISSION, 'action           = "lambda:InvokeFunction"\nfunction_name    = aws_lambda_function.orders.function_name\nprincipal        = "*"\nprincipal_org_id = "o-abc123"'),
      ],
      unknown: [tfVar('principal', PERMISSION, 'action        = "lambda:InvokeFunction"\nfunction_name = "orders"\nprincipal     = var.principal')],
    },
    tfplan: {
      fail: [plan1(PERMISSION, { action: 'lambda:InvokeFunction', function_name: 'orders', principal: '*', source_arn: null })],
      pass: [plan1(PERMISSION, { action: 'lambda:InvokeFunction', function_name: 'orders', principal: 'events.amazonaws.com', source_arn: 'arn:aws:events:eu-west-1:111122223333:rule/nightly' })],
    },
  },
});

export const lambdaRules: readonly IacRule[] = [lambdaTracing, lambdaDlq, lambdaVpc, lambdaEnvKms, lambdaConcurrency, lambdaCodeSigning, lambdaUrlAuth, lambdaPermissionAnyone];
