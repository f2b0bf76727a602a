// The taint engine: walks one unit (function or top level) at a time in source order, tracking which
// variables hold untrusted data, and reports the sinks it reaches. See ./types for the API.
import type { FlowStep } from '../types';
import { compileNames, type NameSet } from './names';
import type {
  CallShape,
  ExpressionShape,
  SinkSpec,
  SyntaxNode,
  TaintAdapter,
  TaintHit,
  TaintLimits,
  TaintResult,
  TaintSpec,
  TaintUnit,
} from './types';

interface Taint {
  source: FlowStep;
  steps: readonly FlowStep[];
  /** Sink kinds a sanitiser made this safe for. */
  cleared: readonly string[];
  /** Literal text before the tainted data in the value ('\u0000' for unknown clean parts). */
  prefix: string;
  /** No step since the source: an enclosing access or call names it better (`request.args` -> `request.args['q']`). */
  fresh: boolean;
  /** Summaries: the parameter this stands for. */
  param?: number;
}

type Value = readonly Taint[];
const CLEAN: Value = [];
const MAX_ORIGINS = 4;
const SELF_NAMES = new Set(['self', 'this', 'cls']);
const MAX_SUMMARY_NESTING = 6;

interface SummarySink {
  param: number;
  kind: string;
  node: SyntaxNode;
  label: string;
  spec: SinkSpec;
  cleared: readonly string[];
  prefix: string;
  steps: readonly FlowStep[];
}

interface Summary {
  /** Parameter index -> how it reaches the return value (cleared kinds and prefix each time). */
  returns: Map<number, Taint[]>;
  /** Real sources returned. */
  sources: Taint[];
  sinks: SummarySink[];
}

interface CompiledSpec {
  spec: TaintSpec;
  sources: NameSet;
  sinks: { spec: SinkSpec; names: NameSet }[];
  sanitizers: { kinds: readonly string[] | 'all'; names: NameSet; when?: (c: CallShape) => boolean }[];
  validators: { kinds: readonly string[] | 'all'; names: NameSet; arg: number | 'receiver'; kwarg?: string; when?: (c: CallShape) => boolean }[];
  clean: NameSet;
  lookups: NameSet;
  mutators: ReadonlySet<string>;
}

const compiledSpecs = new WeakMap<TaintSpec, CompiledSpec>();

function compile(spec: TaintSpec): CompiledSpec {
  let c = compiledSpecs.get(spec);
  if (c) return c;
  c = {
    spec,
    sources: compileNames(spec.sources),
    sinks: spec.sinks.map((s) => ({ spec: s, names: compileNames(s.calls) })),
    sanitizers: (spec.sanitizers ?? []).map((s) => ({ kinds: s.kinds, names: compileNames(s.calls), when: s.when })),
    validators: (spec.validators ?? []).map((v) => ({ kinds: v.kinds, names: compileNames(v.calls), arg: v.arg ?? 0, kwarg: v.kwarg, when: v.when })),
    clean: compileNames(spec.cleanCalls ?? []),
    lookups: compileNames(spec.lookups ?? []),
    mutators: new Set(spec.mutators ?? []),
  };
  compiledSpecs.set(spec, c);
  return c;
}

const DEFAULTS: Required<TaintLimits> = { maxNodesPerUnit: 100_000, maxNodesPerFile: 1_000_000, maxDepth: 120, maxSteps: 12, maxUnits: 5_000 };

/** One line, whitespace collapsed, cut to `max` characters. */
export function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function firstLine(text: string, max = 120): string {
  const nl = text.indexOf('\n');
  return oneLine(nl < 0 ? text : text.slice(0, nl), max);
}

const stepAt = (node: SyntaxNode, label: string): FlowStep => ({ line: node.startPosition.row + 1, column: node.startPosition.column + 1, label });

function union(a: readonly string[], b: readonly string[]): readonly string[] {
  if (!b.length) return a;
  if (!a.length) return b;
  return [...new Set([...a, ...b])];
}

function clearedFor(t: Taint, kind: string): boolean {
  return t.cleared.includes(kind);
}

/** Up to MAX_ORIGINS taints with distinct sources. */
function merge(...values: Value[]): Value {
  let out: Taint[] | undefined;
  for (const v of values) {
    if (!v.length) continue;
    if (!out) {
      out = v.slice(0, MAX_ORIGINS);
      continue;
    }
    for (const t of v) {
      if (out.length >= MAX_ORIGINS) return out;
      if (!out.some((o) => o.source === t.source && o.param === t.param && o.cleared.length === t.cleared.length)) out.push(t);
    }
  }
  return out ?? CLEAN;
}

/**
 * Analyses a file: every unit the adapter finds, with the spec's sources, sinks and sanitisers.
 * Bounded by `limits` (see TaintLimits); never recursive over the depth of the input beyond maxDepth.
 */
export function analyzeTaint(root: SyntaxNode, adapter: TaintAdapter, spec: TaintSpec, limits: TaintLimits = {}): TaintResult {
  const file = new FileAnalysis(root, adapter, compile(spec), { ...DEFAULTS, ...limits });
  return file.run();
}

class FileAnalysis {
  readonly hits = new Map<string, TaintHit>();
  truncated = false;
  nodesLeft: number;
  units: TaintUnit[] = [];
  readonly byName = new Map<string, TaintUnit[]>();
  /** Full summaries (parameters followed), and source-only ones for calls with clean arguments. */
  readonly summaries = new Map<TaintUnit, Summary | null>();
  readonly sourceSummaries = new Map<TaintUnit, Summary | null>();
  summaryNesting = 0;
  /** Text that can bring untrusted data into a statement: the keywords, calls to units that can. Undefined: anything can. */
  triggers: readonly string[] | undefined;
  /** Units that can see untrusted data on their own (all when the spec has no keywords). */
  hot: ReadonlySet<TaintUnit> = new Set();

  constructor(
    readonly root: SyntaxNode,
    readonly adapter: TaintAdapter,
    readonly spec: CompiledSpec,
    readonly limits: Required<TaintLimits>,
  ) {
    this.nodesLeft = limits.maxNodesPerFile;
  }

  run(): TaintResult {
    const keywords = this.spec.spec.keywords;
    if (keywords?.length && !this.spec.spec.parameters) {
      const text = this.root.text;
      if (!keywords.some((k) => text.includes(k))) return { hits: [], truncated: false };
    }
    this.units = this.adapter.units(this.root);
    if (this.units.length > this.limits.maxUnits) {
      this.units = this.units.slice(0, this.limits.maxUnits);
      this.truncated = true;
    }
    for (const u of this.units) {
      if (!u.name) continue;
      const list = this.byName.get(u.name) ?? [];
      list.push(u);
      this.byName.set(u.name, list);
    }
    for (const unit of this.interestingUnits()) {
      if (this.nodesLeft <= 0) break;
      new UnitRun(this, unit, 'report').run();
    }
    const hits = [...this.hits.values()].sort((a, b) => a.node.startIndex - b.node.startIndex || a.kind.localeCompare(b.kind));
    return { hits, truncated: this.truncated };
  }

  /**
   * Units that can see untrusted data: untrusted parameters, a keyword of the spec in their text, or a
   * call to a function of the file that can (twice over, for helpers of helpers).
   */
  private interestingUnits(): TaintUnit[] {
    const keywords = this.spec.spec.keywords;
    if (!keywords?.length) {
      this.hot = new Set(this.units);
      return this.units;
    }
    const texts = this.units.map((u) => u.node.text);
    const hot = this.units.map((u, i) => keywords.some((k) => texts[i].includes(k)) || (this.spec.spec.parameters?.(u).length ?? 0) > 0);
    let names: string[] = [];
    for (let round = 0; round < 2; round++) {
      names = this.units.filter((u, i) => hot[i] && u.name).map((u) => `${u.name}(`);
      if (!names.length) break;
      this.units.forEach((_u, i) => {
        if (!hot[i] && names.some((n) => texts[i].includes(n))) hot[i] = true;
      });
    }
    this.triggers = [...keywords, ...new Set(this.units.filter((u, i) => hot[i] && u.name).map((u) => `${u.name}(`))];
    const out = this.units.filter((_u, i) => hot[i]);
    this.hot = new Set(out);
    return out;
  }

  summaryOf(unit: TaintUnit, params: boolean): Summary | null {
    if (!params && this.summaries.has(unit)) return this.summaries.get(unit) ?? null;
    const cache = params ? this.summaries : this.sourceSummaries;
    if (cache.has(unit)) return cache.get(unit) ?? null;
    if (this.summaryNesting >= MAX_SUMMARY_NESTING) {
      this.truncated = true;
      return null;
    }
    cache.set(unit, null); // recursion: unknown
    this.summaryNesting++;
    try {
      const run = new UnitRun(this, unit, params ? 'summary' : 'sources');
      run.run();
      const summary = run.summary();
      cache.set(unit, summary);
      return summary;
    } finally {
      this.summaryNesting--;
    }
  }

  label(node: SyntaxNode, max = 120): string {
    return this.adapter.label ? this.adapter.label(node).slice(0, max) : oneLine(node.text, max);
  }

  report(kind: string, sink: SyntaxNode, sinkLabel: string, taint: Taint, extra: readonly FlowStep[]): void {
    const key = `${sink.id}:${kind}`;
    if (this.hits.has(key)) return;
    const sinkStep = stepAt(sink, this.label(sink));
    const flow = this.boundSteps([taint.source, ...taint.steps, ...extra, sinkStep]);
    const message = `${oneLine(taint.source.label, 80)} (line ${taint.source.line}) reaches ${sinkLabel} (line ${sinkStep.line})`;
    this.hits.set(key, { kind, node: sink, message, flow });
  }

  /** The first two and the last steps when there are too many. */
  boundSteps<T>(steps: T[]): T[] {
    const max = this.limits.maxSteps + 2;
    if (steps.length <= max) return steps;
    return [...steps.slice(0, 2), ...steps.slice(steps.length - (max - 2))];
  }
}

/** report: findings; summary: parameters as markers, what reaches the return and sinks; sources: only the sources returned. */
type Mode = 'report' | 'summary' | 'sources';

interface WorkItem {
  node: SyntaxNode;
  /** Inside a branch or loop: assignments add taint, never remove it. */
  maybe: boolean;
  /** Loops around it walked twice so far (a value assigned late in a loop reaches uses early in it). */
  loops: number;
}

/** Loops nested deeper than this are walked once (each level doubles the work). */
const MAX_LOOP_REWALK = 2;

class UnitRun {
  private readonly vars = new Map<string, Value>();
  private readonly aliases = new Map<string, string>();
  private readonly cache = new Map<number, Value>();
  private readonly returned: Taint[] = [];
  private readonly sinks: SummarySink[] = [];
  private nodesLeft: number;
  /** Some variable holds untrusted data (or a parameter alias exists): every statement matters from here on. */
  private tainted = false;
  private readonly adapter: TaintAdapter;
  private readonly spec: CompiledSpec;

  constructor(
    private readonly file: FileAnalysis,
    private readonly unit: TaintUnit,
    private readonly mode: Mode,
  ) {
    this.nodesLeft = file.limits.maxNodesPerUnit;
    this.adapter = file.adapter;
    this.spec = file.spec;
  }

  run(): void {
    if (this.mode === 'summary') {
      this.unit.params.forEach((p, i) => {
        this.vars.set(p.name, [{ source: stepAt(p.node, p.name), steps: [], cleared: [], prefix: '', fresh: false, param: i }]);
      });
      this.tainted = this.unit.params.length > 0;
    } else if (this.mode === 'report') {
      for (const p of this.spec.spec.parameters?.(this.unit) ?? []) {
        if (p.alias) this.aliases.set(p.name, p.alias);
        else this.vars.set(p.name, [{ source: stepAt(p.node, p.label ?? p.name), steps: [], cleared: [], prefix: '', fresh: !!p.refine }]);
        this.tainted = true;
      }
    }
    this.walk(this.unit.body);
  }

  summary(): Summary {
    const returns = new Map<number, Taint[]>();
    const sources: Taint[] = [];
    for (const t of this.returned) {
      if (t.param === undefined) {
        if (sources.length < MAX_ORIGINS) sources.push(t);
      } else {
        const list = returns.get(t.param) ?? [];
        if (list.length < MAX_ORIGINS) list.push(t);
        returns.set(t.param, list);
      }
    }
    return { returns, sources, sinks: this.sinks };
  }

  private spend(): boolean {
    if (this.nodesLeft <= 0 || this.file.nodesLeft <= 0) {
      this.file.truncated = true;
      return false;
    }
    this.nodesLeft--;
    this.file.nodesLeft--;
    return true;
  }

  // ------------------------------------------------------------ statements

  private walk(body: readonly SyntaxNode[]): void {
    const stack: WorkItem[] = [];
    for (let i = body.length - 1; i >= 0; i--) stack.push({ node: body[i], maybe: false, loops: 0 });
    while (stack.length) {
      const { node, maybe, loops } = stack.pop()!;
      if (!this.spend()) return;
      if (!this.tainted && !this.mayBringTaint(node)) continue;
      // Values are cached within a statement only: a loop's second walk sees what its first assigned.
      this.cache.clear();
      const s = this.adapter.statement(node);
      if (!s) {
        const children = node.namedChildren;
        for (let i = children.length - 1; i >= 0; i--) {
          const c = children[i];
          if (c) stack.push({ node: c, maybe, loops });
        }
        continue;
      }
      switch (s.kind) {
        case 'assign': {
          const value = this.evaluate(s.value, 0);
          for (const t of s.targets) this.bind(t, value, node, maybe || !!s.augmented, s.value);
          break;
        }
        case 'return':
          if (s.value) {
            const value = this.evaluate(s.value, 0);
            this.returned.push(...value);
            if (value.length && this.mode === 'report') this.returnSinks(node, s.value, value);
          }
          break;
        case 'eval':
          for (const e of s.expressions) this.evaluate(e, 0);
          break;
        case 'branch':
        case 'block': {
          const inner = maybe || s.kind === 'branch';
          if (s.kind === 'branch' && s.condition) {
            this.evaluate(s.condition, 0);
            this.applyGuards(s.condition);
          }
          for (const b of s.bindings ?? []) {
            const value = b.value ? this.evaluate(b.value, 0) : CLEAN;
            this.bind(b.target, value, node, inner, b.value, value.length ? firstLine(node.text) : undefined);
          }
          const again = s.kind === 'branch' && s.loop && loops < MAX_LOOP_REWALK;
          const depth = again ? loops + 1 : loops;
          if (again) for (let i = s.body.length - 1; i >= 0; i--) stack.push({ node: s.body[i], maybe: true, loops: depth });
          for (let i = s.body.length - 1; i >= 0; i--) stack.push({ node: s.body[i], maybe: inner, loops: depth });
          break;
        }
        case 'skip':
          break;
      }
    }
  }

  /** While nothing is tainted, a statement without a trigger in its text cannot change that or reach a sink. */
  private mayBringTaint(node: SyntaxNode): boolean {
    const triggers = this.file.triggers;
    if (!triggers) return true;
    const text = node.text;
    return triggers.some((t) => text.includes(t));
  }

  private returnSinks(statement: SyntaxNode, valueNode: SyntaxNode, value: Value): void {
    for (const r of this.spec.spec.returnSinks ?? []) {
      if (!r.units(this.unit) || (r.select && !r.select(valueNode))) continue;
      const label = r.label?.(this.unit) ?? 'return';
      for (const t of value) this.reach({ kind: r.kind, calls: [] }, r.kind, statement, label, t, []);
    }
  }

  /** Binds a target to a value; `maybe`: add to what it held. */
  private bind(target: SyntaxNode, value: Value, statement: SyntaxNode, maybe: boolean, valueNode?: SyntaxNode, label?: string): void {
    const shape = this.adapter.target(target);
    switch (shape.kind) {
      case 'variable': {
        let stepped: Value = CLEAN;
        if (value.length) {
          const step = stepAt(statement, label ?? this.file.label(statement));
          stepped = value.map((t) => ({ ...t, fresh: false, steps: this.file.boundSteps([...t.steps, step]) }));
          this.tainted = true;
        }
        this.aliases.delete(shape.key);
        this.vars.set(shape.key, maybe ? merge(this.vars.get(shape.key) ?? CLEAN, stepped) : stepped);
        break;
      }
      case 'element': {
        const key = this.keyOf(shape.object);
        if (key && value.length) this.bind(shape.object, merge(this.valueOfKey(key), value), statement, true, undefined, label);
        break;
      }
      case 'pattern': {
        const parts = valueNode ? this.adapter.expression(valueNode) : undefined;
        const elementWise = parts?.kind === 'compose' && parts.sequence && parts.parts.length === shape.elements.length;
        shape.elements.forEach((el, i) => {
          const p = elementWise ? parts.parts[i] : undefined;
          const v = !elementWise ? value : typeof p === 'string' ? CLEAN : this.evaluate(p!, 0);
          this.bind(el, v, statement, maybe, undefined, label);
        });
        break;
      }
      case 'ignore':
        break;
    }
  }

  private keyOf(node: SyntaxNode): string | undefined {
    const e = this.adapter.expression(node);
    if (e.kind === 'name') return e.name;
    if (e.kind === 'access') return e.key;
    return undefined;
  }

  private valueOfKey(key: string): Value {
    return this.vars.get(key) ?? CLEAN;
  }

  /** Validators and membership tests in a condition make their variable safe from here on. */
  private applyGuards(condition: SyntaxNode): void {
    const stack = [condition];
    let budget = 200;
    while (stack.length && budget-- > 0) {
      const node = stack.pop()!;
      const e = this.adapter.expression(node);
      if (e.kind === 'compose') {
        for (const p of e.parts) if (typeof p !== 'string') stack.push(p);
      } else if (e.kind === 'clean') {
        stack.push(...(e.visit ?? []));
      } else if (e.kind === 'membership') {
        this.validate(e.element, this.spec.spec.membershipKinds ?? 'all');
      } else if (e.kind === 'call') {
        const call = e.call;
        const name = this.qualified(call.qualifiedName);
        for (const v of this.spec.validators) {
          if (!v.names.matches(name, call.method) || (v.when && !v.when(call))) continue;
          const target = v.arg === 'receiver' ? call.receiver : (call.args[v.arg] ?? (v.kwarg ? call.kwargs.get(v.kwarg) : undefined));
          if (target) this.validate(target, v.kinds);
        }
      }
    }
  }

  private validate(node: SyntaxNode, kinds: readonly string[] | 'all'): void {
    const key = this.keyOf(node);
    if (!key) return;
    const v = this.vars.get(key);
    if (!v?.length) return;
    this.vars.set(key, kinds === 'all' ? CLEAN : v.map((t) => ({ ...t, cleared: union(t.cleared, kinds) })));
  }

  // ------------------------------------------------------------ expressions

  private qualified(name: string | undefined): string | undefined {
    if (!name || !this.aliases.size) return name;
    const dot = name.indexOf('.');
    const head = dot < 0 ? name : name.slice(0, dot);
    const alias = this.aliases.get(head);
    return alias === undefined ? name : alias + (dot < 0 ? '' : name.slice(dot));
  }

  private sourceTaint(node: SyntaxNode): Value {
    return [{ source: stepAt(node, this.file.label(node, 80)), steps: [], cleared: [], prefix: '', fresh: true }];
  }

  /** The enclosing access or call names a fresh source better. */
  private refine(value: Value, node: SyntaxNode): Value {
    if (!value.some((t) => t.fresh)) return value;
    const source = stepAt(node, this.file.label(node, 80));
    return value.map((t) => (t.fresh ? { ...t, source } : t));
  }

  private evaluate(node: SyntaxNode, depth: number): Value {
    const cached = this.cache.get(node.id);
    if (cached) return cached;
    if (!this.spend()) return CLEAN;
    if (depth > this.file.limits.maxDepth) {
      this.file.truncated = true;
      return CLEAN;
    }
    const shape = this.adapter.expression(node);
    const value = this.evaluateShape(node, shape, depth);
    this.cache.set(node.id, value);
    return value;
  }

  private evaluateShape(node: SyntaxNode, shape: ExpressionShape, depth: number): Value {
    switch (shape.kind) {
      case 'name': {
        const v = this.vars.get(shape.name);
        if (v) return v;
        return this.spec.sources.matches(this.qualified(shape.qualifiedName ?? shape.name)) ? this.sourceTaint(node) : CLEAN;
      }
      case 'access': {
        if (shape.key !== undefined) {
          const v = this.vars.get(shape.key);
          if (v) {
            if (shape.index) this.evaluate(shape.index, depth + 1);
            return v;
          }
        }
        if (this.spec.sources.matches(this.qualified(shape.qualifiedName))) return this.sourceTaint(node);
        const object = this.evaluate(shape.object, depth + 1);
        if (shape.index) this.evaluate(shape.index, depth + 1);
        return this.refine(object, node);
      }
      case 'call':
        return this.evaluateCall(shape.call, depth);
      case 'compose':
        return this.evaluateCompose(shape.parts, depth);
      case 'membership':
        this.evaluate(shape.element, depth + 1);
        this.evaluate(shape.container, depth + 1);
        return CLEAN;
      case 'assign': {
        const v = this.evaluate(shape.value, depth + 1);
        this.bind(shape.target, v, node, true, shape.value);
        return v;
      }
      case 'clean':
        for (const n of shape.visit ?? []) this.evaluate(n, depth + 1);
        return CLEAN;
    }
  }

  /** Parts in order, nested compositions flattened without recursion (long concatenation chains). */
  private evaluateCompose(parts: ReadonlyArray<SyntaxNode | string>, depth: number): Value {
    const stack: Array<SyntaxNode | string> = [];
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
    let text = '';
    let out: Taint[] | undefined;
    while (stack.length) {
      const p = stack.pop()!;
      if (typeof p === 'string') {
        text += p;
        continue;
      }
      let v = this.cache.get(p.id);
      if (!v) {
        if (!this.spend()) break;
        const shape = this.adapter.expression(p);
        if (shape.kind === 'compose') {
          for (let i = shape.parts.length - 1; i >= 0; i--) stack.push(shape.parts[i]);
          continue;
        }
        v = this.evaluateShape(p, shape, depth + 1);
        this.cache.set(p.id, v);
      }
      if (v.length) {
        out ??= [];
        for (const t of v) if (out.length < MAX_ORIGINS) out.push({ ...t, fresh: false, prefix: text + t.prefix });
      }
      text += '\u0000';
    }
    return out ?? CLEAN;
  }

  private evaluateCall(call: CallShape, depth: number): Value {
    const callee = this.evaluate(call.callee, depth + 1);
    const args = call.args.map((a) => this.evaluate(a, depth + 1));
    const kwargs = new Map<string, Value>();
    for (const [k, n] of call.kwargs) kwargs.set(k, this.evaluate(n, depth + 1));
    const name = this.qualified(call.qualifiedName);

    for (const sink of this.spec.sinks) {
      if (sink.names.matches(name, call.method)) this.checkSink(sink.spec, call, args, kwargs, depth);
    }

    for (const v of this.spec.validators) {
      if (!v.names.matches(name, call.method) || (v.when && !v.when(call))) continue;
      const target = v.arg === 'receiver' ? call.receiver : (call.args[v.arg] ?? (v.kwarg ? call.kwargs.get(v.kwarg) : undefined));
      if (target) this.validate(target, v.kinds);
    }
    const all = (): Value => merge(callee, ...args, ...kwargs.values());
    if (call.method && this.spec.mutators.has(call.method) && call.receiver) {
      const key = this.keyOf(call.receiver);
      const added = merge(...args, ...kwargs.values());
      if (key && added.length) {
        const step = stepAt(call.node, this.file.label(call.node));
        const stepped = added.map((t) => ({ ...t, fresh: false, steps: this.file.boundSteps([...t.steps, step]) }));
        this.vars.set(key, merge(this.valueOfKey(key), stepped));
        this.tainted = true;
      }
    }
    if (this.spec.clean.matches(name, call.method)) return CLEAN;
    for (const s of this.spec.sanitizers) {
      if (!s.names.matches(name, call.method) || (s.when && !s.when(call))) continue;
      if (s.kinds === 'all') return CLEAN;
      const kinds = s.kinds;
      return all().map((t) => ({ ...t, fresh: false, cleared: union(t.cleared, kinds) }));
    }
    const helpers = this.helpersFor(call, name);
    if (helpers) return this.applySummaries(helpers, call, args, kwargs);
    // Unknown calls: the receiver's and the positional arguments' taint flows on (os.path.join(base, name),
    // q.strip()); keyword arguments are options or lookups (Model.objects.get(pk=pk)) and do not.
    if (this.spec.lookups.matches(name, call.method)) return merge(this.refine(callee, call.node), ...args.slice(1));
    if (callee.length) return merge(this.refine(callee, call.node), ...args);
    return merge(...args).map((t) => (t.fresh ? { ...t, fresh: false } : t));
  }

  /**
   * The units of the file a call can mean: `f(x)` a free function, else a method of the caller's
   * type (C#); `self.f(x)` / `this.f(x)` a method of the caller's type, else any of that name.
   */
  private helpersFor(call: CallShape, name: string | undefined): TaintUnit[] | undefined {
    if (!this.file.byName.size) return undefined;
    const plain = !!name && !name.includes('.');
    const local = plain ? name : call.method && call.receiver && SELF_NAMES.has(call.receiver.text) ? call.method : undefined;
    const candidates = local === undefined ? undefined : this.file.byName.get(local);
    if (!candidates) return undefined;
    const owner = this.unit.owner?.id;
    const same = owner === undefined ? [] : candidates.filter((u) => u.owner?.id === owner);
    if (plain) {
      const free = candidates.filter((u) => !u.owner);
      return free.length ? free : same.length ? same : undefined;
    }
    return same.length ? same : candidates;
  }

  private applySummaries(units: TaintUnit[], call: CallShape, args: Value[], kwargs: ReadonlyMap<string, Value>): Value {
    const step = stepAt(call.node, this.file.label(call.node));
    let out: Value = CLEAN;
    const anyTainted = args.some((a) => a.length) || [...kwargs.values()].some((v) => v.length);
    for (const unit of units) {
      // Clean arguments: only a function that reads request data itself can return any.
      if (!anyTainted && !this.file.hot.has(unit)) continue;
      const summary = this.file.summaryOf(unit, anyTainted);
      if (!summary) {
        out = merge(out, ...args, ...kwargs.values());
        continue;
      }
      const argOf = (i: number): Value => {
        const byName = kwargs.get(unit.params[i]?.name ?? '');
        return merge(args[i] ?? CLEAN, byName ?? CLEAN);
      };
      out = merge(out, summary.sources.map((t) => ({ ...t, fresh: false, steps: this.file.boundSteps([...t.steps, step]) })));
      for (const [i, ways] of summary.returns) {
        const arg = argOf(i);
        if (!arg.length) continue;
        const through: Taint[] = [];
        for (const way of ways) {
          for (const t of arg) through.push({ ...t, fresh: false, cleared: union(t.cleared, way.cleared), prefix: way.prefix + t.prefix, steps: this.file.boundSteps([...t.steps, step]) });
        }
        out = merge(out, through);
      }
      for (const sink of summary.sinks) {
        const arg = argOf(sink.param);
        for (const t of arg) {
          const cleared = union(t.cleared, sink.cleared);
          this.reach(sink.spec, sink.kind, sink.node, sink.label, { ...t, cleared, prefix: sink.prefix + t.prefix }, [step, ...sink.steps]);
        }
      }
    }
    return out;
  }

  private checkSink(sink: SinkSpec, call: CallShape, args: Value[], kwargs: ReadonlyMap<string, Value>, depth: number): void {
    if (sink.when && !sink.when(call)) return;
    let values: Value[];
    if (sink.select) {
      values = sink.select(call).map((n) => this.evaluate(n, depth + 1));
    } else {
      values = [];
      if (sink.args === 'all') values.push(...args);
      else for (const i of sink.args ?? [0]) if (args[i]) values.push(args[i]);
      for (const k of sink.kwargs ?? []) {
        const v = kwargs.get(k);
        if (v) values.push(v);
      }
      if (sink.receiver && call.receiver) values.push(this.evaluate(call.receiver, depth + 1));
    }
    const label = sink.label ?? oneLine(call.callee.text, 60);
    for (const v of values) for (const t of v) this.reach(sink, sink.kind, call.node, label, t, []);
  }

  /** Untrusted data at a sink: a finding, or (for a parameter, in a summary) a sink the parameter reaches. */
  private reach(sink: SinkSpec, kind: string, node: SyntaxNode, label: string, t: Taint, extra: readonly FlowStep[]): void {
    if (clearedFor(t, kind)) return;
    if (t.param !== undefined) {
      if (this.mode === 'summary' && !this.sinks.some((s) => s.node.id === node.id && s.kind === kind && s.param === t.param)) {
        this.sinks.push({ param: t.param, kind, node, label, spec: sink, cleared: t.cleared, prefix: t.prefix, steps: [...t.steps, ...extra] });
      }
      return;
    }
    if (this.mode !== 'report') return;
    if (sink.safePrefix?.(t.prefix)) return;
    this.file.report(kind, node, label, t, extra);
  }
}
