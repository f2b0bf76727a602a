// Building blocks for rules (checkov's base checks): most rules are metadata plus one of these.
// Each returns a check: pass, fail (one verdict per failing value), unknown when the value cannot be
// known statically, not-applicable when the rule does not concern this resource.
import type { IacResource, IacRule, IacScalar, IacValue, RuleContext, Verdict } from './types';
import { isObject, isUnknown, lookup, sameValue, type Found } from './values';

export type Check = IacRule['check'];

/** What a value must (expect) or must not (forbid) be: a value, one of several, or a test. */
export type Matcher = IacScalar | readonly IacScalar[] | ((value: IacValue) => boolean);

export interface PathOptions {
  /**
   * The outcome when the attribute is absent or null (the provider's default decides: Terraform and plan
   * JSON write null for "use the default"). expect(): 'fail'; forbid(): 'pass'.
   */
  whenMissing?: 'pass' | 'fail' | 'not-applicable';
  /** Compare strings without case. */
  ignoreCase?: boolean;
}

function matches(value: IacValue, m: Matcher, ignoreCase: boolean): boolean {
  if (typeof m === 'function') return m(value);
  if (Array.isArray(m)) return (m as readonly IacScalar[]).some((x) => sameValue(value, x, ignoreCase));
  return sameValue(value, m as IacScalar, ignoreCase);
}

/** Outcome of judging each found value with `bad` (true: fails); unknown values make the result unknown. */
function judge(found: readonly Found[], bad: (v: IacValue) => boolean): Verdict[] {
  const fails: Verdict[] = [];
  let unknown: Found | undefined;
  for (const f of found) {
    if (isUnknown(f.value)) unknown ??= f;
    else if (bad(f.value)) fails.push({ outcome: 'fail', path: f.path, value: f.value });
  }
  if (fails.length) return fails;
  if (unknown) return [{ outcome: 'unknown', path: unknown.path, value: unknown.value }];
  return [{ outcome: 'pass', path: found[0].path, value: found[0].value }];
}

/** The attribute at `path` must match `expected` (every occurrence of it). Missing: fail unless told otherwise. */
export function expect(path: string, expected: Matcher, options: PathOptions = {}): Check {
  const ignoreCase = options.ignoreCase ?? false;
  return (r) => {
    const found = lookup(r.attributes, path).filter((f) => f.value !== null);
    if (!found.length) return { outcome: options.whenMissing ?? 'fail', path };
    return judge(found, (v) => !matches(v, expected, ignoreCase));
  };
}

/** The attribute at `path` must not match `forbidden`. Missing: pass unless told otherwise. */
export function forbid(path: string, forbidden: Matcher, options: PathOptions = {}): Check {
  const ignoreCase = options.ignoreCase ?? false;
  return (r) => {
    const found = lookup(r.attributes, path).filter((f) => f.value !== null);
    if (!found.length) return { outcome: options.whenMissing ?? 'pass', path };
    return judge(found, (v) => matches(v, forbidden, ignoreCase));
  };
}

/** Set: present and not null, false, '' or an empty list or object. */
export function isSet(v: IacValue | undefined): boolean {
  if (v === undefined || v === null || v === false || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return true;
}

/** At least one of `paths` must be set (an encryption key, a log destination...). The first path names a failure. */
export function requireAny(...paths: string[]): Check {
  return (r) => {
    let unknown: Found | undefined;
    for (const p of paths) {
      for (const f of lookup(r.attributes, p)) {
        if (isUnknown(f.value)) unknown ??= f;
        else if (isSet(f.value)) return { outcome: 'pass', path: f.path, value: f.value };
      }
    }
    if (unknown) return { outcome: 'unknown', path: unknown.path, value: unknown.value };
    return { outcome: 'fail', path: paths[0] };
  };
}

const asList = (v: Verdict | readonly Verdict[]): readonly Verdict[] => (Array.isArray(v) ? (v as readonly Verdict[]) : [v as Verdict]);

/** Every check must pass: the failures of all of them, else unknown if one is unknown. */
export function all(...checks: Check[]): Check {
  return (r, ctx) => {
    const verdicts = checks.flatMap((c) => [...asList(c(r, ctx))]);
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    if (fails.length) return fails;
    const unknown = verdicts.find((v) => v.outcome === 'unknown');
    if (unknown) return unknown;
    const pass = verdicts.find((v) => v.outcome === 'pass');
    return pass ?? { outcome: 'not-applicable' };
  };
}

/** One check passing is enough; else unknown if one is unknown; else the first check's failures. */
export function anyOf(...checks: Check[]): Check {
  return (r, ctx) => {
    const results = checks.map((c) => asList(c(r, ctx)));
    for (const vs of results) if (vs.length && vs.every((v) => v.outcome === 'pass')) return vs[0];
    for (const vs of results) {
      const u = vs.find((v) => v.outcome === 'unknown');
      if (u) return u;
    }
    const fails = results.find((vs) => vs.some((v) => v.outcome === 'fail'));
    return fails ? fails.filter((v) => v.outcome === 'fail') : { outcome: 'not-applicable' };
  };
}

/**
 * Runs `check` only when `applies` says so: false gives not-applicable, 'unknown' gives unknown
 * (e.g. a rule for public storage accounts on an account whose public access is a variable).
 */
export function when(applies: (r: IacResource, ctx: RuleContext) => boolean | 'unknown', check: Check): Check {
  return (r, ctx) => {
    const a = applies(r, ctx);
    if (a === 'unknown') return { outcome: 'unknown', reason: 'whether the rule applies depends on a value that is not known' };
    return a ? check(r, ctx) : { outcome: 'not-applicable' };
  };
}

/** The value at `path` matches `m` (false when missing or unknown): for when() conditions. */
export function has(r: IacResource, path: string, m: Matcher, ignoreCase = false): boolean {
  return lookup(r.attributes, path).some((f) => !isUnknown(f.value) && matches(f.value, m, ignoreCase));
}

/** Verdict helpers for hand-written checks. */
export const pass = (path?: string, value?: IacValue): Verdict => ({ outcome: 'pass', path, value });
export const fail = (path?: string, value?: IacValue, message?: string): Verdict => ({ outcome: 'fail', path, value, message });
export const unknown = (path?: string, value?: IacValue, reason?: string): Verdict => ({ outcome: 'unknown', path, value, reason });
export const notApplicable = (): Verdict => ({ outcome: 'not-applicable' });

// ---------------------------------------------------------------------------------------------
// Network values shared by Azure, AWS and GCP rules.

const INTERNET = new Set(['0.0.0.0/0', '::/0', '0.0.0.0', '*', 'internet', 'any', '<nw>/0', '/0']);

/** A source address that means "anyone": 0.0.0.0/0, ::/0, *, Internet, Any. */
export function isInternet(v: IacValue): boolean {
  return typeof v === 'string' && INTERNET.has(v.trim().toLowerCase());
}

/**
 * Whether a port spec covers `port`: 22, "22", "20-25", "*", or a list of those. Unknown specs give
 * undefined.
 */
export function portCovers(spec: IacValue, port: number): boolean | undefined {
  if (isUnknown(spec)) return undefined;
  if (Array.isArray(spec)) {
    let unknownSeen = false;
    for (const s of spec) {
      const c = portCovers(s, port);
      if (c) return true;
      if (c === undefined) unknownSeen = true;
    }
    return unknownSeen ? undefined : false;
  }
  if (typeof spec === 'number') return spec === port;
  if (typeof spec !== 'string') return false;
  const s = spec.trim();
  if (s === '*' || s.toLowerCase() === 'any' || s === '-1' || s === '0-65535') return true;
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(s);
  if (range) return Number(range[1]) <= port && port <= Number(range[2]);
  if (/^\d+$/.test(s)) return Number(s) === port;
  return false;
}
