// What the terraform-aws rules share: example builders (HCL blocks, minimal plan JSON), rules of one
// attribute (a value that must match, a setting that must be present), and cross-resource lookups for
// settings AWS provider v4+ moved into resources of their own (`bucket = aws_s3_bucket.logs.id`).
import { expect, requireAny, type Check, type Matcher } from '../../helpers';
import type { IacExamples, IacExampleSet, IacResource, IacRule, IacScalar, IacValue, RuleContext, Verdict } from '../../types';
import { asNumber, isObject, isUnknown, lookup } from '../../values';
import { lit, plan1, tf, tfPlan, tfVar, type PlannedResource } from '../terraform-examples';

/** The provider's page for a resource type. */
export const docs = (type: string): string => `https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/${type.replace(/^aws_/, '')}`;

// ---------------------------------------------------------------------------------------------
// Example builders.

export { lit, plan1, tf, tfVar, type PlannedResource };

/** A minimal `terraform show -json` plan with these resources in the root module. */
export const plan = (...resources: PlannedResource[]): string => tfPlan(resources);

/** `a.b.c = v` as nested blocks `a { b { c = v } }` (every segment but the last is a block). */
export function nested(path: string, value: string): string {
  const parts = path.split('.');
  const attr = parts.pop() as string;
  let text = `${attr} = ${value}`;
  for (const block of parts.reverse()) text = `${block} {\n${text.replace(/^/gm, '  ')}\n}`;
  return text;
}

/** The plan JSON shape of `nested`: blocks as arrays of one object. */
export function nestedValue(path: string, value: unknown): Record<string, unknown> {
  const parts = path.split('.');
  const attr = parts.pop() as string;
  let out: Record<string, unknown> = { [attr]: value };
  for (const block of parts.reverse()) out = { [block]: [out] };
  return out;
}

// ---------------------------------------------------------------------------------------------
// Value tests.

/** A number at least `min` (numeric strings count). */
export const atLeast =
  (min: number) =>
  (v: IacValue): boolean => {
    const n = asNumber(v);
    return n !== undefined && n >= min;
  };

/** A number at most `max` (numeric strings count). */
export const atMost =
  (max: number) =>
  (v: IacValue): boolean => {
    const n = asNumber(v);
    return n !== undefined && n <= max;
  };

/** Reference roots that are not managed or data resources: their values may be null. */
const VALUE_ROOTS = new Set(['var', 'local', 'each', 'count', 'path', 'terraform', 'self', 'module']);

/** An unknown value that refers to a resource attribute (a key ARN, a log group): set once applied, never null. */
export function refersToResource(v: IacValue | undefined): boolean {
  return isUnknown(v) && v.refs.some((ref) => !VALUE_ROOTS.has(ref.split(/[.[]/, 1)[0]));
}

/** requireAny() that counts a reference to another resource's attribute (`aws_kms_key.k.arn`) as set. */
export function requireSet(...paths: string[]): Check {
  return (r, ctx) => {
    for (const p of paths) {
      const f = lookup(r.attributes, p).find((x) => refersToResource(x.value));
      if (f) return { outcome: 'pass', path: f.path, value: f.value };
    }
    return requireAny(...paths)(r, ctx);
  };
}

/** Not applicable unless `path` is one of `values`; unknown when it cannot be told; missing: `whenMissing`. */
export function whenValue(path: string, values: readonly IacScalar[], check: Check, whenMissing = false): Check {
  return (r, ctx) => {
    const found = lookup(r.attributes, path).filter((f) => f.value !== null);
    if (!found.length) return whenMissing ? check(r, ctx) : { outcome: 'not-applicable' };
    if (found.some((f) => isUnknown(f.value))) return { outcome: 'unknown', path, value: found[0].value };
    const applies = found.some((f) => values.some((v) => String(v).toLowerCase() === String(f.value).toLowerCase()));
    return applies ? check(r, ctx) : { outcome: 'not-applicable' };
  };
}

// ---------------------------------------------------------------------------------------------
// Cross-resource lookups.

/** Whether an unknown value's references name `address` (`aws_s3_bucket.logs`, `…logs.id`, `…logs[0]`). */
export function refersTo(v: IacValue | undefined, address: string): boolean {
  if (!isUnknown(v)) return false;
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
 * Whether `value` designates `target`: a reference to it, or (plan JSON knows names and ids before
 * apply) the literal value of one of the target's `keys` (`bucket`, `name`, `arn`…).
 */
export function designates(value: IacValue | undefined, target: IacResource, keys: readonly string[]): boolean {
  if (value === undefined || value === null) return false;
  if (isUnknown(value)) return refersTo(value, target.address);
  if (typeof value !== 'string' || !value) return false;
  return keys.some((k) => {
    const own = target.attributes[k];
    return typeof own === 'string' && own !== '' && (own === value || value.endsWith(`:${own}`) || value.endsWith(`/${own}`));
  });
}

/** The resources of `types` whose `attributes` designate `target` (by reference, or by its `keys`' literal values). */
export function linkedTo(
  ctx: RuleContext,
  target: IacResource,
  types: readonly string[],
  attributes: readonly string[],
  keys: readonly string[] = ['name', 'id', 'arn'],
): IacResource[] {
  const out: IacResource[] = [];
  for (const type of types) {
    for (const other of ctx.ofType(type)) {
      if (other === target) continue;
      if (attributes.some((a) => lookup(other.attributes, a).some((f) => designates(f.value, target, keys)))) out.push(other);
    }
  }
  return out;
}

const asVerdicts = (v: Verdict | readonly Verdict[]): Verdict[] => [v].flat() as Verdict[];

/** Runs `check` on each resource: the first passing one decides, else the first unknown, else the first failure. */
export function bestOf(resources: readonly IacResource[], ctx: RuleContext, check: Check): Verdict[] | undefined {
  let unknown: Verdict[] | undefined;
  let failed: Verdict[] | undefined;
  for (const other of resources) {
    const vs = asVerdicts(check(other, ctx));
    if (vs.length && vs.every((v) => v.outcome === 'pass')) return vs;
    if (vs.some((v) => v.outcome === 'unknown')) unknown ??= vs;
    else failed ??= vs.filter((v) => v.outcome === 'fail');
  }
  return unknown ?? failed;
}

/** The same verdicts, reported at another resource's path with a message naming it. */
export function via(other: IacResource, verdicts: readonly Verdict[]): Verdict[] {
  return verdicts.map((v) => (v.outcome === 'fail' ? { ...v, message: `${other.address}: ${v.path ?? ''} is ${JSON.stringify(v.value ?? null)}` } : v));
}

// ---------------------------------------------------------------------------------------------
// Rules of one attribute.

type Meta = Omit<IacRule, 'model' | 'check' | 'examples' | 'resourceTypes'>;

export interface AttrSpec extends Meta {
  /** The resource type(s); examples use the first. */
  types: readonly string[];
  /** The attribute path (nested blocks by dots: `metadata_options.http_tokens`). */
  path: string;
  /** The value(s) that pass; the first is written in the pass example and the snippet. */
  good: IacScalar | readonly IacScalar[];
  /** A value that fails. */
  bad: IacScalar;
  /** The outcome when the attribute is not set, from the provider's documented default. */
  whenMissing: 'pass' | 'fail';
  /** What passes, when more than the listed good values do. */
  matcher?: Matcher;
  ignoreCase?: boolean;
  /** Other lines the resource needs in the examples. */
  context?: string;
  /** The plan JSON values of `context`. */
  contextValues?: Record<string, unknown>;
  /** Give plan JSON examples. */
  plan?: boolean;
  /** Wraps the check (a condition on when the rule applies). */
  wrap?: (check: Check) => Check;
  /** More examples. */
  extra?: Partial<Record<'fail' | 'pass' | 'unknown', string[]>>;
}

/** A rule that one attribute must have a good value. */
export function attrRule(spec: AttrSpec): IacRule {
  const { types, path, good, bad, whenMissing, matcher, ignoreCase, context, contextValues, plan: withPlan, wrap, extra, ...meta } = spec;
  const type = types[0];
  const goodList: readonly IacScalar[] = Array.isArray(good) ? (good as readonly IacScalar[]) : [good as IacScalar];
  const body = (line: string) => (context ? `${context}\n${line}` : line);
  const filler = context ?? 'tags = {}';
  const hcl: IacExampleSet = {
    fail: [tf(type, body(nested(path, lit(bad)))), ...(extra?.fail ?? [])],
    pass: [tf(type, body(nested(path, lit(goodList[0])))), ...(whenMissing === 'pass' ? [tf(type, filler)] : []), ...(extra?.pass ?? [])],
    unknown: [tfVar('setting', type, body(nested(path, 'var.setting'))), ...(extra?.unknown ?? [])],
  };
  if (whenMissing === 'fail') hcl.fail.push(tf(type, filler));
  const examples: IacExamples = { hcl };
  if (withPlan) {
    examples.tfplan = {
      fail: [plan1(type, { ...contextValues, ...nestedValue(path, bad) })],
      pass: [plan1(type, { ...contextValues, ...nestedValue(path, goodList[0]) })],
    };
  }
  const check = expect(path, matcher ?? goodList, { whenMissing, ignoreCase });
  return {
    ...meta,
    remediationSnippet: meta.remediationSnippet ?? tf(type, nested(path, lit(goodList[0]))).trimEnd(),
    helpUri: meta.helpUri ?? docs(type),
    model: 'terraform',
    resourceTypes: types,
    check: wrap ? wrap(check) : check,
    examples,
  };
}

export interface SetSpec extends Meta {
  types: readonly string[];
  /** Any of these set passes; the first is written in the examples. */
  paths: readonly string[];
  /** The HCL expression of a good value (`aws_kms_key.example.arn`). */
  value: string;
  /** Its plan JSON value. */
  planValue?: unknown;
  context?: string;
  contextValues?: Record<string, unknown>;
  wrap?: (check: Check) => Check;
  extra?: Partial<Record<'fail' | 'pass' | 'unknown', string[]>>;
}

/** A rule that a setting (a key, a log destination, a block) must be present. */
export function setRule(spec: SetSpec): IacRule {
  const { types, paths, value, planValue, context, contextValues, wrap, extra, ...meta } = spec;
  const type = types[0];
  const body = (line: string) => (context ? `${context}\n${line}` : line);
  const examples: IacExamples = {
    hcl: {
      fail: [tf(type, context ?? 'tags = {}'), ...(extra?.fail ?? [])],
      pass: [tf(type, body(nested(paths[0], value))), ...(extra?.pass ?? [])],
      unknown: [tfVar('setting', type, body(nested(paths[0], 'var.setting'))), ...(extra?.unknown ?? [])],
    },
  };
  if (planValue !== undefined) {
    examples.tfplan = {
      fail: [plan1(type, { ...contextValues, ...nestedValue(paths[0], null) })],
      pass: [plan1(type, { ...contextValues, ...nestedValue(paths[0], planValue) })],
    };
  }
  const check = requireSet(...paths);
  return {
    ...meta,
    remediationSnippet: meta.remediationSnippet ?? tf(type, nested(paths[0], value)).trimEnd(),
    helpUri: meta.helpUri ?? docs(type),
    model: 'terraform',
    resourceTypes: types,
    check: wrap ? wrap(check) : check,
    examples,
  };
}

/** A custom rule's metadata and check, with defaults for the terraform model. */
export function rule(spec: Omit<IacRule, 'model'>): IacRule {
  return { helpUri: docs(spec.resourceTypes[0]), ...spec, model: 'terraform' };
}

export { isObject };
