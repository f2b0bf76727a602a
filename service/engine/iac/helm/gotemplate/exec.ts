// The executor of text/template (exec.go) over the value model of values.ts, with bounds and line mapping.
import type { Arg, Command, Node, Pipe, TemplateNode, Tree } from './ast';
import { formatValue } from './fmt';
import type { CallContext, FuncMap, GoFunction } from './functions';
import { KIND_TYPE_NAMES, type ParamKind } from './kinds';
import { Output, OutputLimitError, type SharedBudget } from './output';
import { lineAt, parseTemplate } from './parser';
import { GoStruct, TemplateError, goTypeName, hasKey, isMap, isTrue, sortedKeys } from './values';

export interface Limits {
  /** Evaluation steps (nodes, commands, field lookups) for one top-level execution, includes and tpl included. */
  maxSteps: number;
  /** Nesting of template / include / tpl calls. */
  maxDepth: number;
  /** Bytes written, in all buffers of one execution. */
  maxOutputBytes: number;
}

export const DEFAULT_LIMITS: Limits = { maxSteps: 1_000_000, maxDepth: 100, maxOutputBytes: 5 * 1024 * 1024 };

export class ExecError extends Error {
  /** Line of the top-level template's node that was executing when the error happened. */
  line?: number;
}

/** A bound was exceeded: never wrapped away by functions, always aborts the whole execution. */
export class LimitError extends ExecError {}

export class TemplateSet {
  private readonly trees = new Map<string, Tree>();

  constructor(
    readonly funcs: FuncMap,
    private readonly parent?: TemplateSet,
  ) {}

  isFunction = (name: string): boolean => this.funcs.has(name);

  /** Parse a source; its body is registered under `name`, its defines under theirs (a later define wins, an empty one never replaces). */
  parse(name: string, source: string): Tree {
    const { tree, defines } = parseTemplate(name, source, this.isFunction);
    this.add(tree);
    for (const d of defines) this.add(d);
    return tree;
  }

  private add(tree: Tree): void {
    const old = this.trees.get(tree.name);
    const isEmpty = tree.root.every((n) => n.type === 'text' && n.text.trim() === '');
    if (old && isEmpty) return;
    this.trees.set(tree.name, tree);
  }

  lookup(name: string): Tree | undefined {
    return this.trees.get(name) ?? this.parent?.lookup(name);
  }

  /** A set that sees this one's templates and may add its own (Helm's tpl clones the template set). */
  child(): TemplateSet {
    return new TemplateSet(this.funcs, this);
  }
}

const NO_FINAL = Symbol('no final value');
type Final = unknown | typeof NO_FINAL;

class BreakSignal {}
class ContinueSignal {}
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

interface Variable {
  name: string;
  value: unknown;
}

export interface ExecuteResult {
  output: string;
  lineMap: number[];
}

class State implements CallContext {
  vars: Variable[];
  private node: { pos: number } | undefined;

  constructor(
    private readonly set: TemplateSet,
    private readonly tree: Tree,
    dot: unknown,
    readonly out: Output,
    private readonly budget: SharedBudget,
    private readonly depth: number,
    private readonly callLine: number | undefined,
  ) {
    this.vars = [{ name: '$', value: dot }];
  }

  // ---- errors and bounds ----

  private location(pos: number): string {
    const line = lineAt(this.tree.lineStarts, pos);
    const col = pos - this.tree.lineStarts[line - 1];
    return `${this.tree.parseName}:${line}:${col}`;
  }

  private fail(message: string, node: { pos: number; source?: string } | undefined = this.node): never {
    const at = node ? this.location(node.pos) : this.tree.parseName;
    const context = node && 'source' in node && node.source ? ` at <${node.source}>` : '';
    throw new ExecError(`template: ${at}: executing "${this.tree.name}"${context}: ${message}`);
  }

  private step(): void {
    if (++this.budget.steps > this.budget.maxSteps) {
      throw new LimitError(`template: ${this.tree.parseName}: evaluation exceeds the limit of ${this.budget.maxSteps} steps`);
    }
  }

  private lineOf(node: { line: number }): number {
    return this.callLine ?? node.line;
  }

  // ---- variables ----

  private push(name: string, value: unknown): void {
    this.vars.push({ name, value });
  }
  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }
  private setTopVar(n: number, value: unknown): void {
    this.vars[this.vars.length - n].value = value;
  }
  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.fail(`undefined variable: ${name}`);
  }

  // ---- walking ----

  walkList(dot: unknown, list: Node[]): void {
    for (const node of list) this.walk(dot, node);
  }

  private walk(dot: unknown, node: Node): void {
    this.step();
    try {
      switch (node.type) {
        case 'text':
          if (this.callLine === undefined) this.out.writeText(node.text, node.line);
          else this.out.write(node.text, this.callLine);
          return;
        case 'action': {
          const value = this.evalPipeline(dot, node.pipe);
          if (node.pipe.decl.length === 0) this.out.write(printable(value), this.lineOf(node));
          return;
        }
        case 'if':
        case 'with': {
          const mark = this.vars.length;
          const value = this.evalPipeline(dot, node.pipe);
          if (isTrue(value)) this.walkList(node.type === 'with' ? value : dot, node.list);
          else if (node.elseList) this.walkList(dot, node.elseList);
          this.vars.length = mark;
          return;
        }
        case 'range':
          this.walkRange(dot, node);
          return;
        case 'template':
          this.walkTemplate(dot, node);
          return;
        case 'break':
          throw BREAK;
        case 'continue':
          throw CONTINUE;
      }
    } catch (e) {
      if (this.depth === 0 && e instanceof ExecError && e.line === undefined) e.line = node.line;
      if (e instanceof OutputLimitError) {
        const err = new LimitError(`template: ${this.tree.parseName}: ${e.message}`);
        if (this.depth === 0) err.line = node.line;
        throw err;
      }
      throw e;
    }
  }

  private walkRange(dot: unknown, node: Extract<Node, { type: 'range' }>): void {
    const outerMark = this.vars.length;
    const value = this.evalPipeline(dot, node.pipe);
    const mark = this.vars.length;
    const decl = node.pipe.decl;
    const iteration = (index: unknown, elem: unknown): boolean => {
      this.step();
      if (decl.length > 0) {
        if (node.pipe.isAssign) this.setVar(decl[0], decl.length > 1 ? index : elem);
        else this.setTopVar(1, elem);
      }
      if (decl.length > 1) {
        if (node.pipe.isAssign) this.setVar(decl[1], elem);
        else this.setTopVar(2, index);
      }
      try {
        this.walkList(elem, node.list);
      } catch (e) {
        if (e === BREAK) return false;
        if (e !== CONTINUE) throw e;
      } finally {
        this.vars.length = mark;
      }
      return true;
    };
    let ran = false;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        ran = true;
        if (!iteration(BigInt(i), value[i] ?? null)) break;
      }
    } else if (isMap(value)) {
      for (const key of sortedKeys(value)) {
        ran = true;
        if (!iteration(key, value[key] ?? null)) break;
      }
    } else if (typeof value === 'bigint') {
      if (decl.length > 1) this.fail(`can't use ${value} to iterate over more than one variable`, node.pipe);
      for (let i = 0n; i < value; i++) {
        ran = true;
        if (!iteration(i, i)) break;
      }
    } else if (value !== null) {
      this.fail(`range can't iterate over ${formatValue(value)}`, node.pipe);
    }
    if (!ran && node.elseList) this.walkList(dot, node.elseList);
    this.vars.length = outerMark;
  }

  private walkTemplate(dot: unknown, node: TemplateNode): void {
    const tree = this.set.lookup(node.name);
    if (!tree) this.fail(`template "${node.name}" not defined`, { pos: node.pos, source: `{{template "${node.name}"}}` });
    const value = node.pipe ? this.evalPipeline(dot, node.pipe) : null;
    this.checkDepth();
    const nested = new State(this.set, tree, value, this.out, this.budget, this.depth + 1, this.callLine ?? node.line);
    nested.walkList(value, tree.root);
  }

  private checkDepth(): void {
    if (this.depth + 1 > this.budget.maxDepth) {
      throw new LimitError(`template: ${this.tree.parseName}: exceeded maximum template depth (${this.budget.maxDepth})`);
    }
  }

  // ---- CallContext for Helm's include and tpl ----

  include(name: string, data: unknown): string {
    const tree = this.set.lookup(name);
    if (!tree) throw new TemplateError(`template: no template "${name}" associated with template "gotpl"`);
    this.checkDepth();
    const out = new Output(this.budget, false);
    new State(this.set, tree, data, out, this.budget, this.depth + 1, undefined).walkList(data, tree.root);
    return out.toString();
  }

  tpl(source: string, data: unknown): string {
    this.budget.steps += source.length >> 4;
    this.step();
    const set = this.set.child();
    let tree: Tree;
    try {
      tree = set.parse(this.tree.parseName, source);
    } catch (e) {
      throw new TemplateError(`cannot parse template ${JSON.stringify(source)}: ${(e as Error).message}`);
    }
    this.checkDepth();
    const out = new Output(this.budget, false);
    try {
      new State(set, tree, data, out, this.budget, this.depth + 1, undefined).walkList(data, tree.root);
    } catch (e) {
      if (e instanceof LimitError) throw e;
      throw new TemplateError(`error during tpl function execution for ${JSON.stringify(source)}: ${(e as Error).message}`);
    }
    return out.toString().split('<no value>').join('');
  }

  // ---- evaluation ----

  private evalPipeline(dot: unknown, pipe: Pipe): unknown {
    this.node = pipe;
    let value: Final = NO_FINAL;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(name, value);
      else this.push(name, value);
    }
    return value === NO_FINAL ? null : value;
  }

  private notAFunction(args: Arg[], final: Final, cmd: Command | Arg): void {
    if (args.length > 1 || final !== NO_FINAL) this.fail(`can't give argument to non-function ${sourceOf(args[0], cmd)}`, cmd);
  }

  private evalCommand(dot: unknown, cmd: Command, final: Final): unknown {
    this.step();
    const first = cmd.args[0];
    switch (first.type) {
      case 'field':
        return this.evalFieldChain(dot, dot, cmd, first.idents, cmd.args, final, true);
      case 'chain':
        return this.evalChain(dot, first, cmd, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first.name, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final, cmd);
        return this.evalPipeline(dot, first.pipe);
      case 'variable':
        return this.evalVariable(dot, first, cmd, cmd.args, final);
    }
    this.notAFunction(cmd.args, final, cmd);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.fail('nil is not a command', cmd);
      case 'number':
        return idealConstant(first);
      case 'string':
        return first.value;
    }
  }

  private evalChain(dot: unknown, chain: Extract<Arg, { type: 'chain' }>, at: Command | Arg, args: Arg[], final: Final): unknown {
    if (chain.node.type === 'nil') this.fail(`indirection through explicit nil in ${sourceOf(chain, at)}`, at);
    const receiver = this.evalArg(dot, 'any', chain.node);
    return this.evalFieldChain(dot, receiver, at, chain.fields, args, final, true);
  }

  private evalVariable(dot: unknown, node: Extract<Arg, { type: 'variable' }>, at: Command | Arg, args: Arg[], final: Final): unknown {
    const value = this.varValue(node.idents[0]);
    if (node.idents.length === 1) {
      this.notAFunction(args, final, at);
      return value;
    }
    return this.evalFieldChain(dot, value, at, node.idents.slice(1), args, final, true);
  }

  private evalFieldChain(dot: unknown, receiver: unknown, at: Command | Arg, idents: string[], args: Arg[], final: Final, firstIsValue: boolean): unknown {
    let value = receiver;
    for (let i = 0; i < idents.length; i++) {
      const last = i === idents.length - 1;
      value = this.evalField(dot, idents[i], at, last ? args : [], last ? final : NO_FINAL, value, i === 0 && firstIsValue);
    }
    return value;
  }

  private evalField(dot: unknown, name: string, at: Command | Arg, args: Arg[], final: Final, receiver: unknown, receiverMayBeInvalid: boolean): unknown {
    this.step();
    const hasArgs = args.length > 1 || final !== NO_FINAL;
    if (receiver === null) {
      // A value that came out of a pipeline is "invalid" in Go and yields nothing; a nil interface from a map is an error.
      if (receiverMayBeInvalid) return null;
      this.fail(`nil pointer evaluating interface {}.${name}`, at);
    }
    if (receiver instanceof GoStruct) {
      if (!hasKey(receiver.fields, name)) this.fail(`can't evaluate field ${name} in type ${receiver.typeName}`, at);
      const field = receiver.fields[name];
      if (typeof field === 'function') {
        const method: GoFunction = (field as { goFunction?: GoFunction }).goFunction ?? {
          params: [],
          variadic: 'any',
          call: (a) => (field as (...x: unknown[]) => unknown)(...a),
        };
        return this.evalCall(dot, method, name, at, args, final);
      }
      if (hasArgs) this.fail(`${name} has arguments but cannot be invoked as function`, at);
      return field ?? null;
    }
    if (isMap(receiver)) {
      if (hasArgs) this.fail(`${name} is not a method but has arguments`, at);
      return hasKey(receiver, name) ? (receiver[name] ?? null) : null;
    }
    return this.fail(`can't evaluate field ${name} in type ${goTypeName(receiver)}`, at);
  }

  private evalFunction(dot: unknown, name: string, at: Command | Arg, args: Arg[], final: Final): unknown {
    const fn = this.set.funcs.get(name);
    if (!fn) this.fail(`"${name}" is not a defined function`, at);
    if (name === 'and' || name === 'or') return this.evalAndOr(dot, name, at, args, final);
    return this.evalCall(dot, fn, name, at, args, final);
  }

  private evalAndOr(dot: unknown, name: string, at: Command | Arg, args: Arg[], final: Final): unknown {
    const operands = args.slice(1);
    if (operands.length + (final === NO_FINAL ? 0 : 1) < 1) this.fail(`wrong number of args for ${name}: want at least 1 got 0`, at);
    let value: unknown = null;
    for (const arg of operands) {
      value = this.evalArg(dot, 'any', arg);
      if (isTrue(value) === (name === 'or')) return value;
    }
    return final === NO_FINAL ? value : final;
  }

  private evalCall(dot: unknown, fn: GoFunction, name: string, at: Command | Arg, args: Arg[], final: Final): unknown {
    const operands = args.slice(1);
    const count = operands.length + (final === NO_FINAL ? 0 : 1);
    const fixed = fn.params.length;
    if (fn.variadic) {
      if (count < fixed) this.fail(`wrong number of args for ${name}: want at least ${fixed} got ${count}`, at);
    } else if (count !== fixed) this.fail(`wrong number of args for ${name}: want ${fixed} got ${count}`, at);
    const kindAt = (i: number): ParamKind => (i < fixed ? fn.params[i] : (fn.variadic as ParamKind));
    const values = operands.map((arg, i) => this.evalArg(dot, kindAt(i), arg));
    if (final !== NO_FINAL) values.push(this.validateType(final, kindAt(values.length), false, at));
    this.node = at;
    let result: unknown;
    try {
      result = fn.call(values, this);
    } catch (e) {
      if (e instanceof LimitError) throw e;
      this.fail(`error calling ${name}: ${(e as Error).message ?? String(e)}`, at);
    }
    // Big results cost steps too, so a loop over expensive calls (tpl, toYaml, regexes on big strings) stays bounded.
    const size = typeof result === 'string' ? result.length : Array.isArray(result) ? result.length : 0;
    if (size > 64) {
      this.budget.steps += size >> 6;
      this.step();
    }
    if (typeof result === 'string' && result.length > this.budget.maxOutputBytes) {
      throw new LimitError(`template: ${this.tree.parseName}: value of ${name} exceeds the limit of ${this.budget.maxOutputBytes} bytes`);
    }
    return result === undefined ? null : result;
  }

  private evalArg(dot: unknown, kind: ParamKind, node: Arg): unknown {
    this.step();
    switch (node.type) {
      case 'dot':
        return this.validateType(dot, kind, false, node);
      case 'nil':
        if (kind === 'any' || kind === 'list' || kind === 'map') return null;
        return this.fail(`cannot assign nil to ${KIND_TYPE_NAMES[kind]}`, node);
      case 'field':
        return this.validateType(this.evalFieldChain(dot, dot, node, node.idents, [node], NO_FINAL, true), kind, true, node);
      case 'variable':
        return this.validateType(this.evalVariable(dot, node, node, [node], NO_FINAL), kind, node.idents.length > 1, node);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, node.pipe), kind, false, node);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, node.name, node, [node], NO_FINAL), kind, false, node);
      case 'chain':
        return this.validateType(this.evalChain(dot, node, node, [node], NO_FINAL), kind, true, node);
    }
    switch (kind) {
      case 'bool':
        if (node.type === 'bool') return node.value;
        return this.fail(`expected bool; found ${constantText(node)}`, node);
      case 'string':
        if (node.type === 'string') return node.value;
        return this.fail(`expected string; found ${constantText(node)}`, node);
      case 'int':
        if (node.type === 'number' && node.int !== undefined) return node.int;
        return this.fail(`expected integer; found ${constantText(node)}`, node);
      case 'float':
        if (node.type === 'number' && node.float !== undefined) return node.float;
        return this.fail(`expected float; found ${constantText(node)}`, node);
      case 'any':
        if (node.type === 'bool') return node.value;
        if (node.type === 'string') return node.value;
        if (node.type === 'number') return idealConstant(node);
        break;
    }
    return this.fail(`can't handle ${constantText(node)} for arg of type ${KIND_TYPE_NAMES[kind]}`, node);
  }

  private validateType(value: unknown, kind: ParamKind, fromField: boolean, at: { pos: number }): unknown {
    if (kind === 'any') return value;
    if (value === null) {
      if (kind === 'list' || kind === 'map') return null;
      if (fromField) this.fail(`wrong type for value; expected ${KIND_TYPE_NAMES[kind]}; got interface {}`, at);
      this.fail(`invalid value; expected ${KIND_TYPE_NAMES[kind]}`, at);
    }
    const ok =
      (kind === 'string' && typeof value === 'string') ||
      (kind === 'int' && typeof value === 'bigint') ||
      (kind === 'float' && typeof value === 'number') ||
      (kind === 'bool' && typeof value === 'boolean') ||
      (kind === 'list' && Array.isArray(value)) ||
      (kind === 'map' && isMap(value));
    if (!ok) this.fail(`wrong type for value; expected ${KIND_TYPE_NAMES[kind]}; got ${goTypeName(value)}`, at);
    return value;
  }
}

function sourceOf(arg: Arg, at: Command | Arg): string {
  return 'source' in at ? at.source : arg.type;
}

function constantText(node: Arg): string {
  switch (node.type) {
    case 'string':
      return JSON.stringify(node.value);
    case 'number':
      return node.text;
    case 'bool':
      return String(node.value);
    default:
      return node.type;
  }
}

function idealConstant(node: Extract<Arg, { type: 'number' }>): unknown {
  if (node.isFloatSyntax || node.int === undefined) return node.float ?? 0;
  return node.int;
}

/** What {{ value }} prints: nil is "<no value>". */
function printable(value: unknown): string {
  if (value === null || value === undefined) return '<no value>';
  return formatValue(value);
}

export interface ExecuteOptions {
  limits?: Partial<Limits>;
}

/** Execute the named template of a set with `data` as dot. Throws ExecError (LimitError for exceeded bounds). */
export function execute(set: TemplateSet, name: string, data: unknown, options: ExecuteOptions = {}): ExecuteResult {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const tree = set.lookup(name);
  if (!tree) throw new ExecError(`template: no template "${name}" associated with template "gotpl"`);
  const budget: SharedBudget = { steps: 0, outputBytes: 0, maxSteps: limits.maxSteps, maxOutputBytes: limits.maxOutputBytes, maxDepth: limits.maxDepth };
  const out = new Output(budget, true);
  const state = new State(set, tree, data, out, budget, 0, undefined);
  state.walkList(data, tree.root);
  return { output: out.toString(), lineMap: out.lineMap };
}
