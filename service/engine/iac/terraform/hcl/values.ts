// Runtime values of HCL evaluation and the conversions the HCL spec applies between them.
import { type Unknown, isUnknown } from './unknown';

export type HclValue = string | number | boolean | null | Unknown | HclValue[] | HclObject;
export interface HclObject {
  [key: string]: HclValue;
}

/** An evaluation error (wrong type, missing attribute, index out of range); `try` and `can` catch it. */
export class EvalError extends Error {}

export function isObjectValue(v: HclValue): v is HclObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v);
}

export function typeName(v: HclValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'tuple';
  if (isUnknown(v)) return 'unknown';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** Whether `v` is or contains an Unknown. */
export function containsUnknown(v: HclValue): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  for (const k in v) if (containsUnknown(v[k])) return true;
  return false;
}

/** Adds the refs of every Unknown in `v` to `into`. */
export function collectUnknownRefs(v: HclValue, into: Set<string>): void {
  if (v === null || typeof v !== 'object') return;
  if (isUnknown(v)) {
    for (const r of v.refs) into.add(r);
  } else if (Array.isArray(v)) {
    for (const item of v) collectUnknownRefs(item, into);
  } else {
    for (const k in v) collectUnknownRefs(v[k], into);
  }
}

/** Numbers print as integers when they are, like cty's string conversion. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return BigInt(n).toString();
  return String(n);
}

export function toStringValue(v: HclValue, what = 'value'): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  throw new EvalError(`${what}: cannot convert ${typeName(v)} to string`);
}

export function toNumberValue(v: HclValue, what = 'value'): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  throw new EvalError(`${what}: cannot convert ${typeName(v)} to number`);
}

export function toBoolValue(v: HclValue, what = 'value'): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new EvalError(`${what}: cannot convert ${typeName(v)} to bool`);
}

/** Deep equality with HCL's strict types: 1 != "1". */
export function valuesEqual(a: HclValue, b: HclValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => valuesEqual(item, b[i]));
  }
  if (Array.isArray(b) || isUnknown(a) || isUnknown(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && valuesEqual(a[k], b[k]));
}

/** Object keys in cty's iteration order (lexical). */
export function sortedKeys(o: HclObject): string[] {
  return Object.keys(o).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/** A new object without a prototype, so keys like `__proto__` or `constructor` from a scanned file are plain data. */
export function newObject(): HclObject {
  return Object.create(null) as HclObject;
}

export function hasKey(o: HclObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}
