// CloudFront distributions.
import { expect, forbid } from '../../helpers';
import type { IacRule, Verdict } from '../../types';
import { lookup } from '../../values';
import { plan1, rule, setRule, tf, tfVar } from './common';

const CF = 'aws_cloudfront_distribution';

const behavior = (policy: string) =>
  `default_cache_behavior {\n  target_origin_id       = "web"\n  allowed_methods        = ["GET", "HEAD"]\n  cached_methods         = ["GET", "HEAD"]\n  viewer_protocol_policy = ${policy}\n}`;
const cert = (version: string) => `viewer_certificate {\n  acm_certificate_arn      = aws_acm_certificate.web.arn\n  ssl_support_method       = "sni-only"\n  minimum_protocol_version = ${version}\n}`;
const cfBase = 'enabled = true';
const cfValues = { enabled: true };

export const cfViewerHttps = rule({
  id: 'IAC-TF-AWS-CLOUDFRONT-VIEWER-HTTPS',
  title: 'CloudFront distribution serves viewers over plain HTTP',
  severity: 'medium',
  description: 'With viewer_protocol_policy = "allow-all", viewers can fetch content and send cookies over HTTP, open to interception and tampering.',
  remediation: 'Set viewer_protocol_policy = "redirect-to-https" or "https-only" in the default and every ordered cache behavior.',
  remediationSnippet: tf(CF, behavior('"redirect-to-https"')).trimEnd(),
  checkov: 'CKV_AWS_34',
  cwe: ['CWE-319'],
  resourceTypes: [CF],
  check: (r, ctx) => {
    const verdicts = [
      [expect('default_cache_behavior.viewer_protocol_policy', ['redirect-to-https', 'https-only'])(r, ctx)].flat(),
      lookup(r.attributes, 'ordered_cache_behavior').length ? [forbid('ordered_cache_behavior.viewer_protocol_policy', 'allow-all')(r, ctx)].flat() : [],
    ].flat() as Verdict[];
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    return fails.length ? fails : verdicts.find((v) => v.outcome === 'unknown') ?? verdicts[0];
  },
  examples: {
    hcl: {
      fail: [
        tf(CF, `${cfBase}\n${behavior('"allow-all"')}`),
        tf(CF, `${cfBase}\n${behavior('"https-only"')}\nordered_cache_behavior {\n  path_pattern           = "/static/*"\n  target_origin_id       = "web"\n  viewer_protocol_policy = "allow-all"\n}`),
      ],
      pass: [tf(CF, `${cfBase}\n${behavior('"redirect-to-https"')}`)],
      unknown: [tfVar('policy', CF, `${cfBase}\n${behavior('var.policy')}`)],
    },
    tfplan: {
      fail: [plan1(CF, { ...cfValues, default_cache_behavior: [{ target_origin_id: 'web', viewer_protocol_policy: 'allow-all' }], ordered_cache_behavior: [] })],
      pass: [plan1(CF, { ...cfValues, default_cache_behavior: [{ target_origin_id: 'web', viewer_protocol_policy: 'redirect-to-https' }], ordered_cache_behavior: [] })],
    },
  },
});

const MODERN_TLS = /^TLSv1\.2_20\d\d$|^TLSv1\.3/;

export const cfMinTls = rule({
  id: 'IAC-TF-AWS-CLOUDFRONT-MIN-TLS',
  title: 'CloudFront distribution allows TLS older than 1.2',
  severity: 'medium',
  description: 'A minimum protocol version below TLSv1.2_2019 (or the default *.cloudfront.net certificate, which allows TLSv1) lets viewers negotiate TLS 1.0/1.1 and weak ciphers.',
  remediation: 'Use an ACM certificate with ssl_support_method = "sni-only" and minimum_protocol_version = "TLSv1.2_2021".',
  remediationSnippet: tf(CF, cert('"TLSv1.2_2021"')).trimEnd(),
  checkov: 'CKV_AWS_174',
  cwe: ['CWE-326'],
  resourceTypes: [CF],
  check: (r, ctx) => {
    if (lookup(r.attributes, 'viewer_certificate.cloudfront_default_certificate').some((f) => f.value === true)) {
      return { outcome: 'fail', path: 'viewer_certificate.cloudfront_default_certificate', value: true, message: `${r.address} uses the default CloudFront certificate, which accepts TLSv1` };
    }
    return expect('viewer_certificate.minimum_protocol_version', (v) => typeof v === 'string' && MODERN_TLS.test(v))(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(CF, `${cfBase}\n${cert('"TLSv1"')}`), tf(CF, `${cfBase}\nviewer_certificate {\n  cloudfront_default_certificate = true\n}`)],
      pass: [tf(CF, `${cfBase}\n${cert('"TLSv1.2_2021"')}`)],
      unknown: [tfVar('tls', CF, `${cfBase}\n${cert('var.tls')}`)],
    },
    tfplan: {
      fail: [plan1(CF, { ...cfValues, viewer_certificate: [{ cloudfront_default_certificate: false, minimum_protocol_version: 'TLSv1_2016', ssl_support_method: 'sni-only' }] })],
      pass: [plan1(CF, { ...cfValues, viewer_certificate: [{ cloudfront_default_certificate: false, minimum_protocol_version: 'TLSv1.2_2021', ssl_support_method: 'sni-only' }] })],
    },
  },
});

export const cfWaf = setRule({
  id: 'IAC-TF-AWS-CLOUDFRONT-WAF',
  title: 'CloudFront distribution is not protected by a WAF web ACL',
  severity: 'medium',
  confidence: 'medium',
  description: 'Without a web ACL the distribution passes injection attempts, bots and request floods to the origin unfiltered.',
  remediation: 'Set web_acl_id to an aws_wafv2_web_acl (scope CLOUDFRONT) ARN.',
  checkov: 'CKV_AWS_68',
  cwe: ['CWE-693'],
  types: [CF],
  paths: ['web_acl_id'],
  value: 'aws_wafv2_web_acl.edge.arn',
  planValue: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1',
  context: cfBase,
  contextValues: cfValues,
});

export const cfLogging = setRule({
  id: 'IAC-TF-AWS-CLOUDFRONT-ACCESS-LOGS',
  title: 'CloudFront distribution access logging is off',
  severity: 'medium',
  description: 'Standard logs record every viewer request; without them abuse of the distribution or its origin cannot be investigated.',
  remediation: 'Add logging_config { bucket = "<log bucket>.s3.amazonaws.com" } (or a CloudWatch log delivery).',
  checkov: 'CKV_AWS_86',
  cwe: ['CWE-778'],
  types: [CF],
  paths: ['logging_config.bucket'],
  value: 'aws_s3_bucket.cf_logs.bucket_domain_name',
  planValue: 'acme-cf-logs.s3.amazonaws.com',
  context: cfBase,
  contextValues: cfValues,
});

const origin = (policy: string) =>
  `origin {\n  domain_name = "api.example.com"\n  origin_id   = "api"\n  custom_origin_config {\n    http_port              = 80\n    https_port             = 443\n    origin_protocol_policy = ${policy}\n    origin_ssl_protocols   = ["TLSv1.2"]\n  }\n}`;

export const cfOriginHttps = rule({
  id: 'IAC-TF-AWS-CLOUDFRONT-ORIGIN-HTTPS',
  title: 'CloudFront fetches from a custom origin over plain HTTP',
  severity: 'medium',
  description: 'With origin_protocol_policy = "http-only" (or "match-viewer" while viewers may use HTTP), requests and responses between CloudFront and the origin cross the internet unencrypted.',
  remediation: 'Set origin_protocol_policy = "https-only" and origin_ssl_protocols = ["TLSv1.2"].',
  remediationSnippet: tf(CF, origin('"https-only"')).trimEnd(),
  cwe: ['CWE-319'],
  resourceTypes: [CF],
  check: (r, ctx) => {
    if (!lookup(r.attributes, 'origin.custom_origin_config[*]').length) return { outcome: 'not-applicable' };
    return forbid('origin.custom_origin_config.origin_protocol_policy', 'http-only')(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(CF, `${cfBase}\n${origin('"http-only"')}`)],
      pass: [tf(CF, `${cfBase}\n${origin('"https-only"')}`)],
      unknown: [tfVar('policy', CF, `${cfBase}\n${origin('var.policy')}`)],
    },
    tfplan: {
      fail: [plan1(CF, { ...cfValues, origin: [{ origin_id: 'api', domain_name: 'api.example.com', custom_origin_config: [{ origin_protocol_policy: 'http-only', http_port: 80, https_port: 443 }] }] })],
      pass: [plan1(CF, { ...cfValues, origin: [{ origin_id: 'api', domain_name: 'api.example.com', custom_origin_config: [{ origin_protocol_policy: 'https-only', http_port: 80, https_port: 443 }] }] })],
    },
  },
});

const geo = (type: string) => `restrictions {\n  geo_restriction {\n    restriction_type = ${type}\n  }\n}`;

export const cfGeo = rule({
  id: 'IAC-TF-AWS-CLOUDFRONT-GEO-RESTRICTION',
  title: 'CloudFront distribution has no geographic restriction',
  severity: 'info',
  confidence: 'low',
  description: 'Where content may only be served in some countries (licensing, sanctions, data residency), a geo restriction enforces it at the edge. Not every distribution needs one.',
  remediation: 'Set restrictions { geo_restriction { restriction_type = "whitelist" locations = [...] } } where the audience is known.',
  remediationSnippet: tf(CF, 'restrictions {\n  geo_restriction {\n    restriction_type = "whitelist"\n    locations        = ["DE", "FR", "NL"]\n  }\n}').trimEnd(),
  resourceTypes: [CF],
  checkov: 'CKV_AWS_374',
  check: forbid('restrictions.geo_restriction.restriction_type', 'none'),
  examples: {
    hcl: {
      fail: [tf(CF, `${cfBase}\n${geo('"none"')}`)],
      pass: [tf(CF, `${cfBase}\n${geo('"whitelist"').replace('restriction_type = "whitelist"', 'restriction_type = "whitelist"\n    locations        = ["DE", "FR"]')}`)],
      unknown: [tfVar('geo', CF, `${cfBase}\n${geo('var.geo')}`)],
    },
  },
});

export const cloudfrontRules: readonly IacRule[] = [cfViewerHttps, cfMinTls, cfWaf, cfLogging, cfOriginHttps, cfGeo];
