// Security groups (inline blocks, aws_security_group_rule, aws_vpc_security_group_ingress_rule),
// network ACLs and VPC flow logs.
import type { Check } from '../../helpers';
import type { IacObject, IacResource, IacRule, IacValue, Verdict } from '../../types';
import { asNumber, isObject, isUnknown, lookup } from '../../values';
import { linkedTo, plan, plan1, rule, tf, tfVar } from './common';

const SG = 'aws_security_group';
const SG_RULE = 'aws_security_group_rule';
const INGRESS_RULE = 'aws_vpc_security_group_ingress_rule';
const DEFAULT_SG = 'aws_default_security_group';
const NACL = 'aws_network_acl';
const NACL_RULE = 'aws_network_acl_rule';

type Tri = boolean | 'unknown';

interface Entry {
  path: string;
  value: IacObject;
}

/** The ingress rules a resource declares, normalised to { protocol, from_port, to_port, sources }. */
function ingressEntries(r: IacResource): Entry[] | Verdict {
  if (r.type === SG_RULE) {
    if (isUnknown(r.attributes.type)) return { outcome: 'unknown', path: 'type', value: r.attributes.type };
    return r.attributes.type === 'ingress' ? [{ path: '', value: r.attributes }] : [];
  }
  if (r.type === INGRESS_RULE) {
    const a = r.attributes;
    return [{ path: '', value: { protocol: a.ip_protocol ?? null, from_port: a.from_port ?? null, to_port: a.to_port ?? null, cidr_blocks: [a.cidr_ipv4 ?? null], ipv6_cidr_blocks: [a.cidr_ipv6 ?? null] } }];
  }
  const blocks = r.attributes.ingress;
  if (isUnknown(blocks)) return { outcome: 'unknown', path: 'ingress', value: blocks };
  if (!Array.isArray(blocks)) return [];
  const out: Entry[] = [];
  blocks.forEach((b, i) => {
    if (isObject(b)) out.push({ path: `ingress[${i}]`, value: b });
  });
  return out;
}

const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

/** Whether the entry admits 0.0.0.0/0 or ::/0; returns the path of the open source. */
function fromInternet(e: Entry, cidrKeys: readonly string[]): { open: Tri; path: string; value?: IacValue } {
  let unsure = false;
  for (const key of cidrKeys) {
    for (const f of lookup(e.value, key)) {
      const list = Array.isArray(f.value) ? f.value : [f.value];
      for (const v of list) {
        if (anyAddress(v)) return { open: true, path: join(e.path, key), value: v };
        if (isUnknown(v)) unsure = true;
      }
    }
  }
  return { open: unsure ? 'unknown' : false, path: join(e.path, cidrKeys[0]) };
}

/** 0.0.0.0/0, ::/0 or another spelling of the IPv6 any-address (0000:…:0000/0). */
const anyAddress = (v: IacValue): boolean => v === '0.0.0.0/0' || (typeof v === 'string' && /^[0:]+\/0$/.test(v) && v.includes(':'));

const ALL = new Set(['-1', 'all']);
/** Protocols whose from_port / to_port are ICMP types and codes, not ports. */
const ICMP = new Set(['icmp', '1', 'icmpv6', '58']);

/**
 * Whether the entry opens `port` (undefined: all ports) over any protocol with ports (TCP, UDP…: Checkov's
 * CKV_AWS_24/25 and NACL checks judge the port range whatever the protocol) or every protocol. In security
 * groups from_port = to_port = 0 means every port, as Checkov reads it.
 */
function opens(v: IacObject, port: number | undefined, zeroMeansAll = false): Tri {
  const proto = v.protocol;
  if (isUnknown(proto)) return 'unknown';
  const p = String(proto ?? '').toLowerCase();
  if (ALL.has(p)) return true;
  if (ICMP.has(p)) return false;
  if (isUnknown(v.from_port) || isUnknown(v.to_port)) return 'unknown';
  const from = asNumber(v.from_port);
  let to = asNumber(v.to_port);
  if (from === undefined || to === undefined) return false;
  if (zeroMeansAll && from === 0 && to === 0) to = 65535;
  if (port === undefined) return from <= 0 && to >= 65535;
  return from <= port && port <= to;
}

function openIngress(port: number | undefined): Check {
  return (r) => {
    const entries = ingressEntries(r);
    if (!Array.isArray(entries)) return entries;
    if (!entries.length) return r.type === SG ? { outcome: 'pass', path: 'ingress' } : { outcome: 'not-applicable' };
    const fails: Verdict[] = [];
    let unsure: Verdict | undefined;
    for (const e of entries) {
      const internet = fromInternet(e, ['cidr_blocks', 'ipv6_cidr_blocks']);
      const open = opens(e.value, port, true);
      const sourcePath = r.type === INGRESS_RULE ? (internet.value === '::/0' ? 'cidr_ipv6' : 'cidr_ipv4') : internet.path;
      if (internet.open === true && open === true) fails.push({ outcome: 'fail', path: sourcePath, value: internet.value });
      else if (internet.open !== false && open !== false) unsure ??= { outcome: 'unknown', path: sourcePath };
    }
    return fails.length ? fails : unsure ?? { outcome: 'pass', path: entries[0].path || 'cidr_blocks' };
  };
}

const ingress = (from: number | string, to: number | string, protocol: string, cidr: string) =>
  `ingress {\n  from_port   = ${from}\n  to_port     = ${to}\n  protocol    = "${protocol}"\n  cidr_blocks = [${cidr}]\n}`;

function openPortRule(id: string, port: number, name: string, checkov: string): IacRule {
  return rule({
    id,
    title: `Security group allows ${name} (port ${port}) from the internet`,
    severity: 'high',
    description: `${name} on port ${port} open to 0.0.0.0/0 or ::/0 is scanned and brute-forced within minutes of exposure; remote administration belongs behind a VPN, a bastion or Session Manager. As in Checkov, a rule counts whatever its protocol when its port range covers ${port} (ICMP aside); unlike it, a rule with no source opens nothing and self = true does not excuse a 0.0.0.0/0 source.`,
    remediation: `Limit the port ${port} rule's cidr_blocks to known networks, or remove it and use AWS Systems Manager Session Manager.`,
    remediationSnippet: tf(SG, ingress(port, port, 'tcp', '"10.0.0.0/16"')).trimEnd(),
    helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    checkov,
    cis: ['CIS AWS 5.2'],
    cwe: ['CWE-284'],
    resourceTypes: [SG, SG_RULE, INGRESS_RULE],
    check: openIngress(port),
    examples: {
      hcl: {
        fail: [
          tf(SG, `vpc_id = aws_vpc.main.id\n${ingress(port, port, 'tcp', '"0.0.0.0/0"')}`),
          tf(SG_RULE, `type              = "ingress"\nsecurity_group_id = aws_security_group.web.id\nfrom_port         = ${port - 2}\nto_port           = ${port + 100}\nprotocol          = "tcp"\nipv6_cidr_blocks  = ["::/0"]`),
          tf(INGRESS_RULE, `security_group_id = aws_security_group.web.id\ncidr_ipv4         = "0.0.0.0/0"\nip_protocol       = "-1"`),
          tf(SG, `vpc_id = aws_vpc.main.id\n${ingress(0, 0, 'tcp', '"0.0.0.0/0"')}`),
          tf(SG, `vpc_id = aws_vpc.main.id\n${ingress(port, port, 'udp', '"0.0.0.0/0"')}`),
        ],
        pass: [
          tf(SG, `vpc_id = aws_vpc.main.id\n${ingress(port, port, 'tcp', '"10.0.0.0/8"')}`),
          tf(SG, `vpc_id = aws_vpc.main.id\n${ingress(443, 443, 'tcp', '"0.0.0.0/0"')}`),
          tf(SG, `vpc_id = aws_vpc.main.id\n${ingress(-1, -1, 'icmp', '"0.0.0.0/0"')}`),
          tf(INGRESS_RULE, `security_group_id = aws_security_group.web.id\ncidr_ipv4         = "0.0.0.0/0"\nip_protocol       = "tcp"\nfrom_port         = 443\nto_port           = 443`),
        ],
        unknown: [tfVar('cidr', SG, `vpc_id = aws_vpc.main.id\n${ingress(port, port, 'tcp', 'var.cidr')}`)],
      },
      tfplan: {
        fail: [plan1(SG, { name: 'web', ingress: [{ from_port: port, to_port: port, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [], security_groups: [], self: false, prefix_list_ids: [], description: '' }] })],
        pass: [plan1(SG, { name: 'web', ingress: [{ from_port: port, to_port: port, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'], ipv6_cidr_blocks: [], security_groups: [], self: false, prefix_list_ids: [], description: '' }] })],
      },
    },
  });
}

export const sgSsh = openPortRule('IAC-TF-AWS-SG-SSH-FROM-INTERNET', 22, 'SSH', 'CKV_AWS_24');
export const sgRdp = openPortRule('IAC-TF-AWS-SG-RDP-FROM-INTERNET', 3389, 'RDP', 'CKV_AWS_25');

export const sgAllPorts = rule({
  id: 'IAC-TF-AWS-SG-ALL-PORTS-FROM-INTERNET',
  title: 'Security group allows all ports from the internet',
  severity: 'critical',
  description: 'An ingress rule for every protocol (-1) or the whole port range from 0.0.0.0/0 or ::/0 exposes every service on the instances, including ones never meant to be reachable.',
  remediation: 'Open only the ports the service needs (e.g. 443) to the internet.',
  remediationSnippet: tf(SG, ingress(443, 443, 'tcp', '"0.0.0.0/0"')).trimEnd(),
  helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  cwe: ['CWE-284'],
  resourceTypes: [SG, SG_RULE, INGRESS_RULE],
  check: openIngress(undefined),
  examples: {
    hcl: {
      fail: [tf(SG, ingress(0, 0, '-1', '"0.0.0.0/0"')), tf(SG_RULE, 'type              = "ingress"\nsecurity_group_id = aws_security_group.web.id\nfrom_port         = 0\nto_port           = 65535\nprotocol          = "tcp"\ncidr_blocks       = ["0.0.0.0/0"]')],
      pass: [tf(SG, ingress(443, 443, 'tcp', '"0.0.0.0/0"')), tf(SG, ingress(0, 0, '-1', '"10.0.0.0/16"'))],
      unknown: [tfVar('cidr', SG, ingress(0, 0, '-1', 'var.cidr'))],
    },
    tfplan: {
      fail: [plan1(INGRESS_RULE, { security_group_id: 'sg-123', cidr_ipv4: '0.0.0.0/0', ip_protocol: '-1', from_port: null, to_port: null })],
      pass: [plan1(INGRESS_RULE, { security_group_id: 'sg-123', cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp', from_port: 443, to_port: 443 })],
    },
  },
});

export const defaultSgRestricted = rule({
  id: 'IAC-TF-AWS-DEFAULT-SG-RESTRICTS-ALL',
  title: 'Default security group allows traffic',
  severity: 'medium',
  description:
    'Resources launched without a security group land in the VPC\'s default group. When it allows traffic (AWS\'s default lets members talk to each other and reach anywhere), those resources are reachable and can reach out without anyone having chosen so. Managing it with aws_default_security_group and no rules removes them.',
  remediation: 'Declare aws_default_security_group for the VPC with no ingress and no egress blocks.',
  remediationSnippet: tf(DEFAULT_SG, 'vpc_id = aws_vpc.main.id').trimEnd(),
  helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
  checkov: 'CKV2_AWS_12',
  cis: ['CIS AWS 5.4'],
  cwe: ['CWE-284'],
  resourceTypes: [DEFAULT_SG],
  check: (r) => {
    const verdicts: Verdict[] = [];
    for (const key of ['ingress', 'egress']) {
      const v = r.attributes[key];
      if (isUnknown(v)) verdicts.push({ outcome: 'unknown', path: key, value: v });
      else if (Array.isArray(v) && v.length) verdicts.push({ outcome: 'fail', path: `${key}[0]`, message: `${r.address} keeps ${key} rules in the default security group` });
    }
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    return fails.length ? fails : verdicts[0] ?? { outcome: 'pass', path: 'ingress' };
  },
  examples: {
    hcl: {
      fail: [tf(DEFAULT_SG, 'vpc_id = aws_vpc.main.id\ningress {\n  protocol  = -1\n  self      = true\n  from_port = 0\n  to_port   = 0\n}')],
      pass: [tf(DEFAULT_SG, 'vpc_id = aws_vpc.main.id')],
      unknown: [tfVar('rules', DEFAULT_SG, 'vpc_id = aws_vpc.main.id\ndynamic "egress" {\n  for_each = var.rules\n  content {\n    protocol  = "-1"\n    from_port = 0\n    to_port   = 0\n  }\n}')],
    },
    tfplan: {
      fail: [plan1(DEFAULT_SG, { vpc_id: 'vpc-1', ingress: [{ protocol: '-1', self: true, from_port: 0, to_port: 0, cidr_blocks: [] }], egress: [] })],
      pass: [plan1(DEFAULT_SG, { vpc_id: 'vpc-1', ingress: [], egress: [] })],
    },
  },
});

/** NACL ingress entries that allow `port` from anywhere. */
function naclOpen(port: number): Check {
  return (r) => {
    let entries: Entry[];
    if (r.type === NACL_RULE) {
      const egress = r.attributes.egress;
      if (isUnknown(egress)) return { outcome: 'unknown', path: 'egress', value: egress };
      if (egress === true) return { outcome: 'not-applicable' };
      entries = [{ path: '', value: { ...r.attributes, action: r.attributes.rule_action ?? null } }];
    } else {
      const blocks = r.attributes.ingress;
      if (isUnknown(blocks)) return { outcome: 'unknown', path: 'ingress', value: blocks };
      entries = (Array.isArray(blocks) ? blocks : []).flatMap((b, i) => (isObject(b) ? [{ path: `ingress[${i}]`, value: b }] : []));
      if (!entries.length) return { outcome: 'pass', path: 'ingress' };
    }
    const fails: Verdict[] = [];
    let unsure: Verdict | undefined;
    for (const e of entries) {
      const action = e.value.action;
      if (typeof action === 'string' && action.toLowerCase() === 'deny') continue;
      const internet = fromInternet(e, ['cidr_block', 'ipv6_cidr_block']);
      const open = opens(e.value, port);
      const allowed: Tri = isUnknown(action) ? 'unknown' : true;
      if (internet.open === true && open === true && allowed === true) fails.push({ outcome: 'fail', path: internet.path, value: internet.value });
      else if (internet.open !== false && open !== false) unsure ??= { outcome: 'unknown', path: internet.path };
    }
    return fails.length ? fails : unsure ?? { outcome: 'pass', path: entries[0].path || 'cidr_block' };
  };
}

const naclIngress = (port: number, cidr: string, action = 'allow') =>
  `ingress {\n  protocol   = "tcp"\n  rule_no    = 100\n  action     = "${action}"\n  cidr_block = ${cidr}\n  from_port  = ${port}\n  to_port    = ${port}\n}`;

function naclRule(id: string, port: number, name: string, checkov: string): IacRule {
  return rule({
    id,
    title: `Network ACL allows ${name} (port ${port}) from the internet`,
    severity: 'medium',
    description: `A network ACL entry allowing port ${port} from 0.0.0.0/0 or ::/0 removes the subnet-level guard for ${name}, leaving only security groups between the internet and remote administration.`,
    remediation: `Deny port ${port} from 0.0.0.0/0 in the ACL, or allow it only from known networks.`,
    remediationSnippet: tf(NACL, `vpc_id = aws_vpc.main.id\n${naclIngress(port, '"10.0.0.0/16"')}`).trimEnd(),
    helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html',
    checkov,
    cis: ['CIS AWS 5.1'],
    cwe: ['CWE-284'],
    resourceTypes: [NACL, NACL_RULE],
    check: naclOpen(port),
    examples: {
      hcl: {
        fail: [
          tf(NACL, `vpc_id = aws_vpc.main.id\n${naclIngress(port, '"0.0.0.0/0"')}`),
          tf(NACL_RULE, `network_acl_id = aws_network_acl.main.id\nrule_number    = 100\negress         = false\nprotocol       = "-1"\nrule_action    = "allow"\ncidr_block     = "0.0.0.0/0"\nfrom_port      = 0\nto_port        = 0`),
        ],
        pass: [tf(NACL, `vpc_id = aws_vpc.main.id\n${naclIngress(port, '"10.0.0.0/16"')}`), tf(NACL, `vpc_id = aws_vpc.main.id\n${naclIngress(port, '"0.0.0.0/0"', 'deny')}`)],
        unknown: [tfVar('cidr', NACL, `vpc_id = aws_vpc.main.id\n${naclIngress(port, 'var.cidr')}`)],
      },
    },
  });
}

export const naclSsh = naclRule('IAC-TF-AWS-NACL-SSH-FROM-INTERNET', 22, 'SSH', 'CKV_AWS_232');
export const naclRdp = naclRule('IAC-TF-AWS-NACL-RDP-FROM-INTERNET', 3389, 'RDP', 'CKV_AWS_231');

const VPC = 'aws_vpc';
const FLOW_LOG = 'aws_flow_log';

export const vpcFlowLogs = rule({
  id: 'IAC-TF-AWS-VPC-FLOW-LOGS',
  title: 'VPC has no flow log',
  severity: 'medium',
  description: 'Flow logs record the traffic accepted and rejected in the VPC; without them a compromise, a scan or data exfiltration leaves no network trace.',
  remediation: 'Add an aws_flow_log with vpc_id = the VPC, traffic_type = "ALL" and a CloudWatch Logs or S3 destination.',
  remediationSnippet: tf(FLOW_LOG, 'vpc_id          = aws_vpc.main.id\ntraffic_type    = "ALL"\nlog_destination = aws_cloudwatch_log_group.flow.arn\niam_role_arn    = aws_iam_role.flow.arn').trimEnd(),
  helpUri: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
  checkov: 'CKV2_AWS_11',
  cis: ['CIS AWS 3.9'],
  cwe: ['CWE-778'],
  resourceTypes: [VPC],
  check: (r, ctx) => {
    if (linkedTo(ctx, r, [FLOW_LOG], ['vpc_id'], ['id']).length) return { outcome: 'pass', path: 'id' };
    const unsure = ctx.ofType(FLOW_LOG).find((f) => isUnknown(f.attributes.vpc_id) && !(f.attributes.vpc_id as { refs: readonly string[] }).refs.some((x) => x.startsWith('aws_')));
    if (unsure) return { outcome: 'unknown', path: 'id', reason: `${unsure.address} logs a VPC that is not known statically` };
    return { outcome: 'fail', path: 'cidr_block', message: `${r.address} has no aws_flow_log` };
  },
  examples: {
    hcl: {
      fail: [tf(VPC, 'cidr_block = "10.0.0.0/16"', 'main')],
      pass: [`${tf(VPC, 'cidr_block = "10.0.0.0/16"', 'main')}\n${tf(FLOW_LOG, 'vpc_id          = aws_vpc.main.id\ntraffic_type    = "ALL"\nlog_destination = aws_s3_bucket.flow.arn\nlog_destination_type = "s3"')}`],
      unknown: [`variable "vpc" {}\n${tf(VPC, 'cidr_block = "10.0.0.0/16"', 'main')}\n${tf(FLOW_LOG, 'vpc_id       = var.vpc\ntraffic_type = "ALL"')}`],
    },
    tfplan: {
      fail: [plan({ type: VPC, name: 'main', values: { cidr_block: '10.0.0.0/16', id: 'vpc-0a1b2c' } })],
      pass: [plan({ type: VPC, name: 'main', values: { cidr_block: '10.0.0.0/16', id: 'vpc-0a1b2c' } }, { type: FLOW_LOG, values: { vpc_id: 'vpc-0a1b2c', traffic_type: 'ALL' } })],
    },
  },
});

export const networkRules: readonly IacRule[] = [sgSsh, sgRdp, sgAllPorts, defaultSgRestricted, naclSsh, naclRdp, vpcFlowLogs];
