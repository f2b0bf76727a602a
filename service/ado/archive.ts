// Untrusted repository zips, read in place (openZipTree: the scan job's source, nothing written to
// disk) with our own caps.
// yauzl parses the central directory and checks declared sizes; it does not cap totals, entry counts
// or ratios, and it aborts the whole archive on one bad name. We decode and judge names ourselves, so
// a `../evil` entry is refused and recorded while the rest of the repository is still read
// (DEPENDENCIES.md §8).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import * as yauzl from 'yauzl';
import type { SourceFile, SourceRefusal, SourceSkip, TreeSource } from '../contract/tree-source';
import type { CoverageReason } from '../contract/vocabulary';

/** The file is not a zip that can be read at all (the only failure of a whole archive). */
export class ArchiveError extends Error {
  readonly code = 'invalid-zip';
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** Below this size a file's ratio says nothing: a 40 KB file of spaces compresses 1000:1 honestly. */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** Null when the name is acceptable; yauzl's own rules plus empty and NUL. */
function checkName(name: string): string | null {
  if (name === '' || name === '/') return 'empty name';
  if (name.includes('\0')) return 'NUL character in name';
  const problem = yauzl.validateFileName(name);
  if (problem === null) return null;
  if (problem.startsWith('absolute path')) return 'absolute path';
  if (problem.startsWith('invalid relative path')) return 'parent-folder (..) segment: would escape the destination';
  return problem.replace(/: .*$/, '');
}

/** An entry name fit for a warning: control characters shown as '?', cut at 300 characters. */
function displayName(name: string): string {
  let clean = '';
  for (const ch of name) clean += ch < ' ' || ch === '\u007f' ? '?' : ch;
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean;
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : messageOf(err);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// ---- reading a zip in place ----------------------------------------------------------------------

export interface ZipTreeLimits {
  /** Uncompressed bytes read from the archive in all; files that would pass it are skipped. */
  maxTotalBytes: number;
  /**
   * Uncompressed / compressed over the whole archive: reads stop at the archive's size times this
   * (never below minBudgetBytes), so a small zip of highly compressible entries cannot inflate to
   * gigabytes, however small each entry is.
   */
  maxRatio: number;
  /** Per entry of RATIO_FLOOR_BYTES or more: a higher ratio is a bomb, skipped. */
  maxEntryRatio: number;
  /** The ratio budget's floor (default 64 MiB): a small archive of honest, repetitive text is read whole. */
  minBudgetBytes?: number;
}

export const DEFAULT_MIN_BUDGET_BYTES = 64 * 1024 * 1024;

/** A regular file of the archive: a SourceFile, plus where its bytes are. */
export interface ZipTreeFile extends SourceFile {
  readonly compressedSize: number;
  readonly method: number;
  readonly localHeaderOffset: number;
}

/** Blocks read from the archive at a time (central directory, local headers, small entries). */
const BLOCK_BYTES = 1024 * 1024;
/** Chunks a streamed entry is read and inflated in. */
const STREAM_CHUNK_BYTES = 256 * 1024;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;

/** Synchronous reads of the archive through one cached block: the central directory reads as one pass. */
class BlockReader {
  private readonly block = Buffer.allocUnsafe(BLOCK_BYTES);
  private start = 0;
  private end = 0;
  constructor(private readonly fd: number) {}

  /** bytes [pos, pos + length) (fewer at the end of the file): a view of the block when they fit in one, else a copy. */
  view(pos: number, length: number): Buffer {
    if (pos >= this.start && pos + length <= this.end) return this.block.subarray(pos - this.start, pos - this.start + length);
    if (length > BLOCK_BYTES) {
      const out = Buffer.allocUnsafe(length);
      const n = readFully(this.fd, out, pos);
      return n === length ? out : out.subarray(0, n);
    }
    this.start = pos;
    this.end = pos + readFully(this.fd, this.block, pos);
    return this.block.subarray(0, Math.min(length, this.end - pos));
  }
}

function readFully(fd: number, into: Buffer, pos: number): number {
  let filled = 0;
  while (filled < into.length) {
    const n = readSync(fd, into, filled, into.length - filled, pos + filled);
    if (n === 0) break;
    filled += n;
  }
  return filled;
}

/** yauzl's reader over our blocks: its callbacks run synchronously, so the listing is synchronous too. */
class SyncZipReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly blocks: BlockReader,
    private readonly fd: number,
  ) {
    super();
  }
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    let n: number;
    try {
      const got = this.blocks.view(position, length);
      n = got.copy(buffer, offset);
    } catch (err) {
      callback(err as Error);
      return;
    }
    (callback as (err: Error | null, bytesRead: number) => void)(null, n);
  }
  override _readStreamForRange(start: number, end: number): Readable {
    // Not used by the listing (read() above serves it); an entry's stream if yauzl ever asks.
    const chunk = Buffer.allocUnsafe(end - start);
    return Readable.from([chunk.subarray(0, readFully(this.fd, chunk, start))]);
  }
  override close(callback: (err: Error | null) => void): void {
    callback(null);
  }
}

/** One pass over the central directory, entry by entry, synchronously (through SyncZipReader). */
class Listing {
  private current: yauzl.Entry | undefined;
  private failure: Error | undefined;
  done = false;

  constructor(readonly zip: yauzl.ZipFile) {
    zip.on('entry', (e: yauzl.Entry) => {
      this.current = e;
    });
    zip.on('error', (err: Error) => {
      this.failure = err;
    });
  }

  /** Opens a listing of the archive; throws when it is not a zip. */
  static open(fd: number, size: number): Listing {
    let opened: yauzl.ZipFile | undefined;
    let failed: unknown;
    // decodeStrings:false keeps yauzl from aborting the whole archive on one bad name.
    const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: false };
    yauzl.fromRandomAccessReader(new SyncZipReader(new BlockReader(fd), fd), size, options, (err, zip) => {
      failed = err ?? undefined;
      opened = zip;
    });
    if (!opened) throw failed instanceof Error ? failed : new Error('the archive could not be opened');
    return new Listing(opened);
  }

  /** The next central directory entry; undefined at the end; a string (why) when the rest is lost. */
  next(): yauzl.Entry | string | undefined {
    if (this.done) return undefined;
    this.current = undefined;
    this.zip.readEntry();
    const entry = this.current as yauzl.Entry | undefined;
    if (entry && !this.failure) return entry;
    this.done = true;
    if (this.failure) return messageOf(this.failure);
    return this.zip.entriesRead < this.zip.entryCount ? 'listing stopped' : undefined;
  }

  get lost(): number {
    return this.zip.entryCount - this.zip.entriesRead;
  }

  close(): void {
    this.zip.close();
  }
}

/**
 * A repository zip as a tree the engine reads in place (its TreeSource): the central directory is
 * listed entry by entry (never held whole, so a million entries cost no memory), and a file is
 * inflated only when a scanner wants it, into memory, never to disk. Refused at listing: names
 * that are absolute, climb out ('..'), hold NUL or backslashes; symbolic links, devices, FIFOs,
 * encrypted entries, unknown compression. Skipped at reading: an entry of 1 MiB or more whose own
 * ratio passes maxEntryRatio; an entry that does not fit the archive's budget of
 * min(maxTotalBytes, max(minBudgetBytes, archive size x maxRatio)) uncompressed bytes, the largest
 * first (see prepare); an entry whose bytes do not match its declared size. Synchronous but for
 * stream(); close() when done. Opened by openZipTree only.
 */
class ZipTree implements TreeSource<ZipTreeFile> {
  /** Uncompressed bytes the archive may hand out in all. */
  readonly budgetBytes: number;
  /** Uncompressed bytes handed out so far. */
  inflatedBytes = 0;
  readonly archiveBytes: number;
  /** Files larger than this are left out of the budget (see prepare); Infinity when all fit. */
  largestAdmitted = Infinity;
  private readonly blocks: BlockReader;
  private listing: Listing;
  private closed = false;

  private constructor(
    private readonly fd: number,
    archiveBytes: number,
    private readonly limits: ZipTreeLimits,
  ) {
    this.blocks = new BlockReader(fd);
    this.archiveBytes = archiveBytes;
    const ratioBudget = Math.max(limits.minBudgetBytes ?? DEFAULT_MIN_BUDGET_BYTES, archiveBytes * limits.maxRatio);
    this.budgetBytes = Math.min(limits.maxTotalBytes, ratioBudget);
    this.listing = Listing.open(fd, archiveBytes);
  }

  /** See openZipTree. */
  static open(zipFile: string, limits: ZipTreeLimits): ZipTree {
    for (const key of ['maxTotalBytes', 'maxRatio', 'maxEntryRatio'] as const) {
      if (!(limits[key] > 0)) throw new Error(`openZipTree: ${key} must be a positive number`);
    }
    let fd: number;
    try {
      fd = openSync(zipFile, 'r');
    } catch (err) {
      throw new ArchiveError(`${path.basename(zipFile)} cannot be read: ${codeOf(err)}`);
    }
    try {
      return new ZipTree(fd, fstatSync(fd).size, limits);
    } catch (err) {
      closeSync(fd);
      throw new ArchiveError(`${path.basename(zipFile)} is not a readable zip archive: ${messageOf(err)}`);
    }
  }

  /**
   * Plans the budget before the listing, from the sizes of the files that will be read (`wanted`,
   * asked once per file in listing order): if they do not all fit, the smallest fit first and the
   * largest are skipped, so that no amount of large or highly compressed content placed first can
   * crowd out a small file. Without it, the budget is spent in listing order.
   */
  prepare(wanted: (path: string, size: number) => boolean): void {
    const listing = Listing.open(this.fd, this.archiveBytes);
    let sizes = new Float64Array(1024);
    let count = 0;
    let total = 0;
    try {
      for (let e = listing.next(); e !== undefined && typeof e !== 'string'; e = listing.next()) {
        const file = this.classify(e);
        if (!file || isRefusal(file) || this.bomb(file) || !wanted(file.path, file.size)) continue;
        if (count === sizes.length) {
          const grown = new Float64Array(count * 2);
          grown.set(sizes);
          sizes = grown;
        }
        sizes[count++] = file.size;
        total += file.size;
      }
    } finally {
      listing.close();
    }
    if (total <= this.budgetBytes) return;
    const sorted = sizes.subarray(0, count).sort();
    let sum = 0;
    let admitted = 0;
    while (admitted < count && sum + sorted[admitted] <= this.budgetBytes) sum += sorted[admitted++];
    this.largestAdmitted = admitted === 0 ? -1 : sorted[admitted - 1];
  }

  /** The next file or refused entry in archive order; folders are passed over. Undefined at the end. */
  next(): ZipTreeFile | SourceRefusal | undefined {
    for (;;) {
      const entry = this.listing.next();
      if (entry === undefined) return undefined;
      if (typeof entry === 'string') {
        const lost = Math.max(this.listing.lost, 1);
        return { refused: { reason: 'archive-damaged', code: 'archive-damaged', count: lost, message: `The archive's listing is damaged (${entry}): ${lost} entries not read` } };
      }
      const out = this.classify(entry);
      if (out) return out;
    }
  }

  private classify(entry: yauzl.Entry): ZipTreeFile | SourceRefusal | undefined {
    const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
    const refuse = (reason: CoverageReason, message: string): SourceRefusal => ({ path: displayName(name), refused: { reason, message } });
    const nameProblem = checkName(name);
    if (nameProblem) return refuse('zip-entry-rejected', nameProblem);
    const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (type === S_IFLNK) return refuse('symlink', 'symbolic link (not read)');
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) return refuse('special-file', 'special file: device, FIFO or socket (not read)');
    if (name.endsWith('/') || type === S_IFDIR) return undefined;
    const treePath = path.posix.normalize(name);
    if (treePath === '.' || treePath.startsWith('../')) return refuse('zip-entry-rejected', 'resolves outside the repository');
    if (entry.isEncrypted()) return refuse('zip-entry-rejected', 'encrypted');
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      return refuse('zip-entry-rejected', `unsupported compression method ${entry.compressionMethod}`);
    }
    return {
      path: treePath,
      size: entry.uncompressedSize,
      compressedSize: entry.compressedSize,
      method: entry.compressionMethod,
      localHeaderOffset: entry.relativeOffsetOfLocalHeader,
    };
  }

  /** A file of 1 MiB or more whose own compression ratio passes maxEntryRatio. */
  private bomb(file: ZipTreeFile): boolean {
    return file.size >= RATIO_FLOOR_BYTES && file.size / Math.max(file.compressedSize, 1) > this.limits.maxEntryRatio;
  }

  /** Null when the file may be read; else why not (budget, ratio, impossible sizes). */
  private admit(file: ZipTreeFile): SourceSkip | null {
    const { size, compressedSize } = file;
    if (this.bomb(file)) {
      return skip('compression-ratio', file.path, `Not read: compressed ${Math.round(size / Math.max(compressedSize, 1))}:1, above the ${this.limits.maxEntryRatio}:1 limit for one file (a zip bomb?)`, this.limits.maxEntryRatio);
    }
    if (size > this.largestAdmitted || this.inflatedBytes + size > this.budgetBytes) {
      return skip('archive-size-limit', file.path, `Not read: over the repository's budget of ${this.budgetBytes} unpacked bytes (smaller files were read first)`, this.budgetBytes);
    }
    // Deflate never grows data by more than a few bytes per 16 KiB block: more is a damaged or hostile entry.
    if (compressedSize > size + Math.ceil(size / 1024) + 1024) {
      return skip('unreadable', file.path, `Not read: declared sizes are impossible (${compressedSize} bytes compressed for ${size})`);
    }
    return null;
  }

  /** Where the entry's data starts, from its local header. */
  private dataStart(file: ZipTreeFile): number {
    const header = this.blocks.view(file.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) throw new Error('invalid local file header');
    return file.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  }

  /** The whole content, inflated in memory (a Buffer of its own), or why not. */
  read(file: ZipTreeFile): { ok: true; content: Buffer } | SourceSkip {
    const refused = this.admit(file);
    if (refused) return refused;
    let content: Buffer;
    try {
      const start = this.dataStart(file);
      const data = this.blocks.view(start, file.compressedSize);
      if (data.length < file.compressedSize) throw new Error('unexpected end of archive');
      // maxOutputLength: an entry that inflates past its declared size stops there (a size lie).
      content = file.method === 8 ? inflateRawSync(data, { maxOutputLength: Math.max(file.size, 1) }) : Buffer.from(data);
    } catch (err) {
      return skip('unreadable', file.path, `Not read: ${zlibMessage(err)}`);
    }
    if (content.length !== file.size) {
      return skip('unreadable', file.path, `Not read: ${content.length} bytes where the archive declares ${file.size}`);
    }
    this.inflatedBytes += content.length;
    return { ok: true, content };
  }

  /** The content in chunks (inflated as it is read), for files read through windows. */
  stream(file: ZipTreeFile): { ok: true; chunks: AsyncIterable<Buffer> } | SourceSkip {
    const refused = this.admit(file);
    if (refused) return refused;
    let start: number;
    try {
      start = this.dataStart(file);
    } catch (err) {
      return skip('unreadable', file.path, `Not read: ${messageOf(err)}`);
    }
    return { ok: true, chunks: this.chunks(file, start) };
  }

  private async *chunks(file: ZipTreeFile, start: number): AsyncGenerator<Buffer> {
    // Compressed bytes in chunks by synchronous reads (the archive's descriptor is ours to keep open:
    // an fs stream would close it when destroyed), inflated by a zlib stream.
    const { fd } = this;
    const end = start + file.compressedSize;
    function* compressed(): Generator<Buffer> {
      for (let pos = start; pos < end; ) {
        const chunk = Buffer.allocUnsafe(Math.min(STREAM_CHUNK_BYTES, end - pos));
        const n = readFully(fd, chunk, pos);
        if (n === 0) throw new Error('unexpected end of archive');
        pos += n;
        yield n === chunk.length ? chunk : chunk.subarray(0, n);
      }
    }
    const input = Readable.from(compressed(), { objectMode: false });
    const output: Readable = file.method === 8 ? input.pipe(createInflateRaw({ chunkSize: STREAM_CHUNK_BYTES })) : input;
    if (output !== input) input.once('error', (err) => output.destroy(err));
    let got = 0;
    try {
      for await (const chunk of output as AsyncIterable<Buffer>) {
        got += chunk.length;
        if (got > file.size) throw new Error(`more bytes than the ${file.size} the archive declares`);
        this.inflatedBytes += chunk.length;
        yield chunk;
      }
      if (got !== file.size) throw new Error(`${got} bytes where the archive declares ${file.size}`);
    } finally {
      input.destroy();
      output.destroy();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listing.close();
    closeSync(this.fd);
  }
}

export type { ZipTree };

function isRefusal(e: ZipTreeFile | SourceRefusal): e is SourceRefusal {
  return (e as SourceRefusal).refused !== undefined;
}

/**
 * Opens a repository zip to be read in place (see ZipTree), the one way to get a ZipTree; an
 * ArchiveError when the file is not a zip at all.
 */
export async function openZipTree(zipFile: string, limits: ZipTreeLimits): Promise<ZipTree> {
  return ZipTree.open(zipFile, limits);
}

function skip(reason: CoverageReason, filePath: string, message: string, limit?: number): SourceSkip {
  return { ok: false, reason, warning: { code: reason, message, path: filePath }, ...(limit !== undefined ? { limit } : {}) };
}

function zlibMessage(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ERR_BUFFER_TOO_LARGE') return 'inflates past its declared size';
  return messageOf(err);
}
