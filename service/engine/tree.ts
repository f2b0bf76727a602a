// The tree a scan reads, behind one interface: files on disk (read through the walk's guarded open)
// or in memory. TreeView is what a project scanner sees of it.
import * as posix from 'node:path/posix';
import type { ScannerTally } from './figures';
import type { ProjectFile, ProjectView, SourceFile, TreeSource, Warn } from './types';
import { asBuffer, binaryWarning, isBinary, readWalkedFile, tooLarge, type ReadOutcome, type WalkEntry } from './walk';

export interface Tree {
  list(): readonly ProjectFile[];
  has(path: string): boolean;
  read(path: string): ReadOutcome;
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
  read(path: string): ReadOutcome {
    const absPath = this.byPath.get(path);
    if (absPath === undefined) return notInTree(path);
    // The same guarded open as the walk: no symlink, regular file only, size capped, binary refused.
    return readWalkedFile({ path, absPath }, this.maxFileBytes);
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
  read(path: string): ReadOutcome {
    const content = this.byPath.get(path);
    if (content === undefined) return notInTree(path);
    if (content.length > this.maxFileBytes) return { ok: false, warning: tooLarge(path, content.length, this.maxFileBytes) };
    if (isBinary(content)) return { ok: false, warning: binaryWarning(path) };
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
  read(path: string): ReadOutcome {
    const file = this.byPath.get(path);
    if (file === undefined) return notInTree(path);
    if (file.size > this.maxFileBytes) return { ok: false, warning: tooLarge(path, file.size, this.maxFileBytes) };
    const read = this.source.read(file);
    if (!read.ok) return { ok: false, warning: read.warning };
    if (isBinary(read.content)) return { ok: false, warning: binaryWarning(path) };
    return { ok: true, content: asBuffer(read.content) };
  }
}

function notInTree(path: string): ReadOutcome {
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
    /** Told of each file of the tree that could not be read (for the scan's coverage). */
    private readonly skipped?: (path: string, code: string) => void,
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
        if (outcome.warning.code !== 'not-in-tree') this.skipped?.(p, outcome.warning.code);
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
