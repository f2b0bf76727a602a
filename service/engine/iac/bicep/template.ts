// One Bicep file as resources of the 'azure' model, the same shape ARM gives: each `resource`
// (nested child resources with their type and name joined to the parent's; `parent:` likewise;
// `existing` ones only as symbols), params (given values, else defaults), vars, `if` conditions kept
// in meta.condition, `for` loops as one resource with the loop variables unknown, local modules
// expanded with their params (bounded depth), and a 'template' pseudo-resource for params/outputs.
import type { Warn } from '../../types';
import type { IacObject, IacResource, IacValue } from '../types';
import { Unknown, isObject } from '../values';
import { blockEnds } from '../arm/blocks';
import { resolvePath, withoutBom } from '../arm/paths';
import { loadTemplate } from '../arm/template';
import { parseJson } from '../parse/json';
import { TEMPLATE_TYPE, addressOf, azureResource, childName, childType, displayName } from '../arm/resource';
import { evaluate, lineOf, loopLocals, parts, propertyKey, stringValue, type BicepScope, type BicepSymbol, type EvalContext } from './evaluate';
import { syntaxProblems, type SyntaxNode, type SyntaxTree } from './parser';

const MAX_MODULE_DEPTH = 5;
const MAX_RESOURCES = 5_000;

export interface BicepEnv {
  parse(text: string): SyntaxTree;
  has(path: string): boolean;
  text(path: string): string | undefined;
  warn: Warn;
  out: IacResource[];
  /** Files loaded so far (as roots or as modules). */
  loaded: Set<string>;
}

export interface BicepTemplateInput {
  path: string;
  text: string;
  /** Values given for params (a module's `params`, a .bicepparam file). */
  given: ReadonlyMap<string, IacValue>;
  /** `module net`, `module app > module net`: where the template was instantiated. */
  within?: string;
  depth: number;
}

interface ParamDecl {
  node: SyntaxNode;
  type: string;
  secure: boolean;
  defaultNode?: SyntaxNode;
}

interface ResourceDecl {
  symbol: string;
  node: SyntaxNode;
  /** The type as written, without the API version. */
  declaredType: string;
  apiVersion?: string;
  existing: boolean;
  object?: SyntaxNode;
  condition?: SyntaxNode;
  loop?: SyntaxNode;
  /** The resource this one is declared inside of. */
  enclosing?: ResourceDecl;
  /** The `for` loops of enclosing resources (their variables are in scope, unknown). */
  loopNodes: SyntaxNode[];
}

interface ModuleDecl {
  symbol: string;
  node: SyntaxNode;
  source: string;
  object?: SyntaxNode;
  condition?: SyntaxNode;
  loop?: SyntaxNode;
}

interface OutputDecl {
  name: string;
  node: SyntaxNode;
  type: string;
  secure: boolean;
  value?: SyntaxNode;
}

interface Declarations {
  params: Map<string, ParamDecl>;
  vars: Map<string, SyntaxNode>;
  resources: ResourceDecl[];
  modules: ModuleDecl[];
  outputs: OutputDecl[];
}

/** Decorator names without their namespace: `@secure()` and `@sys.secure()` are both 'secure'. */
const decoratorNames = (d: SyntaxNode | undefined): string[] =>
  d ? parts(d).map((x) => (parts(x)[0]?.childForFieldName('function')?.text ?? parts(x)[0]?.text ?? '').replace(/^.*\./, '')) : [];

/** The body of a resource or module: an object, `if (cond) {…}`, or `[for … in …: {…}]`. */
function bodyOf(value: SyntaxNode | undefined): { object?: SyntaxNode; condition?: SyntaxNode; loop?: SyntaxNode } {
  if (!value) return {};
  if (value.type === 'object') return { object: value };
  if (value.type === 'if_statement') {
    const ps = parts(value);
    return { condition: ps.find((c) => c.type === 'parenthesized_expression'), object: ps.find((c) => c.type === 'object') };
  }
  if (value.type === 'for_statement') {
    const body = value.childForFieldName('body');
    return { ...bodyOf(body ?? undefined), loop: value };
  }
  return {};
}

const literal = (n: SyntaxNode | undefined): string | undefined => {
  if (!n || n.type !== 'string') return undefined;
  const v = stringValue(n, { scope: { value: () => undefined, symbol: () => undefined } });
  return typeof v === 'string' ? v : undefined;
};

function declarations(root: SyntaxNode): Declarations {
  const d: Declarations = { params: new Map(), vars: new Map(), resources: [], modules: [], outputs: [] };
  let decorators: SyntaxNode | undefined;
  for (const n of root.namedChildren) {
    if (!n || n.type === 'comment' || n.type === 'diagnostic_comment') continue;
    if (n.type === 'decorators') {
      decorators = n;
      continue;
    }
    const names = decoratorNames(decorators ?? n.namedChildren.find((c) => c?.type === 'decorators') ?? undefined);
    decorators = undefined;
    const ps = parts(n);
    const id = ps.find((c) => c.type === 'identifier')?.text;
    if (!id) continue;
    if (n.type === 'parameter_declaration') {
      const typeNode = ps.find((c) => c.type === 'type');
      const after = typeNode ? ps.slice(ps.indexOf(typeNode) + 1) : [];
      d.params.set(id, { node: n, type: typeNode?.text.toLowerCase() ?? '', secure: names.includes('secure'), defaultNode: after[0] });
    } else if (n.type === 'variable_declaration') {
      if (ps.length >= 2) d.vars.set(id, ps[ps.length - 1]);
    } else if (n.type === 'resource_declaration') collectResource(n, undefined, [], d);
    else if (n.type === 'module_declaration') {
      const source = literal(ps.find((c) => c.type === 'string'));
      if (source !== undefined) d.modules.push({ symbol: id, node: n, source, ...bodyOf(ps[ps.length - 1]) });
    } else if (n.type === 'output_declaration') {
      const typeNode = ps.find((c) => c.type === 'type');
      d.outputs.push({ name: id, node: n, type: typeNode?.text.toLowerCase() ?? '', secure: names.includes('secure'), value: ps[ps.length - 1] });
    }
  }
  return d;
}

function collectResource(n: SyntaxNode, enclosing: ResourceDecl | undefined, loops: SyntaxNode[], d: Declarations): void {
  const ps = parts(n);
  const symbol = ps.find((c) => c.type === 'identifier')?.text;
  const typeString = literal(ps.find((c) => c.type === 'string'));
  if (!symbol || typeString === undefined) return;
  const at = typeString.indexOf('@');
  const body = bodyOf(ps[ps.length - 1]);
  const decl: ResourceDecl = {
    symbol,
    node: n,
    declaredType: at === -1 ? typeString : typeString.slice(0, at),
    apiVersion: at === -1 ? enclosing?.apiVersion : typeString.slice(at + 1),
    existing: n.children.some((c) => c?.type === 'existing'),
    enclosing,
    loopNodes: loops,
    ...body,
  };
  d.resources.push(decl);
  const innerLoops = body.loop ? [...loops, body.loop] : loops;
  for (const prop of body.object ? parts(body.object) : []) {
    if (prop.type !== 'object_property') continue;
    const child = parts(prop).find((c) => c.type === 'resource_declaration');
    if (child) collectResource(child, decl, innerLoops, d);
  }
}

/** The object property `key` of an object node (its value node). */
function propertyNode(object: SyntaxNode | undefined, key: string, ctx: EvalContext): SyntaxNode | undefined {
  for (const prop of object ? parts(object) : []) {
    if (prop.type !== 'object_property') continue;
    const ps = parts(prop);
    if (ps.length >= 2 && propertyKey(ps[0], ctx) === key) return ps[ps.length - 1];
  }
  return undefined;
}

/** Loads one template (and, depth-bounded, its local modules) into env.out. */
export function loadBicepTemplate(input: BicepTemplateInput, env: BicepEnv): void {
  env.loaded.add(input.path);
  let tree: SyntaxTree;
  try {
    tree = env.parse(input.text);
  } catch (err) {
    env.warn({ code: 'parse-error', path: input.path, message: `the Bicep parser failed: ${(err as Error).message}` });
    return;
  }
  try {
    for (const p of syntaxProblems(tree.rootNode, 5)) env.warn({ code: 'parse-error', path: input.path, message: `line ${p.line}: ${p.message}` });
    new TemplateWalk(input, env, declarations(tree.rootNode)).run();
  } finally {
    tree.delete();
  }
}

class TemplateWalk implements BicepScope {
  private readonly paramValues = new Map<string, IacValue>();
  private readonly varValues = new Map<string, IacValue>();
  private readonly busy = new Set<string>();
  private readonly symbols = new Map<string, BicepSymbol & { decl?: ResourceDecl }>();
  private readonly names = new Map<ResourceDecl, IacValue>();
  private readonly fullTypes = new Map<ResourceDecl, string>();

  constructor(
    private readonly input: BicepTemplateInput,
    private readonly env: BicepEnv,
    private readonly d: Declarations,
  ) {
    // A resource's address needs its name, which may need other symbols: computed when first read.
    const addressOfDecl = (r: ResourceDecl) => addressOf(this.typeOf(r), displayName(this.nameOf(r)), this.input.within);
    for (const r of d.resources) {
      this.symbols.set(r.symbol, {
        kind: 'resource',
        decl: r,
        get address() {
          return addressOfDecl(r);
        },
        name: () => this.nameOf(r),
      });
    }
    for (const m of d.modules) this.symbols.set(m.symbol, { kind: 'module', address: this.moduleWithin(m), name: () => m.symbol });
  }

  value(name: string): IacValue | undefined {
    if (this.d.params.has(name)) return this.param(name);
    if (this.d.vars.has(name)) return this.variable(name);
    return undefined;
  }

  symbol(name: string): BicepSymbol | undefined {
    return this.symbols.get(name);
  }

  readFile(relative: string): string | undefined {
    const target = resolvePath(this.input.path, relative);
    return target && this.env.has(target) ? this.env.text(target) : undefined;
  }

  private ctx(extra: Partial<EvalContext> = {}): EvalContext {
    return { scope: this, ...extra };
  }

  private param(name: string): IacValue {
    const cached = this.paramValues.get(name);
    if (cached !== undefined) return cached;
    let v: IacValue;
    const decl = this.d.params.get(name)!;
    if (this.input.given.has(name)) v = this.input.given.get(name)!;
    else if (decl.defaultNode && !this.busy.has(`p ${name}`)) {
      this.busy.add(`p ${name}`);
      v = evaluate(decl.defaultNode, this.ctx());
      this.busy.delete(`p ${name}`);
    } else v = new Unknown(name, [`param ${name}`]);
    this.paramValues.set(name, v);
    return v;
  }

  private variable(name: string): IacValue {
    const cached = this.varValues.get(name);
    if (cached !== undefined) return cached;
    if (this.busy.has(`v ${name}`)) return new Unknown(name, [`var ${name}`]);
    this.busy.add(`v ${name}`);
    const v = evaluate(this.d.vars.get(name)!, this.ctx());
    this.busy.delete(`v ${name}`);
    this.varValues.set(name, v);
    return v;
  }

  private locals(decl: ResourceDecl): Map<string, IacValue> | undefined {
    const loops = decl.loop ? [...decl.loopNodes, decl.loop] : decl.loopNodes;
    let locals: Map<string, IacValue> | undefined;
    for (const l of loops) locals = loopLocals(l, this.ctx({ locals }));
    return locals;
  }

  private parentOf(decl: ResourceDecl): ResourceDecl | undefined {
    if (decl.enclosing) return decl.enclosing;
    const p = propertyNode(decl.object, 'parent', this.ctx());
    if (p?.type === 'identifier') return this.symbols.get(p.text)?.decl;
    return undefined;
  }

  typeOf(decl: ResourceDecl): string {
    let t = this.fullTypes.get(decl);
    if (t !== undefined) return t;
    this.fullTypes.set(decl, decl.declaredType);
    t = decl.enclosing ? childType(this.typeOf(decl.enclosing), decl.declaredType) : decl.declaredType;
    this.fullTypes.set(decl, t);
    return t;
  }

  nameOf(decl: ResourceDecl): IacValue {
    if (this.names.has(decl)) return this.names.get(decl)!;
    this.names.set(decl, new Unknown(decl.symbol, [decl.symbol]));
    const node = propertyNode(decl.object, 'name', this.ctx());
    const own = node ? evaluate(node, this.ctx({ locals: this.locals(decl) })) : '';
    const parent = this.parentOf(decl);
    const name = parent ? childName(this.nameOf(parent), own, this.typeOf(decl)) : own;
    this.names.set(decl, name);
    return name;
  }

  private moduleWithin(m: ModuleDecl): string {
    return this.input.within ? `${this.input.within} > module ${m.symbol}` : `module ${m.symbol}`;
  }

  run(): void {
    this.env.out.push(this.templateResource());
    for (const r of this.d.resources) {
      if (this.env.out.length >= MAX_RESOURCES) return;
      if (!r.existing && r.object) this.env.out.push(this.resource(r));
    }
    for (const m of this.d.modules) this.module(m);
  }

  private resource(decl: ResourceDecl): IacResource {
    const lines = new Map<string, number>();
    const locals = this.locals(decl);
    const value = evaluate(decl.object!, this.ctx({ locals, lines }));
    const attributes: IacObject = isObject(value) ? value : {};
    delete attributes.parent;
    const type = this.typeOf(decl);
    const name = this.nameOf(decl);
    const ordered: IacObject = { type, ...(decl.apiVersion ? { apiVersion: decl.apiVersion } : {}), ...attributes, name };
    const meta: Record<string, unknown> = { symbol: decl.symbol };
    if (decl.condition) {
      const c = parts(decl.condition)[0];
      meta.condition = c ? evaluate(c, this.ctx({ locals })) : true;
    }
    if (decl.loop) meta.loop = true;
    if (this.input.within) meta.module = this.input.within;
    return azureResource({
      platform: 'bicep',
      type,
      name,
      path: this.input.path,
      line: lineOf(decl.node),
      endLine: decl.node.endPosition.row + 1,
      attributes: ordered,
      lineOf: (p) => {
        const line = lines.get(p);
        return line === undefined ? undefined : { line };
      },
      within: this.input.within,
      meta,
    });
  }

  private module(m: ModuleDecl): void {
    const path = this.input.path;
    const env = this.env;
    const line = lineOf(m.node);
    if (/^(?:br|ts)[:/]/i.test(m.source)) {
      env.warn({ code: 'unsupported', path, message: `line ${line}: module ${m.symbol} comes from a registry (${m.source}); registry modules are not fetched, so its resources are not scanned` });
      return;
    }
    const target = resolvePath(path, m.source);
    if (!target || !env.has(target)) {
      env.warn({ code: 'not-found', path, message: `line ${line}: module ${m.symbol}: ${m.source} is not in the repository` });
      return;
    }
    const isJson = /\.json$/i.test(target);
    if (!isJson && !/\.bicep$/i.test(target)) {
      env.warn({ code: 'unsupported', path, message: `line ${line}: module ${m.symbol}: only .bicep and ARM .json modules are read (${m.source})` });
      return;
    }
    if (this.input.depth >= MAX_MODULE_DEPTH) {
      env.warn({ code: 'unsupported', path, message: `line ${line}: module ${m.symbol}: modules nested deeper than ${MAX_MODULE_DEPTH} are not read` });
      return;
    }
    const text = env.text(target);
    if (text === undefined) return;
    let locals: Map<string, IacValue> | undefined;
    if (m.loop) locals = loopLocals(m.loop, this.ctx());
    const given = new Map<string, IacValue>();
    const params = propertyNode(m.object, 'params', this.ctx());
    if (params) {
      const v = evaluate(params, this.ctx({ locals }));
      if (isObject(v)) for (const [k, x] of Object.entries(v)) given.set(k, x);
      else {
        // A params object that is not known as a whole (a var or param object): every param unknown.
        env.warn({ code: 'unsupported', path, message: `line ${line}: module ${m.symbol}: its params are not known` });
      }
    }
    if (isJson) loadArmModule(target, text, given, this.moduleWithin(m), env);
    else loadBicepTemplate({ path: target, text, given, within: this.moduleWithin(m), depth: this.input.depth + 1 }, env);
  }

  private templateResource(): IacResource {
    const lines = new Map<string, number>();
    const parameters: IacObject = {};
    for (const [name, p] of this.d.params) {
      lines.set(`parameters.${name}`, lineOf(p.node));
      const entry: IacObject = { type: p.secure ? `secure${p.type}` : p.type, secure: p.secure };
      if (p.defaultNode) {
        lines.set(`parameters.${name}.defaultValue`, lineOf(p.defaultNode));
        entry.defaultValue = evaluate(p.defaultNode, this.ctx());
      }
      parameters[name] = entry;
    }
    const outputs: IacObject = {};
    for (const o of this.d.outputs) {
      lines.set(`outputs.${o.name}`, lineOf(o.node));
      const value = o.value ? evaluate(o.value, this.ctx()) : null;
      outputs[o.name] = { type: o.type, secure: o.secure, exposes: o.value ? this.secretsIn(o.value) : [], value };
    }
    const file = this.input.path.slice(this.input.path.lastIndexOf('/') + 1);
    return azureResource({
      platform: 'bicep',
      type: TEMPLATE_TYPE,
      name: file,
      path: this.input.path,
      line: 1,
      endLine: this.input.text.split('\n').length,
      attributes: { parameters, outputs },
      lineOf: (p) => {
        const line = lines.get(p);
        return line === undefined ? undefined : { line };
      },
      within: this.input.within,
      meta: this.input.within ? { module: this.input.within } : {},
    });
  }

  /** What in an output expression is secret: list*() calls and @secure() params. */
  private secretsIn(n: SyntaxNode): string[] {
    const found = new Set<string>();
    const stack = [n];
    let seen = 0;
    while (stack.length && seen++ < 10_000) {
      const x = stack.pop()!;
      if (x.type === 'call_expression') {
        const fn = x.childForFieldName('function');
        const name = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : fn?.text;
        if (name && /^list/i.test(name)) found.add(`${name}()`);
      } else if (x.type === 'identifier' && this.d.params.get(x.text)?.secure) found.add(`param ${x.text}`);
      for (const c of x.namedChildren) if (c) stack.push(c);
    }
    return [...found];
  }
}

/** A module that is an ARM template (.json): loaded by the ARM reader with the params passed. */
function loadArmModule(path: string, text: string, given: ReadonlyMap<string, IacValue>, within: string, env: BicepEnv): void {
  env.loaded.add(path);
  const parsed = parseJson(withoutBom(text));
  for (const p of parsed.problems) env.warn({ code: 'parse-error', path, message: `line ${p.line}: ${p.message}` });
  if (!isObject(parsed.value)) return;
  const resources = loadTemplate(
    { template: parsed.value, prefix: '', parameterValues: given, depth: 1, within },
    { path, lines: parsed.lines, endLineOf: blockEnds(parsed.lines, text.split('\n').length) },
    (message, line) => env.warn({ code: 'parse-error', path, message: line ? `line ${line}: ${message}` : message }),
  );
  env.out.push(...resources);
}

export { resolvePath } from '../arm/paths';
