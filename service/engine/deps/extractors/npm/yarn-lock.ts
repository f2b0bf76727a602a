// yarn.lock, classic (v1, `# yarn lockfile v1`) and berry (2+, `__metadata`), both read with
// @yarnpkg/parsers' parseSyml (classic first through a faster reader of yarn 1's own layout). An entry
// is keyed by the descriptors it satisfies (`lodash@^4.17.0, lodash@^4.17.21`; berry:
// `lodash@npm:^4.17.0`); its dependencies name descriptors again, which is how the graph is joined.
// Neither format says what is direct: the package.json files do (berry lists each workspace as a
// `name@workspace:path` entry; classic names the workspaces in the root manifest).
import { parseSyml } from '@yarnpkg/parsers';
import type { TreeReader } from '../../../inventory';
import type { Warn } from '../../../types';
import type { PackageEntry, PackageExtractor } from '../../types';
import { type EdgeKind, LockGraph, type LockNode, packagesOf } from './lock-graph';
import { baseName, declaredDependencies, dirOf, joinPath, readManifest, underNodeModules, workspaceFolders, workspaceGlobs } from './manifest';
import { classifySpec, isRegistryVersion, splitDescriptor } from './spec';
import { readClassicYarnLock } from './yarn-classic';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const EXTRACTOR = 'npm/yarn-lock';

export function readYarnLock(file: { path: string; text: string }, warn: Warn, tree: TreeReader): PackageEntry[] {
  const parsed = parseWithLine(file.text);
  if (!isRecord(parsed)) throw new Error('not a yarn.lock: the top level is not a mapping');
  const berry = isRecord(parsed.__metadata);
  const lines = headerLines(file.text);
  const graph = new LockGraph(file.path, warn);
  const idOf = new Map<string, string>(); // descriptor -> node id
  const workspaces: [string, Json][] = []; // folder, entry
  const read: [Json, string][] = []; // entry, node id
  const seen = new Map<object, string>();

  for (const [key, raw] of Object.entries(parsed)) {
    if (key === '__metadata' || !isRecord(raw)) continue;
    const descriptors = splitKey(key);
    const known = seen.get(raw);
    if (known !== undefined) {
      for (const d of descriptors) idOf.set(d, known);
      continue;
    }
    if (berry && typeof raw.resolution === 'string' && raw.resolution.includes('@workspace:')) {
      workspaces.push([raw.resolution.slice(raw.resolution.indexOf('@workspace:') + '@workspace:'.length), raw]);
      continue;
    }
    const node = berry ? berryNode(raw, descriptors[0]) : classicNode(raw, descriptors[0]);
    if (!node) continue;
    const id = node.version ? `${node.name}@${node.version}` : (berry && typeof raw.resolution === 'string' ? raw.resolution : descriptors[0]);
    const line = lines.get(descriptors[0]);
    if (line !== undefined) node.line = line;
    if (!graph.nodes.has(id)) {
      if (!graph.add(id, node)) break;
      read.push([raw, id]);
    }
    seen.set(raw, id);
    for (const d of descriptors) idOf.set(d, id);
  }

  for (const [raw, id] of read) {
    const node = graph.nodes.get(id) as LockNode;
    const meta = isRecord(raw.dependenciesMeta) ? raw.dependenciesMeta : {};
    for (const [name, range, optional] of dependencyList(raw)) {
      const target = idOf.get(`${name}@${range}`);
      if (target === undefined || target === id) continue;
      if (optional || optionalIn(meta, name)) (node.optionalDeps ??= []).push(target);
      else node.deps.push(target);
    }
  }

  const lockDir = dirOf(file.path);
  if (berry) markBerryDirect(graph, workspaces, idOf, tree, lockDir);
  else markClassicDirect(graph, idOf, tree, lockDir);
  return packagesOf(graph, file.path, EXTRACTOR);
}

const CLASSIC = /^(#.*(\r?\n))*?#\s+yarn\s+lockfile\s+v1\r?\n/i;

/**
 * Classic files through the fast reader when it recognises them; berry (and anything the fast reader
 * refuses) through parseSyml, its error (classic's parser names a location, js-yaml a mark) with the line.
 */
function parseWithLine(text: string): unknown {
  if (CLASSIC.test(text)) {
    const fast = readClassicYarnLock(text);
    if (fast) return fast;
  }
  try {
    return parseSyml(text);
  } catch (err) {
    const e = err as { message?: string; location?: { start?: { line?: number } }; mark?: { line?: number } };
    const line = e.location?.start?.line ?? (e.mark?.line === undefined ? undefined : e.mark.line + 1);
    const message = String(e.message ?? err).split('\n')[0];
    throw new Error(line === undefined || message.includes('line') ? message : `line ${line}: ${message}`);
  }
}

/** `"a@^1", a@^2` (classic) or `"a@npm:^1, a@npm:^2"` (berry) -> the descriptors. */
function splitKey(key: string): string[] {
  return key.split(',').map((d) => d.trim().replace(/^"|"$/g, '')).filter((d) => d !== '');
}

/** Line of each descriptor's entry header (the unindented `key:` lines), in one pass. */
function headerLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const c = text.charCodeAt(start);
    if (c !== 0x20 && c !== 0x09 && c !== 0x23 && c !== 0x0a && c !== 0x0d) {
      const header = text.slice(start, end).trimEnd();
      if (header.endsWith(':')) for (const d of splitKey(header.slice(0, -1))) if (!lines.has(d)) lines.set(d, line);
    }
    start = end + 1;
  }
  return lines;
}

/** Classic: the descriptor's range says registry (maybe an alias `npm:real@range`) or not. */
function classicNode(raw: Json, descriptor: string): LockNode | undefined {
  const split = splitDescriptor(descriptor);
  if (!split) return undefined;
  const spec = classifySpec(split.range);
  if (spec.kind === 'local') return undefined;
  if (spec.kind === 'registry' && isRegistryVersion(raw.version)) return { name: spec.name ?? split.name, version: raw.version, deps: [] };
  return { name: split.name, version: '', declared: split.range, deps: [] };
}

/**
 * Berry: the resolution names the real package (`lodash@npm:4.17.21`, `real@npm:1.0.0` under an
 * alias). A `patch:` entry patches a registry package: that version is what runs.
 */
function berryNode(raw: Json, descriptor: string): LockNode | undefined {
  const resolution = typeof raw.resolution === 'string' ? raw.resolution : descriptor;
  const split = splitDescriptor(resolution);
  if (!split) return undefined;
  const { name, range } = split;
  if (range.startsWith('npm:') && isRegistryVersion(raw.version)) return { name, version: raw.version, deps: [] };
  if (range.startsWith('patch:')) {
    const patched = decodeSafely(range.slice('patch:'.length).split('#')[0]);
    const inner = splitDescriptor(patched);
    if (inner && inner.range.startsWith('npm:') && isRegistryVersion(raw.version)) return { name: inner.name, version: raw.version, deps: [] };
    return { name, version: '', declared: range, deps: [] };
  }
  if (range.startsWith('link:') || range.startsWith('portal:') || range.startsWith('workspace:')) return undefined;
  return { name, version: '', declared: range, deps: [] };
}

/** berry's `dependenciesMeta: { name: { optional: true } }` (parseSyml reads every scalar as a string). */
function optionalIn(meta: Json, name: string): boolean {
  const entry = meta[name];
  return isRecord(entry) && (entry.optional === true || entry.optional === 'true');
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function dependencyList(raw: Json): [string, string, boolean][] {
  const out: [string, string, boolean][] = [];
  for (const [section, optional] of [['dependencies', false], ['optionalDependencies', true]] as const) {
    const deps = raw[section];
    if (!isRecord(deps)) continue;
    for (const [name, range] of Object.entries(deps)) if (typeof range === 'string') out.push([name, range, optional]);
  }
  return out;
}

/** Berry: each workspace entry lists what it depends on; its package.json tells dev from prod. */
function markBerryDirect(graph: LockGraph, workspaces: [string, Json][], idOf: Map<string, string>, tree: TreeReader, lockDir: string): void {
  if (workspaces.length === 0) return;
  graph.directKnown = true;
  for (const [folder, raw] of workspaces) {
    const kinds = kindsByName(readManifest(tree, joinPath(lockDir, folder)));
    const meta = isRecord(raw.dependenciesMeta) ? raw.dependenciesMeta : {};
    for (const [name, range, optional] of dependencyList(raw)) {
      const optionalMeta = optionalIn(meta, name);
      graph.addDirect(idOf.get(`${name}@${range}`), kinds.get(name) ?? (optional || optionalMeta ? 'optional' : 'prod'));
    }
  }
}

/** Classic: the root package.json and the workspaces it names. */
function markClassicDirect(graph: LockGraph, idOf: Map<string, string>, tree: TreeReader, lockDir: string): void {
  const root = readManifest(tree, lockDir);
  if (!root) return;
  graph.directKnown = true;
  const manifests = [root, ...workspaceFolders(tree, lockDir, workspaceGlobs(root)).map((f) => readManifest(tree, joinPath(lockDir, f)))];
  for (const manifest of manifests) {
    for (const d of declaredDependencies(manifest)) graph.addDirect(idOf.get(`${d.name}@${d.spec}`), d.kind);
  }
}

function kindsByName(manifest: Json | undefined): Map<string, EdgeKind> {
  return new Map(declaredDependencies(manifest).map((d) => [d.name, d.kind]));
}

export const yarnLockExtractor: PackageExtractor = {
  name: EXTRACTOR,
  version: '1',
  wants: (path) => baseName(path) === 'yarn.lock' && !underNodeModules(path),
  extract: readYarnLock,
};
