// text/template's predefined functions (funcs.go).
import { formatValue, sprint, sprintf, sprintln } from './fmt';
import { goFunc, type FuncMap } from './functions';
import { GoStruct, TemplateError, goTypeName, hasKey, isMap, isTrue } from './values';

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(v: unknown): BasicKind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  return 'invalid';
}

export function goEq(a: unknown, others: unknown[]): boolean {
  if (others.length === 0) throw new TemplateError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of others) {
    const k2 = basicKind(b);
    let truth: boolean;
    if (k1 !== k2) {
      if (a !== null && b !== null) throw new TemplateError('incompatible types for comparison');
      truth = false;
    } else if (k1 !== 'invalid') {
      truth = a === b;
    } else if (a === null || b === null) {
      truth = a === b;
    } else {
      throw new TemplateError(`non-comparable type ${formatValue(b)}: ${goTypeName(b)}`);
    }
    if (truth) return true;
  }
  return false;
}

export function goLt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k1 === 'bool' || k2 === 'invalid' || k2 === 'bool') throw new TemplateError('invalid type for comparison');
  if (k1 !== k2) throw new TemplateError('incompatible types for comparison');
  return (a as string | number | bigint) < (b as string | number | bigint);
}

function goLen(v: unknown): bigint {
  if (v === null) throw new TemplateError('len of nil pointer');
  if (typeof v === 'string') return BigInt(Buffer.byteLength(v, 'utf8'));
  if (Array.isArray(v)) return BigInt(v.length);
  if (isMap(v)) return BigInt(Object.keys(v).length);
  throw new TemplateError(`len of type ${goTypeName(v)}`);
}

function indexArg(index: unknown, cap: number): number {
  if (index === null) throw new TemplateError('cannot index slice/array with nil');
  if (typeof index !== 'bigint') throw new TemplateError(`cannot index slice/array with type ${goTypeName(index)}`);
  if (index < 0n || index > BigInt(cap)) throw new TemplateError(`index out of range: ${index}`);
  return Number(index);
}

export function goIndex(item: unknown, indexes: unknown[]): unknown {
  if (item === null) throw new TemplateError('index of untyped nil');
  for (const index of indexes) {
    if (item === null) throw new TemplateError('index of nil pointer');
    if (typeof item === 'string' || Array.isArray(item)) {
      const bytes = typeof item === 'string' ? Buffer.from(item, 'utf8') : undefined;
      const len = bytes ? bytes.length : (item as unknown[]).length;
      const x = indexArg(index, len);
      if (x === len) throw new TemplateError(`index out of range: ${x}`);
      item = bytes ? BigInt(bytes[x]) : ((item as unknown[])[x] ?? null);
    } else if (isMap(item)) {
      if (index === null) throw new TemplateError('value is nil; should be of type string');
      if (typeof index !== 'string') throw new TemplateError(`value has type ${goTypeName(index)}; should be string`);
      item = hasKey(item, index) ? (item[index] ?? null) : null;
    } else {
      throw new TemplateError(`can't index item of type ${goTypeName(item)}`);
    }
  }
  return item;
}

function goSlice(item: unknown, indexes: unknown[]): unknown {
  if (item === null) throw new TemplateError('slice of untyped nil');
  if (indexes.length > 3) throw new TemplateError(`too many slice indexes: ${indexes.length}`);
  if (typeof item !== 'string' && !Array.isArray(item)) throw new TemplateError(`can't slice item of type ${goTypeName(item)}`);
  if (typeof item === 'string' && indexes.length === 3) throw new TemplateError('cannot 3-index slice a string');
  const len = typeof item === 'string' ? Buffer.byteLength(item) : item.length;
  const idx = [0, len];
  indexes.forEach((x, i) => (idx[i] = indexArg(x, len)));
  if (idx[0] > idx[1]) throw new TemplateError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (typeof item === 'string') return Buffer.from(item, 'utf8').subarray(idx[0], idx[1]).toString('utf8');
  return item.slice(idx[0], idx[1]);
}

/** fmt.Sprint of the arguments, unless there is exactly one string (evalArgs in funcs.go). */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null ? '<no value>' : a)));
}

export function htmlEscape(s: string): string {
  return s.replace(/[<>&'"\0]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\uFFFD' })[c] as string);
}

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export function builtinFunctions(): FuncMap {
  const m: FuncMap = new Map();
  // and / or are evaluated lazily by the executor; these bodies serve `call` and arity checks only.
  m.set('and', goFunc('a ...a', (args) => args.find((a) => !isTrue(a)) ?? args[args.length - 1]));
  m.set('or', goFunc('a ...a', (args) => args.find((a) => isTrue(a)) ?? args[args.length - 1]));
  m.set('not', goFunc('a', ([a]) => !isTrue(a)));
  m.set('eq', goFunc('a ...a', ([a, ...rest]) => goEq(a, rest)));
  m.set('ne', goFunc('a a', ([a, b]) => !goEq(a, [b])));
  m.set('lt', goFunc('a a', ([a, b]) => goLt(a, b)));
  m.set('le', goFunc('a a', ([a, b]) => goLt(a, b) || goEq(a, [b])));
  m.set('gt', goFunc('a a', ([a, b]) => !(goLt(a, b) || goEq(a, [b]))));
  m.set('ge', goFunc('a a', ([a, b]) => !goLt(a, b)));
  m.set('len', goFunc('a', ([a]) => goLen(a)));
  m.set('index', goFunc('a ...a', ([item, ...idx]) => goIndex(item, idx)));
  m.set('slice', goFunc('a ...a', ([item, ...idx]) => goSlice(item, idx)));
  m.set('print', goFunc('...a', (args) => sprint(args)));
  m.set('println', goFunc('...a', (args) => sprintln(args)));
  m.set('printf', goFunc('s ...a', ([f, ...args]) => sprintf(f as string, args)));
  m.set('html', goFunc('...a', (args) => htmlEscape(evalArgs(args))));
  m.set('js', goFunc('...a', (args) => jsEscape(evalArgs(args))));
  m.set('urlquery', goFunc('...a', (args) => queryEscape(evalArgs(args))));
  m.set(
    'call',
    goFunc('a ...a', ([fn, ...args]) => {
      if (fn === null) throw new TemplateError('call of nil');
      if (typeof fn !== 'function') throw new TemplateError(`non-function of type ${goTypeName(fn)}`);
      return (fn as (...a: unknown[]) => unknown)(...args);
    }),
  );
  return m;
}

export function isStruct(v: unknown): v is GoStruct {
  return v instanceof GoStruct;
}
