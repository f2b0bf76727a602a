// bun.lock (bun 1.2+, text; JSON with trailing commas): `workspaces` maps each workspace folder to its
// declared dependencies, `packages` maps an install path of names (`react`, `foo/bar`: bar nested under
// foo) to `[ "name@version", registry, { dependencies, optionalDependencies, ... }, integrity ]`.
// Git, tarball and file packages have the spec instead of a version; `workspace:` / `link:` are the
// project's own folders. The binary bun.lockb is not read.
import type { Warn } from '../../../types';
import type { PackageEntry, PackageExtractor } from '../../types';
import { jsonKeyLines, parseJsonc } from '../json-text';
import { LockGraph, type LockNode, packagesOf } from './lock-graph';
import { baseName, SECTIONS, underNodeModules } from './manifest';
import { classifySpec, isRegistryVersion, splitDescriptor } from './spec';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const EXTRACTOR = 'npm/bun-lock';

export function readBunLock(file: { path: string; text: string }, warn: Warn): PackageEntry[] {
  const lock = parseJsonc(file.text);
  if (!isRecord(lock)) throw new Error('not a bun.lock: the top level is not an object');
  const packages = isRecord(lock.packages) ? lock.packages : {};
  const lines = jsonKeyLines(file.text, (parents, key) => (parents.length === 1 && parents[0] === 'packages' ? key : undefined));
  const graph = new LockGraph(file.path, warn);
  let malformed = 0;
  for (const [key, raw] of Object.entries(packages)) {
    if (!Array.isArray(raw) || typeof raw[0] !== 'string') {
      malformed++;
      continue;
    }
    const node = nodeOf(raw[0], lines.get(key));
    if (node && !graph.add(key, node)) break;
  }
  if (malformed > 0) warn({ code: 'parse-error', path: file.path, message: `${malformed} package entr${malformed === 1 ? 'y is' : 'ies are'} not [ "name@version", … ] arrays; skipped` });

  for (const [key, node] of graph.nodes) {
    const info = (packages[key] as unknown[]).slice(1).find(isRecord);
    if (!info) continue;
    const from = namesOf(key);
    for (const [section, optional] of [['dependencies', false], ['optionalDependencies', true], ['peerDependencies', false]] as const) {
      const deps = info[section];
      if (!isRecord(deps)) continue;
      for (const name of Object.keys(deps)) {
        const target = resolveKey(graph, from, name);
        if (target === undefined || target === key) continue;
        if (optional) (node.optionalDeps ??= []).push(target);
        else node.deps.push(target);
      }
    }
  }

  if (isRecord(lock.workspaces)) {
    for (const workspace of Object.values(lock.workspaces)) {
      if (!isRecord(workspace)) continue;
      graph.directKnown = true;
      const from = typeof workspace.name === 'string' && workspace !== lock.workspaces[''] ? [workspace.name] : [];
      for (const [section, kind] of SECTIONS) {
        const deps = workspace[section];
        if (isRecord(deps)) for (const name of Object.keys(deps)) graph.addDirect(resolveKey(graph, from, name), kind);
      }
    }
  }
  return packagesOf(graph, file.path, EXTRACTOR);
}

/** `name@1.2.3` is a registry package; `name@github:…`, `name@https://…` and the like are not. */
function nodeOf(resolved: string, line: number | undefined): LockNode | undefined {
  const split = splitDescriptor(resolved);
  if (!split) return undefined;
  const spec = classifySpec(split.range);
  if (spec.kind === 'local') return undefined;
  const node: LockNode = isRegistryVersion(split.range)
    ? { name: split.name, version: split.range, deps: [] }
    : { name: split.name, version: '', declared: split.range, deps: [] };
  if (line !== undefined) node.line = line;
  return node;
}

/** The names of an install path key: `foo/@scope/bar` -> [foo, @scope/bar]. */
function namesOf(key: string): string[] {
  const segments = key.split('/');
  const names: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    if (segments[i].startsWith('@') && i + 1 < segments.length) names.push(`${segments[i]}/${segments[++i]}`);
    else names.push(segments[i]);
  }
  return names;
}

/** Node's lookup over install paths: nested under `from` first, then each level up. */
function resolveKey(graph: LockGraph, from: readonly string[], name: string): string | undefined {
  for (let depth = from.length; depth >= 0; depth--) {
    const candidate = depth === 0 ? name : `${from.slice(0, depth).join('/')}/${name}`;
    if (graph.nodes.has(candidate)) return candidate;
  }
  return undefined;
}

export const bunLockExtractor: PackageExtractor = {
  name: EXTRACTOR,
  version: '1',
  wants: (path) => baseName(path) === 'bun.lock' && !underNodeModules(path),
  extract: (file, warn) => readBunLock(file, warn),
};
