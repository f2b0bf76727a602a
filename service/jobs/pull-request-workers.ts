// The workers of the pull-request gate's queues (pull-request-queue.ts): PR scans, and the closing of
// Vigil's threads when a finding is dismissed in the hub.
import type { AppContext } from '../context';
import { getCredential, getOrganization } from '../store/organizations';
import { activeThreadsFor, alertFingerprints, setPullRequestThreadState } from '../store/pull-requests';
import { getRepository } from '../store/repositories';
import { AdoError } from '../ado/types';
import { RESOLVE_PR_THREADS_QUEUE, SCAN_PULL_REQUEST_QUEUE, createPullRequestQueues, registerPullRequestWorker, type ResolveThreadsJob, type ScanPullRequestJob } from './pull-request-queue';
import { scanPullRequest } from './scan-pull-request';

export interface ResolveThreadsResult {
  closed: number;
  /** Threads ADO refused to change (the credential lacks vso.threads_full): left as they are. */
  refused: number;
}

/**
 * Closes Vigil's active threads of every fingerprint of the dismissed finding's alert, on every pull
 * request. A refused write (401/403) is logged and left; other failures throw, so pg-boss retries.
 */
export async function resolveDismissedThreads(ctx: Pick<AppContext, 'store' | 'config' | 'log' | 'adoClient'>, job: ResolveThreadsJob): Promise<ResolveThreadsResult> {
  const { db } = ctx.store;
  const result: ResolveThreadsResult = { closed: 0, refused: 0 };
  const org = await getOrganization(db, job.orgId);
  if (!org) return result;
  const threads = await activeThreadsFor(db, job.orgId, await alertFingerprints(db, job.orgId, job.findingId));
  if (!threads.length) return result;
  const client = ctx.adoClient(org.url, await getCredential(db, ctx.config.encryptionKey, job.orgId));
  const projects = new Map<string, string | undefined>();
  for (const t of threads) {
    if (!projects.has(t.repo_id)) projects.set(t.repo_id, (await getRepository(db, job.orgId, t.repo_id))?.project_id);
    const projectId = projects.get(t.repo_id);
    if (!projectId) continue;
    try {
      await client.pullRequests.updateThread(projectId, t.repo_id, t.pull_request_id, t.thread_id, { status: 'closed' });
    } catch (err) {
      if (!(err instanceof AdoError && (err.status === 401 || err.status === 403))) throw err;
      result.refused++;
      ctx.log.warn({ orgId: job.orgId, repoId: t.repo_id, pullRequestId: t.pull_request_id, err: err.message }, 'thread not closed: the credential needs vso.threads_full');
      continue;
    }
    await setPullRequestThreadState(db, job.orgId, { repoId: t.repo_id, pullRequestId: t.pull_request_id, fingerprint: t.fingerprint }, 'closed');
    result.closed++;
  }
  ctx.log.info({ orgId: job.orgId, findingId: job.findingId, ...result }, 'threads of a dismissed finding resolved');
  return result;
}

/**
 * Works both queues in this process. stop(timeoutMs) gives a running PR scan that long (pg-boss's
 * graceful stop waits for it), then aborts it: it is recorded as failed, and the next update of the
 * pull request (or a manual rescan) runs it again.
 */
export async function startPullRequestWorkers(ctx: AppContext, pollingIntervalSeconds: number): Promise<{ stop(timeoutMs: number): void }> {
  const { boss } = ctx;
  const shutdown = new AbortController();
  await createPullRequestQueues(boss);
  const scanWorker = await boss.work<ScanPullRequestJob>(SCAN_PULL_REQUEST_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
    const r = await scanPullRequest(ctx, job.data, { prScanId: job.id, signal: shutdown.signal });
    return { ...r, warnings: r.warnings?.length ?? 0 };
  });
  registerPullRequestWorker(boss, SCAN_PULL_REQUEST_QUEUE, scanWorker);
  const resolveWorker = await boss.work<ResolveThreadsJob>(RESOLVE_PR_THREADS_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => ({ ...(await resolveDismissedThreads(ctx, job.data)) }));
  registerPullRequestWorker(boss, RESOLVE_PR_THREADS_QUEUE, resolveWorker);
  return { stop: (timeoutMs) => void setTimeout(() => shutdown.abort(), timeoutMs).unref() };
}
