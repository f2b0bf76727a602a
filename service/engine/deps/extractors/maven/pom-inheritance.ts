// A pom's local parents (read through the tree, never from a repository) and what the pom inherits
// from them: properties and managed dependencies. Maven's order: the parent's values first, the
// child's override; `${…}` is interpolated after inheritance with the child's values (so a parent's
// `${project.version}` means the child's version).
import * as posix from 'node:path/posix';
import type { TreeReader } from '../../../inventory';
import type { Warn } from '../../../types';
import { readPom, type Pom, type PomDependency } from './pom-model';

/** Parents followed at most (Maven projects rarely nest more than 3 or 4 deep). */
export const MAX_PARENT_DEPTH = 10;

const parsed = new WeakMap<TreeReader, Map<string, Pom | null>>();

function cacheOf(tree: TreeReader): Map<string, Pom | null> {
  let cache = parsed.get(tree);
  if (!cache) parsed.set(tree, (cache = new Map()));
  return cache;
}

/** Reads the pom being extracted (throws when broken) and keeps it for its children. */
export function readExtractedPom(tree: TreeReader, path: string, text: string): Pom {
  const cache = cacheOf(tree);
  const known = cache.get(path);
  if (known) return known;
  const pom = readPom(path, text);
  cache.set(path, pom);
  return pom;
}

/** A parent pom of the tree, parsed once per tree; a broken one reads as undefined (its own extraction warns). */
function readTreePom(tree: TreeReader, path: string): Pom | undefined {
  const cache = cacheOf(tree);
  if (cache.has(path)) return cache.get(path) ?? undefined;
  let pom: Pom | null = null;
  const text = tree.readText(path);
  if (text !== undefined) {
    try {
      pom = readPom(path, text);
    } catch {
      // The parent's own extraction reports it; the child just inherits nothing from it.
    }
  }
  cache.set(path, pom);
  return pom ?? undefined;
}

const groupOf = (pom: Pom): string | undefined => pom.groupId ?? pom.parent?.groupId;

/** The local parent of `pom`, when its relativePath (default ../pom.xml) leads to a pom of the tree with the coordinates it names. */
function localParent(tree: TreeReader, pom: Pom): Pom | undefined {
  const parent = pom.parent;
  if (!parent || parent.relativePath === '') return undefined;
  const dir = posix.dirname(pom.path) === '.' ? '' : posix.dirname(pom.path);
  let target = tree.resolve(dir, parent.relativePath ?? '../pom.xml');
  if (target === undefined) return undefined;
  if (!target.endsWith('.xml')) target = posix.join(target, 'pom.xml');
  if (!tree.has(target)) return undefined;
  const found = readTreePom(tree, target);
  if (!found || found.artifactId !== parent.artifactId || groupOf(found) !== parent.groupId) return undefined;
  return found;
}

/** `pom` and its local parents, nearest first: bounded, and a cycle stops with a warning. */
export function parentChain(tree: TreeReader, pom: Pom, warn: Warn): Pom[] {
  const chain = [pom];
  const seen = new Set([pom.path]);
  for (let parent = localParent(tree, pom); parent; parent = localParent(tree, parent)) {
    if (seen.has(parent.path)) {
      warn({ code: 'parent-cycle', message: `the parents of this pom lead back to ${parent.path}; inheritance stops there` });
      break;
    }
    if (chain.length > MAX_PARENT_DEPTH) {
      warn({ code: 'parent-depth', message: `more than ${MAX_PARENT_DEPTH} local parents; inheritance stops at ${chain[chain.length - 1].path}` });
      break;
    }
    chain.push(parent);
    seen.add(parent.path);
  }
  return chain;
}

/** The coordinates and property values `${…}` can name, as the pom inherits them. */
export function inheritedProperties(chain: readonly Pom[]): Map<string, string> {
  const properties = new Map<string, string>();
  for (const pom of [...chain].reverse()) for (const [k, v] of pom.properties) properties.set(k, v);
  const pom = chain[0];
  const builtins: [string, string | undefined][] = [
    ['groupId', pom.groupId ?? pom.parent?.groupId],
    ['artifactId', pom.artifactId],
    ['version', pom.version ?? pom.parent?.version],
    ['parent.groupId', pom.parent?.groupId],
    ['parent.artifactId', pom.parent?.artifactId],
    ['parent.version', pom.parent?.version],
  ];
  for (const [name, value] of builtins) {
    if (value === undefined) continue;
    properties.set(`project.${name}`, value);
    properties.set(`pom.${name}`, value);
    if (!name.startsWith('parent.') && !properties.has(name)) properties.set(name, value);
  }
  return properties;
}

/** Maven's key of a managed dependency: groupId:artifactId:type:classifier. */
export const managementKey = (groupId: string, artifactId: string, dep: PomDependency): string => `${groupId}:${artifactId}:${dep.type || 'jar'}:${dep.classifier ?? ''}`;

/** Managed dependencies by managementKey (coordinates interpolated), the nearest pom's winning. */
export function inheritedManagement(chain: readonly Pom[], interpolate: (s: string) => string | undefined): Map<string, PomDependency> {
  const managed = new Map<string, PomDependency>();
  for (const pom of [...chain].reverse()) {
    for (const dep of pom.managed) {
      const groupId = dep.groupId && interpolate(dep.groupId);
      const artifactId = dep.artifactId && interpolate(dep.artifactId);
      if (groupId && artifactId) managed.set(managementKey(groupId, artifactId, dep), dep);
    }
  }
  return managed;
}

const MAX_INTERPOLATION_DEPTH = 8;
const MAX_INTERPOLATED_CHARS = 1024;

/**
 * `value` with every `${name}` replaced; undefined when one is unknown (env.*, settings.*, absent),
 * cyclic, nested too deep or too long. Each property is resolved once per call (a hostile pom whose
 * properties each name another many times would otherwise cost exponential time).
 */
export function interpolate(value: string, properties: ReadonlyMap<string, string>): string | undefined {
  const resolved = new Map<string, string | undefined>();
  const resolving = new Set<string>();
  const expand = (text: string, depth: number): string | undefined => {
    if (!text.includes('${')) return text;
    if (depth >= MAX_INTERPOLATION_DEPTH) return undefined;
    let unresolved = false;
    const out = text.replace(/\$\{([^}]*)\}/g, (_whole, raw: string) => {
      const inner = unresolved ? undefined : property(raw.trim(), depth);
      if (inner === undefined) unresolved = true;
      return inner ?? '';
    });
    return unresolved || out.includes('${') || out.length > MAX_INTERPOLATED_CHARS ? undefined : out;
  };
  const property = (name: string, depth: number): string | undefined => {
    if (resolved.has(name)) return resolved.get(name);
    const raw = properties.get(name);
    if (raw === undefined || resolving.has(name)) return undefined;
    resolving.add(name);
    const out = expand(raw, depth + 1);
    resolving.delete(name);
    resolved.set(name, out);
    return out;
  };
  return expand(value, 0);
}
