// packages.lock.json (NuGet restore with RestorePackagesWithLockFile, lock versions 1 and 2): per
// target framework (and runtime), every package restore resolved, typed Direct, Transitive,
// CentralTransitive (central package management) or Project (a project reference, not a package).
// The same package and version under several frameworks is one entry.
import type { PackageEntry, PackageExtractor } from '../../types';
import type { Warn } from '../../../types';
import { dependencyPaths } from './dependency-paths';
import { nugetEntry, nugetPurl } from './entry';
import { keyPath, keyPathLines, parseJson } from '../json-text';
import { normalizePackageName } from '../../names';

const NAME = 'nuget/packages-lock';

interface LockedPackage {
  type?: string;
  requested?: string;
  resolved?: string;
  dependencies?: Record<string, string>;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const packagesLockExtractor: PackageExtractor = {
  name: NAME,
  version: '1',
  wants: (path) => path === 'packages.lock.json' || path.endsWith('/packages.lock.json'),
  extract({ path, text }, warn) {
    const lock = parseJson(text);
    if (!isObject(lock) || !isObject(lock.dependencies)) throw new Error('no "dependencies" map of target frameworks');
    const lines = keyPathLines(text, 3);
    const byKey = new Map<string, PackageEntry>();
    for (const [framework, packages] of Object.entries(lock.dependencies)) {
      if (!isObject(packages)) continue;
      for (const entry of frameworkEntries(path, framework, packages, lines, warn)) {
        const key = `${entry.name}@${entry.version}`;
        const known = byKey.get(key);
        if (!known) byKey.set(key, entry);
        else merge(known, entry);
      }
    }
    return [...byKey.values()];
  },
};

function frameworkEntries(path: string, framework: string, packages: Record<string, unknown>, lines: Map<string, number>, warn: Warn): PackageEntry[] {
  const resolved = new Map<string, string>();
  const edges = new Map<string, string[]>();
  const direct: string[] = [];
  const viaProjects: string[] = [];
  for (const [name, value] of Object.entries(packages)) {
    if (!isObject(value)) continue;
    const pkg = value as LockedPackage;
    const normal = normalizePackageName('NuGet', name);
    const deps = isObject(pkg.dependencies) ? Object.keys(pkg.dependencies).map((d) => normalizePackageName('NuGet', d)) : [];
    if (pkg.type === 'Project') {
      for (const d of deps) viaProjects.push(d);
      continue;
    }
    edges.set(normal, deps);
    if (typeof pkg.resolved === 'string' && pkg.resolved !== '') resolved.set(normal, pkg.resolved);
    if (pkg.type === 'Direct') direct.push(normal);
  }
  const paths = dependencyPaths(edges, [...direct, ...viaProjects]);
  const entries: PackageEntry[] = [];
  for (const [name, value] of Object.entries(packages)) {
    if (!isObject(value) || value.type === 'Project') continue;
    const pkg = value as LockedPackage;
    const line = lines.get(keyPath('dependencies', framework, name));
    const normal = normalizePackageName('NuGet', name);
    const version = resolved.get(normal);
    if (version === undefined) {
      warn({ code: 'parse-error', message: `line ${line ?? '?'}: ${framework} package entry without a resolved version, skipped` });
      continue;
    }
    const dependsOn = (edges.get(normal) ?? []).flatMap((d) => {
      const v = resolved.get(d);
      return v === undefined ? [] : [nugetPurl(d, v)];
    });
    entries.push(
      nugetEntry(NAME, path, name, version, {
        line,
        direct: pkg.type === 'Direct' ? true : pkg.type === 'Transitive' || pkg.type === 'CentralTransitive' ? false : undefined,
        declared: pkg.type === 'Direct' && typeof pkg.requested === 'string' ? pkg.requested : undefined,
        dependsOn: dependsOn.length ? dependsOn : undefined,
        dependencyPath: paths.get(normal),
      }),
    );
  }
  return entries;
}

/** The same package and version under another framework: direct if any says so, edges united. */
function merge(into: PackageEntry, other: PackageEntry): void {
  if (other.direct) into.direct = true;
  if (other.direct && !into.declared) into.declared = other.declared;
  if (other.dependsOn) into.dependsOn = [...new Set([...(into.dependsOn ?? []), ...other.dependsOn])];
  if (!into.dependencyPath || (other.dependencyPath && other.dependencyPath.length < into.dependencyPath.length)) into.dependencyPath = other.dependencyPath ?? into.dependencyPath;
}
