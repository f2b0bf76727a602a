// Network security groups (inline securityRules and securityRules children) and Application Gateway WAF.
import { all, expect, fail, isInternet, isSet, notApplicable, pass, portCovers, unknown, type Check } from '../../helpers';
import type { IacRule, IacValue, Verdict } from '../../types';
import { asNumber, get, isObject, isUnknown, joinPath } from '../../values';
import { azureRule, param, type Body, type Res } from './build';

const NSG = 'Microsoft.Network/networkSecurityGroups';
const RULE = 'Microsoft.Network/networkSecurityGroups/securityRules';
const api = '2023-09-01';

type Tri = boolean | undefined;
const tri = (v: IacValue | undefined, test: (v: IacValue) => boolean): Tri => (v === undefined ? false : isUnknown(v) ? undefined : test(v));
const anyTri = (vs: Tri[]): Tri => (vs.some((v) => v === true) ? true : vs.some((v) => v === undefined) ? undefined : false);
const eq = (word: string) => (v: IacValue) => typeof v === 'string' && v.toLowerCase() === word;

/** Whether one rule's properties let the internet in on `port` (undefined port: any port, i.e. '*'). */
function opens(p: Record<string, IacValue>, port: number | undefined, protocols: readonly string[]): Tri {
  const list = (one: string, many: string): IacValue[] => [p[one], ...(Array.isArray(p[many]) ? (p[many] as IacValue[]) : p[many] !== undefined ? [p[many]] : [])].filter((v) => v !== undefined);
  const covers = (v: IacValue): Tri => (port === undefined ? (isUnknown(v) ? undefined : typeof v === 'string' && ['*', '0-65535'].includes(v.trim())) : portCovers(v, port));
  const parts: Tri[] = [
    tri(p.direction, eq('inbound')),
    tri(p.access, eq('allow')),
    tri(p.protocol, (v) => typeof v === 'string' && protocols.includes(v.toLowerCase())),
    anyTri(list('sourceAddressPrefix', 'sourceAddressPrefixes').map((v) => tri(v, isInternet))),
    anyTri(list('destinationPortRange', 'destinationPortRanges').map((v) => (isUnknown(v) ? undefined : covers(v)))),
  ];
  if (parts.some((x) => x === false)) return false;
  return parts.some((x) => x === undefined) ? undefined : true;
}

function nsgCheck(port: number | undefined, protocols: readonly string[]): Check {
  return (r) => {
    const rules: { path: string; props: IacValue | undefined }[] = [];
    if (r.type === RULE.toLowerCase()) rules.push({ path: 'properties', props: r.attributes.properties });
    else {
      const list = isObject(r.attributes.properties) ? r.attributes.properties.securityRules : undefined;
      if (isUnknown(list)) return unknown('properties.securityRules', list);
      if (Array.isArray(list)) list.forEach((x, i) => rules.push({ path: joinPath(joinPath('properties.securityRules', i), 'properties'), props: isObject(x) ? x.properties : undefined }));
    }
    const verdicts: Verdict[] = [];
    let unsure: Verdict | undefined;
    for (const { path, props } of rules) {
      if (isUnknown(props)) {
        unsure ??= unknown(path, props);
        continue;
      }
      if (!isObject(props)) continue;
      const o = opens(props, port, protocols);
      const at = joinPath(path, props.destinationPortRange !== undefined ? 'destinationPortRange' : 'destinationPortRanges');
      if (o === true) verdicts.push(fail(at, (props.destinationPortRange ?? props.destinationPortRanges) as IacValue));
      else if (o === undefined) unsure ??= unknown(at);
    }
    if (verdicts.length) return verdicts;
    return unsure ?? pass(r.type === RULE.toLowerCase() ? 'properties' : 'properties.securityRules');
  };
}

const ruleProps = (port: IacValue | Body, extra: Body = {}): Body => ({
  protocol: 'Tcp',
  sourcePortRange: '*',
  destinationAddressPrefix: '*',
  access: 'Allow',
  direction: 'Inbound',
  priority: 100,
  sourceAddressPrefix: '*',
  destinationPortRange: port as never,
  ...extra,
});
/** A rule with destinationPortRanges (a list) from 0.0.0.0/0. */
const portList = (ports: string[]): Body => {
  const { destinationPortRange: _one, ...rest } = ruleProps('*', { sourceAddressPrefix: '0.0.0.0/0' });
  return { ...rest, destinationPortRanges: ports };
};
const nsg = (...rules: Body[]): Body => ({ properties: { securityRules: rules.map((p, i) => ({ name: `rule${i}`, properties: p })) } });
const childRule = (p: Body): Res[] => [{ type: RULE, name: 'nsg/allow-in', body: { properties: p } }];

const exposure = (id: string, port: number | undefined, what: string, checkov: string | undefined, protocols: readonly string[], cis?: string, severity?: 'medium') =>
  azureRule({
    id,
    title: `Network security group allows ${what} from the internet`,
    severity: severity ?? (port === undefined ? 'critical' : 'high'),
    description: `An inbound Allow rule from any source (*, Internet, 0.0.0.0/0) to ${port === undefined ? 'every port' : `port ${port}`} exposes ${what} to scanning and brute force from the whole internet.${
      checkov ? " Protocol '*' and the prefixes Internet and 0.0.0.0/0 in any case count too (Checkov's ARM check reads only Tcp and a few lower-case prefixes)." : ''
    }`,
    remediation: `Restrict sourceAddressPrefix(es) to known ranges, or use Azure Bastion / just-in-time access instead of opening ${port === undefined ? 'all ports' : `port ${port}`}.`,
    helpUri: 'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview',
    ...(checkov ? { checkov } : {}),
    ...(cis ? { cis: [cis] } : {}),
    cwe: ['CWE-284'],
    types: [NSG, RULE],
    api,
    check: nsgCheck(port, protocols),
    fail: [
      nsg(ruleProps(port === undefined ? '*' : String(port))),
      childRule(ruleProps(port === undefined ? '0-65535' : `${port - 2}-${port + 10}`, { sourceAddressPrefix: 'Internet' })),
      nsg(portList(['443', port === undefined ? '*' : String(port)])),
    ],
    pass: [
      nsg(ruleProps(port === undefined ? '*' : String(port), { sourceAddressPrefix: '10.0.0.0/8' })),
      childRule(ruleProps('443')),
      nsg(ruleProps(port === undefined ? '*' : String(port), { access: 'Deny' })),
    ],
    unknown: [nsg(ruleProps(port === undefined ? '*' : String(port), { sourceAddressPrefix: param('sourcePrefix') }))],
  });

const APPGW = 'Microsoft.Network/applicationGateways';
const FRONTDOOR = 'Microsoft.Network/frontDoors';
/** CBC-mode, RSA key-exchange, DHE and 3DES suites (no forward secrecy or padding-oracle prone). */
const WEAK_CIPHER = /CBC|^TLS_RSA_|^TLS_DHE_|3DES/i;
const WAF_POLICY_ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/FrontDoorWebApplicationFirewallPolicies/waf';
/** A classic Front Door with one frontend endpoint (two when `second`, the second without a WAF link). */
const frontDoor = (wafId: string | undefined, second = false): Body => {
  const endpoint = (name: string, id?: string): Body => ({
    name,
    properties: { hostName: `${name}.azurefd.net`, ...(id ? { webApplicationFirewallPolicyLink: { id } } : {}) },
  });
  return { properties: { enabledState: 'Enabled', frontendEndpoints: [endpoint('fd-main', wafId), ...(second ? [endpoint('fd-extra')] : [])] } };
};
const flowLog = (p: Body): Res[] => [
  {
    type: 'Microsoft.Network/networkWatchers/flowLogs',
    name: 'NetworkWatcher_westeurope/nsg-flow',
    body: { properties: { targetResourceId: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg', storageId: 'st-id', ...p } },
  },
];
const gateway = (sku: string, p: Body = {}): Body => ({ properties: { sku: { name: sku, tier: sku, capacity: 2 }, ...p } });

export const networkRules: readonly IacRule[] = [
  exposure('IAC-AZ-NSG-SSH-FROM-INTERNET', 22, 'SSH', 'CKV_AZURE_10', ['tcp', '*', 'any'], 'CIS Azure 6.2'),
  exposure('IAC-AZ-NSG-RDP-FROM-INTERNET', 3389, 'RDP', 'CKV_AZURE_9', ['tcp', 'udp', '*', 'any'], 'CIS Azure 6.1'),
  exposure('IAC-AZ-NSG-HTTP-FROM-INTERNET', 80, 'plain HTTP', 'CKV_AZURE_160', ['tcp', '*', 'any'], undefined, 'medium'),
  exposure('IAC-AZ-NSG-ALL-PORTS-FROM-INTERNET', undefined, 'every port', undefined, ['tcp', 'udp', 'icmp', '*', 'any']),
  azureRule({
    id: 'IAC-AZ-APPGW-WAF',
    title: 'Application Gateway without a web application firewall',
    severity: 'medium',
    description: 'Without WAF the gateway forwards SQL injection, XSS and other OWASP top-10 attacks to the backends unfiltered.',
    remediation: 'Use the WAF_v2 SKU with a firewallPolicy (or webApplicationFirewallConfiguration.enabled: true).',
    helpUri: 'https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview',
    checkov: 'CKV_AZURE_120',
    cwe: ['CWE-693'],
    types: [APPGW],
    api,
    check: (r) => {
      const p = isObject(r.attributes.properties) ? r.attributes.properties : {};
      const policy = isObject(p.firewallPolicy) ? p.firewallPolicy.id : p.firewallPolicy;
      if (policy !== undefined && !isUnknown(policy) && policy !== null && policy !== '') return pass('properties.firewallPolicy', policy);
      const waf = isObject(p.webApplicationFirewallConfiguration) ? p.webApplicationFirewallConfiguration.enabled : undefined;
      if (waf === true) return pass('properties.webApplicationFirewallConfiguration.enabled', waf);
      if (isUnknown(waf)) return unknown('properties.webApplicationFirewallConfiguration.enabled', waf);
      if (isUnknown(policy)) return pass('properties.firewallPolicy', policy);
      return fail(waf === undefined ? 'properties.webApplicationFirewallConfiguration.enabled' : 'properties.webApplicationFirewallConfiguration.enabled', waf);
    },
    fail: [gateway('Standard_v2'), gateway('WAF_v2', { webApplicationFirewallConfiguration: { enabled: false, firewallMode: 'Prevention', ruleSetType: 'OWASP', ruleSetVersion: '3.2' } })],
    pass: [
      gateway('WAF_v2', { webApplicationFirewallConfiguration: { enabled: true, firewallMode: 'Prevention', ruleSetType: 'OWASP', ruleSetVersion: '3.2' } }),
      gateway('WAF_v2', { firewallPolicy: { id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf' } }),
    ],
    unknown: [gateway('WAF_v2', { webApplicationFirewallConfiguration: { enabled: param('wafEnabled', 'bool') } })],
  }),
  azureRule({
    id: 'IAC-AZ-FRONTDOOR-WAF',
    title: 'Front Door (classic) frontend endpoint without a WAF policy',
    severity: 'medium',
    description:
      'A frontend endpoint without webApplicationFirewallPolicyLink forwards SQL injection, XSS and bot traffic to the origins unfiltered. Every endpoint is judged (Checkov reads only the first).',
    remediation: 'Link a FrontDoorWebApplicationFirewallPolicies policy in each frontend endpoint (properties.webApplicationFirewallPolicyLink.id).',
    helpUri: 'https://learn.microsoft.com/azure/web-application-firewall/afds/afds-overview',
    checkov: 'CKV_AZURE_121',
    cwe: ['CWE-693'],
    types: [FRONTDOOR],
    api: '2021-06-01',
    check: (r) => {
      const endpoints = get(r.attributes, 'properties.frontendEndpoints');
      if (isUnknown(endpoints)) return unknown('properties.frontendEndpoints', endpoints);
      if (!Array.isArray(endpoints) || !endpoints.length) return fail('properties.frontendEndpoints');
      const verdicts: Verdict[] = endpoints.map((e, i) => {
        const path = `properties.frontendEndpoints[${i}].properties.webApplicationFirewallPolicyLink.id`;
        const id = get(e, 'properties.webApplicationFirewallPolicyLink.id');
        if (isUnknown(id)) return pass(path, id); // a reference to a policy resource: linked
        return typeof id === 'string' && id.trim() ? pass(path, id) : fail(path, id);
      });
      const fails = verdicts.filter((v) => v.outcome === 'fail');
      return fails.length ? fails : verdicts[0];
    },
    fail: [frontDoor(undefined), frontDoor(WAF_POLICY_ID, true)],
    pass: [frontDoor(WAF_POLICY_ID)],
  }),
  azureRule({
    id: 'IAC-AZ-FRONTDOOR-WAF-POLICY-DISABLED',
    title: 'Front Door WAF policy is disabled',
    severity: 'medium',
    description:
      "A Front Door WAF policy whose policySettings.enabledState is Disabled inspects nothing, in Detection or Prevention mode alike. Unset passes (the API's default is Enabled; Checkov wants it written).",
    remediation: "Set properties.policySettings.enabledState to 'Enabled' (mode 'Prevention' to block).",
    helpUri: 'https://learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-policy-settings',
    checkov: 'CKV_AZURE_123',
    cwe: ['CWE-693'],
    types: ['Microsoft.Network/FrontDoorWebApplicationFirewallPolicies'],
    api: '2022-05-01',
    check: expect('properties.policySettings.enabledState', 'Enabled', { ignoreCase: true, whenMissing: 'pass' }),
    fail: [{ sku: { name: 'Premium_AzureFrontDoor' }, properties: { policySettings: { enabledState: 'Disabled', mode: 'Prevention' } } }],
    pass: [{ sku: { name: 'Premium_AzureFrontDoor' }, properties: { policySettings: { enabledState: 'Enabled', mode: 'Prevention' } } }, { properties: { policySettings: { mode: 'Detection' } } }],
    unknown: [{ properties: { policySettings: { enabledState: param('wafState') } } }],
  }),
  azureRule({
    id: 'IAC-AZ-FIREWALL-THREAT-INTEL-DENY',
    title: 'Azure Firewall does not block known malicious addresses',
    severity: 'medium',
    description:
      "Threat intelligence mode 'Deny' drops traffic to and from addresses and domains Microsoft knows to be malicious; the default 'Alert' only logs it. A firewall managed by a firewall policy is judged on the policy (Checkov fails the firewall).",
    remediation: "Set properties.threatIntelMode to 'Deny' on the firewall policy (or on a classic firewall).",
    helpUri: 'https://learn.microsoft.com/azure/firewall/threat-intel',
    checkov: 'CKV_AZURE_216',
    cwe: ['CWE-693'],
    types: ['Microsoft.Network/azureFirewalls', 'Microsoft.Network/firewallPolicies'],
    api,
    check: (r, ctx) =>
      r.type === 'microsoft.network/azurefirewalls' && isSet(get(r.attributes, 'properties.firewallPolicy'))
        ? notApplicable()
        : expect('properties.threatIntelMode', 'Deny', { ignoreCase: true })(r, ctx),
    fail: [{ properties: { sku: { name: 'AZFW_VNet', tier: 'Standard' }, threatIntelMode: 'Alert' } }, [{ type: 'Microsoft.Network/firewallPolicies', body: { properties: { sku: { tier: 'Standard' } } } }]],
    pass: [{ properties: { sku: { name: 'AZFW_VNet', tier: 'Standard' }, threatIntelMode: 'Deny' } }, [{ type: 'Microsoft.Network/firewallPolicies', body: { properties: { threatIntelMode: 'Deny' } } }]],
    unknown: [{ properties: { threatIntelMode: param('threatIntel') } }],
  }),
  azureRule({
    id: 'IAC-AZ-FLOW-LOG-RETENTION',
    title: 'NSG flow logs disabled or kept for less than 90 days',
    severity: 'low',
    description:
      'Flow logs show which addresses talked to which ports; kept for less than 90 days (or not collected) they are gone before most intrusions are investigated. Retention days 0 (keep forever) passes, unlike Checkov.',
    remediation: 'Set properties.enabled and properties.retentionPolicy.enabled to true with retentionPolicy.days of 90 or more (0 keeps logs forever).',
    helpUri: 'https://learn.microsoft.com/azure/network-watcher/nsg-flow-logs-overview',
    checkov: 'CKV_AZURE_12',
    cis: ['CIS Azure 6.5'],
    cwe: ['CWE-778'],
    types: ['Microsoft.Network/networkWatchers/flowLogs'],
    api,
    check: all(
      expect('properties.enabled', true),
      expect('properties.retentionPolicy.enabled', true),
      expect('properties.retentionPolicy.days', (v) => asNumber(v) !== undefined && (asNumber(v) === 0 || (asNumber(v) as number) >= 90)),
    ),
    fail: [flowLog({ enabled: true, retentionPolicy: { enabled: true, days: 30 } }), flowLog({ enabled: false, retentionPolicy: { enabled: true, days: 365 } }), flowLog({ enabled: true })],
    pass: [flowLog({ enabled: true, retentionPolicy: { enabled: true, days: 90 } }), flowLog({ enabled: true, retentionPolicy: { enabled: true, days: 0 } })],
    unknown: [flowLog({ enabled: true, retentionPolicy: { enabled: true, days: param('retentionDays', 'int') } })],
  }),
  azureRule({
    id: 'IAC-AZ-APPGW-SSL-POLICY',
    title: 'Application Gateway allows TLS older than 1.2 or weak cipher suites',
    severity: 'medium',
    description:
      'Without an SSL policy the gateway keeps its default, which accepts TLS 1.0/1.1 on older API versions and CBC / RSA key-exchange ciphers. A custom policy must set minProtocolVersion TLSv1_2 or TLSv1_3 without CBC, RSA key-exchange, DHE or 3DES suites; a predefined one must be AppGwSslPolicy20220101S.',
    remediation: "Set properties.sslPolicy to { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101S' } or a CustomV2 policy with minProtocolVersion 'TLSv1_2' and GCM ECDHE suites.",
    helpUri: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview',
    checkov: 'CKV_AZURE_218',
    cwe: ['CWE-326'],
    types: [APPGW],
    api,
    check: (r) => {
      const policy = get(r.attributes, 'properties.sslPolicy');
      if (isUnknown(policy)) return unknown('properties.sslPolicy', policy);
      if (!isObject(policy)) return fail('properties.sslPolicy');
      const custom = typeof policy.policyType === 'string' && policy.policyType.toLowerCase() !== 'predefined';
      if (isUnknown(policy.minProtocolVersion) || isUnknown(policy.policyName) || isUnknown(policy.cipherSuites)) return unknown('properties.sslPolicy');
      if (custom && typeof policy.minProtocolVersion === 'string' && /^tlsv1_[23]$/i.test(policy.minProtocolVersion)) {
        const weak = (Array.isArray(policy.cipherSuites) ? policy.cipherSuites : []).filter((c) => typeof c === 'string' && WEAK_CIPHER.test(c));
        return weak.length ? fail('properties.sslPolicy.cipherSuites', weak as IacValue[]) : pass('properties.sslPolicy.minProtocolVersion', policy.minProtocolVersion);
      }
      if (policy.policyName === 'AppGwSslPolicy20220101S') return pass('properties.sslPolicy.policyName', policy.policyName);
      return fail(custom ? 'properties.sslPolicy.minProtocolVersion' : 'properties.sslPolicy.policyName', (custom ? policy.minProtocolVersion : policy.policyName) ?? null);
    },
    fail: [
      gateway('WAF_v2'),
      gateway('WAF_v2', { sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20150501' } }),
      gateway('WAF_v2', { sslPolicy: { policyType: 'CustomV2', minProtocolVersion: 'TLSv1_2', cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_RSA_WITH_AES_128_CBC_SHA'] } }),
    ],
    pass: [
      gateway('WAF_v2', { sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101S' } }),
      gateway('WAF_v2', { sslPolicy: { policyType: 'CustomV2', minProtocolVersion: 'TLSv1_2', cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'] } }),
    ],
    unknown: [gateway('WAF_v2', { sslPolicy: { policyType: 'Predefined', policyName: param('sslPolicyName') } })],
  }),
];
