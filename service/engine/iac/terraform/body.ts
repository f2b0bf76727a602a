// A block's body as model attributes: every argument evaluated, nested blocks as arrays of objects under
// their type (as plan JSON has them), `dynamic` blocks expanded when their for_each is known, and the
// line of every attribute path (`network_rules[0].default_action`, `tags.env`) recorded as it goes.
import type { IacObject, IacValue } from '../types';
import { joinPath, Unknown } from '../values';
import { setKey, toIacValue } from './convert';
import type { Block, Body, Expression } from './hcl/ast';
import { evaluateExpression, type HclValue } from './hcl/eval';
import { references } from './hcl/refs';
import { isUnknown as isHclUnknown } from './hcl/unknown';
import { newObject, sortedKeys, type HclObject } from './hcl/values';

export interface BodyContext {
  /** The text of the file the body is in (HclFile.source). */
  source: string;
  /** Root names the expressions see (var, local, module, each, count, resource types...). */
  scope: HclObject;
  /** Attribute path → line, filled in. */
  lines: Map<string, number>;
}

/** Arguments of a resource or module block that are Terraform's, not the provider's. */
const META_ARGUMENTS = new Set(['count', 'for_each', 'provider', 'depends_on']);
/** Blocks of a resource that configure Terraform itself. */
const META_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection']);
/** Elements one dynamic block expands to; beyond, its blocks are Unknown. */
export const MAX_DYNAMIC_ITEMS = 100;
/** Nesting of blocks followed. */
const MAX_BLOCK_DEPTH = 32;

/** A top-level resource body: meta-arguments and meta blocks are left out. */
export function evaluateResourceBody(body: Body, ctx: BodyContext): IacObject {
  return evaluateBody(body, ctx, '', 0, true);
}

function evaluateBody(body: Body, ctx: BodyContext, at: string, depth: number, top: boolean): IacObject {
  const out: IacObject = {};
  const blocks = new Map<string, IacValue[]>();
  /** Block types whose list holds an Unknown for a dynamic block that could not be expanded. */
  const unknownOnly = new Map<string, boolean>();
  for (const item of body.items) {
    if (item.kind === 'attribute') {
      if (top && META_ARGUMENTS.has(item.name)) continue;
      const path = joinPath(at, item.name);
      ctx.lines.set(path, item.line);
      expressionLines(item.expr, path, ctx.lines, 0);
      setKey(out, item.name, toIacValue(evaluateExpression(item.expr, { source: ctx.source, scope: ctx.scope })));
      continue;
    }
    if (top && META_BLOCKS.has(item.type)) continue;
    if (depth >= MAX_BLOCK_DEPTH) continue;
    if (item.type === 'dynamic' && item.labels.length === 1) {
      const type = item.labels[0];
      const list = listOf(blocks, type);
      const expanded = expandDynamic(item, ctx, at, type, list.length, depth);
      if (expanded instanceof Unknown) {
        list.push(expanded);
        if (!unknownOnly.has(type)) unknownOnly.set(type, true);
      } else {
        list.push(...expanded);
        if (expanded.length) unknownOnly.set(type, false);
      }
      continue;
    }
    const list = listOf(blocks, item.type);
    const path = joinPath(joinPath(at, item.type), list.length);
    ctx.lines.set(path, item.line);
    if (!ctx.lines.has(joinPath(at, item.type))) ctx.lines.set(joinPath(at, item.type), item.line);
    list.push(evaluateBody(item.body, ctx, path, depth + 1, false));
    unknownOnly.set(item.type, false);
  }
  for (const [type, list] of blocks) {
    // Only dynamic blocks that could not be expanded: the whole list is unknown, as the model says.
    setKey(out, type, unknownOnly.get(type) && list.length === 1 ? list[0] : list);
  }
  return out;
}

function listOf(blocks: Map<string, IacValue[]>, type: string): IacValue[] {
  let list = blocks.get(type);
  if (!list) blocks.set(type, (list = []));
  return list;
}

/** The blocks a `dynamic "type"` block generates, or an Unknown when its for_each is not known (or too long). */
function expandDynamic(block: Block, ctx: BodyContext, at: string, type: string, offset: number, depth: number): IacObject[] | Unknown {
  const forEach = block.body.attributes.find((a) => a.name === 'for_each');
  const content = block.body.blocks.find((b) => b.type === 'content');
  if (!forEach || !content) return [];
  const iteratorAttr = block.body.attributes.find((a) => a.name === 'iterator');
  const iterator = iteratorAttr?.expr.kind === 'traversal' && !iteratorAttr.expr.steps.length ? iteratorAttr.expr.root : type;
  const collection = evaluateExpression(forEach.expr, { source: ctx.source, scope: ctx.scope });
  const text = ctx.source.slice(forEach.expr.start, forEach.expr.end);
  const entries = entriesOf(collection);
  const typePath = joinPath(at, type);
  if (!ctx.lines.has(typePath)) ctx.lines.set(typePath, block.line);
  if (entries === undefined || entries.length > MAX_DYNAMIC_ITEMS) {
    const refs = isHclUnknown(collection) ? collection.refs : references(forEach.expr);
    return new Unknown(text, refs);
  }
  const out: IacObject[] = [];
  for (const [key, value] of entries) {
    const iteration = newObject();
    iteration.key = key;
    iteration.value = value;
    const scope = Object.assign(newObject(), ctx.scope);
    scope[iterator] = iteration;
    const path = joinPath(typePath, offset + out.length);
    ctx.lines.set(path, content.line);
    out.push(evaluateBody(content.body, { ...ctx, scope }, path, depth + 1, false));
  }
  return out;
}

/**
 * The (key, value) pairs Terraform iterates in a for_each: list items by index, map and object entries
 * in key order. Undefined when the collection is not known or not a collection.
 */
export function entriesOf(collection: HclValue): [string | number, HclValue][] | undefined {
  if (collection === null || typeof collection !== 'object' || isHclUnknown(collection)) return undefined;
  if (Array.isArray(collection)) return collection.map((v, i) => [i, v]);
  return sortedKeys(collection).map((k) => [k, collection[k]]);
}

/** Lines inside object and tuple literals: `tags.env`, `ip_ranges[1]`. */
function expressionLines(expr: Expression, path: string, lines: Map<string, number>, depth: number): void {
  if (depth > 16) return;
  if (expr.kind === 'parens') return expressionLines(expr.expr, path, lines, depth + 1);
  if (expr.kind === 'object') {
    for (const item of expr.items) {
      const key = literalKey(item.key);
      if (key === undefined) continue;
      const p = joinPath(path, key);
      lines.set(p, item.key.line);
      expressionLines(item.value, p, lines, depth + 1);
    }
  } else if (expr.kind === 'tuple') {
    expr.items.forEach((item, i) => {
      const p = joinPath(path, i);
      lines.set(p, item.line);
      expressionLines(item, p, lines, depth + 1);
    });
  }
}

function literalKey(key: Expression): string | undefined {
  if (key.kind === 'literal') return key.value === null ? undefined : String(key.value);
  if (key.kind === 'template' && key.parts.every((p) => p.kind === 'literal')) return key.parts.map((p) => String((p as { value: unknown }).value)).join('');
  return undefined;
}
