// VPC networks: firewall rules open to the internet on SSH and RDP, subnet flow logs and Private Google
// Access, DNSSEC, and the default network.
import { expect, forbid, isInternet, portCovers, requireAny, type Check } from '../../helpers';
import type { IacRule, IacValue, Verdict } from '../../types';
import { isObject, isUnknown } from '../../values';
import { tf, tfplan, tfVar } from './common';

const FIREWALL = 'google_compute_firewall';

/** Protocols that carry the port: `all` (every protocol), or one of these by name or IANA number. */
const PROTOCOLS: Record<number, readonly string[]> = { 22: ['tcp', '6', 'sctp', '132'], 3389: ['tcp', '6', 'udp', '17'] };

/**
 * Whether the rule admits internet sources: source_ranges holding 0.0.0.0/0 or ::/0, or no source at
 * all (GCP then applies 0.0.0.0/0 to an ingress rule). Undefined when a source is not known.
 */
function fromInternet(attrs: Record<string, IacValue>): { internet: boolean | undefined; path: string; value?: IacValue } {
  const ranges = attrs.source_ranges;
  if (isUnknown(ranges)) return { internet: undefined, path: 'source_ranges', value: ranges };
  const list = Array.isArray(ranges) ? ranges : [];
  const open = list.findIndex((v) => isInternet(v));
  if (open !== -1) return { internet: true, path: `source_ranges[${open}]`, value: list[open] };
  if (list.some(isUnknown)) return { internet: undefined, path: 'source_ranges' };
  const otherSources = ['source_tags', 'source_service_accounts'].some((k) => {
    const v = attrs[k];
    return isUnknown(v) || (Array.isArray(v) && v.length > 0);
  });
  if (!list.length && !otherSources) return { internet: true, path: 'source_ranges' };
  return { internet: false, path: 'source_ranges' };
}

function openIngress(port: number): Check {
  return (r) => {
    const a = r.attributes;
    if (isUnknown(a.direction)) return { outcome: 'unknown', path: 'direction', value: a.direction };
    if (typeof a.direction === 'string' && a.direction.toUpperCase() === 'EGRESS') return { outcome: 'not-applicable' };
    if (a.disabled === true || a.disabled === 'true') return { outcome: 'pass', path: 'disabled', value: a.disabled };
    const allows = a.allow;
    if (allows === undefined || (Array.isArray(allows) && !allows.length)) return { outcome: 'not-applicable' };
    const source = fromInternet(a);
    if (source.internet === false) return { outcome: 'pass', path: source.path };
    const verdicts: Verdict[] = [];
    const list = isUnknown(allows) ? [allows] : Array.isArray(allows) ? allows : [allows];
    list.forEach((allow, i) => {
      const at = `allow[${i}]`;
      if (isUnknown(allow)) return verdicts.push({ outcome: 'unknown', path: isUnknown(allows) ? 'allow' : at, value: allow });
      if (!isObject(allow)) return;
      const protocol = allow.protocol;
      if (isUnknown(protocol)) return verdicts.push({ outcome: 'unknown', path: `${at}.protocol`, value: protocol });
      const p = String(protocol ?? '').toLowerCase();
      if (p !== 'all' && !PROTOCOLS[port].includes(p)) return;
      const ports = allow.ports;
      if (isUnknown(ports)) return verdicts.push({ outcome: 'unknown', path: `${at}.ports`, value: ports });
      // No ports (or an empty list, as plans show it) means every port of the protocol.
      const covers = ports === undefined || ports === null || (Array.isArray(ports) && !ports.length) || p === 'all' ? true : portCovers(ports, port);
      if (covers === undefined) return verdicts.push({ outcome: 'unknown', path: `${at}.ports`, value: ports });
      if (!covers) return;
      if (source.internet === undefined) return verdicts.push({ outcome: 'unknown', path: source.path, value: source.value });
      verdicts.push({
        outcome: 'fail',
        path: ports === undefined ? at : `${at}.ports`,
        ...(ports !== undefined ? { value: ports } : {}),
        message: `${r.address} allows ${p === 'all' ? 'all traffic' : `${p.toUpperCase()} port ${port}`} from ${source.value ?? '0.0.0.0/0 (no source given)'}`,
      });
    });
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    if (fails.length) return fails;
    return verdicts.find((v) => v.outcome === 'unknown') ?? { outcome: 'pass', path: 'allow' };
  };
}

const firewall = (body: string) => tf(FIREWALL, 'allow', `name    = "allow-admin"\nnetwork = "default"\n${body}`);

function firewallRule(port: number, id: string, what: string, checkov: string, cis: string): IacRule {
  return {
    id,
    title: `Firewall rule allows ${what} (port ${port}) from the internet`,
    severity: 'high',
    description: `An ingress rule admitting 0.0.0.0/0 on port ${port} exposes ${what} on every instance it targets to the whole internet, where it is scanned and brute-forced within minutes.`,
    remediation: `Restrict source_ranges to known addresses (for IAP TCP forwarding: 35.235.240.0/20), or remove port ${port} from the rule.`,
    remediationSnippet: `resource "google_compute_firewall" "admin" {\n  source_ranges = ["35.235.240.0/20"]\n  allow {\n    protocol = "tcp"\n    ports    = ["${port}"]\n  }\n}`,
    helpUri: 'https://cloud.google.com/firewall/docs/using-firewalls',
    checkov,
    cis: [cis],
    cwe: ['CWE-284'],
    model: 'terraform',
    resourceTypes: [FIREWALL],
    check: openIngress(port),
    examples: {
      hcl: {
        fail: [
          firewall(`source_ranges = ["0.0.0.0/0"]\nallow {\n  protocol = "tcp"\n  ports    = ["80", "${port}"]\n}`),
          firewall(`source_ranges = ["0.0.0.0/0"]\nallow {\n  protocol = "tcp"\n  ports    = ["${port - 10}-${port + 10}"]\n}`),
          firewall('allow {\n  protocol = "all"\n}'),
        ],
        pass: [
          firewall(`source_ranges = ["35.235.240.0/20"]\nallow {\n  protocol = "tcp"\n  ports    = ["${port}"]\n}`),
          firewall('source_ranges = ["0.0.0.0/0"]\nallow {\n  protocol = "tcp"\n  ports    = ["443"]\n}'),
          firewall(`source_ranges = ["0.0.0.0/0"]\ndisabled      = true\nallow {\n  protocol = "tcp"\n  ports    = ["${port}"]\n}`),
        ],
        unknown: [`variable "sources" {}\n\n${firewall(`source_ranges = var.sources\nallow {\n  protocol = "tcp"\n  ports    = ["${port}"]\n}`)}`],
      },
      tfplan: {
        fail: [
          tfplan({
            type: FIREWALL,
            values: { name: 'allow-admin', network: 'default', direction: 'INGRESS', disabled: false, source_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: [String(port)] }], deny: [] },
          }),
        ],
        pass: [
          tfplan({
            type: FIREWALL,
            values: { name: 'allow-admin', network: 'default', direction: 'INGRESS', disabled: false, source_ranges: ['10.0.0.0/8'], allow: [{ protocol: 'tcp', ports: [String(port)] }], deny: [] },
          }),
        ],
      },
    },
  };
}

export const firewallSshOpen = firewallRule(22, 'IAC-TF-GCP-FIREWALL-SSH-OPEN', 'SSH', 'CKV_GCP_2', 'CIS GCP 3.6');
export const firewallRdpOpen = firewallRule(3389, 'IAC-TF-GCP-FIREWALL-RDP-OPEN', 'RDP', 'CKV_GCP_3', 'CIS GCP 3.7');

const SUBNET = 'google_compute_subnetwork';
/** Proxy-only subnets carry no VM traffic and accept neither flow logs nor Private Google Access. */
const PROXY_PURPOSES = ['INTERNAL_HTTPS_LOAD_BALANCER', 'REGIONAL_MANAGED_PROXY', 'GLOBAL_MANAGED_PROXY', 'PRIVATE_SERVICE_CONNECT'];

const unlessProxySubnet =
  (check: Check): Check =>
  (r, ctx) => {
    const purpose = r.attributes.purpose;
    if (isUnknown(purpose)) return { outcome: 'unknown', path: 'purpose', value: purpose };
    if (typeof purpose === 'string' && PROXY_PURPOSES.includes(purpose)) return { outcome: 'not-applicable' };
    return check(r, ctx);
  };

const subnet = (extra: string) => tf(SUBNET, 'app', `name          = "app"\nip_cidr_range = "10.10.0.0/20"\nregion        = "europe-west1"\nnetwork       = "vpc"\n${extra}`);

export const subnetFlowLogs: IacRule = {
  id: 'IAC-TF-GCP-SUBNET-FLOW-LOGS',
  title: 'VPC subnet does not record flow logs',
  severity: 'low',
  description: 'VPC Flow Logs record the connections made to and from instances; without them, lateral movement and exfiltration leave no network trace to investigate.',
  remediation: 'Add a log_config block (aggregation_interval, flow_sampling and metadata as needed).',
  remediationSnippet: 'resource "google_compute_subnetwork" "app" {\n  log_config {\n    aggregation_interval = "INTERVAL_5_SEC"\n    flow_sampling        = 0.5\n    metadata             = "INCLUDE_ALL_METADATA"\n  }\n}',
  helpUri: 'https://cloud.google.com/vpc/docs/using-flow-logs',
  checkov: 'CKV_GCP_26',
  cis: ['CIS GCP 3.8'],
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [SUBNET],
  check: unlessProxySubnet(requireAny('log_config')),
  examples: {
    hcl: {
      fail: [subnet('')],
      pass: [subnet('log_config {\n  aggregation_interval = "INTERVAL_5_SEC"\n  flow_sampling        = 0.5\n  metadata             = "INCLUDE_ALL_METADATA"\n}')],
      unknown: [`variable "flow_logs" {}\n\n${subnet('dynamic "log_config" {\n  for_each = var.flow_logs\n  content {\n    flow_sampling = 0.5\n  }\n}')}`],
    },
    tfplan: {
      fail: [tfplan({ type: SUBNET, values: { name: 'app', ip_cidr_range: '10.10.0.0/20', region: 'europe-west1', log_config: [] } })],
      pass: [
        tfplan({
          type: SUBNET,
          values: { name: 'app', ip_cidr_range: '10.10.0.0/20', region: 'europe-west1', log_config: [{ aggregation_interval: 'INTERVAL_5_SEC', flow_sampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' }] },
        }),
      ],
    },
  },
};

export const subnetPrivateGoogleAccess: IacRule = {
  id: 'IAC-TF-GCP-SUBNET-PRIVATE-GOOGLE-ACCESS',
  title: 'VPC subnet does not enable Private Google Access',
  severity: 'low',
  description: 'Without Private Google Access, instances without external IPs cannot reach Google APIs, which pushes teams to give them public IPs instead.',
  remediation: 'Set private_ip_google_access = true.',
  remediationSnippet: 'resource "google_compute_subnetwork" "app" {\n  private_ip_google_access = true\n}',
  helpUri: 'https://cloud.google.com/vpc/docs/configure-private-google-access',
  checkov: 'CKV_GCP_74',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [SUBNET],
  check: unlessProxySubnet(expect('private_ip_google_access', true)),
  examples: {
    hcl: {
      fail: [subnet(''), subnet('private_ip_google_access = false')],
      pass: [subnet('private_ip_google_access = true')],
      unknown: [`variable "pga" {}\n\n${subnet('private_ip_google_access = var.pga')}`],
    },
    tfplan: {
      fail: [tfplan({ type: SUBNET, values: { name: 'app', ip_cidr_range: '10.10.0.0/20', private_ip_google_access: false } })],
      pass: [tfplan({ type: SUBNET, values: { name: 'app', ip_cidr_range: '10.10.0.0/20', private_ip_google_access: true } })],
    },
  },
};

const ZONE = 'google_dns_managed_zone';

const publicZone =
  (check: Check): Check =>
  (r, ctx) => {
    const visibility = r.attributes.visibility;
    if (isUnknown(visibility)) return { outcome: 'unknown', path: 'visibility', value: visibility };
    if (typeof visibility === 'string' && visibility.toLowerCase() === 'private') return { outcome: 'not-applicable' };
    return check(r, ctx);
  };

const zone = (extra: string) => tf(ZONE, 'public', `name     = "acme"\ndns_name = "acme.example."\n${extra}`);

export const dnssecEnabled: IacRule = {
  id: 'IAC-TF-GCP-DNSSEC',
  title: 'Public Cloud DNS zone does not enable DNSSEC',
  severity: 'medium',
  description: 'Without DNSSEC, resolvers cannot verify the zone’s answers, so cache poisoning and spoofed responses can send users of the domain to an attacker.',
  remediation: 'Add dnssec_config with state = "on" to public zones.',
  remediationSnippet: 'resource "google_dns_managed_zone" "public" {\n  dnssec_config {\n    state = "on"\n  }\n}',
  helpUri: 'https://cloud.google.com/dns/docs/dnssec-config',
  checkov: 'CKV_GCP_16',
  cis: ['CIS GCP 3.3'],
  cwe: ['CWE-345'],
  model: 'terraform',
  resourceTypes: [ZONE],
  check: publicZone(expect('dnssec_config.state', 'on')),
  examples: {
    hcl: {
      fail: [zone(''), zone('dnssec_config {\n  state = "off"\n}')],
      pass: [zone('dnssec_config {\n  state = "on"\n}')],
      unknown: [`variable "dnssec" {}\n\n${zone('dnssec_config {\n  state = var.dnssec\n}')}`],
    },
    tfplan: {
      fail: [tfplan({ type: ZONE, values: { name: 'acme', dns_name: 'acme.example.', visibility: 'public', dnssec_config: [] } })],
      pass: [tfplan({ type: ZONE, values: { name: 'acme', dns_name: 'acme.example.', visibility: 'public', dnssec_config: [{ state: 'on', non_existence: 'nsec3', kind: 'dns#managedZoneDnsSecConfig' }] } })],
    },
  },
};

export const dnssecRsaSha1: IacRule = {
  id: 'IAC-TF-GCP-DNSSEC-RSASHA1',
  title: 'Cloud DNS zone signs with RSASHA1',
  severity: 'medium',
  description: 'RSASHA1 relies on SHA-1, for which practical collisions exist; DNSSEC signatures made with it no longer give strong assurance.',
  remediation: 'Use rsasha256, rsasha512, ecdsap256sha256 or ecdsap384sha384 in dnssec_config.default_key_specs.',
  remediationSnippet:
    'resource "google_dns_managed_zone" "public" {\n  dnssec_config {\n    state = "on"\n    default_key_specs {\n      algorithm  = "ecdsap256sha256"\n      key_type   = "zoneSigning"\n      key_length = 256\n    }\n  }\n}',
  helpUri: 'https://cloud.google.com/dns/docs/dnssec-advanced',
  checkov: 'CKV_GCP_17',
  cis: ['CIS GCP 3.4', 'CIS GCP 3.5'],
  cwe: ['CWE-327'],
  model: 'terraform',
  resourceTypes: [ZONE],
  check: forbid('dnssec_config.default_key_specs.algorithm', 'rsasha1', { ignoreCase: true }),
  examples: {
    hcl: {
      fail: [zone('dnssec_config {\n  state = "on"\n  default_key_specs {\n    algorithm  = "rsasha1"\n    key_type   = "keySigning"\n    key_length = 2048\n  }\n}')],
      pass: [zone('dnssec_config {\n  state = "on"\n  default_key_specs {\n    algorithm  = "rsasha256"\n    key_type   = "keySigning"\n    key_length = 2048\n  }\n}'), zone('dnssec_config {\n  state = "on"\n}')],
      unknown: [`variable "algorithm" {}\n\n${zone('dnssec_config {\n  state = "on"\n  default_key_specs {\n    algorithm = var.algorithm\n    key_type  = "zoneSigning"\n  }\n}')}`],
    },
    tfplan: {
      fail: [tfplan({ type: ZONE, values: { name: 'acme', dnssec_config: [{ state: 'on', default_key_specs: [{ algorithm: 'rsasha1', key_type: 'zoneSigning', key_length: 1024 }] }] } })],
      pass: [tfplan({ type: ZONE, values: { name: 'acme', dnssec_config: [{ state: 'on', default_key_specs: [{ algorithm: 'ecdsap256sha256', key_type: 'zoneSigning', key_length: 256 }] }] } })],
    },
  },
};

const PROJECT = 'google_project';

export const projectDefaultNetwork: IacRule = {
  id: 'IAC-TF-GCP-PROJECT-DEFAULT-NETWORK',
  title: 'Project is created with the default network',
  severity: 'medium',
  description:
    'auto_create_network defaults to true, which creates the "default" VPC with subnets in every region and permissive pre-made firewall rules (SSH and RDP from anywhere, all internal traffic).',
  remediation: 'Set auto_create_network = false and create purpose-built VPC networks and firewall rules.',
  remediationSnippet: 'resource "google_project" "app" {\n  auto_create_network = false\n}',
  helpUri: 'https://cloud.google.com/vpc/docs/vpc#default-network',
  checkov: 'CKV_GCP_27',
  cis: ['CIS GCP 3.1'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [PROJECT],
  check: expect('auto_create_network', false),
  examples: {
    hcl: {
      fail: [tf(PROJECT, 'app', 'name       = "acme-app"\nproject_id = "acme-app"\norg_id     = "1234567"')],
      pass: [tf(PROJECT, 'app', 'name       = "acme-app"\nproject_id = "acme-app"\norg_id     = "1234567"\nauto_create_network = false')],
      unknown: [tfVar('auto', PROJECT, 'app', 'name = "acme-app"\nproject_id = "acme-app"\nauto_create_network = var.auto')],
    },
    tfplan: {
      fail: [tfplan({ type: PROJECT, values: { name: 'acme-app', project_id: 'acme-app', auto_create_network: true } })],
      pass: [tfplan({ type: PROJECT, values: { name: 'acme-app', project_id: 'acme-app', auto_create_network: false } })],
    },
  },
};

export const networkRules: readonly IacRule[] = [firewallSshOpen, firewallRdpOpen, subnetFlowLogs, subnetPrivateGoogleAccess, dnssecEnabled, dnssecRsaSha1, projectDefaultNetwork];
