// The Serverless framework loader: variables, functions with the provider merged in, the execution
// role, API stages and methods from events, resources as CloudFormation, lines and bad input.
import type { IacResource } from '../types';
import { isUnknown, Unknown } from '../values';
import { loadServerless } from './loader';
import { VariableResolver } from './variables';

function load(text: string) {
  const warnings: { message: string }[] = [];
  const resources = loadServerless({ warn: (w) => warnings.push(w) }, 'serverless.yml', text);
  const byAddress = (address: string): IacResource => {
    const r = resources.find((x) => x.address === address);
    if (!r) throw new Error(`no ${address} in ${resources.map((x) => x.address).join(', ')}`);
    return r;
  };
  return { resources, warnings, byAddress };
}

describe('variables', () => {
  const resolve = (root: Record<string, unknown>, value: string) => new VariableResolver(root as never).resolve(value);

  test('self: references within the file are resolved, nested and typed', () => {
    const root = { service: 'shop', provider: { stage: 'prod', sizes: { prod: 512 } }, custom: { name: 'orders-${self:provider.stage}', list: [1, 2] } };
    expect(resolve(root, '${self:custom.name}')).toBe('orders-prod');
    expect(resolve(root, 'x-${self:service}-${self:provider.stage}')).toBe('x-shop-prod');
    expect(resolve(root, '${self:provider.sizes.${self:provider.stage}}')).toBe(512);
    expect(resolve(root, '${self:custom.list}')).toEqual([1, 2]);
  });

  test('opt, env, ssm, file, aws and cf are Unknown unless a fallback gives a literal or a self reference', () => {
    const root = { provider: { stage: 'dev' } };
    expect(resolve(root, '${opt:stage}')).toEqual(new Unknown('${opt:stage}'));
    expect(resolve(root, 'a-${env:HOME}')).toEqual(new Unknown('a-${env:HOME}'));
    expect(isUnknown(resolve(root, '${ssm:/app/key}'))).toBe(true);
    expect(isUnknown(resolve(root, '${file(./config.yml):key}'))).toBe(true);
    expect(isUnknown(resolve(root, '${aws:region}'))).toBe(true);
    expect(isUnknown(resolve(root, '${cf:other-stack.Output}'))).toBe(true);
    expect(resolve(root, "${opt:stage, 'qa'}")).toBe('qa');
    expect(resolve(root, '${opt:stage, self:provider.stage}')).toBe('dev');
    expect(resolve(root, '${env:SIZE, 128}')).toBe(128);
    expect(resolve(root, '${self:missing}')).toEqual(new Unknown('${self:missing}'));
  });

  test('CloudFormation ${…} text that is no variable is kept, and cycles end as Unknown', () => {
    expect(resolve({}, 'arn:${AWS::Partition}:s3:::${Bucket}')).toBe('arn:${AWS::Partition}:s3:::${Bucket}');
    const cyclic = { a: '${self:b}', b: '${self:a}' };
    expect(isUnknown(resolve(cyclic, '${self:a}'))).toBe(true);
  });
});

const file = `service: shop
custom:
  tableName: orders-\${self:provider.stage}
provider:
  name: aws
  runtime: nodejs20.x
  stage: \${opt:stage, 'prod'}
  memorySize: 512
  kmsKeyArn: \${ssm:/shop/kms}
  tracing:
    lambda: true
    apiGateway: true
  environment:
    TABLE: \${self:custom.tableName}
    REGION: \${aws:region}
  vpc:
    securityGroupIds: [sg-1]
    subnetIds: [subnet-1, subnet-2]
  logs:
    restApi:
      level: ERROR
  iam:
    role:
      statements:
        - Effect: Allow
          Action: [dynamodb:GetItem]
          Resource: '*'
      managedPolicies:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
functions:
  hello:
    handler: handler.hello
    memorySize: 1024
    environment:
      GREETING: hi
    reservedConcurrency: 5
    onError: arn:aws:sns:eu-west-1:111122223333:failed
    url:
      authorizer: aws_iam
    events:
      - http: GET /hello
      - http:
          path: orders
          method: post
          authorizer:
            name: auth
            arn: arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_abc
      - http:
          path: admin
          method: delete
          private: true
  worker:
    handler: handler.work
    runtime: python3.12
    tracing: PassThrough
    url: true
resources:
  Resources:
    Orders:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: \${self:custom.tableName}
        StreamArn: !GetAtt Other.Arn
        BillingMode: PAY_PER_REQUEST
`;

test('each function is an AWS::Lambda::Function with the provider\'s settings merged in', () => {
  const { warnings, byAddress } = load(file);
  expect(warnings).toEqual([]);
  const hello = byAddress('function hello');
  expect(hello).toMatchObject({ type: 'AWS::Lambda::Function', name: 'hello', platform: 'serverless', model: 'aws', path: 'serverless.yml' });
  expect(hello.attributes).toMatchObject({
    FunctionName: 'shop-prod-hello',
    Handler: 'handler.hello',
    Runtime: 'nodejs20.x',
    MemorySize: 1024,
    TracingConfig: { Mode: 'Active' },
    VpcConfig: { SecurityGroupIds: ['sg-1'], SubnetIds: ['subnet-1', 'subnet-2'] },
    ReservedConcurrentExecutions: 5,
    DeadLetterConfig: { TargetArn: 'arn:aws:sns:eu-west-1:111122223333:failed' },
  });
  expect(hello.attributes.Environment).toEqual({ Variables: { TABLE: 'orders-prod', REGION: new Unknown('${aws:region}'), GREETING: 'hi' } });
  expect(hello.attributes.KmsKeyArn).toEqual(new Unknown('${ssm:/shop/kms}'));
  expect(hello.attributes.Role).toEqual(new Unknown('!GetAtt IamRoleLambdaExecution.Arn', ['IamRoleLambdaExecution']));
  const worker = byAddress('function worker');
  expect(worker.attributes).toMatchObject({ Runtime: 'python3.12', MemorySize: 512, TracingConfig: { Mode: 'PassThrough' } });
});

test('lines point at the function\'s own setting, else the provider\'s', () => {
  const { byAddress } = load(file);
  const lineOf = (text: string) => file.split('\n').findIndex((l) => l.includes(text)) + 1;
  const hello = byAddress('function hello');
  expect(hello.line).toBe(lineOf('  hello:'));
  expect(hello.endLine).toBe(lineOf('  worker:') - 1);
  expect(hello.lineOf('MemorySize')).toEqual({ line: lineOf('memorySize: 1024') });
  expect(hello.lineOf('Runtime')).toEqual({ line: lineOf('runtime: nodejs20.x') });
  expect(hello.lineOf('Environment.Variables.TABLE')).toEqual({ line: lineOf('TABLE: ') });
  expect(hello.lineOf('Environment.Variables.GREETING')).toEqual({ line: lineOf('GREETING: hi') });
  expect(hello.lineOf('TracingConfig')).toEqual({ line: lineOf('lambda: true') });
  expect(byAddress('provider.iam.role').lineOf('Policies[0].PolicyDocument.Statement[0].Action')).toEqual({ line: lineOf('Action: [dynamodb:GetItem]') });
  expect(byAddress('function worker url').lineOf('AuthType')).toEqual({ line: lineOf('url: true') });
  expect(byAddress('function hello url').lineOf('AuthType')).toEqual({ line: lineOf('authorizer: aws_iam') });
  expect(byAddress('function hello http GET /hello').lineOf('AuthorizationType')).toEqual({ line: lineOf('- http: GET /hello') });
});

test('the execution role, function URLs, REST methods and the stage come from provider and events', () => {
  const { byAddress, resources } = load(file);
  expect(byAddress('provider.iam.role').attributes).toMatchObject({
    Policies: [{ PolicyName: 'lambda', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: '*' }] } }],
    ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  });
  expect(byAddress('function hello url').attributes.AuthType).toBe('AWS_IAM');
  expect(byAddress('function worker url').attributes.AuthType).toBe('NONE');
  const methods = resources.filter((r) => r.type === 'AWS::ApiGateway::Method').map((r) => [r.address, r.attributes.AuthorizationType, r.attributes.ApiKeyRequired]);
  expect(methods).toEqual([
    ['function hello http GET /hello', 'NONE', false],
    ['function hello http POST /orders', 'COGNITO_USER_POOLS', false],
    ['function hello http DELETE /admin', 'NONE', true],
  ]);
  const stage = byAddress('provider REST API stage prod');
  expect(stage.attributes).toMatchObject({ StageName: 'prod', TracingEnabled: true, MethodSettings: [{ LoggingLevel: 'ERROR' }] });
  expect(isUnknown((stage.attributes.AccessLogSetting as { DestinationArn: unknown }).DestinationArn)).toBe(true);
});

test('resources.Resources is read as CloudFormation, variables and intrinsics both resolved', () => {
  const { byAddress } = load(file);
  const table = byAddress('AWS::DynamoDB::Table Orders');
  expect(table.attributes.TableName).toBe('orders-prod');
  expect(table.attributes.StreamArn).toEqual(new Unknown('!GetAtt Other.Arn', ['Other']));
  expect(table.lineOf('BillingMode')).toEqual({ line: file.split('\n').findIndex((l) => l.includes('BillingMode')) + 1 });
});

test('a custom role means no generated role; v2 iamRoleStatements are read too', () => {
  const custom = load('service: s\nprovider:\n  name: aws\n  iam:\n    role: arn:aws:iam::111122223333:role/app\nfunctions:\n  f:\n    handler: h.f\n');
  expect(custom.resources.map((r) => r.address)).toEqual(['function f']);
  expect(custom.byAddress('function f').attributes.Role).toBe('arn:aws:iam::111122223333:role/app');
  const v2 = load("service: s\nprovider:\n  name: aws\n  iamRoleStatements:\n    - Effect: Allow\n      Action: '*'\n      Resource: '*'\nfunctions:\n  f:\n    handler: h.f\n");
  expect(v2.byAddress('provider.iam.role').attributes.Policies).toEqual([{ PolicyName: 'lambda', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }]);
});

test('an environment read from another file is Unknown as a whole', () => {
  const { byAddress } = load("service: s\nprovider:\n  name: aws\n  environment: ${file(./env.yml)}\nfunctions:\n  f:\n    handler: h.f\n    environment:\n      A: b\n");
  expect(byAddress('function f').attributes.Environment).toEqual({ Variables: new Unknown('${file(./env.yml)}') });
});

test('malformed serverless.yml is a warning with a line', () => {
  const { resources, warnings } = load('service: s\nprovider:\n  name: aws\nfunctions:\n  f: [\n');
  expect(resources).toEqual([]);
  expect(warnings).toEqual([expect.objectContaining({ message: expect.stringMatching(/^line \d+: /) })]);
});
