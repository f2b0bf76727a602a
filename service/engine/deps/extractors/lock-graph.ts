// Dependency paths from a lockfile's graph, shared by the extractors whose files hold one: a
// breadth-first walk from every direct dependency at once, so each package gets one of its shortest
// paths. Each node is entered once, so cycles end the walk and its cost is bounded by the graph.
import type { PackageEntry } from '../types';

/** Nodes (any string key, e.g. a purl) and their out-edges, with each node's display name. */
export interface LockGraph {
  edges: ReadonlyMap<string, readonly string[]>;
  nameOf(key: string): string;
}

/** Upper bound on edges followed, whatever the file holds (hostile lockfiles). */
const MAX_EDGES = 2_000_000;
/**
 * Longest path kept: every path is its own array, so a hostile 100k-long chain would otherwise cost
 * n²/2 names. Real chains are far shorter; nodes deeper than this simply get no path.
 */
export const MAX_PATH_LENGTH = 64;

/** For every node reachable from `direct`: the names from a direct dependency down to it (direct first). */
export function dependencyPaths(graph: LockGraph, direct: Iterable<string>): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  const queue: string[] = [];
  for (const key of direct) {
    if (paths.has(key)) continue;
    paths.set(key, [graph.nameOf(key)]);
    queue.push(key);
  }
  let edgesFollowed = 0;
  for (let head = 0; head < queue.length && edgesFollowed < MAX_EDGES; head++) {
    const from = queue[head];
    const path = paths.get(from) as string[];
    if (path.length >= MAX_PATH_LENGTH) continue;
    for (const to of graph.edges.get(from) ?? []) {
      if (++edgesFollowed > MAX_EDGES) break;
      if (paths.has(to)) continue;
      paths.set(to, [...path, graph.nameOf(to)]);
      queue.push(to);
    }
  }
  return paths;
}

/**
 * Bounds on what one entry links to, whatever a hostile file repeats: versions of one name a bare
 * name links to (real locks hold one to three), and purls in one dependsOn.
 */
const MAX_VERSIONS_LINKED = 16;
const MAX_DEPENDS_ON = 4096;

/** A dependency as a lockfile names it: a normalised name, or a name and the exact version locked. */
export type DependencyRef = string | { name: string; version?: string };

/**
 * Fills `dependsOn` (purls) from each entry's dependencies (matched against the entries of the same
 * file: the version given, else every locked version of the name), then `dependencyPath` from the
 * entries marked direct, when some are.
 */
export function linkByName(entries: PackageEntry[], dependencyNames: readonly (readonly DependencyRef[])[]): void {
  const purlsByName = new Map<string, Set<string>>();
  const nameByPurl = new Map<string, string>();
  const purlByVersion = new Map<string, string>();
  for (const e of entries) {
    purlByVersion.set(`${e.name}\u0000${e.version}`, e.purl);
    const known = purlsByName.get(e.name);
    if (!known) purlsByName.set(e.name, new Set([e.purl]));
    else if (known.size < MAX_VERSIONS_LINKED) known.add(e.purl);
    nameByPurl.set(e.purl, e.name);
  }
  const edges = new Map<string, string[]>();
  entries.forEach((e, i) => {
    const out = new Set<string>();
    for (const ref of dependencyNames[i] ?? []) {
      const name = typeof ref === 'string' ? ref : ref.name;
      const exact = typeof ref === 'string' || ref.version === undefined ? undefined : purlByVersion.get(`${name}\u0000${ref.version}`);
      for (const purl of exact ? [exact] : (purlsByName.get(name) ?? [])) if (purl !== e.purl) out.add(purl);
      if (out.size >= MAX_DEPENDS_ON) break;
    }
    const deps = [...out];
    if (deps.length) e.dependsOn = deps;
    const merged = edges.get(e.purl);
    edges.set(e.purl, merged ? [...new Set([...merged, ...deps])] : deps);
  });
  const direct = entries.filter((e) => e.direct === true).map((e) => e.purl);
  if (direct.length === 0) return;
  const paths = dependencyPaths({ edges, nameOf: (k) => nameByPurl.get(k) ?? k }, direct);
  for (const e of entries) {
    const path = paths.get(e.purl);
    if (path) e.dependencyPath = path;
  }
}
