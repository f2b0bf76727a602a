// OSV records from an `all.zip` (a file, or a URL downloaded to a temp file first) and from a folder
// (zips and/or record JSON anywhere under it). Streamed: the zip is read entry by entry with yauzl, one
// record in memory at a time; the download, the entry count and each entry's size are capped; names
// that climb out, are absolute or hold odd bytes are refused (nothing is ever written from a name).
// A record that does not parse is a warning, counted, and the rest goes on.
import { createWriteStream, promises as fsp, readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { inflateRawSync } from 'node:zlib';
import * as yauzl from 'yauzl';
import type { OsvRecord } from '../engine/deps/types';
import { parseOsvRecord, RecordError } from './osv-records';

export interface OsvReadLimits {
  /** Bytes of one downloaded zip. */
  maxDownloadBytes: number;
  /** Entries of one zip (a bigger one is refused whole). */
  maxEntries: number;
  /** Uncompressed bytes of one record (entry or JSON file); larger ones are skipped with a warning. */
  maxRecordBytes: number;
  /** Uncompressed bytes read from one zip in all. */
  maxZipBytes: number;
  /** Files looked at under a folder, and its depth. */
  maxFolderFiles: number;
  maxFolderDepth: number;
}

export const DEFAULT_OSV_LIMITS: OsvReadLimits = {
  maxDownloadBytes: 2 * 1024 ** 3,
  maxEntries: 2_000_000,
  maxRecordBytes: 16 * 1024 ** 2,
  maxZipBytes: 16 * 1024 ** 3,
  maxFolderFiles: 100_000,
  maxFolderDepth: 32,
};

export interface OsvWarning {
  code: 'bad-record' | 'record-too-large' | 'entry-rejected' | 'not-osv' | 'zip-error';
  /** The zip entry or file (and the zip it is in). */
  where: string;
  message: string;
}

/** Collects warnings: every one counted, the first few kept for the report. */
export class WarningLog {
  count = 0;
  readonly kept: OsvWarning[] = [];
  constructor(private readonly keep = 50) {}
  add(w: OsvWarning): void {
    this.count++;
    if (this.kept.length < this.keep) this.kept.push(w);
  }
}

export class OsvSourceError extends Error {
  override name = 'OsvSourceError';
}

/** A readable name, or why the entry is refused (absolute, '..', backslashes, NUL, drive letters). */
function entryName(raw: Buffer): { name: string } | { problem: string } {
  const name = raw.toString('utf8');
  if (name.length === 0 || name.includes('\0')) return { problem: 'empty name or NUL byte' };
  if (name.includes('\\')) return { problem: 'backslash in the name' };
  const invalid = yauzl.validateFileName(name);
  return invalid ? { problem: invalid } : { name };
}

interface ZipHandle {
  zip: yauzl.ZipFile;
  next(): Promise<yauzl.Entry | undefined>;
}

function openZip(file: string): Promise<ZipHandle> {
  return new Promise((resolve, reject) => {
    // decodeStrings:false keeps yauzl from refusing the whole archive for one bad name (we check each).
    yauzl.open(file, { lazyEntries: true, autoClose: true, decodeStrings: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return reject(new OsvSourceError(`not a readable zip: ${err?.message ?? 'unknown error'}`));
      let waiting: { resolve: (e: yauzl.Entry | undefined) => void; reject: (e: Error) => void } | undefined;
      let failure: Error | undefined;
      let ended = false;
      zip.on('entry', (e: yauzl.Entry) => {
        const w = waiting;
        waiting = undefined;
        w?.resolve(e);
      });
      zip.on('end', () => {
        ended = true;
        const w = waiting;
        waiting = undefined;
        w?.resolve(undefined);
      });
      zip.on('error', (e: Error) => {
        failure = e;
        const w = waiting;
        waiting = undefined;
        w?.reject(e);
      });
      resolve({
        zip,
        next: () =>
          new Promise((res, rej) => {
            if (failure) return rej(failure);
            if (ended) return res(undefined);
            waiting = { resolve: res, reject: rej };
            zip.readEntry();
          }),
      });
    });
  });
}

const LOCAL_HEADER = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;

/**
 * One entry's bytes, read from the file and inflated in one call: a stream per entry costs ~1 ms and a
 * zip holds hundreds of thousands of small records (a few KB each: short synchronous reads). The inflated size is capped by zlib itself
 * (maxOutputLength) and must match the size the central directory declares.
 */
function readEntry(fd: number, fileSize: number, entry: yauzl.Entry, maxBytes: number): Buffer | 'too-large' {
  if (entry.compressedSize > maxBytes) return 'too-large';
  const header = Buffer.alloc(LOCAL_HEADER_BYTES);
  if (readSync(fd, header, 0, LOCAL_HEADER_BYTES, entry.relativeOffsetOfLocalHeader) !== LOCAL_HEADER_BYTES || header.readUInt32LE(0) !== LOCAL_HEADER) {
    throw new Error('bad local file header');
  }
  const start = entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + entry.compressedSize > fileSize) throw new Error('entry data runs past the end of the archive');
  const compressed = Buffer.alloc(entry.compressedSize);
  if (readSync(fd, compressed, 0, entry.compressedSize, start) !== entry.compressedSize) throw new Error('entry data cut short');
  let bytes: Buffer;
  if (entry.compressionMethod === 0) bytes = compressed;
  else {
    try {
      bytes = inflateRawSync(compressed, { maxOutputLength: maxBytes });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'too-large';
      throw err;
    }
  }
  if (bytes.length !== entry.uncompressedSize) throw new Error(`inflated to ${bytes.length} bytes, the directory says ${entry.uncompressedSize}`);
  return bytes;
}

/**
 * The records of one OSV zip file, one at a time. Throws OsvSourceError when the file is not a zip or
 * holds more than maxEntries entries; a broken entry or record is a warning.
 */
export async function* osvRecordsFromZip(file: string, warnings: WarningLog, limits: OsvReadLimits = DEFAULT_OSV_LIMITS): AsyncGenerator<OsvRecord> {
  const { zip, next } = await openZip(file);
  const label = path.basename(file);
  let handle: FileHandle | undefined;
  try {
    handle = await fsp.open(file, 'r');
    const fileSize = (await handle.stat()).size;
    if (zip.entryCount > limits.maxEntries) {
      throw new OsvSourceError(`${label} holds ${zip.entryCount} entries, more than the ${limits.maxEntries} allowed`);
    }
    let inflated = 0;
    for (;;) {
      let entry: yauzl.Entry | undefined;
      try {
        entry = await next();
      } catch (err) {
        throw new OsvSourceError(`${label} is damaged: ${(err as Error).message}`);
      }
      if (!entry) break;
      const named = entryName(entry.fileName as unknown as Buffer);
      if ('problem' in named) {
        warnings.add({ code: 'entry-rejected', where: label, message: `entry refused: ${named.problem}` });
        continue;
      }
      const where = `${label}:${named.name}`;
      if (named.name.endsWith('/')) continue; // a folder
      if (!named.name.toLowerCase().endsWith('.json')) continue; // not a record (README and the like)
      if (entry.isEncrypted() || (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)) {
        warnings.add({ code: 'entry-rejected', where, message: 'encrypted or of an unknown compression' });
        continue;
      }
      if (entry.uncompressedSize > limits.maxRecordBytes) {
        warnings.add({ code: 'record-too-large', where, message: `${entry.uncompressedSize} bytes, more than ${limits.maxRecordBytes}` });
        continue;
      }
      if (inflated + entry.uncompressedSize > limits.maxZipBytes) {
        throw new OsvSourceError(`${label} unpacks to more than ${limits.maxZipBytes} bytes`);
      }
      let bytes: Buffer | 'too-large';
      try {
        bytes = readEntry(handle.fd, fileSize, entry, limits.maxRecordBytes);
      } catch (err) {
        warnings.add({ code: 'zip-error', where, message: (err as Error).message });
        continue;
      }
      if (bytes === 'too-large') {
        warnings.add({ code: 'record-too-large', where, message: `more than ${limits.maxRecordBytes} bytes` });
        continue;
      }
      inflated += bytes.length;
      try {
        yield parseOsvRecord(bytes.toString('utf8'));
      } catch (err) {
        if (!(err instanceof RecordError)) throw err;
        warnings.add({ code: 'bad-record', where, message: err.message });
      }
    }
  } finally {
    zip.close(); // a no-op when it closed itself at the end
    await handle?.close();
  }
}

/** Downloads `url` to a fresh file under `tmpDir` (capped), returns it and a cleanup. */
export async function downloadToTemp(
  url: string,
  opts: { tmpDir?: string; maxBytes: number; signal?: AbortSignal; fetchImpl?: typeof fetch },
): Promise<{ file: string; bytes: number; cleanup: () => Promise<void> }> {
  const dir = await fsp.mkdtemp(path.join(opts.tmpDir ?? os.tmpdir(), 'vigil-osv-'));
  const cleanup = () => fsp.rm(dir, { recursive: true, force: true });
  try {
    const res = await (opts.fetchImpl ?? fetch)(url, { signal: opts.signal, redirect: 'follow' });
    if (!res.ok || !res.body) throw new OsvSourceError(`GET ${url}: HTTP ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > opts.maxBytes) {
      await res.body.cancel().catch(() => undefined);
      throw new OsvSourceError(`GET ${url}: ${declared} bytes, more than the ${opts.maxBytes} allowed`);
    }
    const file = path.join(dir, 'all.zip');
    let bytes = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > opts.maxBytes) done(new OsvSourceError(`GET ${url}: more than the ${opts.maxBytes} bytes allowed`));
        else done(null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(res.body as WebReadableStream), cap, createWriteStream(file));
    return { file, bytes, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/**
 * The records under a folder: every `*.zip` (read as an OSV zip) and every `*.json` (one OSV record)
 * at any depth. Symbolic links are not followed; a JSON file that is not an OSV record is a warning.
 */
export async function* osvRecordsFromFolder(dir: string, warnings: WarningLog, limits: OsvReadLimits = DEFAULT_OSV_LIMITS): AsyncGenerator<OsvRecord> {
  let files = 0;
  const stack: { dir: string; depth: number }[] = [{ dir, depth: 0 }];
  while (stack.length > 0) {
    const here = stack.pop()!;
    const entries = (await fsp.readdir(here.dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? 1 : -1));
    for (const e of entries) {
      const full = path.join(here.dir, e.name);
      const rel = path.relative(dir, full);
      if (e.isDirectory()) {
        if (here.depth + 1 > limits.maxFolderDepth) warnings.add({ code: 'entry-rejected', where: rel, message: 'too deep: not read' });
        else stack.push({ dir: full, depth: here.depth + 1 });
        continue;
      }
      if (!e.isFile()) continue; // symbolic links, devices, sockets
      const lower = e.name.toLowerCase();
      if (!lower.endsWith('.zip') && !lower.endsWith('.json')) continue;
      if (++files > limits.maxFolderFiles) throw new OsvSourceError(`more than ${limits.maxFolderFiles} files under ${dir}`);
      if (lower.endsWith('.zip')) {
        try {
          yield* osvRecordsFromZip(full, warnings, limits);
        } catch (err) {
          if (!(err instanceof OsvSourceError)) throw err;
          warnings.add({ code: 'zip-error', where: rel, message: err.message });
        }
        continue;
      }
      const size = (await fsp.stat(full)).size;
      if (size > limits.maxRecordBytes) {
        warnings.add({ code: 'record-too-large', where: rel, message: `${size} bytes, more than ${limits.maxRecordBytes}` });
        continue;
      }
      try {
        yield parseOsvRecord(await fsp.readFile(full, 'utf8'));
      } catch (err) {
        if (!(err instanceof RecordError)) throw err;
        warnings.add({ code: 'not-osv', where: rel, message: err.message });
      }
    }
  }
}

/** Records of one ecosystem's zip at an OSV host (`<base>/<ecosystem>/all.zip`), downloaded first. */
export async function* osvRecordsFromUrl(
  url: string,
  warnings: WarningLog,
  opts: { tmpDir?: string; signal?: AbortSignal; fetchImpl?: typeof fetch; limits?: OsvReadLimits },
): AsyncGenerator<OsvRecord> {
  const limits = opts.limits ?? DEFAULT_OSV_LIMITS;
  const download = await downloadToTemp(url, { tmpDir: opts.tmpDir, maxBytes: limits.maxDownloadBytes, signal: opts.signal, fetchImpl: opts.fetchImpl });
  try {
    yield* osvRecordsFromZip(download.file, warnings, limits);
  } finally {
    await download.cleanup();
  }
}
