// Bicep expressions over known values: literals, strings with ${} interpolation, objects and arrays
// (recording the line of every property path), params and vars, ternaries, operators, property and
// index access, the shared template functions, and `for` expressions (one item, loop variables
// unknown). Resource and module symbols give their name where known and Unknown (with the symbol's
// address as ref) for anything else.
import type { IacObject, IacValue } from '../types';
import { Unknown, isUnknown, joinPath } from '../values';
import { callFunction, deepEqual } from '../arm/functions';
import { member } from '../arm/expression';
import { unknownFrom } from '../arm/unknown';
import type { SyntaxNode } from './parser';

const MAX_DEPTH = 100;

export interface BicepSymbol {
  kind: 'resource' | 'module';
  /** The address refs point at: `Microsoft.Storage/storageAccounts 'logs'` or `module net`. */
  address: string;
  /** The resource's full name, when known. */
  name(): IacValue;
}

export interface BicepScope {
  /** A param's or var's value; undefined when the identifier is not one. */
  value(name: string): IacValue | undefined;
  symbol(name: string): BicepSymbol | undefined;
  /** A file of the tree named relative to the template (loadTextContent, loadJsonContent). */
  readFile?(relative: string): string | undefined;
}

const MAX_LOADED_FILE = 1_000_000;

/** loadTextContent('x') / loadJsonContent('x.json') read from the tree; with a JSON path or encoding argument, unknown. */
function loadContent(name: string, args: IacValue[], ctx: EvalContext, expr: string): IacValue | undefined {
  if (name !== 'loadtextcontent' && name !== 'loadjsoncontent') return undefined;
  if (typeof args[0] !== 'string' || args.length > 1) return undefined;
  const text = ctx.scope.readFile?.(args[0]);
  if (text === undefined || text.length > MAX_LOADED_FILE) return undefined;
  if (name === 'loadtextcontent') return text;
  try {
    return JSON.parse(text) as IacValue;
  } catch {
    return new Unknown(expr);
  }
}

export interface EvalContext {
  scope: BicepScope;
  /** Loop variables (unknown) and lambda parameters. */
  locals?: ReadonlyMap<string, IacValue>;
  /** Line of every attribute path of the value being built. */
  lines?: Map<string, number>;
  depth?: number;
}

export const lineOf = (n: SyntaxNode): number => n.startPosition.row + 1;

/** Named children that carry meaning (no comments, no decorators). */
export function parts(n: SyntaxNode): SyntaxNode[] {
  return n.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment' && c.type !== 'diagnostic_comment' && c.type !== 'decorators');
}

export function evaluate(n: SyntaxNode, ctx: EvalContext, path = ''): IacValue {
  const depth = ctx.depth ?? 0;
  if (depth > MAX_DEPTH) return new Unknown(short(n.text));
  const inner: EvalContext = { ...ctx, depth: depth + 1 };
  if (ctx.lines && path && !ctx.lines.has(path)) ctx.lines.set(path, lineOf(n));
  switch (n.type) {
    case 'string':
      return stringValue(n, inner);
    case 'number':
      return Number(n.text);
    case 'boolean':
      return n.text === 'true';
    case 'null':
      return null;
    case 'object':
      return objectValue(n, inner, path);
    case 'array':
      return parts(n).map((c, i) => evaluate(c, inner, joinPath(path, i)));
    case 'parenthesized_expression': {
      const e = parts(n)[0];
      return e ? evaluate(e, inner, path) : null;
    }
    case 'identifier':
      return identifier(n.text, inner);
    case 'member_expression':
      return memberValue(n, inner);
    case 'subscript_expression': {
      const obj = n.childForFieldName('object');
      const index = n.childForFieldName('index');
      if (!obj || !index) return new Unknown(short(n.text));
      return member(evaluate(obj, inner), evaluate(index, inner), short(n.text));
    }
    case 'call_expression':
      return callValue(n, inner);
    case 'ternary_expression':
      return ternary(n, inner, path);
    case 'binary_expression':
      return binary(n, inner);
    case 'unary_expression':
      return unary(n, inner);
    case 'for_statement':
      return forValue(n, inner, path);
    default:
      return new Unknown(short(n.text));
  }
}

const short = (s: string) => (s.length > 300 ? `${s.slice(0, 299)}…` : s);

function identifier(name: string, ctx: EvalContext): IacValue {
  if (ctx.locals?.has(name)) return ctx.locals.get(name)!;
  const v = ctx.scope.value(name);
  if (v !== undefined) return v;
  const s = ctx.scope.symbol(name);
  if (s) return new Unknown(name, [s.address]);
  return new Unknown(name, [name]);
}

/** The property key of an object_property: an identifier, a quoted string, or a keyword used as a name. */
export function propertyKey(keyNode: SyntaxNode, ctx: EvalContext): string | undefined {
  if (keyNode.type === 'string') {
    const v = stringValue(keyNode, ctx);
    return typeof v === 'string' ? v : undefined;
  }
  return keyNode.text;
}

function objectValue(n: SyntaxNode, ctx: EvalContext, path: string): IacObject {
  const out: IacObject = {};
  for (const prop of parts(n)) {
    if (prop.type !== 'object_property') continue;
    const ps = parts(prop);
    // A nested child resource is declared as a property of its parent's body: not a value.
    if (ps.length < 2 || ps.some((c) => c.type === 'resource_declaration')) continue;
    const key = propertyKey(ps[0], ctx);
    if (key === undefined) continue;
    const childPath = joinPath(path, key);
    if (ctx.lines) ctx.lines.set(childPath, lineOf(ps[0]));
    out[key] = evaluate(ps[ps.length - 1], ctx, childPath);
  }
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

function unescape(seq: string): string {
  if (seq.startsWith('\\u{')) {
    const cp = parseInt(seq.slice(3, -1), 16);
    return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : seq;
  }
  return ESCAPES[seq.slice(1, 2)] ?? seq.slice(1);
}

export function stringValue(n: SyntaxNode, ctx: EvalContext): IacValue {
  if (n.text.startsWith("'''")) return n.text.slice(3, -3).replace(/^\r?\n/, '');
  const pieces: IacValue[] = [];
  let at = n.startIndex + 1;
  const text = n.text;
  const gap = (to: number) => {
    if (to > at) {
      const raw = text.slice(at - n.startIndex, to - n.startIndex);
      pieces.push(raw.replace(/\\u\{[0-9a-fA-F]+\}|\\./g, unescape));
    }
  };
  for (const c of n.children) {
    if (!c || c.startIndex < at) continue;
    if (c.type === "'" ) continue;
    gap(c.startIndex);
    if (c.type === 'interpolation') {
      const e = parts(c)[0];
      pieces.push(e ? evaluate(e, { ...ctx, lines: undefined }) : '');
    } else if (c.type === 'escape_sequence') pieces.push(unescape(c.text));
    else pieces.push(c.text);
    at = c.endIndex;
  }
  gap(n.endIndex - 1);
  if (pieces.some(isUnknown)) return unknownFrom(short(text.slice(1, -1)), pieces);
  return pieces.map((p) => (typeof p === 'string' ? p : p === null ? '' : typeof p === 'object' ? JSON.stringify(p) : String(p))).join('');
}

function memberValue(n: SyntaxNode, ctx: EvalContext): IacValue {
  const obj = n.childForFieldName('object');
  const prop = n.childForFieldName('property');
  if (!obj || !prop) return new Unknown(short(n.text));
  if (obj.type === 'identifier' && !ctx.locals?.has(obj.text) && ctx.scope.value(obj.text) === undefined) {
    const s = ctx.scope.symbol(obj.text);
    if (s) return prop.text === 'name' && s.kind === 'resource' ? s.name() : new Unknown(short(n.text), [s.address]);
  }
  const base = evaluate(obj, ctx);
  // `.?` is safe access: a missing property is null rather than an error.
  const safe = n.children.some((c) => c?.type === '.?');
  const v = member(base, prop.text, short(n.text));
  if (safe && isUnknown(v) && !isUnknown(base) && v.refs.length === 0) return null;
  return v;
}

const NAMESPACES = new Set(['az', 'sys']);

function callValue(n: SyntaxNode, ctx: EvalContext): IacValue {
  const fn = n.childForFieldName('function');
  const argsNode = n.childForFieldName('arguments');
  const args = argsNode ? parts(argsNode).map((a) => evaluate(a, ctx)) : [];
  if (!fn) return new Unknown(short(n.text));
  let name = fn.text;
  if (fn.type === 'member_expression') {
    const obj = fn.childForFieldName('object');
    const prop = fn.childForFieldName('property');
    if (obj && prop && obj.type === 'identifier' && NAMESPACES.has(obj.text)) name = prop.text;
    else {
      // A resource's function (sa.listKeys()), or a user-defined function in a namespace.
      const target = obj?.type === 'identifier' ? ctx.scope.symbol(obj.text) : undefined;
      return unknownFrom(short(n.text), args, [...(target ? [target.address] : []), `${prop?.text ?? 'function'}()`]);
    }
  }
  const lower = name.toLowerCase();
  const loaded = loadContent(lower, args, ctx, short(n.text));
  if (loaded !== undefined) return loaded;
  if (lower.startsWith('list') || lower === 'reference' || lower.endsWith('resourceid')) return unknownFrom(short(n.text), args, [`${name}()`]);
  return callFunction(name, args, short(n.text));
}

function truth(v: IacValue): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

function ternary(n: SyntaxNode, ctx: EvalContext, path: string): IacValue {
  const c = n.childForFieldName('condition');
  const a = n.childForFieldName('consequence');
  const b = n.childForFieldName('alternative');
  if (!c || !a || !b) return new Unknown(short(n.text));
  const cond = truth(evaluate(c, ctx));
  if (cond === true) return evaluate(a, ctx, path);
  if (cond === false) return evaluate(b, ctx, path);
  const va = evaluate(a, ctx, path);
  const vb = evaluate(b, { ...ctx, lines: undefined });
  if (!isUnknown(va) && !isUnknown(vb) && deepEqual(va, vb)) return va;
  return unknownFrom(short(n.text), [evaluate(c, ctx), va, vb]);
}

function binary(n: SyntaxNode, ctx: EvalContext): IacValue {
  const l = n.childForFieldName('left');
  const r = n.childForFieldName('right');
  const op = n.childForFieldName('operator')?.text ?? n.children.find((c) => c && !c.isNamed)?.text;
  if (!l || !r || !op) return new Unknown(short(n.text));
  const a = evaluate(l, ctx);
  // Short circuits decide with one known side.
  if (op === '&&' && a === false) return false;
  if (op === '||' && a === true) return true;
  if (op === '??' && !isUnknown(a) && a !== null) return a;
  const b = evaluate(r, ctx);
  if (op === '&&' && b === false) return false;
  if (op === '||' && b === true) return true;
  if (op === '??' && a === null) return b;
  if (isUnknown(a) || isUnknown(b)) return unknownFrom(short(n.text), [a, b]);
  const lower = (v: IacValue) => (typeof v === 'string' ? v.toLowerCase() : v);
  switch (op) {
    case '==':
      return deepEqual(a, b);
    case '!=':
      return !deepEqual(a, b);
    case '=~':
      return deepEqual(lower(a), lower(b));
    case '!~':
      return !deepEqual(lower(a), lower(b));
    case '&&':
    case '||':
      return typeof a === 'boolean' && typeof b === 'boolean' ? (op === '&&' ? a && b : a || b) : new Unknown(short(n.text));
  }
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return b === 0 ? new Unknown(short(n.text)) : Math.trunc(a / b);
      case '%':
        return b === 0 ? new Unknown(short(n.text)) : a % b;
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
    }
  }
  if (typeof a === 'string' && typeof b === 'string') {
    if (op === '<') return a < b;
    if (op === '>') return a > b;
    if (op === '<=') return a <= b;
    if (op === '>=') return a >= b;
  }
  return new Unknown(short(n.text));
}

function unary(n: SyntaxNode, ctx: EvalContext): IacValue {
  const arg = n.childForFieldName('argument') ?? parts(n)[0];
  const op = n.childForFieldName('operator')?.text ?? n.children[0]?.text;
  if (!arg) return new Unknown(short(n.text));
  const v = evaluate(arg, ctx);
  if (isUnknown(v)) return unknownFrom(short(n.text), [v]);
  if (op === '!' && typeof v === 'boolean') return !v;
  if (op === '-' && typeof v === 'number') return -v;
  return new Unknown(short(n.text));
}

/** The names a `for` binds: `x`, or `(x, i)`. */
export function loopVariables(n: SyntaxNode): string[] {
  const init = n.childForFieldName('initializer');
  if (init) return [init.text];
  const params = parts(n).find((c) => c.type === 'for_loop_parameters');
  return params ? parts(params).map((c) => c.text) : [];
}

/** The locals of a loop body: every loop variable unknown (one item stands for all). */
export function loopLocals(n: SyntaxNode, ctx: EvalContext): Map<string, IacValue> {
  const locals = new Map(ctx.locals ?? []);
  for (const v of loopVariables(n)) locals.set(v, new Unknown(v, [`for ${v}`]));
  return locals;
}

function forValue(n: SyntaxNode, ctx: EvalContext, path: string): IacValue {
  const body = n.childForFieldName('body');
  if (!body) return new Unknown(short(n.text));
  const inner: EvalContext = { ...ctx, locals: loopLocals(n, ctx) };
  const item = body.type === 'if_statement' ? parts(body).find((c) => c.type === 'object') : body;
  return item ? [evaluate(item, inner, joinPath(path, 0))] : new Unknown(short(n.text));
}
