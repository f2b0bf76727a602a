// What the compliance collection records of a merged pull request (service/compliance/evidence.ts), from
// what ADO answered: the pull request as listed (reviewers, labels, completion options), its votes, commits,
// statuses, and its builds, either read now (with their timeline) or as build.complete recorded them.
// A facet ADO would not give is named in `unavailable` with the reason, never left as an empty list.
import type { Build } from '../ado/areas/build';
import type { PullRequest, PullRequestCommit, PullRequestStatus, VoteUpdate } from '../ado/areas/git-pull-requests';
import type { BuildEvidence, IdentityEvidence, MergedPullRequestEvidence, UnavailableFacet } from '../compliance/evidence';
import type { BuildTask } from '../store/hooks';
import type { RecordedBuild } from '../store/compliance';

export interface RepositoryRef {
  projectId: string;
  projectName?: string;
  repoId: string;
  repoName?: string;
}

/** What was read of one pull request; undefined facets were not read (named in `unavailable`). */
export interface PullRequestFacets {
  votes?: VoteUpdate[];
  commits?: PullRequestCommit[];
  statuses?: PullRequestStatus[];
  lastIteration?: number;
  builds: BuildEvidence[];
  unavailable: UnavailableFacet[];
}

const identity = (who: { id?: string; displayName?: string; uniqueName?: string; isContainer?: boolean } | undefined): IdentityEvidence | undefined =>
  who && {
    ...(who.id ? { id: who.id } : {}),
    ...(who.displayName ? { displayName: who.displayName } : {}),
    ...(who.uniqueName ? { uniqueName: who.uniqueName } : {}),
    ...(who.isContainer ? { isContainer: true } : {}),
  };

const segment = (s: string) => encodeURIComponent(s);

/** The pull request's page in ADO (by names when known, else by ids, which ADO also resolves). */
export function pullRequestUrl(orgUrl: string, repo: RepositoryRef, pullRequestId: number): string {
  return `${orgUrl}/${segment(repo.projectName ?? repo.projectId)}/_git/${segment(repo.repoName ?? repo.repoId)}/pullrequest/${pullRequestId}`;
}

export function buildUrl(orgUrl: string, projectId: string, buildId: number): string {
  return `${orgUrl}/${segment(projectId)}/_build/results?buildId=${buildId}`;
}

export function mergedPullRequestEvidence(orgUrl: string, repo: RepositoryRef, pr: PullRequest, facets: PullRequestFacets, collectedAt: Date): MergedPullRequestEvidence {
  const author = identity(pr.createdBy);
  const closedBy = identity(pr.closedBy);
  return {
    projectId: repo.projectId,
    ...(repo.projectName ? { projectName: repo.projectName } : {}),
    repositoryId: repo.repoId,
    ...(repo.repoName ? { repositoryName: repo.repoName } : {}),
    pullRequestId: pr.pullRequestId,
    ...(pr.title ? { title: pr.title } : {}),
    url: pullRequestUrl(orgUrl, repo, pr.pullRequestId),
    ...(author ? { author } : {}),
    ...(pr.creationDate ? { createdAt: pr.creationDate } : {}),
    closedAt: pr.closedDate ?? collectedAt.toISOString(),
    ...(closedBy ? { closedBy } : {}),
    sourceRef: pr.sourceRefName,
    targetRef: pr.targetRefName,
    ...(pr.lastMergeCommit ? { lastMergeCommit: pr.lastMergeCommit } : {}),
    ...(pr.lastMergeSourceCommit ? { lastMergeSourceCommit: pr.lastMergeSourceCommit } : {}),
    ...(pr.lastMergeTargetCommit ? { lastMergeTargetCommit: pr.lastMergeTargetCommit } : {}),
    ...(facets.lastIteration !== undefined ? { lastIteration: facets.lastIteration } : {}),
    labels: pr.labels.filter((l) => l.active !== false).map((l) => l.name),
    ...(pr.completionOptions?.bypassPolicy ? { bypassPolicy: true } : {}),
    ...(pr.completionOptions?.bypassReason ? { bypassReason: pr.completionOptions.bypassReason } : {}),
    reviewers: pr.reviewers.map((r) => ({
      ...identity(r),
      vote: r.vote,
      ...(r.isRequired ? { isRequired: true } : {}),
      ...(r.hasDeclined ? { hasDeclined: true } : {}),
      ...(r.votedFor?.length ? { votedFor: r.votedFor } : {}),
    })),
    votes: (facets.votes ?? []).map((v) => ({ voter: identity(v.voter) ?? {}, vote: v.vote, at: v.at, threadId: v.threadId })),
    commits: (facets.commits ?? []).map((c) => ({
      commitId: c.commitId,
      ...(c.author ? { author: c.author } : {}),
      ...(c.committer ? { committer: c.committer } : {}),
    })),
    statuses: (facets.statuses ?? []).map((s) => ({
      id: s.id,
      ...(s.context.genre ? { genre: s.context.genre } : {}),
      name: s.context.name,
      state: s.state,
      ...(s.iterationId !== undefined ? { iterationId: s.iterationId } : {}),
      ...(s.description ? { description: s.description } : {}),
      ...(s.targetUrl ? { targetUrl: s.targetUrl } : {}),
      ...(s.creationDate ? { createdAt: s.creationDate } : {}),
      ...(s.createdBy ? { createdBy: identity(s.createdBy) } : {}),
    })),
    builds: facets.builds,
    unavailable: facets.unavailable,
    collectedAt: collectedAt.toISOString(),
  };
}

const tasksOf = (tasks: readonly BuildTask[]) =>
  tasks.map((t) => ({ name: t.name ?? t.task?.name ?? 'task', ...(t.task ? { task: t.task } : {}), ...(t.result ? { result: t.result } : {}) }));

/** A build as ADO listed it, with the tasks of its timeline (or as recorded) when known; `gone`: deleted. */
export function buildEvidence(orgUrl: string, projectId: string, b: Build, tasks: readonly BuildTask[] | undefined): BuildEvidence {
  return {
    buildId: b.id,
    ...(b.definition ? { definitionId: b.definition.id, ...(b.definition.name ? { definitionName: b.definition.name } : {}) } : {}),
    ...(b.buildNumber ? { buildNumber: b.buildNumber } : {}),
    ...(b.status ? { status: b.status } : {}),
    ...(b.result ? { result: b.result } : {}),
    ...(b.reason ? { reason: b.reason } : {}),
    ...(b.sourceVersion ? { sourceVersion: b.sourceVersion } : {}),
    ...(b.queueTime ? { queueTime: b.queueTime } : {}),
    ...(b.finishTime ? { finishTime: b.finishTime } : {}),
    url: b.webUrl ?? buildUrl(orgUrl, projectId, b.id),
    ...(tasks ? { tasks: tasksOf(tasks) } : {}),
    ...(b.deleted ? { gone: true } : {}),
  };
}

/** A build only Vigil's own record still knows (build.complete, or an earlier collection). */
export function recordedBuildEvidence(orgUrl: string, projectId: string, b: RecordedBuild, gone: boolean): BuildEvidence {
  return {
    buildId: b.buildId,
    ...(b.definitionId !== undefined ? { definitionId: b.definitionId } : {}),
    ...(b.definitionName ? { definitionName: b.definitionName } : {}),
    ...(b.buildNumber ? { buildNumber: b.buildNumber } : {}),
    ...(b.status ? { status: b.status } : {}),
    ...(b.result ? { result: b.result } : {}),
    ...(b.reason ? { reason: b.reason } : {}),
    ...(b.sourceVersion ? { sourceVersion: b.sourceVersion } : {}),
    ...(b.queueTime ? { queueTime: b.queueTime } : {}),
    ...(b.finishTime ? { finishTime: b.finishTime } : {}),
    url: buildUrl(orgUrl, projectId, b.buildId),
    tasks: tasksOf(b.tasks),
    ...(gone ? { gone: true } : {}),
  };
}

/**
 * The builds of one pull request: those ADO lists now (deleted ones `gone`, with what Vigil recorded of them
 * when it did), then those only Vigil's records and the evidence recorded before still know. A build once
 * recorded with its tasks is never dropped: retention cannot erase evidence recorded at merge time.
 */
export function mergeBuildEvidence(current: readonly BuildEvidence[], previous: readonly BuildEvidence[]): BuildEvidence[] {
  const byId = new Map<number, BuildEvidence>();
  for (const b of previous) byId.set(b.buildId, b);
  for (const b of current) {
    const before = byId.get(b.buildId);
    // A build now gone keeps the tasks recorded while it existed.
    byId.set(b.buildId, b.gone && before?.tasks && !b.tasks ? { ...before, gone: true } : b);
  }
  return [...byId.values()].sort((a, b) => a.buildId - b.buildId);
}

/** The reason a facet could not be read, in words (an ADO 403 names the scope or permission). */
export function unavailableReason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
