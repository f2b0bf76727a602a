// A stream of OSV records -> the advisory store, in batches (one upsert per ~1000 records), with what a
// sync reports: records written, the newest `modified` per ecosystem, and the packages that changed.
import type { Kysely } from 'kysely';
import type { OsvRecord } from '../engine/deps/types';
import { ADVISORY_BATCH, recordSyncSuccess, upsertAdvisories, type PackageRef, type StoredAdvisory } from '../store/advisories';
import type { Database } from '../store/schema';
import { RecordError, toStoredAdvisory } from './osv-records';
import type { WarningLog } from './osv-zip';

/** Changed package keys kept in memory for a report; past this a caller asks the store (advisoryPackagesChangedSince). */
export const MAX_REPORTED_CHANGES = 100_000;

export interface ImportOutcome {
  /** Records read (valid ones). */
  read: number;
  written: number;
  unchanged: number;
  withdrawn: number;
  malicious: number;
  /** Per Vigil ecosystem: records read that affect it, and the newest `modified` among them. */
  ecosystems: Map<string, { records: number; newest: Date }>;
  changedPackages: PackageRef[];
  /** More packages changed than MAX_REPORTED_CHANGES: changedPackages is partial. */
  changedTruncated: boolean;
}

export function emptyOutcome(): ImportOutcome {
  return { read: 0, written: 0, unchanged: 0, withdrawn: 0, malicious: 0, ecosystems: new Map(), changedPackages: [], changedTruncated: false };
}

/** Adds `b` into `a` (several sources feeding one report). */
export function mergeOutcome(a: ImportOutcome, b: ImportOutcome): ImportOutcome {
  const changed = new Map(a.changedPackages.map((p) => [`${p.ecosystem}:${p.name}`, p]));
  let truncated = a.changedTruncated || b.changedTruncated;
  for (const p of b.changedPackages) {
    if (changed.size >= MAX_REPORTED_CHANGES) {
      truncated = true;
      break;
    }
    changed.set(`${p.ecosystem}:${p.name}`, p);
  }
  const ecosystems = new Map(a.ecosystems);
  for (const [eco, v] of b.ecosystems) {
    const seen = ecosystems.get(eco);
    ecosystems.set(eco, seen ? { records: seen.records + v.records, newest: seen.newest > v.newest ? seen.newest : v.newest } : v);
  }
  return {
    read: a.read + b.read,
    written: a.written + b.written,
    unchanged: a.unchanged + b.unchanged,
    withdrawn: a.withdrawn + b.withdrawn,
    malicious: a.malicious + b.malicious,
    ecosystems,
    changedPackages: [...changed.values()],
    changedTruncated: truncated,
  };
}

/**
 * Stores every record of `records`. A record Vigil cannot keep (a time that does not parse) is a
 * warning; a database error stops the import (what was written stays).
 */
export async function importOsvRecords(
  db: Kysely<Database>,
  records: AsyncIterable<OsvRecord>,
  warnings: WarningLog,
  opts: { batchSize?: number; signal?: AbortSignal } = {},
): Promise<ImportOutcome> {
  const size = opts.batchSize ?? ADVISORY_BATCH;
  const out = emptyOutcome();
  const changed = new Map<string, PackageRef>();
  let batch: StoredAdvisory[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await upsertAdvisories(db, batch);
    batch = [];
    out.written += result.written;
    out.unchanged += result.unchanged;
    for (const p of result.changed) {
      if (changed.size >= MAX_REPORTED_CHANGES) {
        out.changedTruncated = true;
        break;
      }
      changed.set(`${p.ecosystem}:${p.name}`, p);
    }
  };
  for await (const record of records) {
    opts.signal?.throwIfAborted();
    let stored: StoredAdvisory;
    try {
      stored = toStoredAdvisory(record);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      warnings.add({ code: 'bad-record', where: record.id, message: err.message });
      continue;
    }
    out.read++;
    if (stored.withdrawn) out.withdrawn++;
    if (stored.kind === 'malicious') out.malicious++;
    const modified = new Date(stored.modified);
    for (const eco of stored.ecosystems) {
      const seen = out.ecosystems.get(eco);
      if (!seen) out.ecosystems.set(eco, { records: 1, newest: modified });
      else {
        seen.records++;
        if (modified > seen.newest) seen.newest = modified;
      }
    }
    batch.push(stored);
    if (batch.length >= size) await flush();
  }
  await flush();
  out.changedPackages = [...changed.values()];
  return out;
}

/**
 * An air-gapped import: records stored, then each ecosystem they touched marked synced (counts
 * refreshed) so the scanners see a database that is not empty. Not a full sync (a folder may hold a
 * few loose records): the first online sync of an ecosystem after an import still reads its all.zip.
 */
export async function markImported(db: Kysely<Database>, outcome: ImportOutcome, warnings: number): Promise<void> {
  for (const [eco, v] of outcome.ecosystems) {
    await recordSyncSuccess(db, eco, { full: false, lastModified: v.newest, warnings });
  }
}
