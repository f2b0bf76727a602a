// Terraform's common built-in functions over known values. Each gets its evaluated arguments and throws
// EvalError on bad input. Functions not listed here evaluate to Unknown; regex forms (`replace` with a
// /pattern/) are left unknown on purpose, so a scanned file can never make us run an expensive pattern.
import { Unknown, isUnknown } from './unknown';
import {
  EvalError,
  type HclObject,
  type HclValue,
  containsUnknown,
  hasKey,
  isObjectValue,
  newObject,
  sortedKeys,
  toBoolValue,
  toNumberValue,
  toStringValue,
  typeName,
  valuesEqual,
} from './values';

export interface HclFunction {
  /** Whether Unknowns nested inside arguments (a list item, an object attribute) still give a known result. */
  structural?: boolean;
  minArgs: number;
  maxArgs?: number;
  call(args: HclValue[]): HclValue;
}

/** Bound on values functions build (flatten, concat, split, format output) so a file cannot blow memory up. */
const MAX_ITEMS = 100_000;

function list(v: HclValue, what: string): HclValue[] {
  if (Array.isArray(v)) return v;
  throw new EvalError(`${what}: expected a list, found ${typeName(v)}`);
}

function object(v: HclValue, what: string): HclObject {
  if (isObjectValue(v)) return v;
  throw new EvalError(`${what}: expected a map or object, found ${typeName(v)}`);
}

function str(v: HclValue, what: string): string {
  if (v === null) throw new EvalError(`${what}: argument must not be null`);
  return toStringValue(v, what);
}

function num(v: HclValue, what: string): number {
  if (v === null) throw new EvalError(`${what}: argument must not be null`);
  return toNumberValue(v, what);
}

function bounded<T>(items: T[], what: string): T[] {
  if (items.length > MAX_ITEMS) throw new EvalError(`${what}: result too large`);
  return items;
}

function dedupe(items: HclValue[]): HclValue[] {
  const out: HclValue[] = [];
  for (const item of items) if (!out.some((seen) => valuesEqual(seen, item))) out.push(item);
  return out;
}

function chars(s: string): string[] {
  return Array.from(s);
}

function flattenInto(items: HclValue[], out: HclValue[]): void {
  for (const item of items) {
    if (Array.isArray(item)) flattenInto(item, out);
    else out.push(item);
    if (out.length > MAX_ITEMS) throw new EvalError('flatten: result too large');
  }
}

function jsonEncode(v: HclValue): string {
  if (v === null) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new EvalError('jsonencode: cannot encode an infinite number');
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') {
    // Terraform escapes these like Go's encoding/json.
    return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  }
  if (Array.isArray(v)) return '[' + v.map(jsonEncode).join(',') + ']';
  if (isUnknown(v)) throw new EvalError('jsonencode: unknown value');
  return '{' + sortedKeys(v).map((k) => jsonEncode(k) + ':' + jsonEncode(v[k])).join(',') + '}';
}

const FORMAT_VERB = /%(?:\[(\d+)\])?([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;

function format(spec: string, args: HclValue[]): string {
  let next = 0;
  type Verb = [match: string, index?: string, flags?: string, width?: string, precision?: string, verb?: string];
  const out = spec.replace(FORMAT_VERB, (...[, index, flags = '', width, precision, verb = '']: Verb) => {
    if (verb === '%') return '%';
    if (index) next = Number(index) - 1;
    if (next >= args.length) throw new EvalError('format: too few arguments for the format string');
    const arg = args[next++];
    let text: string;
    switch (verb) {
      case 's':
        text = str(arg, 'format');
        break;
      case 'v':
        text = typeof arg === 'object' && arg !== null ? jsonEncode(arg) : arg === null ? 'null' : toStringValue(arg);
        break;
      case 'q':
        text = JSON.stringify(str(arg, 'format'));
        break;
      case 't':
        text = toBoolValue(arg, 'format') ? 'true' : 'false';
        break;
      case 'd': {
        const n = num(arg, 'format');
        if (!Number.isInteger(n)) throw new EvalError('format: %d needs an integer');
        text = (flags.includes('+') && n >= 0 ? '+' : '') + String(n);
        break;
      }
      case 'f':
      case 'e':
      case 'g': {
        const n = num(arg, 'format');
        const digits = precision === undefined ? 6 : Number(precision);
        text = verb === 'f' ? n.toFixed(Math.min(digits, 100)) : verb === 'e' ? n.toExponential(Math.min(digits, 100)) : String(n);
        if (flags.includes('+') && n >= 0) text = '+' + text;
        break;
      }
      case 'x':
      case 'X':
      case 'o':
      case 'b': {
        const n = num(arg, 'format');
        const radix = verb === 'o' ? 8 : verb === 'b' ? 2 : 16;
        text = Math.trunc(n).toString(radix);
        if (verb === 'X') text = text.toUpperCase();
        break;
      }
      default:
        throw new EvalError(`format: unsupported verb %${verb}`);
    }
    if (precision !== undefined && (verb === 's' || verb === 'q')) text = chars(text).slice(0, Number(precision)).join('');
    const w = width === undefined ? 0 : Math.min(Number(width), 1000);
    if (text.length < w) {
      if (flags.includes('-')) text = text.padEnd(w);
      else if (flags.includes('0') && 'dfegxXob'.includes(verb)) {
        const sign = /^[-+]/.test(text) ? text[0] : '';
        text = sign + text.slice(sign.length).padStart(w - sign.length, '0');
      } else text = text.padStart(w);
    }
    return text;
  });
  if (out.length > MAX_ITEMS * 10) throw new EvalError('format: result too large');
  return out;
}

function numbersOf(args: HclValue[], what: string): number[] {
  if (args.length === 0) throw new EvalError(`${what}: needs at least one argument`);
  return args.map((a) => num(a, what));
}

export const FUNCTIONS: Readonly<Record<string, HclFunction>> = {
  lower: { minArgs: 1, maxArgs: 1, call: ([s]) => str(s, 'lower').toLowerCase() },
  upper: { minArgs: 1, maxArgs: 1, call: ([s]) => str(s, 'upper').toUpperCase() },
  trimspace: { minArgs: 1, maxArgs: 1, call: ([s]) => str(s, 'trimspace').trim() },
  startswith: { minArgs: 2, maxArgs: 2, call: ([s, p]) => str(s, 'startswith').startsWith(str(p, 'startswith')) },
  endswith: { minArgs: 2, maxArgs: 2, call: ([s, p]) => str(s, 'endswith').endsWith(str(p, 'endswith')) },
  format: { minArgs: 1, call: ([spec, ...args]) => format(str(spec, 'format'), args) },
  join: {
    minArgs: 2,
    call: ([sep, ...lists]) => {
      const items = lists.flatMap((l) => list(l, 'join'));
      return items.map((i) => str(i, 'join')).join(str(sep, 'join'));
    },
  },
  split: {
    minArgs: 2,
    maxArgs: 2,
    call: ([sep, s]) => {
      const text = str(s, 'split');
      if (text === '') return [];
      return bounded(text.split(str(sep, 'split')), 'split');
    },
  },
  replace: {
    minArgs: 3,
    maxArgs: 3,
    call: ([s, search, replacement]) => {
      const pattern = str(search, 'replace');
      if (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/')) return new Unknown(`replace(…, ${pattern}, …)`);
      if (pattern === '') throw new EvalError('replace: empty search string');
      return str(s, 'replace').split(pattern).join(str(replacement, 'replace'));
    },
  },
  substr: {
    minArgs: 3,
    maxArgs: 3,
    call: ([s, o, l]) => {
      const cs = chars(str(s, 'substr'));
      let offset = num(o, 'substr');
      const length = num(l, 'substr');
      if (offset < 0) offset = Math.max(0, cs.length + offset);
      if (offset > cs.length) throw new EvalError('substr: offset beyond the end of the string');
      return cs.slice(offset, length < 0 ? undefined : offset + length).join('');
    },
  },
  length: {
    structural: true,
    minArgs: 1,
    maxArgs: 1,
    call: ([v]) => {
      if (typeof v === 'string') return chars(v).length;
      if (Array.isArray(v)) return v.length;
      if (isObjectValue(v)) return Object.keys(v).length;
      throw new EvalError(`length: cannot take the length of ${typeName(v)}`);
    },
  },
  concat: { structural: true, minArgs: 1, call: (lists) => bounded(lists.flatMap((l) => list(l, 'concat')), 'concat') },
  merge: {
    structural: true,
    minArgs: 0,
    call: (maps) => {
      const out = newObject();
      for (const m of maps) {
        if (m === null) continue;
        const o = object(m, 'merge');
        for (const k of Object.keys(o)) out[k] = o[k];
      }
      return out;
    },
  },
  lookup: {
    structural: true,
    minArgs: 2,
    maxArgs: 3,
    call: ([m, k, ...fallback]) => {
      const o = object(m, 'lookup');
      const key = str(k, 'lookup');
      if (hasKey(o, key)) return o[key];
      if (fallback.length) return fallback[0];
      throw new EvalError(`lookup: no key '${key}' and no default`);
    },
  },
  element: {
    structural: true,
    minArgs: 2,
    maxArgs: 2,
    call: ([l, i]) => {
      const items = list(l, 'element');
      const index = num(i, 'element');
      if (items.length === 0) throw new EvalError('element: empty list');
      if (index < 0 || !Number.isInteger(index)) throw new EvalError('element: index must be a non-negative integer');
      return items[index % items.length];
    },
  },
  coalesce: {
    minArgs: 1,
    call: (args) => {
      for (const a of args) if (a !== null && a !== '') return a;
      throw new EvalError('coalesce: no non-null, non-empty argument');
    },
  },
  compact: { minArgs: 1, maxArgs: 1, call: ([l]) => list(l, 'compact').filter((i) => i !== null && i !== '') },
  tostring: { minArgs: 1, maxArgs: 1, call: ([v]) => (v === null ? null : toStringValue(v, 'tostring')) },
  tonumber: { minArgs: 1, maxArgs: 1, call: ([v]) => (v === null ? null : toNumberValue(v, 'tonumber')) },
  tobool: { minArgs: 1, maxArgs: 1, call: ([v]) => (v === null ? null : toBoolValue(v, 'tobool')) },
  tolist: { structural: true, minArgs: 1, maxArgs: 1, call: ([v]) => (v === null ? null : list(v, 'tolist')) },
  toset: {
    minArgs: 1,
    maxArgs: 1,
    call: ([v]) => {
      if (v === null) return null;
      const items = dedupe(list(v, 'toset'));
      return items.every((i) => typeof i === 'string') ? (items as string[]).sort() : items;
    },
  },
  tomap: { structural: true, minArgs: 1, maxArgs: 1, call: ([v]) => (v === null ? null : object(v, 'tomap')) },
  contains: { minArgs: 2, maxArgs: 2, call: ([l, v]) => list(l, 'contains').some((i) => valuesEqual(i, v)) },
  keys: { structural: true, minArgs: 1, maxArgs: 1, call: ([m]) => sortedKeys(object(m, 'keys')) },
  values: {
    structural: true,
    minArgs: 1,
    maxArgs: 1,
    call: ([m]) => {
      const o = object(m, 'values');
      return sortedKeys(o).map((k) => o[k]);
    },
  },
  min: { minArgs: 1, call: (args) => Math.min(...numbersOf(args, 'min')) },
  max: { minArgs: 1, call: (args) => Math.max(...numbersOf(args, 'max')) },
  abs: { minArgs: 1, maxArgs: 1, call: ([n]) => Math.abs(num(n, 'abs')) },
  flatten: {
    minArgs: 1,
    maxArgs: 1,
    call: ([l]) => {
      const out: HclValue[] = [];
      flattenInto(list(l, 'flatten'), out);
      return out;
    },
  },
  distinct: { minArgs: 1, maxArgs: 1, call: ([l]) => dedupe(list(l, 'distinct')) },
  jsonencode: { minArgs: 1, maxArgs: 1, call: ([v]) => jsonEncode(v) },
  jsondecode: { minArgs: 1, maxArgs: 1, call: ([s]) => jsonDecode(str(s, 'jsondecode')) },
  base64encode: { minArgs: 1, maxArgs: 1, call: ([s]) => Buffer.from(str(s, 'base64encode'), 'utf8').toString('base64') },
  base64decode: {
    minArgs: 1,
    maxArgs: 1,
    call: ([s]) => {
      const text = str(s, 'base64decode');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new EvalError('base64decode: invalid base64');
      return Buffer.from(text, 'base64').toString('utf8');
    },
  },
  trimprefix: {
    minArgs: 2,
    maxArgs: 2,
    call: ([s, p]) => {
      const [text, prefix] = [str(s, 'trimprefix'), str(p, 'trimprefix')];
      return text.startsWith(prefix) ? text.slice(prefix.length) : text;
    },
  },
  trimsuffix: {
    minArgs: 2,
    maxArgs: 2,
    call: ([s, p]) => {
      const [text, suffix] = [str(s, 'trimsuffix'), str(p, 'trimsuffix')];
      return suffix && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
    },
  },
  chomp: { minArgs: 1, maxArgs: 1, call: ([s]) => str(s, 'chomp').replace(/(\r?\n)+$/, '') },
  reverse: { structural: true, minArgs: 1, maxArgs: 1, call: ([l]) => [...list(l, 'reverse')].reverse() },
  sort: {
    minArgs: 1,
    maxArgs: 1,
    call: ([l]) => list(l, 'sort').map((i) => str(i, 'sort')).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
  },
  slice: {
    structural: true,
    minArgs: 3,
    maxArgs: 3,
    call: ([l, from, to]) => {
      const items = list(l, 'slice');
      const [start, end] = [num(from, 'slice'), num(to, 'slice')];
      if (start < 0 || end > items.length || start > end) throw new EvalError('slice: index out of range');
      return items.slice(start, end);
    },
  },
  index: {
    minArgs: 2,
    maxArgs: 2,
    call: ([l, v]) => {
      const i = list(l, 'index').findIndex((item) => valuesEqual(item, v));
      if (i < 0) throw new EvalError('index: value not in the list');
      return i;
    },
  },
  one: {
    structural: true,
    minArgs: 1,
    maxArgs: 1,
    call: ([l]) => {
      if (l === null) return null;
      const items = list(l, 'one');
      if (items.length > 1) throw new EvalError('one: more than one element');
      return items.length ? items[0] : null;
    },
  },
  zipmap: {
    structural: true,
    minArgs: 2,
    maxArgs: 2,
    call: ([k, v]) => {
      const [keys, vals] = [list(k, 'zipmap'), list(v, 'zipmap')];
      if (keys.length !== vals.length) throw new EvalError('zipmap: lists of different lengths');
      const out = newObject();
      keys.forEach((key, i) => (out[str(key, 'zipmap')] = vals[i]));
      return out;
    },
  },
  range: {
    minArgs: 1,
    maxArgs: 3,
    call: (args) => {
      const n = args.map((a) => num(a, 'range'));
      const [start, limit, step] = n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? (n[0] <= n[1] ? 1 : -1)];
      if (step === 0 || (limit - start) / step > MAX_ITEMS) throw new EvalError('range: invalid or too large');
      const out: number[] = [];
      for (let i = start; step > 0 ? i < limit : i > limit; i += step) out.push(i);
      return out;
    },
  },
  sum: {
    minArgs: 1,
    maxArgs: 1,
    call: ([l]) => {
      const items = list(l, 'sum');
      if (!items.length) throw new EvalError('sum: empty list');
      return items.reduce<number>((total, i) => total + num(i, 'sum'), 0);
    },
  },
  alltrue: { minArgs: 1, maxArgs: 1, call: ([l]) => list(l, 'alltrue').every((i) => toBoolValue(i, 'alltrue')) },
  anytrue: { minArgs: 1, maxArgs: 1, call: ([l]) => list(l, 'anytrue').some((i) => toBoolValue(i, 'anytrue')) },
  coalescelist: {
    structural: true,
    minArgs: 1,
    call: (lists) => {
      for (const l of lists) if (list(l, 'coalescelist').length) return l;
      throw new EvalError('coalescelist: all lists are empty');
    },
  },
};

/** JSON text to a value; objects get no prototype, like every object the evaluator builds. */
function jsonDecode(text: string): HclValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new EvalError('jsondecode: invalid JSON');
  }
  const convert = (v: unknown): HclValue => {
    if (Array.isArray(v)) return v.map(convert);
    if (v !== null && typeof v === 'object') {
      const out = newObject();
      for (const [k, item] of Object.entries(v)) out[k] = convert(item);
      return out;
    }
    return v as HclValue;
  };
  return convert(parsed);
}

/** Calls a known function; Unknown arguments make the result Unknown unless the function is structural. */
export function callFunction(fn: HclFunction, name: string, args: HclValue[]): HclValue | 'unknown' {
  if (args.length < fn.minArgs) throw new EvalError(`${name}: expected at least ${fn.minArgs} arguments, got ${args.length}`);
  if (fn.maxArgs !== undefined && args.length > fn.maxArgs) {
    throw new EvalError(`${name}: expected at most ${fn.maxArgs} arguments, got ${args.length}`);
  }
  for (const a of args) if (fn.structural ? isUnknown(a) : containsUnknown(a)) return 'unknown';
  return fn.call(args);
}
