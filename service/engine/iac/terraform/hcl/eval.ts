// Static evaluation of HCL expressions: what can be known from the file and the given scope becomes a
// plain JS value, the rest an Unknown carrying the expression's text and the traversals it depends on.
import type { Expression, ForExpr, SplatExpr, TemplatePart, TraversalExpr, TraversalStep } from './ast';
import { FUNCTIONS, callFunction } from './functions';
import { references } from './refs';
import { Unknown, isUnknown } from './unknown';
import {
  EvalError,
  type HclObject,
  type HclValue,
  collectUnknownRefs,
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

export type { HclValue, HclObject } from './values';

/** A traversal whose root is not in the scope, with its index keys evaluated. */
export interface Reference {
  root: string;
  /** Attribute names and index keys after the root, up to the first key that is not known. */
  path: (string | number)[];
  /** `azurerm_resource_group.rg.name`, `module.net.subnet_ids[0]`. */
  text: string;
  /** Whether `path` covers every step of the traversal. */
  complete: boolean;
}

export interface EvalContext {
  /** The text the expression was parsed from (HclFile.source); Unknowns quote it. */
  source: string;
  /** Values of root names: var, local, each, count, path, terraform, … */
  scope: Readonly<Record<string, HclValue | undefined>>;
  /**
   * The value of a traversal rooted outside the scope (resources, data sources, modules), for the whole
   * `path`; undefined when unknown.
   */
  resolve?: (ref: Reference) => HclValue | undefined;
}

/** Bound on the elements a for expression iterates and on evaluation depth. */
const MAX_ITERATIONS = 10_000;
const MAX_DEPTH = 512;

interface Locals {
  readonly name: string;
  readonly value: HclValue;
  readonly parent: Locals | null;
}

export function evaluateExpression(expr: Expression, ctx: EvalContext): HclValue {
  const evaluator = new Evaluator(ctx);
  try {
    return evaluator.eval(expr, null);
  } catch (e) {
    if (e instanceof EvalError) return new Unknown(evaluator.text(expr), references(expr));
    throw e;
  }
}

class Evaluator {
  private depth = 0;
  private iterations = 0;

  constructor(private readonly ctx: EvalContext) {}

  text(expr: { start: number; end: number }): string {
    return this.ctx.source.slice(expr.start, expr.end);
  }

  /** An Unknown for `expr` carrying the refs of the Unknowns in `from`. */
  unknown(expr: Expression, from: HclValue[]): Unknown {
    const refs = new Set<string>();
    for (const v of from) collectUnknownRefs(v, refs);
    return new Unknown(this.text(expr), [...refs]);
  }

  eval(expr: Expression, locals: Locals | null): HclValue {
    if (++this.depth > MAX_DEPTH) throw new EvalError('expression too deep');
    try {
      return this.evalInner(expr, locals);
    } finally {
      this.depth--;
    }
  }

  private evalInner(expr: Expression, locals: Locals | null): HclValue {
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'parens':
        return this.eval(expr.expr, locals);
      case 'template':
        return this.evalTemplate(expr, expr.parts, locals);
      case 'traversal':
        return this.evalTraversal(expr, locals);
      case 'relative': {
        const source = this.eval(expr.source, locals);
        if (isUnknown(source)) return this.unknown(expr, [source]);
        return this.applySteps(expr, source, expr.steps, locals);
      }
      case 'splat':
        return this.evalSplat(expr, locals);
      case 'tuple':
        return expr.items.map((item) => this.eval(item, locals));
      case 'object': {
        const out = newObject();
        for (const item of expr.items) {
          const key = this.eval(item.key, locals);
          if (isUnknown(key)) return this.unknown(expr, [key]);
          out[this.objectKey(key)] = this.eval(item.value, locals);
        }
        return out;
      }
      case 'conditional': {
        const condition = this.eval(expr.condition, locals);
        if (isUnknown(condition)) return this.unknown(expr, [condition]);
        return this.eval(toBoolValue(condition, 'condition') ? expr.trueResult : expr.falseResult, locals);
      }
      case 'unary': {
        const operand = this.eval(expr.operand, locals);
        if (isUnknown(operand)) return this.unknown(expr, [operand]);
        return expr.op === '!' ? !toBoolValue(operand, '!') : -toNumberValue(operand, '-');
      }
      case 'binary':
        return this.evalBinary(expr, locals);
      case 'call':
        return this.evalCall(expr, locals);
      case 'for':
        return this.evalFor(expr, locals);
    }
  }

  private objectKey(key: HclValue): string {
    if (key === null) throw new EvalError('object key must not be null');
    return toStringValue(key, 'object key');
  }

  // ---- traversals

  private lookupLocal(locals: Locals | null, name: string): { value: HclValue } | null {
    for (let l = locals; l; l = l.parent) if (l.name === name) return { value: l.value };
    return null;
  }

  private evalTraversal(expr: TraversalExpr, locals: Locals | null): HclValue {
    const local = this.lookupLocal(locals, expr.root);
    if (local) return this.applySteps(expr, local.value, expr.steps, locals);
    const scope = this.ctx.scope;
    if (hasKey(scope as HclObject, expr.root) && scope[expr.root] !== undefined) {
      const root = scope[expr.root] as HclValue;
      const first = expr.steps[0];
      // An attribute missing from a scope object (an undeclared or unset var.x) is unknown, not an error.
      if (first?.type === 'attr' && isObjectValue(root) && !hasKey(root, first.name)) {
        return new Unknown(this.text(expr), [this.reference(expr, locals).text]);
      }
      return this.applySteps(expr, root, expr.steps, locals);
    }
    const ref = this.reference(expr, locals);
    const resolved = this.ctx.resolve?.(ref);
    if (resolved === undefined) return new Unknown(this.text(expr), [ref.text]);
    if (isUnknown(resolved)) return new Unknown(this.text(expr), [...new Set([ref.text, ...resolved.refs])]);
    if (ref.complete) return resolved;
    return new Unknown(this.text(expr), [ref.text]);
  }

  /** The static part of a traversal: its root, attributes and the index keys that evaluate to a string or number. */
  private reference(expr: TraversalExpr, locals: Locals | null): Reference {
    const path: (string | number)[] = [];
    let text = expr.root;
    let complete = true;
    for (const step of expr.steps) {
      if (step.type === 'attr') {
        path.push(step.name);
        text += '.' + step.name;
        continue;
      }
      let key: HclValue;
      try {
        key = this.eval(step.key, locals);
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        key = null;
      }
      if (typeof key === 'number') {
        text += `[${key}]`;
      } else if (typeof key === 'string') {
        text += `[${JSON.stringify(key)}]`;
      } else {
        complete = false;
        break;
      }
      path.push(key);
    }
    return { root: expr.root, path, text, complete };
  }

  private applySteps(expr: Expression, value: HclValue, steps: readonly TraversalStep[], locals: Locals | null): HclValue {
    for (const step of steps) {
      if (isUnknown(value)) return this.unknown(expr, [value]);
      if (step.type === 'attr') {
        value = this.getAttr(value, step.name);
      } else {
        const key = this.eval(step.key, locals);
        if (isUnknown(key)) return this.unknown(expr, [key]);
        value = this.index(value, key);
      }
    }
    return value;
  }

  private getAttr(value: HclValue, name: string): HclValue {
    if (isObjectValue(value)) {
      if (!hasKey(value, name)) throw new EvalError(`unsupported attribute '${name}'`);
      return value[name];
    }
    // The legacy `list.0` form reaches here as an index; attributes never apply to lists.
    throw new EvalError(`cannot read attribute '${name}' of ${typeName(value)}`);
  }

  private index(value: HclValue, key: HclValue): HclValue {
    if (Array.isArray(value)) {
      const i = toNumberValue(key, 'index');
      if (!Number.isInteger(i) || i < 0 || i >= value.length) throw new EvalError(`index ${i} out of range`);
      return value[i];
    }
    if (isObjectValue(value)) {
      const k = this.objectKey(key);
      if (!hasKey(value, k)) throw new EvalError(`no key '${k}'`);
      return value[k];
    }
    throw new EvalError(`cannot index ${typeName(value)}`);
  }

  private evalSplat(expr: SplatExpr, locals: Locals | null): HclValue {
    const source = this.eval(expr.source, locals);
    if (isUnknown(source)) return this.unknown(expr, [source]);
    if (source === null) return [];
    const items = Array.isArray(source) ? source : [source];
    return items.map((item) => this.applySteps(expr, item, expr.steps, locals));
  }

  // ---- operators

  private evalBinary(expr: Expression & { kind: 'binary' }, locals: Locals | null): HclValue {
    const left = this.eval(expr.left, locals);
    if (expr.op === '&&' || expr.op === '||') {
      // Short-circuit: `false && x` and `true || x` are known whatever x is.
      if (!isUnknown(left) && toBoolValue(left, expr.op) === (expr.op === '||')) return expr.op === '||';
      const right = this.eval(expr.right, locals);
      if (isUnknown(right) && !isUnknown(left)) return this.unknown(expr, [right]);
      if (isUnknown(left)) {
        if (!isUnknown(right) && toBoolValue(right, expr.op) === (expr.op === '||')) return expr.op === '||';
        return this.unknown(expr, [left, right]);
      }
      return toBoolValue(right, expr.op);
    }
    const right = this.eval(expr.right, locals);
    if (isUnknown(left) || isUnknown(right)) return this.unknown(expr, [left, right]);
    switch (expr.op) {
      case '==':
        return valuesEqual(left, right);
      case '!=':
        return !valuesEqual(left, right);
    }
    const a = toNumberValue(left, expr.op);
    const b = toNumberValue(right, expr.op);
    switch (expr.op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0) throw new EvalError('division by zero');
        return a / b;
      case '%':
        if (b === 0) throw new EvalError('modulo by zero');
        return a % b;
      case '<':
        return a < b;
      case '>':
        return a > b;
      case '<=':
        return a <= b;
      case '>=':
        return a >= b;
    }
  }

  // ---- templates

  private evalTemplate(expr: Expression, parts: readonly TemplatePart[], locals: Locals | null): HclValue {
    // `"${x}"` is x itself, not its string form.
    if (parts.length === 1 && parts[0].kind !== 'templateIf' && parts[0].kind !== 'templateFor' && parts[0].kind !== 'literal') {
      return this.eval(parts[0], locals);
    }
    const unknowns: HclValue[] = [];
    const text = this.renderParts(parts, locals, unknowns);
    return unknowns.length ? this.unknown(expr, unknowns) : text;
  }

  private renderParts(parts: readonly TemplatePart[], locals: Locals | null, unknowns: HclValue[]): string {
    let out = '';
    for (const part of parts) {
      if (part.kind === 'templateIf') {
        const condition = this.eval(part.condition, locals);
        if (isUnknown(condition)) unknowns.push(condition);
        else out += this.renderParts(toBoolValue(condition, 'if') ? part.then : (part.else ?? []), locals, unknowns);
      } else if (part.kind === 'templateFor') {
        const collection = this.eval(part.collection, locals);
        if (isUnknown(collection)) {
          unknowns.push(collection);
          continue;
        }
        for (const [key, value] of this.entries(collection)) {
          let scope: Locals = { name: part.valueVar, value, parent: locals };
          if (part.keyVar) scope = { name: part.keyVar, value: key, parent: scope };
          out += this.renderParts(part.body, scope, unknowns);
        }
      } else {
        const value = this.eval(part, locals);
        if (isUnknown(value)) unknowns.push(value);
        else if (value === null) throw new EvalError('cannot interpolate null');
        else if (typeof value === 'object') throw new EvalError(`cannot interpolate ${typeName(value)}`);
        else out += toStringValue(value);
      }
      if (out.length > 10_000_000) throw new EvalError('template result too large');
    }
    return out;
  }

  private entries(collection: HclValue): [HclValue, HclValue][] {
    let out: [HclValue, HclValue][];
    if (Array.isArray(collection)) out = collection.map((v, i) => [i, v]);
    else if (isObjectValue(collection)) out = sortedKeys(collection).map((k) => [k, collection[k]]);
    else throw new EvalError(`cannot iterate over ${typeName(collection)}`);
    this.iterations += out.length;
    if (this.iterations > MAX_ITERATIONS) throw new EvalError('too many iterations');
    return out;
  }

  // ---- for expressions and calls

  private evalFor(expr: ForExpr, locals: Locals | null): HclValue {
    const collection = this.eval(expr.collection, locals);
    if (isUnknown(collection)) return this.unknown(expr, [collection]);
    const tuple: HclValue[] = [];
    const object = newObject();
    const groups = new Map<string, HclValue[]>();
    for (const [key, value] of this.entries(collection)) {
      let scope: Locals = { name: expr.valueVar, value, parent: locals };
      if (expr.keyVar) scope = { name: expr.keyVar, value: key, parent: scope };
      if (expr.condition) {
        const keep = this.eval(expr.condition, scope);
        if (isUnknown(keep)) return this.unknown(expr, [keep]);
        if (!toBoolValue(keep, 'for condition')) continue;
      }
      const result = this.eval(expr.valueExpr, scope);
      if (!expr.object || !expr.keyExpr) {
        tuple.push(result);
        continue;
      }
      const k = this.eval(expr.keyExpr, scope);
      if (isUnknown(k)) return this.unknown(expr, [k]);
      const name = this.objectKey(k);
      if (expr.grouping) {
        const group = groups.get(name);
        if (group) group.push(result);
        else groups.set(name, [result]);
      } else {
        if (hasKey(object, name)) throw new EvalError(`duplicate key '${name}' in the for expression (use ... to group)`);
        object[name] = result;
      }
    }
    if (!expr.object) return tuple;
    if (expr.grouping) for (const [name, group] of groups) object[name] = group;
    return object;
  }

  private evalCall(expr: Expression & { kind: 'call' }, locals: Locals | null): HclValue {
    if (expr.name === 'try') return this.evalTry(expr, locals);
    if (expr.name === 'can') {
      if (expr.args.length !== 1) throw new EvalError('can: expected one argument');
      try {
        const value = this.eval(expr.args[0], locals);
        return isUnknown(value) ? this.unknown(expr, [value]) : true;
      } catch (e) {
        if (e instanceof EvalError) return false;
        throw e;
      }
    }
    const fn = hasKey(FUNCTIONS as unknown as HclObject, expr.name) ? FUNCTIONS[expr.name] : undefined;
    let args = expr.args.map((arg) => this.eval(arg, locals));
    if (!fn) return this.unknown(expr, args);
    if (expr.expandFinal && args.length) {
      const last = args[args.length - 1];
      if (isUnknown(last)) return this.unknown(expr, args);
      if (!Array.isArray(last)) throw new EvalError(`${expr.name}: only a list can be expanded with ...`);
      args = args.slice(0, -1).concat(last);
    }
    const result = callFunction(fn, expr.name, args);
    if (result === 'unknown' || isUnknown(result)) return this.unknown(expr, args);
    return result;
  }

  private evalTry(expr: Expression & { kind: 'call' }, locals: Locals | null): HclValue {
    for (const arg of expr.args) {
      try {
        const value = this.eval(arg, locals);
        // An unknown first success could still fail once known, so the whole try is unknown.
        return isUnknown(value) ? this.unknown(expr, [value]) : value;
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
      }
    }
    throw new EvalError('try: no argument evaluated without error');
  }
}
