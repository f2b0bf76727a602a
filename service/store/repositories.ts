import { sql, type Kysely } from 'kysely';
import { selectedRepository } from './repository-selection';
import type { Database, RepositoryRow } from './schema';

/** A repository as discovery saw it, ready to store. */
export interface DiscoveredRepository {
  id: string;
  name: string;
  projectId: string;
  projectName: string;
  /** Absent on an empty repository. */
  defaultBranch?: string;
  webUrl?: string;
  sizeBytes?: number;
  isDisabled: boolean;
  isFork: boolean;
  /** Why it is not scanned (disabled, empty), or null when it can be. */
  skipReason: string | null;
}

/** Upsert what discovery saw; repositories that vanished from ADO are marked removed. */
export async function syncRepositories(db: Kysely<Database>, orgId: string, repos: DiscoveredRepository[]): Promise<void> {
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < repos.length; i += 200) {
      const rows = repos.slice(i, i + 200).map((r) => ({
        org_id: orgId,
        repo_id: r.id,
        project_id: r.projectId,
        project_name: r.projectName,
        name: r.name,
        default_branch: r.defaultBranch ?? null,
        web_url: r.webUrl ?? null,
        size_bytes: r.sizeBytes ?? null,
        is_disabled: r.isDisabled,
        is_fork: r.isFork,
        skip_reason: r.skipReason,
        updated_at: now,
        removed_at: null,
      }));
      await trx
        .insertInto('repositories')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['org_id', 'repo_id']).doUpdateSet((eb) => ({
            project_id: eb.ref('excluded.project_id'),
            project_name: eb.ref('excluded.project_name'),
            name: eb.ref('excluded.name'),
            default_branch: eb.ref('excluded.default_branch'),
            web_url: eb.ref('excluded.web_url'),
            size_bytes: eb.ref('excluded.size_bytes'),
            is_disabled: eb.ref('excluded.is_disabled'),
            is_fork: eb.ref('excluded.is_fork'),
            skip_reason: eb.ref('excluded.skip_reason'),
            updated_at: eb.ref('excluded.updated_at'),
            removed_at: null,
          })),
        )
        .execute();
    }
    const seen = repos.map((r) => r.id);
    let q = trx.updateTable('repositories').set({ removed_at: now }).where('org_id', '=', orgId).where('removed_at', 'is', null);
    if (seen.length) q = q.where('repo_id', 'not in', seen);
    await q.execute();
    // A repository moved to another project takes its findings along (they are filtered by project).
    await sql`
      UPDATE findings AS f SET project_id = r.project_id FROM repositories AS r
      WHERE f.org_id = ${orgId} AND r.org_id = f.org_id AND r.repo_id = f.repo_id AND f.project_id IS DISTINCT FROM r.project_id`.execute(trx);
  });
}

/** Live selected repositories of an organization, or of the given projects of it (none given: none counted). */
export async function countRepositories(db: Kysely<Database>, orgId: string, opts: { projectIds?: readonly string[] } = {}): Promise<number> {
  if (opts.projectIds?.length === 0) return 0;
  let q = db
    .selectFrom('repositories')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .where('removed_at', 'is', null)
    .where(selectedRepository(orgId));
  if (opts.projectIds) q = q.where('project_id', 'in', opts.projectIds);
  const [{ n }] = await q.execute();
  return Number(n);
}

export const getRepository = (db: Kysely<Database>, orgId: string, repoId: string) =>
  db.selectFrom('repositories').selectAll().where('org_id', '=', orgId).where('repo_id', '=', repoId).executeTakeFirst();

export interface RepositoryWithCounts extends RepositoryRow {
  open_counts: Record<string, number>;
}

export async function listRepositories(
  db: Kysely<Database>,
  orgId: string,
  opts: { projectId?: string; limit: number; offset: number },
): Promise<{ rows: RepositoryWithCounts[]; total: number }> {
  let base = db.selectFrom('repositories').where('org_id', '=', orgId).where('removed_at', 'is', null).where(selectedRepository(orgId));
  if (opts.projectId) base = base.where('project_id', '=', opts.projectId);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<string>().as('total')).execute();
  const rows = await base.selectAll().orderBy('project_name').orderBy('name').limit(opts.limit).offset(opts.offset).execute();
  const counts = rows.length
    ? await db
        .selectFrom('findings')
        .select(['repo_id', 'severity', (eb) => eb.fn.countAll<string>().as('n')])
        .where('org_id', '=', orgId)
        .where('state', '=', 'open')
        .where('repo_id', 'in', rows.map((r) => r.repo_id))
        .groupBy(['repo_id', 'severity'])
        .$narrowType<{ repo_id: string }>()
        .execute()
    : [];
  const byRepo = new Map<string, Record<string, number>>();
  for (const c of counts) {
    const m = byRepo.get(c.repo_id) ?? {};
    m[c.severity] = Number(c.n);
    byRepo.set(c.repo_id, m);
  }
  return { rows: rows.map((r) => ({ ...r, open_counts: byRepo.get(r.repo_id) ?? {} })), total: Number(total) };
}

/** Repositories that discovery should consider for a scan: live, selected, readable, with a default branch. */
export const scannableRepositories = (db: Kysely<Database>, orgId: string) =>
  db
    .selectFrom('repositories')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('removed_at', 'is', null)
    .where('skip_reason', 'is', null)
    .where(selectedRepository(orgId))
    .execute();

export async function setRepositoryScanState(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  state: string,
  extra: { lastScanId?: string; headSha?: string; fullScan?: { rulesDigest: string } } = {},
): Promise<void> {
  await db
    .updateTable('repositories')
    .set({
      scan_state: state,
      updated_at: sql`now()`,
      ...(extra.lastScanId ? { last_scan_id: extra.lastScanId } : {}),
      ...(extra.headSha ? { head_sha: extra.headSha } : {}),
      // A full scan: what an incremental one may build on (jobs/scan-incremental.ts decides).
      ...(extra.fullScan ? { last_full_scan_at: sql<Date>`now()`, rules_digest: extra.fullScan.rulesDigest } : {}),
    })
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .execute();
}
