// Package inventories: what each repository's last scan extracted from its manifests and lockfiles
// (migration 009). Replaced whole per scan, in batches; read back for the Dependencies view, the SBOM
// and the re-match after an advisory sync (no new download). The store knows SQL only: the package
// shape here mirrors the engine's PackageEntry field for field, and jobs/ hands one to the other.
import { sql, type Kysely } from 'kysely';
import type { Ecosystem } from '../contract/vocabulary';
import { inTransaction } from './db';
import type { Database } from './schema';

/** One stored package entry: the engine's PackageEntry (service/engine/deps/types.ts), as stored. */
export interface InventoryPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  purl: string;
  path: string;
  line?: number;
  direct?: boolean;
  scope?: 'dev' | 'optional' | 'test' | 'peer' | 'build';
  declared?: string;
  dependencyPath?: string[];
  dependsOn?: string[];
  license?: string;
  extractor: string;
}

export interface InventoryMeta {
  scanId: string;
  commitSha?: string;
  packageCount: number;
  storedAt: Date;
  matchedAt?: Date;
}

/** Rows per statement: one statement of 17 arrays per batch (unnest), well under any limit. */
const BATCH = 2000;

/**
 * Replaces the repository's inventory with the one scan `scanId` (of `commitSha`) extracted. In `db`'s
 * transaction when it is one (scan-repo writes it with the findings).
 */
export async function replaceInventory(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  scan: { scanId: string; commitSha?: string },
  packages: readonly InventoryPackage[],
): Promise<void> {
  await inTransaction(db, async (trx) => {
    // The cascade removes the packages of the previous inventory.
    await trx.deleteFrom('package_inventories').where('org_id', '=', orgId).where('repo_id', '=', repoId).execute();
    await trx
      .insertInto('package_inventories')
      .values({ org_id: orgId, repo_id: repoId, scan_id: scan.scanId, commit_sha: scan.commitSha ?? null, package_count: packages.length })
      .execute();
    for (let start = 0; start < packages.length; start += BATCH) {
      const batch = packages.slice(start, start + BATCH);
      const col = <T>(pick: (p: InventoryPackage) => T): T[] => batch.map(pick);
      const json = (v: string[] | undefined) => (v?.length ? JSON.stringify(v) : null);
      await sql`
        INSERT INTO inventory_packages (org_id, repo_id, ordinal, ecosystem, name, version, purl, path, line, direct, scope, declared, license, dependency_path, depends_on, extractor)
        SELECT ${orgId}::uuid, ${repoId}, u.ordinal, u.ecosystem, u.name, u.version, u.purl, u.path, u.line, u.direct, u.scope, u.declared, u.license,
          u.dependency_path::jsonb, u.depends_on::jsonb, u.extractor
        FROM unnest(
          ${batch.map((_, i) => start + i)}::int[], ${col((p) => p.ecosystem)}::text[], ${col((p) => p.name)}::text[], ${col((p) => p.version)}::text[],
          ${col((p) => p.purl)}::text[], ${col((p) => p.path)}::text[], ${col((p) => p.line ?? null)}::int[], ${col((p) => p.direct ?? null)}::boolean[],
          ${col((p) => p.scope ?? null)}::text[], ${col((p) => p.declared ?? null)}::text[], ${col((p) => p.license ?? null)}::text[],
          ${col((p) => json(p.dependencyPath))}::text[], ${col((p) => json(p.dependsOn))}::text[], ${col((p) => p.extractor)}::text[]
        ) AS u(ordinal, ecosystem, name, version, purl, path, line, direct, scope, declared, license, dependency_path, depends_on, extractor)`.execute(trx);
    }
  });
}

export async function getInventoryMeta(db: Kysely<Database>, orgId: string, repoId: string): Promise<InventoryMeta | undefined> {
  const row = await db.selectFrom('package_inventories').selectAll().where('org_id', '=', orgId).where('repo_id', '=', repoId).executeTakeFirst();
  return row && { scanId: row.scan_id, commitSha: row.commit_sha ?? undefined, packageCount: row.package_count, storedAt: row.stored_at, matchedAt: row.matched_at ?? undefined };
}

interface PackageColumns {
  ecosystem: string;
  name: string;
  version: string;
  purl: string;
  path: string;
  line: number | null;
  direct: boolean | null;
  scope: string | null;
  declared: string | null;
  license: string | null;
  dependency_path: string[] | null;
  depends_on: string[] | null;
  extractor: string;
}

function toPackage(r: PackageColumns): InventoryPackage {
  return {
    ecosystem: r.ecosystem as Ecosystem,
    name: r.name,
    version: r.version,
    purl: r.purl,
    path: r.path,
    ...(r.line !== null ? { line: r.line } : {}),
    ...(r.direct !== null ? { direct: r.direct } : {}),
    ...(r.scope !== null ? { scope: r.scope as InventoryPackage['scope'] } : {}),
    ...(r.declared !== null ? { declared: r.declared } : {}),
    ...(r.dependency_path ? { dependencyPath: r.dependency_path } : {}),
    ...(r.depends_on ? { dependsOn: r.depends_on } : {}),
    ...(r.license !== null ? { license: r.license } : {}),
    extractor: r.extractor,
  };
}

/**
 * The repository's whole inventory in extraction order (empty when it has none). With `registryLicenses`,
 * an entry whose file records no license takes the one the registry metadata cache holds for that version.
 */
export async function loadInventory(db: Kysely<Database>, orgId: string, repoId: string, opts: { registryLicenses?: boolean } = {}): Promise<InventoryPackage[]> {
  if (!opts.registryLicenses) {
    const rows = await db.selectFrom('inventory_packages').selectAll().where('org_id', '=', orgId).where('repo_id', '=', repoId).orderBy('ordinal').execute();
    return rows.map(toPackage);
  }
  const rows = await sql<PackageColumns & { registry_license: string | null }>`
    SELECT p.*, m.metadata->>'license' AS registry_license FROM inventory_packages AS p
    LEFT JOIN package_metadata AS m ON m.ecosystem = p.ecosystem AND m.name = p.name AND m.version = p.version
    WHERE p.org_id = ${orgId} AND p.repo_id = ${repoId} ORDER BY p.ordinal`.execute(db);
  return rows.rows.map((r) => toPackage({ ...r, license: r.license ?? r.registry_license }));
}

/**
 * Repositories (of every organization: advisories are global) whose stored inventory holds any of
 * these packages. For the re-match after a sync; each repository is then handled in its own organization.
 */
export async function repositoriesHolding(db: Kysely<Database>, packages: readonly { ecosystem: string; name: string }[]): Promise<{ orgId: string; repoId: string }[]> {
  const found = new Map<string, { orgId: string; repoId: string }>();
  for (let start = 0; start < packages.length; start += BATCH) {
    const batch = packages.slice(start, start + BATCH);
    const rows = await sql<{ org_id: string; repo_id: string }>`
      SELECT DISTINCT p.org_id, p.repo_id FROM inventory_packages AS p
      JOIN unnest(${batch.map((p) => p.ecosystem)}::text[], ${batch.map((p) => p.name)}::text[]) AS u(ecosystem, name)
        ON p.ecosystem = u.ecosystem AND p.name = u.name`.execute(db);
    for (const r of rows.rows) found.set(`${r.org_id} ${r.repo_id}`, { orgId: r.org_id, repoId: r.repo_id });
  }
  return [...found.values()];
}

export async function markInventoryMatched(db: Kysely<Database>, orgId: string, repoId: string, at = new Date()): Promise<void> {
  await db.updateTable('package_inventories').set({ matched_at: at }).where('org_id', '=', orgId).where('repo_id', '=', repoId).execute();
}

// ---- the Dependencies view ----

export interface DependencyFilters {
  ecosystems?: Ecosystem[];
  /** true: direct only; false: transitive only (packages whose file does not say are neither). */
  direct?: boolean;
  /** true: packages with an open dependency finding; false: without. */
  hasAdvisory?: boolean;
  /** Part of the package name, case-insensitive. */
  search?: string;
}

/** One package of a repository, as the Dependencies view lists it. */
export interface DependencyRow extends InventoryPackage {
  /** The lockfile's license, else the registry's (package metadata cache). */
  resolvedLicense?: string;
  /** Open `deps` findings (advisories) of this package in this file. */
  advisories: number;
  /** The worst severity rank among them (0 = critical), when any. */
  worstRank?: number;
}

/** Open deps findings per (path, ecosystem, name, version) of the repository. */
const advisoryCounts = (orgId: string, repoId: string) => sql`
  SELECT f.location->>'path' AS path, f.location->>'ecosystem' AS ecosystem, f.location->>'name' AS name, f.location->>'version' AS version,
    count(*)::int AS n, min(f.severity_rank)::int AS worst
  FROM findings AS f
  WHERE f.org_id = ${orgId} AND f.repo_id = ${repoId} AND f.category = 'deps' AND f.state = 'open'
  GROUP BY 1, 2, 3, 4`;

export async function listDependencies(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  filters: DependencyFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: DependencyRow[]; total: number }> {
  const where = [sql`p.org_id = ${orgId}`, sql`p.repo_id = ${repoId}`];
  if (filters.ecosystems?.length) where.push(sql`p.ecosystem = ANY(${filters.ecosystems}::text[])`);
  if (filters.direct !== undefined) where.push(sql`p.direct = ${filters.direct}`);
  if (filters.hasAdvisory !== undefined) where.push(filters.hasAdvisory ? sql`a.n > 0` : sql`a.n IS NULL`);
  if (filters.search) where.push(sql`strpos(lower(p.name), ${filters.search.toLowerCase()}) > 0`);
  const from = sql`
    FROM inventory_packages AS p
    LEFT JOIN (${advisoryCounts(orgId, repoId)}) AS a ON a.path = p.path AND a.ecosystem = p.ecosystem AND a.name = p.name AND a.version = p.version
    LEFT JOIN package_metadata AS m ON m.ecosystem = p.ecosystem AND m.name = p.name AND m.version = p.version
    WHERE ${sql.join(where, sql` AND `)}`;
  const [{ total }] = (await sql<{ total: number }>`SELECT count(*)::int AS total ${from}`.execute(db)).rows;
  const rows = await sql<PackageColumns & { registry_license: string | null; n: number | null; worst: number | null }>`
    SELECT p.ecosystem, p.name, p.version, p.purl, p.path, p.line, p.direct, p.scope, p.declared, p.license, p.dependency_path, p.depends_on, p.extractor,
      m.metadata->>'license' AS registry_license, a.n, a.worst
    ${from}
    ORDER BY coalesce(a.worst, 99), lower(p.name), p.ecosystem, p.version, p.path, p.ordinal
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return {
    total: Number(total),
    rows: rows.rows.map((r) => {
      const license = r.license ?? r.registry_license ?? undefined;
      return {
        ...toPackage(r),
        ...(license ? { resolvedLicense: license } : {}),
        advisories: r.n ?? 0,
        ...(r.worst !== null ? { worstRank: r.worst } : {}),
      };
    }),
  };
}
