// package.json, the manifest: its declared dependencies (ranges in `declared`, the version only when the
// spec pins one exactly). Read only where no lockfile covers the folder: a lockfile beside it, or one at
// a workspace root whose workspaces include this folder. Where a lockfile exists, its own extractor
// gives the locked versions and reads this manifest to mark which are direct; reporting the manifest
// too would list every direct dependency twice. So a package.json entry means "not locked", which is
// what package risk's "unpinned range without a lockfile" looks for.
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import type { TreeReader } from '../../../inventory';
import { purlOf } from '../../names';
import type { PackageEntry, PackageExtractor } from '../../types';
import { jsonKeyLines, parseJson } from '../json-text';
import { baseName, declaredDependencies, dirOf, joinPath, readManifest, SECTIONS, underNodeModules, workspaceGlobs } from './manifest';
import { classifySpec, exactVersion } from './spec';

const EXTRACTOR = 'npm/package-json';
/** The text lockfiles read here (bun.lockb, binary, is not: its folder's manifest is reported). */
export const NPM_LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock'];
const SECTION_NAMES = new Set(SECTIONS.map(([s]) => s));

export function readPackageJson(file: { path: string; text: string }, tree: TreeReader): PackageEntry[] {
  const manifest = parseJson(file.text);
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw new Error('not a package.json: the top level is not an object');
  if (lockedFolder(tree, dirOf(file.path))) return [];
  const declared = declaredDependencies(manifest);
  if (declared.length === 0) return [];
  const lines = jsonKeyLines(file.text, (parents, key) => (parents.length === 1 && SECTION_NAMES.has(parents[0]) ? `${parents[0]}\u0000${key}` : undefined));
  const out: PackageEntry[] = [];
  for (const d of declared) {
    const spec = classifySpec(d.spec);
    if (spec.kind === 'local') continue;
    const name = spec.kind === 'registry' ? (spec.name ?? d.name) : d.name;
    const version = spec.kind === 'registry' ? exactVersion(spec.range) : '';
    const entry: PackageEntry = { ecosystem: 'npm', name, version, purl: purlOf('npm', name, version), path: file.path, direct: true, extractor: EXTRACTOR };
    const line = lines.get(`${d.section}\u0000${d.name}`);
    if (line !== undefined) entry.line = line;
    if (d.kind !== 'prod') entry.scope = d.kind;
    if (!version) entry.declared = spec.kind === 'registry' ? spec.range : d.spec;
    out.push(entry);
  }
  return out;
}

/** A lockfile in this folder, or at an ancestor that declares this folder one of its workspaces. */
function lockedFolder(tree: TreeReader, dir: string): boolean {
  const hasLock = (d: string): boolean => NPM_LOCKFILES.some((l) => tree.has(joinPath(d, l)));
  if (hasLock(dir)) return true;
  for (let child = dir, ancestor = dirOf(dir); child !== ''; child = ancestor, ancestor = dirOf(ancestor)) {
    if (!hasLock(ancestor)) continue;
    const rel = ancestor === '' ? dir : dir.slice(ancestor.length + 1);
    const globs = [...workspaceGlobs(readManifest(tree, ancestor)), ...pnpmWorkspaceGlobs(tree, ancestor)];
    if (globs.length > 0 && picomatch(globs.map((g) => g.replace(/^\.\//, '').replace(/\/$/, '')))(rel)) return true;
  }
  return false;
}

function pnpmWorkspaceGlobs(tree: TreeReader, dir: string): string[] {
  const path = joinPath(dir, 'pnpm-workspace.yaml');
  if (!tree.has(path)) return [];
  try {
    const parsed: unknown = parseYaml(tree.readText(path) ?? '');
    const list = (parsed as { packages?: unknown } | null)?.packages;
    return Array.isArray(list) ? list.filter((g): g is string => typeof g === 'string' && !g.startsWith('!')) : [];
  } catch {
    return [];
  }
}

export const packageJsonExtractor: PackageExtractor = {
  name: EXTRACTOR,
  version: '1',
  wants: (path) => baseName(path) === 'package.json' && !underNodeModules(path),
  extract: (file, _warn, tree) => readPackageJson(file, tree),
};
