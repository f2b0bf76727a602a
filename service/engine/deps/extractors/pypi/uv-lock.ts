// uv.lock (uv 0.5+, `version = 1`): `[[package]]` with name, version, source and `dependencies`
// (`{ name = "..." }` tables: the graph). The project itself (and workspace members) are the entries
// whose source is editable or virtual: they are not packages of the inventory but the roots — their
// dependencies are the direct ones, their optional-dependencies optional, their dev-dependencies dev.
// A package only reached through dev (or optional) roots gets that scope.
import { normalizePackageName } from '../../names';
import type { DependencyScope, PackageEntry, PackageExtractor } from '../../types';
import { dependencyPaths, linkByName } from '../lock-graph';
import { packageEntry } from '../package-entry';
import { arrayTableLines, parseTomlOrWarn, str, table, tablesOf, type TomlTable } from '../toml-lock';

const EXTRACTOR = 'pypi/uv-lock';

const namesIn = (list: unknown): string[] =>
  Array.isArray(list) ? list.map((d) => str(table(d)?.name)).filter((n): n is string => !!n).map((n) => normalizePackageName('PyPI', n)) : [];
const namesInGroups = (groups: unknown): string[] => Object.values(table(groups) ?? {}).flatMap(namesIn);

const isProject = (p: TomlTable): boolean => {
  const source = table(p.source);
  return source !== undefined && ('editable' in source || 'virtual' in source);
};

export const uvLockExtractor: PackageExtractor = {
  name: EXTRACTOR,
  version: '1',
  wants: (path) => path === 'uv.lock' || path.endsWith('/uv.lock'),
  extract(file, warn) {
    const doc = parseTomlOrWarn(file.text, warn);
    if (!doc) return [];
    const packages = tablesOf(doc, 'package');
    const lines = arrayTableLines(file.text, 'package');
    const entries: PackageEntry[] = [];
    const dependencyNames: string[][] = [];
    const roots: Record<'runtime' | 'optional' | 'dev', Set<string>> = { runtime: new Set(), optional: new Set(), dev: new Set() };
    let nameless = 0;
    packages.forEach((p, i) => {
      const name = str(p.name);
      if (!name) return void nameless++;
      if (isProject(p)) {
        for (const n of namesIn(p.dependencies)) roots.runtime.add(n);
        for (const n of namesInGroups(p['optional-dependencies'])) roots.optional.add(n);
        for (const n of namesInGroups(p['dev-dependencies'])) roots.dev.add(n);
        return;
      }
      const line = lines.length === packages.length ? lines[i] : undefined;
      entries.push(packageEntry('PyPI', name, str(p.version) ?? '', { path: file.path, line, extractor: EXTRACTOR }));
      dependencyNames.push([...namesIn(p.dependencies), ...namesInGroups(p['optional-dependencies'])]);
    });
    if (nameless > 0) warn({ code: 'parse-error', message: `${nameless} [[package]] entries without a name were skipped` });
    const hasRoots = roots.runtime.size + roots.optional.size + roots.dev.size > 0;
    if (hasRoots) for (const e of entries) e.direct = roots.runtime.has(e.name) || roots.optional.has(e.name) || roots.dev.has(e.name);
    linkByName(entries, dependencyNames);
    if (hasRoots) assignScopes(entries, roots);
    return entries;
  },
};

/** Runtime if reachable from a runtime root dependency, else optional, else dev (in that order). */
function assignScopes(entries: PackageEntry[], roots: Record<'runtime' | 'optional' | 'dev', Set<string>>): void {
  const edges = new Map<string, string[]>();
  for (const e of entries) edges.set(e.purl, e.dependsOn ?? []);
  const purlsOf = (names: Set<string>): string[] => entries.filter((e) => names.has(e.name)).map((e) => e.purl);
  const graph = { edges, nameOf: (k: string) => k };
  const runtime = dependencyPaths(graph, purlsOf(roots.runtime));
  const optional = dependencyPaths(graph, purlsOf(roots.optional));
  const dev = dependencyPaths(graph, purlsOf(roots.dev));
  for (const e of entries) {
    let scope: DependencyScope | undefined;
    if (runtime.has(e.purl)) scope = undefined;
    else if (optional.has(e.purl)) scope = 'optional';
    else if (dev.has(e.purl)) scope = 'dev';
    if (scope) e.scope = scope;
  }
}
