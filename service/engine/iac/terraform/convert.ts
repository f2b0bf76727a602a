// HCL evaluation values (hcl/values.ts, with the HCL evaluator's own Unknown) as the IaC model's values:
// plain objects and arrays, and the family's Unknown (values.ts) that rules recognise.
import type { IacObject, IacValue } from '../types';
import { Unknown } from '../values';
import type { HclValue } from './hcl/values';
import { isUnknown as isHclUnknown } from './hcl/unknown';

/** Deeper than this, a value is cut to an Unknown (a value built to be deep is not infrastructure). */
const MAX_DEPTH = 64;

export function toIacValue(v: HclValue, depth = 0): IacValue {
  if (v === null || typeof v !== 'object') return v;
  if (isHclUnknown(v)) return new Unknown(v.expr, v.refs);
  if (v instanceof Unknown) return v;
  if (depth > MAX_DEPTH) return new Unknown('(nested too deep)');
  if (Array.isArray(v)) return v.map((x) => toIacValue(x, depth + 1));
  const out: IacObject = {};
  for (const key of Object.keys(v)) setKey(out, key, toIacValue(v[key], depth + 1));
  return out;
}

/** obj[key] = value, with `__proto__` from a scanned file kept as plain data. */
export function setKey(obj: IacObject, key: string, value: IacValue): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
