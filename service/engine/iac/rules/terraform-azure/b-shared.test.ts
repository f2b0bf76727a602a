// The part-B shared helpers: attributes under several provider names, and cross-resource references.
import type { IacObject, IacResource, RuleContext, Verdict } from '../../types';
import { Unknown } from '../../values';
import { expectAlias, forbidAlias, linked, refersTo } from './b-shared';

const resource = (type: string, name: string, attributes: IacObject, module = ''): IacResource => ({
  model: 'terraform',
  platform: 'terraform',
  type,
  name,
  address: module ? `${module}.${type}.${name}` : `${type}.${name}`,
  path: 'main.tf',
  line: 1,
  endLine: 5,
  attributes,
  lineOf: () => undefined,
  meta: { provider: 'azurerm', module, mode: 'managed' },
});
const contextOf = (...rs: IacResource[]): RuleContext => ({ resources: rs, ofType: (t) => rs.filter((r) => r.type === t) });
const outcomes = (v: Verdict | readonly Verdict[]) => (Array.isArray(v) ? v : [v]).map((x: Verdict) => `${x.outcome} ${x.path ?? ''}`);

test('expectAlias judges every name present and reports the newest name when none is', () => {
  const check = expectAlias(['host_encryption_enabled', 'enable_host_encryption'], true);
  const ctx = contextOf();
  expect(outcomes(check(resource('t', 'a', {}), ctx))).toEqual(['fail host_encryption_enabled']);
  expect(outcomes(check(resource('t', 'a', { enable_host_encryption: true }), ctx))).toEqual(['pass enable_host_encryption']);
  expect(outcomes(check(resource('t', 'a', { enable_host_encryption: false }), ctx))).toEqual(['fail enable_host_encryption']);
  expect(outcomes(expectAlias(['a', 'b'], true, { whenMissing: 'pass' })(resource('t', 'a', {}), ctx))).toEqual(['pass a']);
});

test('forbidAlias passes when missing and fails on any name with the value', () => {
  const check = forbidAlias(['ip_forwarding_enabled', 'enable_ip_forwarding'], true);
  const ctx = contextOf();
  expect(outcomes(check(resource('t', 'a', {}), ctx))).toEqual(['pass ip_forwarding_enabled']);
  expect(outcomes(check(resource('t', 'a', { ip_forwarding_enabled: false, enable_ip_forwarding: true }), ctx))).toEqual(['fail enable_ip_forwarding']);
});

test('refersTo matches an address, its attributes and its instances, in the same module by local name', () => {
  const subnet = resource('azurerm_subnet', 'app', {});
  expect(refersTo(new Unknown('azurerm_subnet.app.id', ['azurerm_subnet.app']), subnet)).toBe(true);
  expect(refersTo(new Unknown('azurerm_subnet.app.id', ['azurerm_subnet.app.id']), subnet)).toBe(true);
  expect(refersTo(new Unknown('azurerm_subnet.app[0].id', ['azurerm_subnet.app[0]']), subnet)).toBe(true);
  expect(refersTo(new Unknown('azurerm_subnet.application.id', ['azurerm_subnet.application']), subnet)).toBe(false);
  expect(refersTo('azurerm_subnet.app', subnet)).toBe(false);
  const inModule = resource('azurerm_subnet', 'app', {}, 'module.net');
  expect(refersTo(new Unknown('azurerm_subnet.app.id', ['azurerm_subnet.app']), inModule)).toBe(true);
  expect(refersTo(new Unknown('x', ['module.net.azurerm_subnet.app']), inModule)).toBe(true);
});

test('linked: yes through a reference, maybe through a variable, no otherwise', () => {
  const subnet = resource('azurerm_subnet', 'app', {});
  const other = resource('azurerm_subnet', 'db', {});
  const assoc = (subnetId: Unknown) => resource('azurerm_subnet_network_security_group_association', 'a', { subnet_id: subnetId });
  const A = 'azurerm_subnet_network_security_group_association';
  expect(linked(contextOf(subnet, assoc(new Unknown('azurerm_subnet.app.id', ['azurerm_subnet.app']))), A, ['subnet_id'], subnet)).toBe('yes');
  expect(linked(contextOf(subnet, other, assoc(new Unknown('azurerm_subnet.db.id', ['azurerm_subnet.db']))), A, ['subnet_id'], subnet)).toBe('no');
  expect(linked(contextOf(subnet, assoc(new Unknown('var.subnet_id', ['var.subnet_id']))), A, ['subnet_id'], subnet)).toBe('maybe');
  expect(linked(contextOf(subnet), A, ['subnet_id'], subnet)).toBe('no');
  expect(linked(contextOf(subnet, assoc(new Unknown('module.net.subnet_id', ['module.net']))), A, ['subnet_id'], subnet)).toBe('maybe');
  expect(linked(contextOf(subnet, assoc(new Unknown('local.subnets["app"]', ['local.subnets']))), A, ['subnet_id'], subnet)).toBe('maybe');
  // A reference to a resource of another type is not this subnet.
  expect(linked(contextOf(subnet, assoc(new Unknown('azurerm_virtual_network.main.id', ['azurerm_virtual_network.main']))), A, ['subnet_id'], subnet)).toBe('no');
});
