import { closeSync, promises as fsp } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { scanners as registeredScanners } from './registry';
import { applyConfigSuppressions, applyInlineSuppressions, CONFIG_FILE, loadSuppressionConfig, parseSuppressionConfig } from './suppress';
import type { SuppressionConfig } from './suppress';
import { DEFAULT_LIMITS, Pacer, binaryWarning, isBinary, openWalkedFile, readOpenFile, tooLarge, walkTree } from './walk';
import type { WalkEntry } from './walk';
import type { FileInput, Finding, ScanContext, ScanOptions, ScanResult, ScanWarning, Scanner, ScannerRun, WalkLimits } from './types';

export { DEFAULT_LIMITS };

/** Salt for secret hashes when the caller gives none (the CLI); the service always passes the org's. */
export const DEFAULT_SECRET_SALT = 'vigil-local';
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

/** Walks `root`, runs every scanner on the files it wants, applies inline and .vigil.yml suppressions. */
export async function scanDirectory(root: string, opts: ScanOptions = {}): Promise<ScanResult> {
  const session = new ScanSession(opts);
  throwIfAborted(opts.signal);
  const st = await fsp.stat(root).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`Cannot scan ${root}: ${err.code === 'ENOENT' ? 'no such folder' : err.code ?? err.message}`);
  });
  if (!st.isDirectory()) throw new Error(`Cannot scan ${root}: not a directory`);

  const config = loadSuppressionConfig(root, session.warn);
  const pacer = new Pacer();
  const steps = walkTree(root, session.limits, session.warn);
  // The walk is a synchronous generator shared by the workers: each next() runs to completion, so
  // they never re-enter it. Awaits happen only for an asynchronous scanner or a due Pacer turn.
  const worker = async (): Promise<void> => {
    while (!opts.signal?.aborted) {
      const step = steps.next();
      if (step.done) return;
      if (step.value !== null) {
        const pending = session.scanEntry(step.value);
        if (pending) await pending;
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
  return session.finish(config);
}

/**
 * Scans files already in memory (tests, pull-request diffs). The same caps and binary check apply;
 * a `.vigil.yml` among the files is honoured like one at the scan root.
 */
export async function scanFiles(files: FileInput[], opts: ScanOptions = {}): Promise<ScanResult> {
  const session = new ScanSession(opts);
  const configFile = files.find((f) => f.path === CONFIG_FILE);
  const config = configFile
    ? parseSuppressionConfig(configFile.content.toString('utf8'), session.warn)
    : { entries: [] };
  const pacer = new Pacer();
  for (const file of files) {
    throwIfAborted(opts.signal);
    await session.scanInMemory(file);
    await pacer.tick();
  }
  throwIfAborted(opts.signal);
  return session.finish(config);
}

class ScanSession {
  readonly limits: WalkLimits;
  private readonly scanners: Scanner[];
  private readonly runs = new Map<Scanner, ScannerRun>();
  private readonly findings: Finding[] = [];
  private readonly warnings: ScanWarning[] = [];
  private readonly warningCounts = new Map<string, number>();
  private readonly started = performance.now();
  private readonly salt: string;
  private filesSeen = 0;
  private filesScanned = 0;
  private bytesScanned = 0;
  private readonly buffers = new ReadBuffers();

  constructor(private readonly opts: ScanOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.scanners = opts.scanners ?? registeredScanners;
    this.salt = opts.secretSalt ?? DEFAULT_SECRET_SALT;
    for (const s of this.scanners) {
      this.runs.set(s, { scanner: s.name, version: s.version, filesScanned: 0, findings: 0, durationMs: 0, warnings: 0 });
    }
  }

  readonly warn = (w: Omit<ScanWarning, 'scanner'> & { scanner?: string }): void => {
    const count = (this.warningCounts.get(w.code) ?? 0) + 1;
    this.warningCounts.set(w.code, count);
    if (count <= MAX_WARNINGS_PER_CODE) this.warnings.push(w);
  };

  /**
   * Opens a walked file, asks the scanners (with the size fstat gave), reads it if wanted and runs
   * them. Returns a promise only when an asynchronous scanner is involved (keeps the hot path sync).
   */
  scanEntry(entry: WalkEntry): Promise<void> | undefined {
    this.filesSeen++;
    const opened = openWalkedFile(entry);
    if (!opened.ok) {
      // An unopenable regular file is worth a warning only if some scanner wanted it.
      if (opened.warning.code !== 'unreadable' || opened.size === undefined || this.wanting(entry.path, opened.size).length > 0) {
        this.warn(opened.warning);
      }
      return undefined;
    }
    let buf: Buffer | undefined;
    let file: FileInput;
    let wanting: Scanner[];
    try {
      wanting = this.wanting(entry.path, opened.size);
      if (wanting.length === 0) return undefined;
      if (opened.size > this.limits.maxFileBytes) {
        this.warn(tooLarge(entry.path, opened.size, this.limits.maxFileBytes));
        return undefined;
      }
      buf = this.buffers.take(opened.size);
      const read = readOpenFile(opened.fd, opened.size, entry.path, buf);
      if (!read.ok) {
        this.buffers.give(buf);
        this.warn(read.warning);
        return undefined;
      }
      file = { path: entry.path, size: read.content.length, content: read.content };
    } finally {
      closeSync(opened.fd);
    }
    const pending = this.runScanners(wanting, file);
    if (!pending) {
      this.buffers.give(buf);
      return undefined;
    }
    const held = buf;
    return pending.finally(() => this.buffers.give(held));
  }

  scanInMemory(file: FileInput): Promise<void> | undefined {
    this.filesSeen++;
    const size = file.content.length;
    const wanting = this.wanting(file.path, size);
    if (wanting.length === 0) return undefined;
    if (size > this.limits.maxFileBytes) {
      this.warn(tooLarge(file.path, size, this.limits.maxFileBytes));
      return undefined;
    }
    if (isBinary(file.content)) {
      this.warn(binaryWarning(file.path));
      return undefined;
    }
    return this.runScanners(wanting, { path: file.path, size, content: file.content });
  }

  private wanting(path: string, size: number): Scanner[] {
    const out: Scanner[] = [];
    for (const s of this.scanners) {
      const run = this.runs.get(s)!;
      const t0 = performance.now();
      try {
        if (s.wants(path, size)) out.push(s);
      } catch (err) {
        this.scannerError(s, run, path, err);
      } finally {
        run.durationMs += performance.now() - t0;
      }
    }
    return out;
  }

  private runScanners(wanting: Scanner[], file: FileInput): Promise<void> | undefined {
    this.filesScanned++;
    this.bytesScanned += file.size;
    const collected: Finding[][] = [];
    for (let i = 0; i < wanting.length; i++) {
      const s = wanting[i];
      const run = this.runs.get(s)!;
      const t0 = performance.now();
      let out: Finding[] | Promise<Finding[]>;
      try {
        out = s.scan(file, this.context(s, run, file.path));
      } catch (err) {
        this.scanFailed(s, run, file.path, err, t0);
        continue;
      }
      if (out instanceof Promise) return this.finishAsync(wanting, i, out, t0, file, collected);
      this.scanDone(s, run, file.path, out, t0, collected);
    }
    this.keep(collected, file);
    return undefined;
  }

  /** Continues runScanners at scanner `i`, whose scan() returned a promise; later ones are awaited too. */
  private async finishAsync(
    wanting: Scanner[],
    i: number,
    first: Promise<Finding[]>,
    t0: number,
    file: FileInput,
    collected: Finding[][],
  ): Promise<void> {
    const run = this.runs.get(wanting[i])!;
    try {
      this.scanDone(wanting[i], run, file.path, await first, t0, collected);
    } catch (err) {
      this.scanFailed(wanting[i], run, file.path, err, t0);
    }
    for (let j = i + 1; j < wanting.length; j++) {
      const s = wanting[j];
      const r = this.runs.get(s)!;
      const t = performance.now();
      try {
        this.scanDone(s, r, file.path, await s.scan(file, this.context(s, r, file.path)), t, collected);
      } catch (err) {
        this.scanFailed(s, r, file.path, err, t);
      }
    }
    this.keep(collected, file);
  }

  private context(s: Scanner, run: ScannerRun, path: string): ScanContext {
    return {
      secretSalt: this.salt,
      signal: this.opts.signal,
      warn: (w) => {
        run.warnings++;
        this.warn({ ...w, path: w.path ?? path, scanner: s.name });
      },
    };
  }

  private scanDone(s: Scanner, run: ScannerRun, path: string, out: unknown, t0: number, collected: Finding[][]): void {
    run.filesScanned++;
    run.durationMs += performance.now() - t0;
    if (!Array.isArray(out)) {
      this.scannerError(s, run, path, new TypeError('scan() did not return an array of findings'));
      return;
    }
    run.findings += out.length;
    if (out.length > 0) collected.push(out as Finding[]);
  }

  private scanFailed(s: Scanner, run: ScannerRun, path: string, err: unknown, t0: number): void {
    run.filesScanned++;
    run.durationMs += performance.now() - t0;
    this.scannerError(s, run, path, err);
  }

  private keep(collected: Finding[][], file: FileInput): void {
    if (collected.length === 0) return;
    const all = collected.length === 1 ? collected[0] : collected.flat();
    for (const f of applyInlineSuppressions(all, file.content)) this.findings.push(f);
  }

  private scannerError(s: Scanner, run: ScannerRun, path: string, err: unknown): void {
    run.warnings++;
    this.warn({ code: 'scanner-error', message: `${s.name} failed on this file: ${errorSummary(err)}`, path, scanner: s.name });
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
      scanners: [...this.runs.values()].map((r) => ({ ...r, durationMs: round1(r.durationMs) })),
      warnings,
      stats: {
        filesSeen: this.filesSeen,
        filesScanned: this.filesScanned,
        filesSkipped: this.filesSeen - this.filesScanned,
        bytesScanned: this.bytesScanned,
        durationMs: round1(performance.now() - this.started),
      },
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

/**
 * First line only, capped: parser errors (JSON.parse in Node 20, yaml) quote the input they choked
 * on, and a warning must never carry file content such as a secret onward.
 */
function errorSummary(err: unknown): string {
  const name = err instanceof Error ? err.name : 'Error';
  const msg = err instanceof Error ? err.message : String(err);
  const first = msg.split('\n', 1)[0].replace(/(["'`])[^"'`]{8,}\1/g, '$1…$1');
  return `${name}: ${first.length > 160 ? `${first.slice(0, 160)}…` : first}`;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.location.path, b.location.path) ||
    a.location.line - b.location.line ||
    (a.location.column ?? 0) - (b.location.column ?? 0) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.fingerprint, b.fingerprint)
  );
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
