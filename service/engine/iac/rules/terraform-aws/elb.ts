// Application, network and classic load balancers, and their listeners.
import { expect, type Check } from '../../helpers';
import type { IacRule, Verdict } from '../../types';
import { isUnknown, lookup } from '../../values';
import { attrRule, plan1, rule, tf, tfVar } from './common';

const LB = 'aws_lb';
const ALB = 'aws_alb';
const LISTENER = 'aws_lb_listener';
const ALB_LISTENER = 'aws_alb_listener';
const ELB = 'aws_elb';

/** Not applicable unless load_balancer_type is one of `types` (it defaults to application). */
const lbType =
  (types: readonly string[]) =>
  (check: Check): Check =>
  (r, ctx) => {
    const t = r.attributes.load_balancer_type;
    if (isUnknown(t)) return { outcome: 'unknown', path: 'load_balancer_type', value: t };
    if (!types.includes(typeof t === 'string' ? t : 'application')) return { outcome: 'not-applicable' };
    return check(r, ctx);
  };

const redirect = 'default_action {\n  type = "redirect"\n  redirect {\n    port        = "443"\n    protocol    = "HTTPS"\n    status_code = "HTTP_301"\n  }\n}';
const forward = 'default_action {\n  type             = "forward"\n  target_group_arn = aws_lb_target_group.web.arn\n}';

export const listenerHttps = rule({
  id: 'IAC-TF-AWS-LB-LISTENER-HTTPS',
  title: 'Load balancer listener serves plain HTTP',
  severity: 'high',
  description:
    'An HTTP listener that forwards requests sends credentials, cookies and data unencrypted between clients and the load balancer; HTTP listeners should only redirect to HTTPS. Unlike Checkov, a fixed-response default action (no application data) passes.',
  remediation: 'Use protocol = "HTTPS" with a certificate, or make the HTTP listener\'s default action a redirect to HTTPS.',
  remediationSnippet: tf(LISTENER, `load_balancer_arn = aws_lb.web.arn\nport              = 80\nprotocol          = "HTTP"\n${redirect}`).trimEnd(),
  checkov: 'CKV_AWS_2',
  cwe: ['CWE-319'],
  resourceTypes: [LISTENER, ALB_LISTENER],
  check: (r): Verdict => {
    // protocol defaults to HTTP (application load balancers; network load balancers must set one).
    const protocol = r.attributes.protocol ?? 'HTTP';
    if (isUnknown(protocol)) return { outcome: 'unknown', path: 'protocol', value: protocol };
    if (protocol !== 'HTTP') return { outcome: 'pass', path: 'protocol', value: protocol };
    const actions = lookup(r.attributes, 'default_action[*]');
    if (actions.some((a) => isUnknown(a.value))) return { outcome: 'unknown', path: 'default_action' };
    const redirects = lookup(r.attributes, 'default_action.redirect.protocol');
    if (redirects.some((f) => f.value === 'HTTPS')) return { outcome: 'pass', path: redirects[0].path, value: 'HTTPS' };
    if (redirects.some((f) => isUnknown(f.value))) return { outcome: 'unknown', path: redirects[0].path };
    if (lookup(r.attributes, 'default_action.type').some((f) => f.value === 'fixed-response')) return { outcome: 'pass', path: 'default_action.type', value: 'fixed-response' };
    return { outcome: 'fail', path: 'protocol', value: protocol };
  },
  examples: {
    hcl: {
      fail: [tf(LISTENER, `load_balancer_arn = aws_lb.web.arn\nport              = 80\nprotocol          = "HTTP"\n${forward}`), tf(ALB_LISTENER, `load_balancer_arn = aws_lb.web.arn\nport              = 8080\n${forward}`)],
      pass: [
        tf(LISTENER, `load_balancer_arn = aws_lb.web.arn\nport              = 80\nprotocol          = "HTTP"\n${redirect}`),
        tf(LISTENER, `load_balancer_arn = aws_lb.web.arn\nport              = 443\nprotocol          = "HTTPS"\nssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\ncertificate_arn   = aws_acm_certificate.web.arn\n${forward}`),
      ],
      unknown: [tfVar('protocol', LISTENER, `load_balancer_arn = aws_lb.web.arn\nport              = 80\nprotocol          = var.protocol\n${forward}`)],
    },
    tfplan: {
      fail: [plan1(LISTENER, { port: 80, protocol: 'HTTP', default_action: [{ type: 'forward', redirect: [], target_group_arn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/1' }] })],
      pass: [plan1(LISTENER, { port: 80, protocol: 'HTTP', default_action: [{ type: 'redirect', redirect: [{ port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' }] }] })],
    },
  },
});

/** TLS 1.2+ policies: TLS13-1-2 / TLS13-1-3 and the TLS-1-2 and FS-1-2 families (TLS13-1-0 and TLS13-1-1 still allow TLS 1.0 / 1.1). */
const MODERN_POLICY = /TLS13-1-[23]|TLS-1-2|FS-1-2/;

export const listenerTlsPolicy = rule({
  id: 'IAC-TF-AWS-LB-LISTENER-TLS-POLICY',
  title: 'Load balancer listener allows TLS older than 1.2',
  severity: 'medium',
  description:
    'Security policies such as ELBSecurityPolicy-2016-08 (the default) still negotiate TLS 1.0 and 1.1 and weak ciphers, which have known attacks and fail PCI DSS. Unlike Checkov, the ELBSecurityPolicy-TLS13-1-0 / 1-1 policies fail (they accept TLS 1.0 / 1.1) and plain HTTP listeners are left to IAC-TF-AWS-LB-LISTENER-HTTPS.',
  remediation: 'Set ssl_policy to a TLS 1.2+ policy, e.g. "ELBSecurityPolicy-TLS13-1-2-2021-06".',
  remediationSnippet: tf(LISTENER, 'protocol   = "HTTPS"\nssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"').trimEnd(),
  helpUri: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
  checkov: 'CKV_AWS_103',
  cwe: ['CWE-326'],
  resourceTypes: [LISTENER, ALB_LISTENER],
  check: (r, ctx) => {
    const protocol = r.attributes.protocol;
    if (isUnknown(protocol)) return { outcome: 'unknown', path: 'protocol', value: protocol };
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return { outcome: 'not-applicable' };
    return expect('ssl_policy', (v) => typeof v === 'string' && MODERN_POLICY.test(v))(r, ctx);
  },
  examples: {
    hcl: {
      fail: [
        tf(LISTENER, `load_balancer_arn = aws_lb.web.arn\nport              = 443\nprotocol          = "HTTPS"\nssl_policy        = "ELBSecurityPolicy-2016-08"\ncertificate_arn   = aws_acm_certificate.web.arn\n${forward}`),
        tf(LISTENER, `load_balancer_arn = aws_lb.nlb.arn\nport              = 443\nprotocol          = "TLS"\ncertificate_arn   = aws_acm_certificate.web.arn\n${forward}`),
        tf(LISTENER, `load_balancer_arn = aws_lb.web.arn\nport              = 443\nprotocol          = "HTTPS"\nssl_policy        = "ELBSecurityPolicy-TLS13-1-1-2021-06"\ncertificate_arn   = aws_acm_certificate.web.arn\n${forward}`),
      ],
      pass: [tf(LISTENER, `load_balancer_arn = aws_lb.web.arn\nport              = 443\nprotocol          = "HTTPS"\nssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\ncertificate_arn   = aws_acm_certificate.web.arn\n${forward}`)],
      unknown: [tfVar('policy', LISTENER, `load_balancer_arn = aws_lb.web.arn\nport              = 443\nprotocol          = "HTTPS"\nssl_policy        = var.policy\n${forward}`)],
    },
    tfplan: {
      fail: [plan1(LISTENER, { port: 443, protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS-1-1-2017-01' })],
      pass: [plan1(LISTENER, { port: 443, protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' })],
    },
  },
});

const lbContext = 'name               = "web"\nload_balancer_type = "application"\nsubnets            = aws_subnet.public[*].id';
const lbValues = { name: 'web', load_balancer_type: 'application' };

export const dropInvalidHeaders = attrRule({
  id: 'IAC-TF-AWS-ALB-DROP-INVALID-HEADERS',
  title: 'Application load balancer forwards invalid HTTP headers',
  severity: 'medium',
  description: 'Headers with invalid names are a vehicle for HTTP request smuggling and header-injection attacks against the targets; the ALB can drop them before forwarding.',
  remediation: 'Set drop_invalid_header_fields = true.',
  checkov: 'CKV_AWS_131',
  cwe: ['CWE-444'],
  types: [LB, ALB],
  path: 'drop_invalid_header_fields',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: lbContext,
  contextValues: lbValues,
  plan: true,
  wrap: lbType(['application']),
});

export const lbAccessLogs = rule({
  id: 'IAC-TF-AWS-LB-ACCESS-LOGS',
  title: 'Load balancer access logs are off',
  severity: 'medium',
  description: 'Access logs record every request (client, path, status, TLS details); without them attacks through the load balancer cannot be investigated.',
  remediation: 'Add access_logs { bucket = <log bucket> enabled = true }.',
  remediationSnippet: tf(LB, 'access_logs {\n  bucket  = aws_s3_bucket.lb_logs.id\n  enabled = true\n}').trimEnd(),
  checkov: ['CKV_AWS_91', 'CKV_AWS_92'],
  cwe: ['CWE-778'],
  resourceTypes: [LB, ALB, ELB],
  check: (r, ctx) => {
    // aws_lb's access_logs.enabled defaults to false; aws_elb's to true once the block is there.
    const whenMissing = r.type === ELB ? 'pass' : 'fail';
    if (!lookup(r.attributes, 'access_logs[*]').length) return { outcome: 'fail', path: 'access_logs' };
    return expect('access_logs.enabled', true, { whenMissing })(r, ctx);
  },
  examples: {
    hcl: {
      fail: [tf(LB, lbContext), tf(LB, `${lbContext}\naccess_logs {\n  bucket = aws_s3_bucket.lb_logs.id\n}`), tf(ELB, 'availability_zones = ["eu-west-1a"]\naccess_logs {\n  bucket  = "acme-elb-logs"\n  enabled = false\n}')],
      pass: [tf(LB, `${lbContext}\naccess_logs {\n  bucket  = aws_s3_bucket.lb_logs.id\n  enabled = true\n}`), tf(ELB, 'availability_zones = ["eu-west-1a"]\naccess_logs {\n  bucket = "acme-elb-logs"\n}')],
      unknown: [tfVar('logs', LB, `${lbContext}\naccess_logs {\n  bucket  = aws_s3_bucket.lb_logs.id\n  enabled = var.logs\n}`)],
    },
    tfplan: {
      fail: [plan1(LB, { ...lbValues, access_logs: [{ bucket: '', enabled: false, prefix: '' }] })],
      pass: [plan1(LB, { ...lbValues, access_logs: [{ bucket: 'acme-lb-logs', enabled: true, prefix: 'web' }] })],
    },
  },
});

export const lbDeletionProtection = attrRule({
  id: 'IAC-TF-AWS-LB-DELETION-PROTECTION',
  title: 'Load balancer has no deletion protection',
  severity: 'low',
  description: 'Without deletion protection a mistaken destroy or replacement takes the entry point of the service down and releases its addresses.',
  remediation: 'Set enable_deletion_protection = true.',
  checkov: 'CKV_AWS_150',
  types: [LB, ALB],
  path: 'enable_deletion_protection',
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: lbContext,
  contextValues: lbValues,
  plan: true,
});

export const lbDesync = attrRule({
  id: 'IAC-TF-AWS-LB-DESYNC-MITIGATION',
  title: 'Load balancer desync mitigation is in monitor mode',
  severity: 'medium',
  description: 'In monitor mode the load balancer forwards requests it classifies as ambiguous, which HTTP desync (request smuggling) attacks rely on; defensive (the default) or strictest blocks them.',
  remediation: 'Set desync_mitigation_mode = "defensive" or "strictest", or remove the argument.',
  checkov: 'CKV_AWS_328',
  cwe: ['CWE-444'],
  types: [LB, ALB, ELB],
  path: 'desync_mitigation_mode',
  good: ['defensive', 'strictest'],
  bad: 'monitor',
  whenMissing: 'pass',
  context: lbContext,
  contextValues: lbValues,
  plan: true,
  wrap: lbType(['application', 'classic']),
});

export const elbRules: readonly IacRule[] = [listenerHttps, listenerTlsPolicy, dropInvalidHeaders, lbAccessLogs, lbDeletionProtection, lbDesync];
