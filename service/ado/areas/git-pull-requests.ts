// Pull requests (ado-rest.md §11): list/get, the statuses Vigil posts as its verdict, and comment threads.
import {
  asRecord,
  badResponse,
  collect,
  collectionItems,
  optBool,
  optIdentity,
  optNumber,
  optString,
  records,
  requireArray,
  requireBody,
  requireItem,
  requireNumber,
  requireObject,
  requireString,
  seg,
  type ParseContext,
} from '../parse';
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
  /** The last line of the anchored range (default `line`). */
  endLine?: number;
  /** The iterations the thread was made on (pullRequestThreadContext.iterationContext). */
  iterationContext?: { firstComparingIteration: number; secondComparingIteration: number };
  /** The file's changeTrackingId in the iteration's changes: ADO follows the thread across iterations with it. */
  changeTrackingId?: number;
  /** Thread properties, shown to nobody, read back by whoever lists the threads ('Vigil.Fingerprint'). */
  properties?: Record<string, string>;
}

export interface PullRequestThread {
  id: number;
  status?: string;
  isDeleted?: boolean;
  publishedDate?: string;
  filePath?: string;
  line?: number;
  endLine?: number;
  /** String properties (ADO answers each as {$type, $value}; both shapes are read). */
  properties: Record<string, string>;
  comments: { id: number; parentCommentId?: number; content?: string; author?: IdentityRef; publishedDate?: string; commentType?: string }[];
  /** System threads name people by a key into this map ("1" -> the voter of a VoteUpdate thread). */
  identities?: Record<string, IdentityRef>;
}

/** One vote as ADO recorded it: a system thread of type VoteUpdate (who, what, when). */
export interface VoteUpdate {
  threadId: number;
  voter: IdentityRef;
  /** 10, 5, 0, -5 or -10. */
  vote: number;
  /** The thread's publishedDate: when the vote was cast. */
  at: string;
  /** Who cast it when another than the voter (CodeReviewVotedByInitiatorIdentity), e.g. a vote reset. */
  initiator?: IdentityRef;
}

/** A commit of a pull request (GitCommitRef): its author and committer as git recorded them. */
export interface PullRequestCommit {
  commitId: string;
  author?: { name?: string; email?: string; date?: string };
  committer?: { name?: string; email?: string; date?: string };
  comment?: string;
}

export interface PullRequestIteration {
  id: number;
  /** The head of the source branch at this iteration. */
  sourceCommit: string;
  /** The head of the target branch when the iteration was made. */
  targetCommit?: string;
  /** The merge base of source and target: what the iteration's changes are computed against. */
  commonCommit?: string;
  createdDate?: string;
  /** create | forcePush | push | rebase | unset | retarget ... */
  reason?: string;
}

/** add | edit | delete | rename (ADO joins several: "edit, rename"). */
export type ChangeKind = 'add' | 'edit' | 'delete' | 'rename';

export interface PullRequestChange {
  /** Repository path with its leading slash, as ADO gives it ('/src/app.ts'). */
  path: string;
  /** The path before a rename. */
  originalPath?: string;
  changeTypes: ChangeKind[];
  changeTrackingId?: number;
}

export interface FileDiffCriteria {
  baseCommit: string;
  targetCommit: string;
  /** Paths with their leading slash; originalPath for a renamed file. */
  files: { path: string; originalPath?: string }[];
}

export type LineDiffKind = 'none' | 'add' | 'delete' | 'edit';

export interface LineDiffBlock {
  changeType: LineDiffKind;
  originalLineNumberStart: number;
  originalLinesCount: number;
  modifiedLineNumberStart: number;
  modifiedLinesCount: number;
}

export interface FileDiff {
  path: string;
  originalPath?: string;
  lineDiffBlocks: LineDiffBlock[];
}

/** ADO's default and maximum page of iteration changes are 100 and 2000. */
const ITERATION_CHANGES_PAGE = 2000;
const MAX_CHANGE_PAGES = 1000;
const FILE_DIFFS_PER_REQUEST = 50;
const FILE_DIFFS_API_VERSION = '7.1-preview.1';

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

  /**
   * The votes cast on a pull request, in the order ADO published them: its system VoteUpdate threads
   * (properties CodeReviewThreadType, CodeReviewVoteResult, CodeReviewVotedByIdentity; the voter is a key
   * into the thread's identities, else the system comment's author). Deleted threads are left out.
   */
  async listVoteUpdates(projectId: string, repoId: string, pullRequestId: number): Promise<VoteUpdate[]> {
    return voteUpdatesOf(await this.listThreads(projectId, repoId, pullRequestId));
  }

  /** The commits of a pull request (its source commits not on the target), across continuation pages. */
  listCommits(projectId: string, repoId: string, pullRequestId: number): Promise<PullRequestCommit[]> {
    const spec: RequestSpec = { path: `${prPath(projectId, repoId)}/${pullRequestId}/commits`, query: { $top: 500 }, operation: `list the commits of pull request ${pullRequestId}` };
    return collect(this.t.pages(spec), (raw) => toCommit(raw, spec));
  }

  /** A new comment thread, anchored on a line of the new side when `filePath` (and `line`) are given. */
  async createThread(projectId: string, repoId: string, pullRequestId: number, thread: NewPullRequestThread): Promise<PullRequestThread> {
    const spec = { path: `${prPath(projectId, repoId)}/${pullRequestId}/threads`, operation: `comment on pull request ${pullRequestId}` };
    const anchor = thread.filePath
      ? {
          threadContext: {
            filePath: thread.filePath,
            ...(thread.line ? { rightFileStart: { line: thread.line, offset: 1 }, rightFileEnd: { line: thread.endLine ?? thread.line, offset: 1 } } : {}),
          },
          ...(thread.iterationContext || thread.changeTrackingId !== undefined
            ? {
                pullRequestThreadContext: {
                  ...(thread.iterationContext ? { iterationContext: thread.iterationContext } : {}),
                  ...(thread.changeTrackingId !== undefined ? { changeTrackingId: thread.changeTrackingId } : {}),
                },
              }
            : {}),
        }
      : {};
    const body = await this.t.write({
      ...spec,
      method: 'POST',
      body: {
        comments: [{ parentCommentId: 0, content: thread.content, commentType: 1 }],
        status: THREAD_STATUS_CODES[thread.status ?? 'active'],
        ...anchor,
        ...(thread.properties ? { properties: thread.properties } : {}),
      },
    });
    return toThread(body, spec, '');
  }

  async getThread(projectId: string, repoId: string, pullRequestId: number, threadId: number): Promise<PullRequestThread> {
    const spec: RequestSpec = { path: `${prPath(projectId, repoId)}/${pullRequestId}/threads/${threadId}`, operation: `read comment thread ${threadId} of pull request ${pullRequestId}` };
    return toThread(await this.t.getJson(spec), spec, '');
  }

  /** Sets a thread's status (PATCH; Vigil marks its threads fixed or closed). */
  async updateThread(projectId: string, repoId: string, pullRequestId: number, threadId: number, update: { status: ThreadStatus }): Promise<PullRequestThread> {
    const spec = { path: `${prPath(projectId, repoId)}/${pullRequestId}/threads/${threadId}`, operation: `update comment thread ${threadId} of pull request ${pullRequestId}` };
    const body = await this.t.write({ ...spec, method: 'PATCH', body: { status: THREAD_STATUS_CODES[update.status] } });
    return toThread(body, spec, '');
  }

  /** The pull request's iterations (one per push to its source branch), oldest first. */
  async listIterations(projectId: string, repoId: string, pullRequestId: number): Promise<PullRequestIteration[]> {
    const spec: RequestSpec = { path: `${prPath(projectId, repoId)}/${pullRequestId}/iterations`, operation: `list the iterations of pull request ${pullRequestId}` };
    return collectionItems(await this.t.getJson(spec), spec)
      .map((raw) => toIteration(raw, spec))
      .sort((a, b) => a.id - b.id);
  }

  /**
   * The files an iteration changes, against the common commit of source and target (`compareTo` 0, the
   * default) or against an earlier iteration. Pages by the answer's nextSkip/nextTop (0 or absent: done).
   */
  async getIterationChanges(
    projectId: string,
    repoId: string,
    pullRequestId: number,
    iterationId: number,
    opts: { compareTo?: number; top?: number } = {},
  ): Promise<PullRequestChange[]> {
    const spec: RequestSpec = {
      path: `${prPath(projectId, repoId)}/${pullRequestId}/iterations/${iterationId}/changes`,
      operation: `list the changes of iteration ${iterationId} of pull request ${pullRequestId}`,
    };
    const out: PullRequestChange[] = [];
    let top = opts.top ?? ITERATION_CHANGES_PAGE;
    let skip = 0;
    for (let page = 0; page < MAX_CHANGE_PAGES; page++) {
      const body = requireBody(await this.t.getJson({ ...spec, query: { $top: top, $skip: skip, $compareTo: opts.compareTo } }), spec);
      const entries = requireArray(body, 'changeEntries', spec);
      entries.forEach((raw, i) => {
        const change = toChange(raw, spec, `changeEntries[${i}]`);
        if (change) out.push(change);
      });
      const nextSkip = optNumber(body.nextSkip) ?? 0;
      const nextTop = optNumber(body.nextTop) ?? 0;
      if (nextSkip <= skip || nextTop <= 0 || entries.length === 0) return out;
      skip = nextSkip;
      top = nextTop;
    }
    throw badResponse(spec, 'the pages never ended');
  }

  /**
   * Line blocks of each file between two commits (POST filediffs, a preview resource). Sent in batches
   * of FILE_DIFFS_PER_REQUEST files (UNVERIFIED: ADO's own cap per request is not documented). Only
   * reads: retried like a GET.
   */
  async getFileDiffs(projectId: string, repoId: string, criteria: FileDiffCriteria): Promise<FileDiff[]> {
    const spec = { path: `${seg(projectId)}/_apis/git/repositories/${seg(repoId)}/filediffs`, operation: `compare ${criteria.files.length} files between two commits`, apiVersion: FILE_DIFFS_API_VERSION };
    const out: FileDiff[] = [];
    for (let i = 0; i < criteria.files.length; i += FILE_DIFFS_PER_REQUEST) {
      const batch = criteria.files.slice(i, i + FILE_DIFFS_PER_REQUEST);
      const body = await this.t.write({
        ...spec,
        method: 'POST',
        readOnly: true,
        body: {
          baseVersionCommit: criteria.baseCommit,
          targetVersionCommit: criteria.targetCommit,
          fileDiffParams: batch.map((f) => ({ path: f.path, ...(f.originalPath ? { originalPath: f.originalPath } : {}) })),
        },
      });
      out.push(...collectionItems(body, spec).map((raw, j) => toFileDiff(raw, spec, `fileDiffs[${i + j}]`)));
    }
    return out;
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
    endLine: optNumber(asRecord(tc?.rightFileEnd)?.line),
    properties: toProperties(r.properties),
    identities: toIdentities(r.identities),
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

function toIdentities(v: unknown): Record<string, IdentityRef> | undefined {
  const map = asRecord(v);
  if (!map) return undefined;
  const out: Record<string, IdentityRef> = {};
  for (const [k, raw] of Object.entries(map)) {
    const who = optIdentity(raw);
    if (who) out[k] = who;
  }
  return out;
}

const VOTES = new Set([10, 5, 0, -5, -10]);

/** The VoteUpdate threads among `threads` as votes, oldest first; a thread whose vote or voter cannot be read is left out. */
export function voteUpdatesOf(threads: readonly PullRequestThread[]): VoteUpdate[] {
  const out: VoteUpdate[] = [];
  for (const t of threads) {
    if (t.isDeleted || t.properties.CodeReviewThreadType !== 'VoteUpdate' || !t.publishedDate) continue;
    const vote = Number(t.properties.CodeReviewVoteResult);
    if (!VOTES.has(vote)) continue;
    const byKey = (key: string | undefined) => (key === undefined ? undefined : t.identities?.[key]);
    const voter = byKey(t.properties.CodeReviewVotedByIdentity) ?? t.comments[0]?.author;
    if (!voter?.id) continue;
    const initiator = byKey(t.properties.CodeReviewVotedByInitiatorIdentity);
    out.push({ threadId: t.id, voter, vote, at: t.publishedDate, ...(initiator && initiator.id !== voter.id ? { initiator } : {}) });
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.threadId - b.threadId));
}

const gitUser = (v: unknown) => {
  const r = asRecord(v);
  return r && { name: optString(r.name), email: optString(r.email), date: optString(r.date) };
};

/** A GitCommitRef: commitId required ("commit.commitId missing"). */
function toCommit(raw: unknown, ctx: ParseContext): PullRequestCommit {
  const r = requireItem(raw, ctx, 'commit');
  return { commitId: requireString(r, 'commitId', ctx, 'commit'), author: gitUser(r.author), committer: gitUser(r.committer), comment: optString(r.comment) };
}

/** ADO's property bag: each value a {$type, $value} pair (a plain string is read too). */
function toProperties(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, raw] of Object.entries(asRecord(v) ?? {})) {
    const value = typeof raw === 'string' ? raw : optString(asRecord(raw)?.$value);
    if (value !== undefined) out[k] = value;
  }
  return out;
}

/** A GitPullRequestIteration: id and sourceRefCommit.commitId are required. */
function toIteration(raw: unknown, ctx: ParseContext, at = 'iteration'): PullRequestIteration {
  const r = requireItem(raw, ctx, at);
  const id = requireNumber(r, 'id', ctx, at);
  const source = requireObject(r, 'sourceRefCommit', ctx, at);
  return {
    id,
    sourceCommit: requireString(source, 'commitId', ctx, `${at}.sourceRefCommit`),
    targetCommit: commitId(r.targetRefCommit),
    commonCommit: commitId(r.commonRefCommit),
    createdDate: optString(r.createdDate),
    reason: optString(r.reason),
  };
}

const CHANGE_KINDS: readonly ChangeKind[] = ['add', 'edit', 'delete', 'rename'];

/** A GitPullRequestChange of a file; undefined for a folder or a change without a path. */
function toChange(raw: unknown, ctx: ParseContext, at: string): PullRequestChange | undefined {
  const r = requireItem(raw, ctx, at);
  const item = asRecord(r.item);
  const path = optString(item?.path);
  if (!path || item?.isFolder === true || item?.gitObjectType === 'tree') return undefined;
  const kinds = String(r.changeType ?? '')
    .split(',')
    .map((k) => k.trim().toLowerCase())
    .filter((k): k is ChangeKind => (CHANGE_KINDS as readonly string[]).includes(k));
  return {
    path,
    originalPath: optString(r.originalPath) ?? optString(r.sourceServerItem),
    changeTypes: kinds,
    changeTrackingId: optNumber(r.changeTrackingId),
  };
}

const LINE_DIFF_KINDS: readonly LineDiffKind[] = ['none', 'add', 'delete', 'edit'];

function toLineDiffKind(v: unknown): LineDiffKind {
  if (typeof v === 'number') return LINE_DIFF_KINDS[v] ?? 'edit';
  const s = String(v ?? '').toLowerCase();
  return (LINE_DIFF_KINDS as readonly string[]).includes(s) ? (s as LineDiffKind) : 'edit';
}

/** A FileDiff: path required; each block's line numbers (1-based) and counts. */
function toFileDiff(raw: unknown, ctx: ParseContext, at: string): FileDiff {
  const r = requireItem(raw, ctx, at);
  return {
    path: requireString(r, 'path', ctx, at),
    originalPath: optString(r.originalPath),
    lineDiffBlocks: records(r.lineDiffBlocks).map((b) => ({
      changeType: toLineDiffKind(b.changeType),
      originalLineNumberStart: optNumber(b.originalLineNumberStart) ?? 0,
      originalLinesCount: optNumber(b.originalLinesCount) ?? 0,
      modifiedLineNumberStart: optNumber(b.modifiedLineNumberStart) ?? 0,
      modifiedLinesCount: optNumber(b.modifiedLinesCount) ?? 0,
    })),
  };
}
