// uv.lock (uv 0.5+, `version = 1`): `[[package]]` with name, version, source and `dependencies`
// (`{ name = "..." }` tables: the graph). The project itself (and workspace members) are the entries
// whose source is editable or virtual: they are not packages of the inventory but the roots — their
// dependencies are the direct ones, their optional-dependencies optional, their dev-dependencies dev.
// A package only reached through dev (or optional) roots gets that scope.
import { normalizePackageName } from '../../names';
import type { PackageEntry, PackageExtractor } from '../../types';
import { linkByName, type DependencyRef } from '../lock-graph';
import { packageEntry } from '../package-entry';
import { arrayTableLines, parseTomlOrWarn, str, table, tablesOf, type TomlTable } from '../toml-lock';
import { RANK, type DeclaredScope } from './pyproject';
import { scopeByReach } from './reach-scope';

const EXTRACTOR = 'pypi/uv-lock';

/** `{ name = "x" }` tables; `version` is there when the lock holds several versions of the name. */
function refsIn(list: unknown): { name: string; version?: string }[] {
  if (!Array.isArray(list)) return [];
  const refs: { name: string; version?: string }[] = [];
  for (const d of list) {
    const name = str(table(d)?.name);
    if (name) refs.push({ name: normalizePackageName('PyPI', name), version: str(table(d)?.version) });
  }
  return refs;
}
const namesIn = (list: unknown): string[] => refsIn(list).map((r) => r.name);
const namesInGroups = (groups: unknown): string[] => Object.values(table(groups) ?? {}).flatMap(namesIn);
const refsInGroups = (groups: unknown) => Object.values(table(groups) ?? {}).flatMap(refsIn);

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
    const dependencyNames: DependencyRef[][] = [];
    const roots = new Map<string, DeclaredScope>();
    const declare = (names: string[], scope: DeclaredScope): void => {
      for (const n of names) if (!roots.has(n) || RANK[scope] < RANK[roots.get(n) as DeclaredScope]) roots.set(n, scope);
    };
    let nameless = 0;
    packages.forEach((p, i) => {
      const name = str(p.name);
      if (!name) return void nameless++;
      if (isProject(p)) {
        declare(namesIn(p.dependencies), 'runtime');
        declare(namesInGroups(p['optional-dependencies']), 'optional');
        declare(namesInGroups(p['dev-dependencies']), 'dev');
        return;
      }
      const line = lines.length === packages.length ? lines[i] : undefined;
      entries.push(packageEntry('PyPI', name, str(p.version) ?? '', { path: file.path, line, extractor: EXTRACTOR }));
      dependencyNames.push([...refsIn(p.dependencies), ...refsInGroups(p['optional-dependencies'])]);
    });
    if (nameless > 0) warn({ code: 'parse-error', message: `${nameless} [[package]] entries without a name were skipped` });
    if (roots.size > 0) for (const e of entries) e.direct = roots.has(e.name);
    linkByName(entries, dependencyNames);
    if (roots.size > 0) scopeByReach(entries, roots);
    return entries;
  },
};
