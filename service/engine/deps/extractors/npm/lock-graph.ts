// The shape every npm lockfile reader fills (nodes as the file records them, edges between them, the
// direct dependencies of the root and workspaces), and the one conversion to package entries: direct,
// scope, dependency path (breadth-first, shortest, bounded), dependsOn, one entry per package version.
import type { Warn } from '../../../types';
import { purlOf } from '../../names';
import type { DependencyScope, PackageEntry } from '../../types';

/** How a dependency is declared: `dependencies`, `optionalDependencies`, `peerDependencies`, `devDependencies`. */
export type EdgeKind = 'prod' | 'optional' | 'peer' | 'dev';

export interface LockNode {
  /** The real package name (an alias resolved). */
  name: string;
  /** The registry version; '' for git, tarball and file packages (then `declared` says what it is). */
  version: string;
  declared?: string;
  line?: number;
  license?: string;
  /** The scope the lockfile flags (package-lock, pnpm 5/6); absent when the file has no flags. */
  flaggedScope?: EdgeKind;
  /** Ids of the nodes it depends on (required and optional), as resolved in the file. */
  deps: string[];
  optionalDeps?: string[];
}

export interface DirectDependency {
  id: string;
  kind: EdgeKind;
}

/** Enough for any real lockfile (the largest seen hold ~10k); past it a file is cut with a warning. */
export const MAX_LOCK_NODES = 300_000;
/** Dependency paths longer than this are not given (real trees are < 30 deep). */
const MAX_PATH_DEPTH = 64;
const RANK: Record<EdgeKind, number> = { prod: 0, optional: 1, peer: 2, dev: 3 };
const SCOPE_OF_RANK: (DependencyScope | undefined)[] = [undefined, 'optional', 'peer', 'dev'];

export class LockGraph {
  readonly nodes = new Map<string, LockNode>();
  readonly direct: DirectDependency[] = [];
  /** The file (or the manifest beside it) says which dependencies are direct. */
  directKnown = false;
  /** The file records who depends on whom. */
  edgesKnown = true;
  /** Scopes come from the file's flags rather than from reachability. */
  scopesFlagged = false;
  private cut = false;

  constructor(
    private readonly path: string,
    private readonly warn: Warn,
  ) {}

  /** Adds a node unless the file is past MAX_LOCK_NODES (then warns once and returns false). */
  add(id: string, node: LockNode): boolean {
    if (this.nodes.has(id)) return true;
    if (this.nodes.size >= MAX_LOCK_NODES) {
      if (!this.cut) this.warn({ code: 'too-many-packages', path: this.path, message: `More than ${MAX_LOCK_NODES} packages: the rest of the file is not read` });
      this.cut = true;
      return false;
    }
    this.nodes.set(id, node);
    return true;
  }

  addDirect(id: string | undefined, kind: EdgeKind): void {
    if (id !== undefined && this.nodes.has(id)) this.direct.push({ id, kind });
  }
}

interface Merged {
  entry: PackageEntry;
  rank: number | undefined;
  /** The node whose dependency path is shortest, and its depth. */
  pathId?: string;
  depth: number;
  dependsOn?: string[];
  /** Dedupes dependsOn: the number of the entry that last listed this one. */
  addedBy: number;
  /** The nodes (places in the file) of this package version. */
  ids: string[];
}

/** One package entry per package version (name + version, or name + spec for non-registry ones). */
export function packagesOf(graph: LockGraph, path: string, extractor: string): PackageEntry[] {
  const ranks = graph.scopesFlagged ? undefined : reachRanks(graph);
  const bfs = graph.edgesKnown && graph.directKnown ? breadthFirst(graph) : undefined;
  const directIds = new Set(graph.direct.map((d) => d.id));
  const merged = new Map<string, Merged>();
  const ofNode = new Map<string, Merged>();
  for (const [id, node] of graph.nodes) {
    const key = node.version ? `${node.name}@${node.version}` : `${node.name}@\u0000${node.declared ?? ''}`;
    const rank = graph.scopesFlagged ? RANK[node.flaggedScope ?? 'prod'] : ranks?.get(id);
    let m = merged.get(key);
    if (!m) {
      const entry: PackageEntry = { ecosystem: 'npm', name: node.name, version: node.version, purl: purlOf('npm', node.name, node.version), path, extractor };
      if (node.line !== undefined) entry.line = node.line;
      if (node.declared !== undefined) entry.declared = node.declared;
      if (node.license !== undefined) entry.license = node.license;
      if (graph.directKnown) entry.direct = false;
      m = { entry, rank, depth: Infinity, dependsOn: graph.edgesKnown ? [] : undefined, addedBy: 0, ids: [] };
      merged.set(key, m);
    } else {
      if (node.line !== undefined && (m.entry.line === undefined || node.line < m.entry.line)) m.entry.line = node.line;
      if (rank !== undefined && (m.rank === undefined || rank < m.rank)) m.rank = rank;
      if (m.entry.license === undefined && node.license !== undefined) m.entry.license = node.license;
    }
    ofNode.set(id, m);
    m.ids.push(id);
    if (directIds.has(id)) m.entry.direct = true;
    const depth = bfs?.depth.get(id);
    if (depth !== undefined && depth < m.depth) [m.pathId, m.depth] = [id, depth];
  }

  if (graph.edgesKnown) {
    let index = 0;
    for (const from of merged.values()) {
      index++;
      for (const id of from.ids) {
        const node = graph.nodes.get(id) as LockNode;
        for (const list of node.optionalDeps ? [node.deps, node.optionalDeps] : [node.deps]) {
          for (const d of list) {
            const to = ofNode.get(d);
            // A package version does not depend on itself; each dependency is listed once.
            if (!to || to === from || to.addedBy === index) continue;
            to.addedBy = index;
            from.dependsOn?.push(to.entry.purl);
          }
        }
      }
    }
  }

  const out: PackageEntry[] = [];
  for (const m of merged.values()) {
    const scope = m.rank === undefined ? undefined : SCOPE_OF_RANK[m.rank];
    if (scope) m.entry.scope = scope;
    if (m.dependsOn) m.entry.dependsOn = m.dependsOn;
    if (m.pathId !== undefined && bfs) m.entry.dependencyPath = pathTo(graph, bfs.parent, m.pathId);
    out.push(m.entry);
  }
  return out;
}

/**
 * The best (lowest) rank by which each node is reached from the direct dependencies: a path's rank is
 * its worst edge (a prod dependency of a dev dependency is dev; an optional edge makes it optional at
 * best). Buckets processed in rank order, so each node is settled once: linear.
 */
function reachRanks(graph: LockGraph): Map<string, number> | undefined {
  if (!graph.directKnown) return undefined;
  const rank = new Map<string, number>();
  const buckets: string[][] = [[], [], [], []];
  for (const d of graph.direct) buckets[RANK[d.kind]].push(d.id);
  for (let r = 0; r < buckets.length; r++) {
    const queue = buckets[r];
    for (let q = 0; q < queue.length; q++) {
      const id = queue[q];
      if (rank.has(id)) continue;
      rank.set(id, r);
      const node = graph.nodes.get(id);
      if (!node) continue;
      for (const d of node.deps) if (!rank.has(d)) queue.push(d);
      for (const d of node.optionalDeps ?? []) if (!rank.has(d)) buckets[Math.max(r, RANK.optional)].push(d);
    }
  }
  return rank;
}

/** Multi-source breadth-first search from the direct dependencies, bounded depth: parent and depth per node. */
function breadthFirst(graph: LockGraph): { parent: Map<string, string | null>; depth: Map<string, number> } {
  const parent = new Map<string, string | null>();
  const depth = new Map<string, number>();
  let frontier: string[] = [];
  for (const d of graph.direct) {
    if (!parent.has(d.id)) {
      parent.set(d.id, null);
      depth.set(d.id, 1);
      frontier.push(d.id);
    }
  }
  for (let level = 2; level <= MAX_PATH_DEPTH && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const id of frontier) {
      const node = graph.nodes.get(id);
      if (!node) continue;
      for (const list of node.optionalDeps ? [node.deps, node.optionalDeps] : [node.deps]) {
        for (const d of list) {
          if (parent.has(d) || !graph.nodes.has(d)) continue;
          parent.set(d, id);
          depth.set(d, level);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  return { parent, depth };
}

/** Names from the direct dependency down to `id`, following the search's parents. */
function pathTo(graph: LockGraph, parent: Map<string, string | null>, id: string): string[] {
  const names: string[] = [];
  for (let at: string | null | undefined = id; at != null && names.length < MAX_PATH_DEPTH; at = parent.get(at)) {
    names.push((graph.nodes.get(at) as LockNode).name);
  }
  return names.reverse();
}
