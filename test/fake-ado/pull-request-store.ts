// Pull requests as state: the fixture's (areas.json) and those created through the REST API, with
// their iterations, merge attempts and completion, in ADO's shapes (ado-rest.md §11). A push to a
// PR's source branch adds an iteration; every merge attempt creates the test merge commit
// (refs/pull/{id}/merge in ADO) and completion pushes the real one onto the target branch.
import type { FakeContext } from './context';
import { diffTrees, GitError, mergeTrees, ZERO_SHA, type Commit, type PushRecord, type TreeChange } from './git-history';
import { commitRef, identityDate, publishPush, repoUrlOf, type RepoTarget } from './git-ops';
import { derivedSha, type Json, type PullRequestDef } from './model';

export interface Iteration {
  id: number;
  sourceCommit: string;
  targetCommit: string;
  commonCommit: string;
  createdDate: string;
  reason: 'create' | 'push';
  /** Identity key. */
  author: string;
  pushId?: number;
}

/** A fixture pull request's fields (createdBy/closedBy are identity keys), with the live state writes change. */
export interface PullRequestRecord extends RepoTarget, Omit<PullRequestDef, 'repository' | 'status'> {
  status: 'active' | 'completed' | 'abandoned';
  iterations: Iteration[];
  lastMergeSourceCommit?: string;
  lastMergeTargetCommit?: string;
  lastMergeCommit?: string;
  /** A fixture PR: iteration 1 and its commits are synthetic (no content) until a push adds a real iteration. */
  fixture: boolean;
  /** Stable per path across iterations (changeTrackingId). */
  trackingIds: Map<string, number>;
  /** A compliance.json pull request: its commits (GitCommitRef) and merge commit, as recorded (compliance-store.ts). */
  seedCommits?: Json[];
  seedMergeCommit?: string;
}

/** A stable GUID-shaped id from a sha1. */
export const guidFrom = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;

const stores = new WeakMap<FakeContext, Map<string, Map<number, PullRequestRecord>>>();

/** Every pull request of the organization by id (ADO's ids are unique in a collection), seeded from the fixture. */
export function pullRequestsOfOrg(ctx: FakeContext, orgName: string): Map<number, PullRequestRecord> {
  let byOrg = stores.get(ctx);
  if (!byOrg) stores.set(ctx, (byOrg = new Map()));
  let prs = byOrg.get(orgName);
  if (prs) return prs;
  prs = new Map();
  byOrg.set(orgName, prs);
  const org = ctx.findOrg(orgName);
  if (!org) return prs;
  for (const project of org.projects) {
    for (const def of ctx.projectAreas(org, project).pullRequests ?? []) {
      const repo = project.repos.find((r) => r.name === def.repository);
      if (!repo) throw new Error(`fixture: pull request ${def.id} names unknown repository ${def.repository}`);
      prs.set(def.id, {
        org,
        project,
        repo,
        id: def.id,
        title: def.title,
        description: def.description,
        status: def.status as PullRequestRecord['status'],
        isDraft: def.isDraft,
        createdBy: def.createdBy,
        creationDate: def.creationDate,
        closedDate: def.closedDate,
        closedBy: def.closedBy,
        sourceRefName: def.sourceRefName,
        targetRefName: def.targetRefName,
        mergeStatus: def.mergeStatus,
        reviewers: def.reviewers,
        labels: def.labels,
        completionOptions: def.completionOptions,
        iterations: [],
        fixture: true,
        trackingIds: new Map(),
      });
    }
  }
  return prs;
}

/** What a fixture PR's synthetic commits derive from (the fixture head, as before pushes existed); a created PR's id seed. */
const fixtureBase = (ctx: FakeContext, pr: PullRequestRecord) => (pr.fixture ? (ctx.fixtureHeadOf(pr.org, pr.repo) ?? ZERO_SHA) : derivedSha(`pr/${pr.repo.id}`, String(pr.id)));

/** The iterations, a fixture PR's single synthetic one included. */
export function iterationsOf(ctx: FakeContext, pr: PullRequestRecord): Iteration[] {
  if (!pr.fixture) return pr.iterations;
  const base = fixtureBase(ctx, pr);
  const synthetic: Iteration = {
    id: 1,
    sourceCommit: derivedSha(`refs/pull/${pr.id}/source`, base),
    targetCommit: derivedSha(`refs/pull/${pr.id}/target`, base),
    commonCommit: derivedSha(`refs/pull/${pr.id}/common`, base),
    createdDate: pr.creationDate,
    reason: 'create',
    author: pr.createdBy,
  };
  return [synthetic, ...pr.iterations];
}

/** GitPullRequest as the REST API and the events shape it. */
export function pullRequestJson(ctx: FakeContext, pr: PullRequestRecord, opts: { queued?: boolean } = {}): Json {
  const { org, project, repo } = pr;
  const repoUrl = repoUrlOf(ctx, pr);
  const base = fixtureBase(ctx, pr);
  const commit = (id: string) => ({ commitId: id, url: `${repoUrl}/commits/${id}` });
  const derived = (kind: string) => derivedSha(`refs/pull/${pr.id}/${kind}`, base);
  const who = (key: string) => ctx.identityRef(org, ctx.identity(org, key));
  const real = !pr.fixture || pr.iterations.length > 0;
  const source = real ? pr.lastMergeSourceCommit : derived('source');
  const target = real ? pr.lastMergeTargetCommit : derived('target');
  const merge = real ? pr.lastMergeCommit : (pr.seedMergeCommit ?? (pr.mergeStatus === 'succeeded' ? derived('merge') : undefined));
  return {
    repository: { id: repo.id, name: repo.name, url: repoUrl, project: ctx.projectRef(org, project) },
    pullRequestId: pr.id,
    codeReviewId: pr.id,
    status: pr.status,
    createdBy: who(pr.createdBy),
    creationDate: pr.creationDate,
    ...(pr.closedDate ? { closedDate: pr.closedDate } : {}),
    title: pr.title,
    description: pr.description,
    sourceRefName: pr.sourceRefName,
    targetRefName: pr.targetRefName,
    mergeStatus: opts.queued ? 'queued' : pr.mergeStatus,
    isDraft: pr.isDraft,
    mergeId: guidFrom(derivedSha(`merge-id/${pr.id}`, base)),
    ...(source ? { lastMergeSourceCommit: commit(source) } : {}),
    ...(target ? { lastMergeTargetCommit: commit(target) } : {}),
    ...(merge && !opts.queued ? { lastMergeCommit: commit(merge) } : {}),
    reviewers: pr.reviewers.map((rv) => {
      const ref = rv.ref ?? who(rv.identity);
      return {
        ...ref,
        reviewerUrl: `${repoUrl}/pullRequests/${pr.id}/reviewers/${String(ref.id)}`,
        vote: rv.vote,
        hasDeclined: false,
        isRequired: rv.isRequired ?? false,
        isFlagged: false,
        ...(rv.isContainer ? { isContainer: true } : {}),
        ...(rv.votedFor ? { votedFor: rv.votedFor } : {}),
      };
    }),
    labels: pr.labels.map((l) => ({ id: guidFrom(derivedSha(`label/${l.name}`, base)), name: l.name, active: l.active })),
    ...(pr.closedBy ? { closedBy: who(pr.closedBy) } : {}),
    ...(pr.completionOptions ? { completionOptions: pr.completionOptions } : {}),
    url: `${repoUrl}/pullRequests/${pr.id}`,
    supportsIterations: true,
    artifactId: `vstfs:///Git/PullRequestId/${project.id}%2f${repo.id}%2f${pr.id}`,
  };
}

/** GitPullRequestIteration. */
export function iterationJson(ctx: FakeContext, pr: PullRequestRecord, it: Iteration): Json {
  const repoUrl = repoUrlOf(ctx, pr);
  const commit = (id: string) => ({ commitId: id, url: `${repoUrl}/commits/${id}` });
  const push = it.pushId === undefined ? undefined : ctx.history(pr.org, pr.repo).pushes.find((p) => p.pushId === it.pushId);
  return {
    id: it.id,
    description: pr.title,
    author: ctx.identityRef(pr.org, ctx.identity(pr.org, it.author)),
    createdDate: it.createdDate,
    updatedDate: it.createdDate,
    sourceRefCommit: commit(it.sourceCommit),
    targetRefCommit: commit(it.targetCommit),
    commonRefCommit: commit(it.commonCommit),
    hasMoreCommits: false,
    reason: it.reason,
    ...(push ? { push: { pushId: push.pushId, date: push.date, pushedBy: ctx.identityRef(pr.org, ctx.identity(pr.org, push.pushedBy)) } } : {}),
  };
}

/** The file changes of an iteration against the common commit (compareTo 0) or another iteration's source. */
export function iterationChanges(ctx: FakeContext, pr: PullRequestRecord, it: Iteration, compareTo: number): TreeChange[] {
  const history = ctx.history(pr.org, pr.repo);
  const target = history.commit(it.sourceCommit);
  const baseId = compareTo === 0 ? it.commonCommit : iterationsOf(ctx, pr).find((x) => x.id === compareTo)?.sourceCommit;
  const base = baseId ? history.commit(baseId) : undefined;
  if (!target || !base) return []; // a fixture PR's synthetic iteration has no content
  return diffTrees(base.tree, target.tree);
}

export function trackingIdOf(pr: PullRequestRecord, path: string): number {
  let id = pr.trackingIds.get(path);
  if (id === undefined) pr.trackingIds.set(path, (id = pr.trackingIds.size + 1));
  return id;
}

function publishPr(ctx: FakeContext, pr: PullRequestRecord, eventType: string, actor: string, message: string, extra: { notificationType?: string; queued?: boolean } = {}) {
  ctx.publish({
    org: pr.org,
    project: pr.project,
    eventType,
    resource: pullRequestJson(ctx, pr, { queued: extra.queued }),
    repositoryId: pr.repo.id,
    branches: [pr.targetRefName],
    notificationType: extra.notificationType,
    actor,
    message,
  });
}

/**
 * ADO's merge attempt: the test merge of the source into the target (refs/pull/{id}/merge), a
 * commit with both parents that no branch points to. Publishes git.pullrequest.merged ("Pull request
 * merge attempted"), which ADO raises for every merge attempt, not only at completion (UNVERIFIED).
 */
function attemptMerge(ctx: FakeContext, pr: PullRequestRecord, actor: string): void {
  const history = ctx.history(pr.org, pr.repo);
  const sourceId = history.ref(pr.sourceRefName);
  const targetId = history.ref(pr.targetRefName);
  if (!sourceId || !targetId) {
    pr.mergeStatus = 'failure';
    return;
  }
  const source = history.commit(sourceId)!;
  const target = history.commit(targetId)!;
  const commonId = history.mergeBase(sourceId, targetId);
  const common = commonId ? history.commit(commonId)!.tree : new Map();
  const date = new Date().toISOString();
  const merge = history.makeCommit({
    parents: [targetId, sourceId],
    tree: mergeTrees(common, target.tree, source.tree),
    author: identityDate(ctx, pr.org, actor, date),
    comment: `Merge pull request ${pr.id} from ${pr.sourceRefName.replace(/^refs\/heads\//, '')} into ${pr.targetRefName.replace(/^refs\/heads\//, '')}`,
  });
  pr.lastMergeSourceCommit = sourceId;
  pr.lastMergeTargetCommit = targetId;
  pr.lastMergeCommit = merge.commitId;
  pr.mergeStatus = 'succeeded';
  publishPr(ctx, pr, 'git.pullrequest.merged', actor, `${pr.title}: merge attempted (${pr.mergeStatus}).`);
}

function addIteration(ctx: FakeContext, pr: PullRequestRecord, reason: Iteration['reason'], author: string, pushId?: number): Iteration {
  const history = ctx.history(pr.org, pr.repo);
  const sourceCommit = history.ref(pr.sourceRefName)!;
  const targetCommit = history.ref(pr.targetRefName)!;
  const it: Iteration = {
    id: iterationsOf(ctx, pr).length + 1,
    sourceCommit,
    targetCommit,
    commonCommit: history.mergeBase(sourceCommit, targetCommit) ?? targetCommit,
    createdDate: new Date().toISOString(),
    reason,
    author,
    ...(pushId !== undefined ? { pushId } : {}),
  };
  pr.iterations.push(it);
  // Tracking ids follow the paths the PR touches, in the order they first appear.
  for (const change of iterationChanges(ctx, pr, it, 0)) trackingIdOf(pr, change.path);
  return it;
}

export interface NewPullRequest {
  sourceRefName: string;
  targetRefName: string;
  title: string;
  description?: string;
  isDraft?: boolean;
  /** Identity keys. */
  reviewers?: string[];
  createdBy: string;
  completionOptions?: Json;
}

/** Creates a pull request (iteration 1, merge attempt) and publishes git.pullrequest.created then .merged. */
export function createPullRequest(ctx: FakeContext, t: RepoTarget, input: NewPullRequest): PullRequestRecord {
  const history = ctx.history(t.org, t.repo);
  const prs = pullRequestsOfOrg(ctx, t.org.name);
  // UNVERIFIED wordings (TF401398, TF401179 are ADO's codes for these refusals).
  if (!input.title) throw new GitError(400, 'InvalidArgumentValueException', 'The pull request needs a title.');
  for (const ref of [input.sourceRefName, input.targetRefName]) {
    if (!ref || !history.ref(ref)) {
      throw new GitError(400, 'GitPullRequestCannotBeActivated', `TF401398: The pull request cannot be activated because the source and/or the target branch no longer exists, or the requested refs are not branches (${ref}).`);
    }
  }
  if (input.sourceRefName === input.targetRefName) throw new GitError(400, 'InvalidArgumentValueException', 'The source and target branch of a pull request must differ.');
  const duplicate = [...prs.values()].find(
    (p) => p.repo.id === t.repo.id && p.status === 'active' && p.sourceRefName === input.sourceRefName && p.targetRefName === input.targetRefName,
  );
  if (duplicate) {
    throw new GitError(409, 'GitPullRequestExistsException', `TF401179: An active pull request for the source and target branch already exists (${duplicate.id}).`);
  }
  const pr: PullRequestRecord = {
    ...t,
    id: Math.max(0, ...prs.keys()) + 1,
    title: input.title,
    description: input.description ?? '',
    status: 'active',
    isDraft: input.isDraft ?? false,
    createdBy: input.createdBy,
    creationDate: new Date().toISOString(),
    sourceRefName: input.sourceRefName,
    targetRefName: input.targetRefName,
    mergeStatus: 'queued',
    reviewers: (input.reviewers ?? []).map((identity) => ({ identity, vote: 0 })),
    labels: [],
    ...(input.completionOptions ? { completionOptions: input.completionOptions } : {}),
    iterations: [],
    fixture: false,
    trackingIds: new Map(),
  };
  prs.set(pr.id, pr);
  addIteration(ctx, pr, 'create', input.createdBy);
  // ADO answers the creation before its merge attempt: mergeStatus queued, no lastMergeCommit.
  pr.lastMergeSourceCommit = pr.iterations[0].sourceCommit;
  pr.lastMergeTargetCommit = pr.iterations[0].targetCommit;
  publishPr(ctx, pr, 'git.pullrequest.created', input.createdBy, `${ctx.identity(t.org, input.createdBy).displayName} created pull request ${pr.id} (${pr.title}).`, { queued: true });
  attemptMerge(ctx, pr, input.createdBy);
  return pr;
}

/** After a push: a new iteration for each active PR whose source moved; a new merge attempt when its target moved. */
export function onPush(ctx: FakeContext, t: RepoTarget, push: PushRecord): void {
  const moved = new Set(push.refUpdates.filter((u) => u.newObjectId !== ZERO_SHA).map((u) => u.name));
  for (const pr of pullRequestsOfOrg(ctx, t.org.name).values()) {
    if (pr.repo.id !== t.repo.id || pr.status !== 'active') continue;
    if (moved.has(pr.sourceRefName) && ctx.history(t.org, t.repo).ref(pr.targetRefName)) {
      const it = addIteration(ctx, pr, 'push', push.pushedBy, push.pushId);
      pr.lastMergeSourceCommit = it.sourceCommit;
      publishPr(ctx, pr, 'git.pullrequest.updated', push.pushedBy, `${ctx.identity(t.org, push.pushedBy).displayName} updated the source branch of pull request ${pr.id} (${pr.title}).`, {
        notificationType: 'PushNotification',
      });
      attemptMerge(ctx, pr, push.pushedBy);
    } else if (moved.has(pr.targetRefName) && pr.iterations.length) {
      attemptMerge(ctx, pr, push.pushedBy);
    }
  }
}

export interface Completion {
  /** Must be the source branch's current commit (ADO's guard against completing what you did not see). */
  lastMergeSourceCommit?: string;
  completionOptions?: Json;
  /** Identity key. */
  by: string;
}

/**
 * Completes an active PR: the merge commit (two parents for noFastForward, the default; one for
 * squash, rebase and rebaseMerge) is pushed onto the target branch, then git.push,
 * git.pullrequest.updated (StatusUpdateNotification) and git.pullrequest.merged are published.
 */
export function completePullRequest(ctx: FakeContext, pr: PullRequestRecord, c: Completion): Commit {
  if (pr.status !== 'active') throw new GitError(400, 'InvalidArgumentValueException', `TF401181: The pull request ${pr.id} is ${pr.status} and cannot be completed.`);
  const history = ctx.history(pr.org, pr.repo);
  const sourceId = history.ref(pr.sourceRefName);
  const targetId = history.ref(pr.targetRefName);
  if (!sourceId || !targetId) throw new GitError(400, 'GitPullRequestCannotBeActivated', 'TF401398: The source or target branch of the pull request no longer exists.');
  if (c.lastMergeSourceCommit && c.lastMergeSourceCommit.toLowerCase() !== sourceId) {
    // UNVERIFIED status and wording of ADO's refusal of a stale lastMergeSourceCommit.
    throw new GitError(409, 'GitPullRequestStaleException', `TF401192: The pull request ${pr.id} cannot be completed: its source branch moved to ${sourceId}.`);
  }
  const options = { ...(pr.completionOptions ?? {}), ...(c.completionOptions ?? {}) };
  const strategy = String(options.mergeStrategy ?? 'noFastForward');
  const commonId = history.mergeBase(sourceId, targetId);
  const source = history.commit(sourceId)!;
  const target = history.commit(targetId)!;
  const date = new Date().toISOString();
  const pushId = history.pushes.length + 1;
  const short = (ref: string) => ref.replace(/^refs\/heads\//, '');
  const merge = history.makeCommit({
    parents: strategy === 'noFastForward' ? [targetId, sourceId] : [targetId],
    tree: mergeTrees(commonId ? history.commit(commonId)!.tree : new Map(), target.tree, source.tree),
    author: identityDate(ctx, pr.org, c.by, date),
    comment: typeof options.mergeCommitMessage === 'string' ? options.mergeCommitMessage : `Merged PR ${pr.id}: ${pr.title}`,
    pushId,
  });
  const push = history.recordPush({
    pushId,
    date,
    pushedBy: c.by,
    refUpdates: [{ name: pr.targetRefName, oldObjectId: targetId, newObjectId: merge.commitId }],
    commitIds: [merge.commitId],
  });
  pr.status = 'completed';
  pr.closedDate = date;
  pr.closedBy = c.by;
  pr.mergeStatus = 'succeeded';
  pr.lastMergeSourceCommit = sourceId;
  pr.lastMergeTargetCommit = targetId;
  pr.lastMergeCommit = merge.commitId;
  pr.completionOptions = { ...options, mergeStrategy: strategy };
  publishPush(ctx, pr, push);
  onPush(ctx, pr, push);
  publishPr(ctx, pr, 'git.pullrequest.updated', c.by, `${ctx.identity(pr.org, c.by).displayName} completed pull request ${pr.id} (${pr.title}).`, {
    notificationType: 'StatusUpdateNotification',
  });
  publishPr(ctx, pr, 'git.pullrequest.merged', c.by, `${pr.title}: merged into ${short(pr.targetRefName)}.`);
  if (options.deleteSourceBranch === true) {
    const del = history.recordPush({
      pushId: history.pushes.length + 1,
      date,
      pushedBy: c.by,
      refUpdates: [{ name: pr.sourceRefName, oldObjectId: sourceId, newObjectId: ZERO_SHA }],
      commitIds: [],
    });
    publishPush(ctx, pr, del);
  }
  return merge;
}

/** Abandons (or reactivates) a PR and publishes git.pullrequest.updated (StatusUpdateNotification). */
export function setPullRequestStatus(ctx: FakeContext, pr: PullRequestRecord, status: 'abandoned' | 'active', by: string): void {
  if (pr.status === status) return;
  if (pr.status === 'completed') throw new GitError(400, 'InvalidArgumentValueException', `TF401181: The pull request ${pr.id} is completed and cannot change status.`);
  pr.status = status;
  if (status === 'abandoned') {
    pr.closedDate = new Date().toISOString();
    pr.closedBy = by;
  } else {
    delete pr.closedDate;
    delete pr.closedBy;
  }
  publishPr(ctx, pr, 'git.pullrequest.updated', by, `${ctx.identity(pr.org, by).displayName} ${status === 'abandoned' ? 'abandoned' : 'reactivated'} pull request ${pr.id} (${pr.title}).`, {
    notificationType: 'StatusUpdateNotification',
  });
}

/** GitCommitRef list of a PR's commits (source commits not on the target), newest first. */
export function pullRequestCommits(ctx: FakeContext, pr: PullRequestRecord): Json[] {
  if (pr.seedCommits) return [...pr.seedCommits].reverse();
  const history = ctx.history(pr.org, pr.repo);
  const source = pr.lastMergeSourceCommit;
  const target = pr.lastMergeTargetCommit;
  if (!source || !history.commit(source)) return [];
  const onTarget = target && history.commit(target) ? history.ancestors(target) : new Set<string>();
  return history
    .log(source)
    .filter((c) => !onTarget.has(c.commitId))
    .map((c) => commitRef(ctx, pr, c));
}
