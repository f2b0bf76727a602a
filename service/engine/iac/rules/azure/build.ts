// Rules of the 'azure' model are written once with example resources; each example is rendered as an
// ARM template (azuredeploy.json) and as a Bicep file (main.bicep), so every rule is proven on both
// syntaxes. A param('x') value is a parameter without a default (the rule cannot know the value).
import type { Check } from '../../helpers';
import type { IacExampleSet, IacRule } from '../../types';

export class Param {
  constructor(
    readonly name: string,
    readonly type: 'string' | 'bool' | 'int' | 'object' | 'array' = 'string',
  ) {}
}

/** A parameter without a default: its value is unknown before deployment. */
export const param = (name: string, type: Param['type'] = 'string'): Param => new Param(name, type);

type Value = string | number | boolean | null | Param | Value[] | { [key: string]: Value };
export type Body = { [key: string]: Value };

/** One resource of an example: its type (default: the rule's first type), name and body (properties, kind, sku...). */
export interface Res {
  type?: string;
  api?: string;
  name?: string;
  body?: Body;
}

/** An example: the body of one resource of the rule's type, or several resources. */
export type Example = Body | Res[];

export interface AzureRuleSpec extends Omit<IacRule, 'model' | 'resourceTypes' | 'examples' | 'check'> {
  /** ARM types in display case; the first one is the examples' default. */
  types: readonly string[];
  api: string;
  check: Check;
  fail: Example[];
  pass: Example[];
  unknown?: Example[];
}

const params = (v: Value, out: Map<string, Param>): void => {
  if (v instanceof Param) out.set(v.name, v);
  else if (Array.isArray(v)) v.forEach((x) => params(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => params(x, out));
};

const resourcesOf = (spec: Pick<AzureRuleSpec, 'types' | 'api'>, ex: Example): Required<Res>[] =>
  (Array.isArray(ex) ? ex : [{ body: ex }]).map((r, i) => ({
    type: r.type ?? spec.types[0],
    api: r.api ?? spec.api,
    name: r.name ?? `example${i || ''}`,
    body: r.body ?? {},
  }));

// ARM ------------------------------------------------------------------------------------------

const armValue = (v: Value): unknown => {
  if (v instanceof Param) return `[parameters('${v.name}')]`;
  if (Array.isArray(v)) return v.map(armValue);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, armValue(x)]));
  return v;
};

export function armTemplate(resources: Required<Res>[]): string {
  const ps = new Map<string, Param>();
  resources.forEach((r) => params(r.body, ps));
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    ...(ps.size ? { parameters: Object.fromEntries([...ps.values()].map((p) => [p.name, { type: p.type }])) } : {}),
    resources: resources.map((r) => ({ type: r.type, apiVersion: r.api, name: r.name, location: 'westeurope', ...(armValue(r.body) as object) })),
  };
  return `${JSON.stringify(template, null, 2)}\n`;
}

// Bicep ----------------------------------------------------------------------------------------

const bicepKey = (k: string) => (/^[A-Za-z_]\w*$/.test(k) ? k : bicepString(k));
const bicepString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${')}'`;

function bicepValue(v: Value, indent: string): string {
  if (v instanceof Param) return v.name;
  if (typeof v === 'string') return bicepString(v);
  if (v === null || typeof v !== 'object') return String(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) return v.length ? `[\n${v.map((x) => `${inner}${bicepValue(x, inner)}\n`).join('')}${indent}]` : '[]';
  const entries = Object.entries(v);
  return entries.length ? `{\n${entries.map(([k, x]) => `${inner}${bicepKey(k)}: ${bicepValue(x, inner)}\n`).join('')}${indent}}` : '{}';
}

export function bicepTemplate(resources: Required<Res>[]): string {
  const ps = new Map<string, Param>();
  resources.forEach((r) => params(r.body, ps));
  const lines = [...ps.values()].map((p) => `param ${p.name} ${p.type}\n`);
  if (lines.length) lines.push('\n');
  resources.forEach((r, i) => {
    const body: Body = { name: r.name, location: 'westeurope', ...r.body };
    lines.push(`resource res${i} '${r.type}@${r.api}' = ${bicepValue(body, '')}\n`);
  });
  return lines.join('');
}

// Rules ----------------------------------------------------------------------------------------

export function azureRule(spec: AzureRuleSpec): IacRule {
  const { types, api: _api, check, fail, pass, unknown, ...meta } = spec;
  const set = (render: (r: Required<Res>[]) => string): IacExampleSet => ({
    fail: fail.map((e) => render(resourcesOf(spec, e))),
    pass: pass.map((e) => render(resourcesOf(spec, e))),
    ...(unknown?.length ? { unknown: unknown.map((e) => render(resourcesOf(spec, e))) } : {}),
  });
  return {
    ...meta,
    remediationSnippet: meta.remediationSnippet ?? bicepTemplate(resourcesOf(spec, pass[0])),
    model: 'azure',
    resourceTypes: types.map((t) => t.toLowerCase()),
    check,
    examples: { arm: set(armTemplate), bicep: set(bicepTemplate) },
  };
}
