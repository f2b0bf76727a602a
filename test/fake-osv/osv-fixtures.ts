// OSV records and zips built in tests: records in the OSV schema's shape, an ecosystem's all.zip (yazl),
// modified_id.csv (newest first) and the per-record JSON, served by the fake OSV host.
import { ZipFile } from 'yazl';
import type { OsvRecord } from '../../service/engine/deps/types';
import type { FakeOsvHost } from './server';

const MTIME = new Date('2025-01-15T10:00:00Z');

export interface RecordSpec {
  id: string;
  ecosystem: string;
  /** Package names as OSV spells them. */
  packages: string[];
  modified: string;
  withdrawn?: string;
  aliases?: string[];
  introduced?: string;
  fixed?: string;
}

export function osvRecord(spec: RecordSpec): OsvRecord {
  return {
    id: spec.id,
    modified: spec.modified,
    published: '2024-01-01T00:00:00Z',
    ...(spec.withdrawn ? { withdrawn: spec.withdrawn } : {}),
    aliases: spec.aliases ?? [],
    summary: `${spec.id} in ${spec.packages.join(', ')}`,
    affected: spec.packages.map((name) => ({
      package: { ecosystem: spec.ecosystem, name },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: spec.introduced ?? '0' }, ...(spec.fixed ? [{ fixed: spec.fixed }] : [])] }],
    })),
    database_specific: { severity: 'HIGH' },
  };
}

export interface ZipEntrySpec {
  name: string;
  content: Buffer | string;
  /** Store the name as given even when yazl would refuse it ('..', absolute). */
  raw?: boolean;
}

/** A zip built in memory (tests only: small archives). */
export function buildZip(entries: readonly ZipEntrySpec[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const e of entries) {
    const content = typeof e.content === 'string' ? Buffer.from(e.content) : e.content;
    if (!e.raw) {
      zip.addBuffer(content, e.name, { mtime: MTIME, compress: true });
      continue;
    }
    // yazl refuses '..' and absolute names; rename the entry before its header is written (see test/fake-ado/zip.ts).
    zip.addBuffer(content, 'placeholder-renamed', { mtime: MTIME, compress: true });
    const internal = (zip as unknown as { entries: { utf8FileName: Buffer }[] }).entries;
    internal[internal.length - 1].utf8FileName = Buffer.from(e.name, 'utf8');
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** An OSV all.zip: one `<ID>.json` per record. */
export const osvZip = (records: readonly OsvRecord[]): Promise<Buffer> => buildZip(records.map((r) => ({ name: `${r.id}.json`, content: JSON.stringify(r) })));

/** modified_id.csv, newest first. */
export function modifiedIdCsv(records: readonly OsvRecord[]): string {
  return [...records]
    .sort((a, b) => Date.parse(b.modified) - Date.parse(a.modified))
    .map((r) => `${new Date(r.modified).toISOString()},${r.id}\n`)
    .join('');
}

/** Serves one ecosystem's bucket folder: all.zip, modified_id.csv and each record's JSON. */
export async function publishEcosystem(fake: FakeOsvHost, ecosystem: string, records: readonly OsvRecord[]): Promise<void> {
  fake.put(`/osv/${ecosystem}/all.zip`, await osvZip(records));
  fake.put(`/osv/${ecosystem}/modified_id.csv`, { body: modifiedIdCsv(records), contentType: 'text/csv' });
  for (const r of records) fake.put(`/osv/${ecosystem}/${r.id}.json`, JSON.stringify(r));
}
