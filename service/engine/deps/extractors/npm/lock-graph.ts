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

/** One package entry per package version (name + version, or name + spec for non-registry ones). */
export function packagesOf(graph: LockGraph, path: string, extractor: string): PackageEntry[] {
  const ranks = graph.scopesFlagged ? undefined : reachRanks(graph);
  const paths = graph.edgesKnown && graph.directKnown ? shortestPaths(graph) : undefined;
  const directIds = new Set(graph.direct.map((d) => d.id));
  const purls = new Map<string, string>();
  const purl = (node: LockNode): string => {
    const key = `${node.name}@${node.version}`;
    let p = purls.get(key);
    if (p === undefined) purls.set(key, (p = purlOf('npm', node.name, node.version)));
    return p;
  };

  const merged = new Map<string, { entry: PackageEntry; rank: number | undefined; deps?: Set<string> }>();
  for (const [id, node] of graph.nodes) {
    const key = `${node.name}@${node.version || `\u0000${node.declared ?? ''}`}`;
    const rank = graph.scopesFlagged ? RANK[node.flaggedScope ?? 'prod'] : ranks?.get(id);
    const nodePath = paths?.get(id);
    let m = merged.get(key);
    if (!m) {
      const entry: PackageEntry = { ecosystem: 'npm', name: node.name, version: node.version, purl: purl(node), path, extractor };
      if (node.line !== undefined) entry.line = node.line;
      if (node.declared !== undefined) entry.declared = node.declared;
      if (node.license !== undefined) entry.license = node.license;
      if (graph.directKnown) entry.direct = false;
      m = { entry, rank, deps: graph.edgesKnown ? new Set() : undefined };
      merged.set(key, m);
    } else {
      if (node.line !== undefined && (m.entry.line === undefined || node.line < m.entry.line)) m.entry.line = node.line;
      if (rank !== undefined && (m.rank === undefined || rank < m.rank)) m.rank = rank;
      if (m.entry.license === undefined && node.license !== undefined) m.entry.license = node.license;
    }
    if (directIds.has(id)) m.entry.direct = true;
    if (nodePath && (!m.entry.dependencyPath || nodePath.length < m.entry.dependencyPath.length)) m.entry.dependencyPath = nodePath;
    if (m.deps) {
      for (const d of node.deps) addPurl(m.deps, graph, d, purl);
      for (const d of node.optionalDeps ?? []) addPurl(m.deps, graph, d, purl);
    }
  }

  const out: PackageEntry[] = [];
  for (const { entry, rank, deps } of merged.values()) {
    const scope = rank === undefined ? undefined : SCOPE_OF_RANK[rank];
    if (scope) entry.scope = scope;
    if (deps) {
      deps.delete(entry.purl); // a package version does not depend on itself
      entry.dependsOn = [...deps];
    }
    out.push(entry);
  }
  return out;
}

function addPurl(into: Set<string>, graph: LockGraph, id: string, purl: (n: LockNode) => string): void {
  const node = graph.nodes.get(id);
  if (node) into.add(purl(node));
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

/** Names from a direct dependency down to each node: multi-source breadth-first, bounded depth. */
function shortestPaths(graph: LockGraph): Map<string, string[]> {
  const parent = new Map<string, string | null>();
  let frontier: string[] = [];
  for (const d of graph.direct) {
    if (!parent.has(d.id)) {
      parent.set(d.id, null);
      frontier.push(d.id);
    }
  }
  for (let depth = 1; depth < MAX_PATH_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      const node = graph.nodes.get(id);
      if (!node) continue;
      for (const list of [node.deps, node.optionalDeps ?? []]) {
        for (const d of list) {
          if (parent.has(d) || !graph.nodes.has(d)) continue;
          parent.set(d, id);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  const paths = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const names: string[] = [];
    for (let at: string | null | undefined = id; at != null && names.length <= MAX_PATH_DEPTH; at = parent.get(at)) {
      names.push(graph.nodes.get(at)?.name ?? at);
    }
    paths.set(id, names.reverse());
  }
  return paths;
}
