import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { severityRank, type Finding } from '../engine/types';
import type { Database, FindingRow } from './schema';

export interface ReconcileResult {
  new: number;
  fixed: number;
  open: number;
}

const CHUNK = 300;

export const DISMISSAL_REASONS = ['false-positive', 'accepted-risk', 'used-in-tests', 'revoked'] as const;
export type DismissalReason = (typeof DISMISSAL_REASONS)[number];

export interface Dismissal {
  reason: DismissalReason;
  comment?: string;
  /** YYYY-MM-DD, inclusive: the dismissal holds through that day, then the finding reopens. */
  expires?: string;
  by: string;
  byName?: string;
  at: string;
  /** Set when the expiry passed and the finding reopened; kept for the record. */
  expired?: boolean;
}

const today = () => new Date().toISOString().slice(0, 10);

export const isActiveDismissal = (d: Dismissal | null | undefined): d is Dismissal => !!d && !d.expired && (!d.expires || d.expires >= today());

/** One alert per unique credential: every location of one secret value shares a group. */
const groupKeyOf = (f: Finding, findingId: string): string => (f.secretHash ? `secret:${f.secretHash}` : findingId);

/**
 * A rescan keeps the identity of findings that are still there, marks vanished ones fixed and adds
 * new ones. Identity is the fingerprint (rule + path + content hash), never the line.
 * Dismissed findings stay dismissed while they are still present.
 */
export async function reconcileFindings(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  scanId: string,
  commitSha: string,
  findings: Finding[],
): Promise<ReconcileResult> {
  const current = new Map<string, Finding>();
  for (const f of findings) if (!current.has(f.fingerprint)) current.set(f.fingerprint, f);

  return db.transaction().execute(async (trx) => {
    await expireDismissals(trx, orgId);
    const existing = await trx
      .selectFrom('findings')
      .select(['finding_id', 'fingerprint', 'state', 'dismissal'])
      .where('org_id', '=', orgId)
      .where('repo_id', '=', repoId)
      .execute();
    const byFingerprint = new Map(existing.map((e) => [e.fingerprint, e]));
    const now = new Date();

    const inserts = [...current.values()].filter((f) => !byFingerprint.has(f.fingerprint));
    // A credential dismissed elsewhere in the organization stays dismissed at its new locations.
    const groupDismissals = await activeGroupDismissals(
      trx,
      orgId,
      inserts.filter((f) => f.secretHash).map((f) => `secret:${f.secretHash}`),
    );
    for (let i = 0; i < inserts.length; i += CHUNK) {
      await trx
        .insertInto('findings')
        .values(
          inserts.slice(i, i + CHUNK).map((f) => {
            const findingId = randomUUID();
            const groupKey = groupKeyOf(f, findingId);
            const dismissal = groupDismissals.get(groupKey);
            return {
              org_id: orgId,
              finding_id: findingId,
              group_key: groupKey,
              repo_id: repoId,
              fingerprint: f.fingerprint,
              rule_id: f.ruleId,
              category: f.category,
              severity: f.severity,
              severity_rank: severityRank(f.severity),
              confidence: f.confidence,
              title: f.title,
              message: f.message,
              path: f.location.path,
              line: f.location.line,
              col: f.location.column ?? null,
              preview: f.preview ?? null,
              secret_hash: f.secretHash ?? null,
              remediation: f.remediation,
              help_uri: f.helpUri ?? null,
              state: dismissal ? 'dismissed' : f.suppressed ? 'suppressed' : 'open',
              suppression: f.suppressed ? JSON.stringify(f.suppressed) : null,
              dismissal: dismissal ? JSON.stringify(dismissal) : null,
              commit_sha: commitSha,
              first_seen_scan: scanId,
              last_seen_scan: scanId,
              first_seen_at: now,
              last_seen_at: now,
            };
          }),
        )
        .execute();
    }

    const stillThere = existing.filter((e) => current.has(e.fingerprint));
    for (let i = 0; i < stillThere.length; i += CHUNK) {
      const batch = stillThere.slice(i, i + CHUNK).map((e) => {
        const f = current.get(e.fingerprint)!;
        const state = isActiveDismissal(e.dismissal as Dismissal | null) ? 'dismissed' : f.suppressed ? 'suppressed' : 'open';
        return { id: e.finding_id, f, state };
      });
      // One UPDATE per chunk: row-by-row updates crawl on both engines.
      await sql`
        UPDATE findings AS t SET
          path = u.path, line = u.line, col = u.col, message = u.message, preview = u.preview,
          severity = u.severity, severity_rank = u.severity_rank, title = u.title, remediation = u.remediation,
          state = u.state, suppression = u.suppression::jsonb, commit_sha = ${commitSha},
          last_seen_scan = ${scanId}, last_seen_at = ${now}, fixed_at = NULL
        FROM unnest(
          ${batch.map((b) => b.id)}::uuid[], ${batch.map((b) => b.f.location.path)}::text[],
          ${batch.map((b) => b.f.location.line)}::int[], ${batch.map((b) => b.f.location.column ?? null)}::int[],
          ${batch.map((b) => b.f.message)}::text[], ${batch.map((b) => b.f.preview ?? null)}::text[],
          ${batch.map((b) => b.f.severity)}::text[], ${batch.map((b) => severityRank(b.f.severity))}::int[],
          ${batch.map((b) => b.f.title)}::text[], ${batch.map((b) => b.f.remediation)}::text[],
          ${batch.map((b) => b.state)}::text[],
          ${batch.map((b) => (b.f.suppressed ? JSON.stringify(b.f.suppressed) : null))}::text[]
        ) AS u(id, path, line, col, message, preview, severity, severity_rank, title, remediation, state, suppression)
        WHERE t.org_id = ${orgId} AND t.finding_id = u.id`.execute(trx);
    }

    // Gone from the default branch: fixed, whatever it was (a dismissal is kept for the record).
    const vanished = existing.filter((e) => !current.has(e.fingerprint) && e.state !== 'fixed');
    for (let i = 0; i < vanished.length; i += CHUNK) {
      await trx
        .updateTable('findings')
        .set({ state: 'fixed', fixed_at: now })
        .where('org_id', '=', orgId)
        .where('finding_id', 'in', vanished.slice(i, i + CHUNK).map((e) => e.finding_id))
        .execute();
    }

    const [{ n }] = await trx
      .selectFrom('findings')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', orgId)
      .where('repo_id', '=', repoId)
      .where('state', '=', 'open')
      .execute();
    return { new: inserts.length, fixed: vanished.length, open: Number(n) };
  });
}

/** The repository columns every finding listing carries. */
const REPO_COLUMNS = ['r.name as repo_name', 'r.project_id as project_id', 'r.project_name as project_name', 'r.web_url as repo_web_url'] as const;

export interface FindingFilters {
  severities?: string[];
  categories?: string[];
  states?: string[];
  repoId?: string;
  projectId?: string;
}

export type FindingWithRepo = FindingRow & { repo_name: string; project_id: string; project_name: string; repo_web_url: string | null };

export async function listFindings(
  db: Kysely<Database>,
  orgId: string,
  filters: FindingFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: FindingWithRepo[]; total: number }> {
  const base = filteredFindings(db, orgId, filters);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<string>().as('total')).execute();
  const rows = await base
    .selectAll('f')
    .select(REPO_COLUMNS)
    .orderBy('f.severity_rank')
    .orderBy('f.last_seen_at', 'desc')
    .orderBy('f.finding_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows: rows as FindingWithRepo[], total: Number(total) };
}

function filteredFindings(db: Kysely<Database>, orgId: string, filters: FindingFilters) {
  let base = db
    .selectFrom('findings as f')
    .innerJoin('repositories as r', (j) => j.onRef('r.org_id', '=', 'f.org_id').onRef('r.repo_id', '=', 'f.repo_id'))
    .where('f.org_id', '=', orgId)
    .where('r.removed_at', 'is', null);
  if (filters.severities?.length) base = base.where('f.severity', 'in', filters.severities);
  if (filters.categories?.length) base = base.where('f.category', 'in', filters.categories);
  if (filters.states?.length) base = base.where('f.state', 'in', filters.states);
  if (filters.repoId) base = base.where('f.repo_id', '=', filters.repoId);
  if (filters.projectId) base = base.where('r.project_id', '=', filters.projectId);
  return base;
}

export async function getFinding(db: Kysely<Database>, orgId: string, findingId: string): Promise<FindingWithRepo | undefined> {
  const row = await db
    .selectFrom('findings as f')
    .innerJoin('repositories as r', (j) => j.onRef('r.org_id', '=', 'f.org_id').onRef('r.repo_id', '=', 'f.repo_id'))
    .selectAll('f')
    .select(REPO_COLUMNS)
    .where('f.org_id', '=', orgId)
    .where('f.finding_id', '=', findingId)
    .executeTakeFirst();
  return row as FindingWithRepo | undefined;
}

async function activeGroupDismissals(db: Kysely<Database>, orgId: string, groupKeys: string[]): Promise<Map<string, Dismissal>> {
  const found = new Map<string, Dismissal>();
  for (let i = 0; i < groupKeys.length; i += CHUNK) {
    const rows = await db
      .selectFrom('findings')
      .select(['group_key', 'dismissal'])
      .where('org_id', '=', orgId)
      .where('group_key', 'in', groupKeys.slice(i, i + CHUNK))
      .where('dismissal', 'is not', null)
      .execute();
    for (const r of rows) if (isActiveDismissal(r.dismissal as Dismissal | null)) found.set(r.group_key, r.dismissal as Dismissal);
  }
  return found;
}

/** Dismissals whose expiry passed stop holding: the finding reopens and the record says it expired. */
export async function expireDismissals(db: Kysely<Database>, orgId: string): Promise<number> {
  const res = await sql`
    UPDATE findings SET
      state = CASE WHEN state = 'dismissed' THEN (CASE WHEN suppression IS NOT NULL THEN 'suppressed' ELSE 'open' END) ELSE state END,
      dismissal = dismissal || '{"expired": true}'::jsonb
    WHERE org_id = ${orgId} AND dismissal IS NOT NULL AND NOT coalesce((dismissal->>'expired')::boolean, false)
      AND dismissal->>'expires' IS NOT NULL AND dismissal->>'expires' < ${today()}`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

/** Dismiss every location of the finding's group (one credential = one alert). Returns the rows changed. */
export async function dismissFindingGroup(db: Kysely<Database>, orgId: string, findingId: string, dismissal: Dismissal): Promise<number> {
  const res = await sql`
    UPDATE findings SET dismissal = ${JSON.stringify(dismissal)}::jsonb,
      state = CASE WHEN state = 'fixed' THEN 'fixed' ELSE 'dismissed' END
    WHERE org_id = ${orgId} AND group_key = (SELECT group_key FROM findings WHERE org_id = ${orgId} AND finding_id = ${findingId})`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

/** Reopen a dismissed group: present locations go back to open (or suppressed), fixed ones stay fixed. */
export async function reopenFindingGroup(db: Kysely<Database>, orgId: string, findingId: string): Promise<number> {
  const res = await sql`
    UPDATE findings SET dismissal = NULL,
      state = CASE WHEN state = 'dismissed' THEN (CASE WHEN suppression IS NOT NULL THEN 'suppressed' ELSE 'open' END) ELSE state END
    WHERE org_id = ${orgId} AND group_key = (SELECT group_key FROM findings WHERE org_id = ${orgId} AND finding_id = ${findingId})`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

export interface FindingGroup {
  /** The most severe, most recently seen location stands for the group. */
  representative: FindingWithRepo;
  locations: FindingWithRepo[];
}

/**
 * Findings grouped so that one credential is one alert with all its locations (across files and
 * repositories of the organization). Filters apply to locations; a group is listed when any of its
 * locations matches.
 */
export async function listFindingGroups(
  db: Kysely<Database>,
  orgId: string,
  filters: FindingFilters,
  page: { limit: number; offset: number },
): Promise<{ groups: FindingGroup[]; total: number }> {
  const base = filteredFindings(db, orgId, filters);
  const [{ total }] = await base.select((eb) => eb.fn.count<string>('f.group_key').distinct().as('total')).execute();
  const keys = await base
    .select((eb) => ['f.group_key', eb.fn.min('f.severity_rank').as('rank'), eb.fn.max('f.last_seen_at').as('last')])
    .groupBy('f.group_key')
    .orderBy('rank')
    .orderBy('last', 'desc')
    .orderBy('f.group_key')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  if (!keys.length) return { groups: [], total: Number(total) };
  const rows = (await filteredFindings(db, orgId, { ...filters, states: undefined })
    .where('f.group_key', 'in', keys.map((k) => k.group_key))
    .selectAll('f')
    .select(REPO_COLUMNS)
    .orderBy('f.severity_rank')
    .orderBy('f.last_seen_at', 'desc')
    .orderBy('r.name')
    .orderBy('f.path')
    .execute()) as FindingWithRepo[];
  const byKey = new Map<string, FindingWithRepo[]>();
  for (const r of rows) byKey.set(r.group_key, [...(byKey.get(r.group_key) ?? []), r]);
  const groups = keys.map((k) => {
    const locations = byKey.get(k.group_key) ?? [];
    const wanted = filters.states?.length ? locations.filter((l) => filters.states!.includes(l.state)) : locations;
    return { representative: wanted[0] ?? locations[0], locations };
  });
  return { groups: groups.filter((g) => g.representative), total: Number(total) };
}
