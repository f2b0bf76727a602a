// Incremental scans of a default branch after a push: when the last full scan can be built on, read
// only the files that changed since the last scanned commit (one diffs/commits listing, one blobs zip),
// scan them with the engine, and let the reconcile answer for those files alone, so the findings of
// every other file are carried forward untouched. Whatever a partial read cannot judge (a lockfile, a
// Terraform module, a Helm chart, a kustomization, .vigil.yml, project-wide C# rules) makes it a full
// scan instead, with the reason. The lists of such files are data, below.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ArchiveError, openZipTree, type ZipTree, type ZipTreeFile } from '../ado/archive';
import type { CommitDiffChange, GitArea } from '../ado/areas/git';
import { AdoError } from '../ado/types';
import type { RuleResult } from '../contract/model';
import { locationPath } from '../contract/places';
import type { Category, ScanTrigger } from '../contract/vocabulary';
import { DEPS_SCANNER_NAME } from '../engine/deps/facts';
import { PACKAGE_RISK_SCANNER_NAME } from '../engine/deps/risk/scanner';
import { platformByContent, platformByPath } from '../engine/iac/detect';
import { LICENSES_SCANNER_NAME } from '../engine/licenses/scanner';
import { engineScanners } from '../engine/registry';
import { scanSource } from '../engine/scan';
import { CONFIG_FILE, MAX_CONFIG_BYTES } from '../engine/suppress';
import type { Scanner, SourceFile, SourceRefusal, SourceSkip, TreeSource } from '../engine/types';
import { archiveLimits, scanWithSettings, type ArchiveScanResult, type ArchiveScanSettings } from './scan-archive';

// ---- What a partial read cannot judge (data) --------------------------------------------------

/**
 * Scanners whose findings in one file depend on other files of the tree: a changed file one of them
 * reads makes the scan full. By scanner name, with the reason the scan records.
 */
export const WHOLE_TREE_SCANNERS: Readonly<Record<string, string>> = {
  [DEPS_SCANNER_NAME]: 'a dependency manifest or lockfile changed (packages are read from the whole tree)',
  [LICENSES_SCANNER_NAME]: 'a dependency manifest or lockfile changed (licenses are read from the whole tree)',
  [PACKAGE_RISK_SCANNER_NAME]: 'a dependency manifest or lockfile changed (package risk is read from the whole tree)',
  'code-csharp': 'a C# file changed (some C# rules read the whole project: a global antiforgery filter or cookie policy in one file clears findings in others)',
};

/** Changed paths that make the scan full, with the reason it records. Tested in order; the first match wins. */
export const WHOLE_TREE_PATHS: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /(?:^|\/)\.vigil\.yml$/, reason: '.vigil.yml changed (its suppressions apply to every file)' },
  { pattern: /(?:^|\/)\.gitignore$/, reason: '.gitignore changed' },
  { pattern: /(?:^|\/)\.gitattributes$/, reason: '.gitattributes changed (what is stored through LFS)' },
  { pattern: /\.tf(?:vars)?(?:\.json)?$|(?:^|\/)\.terraform\.lock\.hcl$/i, reason: 'a Terraform file changed (a module is read as a whole folder)' },
  { pattern: /\.bicep(?:param)?$/i, reason: 'a Bicep file changed (modules and parameter files are read together)' },
  { pattern: /(?:^|\/)(?:kustomization\.ya?ml|Kustomization)$/, reason: 'a kustomization changed (its resources and patches are read together)' },
  { pattern: /(?:^|\/)(?:Chart\.ya?ml|Chart\.lock|values[^/]*\.ya?ml|\.helmignore)$/i, reason: 'a Helm chart file changed (a chart is rendered as a whole)' },
  { pattern: /(?:^|\/)(?:templates|charts)\/(?:.*\/)?[^/]+\.(?:ya?ml|tpl|txt|json)$/i, reason: 'a file of a Helm chart changed (a chart is rendered as a whole)' },
  { pattern: /\.parameters\.json$|(?:^|\/)azuredeploy[^/]*\.json$/i, reason: 'an ARM template or parameter file changed (they are read together)' },
];

/**
 * YAML or JSON files whose content says they are read with others: an ARM template (its parameter
 * files and linked templates), a Kubernetes manifest (a kustomization may patch it, a Helm chart may
 * hold it; the tree's listing, which would tell, is not read by an incremental scan).
 */
export const WHOLE_TREE_CONTENT: Readonly<Record<string, string>> = {
  arm: 'an ARM template changed (it is read with its parameter files and linked templates)',
  'arm-parameters': 'an ARM parameter file changed (it is read with its template)',
  kubernetes: 'a Kubernetes manifest changed (a kustomization or Helm chart may read it with others)',
};

/** Categories only whole-tree scanners report: an incremental scan says nothing about them. */
export function wholeTreeCategories(scanners: readonly Scanner[] = engineScanners): Category[] {
  const byCategory = new Map<Category, boolean>();
  for (const s of scanners) byCategory.set(s.category, (byCategory.get(s.category) ?? true) && s.name in WHOLE_TREE_SCANNERS);
  return [...byCategory].filter(([, whole]) => whole).map(([c]) => c);
}

/** Why a changed (or deleted) path makes the scan full, or undefined. */
export function wholeTreeReasonOfPath(filePath: string, scanners: readonly Scanner[] = engineScanners): string | undefined {
  for (const { pattern, reason } of WHOLE_TREE_PATHS) if (pattern.test(filePath)) return `${reason}: ${filePath}`;
  for (const s of scanners) {
    const reason = WHOLE_TREE_SCANNERS[s.name];
    if (reason && s.wants(filePath, 0)) return `${reason}: ${filePath}`;
  }
  return undefined;
}

const ARM_PARAMETERS = /"\$schema"\s*:\s*"[^"]*deploymentParameters\.json/i;
const CONTENT_HEAD_BYTES = 64 * 1024;

/** Why a changed file's content makes the scan full (see WHOLE_TREE_CONTENT), or undefined. */
export function wholeTreeReasonOfContent(filePath: string, content: Uint8Array): string | undefined {
  if (platformByPath(filePath) !== 'content') return undefined;
  const text = Buffer.from(content.buffer, content.byteOffset, Math.min(content.length, CONTENT_HEAD_BYTES)).toString('utf8');
  const platform = ARM_PARAMETERS.test(text) ? 'arm-parameters' : platformByContent(filePath, text);
  const reason = platform === undefined ? undefined : WHOLE_TREE_CONTENT[platform];
  return reason && `${reason}: ${filePath}`;
}

// ---- The rules digest -------------------------------------------------------------------------

let engineDigest: string | undefined;

/**
 * A hash of what the engine runs: each scanner's name, version and category, and each rule's id,
 * severity and confidence. A stored digest that differs means the scanners or rules changed since
 * the last full scan, so findings of unchanged files may be stale: the next scan is full.
 */
export function rulesDigest(scanners: readonly Scanner[] = engineScanners): string {
  if (scanners === engineScanners && engineDigest) return engineDigest;
  const parts = [...scanners]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((s) => [s.name, s.version, s.category, s.kind ?? 'file', s.rules.map((r) => `${r.id}/${r.severity}/${r.confidence}`).sort()]);
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  if (scanners === engineScanners) engineDigest = digest;
  return digest;
}

// ---- The plan ---------------------------------------------------------------------------------

/** What the repository's row remembers of its last scans. */
export interface ScanMemory {
  /** The commit of the last scan that ended done (repositories.head_sha). */
  headSha: string | null;
  lastFullScanAt: Date | null;
  rulesDigest: string | null;
}

export type ScanPlan = { kind: 'full'; reason: string } | { kind: 'incremental'; baseCommit: string };

export interface PlanInput {
  trigger: ScanTrigger | string;
  /** The current rules digest (rulesDigest()). */
  digest: string;
  /** VIGIL_RESCAN_HOURS: a full scan at least this often. */
  rescanHours: number;
  now?: Date;
}

/** Full or incremental, before anything is read from Azure DevOps (the diff may still make it full). */
export function planScan(memory: ScanMemory, input: PlanInput): ScanPlan {
  if (input.trigger === 'manual') return { kind: 'full', reason: 'a scan was asked for by hand' };
  if (!memory.headSha || !memory.lastFullScanAt) return { kind: 'full', reason: 'no full scan to build on' };
  const ageMs = (input.now ?? new Date()).getTime() - memory.lastFullScanAt.getTime();
  if (ageMs >= input.rescanHours * 3600_000) return { kind: 'full', reason: `the last full scan is more than ${input.rescanHours} hours old` };
  if (memory.rulesDigest !== input.digest) return { kind: 'full', reason: 'the scanners or rules changed since the last full scan' };
  return { kind: 'incremental', baseCommit: memory.headSha };
}

/** What a diff asks of the scan: files to read (path -> blob id) and paths whose findings go (deleted, renamed away). */
export interface ChangeSet {
  read: Map<string, string>;
  removed: Set<string>;
}

export function changeSetOf(changes: readonly CommitDiffChange[]): ChangeSet {
  const read = new Map<string, string>();
  const removed = new Set<string>();
  for (const c of changes) {
    if (c.changeTypes.includes('delete') || !c.objectId) removed.add(c.path);
    else read.set(c.path, c.objectId);
    if (c.originalPath !== undefined) removed.add(c.originalPath);
  }
  // A path deleted and added again within the range (a rename onto an old name) is read.
  for (const p of read.keys()) removed.delete(p);
  return { read, removed };
}

// ---- The partial read -------------------------------------------------------------------------

type MemoryEntry = SourceFile & { readonly content: Buffer };
type ChangedFile = ZipTreeFile | MemoryEntry;

const isMemory = (f: ChangedFile): f is MemoryEntry => (f as MemoryEntry).content !== undefined;

/**
 * The changed files as the tree the engine reads: `memory` files first (.vigil.yml, read on its own),
 * then the blobs zip's entries, each listed under every path that has its blob id (an entry is named
 * by its id, possibly under a folder). Entries the diff did not ask for are passed over. Every read is
 * shown to `inspect` (which files' content makes the scan full). The zip's guards all hold.
 */
export class ChangedFilesSource implements TreeSource<ChangedFile> {
  private readonly pending: (ChangedFile | SourceRefusal)[];
  private readonly unseen: Set<string>;

  constructor(
    private readonly zip: ZipTree | undefined,
    private readonly pathsByBlob: ReadonlyMap<string, readonly string[]>,
    memory: readonly { path: string; content: Buffer }[],
    private readonly inspect: (path: string, content: Uint8Array) => void,
  ) {
    this.pending = memory.map((m) => ({ path: m.path, size: m.content.length, content: m.content }));
    this.unseen = new Set(pathsByBlob.keys());
  }

  /** Blob ids asked for that the zip did not hold (known once the listing ended). */
  get missingBlobs(): string[] {
    return [...this.unseen];
  }

  private pathsOf(entryPath: string): readonly string[] {
    return this.pathsByBlob.get(path.posix.basename(entryPath).toLowerCase()) ?? [];
  }

  prepare(wanted: (path: string, size: number) => boolean): void {
    this.zip?.prepare((name, size) => this.pathsOf(name).some((p) => wanted(p, size)));
  }

  next(): ChangedFile | SourceRefusal | undefined {
    for (;;) {
      const queued = this.pending.shift();
      if (queued) return queued;
      const entry = this.zip?.next();
      if (entry === undefined) return undefined;
      if ('refused' in entry) return entry;
      const id = path.posix.basename(entry.path).toLowerCase();
      const paths = this.pathsOf(entry.path);
      this.unseen.delete(id);
      for (const p of paths) this.pending.push({ ...entry, path: p });
    }
  }

  read(file: ChangedFile): { ok: true; content: Uint8Array } | SourceSkip {
    const got = isMemory(file) ? ({ ok: true, content: Buffer.from(file.content) } as const) : this.zip!.read(file);
    if (got.ok) this.inspect(file.path, got.content);
    return got;
  }

  stream(file: ChangedFile) {
    if (isMemory(file)) {
      const content = file.content;
      return { ok: true as const, chunks: (async function* () { yield content; })() };
    }
    return this.zip!.stream(file);
  }
}

// ---- The incremental scan ---------------------------------------------------------------------

export interface IncrementalScanInput {
  git: Pick<GitArea, 'getCommitDiffs' | 'getBlobsZip' | 'getItemText'>;
  projectId: string;
  repoId: string;
  baseCommit: string;
  headCommit: string;
  /** A temp dir of the scan's own (the blobs zip goes there). */
  dir: string;
  settings: ArchiveScanSettings;
  /** VIGIL_INCREMENTAL_MAX_FILES: more changed files than this make the scan full. */
  maxChangedFiles: number;
  /** VIGIL_MAX_REPO_BYTES: the blobs zip's download cap. */
  maxBytes: number;
  scanners?: readonly Scanner[];
  signal?: AbortSignal;
}

export type IncrementalOutcome =
  | {
      kind: 'incremental';
      result: ArchiveScanResult;
      /** The files the reconcile answers for: read, deleted, renamed away. */
      paths: string[];
      /** Files read (changed or added). */
      changed: number;
      removed: number;
    }
  | { kind: 'full'; reason: string };

const full = (reason: string): IncrementalOutcome => ({ kind: 'full', reason });

/**
 * Lists the changes between the base and the head, decides whether a partial read can judge them,
 * and if so scans the changed files. Requests: diffs/commits (one page per 100 changes), the
 * repository's .vigil.yml at the head, and one blobs zip. Whatever stands in the way of a faithful
 * partial read (too many changes, a whole-tree file, a blob ADO did not send, an answer ADO could not
 * give such as a base commit that a force-push removed) is a full scan, with the reason.
 */
export async function scanIncrementally(input: IncrementalScanInput): Promise<IncrementalOutcome> {
  const { git, projectId, repoId, signal } = input;
  const scanners = input.scanners ?? engineScanners;
  let changes: CommitDiffChange[] = [];
  let config: string | null;
  try {
    if (input.baseCommit !== input.headCommit) {
      const diffs = await git.getCommitDiffs({ projectId, repoId, baseCommit: input.baseCommit, targetCommit: input.headCommit, maxChanges: input.maxChangedFiles, signal });
      if (diffs.truncated) return full(`more than ${input.maxChangedFiles} files changed since the last scan (VIGIL_INCREMENTAL_MAX_FILES)`);
      changes = diffs.changes;
    }
    const set = changeSetOf(changes);
    for (const p of [...set.read.keys(), ...set.removed]) {
      const reason = wholeTreeReasonOfPath(p, scanners);
      if (reason) return full(reason);
    }
    const paths = [...set.read.keys(), ...set.removed];
    config = paths.length ? await git.getItemText({ projectId, repoId, path: CONFIG_FILE, commitSha: input.headCommit, signal }) : null;
    if (config !== null && Buffer.byteLength(config) > MAX_CONFIG_BYTES) return full(`${CONFIG_FILE} is larger than ${MAX_CONFIG_BYTES} bytes`);
    return await scanChanged(input, set, config, scanners);
  } catch (err) {
    if (signal?.aborted || !(err instanceof AdoError || err instanceof ArchiveError)) throw err;
    return full(`the changes could not be read from Azure DevOps (${err.message})`);
  }
}

async function scanChanged(input: IncrementalScanInput, set: ChangeSet, config: string | null, scanners: readonly Scanner[]): Promise<IncrementalOutcome> {
  const pathsByBlob = new Map<string, string[]>();
  for (const [p, id] of set.read) pathsByBlob.set(id, [...(pathsByBlob.get(id) ?? []), p]);
  let zip: ZipTree | undefined;
  if (pathsByBlob.size > 0) {
    const zipFile = path.join(input.dir, 'blobs.zip');
    await input.git.getBlobsZip({ projectId: input.projectId, repoId: input.repoId, blobIds: [...pathsByBlob.keys()], destFile: zipFile, maxBytes: input.maxBytes, signal: input.signal });
    zip = await openZipTree(zipFile, archiveLimits(input.settings));
  }
  let contentReason: string | undefined;
  const memory = config === null ? [] : [{ path: CONFIG_FILE, content: Buffer.from(config, 'utf8') }];
  const source = new ChangedFilesSource(zip, pathsByBlob, memory, (p, content) => {
    if (p !== CONFIG_FILE && set.read.has(p)) contentReason ??= wholeTreeReasonOfContent(p, content);
  });
  // The engine reads every changed file it wants during its listing, before its project scanners:
  // the content check above has seen them all by the time the result is in.
  const result = await scanWithSettings(input.settings, (opts) => scanSource(source, { ...opts, scanners }).finally(() => zip?.close()));
  if (contentReason) return full(contentReason);
  const missing = source.missingBlobs;
  if (missing.length > 0) return full(`Azure DevOps sent ${missing.length} of the changed files' blobs without content (${missing.slice(0, 3).join(', ')})`);
  const paths = [...set.read.keys(), ...set.removed];
  // .vigil.yml, read for its suppressions (it did not change), is outside `paths`: what it holds is not judged.
  return {
    kind: 'incremental',
    result,
    paths,
    changed: set.read.size,
    removed: set.removed.size,
  };
}

/**
 * The repository's results after an incremental scan: the stored ones of files outside `paths` as
 * they are, and the scan's own for the files it read. Results without a file stay. Null when neither
 * side has a result in those files: the stored results stand as they are (nothing to write).
 */
export function mergeResults<R extends Pick<RuleResult, 'location'>>(stored: readonly R[], fresh: readonly R[], paths: readonly string[]): R[] | null {
  const scope = new Set(paths);
  const inScope = (r: R) => {
    const p = locationPath(r.location);
    return p !== undefined && scope.has(p);
  };
  const kept = stored.filter((r) => !inScope(r));
  const read = fresh.filter(inScope);
  return kept.length === stored.length && read.length === 0 ? null : [...kept, ...read];
}
