// package-lock.json v1 (npm 5 and 6): a nested `dependencies` tree, each entry with version, flags
// (dev, optional), `requires` (name -> range) resolved Node's way up the nesting, and its own nested
// `dependencies`. The file does not say which dependencies are direct: the package.json beside it does.
import type { TreeReader } from '../../../inventory';
import type { Warn } from '../../../types';
import { jsonKeyLines } from '../json-text';
import type { LockGraph, LockNode } from './lock-graph';
import { declaredDependencies, dirOf, readManifest } from './manifest';
import { isRegistryVersion, splitDescriptor } from './spec';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const SEP = '\u0000';
/** Nesting deeper than this is not real npm output. */
const MAX_NESTING = 128;

export function readPackageLockV1(dependencies: Json, file: { path: string; text: string }, graph: LockGraph, warn: Warn, tree: TreeReader): void {
  const lines = jsonKeyLines(file.text, v1EntryName);
  graph.scopesFlagged = true;
  const requires: [LockNode, string, string[]][] = []; // node, its id, required names
  const stack: [string, Json, number][] = [['', dependencies, 0]];
  let malformed = 0;
  let cut = false;
  while (stack.length > 0 && !cut) {
    const [parentId, deps, depth] = stack.pop() as [string, Json, number];
    for (const [key, raw] of Object.entries(deps)) {
      const id = parentId === '' ? key : parentId + SEP + key;
      if (!isRecord(raw) || typeof raw.version !== 'string') {
        malformed++;
        continue;
      }
      const node = nodeOf(key, raw.version, lines.get(id));
      if (raw.dev === true) node.flaggedScope = 'dev';
      else if (raw.optional === true) node.flaggedScope = 'optional';
      if (!graph.add(id, node)) {
        cut = true;
        break;
      }
      if (isRecord(raw.requires)) requires.push([node, id, Object.keys(raw.requires)]);
      if (isRecord(raw.dependencies) && depth < MAX_NESTING) stack.push([id, raw.dependencies, depth + 1]);
    }
  }
  if (malformed > 0) warn({ code: 'parse-error', path: file.path, message: `${malformed} dependency entr${malformed === 1 ? 'y has' : 'ies have'} no version; skipped` });

  for (const [node, id, names] of requires) {
    for (const name of names) {
      const target = resolveUp(graph, id, name);
      if (target !== undefined) node.deps.push(target);
    }
  }

  const manifest = readManifest(tree, dirOf(file.path));
  if (manifest) {
    graph.directKnown = true;
    for (const d of declaredDependencies(manifest)) graph.addDirect(d.name, d.kind);
  }
}

/** Keys of `dependencies` objects at any nesting: dependencies.a.dependencies.b -> "a\0b". */
function v1EntryName(parents: readonly string[], key: string): string | undefined {
  if (parents.length % 2 === 0) return undefined;
  for (let i = 0; i < parents.length; i += 2) if (parents[i] !== 'dependencies') return undefined;
  if (parents.length === 1) return key;
  let id = '';
  for (let i = 1; i < parents.length; i += 2) id += parents[i] + SEP;
  return id + key;
}

/** v1 versions: a registry version, `npm:real@1.0.0` for an alias, or the git / file / tarball spec. */
function nodeOf(key: string, version: string, line: number | undefined): LockNode {
  const alias = version.startsWith('npm:') ? splitDescriptor(version.slice(4)) : undefined;
  let node: LockNode;
  if (alias && isRegistryVersion(alias.range)) node = { name: alias.name, version: alias.range, deps: [] };
  else if (isRegistryVersion(version)) node = { name: key, version, deps: [] };
  else node = { name: key, version: '', declared: version, deps: [] };
  if (line !== undefined) node.line = line;
  return node;
}

/** The entry a `requires` name means from node `id`: its own nested one, then each enclosing level's. */
function resolveUp(graph: LockGraph, id: string, name: string): string | undefined {
  let base = id;
  for (;;) {
    const candidate = base === '' ? name : base + SEP + name;
    if (graph.nodes.has(candidate)) return candidate;
    if (base === '') return undefined;
    const up = base.lastIndexOf(SEP);
    base = up < 0 ? '' : base.slice(0, up);
  }
}
