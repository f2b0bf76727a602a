// The registry metadata cache (migration 008): one row per (ecosystem, name, version) with an expiry.
// GLOBAL data, not per organization: registries are public and answer every organization alike.
// metadata NULL records "the registry knows nothing of it" (cached too, so a missing package is not
// asked again on every scan).
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

export interface MetadataKey {
  ecosystem: string;
  name: string;
  version: string;
}

export interface CachedMetadata extends MetadataKey {
  /** null: the registry had nothing. */
  metadata: unknown;
}

/** Rows not expired yet for these keys, in ONE query. */
export async function cachedPackageMetadata(db: Kysely<Database>, keys: readonly MetadataKey[]): Promise<CachedMetadata[]> {
  if (keys.length === 0) return [];
  const result = await sql<CachedMetadata>`
    SELECT m.ecosystem, m.name, m.version, m.metadata
    FROM unnest(${keys.map((k) => k.ecosystem)}::text[], ${keys.map((k) => k.name)}::text[], ${keys.map((k) => k.version)}::text[]) AS k(ecosystem, name, version)
    JOIN package_metadata AS m ON m.ecosystem = k.ecosystem AND m.name = k.name AND m.version = k.version
    WHERE m.expires_at > now()`.execute(db);
  return result.rows;
}

/** Stores answers (or their absence) for `ttlSeconds`, replacing older ones; one statement per call. */
export async function storePackageMetadata(db: Kysely<Database>, rows: readonly CachedMetadata[], ttlSeconds: number): Promise<void> {
  if (rows.length === 0) return;
  const unique = new Map(rows.map((r) => [`${r.ecosystem}\u0000${r.name}\u0000${r.version}`, r]));
  const list = [...unique.values()];
  await sql`
    INSERT INTO package_metadata (ecosystem, name, version, metadata, fetched_at, expires_at)
    SELECT k.ecosystem, k.name, k.version, k.metadata::jsonb, now(), now() + make_interval(secs => ${ttlSeconds})
    FROM unnest(${list.map((r) => r.ecosystem)}::text[], ${list.map((r) => r.name)}::text[], ${list.map((r) => r.version)}::text[],
                ${list.map((r) => (r.metadata == null ? null : JSON.stringify(r.metadata)))}::text[]) AS k(ecosystem, name, version, metadata)
    ON CONFLICT (ecosystem, name, version) DO UPDATE SET metadata = excluded.metadata, fetched_at = excluded.fetched_at, expires_at = excluded.expires_at`.execute(db);
}

/** Drops rows expired more than `graceSeconds` ago (housekeeping); returns how many. */
export async function prunePackageMetadata(db: Kysely<Database>, graceSeconds = 0): Promise<number> {
  const result = await sql`DELETE FROM package_metadata WHERE expires_at < now() - make_interval(secs => ${graceSeconds})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
