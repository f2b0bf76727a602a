// Shared pieces of the part-B azurerm rules: resource type lists, checks that accept an attribute
// under its azurerm 3.x and 4.x names, cross-resource references, and example builders.
import { all, expect, forbid, type Check, type Matcher, type PathOptions } from '../../helpers';
import type { IacResource, IacValue, RuleContext } from '../../types';
import { isUnknown, lookup } from '../../values';
import { tfPlan, type PlannedResource } from '../terraform-examples';

export const WEB_APPS = [
  'azurerm_app_service',
  'azurerm_app_service_slot',
  'azurerm_linux_web_app',
  'azurerm_windows_web_app',
  'azurerm_linux_web_app_slot',
  'azurerm_windows_web_app_slot',
] as const;

export const FUNCTION_APPS = [
  'azurerm_function_app',
  'azurerm_function_app_slot',
  'azurerm_linux_function_app',
  'azurerm_windows_function_app',
  'azurerm_linux_function_app_slot',
  'azurerm_windows_function_app_slot',
] as const;

/** The azurerm 2.x-era app types (removed in 4.x) whose arguments and defaults differ from the linux/windows types. */
export const LEGACY_APPS: ReadonlySet<string> = new Set(['azurerm_app_service', 'azurerm_app_service_slot', 'azurerm_function_app', 'azurerm_function_app_slot']);

/** The linux/windows web and function app types (azurerm 3.x+), which have public_network_access_enabled. */
export const MODERN_APPS = [...WEB_APPS, ...FUNCTION_APPS].filter((t) => !LEGACY_APPS.has(t));

const present = (r: IacResource, path: string): boolean => lookup(r.attributes, path).length > 0;

/**
 * `expect()` over an attribute that has several names across provider versions (newest first): every
 * name that is present is judged; none present gives `whenMissing` on the newest name.
 */
export function expectAlias(paths: readonly string[], expected: Matcher, options: PathOptions = {}): Check {
  return (r, ctx) => {
    const found = paths.filter((p) => present(r, p));
    if (!found.length) return { outcome: options.whenMissing ?? 'fail', path: paths[0] };
    return all(...found.map((p) => expect(p, expected, options)))(r, ctx);
  };
}

/** `forbid()` over an attribute with several names across provider versions; missing passes unless told otherwise. */
export function forbidAlias(paths: readonly string[], forbidden: Matcher, options: PathOptions = {}): Check {
  return (r, ctx) => {
    const found = paths.filter((p) => present(r, p));
    if (!found.length) return { outcome: options.whenMissing ?? 'pass', path: paths[0] };
    return all(...found.map((p) => forbid(p, forbidden, options)))(r, ctx);
  };
}

/** Picks a check by resource type (the legacy and modern app types, a cluster and its node pools). */
export function byType(checks: Record<string, Check>, otherwise: Check): Check {
  return (r, ctx) => (checks[r.type] ?? otherwise)(r, ctx);
}

/** A number at least `min` (numeric strings too). */
export const atLeast =
  (min: number) =>
  (v: IacValue): boolean => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return !Number.isNaN(n) && n >= min;
  };

/** A list containing `item` (or the item itself). */
export const containsItem =
  (item: string) =>
  (v: IacValue): boolean =>
    Array.isArray(v) ? v.some((x) => x === item) : v === item;

// ---------------------------------------------------------------------------------------------
// Cross-resource references.

function addressesOf(target: IacResource): string[] {
  const module = typeof target.meta?.module === 'string' ? target.meta.module : '';
  const local = `${target.type}.${target.name}`;
  return module ? [target.address, local] : [target.address];
}

/** The value is an expression referring to `target` (`azurerm_subnet.app.id` refers to `azurerm_subnet.app`). */
export function refersTo(value: IacValue | undefined, target: IacResource): boolean {
  if (!isUnknown(value)) return false;
  const names = addressesOf(target);
  return value.refs.some((ref) => names.some((n) => ref === n || ref.startsWith(`${n}.`) || ref.startsWith(`${n}[`)));
}

/** Resources of `type` in the group whose attribute at `path` refers to `target`. */
export function referencing(ctx: RuleContext, type: string, path: string, target: IacResource): IacResource[] {
  return ctx.ofType(type).filter((other) => lookup(other.attributes, path).some((f) => refersTo(f.value, target)));
}

// ---------------------------------------------------------------------------------------------
// Example builders: an HCL resource block, and a minimal `terraform show -json` plan.

const indent = (body: string): string =>
  body
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');

/** `resource "type" "name" { body }`, with optional text (variables, other resources) before it. */
export function hcl(type: string, body: string, before = '', name = 'example'): string {
  const block = `resource "${type}" "${name}" {\n${body ? `${indent(body.trimEnd())}\n` : ''}}\n`;
  return before ? `${before.trimEnd()}\n\n${block}` : block;
}

/** A variable without a default: its value is unknown. */
export const variable = (name: string): string => `variable "${name}" {}\n`;

export type PlanResource = PlannedResource;

/** A minimal plan JSON with the given resources in the root module. */
export const plan = (...resources: PlanResource[]): string => tfPlan(resources);

const NOT_RESOURCES = new Set(['var', 'local', 'module', 'data', 'path', 'terraform', 'each', 'count', 'self']);

/** A reference to a managed resource (`azurerm_subnet.app.id`, `module.net.azurerm_subnet.app`), not a variable or module output. */
function namesResource(ref: string): boolean {
  const parts = ref.split('.');
  let i = 0;
  while (parts[i] === 'module' && parts.length > i + 2 && parts[i + 2] !== undefined && parts[i + 2].includes('_')) i += 2;
  const head = parts[i] ?? '';
  return parts.length > i + 1 && !NOT_RESOURCES.has(head) && head.includes('_');
}

/**
 * Whether a resource of `type` links to `target` through one of `paths`: 'yes'; 'maybe' when one holds
 * an expression that refers to no managed resource (a variable, a module output), which could be the
 * target; 'no'.
 */
export function linked(ctx: RuleContext, type: string, paths: readonly string[], target: IacResource): 'yes' | 'maybe' | 'no' {
  let maybe = false;
  for (const other of ctx.ofType(type)) {
    for (const p of paths) {
      for (const f of lookup(other.attributes, p)) {
        if (refersTo(f.value, target)) return 'yes';
        if (isUnknown(f.value) && !f.value.refs.some(namesResource)) maybe = true;
      }
    }
  }
  return maybe ? 'maybe' : 'no';
}
