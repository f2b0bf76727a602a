// pnpm-lock.yaml, read by a fast reader of the YAML pnpm writes (pnpm-yaml.ts), else with yaml's
// Document API (lines of the package keys come with either):
//   v5 (pnpm 7):  packages `/name/1.2.3_peer@1.0.0`, root dependencies `name: 1.2.3_peer@1.0.0`, dev flags;
//   v6 (pnpm 8):  packages `/name@1.2.3(peer@1.0.0)`, root dependencies `{ specifier, version }`, dev flags;
//   v9 (pnpm 9):  `packages` (`name@1.2.3`: resolution) + `snapshots` (`name@1.2.3(peer@1.0.0)`: the
//                 graph) + `importers`; no dev flags (scopes come from what the importers reach).
// Workspaces are importers (`.`, `packages/a`); `link:` dependencies are the project's own folders.
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Warn } from '../../../types';
import type { PackageEntry, PackageExtractor } from '../../types';
import { type EdgeKind, LockGraph, type LockNode, packagesOf } from './lock-graph';
import { baseName, underNodeModules } from './manifest';
import { type PnpmYaml, readPnpmYaml } from './pnpm-yaml';
import { isRegistryTarball, isRegistryVersion, splitDescriptor } from './spec';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const EXTRACTOR = 'npm/pnpm-lock';
type Format = 5 | 6 | 9;

const IMPORTER_SECTIONS: readonly [string, EdgeKind][] = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['devDependencies', 'dev'],
];

export function readPnpmLock(file: { path: string; text: string }, warn: Warn): PackageEntry[] {
  const parsed = readPnpmYaml(file.text) ?? parseWithYaml(file.text);
  if (!parsed) return [];
  const { data: lock, keyLines: lines } = parsed;
  const format = formatOf(lock.lockfileVersion);
  const graph = new LockGraph(file.path, warn);
  const packages = isRecord(lock.packages) ? lock.packages : {};
  if (format === 9) readSnapshots(graph, packages, isRecord(lock.snapshots) ? lock.snapshots : packages, lines);
  else readPackages(graph, packages, format, lines);
  readImporters(graph, lock, format);
  return packagesOf(graph, file.path, EXTRACTOR);
}

/** The general YAML parser, for what the fast reader does not take; undefined for an empty file. */
function parseWithYaml(text: string): PnpmYaml | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  if (doc.errors.length > 0) throw doc.errors[0];
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) return undefined;
  if (!isRecord(data)) throw new Error('not a pnpm lockfile: the top level is not a mapping');
  const keyLines = new Map<string, number>();
  for (const section of ['snapshots', 'packages']) {
    const map = doc.get(section, true);
    if (!isMap(map)) continue;
    for (const pair of map.items) {
      if (isScalar(pair.key) && pair.key.range) keyLines.set(String(pair.key.value), counter.linePos(pair.key.range[0]).line);
    }
  }
  return { data, keyLines };
}

function formatOf(version: unknown): Format {
  const major = Number.parseFloat(String(version ?? ''));
  if (major >= 9 || major === 7) return 9;
  if (major >= 6) return 6;
  return 5;
}

/** v5 and v6: one `packages` map holding the graph and the dev / optional flags. */
function readPackages(graph: LockGraph, packages: Json, format: 5 | 6, lines: Map<string, number>): void {
  graph.scopesFlagged = true;
  for (const [key, raw] of Object.entries(packages)) {
    if (!isRecord(raw)) continue;
    const node = nodeOf(keyParts(key, format), raw, lines.get(key));
    if (!node) continue;
    if (raw.dev === true) node.flaggedScope = 'dev';
    else if (raw.optional === true) node.flaggedScope = 'optional';
    if (!graph.add(key, node)) break;
  }
  linkDependencies(graph, packages, format);
}

/** v9: snapshots hold the graph; the package entry (peers stripped from the key) holds resolution. */
function readSnapshots(graph: LockGraph, packages: Json, snapshots: Json, lines: Map<string, number>): void {
  for (const [key, raw] of Object.entries(snapshots)) {
    const parts = keyParts(key, 9);
    const base = parts ? `${parts.name}@${parts.ref}` : key;
    const pkg = packages[base];
    const node = nodeOf(parts, isRecord(pkg) ? pkg : isRecord(raw) ? raw : {}, lines.get(base) ?? lines.get(key));
    if (!node) continue;
    if (!graph.add(key, node)) break;
  }
  linkDependencies(graph, snapshots, 9);
}

function linkDependencies(graph: LockGraph, entries: Json, format: Format): void {
  for (const [key, node] of graph.nodes) {
    const raw = entries[key];
    if (!isRecord(raw)) continue;
    for (const [section, optional] of [['dependencies', false], ['optionalDependencies', true]] as const) {
      const deps = raw[section];
      if (!isRecord(deps)) continue;
      for (const [name, ref] of Object.entries(deps)) {
        const target = targetOf(graph, name, ref, format);
        if (target === undefined || target === key) continue;
        if (optional) (node.optionalDeps ??= []).push(target);
        else node.deps.push(target);
      }
    }
  }
}

/** Importers (workspaces, v5.4+) or the root sections of a single-project lockfile name the direct ones. */
function readImporters(graph: LockGraph, lock: Json, format: Format): void {
  const importers = isRecord(lock.importers) ? Object.values(lock.importers) : [lock];
  for (const importer of importers) {
    if (!isRecord(importer)) continue;
    for (const [section, kind] of IMPORTER_SECTIONS) {
      const deps = importer[section];
      if (!isRecord(deps)) continue;
      graph.directKnown = true;
      for (const [name, dep] of Object.entries(deps)) {
        const ref = isRecord(dep) ? dep.version : dep;
        graph.addDirect(targetOf(graph, name, ref, format), kind);
      }
    }
  }
}

/** The node a dependency reference means: a version (+ peers), an alias's own key, or none (`link:`). */
function targetOf(graph: LockGraph, name: string, ref: unknown, format: Format): string | undefined {
  if (typeof ref !== 'string' || ref.startsWith('link:')) return undefined;
  let id: string;
  if (format === 9) {
    const base = ref.split('(')[0];
    id = base.includes('@') ? ref : `${name}@${ref}`;
  } else if (ref.startsWith('/') || (format === 5 && ref.includes('/'))) {
    id = ref;
  } else if (format === 6 && ref.includes('/') && !ref.split('(')[0].includes('@')) {
    id = ref;
  } else {
    id = format === 5 ? `/${name}/${ref}` : `/${name}@${ref}`;
  }
  return graph.nodes.has(id) ? id : graph.nodes.has(ref) ? ref : undefined;
}

/** Name and version (or other reference) of a package key, peers suffix dropped. */
function keyParts(key: string, format: Format): { name: string; ref: string } | undefined {
  const k = format !== 9 && key.startsWith('/') ? key.slice(1) : key;
  if (format === 5) {
    const segments = k.split('/');
    const nameLength = segments[0].startsWith('@') ? 2 : 1;
    if (segments.length <= nameLength) return undefined;
    return { name: segments.slice(0, nameLength).join('/'), ref: segments.slice(nameLength).join('/').split('_')[0] };
  }
  const split = splitDescriptor(k.split('(')[0]);
  return split && { name: split.name, ref: split.range };
}

/**
 * A registry package has a semver version and an integrity-only (or registry tarball) resolution;
 * git, tarball and file packages carry `name` / `version` fields and are kept out of matching.
 */
function nodeOf(parts: { name: string; ref: string } | undefined, raw: Json, line: number | undefined): LockNode | undefined {
  const resolution = isRecord(raw.resolution) ? raw.resolution : {};
  const name = typeof raw.name === 'string' ? raw.name : parts?.name;
  if (!name) return undefined;
  const registry = parts !== undefined && isRegistryVersion(parts.ref) && resolution.type === undefined && isRegistryTarball(resolution.tarball);
  const node: LockNode = { name, version: registry ? (parts?.ref as string) : '', deps: [] };
  if (!registry) node.declared = String(resolution.tarball ?? resolution.repo ?? parts?.ref ?? raw.version ?? '');
  if (line !== undefined) node.line = line;
  return node;
}

export const pnpmLockExtractor: PackageExtractor = {
  name: EXTRACTOR,
  version: '1',
  wants: (path) => baseName(path) === 'pnpm-lock.yaml' && !underNodeModules(path),
  extract: (file, warn) => readPnpmLock(file, warn),
};
