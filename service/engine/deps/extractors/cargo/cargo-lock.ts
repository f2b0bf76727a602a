// Cargo.lock (v1 to v4): `[[package]]` name, version, source and `dependencies` ("name",
// "name version" or, in v1, "name version (source)"). Packages without a source are the workspace's
// own crates and path dependencies: they are kept (a path crate may share a published name and
// version) and are the graph's roots, so the packages they depend on are the direct ones.
import type { PackageEntry, PackageExtractor } from '../../types';
import { dependencyPaths } from '../lock-graph';
import { packageEntry } from '../package-entry';
import { arrayTableLines, parseTomlOrWarn, str, strings, tablesOf } from '../toml-lock';

const EXTRACTOR = 'cargo/cargo-lock';

export const cargoLockExtractor: PackageExtractor = {
  name: EXTRACTOR,
  version: '1',
  wants: (path) => path === 'Cargo.lock' || path.endsWith('/Cargo.lock'),
  extract(file, warn) {
    const doc = parseTomlOrWarn(file.text, warn);
    if (!doc) return [];
    const packages = tablesOf(doc, 'package');
    const lines = arrayTableLines(file.text, 'package');
    const entries: PackageEntry[] = [];
    const dependencySpecs: string[][] = [];
    const isRoot: boolean[] = [];
    let nameless = 0;
    packages.forEach((p, i) => {
      const name = str(p.name);
      const version = str(p.version);
      if (!name || version === undefined) return void nameless++;
      const line = lines.length === packages.length ? lines[i] : undefined;
      entries.push(packageEntry('crates.io', name, version, { path: file.path, line, extractor: EXTRACTOR }));
      dependencySpecs.push(strings(p.dependencies));
      isRoot.push(str(p.source) === undefined);
    });
    if (nameless > 0) warn({ code: 'parse-error', message: `${nameless} [[package]] entries without a name or version were skipped` });
    link(entries, dependencySpecs, isRoot);
    return entries;
  },
};

/** dependsOn from the dependency strings, direct from the roots, dependencyPath from the direct ones. */
function link(entries: PackageEntry[], specs: string[][], isRoot: boolean[]): void {
  const byName = new Map<string, PackageEntry[]>();
  for (const e of entries) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
  const resolve = (spec: string): PackageEntry | undefined => {
    const [name, version] = spec.trim().split(/\s+/, 2);
    const candidates = byName.get(name) ?? [];
    return version === undefined ? candidates[0] : candidates.find((c) => c.version === version);
  };
  const edges = new Map<string, string[]>();
  const direct = new Set<string>();
  entries.forEach((e, i) => {
    const deps = [...new Set(specs[i].map(resolve).filter((d): d is PackageEntry => d !== undefined && d !== e).map((d) => d.purl))];
    if (deps.length) e.dependsOn = deps;
    edges.set(e.purl, deps);
    if (isRoot[i]) for (const d of deps) direct.add(d);
  });
  const rootPurls = new Set(entries.filter((_, i) => isRoot[i]).map((e) => e.purl));
  if (rootPurls.size === 0) return;
  const graphDirect = [...direct].filter((d) => !rootPurls.has(d));
  const nameOf = new Map(entries.map((e) => [e.purl, e.name]));
  const paths = dependencyPaths({ edges, nameOf: (k) => nameOf.get(k) ?? k }, graphDirect);
  entries.forEach((e, i) => {
    if (isRoot[i]) return;
    e.direct = direct.has(e.purl);
    const path = paths.get(e.purl);
    if (path) e.dependencyPath = path;
  });
}
