// pdm.lock (pdm 2, lock_version 4.x): `[[package]]` name/version, `groups` (dev when "default" is not
// among them), `dependencies` as PEP 508 strings (the graph). A package locked with extras appears
// once more with `extras = [...]`: merged into one entry. Direct packages come from pyproject.toml.
import { normalizePackageName } from '../../names';
import type { PackageEntry, PackageExtractor } from '../../types';
import { linkByName } from '../lock-graph';
import { packageEntry } from '../package-entry';
import { arrayTableLines, parseTomlOrWarn, str, strings, tablesOf } from '../toml-lock';
import { declaredInPyproject } from './pyproject';
import { scopeByReach } from './reach-scope';
import { parseRequirementSpec } from './requirement-spec';

const EXTRACTOR = 'pypi/pdm-lock';

export const pdmLockExtractor: PackageExtractor = {
  name: EXTRACTOR,
  version: '1',
  wants: (path) => path === 'pdm.lock' || path.endsWith('/pdm.lock'),
  extract(file, warn, tree) {
    const doc = parseTomlOrWarn(file.text, warn);
    if (!doc) return [];
    const packages = tablesOf(doc, 'package');
    const lines = arrayTableLines(file.text, 'package');
    const declared = declaredInPyproject(tree, file.path);
    const byKey = new Map<string, { entry: PackageEntry; deps: Set<string>; groups: Set<string> }>();
    let nameless = 0;
    packages.forEach((p, i) => {
      const name = str(p.name);
      const version = str(p.version);
      if (!name || version === undefined) return void nameless++;
      const key = `${normalizePackageName('PyPI', name)}@${version}`;
      let got = byKey.get(key);
      if (!got) {
        const line = lines.length === packages.length ? lines[i] : undefined;
        const entry = packageEntry('PyPI', name, version, { path: file.path, line, extractor: EXTRACTOR });
        if (declared) entry.direct = declared.has(entry.name);
        byKey.set(key, (got = { entry, deps: new Set(), groups: new Set() }));
      }
      for (const g of strings(p.groups)) got.groups.add(g);
      for (const d of strings(p.dependencies)) {
        const spec = parseRequirementSpec(d);
        if (spec) got.deps.add(normalizePackageName('PyPI', spec.name));
      }
    });
    if (nameless > 0) warn({ code: 'parse-error', message: `${nameless} [[package]] entries without a name or version were skipped` });
    const all = [...byKey.values()];
    for (const { entry, groups } of all) if (groups.size > 0 && !groups.has('default')) entry.scope = 'dev';
    const entries = all.map((a) => a.entry);
    linkByName(
      entries,
      all.map((a) => [...a.deps]),
    );
    // lock_version before 4.x has no groups per package: the scopes pyproject.toml declares reach down the graph.
    if (declared && all.every((a) => a.groups.size === 0)) scopeByReach(entries, declared);
    return entries;
  },
};
