// One root module evaluated as Terraform would plan it, statically: variables (tfvars, defaults, module
// inputs), locals (lazily, so in dependency order; a cycle gives Unknown), resources with count/for_each,
// and local module calls expanded with their inputs (address prefix `module.<name>.`), to a depth bound
// and never around a cycle. Other resources' attributes, data sources and remote modules are Unknown,
// with refs naming them from the root (`module.net.google_compute_network.vpc`).
import type { Warn } from '../../types';
import type { IacObject, IacResource } from '../types';
import { evaluateResourceBody, entriesOf } from './body';
import { providerOf } from './common';
import { moduleCallPath } from './plan';
import type { Attribute, Block } from './hcl/ast';
import { evaluateExpression, type HclValue } from './hcl/eval';
import { references } from './hcl/refs';
import { Unknown, isUnknown } from './hcl/unknown';
import { POLICY_DOCUMENT_TYPE, policyDocumentData } from './policy-document';
import { hasKey, newObject, toNumberValue, valuesEqual, type HclObject } from './hcl/values';
import type { RootVariableFiles } from './tfvars';
import { isLocalSource, joinFolder, literalSource, type ParsedTf, type TerraformTree } from './tree';

/** Instances of one counted block expanded one by one; more (or an unknown collection) give one resource for the block. */
export const MAX_INSTANCES = 32;
/** Module calls followed below a root. */
export const MAX_MODULE_DEPTH = 10;
/** Resources one root module may produce, modules included. */
const MAX_RESOURCES = 20_000;

/** Names the evaluator resolves itself, never resource types. */
const RESERVED_ROOTS = new Set(['var', 'local', 'module', 'data', 'each', 'count', 'path', 'terraform', 'self']);
/** Module block arguments that are not the module's input variables. */
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

interface Located<T> {
  node: T;
  file: ParsedTf;
}

interface ModuleBlocks {
  variables: Located<Block>[];
  locals: Located<Attribute>[];
  resources: Located<Block>[];
  modules: Located<Block>[];
  outputs: Located<Block>[];
  data: Located<Block>[];
}

/** One instance of a key: a count index, a for_each key, or null for a block that is not expanded. */
interface InstanceKey {
  key: string | number | null;
  count?: HclObject;
  each?: HclObject;
}

interface ModuleInstance {
  resources: IacResource[];
  /** The module's outputs (evaluated when read). */
  outputs: HclObject;
}

export interface RootOptions {
  tree: TerraformTree;
  warn: Warn;
  /** Remote sources already warned about in this load (one warning per source). */
  warnedSources: Set<string>;
  /**
   * Where `terraform init` put remote modules, by module key (`vpc`, `vpc.subnets`), from the root's
   * .terraform/modules/modules.json when the tree holds it.
   */
  installed?: ReadonlyMap<string, string>;
}

export function evaluateRoot(folder: string, vars: RootVariableFiles, options: RootOptions): IacResource[] {
  const root = new RootEvaluation(folder, options);
  return root.instance(folder, { root: vars }, '', 0, [folder]).resources;
}

type Inputs = { root: RootVariableFiles } | { module: HclObject };

class RootEvaluation {
  private resourceCount = 0;
  private capWarned = false;

  constructor(
    private readonly rootFolder: string,
    private readonly options: RootOptions,
  ) {}

  instance(folder: string, inputs: Inputs, moduleAddress: string, depth: number, stack: readonly string[]): ModuleInstance {
    const prefix = moduleAddress ? `${moduleAddress}.` : '';
    const blocks = collect(this.options.tree.files(folder));
    const scope = newObject();
    scope.var = this.variables(blocks.variables, inputs, prefix);
    scope.path = Object.assign(newObject(), { module: folder || '.', root: this.rootFolder || '.', cwd: this.rootFolder || '.' });
    scope.terraform = Object.assign(newObject(), { workspace: 'default' });
    declareAddresses(scope, blocks, prefix);
    scope.local = lazyObject(
      blocks.locals.map((l) => l.node.name),
      (name) => {
        const l = blocks.locals.find((x) => x.node.name === name)!;
        return evaluateExpression(l.node.expr, { source: l.file.file.source, scope });
      },
      (name) => new Unknown(`local.${name}`, [`${prefix}local.${name}`]),
    );
    const calls = new Map<string, () => ModuleCall>();
    for (const m of blocks.modules) {
      const name = m.node.labels[0];
      if (name === undefined || calls.has(name)) continue;
      let memo: ModuleCall | undefined;
      calls.set(name, () => (memo ??= this.call(m, folder, scope, prefix, depth, stack)));
    }
    scope.module = lazyObject(
      [...calls.keys()],
      (name) => calls.get(name)!().value,
      (name) => new Unknown(`module.${name}`, [`${prefix}module.${name}`]),
    );

    const resources: IacResource[] = [];
    for (const r of blocks.resources) resources.push(...this.resource(r, scope, moduleAddress));
    for (const call of calls.values()) resources.push(...call().resources);

    const outputs = lazyObject(
      blocks.outputs.map((o) => o.node.labels[0]).filter((n): n is string => n !== undefined),
      (name) => {
        const o = blocks.outputs.find((x) => x.node.labels[0] === name)!;
        const value = o.node.body.attributes.find((a) => a.name === 'value');
        return value ? evaluateExpression(value.expr, { source: o.file.file.source, scope }) : null;
      },
      (name) => new Unknown(`${prefix}output.${name}`, [`${prefix}output.${name}`]),
    );
    return { resources, outputs };
  }

  /** The module's `var` object: module inputs or tfvars, else defaults, else Unknown. */
  private variables(declared: readonly Located<Block>[], inputs: Inputs, prefix: string): HclObject {
    const out = newObject();
    for (const v of declared) {
      const name = v.node.labels[0];
      if (name === undefined) continue;
      const unset = new Unknown(`var.${name}`, [`${prefix}var.${name}`]);
      const defaultAttr = v.node.body.attributes.find((a) => a.name === 'default');
      const fallback = defaultAttr ? evaluateExpression(defaultAttr.expr, { source: v.file.file.source, scope: newObject() }) : unset;
      const nullable = v.node.body.attributes.find((a) => a.name === 'nullable');
      const notNullable = nullable?.expr.kind === 'literal' && nullable.expr.value === false;
      const pick = (given: HclObject): HclValue => (hasKey(given, name) && !(given[name] === null && notNullable) ? given[name] : fallback);
      if ('module' in inputs) {
        out[name] = pick(inputs.module);
        continue;
      }
      const base = pick(inputs.root.base);
      const alternatives = inputs.root.alternatives;
      if (!alternatives.length) {
        out[name] = base;
        continue;
      }
      const candidates = alternatives.map((a) => (hasKey(a.values, name) ? a.values[name] : base));
      out[name] = candidates.every((c) => valuesEqual(c, candidates[0]))
        ? candidates[0]
        : new Unknown(`var.${name} (differs between ${alternatives.map((a) => a.path.slice(a.path.lastIndexOf('/') + 1)).join(', ')})`, [`var.${name}`]);
    }
    return out;
  }

  private resource(r: Located<Block>, scope: HclObject, moduleAddress: string): IacResource[] {
    const [type, name] = r.node.labels;
    if (type === undefined || name === undefined) return [];
    const prefix = moduleAddress ? `${moduleAddress}.` : '';
    const source = r.file.file.source;
    const providerAttr = r.node.body.attributes.find((a) => a.name === 'provider');
    const provider = providerOf(type, providerAttr ? source.slice(providerAttr.expr.start, providerAttr.expr.end).replace(/"/g, '') : undefined);
    const out: IacResource[] = [];
    for (const inst of instances(r.node, source, scope)) {
      if (this.resourceCount >= MAX_RESOURCES) {
        if (!this.capWarned) this.options.warn({ code: 'iac-limit', path: r.file.path, message: `more than ${MAX_RESOURCES} resources in one root module: the rest were not read` });
        this.capWarned = true;
        break;
      }
      this.resourceCount++;
      const lines = new Map<string, number>();
      const attributes: IacObject = evaluateResourceBody(r.node.body, { source, scope: withInstance(scope, inst), lines });
      out.push({
        model: 'terraform',
        platform: 'terraform',
        type,
        name,
        address: `${prefix}${type}.${name}${keySuffix(inst.key)}`,
        path: r.file.path,
        line: r.node.line,
        endLine: r.node.endLine,
        attributes,
        lineOf: (p) => {
          const line = lines.get(p);
          return line === undefined ? undefined : { line };
        },
        meta: { provider, module: moduleAddress, mode: 'managed' },
      });
    }
    return out;
  }

  private call(m: Located<Block>, folder: string, scope: HclObject, prefix: string, depth: number, stack: readonly string[]): ModuleCall {
    const name = m.node.labels[0];
    const address = `${prefix}module.${name}`;
    const unknown = (why: string): ModuleCall => ({ resources: [], value: new Unknown(`module.${name}`, [address]), why });
    const source = literalSource(m.node);
    if (source === undefined) return unknown('source');
    const installed = isLocalSource(source) ? undefined : this.options.installed?.get(moduleKey(address));
    if (!isLocalSource(source) && !(installed !== undefined && this.options.tree.hasModule(installed))) {
      if (!this.options.warnedSources.has(source)) {
        this.options.warnedSources.add(source);
        this.options.warn({ code: 'module-not-fetched', path: m.file.path, message: `line ${m.node.line}: module source ${source} is not in the repository; its resources were not scanned` });
      }
      return unknown('remote');
    }
    const target = installed ?? joinFolder(folder, source);
    if (target === undefined || !this.options.tree.hasModule(target)) {
      this.options.warn({ code: 'module-not-found', path: m.file.path, message: `line ${m.node.line}: module source ${source} holds no .tf files in the repository` });
      return unknown('missing');
    }
    if (stack.includes(target)) {
      this.options.warn({ code: 'module-cycle', path: m.file.path, message: `line ${m.node.line}: module ${name} calls ${source}, which is already being evaluated (a cycle): not expanded again` });
      return unknown('cycle');
    }
    if (depth + 1 > MAX_MODULE_DEPTH) {
      this.options.warn({ code: 'module-depth', path: m.file.path, message: `line ${m.node.line}: modules nested deeper than ${MAX_MODULE_DEPTH} were not expanded` });
      return unknown('depth');
    }
    const src = m.file.file.source;
    const keyed = instances(m.node, src, scope);
    const resources: IacResource[] = [];
    const values: [string | number | null, HclValue][] = [];
    for (const inst of keyed) {
      const instScope = withInstance(scope, inst);
      const inputs = newObject();
      for (const attr of m.node.body.attributes) {
        if (!MODULE_META.has(attr.name)) inputs[attr.name] = evaluateExpression(attr.expr, { source: src, scope: instScope });
      }
      const child = this.instance(target, { module: inputs }, `${address}${keySuffix(inst.key)}`, depth + 1, [...stack, target]);
      resources.push(...child.resources);
      values.push([inst.key, child.outputs]);
    }
    return { resources, value: moduleValue(m.node, values, address, name) };
  }
}

interface ModuleCall {
  resources: IacResource[];
  /** What `module.<name>` evaluates to: the outputs object, a list or map of them, or Unknown. */
  value: HclValue;
  why?: string;
}

function moduleValue(block: Block, values: [string | number | null, HclValue][], address: string, name: string): HclValue {
  const counted = block.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each');
  if (!counted) return values[0]?.[1] ?? null;
  if (values.some(([k]) => k === null)) return new Unknown(`module.${name}`, [address]);
  if (values.every(([k]) => typeof k === 'number')) return values.map(([, v]) => v);
  const out = newObject();
  for (const [k, v] of values) out[String(k)] = v;
  return out;
}

function collect(files: readonly ParsedTf[]): ModuleBlocks {
  const out: ModuleBlocks = { variables: [], locals: [], resources: [], modules: [], outputs: [], data: [] };
  for (const file of files) {
    for (const block of file.file.body.blocks) {
      const at = { node: block, file };
      switch (block.type) {
        case 'variable':
          out.variables.push(at);
          break;
        case 'locals':
          for (const attr of block.body.attributes) out.locals.push({ node: attr, file });
          break;
        case 'resource':
          out.resources.push(at);
          break;
        case 'module':
          out.modules.push(at);
          break;
        case 'output':
          out.outputs.push(at);
          break;
        case 'data':
          out.data.push(at);
          break;
      }
    }
  }
  return out;
}

/** Resource types and data sources of the module as scope roots whose every attribute is Unknown, named from the root. */
function declareAddresses(scope: HclObject, blocks: ModuleBlocks, prefix: string): void {
  for (const r of blocks.resources) {
    const [type, name] = r.node.labels;
    if (type === undefined || name === undefined || RESERVED_ROOTS.has(type)) continue;
    let byName = scope[type] as HclObject | undefined;
    if (!byName) scope[type] = byName = newObject();
    byName[name] = new Unknown(`${type}.${name}`, [`${prefix}${type}.${name}`]);
  }
  const data = newObject();
  for (const d of blocks.data) {
    const [type, name] = d.node.labels;
    if (type === undefined || name === undefined) continue;
    let byName = data[type] as HclObject | undefined;
    if (!byName) data[type] = byName = newObject();
    const address = `${prefix}data.${type}.${name}`;
    if (type === POLICY_DOCUMENT_TYPE && !hasKey(byName, name)) {
      // Read when first referenced, with the module's whole scope (locals and variables) in place.
      let memo: HclValue | undefined;
      let reading = false;
      Object.defineProperty(byName, name, {
        enumerable: true,
        configurable: true,
        get: () => {
          if (memo !== undefined) return memo;
          if (reading) return new Unknown(`data.${type}.${name}`, [address]);
          reading = true;
          try {
            memo = policyDocumentData(d.node, d.file.file.source, scope, address);
          } finally {
            reading = false;
          }
          return memo;
        },
      });
      continue;
    }
    byName[name] = new Unknown(`data.${type}.${name}`, [address]);
  }
  scope.data = data;
}

/**
 * An object whose entries are computed when first read and kept; reading an entry while it is being
 * computed (a cycle) gives `cyclic(name)`.
 */
function lazyObject(names: readonly string[], compute: (name: string) => HclValue, cyclic: (name: string) => HclValue): HclObject {
  const obj = newObject();
  const state = new Map<string, 'pending' | { value: HclValue }>();
  for (const name of names) {
    if (hasKey(obj, name)) continue;
    Object.defineProperty(obj, name, {
      enumerable: true,
      configurable: true,
      get: () => {
        const s = state.get(name);
        if (s === 'pending') return cyclic(name);
        if (s) return s.value;
        state.set(name, 'pending');
        let value: HclValue;
        try {
          value = compute(name);
        } finally {
          if (state.get(name) === 'pending') state.delete(name);
        }
        state.set(name, { value });
        return value;
      },
    });
  }
  return obj;
}

/**
 * The instances of a block with count or for_each: each one when the collection is known and has at
 * most MAX_INSTANCES elements (none for count = 0 or an empty for_each), else one instance whose
 * count.index / each.key / each.value are Unknown.
 */
function instances(block: Block, source: string, scope: HclObject): InstanceKey[] {
  const countAttr = block.body.attributes.find((a) => a.name === 'count');
  const forEachAttr = block.body.attributes.find((a) => a.name === 'for_each');
  if (countAttr) {
    const v = evaluateExpression(countAttr.expr, { source, scope });
    const n = isUnknown(v) ? undefined : safeNumber(v);
    if (n !== undefined && Number.isInteger(n) && n <= MAX_INSTANCES) {
      return Array.from({ length: Math.max(0, n) }, (_, i) => ({ key: i, count: Object.assign(newObject(), { index: i }) }));
    }
    const refs = isUnknown(v) ? v.refs : references(countAttr.expr);
    return [{ key: null, count: Object.assign(newObject(), { index: new Unknown('count.index', refs) }) }];
  }
  if (forEachAttr) {
    const v = evaluateExpression(forEachAttr.expr, { source, scope });
    const entries = forEachEntries(v);
    if (entries && entries.length <= MAX_INSTANCES) {
      return entries.map(([key, value]) => ({ key, each: Object.assign(newObject(), { key, value }) }));
    }
    const refs = isUnknown(v) ? v.refs : references(forEachAttr.expr);
    return [{ key: null, each: Object.assign(newObject(), { key: new Unknown('each.key', refs), value: new Unknown('each.value', refs) }) }];
  }
  return [{ key: null }];
}

/** for_each over a map (keys) or a set of strings (each.key = each.value); undefined when not known. */
function forEachEntries(v: HclValue): [string, HclValue][] | undefined {
  if (Array.isArray(v)) {
    if (!v.every((x) => typeof x === 'string')) return undefined;
    return [...new Set(v as string[])].sort().map((s) => [s, s]);
  }
  const entries = entriesOf(v);
  return entries?.map(([k, x]) => [String(k), x]);
}

function safeNumber(v: HclValue): number | undefined {
  try {
    return toNumberValue(v);
  } catch {
    return undefined;
  }
}

function withInstance(scope: HclObject, inst: InstanceKey): HclObject {
  if (!inst.count && !inst.each) return scope;
  const out = Object.assign(newObject(), scope);
  if (inst.count) out.count = inst.count;
  if (inst.each) out.each = inst.each;
  return out;
}

/** `module.a["x"].module.b` → `a.b`: the key `terraform init` records a module call under. */
function moduleKey(address: string): string {
  return moduleCallPath(address).replace(/(^|\.)module\./g, '$1');
}

/** `[0]`, `["key"]`, or nothing for a block that is not expanded: the instance part of a plan address. */
function keySuffix(key: string | number | null): string {
  if (key === null) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}
