// The compliance collection's writes (issue 15) and the reads its jobs need: the settings row made at
// connect, the collection's state, each merged pull request's evidence (upserted in batches), policy
// revisions, the builds build.complete recorded, and the results, replaced per repository or per subject
// in one transaction with multi-row inserts. The surfaces' reads and the settings' edits are in
// compliance-reads.ts.
import { sql, type Kysely } from 'kysely';
import type { MergedPullRequestEvidence, PolicyRevisionEvidence } from '../compliance/evidence';
import { TFVC_REPOSITORY_ID_PREFIX } from '../contract/vocabulary';
import { inTransaction } from './db';
import { DEFAULT_EMERGENCY_LABEL, DEFAULT_START_DAYS } from './compliance-reads';
import type { BuildTask } from './hooks';
import type { Database } from './schema';

type Db = Kysely<Database>;

const DAY_MS = 86_400_000;
/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 parameters. */
const INSERT_BATCH = 500;
/** Result rows per INSERT … SELECT FROM unnest(arrays): one parameter per column whatever the row count. */
const RESULT_INSERT_BATCH = 5000;
/** Production branches besides the default branch for an organization connected from now on. */
export const DEFAULT_BRANCH_PATTERNS = ['release/*', 'releases/*'];

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** Creates the organization's settings (start date 90 days before `now`) and collection rows; keeps existing ones. */
export async function ensureComplianceSettings(db: Db, orgId: string, now = new Date()): Promise<void> {
  await db
    .insertInto('compliance_settings')
    .values({
      org_id: orgId,
      start_date: new Date(now.getTime() - DEFAULT_START_DAYS * DAY_MS).toISOString().slice(0, 10),
      emergency_label: DEFAULT_EMERGENCY_LABEL,
      branch_patterns: JSON.stringify(DEFAULT_BRANCH_PATTERNS),
      updated_at: now,
    })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();
  await db.insertInto('compliance_collections').values({ org_id: orgId }).onConflict((oc) => oc.column('org_id').doNothing()).execute();
}

// ---- collection state ---------------------------------------------------------------------------------

/** Marks a collection running; answers the period the last finished one covered (from, until). */
export async function startComplianceCollection(db: Db, orgId: string, now = new Date()): Promise<{ collectedFrom?: Date; collectedUntil?: Date }> {
  await db.insertInto('compliance_collections').values({ org_id: orgId }).onConflict((oc) => oc.column('org_id').doNothing()).execute();
  const row = await db
    .updateTable('compliance_collections')
    .set({ state: 'running', started_at: now, error: null })
    .where('org_id', '=', orgId)
    .returning(['collected_from', 'collected_until'])
    .executeTakeFirst();
  if (!row?.collected_until || !row.collected_from) return {};
  return { collectedFrom: new Date(row.collected_from), collectedUntil: new Date(row.collected_until) };
}

export interface CollectionOutcome {
  /** The start of the period listed (ISO). */
  collectedFrom: string;
  /** When this collection started: pull requests closed before it are recorded. */
  until: Date;
  pullRequests: number;
  adoRequests: number;
  throttled: number;
  warnings: string[];
  /** Project id -> why its policies could not be read. */
  policiesUnavailable: Record<string, string>;
}

export async function finishComplianceCollection(db: Db, orgId: string, o: CollectionOutcome): Promise<void> {
  await db
    .updateTable('compliance_collections')
    .set({
      state: 'done',
      collected_from: o.collectedFrom,
      collected_until: o.until,
      finished_at: new Date(),
      pull_requests: o.pullRequests,
      ado_requests: o.adoRequests,
      throttled: o.throttled,
      warnings: JSON.stringify(o.warnings),
      policies_unavailable: JSON.stringify(o.policiesUnavailable),
      error: null,
    })
    .where('org_id', '=', orgId)
    .execute();
}

export async function failComplianceCollection(db: Db, orgId: string, error: string, o: Pick<CollectionOutcome, 'adoRequests' | 'throttled' | 'warnings'>): Promise<void> {
  await db
    .updateTable('compliance_collections')
    .set({ state: 'failed', finished_at: new Date(), error, ado_requests: o.adoRequests, throttled: o.throttled, warnings: JSON.stringify(o.warnings) })
    .where('org_id', '=', orgId)
    .execute();
}

/** Project id -> why its policies could not be read at the last collection. */
export async function unavailablePolicies(db: Db, orgId: string): Promise<Record<string, string>> {
  const row = await db.selectFrom('compliance_collections').select('policies_unavailable').where('org_id', '=', orgId).executeTakeFirst();
  return row ? (json<Record<string, string>>(row.policies_unavailable) ?? {}) : {};
}

// ---- repositories in scope ----------------------------------------------------------------------------

export interface ComplianceRepositoryRow {
  repoId: string;
  name: string;
  projectId: string;
  projectName: string;
  defaultBranch?: string;
  /** The repository's own patterns and checks; null: the organization's. */
  branchPatterns: string[] | null;
  checks: string[] | null;
}

/** Live, enabled Git repositories of the organization (or of `repoIds`) with their own compliance settings. */
export async function complianceRepositories(db: Db, orgId: string, repoIds?: readonly string[]): Promise<ComplianceRepositoryRow[]> {
  let q = db
    .selectFrom('repositories as r')
    .leftJoin('compliance_repositories as c', (j) => j.onRef('c.org_id', '=', 'r.org_id').onRef('c.repo_id', '=', 'r.repo_id'))
    .select(['r.repo_id', 'r.name', 'r.project_id', 'r.project_name', 'r.default_branch', 'c.branch_patterns', 'c.checks'])
    .where('r.org_id', '=', orgId)
    .where('r.removed_at', 'is', null)
    .where('r.is_disabled', '=', false)
    // A TFVC project has no pull requests.
    .where('r.repo_id', 'not like', `${TFVC_REPOSITORY_ID_PREFIX}%`)
    .orderBy('r.project_id')
    .orderBy('r.name');
  if (repoIds) {
    if (repoIds.length === 0) return [];
    q = q.where('r.repo_id', 'in', [...repoIds]);
  }
  return (await q.execute()).map((r) => ({
    repoId: r.repo_id,
    name: r.name,
    projectId: r.project_id,
    projectName: r.project_name,
    ...(r.default_branch ? { defaultBranch: r.default_branch } : {}),
    branchPatterns: r.branch_patterns ? json<string[]>(r.branch_patterns) : null,
    checks: r.checks ? json<string[]>(r.checks) : null,
  }));
}

// ---- evidence ------------------------------------------------------------------------------------------

export interface StoredPullRequest {
  pullRequestId: number;
  partial: boolean;
}

/** The pull requests of a repository already recorded (closed since `since`, when given). */
export async function recordedPullRequests(db: Db, orgId: string, repoId: string, since?: Date): Promise<Map<number, StoredPullRequest>> {
  let q = db.selectFrom('compliance_pull_requests').select(['pull_request_id', 'partial']).where('org_id', '=', orgId).where('repo_id', '=', repoId);
  if (since) q = q.where('closed_at', '>=', since);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.pull_request_id, { pullRequestId: r.pull_request_id, partial: r.partial }]));
}

/** Recorded pull requests with only the list's data whose target is now a production branch (per repository). */
export async function partialPullRequests(db: Db, orgId: string): Promise<{ repoId: string; pullRequestId: number; targetRef: string }[]> {
  const rows = await db
    .selectFrom('compliance_pull_requests')
    .select(['repo_id', 'pull_request_id', 'target_ref'])
    .where('org_id', '=', orgId)
    .where('partial', '=', true)
    .execute();
  return rows.map((r) => ({ repoId: r.repo_id, pullRequestId: r.pull_request_id, targetRef: r.target_ref }));
}

/** Records (or replaces) pull requests' evidence, in multi-row batches. */
export async function upsertPullRequestEvidence(db: Db, orgId: string, list: readonly { evidence: MergedPullRequestEvidence; partial: boolean }[]): Promise<void> {
  for (let i = 0; i < list.length; i += INSERT_BATCH) {
    const rows = list.slice(i, i + INSERT_BATCH).map(({ evidence: e, partial }) => ({
      org_id: orgId,
      repo_id: e.repositoryId,
      pull_request_id: e.pullRequestId,
      project_id: e.projectId,
      target_ref: e.targetRef,
      title: e.title ?? null,
      author_id: e.author?.id ?? null,
      author_name: e.author?.displayName ?? null,
      closed_at: e.closedAt,
      labels: JSON.stringify(e.labels),
      evidence: JSON.stringify(e),
      collected_at: e.collectedAt,
      partial,
    }));
    await db
      .insertInto('compliance_pull_requests')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['org_id', 'repo_id', 'pull_request_id']).doUpdateSet((eb) => ({
          project_id: eb.ref('excluded.project_id'),
          target_ref: eb.ref('excluded.target_ref'),
          title: eb.ref('excluded.title'),
          author_id: eb.ref('excluded.author_id'),
          author_name: eb.ref('excluded.author_name'),
          closed_at: eb.ref('excluded.closed_at'),
          labels: eb.ref('excluded.labels'),
          evidence: eb.ref('excluded.evidence'),
          collected_at: eb.ref('excluded.collected_at'),
          partial: eb.ref('excluded.partial'),
          // New evidence: its results are judged again at the next evaluation.
          evaluated_digest: null,
        })),
      )
      .execute();
  }
}

/** One recorded pull request's evidence, and whether only the list's data was recorded. */
export async function pullRequestEvidence(db: Db, orgId: string, repoId: string, pullRequestId: number): Promise<{ evidence: MergedPullRequestEvidence; partial: boolean } | undefined> {
  const row = await db
    .selectFrom('compliance_pull_requests')
    .select(['evidence', 'partial'])
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('pull_request_id', '=', pullRequestId)
    .executeTakeFirst();
  return row ? { evidence: json<MergedPullRequestEvidence>(row.evidence), partial: row.partial } : undefined;
}

/** Every recorded pull request of some repositories, by repository, oldest first. */
export async function evidenceOfRepositories(db: Db, orgId: string, repoIds: readonly string[]): Promise<Map<string, MergedPullRequestEvidence[]>> {
  const out = new Map<string, MergedPullRequestEvidence[]>(repoIds.map((id) => [id, []]));
  if (repoIds.length === 0) return out;
  const rows = await db
    .selectFrom('compliance_pull_requests')
    .select(['repo_id', 'evidence'])
    .where('org_id', '=', orgId)
    .where('repo_id', 'in', [...repoIds])
    .orderBy('closed_at')
    .execute();
  for (const r of rows) out.get(r.repo_id)?.push(json<MergedPullRequestEvidence>(r.evidence));
  return out;
}

/** A recorded pull request to judge, with the row version its results and digest will be written against. */
export interface EvidenceToJudge {
  repoId: string;
  pullRequestId: number;
  /** The row's version when read (xmin): the digest is kept only if the evidence did not change meanwhile. */
  version: string;
  evidence: MergedPullRequestEvidence;
}

/**
 * The recorded pull requests to judge, by repository, oldest first: those whose results were not judged
 * with the repository's digest now (`digests`: repository id -> digest), or exactly `pullRequestIds` of
 * the one repository given.
 */
export async function evidenceToJudge(
  db: Db,
  orgId: string,
  digests: ReadonlyMap<string, string>,
  pullRequestIds?: readonly number[],
): Promise<Map<string, EvidenceToJudge[]>> {
  const out = new Map<string, EvidenceToJudge[]>([...digests.keys()].map((id) => [id, []]));
  if (digests.size === 0 || pullRequestIds?.length === 0) return out;
  const only = pullRequestIds ? sql`p.pull_request_id = ANY(${[...pullRequestIds]}::int[])` : sql`p.evaluated_digest IS DISTINCT FROM d.digest`;
  const { rows } = await sql<{ repo_id: string; pull_request_id: number; version: string; evidence: unknown }>`
    SELECT p.repo_id, p.pull_request_id, p.xmin::text AS version, p.evidence
    FROM compliance_pull_requests p
    JOIN unnest(${[...digests.keys()]}::text[], ${[...digests.values()]}::text[]) AS d(repo_id, digest) ON p.repo_id = d.repo_id
    WHERE p.org_id = ${orgId} AND ${only}
    ORDER BY p.closed_at`.execute(db);
  for (const r of rows) {
    out.get(r.repo_id)?.push({ repoId: r.repo_id, pullRequestId: Number(r.pull_request_id), version: r.version, evidence: json<MergedPullRequestEvidence>(r.evidence) });
  }
  return out;
}

/** The target branches of the recorded pull requests, by repository. */
export async function recordedTargetRefs(db: Db, orgId: string, repoIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(repoIds.map((id) => [id, []]));
  if (repoIds.length === 0) return out;
  const rows = await db
    .selectFrom('compliance_pull_requests')
    .select(['repo_id', 'target_ref'])
    .distinct()
    .where('org_id', '=', orgId)
    .where('repo_id', 'in', [...repoIds])
    .execute();
  for (const r of rows) out.get(r.repo_id)?.push(r.target_ref);
  return out;
}

/** Recorded pull requests per repository. */
export async function pullRequestCounts(db: Db, orgId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('compliance_pull_requests')
    .select(['repo_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('org_id', '=', orgId)
    .groupBy('repo_id')
    .execute();
  return new Map(rows.map((r) => [r.repo_id, Number(r.n)]));
}

// ---- builds recorded by build.complete -------------------------------------------------------------------

export interface RecordedBuild {
  buildId: number;
  pullRequestId: number;
  definitionId?: number;
  definitionName?: string;
  buildNumber?: string;
  status?: string;
  result?: string;
  reason?: string;
  sourceVersion?: string;
  queueTime?: string;
  finishTime?: string;
  tasks: BuildTask[];
}

/** The builds recorded (build.complete, or an earlier collection) for pull requests of a repository. */
export async function recordedBuildsOf(db: Db, orgId: string, repoId: string, pullRequestIds: readonly number[]): Promise<Map<number, RecordedBuild[]>> {
  const out = new Map<number, RecordedBuild[]>();
  if (pullRequestIds.length === 0) return out;
  const rows = await db
    .selectFrom('builds')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('pull_request_id', 'in', [...pullRequestIds])
    .orderBy('build_id')
    .execute();
  for (const r of rows) {
    const b: RecordedBuild = {
      buildId: r.build_id,
      pullRequestId: r.pull_request_id!,
      definitionId: r.definition_id ?? undefined,
      definitionName: r.definition_name ?? undefined,
      buildNumber: r.build_number ?? undefined,
      status: r.status ?? undefined,
      result: r.result ?? undefined,
      reason: r.reason ?? undefined,
      sourceVersion: r.source_version ?? undefined,
      queueTime: r.queue_time ? new Date(r.queue_time).toISOString() : undefined,
      finishTime: r.finish_time ? new Date(r.finish_time).toISOString() : undefined,
      tasks: json<BuildTask[]>(r.tasks) ?? [],
    };
    out.set(b.pullRequestId, [...(out.get(b.pullRequestId) ?? []), b]);
  }
  return out;
}

// ---- policy revisions -------------------------------------------------------------------------------------

/** Records policy revisions (a revision never changes: an existing one is left as it is). */
export async function recordPolicyRevisions(db: Db, orgId: string, revisions: readonly PolicyRevisionEvidence[]): Promise<void> {
  for (let i = 0; i < revisions.length; i += INSERT_BATCH) {
    const rows = revisions.slice(i, i + INSERT_BATCH).map((r) => ({
      org_id: orgId,
      project_id: r.projectId,
      policy_id: r.policyId,
      revision: r.revision,
      type_id: r.typeId,
      is_enabled: r.isEnabled,
      is_blocking: r.isBlocking,
      is_deleted: r.isDeleted ?? false,
      scope: JSON.stringify(r.scope),
      settings: JSON.stringify(r.settings),
      revised_at: r.revisedAt ?? null,
      revised_by: r.revisedBy ? JSON.stringify(r.revisedBy) : null,
    }));
    await db
      .insertInto('compliance_policy_revisions')
      .values(rows)
      .onConflict((oc) => oc.columns(['org_id', 'project_id', 'policy_id', 'revision']).doUpdateSet((eb) => ({ is_deleted: eb.ref('excluded.is_deleted') })))
      .execute();
  }
}

/** Marks deleted the policies of a project that ADO no longer lists (their last revision stays as it was). */
export async function markPoliciesDeleted(db: Db, orgId: string, projectId: string, livePolicyIds: readonly number[]): Promise<void> {
  let q = db.updateTable('compliance_policy_revisions').set({ is_deleted: true }).where('org_id', '=', orgId).where('project_id', '=', projectId);
  if (livePolicyIds.length) q = q.where('policy_id', 'not in', [...livePolicyIds]);
  await q.execute();
}

/** Every recorded revision of the organization's policies, by project. */
export async function policyRevisionsByProject(db: Db, orgId: string): Promise<Map<string, PolicyRevisionEvidence[]>> {
  const rows = await db.selectFrom('compliance_policy_revisions').selectAll().where('org_id', '=', orgId).orderBy('policy_id').orderBy('revision').execute();
  const out = new Map<string, PolicyRevisionEvidence[]>();
  for (const r of rows) {
    const revisedBy = r.revised_by ? (json<PolicyRevisionEvidence['revisedBy']>(safeJson(r.revised_by)) ?? undefined) : undefined;
    const rev: PolicyRevisionEvidence = {
      projectId: r.project_id,
      policyId: r.policy_id,
      revision: r.revision,
      typeId: r.type_id,
      isEnabled: r.is_enabled,
      isBlocking: r.is_blocking,
      isDeleted: r.is_deleted,
      scope: json<PolicyRevisionEvidence['scope']>(r.scope) ?? [],
      settings: json<Record<string, unknown>>(r.settings) ?? {},
      ...(r.revised_at ? { revisedAt: new Date(r.revised_at).toISOString() } : {}),
      ...(revisedBy ? { revisedBy } : {}),
    };
    out.set(r.project_id, [...(out.get(r.project_id) ?? []), rev]);
  }
  return out;
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return { displayName: text };
  }
};

// ---- results --------------------------------------------------------------------------------------------

export interface ComplianceResultRowInput {
  repoId: string;
  projectId: string;
  subjectKey: string;
  checkId: string;
  pullRequestId?: number;
  branch?: string;
  closedAt?: string;
  outcome: string;
  reason?: string;
  message?: string;
  evidence: unknown[];
}

/** Pull requests judged: their results are replaced; `digest` is kept when their evidence is still the one judged (`version`). */
export interface JudgedPullRequest {
  repoId: string;
  pullRequestId: number;
  version: string;
  digest: string;
}

/**
 * Writes an evaluation in one transaction: the results of the pull requests judged replace theirs and
 * their digests are kept; for `wholeRepoIds` (evaluated whole) the production branches' results are
 * replaced too and results of pull requests no longer recorded are dropped. Other pull requests' results
 * (judged before with the same digest) stay as they are.
 */
export async function writeEvaluation(
  db: Db,
  orgId: string,
  scope: { judged: readonly JudgedPullRequest[]; wholeRepoIds: readonly string[] },
  rows: readonly ComplianceResultRowInput[],
  now = new Date(),
): Promise<void> {
  const { judged, wholeRepoIds } = scope;
  if (!judged.length && !wholeRepoIds.length) return;
  await inTransaction(db, async (trx) => {
    if (judged.length) {
      await sql`
        DELETE FROM compliance_results r
        USING unnest(${judged.map((j) => j.repoId)}::text[], ${judged.map((j) => `pr:${j.pullRequestId}`)}::text[]) AS k(repo_id, subject_key)
        WHERE r.org_id = ${orgId} AND r.repo_id = k.repo_id AND r.subject_key = k.subject_key`.execute(trx);
    }
    if (wholeRepoIds.length) {
      await sql`
        DELETE FROM compliance_results r
        WHERE r.org_id = ${orgId} AND r.repo_id = ANY(${[...wholeRepoIds]}::text[])
          AND (r.pull_request_id IS NULL OR NOT EXISTS (
            SELECT 1 FROM compliance_pull_requests p WHERE p.org_id = r.org_id AND p.repo_id = r.repo_id AND p.pull_request_id = r.pull_request_id))`.execute(trx);
    }
    for (let i = 0; i < rows.length; i += RESULT_INSERT_BATCH) {
      const b = rows.slice(i, i + RESULT_INSERT_BATCH);
      await sql`
        INSERT INTO compliance_results (org_id, evaluated_at, repo_id, subject_key, check_id, project_id, pull_request_id, branch, closed_at, outcome, reason, message, evidence)
        SELECT ${orgId}::uuid, ${now}::timestamptz, u.*
        FROM unnest(
          ${b.map((r) => r.repoId)}::text[], ${b.map((r) => r.subjectKey)}::text[], ${b.map((r) => r.checkId)}::text[], ${b.map((r) => r.projectId)}::text[],
          ${b.map((r) => r.pullRequestId ?? null)}::int[], ${b.map((r) => r.branch ?? null)}::text[], ${b.map((r) => r.closedAt ?? null)}::timestamptz[],
          ${b.map((r) => r.outcome)}::text[], ${b.map((r) => (r.reason === undefined ? null : JSON.stringify(r.reason)))}::jsonb[],
          ${b.map((r) => r.message ?? null)}::text[], ${b.map((r) => JSON.stringify(r.evidence))}::jsonb[]
        ) AS u`.execute(trx);
    }
    for (let i = 0; i < judged.length; i += RESULT_INSERT_BATCH) {
      const b = judged.slice(i, i + RESULT_INSERT_BATCH);
      await sql`
        UPDATE compliance_pull_requests p SET evaluated_digest = d.digest
        FROM unnest(${b.map((j) => j.repoId)}::text[], ${b.map((j) => j.pullRequestId)}::int[], ${b.map((j) => j.version)}::text[], ${b.map((j) => j.digest)}::text[])
          AS d(repo_id, pull_request_id, version, digest)
        WHERE p.org_id = ${orgId} AND p.repo_id = d.repo_id AND p.pull_request_id = d.pull_request_id AND p.xmin::text = d.version`.execute(trx);
    }
  });
}

/**
 * Refreshes the planner's statistics of the evidence and results tables. The embedded database has no
 * autovacuum: without this, the estimates made when the tables were nearly empty stay, and the surfaces'
 * key lookups become scans and sorts of every row of the organization (an export of 15,000 rows took 4x longer).
 */
export async function analyzeComplianceTables(db: Db): Promise<void> {
  await sql`ANALYZE compliance_pull_requests, compliance_results`.execute(db);
}

/** Results of repositories that are gone from the organization (removed or disabled since). */
export async function dropResultsOutside(db: Db, orgId: string, liveRepoIds: readonly string[]): Promise<void> {
  let q = db.deleteFrom('compliance_results').where('org_id', '=', orgId);
  if (liveRepoIds.length) q = q.where('repo_id', 'not in', [...liveRepoIds]);
  await q.execute();
}
