import { closeSync, promises as fsp, readSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { locationLine, locationPath } from '../contract/places';
import type * as Registry from './registry';
import { CoverageTally, coverageReasonOf } from './coverage';
import { errorSummary } from './error-text';
import { ScannerTally } from './figures';
import {
  applyConfigSuppressions,
  applyInlineSuppressions,
  CONFIG_FILE,
  loadSuppressionConfig,
  MAX_CONFIG_BYTES,
  parseSuppressionConfig,
} from './suppress';
import type { SuppressionConfig } from './suppress';
import { DiskTree, memorySource, SourceTree, TreeView, type MemoryFile, type Tree, type TreeSkip } from './tree';
import { DEFAULT_LIMITS, Pacer, asBuffer, binaryWarning, isBinary, openWalkedFile, readOpenFile, tooLarge, walkTree } from './walk';
import type { WalkEntry } from './walk';
import { forEachWindow, pullFromChunks, shiftFinding, type Pull } from './windows';
import type {
  CoverageReason,
  FileInput,
  FileScanner,
  Finding,
  ProjectScanner,
  RuleResult,
  ScanContext,
  ScanOptions,
  ScanOutput,
  ScanResult,
  ScanWarning,
  Scanner,
  SourceFile,
  SourceRefusal,
  SourceSkip,
  TreeSource,
  WalkLimits,
} from './types';


/**
 * The registry is read when first needed, not at load: it imports every family, and families import
 * this module (their examples run through it), so a load-time import is a cycle whose order depends
 * on which module a caller happens to import first.
 */
let registry: typeof Registry | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load, on purpose (see above)
const defaultScanners = () => (registry ??= require('./registry') as typeof Registry).engineScanners;

export { DEFAULT_LIMITS };
/**
 * Files in flight. Reads are synchronous (see walk.ts), so this matters for asynchronous scanners:
 * their waits overlap with other files' work. With synchronous scanners one worker does it all.
 */
export const SCAN_CONCURRENCY = 8;
/** Per warning code; keeps a repository of 50,000 binaries from producing 50,000 warnings. */
export const MAX_WARNINGS_PER_CODE = 200;

export class AbortError extends Error {
  override name = 'AbortError';
  readonly code = 'ABORT_ERR';
  constructor(reason?: unknown) {
    super('The scan was aborted', reason === undefined ? undefined : { cause: reason });
  }
}

/**
 * Walks `root` once: per-file scanners get each file they want from one shared read; then project
 * scanners get a read-only view of the tree. Inline and .vigil.yml suppressions apply to all.
 */
export async function scanDirectory(root: string, opts: ScanOptions = {}): Promise<ScanResult> {
  throwIfAborted(opts.signal);
  const st = await fsp.stat(root).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`Cannot scan ${root}: ${err.code === 'ENOENT' ? 'no such folder' : err.code ?? err.message}`);
  });
  if (!st.isDirectory()) throw new Error(`Cannot scan ${root}: not a directory`);
  const session = new ScanSession(opts);
  const tree = new DiskTree(session.limits.maxFileBytes);

  const config = loadSuppressionConfig(root, session.warn);
  const pacer = session.pacer;
  const steps = walkTree(root, session.limits, session.walkWarn, session.beyondLimit, session.excluder(opts.exclude));
  // The walk is a synchronous generator shared by the workers: each next() runs to completion, so
  // they never re-enter it. Awaits happen only for an asynchronous scanner or a due Pacer turn.
  const worker = async (): Promise<void> => {
    while (!opts.signal?.aborted) {
      const step = steps.next();
      if (step.done) return;
      if (step.value !== null) {
        const pending = session.scanEntry(step.value, tree);
        if (pending) await pending;
        session.progress();
      }
      const turn = pacer.tick();
      if (turn) await turn;
    }
  };
  try {
    await Promise.all(Array.from({ length: SCAN_CONCURRENCY }, worker));
  } finally {
    steps.return();
  }
  throwIfAborted(opts.signal);
  await session.runProjectScanners(tree);
  throwIfAborted(opts.signal);
  session.progress();
  return session.finish(config);
}

/**
 * Scans files already in memory (tests, pull-request diffs), in order: a source like any other
 * (see memorySource), so every limit, window and guard of scanSource applies; a `.vigil.yml` among
 * the files is honoured like one at the scan root.
 */
export function scanFiles(files: readonly MemoryFile[], opts: ScanOptions = {}): Promise<ScanResult> {
  return scanSource(memorySource(files), opts);
}

/**
 * Scans a tree read through a {@link TreeSource} (a repository zip read in place: nothing is written
 * to disk). The same limits, scanners, windows, suppressions and coverage as scanDirectory; the
 * engine enforces maxFiles and maxDepth on the listing, the source its own guards.
 */
export async function scanSource<F extends SourceFile>(source: TreeSource<F>, opts: ScanOptions = {}): Promise<ScanResult> {
  throwIfAborted(opts.signal);
  const session = new ScanSession(opts);
  const tree = new SourceTree(source, session.limits.maxFileBytes);
  const { maxFiles, maxDepth } = session.limits;
  let config: SuppressionConfig = { entries: [] };
  let files = 0;
  let filesTotal: number | undefined;
  if (source.prepare) {
    // The same limits as the listing below, in the same order.
    source.prepare((path, size) => {
      if (depthOf(path) > maxDepth || files >= maxFiles) return false;
      files++;
      return session.wantedByAny(path, size, true);
    });
    filesTotal = files;
    files = 0;
    throwIfAborted(opts.signal);
  }
  let deepDir: string | undefined;
  for (let entry = source.next(); entry !== undefined; entry = source.next()) {
    throwIfAborted(opts.signal);
    if (isRefusal(entry)) {
      session.refused(entry);
      continue;
    }
    const depth = depthOf(entry.path);
    if (depth > maxDepth) {
      // One warning per folder at the limit (entries of a folder are listed together).
      const dir = entry.path.split('/', maxDepth + 1).join('/');
      if (dir !== deepDir) {
        deepDir = dir;
        session.warn({ code: 'depth-limit', message: `Directory deeper than ${maxDepth} levels not scanned`, path: dir });
      }
      session.beyondLimit(entry.path, 'depth-limit', entry.size);
      continue;
    }
    if (files >= maxFiles) {
      if (files === maxFiles) {
        files++;
        session.warn({ code: 'file-limit', message: `Stopped after ${maxFiles} files; the rest of the tree was not scanned`, path: entry.path });
      }
      session.beyondLimit(entry.path, 'file-limit', entry.size);
      continue;
    }
    files++;
    if (entry.path === CONFIG_FILE) config = session.sourceConfig(source, entry);
    const pending = session.scanSourceFile(entry, source, tree);
    if (pending) await pending;
    session.progress(filesTotal);
    const turn = session.pacer.tick();
    if (turn) await turn;
  }
  throwIfAborted(opts.signal);
  await session.runProjectScanners(tree);
  throwIfAborted(opts.signal);
  session.progress(filesTotal);
  return session.finish(config);
}

function isRefusal(e: SourceFile | SourceRefusal): e is SourceRefusal {
  return (e as SourceRefusal).refused !== undefined;
}

/** Folders above a tree path: 'a/b/c.txt' is 2 deep (as the walk counts). */
function depthOf(path: string): number {
  let n = 0;
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) n++;
  return n;
}

interface Routed {
  whole: FileScanner<unknown>[];
  windowed: FileScanner<unknown>[];
  tooLarge: FileScanner<unknown>[];
}

class ScanSession {
  readonly limits: WalkLimits;
  private readonly fileScanners: FileScanner<unknown>[] = [];
  private readonly projectScanners: ProjectScanner<unknown>[] = [];
  private readonly tallies = new Map<Scanner, ScannerTally>();
  private readonly options = new Map<Scanner, unknown>();
  private readonly findings: Finding[] = [];
  private readonly results: RuleResult[] = [];
  private readonly inventories: ScanResult['inventories'] = [];
  private readonly warnings: ScanWarning[] = [];
  private readonly warningCounts = new Map<string, number>();
  private readonly started = performance.now();
  private filesSeen = 0;
  private filesScanned = 0;
  private bytesScanned = 0;
  private readonly buffers = new ReadBuffers();
  readonly pacer = new Pacer();
  readonly coverage = new CoverageTally();
  /** Files counted as partly scanned (a scanner's cap), so that one counts once. */
  private readonly partlyScanned = new Set<string>();
  /** Files a project scanner wanted that were already counted in the coverage (a later read must not count them again). */
  private readonly projectCounted = new Set<string>();
  /** Files up to this size go whole to every scanner (the hot path skips routing). */
  private readonly wholeUpTo: number;

  constructor(private readonly opts: ScanOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    let wholeUpTo = this.limits.maxFileBytes;
    for (const s of opts.scanners ?? defaultScanners()) {
      if (s.kind === 'project') this.projectScanners.push(s);
      else {
        this.fileScanners.push(s);
        if (s.windows) wholeUpTo = Math.min(wholeUpTo, s.windows.maxBytes);
      }
      this.tallies.set(s, new ScannerTally(s));
      const given = opts.options?.[s.name];
      this.options.set(s, isPlainObject(s.defaultOptions) && isPlainObject(given) ? { ...s.defaultOptions, ...given } : given ?? s.defaultOptions);
    }
    this.wholeUpTo = wholeUpTo;
  }

  /** The walk's warnings; links and special files it meets are counted in the coverage too. */
  readonly walkWarn = (w: Omit<ScanWarning, 'scanner'>): void => {
    this.warn(w);
    if (w.code === 'symlink' || w.code === 'special-file') this.coverage.add(w.code, w.path);
  };

  /** The caller's exclusion, counting each excluded file or folder ("dist/") in the coverage. */
  excluder(exclude: ScanOptions['exclude']): ((path: string, isDirectory: boolean) => boolean) | undefined {
    if (!exclude) return undefined;
    return (path, isDirectory) => {
      if (!exclude(path, isDirectory)) return false;
      this.coverage.add('excluded', isDirectory ? `${path}/` : path);
      return true;
    };
  }

  /** A file kept out by maxFiles or maxDepth: counted (figures, coverage) when some scanner would read it. */
  readonly beyondLimit = (path: string, code: 'file-limit' | 'depth-limit', size = 0): void => {
    const wanting = this.wanting(path, size);
    if (wanting.length === 0 && !this.projectScanners.some((s) => this.asks(s, path, size))) return;
    this.countSkipped(wanting, code);
    this.coverage.add(code, path, code === 'file-limit' ? this.limits.maxFiles : this.limits.maxDepth);
  };

  /** An entry the source listed but refused (unsafe name, link, device, damaged listing). */
  refused(e: SourceRefusal): void {
    const { reason, message, code, count } = e.refused;
    this.warn({ code: code ?? 'zip-entry-rejected', message, ...(e.path !== undefined ? { path: e.path } : {}) });
    this.coverage.add(reason, e.path, undefined, count ?? 1);
  }

  /** .vigil.yml read from a source. */
  sourceConfig<F extends SourceFile>(source: TreeSource<F>, file: F): SuppressionConfig {
    const read = file.size > MAX_CONFIG_BYTES ? { ok: false as const, warning: tooLarge(file.path, file.size, MAX_CONFIG_BYTES) } : source.read(file);
    if (!read.ok || isBinary(read.content)) {
      const message = read.ok ? 'binary content' : read.warning.message;
      this.warn({ code: 'suppression-config-invalid', message: `Not used: ${message}`, path: CONFIG_FILE });
      return { entries: [] };
    }
    return parseSuppressionConfig(asBuffer(read.content).toString('utf8'), this.warn);
  }

  /**
   * Counts a skipped file in the coverage. `forProjects`: a project scanner wants it too, and its
   * read will fail the same way: remembered so that the file counts once.
   */
  private coverSkip(reason: CoverageReason | undefined, path: string, forProjects: boolean, limit?: number): void {
    if (reason === undefined || this.projectCounted.has(path)) return;
    if (forProjects) this.projectCounted.add(path);
    this.coverage.add(reason, path, limit);
  }

  /** A project scanner's read that failed, with the reason and limit the tree gave. */
  private readonly projectSkip = (path: string, skip: TreeSkip): void => {
    if (skip.reason === undefined || this.projectCounted.has(path)) return;
    this.projectCounted.add(path);
    this.coverage.add(skip.reason, path, skip.limit);
  };

  /** Files only project scanners read (no per-file scanner wanted them) count as scanned once. */
  private readonly projectReadPaths = new Set<string>();
  private readonly projectRead = (path: string, size: number): void => {
    if (this.projectReadPaths.has(path)) return;
    this.projectReadPaths.add(path);
    if (this.fileScanners.some((s) => s.wants(path, size))) return;
    this.filesScanned++;
    this.bytesScanned += size;
  };

  private partly(path: string): void {
    if (this.partlyScanned.has(path)) return;
    this.partlyScanned.add(path);
    this.coverage.add('partly-scanned', path);
  }

  /** Tells the caller how far the scan is (ScanOptions.onProgress). */
  progress(filesTotal?: number): void {
    this.opts.onProgress?.({ filesDone: this.filesSeen, ...(filesTotal !== undefined ? { filesTotal } : {}), findings: this.findings.length });
  }

  readonly warn = (w: Omit<ScanWarning, 'scanner'> & { scanner?: string }): void => {
    const count = (this.warningCounts.get(w.code) ?? 0) + 1;
    this.warningCounts.set(w.code, count);
    if (count <= MAX_WARNINGS_PER_CODE) this.warnings.push(w);
  };

  /**
   * Opens a walked file, asks the scanners (with the size fstat gave), reads it if a per-file scanner
   * wants it and runs them; notes it in the tree for the project scanners. A file over the size
   * limit goes through windows to the scanners that take them. Returns a promise only when an
   * asynchronous scanner or windows are involved (keeps the hot path sync).
   */
  scanEntry(entry: WalkEntry, tree: DiskTree): Promise<void> | undefined {
    this.filesSeen++;
    const opened = openWalkedFile(entry);
    if (!opened.ok) {
      // An unopenable regular file is worth a warning only if some scanner wanted it.
      if (opened.warning.code !== 'unreadable' || opened.size === undefined || this.wantedByAny(entry.path, opened.size)) {
        this.warn(opened.warning);
        if (opened.size !== undefined) this.countSkipped(this.wanting(entry.path, opened.size), opened.warning.code);
        this.coverSkip(coverageReasonOf(opened.warning.code), entry.path, false);
      }
      return undefined;
    }
    let buf: Buffer | undefined;
    let file: FileInput;
    let wanting: FileScanner<unknown>[];
    let windowed: Promise<void> | undefined;
    const fd = opened.fd;
    try {
      const forProjects = this.projectScanners.length > 0 && this.noteForProjects(entry, opened.size, tree);
      wanting = this.wanting(entry.path, opened.size);
      if (wanting.length === 0) return undefined;
      if (opened.size > this.wholeUpTo) {
        const routed = this.route(wanting, entry.path, opened.size, forProjects);
        if (routed.windowed.length > 0) {
          let pos = 0;
          const pull: Pull = (into, offset, length) => {
            const n = readSync(fd, into, offset, length, pos);
            pos += n;
            return n;
          };
          windowed = this.scanWindowed(entry.path, opened.size, routed.windowed, pull, routed.whole.length === 0, forProjects).finally(() => closeSync(fd));
        }
        wanting = routed.whole;
        if (wanting.length === 0) return windowed;
      }
      buf = this.buffers.take(opened.size);
      const readsBinary = this.binaryReaders(wanting, entry.path);
      const read = readOpenFile(fd, opened.size, entry.path, buf, readsBinary.length > 0);
      if (read.ok && readsBinary.length > 0 && isBinary(read.content)) {
        this.countSkipped(wanting.filter((s) => !readsBinary.includes(s)), 'binary');
        wanting = readsBinary;
      }
      if (!read.ok) {
        this.buffers.give(buf);
        this.warn(read.warning);
        this.countSkipped(wanting, read.warning.code);
        this.coverSkip(coverageReasonOf(read.warning.code), entry.path, forProjects);
        return windowed;
      }
      file = { path: entry.path, size: read.content.length, content: read.content };
    } finally {
      if (!windowed) closeSync(fd);
    }
    const pending = this.runScanners(wanting, file);
    if (!pending) {
      this.buffers.give(buf);
      return windowed;
    }
    const held = buf;
    const whole = pending.finally(() => this.buffers.give(held));
    return windowed ? Promise.all([whole, windowed]).then(() => undefined) : whole;
  }

  /** A file listed by a source: read whole (or through windows) from it, like scanEntry. */
  scanSourceFile<F extends SourceFile>(file: F, source: TreeSource<F>, tree: SourceTree<F>): Promise<void> | undefined {
    this.filesSeen++;
    const forProjects = this.projectScanners.length > 0 && this.noteForSource(file, tree);
    let wanting = this.wanting(file.path, file.size);
    if (wanting.length === 0) return undefined;
    let windowed: Promise<void> | undefined;
    if (file.size > this.wholeUpTo) {
      const routed = this.route(wanting, file.path, file.size, forProjects);
      if (routed.windowed.length > 0) {
        const stream = source.stream(file);
        if (!stream.ok) {
          this.sourceSkipped(routed.windowed, file.path, stream, forProjects);
        } else {
          const { pull, stop } = pullFromChunks(stream.chunks);
          windowed = this.scanWindowed(file.path, file.size, routed.windowed, pull, routed.whole.length === 0, forProjects).finally(stop);
        }
      }
      wanting = routed.whole;
      if (wanting.length === 0) return windowed;
    }
    const read = source.read(file);
    if (!read.ok) {
      this.sourceSkipped(wanting, file.path, read, forProjects);
      return windowed;
    }
    if (isBinary(read.content)) {
      const readsBinary = this.binaryReaders(wanting, file.path);
      if (readsBinary.length === 0) {
        this.warn(binaryWarning(file.path));
        this.countSkipped(wanting, 'binary');
        this.coverSkip('binary', file.path, forProjects);
        return windowed;
      }
      this.countSkipped(wanting.filter((s) => !readsBinary.includes(s)), 'binary');
      wanting = readsBinary;
    }
    const pending = this.runScanners(wanting, { path: file.path, size: read.content.length, content: asBuffer(read.content) });
    return pending && windowed ? Promise.all([pending, windowed]).then(() => undefined) : pending ?? windowed;
  }

  private sourceSkipped(scanners: readonly Scanner[], path: string, skip: SourceSkip, forProjects: boolean): void {
    this.warn(skip.warning);
    this.countSkipped(scanners, skip.warning.code);
    this.coverSkip(skip.reason, path, forProjects, skip.limit);
  }

  /**
   * Splits the scanners wanting a file larger than some of them take whole: those that read it whole,
   * those that take windows, and those that cannot take it (skipped here as too large).
   */
  private route(wanting: FileScanner<unknown>[], path: string, size: number, forProjects: boolean): Routed {
    const routed: Routed = { whole: [], windowed: [], tooLarge: [] };
    const max = this.limits.maxFileBytes;
    for (const s of wanting) {
      if (s.windows && size > Math.min(max, s.windows.maxBytes)) routed.windowed.push(s);
      else if (size > max) routed.tooLarge.push(s);
      else routed.whole.push(s);
    }
    if (routed.tooLarge.length > 0) {
      this.warn(tooLarge(path, size, max));
      this.countSkipped(routed.tooLarge, 'file-too-large');
      this.coverSkip('file-too-large', path, forProjects, max);
    }
    return routed;
  }

  /**
   * Runs `scanners` over the file through overlapping windows (one buffer, whatever the file's size):
   * line and column numbers shifted to the file's, inline suppressions read in the window. A finding
   * in an overlap is reported once because each window's scan reports only the findings that start
   * in its window.from..to (FileScanner.windows), the one mechanism. `countFile`: the file counts
   * in the scan's figures here (no scanner read it whole).
   */
  private async scanWindowed(path: string, size: number, scanners: FileScanner<unknown>[], pull: Pull, countFile: boolean, forProjects: boolean): Promise<void> {
    let overlap = 0;
    let maxBytes = this.limits.maxFileBytes;
    for (const s of scanners) {
      overlap = Math.max(overlap, s.windows!.overlap);
      maxBytes = Math.min(maxBytes, s.windows!.maxBytes);
    }
    const windowSize = Math.max(4 * overlap, maxBytes, overlap + 1);
    const failed = new Set<Scanner>();
    let binary = false;
    let pulled = 0;
    try {
      pulled = await forEachWindow(pull, windowSize, overlap, async (w) => {
        throwIfAborted(this.opts.signal);
        if (w.first && isBinary(w.content)) {
          binary = true;
          return false;
        }
        const input: FileInput = { path, size: w.content.length, content: w.content, window: { offset: w.offset, fileSize: size, from: w.from, to: w.to } };
        for (const s of scanners) {
          if (failed.has(s)) continue;
          const tally = this.tallies.get(s)!;
          const t0 = performance.now();
          let out: unknown;
          try {
            const got = s.scan(input, this.context(s, path));
            out = got instanceof Promise ? await got : got;
          } catch (err) {
            tally.durationMs += performance.now() - t0;
            failed.add(s);
            this.scannerError(s, path, err);
            continue;
          }
          tally.durationMs += performance.now() - t0;
          if (!Array.isArray(out)) {
            failed.add(s);
            this.scannerError(s, path, new TypeError('scan() did not return an array of findings'));
            continue;
          }
          for (const f of applyInlineSuppressions(out as Finding[], w.content)) {
            tally.findings++;
            this.findings.push(shiftFinding(f, w.lineBase, w.columnBase));
          }
        }
        const turn = this.pacer.tick();
        if (turn) await turn;
        return true;
      });
    } catch (err) {
      if (err instanceof AbortError) throw err;
      // The file stopped part way (a damaged zip entry, a read error): what was read was scanned.
      this.warn({ code: 'unreadable', message: `Read only in part: ${errorSummary(err)}`, path });
      this.partly(path);
    }
    if (binary) {
      this.warn(binaryWarning(path));
      this.countSkipped(scanners, 'binary');
      this.coverSkip('binary', path, forProjects);
      return;
    }
    for (const s of scanners) this.tallies.get(s)!.filesScanned++;
    if (countFile) {
      this.filesScanned++;
      this.bytesScanned += pulled;
    }
  }

  /** Notes a walked file for the project scanners; true when one of them wants it. */
  private noteForProjects(entry: WalkEntry, size: number, tree: DiskTree): boolean {
    tree.add(entry, size);
    return this.noteWanted(entry.path, size);
  }

  private noteForSource<F extends SourceFile>(file: F, tree: SourceTree<F>): boolean {
    tree.add(file);
    return this.noteWanted(file.path, file.size);
  }

  private noteWanted(path: string, size: number): boolean {
    let any = false;
    for (const s of this.projectScanners) {
      if (this.asks(s, path, size)) {
        this.tallies.get(s)!.wanted.push({ path, size });
        any = true;
      }
    }
    return any;
  }

  /**
   * Whether some scanner (per-file or project) wants the file. `plan`: asked ahead of the scan (a
   * source's prepare), so untimed and silent: the scan itself reports a throwing wants().
   */
  wantedByAny(path: string, size: number, plan = false): boolean {
    for (const s of this.tallies.keys()) if (this.asks(s, path, size, plan)) return true;
    return false;
  }

  private wanting(path: string, size: number): FileScanner<unknown>[] {
    const out: FileScanner<unknown>[] = [];
    for (const s of this.fileScanners) if (this.asks(s, path, size)) out.push(s);
    return out;
  }

  /** wants(), timed and isolated: a throwing wants() is a scanner error, not a crash (`plan`: see wantedByAny). */
  private asks(s: Scanner, path: string, size: number, plan = false): boolean {
    if (plan) {
      try {
        return s.wants(path, size);
      } catch {
        return false;
      }
    }
    const tally = this.tallies.get(s)!;
    const t0 = performance.now();
    try {
      return s.wants(path, size);
    } catch (err) {
      this.scannerError(s, path, err);
      return false;
    } finally {
      tally.durationMs += performance.now() - t0;
    }
  }

  private countSkipped(scanners: readonly Scanner[], code: string): void {
    for (const s of scanners) this.tallies.get(s)!.skipped(code);
  }

  /** The scanners among `wanting` that take this file even when it is binary (FileScanner.binaryPaths). */
  private binaryReaders(wanting: FileScanner<unknown>[], path: string): FileScanner<unknown>[] {
    return wanting.filter((s) => s.binaryPaths?.test(path));
  }

  private runScanners(wanting: FileScanner<unknown>[], file: FileInput): Promise<void> | undefined {
    this.filesScanned++;
    this.bytesScanned += file.size;
    const collected: Finding[][] = [];
    for (let i = 0; i < wanting.length; i++) {
      const s = wanting[i];
      const t0 = performance.now();
      let out: Finding[] | Promise<Finding[]>;
      try {
        out = s.scan(file, this.context(s, file.path));
      } catch (err) {
        this.scanFailed(s, file.path, err, t0);
        continue;
      }
      if (out instanceof Promise) return this.finishAsync(wanting, i, out, t0, file, collected);
      this.scanDone(s, file.path, out, t0, collected);
    }
    this.keep(collected, file.content);
    return undefined;
  }

  /** Continues runScanners at scanner `i`, whose scan() returned a promise; later ones are awaited too. */
  private async finishAsync(
    wanting: FileScanner<unknown>[],
    i: number,
    first: Promise<Finding[]>,
    t0: number,
    file: FileInput,
    collected: Finding[][],
  ): Promise<void> {
    try {
      this.scanDone(wanting[i], file.path, await first, t0, collected);
    } catch (err) {
      this.scanFailed(wanting[i], file.path, err, t0);
    }
    for (let j = i + 1; j < wanting.length; j++) {
      const s = wanting[j];
      const t = performance.now();
      try {
        this.scanDone(s, file.path, await s.scan(file, this.context(s, file.path)), t, collected);
      } catch (err) {
        this.scanFailed(s, file.path, err, t);
      }
    }
    this.keep(collected, file.content);
  }

  /** A context whose warnings name the scanner and, unless they say otherwise, the file. */
  private context(s: Scanner, path?: string): ScanContext<unknown> {
    const tally = this.tallies.get(s)!;
    return {
      options: this.options.get(s),
      signal: this.opts.signal,
      warn: (w) => {
        tally.warnings++;
        const at = w.path ?? path;
        this.warn({ ...w, ...(at ? { path: at } : {}), scanner: s.name });
        if (at && s.kind !== 'project' && s.partialCodes?.includes(w.code)) this.partly(at);
      },
    };
  }

  private scanDone(s: Scanner, path: string, out: unknown, t0: number, collected: Finding[][]): void {
    const tally = this.tallies.get(s)!;
    tally.filesScanned++;
    tally.durationMs += performance.now() - t0;
    if (!Array.isArray(out)) {
      this.scannerError(s, path, new TypeError('scan() did not return an array of findings'));
      return;
    }
    tally.findings += out.length;
    if (out.length > 0) collected.push(out as Finding[]);
  }

  private scanFailed(s: Scanner, path: string, err: unknown, t0: number): void {
    const tally = this.tallies.get(s)!;
    tally.filesScanned++;
    tally.durationMs += performance.now() - t0;
    this.scannerError(s, path, err);
  }

  private keep(collected: Finding[][], content: Buffer): void {
    if (collected.length === 0) return;
    const all = collected.length === 1 ? collected[0] : collected.flat();
    for (const f of applyInlineSuppressions(all, content)) this.findings.push(f);
  }

  private scannerError(s: Scanner, path: string | undefined, err: unknown): void {
    this.tallies.get(s)!.warnings++;
    this.warn({ code: 'scanner-error', message: `${s.name} failed${path ? ' on this file' : ''}: ${errorSummary(err)}`, ...(path ? { path } : {}), scanner: s.name });
  }

  /** After the walk: each project scanner, one at a time, on a view of the tree. */
  async runProjectScanners(tree: Tree): Promise<void> {
    for (const s of this.projectScanners) {
      throwIfAborted(this.opts.signal);
      const tally = this.tallies.get(s)!;
      if (tally.wanted.length === 0) continue;
      const ctx = this.context(s);
      const view = new TreeView(tree, tally, ctx.warn, this.projectSkip, this.projectRead);
      const t0 = performance.now();
      let out: ScanOutput;
      try {
        out = await s.scanProject(view, ctx);
      } catch (err) {
        if (this.opts.signal?.aborted) throw err;
        tally.fail('failed', errorSummary(err));
        this.scannerError(s, undefined, err);
        continue;
      } finally {
        tally.durationMs += performance.now() - t0;
      }
      this.keepProjectOutput(s, tally, out, view);
    }
  }

  private keepProjectOutput(s: Scanner, tally: ScannerTally, out: ScanOutput, view: TreeView): void {
    if (!out || !Array.isArray(out.findings) || (out.results !== undefined && !Array.isArray(out.results))) {
      tally.fail('failed', 'scanProject() did not return { findings, results? }');
      this.scannerError(s, undefined, new TypeError('scanProject() did not return { findings, results? }'));
      return;
    }
    if (out.notRun) tally.fail('not-run', out.notRun.text, out.notRun.code);
    for (const [code, n] of Object.entries(out.skipped ?? {})) for (let i = 0; i < n; i++) tally.skipped(code);
    tally.findings += out.findings.length;
    for (const r of out.results ?? []) tally.result(r.outcome);
    this.results.push(...(out.results ?? []));
    if (out.inventory) this.inventories.push({ scanner: s.name, items: out.inventory });
    // Inline suppressions need the text of the file each finding points at.
    const byPath = new Map<string, Finding[]>();
    for (const f of out.findings) {
      const path = locationPath(f.location);
      if (path === undefined) this.findings.push(f);
      else byPath.set(path, [...(byPath.get(path) ?? []), f]);
    }
    for (const [path, findings] of byPath) {
      const content = view.readQuietly(path);
      if (content) this.findings.push(...applyInlineSuppressions(findings, content));
      else this.findings.push(...findings);
    }
  }

  finish(config: SuppressionConfig): ScanResult {
    const findings = applyConfigSuppressions(this.findings, config).sort(compareFindings);
    const warnings = [...this.warnings].sort(compareWarnings);
    const dropped = [...this.warningCounts].filter(([, n]) => n > MAX_WARNINGS_PER_CODE);
    if (dropped.length > 0) {
      const list = dropped.map(([code, n]) => `${n - MAX_WARNINGS_PER_CODE} more '${code}'`).join(', ');
      warnings.push({ code: 'warnings-truncated', message: `Not listed: ${list}` });
    }
    return {
      findings,
      results: this.results,
      inventories: this.inventories,
      scanners: [...this.tallies.values()].map((t) => t.toRun()),
      warnings,
      stats: {
        filesSeen: this.filesSeen,
        filesScanned: this.filesScanned,
        filesSkipped: this.filesSeen - this.filesScanned,
        bytesScanned: this.bytesScanned,
        durationMs: round1(performance.now() - this.started),
      },
      coverage: this.coverage.toCoverage(),
    };
  }
}

/**
 * Reuses the read buffer across files instead of allocating one per file (allocation and GC were a
 * measurable share of the scan). A buffer is lent to one file at a time and given back once every
 * scanner is done with it (an asynchronous scanner keeps it until its promise settles; files read
 * meanwhile get another). Hence FileInput.content from scanDirectory is valid only until scan()
 * returns or its promise settles: a scanner that keeps bytes must copy them. The spare part of a
 * buffer (content.buffer beyond content) holds earlier files of the same scan, never another scan's.
 */
class ReadBuffers {
  private static readonly MIN_BYTES = 64 * 1024;
  private spare: Buffer | undefined;

  take(size: number): Buffer {
    const s = this.spare;
    if (s !== undefined && s.length >= size) {
      this.spare = undefined;
      return s;
    }
    // Grow geometrically so a run of slightly larger files does not reallocate each time.
    return Buffer.allocUnsafeSlow(Math.max(size, ReadBuffers.MIN_BYTES, Math.min(2 * (s?.length ?? 0), 2 ** 30)));
  }

  give(buf: Buffer): void {
    if (this.spare === undefined || buf.length > this.spare.length) this.spare = buf;
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError(signal.reason);
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(locationPath(a.location) ?? '', locationPath(b.location) ?? '') ||
    (locationLine(a.location) ?? 0) - (locationLine(b.location) ?? 0) ||
    (columnOf(a) ?? 0) - (columnOf(b) ?? 0) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

function columnOf(f: Finding): number | undefined {
  return f.location.kind === 'file' || f.location.kind === 'resource' ? f.location.column : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function compareWarnings(a: ScanWarning, b: ScanWarning): number {
  return cmp(a.path ?? '', b.path ?? '') || cmp(a.code, b.code) || cmp(a.message, b.message);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
