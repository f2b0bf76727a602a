// Checks that make a value safe inside or after an `if`: allow-lists (ALLOWED.includes(x),
// set.has(x), x === 'a'), anchored regular expressions (/^[\w-]+$/.test(x)), prefix checks
// (full.startsWith(root)), `..` rejections, host checks (new URL(u).host === HOST), validator calls.
import type { Node } from 'estree';
import { ALL_KINDS, KIND } from './values';

const { path, redirect, ssrf, nosql } = KIND;

export interface Fact {
  /** An identifier or a member chain (req.query.file). */
  target: Node;
  kinds: number;
}

/** ESLint sets `parent` on every node before rules run. */
export function parentOf(node: Node | null | undefined): Node | undefined {
  return (node as { parent?: Node } | null | undefined)?.parent;
}

/** Unwraps TypeScript wrappers (x as string, x!) and optional chains. */
export function unwrap(node: Node): Node {
  let n = node;
  for (let i = 0; i < 50; i++) {
    const inner = (n as unknown as { expression?: Node }).expression;
    if ((n.type === 'ChainExpression' || /^TS(?:As|NonNull|TypeAssertion|Satisfies)Expression$/.test(n.type as string)) && inner) n = inner;
    else break;
  }
  return n;
}

function isTarget(node: Node): boolean {
  let n = unwrap(node);
  for (let i = 0; i < 50 && n.type === 'MemberExpression'; i++) n = unwrap(n.object as Node);
  return n.type === 'Identifier';
}

function isLiteralLike(node: Node): boolean {
  const n = unwrap(node);
  return n.type === 'Literal' || (n.type === 'TemplateLiteral' && n.expressions.length === 0) || (n.type === 'Identifier' && /^[A-Z][A-Z0-9_]*$/.test(n.name)) || (n.type === 'MemberExpression' && isTarget(n) && !n.computed);
}

function regexOf(node: Node): RegExp | null {
  const n = unwrap(node);
  return n.type === 'Literal' && n.value instanceof RegExp ? n.value : n.type === 'Literal' && 'regex' in n && n.regex ? safeRegex(n.regex.pattern) : null;
}

function safeRegex(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern);
  } catch {
    return null;
  }
}

function callParts(node: Node): { method: string; object: Node; args: Node[] } | null {
  const n = unwrap(node);
  if (n.type !== 'CallExpression') return null;
  const callee = unwrap(n.callee as Node);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return null;
  return { method: callee.property.name, object: callee.object as Node, args: n.arguments as Node[] };
}

function one(target: Node | undefined, kinds: number): Fact[] {
  return target && isTarget(target) ? [{ target: unwrap(target), kinds }] : [];
}

/** `index !== -1`, `index >= 0`, `index > -1`: the value was found. */
function foundByIndex(op: string, right: Node): boolean | null {
  const r = unwrap(right);
  const minusOne = r.type === 'UnaryExpression' && r.operator === '-' && r.argument.type === 'Literal' && r.argument.value === 1;
  const zero = r.type === 'Literal' && r.value === 0;
  if (minusOne && (op === '!==' || op === '!=' || op === '>')) return true;
  if (minusOne && (op === '===' || op === '==')) return false;
  if (zero && op === '>=') return true;
  if (zero && op === '<') return false;
  return null;
}

/** The facts known about values when `test` evaluates to `truth`. */
export function factsOf(test: Node, truth: boolean, depth = 0): Fact[] {
  if (depth > 30) return [];
  const n = unwrap(test);
  if (n.type === 'UnaryExpression' && n.operator === '!') return factsOf(n.argument as Node, !truth, depth + 1);
  if (n.type === 'LogicalExpression') {
    if (n.operator === '&&' && truth) return [...factsOf(n.left as Node, true, depth + 1), ...factsOf(n.right as Node, true, depth + 1)];
    if (n.operator === '||' && !truth) return [...factsOf(n.left as Node, false, depth + 1), ...factsOf(n.right as Node, false, depth + 1)];
    return [];
  }
  if (n.type === 'BinaryExpression') return comparisonFacts(n.operator, n.left as Node, n.right as Node, truth);
  const call = callParts(n);
  if (call) return callFacts(call, truth);
  if (n.type === 'CallExpression') {
    // isValidName(x), validateId(x): a same-file or library validator said yes.
    const callee = unwrap(n.callee as Node);
    const name = callee.type === 'Identifier' ? callee.name : '';
    if (truth && /^(?:is[A-Z]\w*|isValid\w*|validate\w*|check\w*)$/.test(name)) return one(n.arguments[0] as Node, /url|uri/i.test(name) ? ALL_KINDS & ~(redirect | ssrf) : ALL_KINDS);
  }
  return [];
}

function comparisonFacts(op: string, left: Node, right: Node, truth: boolean): Fact[] {
  const l = unwrap(left);
  if (op === '===' || op === '==' || op === '!==' || op === '!=') {
    const equal = op === '===' || op === '==' ? truth : !truth;
    if (l.type === 'UnaryExpression' && l.operator === 'typeof') {
      const r = unwrap(right);
      // typeof x === 'string': not an object, so no query operators.
      return equal && r.type === 'Literal' && (r.value === 'string' || r.value === 'number') ? one(l.argument as Node, nosql) : [];
    }
    const index = foundByIndex(op, right);
    const call = callParts(l);
    if (index !== null && call?.method === 'indexOf') return index === truth ? one(call.args[0], ALL_KINDS) : [];
    if (!equal) return [];
    if (isLiteralLike(right) && isTarget(l)) return [...hostFacts(l), ...one(l, ALL_KINDS)];
    if (isLiteralLike(left) && isTarget(right)) return [...hostFacts(right), ...one(right, ALL_KINDS)];
    return [];
  }
  const call = callParts(l);
  const index = foundByIndex(op, right);
  if (call?.method === 'indexOf' && index !== null) return index === truth ? one(call.args[0], ALL_KINDS) : [];
  return [];
}

/** `new URL(u).host === HOST` and `parsed.hostname === HOST` check the URL's host: u is safe to fetch or redirect to. */
function hostFacts(node: Node): Fact[] {
  const n = unwrap(node);
  if (n.type !== 'MemberExpression' || n.property.type !== 'Identifier' || !/^(?:host|hostname|origin)$/.test(n.property.name)) return [];
  const obj = unwrap(n.object as Node);
  if (obj.type === 'NewExpression' && obj.callee.type === 'Identifier' && obj.callee.name === 'URL') return one(obj.arguments[0] as Node, ALL_KINDS);
  return one(obj, redirect | ssrf);
}

function callFacts(call: { method: string; object: Node; args: Node[] }, truth: boolean): Fact[] {
  const { method, object, args } = call;
  const arg = args[0];
  switch (method) {
    case 'includes':
    case 'has':
      // ALLOWED.includes(x) is an allow-list; x.includes('..') rejected means no parent steps.
      if (arg && isTarget(arg) && truth) return [...hostFacts(arg), ...one(arg, ALL_KINDS)];
      // x.includes('..') or x.includes('/') said no: no parent steps, or no directories at all.
      if (arg && !truth && unwrap(arg).type === 'Literal' && /\.\.|\//.test(String((unwrap(arg) as { value: unknown }).value))) return one(object, path);
      return [];
    case 'test': {
      const re = regexOf(object);
      if (!re || !arg) return [];
      if (truth && re.source.startsWith('^') && re.source.endsWith('$') && !/\.\*|\.\+|\[\^/.test(re.source)) return one(arg, ALL_KINDS);
      if (!truth && /\\\.\\\./.test(re.source)) return one(arg, path);
      return [];
    }
    case 'startsWith':
      return truth && arg ? one(object, path | redirect | ssrf) : [];
    default:
      // security.isRedirectAllowed(url), validator.isAlphanumeric(id), schema.validate(body): a validator said yes.
      if (truth && arg && /^(?:is[A-Z]\w*|validate\w*|check\w*)$/.test(method)) return one(arg, /url|uri/i.test(method) ? ALL_KINDS & ~(redirect | ssrf) : ALL_KINDS);
      return [];
  }
}

/** A statement that never falls through: return, throw, continue, break (or a block ending in one). */
export function alwaysExits(stmt: Node | null | undefined, depth = 0): boolean {
  if (!stmt || depth > 20) return false;
  switch (stmt.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'ContinueStatement':
    case 'BreakStatement':
      return true;
    case 'BlockStatement':
      return stmt.body.length > 0 && alwaysExits(stmt.body[stmt.body.length - 1] as Node, depth + 1);
    case 'IfStatement':
      return alwaysExits(stmt.consequent as Node, depth + 1) && alwaysExits(stmt.alternate as Node | null, depth + 1);
    case 'ExpressionStatement': {
      // Koa's ctx.throw(403), Next.js notFound(): calls that throw.
      const e = unwrap(stmt.expression as Node);
      const callee = e.type === 'CallExpression' ? unwrap(e.callee as Node) : null;
      if (callee?.type === 'MemberExpression') return !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'throw';
      return callee?.type === 'Identifier' && callee.name === 'notFound';
    }
    default:
      return false;
  }
}

/** `assert(ok)`, `ctx.assert(ok, 400)`, `assert.ok(ok)`: the condition that holds after the call. */
export function assertedCondition(node: Node): Node | null {
  const e = unwrap(node);
  if (e.type !== 'CallExpression' || !e.arguments[0]) return null;
  const callee = unwrap(e.callee as Node);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : '';
  const base = callee.type === 'MemberExpression' && callee.object.type === 'Identifier' ? callee.object.name : '';
  return name === 'assert' || (base === 'assert' && name === 'ok') ? (e.arguments[0] as Node) : null;
}
