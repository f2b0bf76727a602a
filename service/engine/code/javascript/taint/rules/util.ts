// Small readers the sink matchers share.
import type { Node, ObjectExpression, Property } from 'estree';
import type { CallSite, SinkApi } from '../engine/api';
import type { JsFile } from '../engine/modules';
import { unwrap } from '../engine/guards';
import { taintFor, type Kind, type Taint } from '../engine/values';

export function stringValue(node: Node | null | undefined): string | null {
  if (!node) return null;
  const n = unwrap(node);
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0].value.cooked ?? n.quasis[0].value.raw;
  return null;
}

/** The property `name` of an object literal (not through spreads). */
export function propertyOf(node: Node | null | undefined, name: string | RegExp): Property | null {
  if (!node) return null;
  const n = unwrap(node);
  if (n.type !== 'ObjectExpression') return null;
  for (const p of n.properties) {
    if (p.type !== 'Property') continue;
    const key = !p.computed && p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : null;
    if (key !== null && (typeof name === 'string' ? key === name : name.test(key))) return p;
  }
  return null;
}

export function hasSpread(node: Node | null | undefined): boolean {
  const n = node && unwrap(node);
  return n?.type === 'ObjectExpression' && n.properties.some((p) => p.type === 'SpreadElement');
}

/** The taint of an argument for this sink kind, or of the listed properties when it is an object literal. */
export function taintedArg(api: SinkApi, site: CallSite, index: number, kind: Kind, props?: RegExp): Taint | null {
  const arg = site.args[index];
  if (!arg) return null;
  if (props) {
    const n = unwrap(arg);
    if (n.type === 'ObjectExpression') {
      for (const p of n.properties) {
        if (p.type !== 'Property') continue;
        const key = !p.computed && p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : '';
        const t = props.test(key) ? taintFor(api.value(p.value), kind) : null;
        if (t) return t;
      }
      return null;
    }
  }
  return taintFor(api.value(arg), kind);
}

/** 'res.redirect', 'child_process.exec', 'new RegExp' for messages. */
export function sinkName(site: CallSite): string {
  const name = site.name.includes('?') && site.method ? `${site.receiver ? rootOf(site.receiver) : ''}.${site.method}` : site.name;
  return site.isNew ? `new ${name}` : name;
}

/** The identifier a call chain starts from: res in res.status(500).send(x). */
function rootOf(node: Node): string {
  let n = unwrap(node);
  for (let i = 0; i < 30; i++) {
    if (n.type === 'CallExpression') n = unwrap(n.callee as Node);
    else if (n.type === 'MemberExpression') n = unwrap(n.object as Node);
    else break;
  }
  return n.type === 'Identifier' ? n.name : '…';
}

/** The receiver's short name: `pool` in pool.query(...), `db.users` in db.users.find(...). */
export function receiverName(api: SinkApi, site: CallSite): string {
  return site.receiver ? api.text(site.receiver).slice(0, 60) : '';
}

/** The receiver for a message: `pool`, `db.users`; `…` when it is a longer expression (a call chain). */
export function shortReceiver(api: SinkApi, site: CallSite): string {
  let n = site.receiver ? unwrap(site.receiver) : null;
  for (let i = 0; n && n.type === 'MemberExpression' && i < 10; i++) n = unwrap(n.object as Node);
  return site.receiver && n && (n.type === 'Identifier' || n.type === 'ThisExpression') ? api.text(site.receiver).replace(/\s+/g, '').slice(0, 60) : '…';
}

/** An object literal, or the object literal a variable is initialised with; null otherwise (or when it has spreads). */
export function objectLiteralOf(file: JsFile, node: Node | null | undefined): ObjectExpression | null {
  if (!node) return null;
  const n = unwrap(node);
  let obj: Node | null = n.type === 'ObjectExpression' ? n : null;
  if (n.type === 'Identifier') {
    const def = file.variables.get(n)?.defs[0];
    const init = def?.type === 'Variable' ? (def.node as unknown as { init?: Node | null }).init : null;
    obj = init && unwrap(init).type === 'ObjectExpression' ? unwrap(init) : null;
  }
  return obj?.type === 'ObjectExpression' && !hasSpread(obj) ? obj : null;
}

/** True when the property is set to the literal `value` (true or false). */
export function isLiteralFlag(p: Property | null, value: boolean): boolean {
  const v = p && unwrap(p.value as Node);
  return v?.type === 'Literal' && v.value === value;
}

/** The name a function goes by: its own, the variable or property it is assigned to, the method's key. */
export function functionName(fn: Node): string {
  const own = (fn as { id?: { name?: string } | null }).id?.name;
  if (own) return own;
  const p = (fn as { parent?: Node }).parent;
  if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name;
  if (p && (p.type === 'Property' || p.type === 'MethodDefinition' || (p.type as string) === 'PropertyDefinition') && !('computed' in p && p.computed)) {
    const key = (p as { key: Node }).key;
    return key.type === 'Identifier' ? key.name : '';
  }
  if (p?.type === 'AssignmentExpression' && p.left.type === 'MemberExpression' && p.left.property.type === 'Identifier') return p.left.property.name;
  return '';
}
