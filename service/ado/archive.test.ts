import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZipFile } from 'yazl';
import { startFakeAdo, type FakeAdo } from '../../test/fake-ado/server';
import type { SourceRefusal } from '../contract/tree-source';
import { ArchiveError, openZipTree, type ZipTree, type ZipTreeFile, type ZipTreeLimits } from './archive';
import { AdoClient } from './client';


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

const TREE_LIMITS: ZipTreeLimits = { maxTotalBytes: 100_000_000, maxRatio: 100, maxEntryRatio: 200 };

/** Every entry of the tree: files as [path, size], refusals as [name, reason, message]. */
function listAll(tree: ZipTree): (ZipTreeFile | SourceRefusal)[] {
  const out: (ZipTreeFile | SourceRefusal)[] = [];
  for (let e = tree.next(); e !== undefined; e = tree.next()) out.push(e);
  return out;
}
const isFile = (e: ZipTreeFile | SourceRefusal): e is ZipTreeFile => !('refused' in e);

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
