import { closeSync, constants as fsc, fstatSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ScanWarning, WalkLimits } from './types';

// Synchronous file-system calls on purpose: on this workload (many small files, usually a freshly
// extracted and therefore cached tree) a sync open or read costs ~10 µs where the promise API costs
// 50-80 µs in thread-pool round trips. The walk and the engine hand the event loop back every
// few milliseconds (see Pacer), so timers, HTTP and abort signals still get through.

export const DEFAULT_LIMITS: Readonly<WalkLimits> = Object.freeze({
  maxFileBytes: 5 * 1024 * 1024,
  maxFiles: 1_000_000,
  maxDepth: 200,
});

/** Bytes inspected for a NUL to call a file binary (git and ripgrep look at the same window). */
export const BINARY_SNIFF_BYTES = 8192;

/** A regular file as listed by the walk. Its size is learnt when it is opened (see {@link openWalkedFile}). */
export interface WalkEntry {
  /** Repository-relative POSIX path. */
  path: string;
  /** Absolute path on disk; only {@link openWalkedFile} and {@link readWalkedFile} open it. */
  absPath: string;
}

/**
 * What the walk yields: a file, or `null` at each directory it enters. The nulls give the consumer a
 * point to hand the event loop back even in a tree of directories without files.
 */
export type WalkStep = WalkEntry | null;

type Warn = (w: Omit<ScanWarning, 'scanner'>) => void;

const SKIPPED_DIRS = new Set(['.git']);

// O_NOFOLLOW: a file swapped for a symlink between the walk and the read fails with ELOOP instead
// of being followed. O_NONBLOCK: a file swapped for a FIFO cannot hang the open. (Both are 0 on Windows.)
const OPEN_FLAGS = fsc.O_RDONLY | (fsc.O_NOFOLLOW ?? 0) | (fsc.O_NONBLOCK ?? 0);

/** Whether the caller keeps this entry out (a folder is then not entered, a file or link not reported). */
export type WalkExclude = (relPath: string, isDirectory: boolean) => boolean;

/** A regular file the walk lists but does not hand out, because of a limit. */
export type WalkSkip = (relPath: string, code: 'file-limit' | 'depth-limit') => void;

/**
 * Regular files under `root`, depth first in name order (a directory's files, then its
 * subdirectories). Symlinks, devices, FIFOs and sockets are reported and skipped, never followed;
 * `.git/` is skipped silently. File types come from readdir; nothing is stat'ed here: the one
 * check that counts is made on the open descriptor (a symlink or FIFO swapped in after the listing
 * is caught there, see {@link openWalkedFile}). The walk enforces maxFiles and maxDepth (one warning
 * each where it applies); with `skipped`, it goes on listing what they keep out, so that every file
 * not scanned is counted by name, without being handed out. maxFileBytes is the reader's (only a
 * file some scanner wanted is reported as too large). `exclude`: entries the caller keeps out, asked
 * before anything else (an excluded folder is not listed at all).
 * Synchronous: a consumer that must stay responsive paces itself on the `null` steps and files.
 */
export function* walkTree(
  root: string,
  limits: WalkLimits,
  warn: Warn,
  skipped?: WalkSkip,
  exclude?: WalkExclude,
): Generator<WalkStep, void, undefined> {
  // Directories still to visit, last = next. Subdirectories are pushed in reverse name order, so
  // popping gives the same order as a recursive walk. `deep`: below the depth limit (listed for
  // counting only).
  const stack: { abs: string; rel: string; depth: number; deep: boolean }[] = [{ abs: path.resolve(root), rel: '', depth: 0, deep: false }];
  let files = 0;
  let warnedFileLimit = false;
  for (let dir = stack.pop(); dir !== undefined; dir = stack.pop()) {
    let deep = dir.deep;
    if (!deep && dir.depth > limits.maxDepth) {
      warn({ code: 'depth-limit', message: `Directory deeper than ${limits.maxDepth} levels not scanned`, path: dir.rel });
      if (!skipped) continue;
      deep = true;
    }
    yield null;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir.abs, { withFileTypes: true });
    } catch (err) {
      warn({ code: 'unreadable', message: `Cannot list directory: ${errorCode(err)}`, path: dir.rel || '.' });
      continue;
    }
    entries.sort(byName);
    const absPrefix = dir.abs.endsWith(path.sep) ? dir.abs : dir.abs + path.sep;
    const relPrefix = dir.rel ? `${dir.rel}/` : '';
    const subdirs: Dirent[] = [];
    for (const e of entries) {
      if (e.isDirectory() && SKIPPED_DIRS.has(e.name)) continue;
      const rel = relPrefix + e.name;
      if (exclude?.(rel, e.isDirectory())) continue;
      if (e.isDirectory()) {
        subdirs.push(e);
        continue;
      }
      if (!e.isFile()) {
        warn({ code: specialKind(e), message: `Skipped ${describeSpecial(e)} (never followed or read)`, path: rel });
        continue;
      }
      if (deep) {
        skipped?.(rel, 'depth-limit');
        continue;
      }
      if (files >= limits.maxFiles) {
        if (!warnedFileLimit) {
          warnedFileLimit = true;
          warn({ code: 'file-limit', message: `Stopped after ${limits.maxFiles} files; the rest of the tree was not scanned`, path: rel });
        }
        if (!skipped) return;
        skipped(rel, 'file-limit');
        continue;
      }
      files++;
      yield { path: rel, absPath: absPrefix + e.name };
    }
    for (let i = subdirs.length - 1; i >= 0; i--) {
      const name = subdirs[i].name;
      stack.push({ abs: absPrefix + name, rel: relPrefix + name, depth: dir.depth + 1, deep });
    }
  }
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
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

type Skip = { ok: false; warning: Omit<ScanWarning, 'scanner'> };

export type OpenOutcome =
  | { ok: true; fd: number; size: number }
  /** `size`: from lstat, when a regular file could not be opened (so the caller can ask wants()). */
  | (Skip & { size?: number });

/**
 * Opens a walked file without following a symlink and checks, on the descriptor, that it is still
 * a regular file (the tree may have changed since the listing). The caller closes `fd`.
 * When the open itself fails for another reason than a symlink, `size` still comes from lstat
 * where possible, so the caller can decide whether anyone wanted the file before warning.
 */
export function openWalkedFile(file: WalkEntry): OpenOutcome {
  let fd: number;
  try {
    fd = openSync(file.absPath, OPEN_FLAGS);
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ELOOP') return { ok: false, warning: symlinkWarning(file.path) };
    let size: number | undefined;
    try {
      const st = lstatSync(file.absPath);
      if (!st.isFile()) return { ok: false, warning: { code: st.isSymbolicLink() ? 'symlink' : 'special-file', message: 'Skipped non-regular file', path: file.path } };
      size = st.size;
    } catch {
      // Gone or unreadable: the open's error says it.
    }
    return { ok: false, warning: { code: 'unreadable', message: `Cannot read file: ${code}`, path: file.path }, size };
  }
  let outcome: OpenOutcome;
  try {
    const st = fstatSync(fd);
    if (st.isFile()) return { ok: true, fd, size: st.size };
    outcome = { ok: false, warning: { code: 'special-file', message: 'Skipped non-regular file', path: file.path } };
  } catch (err) {
    outcome = { ok: false, warning: { code: 'unreadable', message: `Cannot read file: ${errorCode(err)}`, path: file.path } };
  }
  closeSync(fd);
  return outcome;
}

export type ReadOutcome = { ok: true; content: Buffer } | Skip;

/**
 * Reads `size` bytes (the size fstat gave) from an open file into `into` (at least that large) and
 * returns the filled part, a view on `into`. A file that shrank under us gives fewer bytes; one
 * that grew is cut at `size`. Binary files (NUL in the first 8 KiB) are refused with a warning,
 * unless `acceptBinary` (the caller checks and routes them itself).
 * Does not close `fd`.
 */
export function readOpenFile(fd: number, size: number, relPath: string, into: Buffer, acceptBinary = false): ReadOutcome {
  let filled = 0;
  try {
    while (filled < size) {
      const n = readSync(fd, into, filled, size - filled, filled);
      if (n === 0) break; // truncated under us
      filled += n;
    }
  } catch (err) {
    return { ok: false, warning: { code: 'unreadable', message: `Cannot read file: ${errorCode(err)}`, path: relPath } };
  }
  const content = filled === into.length ? into : into.subarray(0, filled);
  if (!acceptBinary && isBinary(content)) return { ok: false, warning: binaryWarning(relPath) };
  return { ok: true, content };
}

/**
 * Opens, checks and reads a walked file into a Buffer of its own (see {@link openWalkedFile} and
 * {@link readOpenFile}); a file over `maxFileBytes` is refused.
 */
export function readWalkedFile(file: WalkEntry, maxFileBytes: number): ReadOutcome {
  const opened = openWalkedFile(file);
  if (!opened.ok) return { ok: false, warning: opened.warning };
  try {
    if (opened.size > maxFileBytes) return { ok: false, warning: tooLarge(file.path, opened.size, maxFileBytes) };
    return readOpenFile(opened.fd, opened.size, file.path, Buffer.allocUnsafeSlow(opened.size));
  } finally {
    closeSync(opened.fd);
  }
}

export function isBinary(content: Uint8Array): boolean {
  const window = content.length > BINARY_SNIFF_BYTES ? content.subarray(0, BINARY_SNIFF_BYTES) : content;
  return window.indexOf(0) !== -1;
}

/** Bytes a source handed out as a Buffer: the same memory, never a copy. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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

function symlinkWarning(relPath: string): Omit<ScanWarning, 'scanner'> {
  return { code: 'symlink', message: 'Skipped symbolic link (never followed)', path: relPath };
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
