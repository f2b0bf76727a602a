// What part A of the terraform-azure rules shares: checks that accept an attribute under its azurerm 3.x
// and 4.x names, cross-resource lookups (a resource that points at another by id or name), and small
// builders for the rules' HCL and plan JSON examples.
import { expect, forbid, requireAny, type Check, type Matcher, type PathOptions } from '../../helpers';
import type { IacExamples, IacExampleSet, IacResource, IacRule, IacScalar, IacValue, RuleContext, Verdict } from '../../types';
import { asNumber, isUnknown, lookup } from '../../values';
import { lit, plan1, tf, tfPlan, tfVar, type PlannedResource } from '../terraform-examples';

/** The provider's page for a resource type. */
export const docs = (type: string): string =>
  `https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/${type.replace(/^azurerm_/, '')}`;

/** Set in the Terraform sense: present and not null (`x = null`, and plan JSON's null, mean "use the default"). */
const setAt = (r: IacResource, path: string): boolean => lookup(r.attributes, path).some((f) => f.value !== null);

/** The first of `paths` the resource sets (renamed attributes: the older name first), or undefined. */
export function presentPath(r: IacResource, paths: readonly string[]): string | undefined {
  return paths.find((p) => setAt(r, p));
}

/** expect() on whichever of the names is set; none set (or null): `whenMissing`, reported at the newest name. */
export function expectEither(paths: readonly string[], expected: Matcher, options: PathOptions = {}): Check {
  return (r, ctx) => {
    const p = presentPath(r, paths);
    if (!p) return { outcome: options.whenMissing ?? 'fail', path: paths[paths.length - 1] };
    return expect(p, expected, options)(r, ctx);
  };
}

/** forbid() on whichever of the names is set; none set (or null): `whenMissing` (default pass). */
export function forbidEither(paths: readonly string[], forbidden: Matcher, options: PathOptions = {}): Check {
  return (r, ctx) => {
    const p = presentPath(r, paths);
    if (!p) return { outcome: options.whenMissing ?? 'pass', path: paths[paths.length - 1] };
    return forbid(p, forbidden, options)(r, ctx);
  };
}

/** A number at least `min` (numeric strings count). */
export const atLeast =
  (min: number) =>
  (v: IacValue): boolean => {
    const n = asNumber(v);
    return n !== undefined && n >= min;
  };

/** Whether an unknown value's references name `address` (`azurerm_mssql_server.sql`, `…sql.id`, `…sql[0]`). */
export function refersTo(v: IacValue | undefined, address: string): boolean {
  if (!isUnknown(v)) return false;
  // An instance of a counted resource (`…sa[0]`, `…kv["a"]`) is also named by a reference to the whole
  // resource (`azurerm_storage_account.sa[count.index].id` references `azurerm_storage_account.sa`).
  const instance = /^(.*)\[(?:\d+|"(?:[^"\\]|\\.)*")\]$/.exec(address);
  const base = instance?.[1];
  return v.refs.some(
    (ref) =>
      ref === address ||
      ref.startsWith(`${address}.`) ||
      ref.startsWith(`${address}[`) ||
      (base !== undefined && (ref === base || ref.startsWith(`${base}.`))),
  );
}

/**
 * Whether `value` (an id or a name attribute of another resource) designates `target`: a reference to
 * it, or the literal name (plan JSON knows names before apply), or a literal Azure id ending in its name.
 */
export function designates(value: IacValue | undefined, target: IacResource): boolean {
  if (value === undefined) return false;
  if (isUnknown(value)) return refersTo(value, target.address);
  const name = target.attributes.name;
  if (typeof value !== 'string' || typeof name !== 'string' || !name) return false;
  return value === name || value.toLowerCase().endsWith(`/${name.toLowerCase()}`);
}

/** The resources of `types` whose `attribute` (any of the names) designates `target`. */
export function linkedTo(ctx: RuleContext, target: IacResource, types: readonly string[], attributes: readonly string[]): IacResource[] {
  const out: IacResource[] = [];
  for (const type of types) {
    for (const other of ctx.ofType(type)) {
      if (other === target) continue;
      if (attributes.some((a) => lookup(other.attributes, a).some((f) => designates(f.value, target)))) out.push(other);
    }
  }
  return out;
}

/** Verdicts of a check run on each linked resource; the first passing one decides, else the first unknown, else fail. */
export function firstPassing(resources: readonly IacResource[], ctx: RuleContext, check: Check): Verdict | undefined {
  let unknown: Verdict | undefined;
  for (const other of resources) {
    const vs = [check(other, ctx)].flat() as Verdict[];
    if (vs.length && vs.every((v) => v.outcome === 'pass')) return vs[0];
    unknown ??= vs.find((v) => v.outcome === 'unknown');
  }
  return unknown;
}

// ---------------------------------------------------------------------------------------------
// Example builders.

export { lit, plan1, tf, tfVar, type PlannedResource };

/** A minimal `terraform show -json` plan with these resources in the root module. */
export const plan = (...resources: PlannedResource[]): string => tfPlan(resources);

// ---------------------------------------------------------------------------------------------
// Rules of one attribute: metadata plus the attribute's names, its good and bad values and the default.

export interface AttributeRuleSpec extends Omit<IacRule, 'model' | 'check' | 'examples' | 'resourceTypes'> {
  /** The resource type(s); examples use the first. */
  types: readonly string[];
  /** The attribute's names, older first (`enable_https_traffic_only`, `https_traffic_only_enabled`). */
  paths: readonly string[];
  /** The value(s) that pass; the first is written in the pass example and the snippet. */
  good: IacScalar | readonly IacScalar[];
  /** A value that fails (written in the fail examples). */
  bad: IacScalar;
  /** The outcome when the attribute is not set, from the provider's documented default. */
  whenMissing: 'pass' | 'fail';
  /** What passes, when more than the listed good values do (a number at least 90, say). */
  matcher?: Matcher;
  ignoreCase?: boolean;
  /** Other lines the resource needs in the examples (a SKU, say). */
  context?: string;
  /** Also give plan JSON examples. */
  plan?: boolean;
}

/** A rule that one attribute (under any of its names) must have a good value. */
export function attributeRule(spec: AttributeRuleSpec): IacRule {
  const { types, paths, good, bad, whenMissing, matcher, ignoreCase, context, plan: withPlan, ...meta } = spec;
  const type = types[0];
  const newest = paths[paths.length - 1];
  const goodList: readonly IacScalar[] = Array.isArray(good) ? (good as readonly IacScalar[]) : [good as IacScalar];
  const body = (line: string) => (context ? `${context}\n${line}` : line);
  const contextValues = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const line of (context ?? '').split('\n')) {
      const m = /^(\w+)\s*=\s*(.+)$/.exec(line.trim());
      if (m) out[m[1]] = JSON.parse(m[2]);
    }
    return out;
  };
  const hcl: IacExampleSet = {
    fail: paths.map((p) => tf(type, body(`${p} = ${lit(bad)}`))),
    pass: [tf(type, body(`${newest} = ${lit(goodList[0])}`)), ...(whenMissing === 'pass' ? [tf(type, context ?? 'tags = {}')] : [])],
    unknown: [tfVar('setting', type, body(`${newest} = var.setting`))],
  };
  if (whenMissing === 'fail') hcl.fail.push(tf(type, context ?? 'tags = {}'));
  const examples: IacExamples = { hcl };
  if (withPlan) {
    examples.tfplan = {
      fail: [plan1(type, { ...contextValues(), [newest]: bad })],
      pass: [plan1(type, { ...contextValues(), [newest]: goodList[0] })],
    };
  }
  return {
    ...meta,
    remediationSnippet: meta.remediationSnippet ?? tf(type, `${newest} = ${lit(goodList[0])}`).trimEnd(),
    helpUri: meta.helpUri ?? docs(type),
    model: 'terraform',
    resourceTypes: types,
    check: expectEither(paths, matcher ?? goodList, { whenMissing, ignoreCase }),
    examples,
  };
}

/** Whether an azurerm_private_endpoint in the group connects to `target`. */
export function hasPrivateEndpoint(ctx: RuleContext, target: IacResource): boolean {
  return linkedTo(ctx, target, ['azurerm_private_endpoint'], ['private_service_connection.private_connection_resource_id']).length > 0;
}

/** Not applicable unless `path` is one of `values` (a SKU, an account kind); unknown when it cannot be told. */
export function whenValue(path: string, values: readonly string[], check: Check, whenMissing = false): Check {
  return (r, ctx) => {
    const found = lookup(r.attributes, path);
    if (!found.length) return whenMissing ? check(r, ctx) : { outcome: 'not-applicable' };
    if (found.some((f) => isUnknown(f.value))) return { outcome: 'unknown', path, value: found[0].value };
    const applies = found.some((f) => typeof f.value === 'string' && values.some((v) => v.toLowerCase() === (f.value as string).toLowerCase()));
    return applies ? check(r, ctx) : { outcome: 'not-applicable' };
  };
}

/** Reference roots that are not managed or data resources: their values may be null. */
const VALUE_ROOTS = new Set(['var', 'local', 'each', 'count', 'path', 'terraform', 'self', 'module']);

/** An unknown value that refers to a resource attribute (an id, a name): set once applied, never null. */
export function refersToResource(v: IacValue | undefined): boolean {
  return isUnknown(v) && v.refs.some((ref) => !VALUE_ROOTS.has(ref.split(/[.[]/, 1)[0]));
}

/**
 * requireAny() that counts a reference to another resource's attribute (`azurerm_key_vault_key.k.id`)
 * as set: it is unknown before apply, but it will not be empty.
 */
export function requireSet(...paths: string[]): Check {
  return (r, ctx) => {
    for (const p of paths) {
      const f = lookup(r.attributes, p).find((x) => refersToResource(x.value));
      if (f) return { outcome: 'pass', path: f.path, value: f.value };
    }
    return requireAny(...paths)(r, ctx);
  };
}
