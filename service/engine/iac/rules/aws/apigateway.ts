// API Gateway REST API stages and methods, HTTP API stages (CloudFormation, SAM's Api / HttpApi and
// implicit APIs, serverless.yml http / httpApi events).
import { expect, fail, pass, unknown, when } from '../../helpers';
import type { IacResource, IacRule, Verdict } from '../../types';
import { isObject, isUnknown } from '../../values';
import { cfn, cfnJson, cfnParam, sam, serverless } from './templates';

const STAGE = 'AWS::ApiGateway::Stage';
const METHOD = 'AWS::ApiGateway::Method';
const V2_STAGE = 'AWS::ApiGatewayV2::Stage';
const stage = 'RestApiId: !Ref Api\nDeploymentId: !Ref Deployment\nStageName: prod';
const samApi = (extra = '') => sam('Api', `StageName: prod${extra ? `\n${extra}` : ''}`);
const slsHttp = (provider = '') => serverless(`runtime: nodejs20.x${provider ? `\n${provider}` : ''}`, 'hello:\n  handler: h.hello\n  events:\n    - http:\n        path: hello\n        method: get');
const accessLog = 'AccessLogSetting:\n  DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:api-access\n  Format: $context.requestId';

/** A log destination is configured: its ARN may be unknown (a log group of the stack), its presence is what counts. */
function destinationSet(path: string) {
  return (r: IacResource): Verdict => {
    const [head, leaf] = [path.slice(0, path.lastIndexOf('.')), path.slice(path.lastIndexOf('.') + 1)];
    const settings = r.attributes[head];
    if (settings === undefined) return fail(path);
    if (isUnknown(settings)) return unknown(head, settings);
    if (!isObject(settings) || settings[leaf] === undefined || settings[leaf] === '' || settings[leaf] === null) return fail(path);
    return pass(path, isUnknown(settings[leaf]) ? undefined : settings[leaf]);
  };
}

export const apiStageAccessLogs: IacRule = {
  id: 'IAC-AWS-APIGATEWAY-STAGE-ACCESS-LOGS',
  title: 'API Gateway stage has no access logging',
  severity: 'medium',
  description: 'Without access logs there is no record of who called the API, from where and with what result: abuse and data scraping go unseen.',
  remediation: 'Set AccessLogSetting with a DestinationArn (a CloudWatch log group or Firehose) and a Format (SAM: AccessLogSetting on the Api or Globals.Api; Serverless: provider.logs.restApi).',
  remediationSnippet: 'AccessLogSetting:\n  DestinationArn: !GetAtt ApiAccessLogs.Arn\n  Format: \'{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}\'',
  helpUri: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
  checkov: 'CKV_AWS_76',
  cwe: ['CWE-778'],
  model: 'aws',
  resourceTypes: [STAGE],
  check: destinationSet('AccessLogSetting.DestinationArn'),
  examples: {
    cfn: {
      fail: [cfn(STAGE, stage), cfnJson(STAGE, { RestApiId: 'abc', StageName: 'prod', AccessLogSetting: { Format: '$context.requestId' } })],
      pass: [cfn(STAGE, `${stage}\n${accessLog}`), cfn(STAGE, `${stage}\nAccessLogSetting:\n  DestinationArn: !GetAtt AccessLogs.Arn`)],
      unknown: [cfnParam(STAGE, `${stage}\nAccessLogSetting: !If [Logged, {DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:a}, !Ref AWS::NoValue]`).replace('Resources:', 'Conditions:\n  Logged: !Equals [!Ref Setting, "yes"]\nResources:')],
    },
    sam: {
      fail: [samApi(), sam('Function', 'Handler: app.handler\nRuntime: python3.12\nCodeUri: src/\nEvents:\n  Get:\n    Type: Api\n    Properties:\n      Path: /\n      Method: get')],
      pass: [samApi(accessLog)],
    },
    serverless: { fail: [slsHttp()], pass: [slsHttp('logs:\n  restApi: true')] },
  },
};

export const apiStageTracing: IacRule = {
  id: 'IAC-AWS-APIGATEWAY-STAGE-TRACING',
  title: 'API Gateway stage has no X-Ray tracing',
  severity: 'low',
  description: 'Without tracing, requests cannot be followed from the API into the services behind it, which slows down the analysis of errors and attacks.',
  remediation: 'Set TracingEnabled: true (SAM: TracingEnabled on the Api; Serverless: provider.tracing.apiGateway: true).',
  remediationSnippet: 'TracingEnabled: true',
  helpUri: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html',
  checkov: 'CKV_AWS_73',
  cwe: ['CWE-778'],
  model: 'aws',
  resourceTypes: [STAGE],
  check: expect('TracingEnabled', true),
  examples: {
    cfn: {
      fail: [cfn(STAGE, stage), cfnJson(STAGE, { RestApiId: 'abc', StageName: 'prod', TracingEnabled: false })],
      pass: [cfn(STAGE, `${stage}\nTracingEnabled: true`)],
      unknown: [cfnParam(STAGE, `${stage}\nTracingEnabled: !Ref Setting`)],
    },
    sam: { fail: [samApi()], pass: [samApi('TracingEnabled: true')] },
    serverless: { fail: [slsHttp()], pass: [slsHttp('tracing:\n  apiGateway: true')] },
  },
};

export const apiStageExecutionLogging: IacRule = {
  id: 'IAC-AWS-APIGATEWAY-STAGE-EXECUTION-LOGGING',
  title: 'API Gateway stage has no execution logging',
  severity: 'low',
  description: 'Execution logs (LoggingLevel ERROR or INFO) record authorizer and integration failures that access logs do not show.',
  remediation: 'Add a MethodSettings entry for HttpMethod "*" and ResourcePath "/*" with LoggingLevel ERROR or INFO (Serverless: provider.logs.restApi).',
  remediationSnippet: "MethodSettings:\n  - HttpMethod: '*'\n    ResourcePath: /*\n    LoggingLevel: ERROR",
  helpUri: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
  cwe: ['CWE-778'],
  model: 'aws',
  resourceTypes: [STAGE],
  check: (r) => {
    const settings = r.attributes.MethodSettings;
    if (isUnknown(settings)) return unknown('MethodSettings', settings);
    const list = Array.isArray(settings) ? settings : [];
    let unsure: Verdict | undefined;
    for (const [i, s] of list.entries()) {
      if (!isObject(s)) continue;
      if (isUnknown(s.LoggingLevel)) unsure ??= unknown(`MethodSettings[${i}].LoggingLevel`, s.LoggingLevel);
      else if (s.LoggingLevel === 'ERROR' || s.LoggingLevel === 'INFO') return pass(`MethodSettings[${i}].LoggingLevel`, s.LoggingLevel);
    }
    return unsure ?? fail('MethodSettings');
  },
  examples: {
    cfn: {
      fail: [cfn(STAGE, stage), cfn(STAGE, `${stage}\nMethodSettings:\n  - HttpMethod: '*'\n    ResourcePath: /*\n    LoggingLevel: 'OFF'`)],
      pass: [cfn(STAGE, `${stage}\nMethodSettings:\n  - HttpMethod: '*'\n    ResourcePath: /*\n    LoggingLevel: ERROR`)],
      unknown: [cfnParam(STAGE, `${stage}\nMethodSettings:\n  - HttpMethod: '*'\n    ResourcePath: /*\n    LoggingLevel: !Ref Setting`)],
    },
    sam: { fail: [samApi()], pass: [samApi("MethodSettings:\n  - HttpMethod: '*'\n    ResourcePath: /*\n    LoggingLevel: INFO")] },
    serverless: { fail: [slsHttp()], pass: [slsHttp('logs:\n  restApi:\n    level: ERROR')] },
  },
};

export const apiCacheEncrypted: IacRule = {
  id: 'IAC-AWS-APIGATEWAY-CACHE-ENCRYPTED',
  title: 'API Gateway cache is not encrypted',
  severity: 'medium',
  description: 'Responses cached by a stage (which may hold personal data or tokens) are stored unencrypted unless CacheDataEncrypted is set for the cached methods.',
  remediation: 'Set CacheDataEncrypted: true on every MethodSettings entry with CachingEnabled: true.',
  remediationSnippet: "MethodSettings:\n  - HttpMethod: '*'\n    ResourcePath: /*\n    CachingEnabled: true\n    CacheDataEncrypted: true",
  helpUri: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html',
  cwe: ['CWE-311'],
  model: 'aws',
  resourceTypes: [STAGE],
  check: when(
    (r) => (isUnknown(r.attributes.CacheClusterEnabled) ? 'unknown' : r.attributes.CacheClusterEnabled === true || r.attributes.CacheClusterEnabled === 'true'),
    (r) => {
      const settings = r.attributes.MethodSettings;
      if (isUnknown(settings)) return unknown('MethodSettings', settings);
      const fails: Verdict[] = [];
      let unsure: Verdict | undefined;
      (Array.isArray(settings) ? settings : []).forEach((s, i) => {
        if (!isObject(s) || (s.CachingEnabled !== true && s.CachingEnabled !== 'true')) return;
        if (isUnknown(s.CacheDataEncrypted)) unsure ??= unknown(`MethodSettings[${i}].CacheDataEncrypted`, s.CacheDataEncrypted);
        else if (s.CacheDataEncrypted !== true && s.CacheDataEncrypted !== 'true') fails.push(fail(`MethodSettings[${i}].CacheDataEncrypted`, s.CacheDataEncrypted));
      });
      return fails.length ? fails : unsure ?? pass('MethodSettings');
    },
  ),
  examples: {
    cfn: {
      fail: [cfn(STAGE, `${stage}\nCacheClusterEnabled: true\nCacheClusterSize: '0.5'\nMethodSettings:\n  - HttpMethod: '*'\n    ResourcePath: /*\n    CachingEnabled: true`)],
      pass: [cfn(STAGE, `${stage}\nCacheClusterEnabled: true\nCacheClusterSize: '0.5'\nMethodSettings:\n  - HttpMethod: '*'\n    ResourcePath: /*\n    CachingEnabled: true\n    CacheDataEncrypted: true`)],
      unknown: [cfnParam(STAGE, `${stage}\nCacheClusterEnabled: true\nMethodSettings:\n  - HttpMethod: '*'\n    ResourcePath: /*\n    CachingEnabled: true\n    CacheDataEncrypted: !Ref Setting`)],
    },
    sam: {
      fail: [samApi("CacheClusterEnabled: true\nCacheClusterSize: '0.5'\nMethodSettings:\n  - HttpMethod: '*'\n    ResourcePath: /*\n    CachingEnabled: true")],
      pass: [samApi("CacheClusterEnabled: true\nCacheClusterSize: '0.5'\nMethodSettings:\n  - HttpMethod: '*'\n    ResourcePath: /*\n    CachingEnabled: true\n    CacheDataEncrypted: true")],
    },
  },
};

const samGet = (auth: string, globals = '') =>
  sam('Function', `Handler: app.handler\nRuntime: python3.12\nCodeUri: src/\nEvents:\n  Get:\n    Type: Api\n    Properties:\n      Path: /orders\n      Method: get${auth}`, globals);
const method = 'RestApiId: !Ref Api\nResourceId: !GetAtt Api.RootResourceId\nHttpMethod: GET\nIntegration:\n  Type: MOCK';

export const apiMethodAuthorization: IacRule = {
  id: 'IAC-AWS-APIGATEWAY-METHOD-NO-AUTH',
  title: 'API Gateway method needs no authorization',
  severity: 'high',
  description:
    'A method with AuthorizationType NONE and no API key lets anyone on the internet call the backend behind it. A method that leaves AuthorizationType out gets NONE and fails too (Checkov passes it); OPTIONS (CORS preflight) methods pass.',
  remediation: 'Set AuthorizationType to AWS_IAM, COGNITO_USER_POOLS or CUSTOM with an AuthorizerId (Serverless: an authorizer on the http event), or require an API key for machine clients.',
  remediationSnippet: 'AuthorizationType: COGNITO_USER_POOLS\nAuthorizerId: !Ref UserPoolAuthorizer',
  helpUri: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html',
  checkov: 'CKV_AWS_59',
  cwe: ['CWE-306'],
  model: 'aws',
  resourceTypes: [METHOD],
  check: (r) => {
    const a = r.attributes;
    if (isUnknown(a.HttpMethod)) return unknown('HttpMethod', a.HttpMethod);
    if (typeof a.HttpMethod === 'string' && a.HttpMethod.toUpperCase() === 'OPTIONS') return pass('HttpMethod', a.HttpMethod);
    if (a.ApiKeyRequired === true || a.ApiKeyRequired === 'true') return pass('ApiKeyRequired', true);
    if (isUnknown(a.AuthorizationType)) return unknown('AuthorizationType', a.AuthorizationType);
    if (a.AuthorizationType === undefined || a.AuthorizationType === 'NONE') return fail('AuthorizationType', a.AuthorizationType);
    return pass('AuthorizationType', a.AuthorizationType);
  },
  examples: {
    cfn: {
      fail: [cfn(METHOD, `${method}\nAuthorizationType: NONE`), cfnJson(METHOD, { RestApiId: 'abc', ResourceId: 'def', HttpMethod: 'POST', AuthorizationType: 'NONE' })],
      pass: [cfn(METHOD, `${method}\nAuthorizationType: AWS_IAM`), cfn(METHOD, `${method}\nAuthorizationType: NONE\nApiKeyRequired: true`), cfn(METHOD, `${method.replace('GET', 'OPTIONS')}\nAuthorizationType: NONE`)],
      unknown: [cfnParam(METHOD, `${method}\nAuthorizationType: !Ref Setting`)],
    },
    sam: {
      fail: [samGet('')],
      pass: [samGet('\n      Auth:\n        Authorizer: AWS_IAM'), samGet('', 'Api:\n  Auth:\n    DefaultAuthorizer: Users\n    Authorizers:\n      Users:\n        UserPoolArn: arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_abc')],
    },
    serverless: {
      fail: [slsHttp()],
      pass: [serverless('runtime: nodejs20.x', 'hello:\n  handler: h.hello\n  events:\n    - http:\n        path: hello\n        method: get\n        authorizer: aws_iam')],
    },
  },
};

const v2Stage = "ApiId: !Ref HttpApi\nStageName: $default\nAutoDeploy: true";

export const apiV2AccessLogs: IacRule = {
  id: 'IAC-AWS-APIGATEWAYV2-STAGE-ACCESS-LOGS',
  title: 'API Gateway HTTP/WebSocket API stage has no access logging',
  severity: 'medium',
  description: 'Without access logs there is no record of who called the API, from where and with what result.',
  remediation: 'Set AccessLogSettings with a DestinationArn and a Format (SAM: AccessLogSettings on the HttpApi; Serverless: provider.logs.httpApi).',
  remediationSnippet: "AccessLogSettings:\n  DestinationArn: !GetAtt HttpApiLogs.Arn\n  Format: '{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\"}'",
  helpUri: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html',
  checkov: 'CKV_AWS_95',
  cwe: ['CWE-778'],
  model: 'aws',
  resourceTypes: [V2_STAGE],
  check: destinationSet('AccessLogSettings.DestinationArn'),
  examples: {
    cfn: {
      fail: [cfn(V2_STAGE, v2Stage)],
      pass: [cfn(V2_STAGE, `${v2Stage}\nAccessLogSettings:\n  DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:http\n  Format: $context.requestId`)],
      unknown: [cfnParam(V2_STAGE, `${v2Stage}\nAccessLogSettings: !If [Logged, {DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:a}, !Ref AWS::NoValue]`).replace('Resources:', 'Conditions:\n  Logged: !Equals [!Ref Setting, "yes"]\nResources:')],
    },
    sam: {
      fail: [sam('HttpApi', 'Description: orders')],
      pass: [sam('HttpApi', 'AccessLogSettings:\n  DestinationArn: arn:aws:logs:eu-west-1:111122223333:log-group:http\n  Format: $context.requestId')],
    },
    serverless: {
      fail: [serverless('runtime: nodejs20.x', 'hello:\n  handler: h.hello\n  events:\n    - httpApi: GET /hello')],
      pass: [serverless('runtime: nodejs20.x\nlogs:\n  httpApi: true', 'hello:\n  handler: h.hello\n  events:\n    - httpApi: GET /hello')],
    },
  },
};

const WAF_ASSOCIATIONS = ['AWS::WAFv2::WebACLAssociation', 'AWS::WAFRegional::WebACLAssociation'];
const association = "StageAcl:\n  Type: AWS::WAFv2::WebACLAssociation\n  Properties:\n    WebACLArn: arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api/abc\n    ResourceArn: !Sub 'arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/prod'";

export const apiStageWaf: IacRule = {
  id: 'IAC-AWS-APIGATEWAY-STAGE-WAF',
  title: 'API Gateway stage has no WAF web ACL',
  severity: 'low',
  description: 'Without a web ACL, injection attempts, bad bots and request floods reach the API and its backends unfiltered.',
  remediation: 'Associate a regional WAFv2 web ACL with the stage (AWS::WAFv2::WebACLAssociation with the stage ARN as ResourceArn).',
  remediationSnippet: association,
  helpUri: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html',
  model: 'aws',
  resourceTypes: [STAGE],
  check: (r, ctx) => {
    const api = r.attributes.RestApiId;
    const names = new Set([r.name, ...(isUnknown(api) ? api.refs : [])]);
    let unsure = false;
    for (const type of WAF_ASSOCIATIONS) {
      for (const a of ctx.ofType(type)) {
        const target = a.attributes.ResourceArn;
        if (!isUnknown(target)) continue;
        if (target.refs.some((ref) => names.has(ref))) return pass();
        if (!target.refs.some((ref) => ctx.resources.some((x) => x.name === ref))) unsure = true;
      }
    }
    if (unsure) return unknown(undefined, undefined, 'a web ACL association in the template names a resource that is not known before deployment');
    return fail(undefined, undefined, `API Gateway stage has no WAF web ACL: no web ACL association in the template names ${r.address}`);
  },
  examples: {
    cfn: {
      fail: [cfn(STAGE, 'RestApiId: !Ref Api\nDeploymentId: !Ref Deployment\nStageName: prod', { more: 'Api:\n  Type: AWS::ApiGateway::RestApi\n  Properties:\n    Name: orders' })],
      pass: [cfn(STAGE, 'RestApiId: !Ref Api\nDeploymentId: !Ref Deployment\nStageName: prod', { more: `Api:\n  Type: AWS::ApiGateway::RestApi\n  Properties:\n    Name: orders\n${association}` })],
      unknown: [cfn(STAGE, 'RestApiId: !Ref Api\nStageName: prod', { parameters: 'StageArn:\n  Type: String', more: 'Acl:\n  Type: AWS::WAFv2::WebACLAssociation\n  Properties:\n    WebACLArn: arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api/abc\n    ResourceArn: !Ref StageArn' })],
    },
    sam: {
      fail: [samApi()],
      pass: [`${samApi()}  ApiAcl:\n    Type: AWS::WAFv2::WebACLAssociation\n    Properties:\n      WebACLArn: arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api/abc\n      ResourceArn: !Sub 'arn:aws:apigateway:\${AWS::Region}::/restapis/\${Example}/stages/prod'\n`],
    },
  },
};

export const apiGatewayRules: readonly IacRule[] = [apiStageAccessLogs, apiStageTracing, apiStageExecutionLogging, apiCacheEncrypted, apiMethodAuthorization, apiV2AccessLogs, apiStageWaf];
