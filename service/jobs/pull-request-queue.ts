// The pull-request gate's queues (pg-boss 10, PostgreSQL or PGlite through the store's adapter):
//  - scan-pull-request: `stately` keyed by `${orgId}:${repoId}:${pullRequestId}`, so a burst of updates
//    to one pull request collapses into one waiting and one running scan; the job reads the pull
//    request's newest iteration when it starts. Caveat of the policy (store/scan-queue.ts explains it):
//    while a pull request's scan runs, a fetch whose oldest candidate is that pull request's next scan
//    finds nothing until the running one ends; PR scans take seconds, so the queue stalls that long at
//    most, and only behind a pull request that is being scanned already.
//  - resolve-pull-request-threads: a dismissal in the hub closes Vigil's active threads of the
//    dismissed fingerprints (http never calls ADO; this job does).
// Also recordPullRequest, which the event dispatch and the poll call with every pull request they see.
import type PgBoss from 'pg-boss';
import type { AppContext } from '../context';
import type { PullRequest } from '../ado/areas/git-pull-requests';
import { queuePullRequestScan, upsertPullRequest } from '../store/pull-requests';
import { isRepositoryExcluded } from '../store/repository-selection';

export const SCAN_PULL_REQUEST_QUEUE = 'scan-pull-request';
export const RESOLVE_PR_THREADS_QUEUE = 'resolve-pull-request-threads';

export type PullRequestScanTrigger = 'created' | 'updated' | 'poll' | 'manual';

export interface PullRequestScanRequest {
  orgId: string;
  repoId: string;
  projectId: string;
  pullRequestId: number;
  trigger: PullRequestScanTrigger;
}

/** What a scan-pull-request job carries (the request as it was sent). */
export type ScanPullRequestJob = PullRequestScanRequest;

export interface ResolveThreadsJob {
  orgId: string;
  /** The dismissed finding; every fingerprint of its alert (group) is resolved. */
  findingId: string;
}

// A scan downloads the repository at the source commit: give a large one an hour before pg-boss calls it
// lost. No retries: a scan that cannot run posts an 'error' status with the reason and records it; the
// next push to the pull request (or a manual rescan) runs it again. The ADO client retries transient
// failures of each request itself.
const SCAN_QUEUE: PgBoss.Queue = { name: SCAN_PULL_REQUEST_QUEUE, policy: 'stately', expireInSeconds: 3600, retryLimit: 0 };
// Thread updates are idempotent (a status set to closed): retried a few times, ADO may throttle.
const RESOLVE_QUEUE: PgBoss.Queue = { name: RESOLVE_PR_THREADS_QUEUE, policy: 'standard', expireInSeconds: 15 * 60, retryLimit: 3, retryDelay: 60, retryBackoff: true };

/** Called where the queues are set up (jobs/queue.ts startQueue): a web-only process sends to them too. */
export async function createPullRequestQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(SCAN_PULL_REQUEST_QUEUE, SCAN_QUEUE);
  await boss.createQueue(RESOLVE_PR_THREADS_QUEUE, RESOLVE_QUEUE);
}

export const pullRequestScanKey = (r: Pick<PullRequestScanRequest, 'orgId' | 'repoId' | 'pullRequestId'>): string => `${r.orgId}:${r.repoId}:${r.pullRequestId}`;

/** This process's workers of the PR queues, woken at once when a job is sent here (else they poll). */
const localWorkers = new WeakMap<PgBoss, Map<string, string>>();

export function registerPullRequestWorker(boss: PgBoss, queue: string, workerId: string): void {
  let m = localWorkers.get(boss);
  if (!m) localWorkers.set(boss, (m = new Map()));
  m.set(queue, workerId);
}

function wakeLocalWorker(boss: PgBoss, queue: string): void {
  const id = localWorkers.get(boss)?.get(queue);
  if (id) boss.notifyWorker(id);
}

/**
 * Queue a scan of one pull request. Returns the scan's id (which is its pg-boss job id, and the
 * pull_request_scans row it fills), or null when a scan of that pull request is already waiting: the
 * request coalesces into it (it reads the newest iteration when it starts), or when the organization's
 * repository selection excludes the repository (never scanned).
 */
export async function requestPullRequestScan(ctx: Pick<AppContext, 'boss' | 'store'>, req: PullRequestScanRequest): Promise<string | null> {
  if (await isRepositoryExcluded(ctx.store.db, req.orgId, req.repoId)) return null;
  const data: ScanPullRequestJob = { orgId: req.orgId, repoId: req.repoId, projectId: req.projectId, pullRequestId: req.pullRequestId, trigger: req.trigger };
  const id = await ctx.boss.send(SCAN_PULL_REQUEST_QUEUE, data, { singletonKey: pullRequestScanKey(req) });
  if (id === null) return null;
  await queuePullRequestScan(ctx.store.db, req.orgId, id, req.repoId, req.pullRequestId);
  wakeLocalWorker(ctx.boss, SCAN_PULL_REQUEST_QUEUE);
  return id;
}

/** Queue the closing of Vigil's active threads of a dismissed finding's fingerprints. Returns the job id. */
export async function requestThreadResolution(ctx: Pick<AppContext, 'boss'>, orgId: string, findingId: string): Promise<string | null> {
  const id = await ctx.boss.send(RESOLVE_PR_THREADS_QUEUE, { orgId, findingId } satisfies ResolveThreadsJob);
  wakeLocalWorker(ctx.boss, RESOLVE_PR_THREADS_QUEUE);
  return id;
}

const dateOrUndefined = (s: string | undefined): Date | undefined => {
  if (!s) return undefined;
  const d = new Date(s);
  // ADO sends 0001-01-01T00:00:00 for a PR never closed (UNVERIFIED on every answer): not a date.
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1970 ? undefined : d;
};

/**
 * Records what ADO says of a pull request (created, updated, merged, abandoned: the state, refs and
 * commits; a completed one's merge commit and closing time). Nothing is scanned here: the caller
 * requests a scan of an active pull request; a completed or abandoned one keeps its last scan as
 * evidence.
 */
export async function recordPullRequest(ctx: Pick<AppContext, 'store'>, orgId: string, pr: PullRequest): Promise<void> {
  const repo = pr.repository;
  if (!repo?.id || !repo.projectId) throw new Error(`Pull request ${pr.pullRequestId} names no repository and project`);
  await upsertPullRequest(ctx.store.db, orgId, {
    repoId: repo.id,
    projectId: repo.projectId,
    pullRequestId: pr.pullRequestId,
    title: pr.title,
    status: pr.status,
    isDraft: pr.isDraft,
    createdBy: pr.createdBy?.id,
    createdByName: pr.createdBy?.displayName,
    sourceRef: pr.sourceRefName,
    targetRef: pr.targetRefName,
    sourceCommit: pr.lastMergeSourceCommit,
    targetCommit: pr.lastMergeTargetCommit,
    mergeCommit: pr.status === 'completed' ? pr.lastMergeCommit : undefined,
    createdAt: dateOrUndefined(pr.creationDate),
    closedAt: pr.status === 'completed' || pr.status === 'abandoned' ? dateOrUndefined(pr.closedDate) : undefined,
  });
}
