// package-lock.json (and npm-shrinkwrap.json, the same format): v2 and v3 read the `packages` map
// keyed by install location (`node_modules/a/node_modules/b`); v1 has only the nested `dependencies`
// tree (package-lock-v1.ts). Flags dev / optional / devOptional / peer give the scope; the root entry
// "" and the workspace folders say which dependencies are direct; links (workspaces) are not packages.
import type { TreeReader } from '../../../inventory';
import type { Warn } from '../../../types';
import type { PackageEntry, PackageExtractor } from '../../types';
import { jsonKeyLines, parseJson } from '../json-text';
import { type EdgeKind, LockGraph, type LockNode, packagesOf } from './lock-graph';
import { baseName, SECTIONS, underNodeModules } from './manifest';
import { readPackageLockV1 } from './package-lock-v1';
import { isRegistryTarball, isRegistryVersion } from './spec';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads either format; `extractor` names the entries (package-lock or shrinkwrap). */
export function readNpmLockfile(file: { path: string; text: string }, warn: Warn, tree: TreeReader, extractor: string): PackageEntry[] {
  const lock = parseJson(file.text);
  if (!isRecord(lock)) throw new Error('not an npm lockfile: the top level is not an object');
  const graph = new LockGraph(file.path, warn);
  if (isRecord(lock.packages)) readPackagesMap(lock.packages, file, graph, warn);
  else if (isRecord(lock.dependencies)) readPackageLockV1(lock.dependencies, file, graph, warn, tree);
  else return [];
  return packagesOf(graph, file.path, extractor);
}

const NODE_MODULES = 'node_modules/';

/** An installed package's location (not the root "" nor a workspace folder). */
const installed = (location: string): boolean => location.startsWith(NODE_MODULES) || location.includes(`/${NODE_MODULES}`);

function readPackagesMap(packages: Json, file: { path: string; text: string }, graph: LockGraph, warn: Warn): void {
  const lines = jsonKeyLines(file.text, (parents, key) => (parents.length === 1 && parents[0] === 'packages' ? key : undefined));
  graph.scopesFlagged = true;
  graph.directKnown = isRecord(packages['']);
  let malformed = 0;
  let firstMalformedLine: number | undefined;
  for (const [location, raw] of Object.entries(packages)) {
    if (!installed(location)) continue;
    if (!isRecord(raw) || (raw.version !== undefined && typeof raw.version !== 'string')) {
      malformed++;
      firstMalformedLine ??= lines.get(location);
      continue;
    }
    if (raw.link === true) continue;
    if (!graph.add(location, nodeOf(location, raw, lines.get(location)))) break;
  }
  if (malformed > 0) {
    const at = firstMalformedLine === undefined ? '' : `line ${firstMalformedLine}: `;
    const what = malformed === 1 ? 'package entry is not an object' : 'package entries are not objects';
    warn({ code: 'parse-error', path: file.path, message: `${at}${malformed} ${what} with a string version; skipped` });
  }

  const links = new Map<string, string>(); // link location -> the folder it points at
  for (const [location, raw] of Object.entries(packages)) {
    if (isRecord(raw) && raw.link === true && typeof raw.resolved === 'string') links.set(location, raw.resolved);
  }
  const resolve = (from: string, name: string) => resolveLocation(graph, links, from, name);
  for (const [location, raw] of Object.entries(packages)) {
    if (!isRecord(raw)) continue;
    const node = graph.nodes.get(location);
    if (node) {
      for (const [name, kind] of dependencyNames(raw, false)) {
        const target = resolve(location, name);
        if (target === undefined || !graph.nodes.has(target)) continue;
        if (kind === 'optional') (node.optionalDeps ??= []).push(target);
        else node.deps.push(target);
      }
    } else if (!installed(location) && raw.link !== true) {
      // The root ("") or a workspace folder: what it names is direct.
      for (const [name, kind] of dependencyNames(raw, true)) graph.addDirect(resolve(location, name), kind);
    }
  }
}

function nodeOf(location: string, raw: Json, line: number | undefined): LockNode {
  const name = typeof raw.name === 'string' && raw.name !== '' ? raw.name : location.slice(location.lastIndexOf(NODE_MODULES) + NODE_MODULES.length);
  const registry = isRegistryVersion(raw.version) && isRegistryTarball(raw.resolved);
  const node: LockNode = { name, version: registry ? (raw.version as string) : '', deps: [] };
  if (!registry) node.declared = typeof raw.resolved === 'string' ? raw.resolved : typeof raw.version === 'string' ? raw.version : '';
  if (line !== undefined) node.line = line;
  const license = licenseOf(raw.license);
  if (license) node.license = license;
  if (raw.dev === true) node.flaggedScope = 'dev';
  else if (raw.optional === true || raw.devOptional === true) node.flaggedScope = 'optional';
  else if (raw.peer === true) node.flaggedScope = 'peer';
  return node;
}

/** `license` as package.json writes it: a string, or the old `{ type }` object. */
export function licenseOf(license: unknown): string | undefined {
  if (typeof license === 'string' && license.trim() !== '') return license.trim();
  if (isRecord(license) && typeof license.type === 'string') return license.type;
  return undefined;
}

/** The names an entry depends on, with their kind. devDependencies count for the root and workspaces only. */
function dependencyNames(raw: Json, isRoot: boolean): [string, EdgeKind][] {
  const out: [string, EdgeKind][] = [];
  const seen = new Set<string>();
  const peerMeta = isRecord(raw.peerDependenciesMeta) ? raw.peerDependenciesMeta : {};
  for (const [section, kind] of SECTIONS) {
    if (section === 'devDependencies' && !isRoot) continue;
    const deps = raw[section];
    if (!isRecord(deps)) continue;
    for (const name of Object.keys(deps)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const optionalPeer = kind === 'peer' && isRecord(peerMeta[name]) && peerMeta[name].optional === true;
      out.push([name, optionalPeer ? 'optional' : isRoot || kind !== 'peer' ? kind : 'prod']);
    }
  }
  return out;
}

/**
 * Node's lookup: `<from>/node_modules/<name>`, then each enclosing node_modules up to the root. A link
 * stands for its target (a workspace folder, not a package: the edge is dropped by the caller).
 */
function resolveLocation(graph: LockGraph, links: Map<string, string>, from: string, name: string): string | undefined {
  let base = from;
  for (let guard = 0; guard < 1000; guard++) {
    const candidate = base === '' ? NODE_MODULES + name : `${base}/${NODE_MODULES}${name}`;
    if (graph.nodes.has(candidate)) return candidate;
    const link = links.get(candidate);
    if (link !== undefined) return link;
    if (base === '') return undefined;
    const up = base.lastIndexOf(`/${NODE_MODULES}`);
    base = up >= 0 ? base.slice(0, up) : '';
  }
  return undefined;
}

export const packageLockExtractor: PackageExtractor = {
  name: 'npm/package-lock',
  version: '1',
  wants: (path) => baseName(path) === 'package-lock.json' && !underNodeModules(path),
  extract: (file, warn, tree) => readNpmLockfile(file, warn, tree, 'npm/package-lock'),
};
