// Cross-resource network rules on hand-built resources: NSG flow logs (NSG or VNet targets).
import type { IacObject, IacResource, RuleContext, Verdict } from '../../types';
import { Unknown } from '../../values';
import { nsgFlowLog } from './b-network';

const resource = (type: string, name: string, attributes: IacObject): IacResource => ({
  model: 'terraform',
  platform: 'terraform',
  type,
  name,
  address: `${type}.${name}`,
  path: 'main.tf',
  line: 1,
  endLine: 5,
  attributes,
  lineOf: () => undefined,
});
const contextOf = (...rs: IacResource[]): RuleContext => ({ resources: rs, ofType: (t) => rs.filter((r) => r.type === t) });
const outcome = (v: Verdict | readonly Verdict[]) => (Array.isArray(v) ? (v as Verdict[])[0] : (v as Verdict)).outcome;
const FLOW = 'azurerm_network_watcher_flow_log';
const ref = (address: string) => new Unknown(`${address}.id`, [address]);

test('an NSG passes with its own flow log, fails without one, and is left to the VNet when VNet flow logs are used', () => {
  const nsg = resource('azurerm_network_security_group', 'web', {});
  expect(outcome(nsgFlowLog.check(nsg, contextOf(nsg, resource(FLOW, 'f', { network_security_group_id: ref('azurerm_network_security_group.web') }))))).toBe('pass');
  expect(outcome(nsgFlowLog.check(nsg, contextOf(nsg, resource(FLOW, 'f', { target_resource_id: ref('azurerm_network_security_group.web') }))))).toBe('pass');
  expect(outcome(nsgFlowLog.check(nsg, contextOf(nsg, resource(FLOW, 'f', { network_security_group_id: ref('azurerm_network_security_group.db') }))))).toBe('fail');
  expect(outcome(nsgFlowLog.check(nsg, contextOf(nsg, resource(FLOW, 'f', { target_resource_id: ref('azurerm_virtual_network.main') }))))).toBe('not-applicable');
  expect(outcome(nsgFlowLog.check(nsg, contextOf(nsg)))).toBe('fail');
});
