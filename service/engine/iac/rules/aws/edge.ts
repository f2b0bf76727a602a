// Load balancers (ELBv2 and classic) and CloudFront distributions.
import { expect, fail, forbid, pass, requireAny, unknown, when } from '../../helpers';
import type { IacRule, IacValue, Verdict } from '../../types';
import { isObject, isUnknown } from '../../values';
import { propertyRule } from './templates';

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const listener = (protocol: string, actions = '  - Type: forward\n    TargetGroupArn: !Ref Targets') => `LoadBalancerArn: !Ref Alb\nPort: ${protocol === 'HTTP' ? 80 : 443}\nProtocol: ${protocol}\nDefaultActions:\n${actions}`;
const redirect = '  - Type: redirect\n    RedirectConfig:\n      Protocol: HTTPS\n      Port: "443"\n      StatusCode: HTTP_301';

/** Every default action redirects to HTTPS. */
function redirectsToHttps(actions: IacValue | undefined): boolean | 'unknown' {
  if (isUnknown(actions)) return 'unknown';
  if (!Array.isArray(actions) || !actions.length) return false;
  return actions.every((a) => isObject(a) && a.Type === 'redirect' && isObject(a.RedirectConfig) && a.RedirectConfig.Protocol === 'HTTPS');
}

export const albListenerHttps = propertyRule({
  id: 'IAC-AWS-ALB-LISTENER-HTTPS',
  title: 'Load balancer listener serves plain HTTP',
  severity: 'medium',
  description: 'An HTTP listener that forwards requests carries credentials, cookies and data in clear text between clients and the load balancer.',
  remediation: 'Use Protocol HTTPS with a certificate, and keep port 80 only as a redirect to HTTPS.',
  remediationSnippet: `DefaultActions:\n${redirect}`,
  helpUri: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html',
  checkov: 'CKV_AWS_2',
  cwe: ['CWE-319'],
  resourceTypes: [LISTENER],
  check: (r) => {
    const protocol = r.attributes.Protocol;
    if (isUnknown(protocol)) return unknown('Protocol', protocol);
    if (protocol !== 'HTTP') return pass('Protocol', protocol ?? null);
    const redirects = redirectsToHttps(r.attributes.DefaultActions);
    if (redirects === true) return pass('DefaultActions');
    if (redirects === 'unknown') return unknown('DefaultActions', r.attributes.DefaultActions);
    return fail('Protocol', protocol);
  },
  fail: [listener('HTTP')],
  pass: [`${listener('HTTPS')}\nCertificates:\n  - CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/abc\nSslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06`, listener('HTTP', redirect)],
  unknown: listener('!Ref Setting'),
  json: { fail: [{ LoadBalancerArn: 'arn', Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn' }] }] },
});

const TLS12_POLICIES = /^(?:ELBSecurityPolicy-TLS-1-2-|ELBSecurityPolicy-TLS13-1-[23]-|ELBSecurityPolicy-FS-1-2-|ELBSecurityPolicy-TLS13-1-2-)/;

export const albListenerTlsPolicy = propertyRule({
  id: 'IAC-AWS-ALB-LISTENER-TLS-POLICY',
  title: 'Load balancer listener allows TLS older than 1.2',
  severity: 'medium',
  description:
    'Security policies before the TLS 1.2 ones (including the ELBSecurityPolicy-2016-08 default) accept TLS 1.0 and 1.1, which have known weaknesses. Only HTTPS and TLS listeners are judged: a plain HTTP listener is IAC-AWS-ALB-LISTENER-HTTPS’s finding (Checkov fails it under both ids).',
  remediation: 'Set SslPolicy to a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.',
  remediationSnippet: 'SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06',
  helpUri: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
  checkov: 'CKV_AWS_103',
  cwe: ['CWE-326'],
  resourceTypes: [LISTENER],
  check: when(
    (r) => (isUnknown(r.attributes.Protocol) ? 'unknown' : r.attributes.Protocol === 'HTTPS' || r.attributes.Protocol === 'TLS'),
    expect('SslPolicy', (v) => typeof v === 'string' && TLS12_POLICIES.test(v)),
  ),
  fail: [listener('HTTPS'), `${listener('HTTPS')}\nSslPolicy: ELBSecurityPolicy-2016-08`],
  pass: [`${listener('HTTPS')}\nSslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06`, `${listener('TLS')}\nSslPolicy: ELBSecurityPolicy-TLS-1-2-Ext-2018-06`],
  unknown: `${listener('HTTPS')}\nSslPolicy: !Ref Setting`,
});

const attribute = (key: string, value: string) => `  - Key: ${key}\n    Value: "${value}"`;
const alb = (attrs = '') => `Type: application\nScheme: internet-facing\nSubnets: [subnet-1, subnet-2]${attrs ? `\nLoadBalancerAttributes:\n${attrs}` : ''}`;

/** The value of a LoadBalancerAttributes key ('unknown' when the list or the value is). */
function lbAttribute(list: IacValue | undefined, key: string): { value: IacValue | undefined; index: number } | 'unknown' {
  if (isUnknown(list)) return 'unknown';
  const items = Array.isArray(list) ? list : [];
  for (const [i, a] of items.entries()) if (isObject(a) && a.Key === key) return { value: a.Value, index: i };
  return { value: undefined, index: -1 };
}

function attributeTrue(key: string) {
  return (r: { attributes: Record<string, IacValue> }): Verdict => {
    const found = lbAttribute(r.attributes.LoadBalancerAttributes, key);
    if (found === 'unknown') return unknown('LoadBalancerAttributes', r.attributes.LoadBalancerAttributes as IacValue);
    if (found.index === -1) return fail('LoadBalancerAttributes', undefined, undefined);
    const path = `LoadBalancerAttributes[${found.index}].Value`;
    if (isUnknown(found.value)) return unknown(path, found.value);
    return found.value === true || found.value === 'true' ? pass(path, found.value) : fail(path, found.value ?? null);
  };
}

export const albDropInvalidHeaders = propertyRule({
  id: 'IAC-AWS-ALB-DROP-INVALID-HEADERS',
  title: 'Application load balancer forwards invalid HTTP headers',
  severity: 'medium',
  description: 'Headers that are not valid HTTP are passed to the targets unless the load balancer drops them, which opens the way to request smuggling and desync attacks.',
  remediation: 'Add LoadBalancerAttributes Key routing.http.drop_invalid_header_fields.enabled with Value "true".',
  remediationSnippet: 'LoadBalancerAttributes:\n  - Key: routing.http.drop_invalid_header_fields.enabled\n    Value: "true"',
  helpUri: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes',
  checkov: 'CKV_AWS_131',
  cwe: ['CWE-444'],
  resourceTypes: [LB],
  check: when((r) => (isUnknown(r.attributes.Type) ? 'unknown' : r.attributes.Type === undefined || r.attributes.Type === 'application'), attributeTrue('routing.http.drop_invalid_header_fields.enabled')),
  fail: [alb(), alb(attribute('routing.http.drop_invalid_header_fields.enabled', 'false'))],
  pass: [alb(attribute('routing.http.drop_invalid_header_fields.enabled', 'true'))],
  unknown: `${alb()}\nLoadBalancerAttributes:\n  - Key: routing.http.drop_invalid_header_fields.enabled\n    Value: !Ref Setting`,
});

export const elbv2AccessLogs = propertyRule({
  id: 'IAC-AWS-ELBV2-ACCESS-LOGS',
  title: 'Load balancer has no access logs',
  severity: 'medium',
  description: 'Without access logs there is no record of the requests the load balancer received: client addresses, paths, latencies and errors are lost.',
  remediation: 'Add LoadBalancerAttributes access_logs.s3.enabled "true" and access_logs.s3.bucket.',
  remediationSnippet: 'LoadBalancerAttributes:\n  - Key: access_logs.s3.enabled\n    Value: "true"\n  - Key: access_logs.s3.bucket\n    Value: !Ref LbLogs',
  helpUri: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
  checkov: 'CKV_AWS_91',
  cwe: ['CWE-778'],
  resourceTypes: [LB],
  check: when((r) => (isUnknown(r.attributes.Type) ? 'unknown' : r.attributes.Type !== 'gateway'), attributeTrue('access_logs.s3.enabled')),
  fail: [alb()],
  pass: [alb(`${attribute('access_logs.s3.enabled', 'true')}\n${attribute('access_logs.s3.bucket', 'lb-logs')}`)],
  unknown: `${alb()}\nLoadBalancerAttributes:\n  - Key: access_logs.s3.enabled\n    Value: !Ref Setting`,
});

export const elbClassicAccessLogs = propertyRule({
  id: 'IAC-AWS-ELB-ACCESS-LOGS',
  title: 'Classic load balancer has no access logs',
  severity: 'medium',
  description: 'Without access logs there is no record of the requests the load balancer received.',
  remediation: 'Set AccessLoggingPolicy with Enabled: true and an S3BucketName.',
  remediationSnippet: 'AccessLoggingPolicy:\n  Enabled: true\n  S3BucketName: !Ref LbLogs\n  EmitInterval: 60',
  helpUri: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/access-log-collection.html',
  checkov: 'CKV_AWS_92',
  cwe: ['CWE-778'],
  resourceTypes: ['AWS::ElasticLoadBalancing::LoadBalancer'],
  check: expect('AccessLoggingPolicy.Enabled', true),
  fail: ['Listeners:\n  - LoadBalancerPort: "443"\n    InstancePort: "80"\n    Protocol: HTTPS'],
  pass: ['Listeners:\n  - LoadBalancerPort: "443"\n    InstancePort: "80"\n    Protocol: HTTPS\nAccessLoggingPolicy:\n  Enabled: true\n  S3BucketName: lb-logs'],
  unknown: 'AccessLoggingPolicy:\n  Enabled: !Ref Setting\n  S3BucketName: lb-logs',
});

const CF = 'AWS::CloudFront::Distribution';
const origin = '  Enabled: true\n  Origins:\n    - Id: site\n      DomainName: site.s3.amazonaws.com\n      S3OriginConfig: {}';
const dist = (behavior: string, extra = '') => `DistributionConfig:\n${origin}\n  DefaultCacheBehavior:\n    TargetOriginId: site\n    ${behavior}${extra ? `\n${extra.replace(/^/gm, '  ')}` : ''}`;
const cert = 'ViewerCertificate:\n  AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc\n  SslSupportMethod: sni-only\n  MinimumProtocolVersion: TLSv1.2_2021';

export const cloudfrontViewerHttps = propertyRule({
  id: 'IAC-AWS-CLOUDFRONT-VIEWER-HTTPS',
  title: 'CloudFront distribution allows plain HTTP to viewers',
  severity: 'medium',
  description: 'A cache behavior with ViewerProtocolPolicy allow-all serves content and accepts cookies and form data over HTTP.',
  remediation: 'Set ViewerProtocolPolicy to redirect-to-https or https-only on the default and every other cache behavior.',
  remediationSnippet: 'ViewerProtocolPolicy: redirect-to-https',
  helpUri: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html',
  checkov: 'CKV_AWS_34',
  cwe: ['CWE-319'],
  resourceTypes: [CF],
  check: (r, ctx) => {
    const verdicts = [
      ...[forbid('DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy', 'allow-all', { whenMissing: 'fail' })(r, ctx)].flat(),
      ...[forbid('DistributionConfig.CacheBehaviors.ViewerProtocolPolicy', 'allow-all')(r, ctx)].flat(),
    ];
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    return fails.length ? fails : verdicts.find((v) => v.outcome === 'unknown') ?? verdicts[0];
  },
  fail: [dist('ViewerProtocolPolicy: allow-all'), dist('ViewerProtocolPolicy: https-only', 'CacheBehaviors:\n  - PathPattern: /api/*\n    TargetOriginId: site\n    ViewerProtocolPolicy: allow-all')],
  pass: [dist('ViewerProtocolPolicy: redirect-to-https')],
  unknown: dist('ViewerProtocolPolicy: !Ref Setting'),
});

export const cloudfrontTls = propertyRule({
  id: 'IAC-AWS-CLOUDFRONT-TLS',
  title: 'CloudFront distribution allows TLS older than 1.2',
  severity: 'medium',
  description: 'With the default CloudFront certificate, or a MinimumProtocolVersion below TLSv1.2, viewers can connect with TLS 1.0 or 1.1.',
  remediation: 'Use an ACM certificate with SslSupportMethod sni-only and MinimumProtocolVersion TLSv1.2_2021 (or newer).',
  remediationSnippet: cert,
  helpUri: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
  checkov: 'CKV_AWS_174',
  cwe: ['CWE-326'],
  resourceTypes: [CF],
  check: expect('DistributionConfig.ViewerCertificate.MinimumProtocolVersion', (v) => typeof v === 'string' && /^TLSv1\.[23]/.test(v)),
  fail: [dist('ViewerProtocolPolicy: redirect-to-https'), dist('ViewerProtocolPolicy: redirect-to-https', cert.replace('TLSv1.2_2021', 'TLSv1_2016'))],
  pass: [dist('ViewerProtocolPolicy: redirect-to-https', cert)],
  unknown: dist('ViewerProtocolPolicy: redirect-to-https', cert.replace('TLSv1.2_2021', '!Ref Setting')),
});

export const cloudfrontWaf = propertyRule({
  id: 'IAC-AWS-CLOUDFRONT-WAF',
  title: 'CloudFront distribution has no WAF web ACL',
  severity: 'low',
  description: 'Without a web ACL, common web attacks (injection, bad bots, floods) reach the origin unfiltered.',
  remediation: 'Set DistributionConfig.WebACLId to the ARN of a WAFv2 web ACL with CLOUDFRONT scope.',
  remediationSnippet: 'WebACLId: !GetAtt EdgeAcl.Arn',
  helpUri: 'https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html',
  checkov: 'CKV_AWS_68',
  resourceTypes: [CF],
  check: requireAny('DistributionConfig.WebACLId'),
  fail: [dist('ViewerProtocolPolicy: redirect-to-https')],
  pass: [dist('ViewerProtocolPolicy: redirect-to-https', 'WebACLId: arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/abc')],
  unknown: dist('ViewerProtocolPolicy: redirect-to-https', 'WebACLId: !Ref Setting'),
});

export const cloudfrontLogging = propertyRule({
  id: 'IAC-AWS-CLOUDFRONT-LOGGING',
  title: 'CloudFront distribution has no access logging',
  severity: 'low',
  description: 'Without standard logs there is no record of the requests the distribution served.',
  remediation: 'Set DistributionConfig.Logging with a Bucket (or configure CloudWatch log delivery).',
  remediationSnippet: 'Logging:\n  Bucket: cdn-logs.s3.amazonaws.com\n  Prefix: site/',
  helpUri: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html',
  checkov: 'CKV_AWS_86',
  cwe: ['CWE-778'],
  resourceTypes: [CF],
  check: requireAny('DistributionConfig.Logging.Bucket'),
  fail: [dist('ViewerProtocolPolicy: redirect-to-https')],
  pass: [dist('ViewerProtocolPolicy: redirect-to-https', 'Logging:\n  Bucket: cdn-logs.s3.amazonaws.com')],
  unknown: dist('ViewerProtocolPolicy: redirect-to-https', 'Logging:\n  Bucket: !Ref Setting'),
});

export const edgeRules: readonly IacRule[] = [
  albListenerHttps,
  albListenerTlsPolicy,
  albDropInvalidHeaders,
  elbv2AccessLogs,
  elbClassicAccessLogs,
  cloudfrontViewerHttps,
  cloudfrontTls,
  cloudfrontWaf,
  cloudfrontLogging,
];
