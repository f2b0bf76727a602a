// Pull requests (ado-rest.md §11): list/get, the statuses Vigil posts as its verdict, and comment threads.
import { asRecord, collect, collectionItems, optBool, optIdentity, optNumber, optString, records, requireItem, requireNumber, requireObject, requireString, seg, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';
import type { IdentityRef } from '../types';

export interface PullRequestReviewer extends IdentityRef {
  /** 10 approved, 5 approved with suggestions, 0 none, -5 waiting for author, -10 rejected. */
  vote: number;
  isRequired?: boolean;
  hasDeclined?: boolean;
  isFlagged?: boolean;
  /** A group or team; it never votes itself. */
  isContainer?: boolean;
  /** Ids of the groups this reviewer's vote counted for. */
  votedFor?: string[];
}

export interface PullRequest {
  pullRequestId: number;
  codeReviewId?: number;
  /** active | abandoned | completed */
  status: string;
  isDraft?: boolean;
  title?: string;
  createdBy?: IdentityRef;
  creationDate?: string;
  closedDate?: string;
  closedBy?: IdentityRef;
  sourceRefName: string;
  targetRefName: string;
  /** Commit ids. lastMergeCommit is what PR builds build (compare with Build.sourceVersion). */
  lastMergeSourceCommit?: string;
  lastMergeTargetCommit?: string;
  lastMergeCommit?: string;
  /** notSet | queued | conflicts | succeeded | rejectedByPolicy | failure */
  mergeStatus?: string;
  completionOptions?: { mergeStrategy?: string; bypassPolicy?: boolean; bypassReason?: string; deleteSourceBranch?: boolean };
  reviewers: PullRequestReviewer[];
  labels: { name: string; active?: boolean }[];
  /** Set when the source branch is in a fork. */
  fromFork: boolean;
  repository?: { id: string; name?: string; projectId?: string };
  artifactId?: string;
}

export interface PullRequestSearch {
  /** Default active (ADO's default). */
  status?: 'active' | 'abandoned' | 'completed' | 'all';
  targetRefName?: string;
  sourceRefName?: string;
  creatorId?: string;
  reviewerId?: string;
  minTime?: string;
  maxTime?: string;
  queryTimeRangeType?: 'created' | 'closed';
  /** Page size, default 100. */
  top?: number;
}

export type PullRequestStatusState = 'notSet' | 'pending' | 'succeeded' | 'failed' | 'error' | 'notApplicable';

export interface NewPullRequestStatus {
  state: PullRequestStatusState;
  description?: string;
  /** Matches a Status branch policy's statusName / statusGenre, which turns it into a merge gate. */
  context: { name: string; genre?: string };
  targetUrl?: string;
  iterationId?: number;
}

export interface PullRequestStatus {
  id: number;
  state: string;
  description?: string;
  context: { name: string; genre?: string };
  targetUrl?: string;
  iterationId?: number;
  creationDate?: string;
  updatedDate?: string;
  createdBy?: IdentityRef;
}

export type ThreadStatus = 'active' | 'fixed' | 'wontFix' | 'closed' | 'byDesign' | 'pending';
const THREAD_STATUS_CODES: Record<ThreadStatus, number> = { active: 1, fixed: 2, wontFix: 3, closed: 4, byDesign: 5, pending: 6 };
const THREAD_STATUS_NAMES = Object.fromEntries(Object.entries(THREAD_STATUS_CODES).map(([k, v]) => [v, k])) as Record<number, ThreadStatus>;

export interface NewPullRequestThread {
  /** Markdown. */
  content: string;
  /** Default active. */
  status?: ThreadStatus;
  /** Anchors the thread on a line of the PR's right-hand (new) side. */
  filePath?: string;
  line?: number;
}

export interface PullRequestThread {
  id: number;
  status?: string;
  isDeleted?: boolean;
  publishedDate?: string;
  filePath?: string;
  line?: number;
  comments: { id: number; parentCommentId?: number; content?: string; author?: IdentityRef; publishedDate?: string; commentType?: string }[];
}

const prPath = (projectId: string, repoId: string) => `${seg(projectId)}/_apis/git/repositories/${seg(repoId)}/pullRequests`;

/** Pull requests of a repository, their statuses and comment threads; `client.pullRequests`. */
export class PullRequestsArea {
  constructor(private readonly t: AdoTransport) {}

  /** Pull requests matching `search` (active by default), across $top/$skip pages. */
  list(projectId: string, repoId: string, search: PullRequestSearch = {}): Promise<PullRequest[]> {
    const spec: RequestSpec = {
      path: prPath(projectId, repoId),
      query: {
        'searchCriteria.status': search.status,
        'searchCriteria.targetRefName': search.targetRefName,
        'searchCriteria.sourceRefName': search.sourceRefName,
        'searchCriteria.creatorId': search.creatorId,
        'searchCriteria.reviewerId': search.reviewerId,
        'searchCriteria.minTime': search.minTime,
        'searchCriteria.maxTime': search.maxTime,
        'searchCriteria.queryTimeRangeType': search.queryTimeRangeType,
      },
      operation: `list the pull requests of repository ${repoId}`,
    };
    return collect(this.t.skipPages(spec, search.top ?? 100), (raw) => toPullRequest(raw, spec));
  }

  async get(projectId: string, repoId: string, pullRequestId: number): Promise<PullRequest> {
    const spec: RequestSpec = { path: `${prPath(projectId, repoId)}/${pullRequestId}`, operation: `read pull request ${pullRequestId}` };
    return toPullRequest(await this.t.getJson(spec), spec, '');
  }

  async listStatuses(projectId: string, repoId: string, pullRequestId: number): Promise<PullRequestStatus[]> {
    const spec: RequestSpec = { path: `${prPath(projectId, repoId)}/${pullRequestId}/statuses`, operation: `list the statuses of pull request ${pullRequestId}` };
    return collectionItems(await this.t.getJson(spec), spec).map((raw) => toStatus(raw, spec));
  }

  /** Not idempotent: every POST adds a status (the latest per context counts), so it is never retried blindly. */
  async createStatus(projectId: string, repoId: string, pullRequestId: number, status: NewPullRequestStatus): Promise<PullRequestStatus> {
    const spec = { path: `${prPath(projectId, repoId)}/${pullRequestId}/statuses`, operation: `post a status on pull request ${pullRequestId}` };
    const body = await this.t.write({ ...spec, method: 'POST', body: status });
    return toStatus(body, spec, '');
  }

  async listThreads(projectId: string, repoId: string, pullRequestId: number): Promise<PullRequestThread[]> {
    const spec: RequestSpec = { path: `${prPath(projectId, repoId)}/${pullRequestId}/threads`, operation: `list the comment threads of pull request ${pullRequestId}` };
    return collectionItems(await this.t.getJson(spec), spec).map((raw) => toThread(raw, spec));
  }

  /** A new comment thread, anchored on a line of the new side when `filePath` (and `line`) are given. */
  async createThread(projectId: string, repoId: string, pullRequestId: number, thread: NewPullRequestThread): Promise<PullRequestThread> {
    const spec = { path: `${prPath(projectId, repoId)}/${pullRequestId}/threads`, operation: `comment on pull request ${pullRequestId}` };
    const anchor = thread.filePath
      ? {
          threadContext: {
            filePath: thread.filePath,
            ...(thread.line ? { rightFileStart: { line: thread.line, offset: 1 }, rightFileEnd: { line: thread.line, offset: 1 } } : {}),
          },
        }
      : {};
    const body = await this.t.write({
      ...spec,
      method: 'POST',
      body: { comments: [{ parentCommentId: 0, content: thread.content, commentType: 1 }], status: THREAD_STATUS_CODES[thread.status ?? 'active'], ...anchor },
    });
    return toThread(body, spec, '');
  }
}

const commitId = (v: unknown): string | undefined => optString(asRecord(v)?.commitId);

/**
 * A GitPullRequest: pullRequestId, sourceRefName, targetRefName and each reviewer's id and vote are
 * required ("pullRequest.reviewers[1].vote missing" in a list; without the "pullRequest." for one pull
 * request, `at` ''); the rest is optional.
 */
export function toPullRequest(raw: unknown, ctx: ParseContext, at = 'pullRequest'): PullRequest {
  const r = requireItem(raw, ctx, at);
  const pullRequestId = requireNumber(r, 'pullRequestId', ctx, at);
  const sourceRefName = requireString(r, 'sourceRefName', ctx, at);
  const targetRefName = requireString(r, 'targetRefName', ctx, at);
  const options = asRecord(r.completionOptions);
  const repo = asRecord(r.repository);
  const reviewersAt = at ? `${at}.reviewers` : 'reviewers';
  return {
    pullRequestId,
    codeReviewId: optNumber(r.codeReviewId),
    status: optString(r.status) ?? 'notSet',
    isDraft: optBool(r.isDraft),
    title: optString(r.title),
    createdBy: optIdentity(r.createdBy),
    creationDate: optString(r.creationDate),
    closedDate: optString(r.closedDate),
    closedBy: optIdentity(r.closedBy),
    sourceRefName,
    targetRefName,
    lastMergeSourceCommit: commitId(r.lastMergeSourceCommit),
    lastMergeTargetCommit: commitId(r.lastMergeTargetCommit),
    lastMergeCommit: commitId(r.lastMergeCommit),
    mergeStatus: optString(r.mergeStatus),
    completionOptions: options && {
      mergeStrategy: optString(options.mergeStrategy),
      bypassPolicy: optBool(options.bypassPolicy),
      bypassReason: optString(options.bypassReason),
      deleteSourceBranch: optBool(options.deleteSourceBranch),
    },
    reviewers: (Array.isArray(r.reviewers) ? r.reviewers : []).map((x, i) => toReviewer(x, ctx, `${reviewersAt}[${i}]`)),
    labels: records(r.labels).flatMap((l) => (typeof l.name === 'string' ? [{ name: l.name, active: optBool(l.active) }] : [])),
    fromFork: asRecord(r.forkSource) !== undefined,
    repository: typeof repo?.id === 'string' ? { id: repo.id, name: optString(repo.name), projectId: optString(asRecord(repo.project)?.id) } : undefined,
    artifactId: optString(r.artifactId),
  };
}

function toReviewer(raw: unknown, ctx: ParseContext, at: string): PullRequestReviewer {
  const r = requireItem(raw, ctx, at);
  return {
    id: requireString(r, 'id', ctx, at),
    displayName: optString(r.displayName),
    uniqueName: optString(r.uniqueName),
    descriptor: optString(r.descriptor),
    vote: requireNumber(r, 'vote', ctx, at),
    isRequired: optBool(r.isRequired),
    hasDeclined: optBool(r.hasDeclined),
    isFlagged: optBool(r.isFlagged),
    isContainer: optBool(r.isContainer),
    votedFor: Array.isArray(r.votedFor) ? r.votedFor.map((v) => optString(asRecord(v)?.id)).filter((v): v is string => v !== undefined) : undefined,
  };
}

/** A GitPullRequestStatus: id and context.name are required ("status.context.name missing" in a list). */
function toStatus(raw: unknown, ctx: ParseContext, at = 'status'): PullRequestStatus {
  const r = requireItem(raw, ctx, at);
  const id = requireNumber(r, 'id', ctx, at);
  const context = requireObject(r, 'context', ctx, at);
  return {
    id,
    state: optString(r.state) ?? 'notSet',
    description: optString(r.description),
    context: { name: requireString(context, 'name', ctx, at ? `${at}.context` : 'context'), genre: optString(context.genre) },
    targetUrl: optString(r.targetUrl),
    iterationId: optNumber(r.iterationId),
    creationDate: optString(r.creationDate),
    updatedDate: optString(r.updatedDate),
    createdBy: optIdentity(r.createdBy),
  };
}

/** A GitPullRequestCommentThread: id is required ("thread.id missing" in a list); comments without an id are left out. */
function toThread(raw: unknown, ctx: ParseContext, at = 'thread'): PullRequestThread {
  const r = requireItem(raw, ctx, at);
  const id = requireNumber(r, 'id', ctx, at);
  const tc = asRecord(r.threadContext);
  const status = typeof r.status === 'number' ? THREAD_STATUS_NAMES[r.status] : optString(r.status);
  return {
    id,
    status,
    isDeleted: optBool(r.isDeleted),
    publishedDate: optString(r.publishedDate),
    filePath: optString(tc?.filePath),
    line: optNumber(asRecord(tc?.rightFileStart)?.line),
    comments: records(r.comments).flatMap((c) =>
      typeof c.id === 'number'
        ? [
            {
              id: c.id,
              parentCommentId: optNumber(c.parentCommentId),
              content: optString(c.content),
              author: optIdentity(c.author),
              publishedDate: optString(c.publishedDate),
              commentType: typeof c.commentType === 'number' ? (c.commentType === 1 ? 'text' : String(c.commentType)) : optString(c.commentType),
            },
          ]
        : [],
    ),
  };
}
