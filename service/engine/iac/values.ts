// Values as IaC rules see them: JSON-like, with Unknown where a value cannot be known statically
// (a variable without a default, another resource's attribute, a function of those). Lookup by
// attribute path fans out over lists, so `network_rules.default_action` reads every block.
import type { IacObject, IacScalar, IacValue } from './types';

/** A value the loader could not evaluate: the source expression and what it refers to. */
export class Unknown {
  constructor(
    /** The expression as written (`var.tls_version`, `[parameters('tls')]`, `!Ref TlsVersion`). */
    readonly expr: string,
    /** Addresses it references (`azurerm_resource_group.rg`, `var.tls_version`): cross-resource rules match on these. */
    readonly refs: readonly string[] = [],
  ) {}
  toJSON(): string {
    return `(unknown: ${this.expr})`;
  }
}

export const isUnknown = (v: unknown): v is Unknown => v instanceof Unknown;

export const isObject = (v: unknown): v is IacObject => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);

export interface Found {
  /** The concrete path: `network_rules[0].default_action`. */
  path: string;
  value: IacValue;
}

/** Splits `a.b[0]["c.d"].e` into ['a', 'b', 0, 'c.d', 'e']; `[*]` is '*'. */
export function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  let i = 0;
  let word = '';
  const flush = () => {
    if (word) out.push(word);
    word = '';
  };
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      flush();
      i++;
    } else if (c === '[') {
      flush();
      const close = path.indexOf(']', i);
      if (close === -1) throw new Error(`unclosed [ in attribute path ${path}`);
      const inner = path.slice(i + 1, close);
      if (inner === '*') out.push('*');
      else if (/^\d+$/.test(inner)) out.push(Number(inner));
      else out.push(inner.replace(/^["']|["']$/g, ''));
      i = close + 1;
    } else {
      word += c;
      i++;
    }
  }
  flush();
  return out;
}

/** /^[A-Za-z_$@][\w$@-]*$/ without a regular expression (every attribute of every file passes here). */
function isSimpleKey(key: string): boolean {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 64; // A-Z a-z _ $ @
    if (letter || (i > 0 && ((c >= 48 && c <= 57) || c === 45))) continue; // 0-9 - after the first
    return false;
  }
  return true;
}

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (isSimpleKey(key)) return base ? `${base}.${key}` : key;
  return `${base}["${key}"]`;
}

const splitCache = new Map<string, (string | number)[]>();
/** splitPath, remembered for the attribute paths rules and locations ask again and again (do not modify the result). */
export function segments(path: string): readonly (string | number)[] {
  let s = splitCache.get(path);
  if (!s) {
    s = splitPath(path);
    if (splitCache.size < 10_000) splitCache.set(path, s);
  }
  return s;
}

/**
 * Every value at `path` under `root`. A list met where a key is expected is fanned out (each item);
 * `[*]` fans out explicitly; an Unknown met on the way is returned as the value of the path below it
 * (what lies inside an unknown value is unknown). Missing keys give nothing.
 */
export function lookup(root: IacValue | undefined, path: string): Found[] {
  const segs = segments(path);
  const out: Found[] = [];
  walk(root, segs, 0, '', out);
  return out;
}

function walk(value: IacValue | undefined, segs: readonly (string | number)[], i: number, at: string, out: Found[]): void {
  if (value === undefined) return;
  if (i === segs.length) {
    out.push({ path: at, value });
    return;
  }
  if (value instanceof Unknown) {
    out.push({ path: joinRest(at, segs, i), value });
    return;
  }
  const seg = segs[i];
  if (Array.isArray(value)) {
    if (typeof seg === 'number') return walk(value[seg], segs, i + 1, joinPath(at, seg), out);
    const next = seg === '*' ? i + 1 : i;
    for (let k = 0; k < value.length; k++) walk(value[k], segs, next, joinPath(at, k), out);
    return;
  }
  if (isObject(value)) {
    if (seg === '*') {
      for (const key of Object.keys(value)) walk(value[key], segs, i + 1, joinPath(at, key), out);
      return;
    }
    if (typeof seg === 'number') return;
    if (Object.prototype.hasOwnProperty.call(value, seg)) walk(value[seg], segs, i + 1, joinPath(at, seg), out);
  }
}

function joinRest(at: string, segs: readonly (string | number)[], i: number): string {
  let p = at;
  for (let k = i; k < segs.length; k++) p = joinPath(p, segs[k] === '*' ? 0 : segs[k]);
  return p;
}

/** The first value at `path`, or undefined. */
export function get(root: IacValue | undefined, path: string): IacValue | undefined {
  const found = lookup(root, path);
  return found.length ? found[0].value : undefined;
}

/**
 * Loose equality as IaC files write values: `true` matches "true", 1 matches "1"; strings compare
 * exactly unless ignoreCase.
 */
export function sameValue(actual: IacValue, expected: IacScalar, ignoreCase = false): boolean {
  if (actual instanceof Unknown) return false;
  if (actual === expected) return true;
  if (typeof expected === 'boolean') {
    if (typeof actual === 'string') return actual.toLowerCase() === String(expected);
    return false;
  }
  if (typeof expected === 'number') {
    if (typeof actual === 'string' && actual.trim() !== '') return Number(actual) === expected;
    return false;
  }
  if (typeof expected === 'string') {
    if (typeof actual === 'string') return ignoreCase ? actual.toLowerCase() === expected.toLowerCase() : false;
    if (typeof actual === 'number' || typeof actual === 'boolean') return String(actual) === expected;
  }
  return false;
}

/** true/"true" → true, false/"false" → false, anything else undefined. */
export function asBoolean(v: IacValue | undefined): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

/** A number, or a numeric string, as a number; otherwise undefined. */
export function asNumber(v: IacValue | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

/** A value shown in a finding: scalars as they are, anything else as short JSON. */
export function displayValue(v: IacValue | undefined): string | number | boolean | null | undefined {
  if (v === undefined) return undefined;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    return typeof v === 'string' && v.length > 200 ? `${v.slice(0, 199)}…` : v;
  }
  const text = v instanceof Unknown ? v.expr : JSON.stringify(v);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** True when the value or anything inside it is Unknown. */
export function containsUnknown(v: IacValue | undefined, depth = 0): boolean {
  if (v instanceof Unknown) return true;
  if (depth > 64 || v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some((x) => containsUnknown(x, depth + 1));
  return Object.values(v).some((x) => containsUnknown(x, depth + 1));
}
