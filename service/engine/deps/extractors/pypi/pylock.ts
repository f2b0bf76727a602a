// pylock.toml and pylock.<name>.toml (PEP 751, lock-version 1.0): `[[packages]]` with name and
// version (absent for source trees and VCS checkouts: kept with version ''), and `dependencies`
// (`{ name = ... }` tables, informational) as the graph. The file does not say which are direct.
import { normalizePackageName } from '../../names';
import type { PackageEntry, PackageExtractor } from '../../types';
import { linkByName } from '../lock-graph';
import { packageEntry } from '../package-entry';
import { arrayTableLines, parseTomlOrWarn, str, table, tablesOf } from '../toml-lock';

const EXTRACTOR = 'pypi/pylock';

export const isPylock = (path: string): boolean => /(^|\/)pylock\.([^/.]+\.)?toml$/.test(path);

export const pylockExtractor: PackageExtractor = {
  name: EXTRACTOR,
  version: '1',
  wants: (path) => isPylock(path),
  extract(file, warn) {
    const doc = parseTomlOrWarn(file.text, warn);
    if (!doc) return [];
    const packages = tablesOf(doc, 'packages');
    const lines = arrayTableLines(file.text, 'packages');
    const entries: PackageEntry[] = [];
    const dependencyNames: string[][] = [];
    let nameless = 0;
    packages.forEach((p, i) => {
      const name = str(p.name);
      if (!name) return void nameless++;
      const line = lines.length === packages.length ? lines[i] : undefined;
      entries.push(packageEntry('PyPI', name, str(p.version) ?? '', { path: file.path, line, extractor: EXTRACTOR }));
      const deps = Array.isArray(p.dependencies) ? p.dependencies.map((d) => str(table(d)?.name)).filter((n): n is string => !!n) : [];
      dependencyNames.push(deps.map((d) => normalizePackageName('PyPI', d)));
    });
    if (nameless > 0) warn({ code: 'parse-error', message: `${nameless} [[packages]] entries without a name were skipped` });
    linkByName(entries, dependencyNames);
    return entries;
  },
};
