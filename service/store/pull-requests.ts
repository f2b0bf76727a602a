// Pull requests and their gate (migration 011): the pull requests Vigil saw (from events, polls or its
// own reads), each scan of one (queued, running, done or failed, with its verdict and its new and
// existing findings as the PR tab shows them), and the comment threads Vigil posted, one per new
// finding's fingerprint per pull request.
import { sql, type Kysely } from 'kysely';
import type { ScanWarning } from '../contract/model';
import type { PullRequestFindingDto } from '../contract/events-api';
import type { Database, PullRequestRow, PullRequestScanRow, PullRequestThreadRow } from './schema';

export interface PullRequestInput {
  repoId: string;
  pullRequestId: number;
  projectId: string;
  title?: string;
  /** active | abandoned | completed */
  status: string;
  isDraft?: boolean;
  createdBy?: string;
  createdByName?: string;
  sourceRef: string;
  targetRef: string;
  sourceCommit?: string;
  targetCommit?: string;
  /** A completed pull request's merge commit on the target branch. */
  mergeCommit?: string;
  createdAt?: Date;
  closedAt?: Date;
}

/**
 * Inserts or updates the pull request. What the input does not know (an absent commit, title or merge
 * commit) keeps its stored value, so an event without a field never erases it; last_iteration is the
 * scan's to set (setPullRequestIteration).
 */
export async function upsertPullRequest(db: Kysely<Database>, orgId: string, pr: PullRequestInput): Promise<void> {
  const values = {
    project_id: pr.projectId,
    title: pr.title ?? null,
    status: pr.status,
    is_draft: pr.isDraft ?? false,
    created_by: pr.createdBy ?? null,
    created_by_name: pr.createdByName ?? null,
    source_ref: pr.sourceRef,
    target_ref: pr.targetRef,
    source_commit: pr.sourceCommit ?? null,
    target_commit: pr.targetCommit ?? null,
    merge_commit: pr.mergeCommit ?? null,
    created_at: pr.createdAt ?? null,
    closed_at: pr.closedAt ?? null,
    updated_at: new Date(),
  };
  const keep = <T = string | null>(col: 'title' | 'created_by' | 'created_by_name' | 'source_commit' | 'target_commit' | 'merge_commit' | 'created_at') =>
    sql<T>`coalesce(excluded.${sql.ref(col)}, pull_requests.${sql.ref(col)})`;
  await db
    .insertInto('pull_requests')
    .values({ org_id: orgId, repo_id: pr.repoId, pull_request_id: pr.pullRequestId, ...values })
    .onConflict((oc) =>
      oc.columns(['org_id', 'repo_id', 'pull_request_id']).doUpdateSet({
        project_id: values.project_id,
        status: values.status,
        is_draft: values.is_draft,
        source_ref: values.source_ref,
        target_ref: values.target_ref,
        updated_at: values.updated_at,
        title: keep('title'),
        created_by: keep('created_by'),
        created_by_name: keep('created_by_name'),
        source_commit: keep('source_commit'),
        target_commit: keep('target_commit'),
        merge_commit: keep('merge_commit'),
        created_at: keep<Date | null>('created_at'),
        // A reactivated pull request is open again.
        closed_at: sql<Date | null>`CASE WHEN excluded.status = 'active' THEN NULL ELSE coalesce(excluded.closed_at, pull_requests.closed_at) END`,
      }),
    )
    .execute();
}

export const getPullRequest = (db: Kysely<Database>, orgId: string, repoId: string, pullRequestId: number): Promise<PullRequestRow | undefined> =>
  db
    .selectFrom('pull_requests')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('pull_request_id', '=', pullRequestId)
    .executeTakeFirst();

/** The iteration a scan read, with its commits. */
export async function setPullRequestIteration(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  pullRequestId: number,
  it: { iterationId: number; sourceCommit: string; targetCommit?: string },
): Promise<void> {
  await db
    .updateTable('pull_requests')
    .set({ last_iteration: it.iterationId, source_commit: it.sourceCommit, ...(it.targetCommit ? { target_commit: it.targetCommit } : {}), updated_at: new Date() })
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('pull_request_id', '=', pullRequestId)
    .execute();
}

// ---- scans -------------------------------------------------------------------------------------------

/** A scan requested and waiting; a request whose id already exists (the job started first) changes nothing. */
export async function queuePullRequestScan(db: Kysely<Database>, orgId: string, prScanId: string, repoId: string, pullRequestId: number): Promise<void> {
  await db
    .insertInto('pull_request_scans')
    .values({ org_id: orgId, pr_scan_id: prScanId, repo_id: repoId, pull_request_id: pullRequestId, state: 'queued' })
    .onConflict((oc) => oc.columns(['org_id', 'pr_scan_id']).doNothing())
    .execute();
}

/** A requested scan that did not run (the pull request is not gated, closed, or its organization gone). */
export async function discardPullRequestScan(db: Kysely<Database>, orgId: string, prScanId: string): Promise<void> {
  await db.deleteFrom('pull_request_scans').where('org_id', '=', orgId).where('pr_scan_id', '=', prScanId).where('state', '=', 'queued').execute();
}

/** The scan runs (created here when it was never queued: a direct run, or the job won the race with its request). */
export async function startPullRequestScan(db: Kysely<Database>, orgId: string, prScanId: string, repoId: string, pullRequestId: number): Promise<void> {
  const started = { state: 'running', started_at: new Date() };
  await db
    .insertInto('pull_request_scans')
    .values({ org_id: orgId, pr_scan_id: prScanId, repo_id: repoId, pull_request_id: pullRequestId, ...started })
    .onConflict((oc) => oc.columns(['org_id', 'pr_scan_id']).doUpdateSet(started))
    .execute();
}

export interface PullRequestScanTarget {
  iterationId: number;
  sourceCommit: string;
  targetCommit?: string;
  filesChanged: number;
}

/** What the running scan reads: the iteration, its commits and how many files it changes. */
export async function recordPullRequestScanTarget(db: Kysely<Database>, orgId: string, prScanId: string, t: PullRequestScanTarget): Promise<void> {
  await db
    .updateTable('pull_request_scans')
    .set({ iteration_id: t.iterationId, source_commit: t.sourceCommit, target_commit: t.targetCommit ?? null, files_changed: t.filesChanged })
    .where('org_id', '=', orgId)
    .where('pr_scan_id', '=', prScanId)
    .execute();
}

export interface PullRequestScanOutcome {
  verdict: 'succeeded' | 'failed';
  gateSeverity: string;
  newFindings: PullRequestFindingDto[];
  existingFindings: PullRequestFindingDto[];
  warnings: ScanWarning[];
  durationMs: number;
}

/** Warnings kept per scan (as scans.ts keeps them). */
const MAX_STORED_WARNINGS = 500;

export async function finishPullRequestScan(db: Kysely<Database>, orgId: string, prScanId: string, o: PullRequestScanOutcome): Promise<void> {
  await db
    .updateTable('pull_request_scans')
    .set({
      state: 'done',
      verdict: o.verdict,
      gate_severity: o.gateSeverity,
      new_findings: JSON.stringify(o.newFindings),
      existing_findings: JSON.stringify(o.existingFindings),
      warnings: JSON.stringify(o.warnings.slice(0, MAX_STORED_WARNINGS)),
      finished_at: new Date(),
      duration_ms: Math.round(o.durationMs),
    })
    .where('org_id', '=', orgId)
    .where('pr_scan_id', '=', prScanId)
    .execute();
}

/** The scan could not run: its verdict is 'error', with the reason. */
export async function failPullRequestScan(
  db: Kysely<Database>,
  orgId: string,
  prScanId: string,
  f: { error: string; warnings: ScanWarning[]; durationMs: number; gateSeverity?: string },
): Promise<void> {
  await db
    .updateTable('pull_request_scans')
    .set({
      state: 'failed',
      verdict: 'error',
      error: f.error,
      gate_severity: f.gateSeverity ?? null,
      warnings: JSON.stringify(f.warnings.slice(0, MAX_STORED_WARNINGS)),
      finished_at: new Date(),
      duration_ms: Math.round(f.durationMs),
    })
    .where('org_id', '=', orgId)
    .where('pr_scan_id', '=', prScanId)
    .execute();
}

/** Adds warnings to a finished scan (a status or thread write that ADO refused after the verdict was stored). */
export async function addPullRequestScanWarnings(db: Kysely<Database>, orgId: string, prScanId: string, warnings: ScanWarning[]): Promise<void> {
  if (!warnings.length) return;
  await db
    .updateTable('pull_request_scans')
    .set({ warnings: sql`(warnings || ${JSON.stringify(warnings)}::jsonb)` })
    .where('org_id', '=', orgId)
    .where('pr_scan_id', '=', prScanId)
    .execute();
}

export const getPullRequestScan = (db: Kysely<Database>, orgId: string, prScanId: string): Promise<PullRequestScanRow | undefined> =>
  db.selectFrom('pull_request_scans').selectAll().where('org_id', '=', orgId).where('pr_scan_id', '=', prScanId).executeTakeFirst();

/** The pull request's newest scan (by request time), whatever its state. */
export const latestPullRequestScan = (db: Kysely<Database>, orgId: string, repoId: string, pullRequestId: number): Promise<PullRequestScanRow | undefined> =>
  db
    .selectFrom('pull_request_scans')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('pull_request_id', '=', pullRequestId)
    .orderBy('queued_at', 'desc')
    .orderBy('pr_scan_id', 'desc')
    .limit(1)
    .executeTakeFirst();

// ---- threads -----------------------------------------------------------------------------------------

export const listPullRequestThreads = (db: Kysely<Database>, orgId: string, repoId: string, pullRequestId: number): Promise<PullRequestThreadRow[]> =>
  db
    .selectFrom('pull_request_threads')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('pull_request_id', '=', pullRequestId)
    .orderBy('thread_id')
    .execute();

export interface PullRequestThreadInput {
  repoId: string;
  pullRequestId: number;
  fingerprint: string;
  threadId: number;
  state: 'active' | 'fixed' | 'closed';
  ruleId?: string;
  filePath?: string;
  line?: number;
}

/** Records the thread of a fingerprint (one per pull request: a second record replaces the first). */
export async function recordPullRequestThread(db: Kysely<Database>, orgId: string, t: PullRequestThreadInput): Promise<void> {
  const values = { thread_id: t.threadId, state: t.state, rule_id: t.ruleId ?? null, file_path: t.filePath ?? null, line: t.line ?? null, updated_at: new Date() };
  await db
    .insertInto('pull_request_threads')
    .values({ org_id: orgId, repo_id: t.repoId, pull_request_id: t.pullRequestId, fingerprint: t.fingerprint, ...values })
    .onConflict((oc) => oc.columns(['org_id', 'repo_id', 'pull_request_id', 'fingerprint']).doUpdateSet(values))
    .execute();
}

export async function setPullRequestThreadState(
  db: Kysely<Database>,
  orgId: string,
  key: { repoId: string; pullRequestId: number; fingerprint: string },
  state: 'active' | 'fixed' | 'closed',
): Promise<void> {
  await db
    .updateTable('pull_request_threads')
    .set({ state, updated_at: new Date() })
    .where('org_id', '=', orgId)
    .where('repo_id', '=', key.repoId)
    .where('pull_request_id', '=', key.pullRequestId)
    .where('fingerprint', '=', key.fingerprint)
    .execute();
}

/** Ids per query, well under PostgreSQL's 65,535 parameters. */
const FINGERPRINTS_PER_QUERY = 5_000;

/** Vigil's active threads, on any pull request of the organization, for these fingerprints (a dismissal closes them). */
export async function activeThreadsFor(db: Kysely<Database>, orgId: string, fingerprints: readonly string[]): Promise<PullRequestThreadRow[]> {
  const out: PullRequestThreadRow[] = [];
  for (let i = 0; i < fingerprints.length; i += FINGERPRINTS_PER_QUERY) {
    const batch = fingerprints.slice(i, i + FINGERPRINTS_PER_QUERY);
    out.push(
      ...(await db
        .selectFrom('pull_request_threads')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('state', '=', 'active')
        .where('fingerprint', 'in', batch)
        .orderBy('repo_id')
        .orderBy('pull_request_id')
        .orderBy('thread_id')
        .execute()),
    );
  }
  return out;
}

// ---- the target branch's findings ----------------------------------------------------------------------

export interface TargetFinding {
  findingId: string;
  fingerprint: string;
  state: string;
}

/**
 * The repository's stored findings (its default branch) with one of these fingerprints that are not
 * fixed: open, dismissed or suppressed. A dismissed or suppressed finding is known on the branch too:
 * a pull request that touches its line does not introduce it.
 */
export async function targetBranchFindings(db: Kysely<Database>, orgId: string, repoId: string, fingerprints: readonly string[]): Promise<Map<string, TargetFinding>> {
  const out = new Map<string, TargetFinding>();
  for (let i = 0; i < fingerprints.length; i += FINGERPRINTS_PER_QUERY) {
    const batch = fingerprints.slice(i, i + FINGERPRINTS_PER_QUERY);
    const rows = await db
      .selectFrom('findings')
      .select(['finding_id', 'fingerprint', 'state'])
      .where('org_id', '=', orgId)
      .where('repo_id', '=', repoId)
      .where('state', '!=', 'fixed')
      .where('fingerprint', 'in', batch)
      .execute();
    for (const r of rows) out.set(r.fingerprint, { findingId: r.finding_id, fingerprint: r.fingerprint, state: r.state });
  }
  return out;
}

/** The fingerprints of a finding's alert (every location of its group), for a dismissal's threads. */
export async function alertFingerprints(db: Kysely<Database>, orgId: string, findingId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('findings as f')
    .innerJoin('findings as g', (j) => j.onRef('g.org_id', '=', 'f.org_id').onRef('g.group_key', '=', 'f.group_key'))
    .select('g.fingerprint')
    .distinct()
    .where('f.org_id', '=', orgId)
    .where('f.finding_id', '=', findingId)
    .execute();
  return rows.map((r) => r.fingerprint);
}
