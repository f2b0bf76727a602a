// API Gateway REST and HTTP/WebSocket APIs.
import { expect } from '../../helpers';
import type { IacRule, Verdict } from '../../types';
import { isUnknown, lookup } from '../../values';
import { attrRule, linkedTo, plan, plan1, rule, setRule, tf, tfVar } from './common';

const STAGE = 'aws_api_gateway_stage';
const STAGE_V2 = 'aws_apigatewayv2_stage';
const METHOD = 'aws_api_gateway_method';
const SETTINGS = 'aws_api_gateway_method_settings';
const WAF_ASSOCIATION = 'aws_wafv2_web_acl_association';

const stageContext = 'rest_api_id   = aws_api_gateway_rest_api.api.id\ndeployment_id = aws_api_gateway_deployment.api.id\nstage_name    = "prod"';
const stageValues = { stage_name: 'prod' };

export const apiAccessLogs = setRule({
  id: 'IAC-TF-AWS-APIGW-ACCESS-LOGS',
  title: 'API Gateway stage has no access logging',
  severity: 'medium',
  description: 'Access logs record who called which route, from where and with what result; without them abuse of the API cannot be detected or investigated.',
  remediation: 'Add access_log_settings { destination_arn = <log group ARN> format = ... } to the stage.',
  checkov: 'CKV_AWS_76',
  cwe: ['CWE-778'],
  types: [STAGE, STAGE_V2],
  paths: ['access_log_settings.destination_arn'],
  value: 'aws_cloudwatch_log_group.api.arn',
  planValue: 'arn:aws:logs:eu-west-1:111122223333:log-group:api',
  context: stageContext,
  contextValues: stageValues,
  extra: { fail: [tf(STAGE_V2, 'api_id = aws_apigatewayv2_api.http.id\nname   = "$default"')] },
});

export const apiXray = attrRule({
  id: 'IAC-TF-AWS-APIGW-XRAY-TRACING',
  title: 'API Gateway stage does not enable X-Ray tracing',
  severity: 'low',
  description: 'Without tracing, requests cannot be followed from the API into the services behind it when investigating errors or abuse.',
  remediation: 'Set xray_tracing_enabled = true on the stage.',
  checkov: 'CKV_AWS_73',
  types: [STAGE],
  path: 'xray_tracing_enabled',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: stageContext,
  contextValues: stageValues,
  plan: true,
});

export const apiCacheEncryption = rule({
  id: 'IAC-TF-AWS-APIGW-CACHE-ENCRYPTED',
  title: 'API Gateway response cache is not encrypted',
  severity: 'medium',
  description: 'Cached responses can hold personal data and tokens; with caching on and cache_data_encrypted off they are stored unencrypted.',
  remediation: 'Set settings { cache_data_encrypted = true } wherever caching_enabled = true.',
  remediationSnippet: tf(SETTINGS, 'settings {\n  caching_enabled      = true\n  cache_data_encrypted = true\n}').trimEnd(),
  checkov: 'CKV_AWS_308',
  cwe: ['CWE-311'],
  resourceTypes: [SETTINGS],
  check: (r, ctx) => {
    const caching = lookup(r.attributes, 'settings.caching_enabled');
    if (caching.some((f) => isUnknown(f.value))) return { outcome: 'unknown', path: 'settings.caching_enabled' };
    if (!caching.some((f) => f.value === true)) return { outcome: 'not-applicable' };
    return expect('settings.cache_data_encrypted', true)(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(SETTINGS, 'rest_api_id = aws_api_gateway_rest_api.api.id\nstage_name  = "prod"\nmethod_path = "*/*"\nsettings {\n  caching_enabled = true\n}')],
      pass: [tf(SETTINGS, 'rest_api_id = aws_api_gateway_rest_api.api.id\nstage_name  = "prod"\nmethod_path = "*/*"\nsettings {\n  caching_enabled      = true\n  cache_data_encrypted = true\n}')],
      unknown: [tfVar('encrypt', SETTINGS, 'rest_api_id = aws_api_gateway_rest_api.api.id\nstage_name  = "prod"\nmethod_path = "*/*"\nsettings {\n  caching_enabled      = true\n  cache_data_encrypted = var.encrypt\n}')],
    },
    tfplan: {
      fail: [plan1(SETTINGS, { stage_name: 'prod', method_path: '*/*', settings: [{ caching_enabled: true, cache_data_encrypted: false }] })],
      pass: [plan1(SETTINGS, { stage_name: 'prod', method_path: '*/*', settings: [{ caching_enabled: true, cache_data_encrypted: true }] })],
    },
  },
});

export const apiMethodAuth = rule({
  id: 'IAC-TF-AWS-APIGW-METHOD-NO-AUTH',
  title: 'API Gateway method requires no authorization',
  severity: 'medium',
  confidence: 'medium',
  description:
    'A method with authorization = "NONE" and no API key is callable by anyone on the internet; unless the API is deliberately public, the backend is exposed without authentication. Unlike Checkov\'s CKV_AWS_59, api_key_required = true passes (as in its CKV2_AWS_70).',
  remediation: 'Set authorization to AWS_IAM, COGNITO_USER_POOLS or CUSTOM (with authorizer_id), or require an API key.',
  remediationSnippet: tf(METHOD, 'http_method   = "GET"\nauthorization = "AWS_IAM"').trimEnd(),
  checkov: 'CKV_AWS_59',
  cwe: ['CWE-306'],
  resourceTypes: [METHOD],
  check: (r): Verdict => {
    const { authorization: auth, http_method: method, api_key_required: key } = r.attributes;
    if (method === 'OPTIONS') return { outcome: 'not-applicable' };
    if (isUnknown(auth)) return { outcome: 'unknown', path: 'authorization', value: auth };
    if (auth !== 'NONE') return { outcome: 'pass', path: 'authorization', value: auth ?? null };
    if (isUnknown(key)) return { outcome: 'unknown', path: 'api_key_required', value: key };
    if (key === true) return { outcome: 'pass', path: 'api_key_required', value: key };
    return { outcome: 'fail', path: 'authorization', value: auth };
  },
  examples: {
    hcl: {
      fail: [tf(METHOD, 'rest_api_id   = aws_api_gateway_rest_api.api.id\nresource_id   = aws_api_gateway_resource.orders.id\nhttp_method   = "POST"\nauthorization = "NONE"')],
      pass: [
        tf(METHOD, 'rest_api_id   = aws_api_gateway_rest_api.api.id\nresource_id   = aws_api_gateway_resource.orders.id\nhttp_method   = "POST"\nauthorization = "AWS_IAM"'),
        tf(METHOD, 'rest_api_id      = aws_api_gateway_rest_api.api.id\nresource_id      = aws_api_gateway_resource.orders.id\nhttp_method      = "GET"\nauthorization    = "NONE"\napi_key_required = true'),
      ],
      unknown: [tfVar('auth', METHOD, 'rest_api_id   = aws_api_gateway_rest_api.api.id\nresource_id   = aws_api_gateway_resource.orders.id\nhttp_method   = "POST"\nauthorization = var.auth')],
    },
    tfplan: {
      fail: [plan1(METHOD, { http_method: 'POST', authorization: 'NONE', api_key_required: false })],
      pass: [plan1(METHOD, { http_method: 'POST', authorization: 'COGNITO_USER_POOLS', api_key_required: false })],
    },
  },
});

export const apiClientCert = setRule({
  id: 'IAC-TF-AWS-APIGW-CLIENT-CERTIFICATE',
  title: 'API Gateway stage does not present a client certificate to the backend',
  severity: 'low',
  confidence: 'medium',
  description: 'With a client certificate the backend can verify that requests come from API Gateway, not from someone who found the backend endpoint directly.',
  remediation: 'Set client_certificate_id to an aws_api_gateway_client_certificate and verify it in the backend.',
  checkov: 'CKV2_AWS_51',
  types: [STAGE],
  paths: ['client_certificate_id'],
  value: 'aws_api_gateway_client_certificate.backend.id',
  planValue: 'abc123',
  context: stageContext,
  contextValues: stageValues,
});

export const apiWaf = rule({
  id: 'IAC-TF-AWS-APIGW-WAF',
  title: 'API Gateway stage is not protected by a WAF web ACL',
  severity: 'medium',
  confidence: 'medium',
  description: 'Without a web ACL the API receives injection attempts, scrapers and request floods unfiltered; AWS WAF managed rules block the common ones before they reach the backend.',
  remediation: 'Associate an aws_wafv2_web_acl with the stage (aws_wafv2_web_acl_association with resource_arn = the stage ARN).',
  remediationSnippet: tf(WAF_ASSOCIATION, 'resource_arn = aws_api_gateway_stage.prod.arn\nweb_acl_arn  = aws_wafv2_web_acl.api.arn').trimEnd(),
  checkov: 'CKV2_AWS_29',
  cwe: ['CWE-693'],
  resourceTypes: [STAGE],
  check: (r, ctx) => {
    const web = r.attributes.web_acl_arn;
    if (web !== undefined && web !== null && web !== '') return { outcome: 'pass', path: 'web_acl_arn' };
    if (linkedTo(ctx, r, [WAF_ASSOCIATION], ['resource_arn'], ['arn']).length) return { outcome: 'pass', path: 'arn' };
    return { outcome: 'fail', path: 'stage_name', message: `${r.address} has no aws_wafv2_web_acl_association` };
  },
  examples: {
    hcl: {
      fail: [tf(STAGE, stageContext, 'prod')],
      pass: [`${tf(STAGE, stageContext, 'prod')}\n${tf(WAF_ASSOCIATION, 'resource_arn = aws_api_gateway_stage.prod.arn\nweb_acl_arn  = aws_wafv2_web_acl.api.arn')}`],
    },
    tfplan: {
      fail: [plan({ type: STAGE, name: 'prod', values: { ...stageValues, arn: 'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages/prod' } })],
      pass: [
        plan(
          { type: STAGE, name: 'prod', values: { ...stageValues, arn: 'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages/prod' } },
          { type: WAF_ASSOCIATION, values: { resource_arn: 'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages/prod', web_acl_arn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api/1' } },
        ),
      ],
    },
  },
});

export const apiGatewayRules: readonly IacRule[] = [apiAccessLogs, apiXray, apiCacheEncryption, apiMethodAuth, apiClientCert, apiWaf];
