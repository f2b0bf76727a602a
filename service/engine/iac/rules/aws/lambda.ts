// Lambda functions (from CloudFormation, SAM's AWS::Serverless::Function and serverless.yml functions)
// and function URLs.
import { expect, fail, forbid, pass, requireAny, unknown, when } from '../../helpers';
import type { IacRule, Verdict } from '../../types';
import { isObject, isUnknown } from '../../values';
import { AWS_ACCESS_KEY_ID, AWS_SECRET_KEY } from './network';
import { cfn, cfnJson, cfnParam, sam, serverless } from './templates';

const FN = 'AWS::Lambda::Function';
const fn = 'Runtime: python3.12\nHandler: app.handler\nRole: arn:aws:iam::111122223333:role/app\nCode:\n  S3Bucket: artifacts\n  S3Key: app.zip';
const samFn = (extra = '', globals = '') => sam('Function', `Handler: app.handler\nRuntime: python3.12\nCodeUri: src/${extra ? `\n${extra}` : ''}`, globals);
const slsFn = (provider = '', fnExtra = '') => serverless(`runtime: python3.12${provider ? `\n${provider}` : ''}`, `hello:\n  handler: handler.hello${fnExtra ? `\n${fnExtra.replace(/^/gm, '  ')}` : ''}`);

export const lambdaTracing: IacRule = {
  id: 'IAC-AWS-LAMBDA-TRACING',
  title: 'Lambda function has no active X-Ray tracing',
  severity: 'low',
  description: 'Without active tracing the calls a function makes (and their latency and errors) are not recorded, which leaves incidents and abuse across services hard to follow.',
  remediation: 'Set TracingConfig.Mode: Active (SAM: Tracing: Active; Serverless: provider.tracing.lambda: true).',
  remediationSnippet: 'TracingConfig:\n  Mode: Active',
  helpUri: 'https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html',
  cwe: ['CWE-778'],
  model: 'aws',
  resourceTypes: [FN],
  check: expect('TracingConfig.Mode', 'Active'),
  examples: {
    cfn: {
      fail: [cfn(FN, fn), cfnJson(FN, { Runtime: 'nodejs20.x', Handler: 'index.handler', TracingConfig: { Mode: 'PassThrough' } })],
      pass: [cfn(FN, `${fn}\nTracingConfig:\n  Mode: Active`)],
      unknown: [cfnParam(FN, `${fn}\nTracingConfig:\n  Mode: !Ref Setting`)],
    },
    sam: { fail: [samFn()], pass: [samFn('Tracing: Active'), samFn('', 'Function:\n  Tracing: Active')] },
    serverless: { fail: [slsFn()], pass: [slsFn('tracing:\n  lambda: true'), slsFn('', 'tracing: Active')] },
  },
};

export const lambdaDlq: IacRule = {
  id: 'IAC-AWS-LAMBDA-DLQ',
  title: 'Lambda function has no dead-letter queue',
  severity: 'low',
  description: 'Events of asynchronous invocations that still fail after the retries are dropped unless a dead-letter queue (or an on-failure destination) keeps them for analysis and replay.',
  remediation: 'Set DeadLetterConfig.TargetArn to an SQS queue or SNS topic (SAM: DeadLetterQueue; Serverless: onError).',
  remediationSnippet: 'DeadLetterConfig:\n  TargetArn: !GetAtt FailedEvents.Arn',
  helpUri: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html',
  checkov: 'CKV_AWS_116',
  cwe: ['CWE-754'],
  model: 'aws',
  resourceTypes: [FN],
  check: requireAny('DeadLetterConfig.TargetArn'),
  examples: {
    cfn: {
      fail: [cfn(FN, fn)],
      pass: [cfn(FN, `${fn}\nDeadLetterConfig:\n  TargetArn: arn:aws:sqs:eu-west-1:111122223333:failed`)],
      unknown: [cfnParam(FN, `${fn}\nDeadLetterConfig:\n  TargetArn: !Ref Setting`)],
    },
    sam: { fail: [samFn()], pass: [samFn('DeadLetterQueue:\n  Type: SQS\n  TargetArn: arn:aws:sqs:eu-west-1:111122223333:failed')] },
    serverless: { fail: [slsFn()], pass: [slsFn('', 'onError: arn:aws:sns:eu-west-1:111122223333:failed')] },
  },
};

export const lambdaVpc: IacRule = {
  id: 'IAC-AWS-LAMBDA-VPC',
  title: 'Lambda function is not attached to a VPC',
  severity: 'low',
  description: 'A function outside a VPC reaches the internet directly and cannot be constrained by security groups, VPC endpoints or network firewalls.',
  remediation: 'Set VpcConfig with private SubnetIds and SecurityGroupIds (Serverless: vpc).',
  remediationSnippet: 'VpcConfig:\n  SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n  SecurityGroupIds: [!Ref FunctionSecurityGroup]',
  helpUri: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
  checkov: 'CKV_AWS_117',
  model: 'aws',
  resourceTypes: [FN],
  check: requireAny('VpcConfig.SubnetIds'),
  examples: {
    cfn: {
      fail: [cfn(FN, fn)],
      pass: [cfn(FN, `${fn}\nVpcConfig:\n  SubnetIds: [subnet-1, subnet-2]\n  SecurityGroupIds: [sg-1]`)],
      unknown: [cfnParam(FN, `${fn}\nVpcConfig:\n  SubnetIds: !Ref Setting\n  SecurityGroupIds: [sg-1]`, 'List<AWS::EC2::Subnet::Id>')],
    },
    sam: { fail: [samFn()], pass: [samFn('', 'Function:\n  VpcConfig:\n    SubnetIds: [subnet-1]\n    SecurityGroupIds: [sg-1]')] },
    serverless: { fail: [slsFn()], pass: [slsFn('vpc:\n  securityGroupIds: [sg-1]\n  subnetIds: [subnet-1, subnet-2]')] },
  },
};

const hasVariables = (v: unknown): boolean | 'unknown' => (isUnknown(v) ? 'unknown' : isObject(v) && Object.keys(v).length > 0);

export const lambdaEnvironmentKms: IacRule = {
  id: 'IAC-AWS-LAMBDA-ENVIRONMENT-KMS',
  title: 'Lambda environment variables are not encrypted with a customer managed key',
  severity: 'low',
  description: 'Environment variables are encrypted at rest with an AWS managed key that every principal allowed to read the function configuration can use; a customer managed key (KmsKeyArn) restricts who can decrypt them.',
  remediation: 'Set KmsKeyArn to a customer managed KMS key (SAM: KmsKeyArn; Serverless: kmsKeyArn).',
  remediationSnippet: 'KmsKeyArn: !GetAtt FunctionKey.Arn',
  helpUri: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html',
  checkov: 'CKV_AWS_173',
  cwe: ['CWE-311'],
  model: 'aws',
  resourceTypes: [FN],
  check: when((r) => {
    const env = r.attributes.Environment;
    return isUnknown(env) ? 'unknown' : hasVariables(isObject(env) ? env.Variables : undefined);
  }, requireAny('KmsKeyArn')),
  examples: {
    cfn: {
      fail: [cfn(FN, `${fn}\nEnvironment:\n  Variables:\n    TABLE: orders`)],
      pass: [cfn(FN, `${fn}\nEnvironment:\n  Variables:\n    TABLE: orders\nKmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`)],
      unknown: [cfnParam(FN, `${fn}\nEnvironment:\n  Variables:\n    TABLE: orders\nKmsKeyArn: !Ref Setting`)],
    },
    sam: {
      fail: [samFn('', 'Function:\n  Environment:\n    Variables:\n      TABLE: orders')],
      pass: [samFn('KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'Function:\n  Environment:\n    Variables:\n      TABLE: orders')],
    },
    serverless: {
      fail: [slsFn('environment:\n  TABLE: orders')],
      pass: [slsFn('environment:\n  TABLE: orders\nkmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab')],
    },
  },
};

export const lambdaReservedConcurrency: IacRule = {
  id: 'IAC-AWS-LAMBDA-RESERVED-CONCURRENCY',
  title: 'Lambda function has no reserved concurrency',
  severity: 'low',
  description: 'Without a concurrency limit one function flooded with events (or abused) can take the account\'s whole concurrency and starve every other function, and run up cost.',
  remediation: 'Set ReservedConcurrentExecutions (Serverless: reservedConcurrency) to the function\'s expected peak.',
  remediationSnippet: 'ReservedConcurrentExecutions: 50',
  helpUri: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html',
  checkov: 'CKV_AWS_115',
  cwe: ['CWE-770'],
  model: 'aws',
  resourceTypes: [FN],
  check: requireAny('ReservedConcurrentExecutions'),
  examples: {
    cfn: {
      fail: [cfn(FN, fn)],
      pass: [cfn(FN, `${fn}\nReservedConcurrentExecutions: 50`), cfnJson(FN, { Runtime: 'nodejs20.x', ReservedConcurrentExecutions: 10 })],
      unknown: [cfnParam(FN, `${fn}\nReservedConcurrentExecutions: !Ref Setting`, 'Number')],
    },
    sam: { fail: [samFn()], pass: [samFn('ReservedConcurrentExecutions: 20')] },
    serverless: { fail: [slsFn()], pass: [slsFn('', 'reservedConcurrency: 20')] },
  },
};

export const lambdaEnvironmentSecrets: IacRule = {
  id: 'IAC-AWS-LAMBDA-ENVIRONMENT-SECRETS',
  title: 'Lambda environment variables hold AWS credentials',
  severity: 'critical',
  description: 'Environment variables are shown to anyone who can read the function\'s configuration and end up in templates and logs; access keys there leak with them. A function gets credentials from its execution role.',
  remediation: 'Remove the keys, rotate them, and grant the permissions to the function\'s execution role (read other secrets from Secrets Manager at run time).',
  remediationSnippet: 'Environment:\n  Variables:\n    DB_SECRET_ARN: !Ref DbSecret',
  helpUri: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
  checkov: 'CKV_AWS_45',
  cwe: ['CWE-798'],
  model: 'aws',
  resourceTypes: [FN],
  check: (r) => {
    const env = r.attributes.Environment;
    if (isUnknown(env)) return unknown('Environment', env);
    const vars = isObject(env) ? env.Variables : undefined;
    if (isUnknown(vars)) return unknown('Environment.Variables', vars);
    if (!isObject(vars)) return pass('Environment');
    const fails: Verdict[] = [];
    for (const [name, value] of Object.entries(vars)) {
      const text = typeof value === 'string' ? value : '';
      const secretKey = /secret/i.test(name) && /^[A-Za-z0-9/+]{40}$/.test(text);
      if (AWS_ACCESS_KEY_ID.test(text) || AWS_SECRET_KEY.test(text) || secretKey) {
        // The value is a credential: the finding names the variable, never the value.
        fails.push(fail(`Environment.Variables.${name}`, undefined, `Lambda environment variables hold AWS credentials: ${r.address} sets ${name} to an AWS key`));
      }
    }
    return fails.length ? fails : pass('Environment.Variables');
  },
  examples: {
    cfn: {
      fail: [cfn(FN, `${fn}\nEnvironment:\n  Variables:\n    AWS_KEY: AKIAIOSFODNN7EXAMPLE`)],
      pass: [cfn(FN, `${fn}\nEnvironment:\n  Variables:\n    TABLE: orders`)],
      unknown: [cfnParam(FN, `${fn}\nEnvironment:\n  Variables: !If [Never, {}, !Ref Setting]`).replace('Resources:', 'Conditions:\n  Never: !Equals [!Ref Setting, x]\nResources:')],
    },
    sam: {
      fail: [samFn('', 'Function:\n  Environment:\n    Variables:\n      ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE')],
      pass: [samFn('Environment:\n  Variables:\n    TABLE: orders')],
    },
    serverless: {
      fail: [slsFn('environment:\n  S3_KEY: AKIAIOSFODNN7EXAMPLE')],
      pass: [slsFn('environment:\n  TABLE: orders')],
    },
  },
};

const URL = 'AWS::Lambda::Url';

export const lambdaUrlAuth: IacRule = {
  id: 'IAC-AWS-LAMBDA-URL-AUTH-NONE',
  title: 'Lambda function URL needs no authentication',
  severity: 'high',
  description: 'A function URL with AuthType NONE can be called by anyone on the internet who learns it; the function must then do all authentication and throttling itself.',
  remediation: 'Set AuthType: AWS_IAM (SAM: FunctionUrlConfig.AuthType; Serverless: url.authorizer: aws_iam), or put the function behind API Gateway with an authorizer.',
  remediationSnippet: 'AuthType: AWS_IAM',
  helpUri: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
  checkov: 'CKV_AWS_258',
  cwe: ['CWE-306'],
  model: 'aws',
  resourceTypes: [URL],
  check: forbid('AuthType', 'NONE', { whenMissing: 'fail' }),
  examples: {
    cfn: {
      fail: [cfn(URL, 'AuthType: NONE\nTargetFunctionArn: !GetAtt Fn.Arn')],
      pass: [cfn(URL, 'AuthType: AWS_IAM\nTargetFunctionArn: !GetAtt Fn.Arn'), cfnJson(URL, { AuthType: 'AWS_IAM', TargetFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:app' })],
      unknown: [cfnParam(URL, 'AuthType: !Ref Setting\nTargetFunctionArn: !GetAtt Fn.Arn')],
    },
    sam: { fail: [samFn('FunctionUrlConfig:\n  AuthType: NONE')], pass: [samFn('FunctionUrlConfig:\n  AuthType: AWS_IAM')] },
    serverless: { fail: [slsFn('', 'url: true')], pass: [slsFn('', 'url:\n  authorizer: aws_iam')] },
  },
};

/** Runtimes past their deprecation date (AWS Lambda runtime deprecation policy, as of December 2025). */
const DEPRECATED_RUNTIMES = new Set([
  'nodejs',
  'nodejs4.3',
  'nodejs4.3-edge',
  'nodejs6.10',
  'nodejs8.10',
  'nodejs10.x',
  'nodejs12.x',
  'nodejs14.x',
  'nodejs16.x',
  'nodejs18.x',
  'python2.7',
  'python3.6',
  'python3.7',
  'python3.8',
  'python3.9',
  'ruby2.5',
  'ruby2.7',
  'java8',
  'go1.x',
  'provided',
  'dotnetcore1.0',
  'dotnetcore2.0',
  'dotnetcore2.1',
  'dotnetcore3.1',
  'dotnet5.0',
  'dotnet6',
  'dotnet7',
]);

export const lambdaDeprecatedRuntime: IacRule = {
  id: 'IAC-AWS-LAMBDA-DEPRECATED-RUNTIME',
  title: 'Lambda function uses a deprecated runtime',
  severity: 'medium',
  description:
    'Deprecated runtimes no longer get security patches, and AWS later blocks creating and then updating functions that use them. The list follows AWS’s deprecation dates, so it also holds runtimes Checkov’s list has not caught up with (python3.8, nodejs18.x).',
  checkov: 'CKV_AWS_363',
  remediation: 'Move the function to a supported runtime of its language (e.g. python3.12, nodejs22.x, java21).',
  remediationSnippet: 'Runtime: python3.12',
  helpUri: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-deprecated',
  cwe: ['CWE-1104'],
  model: 'aws',
  resourceTypes: [FN],
  check: when((r) => r.attributes.Runtime !== undefined, forbid('Runtime', (v) => typeof v === 'string' && DEPRECATED_RUNTIMES.has(v))),
  examples: {
    cfn: {
      fail: [cfn(FN, fn.replace('python3.12', 'python3.8')), cfnJson(FN, { Runtime: 'nodejs16.x', Handler: 'index.handler' })],
      pass: [cfn(FN, fn)],
      unknown: [cfnParam(FN, fn.replace('python3.12', '!Ref Setting'))],
    },
    sam: { fail: [sam('Function', 'Handler: app.handler\nCodeUri: src/', 'Function:\n  Runtime: nodejs14.x')], pass: [samFn()] },
    serverless: { fail: [slsFn().replace('runtime: python3.12', 'runtime: python3.7')], pass: [slsFn()] },
  },
};

export const lambdaRules: readonly IacRule[] = [
  lambdaTracing,
  lambdaDlq,
  lambdaVpc,
  lambdaEnvironmentKms,
  lambdaReservedConcurrency,
  lambdaEnvironmentSecrets,
  lambdaUrlAuth,
  lambdaDeprecatedRuntime,
];
