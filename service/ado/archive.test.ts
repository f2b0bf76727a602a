import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZipFile } from 'yazl';
import { startFakeAdo, type FakeAdo } from '../../test/fake-ado/server';
import { ArchiveError, extractZip, openZipTree, withTempDir, type ExtractLimits, type ZipTree, type ZipTreeFile, type ZipTreeLimits, type ZipTreeRefusal } from './archive';
import { AdoClient } from './client';

const LIMITS: ExtractLimits = { maxTotalBytes: 10_000_000, maxEntries: 1000, maxFileBytes: 1_000_000, maxRatio: 100 };

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vigil-archive-test-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
const fresh = (name: string) => path.join(tmp, `${name}-${++counter}`);

interface Spec {
  name: string;
  content?: Buffer | string;
  mode?: number;
  compress?: boolean;
  folder?: boolean;
}

/** A zip built with yazl, written to a file. */
async function makeZip(entries: Spec[]): Promise<string> {
  const zip = new ZipFile();
  for (const e of entries) {
    if (e.folder) {
      zip.addEmptyDirectory(e.name, { mtime: new Date('2025-01-01T00:00:00Z') });
      continue;
    }
    zip.addBuffer(Buffer.from(e.content ?? ''), e.name, { mode: e.mode ?? 0o100644, mtime: new Date('2025-01-01T00:00:00Z'), compress: e.compress ?? true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  const file = fresh('archive') + '.zip';
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

async function archiveError(p: Promise<unknown>): Promise<ArchiveError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ArchiveError) return err;
    throw err;
  }
  throw new Error('expected an ArchiveError');
}

describe('extractZip on the hostile repository served by the fake', () => {
  let fake: FakeAdo;
  beforeAll(async () => {
    fake = await startFakeAdo();
  });
  afterAll(() => fake.close());

  it("refuses '../' and absolute entries and the symlink, records them, and extracts the rest", async () => {
    const absolute = '/tmp/vigil-absolute.txt';
    const absoluteExisted = existsSync(absolute);
    const repo = fake.orgs.contoso.repos['hostile-samples'];
    const client = new AdoClient({ orgUrl: fake.orgUrl('contoso'), credential: { kind: 'pat', token: fake.pats.full } });
    const work = fresh('hostile');
    const dest = path.join(work, 'src');
    const zipFile = path.join(work, 'repo.zip');
    mkdirSync(work);
    await client.git.downloadRepositoryZip({ projectId: repo.projectId, repoId: repo.id, commitSha: fake.orgs.contoso.headSha('hostile-samples')!, destFile: zipFile, maxBytes: 1_000_000 });

    const result = await extractZip(zipFile, dest, LIMITS);

    expect(result.rejected).toEqual([
      { name: '../escape.txt', reason: expect.stringMatching(/\.\..*escape the destination/) },
      { name: '/tmp/vigil-absolute.txt', reason: 'absolute path' },
      { name: 'docs/passwd-link', reason: expect.stringMatching(/symbolic link/) },
    ]);
    expect(result.files).toBe(2);
    expect(readFileSync(path.join(dest, 'notes/keys.txt'), 'utf8')).toContain('ghp_');
    expect(existsSync(path.join(work, 'escape.txt'))).toBe(false);
    expect(existsSync(path.join(dest, 'docs/passwd-link'))).toBe(false);
    if (!absoluteExisted) expect(existsSync(absolute)).toBe(false);
    expect(readdirSync(work).sort()).toEqual(['repo.zip', 'src']);
  });
});

describe('extractZip limits', () => {
  it('skips a file over maxFileBytes and keeps going', async () => {
    const zip = await makeZip([
      { name: 'big.bin', content: Buffer.alloc(2000, 7) },
      { name: 'small.txt', content: 'hello' },
    ]);
    const dest = fresh('file-cap');
    const result = await extractZip(zip, dest, { ...LIMITS, maxFileBytes: 1000 });
    expect(result.rejected).toEqual([{ name: 'big.bin', reason: expect.stringMatching(/1000-byte file limit/) }]);
    expect(result.files).toBe(1);
    expect(result.bytes).toBe(5);
    expect(existsSync(path.join(dest, 'big.bin'))).toBe(false);
  });

  it('stops with an error when the total cap is passed', async () => {
    const zip = await makeZip([1, 2, 3].map((i) => ({ name: `f${i}.txt`, content: Buffer.alloc(1000, 65 + i) })));
    const err = await archiveError(extractZip(zip, fresh('total-cap'), { ...LIMITS, maxTotalBytes: 2500 }));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/2500-byte total limit/);
  });

  it('refuses an archive with more entries than allowed, up front', async () => {
    const zip = await makeZip([1, 2, 3, 4, 5].map((i) => ({ name: `f${i}.txt`, content: 'x' })));
    const dest = fresh('entries');
    const err = await archiveError(extractZip(zip, dest, { ...LIMITS, maxEntries: 3 }));
    expect(err.code).toBe('too-many-entries');
    expect(readdirSync(dest)).toEqual([]);
  });

  it('skips a file whose compression ratio is suspicious (bomb), and keeps it under a looser limit', async () => {
    const zip = await makeZip([{ name: 'zeros.bin', content: Buffer.alloc(2 * 1024 * 1024) }, { name: 'a.txt', content: 'a' }]);
    const strict = await extractZip(zip, fresh('ratio'), { ...LIMITS, maxFileBytes: 10_000_000, maxRatio: 100 });
    expect(strict.rejected).toEqual([{ name: 'zeros.bin', reason: 'compression ratio above 100:1' }]);
    expect(strict.files).toBe(1);
    const loose = await extractZip(zip, fresh('ratio'), { ...LIMITS, maxFileBytes: 10_000_000, maxRatio: 5000 });
    expect(loose.rejected).toEqual([]);
    expect(loose.bytes).toBe(2 * 1024 * 1024 + 1);
  });

  it('skips an entry that inflates past its declared size (a size lie), and keeps going', async () => {
    const zipFile = await makeZip([{ name: 'lie.bin', content: Buffer.alloc(64 * 1024) }, { name: 'ok.txt', content: 'ok' }]);
    const bytes = readFileSync(zipFile);
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); // first central directory record: lie.bin
    bytes.writeUInt32LE(1000, central + 24); // declared uncompressed size
    writeFileSync(zipFile, bytes);
    const dest = fresh('size-lie');
    const result = await extractZip(zipFile, dest, { ...LIMITS, maxFileBytes: 2000 });
    expect(result.rejected).toEqual([{ name: 'lie.bin', reason: expect.stringMatching(/^cannot extract: too many bytes in the stream/) }]);
    expect(existsSync(path.join(dest, 'lie.bin'))).toBe(false);
    expect(readFileSync(path.join(dest, 'ok.txt'), 'utf8')).toBe('ok');
    expect(result.bytes).toBe(2);
  });

  it('skips device entries and keeps the first of duplicate names', async () => {
    const zip = await makeZip([
      { name: 'dev/tty0', mode: 0o020644 },
      { name: 'dup.txt', content: 'first' },
      { name: 'dup.txt', content: 'second' },
    ]);
    const dest = fresh('special');
    const result = await extractZip(zip, dest, LIMITS);
    expect(result.rejected).toEqual([
      { name: 'dev/tty0', reason: expect.stringMatching(/special file/) },
      { name: 'dup.txt', reason: 'duplicate entry (first one kept)' },
    ]);
    expect(readFileSync(path.join(dest, 'dup.txt'), 'utf8')).toBe('first');
  });

  it('gives a clear error for something that is not a zip, or a truncated one', async () => {
    const notZip = fresh('not-zip');
    writeFileSync(notZip, '<html>sign in</html>');
    const err = await archiveError(extractZip(notZip, fresh('out'), LIMITS));
    expect(err.code).toBe('invalid-zip');
    expect(err.message).toMatch(/not a readable zip archive/);

    const whole = readFileSync(await makeZip([{ name: 'a.txt', content: 'a'.repeat(100) }]));
    const truncated = fresh('truncated');
    writeFileSync(truncated, whole.subarray(0, whole.length - 10));
    expect((await archiveError(extractZip(truncated, fresh('out'), LIMITS))).code).toBe('invalid-zip');
  });

  it('rejects non-positive limits', async () => {
    await expect(extractZip('x.zip', fresh('bad'), { ...LIMITS, maxRatio: 0 })).rejects.toThrow(/maxRatio/);
  });
});

const TREE_LIMITS: ZipTreeLimits = { maxTotalBytes: 100_000_000, maxRatio: 100, maxEntryRatio: 200 };

/** Every entry of the tree: files as [path, size], refusals as [name, reason, message]. */
function listAll(tree: ZipTree): (ZipTreeFile | ZipTreeRefusal)[] {
  const out: (ZipTreeFile | ZipTreeRefusal)[] = [];
  for (let e = tree.next(); e !== undefined; e = tree.next()) out.push(e);
  return out;
}
const isFile = (e: ZipTreeFile | ZipTreeRefusal): e is ZipTreeFile => !('refused' in e);

async function streamed(tree: ZipTree, file: ZipTreeFile): Promise<Buffer> {
  const s = tree.stream(file);
  if (!s.ok) throw new Error(s.warning.message);
  const chunks: Buffer[] = [];
  for await (const c of s.chunks) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

describe('openZipTree: a zip read in place', () => {
  let fake: FakeAdo;
  beforeAll(async () => {
    fake = await startFakeAdo();
  });
  afterAll(() => fake.close());

  it('lists the hostile repository without writing anything: refuses traversal, absolute names and the link, reads the rest', async () => {
    const repo = fake.orgs.contoso.repos['hostile-samples'];
    const client = new AdoClient({ orgUrl: fake.orgUrl('contoso'), credential: { kind: 'pat', token: fake.pats.full } });
    const work = fresh('hostile-tree');
    mkdirSync(work);
    const zipFile = path.join(work, 'repo.zip');
    await client.git.downloadRepositoryZip({ projectId: repo.projectId, repoId: repo.id, commitSha: fake.orgs.contoso.headSha('hostile-samples')!, destFile: zipFile, maxBytes: 1_000_000 });

    const tree = await openZipTree(zipFile, TREE_LIMITS);
    try {
      const entries = listAll(tree);
      expect(entries.filter((e) => !isFile(e))).toEqual([
        { path: '../escape.txt', refused: { reason: 'zip-entry-rejected', message: expect.stringMatching(/\.\..*escape the destination/) } },
        { path: '/tmp/vigil-absolute.txt', refused: { reason: 'zip-entry-rejected', message: 'absolute path' } },
        { path: 'docs/passwd-link', refused: { reason: 'symlink', message: 'symbolic link (not read)' } },
      ]);
      const keys = entries.filter(isFile).find((f) => f.path === 'notes/keys.txt')!;
      const read = tree.read(keys);
      expect(read.ok && read.content.toString('utf8')).toContain('ghp_');
      expect((await streamed(tree, keys)).toString('utf8')).toContain('ghp_');
    } finally {
      tree.close();
    }
    expect(readdirSync(work)).toEqual(['repo.zip']);
  });
});

describe('openZipTree limits', () => {
  it('reads entries whole or streamed, deflated or stored, and passes over folders', async () => {
    const big = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `line ${i} ${(i * 7919) % 10007}`).join('\n'));
    const zip = await makeZip([
      { name: 'src/', folder: true },
      { name: 'src/a.txt', content: 'hello' },
      { name: 'src/big.txt', content: big },
      { name: 'stored.txt', content: big, compress: false },
    ]);
    const tree = await openZipTree(zip, TREE_LIMITS);
    try {
      const files = listAll(tree).filter(isFile);
      expect(files.map((f) => [f.path, f.size])).toEqual([['src/a.txt', 5], ['src/big.txt', big.length], ['stored.txt', big.length]]);
      for (const f of files.slice(1)) {
        const read = tree.read(f);
        expect(read.ok && read.content.equals(big)).toBe(true);
        expect((await streamed(tree, f)).equals(big)).toBe(true);
      }
      expect(tree.inflatedBytes).toBe(4 * big.length);
    } finally {
      tree.close();
    }
  });

  it('keeps the archive to its budget, the smallest files first, whatever comes first in the zip', async () => {
    // Five highly compressible 500 kB entries first (about 1 kB each in the zip), a small file last.
    const zip = await makeZip([
      ...[1, 2, 3, 4, 5].map((i) => ({ name: `filler/${i}.txt`, content: Buffer.alloc(500_000, 'a') })),
      { name: 'config/app.env', content: 'TOKEN=abc\n' },
    ]);
    const limits = { ...TREE_LIMITS, maxRatio: 100, minBudgetBytes: 1 };
    const tree = await openZipTree(zip, limits);
    try {
      const budget = tree.budgetBytes;
      expect(budget).toBe(Math.round(readFileSync(zip).length * 100));
      tree.prepare(() => true);
      const outcomes = listAll(tree).filter(isFile).map((f) => {
        const r = tree.read(f);
        return r.ok ? [f.path, 'read'] : [f.path, r.reason, r.limit];
      });
      const fit = Math.floor((budget - 10) / 500_000);
      expect(outcomes).toEqual([
        ...[1, 2, 3, 4, 5].map((i) => (i <= fit ? [`filler/${i}.txt`, 'read'] : [`filler/${i}.txt`, 'archive-size-limit', budget])),
        ['config/app.env', 'read'],
      ]);
      expect(tree.inflatedBytes).toBeLessThanOrEqual(budget);
    } finally {
      tree.close();
    }
  });

  it('skips an entry of 1 MiB or more compressed beyond maxEntryRatio (a bomb)', async () => {
    const zip = await makeZip([{ name: 'zeros.txt', content: Buffer.alloc(2 * 1024 * 1024) }, { name: 'a.txt', content: 'a' }]);
    const tree = await openZipTree(zip, TREE_LIMITS);
    try {
      const [zeros, a] = listAll(tree).filter(isFile);
      expect(tree.read(zeros)).toEqual({ ok: false, reason: 'compression-ratio', limit: 200, warning: { code: 'compression-ratio', path: 'zeros.txt', message: expect.stringMatching(/above the 200:1 limit/) } });
      expect(tree.stream(zeros)).toMatchObject({ ok: false, reason: 'compression-ratio' });
      expect(tree.read(a)).toEqual({ ok: true, content: Buffer.from('a') });
    } finally {
      tree.close();
    }
  });

  it('refuses an entry that inflates past its declared size (a size lie), whole or streamed', async () => {
    const zipFile = await makeZip([{ name: 'lie.txt', content: Buffer.alloc(64 * 1024, 'x') }, { name: 'ok.txt', content: 'ok' }]);
    const bytes = readFileSync(zipFile);
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(1000, central + 24); // declared uncompressed size
    writeFileSync(zipFile, bytes);
    const tree = await openZipTree(zipFile, TREE_LIMITS);
    try {
      const [lie, ok] = listAll(tree).filter(isFile);
      expect(tree.read(lie)).toMatchObject({ ok: false, reason: 'unreadable', warning: { message: 'Not read: inflates past its declared size' } });
      await expect(streamed(tree, lie)).rejects.toThrow(/more bytes than the 1000/);
      expect(tree.read(ok)).toEqual({ ok: true, content: Buffer.from('ok') });
    } finally {
      tree.close();
    }
  });

  it('refuses devices, and says how many entries a damaged central directory lost', async () => {
    const zipFile = await makeZip([
      { name: 'dev/tty0', mode: 0o020644 },
      { name: 'a.txt', content: 'a' },
      { name: 'b.txt', content: 'b' },
      { name: 'c.txt', content: 'c' },
      { name: 'd.txt', content: 'd' },
    ]);
    const bytes = readFileSync(zipFile);
    let central = -1;
    for (let i = 0; i < 4; i++) central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), central + 1);
    bytes.writeUInt32LE(0xdeadbeef, central); // the fourth central directory record (c.txt)
    writeFileSync(zipFile, bytes);
    const tree = await openZipTree(zipFile, TREE_LIMITS);
    try {
      expect(listAll(tree).map((e) => (isFile(e) ? e.path : [e.path, e.refused.reason, e.refused.count]))).toEqual([
        ['dev/tty0', 'special-file', undefined],
        'a.txt',
        'b.txt',
        [undefined, 'archive-damaged', 2],
      ]);
    } finally {
      tree.close();
    }
  });

  it('gives a clear error for something that is not a zip', async () => {
    const notZip = fresh('not-zip-tree');
    writeFileSync(notZip, '<html>sign in</html>');
    const err = await archiveError(openZipTree(notZip, TREE_LIMITS));
    expect(err.code).toBe('invalid-zip');
    expect(err.message).toMatch(/not a readable zip archive/);
  });
});

describe('withTempDir', () => {
  it('removes the folder after success and returns the value', async () => {
    let seen = '';
    const value = await withTempDir('vigil-t-', async (dir) => {
      seen = dir;
      writeFileSync(path.join(dir, 'f.txt'), 'x');
      return 42;
    }, tmp);
    expect(value).toBe(42);
    expect(path.dirname(seen)).toBe(tmp);
    expect(existsSync(seen)).toBe(false);
  });

  it('removes the folder, with content, when fn throws, and rethrows', async () => {
    let seen = '';
    await expect(
      withTempDir(
        'vigil-t-',
        async (dir) => {
          seen = dir;
          mkdirSync(path.join(dir, 'a/b'), { recursive: true });
          writeFileSync(path.join(dir, 'a/b/c.txt'), 'x');
          throw new Error('boom');
        },
        { baseDir: tmp },
      ),
    ).rejects.toThrow('boom');
    expect(seen).not.toBe('');
    expect(existsSync(seen)).toBe(false);
  });

  it('uses os.tmpdir() by default and refuses a prefix with a path in it', async () => {
    const dir = await withTempDir('vigil-t-', async (d) => d);
    expect(path.dirname(dir)).toBe(os.tmpdir());
    await expect(withTempDir('../x', async () => 1)).rejects.toThrow(/plain name/);
  });
});
