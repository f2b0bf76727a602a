// The CloudFormation and SAM loader: short forms, intrinsics against parameters, mappings and
// conditions, lines, meta, SAM expansion with Globals, and bad input as warnings.
import { scanFiles } from '../../scan';
import { makeIacScanner } from '../scanner';
import type { IacResource, IacRule } from '../types';
import { isUnknown, Unknown } from '../values';
import { loadTemplate, cloudFormationLoader } from './loader';

interface Warning {
  path?: string;
  message: string;
}

function load(text: string, platform: 'cloudformation' | 'sam' = 'cloudformation') {
  const warnings: Warning[] = [];
  const resources = loadTemplate({ warn: (w) => warnings.push(w) }, 'template.yaml', text, platform);
  const byAddress = (address: string): IacResource => {
    const r = resources.find((x) => x.address === address);
    if (!r) throw new Error(`no ${address} in ${resources.map((x) => x.address).join(', ')}`);
    return r;
  };
  return { resources, warnings, byAddress };
}

const template = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
    Default: prod
  KeyArn:
    Type: String
  Subnets:
    Type: CommaDelimitedList
    Default: subnet-a, subnet-b
Mappings:
  Sizes:
    prod:
      Retention: 30
    dev:
      Retention: 1
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  ProdWithKey: !And [!Condition IsProd, !Equals [!Ref KeyArn, '']]
  ProdOrDev: !Or [!Condition IsProd, !Condition IsDev]
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Condition: IsProd
    DeletionPolicy: Retain
    DependsOn: [Key]
    Properties:
      BucketName: !Sub 'logs-\${Env}'
      Region: !Sub '\${AWS::Region}-logs'
      Literal: !Sub 'a-\${!NotAVar}'
      WithVars: !Sub
        - '\${Prefix}-\${Env}'
        - Prefix: !Select [1, !Split [',', 'a,b,c']]
      Joined: !Join ['/', [x, !Ref Env, !FindInMap [Sizes, !Ref Env, Retention]]]
      Kms: !Ref KeyArn
      Arn: !GetAtt Key.Arn
      ArnList: !GetAtt [Key, Arn]
      KeyRef: !Ref Key
      Retention: !If [IsProd, !FindInMap [Sizes, prod, Retention], 7]
      Dev: !If [IsDev, yes, no]
      Unsure: !If [ProdWithKey, a, b]
      Same: !If [ProdWithKey, same, same]
      Either: !If [ProdOrDev, known, other]
      Gone: !If [IsProd, !Ref AWS::NoValue, present]
      Tags:
        - Key: team
          Value: data
        - !If [IsProd, !Ref AWS::NoValue, {Key: env, Value: dev}]
      Subnets: !Ref Subnets
      Second: !Select [1, !Ref Subnets]
      Data: !Base64 |
        #!/bin/bash
        echo hi
      Azs: !GetAZs ''
      Imported: !ImportValue shared-vpc
  Key:
    Type: AWS::KMS::Key
    Metadata:
      checkov:
        skip:
          - id: CKV_AWS_7
            comment: rotated by hand
    Properties:
      EnableKeyRotation: false
`;

test('short forms become long forms and intrinsics are evaluated where the template knows the inputs', () => {
  const { resources, warnings, byAddress } = load(template);
  expect(warnings).toEqual([]);
  expect(resources.map((r) => r.address)).toEqual(['AWS::S3::Bucket Logs', 'AWS::KMS::Key Key']);
  const a = byAddress('AWS::S3::Bucket Logs').attributes;
  expect(a.BucketName).toBe('logs-prod');
  expect(a.Literal).toBe('a-${NotAVar}');
  expect(a.WithVars).toBe('b-prod');
  expect(a.Joined).toBe('x/prod/30');
  expect(a.Retention).toBe(30);
  expect(a.Dev).toBe('no');
  expect(a.Same).toBe('same');
  expect(a.Either).toBe('known');
  expect(a).not.toHaveProperty('Gone');
  expect(a.Tags).toEqual([{ Key: 'team', Value: 'data' }]);
  expect(a.Subnets).toEqual(['subnet-a', 'subnet-b']);
  expect(a.Second).toBe('subnet-b');
  expect(a.Data).toBe('#!/bin/bash\necho hi\n');
});

test('what only deployment knows is Unknown, with the logical ids and parameters it refers to', () => {
  const a = load(template).byAddress('AWS::S3::Bucket Logs').attributes;
  const unknownOf = (v: unknown) => {
    expect(isUnknown(v)).toBe(true);
    return v as Unknown;
  };
  expect(unknownOf(a.Kms)).toMatchObject({ expr: '!Ref KeyArn', refs: ['KeyArn'] });
  expect(unknownOf(a.Arn)).toMatchObject({ expr: '!GetAtt Key.Arn', refs: ['Key'] });
  expect(unknownOf(a.ArnList)).toMatchObject({ expr: '!GetAtt Key.Arn', refs: ['Key'] });
  expect(unknownOf(a.KeyRef)).toMatchObject({ refs: ['Key'] });
  expect(unknownOf(a.Region).expr).toContain('AWS::Region');
  expect(unknownOf(a.Unsure).refs).toEqual([]);
  expect(unknownOf(a.Azs).expr).toContain('GetAZs');
  expect(unknownOf(a.Imported).expr).toContain('ImportValue');
});

test('conditions, deletion policy, dependencies and Checkov skips in Metadata are kept', () => {
  const { byAddress } = load(template);
  expect(byAddress('AWS::S3::Bucket Logs').meta).toEqual({ condition: 'IsProd', conditionValue: true, deletionPolicy: 'Retain', dependsOn: ['Key'] });
  expect(byAddress('AWS::KMS::Key Key').skips).toEqual([{ id: 'CKV_AWS_7', reason: 'rotated by hand' }]);
});

test('every property has its line, through short forms and chosen Fn::If branches; the block ends before the next resource', () => {
  const { byAddress } = load(template);
  const logs = byAddress('AWS::S3::Bucket Logs');
  const lineOf = (text: string) => template.split('\n').findIndex((l) => l.includes(text)) + 1;
  expect(logs.line).toBe(lineOf('  Logs:'));
  expect(logs.endLine).toBe(lineOf('  Key:') - 1);
  expect(logs.lineOf('BucketName')).toEqual({ line: lineOf('BucketName:') });
  expect(logs.lineOf('Tags[0].Value')).toEqual({ line: lineOf('Value: data') });
  expect(logs.lineOf('Retention')).toEqual({ line: lineOf('Retention: !If') });
  expect(byAddress('AWS::KMS::Key Key').lineOf('EnableKeyRotation')).toEqual({ line: lineOf('EnableKeyRotation') });
});

test('JSON templates: long forms evaluated, lines of properties', () => {
  const json = JSON.stringify(
    {
      Parameters: { Name: { Type: 'String', Default: 'data' } },
      Resources: {
        Data: {
          Type: 'AWS::S3::Bucket',
          Properties: { BucketName: { 'Fn::Join': ['-', [{ Ref: 'Name' }, 'bucket']] }, Versioning: { 'Fn::If': ['Missing', 'a', 'b'] } },
        },
      },
    },
    null,
    2,
  );
  const warnings: Warning[] = [];
  const [r] = loadTemplate({ warn: (w) => warnings.push(w) }, 'template.json', json, 'cloudformation');
  expect(warnings).toEqual([]);
  expect(r.attributes.BucketName).toBe('data-bucket');
  expect(isUnknown(r.attributes.Versioning)).toBe(true);
  expect(r.lineOf('BucketName')).toEqual({ line: json.split('\n').findIndex((l) => l.includes('"BucketName"')) + 1 });
});

test('nested short forms inside long forms and lists', () => {
  const { byAddress } = load(`Parameters:
  A:
    Type: String
    Default: x
Resources:
  R:
    Type: AWS::SNS::Topic
    Properties:
      TopicName:
        Fn::Join:
          - ''
          - - !Ref A
            - !Select [0, [!Sub '\${A}y', z]]
            - !If [C, a, !Join ['', [b, !Ref A]]]
Conditions:
  C: !Equals [1, 2]
`);
  expect(byAddress('AWS::SNS::Topic R').attributes.TopicName).toBe('xxybx');
});

test('malformed templates are warnings with a line, never a crash', () => {
  expect(load('Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: [\n').warnings).toEqual([
    expect.objectContaining({ code: 'parse-error', path: 'template.yaml', message: expect.stringMatching(/^line \d+: /) }),
  ]);
  const json = load('{"Resources": {"A": {"Type": "AWS::S3::Bucket",}');
  expect(json.warnings[0]).toMatchObject({ code: 'parse-error', message: expect.stringMatching(/^line 1: /) });
  const noType = load('Resources:\n  A:\n    Properties: {}\n  B:\n    Type: AWS::SNS::Topic\n');
  expect(noType.resources.map((r) => r.address)).toEqual(['AWS::SNS::Topic B']);
  expect(noType.warnings).toEqual([expect.objectContaining({ message: 'line 2: resource A has no Type' })]);
  expect(load('Resources: [1, 2]\n').warnings).toEqual([expect.objectContaining({ message: 'line 1: Resources is not a mapping' })]);
  expect(load('- a\n- b\n').warnings).toEqual([expect.objectContaining({ message: 'line 1: a template is a YAML mapping' })]);
});

test('cyclic conditions and unknown references stay Unknown', () => {
  const { byAddress } = load(`Conditions:
  A: !Condition B
  B: !Not [!Condition A]
Resources:
  R:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !If [A, x, y]
      Other: !Ref Nowhere
      Map: !FindInMap [Missing, a, b]
`);
  const a = byAddress('AWS::SNS::Topic R').attributes;
  expect(isUnknown(a.TopicName)).toBe(true);
  expect(a.Other).toEqual(new Unknown('!Ref Nowhere', ['Nowhere']));
  expect(isUnknown(a.Map)).toBe(true);
});

test('a YAML alias bomb stops with a warning', () => {
  let text = 'Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 9; i++) text += `      a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  const { warnings } = load(text);
  expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', message: expect.stringContaining('YAML nodes') })]);
}, 180_000);

test('a 5 MB template loads every resource', () => {
  const parts = ["AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env:\n    Type: String\n    Default: prod\nResources:\n"];
  let n = 0;
  while (parts.reduce((s, p) => s + p.length, 0) < 5_000_000) {
    parts.push(`  Bucket${n}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub 'b-${n}-\${Env}'\n      Tags:\n${'        - Key: k\n          Value: v\n'.repeat(20)}`);
    n++;
  }
  const { resources, warnings } = load(parts.join(''));
  expect(warnings).toEqual([]);
  expect(resources).toHaveLength(n);
  expect(resources[n - 1].attributes.BucketName).toBe(`b-${n - 1}-prod`);
}, 180_000);

const samTemplate = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Tracing: Active
    Layers: [arn:aws:lambda:eu-west-1:111122223333:layer:common:1]
    Environment:
      Variables:
        STAGE: prod
  Api:
    TracingEnabled: true
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      Layers: [arn:aws:lambda:eu-west-1:111122223333:layer:own:1]
      Environment:
        Variables:
          TABLE: !Ref Table
      DeadLetterQueue:
        Type: SQS
        TargetArn: arn:aws:sqs:eu-west-1:111122223333:dlq
      FunctionUrlConfig:
        AuthType: NONE
      Policies:
        - AmazonS3ReadOnlyAccess
        - DynamoDBCrudPolicy:
            TableName: !Ref Table
        - Statement:
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: '*'
      Events:
        Get:
          Type: Api
          Properties:
            Path: /hello
            Method: get
  Table:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey:
        Name: pk
        Type: Number
      SSESpecification:
        SSEEnabled: true
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      AccessLogSetting:
        DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:api
  Http:
    Type: AWS::Serverless::HttpApi
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: flow.json
      Logging:
        Level: ALL
      Tracing:
        Enabled: true
      Policies:
        - LambdaInvokePolicy:
            FunctionName: !Ref HelloFunction
`;

test('SAM resources are kept with Globals merged and expanded as the transform does', () => {
  const { resources, warnings, byAddress } = load(samTemplate, 'sam');
  expect(warnings).toEqual([]);
  expect(resources.every((r) => r.platform === 'sam' && r.model === 'aws')).toBe(true);
  expect(resources.map((r) => r.address).sort()).toEqual(
    [
      'AWS::ApiGateway::Method HelloFunction GET /hello (from AWS::Serverless::Function)',
      'AWS::ApiGateway::RestApi Api (from AWS::Serverless::Api)',
      'AWS::ApiGateway::RestApi ServerlessRestApi (implicit, from the events of HelloFunction)',
      'AWS::ApiGateway::Stage ApiprodStage (from AWS::Serverless::Api)',
      'AWS::ApiGateway::Stage ServerlessRestApiProdStage (implicit, from the events of HelloFunction)',
      'AWS::ApiGatewayV2::Api Http (from AWS::Serverless::HttpApi)',
      'AWS::ApiGatewayV2::Stage HttpApiGatewayDefaultStage (from AWS::Serverless::HttpApi)',
      'AWS::DynamoDB::Table Table (from AWS::Serverless::SimpleTable)',
      'AWS::IAM::Role FlowRole (from AWS::Serverless::StateMachine)',
      'AWS::IAM::Role HelloFunctionRole (from AWS::Serverless::Function)',
      'AWS::Lambda::Function HelloFunction (from AWS::Serverless::Function)',
      'AWS::Lambda::Url HelloFunctionUrl (from AWS::Serverless::Function)',
      'AWS::Serverless::Api Api',
      'AWS::Serverless::Function HelloFunction',
      'AWS::Serverless::HttpApi Http',
      'AWS::Serverless::SimpleTable Table',
      'AWS::Serverless::StateMachine Flow',
      'AWS::StepFunctions::StateMachine Flow (from AWS::Serverless::StateMachine)',
    ].sort(),
  );
  const fn = byAddress('AWS::Lambda::Function HelloFunction (from AWS::Serverless::Function)').attributes;
  expect(fn).toMatchObject({
    Runtime: 'python3.12',
    Handler: 'app.handler',
    TracingConfig: { Mode: 'Active' },
    DeadLetterConfig: { TargetArn: 'arn:aws:sqs:eu-west-1:111122223333:dlq' },
    Layers: ['arn:aws:lambda:eu-west-1:111122223333:layer:common:1', 'arn:aws:lambda:eu-west-1:111122223333:layer:own:1'],
  });
  expect((fn.Environment as { Variables: Record<string, unknown> }).Variables.STAGE).toBe('prod');
  expect((fn.Environment as { Variables: Record<string, unknown> }).Variables.TABLE).toEqual(new Unknown('!Ref Table', ['Table']));
  expect(fn.Role).toEqual(new Unknown('!GetAtt HelloFunctionRole.Arn', ['HelloFunctionRole']));
  const role = byAddress('AWS::IAM::Role HelloFunctionRole (from AWS::Serverless::Function)').attributes;
  expect(role.ManagedPolicyArns).toEqual([
    'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
    'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  ]);
  expect(role.Policies).toEqual([{ PolicyName: 'HelloFunctionRolePolicy0', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] } }]);
  expect(byAddress('AWS::Lambda::Url HelloFunctionUrl (from AWS::Serverless::Function)').attributes.AuthType).toBe('NONE');
  expect(byAddress('AWS::ApiGateway::Method HelloFunction GET /hello (from AWS::Serverless::Function)').attributes).toEqual({ HttpMethod: 'GET', AuthorizationType: 'NONE', ApiKeyRequired: false });
  expect(byAddress('AWS::ApiGateway::Stage ServerlessRestApiProdStage (implicit, from the events of HelloFunction)').attributes).toMatchObject({ StageName: 'Prod', TracingEnabled: true });
  expect(byAddress('AWS::ApiGateway::Stage ApiprodStage (from AWS::Serverless::Api)').attributes).toMatchObject({
    StageName: 'prod',
    TracingEnabled: true,
    AccessLogSetting: { DestinationArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:api' },
  });
  expect(byAddress('AWS::ApiGatewayV2::Stage HttpApiGatewayDefaultStage (from AWS::Serverless::HttpApi)').attributes).toMatchObject({ StageName: '$default', AutoDeploy: true });
  expect(byAddress('AWS::DynamoDB::Table Table (from AWS::Serverless::SimpleTable)').attributes).toMatchObject({
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'N' }],
    BillingMode: 'PAY_PER_REQUEST',
    SSESpecification: { SSEEnabled: true },
  });
  expect(byAddress('AWS::StepFunctions::StateMachine Flow (from AWS::Serverless::StateMachine)').attributes).toMatchObject({
    LoggingConfiguration: { Level: 'ALL' },
    TracingConfiguration: { Enabled: true },
  });
});

test('SAM Api events become methods with the authorization of the event or of their API', () => {
  const { resources } = load(`Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    Auth:
      DefaultAuthorizer: AWS_IAM
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Events:
        Implicit:
          Type: Api
          Properties: {Path: /a, Method: get}
        Open:
          Type: Api
          Properties:
            Path: /b
            Method: post
            Auth:
              Authorizer: NONE
              ApiKeyRequired: true
        Cognito:
          Type: Api
          Properties: {Path: /c, Method: put, RestApiId: !Ref Users}
        Lambda:
          Type: Api
          Properties: {Path: /d, Method: delete, RestApiId: !Ref Users, Auth: {Authorizer: Token}}
        Elsewhere:
          Type: Api
          Properties: {Path: /e, Method: get, RestApiId: !Ref Plain}
  Users:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      Auth:
        DefaultAuthorizer: Pool
        Authorizers:
          Pool:
            UserPoolArn: arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_abc
          Token:
            FunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:auth
  Plain:
    Type: AWS::ApiGateway::RestApi
`, 'sam');
  const methods = resources.filter((r) => r.type === 'AWS::ApiGateway::Method').map((r) => [r.name, r.attributes.AuthorizationType, r.attributes.ApiKeyRequired]);
  expect(methods).toEqual([
    ['Fn GET /a', 'AWS_IAM', false],
    ['Fn POST /b', 'NONE', true],
    ['Fn PUT /c', 'COGNITO_USER_POOLS', false],
    ['Fn DELETE /d', 'CUSTOM', false],
    ['Fn GET /e', new Unknown('the default authorizer of !Ref Plain'), false],
  ]);
});

test('expanded resources point their lines at the SAM resource and its Globals', () => {
  const { byAddress } = load(samTemplate, 'sam');
  const lineOf = (text: string) => samTemplate.split('\n').findIndex((l) => l.includes(text)) + 1;
  const fn = byAddress('AWS::Lambda::Function HelloFunction (from AWS::Serverless::Function)');
  expect(fn.line).toBe(lineOf('  HelloFunction:'));
  expect(fn.lineOf('DeadLetterConfig.TargetArn')).toEqual({ line: lineOf('TargetArn: arn:aws:sqs') });
  expect(fn.lineOf('TracingConfig.Mode')).toEqual({ line: lineOf('Tracing: Active') });
  expect(fn.lineOf('Environment.Variables.TABLE')).toEqual({ line: lineOf('TABLE: !Ref Table') });
  const role = byAddress('AWS::IAM::Role HelloFunctionRole (from AWS::Serverless::Function)');
  expect(role.lineOf('Policies[0].PolicyDocument.Statement[0].Action')).toEqual({ line: lineOf('Action: sqs:SendMessage') });
  const flow = byAddress('AWS::StepFunctions::StateMachine Flow (from AWS::Serverless::StateMachine)');
  expect(flow.lineOf('LoggingConfiguration.Level')).toEqual({ line: lineOf('Level: ALL') });
});

const tracingRule: IacRule = {
  id: 'IAC-AWS-TEST-TRACING',
  title: 'Tracing',
  severity: 'low',
  description: 'd',
  remediation: 'r',
  checkov: 'CKV_AWS_999',
  model: 'aws',
  resourceTypes: ['AWS::Lambda::Function'],
  check: (r) => (r.attributes.TracingConfig ? { outcome: 'pass' } : { outcome: 'fail', path: 'TracingConfig.Mode' }),
  examples: {},
};

test('through the scanner: a SAM function\'s finding is at the function, and a Checkov skip in Metadata suppresses it', async () => {
  const scanner = makeIacScanner([cloudFormationLoader], [tracingRule]);
  const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
  Skipped:
    Type: AWS::Serverless::Function
    Metadata:
      checkov:
        skip:
          - id: CKV_AWS_999
            comment: traced elsewhere
    Properties:
      Handler: a.b
`;
  const r = await scanFiles([{ path: 'infra/template.yaml', content: text }], { scanners: [scanner] });
  expect(r.warnings).toEqual([]);
  expect(r.findings.map((f) => [f.location, f.suppressed])).toEqual([
    [{ kind: 'resource', path: 'infra/template.yaml', line: 3, address: 'AWS::Lambda::Function Fn (from AWS::Serverless::Function)', attribute: 'TracingConfig.Mode' }, undefined],
    [
      { kind: 'resource', path: 'infra/template.yaml', line: 8, address: 'AWS::Lambda::Function Skipped (from AWS::Serverless::Function)', attribute: 'TracingConfig.Mode' },
      { kind: 'inline', reason: 'traced elsewhere' },
    ],
  ]);
  expect(r.findings[0].details?.extra).toMatchObject({ platform: 'sam', model: 'aws', resourceType: 'AWS::Lambda::Function' });
});
