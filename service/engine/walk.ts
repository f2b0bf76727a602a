import { closeSync, constants as fsc, fstatSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ScanWarning, WalkLimits } from './types';

// Synchronous file-system calls on purpose: on this workload (many small files, usually a freshly
// extracted and therefore cached tree) a sync lstat or read costs ~10 µs where the promise API costs
// 50-80 µs in thread-pool round trips. The walk and the engine hand the event loop back every
// few milliseconds (see Pacer), so timers, HTTP and abort signals still get through.

export const DEFAULT_LIMITS: Readonly<WalkLimits> = Object.freeze({
  maxFileBytes: 5 * 1024 * 1024,
  maxFiles: 100_000,
  maxDepth: 64,
});

/** Bytes inspected for a NUL to call a file binary (git and ripgrep look at the same window). */
export const BINARY_SNIFF_BYTES = 8192;

export interface WalkedFile {
  /** Repository-relative POSIX path. */
  path: string;
  /** Absolute path on disk; only {@link readWalkedFile} opens it. */
  absPath: string;
  size: number;
}

type Warn = (w: Omit<ScanWarning, 'scanner'>) => void;

const SKIPPED_DIRS = new Set(['.git']);

// O_NOFOLLOW: a file swapped for a symlink between the walk and the read fails with ELOOP instead
// of being followed. O_NONBLOCK: a file swapped for a FIFO cannot hang the open. (Both are 0 on Windows.)
const OPEN_FLAGS = fsc.O_RDONLY | (fsc.O_NOFOLLOW ?? 0) | (fsc.O_NONBLOCK ?? 0);

/**
 * Regular files under `root`, depth first in name order. Symlinks, devices, FIFOs and sockets are
 * reported and skipped, never followed; `.git/` is skipped silently. Sizes come from lstat.
 * The walk enforces maxFiles and maxDepth; maxFileBytes is enforced by the reader (the engine only
 * reports an oversized file when some scanner wanted it, so a large video is not a warning).
 */
export async function* walk(root: string, limits: WalkLimits, warn: Warn, pacer = new Pacer()): AsyncGenerator<WalkedFile> {
  const state: WalkState = { files: 0, stopped: false, pacer };
  yield* walkDir(path.resolve(root), '', 0, limits, warn, state);
}

interface WalkState {
  files: number;
  stopped: boolean;
  pacer: Pacer;
}

async function* walkDir(
  absDir: string,
  relDir: string,
  depth: number,
  limits: WalkLimits,
  warn: Warn,
  state: WalkState,
): AsyncGenerator<WalkedFile> {
  await state.pacer.tick();
  let entries: Dirent[];
  try {
    entries = readdirSync(absDir, { withFileTypes: true });
  } catch (err) {
    warn({ code: 'unreadable', message: `Cannot list directory: ${errorCode(err)}`, path: relDir || '.' });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const subdirs: string[] = [];
  for (const e of entries) {
    const rel = relDir ? `${relDir}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) subdirs.push(e.name);
      continue;
    }
    if (!e.isFile()) {
      warn({ code: specialKind(e), message: `Skipped ${describeSpecial(e)} (never followed or read)`, path: rel });
      continue;
    }
    const abs = path.join(absDir, e.name);
    let size: number;
    try {
      const st = lstatSync(abs);
      if (!st.isFile()) {
        // Replaced since readdir; treat like any other special entry.
        warn({ code: st.isSymbolicLink() ? 'symlink' : 'special-file', message: 'Skipped non-regular file', path: rel });
        continue;
      }
      size = st.size;
    } catch (err) {
      warn({ code: 'unreadable', message: `Cannot stat file: ${errorCode(err)}`, path: rel });
      continue;
    }
    if (state.files >= limits.maxFiles) {
      warn({ code: 'file-limit', message: `Stopped after ${limits.maxFiles} files; the rest of the tree was not scanned`, path: rel });
      state.stopped = true;
      return;
    }
    state.files++;
    yield { path: rel, absPath: abs, size };
  }

  for (const name of subdirs) {
    if (state.stopped) return;
    const rel = relDir ? `${relDir}/${name}` : name;
    if (depth + 1 > limits.maxDepth) {
      warn({ code: 'depth-limit', message: `Directory deeper than ${limits.maxDepth} levels not scanned`, path: rel });
      continue;
    }
    yield* walkDir(path.join(absDir, name), rel, depth + 1, limits, warn, state);
  }
}

/**
 * Hands the event loop back (one setImmediate) once `sliceMs` of synchronous work has gone by.
 * Concurrent callers share the pending yield, so N workers cost one turn of the loop, not N slices.
 */
export class Pacer {
  private last = performance.now();
  private pending: Promise<void> | undefined;
  constructor(private readonly sliceMs = 10) {}
  tick(): Promise<void> | undefined {
    if (this.pending) return this.pending;
    if (performance.now() - this.last < this.sliceMs) return undefined;
    this.pending = new Promise((resolve) =>
      setImmediate(() => {
        this.pending = undefined;
        this.last = performance.now();
        resolve();
      }),
    );
    return this.pending;
  }
}

export type ReadOutcome =
  | { ok: true; content: Buffer }
  | { ok: false; warning: Omit<ScanWarning, 'scanner'> };

/**
 * Reads a walked file into a Buffer without following a symlink, re-checking type and size on the
 * open descriptor (the tree may change under us). Binary files are refused with a 'binary' warning.
 */
export function readWalkedFile(file: WalkedFile, maxFileBytes: number): ReadOutcome {
  let fd = -1;
  try {
    fd = openSync(file.absPath, OPEN_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile()) {
      return { ok: false, warning: { code: 'special-file', message: 'Skipped non-regular file', path: file.path } };
    }
    if (st.size > maxFileBytes) return { ok: false, warning: tooLarge(file.path, st.size, maxFileBytes) };
    // Not pooled: a scanner must never see other files' bytes through content.buffer.
    const buf = Buffer.allocUnsafeSlow(st.size);
    let filled = 0;
    while (filled < st.size) {
      const n = readSync(fd, buf, filled, st.size - filled, filled);
      if (n === 0) break; // truncated under us
      filled += n;
    }
    const content = filled === st.size ? buf : buf.subarray(0, filled);
    if (isBinary(content)) return { ok: false, warning: binaryWarning(file.path) };
    return { ok: true, content };
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ELOOP') {
      return { ok: false, warning: { code: 'symlink', message: 'Skipped symbolic link (never followed)', path: file.path } };
    }
    return { ok: false, warning: { code: 'unreadable', message: `Cannot read file: ${code}`, path: file.path } };
  } finally {
    if (fd !== -1) closeSync(fd);
  }
}

export function isBinary(content: Buffer): boolean {
  const window = content.length > BINARY_SNIFF_BYTES ? content.subarray(0, BINARY_SNIFF_BYTES) : content;
  return window.indexOf(0) !== -1;
}

export function tooLarge(relPath: string, size: number, max: number): Omit<ScanWarning, 'scanner'> {
  return {
    code: 'file-too-large',
    message: `Skipped file of ${size} bytes (limit ${max} bytes)`,
    path: relPath,
  };
}

export function binaryWarning(relPath: string): Omit<ScanWarning, 'scanner'> {
  return { code: 'binary', message: 'Skipped binary file (NUL byte in the first 8 KiB)', path: relPath };
}

function specialKind(e: { isSymbolicLink(): boolean }): string {
  return e.isSymbolicLink() ? 'symlink' : 'special-file';
}

function describeSpecial(e: {
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
}): string {
  if (e.isSymbolicLink()) return 'symbolic link';
  if (e.isFIFO()) return 'FIFO';
  if (e.isSocket()) return 'socket';
  if (e.isBlockDevice() || e.isCharacterDevice()) return 'device';
  return 'non-regular file';
}

function errorCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : 'unknown error';
}
