// poetry.lock (Poetry 1.x and 2.x): `[[package]]` name/version; dev from `category = "dev"` (1.x) or
// `groups` without "main" (2.x); `[package.dependencies]` gives the graph. The lock does not say which
// packages are direct: pyproject.toml beside it does, when present.
import type { PackageEntry, PackageExtractor } from '../../types';
import { linkByName } from '../lock-graph';
import { packageEntry } from '../package-entry';
import { arrayTableLines, parseTomlOrWarn, str, strings, table, tablesOf } from '../toml-lock';
import { normalizePackageName } from '../../names';
import { declaredInPyproject } from './pyproject';
import { scopeByReach } from './reach-scope';

const EXTRACTOR = 'pypi/poetry-lock';

export const poetryLockExtractor: PackageExtractor = {
  name: EXTRACTOR,
  version: '1',
  wants: (path) => path === 'poetry.lock' || path.endsWith('/poetry.lock'),
  extract(file, warn, tree) {
    const doc = parseTomlOrWarn(file.text, warn);
    if (!doc) return [];
    const packages = tablesOf(doc, 'package');
    const lines = arrayTableLines(file.text, 'package');
    const declared = declaredInPyproject(tree, file.path);
    const entries: PackageEntry[] = [];
    const dependencyNames: string[][] = [];
    let nameless = 0;
    packages.forEach((p, i) => {
      const name = str(p.name);
      const version = str(p.version);
      if (!name || version === undefined) return void nameless++;
      const groups = strings(p.groups);
      const dev = p.category === 'dev' || (groups.length > 0 && !groups.includes('main'));
      const scope = dev ? 'dev' : p.optional === true ? 'optional' : undefined;
      const line = lines.length === packages.length ? lines[i] : undefined;
      const normal = normalizePackageName('PyPI', name);
      entries.push(packageEntry('PyPI', name, version, { path: file.path, line, extractor: EXTRACTOR }, { scope, direct: declared ? declared.has(normal) : undefined }));
      dependencyNames.push(Object.keys(table(p.dependencies) ?? {}).map((d) => normalizePackageName('PyPI', d)));
    });
    if (nameless > 0) warn({ code: 'parse-error', message: `${nameless} [[package]] entries without a name or version were skipped` });
    linkByName(entries, dependencyNames);
    // Poetry 1.5–1.8 records no category or groups: the scopes pyproject.toml declares reach down the graph.
    const recordsScope = packages.some((p) => p.category !== undefined || p.groups !== undefined);
    if (declared && !recordsScope) scopeByReach(entries, declared);
    return entries;
  },
};
