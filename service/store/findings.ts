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
    const existing = await trx
      .selectFrom('findings')
      .select(['finding_id', 'fingerprint', 'state'])
      .where('org_id', '=', orgId)
      .where('repo_id', '=', repoId)
      .execute();
    const byFingerprint = new Map(existing.map((e) => [e.fingerprint, e]));
    const now = new Date();

    const inserts = [...current.values()].filter((f) => !byFingerprint.has(f.fingerprint));
    for (let i = 0; i < inserts.length; i += CHUNK) {
      await trx
        .insertInto('findings')
        .values(
          inserts.slice(i, i + CHUNK).map((f) => ({
            org_id: orgId,
            finding_id: randomUUID(),
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
            state: f.suppressed ? 'suppressed' : 'open',
            suppression: f.suppressed ? JSON.stringify(f.suppressed) : null,
            commit_sha: commitSha,
            first_seen_scan: scanId,
            last_seen_scan: scanId,
            first_seen_at: now,
            last_seen_at: now,
          })),
        )
        .execute();
    }

    const stillThere = existing.filter((e) => current.has(e.fingerprint));
    for (let i = 0; i < stillThere.length; i += CHUNK) {
      const batch = stillThere.slice(i, i + CHUNK).map((e) => {
        const f = current.get(e.fingerprint)!;
        const state = e.state === 'dismissed' ? 'dismissed' : f.suppressed ? 'suppressed' : 'open';
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

    const vanished = existing.filter((e) => !current.has(e.fingerprint) && (e.state === 'open' || e.state === 'suppressed'));
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

  const [{ total }] = await base.select((eb) => eb.fn.countAll<string>().as('total')).execute();
  const rows = await base
    .selectAll('f')
    .select(['r.name as repo_name', 'r.project_id as project_id', 'r.project_name as project_name', 'r.web_url as repo_web_url'])
    .orderBy('f.severity_rank')
    .orderBy('f.last_seen_at', 'desc')
    .orderBy('f.finding_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows: rows as FindingWithRepo[], total: Number(total) };
}

export async function getFinding(db: Kysely<Database>, orgId: string, findingId: string): Promise<FindingWithRepo | undefined> {
  const row = await db
    .selectFrom('findings as f')
    .innerJoin('repositories as r', (j) => j.onRef('r.org_id', '=', 'f.org_id').onRef('r.repo_id', '=', 'f.repo_id'))
    .selectAll('f')
    .select(['r.name as repo_name', 'r.project_id as project_id', 'r.project_name as project_name', 'r.web_url as repo_web_url'])
    .where('f.org_id', '=', orgId)
    .where('f.finding_id', '=', findingId)
    .executeTakeFirst();
  return row as FindingWithRepo | undefined;
}
