// Reading OSV zips and folders: records one at a time, hostile archives bounded (too many entries, a
// huge entry, names that climb out), a broken record a counted warning while the rest is read.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildZip, osvRecord, osvZip } from '../../test/fake-osv/osv-fixtures';
import type { OsvRecord } from '../engine/deps/types';
import { DEFAULT_OSV_LIMITS, osvRecordsFromFolder, osvRecordsFromZip, OsvSourceError, WarningLog, type OsvReadLimits } from './osv-zip';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-osv-zip-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function collect(records: AsyncIterable<OsvRecord>): Promise<string[]> {
  const ids: string[] = [];
  for await (const r of records) ids.push(r.id);
  return ids.sort();
}

const rec = (id: string, name = 'left-pad') => osvRecord({ id, ecosystem: 'npm', packages: [name], modified: '2024-01-01T00:00:00Z' });
const write = (name: string, content: Buffer | string) => {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
};

test('a zip\'s records are read one by one; folders and other files in it are passed over', async () => {
  const zip = await buildZip([
    { name: 'GHSA-1.json', content: JSON.stringify(rec('GHSA-1')) },
    { name: 'sub/GHSA-2.json', content: JSON.stringify(rec('GHSA-2')) },
    { name: 'README.txt', content: 'not a record' },
  ]);
  const warnings = new WarningLog();
  expect(await collect(osvRecordsFromZip(write('all.zip', zip), warnings))).toEqual(['GHSA-1', 'GHSA-2']);
  expect(warnings.count).toBe(0);
});

test('a bad record is a warning, counted; the rest is read', async () => {
  const zip = await buildZip([
    { name: 'GHSA-1.json', content: JSON.stringify(rec('GHSA-1')) },
    { name: 'broken.json', content: '{"id": "GHSA-2", "modified": ' },
    { name: 'no-id.json', content: JSON.stringify({ summary: 'x' }) },
    { name: 'bad-time.json', content: JSON.stringify({ id: 'GHSA-3', modified: 'yesterday' }) },
    { name: 'GHSA-4.json', content: JSON.stringify(rec('GHSA-4')) },
  ]);
  const warnings = new WarningLog();
  expect(await collect(osvRecordsFromZip(write('all.zip', zip), warnings))).toEqual(['GHSA-1', 'GHSA-4']);
  expect(warnings.count).toBe(3);
  expect(warnings.kept.map((w) => [w.code, w.where])).toEqual([
    ['bad-record', 'all.zip:broken.json'],
    ['bad-record', 'all.zip:no-id.json'],
    ['bad-record', 'all.zip:bad-time.json'],
  ]);
});

test('an entry larger than the record cap is skipped without being inflated whole; the others are read', async () => {
  const huge = JSON.stringify({ ...rec('GHSA-big'), details: 'x'.repeat(300_000) });
  const zip = await buildZip([
    { name: 'GHSA-big.json', content: huge },
    { name: 'GHSA-1.json', content: JSON.stringify(rec('GHSA-1')) },
  ]);
  const limits: OsvReadLimits = { ...DEFAULT_OSV_LIMITS, maxRecordBytes: 100_000 };
  const warnings = new WarningLog();
  expect(await collect(osvRecordsFromZip(write('all.zip', zip), warnings, limits))).toEqual(['GHSA-1']);
  expect(warnings.kept).toEqual([expect.objectContaining({ code: 'record-too-large', where: 'all.zip:GHSA-big.json' })]);
});

test('an entry that lies about its size (a bomb) stops inflating at the cap; a size mismatch is a warning', async () => {
  const bomb = JSON.stringify({ ...rec('GHSA-bomb'), details: 'z'.repeat(2_000_000) });
  const liar = JSON.stringify({ ...rec('GHSA-liar'), details: 'short' });
  const zip = await buildZip([
    { name: 'GHSA-bomb.json', content: bomb },
    { name: 'GHSA-liar.json', content: liar },
    { name: 'GHSA-1.json', content: JSON.stringify(rec('GHSA-1')) },
  ]);
  // Central directory headers (PK\x01\x02): the uncompressed size sits 24 bytes in. Declare 100 bytes for both.
  for (let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])), n = 0; at >= 0 && n < 2; at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4), n++) {
    zip.writeUInt32LE(100, at + 24);
  }
  const limits: OsvReadLimits = { ...DEFAULT_OSV_LIMITS, maxRecordBytes: 100_000 };
  const warnings = new WarningLog();
  expect(await collect(osvRecordsFromZip(write('all.zip', zip), warnings, limits))).toEqual(['GHSA-1']);
  expect(warnings.kept.map((w) => [w.code, w.where])).toEqual([
    ['record-too-large', 'all.zip:GHSA-bomb.json'],
    ['zip-error', 'all.zip:GHSA-liar.json'],
  ]);
});

test('a zip with more entries than allowed is refused whole', async () => {
  const zip = await buildZip(Array.from({ length: 11 }, (_, i) => ({ name: `GHSA-${i}.json`, content: JSON.stringify(rec(`GHSA-${i}`)) })));
  const limits: OsvReadLimits = { ...DEFAULT_OSV_LIMITS, maxEntries: 10 };
  await expect(collect(osvRecordsFromZip(write('all.zip', zip), new WarningLog(), limits))).rejects.toThrow(/11 entries, more than the 10 allowed/);
});

test('a zip that unpacks past its total cap stops with an error', async () => {
  const zip = await buildZip(Array.from({ length: 5 }, (_, i) => ({ name: `GHSA-${i}.json`, content: JSON.stringify({ ...rec(`GHSA-${i}`), details: 'y'.repeat(5_000) }) })));
  const limits: OsvReadLimits = { ...DEFAULT_OSV_LIMITS, maxZipBytes: 12_000 };
  await expect(collect(osvRecordsFromZip(write('all.zip', zip), new WarningLog(), limits))).rejects.toThrow(OsvSourceError);
});

test('names that climb out, are absolute or hold backslashes are refused; nothing is written anywhere', async () => {
  const zip = await buildZip([
    { name: '../escape.json', content: JSON.stringify(rec('GHSA-esc')), raw: true },
    { name: '/etc/abs.json', content: JSON.stringify(rec('GHSA-abs')), raw: true },
    { name: 'dir\\win.json', content: JSON.stringify(rec('GHSA-win')), raw: true },
    { name: 'GHSA-1.json', content: JSON.stringify(rec('GHSA-1')) },
  ]);
  const warnings = new WarningLog();
  expect(await collect(osvRecordsFromZip(write('all.zip', zip), warnings))).toEqual(['GHSA-1']);
  expect(warnings.kept.map((w) => w.code)).toEqual(['entry-rejected', 'entry-rejected', 'entry-rejected']);
});

test('a file that is not a zip is an OsvSourceError', async () => {
  await expect(collect(osvRecordsFromZip(write('all.zip', 'not a zip at all'), new WarningLog()))).rejects.toThrow(/not a readable zip/);
});

test('a folder: zips and record JSON at any depth; other JSON is a warning; a broken zip a warning; links not followed', async () => {
  write('npm/all.zip', await osvZip([rec('GHSA-z1'), rec('GHSA-z2')]));
  write('PyPI/PYSEC-2024-1.json', JSON.stringify(osvRecord({ id: 'PYSEC-2024-1', ecosystem: 'PyPI', packages: ['requests'], modified: '2024-01-01T00:00:00Z' })));
  write('deep/a/b/c/GHSA-loose.json', JSON.stringify(rec('GHSA-loose')));
  write('package.json', JSON.stringify({ name: 'not-osv' }));
  write('Go/all.zip', 'broken');
  write('notes.txt', 'ignored');
  const outside = mkdtempSync(path.join(os.tmpdir(), 'vigil-osv-outside-'));
  try {
    writeFileSync(path.join(outside, 'GHSA-outside.json'), JSON.stringify(rec('GHSA-outside')));
    symlinkSync(path.join(outside, 'GHSA-outside.json'), path.join(dir, 'link.json'));
    symlinkSync(outside, path.join(dir, 'linked-dir'));
    const warnings = new WarningLog();
    expect(await collect(osvRecordsFromFolder(dir, warnings))).toEqual(['GHSA-loose', 'GHSA-z1', 'GHSA-z2', 'PYSEC-2024-1']);
    expect(warnings.kept.map((w) => [w.code, w.where]).sort()).toEqual([
      ['not-osv', 'package.json'],
      ['zip-error', path.join('Go', 'all.zip')],
    ]);
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});
