// Networking: NSG exposure, flow logs, subnets without NSGs, NICs, Application Gateway, Front Door,
// Azure Firewall and DDoS protection.
import { all, expect, forbid, has, isSet, type Check } from '../../helpers';
import type { IacResource, IacRule, IacValue, RuleContext, Verdict } from '../../types';
import { asBoolean, asNumber, isObject, isUnknown, lookup } from '../../values';
import { exposure, NSG, NSG_RULE, type ExposureQuery } from './b-nsg';
import { byType, forbidAlias, hcl, linked, plan, refersTo, variable } from './b-shared';
import { requireSet } from './a-common';

const NSG_DOCS = 'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview';

const nsgRule = (name: string, fields: Record<string, string>): string =>
  `security_rule {\n  name                       = "${name}"\n${Object.entries(fields)
    .map(([k, v]) => `  ${k.padEnd(26)} = ${v}`)
    .join('\n')}\n}`;
const inbound = (port: string, source = '"*"', protocol = '"Tcp"', access = '"Allow"') => ({
  priority: '100',
  direction: '"Inbound"',
  access,
  protocol,
  source_port_range: '"*"',
  destination_port_range: port,
  source_address_prefix: source,
  destination_address_prefix: '"*"',
});
const standalone = (fields: Record<string, string>): string =>
  hcl(
    NSG_RULE,
    `name                        = "rule"\nresource_group_name         = "rg"\nnetwork_security_group_name = "nsg"\n${Object.entries(fields)
      .map(([k, v]) => `${k.padEnd(27)} = ${v}`)
      .join('\n')}`,
  );
const planRule = (over: Record<string, unknown>) => ({
  name: 'rule',
  priority: 100,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  source_port_range: '*',
  source_port_ranges: [],
  destination_port_range: '',
  destination_port_ranges: [],
  source_address_prefix: '',
  source_address_prefixes: [],
  destination_address_prefix: '*',
  destination_address_prefixes: [],
  description: '',
  ...over,
});

function nsgExposureRule(o: {
  id: string;
  title: string;
  severity: IacRule['severity'];
  what: string;
  query: ExposureQuery;
  checkov?: string;
  cis?: string[];
  port: string;
  protocol?: string;
  /** More HCL examples (dynamic blocks, lists of ports or prefixes). */
  more?: { fail?: string[]; pass?: string[] };
}): IacRule {
  const protocol = o.protocol ?? '"Tcp"';
  const planProtocol = protocol.replace(/"/g, '');
  return {
    id: o.id,
    title: o.title,
    severity: o.severity,
    description: `An inbound Allow rule from the internet (*, 0.0.0.0/0, Internet, Any) ${o.what}, exposing it to scanning and brute force from anywhere.`,
    remediation: 'Restrict source_address_prefix(es) to known ranges, or reach the service through Azure Bastion, a VPN or a private endpoint.',
    remediationSnippet: `resource "${NSG_RULE}" "example" {\n  direction              = "Inbound"\n  access                 = "Allow"\n  destination_port_range = ${o.port}\n  source_address_prefix  = "10.0.0.0/16"\n}`,
    helpUri: NSG_DOCS,
    ...(o.checkov ? { checkov: o.checkov } : {}),
    ...(o.cis ? { cis: o.cis } : {}),
    cwe: ['CWE-284'],
    model: 'terraform',
    resourceTypes: [NSG, NSG_RULE],
    check: exposure(o.query),
    examples: {
      hcl: {
        fail: [
          hcl(NSG, `location            = "westeurope"\nresource_group_name = "rg"\n${nsgRule('open', inbound(o.port, '"Internet"', protocol))}`),
          standalone(inbound(o.port, '"0.0.0.0/0"', protocol)),
          standalone({ ...inbound('"*"', '"*"', '"*"'), source_address_prefix: '"*"' }),
          ...(o.more?.fail ?? []),
        ],
        pass: [
          hcl(NSG, `location            = "westeurope"\nresource_group_name = "rg"\n${nsgRule('office', inbound(o.port, '"203.0.113.0/24"', protocol))}`),
          standalone(inbound(o.port, '"*"', protocol, '"Deny"')),
          hcl(NSG, 'location            = "westeurope"\nresource_group_name = "rg"'),
          ...(o.more?.pass ?? []),
        ],
        unknown: [standalone(inbound(o.port, 'var.source', protocol)).replace(/^/, variable('source') + '\n')],
      },
      tfplan: {
        fail: [
          plan({
            type: NSG,
            values: { name: 'nsg', security_rule: [planRule({ protocol: planProtocol, source_address_prefixes: ['0.0.0.0/0'], destination_port_ranges: [o.port.replace(/"/g, '')] })] },
          }),
        ],
        pass: [
          plan({
            type: NSG,
            values: { name: 'nsg', security_rule: [planRule({ protocol: planProtocol, source_address_prefix: 'VirtualNetwork', destination_port_range: o.port.replace(/"/g, '') })] },
          }),
        ],
      },
    },
  };
}

export const nsgSshInternet = nsgExposureRule({
  id: 'IAC-TF-AZ-NSG-SSH-INTERNET',
  title: 'NSG allows SSH from the internet',
  severity: 'high',
  what: 'opens SSH (22)',
  query: { protocols: ['tcp'], ports: [22] },
  checkov: 'CKV_AZURE_10',
  cis: ['CIS Azure 6.2'],
  port: '"22"',
  more: {
    fail: [
      `locals {
  rules = {
    https = { priority = 100, port = "443" }
    ssh   = { priority = 110, port = "22" }
  }
}

resource "${NSG}" "web" {
  name                = "web"
  location            = "westeurope"
  resource_group_name = "rg"

  dynamic "security_rule" {
    for_each = local.rules
    content {
      name                       = security_rule.key
      priority                   = security_rule.value.priority
      direction                  = "Inbound"
      access                     = "Allow"
      protocol                   = "Tcp"
      source_port_range          = "*"
      destination_port_range     = security_rule.value.port
      source_address_prefix      = "Internet"
      destination_address_prefix = "*"
    }
  }
}
`,
      standalone({ ...inbound('null', '"*"'), destination_port_range: 'null', destination_port_ranges: '["80", "443", "20-25"]' }),
    ],
    pass: [standalone({ ...inbound('"22"', 'null'), source_address_prefix: 'null', source_address_prefixes: '["10.0.0.0/8", "192.168.0.0/16"]' })],
  },
});

export const nsgRdpInternet = nsgExposureRule({
  id: 'IAC-TF-AZ-NSG-RDP-INTERNET',
  title: 'NSG allows RDP from the internet',
  severity: 'high',
  what: 'opens RDP (3389)',
  query: { protocols: ['tcp'], ports: [3389] },
  checkov: 'CKV_AZURE_9',
  cis: ['CIS Azure 6.1'],
  port: '"3389"',
});

export const nsgAllPortsInternet = nsgExposureRule({
  id: 'IAC-TF-AZ-NSG-ALL-PORTS-INTERNET',
  title: 'NSG allows every port from the internet',
  severity: 'critical',
  what: 'opens every destination port',
  query: { protocols: ['tcp', 'udp'] },
  port: '"*"',
});

export const nsgUdpInternet = nsgExposureRule({
  id: 'IAC-TF-AZ-NSG-UDP-INTERNET',
  title: 'NSG allows UDP from the internet',
  severity: 'medium',
  what: 'opens a UDP service (DNS, NTP, SSDP and similar services are abused for amplification attacks)',
  query: { protocols: ['udp'], ports: 'any' },
  checkov: 'CKV_AZURE_77',
  cis: ['CIS Azure 6.6'],
  port: '"53"',
  protocol: '"Udp"',
});

export const nsgDatabasePortsInternet = nsgExposureRule({
  id: 'IAC-TF-AZ-NSG-DATABASE-PORTS-INTERNET',
  title: 'NSG allows database ports from the internet',
  severity: 'high',
  what: 'opens a database port (SQL Server 1433, MySQL 3306, PostgreSQL 5432, Oracle 1521, MongoDB 27017, Redis 6379)',
  query: { protocols: ['tcp'], ports: [1433, 3306, 5432, 1521, 27017, 6379] },
  port: '"1433"',
});

const FLOW_LOG = 'azurerm_network_watcher_flow_log';

/** Logs are deleted early only when the policy is enabled with 1-89 days (0 keeps them indefinitely, and so does a disabled policy). */
const retentionCheck: Check = (r) => {
  const policies = lookup(r.attributes, 'retention_policy');
  const blocks = policies.flatMap((f) => (Array.isArray(f.value) ? f.value.map((v, i) => ({ v, path: `retention_policy[${i}]` })) : [{ v: f.value, path: f.path }]));
  if (!blocks.length) return { outcome: 'fail', path: 'retention_policy' };
  const out: Verdict[] = [];
  for (const { v, path } of blocks) {
    if (isUnknown(v)) out.push({ outcome: 'unknown', path, value: v });
    if (!isObject(v)) continue;
    const enabled = v.enabled;
    if (isUnknown(enabled)) {
      out.push({ outcome: 'unknown', path: `${path}.enabled`, value: enabled });
      continue;
    }
    if (asBoolean(enabled) === false) {
      out.push({ outcome: 'pass', path: `${path}.enabled`, value: enabled });
      continue;
    }
    const days = v.days;
    if (isUnknown(days)) out.push({ outcome: 'unknown', path: `${path}.days`, value: days });
    else {
      const n = asNumber(days);
      out.push({ outcome: n !== undefined && (n === 0 || n >= 90) ? 'pass' : 'fail', path: `${path}.days`, ...(days === undefined ? {} : { value: days }) });
    }
  }
  const fails = out.filter((x) => x.outcome === 'fail');
  if (fails.length) return fails;
  return out.find((x) => x.outcome === 'unknown') ?? out[0] ?? { outcome: 'fail', path: 'retention_policy' };
};

const FLOW_BASE = 'network_watcher_name = "nw"\nresource_group_name  = "rg"\nstorage_account_id   = "sa"\nenabled              = true';
export const flowLogRetention: IacRule = {
  id: 'IAC-TF-AZ-FLOW-LOG-RETENTION',
  title: 'Network flow logs are kept less than 90 days',
  severity: 'medium',
  description:
    'Flow logs are the record of which hosts talked to which; a retention under 90 days deletes them before most intrusions are discovered. A disabled retention policy keeps logs indefinitely and passes (Checkov fails it), and a disabled flow log is left to its own rule.',
  remediation: 'Set retention_policy { enabled = true, days = 90 } or more (0 keeps logs indefinitely).',
  remediationSnippet: `resource "${FLOW_LOG}" "example" {\n  retention_policy {\n    enabled = true\n    days    = 90\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/network-watcher/nsg-flow-logs-overview',
  checkov: 'CKV_AZURE_12',
  cis: ['CIS Azure 6.5'],
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [FLOW_LOG],
  check: retentionCheck,
  examples: {
    hcl: {
      fail: [hcl(FLOW_LOG, `${FLOW_BASE}\nretention_policy {\n  enabled = true\n  days    = 7\n}`), hcl(FLOW_LOG, FLOW_BASE)],
      pass: [hcl(FLOW_LOG, `${FLOW_BASE}\nretention_policy {\n  enabled = true\n  days    = 90\n}`), hcl(FLOW_LOG, `${FLOW_BASE}\nretention_policy {\n  enabled = true\n  days    = 0\n}`)],
      unknown: [hcl(FLOW_LOG, `${FLOW_BASE}\nretention_policy {\n  enabled = true\n  days    = var.days\n}`, variable('days'))],
    },
    tfplan: {
      fail: [plan({ type: FLOW_LOG, values: { enabled: true, retention_policy: [{ enabled: true, days: 30 }] } })],
      pass: [plan({ type: FLOW_LOG, values: { enabled: true, retention_policy: [{ enabled: true, days: 365 }] } })],
    },
  },
};

export const flowLogEnabled: IacRule = {
  id: 'IAC-TF-AZ-FLOW-LOG-DISABLED',
  title: 'Network flow log is disabled',
  severity: 'medium',
  description: 'A flow log resource with enabled = false records nothing, while its presence suggests traffic is being logged.',
  remediation: 'Set enabled = true.',
  remediationSnippet: `resource "${FLOW_LOG}" "example" {\n  enabled = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview',
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [FLOW_LOG],
  check: forbid('enabled', false, { whenMissing: 'fail' }),
  examples: {
    hcl: {
      fail: [hcl(FLOW_LOG, 'network_watcher_name = "nw"\nenabled = false')],
      pass: [hcl(FLOW_LOG, FLOW_BASE)],
      unknown: [hcl(FLOW_LOG, 'enabled = var.enabled', variable('enabled'))],
    },
    tfplan: {
      fail: [plan({ type: FLOW_LOG, values: { enabled: false } })],
      pass: [plan({ type: FLOW_LOG, values: { enabled: true } })],
    },
  },
};

const NSG_HCL = (name = 'web') => `resource "${NSG}" "${name}" {\n  name                = "${name}"\n  location            = "westeurope"\n  resource_group_name = "rg"\n}\n`;

export const nsgFlowLog: IacRule = {
  id: 'IAC-TF-AZ-NSG-FLOW-LOG',
  title: 'NSG has no flow log in the configuration',
  severity: 'low',
  description: 'Without a flow log nobody can tell afterwards which traffic the NSG allowed or denied. Configurations with VNet flow logs (which replace NSG flow logs) are not judged per NSG.',
  remediation: 'Add an azurerm_network_watcher_flow_log for the NSG (network_security_group_id), or a VNet flow log (target_resource_id) on its network.',
  remediationSnippet: `resource "${FLOW_LOG}" "web" {\n  network_security_group_id = azurerm_network_security_group.web.id\n  enabled                   = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview',
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [NSG],
  check: (r, ctx) => {
    const l = linked(ctx, FLOW_LOG, ['network_security_group_id', 'target_resource_id'], r);
    if (l === 'yes') return { outcome: 'pass', path: 'id' };
    if (l === 'maybe') return { outcome: 'unknown', reason: 'a flow log targets a resource that is not known before deployment' };
    // VNet flow logs (which replace NSG flow logs) record the traffic of whole networks: judged there, not per NSG.
    const vnetFlowLog = ctx
      .ofType(FLOW_LOG)
      .some((f) => lookup(f.attributes, 'target_resource_id').some((x) => isUnknown(x.value) && x.value.refs.some((ref) => /(^|\.)azurerm_(virtual_network|subnet)\./.test(ref))));
    if (vnetFlowLog) return { outcome: 'not-applicable' };
    return { outcome: 'fail', message: `No azurerm_network_watcher_flow_log in the configuration targets ${r.address}` };
  },
  examples: {
    hcl: {
      fail: [NSG_HCL()],
      pass: [`${NSG_HCL()}\nresource "${FLOW_LOG}" "web" {\n  ${FLOW_BASE.split('\n').join('\n  ')}\n  network_security_group_id = azurerm_network_security_group.web.id\n}\n`],
      unknown: [`${variable('nsg_id')}\n${NSG_HCL()}\nresource "${FLOW_LOG}" "web" {\n  network_security_group_id = var.nsg_id\n}\n`],
    },
  },
};

const SUBNET = 'azurerm_subnet';
const VNET = 'azurerm_virtual_network';
const ASSOCIATION = 'azurerm_subnet_network_security_group_association';
/** Subnets Azure reserves for its own services, which reject or do not need an NSG. */
const NSG_EXEMPT = new Set(['gatewaysubnet', 'azurefirewallsubnet', 'azurefirewallmanagementsubnet', 'routeserversubnet']);
const exempt = (name: unknown): boolean => typeof name === 'string' && NSG_EXEMPT.has(name.toLowerCase());

function subnetHasNsg(r: IacResource, ctx: RuleContext): Verdict | readonly Verdict[] {
  if (r.type === VNET) {
    const blocks = lookup(r.attributes, 'subnet');
    const out: Verdict[] = [];
    for (const f of blocks) {
      const list = Array.isArray(f.value) ? f.value : [f.value];
      list.forEach((s, i) => {
        const path = Array.isArray(f.value) ? `subnet[${i}].security_group` : `${f.path}.security_group`;
        if (isUnknown(s)) out.push({ outcome: 'unknown', path, value: s });
        else if (isObject(s) && !exempt(s.name)) {
          const sg = s.security_group;
          if (isUnknown(sg)) out.push({ outcome: 'unknown', path, value: sg });
          else out.push({ outcome: isSet(sg) ? 'pass' : 'fail', path, ...(sg === undefined ? {} : { value: sg }) });
        }
      });
    }
    const fails = out.filter((v) => v.outcome === 'fail');
    if (fails.length) return fails;
    return out.find((v) => v.outcome === 'unknown') ?? out[0] ?? { outcome: 'not-applicable' };
  }
  if (exempt(r.attributes.name)) return { outcome: 'not-applicable' };
  // Azure NetApp Files volumes do not support NSGs on their delegated subnet.
  if (has(r, 'delegation.service_delegation.name', 'Microsoft.Netapp/volumes', true)) return { outcome: 'not-applicable' };
  const l = linked(ctx, ASSOCIATION, ['subnet_id'], r);
  if (l === 'yes') return { outcome: 'pass', path: 'name', value: r.attributes.name ?? null };
  if (l === 'maybe') return { outcome: 'unknown', reason: 'an NSG association names a subnet that is not known before deployment' };
  return { outcome: 'fail', message: `No azurerm_subnet_network_security_group_association in the configuration attaches an NSG to ${r.address}` };
}

const SUBNET_HCL = (name = 'app', subnetName = 'app') =>
  `resource "${SUBNET}" "${name}" {\n  name                 = "${subnetName}"\n  resource_group_name  = "rg"\n  virtual_network_name = "vnet"\n  address_prefixes     = ["10.0.1.0/24"]\n}\n`;

/** A plan where each association's subnet_id is known only after apply; the configuration section names the subnet. */
function subnetPlan(associated: readonly string[]): string {
  const managed = (type: string, name: string, values: Record<string, unknown>) => ({
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/azurerm',
    schema_version: 0,
    values,
  });
  return JSON.stringify(
    {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            managed(SUBNET, 'app', { name: 'app', virtual_network_name: 'vnet', address_prefixes: ['10.0.1.0/24'] }),
            managed(SUBNET, 'db', { name: 'db', virtual_network_name: 'vnet', address_prefixes: ['10.0.2.0/24'] }),
            ...associated.map((n) => managed(ASSOCIATION, n, {})),
          ],
        },
      },
      resource_changes: associated.map((n) => ({
        address: `${ASSOCIATION}.${n}`,
        mode: 'managed',
        type: ASSOCIATION,
        name: n,
        change: { actions: ['create'], after: {}, after_unknown: { id: true, subnet_id: true, network_security_group_id: true } },
      })),
      configuration: {
        root_module: {
          resources: associated.map((n) => ({
            address: `${ASSOCIATION}.${n}`,
            mode: 'managed',
            type: ASSOCIATION,
            name: n,
            expressions: {
              subnet_id: { references: [`${SUBNET}.${n}.id`, `${SUBNET}.${n}`] },
              network_security_group_id: { references: [`${NSG}.web.id`, `${NSG}.web`] },
            },
          })),
        },
      },
    },
    null,
    2,
  );
}

export const subnetNsg: IacRule = {
  id: 'IAC-TF-AZ-SUBNET-NSG',
  title: 'Subnet has no network security group',
  severity: 'medium',
  description: 'A subnet without an NSG lets any traffic the route allows reach its hosts; NSGs are the basic filter between subnets and from the internet.',
  remediation: 'Associate an NSG with azurerm_subnet_network_security_group_association (or security_group on an inline VNet subnet block).',
  remediationSnippet: `resource "${ASSOCIATION}" "app" {\n  subnet_id                 = azurerm_subnet.app.id\n  network_security_group_id = azurerm_network_security_group.app.id\n}`,
  helpUri: NSG_DOCS,
  checkov: 'CKV2_AZURE_31',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [SUBNET, VNET],
  check: subnetHasNsg,
  examples: {
    hcl: {
      fail: [
        SUBNET_HCL(),
        {
          files: {
            'main.tf': 'module "net" {\n  source = "./modules/net"\n}\n',
            'modules/net/main.tf': `${SUBNET_HCL()}\n${SUBNET_HCL('db', 'db')}\n${NSG_HCL('app')}\nresource "${ASSOCIATION}" "db" {\n  subnet_id                 = azurerm_subnet.db.id\n  network_security_group_id = azurerm_network_security_group.app.id\n}\n`,
          },
        },
        hcl(VNET, 'address_space = ["10.0.0.0/16"]\nsubnet {\n  name             = "app"\n  address_prefixes = ["10.0.1.0/24"]\n}'),
      ],
      pass: [
        `${SUBNET_HCL()}\n${NSG_HCL('app')}\nresource "${ASSOCIATION}" "app" {\n  subnet_id                 = azurerm_subnet.app.id\n  network_security_group_id = azurerm_network_security_group.app.id\n}\n`,
        hcl(VNET, 'address_space = ["10.0.0.0/16"]\nsubnet {\n  name             = "app"\n  address_prefixes = ["10.0.1.0/24"]\n  security_group   = "/subscriptions/0000/nsg"\n}\nsubnet {\n  name             = "GatewaySubnet"\n  address_prefixes = ["10.0.2.0/24"]\n}'),
        {
          files: {
            'main.tf': 'module "net" {\n  source = "./modules/net"\n}\n',
            'modules/net/main.tf': `${SUBNET_HCL()}\n${NSG_HCL('app')}\nresource "${ASSOCIATION}" "app" {\n  subnet_id                 = azurerm_subnet.app.id\n  network_security_group_id = azurerm_network_security_group.app.id\n}\n`,
          },
        },
      ],
      unknown: [`${variable('subnet_id')}\n${SUBNET_HCL()}\nresource "${ASSOCIATION}" "app" {\n  subnet_id                 = var.subnet_id\n  network_security_group_id = "nsg"\n}\n`],
    },
    tfplan: {
      fail: [
        plan({ type: VNET, values: { address_space: ['10.0.0.0/16'], subnet: [{ name: 'app', address_prefixes: ['10.0.1.0/24'], security_group: '' }] } }),
        subnetPlan(['db']),
      ],
      pass: [
        plan({ type: VNET, values: { address_space: ['10.0.0.0/16'], subnet: [{ name: 'app', address_prefixes: ['10.0.1.0/24'], security_group: '/subscriptions/0000/nsg' }] } }),
        subnetPlan(['app', 'db']),
      ],
    },
  },
};

const NIC = 'azurerm_network_interface';
const NIC_BASE = 'location            = "westeurope"\nresource_group_name = "rg"';
export const nicPublicIp: IacRule = {
  id: 'IAC-TF-AZ-NIC-PUBLIC-IP',
  title: 'Network interface has a public IP address',
  severity: 'medium',
  description: 'A public IP on a NIC puts the VM directly on the internet; inbound access should go through a load balancer, Bastion or a firewall.',
  remediation: 'Remove public_ip_address_id from ip_configuration; publish services through a load balancer or Application Gateway.',
  remediationSnippet: `resource "${NIC}" "example" {\n  ip_configuration {\n    name                          = "internal"\n    subnet_id                     = azurerm_subnet.app.id\n    private_ip_address_allocation = "Dynamic"\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/virtual-network/ip-services/public-ip-addresses',
  checkov: 'CKV_AZURE_119',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [NIC],
  check: forbid('ip_configuration.public_ip_address_id', (v) => isSet(v)),
  examples: {
    hcl: {
      fail: [hcl(NIC, `${NIC_BASE}\nip_configuration {\n  name                          = "ipconfig"\n  private_ip_address_allocation = "Dynamic"\n  public_ip_address_id          = "/subscriptions/0000/publicIPAddresses/pip"\n}`)],
      pass: [hcl(NIC, `${NIC_BASE}\nip_configuration {\n  name                          = "ipconfig"\n  private_ip_address_allocation = "Dynamic"\n}`)],
      unknown: [hcl(NIC, `${NIC_BASE}\nip_configuration {\n  name                 = "ipconfig"\n  public_ip_address_id = var.pip\n}`, variable('pip'))],
    },
    tfplan: {
      fail: [plan({ type: NIC, values: { ip_configuration: [{ name: 'ipconfig', private_ip_address_allocation: 'Dynamic', public_ip_address_id: '/subscriptions/0000/publicIPAddresses/pip' }] } })],
      pass: [plan({ type: NIC, values: { ip_configuration: [{ name: 'ipconfig', private_ip_address_allocation: 'Dynamic', public_ip_address_id: null }] } })],
    },
  },
};

export const nicIpForwarding: IacRule = {
  id: 'IAC-TF-AZ-NIC-IP-FORWARDING',
  title: 'Network interface forwards IP traffic',
  severity: 'medium',
  description: 'IP forwarding lets the VM route traffic not addressed to it; only network virtual appliances need it, elsewhere it helps bypass network controls.',
  remediation: 'Remove ip_forwarding_enabled = true (enable_ip_forwarding before azurerm 4.x) unless the VM is a network appliance.',
  remediationSnippet: `resource "${NIC}" "example" {\n  ip_forwarding_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/virtual-network/virtual-network-network-interface#enable-or-disable-ip-forwarding',
  checkov: 'CKV_AZURE_118',
  model: 'terraform',
  resourceTypes: [NIC],
  check: forbidAlias(['ip_forwarding_enabled', 'enable_ip_forwarding'], true),
  examples: {
    hcl: {
      fail: [hcl(NIC, `${NIC_BASE}\nenable_ip_forwarding = true`), hcl(NIC, 'ip_forwarding_enabled = true')],
      pass: [hcl(NIC, NIC_BASE), hcl(NIC, 'ip_forwarding_enabled = false')],
      unknown: [hcl(NIC, 'ip_forwarding_enabled = var.forwarding', variable('forwarding'))],
    },
    tfplan: {
      fail: [plan({ type: NIC, values: { ip_forwarding_enabled: true } })],
      pass: [plan({ type: NIC, values: { ip_forwarding_enabled: false } })],
    },
  },
};

const APPGW = 'azurerm_application_gateway';
const WAF_POLICY = 'azurerm_web_application_firewall_policy';
export const appGatewayWaf: IacRule = {
  id: 'IAC-TF-AZ-APPGW-WAF',
  title: 'Application Gateway has no web application firewall',
  severity: 'high',
  description:
    'Without a WAF the gateway forwards SQL injection, XSS and other OWASP attacks straight to the backends. A WAF policy in the configuration must not be disabled (policy_settings.enabled = false); unlike Checkov, a policy without policy_settings counts as enabled, the provider default.',
  remediation: 'Use the WAF_v2 SKU and set firewall_policy_id (or waf_configuration { enabled = true } on older deployments).',
  remediationSnippet: `resource "${APPGW}" "example" {\n  sku {\n    name = "WAF_v2"\n    tier = "WAF_v2"\n  }\n  firewall_policy_id = azurerm_web_application_firewall_policy.example.id\n}`,
  helpUri: 'https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview',
  checkov: 'CKV_AZURE_120',
  cwe: ['CWE-693'],
  model: 'terraform',
  resourceTypes: [APPGW],
  check: (r, ctx) => {
    // A WAF policy in this configuration: it must not be switched off (policy_settings.enabled defaults to true).
    const target = ctx.ofType(WAF_POLICY).find((p) => refersTo(r.attributes.firewall_policy_id, p));
    if (target) {
      const enabled = lookup(target.attributes, 'policy_settings.enabled').find((f) => isUnknown(f.value));
      if (enabled) return { outcome: 'unknown', path: 'firewall_policy_id', reason: `whether WAF policy ${target.address} is enabled is not known` };
      return has(target, 'policy_settings.enabled', false)
        ? { outcome: 'fail', path: 'firewall_policy_id', message: `${r.address} uses WAF policy ${target.address}, which is disabled` }
        : { outcome: 'pass', path: 'firewall_policy_id' };
    }
    const policy = requireSet('firewall_policy_id')(r, ctx);
    const list = Array.isArray(policy) ? policy : [policy];
    if (list.some((v) => v.outcome === 'pass')) return policy;
    const waf = expect('waf_configuration.enabled', true)(r, ctx);
    const wl = Array.isArray(waf) ? waf : [waf];
    if (wl.some((v) => v.outcome === 'pass')) return waf;
    if (list.some((v) => v.outcome === 'unknown')) return policy;
    if (!lookup(r.attributes, 'waf_configuration.enabled').length) {
      return { outcome: 'fail', path: 'firewall_policy_id', message: `${r.address} has neither a firewall_policy_id nor an enabled waf_configuration` };
    }
    return waf;
  },
  examples: {
    hcl: {
      fail: [
        hcl(APPGW, 'sku {\n  name = "Standard_v2"\n  tier = "Standard_v2"\n}'),
        hcl(APPGW, 'waf_configuration {\n  enabled          = false\n  firewall_mode    = "Prevention"\n  rule_set_version = "3.2"\n}'),
        `${hcl(WAF_POLICY, 'policy_settings {\n  enabled = false\n}', '', 'waf')}\n${hcl(APPGW, 'firewall_policy_id = azurerm_web_application_firewall_policy.waf.id')}`,
      ],
      pass: [
        hcl(APPGW, 'sku {\n  name = "WAF_v2"\n  tier = "WAF_v2"\n}\nfirewall_policy_id = "/subscriptions/0000/policies/waf"'),
        `${hcl(WAF_POLICY, 'policy_settings {\n  enabled = true\n  mode    = "Prevention"\n}', '', 'waf')}\n${hcl(APPGW, 'firewall_policy_id = azurerm_web_application_firewall_policy.waf.id')}`,
        hcl(APPGW, 'waf_configuration {\n  enabled          = true\n  firewall_mode    = "Prevention"\n  rule_set_version = "3.2"\n}'),
      ],
      unknown: [hcl(APPGW, 'firewall_policy_id = var.waf_policy', variable('waf_policy'))],
    },
    tfplan: {
      fail: [plan({ type: APPGW, values: { sku: [{ name: 'Standard_v2', tier: 'Standard_v2' }], firewall_policy_id: null, waf_configuration: [] } })],
      pass: [plan({ type: APPGW, values: { sku: [{ name: 'WAF_v2', tier: 'WAF_v2' }], firewall_policy_id: '/subscriptions/0000/policies/waf', waf_configuration: [] } })],
    },
  },
};

export const wafPreventionMode: IacRule = {
  id: 'IAC-TF-AZ-APPGW-WAF-PREVENTION',
  title: 'Application Gateway WAF only detects attacks',
  severity: 'medium',
  description: 'In Detection mode the WAF logs attacks but lets them through to the backends; a disabled policy does nothing.',
  remediation: 'Set firewall_mode = "Prevention" in waf_configuration, or policy_settings { enabled = true, mode = "Prevention" } on the WAF policy.',
  remediationSnippet: `resource "${WAF_POLICY}" "example" {\n  policy_settings {\n    enabled = true\n    mode    = "Prevention"\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview#waf-modes',
  cwe: ['CWE-693'],
  model: 'terraform',
  resourceTypes: [APPGW, WAF_POLICY],
  // Policy settings default to enabled, Prevention; an Application Gateway's waf_configuration needs firewall_mode.
  check: byType(
    { [WAF_POLICY]: all(forbid('policy_settings.mode', 'Detection'), forbid('policy_settings.enabled', false)) },
    (r, ctx) => (lookup(r.attributes, 'waf_configuration').some((f) => !(Array.isArray(f.value) && !f.value.length)) ? expect('waf_configuration.firewall_mode', 'Prevention')(r, ctx) : { outcome: 'not-applicable' }),
  ),
  examples: {
    hcl: {
      fail: [
        hcl(WAF_POLICY, 'policy_settings {\n  mode = "Detection"\n}'),
        hcl(APPGW, 'waf_configuration {\n  enabled          = true\n  firewall_mode    = "Detection"\n  rule_set_version = "3.2"\n}'),
      ],
      pass: [
        hcl(WAF_POLICY, 'policy_settings {\n  enabled = true\n  mode    = "Prevention"\n}'),
        hcl(WAF_POLICY, 'managed_rules {}'),
        hcl(APPGW, 'waf_configuration {\n  enabled          = true\n  firewall_mode    = "Prevention"\n  rule_set_version = "3.2"\n}'),
      ],
      unknown: [hcl(WAF_POLICY, 'policy_settings {\n  mode = var.mode\n}', variable('mode'))],
    },
    tfplan: {
      fail: [plan({ type: WAF_POLICY, values: { policy_settings: [{ enabled: true, mode: 'Detection' }] } })],
      pass: [plan({ type: WAF_POLICY, values: { policy_settings: [{ enabled: true, mode: 'Prevention' }] } })],
    },
  },
};

const SECURE_PREDEFINED = ['AppGwSslPolicy20170401S', 'AppGwSslPolicy20220101', 'AppGwSslPolicy20220101S'];
const appGatewayTls: Check = (r) => {
  const policies = lookup(r.attributes, 'ssl_policy');
  const blocks = policies.flatMap((f) => (Array.isArray(f.value) ? f.value.map((v, i) => ({ v, path: `ssl_policy[${i}]` })) : [{ v: f.value, path: f.path }]));
  if (!blocks.length) return { outcome: 'fail', path: 'ssl_policy', message: `${r.address} sets no ssl_policy: older gateways then accept TLS 1.0` };
  const out: Verdict[] = [];
  for (const { v, path } of blocks) {
    if (isUnknown(v)) {
      out.push({ outcome: 'unknown', path, value: v });
      continue;
    }
    if (!isObject(v)) continue;
    const name = v.policy_name;
    const min = v.min_protocol_version;
    if (isUnknown(name) || isUnknown(min)) {
      out.push({ outcome: 'unknown', path: `${path}.${isUnknown(name) ? 'policy_name' : 'min_protocol_version'}`, value: isUnknown(name) ? name : (min as IacValue) });
    } else if (typeof min === 'string' && min) {
      out.push({ outcome: ['TLSv1_2', 'TLSv1_3'].includes(min) ? 'pass' : 'fail', path: `${path}.min_protocol_version`, value: min });
    } else if (typeof name === 'string' && name) {
      out.push({ outcome: SECURE_PREDEFINED.includes(name) ? 'pass' : 'fail', path: `${path}.policy_name`, value: name });
    } else out.push({ outcome: 'fail', path: `${path}.min_protocol_version` });
  }
  const fails = out.filter((x) => x.outcome === 'fail');
  if (fails.length) return fails;
  return out.find((x) => x.outcome === 'unknown') ?? out[0] ?? { outcome: 'fail', path: 'ssl_policy' };
};

export const appGatewayMinTls: IacRule = {
  id: 'IAC-TF-AZ-APPGW-MIN-TLS',
  title: 'Application Gateway accepts TLS older than 1.2',
  severity: 'high',
  description: 'Without an ssl_policy, or with a policy such as AppGwSslPolicy20150501, the gateway negotiates TLS 1.0/1.1 and weak cipher suites with clients.',
  remediation: 'Set ssl_policy { policy_type = "Predefined", policy_name = "AppGwSslPolicy20220101S" } or a custom policy with min_protocol_version = "TLSv1_2".',
  remediationSnippet: `resource "${APPGW}" "example" {\n  ssl_policy {\n    policy_type = "Predefined"\n    policy_name = "AppGwSslPolicy20220101S"\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview',
  checkov: 'CKV_AZURE_218',
  cwe: ['CWE-326'],
  model: 'terraform',
  resourceTypes: [APPGW],
  check: appGatewayTls,
  examples: {
    hcl: {
      fail: [
        hcl(APPGW, 'ssl_policy {\n  policy_type = "Predefined"\n  policy_name = "AppGwSslPolicy20150501"\n}'),
        hcl(APPGW, 'sku {\n  name = "WAF_v2"\n  tier = "WAF_v2"\n}'),
      ],
      pass: [
        hcl(APPGW, 'ssl_policy {\n  policy_type = "Predefined"\n  policy_name = "AppGwSslPolicy20220101S"\n}'),
        hcl(APPGW, 'ssl_policy {\n  policy_type          = "CustomV2"\n  min_protocol_version = "TLSv1_2"\n  cipher_suites        = ["TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"]\n}'),
      ],
      unknown: [hcl(APPGW, 'ssl_policy {\n  policy_type = "Predefined"\n  policy_name = var.ssl_policy\n}', variable('ssl_policy'))],
    },
    tfplan: {
      fail: [plan({ type: APPGW, values: { ssl_policy: [{ policy_type: 'Custom', min_protocol_version: 'TLSv1_0', policy_name: '' }] } })],
      pass: [plan({ type: APPGW, values: { ssl_policy: [{ policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101', min_protocol_version: '' }] } })],
    },
  },
};

const FRONTDOOR = 'azurerm_frontdoor';
const AFD_PROFILE = 'azurerm_cdn_frontdoor_profile';
const AFD_SECURITY_POLICY = 'azurerm_cdn_frontdoor_security_policy';
export const frontDoorWaf: IacRule = {
  id: 'IAC-TF-AZ-FRONTDOOR-WAF',
  title: 'Front Door has no web application firewall',
  severity: 'high',
  description: 'Without a WAF policy Front Door forwards SQL injection, XSS and bot traffic to the origins.',
  remediation: 'Classic Front Door: set web_application_firewall_policy_link_id on every frontend_endpoint. Standard/Premium: add an azurerm_cdn_frontdoor_security_policy with a firewall policy for the profile.',
  remediationSnippet: `resource "${FRONTDOOR}" "example" {\n  frontend_endpoint {\n    name                                    = "web"\n    host_name                               = "example.azurefd.net"\n    web_application_firewall_policy_link_id = azurerm_frontdoor_firewall_policy.example.id\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/web-application-firewall/afds/afds-overview',
  checkov: 'CKV_AZURE_121',
  cwe: ['CWE-693'],
  model: 'terraform',
  resourceTypes: [FRONTDOOR, AFD_PROFILE],
  check: byType(
    {
      [AFD_PROFILE]: (r, ctx) => {
        const l = linked(ctx, AFD_SECURITY_POLICY, ['cdn_frontdoor_profile_id'], r);
        if (l === 'yes') return { outcome: 'pass', path: 'id' };
        if (l === 'maybe') return { outcome: 'unknown', reason: 'a security policy names a profile that is not known before deployment' };
        return { outcome: 'fail', message: `No azurerm_cdn_frontdoor_security_policy in the configuration attaches a WAF policy to ${r.address}` };
      },
    },
    (r, ctx) => {
      if (!lookup(r.attributes, 'frontend_endpoint').length) return { outcome: 'fail', path: 'frontend_endpoint.web_application_firewall_policy_link_id' };
      return expect('frontend_endpoint.web_application_firewall_policy_link_id', (v) => isSet(v))(r, ctx);
    },
  ),
  examples: {
    hcl: {
      fail: [
        hcl(FRONTDOOR, 'frontend_endpoint {\n  name      = "web"\n  host_name = "example.azurefd.net"\n}'),
        hcl(AFD_PROFILE, 'resource_group_name = "rg"\nsku_name            = "Premium_AzureFrontDoor"'),
      ],
      pass: [
        hcl(FRONTDOOR, 'frontend_endpoint {\n  name                                    = "web"\n  host_name                               = "example.azurefd.net"\n  web_application_firewall_policy_link_id = "/subscriptions/0000/waf"\n}'),
        `${hcl(AFD_PROFILE, 'resource_group_name = "rg"\nsku_name            = "Premium_AzureFrontDoor"')}\nresource "${AFD_SECURITY_POLICY}" "waf" {\n  name                     = "waf"\n  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.example.id\n}\n`,
      ],
      unknown: [hcl(FRONTDOOR, 'frontend_endpoint {\n  name                                    = "web"\n  host_name                               = "example.azurefd.net"\n  web_application_firewall_policy_link_id = var.waf\n}', variable('waf'))],
    },
    tfplan: {
      fail: [plan({ type: FRONTDOOR, values: { frontend_endpoint: [{ name: 'web', host_name: 'example.azurefd.net', web_application_firewall_policy_link_id: '' }] } })],
      pass: [plan({ type: FRONTDOOR, values: { frontend_endpoint: [{ name: 'web', host_name: 'example.azurefd.net', web_application_firewall_policy_link_id: '/subscriptions/0000/waf' }] } })],
    },
  },
};

const FD_WAF = 'azurerm_frontdoor_firewall_policy';
const AFD_WAF = 'azurerm_cdn_frontdoor_firewall_policy';
export const frontDoorWafPrevention: IacRule = {
  id: 'IAC-TF-AZ-FRONTDOOR-WAF-PREVENTION',
  title: 'Front Door WAF policy only detects attacks',
  severity: 'medium',
  description: 'In Detection mode the Front Door WAF logs attacks but forwards them to the origins; a disabled policy does nothing.',
  remediation: 'Set mode = "Prevention" and keep enabled = true.',
  remediationSnippet: `resource "${AFD_WAF}" "example" {\n  enabled  = true\n  mode     = "Prevention"\n  sku_name = "Premium_AzureFrontDoor"\n}`,
  helpUri: 'https://learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-policy-settings',
  cwe: ['CWE-693'],
  model: 'terraform',
  resourceTypes: [FD_WAF, AFD_WAF],
  // Both default to enabled; azurerm_frontdoor_firewall_policy defaults to Prevention, the cdn_ policy requires mode.
  check: (r, ctx) => all(expect('mode', 'Prevention', { whenMissing: r.type === FD_WAF ? 'pass' : 'fail' }), forbid('enabled', false))(r, ctx),
  examples: {
    hcl: {
      fail: [hcl(AFD_WAF, 'sku_name = "Premium_AzureFrontDoor"\nmode     = "Detection"'), hcl(FD_WAF, 'enabled = false')],
      pass: [hcl(AFD_WAF, 'sku_name = "Premium_AzureFrontDoor"\nmode     = "Prevention"'), hcl(FD_WAF, 'resource_group_name = "rg"')],
      unknown: [hcl(AFD_WAF, 'sku_name = "Premium_AzureFrontDoor"\nmode     = var.mode', variable('mode'))],
    },
    tfplan: {
      fail: [plan({ type: AFD_WAF, values: { enabled: true, mode: 'Detection', sku_name: 'Premium_AzureFrontDoor' } })],
      pass: [plan({ type: AFD_WAF, values: { enabled: true, mode: 'Prevention', sku_name: 'Premium_AzureFrontDoor' } })],
    },
  },
};

const FIREWALL = 'azurerm_firewall';
const FIREWALL_POLICY = 'azurerm_firewall_policy';
export const firewallThreatIntel: IacRule = {
  id: 'IAC-TF-AZ-FIREWALL-THREAT-INTEL-DENY',
  title: 'Azure Firewall does not block known malicious addresses',
  severity: 'medium',
  description:
    'Threat intelligence in Alert mode (the default) only logs traffic to and from known malicious IPs and domains; Off ignores it. Deny blocks it. A firewall with a firewall_policy_id is judged on its policy instead (Checkov fails it unless its own threat_intel_mode is Deny).',
  remediation: 'Set threat_intel_mode = "Deny" on azurerm_firewall, or threat_intelligence_mode = "Deny" on its azurerm_firewall_policy.',
  remediationSnippet: `resource "${FIREWALL_POLICY}" "example" {\n  threat_intelligence_mode = "Deny"\n}`,
  helpUri: 'https://learn.microsoft.com/azure/firewall/threat-intel',
  checkov: 'CKV_AZURE_216',
  model: 'terraform',
  resourceTypes: [FIREWALL, FIREWALL_POLICY],
  check: byType(
    { [FIREWALL_POLICY]: expect('threat_intelligence_mode', 'Deny') },
    // A firewall managed by a policy takes its threat intelligence mode from the policy.
    (r, ctx) => (requireSet('firewall_policy_id')(r, ctx) as Verdict).outcome !== 'fail' ? { outcome: 'not-applicable' } : expect('threat_intel_mode', 'Deny')(r, ctx),
  ),
  examples: {
    hcl: {
      fail: [hcl(FIREWALL, 'sku_name = "AZFW_VNet"\nsku_tier = "Standard"'), hcl(FIREWALL_POLICY, 'threat_intelligence_mode = "Alert"')],
      pass: [
        hcl(FIREWALL, 'sku_name          = "AZFW_VNet"\nsku_tier          = "Standard"\nthreat_intel_mode = "Deny"'),
        hcl(FIREWALL_POLICY, 'threat_intelligence_mode = "Deny"'),
      ],
      unknown: [hcl(FIREWALL_POLICY, 'threat_intelligence_mode = var.ti', variable('ti'))],
    },
    tfplan: {
      fail: [plan({ type: FIREWALL_POLICY, values: { threat_intelligence_mode: 'Off' } })],
      pass: [plan({ type: FIREWALL_POLICY, values: { threat_intelligence_mode: 'Deny' } })],
    },
  },
};

export const vnetDdosProtection: IacRule = {
  id: 'IAC-TF-AZ-VNET-DDOS-PROTECTION',
  title: 'Virtual network has no DDoS protection plan',
  severity: 'low',
  description: 'DDoS Network Protection adds adaptive tuning, attack telemetry and cost protection to public IPs in the network beyond the basic platform protection.',
  remediation: 'Add ddos_protection_plan { id = azurerm_network_ddos_protection_plan.example.id, enable = true } on networks with public endpoints.',
  remediationSnippet: `resource "${VNET}" "example" {\n  ddos_protection_plan {\n    id     = azurerm_network_ddos_protection_plan.example.id\n    enable = true\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/ddos-protection/ddos-protection-overview',
  model: 'terraform',
  resourceTypes: [VNET],
  check: expect('ddos_protection_plan.enable', true),
  examples: {
    hcl: {
      fail: [hcl(VNET, 'address_space = ["10.0.0.0/16"]'), hcl(VNET, 'ddos_protection_plan {\n  id     = "plan"\n  enable = false\n}')],
      pass: [hcl(VNET, 'address_space = ["10.0.0.0/16"]\nddos_protection_plan {\n  id     = "/subscriptions/0000/ddosProtectionPlans/plan"\n  enable = true\n}')],
      unknown: [hcl(VNET, 'ddos_protection_plan {\n  id     = "plan"\n  enable = var.ddos\n}', variable('ddos'))],
    },
    tfplan: {
      fail: [plan({ type: VNET, values: { address_space: ['10.0.0.0/16'], ddos_protection_plan: [] } })],
      pass: [plan({ type: VNET, values: { address_space: ['10.0.0.0/16'], ddos_protection_plan: [{ id: 'plan', enable: true }] } })],
    },
  },
};

/** HTTP listeners are fine when their routing rule only redirects (to the HTTPS listener). */
const appGatewayHttpListeners: Check = (r) => {
  const listeners = r.attributes.http_listener;
  if (isUnknown(listeners)) return { outcome: 'unknown', path: 'http_listener', value: listeners };
  if (!Array.isArray(listeners) || !listeners.length) return { outcome: 'not-applicable' };
  const rules = Array.isArray(r.attributes.request_routing_rule) ? r.attributes.request_routing_rule.filter(isObject) : [];
  const out: Verdict[] = [];
  listeners.forEach((l, i) => {
    const path = `http_listener[${i}].protocol`;
    if (!isObject(l)) return;
    const protocol = l.protocol;
    if (isUnknown(protocol)) return void out.push({ outcome: 'unknown', path, value: protocol });
    if (typeof protocol !== 'string' || protocol.toLowerCase() !== 'http') return void out.push({ outcome: 'pass', path, value: protocol ?? null });
    const mine = rules.filter((rr) => rr.http_listener_name === l.name);
    const redirects = mine.length > 0 && mine.every((rr) => isSet(rr.redirect_configuration_name));
    if (redirects) return void out.push({ outcome: 'pass', path, value: protocol });
    if (mine.some((rr) => isUnknown(rr.redirect_configuration_name))) return void out.push({ outcome: 'unknown', path, value: protocol });
    out.push({ outcome: 'fail', path, value: protocol, message: `${r.address}: listener "${String(l.name)}" serves plain HTTP without redirecting to HTTPS` });
  });
  const fails = out.filter((x) => x.outcome === 'fail');
  if (fails.length) return fails;
  return out.find((x) => x.outcome === 'unknown') ?? out[0] ?? { outcome: 'not-applicable' };
};

const listener = (name: string, protocol: string) =>
  `http_listener {\n  name                           = "${name}"\n  frontend_ip_configuration_name = "public"\n  frontend_port_name             = "${protocol === 'Https' ? 'https' : 'http'}"\n  protocol                       = "${protocol}"\n}`;
const routing = (listenerName: string, extra: string) =>
  `request_routing_rule {\n  name               = "${listenerName}-rule"\n  rule_type          = "Basic"\n  http_listener_name = "${listenerName}"\n  priority           = 100\n  ${extra}\n}`;

export const appGatewayHttpListener: IacRule = {
  id: 'IAC-TF-AZ-APPGW-HTTP-LISTENER',
  title: 'Application Gateway serves plain HTTP',
  severity: 'medium',
  description:
    'An HTTP listener whose routing rule forwards to the backends (instead of redirecting to HTTPS) carries requests, cookies and credentials in clear text. An HTTP listener that only redirects to HTTPS passes (Checkov fails any first listener that is not Https).',
  remediation: 'Use protocol = "Https" listeners with an ssl_certificate, and give any HTTP listener a routing rule with redirect_configuration_name pointing at the HTTPS listener.',
  remediationSnippet: `resource "${APPGW}" "example" {\n  ${listener('https', 'Https').split('\n').join('\n  ')}\n}`,
  helpUri: 'https://learn.microsoft.com/azure/application-gateway/redirect-http-to-https-portal',
  checkov: 'CKV_AZURE_217',
  cwe: ['CWE-319'],
  model: 'terraform',
  resourceTypes: [APPGW],
  check: appGatewayHttpListeners,
  examples: {
    hcl: {
      fail: [hcl(APPGW, `${listener('web', 'Http')}\n${routing('web', 'backend_address_pool_name  = "pool"\n  backend_http_settings_name = "settings"')}`)],
      pass: [
        hcl(APPGW, `${listener('web', 'Https')}\n${routing('web', 'backend_address_pool_name  = "pool"')}`),
        hcl(APPGW, `${listener('web', 'Https')}\n${listener('web-http', 'Http')}\n${routing('web-http', 'redirect_configuration_name = "to-https"')}`),
      ],
      unknown: [hcl(APPGW, `http_listener {\n  name     = "web"\n  protocol = var.protocol\n}`, variable('protocol'))],
    },
    tfplan: {
      fail: [plan({ type: APPGW, values: { http_listener: [{ name: 'web', protocol: 'Http' }], request_routing_rule: [{ name: 'r', http_listener_name: 'web', backend_address_pool_name: 'pool', redirect_configuration_name: '' }] } })],
      pass: [plan({ type: APPGW, values: { http_listener: [{ name: 'web', protocol: 'Https' }], request_routing_rule: [{ name: 'r', http_listener_name: 'web', backend_address_pool_name: 'pool' }] } })],
    },
  },
};

export const firewallPolicyIdps: IacRule = {
  id: 'IAC-TF-AZ-FIREWALL-POLICY-IDPS-DENY',
  title: 'Premium firewall policy does not block intrusions',
  severity: 'medium',
  description: 'With IDPS Off or in Alert mode, a Premium Azure Firewall only logs exploit and malware signatures it matches instead of dropping the traffic.',
  remediation: 'Set intrusion_detection { mode = "Deny" } on Premium firewall policies (the default is Off).',
  remediationSnippet: `resource "${FIREWALL_POLICY}" "example" {\n  sku = "Premium"\n  intrusion_detection {\n    mode = "Deny"\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/firewall/premium-features#idps',
  checkov: 'CKV_AZURE_220',
  model: 'terraform',
  resourceTypes: [FIREWALL_POLICY],
  // IDPS exists only on the Premium tier.
  check: (r, ctx) => {
    const sku = r.attributes.sku;
    if (isUnknown(sku)) return { outcome: 'unknown', path: 'sku', value: sku };
    if (typeof sku !== 'string' || sku.toLowerCase() !== 'premium') return { outcome: 'not-applicable' };
    return expect('intrusion_detection.mode', 'Deny')(r, ctx);
  },
  examples: {
    hcl: {
      fail: [hcl(FIREWALL_POLICY, 'sku = "Premium"'), hcl(FIREWALL_POLICY, 'sku = "Premium"\nintrusion_detection {\n  mode = "Alert"\n}')],
      pass: [hcl(FIREWALL_POLICY, 'sku = "Premium"\nintrusion_detection {\n  mode = "Deny"\n}')],
      unknown: [hcl(FIREWALL_POLICY, 'sku = "Premium"\nintrusion_detection {\n  mode = var.idps\n}', variable('idps'))],
    },
    tfplan: {
      fail: [plan({ type: FIREWALL_POLICY, values: { sku: 'Premium', intrusion_detection: [{ mode: 'Off' }] } })],
      pass: [plan({ type: FIREWALL_POLICY, values: { sku: 'Premium', intrusion_detection: [{ mode: 'Deny' }] } })],
    },
  },
};

export const networkRules: readonly IacRule[] = [
  nsgSshInternet,
  nsgRdpInternet,
  nsgAllPortsInternet,
  nsgUdpInternet,
  nsgDatabasePortsInternet,
  flowLogRetention,
  flowLogEnabled,
  nsgFlowLog,
  subnetNsg,
  nicPublicIp,
  nicIpForwarding,
  appGatewayWaf,
  wafPreventionMode,
  appGatewayMinTls,
  frontDoorWaf,
  frontDoorWafPrevention,
  firewallThreatIntel,
  vnetDdosProtection,
  appGatewayHttpListener,
  firewallPolicyIdps,
];
