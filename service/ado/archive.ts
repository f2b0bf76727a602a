// Extract an untrusted repository zip with our own caps, and temp dirs that always go away.
// yauzl streams and checks declared sizes; it does not cap totals, entry counts or ratios, and it
// aborts the whole archive on one bad name. We decode and judge names ourselves, so a `../evil`
// entry is refused and recorded while the rest of the repository still extracts (DEPENDENCIES.md §8).
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as yauzl from 'yauzl';

export interface ExtractLimits {
  /** Uncompressed bytes for the whole archive; exceeding it stops extraction with an error. */
  maxTotalBytes: number;
  /** Entries in the central directory (files, folders, refused ones); more is an error up front. */
  maxEntries: number;
  /** Per file; a larger file is skipped and recorded. */
  maxFileBytes: number;
  /** Uncompressed / compressed, per file; a higher ratio is skipped and recorded. */
  maxRatio: number;
}

export interface RejectedEntry {
  /** The entry name as stored (control characters shown as '?'). */
  name: string;
  reason: string;
}

export interface ExtractResult {
  files: number;
  bytes: number;
  rejected: RejectedEntry[];
}

export type ArchiveErrorCode = 'invalid-zip' | 'too-many-entries' | 'too-large';

export class ArchiveError extends Error {
  constructor(
    readonly code: ArchiveErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** Below this size a file's ratio says nothing: a 40 KB file of spaces compresses 1000:1 honestly. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** Raised inside the byte counter; turned into a rejection (per file) or an ArchiveError (total). */
class CapExceeded extends Error {
  constructor(
    readonly scope: 'file' | 'total',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Extracts `zipFile` under `destDir` (created if needed). Refused entries (traversal, absolute
 * paths, symlinks, devices, encrypted, oversized, suspicious ratio, unwritable) are listed in
 * `rejected` and skipped. Throws ArchiveError when the archive cannot be read at all, has more
 * than maxEntries entries, or its content passes maxTotalBytes; what was written stays in destDir
 * for the caller to delete (see withTempDir).
 */
export async function extractZip(zipFile: string, destDir: string, limits: ExtractLimits): Promise<ExtractResult> {
  checkLimits(limits);
  const dest = path.resolve(destDir);
  await mkdir(dest, { recursive: true });

  let zip: yauzl.ZipFile;
  try {
    // decodeStrings:false keeps yauzl from aborting the whole archive on one bad name.
    zip = await yauzl.openPromise(zipFile, {
      lazyEntries: true,
      autoClose: true,
      decodeStrings: false,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch (err) {
    throw new ArchiveError('invalid-zip', `${path.basename(zipFile)} is not a readable zip archive: ${messageOf(err)}`);
  }
  zip.on('error', () => undefined); // surfaced through eachEntry(); never an unhandled 'error' event

  const result: ExtractResult = { files: 0, bytes: 0, rejected: [] };
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ArchiveError(
        'too-many-entries',
        `The archive has ${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`,
      );
    }
    try {
      for await (const entry of zip.eachEntry()) {
        await extractEntry(zip, entry, dest, limits, result);
      }
    } catch (err) {
      if (err instanceof ArchiveError) throw err;
      throw new ArchiveError('invalid-zip', `The archive is damaged: ${messageOf(err)}`);
    }
    return result;
  } finally {
    zip.close();
  }
}

async function extractEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  dest: string,
  limits: ExtractLimits,
  result: ExtractResult,
): Promise<void> {
  const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
  const reject = (reason: string): void => {
    result.rejected.push({ name: displayName(name), reason });
  };

  const nameProblem = checkName(name);
  if (nameProblem) return reject(nameProblem);

  const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (type === S_IFLNK) return reject('symbolic link (not extracted)');
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) return reject('special file: device, FIFO or socket (not extracted)');

  const isDir = name.endsWith('/') || type === S_IFDIR;
  const target = path.resolve(dest, name);
  if (isDir && target === dest) return; // './'
  if (!target.startsWith(dest + path.sep)) return reject('resolves outside the destination');

  if (isDir) {
    await mkdir(target, { recursive: true }).catch((err: unknown) => reject(`cannot create folder: ${codeOf(err)}`));
    return;
  }
  if (entry.isEncrypted()) return reject('encrypted');
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    return reject(`unsupported compression method ${entry.compressionMethod}`);
  }
  if (entry.uncompressedSize > limits.maxFileBytes) {
    return reject(`larger than the ${limits.maxFileBytes}-byte file limit (${entry.uncompressedSize} bytes)`);
  }
  if (entry.uncompressedSize >= RATIO_FLOOR_BYTES && entry.uncompressedSize / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
    return reject(`compression ratio above ${limits.maxRatio}:1`);
  }
  if (result.bytes + entry.uncompressedSize > limits.maxTotalBytes) {
    throw totalCapError(limits);
  }

  let written = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      written += chunk.length;
      result.bytes += chunk.length;
      if (result.bytes > limits.maxTotalBytes) {
        done(new CapExceeded('total', 'total size limit'));
      } else if (written > limits.maxFileBytes) {
        done(new CapExceeded('file', `larger than the ${limits.maxFileBytes}-byte file limit`));
      } else if (written >= RATIO_FLOOR_BYTES && written / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
        done(new CapExceeded('file', `compression ratio above ${limits.maxRatio}:1`));
      } else {
        done(null, chunk);
      }
    },
  });

  let created = false;
  let output: WriteStream | undefined;
  try {
    await mkdir(path.dirname(target), { recursive: true });
    const input = await zip.openReadStreamPromise(entry);
    // 'wx': a duplicate name never overwrites, and an existing link at the target is never followed.
    // Parent folders cannot be links: this function never creates one.
    output = createWriteStream(target, { flags: 'wx', mode: 0o644 });
    output.once('open', () => {
      created = true;
    });
    await pipeline(input, counter, output);
    result.files += 1;
  } catch (err) {
    result.bytes -= written;
    // The input can fail before the output file has finished opening: wait until the output is
    // closed, so a file it created is known and removed, never left half-written.
    if (output && !output.closed) await once(output, 'close').catch(() => undefined);
    if (created) await rm(target, { force: true });
    if (err instanceof CapExceeded && err.scope === 'total') throw totalCapError(limits);
    if (err instanceof CapExceeded) return reject(err.message);
    if (codeOf(err) === 'EEXIST') return reject('duplicate entry (first one kept)');
    return reject(`cannot extract: ${messageOf(err)}`);
  }
}

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

function totalCapError(limits: ExtractLimits): ArchiveError {
  return new ArchiveError('too-large', `The archive's content exceeds the ${limits.maxTotalBytes}-byte total limit`);
}

function checkLimits(limits: ExtractLimits): void {
  for (const key of ['maxTotalBytes', 'maxEntries', 'maxFileBytes', 'maxRatio'] as const) {
    if (!(limits[key] > 0)) throw new Error(`extractZip: ${key} must be a positive number`);
  }
}

function displayName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean;
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : messageOf(err);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface TempDirOptions {
  /** Parent folder; default os.tmpdir(). Created if missing. */
  baseDir?: string;
}

/**
 * Runs `fn` with a fresh private folder and removes it (recursively) afterwards, whether `fn`
 * returns or throws. A failure to remove is reported only when `fn` itself succeeded. The third
 * argument is the parent folder, given as a string or as {baseDir}.
 */
export async function withTempDir<T>(
  prefix: string,
  fn: (dir: string) => Promise<T>,
  opts: TempDirOptions | string = {},
): Promise<T> {
  if (/[\\/]/.test(prefix) || prefix.includes('..')) throw new Error('withTempDir: prefix must be a plain name');
  const baseDir = typeof opts === 'string' ? opts : opts.baseDir;
  const base = baseDir || os.tmpdir();
  if (baseDir) await mkdir(base, { recursive: true });
  const dir = await mkdtemp(path.join(base, prefix));
  let result: T;
  try {
    result = await fn(dir);
  } catch (err) {
    // The first error is the one to report; a failed clean-up after it must not hide it.
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    throw err;
  }
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  return result;
}
