// package.json as the lockfile readers need it: the dependencies it declares, by section (to tell
// which locked packages are direct and in which scope), and its workspaces.
import picomatch from 'picomatch';
import type { TreeReader } from '../../../inventory';
import type { EdgeKind } from './lock-graph';

export interface Declared {
  name: string;
  spec: string;
  kind: EdgeKind;
  section: string;
}

/**
 * Sections in the order they win when a name is in several: npm lets optionalDependencies override
 * dependencies; a library's peer is usually also a dev dependency, and the peer says more.
 */
export const SECTIONS: readonly [string, EdgeKind][] = [
  ['optionalDependencies', 'optional'],
  ['dependencies', 'prod'],
  ['peerDependencies', 'peer'],
  ['devDependencies', 'dev'],
];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every declared dependency, one per name (the winning section), in section then file order. */
export function declaredDependencies(manifest: unknown): Declared[] {
  if (!isRecord(manifest)) return [];
  const seen = new Set<string>();
  const out: Declared[] = [];
  for (const [section, kind] of SECTIONS) {
    const deps = manifest[section];
    if (!isRecord(deps)) continue;
    for (const [name, spec] of Object.entries(deps)) {
      if (typeof spec !== 'string' || seen.has(name)) continue;
      seen.add(name);
      out.push({ name, spec, kind, section });
    }
  }
  return out;
}

/** The package.json of a folder of the tree, parsed; undefined when absent or unreadable. */
export function readManifest(tree: TreeReader, dir: string): Record<string, unknown> | undefined {
  const path = joinPath(dir, 'package.json');
  if (!tree.has(path)) return undefined;
  const text = tree.readText(path);
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined; // its own extractor reports it
  }
}

/** `workspaces` globs of a manifest (`[...]` or `{ packages: [...] }`). */
export function workspaceGlobs(manifest: Record<string, unknown> | undefined): string[] {
  const w = manifest?.workspaces;
  const list = Array.isArray(w) ? w : isRecord(w) && Array.isArray(w.packages) ? w.packages : [];
  return list.filter((g): g is string => typeof g === 'string');
}

/** Folders (relative to `dir`) of the tree holding a package.json that the globs select. */
export function workspaceFolders(tree: TreeReader, dir: string, globs: readonly string[]): string[] {
  if (globs.length === 0) return [];
  const isMember = picomatch(globs.map((g) => g.replace(/^\.\//, '').replace(/\/$/, '')), { dot: false });
  const prefix = dir === '' ? '' : `${dir}/`;
  const out: string[] = [];
  for (const file of tree.files) {
    if (!file.path.startsWith(prefix) || !file.path.endsWith('/package.json')) continue;
    const folder = file.path.slice(prefix.length, -'/package.json'.length);
    if (folder.split('/').includes('node_modules')) continue;
    if (isMember(folder)) out.push(folder);
  }
  return out;
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function joinPath(dir: string, rel: string): string {
  if (rel === '' || rel === '.') return dir;
  return dir === '' ? rel : `${dir}/${rel}`;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Not a file of the project: an installed package's copy under node_modules. */
export function underNodeModules(path: string): boolean {
  return path.startsWith('node_modules/') || path.includes('/node_modules/');
}
