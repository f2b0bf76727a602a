// Issue 10, item 3: a repository zip is scanned in place, within budgets, and a limit never fails the
// scan: what fits is scanned, the rest is counted in the coverage with its reason and limit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZipFile } from 'yazl';
import type { FileLocation } from '../contract/model';
import { BASE62, randomToken } from '../engine/secrets/examples';
import { startFakeAdo } from '../../test/fake-ado/server';
import { AdoClient } from '../ado/client';
import { scanArchive, type ArchiveScanSettings } from './scan-archive';
// The engine loads its registry (every family's modules) on the first scan: loaded here, before the
// spies below, so that the files they see are the scan's own reads, not module loading.
import '../engine/registry';

const MB = 1_000_000;
const secret = `ghp_${randomToken('scan-archive', BASE62, 36)}`;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-scan-archive-test-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
async function makeZip(entries: { name: string; content: Buffer | string }[]): Promise<string> {
  const zip = new ZipFile();
  for (const e of entries) zip.addBuffer(typeof e.content === 'string' ? Buffer.from(e.content) : e.content, e.name, { mtime: new Date('2025-01-01T00:00:00Z') });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  const file = path.join(tmp, `repo-${++counter}.zip`);
  fs.writeFileSync(file, Buffer.concat(chunks));
  return file;
}

const settings = (over: Partial<ArchiveScanSettings> = {}): ArchiveScanSettings => ({
  salt: 'test',
  maxFileBytes: 5 * 1024 * 1024,
  maxFiles: 1_000_000,
  maxInflatedBytes: 4 * 20 * MB, // 4 x VIGIL_MAX_REPO_BYTES of 20 MB
  ...over,
});
const paths = (r: { findings: { location: unknown }[] }) => r.findings.map((f) => (f.location as FileLocation).path);

describe('scanArchive', () => {
  it('scans a small zip that inflates to 150 MB up to its budget, writes nothing to disk, and counts the rest', async () => {
    // 150 entries of 1 MB that compress 1000:1 each (under the 1 MiB floor of the per-file ratio
    // check), then the file that matters. Unpacked, they passed the total cap (4 x 20 MB): the
    // extraction failed and so did the scan.
    const filler = Buffer.alloc(MB, ' ');
    const zip = await makeZip([
      ...Array.from({ length: 150 }, (_, i) => ({ name: `filler/${String(i).padStart(3, '0')}.txt`, content: filler })),
      { name: 'config/app.env', content: `TOKEN=${secret}\n` },
    ]);
    const zipBytes = fs.statSync(zip).size;
    expect(zipBytes).toBeLessThan(MB);

    const writes = [jest.spyOn(fs, 'createWriteStream'), jest.spyOn(fs, 'writeFileSync'), jest.spyOn(fs, 'writeSync'), jest.spyOn(fs, 'mkdirSync'), jest.spyOn(fs, 'mkdtempSync')];
    const opens = jest.spyOn(fs, 'openSync');
    let result;
    try {
      result = await scanArchive(zip, settings({ minBudgetBytes: 1 }));
    } finally {
      for (const spy of writes) {
        expect(spy).not.toHaveBeenCalled();
        spy.mockRestore();
      }
      expect(opens.mock.calls.map(([file, flags]) => [file, flags])).toEqual([[zip, 'r']]);
      opens.mockRestore();
    }

    expect(paths(result)).toEqual(['config/app.env']);
    // The budget: the archive's size x 100 (MAX_ARCHIVE_RATIO); the small file was read first.
    const budget = zipBytes * 100;
    const read = Math.floor((budget - 48) / MB);
    expect(result.stats.filesScanned).toBe(read + 1);
    expect(result.coverage).toEqual({
      complete: false,
      skipped: [{ reason: 'archive-size-limit', count: 150 - read, limit: budget, examples: Array.from({ length: 10 }, (_, i) => `filler/${String(read + i).padStart(3, '0')}.txt`) }],
    });
    expect(result.warnings.filter((w) => w.code === 'archive-size-limit')).toHaveLength(150 - read);
  });

  it('scans the files of a zip with more entries than the file limit and counts the rest (the scan failed before)', async () => {
    // With VIGIL_MAX_FILES=100 the old extraction refused more than 200 entries up front.
    const zip = await makeZip(
      Array.from({ length: 201 }, (_, i) => ({ name: `src/f${String(i).padStart(3, '0')}.ts`, content: i === 50 ? `const t = "${secret}";\n` : `export const v = ${i};\n` })),
    );
    const result = await scanArchive(zip, settings({ maxFiles: 100 }));
    expect(paths(result)).toEqual(['src/f050.ts']);
    expect(result.stats.filesScanned).toBe(100);
    expect(result.coverage.skipped).toEqual([
      { reason: 'file-limit', count: 101, limit: 100, examples: Array.from({ length: 10 }, (_, i) => `src/f${100 + i}.ts`) },
    ]);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'file-limit', path: 'src/f100.ts' })]);
  });

  it('streams a large entry through windows: a secret at the end of a 12 MB one-line file is found', async () => {
    let seed = 7;
    const words = ['function', 'return', 'var', 'this', 'null', 'if', 'else', 'for', 'new', 'e', 't', 'n'];
    const parts: string[] = [];
    let length = 0;
    while (length < 12 * MB) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const w = seed % 3 === 0 ? String(seed % 99991) : words[seed % words.length];
      parts.push(w, '(;,.)'[seed % 5]);
      length += w.length + 1;
    }
    const line = `${parts.join('')}const t="${secret}";`;
    const zip = await makeZip([{ name: 'dist/app.min.js', content: line }]);
    const result = await scanArchive(zip, settings());
    expect(result.findings.map((f) => [(f.location as FileLocation).path, (f.location as FileLocation).line, (f.location as FileLocation).column])).toEqual([
      ['dist/app.min.js', 1, line.indexOf(secret) + 1],
    ]);
    expect(result.coverage).toEqual({ complete: true, skipped: [] });
  });

  it("keeps the hostile repository's refused entries as warnings and coverage, and scans the rest", async () => {
    const fake = await startFakeAdo();
    try {
      const repo = fake.orgs.contoso.repos['hostile-samples'];
      const client = new AdoClient({ orgUrl: fake.orgUrl('contoso'), credential: { kind: 'pat', token: fake.pats.full } });
      const zipFile = path.join(tmp, 'hostile.zip');
      await client.git.downloadRepositoryZip({ projectId: repo.projectId, repoId: repo.id, commitSha: fake.orgs.contoso.headSha('hostile-samples')!, destFile: zipFile, maxBytes: MB });
      const result = await scanArchive(zipFile, settings());
      expect(paths(result)).toContain('notes/keys.txt');
      expect(result.warnings.filter((w) => w.code === 'zip-entry-rejected').map((w) => w.path)).toEqual(['../escape.txt', '/tmp/vigil-absolute.txt', 'docs/passwd-link']);
      expect(result.coverage).toEqual({
        complete: false,
        skipped: [
          { reason: 'zip-entry-rejected', count: 2, examples: ['../escape.txt', '/tmp/vigil-absolute.txt'] },
          { reason: 'symlink', count: 1, examples: ['docs/passwd-link'] },
        ],
      });
    } finally {
      await fake.close();
    }
  });
});
