// Shared pieces of the google-provider rules: example builders for .tf and plan JSON, public principals,
// GCE metadata booleans, Cloud SQL database flags, and GKE Autopilot.
import { has, type Check } from '../../helpers';
import type { IacResource, IacValue, Verdict } from '../../types';
import { isUnknown, lookup } from '../../values';
import { tfPlan, type PlannedResource } from '../terraform-examples';

// ---------------------------------------------------------------------------------------------
// Examples.

/** A resource block; `body` lines are indented by two spaces. */
export function tf(type: string, name: string, body = ''): string {
  const inner = body
    .trim()
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
  return `resource "${type}" "${name}" {\n${inner}\n}\n`;
}

/** A resource whose value comes from a variable nobody sets: `${var.<name>}` in `body` stays unknown. */
export function tfVar(variable: string, type: string, name: string, body: string): string {
  return `variable "${variable}" {}\n\n${tf(type, name, body)}`;
}

export type { PlannedResource };

/** A plan as `terraform show -json` writes it, with the given resources in the root module. */
export const tfplan = (...resources: PlannedResource[]): string => tfPlan(resources, { defaultName: 'this', changes: true });

// ---------------------------------------------------------------------------------------------
// Values.

/** Principals that mean "anyone" (anonymous) or "any Google account". */
export const PUBLIC_PRINCIPALS = ['allUsers', 'allAuthenticatedUsers'];

export const isPublicPrincipal = (v: IacValue): boolean => typeof v === 'string' && PUBLIC_PRINCIPALS.includes(v.trim());

/** A GCE metadata value read as a boolean ("TRUE", "true", "1", "yes", true); undefined for anything else. */
export function metadataBoolean(v: IacValue): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (['true', '1', 'yes', 'y', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'n', 'off'].includes(s)) return false;
  return undefined;
}

export const metadataTrue = (v: IacValue): boolean => metadataBoolean(v) === true;
export const metadataFalse = (v: IacValue): boolean => metadataBoolean(v) === false;

/**
 * Applies `check` only to Cloud SQL instances of an engine (`database_version` = MYSQL_8_0, POSTGRES_15,
 * SQLSERVER_2019_STANDARD...): not applicable to others, unknown when the version is not known.
 */
export function forEngine(engine: 'MYSQL' | 'POSTGRES' | 'SQLSERVER', check: Check): Check {
  return (r, ctx) => {
    const version = r.attributes.database_version;
    if (isUnknown(version)) return { outcome: 'unknown', path: 'database_version', value: version };
    if (typeof version !== 'string' || !version.toUpperCase().startsWith(engine)) return { outcome: 'not-applicable' };
    return check(r, ctx);
  };
}

/**
 * A Cloud SQL database flag (`settings { database_flags { name = "log_connections" value = "on" } }`):
 * `good` says whether its value is acceptable; `whenMissing` is the outcome when the flag is not set
 * (the engine default decides).
 */
export function databaseFlag(flag: string, good: (value: IacValue) => boolean, whenMissing: 'pass' | 'fail'): Check {
  return (r) => {
    const flags = lookup(r.attributes, 'settings.database_flags');
    let unknown: Verdict | undefined;
    for (const f of flags) {
      if (isUnknown(f.value)) {
        unknown ??= { outcome: 'unknown', path: f.path, value: f.value };
        continue;
      }
      const items = Array.isArray(f.value) ? f.value.map((v, i) => ({ v, path: `${f.path}[${i}]` })) : [{ v: f.value, path: f.path }];
      for (const { v, path } of items) {
        if (isUnknown(v)) {
          unknown ??= { outcome: 'unknown', path, value: v };
          continue;
        }
        if (typeof v !== 'object' || v === null || Array.isArray(v)) continue;
        const name = v.name;
        if (isUnknown(name)) {
          unknown ??= { outcome: 'unknown', path: `${path}.name`, value: name };
          continue;
        }
        if (typeof name !== 'string' || name.toLowerCase() !== flag) continue;
        const value = v.value ?? null;
        if (isUnknown(value)) return { outcome: 'unknown', path: `${path}.value`, value };
        return { outcome: good(value) ? 'pass' : 'fail', path: `${path}.value`, value };
      }
    }
    if (unknown) return unknown;
    return { outcome: whenMissing, path: 'settings.database_flags' };
  };
}

export const flagIs =
  (expected: string) =>
  (v: IacValue): boolean =>
    typeof v === 'string' && v.trim().toLowerCase() === expected;

/** Not applicable to GKE Autopilot clusters, where Google manages the setting. */
export function unlessAutopilot(check: Check): Check {
  return (r, ctx) => {
    const autopilot = r.attributes.enable_autopilot;
    if (isUnknown(autopilot)) return { outcome: 'unknown', path: 'enable_autopilot', value: autopilot };
    if (has(r, 'enable_autopilot', true)) return { outcome: 'not-applicable' };
    return check(r, ctx);
  };
}

/** A cluster that removes its default node pool: its node_config never applies to a node. */
export const removesDefaultPool = (r: IacResource): boolean => r.type === 'google_container_cluster' && has(r, 'remove_default_node_pool', true);
