// Polling, for organizations ADO cannot deliver events to (no VIGIL_PUBLIC_URL, or a PAT without
// vso.hooks_write): every VIGIL_POLL_MINUTES, each scanned repository's default-branch head (a moved
// head asks for a scan, coalesced like a push event) and its active pull requests (a new source commit
// records the pull request and asks for a PR scan). Costs two ADO requests per repository and round.
import type { AppContext } from '../context';
import { requestScanOfHead } from '../events/dispatch';
import { pollingOrganizations, recordPoll, getHookEndpoint } from '../store/hooks';
import { getCredential, getOrganization } from '../store/organizations';
import { getPullRequest } from '../store/pull-requests';
import { scannableRepositories } from '../store/repositories';
import { isRepositoryExcluded } from '../store/repository-selection';
import { getScans } from '../store/scans';
import { recordPullRequest, requestPullRequestScan } from './pull-request-queue';

type Ctx = Pick<AppContext, 'store' | 'config' | 'log' | 'adoClient' | 'boss'>;

export interface PollOutcome {
  repositories: number;
  scans: number;
  pullRequestScans: number;
  errors: number;
}

/** One round for one organization. An error reading one repository is logged and the round goes on. */
export async function pollOrganization(ctx: Ctx, orgId: string, signal?: AbortSignal): Promise<PollOutcome> {
  const { db } = ctx.store;
  const out: PollOutcome = { repositories: 0, scans: 0, pullRequestScans: 0, errors: 0 };
  const org = await getOrganization(db, orgId);
  if (!org) return out;
  const log = ctx.log.child({ orgId, job: 'poll-events' });
  const client = ctx.adoClient(org.url, await getCredential(db, ctx.config.encryptionKey, orgId));
  const repos = await scannableRepositories(db, orgId);
  const lastScans = await getScans(db, orgId, repos.flatMap((r) => (r.last_scan_id ? [r.last_scan_id] : [])));
  for (const repo of repos) {
    signal?.throwIfAborted();
    if (!repo.default_branch || (await isRepositoryExcluded(db, orgId, repo.repo_id))) continue;
    out.repositories++;
    try {
      const head = await client.git.getBranchHead(repo.project_id, repo.repo_id, repo.default_branch);
      // A head the last scan read (done, or failed: not again every round; discovery retries failures) is not news.
      const lastRead = repo.last_scan_id ? lastScans.get(repo.last_scan_id)?.commit_sha : undefined;
      const moved = head && head !== repo.head_sha && head !== lastRead;
      if (moved && (await requestScanOfHead(ctx, orgId, repo.repo_id, head)) === 'queued') out.scans++;
      for (const pr of await client.pullRequests.list(repo.project_id, repo.repo_id, { status: 'active' })) {
        const stored = await getPullRequest(db, orgId, repo.repo_id, pr.pullRequestId);
        if (!pr.lastMergeSourceCommit || stored?.source_commit === pr.lastMergeSourceCommit) continue;
        await recordPullRequest(ctx, orgId, { ...pr, repository: { id: repo.repo_id, projectId: repo.project_id } });
        const req = { orgId, repoId: repo.repo_id, projectId: repo.project_id, pullRequestId: pr.pullRequestId, trigger: 'poll' as const };
        if (await requestPullRequestScan(ctx, req)) out.pullRequestScans++;
      }
    } catch (err) {
      if (signal?.aborted) throw err;
      out.errors++;
      log.warn({ repoId: repo.repo_id, err: (err as Error).message }, 'could not poll a repository');
    }
  }
  await recordPoll(db, orgId);
  log.info({ ...out }, 'events polled');
  return out;
}

/** Every organization in polling mode whose last round is at least pollMinutes old. */
export async function pollDueOrganizations(ctx: Ctx, now = Date.now(), signal?: AbortSignal): Promise<number> {
  let polled = 0;
  for (const orgId of await pollingOrganizations(ctx.store.db)) {
    const endpoint = await getHookEndpoint(ctx.store.db, orgId);
    const last = endpoint?.last_poll_at ? new Date(endpoint.last_poll_at).getTime() : 0;
    // A few seconds of slack: the schedule fires each minute, a round takes a moment.
    if (now - last < ctx.config.pollMinutes * 60_000 - 5_000) continue;
    try {
      await pollOrganization(ctx, orgId, signal);
      polled++;
    } catch (err) {
      if (signal?.aborted) throw err;
      ctx.log.warn({ orgId, err: (err as Error).message }, 'polling failed');
      await recordPoll(ctx.store.db, orgId);
    }
  }
  return polled;
}
