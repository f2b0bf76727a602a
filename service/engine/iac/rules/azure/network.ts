// Network security groups (inline securityRules and securityRules children) and Application Gateway WAF.
import { fail, isInternet, pass, portCovers, unknown, type Check } from '../../helpers';
import type { IacRule, IacValue, Verdict } from '../../types';
import { isObject, isUnknown, joinPath } from '../../values';
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

const exposure = (id: string, port: number | undefined, what: string, checkov: string | undefined, protocols: readonly string[], cis?: string) =>
  azureRule({
    id,
    title: `Network security group allows ${what} from the internet`,
    severity: port === undefined ? 'critical' : 'high',
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
const gateway = (sku: string, p: Body = {}): Body => ({ properties: { sku: { name: sku, tier: sku, capacity: 2 }, ...p } });

export const networkRules: readonly IacRule[] = [
  exposure('IAC-AZ-NSG-SSH-FROM-INTERNET', 22, 'SSH', 'CKV_AZURE_10', ['tcp', '*', 'any'], 'CIS Azure 6.2'),
  exposure('IAC-AZ-NSG-RDP-FROM-INTERNET', 3389, 'RDP', 'CKV_AZURE_9', ['tcp', 'udp', '*', 'any'], 'CIS Azure 6.1'),
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
];
