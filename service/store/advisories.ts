// The OSV mirror (migration 008): advisories, the affected-package index and per-ecosystem sync state.
// GLOBAL data, not per organization: OSV is public, every organization's scans read the same rows, so
// none of these queries takes an org id (nothing org-scoped is kept here).
// A withdrawn record keeps its row (withdrawn set) and its package keys: lookups and counts skip it,
// and "which packages changed since T" still names the packages it used to affect.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** One record as the store keeps it (service/deps/osv-records.ts builds it from an OSV record). */
export interface StoredAdvisory {
  id: string;
  kind: 'advisory' | 'malicious';
  /** ISO times. */
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases: string[];
  ecosystems: string[];
  /** (ecosystem, normalised name) of every affected package Vigil knows the ecosystem of. */
  packages: { ecosystem: string; name: string }[];
  /** The whole OSV record, as received. */
  record: unknown;
}

export interface PackageRef {
  ecosystem: string;
  name: string;
}

export interface UpsertOutcome {
  /** Records stored or replaced by a newer version. */
  written: number;
  /** Records already stored at the same or a newer `modified`: left alone. */
  unchanged: number;
  /** Keys of the packages the written records affect now or affected before (a record may drop one). */
  changed: PackageRef[];
}

/** Lists travel as one text each (unit separator; ids and ecosystems never hold it): cheaper than arrays of arrays. */
const SEPARATOR = '\u001f';
const joined = (xs: readonly string[]): string | null => (xs.length ? xs.filter((x) => !x.includes(SEPARATOR)).join(SEPARATOR) : null);

/** Upserts that keep PostgreSQL's parameter count and PGlite's message size reasonable. */
export const ADVISORY_BATCH = 1000;

/**
 * Stores a batch of records: a record replaces the stored one only when its `modified` is newer (an
 * older zip imported later changes nothing), and then its package keys are replaced too. One
 * statement per table, from unnest'ed arrays; duplicates within the batch keep the newest.
 */
export async function upsertAdvisories(db: Kysely<Database>, batch: readonly StoredAdvisory[]): Promise<UpsertOutcome> {
  if (batch.length === 0) return { written: 0, unchanged: 0, changed: [] };
  const byId = new Map<string, StoredAdvisory>();
  for (const a of batch) {
    const seen = byId.get(a.id);
    if (!seen || Date.parse(seen.modified) < Date.parse(a.modified)) byId.set(a.id, a);
  }
  // In id order: two writers (a job and a CLI sync on PostgreSQL) then lock rows in the same order.
  const rows = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return db.transaction().execute(async (trx) => {
    const written = await sql<{ id: string }>`
      INSERT INTO advisories AS a (id, kind, ecosystems, aliases, modified, published, withdrawn, record, stored_at)
      SELECT r.id, r.kind,
             COALESCE(string_to_array(r.ecosystems, ${SEPARATOR}), '{}'), COALESCE(string_to_array(r.aliases, ${SEPARATOR}), '{}'),
             r.modified, r.published, r.withdrawn, r.record::jsonb, now()
      FROM unnest(
        ${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.kind)}::text[],
        ${rows.map((r) => joined(r.ecosystems))}::text[], ${rows.map((r) => joined(r.aliases))}::text[],
        ${rows.map((r) => r.modified)}::timestamptz[], ${rows.map((r) => r.published ?? null)}::timestamptz[],
        ${rows.map((r) => r.withdrawn ?? null)}::timestamptz[], ${rows.map((r) => JSON.stringify(r.record))}::text[]
      ) AS r(id, kind, ecosystems, aliases, modified, published, withdrawn, record)
      ON CONFLICT (id) DO UPDATE SET
        kind = excluded.kind, ecosystems = excluded.ecosystems, aliases = excluded.aliases, modified = excluded.modified,
        published = excluded.published, withdrawn = excluded.withdrawn, record = excluded.record, stored_at = now()
      WHERE a.modified < excluded.modified
      RETURNING a.id`.execute(trx);
    const ids = written.rows.map((r) => r.id);
    if (ids.length === 0) return { written: 0, unchanged: rows.length, changed: [] };
    const before = await sql<PackageRef>`DELETE FROM advisory_packages WHERE advisory_id = ANY(${ids}::text[]) RETURNING ecosystem, name`.execute(trx);
    const idSet = new Set(ids);
    const keys = rows.filter((r) => idSet.has(r.id)).flatMap((r) => r.packages.map((p) => ({ ...p, id: r.id })));
    if (keys.length > 0) {
      await sql`
        INSERT INTO advisory_packages (ecosystem, name, advisory_id)
        SELECT * FROM unnest(${keys.map((k) => k.ecosystem)}::text[], ${keys.map((k) => k.name)}::text[], ${keys.map((k) => k.id)}::text[])
        ON CONFLICT DO NOTHING`.execute(trx);
    }
    const changed = new Map<string, PackageRef>();
    for (const k of [...before.rows, ...keys]) changed.set(`${k.ecosystem}:${k.name}`, { ecosystem: k.ecosystem, name: k.name });
    return { written: ids.length, unchanged: rows.length - ids.length, changed: [...changed.values()] };
  });
}

export interface AdvisoryMatchRow {
  ecosystem: string;
  name: string;
  record: unknown;
}

/** Records (not withdrawn) affecting any of these packages, in ONE query for the whole batch. */
export async function advisoriesForPackages(db: Kysely<Database>, packages: readonly PackageRef[]): Promise<AdvisoryMatchRow[]> {
  if (packages.length === 0) return [];
  const result = await sql<AdvisoryMatchRow>`
    SELECT p.ecosystem, p.name, a.record
    FROM (SELECT DISTINCT * FROM unnest(${packages.map((p) => p.ecosystem)}::text[], ${packages.map((p) => p.name)}::text[]) AS k(ecosystem, name)) AS k
    JOIN advisory_packages AS p ON p.ecosystem = k.ecosystem AND p.name = k.name
    JOIN advisories AS a ON a.id = p.advisory_id
    WHERE a.withdrawn IS NULL
    ORDER BY p.ecosystem, p.name, a.id`.execute(db);
  return result.rows;
}

/**
 * Packages whose advisories were written at or after `since` (new, updated or withdrawn records): what
 * a re-match of stored inventories after a sync has to look at.
 */
export async function advisoryPackagesChangedSince(db: Kysely<Database>, since: Date): Promise<PackageRef[]> {
  const result = await sql<PackageRef>`
    SELECT DISTINCT p.ecosystem, p.name FROM advisories AS a JOIN advisory_packages AS p ON p.advisory_id = a.id
    WHERE a.stored_at >= ${since.toISOString()}::timestamptz ORDER BY p.ecosystem, p.name`.execute(db);
  return result.rows;
}

/** The database's clock (stored_at is written with it; a service's clock may differ from a server's). */
export async function databaseNow(db: Kysely<Database>): Promise<Date> {
  const result = await sql<{ now: Date | string }>`SELECT now() AS now`.execute(db);
  return new Date(result.rows[0].now);
}

/** Records held for one ecosystem, withdrawn ones excluded. */
export async function countAdvisories(db: Kysely<Database>, ecosystem: string): Promise<number> {
  const result = await sql<{ n: number | string }>`
    SELECT count(*)::int AS n FROM advisories WHERE ${ecosystem} = ANY(ecosystems) AND withdrawn IS NULL`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

export interface AdvisorySyncState {
  ecosystem: string;
  lastSyncAt: Date | null;
  lastFullSyncAt: Date | null;
  lastSuccessAt: Date | null;
  recordCount: number;
  /** The newest `modified` a sync has applied: the next incremental sync reads modified_id.csv down to it. */
  lastModified: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  /** Records skipped by the last sync or import (bad JSON, too large...). */
  warnings: number;
}

const toState = (r: Record<string, unknown>): AdvisorySyncState => ({
  ecosystem: r.ecosystem as string,
  lastSyncAt: (r.last_sync_at as Date | null) ?? null,
  lastFullSyncAt: (r.last_full_sync_at as Date | null) ?? null,
  lastSuccessAt: (r.last_success_at as Date | null) ?? null,
  recordCount: Number(r.record_count ?? 0),
  lastModified: (r.last_modified as Date | null) ?? null,
  lastError: (r.last_error as string | null) ?? null,
  lastErrorAt: (r.last_error_at as Date | null) ?? null,
  warnings: Number(r.warnings ?? 0),
});

export async function getAdvisorySyncState(db: Kysely<Database>, ecosystem: string): Promise<AdvisorySyncState | undefined> {
  const row = await db.selectFrom('advisory_sync').selectAll().where('ecosystem', '=', ecosystem).executeTakeFirst();
  return row ? toState(row) : undefined;
}

/** Per ecosystem: last sync, record count, last error (the status the API and the hub show). */
export async function advisoryStatus(db: Kysely<Database>): Promise<AdvisorySyncState[]> {
  const rows = await db.selectFrom('advisory_sync').selectAll().orderBy('ecosystem').execute();
  return rows.map(toState);
}

/** Records per ecosystem, from the sync state (what AdvisoryIndex.counts() answers). */
export async function advisoryCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db.selectFrom('advisory_sync').select(['ecosystem', 'record_count']).execute();
  return Object.fromEntries(rows.map((r) => [r.ecosystem, Number(r.record_count)]));
}

export interface SyncSuccess {
  full: boolean;
  /** The newest `modified` applied; the stored one is kept when it is newer. */
  lastModified?: Date;
  warnings: number;
}

/** A sync or import of `ecosystem` succeeded: counts refreshed, error cleared. */
export async function recordSyncSuccess(db: Kysely<Database>, ecosystem: string, outcome: SyncSuccess): Promise<AdvisorySyncState> {
  const count = await countAdvisories(db, ecosystem);
  const now = new Date().toISOString();
  const lastModified = outcome.lastModified?.toISOString() ?? null;
  const row = await sql<Record<string, unknown>>`
    INSERT INTO advisory_sync AS s (ecosystem, last_sync_at, last_full_sync_at, last_success_at, record_count, last_modified, last_error, last_error_at, warnings)
    VALUES (${ecosystem}, ${now}, ${outcome.full ? now : null}, ${now}, ${count}, ${lastModified}, NULL, NULL, ${outcome.warnings})
    ON CONFLICT (ecosystem) DO UPDATE SET
      last_sync_at = excluded.last_sync_at,
      last_full_sync_at = COALESCE(excluded.last_full_sync_at, s.last_full_sync_at),
      last_success_at = excluded.last_success_at,
      record_count = excluded.record_count,
      last_modified = GREATEST(s.last_modified, excluded.last_modified),
      last_error = NULL, last_error_at = NULL,
      warnings = excluded.warnings
    RETURNING *`.execute(db);
  return toState(row.rows[0]);
}

/** A sync of `ecosystem` failed: the error is kept (and shown) until a sync succeeds; what it stored stays. */
export async function recordSyncError(db: Kysely<Database>, ecosystem: string, message: string): Promise<void> {
  const count = await countAdvisories(db, ecosystem);
  const now = new Date().toISOString();
  await sql`
    INSERT INTO advisory_sync AS s (ecosystem, last_sync_at, record_count, last_error, last_error_at)
    VALUES (${ecosystem}, ${now}, ${count}, ${message.slice(0, 2000)}, ${now})
    ON CONFLICT (ecosystem) DO UPDATE SET
      last_sync_at = excluded.last_sync_at, record_count = excluded.record_count,
      last_error = excluded.last_error, last_error_at = excluded.last_error_at`.execute(db);
}
