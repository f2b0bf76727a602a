// The tree a scan reads, behind one interface: files on disk (read through the walk's guarded open)
// or read through a source (a zip read in place, files in memory: memorySource). TreeView is what a
// project scanner sees of it.
import * as posix from 'node:path/posix';
import { coverageReasonOf } from './coverage';
import type { ScannerTally } from './figures';
import type { CoverageReason, ProjectFile, ProjectView, ScanWarning, SourceFile, SourceRefusal, TreeSource, Warn } from './types';
import { asBuffer, binaryWarning, isBinary, readWalkedFile, tooLarge, type WalkEntry } from './walk';

/** A read of the tree that failed: the warning, and the coverage reason and limit behind it (none for a file not in the tree). */
export interface TreeSkip {
  ok: false;
  warning: Omit<ScanWarning, 'scanner'>;
  reason?: CoverageReason;
  limit?: number;
}

export type TreeRead = { ok: true; content: Buffer } | TreeSkip;

export interface Tree {
  list(): readonly ProjectFile[];
  has(path: string): boolean;
  read(path: string): TreeRead;
}

export class DiskTree implements Tree {
  private readonly files: ProjectFile[] = [];
  private readonly byPath = new Map<string, string>();
  constructor(private readonly maxFileBytes: number) {}

  add(entry: WalkEntry, size: number): void {
    this.files.push({ path: entry.path, size });
    this.byPath.set(entry.path, entry.absPath);
  }
  list(): readonly ProjectFile[] {
    return this.files;
  }
  has(path: string): boolean {
    return this.byPath.has(path);
  }
  read(path: string): TreeRead {
    const absPath = this.byPath.get(path);
    if (absPath === undefined) return notInTree(path);
    // The same guarded open as the walk: no symlink, regular file only, size capped, binary refused.
    const read = readWalkedFile({ path, absPath }, this.maxFileBytes);
    if (read.ok) return read;
    const reason = coverageReasonOf(read.warning.code);
    return { ...read, reason, ...(reason === 'file-too-large' ? { limit: this.maxFileBytes } : {}) };
  }
}

/**
 * A tree read through a source (a zip read in place). Files are remembered (for the project
 * scanners' reads) only when some project scanner exists: with none, nothing is added and the
 * listing costs no memory per file.
 */
export class SourceTree<F extends SourceFile> implements Tree {
  private readonly files: ProjectFile[] = [];
  private readonly byPath = new Map<string, F>();
  constructor(
    private readonly source: TreeSource<F>,
    private readonly maxFileBytes: number,
  ) {}

  add(file: F): void {
    this.files.push({ path: file.path, size: file.size });
    this.byPath.set(file.path, file);
  }
  list(): readonly ProjectFile[] {
    return this.files;
  }
  has(path: string): boolean {
    return this.byPath.has(path);
  }
  read(path: string): TreeRead {
    const file = this.byPath.get(path);
    if (file === undefined) return notInTree(path);
    if (file.size > this.maxFileBytes) {
      return { ok: false, warning: tooLarge(path, file.size, this.maxFileBytes), reason: 'file-too-large', limit: this.maxFileBytes };
    }
    const read = this.source.read(file);
    if (!read.ok) return read;
    if (isBinary(read.content)) return { ok: false, warning: binaryWarning(path), reason: 'binary' };
    return { ok: true, content: asBuffer(read.content) };
  }
}

/** A file handed to scanFiles. */
export interface MemoryFile {
  /** A tree path (POSIX, relative); other names are refused. */
  path: string;
  content: Uint8Array | string;
}

type MemorySourceFile = SourceFile & { readonly content: Uint8Array };

/** Chunks a file in memory is streamed in (files read through windows). */
const MEMORY_CHUNK_BYTES = 64 * 1024;

/**
 * Files already in memory as a TreeSource, listed in order: scanned like any source (limits,
 * windows, .vigil.yml). A name that is not a path inside the tree ('../x', '/etc/x') is refused
 * (zip-entry-rejected); './a/./b' is read as 'a/b'. Reads hand out a copy, never the caller's bytes.
 */
export function memorySource(files: readonly (MemoryFile | SourceRefusal)[]): TreeSource<MemorySourceFile> {
  let i = 0;
  return {
    next() {
      const e = files[i++];
      if (e === undefined) return undefined;
      if ('refused' in e) return e;
      const path = treePath(e.path);
      if (path === undefined) return { path: e.path, refused: { reason: 'zip-entry-rejected', message: 'not a relative path inside the tree' } };
      const content = typeof e.content === 'string' ? Buffer.from(e.content, 'utf8') : e.content;
      return { path, size: content.length, content };
    },
    read: (file) => ({ ok: true, content: Buffer.from(file.content) }),
    stream: (file) => ({
      ok: true,
      chunks: (async function* () {
        for (let at = 0; at < file.content.length; at += MEMORY_CHUNK_BYTES) yield file.content.subarray(at, at + MEMORY_CHUNK_BYTES);
      })(),
    }),
  };
}

function notInTree(path: string): TreeSkip {
  return { ok: false, warning: { code: 'not-in-tree', message: 'No such file in the repository', path } };
}

/** A tree path: POSIX, relative, normalised, never above the root. */
function treePath(path: string): string | undefined {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return undefined;
  const normal = posix.normalize(path);
  if (normal === '..' || normal.startsWith('../') || normal === '.') return undefined;
  return normal;
}

export class TreeView implements ProjectView {
  readonly files: readonly ProjectFile[];
  readonly wanted: readonly ProjectFile[];
  private readonly counted = new Set<string>();

  constructor(
    private readonly tree: Tree,
    private readonly tally: ScannerTally,
    private readonly warn: Warn,
    /** Told of each file of the tree that could not be read, with why (for the scan's coverage). */
    private readonly skipped?: (path: string, skip: TreeSkip) => void,
    /** Told of the first successful read of each file (the scan's files-scanned figure). */
    private readonly readOk?: (path: string, size: number) => void,
  ) {
    this.files = tree.list();
    this.wanted = tally.wanted;
  }

  has(path: string): boolean {
    const p = treePath(path);
    return p !== undefined && this.tree.has(p);
  }

  read(path: string): Buffer | undefined {
    const p = treePath(path);
    if (p === undefined) {
      this.warn({ code: 'outside-tree', message: 'A path outside the repository was asked for and refused' });
      return undefined;
    }
    const outcome = this.tree.read(p);
    const first = !this.counted.has(p);
    this.counted.add(p);
    if (!outcome.ok) {
      if (first) {
        this.warn(outcome.warning);
        this.tally.skipped(outcome.warning.code);
        this.skipped?.(p, outcome);
      }
      return undefined;
    }
    if (first) {
      this.tally.filesScanned++;
      this.readOk?.(p, outcome.content.length);
    }
    return outcome.content;
  }

  readText(path: string): string | undefined {
    return this.read(path)?.toString('utf8');
  }

  resolve(fromDir: string, rel: string): string | undefined {
    if (rel.startsWith('/')) return undefined;
    return treePath(posix.join(fromDir, rel));
  }

  /** For the engine (inline suppressions): a read that neither counts nor warns. */
  readQuietly(path: string): Buffer | undefined {
    const outcome = this.tree.read(path);
    return outcome.ok ? outcome.content : undefined;
  }
}
