// The tree a scan reads, behind one interface: files on disk (read through the walk's guarded open)
// or in memory. TreeView is what a project scanner sees of it.
import * as posix from 'node:path/posix';
import { coverageReasonOf } from './coverage';
import type { ScannerTally } from './figures';
import type { CoverageReason, ProjectFile, ProjectView, ScanWarning, SourceFile, TreeSource, Warn } from './types';
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

export class MemoryTree implements Tree {
  private readonly files: ProjectFile[] = [];
  private readonly byPath = new Map<string, Buffer>();
  constructor(private readonly maxFileBytes: number) {}

  add(path: string, content: Buffer): void {
    this.files.push({ path, size: content.length });
    this.byPath.set(path, content);
  }
  list(): readonly ProjectFile[] {
    return this.files;
  }
  has(path: string): boolean {
    return this.byPath.has(path);
  }
  read(path: string): TreeRead {
    const content = this.byPath.get(path);
    if (content === undefined) return notInTree(path);
    if (content.length > this.maxFileBytes) {
      return { ok: false, warning: tooLarge(path, content.length, this.maxFileBytes), reason: 'file-too-large', limit: this.maxFileBytes };
    }
    if (isBinary(content)) return { ok: false, warning: binaryWarning(path), reason: 'binary' };
    return { ok: true, content: Buffer.from(content) };
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
    if (first) this.tally.filesScanned++;
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
