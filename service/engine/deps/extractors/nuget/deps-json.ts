// *.deps.json (what `dotnet build` / `dotnet publish` write beside an application): `libraries` lists
// every library the application loads, keyed `Name/Version`, typed package, project or reference
// (only packages are kept); `targets` holds each library's dependencies, so the graph, and which
// packages a project of the application names (direct) or another package pulls in (transitive).
import { normalizePackageName } from '../../names';
import type { PackageEntry, PackageExtractor } from '../../types';
import { dependencyPaths } from './dependency-paths';
import { nugetEntry, nugetPurl } from './entry';
import { keyPath, keyPathLines, parseJson } from '../json-text';

const NAME = 'nuget/deps-json';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `Name/Version` -> [name, version]; undefined when there is no slash. */
function splitKey(key: string): [string, string] | undefined {
  const at = key.lastIndexOf('/');
  return at > 0 && at < key.length - 1 ? [key.slice(0, at), key.slice(at + 1)] : undefined;
}

export const depsJsonExtractor: PackageExtractor = {
  name: NAME,
  version: '1',
  wants: (path) => path.endsWith('.deps.json'),
  extract({ path, text }, warn) {
    const doc = parseJson(text);
    if (!isObject(doc) || !isObject(doc.libraries)) throw new Error('no "libraries" map');
    const lines = keyPathLines(text, 2);

    const packages = new Map<string, { name: string; version: string; key: string }>();
    const projects = new Set<string>();
    for (const [key, library] of Object.entries(doc.libraries)) {
      const split = splitKey(key);
      if (!split || !isObject(library)) {
        warn({ code: 'parse-error', message: `line ${lines.get(keyPath('libraries', key)) ?? '?'}: library "${key.slice(0, 80)}" is not Name/Version, skipped` });
        continue;
      }
      const normal = normalizePackageName('NuGet', split[0]);
      if (library.type === 'package') packages.set(normal, { name: split[0], version: split[1], key });
      else if (library.type === 'project') projects.add(normal);
    }

    // Edges from every target (framework and framework/runtime), united.
    const edges = new Map<string, Set<string>>();
    const direct: string[] = [];
    for (const target of Object.values(isObject(doc.targets) ? doc.targets : {})) {
      if (!isObject(target)) continue;
      for (const [key, library] of Object.entries(target)) {
        const split = splitKey(key);
        if (!split || !isObject(library) || !isObject(library.dependencies)) continue;
        const from = normalizePackageName('NuGet', split[0]);
        const to = Object.keys(library.dependencies).map((d) => normalizePackageName('NuGet', d));
        if (projects.has(from)) for (const d of to) if (packages.has(d)) direct.push(d);
        const set = edges.get(from) ?? new Set<string>();
        for (const d of to) set.add(d);
        edges.set(from, set);
      }
    }
    const directSet = new Set(direct);
    const paths = dependencyPaths(new Map([...edges].map(([k, v]) => [k, [...v]])), direct);

    const entries: PackageEntry[] = [];
    for (const [normal, pkg] of packages) {
      const dependsOn = [...(edges.get(normal) ?? [])].flatMap((d) => {
        const dep = packages.get(d);
        return dep ? [nugetPurl(dep.name, dep.version)] : [];
      });
      entries.push(
        nugetEntry(NAME, path, pkg.name, pkg.version, {
          line: lines.get(keyPath('libraries', pkg.key)),
          direct: projects.size > 0 ? directSet.has(normal) : undefined,
          dependsOn: dependsOn.length ? dependsOn : undefined,
          dependencyPath: paths.get(normal),
        }),
      );
    }
    return entries;
  },
};
