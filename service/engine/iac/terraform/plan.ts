// Terraform plan JSON (`terraform show -json plan.out`, and state JSON from `terraform show -json`) as
// resources of the terraform model: planned_values.root_module (or values.root_module in state JSON)
// and its child_modules, each managed resource's `values`; what resource_changes[].change.after_unknown
// marks (known only after apply) becomes Unknown, with the references the configuration section gives
// for that attribute, so cross-resource rules match plans as they match .tf files.
import type { Warn } from '../../types';
import { parseJson } from '../parse/json';
import type { IacObject, IacResource, IacValue } from '../types';
import { isObject, Unknown } from '../values';
import { providerOf, qualifyRef } from './common';

/** Nesting of child_modules followed (Terraform itself has no limit; a plan this deep is not real). */
const MAX_MODULE_DEPTH = 64;

interface ChangeInfo {
  afterUnknown: IacValue | undefined;
  /** Line-map prefix of change.after_unknown. */
  prefix: string;
}

export function loadPlan(path: string, text: string, warn: Warn): IacResource[] {
  const parsed = parseJson(text);
  const [first, ...more] = parsed.problems;
  if (first) warn({ code: 'parse-error', path, message: `line ${first.line}: ${first.message}${more.length ? ` (and ${more.length} more problems)` : ''}` });
  const doc = parsed.value;
  if (!isObject(doc)) return [];
  const rootKey = isObject(doc.planned_values) ? 'planned_values' : isObject(doc.values) ? 'values' : undefined;
  if (!rootKey) return [];
  const root = (doc[rootKey] as IacObject).root_module;
  if (!isObject(root)) return [];

  const changes = changeIndex(doc);
  const expressions = expressionIndex(doc);
  const lines = parsed.lines;
  const ends = endLines(lines);
  const out: IacResource[] = [];

  const visit = (mod: IacObject, at: string, moduleAddress: string, depth: number): void => {
    const list = Array.isArray(mod.resources) ? mod.resources : [];
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      if (!isObject(r) || r.mode === 'data' || typeof r.type !== 'string') continue;
      const resourceAt = `${at}.resources[${i}]`;
      out.push(planResource(r, { path, resourceAt, moduleAddress, lines, ends, changes, expressions }));
    }
    if (depth >= MAX_MODULE_DEPTH) {
      if (Array.isArray(mod.child_modules) && mod.child_modules.length) {
        warn({ code: 'parse-error', path, message: `child modules nested deeper than ${MAX_MODULE_DEPTH} were not read` });
      }
      return;
    }
    const children = Array.isArray(mod.child_modules) ? mod.child_modules : [];
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (!isObject(child)) continue;
      const address = typeof child.address === 'string' ? child.address : moduleAddress;
      visit(child, `${at}.child_modules[${i}]`, address, depth + 1);
    }
  };
  visit(root, `${rootKey}.root_module`, '', 0);
  return out;
}

interface PlanContext {
  path: string;
  resourceAt: string;
  moduleAddress: string;
  lines: ReadonlyMap<string, number>;
  ends: ReadonlyMap<string, number>;
  changes: ReadonlyMap<string, ChangeInfo>;
  expressions: ReadonlyMap<string, IacValue>;
}

function planResource(r: IacObject, c: PlanContext): IacResource {
  const type = String(r.type);
  const name = typeof r.name === 'string' ? r.name : '';
  const modulePrefix = c.moduleAddress ? `${c.moduleAddress}.` : '';
  const address = typeof r.address === 'string' ? r.address : `${modulePrefix}${type}.${name}`;
  const change = c.changes.get(address);
  const exprs = c.expressions.get(`${moduleCallPath(c.moduleAddress)}|${type}.${name}`);
  const values = isObject(r.values) ? r.values : {};
  const refsOf: RefsOf = (expr) => rootRefs(referencesOf(expr), c.moduleAddress, c.expressions);
  const attributes = change?.afterUnknown !== undefined ? (markUnknown(values, change.afterUnknown, exprs, refsOf, 0) as IacObject) : values;
  const valuesAt = `${c.resourceAt}.values`;
  const line = c.lines.get(c.resourceAt) ?? 1;
  return {
    model: 'terraform',
    platform: 'terraform-plan',
    type,
    name,
    address,
    path: c.path,
    line,
    endLine: Math.max(line, c.ends.get(c.resourceAt) ?? line),
    attributes,
    lineOf(attributePath) {
      const own = c.lines.get(attributePath ? joinAttr(valuesAt, attributePath) : valuesAt);
      if (own !== undefined) return { line: own };
      if (change && attributePath) {
        const unknownAt = c.lines.get(joinAttr(change.prefix, attributePath));
        if (unknownAt !== undefined) return { line: unknownAt };
      }
      return undefined;
    },
    meta: {
      provider: providerOf(type, typeof r.provider_name === 'string' ? r.provider_name : undefined),
      module: c.moduleAddress,
      mode: 'managed',
      ...(r.index !== undefined ? { index: r.index } : {}),
    },
  };
}

const joinAttr = (prefix: string, attributePath: string): string => (attributePath.startsWith('[') ? prefix + attributePath : `${prefix}.${attributePath}`);

/**
 * `values` with every place after_unknown marks `true` replaced by Unknown. after_unknown mirrors the
 * value: `true` for an unknown attribute (absent from values), objects and arrays for nested ones.
 */
function markUnknown(value: IacValue | undefined, unknown: IacValue, exprs: IacValue | undefined, refsOf: RefsOf, depth: number): IacValue | undefined {
  if (unknown === true) return new Unknown(exprText(exprs), refsOf(exprs));
  if (depth > 100) return value;
  if (Array.isArray(unknown)) {
    const base = Array.isArray(value) ? [...value] : [];
    for (let i = 0; i < unknown.length; i++) {
      const marked = markUnknown(base[i], unknown[i], Array.isArray(exprs) ? exprs[i] : undefined, refsOf, depth + 1);
      if (marked !== undefined) base[i] = marked;
    }
    return value === undefined && !base.length ? value : base;
  }
  if (isObject(unknown)) {
    if (value !== undefined && !isObject(value)) return value;
    const base: IacObject = value ? { ...value } : {};
    let touched = false;
    for (const [k, u] of Object.entries(unknown)) {
      if (u === false) continue;
      const nested = isObject(exprs) && !('references' in exprs) ? exprs[k] : undefined;
      const marked = markUnknown(base[k] ?? undefined, u, nested, refsOf, depth + 1);
      if (marked !== undefined && marked !== base[k]) {
        base[k] = marked;
        touched = true;
      }
    }
    return touched || value !== undefined ? base : value;
  }
  return value;
}

/** The references of a configuration expression (`{ references: [...] }`), named from the root. */
type RefsOf = (expr: IacValue | undefined) => string[];

const referencesOf = (expr: IacValue | undefined): string[] =>
  isObject(expr) && Array.isArray(expr.references) ? expr.references.filter((x): x is string => typeof x === 'string') : [];

/** The key of a module call's input expressions in the expression index. */
const CALL = '|@call';

/**
 * References written in the module at `moduleAddress`, named from the root. A module variable is
 * followed to what its caller passed (`var.bucket` in module.kms → the root's
 * `google_storage_bucket.logs.name`), so cross-resource rules link resources across module boundaries.
 */
function rootRefs(refs: readonly string[], moduleAddress: string, expressions: ReadonlyMap<string, IacValue>, depth = 0): string[] {
  const out = new Set<string>();
  const prefix = moduleAddress ? `${moduleAddress}.` : '';
  for (const ref of refs) {
    const variable = /^var\.([\w-]+)/.exec(ref);
    if (variable && moduleAddress && depth < MAX_MODULE_DEPTH) {
      const inputs = expressions.get(moduleCallPath(moduleAddress) + CALL);
      const passed = referencesOf(isObject(inputs) ? inputs[variable[1]] : undefined);
      if (passed.length) {
        for (const r of rootRefs(passed, parentModule(moduleAddress), expressions, depth + 1)) out.add(r);
        continue;
      }
    }
    out.add(qualifyRef(ref, prefix));
  }
  return [...out];
}

/** `module.a["x"].module.b[0]` → `module.a["x"]`; a root-level module → ''. */
function parentModule(moduleAddress: string): string {
  const cut = moduleAddress.lastIndexOf('.module.');
  return cut === -1 ? '' : moduleAddress.slice(0, cut);
}

function exprText(expr: IacValue | undefined): string {
  const refs = isObject(expr) && Array.isArray(expr.references) ? expr.references.filter((x) => typeof x === 'string') : [];
  return refs.length ? `${String(refs[0])} (known after apply)` : '(known after apply)';
}

function changeIndex(doc: IacObject): Map<string, ChangeInfo> {
  const out = new Map<string, ChangeInfo>();
  const list = Array.isArray(doc.resource_changes) ? doc.resource_changes : [];
  for (let i = 0; i < list.length; i++) {
    const rc = list[i];
    if (!isObject(rc) || typeof rc.address !== 'string' || !isObject(rc.change)) continue;
    out.set(rc.address, { afterUnknown: rc.change.after_unknown, prefix: `resource_changes[${i}].change.after_unknown` });
  }
  return out;
}

/** `module.a["x"].module.b[0]` → `module.a.module.b`: the configuration is per module call, not per instance. */
export function moduleCallPath(moduleAddress: string): string {
  return moduleAddress.replace(/\[(?:\d+|"(?:[^"\\]|\\.)*")\]/g, '');
}

/** Each configured resource's `expressions`, by `<module call path>|<type>.<name>`; module call inputs by `<call path>|@call`. */
function expressionIndex(doc: IacObject): Map<string, IacValue> {
  const out = new Map<string, IacValue>();
  const config = isObject(doc.configuration) ? doc.configuration.root_module : undefined;
  const visit = (mod: IacValue | undefined, callPath: string, depth: number): void => {
    if (!isObject(mod) || depth > MAX_MODULE_DEPTH) return;
    for (const r of Array.isArray(mod.resources) ? mod.resources : []) {
      if (isObject(r) && typeof r.type === 'string' && typeof r.name === 'string' && r.expressions !== undefined) {
        out.set(`${callPath}|${r.type}.${r.name}`, r.expressions);
      }
    }
    if (isObject(mod.module_calls)) {
      for (const [name, call] of Object.entries(mod.module_calls)) {
        if (!isObject(call)) continue;
        const childPath = `${callPath ? `${callPath}.` : ''}module.${name}`;
        if (call.expressions !== undefined) out.set(childPath + CALL, call.expressions);
        visit(call.module, childPath, depth + 1);
      }
    }
  };
  visit(config, '', 0);
  return out;
}

/**
 * The last line of each resource object (`…resources[N]`), from the line map: the greatest line of the
 * paths under it, plus one for its closing brace.
 */
function endLines(lines: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  // The map is in document order: the paths under one resource come one after the other, and a path
  // that starts with the last resource's prefix has that same first `.resources[N]`.
  let last: string | undefined;
  for (const [key, line] of lines) {
    let resource: string | undefined;
    if (last !== undefined && key.startsWith(last)) resource = last;
    else {
      if (!key.startsWith('planned_values.') && !key.startsWith('values.')) continue;
      resource = resourcePrefix(key);
      if (resource === undefined) continue;
      last = resource;
    }
    const prev = out.get(resource);
    if (prev === undefined || line > prev) out.set(resource, line);
  }
  for (const [k, v] of out) out.set(k, v + 1);
  return out;
}

const RESOURCES = '.resources[';
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** The key up to its first `.resources[N]` (`planned_values.root_module.resources[3]`), if any. */
function resourcePrefix(key: string): string | undefined {
  for (let at = key.indexOf(RESOURCES); at !== -1; at = key.indexOf(RESOURCES, at + 1)) {
    const digits = at + RESOURCES.length;
    let end = digits;
    while (end < key.length && key.charCodeAt(end) >= 48 && key.charCodeAt(end) <= 57) end++;
    // (a key holding a line break never matched: the pattern this replaces read it with `.`)
    if (end > digits && key.charCodeAt(end) === 93) return LINE_BREAK.test(key.slice(0, at)) ? undefined : key.slice(0, end + 1);
  }
  return undefined;
}
