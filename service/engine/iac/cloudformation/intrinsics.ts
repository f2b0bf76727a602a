// CloudFormation's intrinsic functions evaluated statically, where the inputs are in the template:
// parameters' Default values, Mappings, Conditions and literals. A resource's attributes, pseudo
// parameters (AWS::Region, AWS::AccountId…), imports, AZ lists and CIDR maths are only known at
// deployment, so they become Unknown with the logical ids they refer to (refs), which cross-resource
// rules match on. While evaluating, each result path gets the line of the source node it came from.
import type { IacObject, IacValue } from '../types';
import { isObject, isUnknown, joinPath, Unknown } from '../values';

/** `Ref: AWS::NoValue` (and an Fn::If branch giving it): the property is removed. */
export const NO_VALUE = new Unknown('AWS::NoValue');

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** What intrinsics are evaluated against. */
export interface TemplateScope {
  parameters: IacObject;
  mappings: IacObject;
  conditions: IacObject;
  resourceIds: ReadonlySet<string>;
}

const MAX_DEPTH = 150;
const MAX_STRING = 1_000_000;
const MAX_STEPS = 5_000_000;

/** The single key of an intrinsic object (`Ref`, `Fn::Sub`…), or undefined for a plain object. */
export function intrinsicName(v: IacValue | undefined): string | undefined {
  if (!isObject(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length !== 1) return undefined;
  const k = keys[0];
  return k === 'Ref' || k.startsWith('Fn::') ? k : undefined;
}

/** The expression as a person writes it in YAML, for Unknown values and messages. */
export function showIntrinsic(v: IacValue): string {
  const name = intrinsicName(v);
  if (!name) return short(JSON.stringify(v) ?? '');
  const arg = (v as IacObject)[name];
  if (name === 'Ref' && typeof arg === 'string') return `!Ref ${arg}`;
  if (name === 'Fn::GetAtt' && Array.isArray(arg)) return `!GetAtt ${arg.map((a) => (typeof a === 'string' ? a : '…')).join('.')}`;
  if (name === 'Fn::Sub' && typeof arg === 'string') return short(`!Sub ${JSON.stringify(arg)}`);
  return short(`!${name.slice(4)} ${JSON.stringify(arg)}`);
}

const short = (s: string): string => (s.length > 200 ? `${s.slice(0, 199)}…` : s);

/** Logical ids and parameter names an expression refers to. */
export function referencesOf(v: IacValue, out: Set<string> = new Set(), depth = 0): string[] {
  if (depth > 50 || out.size > 50) return [...out];
  if (Array.isArray(v)) for (const x of v) referencesOf(x, out, depth + 1);
  else if (isUnknown(v)) for (const r of v.refs) out.add(r);
  else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'Ref' && typeof x === 'string' && !PSEUDO_PARAMETERS.has(x)) out.add(x);
      else if (k === 'Fn::GetAtt') {
        const id = Array.isArray(x) ? x[0] : typeof x === 'string' ? x.split('.')[0] : undefined;
        if (typeof id === 'string') out.add(id);
      } else if (k === 'Fn::Sub') {
        const text = Array.isArray(x) ? x[0] : x;
        if (typeof text === 'string') for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) if (!PSEUDO_PARAMETERS.has(m[1].trim())) out.add(m[1].trim().split('.')[0]);
        if (Array.isArray(x)) referencesOf(x.slice(1), out, depth + 1);
      } else referencesOf(x, out, depth + 1);
    }
  }
  return [...out];
}

const unknownOf = (node: IacValue): Unknown => new Unknown(showIntrinsic(node), referencesOf(node));

/** Removes intrinsic keys from a source path: YAML short forms put no key where the long form has one. */
const stripIntrinsicKeys = (path: string): string => path.replace(/\["Fn::[A-Za-z]+"\]|\.Ref(?=$|[.[])/g, '');

function sameScalar(a: IacValue, b: IacValue): boolean {
  const s = (x: IacValue) => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? String(x) : JSON.stringify(x));
  return s(a) === s(b);
}

function containsUnknownOrNoValue(v: IacValue, depth = 0): boolean {
  if (isUnknown(v)) return true;
  if (depth > 64 || v === null || typeof v !== 'object') return false;
  return (Array.isArray(v) ? v : Object.values(v)).some((x) => containsUnknownOrNoValue(x, depth + 1));
}

export interface Evaluated {
  value: IacValue;
  /** Line of each path of `value` ('' is the value itself). */
  lines: Map<string, number>;
}

export class IntrinsicEvaluator {
  private readonly conditionCache = new Map<string, boolean | Unknown>();
  private steps = 0;
  /** Set when a bound was hit: the caller warns once. */
  exhausted = false;

  constructor(
    private readonly scope: TemplateScope,
    private readonly sourceLines: ReadonlyMap<string, number>,
  ) {}

  /** Evaluates `node`, found at `source` in the document, with lines keyed by the result's own paths. */
  evaluate(node: IacValue, source: string): Evaluated {
    const lines = new Map<string, number>();
    const value = this.value(node, source, '', lines, 0);
    return { value, lines };
  }

  /** A named condition of the Conditions section: true, false, or Unknown. */
  condition(name: string, stack: readonly string[] = []): boolean | Unknown {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const def = this.scope.conditions[name];
    let result: boolean | Unknown;
    if (def === undefined || stack.includes(name) || stack.length > 50) result = new Unknown(`Condition ${name}`);
    else result = this.conditionValue(def, [...stack, name]);
    this.conditionCache.set(name, result);
    return result;
  }

  private record(lines: Map<string, number>, out: string, source: string): void {
    // Values read by plain() (source '\u0000…') have no lines, and their line map is thrown away.
    if (source.charCodeAt(0) === 0 || lines.has(out)) return;
    let line = this.sourceLines.get(source);
    if (line === undefined && (source.includes('Fn::') || source.includes('.Ref'))) line = this.sourceLines.get(stripIntrinsicKeys(source));
    if (line !== undefined) lines.set(out, line);
  }

  private value(node: IacValue, src: string, out: string, lines: Map<string, number>, depth: number): IacValue {
    if (++this.steps > MAX_STEPS || depth > MAX_DEPTH) {
      this.exhausted = true;
      return new Unknown('(not evaluated: the template is too large or too deep)');
    }
    this.record(lines, out, src);
    if (Array.isArray(node)) {
      const items: IacValue[] = [];
      node.forEach((item, i) => {
        const v = this.value(item, joinPath(src, i), joinPath(out, items.length), lines, depth + 1);
        if (v !== NO_VALUE) items.push(v);
      });
      return items;
    }
    if (!isObject(node)) return node;
    const fn = intrinsicName(node);
    if (fn) return this.intrinsic(fn, node, src, out, lines, depth);
    const obj: IacObject = {};
    for (const [k, v] of Object.entries(node)) {
      const r = this.value(v, joinPath(src, k), joinPath(out, k), lines, depth + 1);
      if (r !== NO_VALUE) obj[k] = r;
      else lines.delete(joinPath(out, k));
    }
    return obj;
  }

  /** A sub-expression whose value feeds a function (no lines of its own). */
  private plain(node: IacValue, depth: number): IacValue {
    return this.value(node, '\u0000', '', new Map(), depth + 1);
  }

  private intrinsic(fn: string, node: IacObject, src: string, out: string, lines: Map<string, number>, depth: number): IacValue {
    const arg = node[fn];
    const at = joinPath(src, fn);
    switch (fn) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg) : unknownOf(node);
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return unknownOf(node);
        const c = this.condition(arg[0]);
        if (c === true) return this.value(arg[1], joinPath(at, 1), out, lines, depth + 1);
        if (c === false) return this.value(arg[2], joinPath(at, 2), out, lines, depth + 1);
        const a = this.plain(arg[1], depth);
        const b = this.plain(arg[2], depth);
        if (!containsUnknownOrNoValue(a) && JSON.stringify(a) === JSON.stringify(b)) return this.value(arg[1], joinPath(at, 1), out, lines, depth + 1);
        return unknownOf(node);
      }
      case 'Fn::Sub':
        return this.sub(node, arg, depth);
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2) return unknownOf(node);
        const [delim, list] = [this.plain(arg[0], depth), this.plain(arg[1], depth)];
        if (typeof delim !== 'string' || !Array.isArray(list) || list.some((x) => !isScalarValue(x))) return unknownOf(node);
        return this.bounded(list.map((x) => (x === null ? '' : String(x))).join(delim), node);
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) return unknownOf(node);
        const index = Number(this.plain(arg[0], depth));
        if (Array.isArray(arg[1]) && Number.isInteger(index) && index >= 0 && index < arg[1].length) {
          return this.value(arg[1][index], joinPath(joinPath(at, 1), index), out, lines, depth + 1);
        }
        const list = this.plain(arg[1], depth);
        if (!Array.isArray(list) || !Number.isInteger(index) || index < 0 || index >= list.length) return unknownOf(node);
        return list[index];
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2) return unknownOf(node);
        const [delim, text] = [this.plain(arg[0], depth), this.plain(arg[1], depth)];
        if (typeof delim !== 'string' || !delim || typeof text !== 'string') return unknownOf(node);
        return text.split(delim).slice(0, 10_000);
      }
      case 'Fn::FindInMap':
        return this.findInMap(node, arg, depth);
      case 'Fn::Base64': {
        // Kept as the text it encodes: rules read user data for what it contains, not its encoding.
        const v = this.value(arg, at, out, lines, depth + 1);
        return typeof v === 'string' ? v : unknownOf(node);
      }
      case 'Fn::Length': {
        const v = this.plain(arg, depth);
        return Array.isArray(v) ? v.length : unknownOf(node);
      }
      case 'Fn::ToJsonString': {
        const v = this.plain(arg, depth);
        return containsUnknownOrNoValue(v) ? unknownOf(node) : this.bounded(JSON.stringify(v), node);
      }
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
        return this.conditionValue(node, []);
      default:
        // GetAtt, GetAZs, ImportValue, Cidr, Transform and unknown functions: known only at deployment.
        return unknownOf(node);
    }
  }

  private bounded(s: string, node: IacValue): IacValue {
    if (s.length <= MAX_STRING) return s;
    this.exhausted = true;
    return unknownOf(node);
  }

  private ref(name: string): IacValue {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (PSEUDO_PARAMETERS.has(name)) return new Unknown(`!Ref ${name}`);
    const param = this.scope.parameters[name];
    if (isObject(param)) {
      const def = param.Default;
      if (def === undefined || def === null || isObject(def) || isUnknown(def)) return new Unknown(`!Ref ${name}`, [name]);
      const type = typeof param.Type === 'string' ? param.Type : '';
      if (typeof def === 'string' && (type === 'CommaDelimitedList' || type.startsWith('List<'))) return def.split(',').map((s) => s.trim());
      return def;
    }
    return new Unknown(`!Ref ${name}`, [name]);
  }

  private sub(node: IacObject, arg: IacValue, depth: number): IacValue {
    const text = Array.isArray(arg) ? arg[0] : arg;
    const vars = Array.isArray(arg) && isObject(arg[1]) ? arg[1] : {};
    if (typeof text !== 'string') return unknownOf(node);
    let unknown = false;
    const result = text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      let v: IacValue;
      if (Object.prototype.hasOwnProperty.call(vars, name)) v = this.plain(vars[name], depth);
      else if (name.includes('.') && !PSEUDO_PARAMETERS.has(name)) v = new Unknown(`!GetAtt ${name}`);
      else v = this.ref(name);
      if (isScalarValue(v)) return v === null ? '' : String(v);
      unknown = true;
      return whole;
    });
    return unknown ? unknownOf(node) : this.bounded(result, node);
  }

  private findInMap(node: IacObject, arg: IacValue, depth: number): IacValue {
    if (!Array.isArray(arg) || arg.length < 3) return unknownOf(node);
    const keys = arg.slice(0, 3).map((k) => this.plain(k, depth));
    const options = isObject(arg[3]) ? arg[3] : undefined;
    if (keys.some((k) => !isScalarValue(k) || k === null)) return unknownOf(node);
    const [map, top, second] = keys.map(String);
    const level1 = this.scope.mappings[map];
    const level2 = isObject(level1) ? level1[top] : undefined;
    const found = isObject(level2) ? level2[second] : undefined;
    if (found !== undefined) return found;
    if (options && options.DefaultValue !== undefined) return this.plain(options.DefaultValue, depth);
    return unknownOf(node);
  }

  private conditionValue(node: IacValue, stack: readonly string[]): boolean | Unknown {
    if (typeof node === 'boolean') return node;
    if (typeof node === 'string' && /^(?:true|false)$/i.test(node)) return node.toLowerCase() === 'true';
    if (!isObject(node)) return unknownOf(node);
    if (typeof node.Condition === 'string' && Object.keys(node).length === 1) return this.condition(node.Condition, stack);
    const fn = intrinsicName(node);
    const arg = fn ? node[fn] : undefined;
    const parts = Array.isArray(arg) ? arg : [];
    switch (fn) {
      case 'Fn::Equals': {
        if (parts.length !== 2) return unknownOf(node);
        const [a, b] = parts.map((p) => this.plain(p, stack.length));
        if (containsUnknownOrNoValue(a) || containsUnknownOrNoValue(b)) return unknownOf(node);
        return sameScalar(a, b);
      }
      case 'Fn::Not': {
        const v = this.conditionValue(parts[0] ?? null, stack);
        return typeof v === 'boolean' ? !v : v;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const want = fn === 'Fn::Or';
        let unknownSeen = false;
        for (const p of parts) {
          const v = this.conditionValue(p, stack);
          if (v === want) return want;
          if (typeof v !== 'boolean') unknownSeen = true;
        }
        return unknownSeen || !parts.length ? unknownOf(node) : !want;
      }
      default: {
        const v = this.plain(node, stack.length);
        return typeof v === 'boolean' ? v : unknownOf(node);
      }
    }
  }
}

function isScalarValue(v: IacValue): v is string | number | boolean | null {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}
