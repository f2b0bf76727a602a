// The 'iac' scanner: detect each candidate file's platform, let the platform loaders turn files into
// resource groups of the five models, then judge every resource with the rules indexed for its type.
import { errorLine } from '../error-text';
import type { ProjectScanner, ProjectView, ScanContext, ScanOutput } from '../types';
import { platformByContent, platformByPath, wantsIacPath } from './detect';
import { iacRuleMeta, evaluateGroups, indexRules, type RuleIndex } from './evaluate';
import { platformLoaders } from './platforms';
import { iacRules } from './rules';
import type { DetectedFile, IacOptions, IacPlatform, IacRule, PlatformLoader, ResourceGroup } from './types';

export const IAC_SCANNER_NAME = 'iac';
export const IAC_SCANNER_VERSION = '1';

/** The folders of the tree that hold a Chart.yaml: everything under them is Helm's. */
function chartRoots(project: Pick<ProjectView, 'files'>): string[] {
  const roots: string[] = [];
  for (const f of project.files) {
    if (f.path === 'Chart.yaml') roots.push('');
    else if (f.path.endsWith('/Chart.yaml')) roots.push(f.path.slice(0, -'Chart.yaml'.length));
  }
  return roots;
}

export function detectFiles(project: ProjectView, text: (path: string) => string | undefined): DetectedFile[] {
  const roots = chartRoots(project);
  const inChart = (path: string) => roots.some((r) => r === '' || path.startsWith(r));
  const out: DetectedFile[] = [];
  for (const f of project.wanted) {
    const byPath = platformByPath(f.path);
    if (byPath === undefined) continue;
    if (inChart(f.path)) {
      out.push({ ...f, platform: 'helm' });
      continue;
    }
    if (byPath !== 'content') {
      out.push({ ...f, platform: byPath });
      continue;
    }
    const t = text(f.path);
    if (t === undefined) continue;
    out.push({ ...f, platform: platformByContent(f.path, t) });
  }
  return out;
}

export function makeIacScanner(loaders: readonly PlatformLoader[], rules: readonly IacRule[]): ProjectScanner<IacOptions> {
  const fullIndex = indexRules(rules);
  const indexes = new Map<string, RuleIndex>();
  const indexFor = (only: readonly string[] | undefined): RuleIndex => {
    if (!only) return fullIndex;
    const key = [...only].sort().join(',');
    let index = indexes.get(key);
    if (!index) {
      const wanted = new Set(only);
      index = indexRules(rules.filter((r) => wanted.has(r.id)));
      if (indexes.size < 1000) indexes.set(key, index);
    }
    return index;
  };
  return {
    kind: 'project',
    name: IAC_SCANNER_NAME,
    version: IAC_SCANNER_VERSION,
    category: 'iac',
    rules: rules.map(iacRuleMeta),
    defaultOptions: {},
    wants: (path) => wantsIacPath(path),
    async scanProject(project: ProjectView, ctx: ScanContext<IacOptions>): Promise<ScanOutput> {
      const texts = new Map<string, string | undefined>();
      const text = (path: string): string | undefined => {
        if (texts.has(path)) return texts.get(path);
        const t = project.has(path) ? project.readText(path) : undefined;
        texts.set(path, t);
        return t;
      };
      const platforms = ctx.options?.platforms?.length ? new Set<IacPlatform>(ctx.options.platforms) : undefined;
      const detected = detectFiles(project, text).filter((f) => f.platform !== undefined);
      const claimed = new Set<string>();
      const groups: ResourceGroup[] = [];
      for (const loader of loaders) {
        if (ctx.signal?.aborted) break;
        if (platforms && !loader.platforms.some((p) => platforms.has(p))) continue;
        const files = detected.filter((f) => !claimed.has(f.path) && (!platforms || platforms.has(f.platform!)));
        try {
          const loaded = await loader.load({ project, files, text, warn: ctx.warn });
          for (const g of loaded.groups) {
            groups.push(platforms ? { resources: g.resources.filter((r) => platforms.has(r.platform)) } : g);
          }
          for (const p of loaded.claimed ?? []) claimed.add(p);
        } catch (err) {
          ctx.warn({ code: 'parse-error', message: `The ${loader.name} loader failed: ${errorLine(err)}` });
        }
      }
      const { findings, results } = evaluateGroups(groups, indexFor(ctx.options?.rules), text, ctx.warn);
      return { findings, results };
    },
  };
}

export const iacScanner: ProjectScanner<IacOptions> = makeIacScanner(platformLoaders, iacRules);
