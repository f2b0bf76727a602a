// `helm template` without helm: load a chart's files, merge values, render every template with Helm's objects.
import { ExecError, TemplateSet, execute, type Limits } from './gotemplate/exec';
import { builtinFunctions } from './gotemplate/builtins';
import type { FuncMap } from './gotemplate/functions';
import { ParseError } from './gotemplate/parser';
import { deepCopy, isMap, newMap, type GoMap } from './gotemplate/values';
import { helmFunctions } from './functions/helm';
import { parseGoYaml } from './functions/goyaml';
import { mergeInto, sprigFunctions } from './functions/sprig';
import { capabilities, chartMetadata, filesObject, release } from './objects';

export interface ChartInput {
  /** Chart-relative paths (Chart.yaml, values.yaml, templates/**, charts/<sub>/**) to their text. */
  files: Map<string, string>;
  releaseName?: string;
  namespace?: string;
  limits?: Partial<Limits>;
}

export interface RenderedManifest {
  /** Chart-relative path, e.g. templates/deployment.yaml or charts/redis/templates/service.yaml. */
  template: string;
  output: string;
  /** lineMap[i] = line in the template that produced output line i + 1. */
  lineMap: number[];
}

export interface RenderError {
  template: string;
  message: string;
  line?: number;
}

export interface RenderResult {
  manifests: RenderedManifest[];
  errors: RenderError[];
}

/** Helm's function map: Go's builtins, sprig (less env/expandenv), Helm's own. Later entries win, as template.Funcs does. */
export function helmFuncMap(): FuncMap {
  return new Map([...builtinFunctions(), ...sprigFunctions(), ...helmFunctions()]);
}

interface LoadedChart {
  /** Prefix of this chart's files in the input ('' for the top chart, 'charts/sub/' for a subchart). */
  prefix: string;
  /** Helm's template-name prefix: "<chart name>" then "<parent>/charts/<name>". */
  namePath: string;
  metadata: GoMap;
  values: GoMap;
  subcharts: LoadedChart[];
}

const NON_FILE_ENTRIES = /^(Chart\.yaml|Chart\.lock|values\.yaml|values\.schema\.json|requirements\.(yaml|lock)|templates\/.*|charts\/.*)$/;
const MAX_SUBCHART_DEPTH = 10;

function readYamlMap(files: Map<string, string>, path: string, errors: RenderError[]): GoMap {
  const text = files.get(path);
  if (text === undefined) return newMap();
  try {
    const v = parseGoYaml(text);
    if (v === null) return newMap();
    if (!isMap(v)) throw new Error('is not a YAML mapping');
    return v;
  } catch (e) {
    const message = (e as Error).message;
    const m = /line (\d+)/.exec(message);
    errors.push({ template: path, message, line: m ? Number(m[1]) : undefined });
    return newMap();
  }
}

function loadChart(files: Map<string, string>, prefix: string, parentNamePath: string | undefined, errors: RenderError[], depth: number): LoadedChart {
  const metadata = readYamlMap(files, prefix + 'Chart.yaml', errors);
  const dirName = prefix.replace(/\/$/, '').split('/').pop() || 'chart';
  const name = typeof metadata.name === 'string' && metadata.name ? metadata.name : dirName;
  const namePath = parentNamePath === undefined ? name : `${parentNamePath}/charts/${dirName}`;
  const values = readYamlMap(files, prefix + 'values.yaml', errors);
  const subcharts: LoadedChart[] = [];
  if (depth < MAX_SUBCHART_DEPTH) {
    const subDirs = new Set<string>();
    for (const path of files.keys()) {
      if (!path.startsWith(prefix + 'charts/')) continue;
      const rest = path.slice(prefix.length + 'charts/'.length);
      const m = /^([^/]+)\/Chart\.yaml$/.exec(rest);
      if (m) subDirs.add(m[1]);
    }
    for (const dir of [...subDirs].sort()) subcharts.push(loadChart(files, `${prefix}charts/${dir}/`, namePath, errors, depth + 1));
  }
  return { prefix, namePath, metadata, values, subcharts };
}

/** A dependency is off when its `condition` (first path that resolves to a bool) says false. */
function dependencyEnabled(parent: LoadedChart, sub: LoadedChart, parentValues: GoMap): boolean {
  const deps = Array.isArray(parent.metadata.dependencies) ? parent.metadata.dependencies : [];
  const subName = typeof sub.metadata.name === 'string' ? sub.metadata.name : '';
  const dep = deps.find((d) => isMap(d) && (d.alias === subName || d.name === subName)) as GoMap | undefined;
  if (!dep || typeof dep.condition !== 'string') return true;
  for (const path of dep.condition.split(',').map((s) => s.trim())) {
    let cur: unknown = parentValues;
    for (const key of path.split('.')) cur = isMap(cur) ? cur[key] : undefined;
    if (typeof cur === 'boolean') return cur;
  }
  return true;
}

/** Values as Helm coalesces them: the parent's `<sub>:` block over the subchart's defaults, globals passed down. */
function subchartValues(sub: LoadedChart, parentValues: GoMap): GoMap {
  const key = sub.prefix.replace(/\/$/, '').split('/').pop() as string;
  const values = deepCopy(sub.values) as GoMap;
  const fromParent = parentValues[key];
  if (isMap(fromParent)) mergeInto(values, deepCopy(fromParent) as GoMap, true);
  const parentGlobal = parentValues.global;
  if (isMap(parentGlobal)) {
    const global = isMap(values.global) ? values.global : newMap();
    mergeInto(global, deepCopy(parentGlobal) as GoMap, true);
    values.global = global;
  }
  return values;
}

interface RenderUnit {
  chart: LoadedChart;
  values: GoMap;
}

function collectUnits(chart: LoadedChart, values: GoMap, out: RenderUnit[]): void {
  out.push({ chart, values });
  for (const sub of chart.subcharts) {
    if (!dependencyEnabled(chart, sub, values)) continue;
    collectUnits(sub, subchartValues(sub, values), out);
  }
}

/** Helm's parse order: deeper paths first, then reverse lexical; a later define of a name replaces an earlier one. */
function parseOrder(names: string[]): string[] {
  const depth = (s: string): number => s.split('/').length;
  return [...names].sort((a, b) => depth(b) - depth(a) || (a < b ? 1 : a > b ? -1 : 0));
}

export function renderChart(input: ChartInput): RenderResult {
  const errors: RenderError[] = [];
  const manifests: RenderedManifest[] = [];
  const top = loadChart(input.files, '', undefined, errors, 0);
  const units: RenderUnit[] = [];
  collectUnits(top, deepCopy(top.values) as GoMap, units);

  const set = new TemplateSet(helmFuncMap());
  const templates: { name: string; path: string; unit: RenderUnit }[] = [];
  for (const unit of units) {
    const templatesPrefix = unit.chart.prefix + 'templates/';
    for (const path of input.files.keys()) {
      if (!path.startsWith(templatesPrefix)) continue;
      const rel = path.slice(unit.chart.prefix.length);
      templates.push({ name: `${unit.chart.namePath}/${rel}`, path, unit });
    }
  }
  const byName = new Map(templates.map((t) => [t.name, t]));
  const parsed = new Set<string>();
  for (const name of parseOrder([...byName.keys()])) {
    const t = byName.get(name) as (typeof templates)[number];
    try {
      set.parse(name, input.files.get(t.path) as string);
      parsed.add(name);
    } catch (e) {
      errors.push({ template: t.path, message: (e as Error).message, line: e instanceof ParseError ? e.line : undefined });
    }
  }

  const releaseObject = release(input.releaseName ?? 'release-name', input.namespace ?? 'default');
  const caps = capabilities();
  for (const name of parseOrder([...byName.keys()])) {
    const t = byName.get(name) as (typeof templates)[number];
    const base = t.path.slice(t.path.lastIndexOf('/') + 1);
    // Helpers, NOTES.txt and library charts' templates only provide defines.
    if (!parsed.has(name) || base.startsWith('_') || base === 'NOTES.txt' || t.unit.chart.metadata.type === 'library') continue;
    const chartFiles = new Map<string, string>();
    for (const [p, text] of input.files) {
      if (!p.startsWith(t.unit.chart.prefix)) continue;
      const rel = p.slice(t.unit.chart.prefix.length);
      if (!NON_FILE_ENTRIES.test(rel)) chartFiles.set(rel, text);
    }
    const data: GoMap = {
      Values: t.unit.values,
      Release: releaseObject,
      Chart: chartMetadata(t.unit.chart.metadata),
      Capabilities: caps,
      Template: { Name: name, BasePath: `${t.unit.chart.namePath}/templates` },
      Files: filesObject(chartFiles),
    };
    try {
      const result = execute(set, name, data, { limits: input.limits });
      // Helm's engine removes what missingkey=zero prints for absent values.
      const output = result.output.split('<no value>').join('');
      if (output.trim() === '') continue;
      manifests.push({ template: t.path, output, lineMap: result.lineMap });
    } catch (e) {
      // Anything a template can provoke (including a JS stack overflow) is reported, never thrown.
      errors.push({ template: t.path, message: (e as Error).message, line: e instanceof ExecError ? e.line : undefined });
    }
  }
  manifests.sort((a, b) => (a.template < b.template ? -1 : a.template > b.template ? 1 : 0));
  return { manifests, errors };
}
