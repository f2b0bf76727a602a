// One ARM template as resources of the 'azure' model: parameters (values given, else defaultValue),
// variables (lazily, copy loops as one item), every resource (nested `resources` flattened with full
// type and name, copy loops as one resource with copyIndex() unknown), nested deployments with an
// inline template (their own parameters when scope is 'inner'), and a 'template' pseudo-resource
// with the parameters and outputs rules about secrets read.
import type { IacObject, IacResource, IacValue } from '../types';
import { Unknown, isObject, joinPath } from '../values';
import { linesUnder } from '../parse/lines';
import { evaluateString, type ArmScope } from './expression';
import { TEMPLATE_TYPE, addressOf, azureResource, childName, childType, displayName } from './resource';

const MAX_DEPLOYMENT_DEPTH = 5;
const MAX_VALUE_DEPTH = 100;
const MAX_RESOURCES = 5_000;

export interface TemplateSource {
  path: string;
  /** Line of every JSON path in the file. */
  lines: ReadonlyMap<string, number>;
  endLineOf(prefix: string): number;
}

export interface TemplateInput {
  template: IacObject;
  /** Where the template sits in its file: '' for the file, `resources[1].properties.template` for a nested one. */
  prefix: string;
  /** Values given for parameters (a parameters file, a nested deployment's `parameters`), by name. */
  parameterValues: ReadonlyMap<string, IacValue>;
  /** Nested deployments evaluated in the outer scope use the outer template's parameters and variables. */
  outerScope?: ArmScope;
  depth: number;
  /** The nested deployment the template belongs to, for addresses. */
  within?: string;
}

const lowerKeys = (o: IacValue | undefined): Map<string, [string, IacValue]> => {
  const m = new Map<string, [string, IacValue]>();
  if (isObject(o)) for (const [k, v] of Object.entries(o)) m.set(k.toLowerCase(), [k, v]);
  return m;
};

/** Where a property copy loop's item comes from: attribute path `from` is written at JSON path `to`. */
export type CopyAlias = [from: string, to: string];

/**
 * Evaluates every string of a JSON value as ARM does; property `copy` loops become one item (their
 * `input`), recorded in `aliases` when given so lines can be found where the input is written.
 */
export function evaluateValue(raw: IacValue, scope: ArmScope, depth = 0, path = '', aliases?: CopyAlias[]): IacValue {
  if (depth > MAX_VALUE_DEPTH) return new Unknown('(nested too deeply)');
  if (typeof raw === 'string') return evaluateString(raw, scope);
  if (Array.isArray(raw)) return raw.map((x, i) => evaluateValue(x, scope, depth + 1, joinPath(path, i), aliases));
  if (!isObject(raw)) return raw;
  const out: IacObject = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'copy' && Array.isArray(v) && v.every((c) => isObject(c) && typeof c.name === 'string' && 'input' in c)) {
      (v as IacObject[]).forEach((c, i) => {
        const from = joinPath(joinPath(path, c.name as string), 0);
        const to = joinPath(joinPath(joinPath(path, 'copy'), i), 'input');
        aliases?.push([from, to]);
        out[c.name as string] = [evaluateValue(c.input, scope, depth + 1, to, aliases)];
      });
      continue;
    }
    out[k] = evaluateValue(v, scope, depth + 1, joinPath(path, k), aliases);
  }
  return out;
}

/** lineOf over the file's line map, reading copy loop items where their input is written. */
function lineOfWithAliases(lines: ReadonlyMap<string, number>, prefix: string, aliases: readonly CopyAlias[]): IacResource['lineOf'] {
  const direct = linesUnder(lines, prefix);
  return (p) => {
    const found = direct(p);
    if (found) return found;
    for (const [from, to] of aliases) {
      if (p === from || p.startsWith(`${from}.`) || p.startsWith(`${from}[`)) {
        const inner = direct(to + p.slice(from.length));
        if (inner) return inner;
      }
    }
    return undefined;
  };
}

export function makeScope(template: IacObject, given: ReadonlyMap<string, IacValue>): ArmScope {
  const params = lowerKeys(template.parameters);
  const vars = lowerKeys(template.variables);
  const givenLower = new Map([...given].map(([k, v]) => [k.toLowerCase(), v]));
  // Variable copy loops: `"copy": [{ "name": "x", "count": n, "input": {...} }]` define variable x.
  const varCopies = new Map<string, IacValue>();
  const copies = vars.get('copy')?.[1];
  if (Array.isArray(copies)) for (const c of copies) if (isObject(c) && typeof c.name === 'string') varCopies.set(c.name.toLowerCase(), c.input ?? null);
  const paramCache = new Map<string, IacValue>();
  const varCache = new Map<string, IacValue>();
  const busy = new Set<string>();
  const scope: ArmScope = {
    parameter(name) {
      const key = name.toLowerCase();
      if (paramCache.has(key)) return paramCache.get(key)!;
      const ref = `parameters('${name}')`;
      let value: IacValue;
      if (givenLower.has(key)) value = givenLower.get(key)!;
      else {
        const decl = params.get(key)?.[1];
        if (isObject(decl) && 'defaultValue' in decl && !busy.has(`p:${key}`)) {
          busy.add(`p:${key}`);
          value = evaluateValue(decl.defaultValue, scope);
          busy.delete(`p:${key}`);
        } else value = new Unknown(`[${ref}]`, [ref]);
      }
      paramCache.set(key, value);
      return value;
    },
    variable(name) {
      const key = name.toLowerCase();
      if (varCache.has(key)) return varCache.get(key)!;
      const ref = `variables('${name}')`;
      if (busy.has(`v:${key}`)) return new Unknown(`[${ref}]`, [ref]);
      busy.add(`v:${key}`);
      let value: IacValue;
      if (varCopies.has(key)) value = [evaluateValue(varCopies.get(key)!, scope)];
      else if (vars.has(key) && key !== 'copy') value = evaluateValue(vars.get(key)![1], scope);
      else value = new Unknown(`[${ref}]`, [ref]);
      busy.delete(`v:${key}`);
      varCache.set(key, value);
      return value;
    },
    resourceAddress: (type, name) => addressOf(type, name),
  };
  return scope;
}

/** A template a deployment links to by relativePath, read from the tree (or why it cannot be). */
export type LinkedTemplate = { template: IacObject; source: TemplateSource } | { problem: string };

interface Walk {
  source: TemplateSource;
  out: IacResource[];
  link?: (from: string, relativePath: string) => LinkedTemplate;
  warn: (message: string, line?: number) => void;
}

/** The template's resources (and those of its nested deployments), in source order. */
export function loadTemplate(input: TemplateInput, source: TemplateSource, warn: Walk['warn'], link?: Walk['link']): IacResource[] {
  const walk: Walk = { source, out: [], warn, link };
  loadInto(input, walk);
  return walk.out;
}

function loadInto(input: TemplateInput, walk: Walk): void {
  const { template, prefix } = input;
  const scope = input.outerScope ?? makeScope(template, input.parameterValues);
  walk.out.push(templateResource(input, scope, walk.source));
  const resources = template.resources;
  const base = joinPath(prefix, 'resources');
  if (Array.isArray(resources)) resources.forEach((r, i) => loadResource(r, joinPath(base, i), undefined, input, scope, walk));
  // languageVersion 2.0: resources keyed by symbolic name.
  else if (isObject(resources)) for (const [k, r] of Object.entries(resources)) loadResource(r, joinPath(base, k), undefined, input, scope, walk);
}

interface Parent {
  type: string;
  name: IacValue;
}

function loadResource(raw: IacValue, at: string, parent: Parent | undefined, input: TemplateInput, scope: ArmScope, walk: Walk): void {
  if (!isObject(raw) || walk.out.length >= MAX_RESOURCES) return;
  const line = walk.source.lines.get(at) ?? 1;
  if (typeof raw.type !== 'string') {
    walk.warn(`a resource without a type at ${at}`, line);
    return;
  }
  const rawType = evaluateString(raw.type, scope);
  const shortType = typeof rawType === 'string' ? rawType : raw.type;
  const type = parent ? childType(parent.type, shortType) : shortType;
  const ownName = raw.name === undefined ? '' : evaluateValue(raw.name, scope);
  const name = parent ? childName(parent.name, ownName, type) : ownName;
  const children = raw.resources;
  if (raw.existing !== true) {
    const attributes: IacObject = {};
    const aliases: CopyAlias[] = [];
    for (const [k, v] of Object.entries(raw)) {
      if (k === 'resources' || k === 'copy' || k === 'condition') continue;
      if (k === 'properties' && isDeployment(type) && isObject(v)) {
        const { template: _t, ...rest } = v;
        attributes[k] = evaluateValue(rest, scope, 0, k, aliases);
      } else attributes[k] = evaluateValue(v, scope, 0, k, aliases);
    }
    attributes.type = type;
    attributes.name = name;
    const meta: Record<string, unknown> = {};
    if ('condition' in raw) meta.condition = evaluateValue(raw.condition, scope);
    if (isObject(raw.copy)) meta.copy = evaluateValue(raw.copy, scope);
    if (input.within) meta.deployment = input.within;
    walk.out.push(
      azureResource({
        platform: 'arm',
        type,
        name,
        path: walk.source.path,
        line,
        endLine: walk.source.endLineOf(at),
        attributes,
        lineOf: aliases.length ? lineOfWithAliases(walk.source.lines, at, aliases) : linesUnder(walk.source.lines, at),
        within: input.within,
        meta,
      }),
    );
    if (isDeployment(type)) loadNestedDeployment(raw, at, name, input, scope, walk);
  }
  if (Array.isArray(children)) children.forEach((c, i) => loadResource(c, joinPath(joinPath(at, 'resources'), i), { type, name }, input, scope, walk));
}

const isDeployment = (type: string) => type.toLowerCase() === 'microsoft.resources/deployments';

function loadNestedDeployment(raw: IacObject, at: string, name: IacValue, input: TemplateInput, scope: ArmScope, walk: Walk): void {
  const props = raw.properties;
  if (!isObject(props)) return;
  const relativePath = isObject(props.templateLink) ? props.templateLink.relativePath : undefined;
  if (!isObject(props.template) && typeof relativePath !== 'string') return;
  if (input.depth >= MAX_DEPLOYMENT_DEPTH) {
    walk.warn(`nested deployments deeper than ${MAX_DEPLOYMENT_DEPTH} are not read`, walk.source.lines.get(at));
    return;
  }
  const options = isObject(props.expressionEvaluationOptions) ? props.expressionEvaluationOptions : {};
  // A linked template always has its own scope.
  const inner = typeof relativePath === 'string' || (typeof options.scope === 'string' && options.scope.toLowerCase() === 'inner');
  const values = new Map<string, IacValue>();
  if (inner && isObject(props.parameters)) {
    for (const [k, p] of Object.entries(props.parameters)) {
      if (isObject(p) && 'value' in p) values.set(k, evaluateValue(p.value, scope));
      else if (isObject(p) && 'reference' in p) values.set(k, new Unknown(`(Key Vault reference for ${k})`, [`parameters('${k}')`]));
    }
  }
  const within = `deployment ${displayName(name)}`;
  if (!isObject(props.template)) {
    const linked = walk.link?.(walk.source.path, relativePath as string);
    if (!linked) return;
    if ('problem' in linked) {
      walk.warn(`deployment ${displayName(name)}: ${linked.problem}`, walk.source.lines.get(at));
      return;
    }
    loadInto({ template: linked.template, prefix: '', parameterValues: values, depth: input.depth + 1, within }, { ...walk, source: linked.source });
    return;
  }
  loadInto(
    {
      template: props.template,
      prefix: joinPath(joinPath(at, 'properties'), 'template'),
      parameterValues: values,
      outerScope: inner ? undefined : scope,
      depth: input.depth + 1,
      within,
    },
    walk,
  );
}

const SECURE_TYPES = new Set(['securestring', 'secureobject']);
const LIST_CALL = /\blist\w*\s*\(/i;

/** The template's parameters and outputs as one pseudo-resource (type 'template'). */
function templateResource(input: TemplateInput, scope: ArmScope, source: TemplateSource): IacResource {
  const { template, prefix } = input;
  const parameters: IacObject = {};
  const secureNames: string[] = [];
  if (isObject(template.parameters)) {
    for (const [k, p] of Object.entries(template.parameters)) {
      if (!isObject(p)) continue;
      const type = typeof p.type === 'string' ? p.type.toLowerCase() : '';
      const secure = SECURE_TYPES.has(type);
      if (secure) secureNames.push(k.toLowerCase());
      parameters[k] = { type, secure, ...('defaultValue' in p ? { defaultValue: evaluateValue(p.defaultValue, scope) } : {}) };
    }
  }
  const outputs: IacObject = {};
  if (isObject(template.outputs)) {
    for (const [k, o] of Object.entries(template.outputs)) {
      if (!isObject(o)) continue;
      const type = typeof o.type === 'string' ? o.type.toLowerCase() : '';
      const text = JSON.stringify(o.value ?? o.copy ?? null);
      const exposes: string[] = [];
      const list = LIST_CALL.exec(text);
      if (list) exposes.push(list[0].replace(/\s*\($/, '()'));
      for (const s of secureNames) if (new RegExp(`parameters\\(\\s*'${escapeRegExp(s)}'\\s*\\)`, 'i').test(text)) exposes.push(`parameters('${s}')`);
      outputs[k] = { type, secure: SECURE_TYPES.has(type), exposes, value: evaluateValue(o.value ?? null, scope) };
    }
  }
  const name = source.path.slice(source.path.lastIndexOf('/') + 1);
  return azureResource({
    platform: 'arm',
    type: TEMPLATE_TYPE,
    name,
    path: source.path,
    line: source.lines.get(prefix) ?? 1,
    endLine: source.endLineOf(prefix),
    attributes: { parameters, outputs },
    lineOf: linesUnder(source.lines, prefix),
    within: input.within,
    meta: input.within ? { deployment: input.within } : {},
  });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
