// Event -> jobs (issue 14 §2-4). Called by the receiver for each new event (never a replay); it only
// queues work, never scans, so the receiver answers within milliseconds:
//  - git.push: each ref update of the repository's default branch asks for a scan ('push'). Scans are
//    keyed by (repository, head): a push whose head is already scanned, or read by the running scan, or
//    covered by a waiting scan (which reads the newest head when it starts) queues nothing. Pushes to
//    other branches and branch deletions are ignored.
//  - git.pullrequest.created, and .updated with a new source commit (a push to the PR): the pull request
//    is recorded and a PR scan requested; other updates (votes, reviewers, completion, abandonment) and
//    .merged are recorded only; a completed one (in .updated or .merged) also asks for its compliance
//    evidence (jobs/collect-compliance.ts).
//  - build.complete: a record-build job reads the build and its timeline.
//  - an event of a repository Vigil has not discovered yet asks for a discovery and is ignored.
import { toPullRequest } from '../ado/areas/git-pull-requests';
import type { AppContext } from '../context';
import type { BuildResource, HookEvent, PullRequestResource, PushResource } from '../contract/ado-events';
import { recordPullRequest, requestPullRequestScan } from '../jobs/pull-request-queue';
import { requestPullRequestCompliance } from '../jobs/collect-compliance';
import { enqueueScan, requestDiscoveryOf } from '../jobs/queue';
import { RECORD_BUILD_QUEUE, type RecordBuildJob } from '../jobs/record-build';
import { repositoryScanState } from '../store/hooks';
import { getPullRequest } from '../store/pull-requests';
import { getRepository } from '../store/repositories';
import { isRepositoryExcluded } from '../store/repository-selection';

/** What became of an event; 'ignored' ones are counted on the organization's endpoint. */
export type DispatchOutcome = 'queued' | 'coalesced' | 'recorded' | 'ignored';

type Ctx = Pick<AppContext, 'store' | 'config' | 'log' | 'boss'>;

const DELETED = /^0{40}$/;

export async function dispatchEvent(ctx: Ctx, orgId: string, event: HookEvent): Promise<DispatchOutcome> {
  switch (event.eventType) {
    case 'git.push':
      return dispatchPush(ctx, orgId, event.resource);
    case 'git.pullrequest.created':
    case 'git.pullrequest.updated':
    case 'git.pullrequest.merged':
      return dispatchPullRequest(ctx, orgId, event.eventType, event.resource);
    case 'build.complete':
      return dispatchBuild(ctx, orgId, event.resource, event.resourceContainers?.project?.id);
  }
}

/**
 * The repository when Vigil scans it; a repository it has not discovered yet asks for a discovery. One
 * the organization's repository selection excludes, or that cannot be scanned (disabled, empty), is not.
 */
async function scannedRepository(ctx: Ctx, orgId: string, repoId: string) {
  const repo = await getRepository(ctx.store.db, orgId, repoId);
  if (!repo || repo.removed_at) {
    await requestDiscoveryOf(ctx, orgId, 'push');
    return undefined;
  }
  if (repo.skip_reason || (await isRepositoryExcluded(ctx.store.db, orgId, repoId))) return undefined;
  return repo;
}

export async function dispatchPush(ctx: Ctx, orgId: string, push: PushResource): Promise<DispatchOutcome> {
  const repo = await scannedRepository(ctx, orgId, push.repository.id);
  if (!repo?.default_branch) return 'ignored';
  const update = push.refUpdates.find((u) => u.name === repo.default_branch && !DELETED.test(u.newObjectId));
  if (!update) return 'ignored';
  return requestScanOfHead(ctx, orgId, repo.repo_id, update.newObjectId.toLowerCase());
}

/**
 * Queue a scan of `head` unless one covers it: the head already scanned (with nothing running), a waiting
 * scan, or a running scan that reads this head or has not read one yet (it reads the head as it is now,
 * which includes this push: ADO delivers an event after the push landed).
 */
export async function requestScanOfHead(ctx: Ctx, orgId: string, repoId: string, head: string): Promise<DispatchOutcome> {
  const state = await repositoryScanState(ctx.store.db, orgId, repoId);
  if (state.pending) return 'coalesced';
  if (state.runningCommit !== undefined) {
    if (state.runningCommit === null || state.runningCommit === head) return 'coalesced';
  } else if (state.scannedHead === head) {
    return 'coalesced';
  }
  return (await enqueueScan(ctx, orgId, repoId, 'push')) ? 'queued' : 'coalesced';
}

async function dispatchPullRequest(ctx: Ctx, orgId: string, eventType: string, resource: PullRequestResource): Promise<DispatchOutcome> {
  const repo = await scannedRepository(ctx, orgId, resource.repository.id);
  if (!repo) return 'ignored';
  // Reviewers are not kept here (compliance reads them from ADO): a payload's reviewer without a vote must not fail the event.
  const pr = toPullRequest({ ...resource, reviewers: [] }, { operation: `read the ${eventType} event`, path: '' }, '');
  const before = await getPullRequest(ctx.store.db, orgId, repo.repo_id, pr.pullRequestId);
  await recordPullRequest(ctx, orgId, { ...pr, repository: { id: repo.repo_id, projectId: repo.project_id } });
  // Completed (ADO says so in .updated and .merged): its compliance evidence is read now, before retention.
  if (pr.status === 'completed') {
    await requestPullRequestCompliance(ctx, { orgId, repoId: repo.repo_id, pullRequestId: pr.pullRequestId });
    return 'recorded';
  }
  if (pr.status !== 'active') return 'recorded';
  const pushed = eventType === 'git.pullrequest.updated' && !!pr.lastMergeSourceCommit && pr.lastMergeSourceCommit !== before?.source_commit;
  if (eventType !== 'git.pullrequest.created' && !pushed) return 'recorded';
  const trigger = eventType === 'git.pullrequest.created' ? 'created' : 'updated';
  const id = await requestPullRequestScan(ctx, { orgId, repoId: repo.repo_id, projectId: repo.project_id, pullRequestId: pr.pullRequestId, trigger });
  return id ? 'queued' : 'coalesced';
}

async function dispatchBuild(ctx: Ctx, orgId: string, build: BuildResource, containerProject: string | undefined): Promise<DispatchOutcome> {
  const projectId = containerProject ?? build.project?.id ?? build.definition?.project?.id;
  if (!projectId) return 'ignored';
  const job: RecordBuildJob = { orgId, projectId, buildId: build.id };
  // One waiting job per build (ADO may deliver build.complete of a build twice under different ids).
  const id = await ctx.boss.send(RECORD_BUILD_QUEUE, job, { singletonKey: `${orgId}:${build.id}` });
  return id ? 'queued' : 'coalesced';
}
