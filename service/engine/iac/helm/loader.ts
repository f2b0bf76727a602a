// Helm charts: each chart of the tree rendered with its own values.yaml the way `helm template` does
// (renderChart), the rendered manifests read as Kubernetes resources of platform 'helm', and every
// line mapped back to the template that produced it. A template that cannot be rendered is a warning
// with the reason, and its static YAML is still checked: template actions become unknown values.
import { kubernetesResources } from '../kubernetes/resources';
import { parseYaml, type ParsedDocument } from '../parse/yaml';
import type { IacResource, IacValue, LoadContext, LoadResult, PlatformLoader, ResourceGroup } from '../types';
import { isObject, Unknown } from '../values';
import { renderChart, type RenderedManifest } from './chart';

const RELEASE = 'release-name';

/** The folders holding a Chart.yaml that are not a subchart of another chart (charts/<name>/). */
export function topCharts(chartFiles: readonly string[]): string[] {
  const roots = chartFiles.filter((p) => p === 'Chart.yaml' || p.endsWith('/Chart.yaml')).map((p) => p.slice(0, -'Chart.yaml'.length));
  return roots.filter((root) => !roots.some((other) => other !== root && root.startsWith(`${other}charts/`)));
}

function chartFiles(ctx: LoadContext, root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const f of ctx.project.files) {
    if (!f.path.startsWith(root)) continue;
    const rel = f.path.slice(root.length);
    // Only what rendering reads: metadata, values, templates (subcharts' too) and small files .Files may get.
    if (!/^(?:Chart\.yaml|values\.yaml|templates\/|charts\/)/.test(rel) && f.size > 64 * 1024) continue;
    const text = ctx.text(f.path);
    if (text !== undefined) files.set(rel, text);
  }
  return files;
}

/** A rendered manifest's documents as resources, with lines in the template file. */
function manifestResources(root: string, m: RenderedManifest, warn: LoadContext['warn']): IacResource[] {
  const path = root + m.template;
  const templateLine = (outputLine: number): number => m.lineMap[Math.min(Math.max(outputLine, 1), m.lineMap.length) - 1] ?? 1;
  const parsed = parseYaml(m.output);
  for (const p of parsed.problems) {
    warn({ code: 'parse-error', path, message: `line ${templateLine(p.line)}: the rendered template is not valid YAML: ${p.message}` });
  }
  return placed(path, parsed.documents, templateLine);
}

function placed(path: string, docs: readonly ParsedDocument[], templateLine: (outputLine: number) => number): IacResource[] {
  const resources = kubernetesResources(docs, {
    path,
    platform: 'helm',
    lineOf: (doc, p) => {
      const line = doc.lines.get(p);
      return line === undefined ? undefined : { line: templateLine(line) };
    },
  });
  for (const r of resources) {
    // The block's span in the template: where its first and last rendered lines came from.
    const first = templateLine(r.line);
    const last = templateLine(r.endLine);
    r.line = Math.min(first, last);
    r.endLine = Math.max(first, last);
  }
  return resources;
}

const ACTION = /\{\{-?[\s\S]*?-?\}\}/g;
const MARK = '__vigil_helm_value__';

/**
 * A template's YAML without rendering: lines that are only actions are dropped (kept blank, so line
 * numbers hold), inline actions become unknown values.
 */
function staticResources(path: string, template: string, warn: LoadContext['warn']): IacResource[] {
  const lines = template.split('\n').map((line) => {
    const rest = line.replace(ACTION, '').trim();
    if (!rest && ACTION.test(line)) return '';
    return line.replace(ACTION, MARK);
  });
  ACTION.lastIndex = 0;
  const parsed = parseYaml(lines.join('\n'));
  if (parsed.problems.length) {
    warn({ code: 'parse-error', path, message: `line ${parsed.problems[0].line}: not checked: the template neither renders nor reads as YAML without its actions` });
  }
  const docs = parsed.documents.map((d) => ({ ...d, value: unmark(d.value, template) }));
  return placed(path, docs, (line) => line);
}

function unmark(v: IacValue, template: string): IacValue {
  if (typeof v === 'string' && v.includes(MARK)) return new Unknown(v.replaceAll(MARK, '{{ … }}'), []);
  if (Array.isArray(v)) return v.map((x) => unmark(x, template));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unmark(x, template)]));
  return v;
}

export const helmLoader: PlatformLoader = {
  name: 'helm',
  platforms: ['helm'],
  load(ctx: LoadContext): LoadResult {
    const helmFiles = ctx.files.filter((f) => f.platform === 'helm').map((f) => f.path);
    const groups: ResourceGroup[] = [];
    const claimed: string[] = [...helmFiles];
    for (const root of topCharts(helmFiles)) {
      const files = chartFiles(ctx, root);
      const rendered = renderChart({ files, releaseName: RELEASE, namespace: 'default' });
      const failed = new Set<string>();
      for (const e of rendered.errors) {
        failed.add(e.template);
        ctx.warn({ code: 'render-error', path: root + e.template, message: `${e.line ? `line ${e.line}: ` : ''}the template could not be rendered: ${e.message}` });
      }
      const resources: IacResource[] = [];
      for (const m of rendered.manifests) resources.push(...manifestResources(root, m, ctx.warn));
      for (const template of failed) {
        const text = files.get(template);
        if (text !== undefined && /\.ya?ml$/.test(template) && template.includes('templates/')) resources.push(...staticResources(root + template, text, ctx.warn));
      }
      if (resources.length) groups.push({ resources });
    }
    return { groups, claimed };
  },
};
