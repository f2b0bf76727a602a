// The taint engine: for each request handler, one ordered walk of its body that tracks which local
// variables hold request data (through assignments, destructuring, member reads, templates,
// concatenation, `+=`, array and object literals, string methods, callbacks of tainted arrays and
// promises, and calls of functions declared in the same file), which checks and sanitisers have
// made them safe, and hands every call, `new`, assignment and object literal to the sink matchers.
// Variables are ESLint scope-manager variables, so shadowing and closures resolve correctly.
// Bounded: at most MAX_STEPS nodes per handler, MAX_DEPTH nesting, MAX_HELPERS nested helper calls.
import type { Scope, SourceCode } from 'eslint';
import type { AssignmentExpression, CallExpression, Identifier, Node, ObjectExpression, Pattern } from 'estree';
import type { FlowStep } from '../../../types';
import { HitStore, type CallSite, type SinkApi, type SinkMatcher } from './api';
import { alwaysExits, assertedCondition, factsOf, unwrap, type Fact } from './guards';
import { findHandlers, isFunction, type FunctionNode, type Handler } from './handlers';
import {
  CALLBACK_METHODS,
  NO_DATA_METHODS,
  PROPAGATORS,
  REQUEST_ALIASES,
  REQUEST_CONTAINERS,
  REQUEST_READ_METHODS,
  REQUEST_PATHS,
  REQUEST_VALUES,
  UPLOAD_SERVER_FIELDS,
  RESPONSE_CHAIN,
  SANITIZERS,
  SQL_ESCAPE_METHODS,
  sanitizerByName,
} from './library';
import { calleeName, readJsFile, type JsFile } from './modules';
import { FIXED_PREFIX, HTML, fixedPrefix, quasiText, stringLiteral } from './strings';
import { ALL_KINDS, KIND, clip, cleared, flowOf, isFresh, isTaint, newSource, union, withStep, type RequestMarker, type Shape, type Taint, type Value } from './values';


export const MAX_STEPS = 40_000;
export const MAX_DEPTH = 150;
const MAX_HELPERS = 3;

class OutOfSteps extends Error {}

const STRING_METHODS = new Set(['toString', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'slice', 'substring', 'substr', 'replace', 'replaceAll', 'concat', 'padStart', 'padEnd', 'normalize', 'join', 'repeat', 'charAt', 'at', 'toLocaleLowerCase', 'toLocaleUpperCase']);
const MUTATORS = new Set(['push', 'unshift', 'set', 'append', 'add', 'splice']);

function propertyName(node: Node, computed: boolean): string | null {
  if (!computed && node.type === 'Identifier') return node.name;
  if (node.type === 'Literal' && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
  return null;
}

/** Taint only (the request object itself is not data in a string or an argument list). */
function data(v: Value): Taint | null {
  return isTaint(v) ? v : null;
}

function unionAll(values: readonly Value[]): Taint | null {
  let out: Taint | null = null;
  for (const v of values) if (isTaint(v)) out = data(union(out, v));
  return out;
}

function shaped(t: Taint | null, shape: Shape): Taint | null {
  return t && t.shape !== shape ? { ...t, shape } : t;
}

class Analyzer implements SinkApi {
  private env = new Map<Scope.Variable, Value>();
  /** Member chains a check has made safe (req.query.file after ALLOWED.includes(req.query.file)). */
  private checked = new Map<string, number>();
  private values = new Map<Node, Value>();
  private responses = new Set<Scope.Variable>();
  private helpers: Node[] = [];
  private returns: Value[] | null = null;
  private walked = new Set<Node>();
  private steps = 0;
  private depth = 0;
  private cond = 0;

  constructor(
    readonly file: JsFile,
    private readonly matchers: readonly SinkMatcher[],
    private readonly hits: HitStore,
  ) {}

  run(h: Handler): void {
    for (const p of h.requests) this.bindPattern(p, { kind: 'request', label: p.type === 'Identifier' ? p.name : 'req' }, null, true);
    for (const d of h.data) this.bindPattern(d.param, newSource(d.label, d.param, 'container'), null, true);
    if (h.response) for (const id of this.identifiers(h.response)) this.addResponse(id);
    try {
      this.walkBody(h.fn);
    } catch (e) {
      if (!(e instanceof OutOfSteps)) throw e;
    }
  }

  // ---- SinkApi ----

  value(node: Node | null | undefined): Value {
    if (!node) return null;
    if (node.type === 'SpreadElement') return this.values.get(node.argument) ?? null;
    return this.values.get(node) ?? this.values.get(unwrap(node)) ?? null;
  }

  text(node: Node): string {
    return this.file.source.getText(node as never);
  }

  report(rule: string, node: Node, sink: string, taint: Taint): void {
    const { line, column } = node.loc!.start;
    const message = `${clip(taint.source.label, 80)} (line ${taint.source.line}) reaches ${clip(sink, 80)} (line ${line})`;
    this.hits.add({ rule, node, message, flow: flowOf(taint, { line, column: column + 1, label: this.text(node) }) });
  }

  isResponse(node: Node): boolean {
    const n = this.chainRoot(node);
    if (n.type === 'Identifier') {
      const v = this.file.variables.get(n);
      if (v && (this.responses.has(v) || this.env.get(v)?.kind === 'request')) return true;
      return /^(?:res|response|reply|resp)$/.test(n.name);
    }
    if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') return /^(?:res|response|raw)$/.test(n.property.name) && this.isResponse(n.object as Node);
    return false;
  }

  responseType(node: Node): string | null {
    let n = unwrap(node);
    for (let i = 0; i < 20 && n.type === 'CallExpression'; i++) {
      const callee = unwrap(n.callee as Node);
      if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') break;
      const [a, b] = n.arguments.map((x) => stringLiteral(x as Node));
      const method = callee.property.name;
      if ((method === 'type' || method === 'contentType') && a) return a.toLowerCase();
      if (/^(?:set|header|setHeader)$/.test(method) && a?.toLowerCase() === 'content-type' && b) return b.toLowerCase();
      n = unwrap(callee.object as Node);
    }
    return null;
  }

  functionOf(callee: Node): FunctionNode | null {
    const c = unwrap(callee);
    if (c.type !== 'Identifier') return null;
    const def = this.file.variables.get(c)?.defs[0];
    if (!def) return null;
    if (def.type === 'FunctionName' && isFunction(def.node as Node)) return def.node as unknown as FunctionNode;
    if (def.type === 'Variable') {
      const init = (def.node as unknown as { init?: Node | null }).init;
      if (isFunction(init)) return init;
    }
    return null;
  }

  // ---- statements ----

  private tick(): void {
    if (++this.steps > MAX_STEPS) throw new OutOfSteps();
  }

  private walkBody(fn: FunctionNode): void {
    this.walked.add(fn);
    const body = (fn as unknown as { body: Node }).body;
    if (body.type === 'BlockStatement') this.walkList(body.body as Node[]);
    else {
      const v = this.eval(body);
      this.returns?.push(v);
    }
  }

  private walkList(list: readonly Node[]): void {
    for (const s of list) this.walk(s);
  }

  private walk(s: Node | null | undefined): void {
    if (!s) return;
    this.tick();
    if (this.depth >= MAX_DEPTH) return;
    this.depth++;
    try {
      this.walkInner(s);
    } finally {
      this.depth--;
    }
  }

  private walkInner(s: Node): void {
    switch (s.type) {
      case 'ExpressionStatement': {
        this.eval(s.expression);
        const asserted = assertedCondition(s.expression);
        if (asserted) this.applyFacts(factsOf(asserted, true));
        return;
      }
      case 'VariableDeclaration':
        for (const d of s.declarations) {
          const v = this.eval(d.init);
          this.bindPattern(d.id, v, d, true);
        }
        return;
      case 'ReturnStatement': {
        const v = this.eval(s.argument);
        this.returns?.push(isTaint(v) && this.helpers.length ? withStep(v, this.stepOf(s)) : v);
        return;
      }
      case 'IfStatement':
        this.walkIf(s.test, s.consequent, s.alternate ?? null);
        return;
      case 'BlockStatement':
      case 'StaticBlock':
        this.walkList(s.body as Node[]);
        return;
      case 'ForStatement':
        if (s.init?.type === 'VariableDeclaration') this.walk(s.init);
        else this.eval(s.init);
        this.eval(s.test);
        this.branch(() => {
          this.walk(s.body);
          this.eval(s.update);
        });
        return;
      case 'ForOfStatement':
      case 'ForInStatement': {
        const of = data(this.eval(s.right));
        const item = of ? withStep({ ...of, shape: 'value' }, this.stepOf(s.left)) : null;
        if (s.left.type === 'VariableDeclaration') this.bindPattern(s.left.declarations[0].id, item, null, true);
        else this.assignTo(s.left as Node, item);
        this.branch(() => this.walk(s.body));
        return;
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
        this.eval(s.test);
        this.branch(() => this.walk(s.body));
        return;
      case 'TryStatement':
        this.walk(s.block);
        this.branch(() => this.walk(s.handler?.body));
        this.walk(s.finalizer);
        return;
      case 'SwitchStatement':
        this.eval(s.discriminant);
        this.branch(() => {
          for (const c of s.cases) {
            this.eval(c.test);
            this.walkList(c.consequent as Node[]);
          }
        });
        return;
      case 'ThrowStatement':
        this.eval(s.argument);
        return;
      case 'LabeledStatement':
        this.walk(s.body);
        return;
      case 'FunctionDeclaration':
        this.walkClosure(s as FunctionNode, []);
        return;
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration': {
        const d = s.declaration as Node | null;
        if (d && (/Declaration$/.test(d.type) || d.type === 'FunctionDeclaration')) this.walk(d);
        else this.eval(d);
        return;
      }
      default:
        return;
    }
  }

  private branch(fn: () => void): void {
    this.cond++;
    try {
      fn();
    } finally {
      this.cond--;
    }
  }

  private walkIf(test: Node, consequent: Node, alternate: Node | null): void {
    this.eval(test);
    this.branch(() => {
      this.withFacts(factsOf(test, true), () => this.walk(consequent));
      if (alternate) this.withFacts(factsOf(test, false), () => this.walk(alternate));
    });
    // `if (!ALLOWED.includes(x)) return …;` — past it, x is checked.
    if (alwaysExits(consequent)) this.applyFacts(factsOf(test, false));
  }

  private withFacts<T>(facts: readonly Fact[], fn: () => T): T {
    const undo = this.applyFacts(facts);
    try {
      return fn();
    } finally {
      for (let i = undo.length - 1; i >= 0; i--) undo[i]();
    }
  }

  private applyFacts(facts: readonly Fact[]): Array<() => void> {
    const undo: Array<() => void> = [];
    for (const { target, kinds } of facts) {
      if (target.type === 'Identifier') {
        const v = this.file.variables.get(target);
        const old = v ? this.env.get(v) : undefined;
        if (!v || !isTaint(old)) continue;
        const now = cleared(old, kinds);
        this.env.set(v, now);
        undo.push(() => {
          if (this.env.get(v) === now) this.env.set(v, old);
        });
      } else {
        const key = this.text(target);
        const old = this.checked.get(key);
        this.checked.set(key, (old ?? 0) | kinds);
        undo.push(() => (old === undefined ? this.checked.delete(key) : this.checked.set(key, old)));
      }
    }
    return undo;
  }

  // ---- bindings ----

  private stepOf(node: Node): FlowStep {
    const { line, column } = node.loc!.start;
    const parent = (node as { parent?: Node }).parent;
    const prefix = node.type === 'VariableDeclarator' && parent?.type === 'VariableDeclaration' ? `${parent.kind} ` : '';
    return { line, column: column + 1, label: clip(prefix + this.text(node)) };
  }

  private identifiers(p: Pattern): Identifier[] {
    const out: Identifier[] = [];
    const stack: Node[] = [p];
    while (stack.length && out.length < 100) {
      const n = stack.pop()!;
      if (n.type === 'Identifier') out.push(n);
      else if (n.type === 'AssignmentPattern') stack.push(n.left);
      else if (n.type === 'ObjectPattern') stack.push(...n.properties.map((pr) => (pr.type === 'Property' ? pr.value : pr)));
      else if (n.type === 'ArrayPattern') stack.push(...n.elements.filter((e): e is Pattern => !!e));
      else if (n.type === 'RestElement') stack.push(n.argument);
    }
    return out;
  }

  private addResponse(id: Identifier): void {
    const v = this.file.variables.get(id);
    if (v) this.responses.add(v);
  }

  private setVar(id: Identifier, v: Value, strong: boolean): void {
    const variable = this.file.variables.get(id);
    if (!variable) return;
    if (strong || !this.env.has(variable)) {
      if (v || this.env.has(variable)) this.env.set(variable, v);
    } else this.env.set(variable, union(this.env.get(variable) ?? null, v));
  }

  /** Binds a pattern to a value; the step (the declaration or assignment) is added at each bound name. */
  private bindPattern(p: Pattern | Node, v: Value, stepNode: Node | null, strong: boolean, depth = 0): void {
    if (depth > 30) return;
    switch (p.type) {
      case 'Identifier':
        this.setVar(p, stepNode && isTaint(v) ? withStep(v, this.stepOf(stepNode)) : v, strong);
        return;
      case 'ObjectPattern':
        for (const prop of p.properties) {
          if (prop.type === 'RestElement') {
            this.bindPattern(prop.argument, v, stepNode, strong, depth + 1);
            continue;
          }
          if (prop.computed) this.eval(prop.key);
          const key = propertyName(prop.key, prop.computed);
          this.bindPattern(prop.value, this.memberOf(v, key, prop.key, true), stepNode, strong, depth + 1);
        }
        return;
      case 'ArrayPattern':
        for (const e of p.elements) if (e) this.bindPattern(e, isTaint(v) ? { ...v, shape: v.shape === 'string' ? 'string' : 'value' } : null, stepNode, strong, depth + 1);
        return;
      case 'AssignmentPattern': {
        const d = this.eval(p.right);
        this.bindPattern(p.left, v ?? d, stepNode, strong, depth + 1);
        return;
      }
      case 'MemberExpression':
        this.assignTo(p, v, stepNode ?? undefined);
        return;
      default: {
        // RestElement (...rest), TSParameterProperty (constructor(private x)).
        const inner = p as unknown as { argument?: Node; parameter?: Node };
        const next = p.type === 'RestElement' ? inner.argument : inner.parameter;
        if (next) this.bindPattern(next, v, stepNode, strong, depth + 1);
      }
    }
  }

  private assignTo(target: Node, v: Value, stepNode?: Node): void {
    const t = unwrap(target);
    if (t.type === 'Identifier') {
      this.setVar(t, stepNode && isTaint(v) ? withStep(v, this.stepOf(stepNode)) : v, this.cond === 0);
      return;
    }
    if (t.type === 'MemberExpression') {
      this.eval(t.object as Node);
      if (t.computed) this.eval(t.property as Node);
      if (isTaint(v)) this.taintRoot(t, stepNode ? withStep(v, this.stepOf(stepNode)) : v);
      return;
    }
    if (t.type === 'ObjectPattern' || t.type === 'ArrayPattern') this.bindPattern(t, v, stepNode ?? null, this.cond === 0);
  }

  /** `opts.url = x`, `parts.push(x)`: the object now holds request data. */
  private taintRoot(node: Node, v: Taint): void {
    let n = unwrap(node);
    for (let i = 0; i < 30 && (n.type === 'MemberExpression' || n.type === 'CallExpression'); i++) n = unwrap(n.type === 'MemberExpression' ? (n.object as Node) : (n.callee as Node));
    if (n.type !== 'Identifier') return;
    const variable = this.file.variables.get(n);
    if (!variable || this.responses.has(variable)) return;
    const old = this.env.get(variable) ?? null;
    if (old?.kind === 'request') return;
    this.env.set(variable, union(old, { ...v, shape: 'object' }));
  }

  // ---- expressions ----

  private eval(node: Node | null | undefined): Value {
    if (!node) return null;
    this.tick();
    if (this.depth >= MAX_DEPTH) return null;
    this.depth++;
    try {
      const v = this.evalInner(node);
      this.values.set(node, v);
      return v;
    } finally {
      this.depth--;
    }
  }

  private evalInner(node: Node): Value {
    switch (node.type) {
      case 'Identifier': {
        const v = this.file.variables.get(node);
        return (v && this.env.get(v)) ?? null;
      }
      case 'TemplateLiteral': {
        const values = node.expressions.map((e) => data(this.eval(e)));
        const out = unionAll(values);
        if (!out) return null;
        const texts = node.quasis.map(quasiText);
        const parts = texts.flatMap((text, i) => (i < values.length ? [{ text, taint: null }, { text: values[i] ? '' : null, taint: values[i] }] : [{ text, taint: null }]));
        return { ...out, shape: 'string', html: out.html || texts.some((t) => HTML.test(t)), fixedPrefix: fixedPrefix(parts), pathLike: !texts[0] && !!values[0]?.pathLike };
      }
      case 'BinaryExpression':
        if (node.operator === '+') return this.concat(node);
        this.eval(node.left as Node);
        this.eval(node.right);
        return null;
      case 'LogicalExpression':
        return union(this.eval(node.left), this.eval(node.right));
      case 'ConditionalExpression': {
        this.eval(node.test);
        const a = this.withFacts(factsOf(node.test, true), () => this.eval(node.consequent));
        const b = this.withFacts(factsOf(node.test, false), () => this.eval(node.alternate));
        return union(a, b);
      }
      case 'AssignmentExpression':
        return this.assignment(node);
      case 'UpdateExpression':
      case 'UnaryExpression':
        this.eval(node.argument);
        return null;
      case 'AwaitExpression':
        return this.eval(node.argument);
      case 'YieldExpression':
        this.eval(node.argument);
        return null;
      case 'SequenceExpression': {
        let last: Value = null;
        for (const e of node.expressions) last = this.eval(e);
        return last;
      }
      case 'ArrayExpression': {
        const items = node.elements.map((e) => (e ? this.eval(e.type === 'SpreadElement' ? e.argument : e) : null));
        return shaped(unionAll(items), 'object');
      }
      case 'ObjectExpression':
        return this.object(node);
      case 'MemberExpression':
        return this.member(node);
      case 'ChainExpression':
        return this.eval(node.expression);
      case 'CallExpression':
        return this.call(node);
      case 'NewExpression':
        return this.construct(node);
      case 'ImportExpression': {
        this.eval(node.source);
        const site: CallSite = { node, name: 'import', method: null, receiver: null, args: [node.source], isNew: false };
        for (const m of this.matchers) m.call?.(site, this);
        return null;
      }
      case 'TaggedTemplateExpression': {
        this.eval(node.tag);
        const inner = this.eval(node.quasi);
        return calleeName(this.file, node.tag) === 'String.raw' ? inner : null;
      }
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.walkClosure(node as FunctionNode, []);
        return null;
      default: {
        const inner = (node as unknown as { expression?: Node }).expression;
        if (inner && /^TS(?:As|NonNull|TypeAssertion|Satisfies|Instantiation)Expression$/.test(node.type as string)) return this.eval(inner);
        return null;
      }
    }
  }

  /** a + b + c, flattened (a long generated concatenation must not recurse once per operand). */
  private concat(node: Node): Value {
    const operands: Node[] = [];
    let n: Node = node;
    while (n.type === 'BinaryExpression' && n.operator === '+' && operands.length < 100_000) {
      operands.push(n.right);
      n = n.left as Node;
    }
    operands.push(n);
    operands.reverse();
    let out: Taint | null = null;
    let html = false;
    const parts: Array<{ text: string | null; taint: Taint | null }> = [];
    for (const o of operands) {
      const text = stringLiteral(o);
      if (text !== null) html ||= HTML.test(text);
      const v = data(this.eval(o));
      if (v) out = data(union(out, v));
      parts.push({ text, taint: v });
    }
    if (!out) return null;
    const t: Taint = out;
    return { ...t, shape: 'string', html: t.html || html, fixedPrefix: fixedPrefix(parts), pathLike: !!parts[0].taint?.pathLike };
  }

  private assignment(node: AssignmentExpression): Value {
    let v = this.eval(node.right);
    if (node.operator === '+=') {
      const old = data(this.eval(node.left as Node));
      const right = data(v);
      const lit = stringLiteral(node.right);
      const both = data(union(old, right));
      v = both ? { ...both, shape: 'string', html: both.html || (lit !== null && HTML.test(lit)), fixedPrefix: old ? old.fixedPrefix : true } : null; // url += path: the program's value stays first
    } else if (node.operator === '||=' || node.operator === '??=' || node.operator === '&&=') v = union(this.eval(node.left as Node), v);
    else if (node.operator !== '=') v = null;
    this.assignTo(node.left as Node, v, node);
    for (const m of this.matchers) m.assign?.(node, this);
    return v;
  }

  private object(node: ObjectExpression): Value {
    const values: Value[] = [];
    let spread: Taint | null = null;
    for (const p of node.properties) {
      if (p.type === 'SpreadElement') {
        const v = data(this.eval(p.argument));
        values.push(v);
        // { ...req.body } is the client's object again.
        if (v && (v.shape === 'container' || v.shape === 'value')) spread ??= v;
      } else {
        if (p.computed) this.eval(p.key);
        values.push(isFunction(p.value as Node) ? (this.walkClosure(p.value as FunctionNode, []), null) : this.eval(p.value));
      }
    }
    for (const m of this.matchers) m.object?.(node, this);
    return spread ? { ...spread, shape: 'container' } : shaped(unionAll(values), 'object');
  }

  private member(node: Node & { type: 'MemberExpression' }): Value {
    const obj = this.eval(node.object as Node);
    if (node.computed) this.eval(node.property);
    const key = propertyName(node.property, node.computed);
    let out = this.memberOf(obj, key, node, false);
    if (isTaint(out) && this.checked.size) {
      const c = this.checked.get(this.text(node));
      if (c) out = cleared(out, c);
    }
    return out;
  }

  /** obj.key (or `const { key } = obj` when `pattern`). */
  private memberOf(obj: Value, key: string | null, node: Node, pattern: boolean): Value {
    if (!obj) return null;
    if (obj.kind === 'request') {
      if (key === null) return null;
      const label = pattern ? `${obj.label}.${key}` : this.text(node);
      if (REQUEST_ALIASES.has(key)) return { kind: 'request', label } satisfies RequestMarker;
      if (REQUEST_CONTAINERS.has(key)) return newSource(label, node, 'container');
      if (REQUEST_VALUES.has(key)) return { ...newSource(label, node, 'value'), pathLike: REQUEST_PATHS.has(key) };
      return null;
    }
    if (key === 'length') return null;
    // The Host header names this server (a browser cannot be made to send another): not a source.
    if (isFresh(obj) && key?.toLowerCase() === 'host' && /\.headers$/.test(obj.source.label)) return null;
    if (isFresh(obj) && key && UPLOAD_SERVER_FIELDS.has(key) && /\.files?(?:\[[^\]]*\])?$/.test(obj.source.label)) return null;
    if (isFresh(obj)) {
      const label = pattern ? (key === null ? obj.source.label : `${obj.source.label}.${key}`) : this.text(node);
      return { ...obj, source: { ...obj.source, label: clip(label) }, shape: 'value' };
    }
    return obj.shape === 'container' || obj.shape === 'object' ? { ...obj, shape: 'value' } : obj;
  }

  private call(node: CallExpression): Value {
    const callee = unwrap(node.callee as Node);
    let recv: Value = null;
    let method: string | null = null;
    let receiver: Node | null = null;
    if (callee.type === 'MemberExpression') {
      receiver = callee.object as Node;
      recv = this.eval(receiver);
      if (callee.computed) this.eval(callee.property);
      method = propertyName(callee.property, callee.computed);
    } else if (callee.type !== 'Identifier') this.eval(callee);
    const args = node.arguments as Node[];
    const argValues = args.map((a) => (a.type === 'SpreadElement' ? this.eval(a.argument) : isFunction(a) ? null : this.eval(a)));
    const name = calleeName(this.file, callee);
    this.callbacks(args, recv, method);
    const site: CallSite = { node, name, method, receiver, args, isNew: false };
    for (const m of this.matchers) m.call?.(site, this);
    const inData = unionAll(argValues);
    if (method && MUTATORS.has(method) && inData && receiver) this.taintRoot(receiver, withStep(inData, this.stepOf(node)));
    if (name === 'Object.assign' && inData && args[0]) this.taintRoot(args[0], withStep(inData, this.stepOf(node)));
    return this.callResult(site, callee, recv, argValues);
  }

  /** Callbacks: of tainted arrays and promises (their parameter is the data), of req.on('data'), and any other (walked once). */
  private callbacks(args: readonly Node[], recv: Value, method: string | null): void {
    for (const a of args) {
      if (!isFunction(a)) continue;
      let params: Value[] = [];
      if (isTaint(recv) && method && CALLBACK_METHODS.has(method)) {
        const item: Taint = { ...recv, shape: recv.shape === 'string' ? 'string' : 'value' };
        params = method === 'reduce' ? [null, item] : [item];
      } else if (recv?.kind === 'request' && method === 'on' && stringLiteral(args[0]) === 'data') params = [newSource(`${recv.label} body`, a, 'value')];
      this.walkClosure(a, params);
    }
  }

  private walkClosure(fn: FunctionNode, params: readonly Value[]): void {
    if (this.walked.has(fn) && !params.some(isTaint)) return;
    this.walked.add(fn);
    const returns = this.returns;
    this.returns = null;
    this.cond++;
    try {
      fn.params.forEach((p, i) => this.bindPattern(p, params[i] ?? null, null, true));
      this.walkBody(fn);
    } finally {
      this.cond--;
      this.returns = returns;
    }
  }

  private callResult(site: CallSite, callee: Node, recv: Value, argValues: readonly Value[]): Value {
    const { name, method, node } = site;
    const args = data(unionAll(argValues));
    if (/^validator\.is/.test(name)) return null;
    const last = name.slice(name.lastIndexOf('.') + 1);
    let mask = SANITIZERS.get(name) ?? 0;
    if (!mask && method && SQL_ESCAPE_METHODS.has(method) && !isTaint(recv)) mask = KIND.sql;
    if (!mask && !isTaint(recv)) mask = sanitizerByName(last);
    if (mask) return cleared(shaped(args, name === 'JSON.stringify' || name === 'String' ? 'string' : (args?.shape ?? 'value')), mask);
    if (recv?.kind === 'request' && method) return REQUEST_READ_METHODS.has(method) && !/^host$/i.test(stringLiteral(site.args[0] ?? node) ?? '') ? newSource(this.text(node), node, /^(?:json|formData)$/.test(method) ? 'container' : 'value') : null;
    if (isTaint(recv) && (method === 'replace' || method === 'replaceAll')) {
      const m = this.replaceClears(site.args);
      if (m) return cleared(recv, m);
    }
    const fn = this.functionOf(callee);
    if (fn) return this.helper(fn, argValues, node);
    if (PROPAGATORS.has(name)) return /^(?:path|util|String|JSON\.stringify)/.test(name) ? shaped(args, 'string') : args;
    if (isTaint(recv) && method) {
      if (NO_DATA_METHODS.has(method)) return null;
      if (isFresh(recv) && (method === 'get' || method === 'getAll')) return { ...recv, source: { ...recv.source, label: clip(this.text(node)) }, shape: 'value' };
      let out: Taint = recv;
      if (/^(?:concat|replace|replaceAll|padStart|padEnd)$/.test(method)) out = data(union(out, args)) ?? out;
      return STRING_METHODS.has(method) ? { ...out, shape: 'string' } : out.shape === 'container' ? { ...out, shape: 'value' } : out;
    }
    if (method === 'concat' && args) return args;
    return null;
  }

  /** x.replace(/[^\w-]/g, '') keeps safe characters only; x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') escapes a regular expression. */
  private replaceClears(args: readonly Node[]): number {
    const re = args[0] && unwrap(args[0]);
    const by = args[1] ? stringLiteral(args[1]) : null;
    if (!re || re.type !== 'Literal' || !('regex' in re) || !re.regex || by === null) return 0;
    const { pattern, flags } = re.regex;
    if (!flags.includes('g') && !pattern.startsWith('^')) return 0;
    if (by === '\\$&' && /\\\$|\$/.test(pattern) && pattern.includes('*') && pattern.includes('\\\\')) return KIND.regex;
    // path.normalize(p).replace(/^(\.\.[\/\\])+/, ''): parent steps removed.
    if (by === '' && pattern.includes('\\.\\.')) return KIND.path;
    const negated = /^\[\^([^\]]*)\]\+?$/.exec(pattern);
    if (negated && by === '') return /\.|\\\/|\//.test(negated[1]) ? ALL_KINDS & ~KIND.path : ALL_KINDS;
    return 0;
  }

  private helper(fn: FunctionNode, argValues: readonly Value[], callNode: Node): Value {
    if (!argValues.some((v) => v) || this.helpers.includes(fn) || this.helpers.length >= MAX_HELPERS) return null;
    this.helpers.push(fn);
    const returns = this.returns;
    const cond = this.cond;
    this.returns = [];
    this.cond = 0;
    try {
      const at = this.stepOf(callNode);
      fn.params.forEach((p, i) => {
        const v = p.type === 'RestElement' ? unionAll(argValues.slice(i)) : argValues[i] ?? null;
        this.bindPattern(p, isTaint(v) ? withStep(v, at) : v, null, true);
      });
      this.walkBody(fn);
      const out = this.returns.reduce<Value>((a, b) => union(a, b), null);
      return isTaint(out) || out?.kind === 'request' ? out : null;
    } finally {
      this.helpers.pop();
      this.returns = returns;
      this.cond = cond;
    }
  }

  private construct(node: Node & { type: 'NewExpression' }): Value {
    const callee = unwrap(node.callee as Node);
    if (callee.type !== 'Identifier') this.eval(callee);
    const args = node.arguments as Node[];
    const argValues = args.map((a) => (a.type === 'SpreadElement' ? this.eval(a.argument) : isFunction(a) ? null : this.eval(a)));
    this.callbacks(args, null, null);
    const name = calleeName(this.file, callee);
    const site: CallSite = { node, name, method: null, receiver: null, args, isNew: true };
    for (const m of this.matchers) m.call?.(site, this);
    if (name === 'URL' || name === 'url.URL') {
      const [path, base] = argValues.map(data);
      if (path) return path;
      const lit = args[0] ? stringLiteral(args[0]) : null;
      return base && !(lit !== null && FIXED_PREFIX.test(lit)) ? base : null;
    }
    if (name === 'URLSearchParams' || name === 'String' || name === 'Buffer') return unionAll(argValues);
    return null;
  }

  private chainRoot(node: Node): Node {
    let n = unwrap(node);
    for (let i = 0; i < 20 && n.type === 'CallExpression'; i++) {
      const callee = unwrap(n.callee as Node);
      if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || !RESPONSE_CHAIN.has(callee.property.name)) break;
      n = unwrap(callee.object as Node);
    }
    return n;
  }
}

export interface FileAnalysis {
  hits: HitStore;
  /** Handlers whose walk stopped at the step bound. */
  handlers: number;
}

/** Runs every handler of the file through the matchers. */
export function analyzeSource(source: SourceCode, path: string, matchers: readonly SinkMatcher[], extra: ReadonlyArray<(file: JsFile, hits: HitStore) => void>): FileAnalysis {
  const file = readJsFile(source);
  const hits = new HitStore();
  const handlers = findHandlers(file, path);
  for (const h of handlers) new Analyzer(file, matchers, hits).run(h);
  for (const check of extra) check(file, hits);
  return { hits, handlers: handlers.length };
}
