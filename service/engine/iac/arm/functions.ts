// The template functions ARM and Bicep share, over known values. A function whose inputs are unknown,
// or whose result only exists at deployment (uniqueString, guid, resourceGroup(), utcNow...), gives
// Unknown. Names are matched without case, as ARM does.
import type { IacObject, IacValue } from '../types';
import { isObject, isUnknown } from '../values';
import { unknownFrom } from './unknown';

type Fn = (args: IacValue[]) => IacValue | undefined;

const MAX_LIST = 10_000;
const MAX_STRING = 1_000_000;

const str = (v: IacValue): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: IacValue): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : undefined);
const bool = (v: IacValue): boolean | undefined =>
  typeof v === 'boolean' ? v : typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : typeof v === 'number' ? v !== 0 : undefined;

/** Deep equality of known values (strings with case, as ARM's equals()). */
export function deepEqual(a: IacValue, b: IacValue, depth = 0): boolean {
  if (a === b) return true;
  if (depth > 32) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i], depth + 1));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k], depth + 1));
  }
  return false;
}

/** ARM's string(): strings as they are, booleans as True/False, everything else as JSON. */
export function toText(v: IacValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

function emptyValue(v: IacValue): boolean {
  if (v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObject(v)) return Object.keys(v).length === 0;
  return false;
}

function contains(container: IacValue, item: IacValue): boolean | undefined {
  if (typeof container === 'string') return container.toLowerCase().includes(toText(item).toLowerCase());
  if (Array.isArray(container)) return container.some((x) => deepEqual(x, item));
  if (isObject(container)) return Object.keys(container).some((k) => k.toLowerCase() === toText(item).toLowerCase());
  return undefined;
}

function union(args: IacValue[]): IacValue | undefined {
  if (args.every(Array.isArray)) {
    const out: IacValue[] = [];
    for (const list of args as IacValue[][]) for (const x of list) if (!out.some((y) => deepEqual(x, y))) out.push(x);
    return out;
  }
  if (args.every(isObject)) {
    const merge = (a: IacObject, b: IacObject): IacObject => {
      const out: IacObject = { ...a };
      for (const [k, v] of Object.entries(b)) out[k] = isObject(out[k]) && isObject(v) ? merge(out[k] as IacObject, v) : v;
      return out;
    };
    return (args as IacObject[]).reduce(merge, {});
  }
  return undefined;
}

function format(args: IacValue[]): string | undefined {
  const template = str(args[0]);
  if (template === undefined) return undefined;
  return template.replace(/\{\{|\}\}|\{(\d+)(?::[^}]*)?\}/g, (m, i: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const v = args[Number(i) + 1];
    return v === undefined ? m : toText(v);
  });
}

function parseJsonText(v: IacValue): IacValue | undefined {
  const s = str(v);
  if (s === undefined || s.length > MAX_STRING) return undefined;
  try {
    return JSON.parse(s) as IacValue;
  } catch {
    return undefined;
  }
}

const pairs = (args: IacValue[]): IacObject | undefined => {
  if (args.length % 2) return undefined;
  const out: IacObject = {};
  for (let i = 0; i < args.length; i += 2) {
    const k = str(args[i]);
    if (k === undefined) return undefined;
    out[k] = args[i + 1];
  }
  return out;
};

const listOrString = (v: IacValue, onList: (l: IacValue[]) => IacValue, onString: (s: string) => IacValue): IacValue | undefined =>
  Array.isArray(v) ? onList(v) : typeof v === 'string' ? onString(v) : undefined;

const arith = (f: (a: number, b: number) => number): Fn => (a) => {
  const x = num(a[0]);
  const y = num(a[1]);
  return x === undefined || y === undefined ? undefined : f(x, y);
};
const compare = (f: (c: number) => boolean): Fn => (a) => {
  const [x, y] = a;
  if (typeof x === 'string' && typeof y === 'string') return f(x < y ? -1 : x > y ? 1 : 0);
  const nx = num(x);
  const ny = num(y);
  return nx === undefined || ny === undefined ? undefined : f(nx - ny);
};

const FUNCTIONS: Record<string, Fn> = {
  concat: (a) => {
    if (a.every(Array.isArray)) return (a as IacValue[][]).flat().slice(0, MAX_LIST);
    if (a.some((x) => Array.isArray(x) || isObject(x))) return undefined;
    const s = a.map(toText).join('');
    return s.length > MAX_STRING ? undefined : s;
  },
  format,
  tolower: (a) => str(a[0])?.toLowerCase(),
  toupper: (a) => str(a[0])?.toUpperCase(),
  string: (a) => (a.length ? toText(a[0]) : undefined),
  int: (a) => {
    const n = num(a[0]);
    return n === undefined ? undefined : Math.trunc(n);
  },
  float: (a) => num(a[0]),
  bool: (a) => bool(a[0]),
  if: (a) => {
    const c = bool(a[0]);
    return c === undefined ? undefined : c ? a[1] : a[2];
  },
  equals: (a) => deepEqual(a[0], a[1]),
  not: (a) => {
    const b = bool(a[0]);
    return b === undefined ? undefined : !b;
  },
  and: (a) => {
    const bs = a.map(bool);
    return bs.some((b) => b === undefined) ? undefined : bs.every(Boolean);
  },
  or: (a) => {
    const bs = a.map(bool);
    return bs.some((b) => b === undefined) ? undefined : bs.some(Boolean);
  },
  empty: (a) => emptyValue(a[0]),
  contains: (a) => contains(a[0], a[1]),
  union,
  intersection: (a) => {
    if (a.every(Array.isArray)) return (a[0] as IacValue[]).filter((x) => (a.slice(1) as IacValue[][]).every((l) => l.some((y) => deepEqual(x, y))));
    if (a.every(isObject)) {
      const out: IacObject = {};
      for (const [k, v] of Object.entries(a[0] as IacObject)) if ((a.slice(1) as IacObject[]).every((o) => k in o && deepEqual(o[k], v))) out[k] = v;
      return out;
    }
    return undefined;
  },
  createobject: pairs,
  createarray: (a) => a,
  array: (a) => (Array.isArray(a[0]) ? a[0] : [a[0]]),
  json: (a) => parseJsonText(a[0]),
  length: (a) => listOrString(a[0], (l) => l.length, (s) => s.length) ?? (isObject(a[0]) ? Object.keys(a[0]).length : undefined),
  first: (a) => listOrString(a[0], (l) => l[0] ?? null, (s) => s.slice(0, 1)),
  last: (a) => listOrString(a[0], (l) => l[l.length - 1] ?? null, (s) => s.slice(-1)),
  take: (a) => {
    const n = num(a[1]) ?? 0;
    return listOrString(a[0], (l) => l.slice(0, n), (s) => s.slice(0, n));
  },
  skip: (a) => {
    const n = num(a[1]) ?? 0;
    return listOrString(a[0], (l) => l.slice(n), (s) => s.slice(n));
  },
  coalesce: (a) => a.find((x) => x !== null) ?? null,
  replace: (a) => {
    const [s, from, to] = a.map(str);
    return s === undefined || from === undefined || to === undefined ? undefined : s.split(from).join(to);
  },
  substring: (a) => {
    const s = str(a[0]);
    const start = num(a[1] ?? 0) ?? 0;
    const len = a[2] === undefined ? undefined : num(a[2]);
    return s === undefined ? undefined : len === undefined ? s.slice(start) : s.slice(start, start + len);
  },
  split: (a) => {
    const s = str(a[0]);
    const seps = Array.isArray(a[1]) ? a[1].map(str) : [str(a[1])];
    if (s === undefined || seps.some((x) => x === undefined)) return undefined;
    let parts = [s];
    for (const sep of seps as string[]) parts = parts.flatMap((p) => p.split(sep));
    return parts.slice(0, MAX_LIST);
  },
  join: (a) => (Array.isArray(a[0]) && typeof a[1] === 'string' ? a[0].map(toText).join(a[1]) : undefined),
  trim: (a) => str(a[0])?.trim(),
  startswith: (a) => (str(a[0]) !== undefined && str(a[1]) !== undefined ? str(a[0])!.toLowerCase().startsWith(str(a[1])!.toLowerCase()) : undefined),
  endswith: (a) => (str(a[0]) !== undefined && str(a[1]) !== undefined ? str(a[0])!.toLowerCase().endsWith(str(a[1])!.toLowerCase()) : undefined),
  indexof: (a) => listOrString(a[0], (l) => l.findIndex((x) => deepEqual(x, a[1])), (s) => s.toLowerCase().indexOf(toText(a[1]).toLowerCase())),
  lastindexof: (a) => listOrString(a[0], (l) => l.map((x) => deepEqual(x, a[1])).lastIndexOf(true), (s) => s.toLowerCase().lastIndexOf(toText(a[1]).toLowerCase())),
  padleft: (a) => {
    const s = a[0] === undefined ? undefined : toText(a[0]);
    const n = num(a[1]);
    return s === undefined || n === undefined || n > MAX_STRING ? undefined : s.padStart(n, str(a[2]) ?? ' ');
  },
  less: compare((c) => c < 0),
  lessorequals: compare((c) => c <= 0),
  greater: compare((c) => c > 0),
  greaterorequals: compare((c) => c >= 0),
  add: arith((x, y) => x + y),
  sub: arith((x, y) => x - y),
  mul: arith((x, y) => x * y),
  div: arith((x, y) => (y === 0 ? NaN : Math.trunc(x / y))),
  mod: arith((x, y) => (y === 0 ? NaN : x % y)),
  min: (a) => {
    const l = (Array.isArray(a[0]) ? a[0] : a).map(num);
    return l.some((x) => x === undefined) || !l.length ? undefined : Math.min(...(l as number[]));
  },
  max: (a) => {
    const l = (Array.isArray(a[0]) ? a[0] : a).map(num);
    return l.some((x) => x === undefined) || !l.length ? undefined : Math.max(...(l as number[]));
  },
  range: (a) => {
    const start = num(a[0]);
    const count = num(a[1]);
    return start === undefined || count === undefined || count < 0 || count > MAX_LIST ? undefined : Array.from({ length: count }, (_, i) => start + i);
  },
  items: (a) => (isObject(a[0]) ? Object.entries(a[0]).map(([key, value]) => ({ key, value })) : undefined),
  objectkeys: (a) => (isObject(a[0]) ? Object.keys(a[0]) : undefined),
  null: () => null,
  true: () => true,
  false: () => false,
};

/** Functions whose inputs may be unknown without making the result unknown (when the known part decides). */
function partial(name: string, args: IacValue[]): IacValue | undefined {
  if (name === 'if') {
    const c = bool(args[0] as IacValue);
    if (c !== undefined && !isUnknown(args[0])) return c ? args[1] : args[2];
    if (args[1] !== undefined && !isUnknown(args[1]) && args[2] !== undefined && deepEqual(args[1], args[2])) return args[1];
    return undefined;
  }
  if (name === 'and' && args.some((a) => !isUnknown(a) && bool(a) === false)) return false;
  if (name === 'or' && args.some((a) => !isUnknown(a) && bool(a) === true)) return true;
  if (name === 'coalesce') {
    for (const a of args) {
      if (isUnknown(a)) return undefined;
      if (a !== null) return a;
    }
    return null;
  }
  return undefined;
}

/**
 * Calls the shared function `name` (any case) on evaluated arguments. `expr` is the call as written
 * (the Unknown's text when the result cannot be known).
 */
export function callFunction(name: string, args: IacValue[], expr: string): IacValue {
  const key = name.toLowerCase();
  const fn = FUNCTIONS[key];
  if (!fn) return unknownFrom(expr, args, [`${name}()`]);
  if (args.some(isUnknown)) return partial(key, args) ?? unknownFrom(expr, args);
  let out: IacValue | undefined;
  try {
    out = fn(args);
  } catch {
    out = undefined;
  }
  if (out === undefined || (typeof out === 'number' && !Number.isFinite(out))) return unknownFrom(expr, args);
  return out;
}

export const knownFunction = (name: string): boolean => Object.prototype.hasOwnProperty.call(FUNCTIONS, name.toLowerCase());
