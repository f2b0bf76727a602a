// The NSG exposure check on hand-built resources: port lists and ranges, source prefix lists, rule
// direction/access/protocol, and unknown values.
import type { IacObject, IacResource, Verdict } from '../../types';
import { Unknown } from '../../values';
import { exposure, NSG, NSG_RULE } from './b-nsg';

const resource = (type: string, attributes: IacObject): IacResource => ({
  model: 'terraform',
  platform: 'terraform',
  type,
  name: 'x',
  address: `${type}.x`,
  path: 'main.tf',
  line: 1,
  endLine: 10,
  attributes,
  lineOf: () => undefined,
});
const ctx = { resources: [], ofType: () => [] };
const rule = (over: IacObject): IacObject => ({
  name: 'r',
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  source_address_prefix: '*',
  destination_port_range: '22',
  ...over,
});
const outcomes = (v: Verdict | readonly Verdict[]) => (Array.isArray(v) ? v : [v]).map((x: Verdict) => x.outcome);
const ssh = exposure({ protocols: ['tcp'], ports: [22] });
const allPorts = exposure({ protocols: ['tcp', 'udp'] });
const udp = exposure({ protocols: ['udp'], ports: 'any' });

test('a standalone rule open to the internet on the port fails, with a message naming the rule', () => {
  const v = ssh(resource(NSG_RULE, rule({})), ctx);
  expect(outcomes(v)).toEqual(['fail']);
  expect((v as Verdict[])[0].message).toBe('azurerm_network_security_rule.x: security rule "r" allows inbound Tcp to port(s) 22 from *');
});

test('port ranges and lists, and source prefix lists, are read', () => {
  expect(outcomes(ssh(resource(NSG_RULE, rule({ destination_port_range: '20-25' })), ctx))).toEqual(['fail']);
  expect(outcomes(ssh(resource(NSG_RULE, rule({ destination_port_range: undefined as never, destination_port_ranges: ['80', '443'] })), ctx))).toEqual(['pass']);
  expect(outcomes(ssh(resource(NSG_RULE, rule({ destination_port_range: '', destination_port_ranges: ['443', '1-1024'] })), ctx))).toEqual(['fail']);
  expect(outcomes(ssh(resource(NSG_RULE, rule({ source_address_prefix: '', source_address_prefixes: ['10.0.0.0/8', '0.0.0.0/0'] })), ctx))).toEqual(['fail']);
  expect(outcomes(ssh(resource(NSG_RULE, rule({ source_address_prefix: 'VirtualNetwork' })), ctx))).toEqual(['pass']);
});

test('outbound, deny and other-protocol rules do not count', () => {
  expect(outcomes(ssh(resource(NSG_RULE, rule({ direction: 'Outbound' })), ctx))).toEqual(['pass']);
  expect(outcomes(ssh(resource(NSG_RULE, rule({ access: 'Deny' })), ctx))).toEqual(['pass']);
  expect(outcomes(ssh(resource(NSG_RULE, rule({ protocol: 'Udp' })), ctx))).toEqual(['pass']);
  expect(outcomes(ssh(resource(NSG_RULE, rule({ protocol: '*' })), ctx))).toEqual(['fail']);
});

test('every port: only "*" or a full range; UDP: any port', () => {
  expect(outcomes(allPorts(resource(NSG_RULE, rule({ destination_port_range: '*' })), ctx))).toEqual(['fail']);
  expect(outcomes(allPorts(resource(NSG_RULE, rule({ destination_port_range: '1-65535' })), ctx))).toEqual(['fail']);
  expect(outcomes(allPorts(resource(NSG_RULE, rule({ destination_port_range: '1-1024' })), ctx))).toEqual(['pass']);
  expect(outcomes(udp(resource(NSG_RULE, rule({ protocol: 'Udp', destination_port_range: '5000' })), ctx))).toEqual(['fail']);
  expect(outcomes(udp(resource(NSG_RULE, rule({ protocol: 'Tcp', destination_port_range: '5000' })), ctx))).toEqual(['pass']);
});

test('inline security_rule blocks: each open rule fails at its own path; none is a pass', () => {
  const nsg = resource(NSG, { security_rule: [rule({ source_address_prefix: '10.0.0.0/8' }), rule({ name: 'open' }), rule({ name: 'rdp', destination_port_range: '3389' })] });
  const v = ssh(nsg, ctx) as Verdict[];
  expect(v.map((x) => [x.outcome, x.path])).toEqual([['fail', 'security_rule[1].destination_port_range']]);
  expect(outcomes(ssh(resource(NSG, {}), ctx))).toEqual(['pass']);
  expect(outcomes(ssh(resource(NSG, { security_rule: [] }), ctx))).toEqual(['pass']);
});

test('unknown values give unknown unless another rule already fails', () => {
  const unknownSource = rule({ source_address_prefix: new Unknown('var.source', ['var.source']) });
  expect(outcomes(ssh(resource(NSG_RULE, unknownSource), ctx))).toEqual(['unknown']);
  expect(outcomes(ssh(resource(NSG_RULE, rule({ destination_port_range: new Unknown('var.port') })), ctx))).toEqual(['unknown']);
  expect(outcomes(ssh(resource(NSG, { security_rule: new Unknown('dynamic') }), ctx))).toEqual(['unknown']);
  expect(outcomes(ssh(resource(NSG, { security_rule: [unknownSource, rule({})] }), ctx))).toEqual(['fail']);
  // A known non-internet source decides even when the port is unknown.
  expect(outcomes(ssh(resource(NSG_RULE, rule({ source_address_prefix: '10.0.0.0/8', destination_port_range: new Unknown('var.port') })), ctx))).toEqual(['pass']);
});
