// Network security group rules open to the internet: inline security_rule blocks of
// azurerm_network_security_group and standalone azurerm_network_security_rule resources.
import { isInternet, portCovers, type Check } from '../../helpers';
import type { IacObject, IacResource, IacValue, Verdict } from '../../types';
import { isObject, isUnknown, joinPath } from '../../values';

export const NSG = 'azurerm_network_security_group';
export const NSG_RULE = 'azurerm_network_security_rule';

/** Which security rules the check looks for: the protocols that matter and the ports (none: any port). */
export interface ExposureQuery {
  protocols: readonly string[];
  /** Any of these ports counts; 'any': any port at all; omitted: the rule must open every port ("*", 0-65535). */
  ports?: readonly number[] | 'any';
}

type Tri = boolean | undefined;

const lower = (v: IacValue | undefined): string | undefined => (typeof v === 'string' ? v.trim().toLowerCase() : undefined);

/** A string attribute equals one of `values` (case-insensitive); undefined when unknown. */
function isOneOf(v: IacValue | undefined, values: readonly string[]): Tri {
  if (isUnknown(v)) return undefined;
  const s = lower(v);
  return s !== undefined && values.includes(s);
}

/** The rule's sources include the internet; undefined when a source is unknown and none is the internet. */
function fromInternet(rule: IacObject): Tri {
  const sources: IacValue[] = [];
  let unknownSeen = false;
  for (const key of ['source_address_prefix', 'source_address_prefixes']) {
    const v = rule[key];
    if (v === undefined || v === null) continue;
    if (isUnknown(v)) unknownSeen = true;
    else if (Array.isArray(v)) sources.push(...v);
    else sources.push(v);
  }
  for (const s of sources) {
    if (isUnknown(s)) unknownSeen = true;
    else if (isInternet(s)) return true;
  }
  return unknownSeen ? undefined : false;
}

/** The rule's destination ports cover every queried port (or all ports); undefined when unknown. */
function opensPorts(rule: IacObject, ports: ExposureQuery['ports']): Tri {
  const specs = [rule.destination_port_range, rule.destination_port_ranges].filter(
    (v) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
  );
  if (ports === 'any') return specs.some((s) => !isUnknown(s)) ? true : specs.length ? undefined : false;
  let unknownSeen = false;
  const covers = (port: number): Tri => {
    let seen: Tri = false;
    for (const spec of specs) {
      const c = portCovers(spec as IacValue, port);
      if (c) return true;
      if (c === undefined) seen = undefined;
    }
    return seen;
  };
  const wanted = ports ?? [1, 22, 443, 3389, 65535];
  const results = wanted.map(covers);
  if (ports) {
    if (results.some((r) => r === true)) return true;
  } else if (results.every((r) => r === true)) return true;
  for (const r of results) if (r === undefined) unknownSeen = true;
  return unknownSeen ? undefined : false;
}

/** One security rule: fail (open), unknown, or undefined (not open). */
function judgeRule(rule: IacValue, base: string, q: ExposureQuery): Verdict | undefined {
  if (isUnknown(rule)) return { outcome: 'unknown', path: base, value: rule };
  if (!isObject(rule)) return undefined;
  const checks: Tri[] = [
    isOneOf(rule.direction, ['inbound']),
    isOneOf(rule.access, ['allow']),
    isOneOf(rule.protocol, [...q.protocols, '*', 'any']),
    fromInternet(rule),
    opensPorts(rule, q.ports),
  ];
  if (checks.some((c) => c === false)) return undefined;
  const single = rule.destination_port_range;
  const portPath = single === undefined || single === null || single === '' ? 'destination_port_ranges' : 'destination_port_range';
  const path = base ? joinPath(base, portPath) : portPath;
  if (checks.every((c) => c === true)) {
    return { outcome: 'fail', path, value: (rule[portPath] ?? null) as IacValue };
  }
  return { outcome: 'unknown', path, reason: 'the rule\'s direction, access, protocol, source or ports are not known before deployment' };
}

/** A check over every security rule of an NSG (inline blocks) or a standalone rule resource. */
export function exposure(q: ExposureQuery): Check {
  return (r: IacResource) => {
    const rules: { value: IacValue; base: string }[] = [];
    if (r.type === NSG) {
      const blocks = r.attributes.security_rule;
      if (isUnknown(blocks)) return { outcome: 'unknown', path: 'security_rule', value: blocks };
      if (Array.isArray(blocks)) blocks.forEach((b, i) => rules.push({ value: b, base: `security_rule[${i}]` }));
    } else {
      rules.push({ value: r.attributes, base: '' });
    }
    const verdicts = rules
      .map((x) => {
        const v = judgeRule(x.value, x.base, q);
        return v?.outcome === 'fail' && isObject(x.value) ? { ...v, message: describeOpenRule(r, x.value) } : v;
      })
      .filter((v): v is Verdict => v !== undefined);
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    if (fails.length) return fails;
    if (verdicts.length) return verdicts[0];
    return { outcome: 'pass', path: r.type === NSG ? 'security_rule' : 'source_address_prefix' };
  };
}

const listOf = (...values: (IacValue | undefined)[]): string =>
  values
    .flatMap((v) => (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]))
    .map((v) => String(v))
    .join(', ');

function describeOpenRule(r: IacResource, rule: IacObject): string {
  const name = typeof rule.name === 'string' ? ` "${rule.name}"` : '';
  const ports = listOf(rule.destination_port_range, rule.destination_port_ranges) || '*';
  const sources = listOf(rule.source_address_prefix, rule.source_address_prefixes);
  return `${r.address}: security rule${name} allows inbound ${String(rule.protocol)} to port(s) ${ports} from ${sources}`;
}
