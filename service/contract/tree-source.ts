// A tree of files the scan engine reads without a folder on disk (a repository zip read in place):
// what a source lists, refuses and hands out. Types only, shared by the engine (which reads sources)
// and ado/ (whose ZipTree is one). Bytes are Uint8Array (a Node Buffer is one): no Node types here.
import type { ScanWarning } from './model';
import type { CoverageReason } from './vocabulary';

/** A file a {@link TreeSource} lists. A source may carry more in it (where its bytes are). */
export interface SourceFile {
  /** Tree path: POSIX, relative, normalised (the source refuses other names). */
  readonly path: string;
  /** Bytes of content, as the source knows it before reading (a zip's central directory). */
  readonly size: number;
}

/** An entry a source lists but never hands out (unsafe name, link, device, damaged listing). */
export interface SourceRefusal {
  /** The name as stored (absent for the lost rest of a damaged listing). */
  readonly path?: string;
  readonly refused: {
    reason: CoverageReason;
    /** Why, for a person: 'symbolic link (not extracted)', 'absolute path'... */
    message: string;
    /** Warning code; default 'zip-entry-rejected'. */
    code?: string;
    /** Entries it stands for (the unread rest of a damaged listing); default 1. */
    count?: number;
  };
}

/** A read the source refused or could not do, with the coverage reason and the limit behind it. */
export interface SourceSkip {
  ok: false;
  warning: Omit<ScanWarning, 'scanner'>;
  reason: CoverageReason;
  limit?: number;
}

/**
 * A tree the engine reads without a folder on disk (a repository zip read in place). Listing and
 * whole reads are synchronous (the engine paces itself); large files stream. The source enforces
 * its own guards (names, links, sizes, archive budgets) and says which limit refused a read.
 */
export interface TreeSource<F extends SourceFile = SourceFile> {
  /** The next entry in listing order; undefined at the end. */
  next(): F | SourceRefusal | undefined;
  /** The whole content of a listed file (the engine asks only for files within its maxFileBytes). */
  read(file: F): { ok: true; content: Uint8Array } | SourceSkip;
  /** The content in chunks, for a file read through windows; breaking out of the loop stops it. */
  stream(file: F): { ok: true; chunks: AsyncIterable<Uint8Array> } | SourceSkip;
  /**
   * Called once before the listing by a source that budgets its reads: `wanted` says, for each
   * file in listing order, whether the engine will read it (within maxFiles and maxDepth, wanted
   * by a scanner), so the source can plan what fits (smallest first).
   */
  prepare?(wanted: (path: string, size: number) => boolean): void;
}
