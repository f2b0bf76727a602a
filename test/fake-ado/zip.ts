// Builds a repository zip at request time, streamed, the way ADO's items?$format=zip answers.
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { ExtraZipEntry, RepoFile } from './model';

/** Fixed timestamps keep the zip bytes identical between requests. */
const MTIME = new Date('2025-01-15T10:00:00Z');
const FILE_MODE = 0o100644;
const EXEC_MODE = 0o100755;
const DIR_MODE = 0o040755;
const LINK_MODE = 0o120777;

interface YazlEntryInternals {
  utf8FileName: Buffer;
}

/**
 * yazl refuses '..' and absolute names (rightly). The hostile fixture needs them, so the entry is
 * added under a placeholder and renamed before its headers are written: with compression on, the
 * local header waits for deflate, which finishes after this synchronous rename. Internal to yazl 3.3.
 */
function addBufferWithRawName(zip: ZipFile, content: Buffer, rawName: string, mode: number): void {
  zip.addBuffer(content, 'placeholder-renamed', { mtime: MTIME, mode, compress: true });
  const entries = (zip as unknown as { entries: YazlEntryInternals[] }).entries;
  entries[entries.length - 1].utf8FileName = Buffer.from(rawName, 'utf8');
}

function isPlainName(name: string): boolean {
  return !name.startsWith('/') && !/^[a-zA-Z]:/.test(name) && !name.split('/').includes('..') && !name.includes('\\');
}

/** A zip being written, its output stream destroyed on error. */
function startZip(): { zip: ZipFile; output: Readable } {
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  zip.on('error', (err: Error) => output.destroy(err));
  return { zip, output };
}

/** The folder entries above `names`, parents first, as git archives list them. */
function addParentFolders(zip: ZipFile, names: string[]): void {
  const dirs = new Set<string>();
  for (const name of names) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  for (const dir of [...dirs].sort()) zip.addEmptyDirectory(dir, { mtime: MTIME, mode: DIR_MODE });
}

/** Hostile or special entries written as given (links, '../x', '/abs'), then the zip is closed. */
function endWithExtras(zip: ZipFile, extras: ExtraZipEntry[]): void {
  for (const e of extras) {
    const content = Buffer.from(e.symlinkTarget ?? e.content ?? '', 'utf8');
    const mode = e.symlinkTarget !== undefined ? LINK_MODE : FILE_MODE;
    if (isPlainName(e.name)) zip.addBuffer(content, e.name, { mtime: MTIME, mode, compress: true });
    else addBufferWithRawName(zip, content, e.name, mode);
  }
  zip.end();
}

export function buildRepoZip(files: RepoFile[], extras: ExtraZipEntry[] = []): Readable {
  const { zip, output } = startZip();
  addParentFolders(zip, files.map((f) => f.path));
  for (const f of files) {
    zip.addFile(f.absPath, f.path, { mtime: MTIME, mode: f.executable ? EXEC_MODE : FILE_MODE, compress: true });
  }
  endWithExtras(zip, extras);
  return output;
}

export interface BufferEntry {
  name: string;
  content: Buffer;
  executable?: boolean;
}

/** A zip of in-memory files (a commit's tree, a blobs batch), folders added for nested names; `extras` as in buildRepoZip. */
export function buildBufferZip(entries: BufferEntry[], extras: ExtraZipEntry[] = []): Readable {
  const { zip, output } = startZip();
  addParentFolders(zip, entries.map((e) => e.name));
  for (const e of entries) zip.addBuffer(e.content, e.name, { mtime: MTIME, mode: e.executable ? EXEC_MODE : FILE_MODE, compress: true });
  endWithExtras(zip, extras);
  return output;
}
