// A CloudFormation template's text as one object with the line of every path (YAML with the short
// forms turned into long forms, or JSON), and its Resources as 'aws' model resources: type, logical
// id, Properties with intrinsics evaluated, the line of every property, and meta.
import { inputFreeLine } from '../../error-text';
import { parseJson } from '../parse/json';
import { parseYaml } from '../parse/yaml';
import type { IacObject, IacPlatform, IacResource, IacValue, ResourceSkip } from '../types';
import type { Warn } from '../../types';
import { isObject, joinPath } from '../values';
import { IntrinsicEvaluator, type Evaluated } from './intrinsics';
import { cfnTag } from './tags';

export interface ParsedTemplate {
  value: IacObject;
  lines: Map<string, number>;
  endLine: number;
}

/** Parses a template (JSON when it starts with `{`, else YAML); problems become warnings. */
export function parseTemplate(path: string, text: string, warn: Warn): ParsedTemplate | undefined {
  const problem = (line: number, message: string) => warn({ code: 'parse-error', path, message: `line ${line}: ${message}` });
  if (/^\s*[{[]/.test(text)) {
    const parsed = parseJson(text);
    for (const p of parsed.problems) problem(p.line, inputFreeLine(p.message));
    if (!isObject(parsed.value)) {
      if (!parsed.problems.length) problem(1, 'a template is a JSON object');
      return undefined;
    }
    return { value: parsed.value, lines: parsed.lines, endLine: text.split('\n').length };
  }
  const parsed = parseYaml(text, { tag: cfnTag });
  for (const p of parsed.problems) problem(p.line, inputFreeLine(p.message));
  const doc = parsed.documents[0];
  if (!doc) return undefined;
  if (!isObject(doc.value)) {
    problem(doc.line, 'a template is a YAML mapping');
    return undefined;
  }
  return { value: doc.value, lines: doc.lines, endLine: doc.endLine };
}

/** Where a group of CloudFormation resources lives: a template, or a serverless.yml's `resources`. */
export interface TemplateSection {
  path: string;
  platform: IacPlatform;
  /** The object holding Resources, Parameters, Mappings, Conditions. */
  section: IacObject;
  /** Its path in the document ('' for a template, `resources` in serverless.yml). */
  at: string;
  lines: ReadonlyMap<string, number>;
  endLine: number;
  warn: Warn;
}

/** One CloudFormation resource as read, before it becomes an IacResource (SAM reads these). */
export interface RawResource {
  id: string;
  type: string;
  definition: IacObject;
  /** The path of its Properties in the document. */
  propertiesAt: string;
  properties: Evaluated;
  line: number;
  endLine: number;
  meta: Record<string, unknown>;
  skips: ResourceSkip[];
}

const asObject = (v: IacValue | undefined): IacObject => (isObject(v) ? v : {});

export function evaluatorFor(t: TemplateSection): IntrinsicEvaluator {
  const resources = asObject(t.section.Resources);
  return new IntrinsicEvaluator(
    {
      parameters: asObject(t.section.Parameters),
      mappings: asObject(t.section.Mappings),
      conditions: asObject(t.section.Conditions),
      resourceIds: new Set(Object.keys(resources)),
    },
    t.lines,
  );
}

/** The Resources section read: each entry with a Type, its Properties evaluated. */
export function readResources(t: TemplateSection, evaluator: IntrinsicEvaluator): RawResource[] {
  const resourcesAt = joinPath(t.at, 'Resources');
  const resources = t.section.Resources;
  if (resources === undefined) return [];
  if (!isObject(resources)) {
    t.warn({ code: 'parse-error', path: t.path, message: `line ${t.lines.get(resourcesAt) ?? 1}: Resources is not a mapping` });
    return [];
  }
  const entries = Object.entries(resources);
  const starts = entries.map(([id]) => t.lines.get(joinPath(resourcesAt, id)) ?? 1);
  const lastEnd = lastLineUnder(t.lines, entries.length ? joinPath(resourcesAt, entries[entries.length - 1][0]) : resourcesAt);
  const out: RawResource[] = [];
  entries.forEach(([id, def], i) => {
    const at = joinPath(resourcesAt, id);
    const line = starts[i];
    if (!isObject(def) || typeof def.Type !== 'string') {
      t.warn({ code: 'parse-error', path: t.path, message: `line ${line}: resource ${id} has no Type` });
      return;
    }
    const next = starts.slice(i + 1).find((s) => s > line);
    const endLine = next !== undefined ? next - 1 : Math.max(line, lastEnd);
    const propertiesAt = joinPath(at, 'Properties');
    const properties = evaluator.evaluate(def.Properties ?? {}, propertiesAt);
    if (!isObject(properties.value)) {
      // Properties given as a whole by an expression (an Fn::If between two maps, say): nothing to read per property.
      properties.value = {};
    }
    out.push({ id, type: def.Type, definition: def, propertiesAt, properties, line, endLine, meta: metaOf(def, evaluator), skips: skipsOf(def) });
  });
  if (evaluator.exhausted) t.warn({ code: 'parse-error', path: t.path, message: 'line 1: some intrinsic functions were not evaluated (the template is too large or too deeply nested)' });
  return out;
}

function lastLineUnder(lines: ReadonlyMap<string, number>, prefix: string): number {
  let max = lines.get(prefix) ?? 1;
  for (const [k, l] of lines) if (l > max && (k.startsWith(`${prefix}.`) || k.startsWith(`${prefix}[`))) max = l;
  return max;
}

function metaOf(def: IacObject, evaluator: IntrinsicEvaluator): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  if (typeof def.Condition === 'string') {
    meta.condition = def.Condition;
    const v = evaluator.condition(def.Condition);
    if (typeof v === 'boolean') meta.conditionValue = v;
  }
  if (typeof def.DeletionPolicy === 'string') meta.deletionPolicy = def.DeletionPolicy;
  if (typeof def.UpdateReplacePolicy === 'string') meta.updateReplacePolicy = def.UpdateReplacePolicy;
  const dependsOn = typeof def.DependsOn === 'string' ? [def.DependsOn] : Array.isArray(def.DependsOn) ? def.DependsOn.filter((d) => typeof d === 'string') : [];
  if (dependsOn.length) meta.dependsOn = dependsOn;
  return meta;
}

/** Checkov's CloudFormation skips: `Metadata: {checkov: {skip: [{id: CKV_AWS_18, comment: …}]}}`. */
function skipsOf(def: IacObject): ResourceSkip[] {
  const skip = asObject(asObject(def.Metadata).checkov).skip;
  if (!Array.isArray(skip)) return [];
  return skip.filter(isObject).flatMap((s) => (typeof s.id === 'string' ? [{ id: s.id, reason: typeof s.comment === 'string' ? s.comment : `checkov skip ${s.id}` }] : []));
}

/** A read resource as the rules see it. */
export function toIacResource(t: TemplateSection, r: RawResource): IacResource {
  const lines = r.properties.lines;
  return {
    model: 'aws',
    platform: t.platform,
    type: r.type,
    name: r.id,
    address: `${r.type} ${r.id}`,
    path: t.path,
    line: r.line,
    endLine: r.endLine,
    attributes: r.properties.value as IacObject,
    lineOf: (p) => {
      const line = lines.get(p);
      return line === undefined ? undefined : { line };
    },
    ...(r.skips.length ? { skips: r.skips } : {}),
    meta: r.meta,
  };
}
