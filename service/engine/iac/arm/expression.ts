// ARM template expressions: a string "[...]" is an expression (function calls, 'strings' with ''
// escapes, numbers, .property and [index] access); "[[" starts a literal "[". Parsing is bounded
// (length and nesting); what cannot be parsed stays the literal string it is.
import type { IacValue } from '../types';
import { Unknown, isObject, isUnknown } from '../values';
import { callFunction } from './functions';
import { unknownFrom } from './unknown';

export type Expr =
  | { k: 'str'; v: string }
  | { k: 'num'; v: number }
  | { k: 'ident'; name: string; text: string }
  | { k: 'call'; name: string; args: Expr[]; text: string }
  | { k: 'prop'; obj: Expr; name: string; text: string }
  | { k: 'index'; obj: Expr; index: Expr; text: string };

const MAX_EXPR = 20_000;
const MAX_NESTING = 64;

class ParseFailure extends Error {}

/** The expression inside an ARM string, or undefined when the string is a literal. */
export function expressionOf(s: string): string | undefined {
  if (s.length < 2 || s[0] !== '[' || s[1] === '[' || s[s.length - 1] !== ']') return undefined;
  return s.slice(1, -1);
}

/** A literal string as ARM reads it: a leading "[[" is an escaped "[". */
export const unescapeLiteral = (s: string): string => (s.startsWith('[[') ? s.slice(1) : s);

export function parseExpression(src: string): Expr | undefined {
  if (src.length > MAX_EXPR) return undefined;
  let i = 0;
  const ws = () => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const peek = () => {
    ws();
    return src[i];
  };
  const eat = (c: string) => {
    if (peek() !== c) throw new ParseFailure(`expected ${c} at ${i}`);
    i++;
  };
  const ident = (): string => {
    ws();
    const m = /^[A-Za-z_$][\w$]*/.exec(src.slice(i, i + 256));
    if (!m) throw new ParseFailure(`expected a name at ${i}`);
    i += m[0].length;
    return m[0];
  };
  const expr = (depth: number): Expr => {
    if (depth > MAX_NESTING) throw new ParseFailure('nested too deeply');
    ws();
    const start = i;
    let e = primary(depth);
    for (;;) {
      const c = peek();
      if (c === '.') {
        i++;
        if (src[i] === '?') i++;
        const name = ident();
        if (peek() === '(') {
          // A user-defined function (namespace.name(...)): its result is not known.
          const args = argList(depth);
          e = { k: 'call', name: `${exprName(e)}.${name}`, args, text: src.slice(start, i) };
        } else e = { k: 'prop', obj: e, name, text: src.slice(start, i) };
      } else if (c === '[') {
        i++;
        const index = expr(depth + 1);
        eat(']');
        e = { k: 'index', obj: e, index, text: src.slice(start, i) };
      } else return e;
    }
  };
  const argList = (depth: number): Expr[] => {
    eat('(');
    const args: Expr[] = [];
    if (peek() === ')') {
      i++;
      return args;
    }
    for (;;) {
      args.push(expr(depth + 1));
      const c = peek();
      i++;
      if (c === ')') return args;
      if (c !== ',') throw new ParseFailure(`expected , or ) at ${i - 1}`);
    }
  };
  const primary = (depth: number): Expr => {
    const c = peek();
    if (c === "'") {
      let out = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new ParseFailure('unterminated string');
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            out += "'";
            i += 2;
            continue;
          }
          i++;
          return { k: 'str', v: out };
        }
        out += src[i++];
      }
    }
    const n = /^-?\d+(?:\.\d+)?/.exec(src.slice(i, i + 64));
    if (n) {
      i += n[0].length;
      return { k: 'num', v: Number(n[0]) };
    }
    if (c === '(') {
      i++;
      const e = expr(depth + 1);
      eat(')');
      return e;
    }
    const start = i;
    const name = ident();
    if (peek() === '(') {
      const args = argList(depth);
      return { k: 'call', name, args, text: src.slice(start, i) };
    }
    return { k: 'ident', name, text: name };
  };
  try {
    const e = expr(0);
    ws();
    if (i !== src.length) return undefined;
    return e;
  } catch (err) {
    if (err instanceof ParseFailure) return undefined;
    throw err;
  }
}

const exprName = (e: Expr): string => (e.k === 'ident' ? e.name : e.k === 'str' ? e.v : 'expr');

/** What expressions can reach besides the shared functions. */
export interface ArmScope {
  parameter(name: string): IacValue;
  variable(name: string): IacValue;
  /** The address of a resource named by resourceId(type, names...), for refs. */
  resourceAddress(type: string, name: string): string;
}

const RESOURCE_ID_FUNCTIONS = new Set(['resourceid', 'subscriptionresourceid', 'tenantresourceid', 'extensionresourceid', 'managementgroupresourceid']);

/** Evaluates a parsed expression; `whole` is the expression as written, for the Unknown of the whole. */
export function evaluateExpression(e: Expr, scope: ArmScope, depth = 0): IacValue {
  if (depth > MAX_NESTING) return new Unknown(textOf(e));
  switch (e.k) {
    case 'str':
      return e.v;
    case 'num':
      return e.v;
    case 'ident': {
      const lower = e.name.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (lower === 'null') return null;
      return new Unknown(e.name, [e.name]);
    }
    case 'prop':
    case 'index': {
      const obj = evaluateExpression(e.obj, scope, depth + 1);
      const key: IacValue = e.k === 'prop' ? e.name : evaluateExpression(e.index, scope, depth + 1);
      return member(obj, key, e.text);
    }
    case 'call':
      return call(e, scope, depth);
  }
}

function textOf(e: Expr): string {
  return e.k === 'str' ? `'${e.v}'` : e.k === 'num' ? String(e.v) : e.text;
}

/** obj.key / obj[key] over known values; an unknown object or key gives Unknown. */
export function member(obj: IacValue, key: IacValue, text: string): IacValue {
  if (isUnknown(obj) || isUnknown(key)) return unknownFrom(text, [obj, key]);
  if (Array.isArray(obj) && typeof key === 'number') return key >= 0 && key < obj.length ? obj[key] : new Unknown(text);
  if (isObject(obj) && (typeof key === 'string' || typeof key === 'number')) {
    const k = String(key);
    if (Object.prototype.hasOwnProperty.call(obj, k)) return obj[k];
    const found = Object.keys(obj).find((x) => x.toLowerCase() === k.toLowerCase());
    return found === undefined ? new Unknown(text) : obj[found];
  }
  return new Unknown(text);
}

function call(e: Extract<Expr, { k: 'call' }>, scope: ArmScope, depth: number): IacValue {
  const name = e.name.toLowerCase();
  const args = e.args.map((a) => evaluateExpression(a, scope, depth + 1));
  if (name === 'parameters' || name === 'variables') {
    if (typeof args[0] !== 'string') return unknownFrom(e.text, args);
    return name === 'parameters' ? scope.parameter(args[0]) : scope.variable(args[0]);
  }
  if (name === 'copyindex') return new Unknown(e.text, ['copyIndex()']);
  if (RESOURCE_ID_FUNCTIONS.has(name)) return unknownFrom(e.text, args, resourceRef(args, scope));
  if (name === 'reference' || name.startsWith('list')) {
    const target = args[0];
    const extra = typeof target === 'string' ? [target.includes('/') ? target : target] : [];
    return unknownFrom(e.text, args, [...extra, `${e.name}()`]);
  }
  return callFunction(e.name, args, e.text);
}

/** resourceId([subscriptionId], [resourceGroup], type, name1, name2...) → the named resource's address. */
function resourceRef(args: IacValue[], scope: ArmScope): string[] {
  const typeAt = args.findIndex((a) => typeof a === 'string' && /^[\w.]+\/[\w/]+$/.test(a) && a.includes('.'));
  if (typeAt === -1) return [];
  const names = args.slice(typeAt + 1);
  if (!names.length || names.some((n) => typeof n !== 'string')) return [];
  return [scope.resourceAddress(args[typeAt] as string, (names as string[]).join('/'))];
}

/**
 * A JSON string value as ARM reads it: an expression evaluated, a "[[" literal unescaped, anything
 * else as is. An expression that does not parse stays the literal string.
 */
export function evaluateString(s: string, scope: ArmScope): IacValue {
  const src = expressionOf(s);
  if (src === undefined) return unescapeLiteral(s);
  const e = parseExpression(src);
  if (!e) return new Unknown(s);
  const v = evaluateExpression(e, scope);
  // The Unknown of a whole expression reads as written in the template.
  return isUnknown(v) && v.expr === textOf(e) ? new Unknown(s, v.refs) : v;
}
