// Pull requests (ado-rest.md §11) over pull-request-store.ts: list, get, create, update (complete,
// abandon), iterations and their changes, file diffs, statuses and comment threads. Reads need
// vso.code; PR writes vso.code_write, status writes vso.code_status, thread writes vso.threads_full.
import { Router, type Request, type Response } from 'express';
import { locals, type FakeContext } from '../context';
import { normalizePath } from '../git-history';
import { type RepoTarget } from '../git-ops';
import { badArgument, eqi, pageOf, q, sendCollection, sendJson } from '../http';
import { lineDiff, splitLines } from '../line-diff';
import { requireJsonBody, requirePreview, requireScope } from '../middleware';
import type { Json } from '../model';
import {
  completePullRequest,
  createPullRequest,
  iterationChanges,
  iterationJson,
  iterationsOf,
  pullRequestCommits,
  pullRequestJson,
  pullRequestsOfOrg,
  setPullRequestStatus,
  trackingIdOf,
  type PullRequestRecord,
} from '../pull-request-store';
import { sendAdoError } from '../responses';
import { sendGitError } from './git';

const STATUS_STATES = ['notSet', 'pending', 'succeeded', 'failed', 'error', 'notApplicable'];
export const THREAD_STATUSES = ['unknown', 'active', 'fixed', 'wontFix', 'closed', 'byDesign', 'pending'];

/** A thread status from a number (1 = active...) or a name, case-insensitive; undefined when neither. */
export const threadStatusOf = (value: unknown): string | undefined =>
  typeof value === 'number' ? THREAD_STATUSES[value] : THREAD_STATUSES.find((s) => eqi(s, String(value)));

const prNotFound = (res: Response) =>
  sendAdoError(res, 404, { message: `TF401180: The requested pull request was not found.`, typeKey: 'GitPullRequestNotFoundException' });

export function pullRequestRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });
  const code = requireScope('vso.code');
  const codeWrite = requireScope('vso.code_write');
  /** A pull request route, with or without the project (a repository id is enough). */
  const prRoute = (suffix = '') => [`/_apis/git/repositories/:repo/pullrequests${suffix}`, `/:project/_apis/git/repositories/:repo/pullrequests${suffix}`];

  const target = (req: Request, res: Response): RepoTarget | null => {
    const found = ctx.resolveRepo(req, res, { allowDisabled: false });
    return found ? { org: locals(res).org, ...found } : null;
  };

  /** The repository (inside the project) and its pull request; sends the 404 itself. */
  const resolve = (req: Request, res: Response): PullRequestRecord | null => {
    const t = target(req, res);
    if (!t) return null;
    const pr = pullRequestsOfOrg(ctx, t.org.name).get(Number(req.params.id));
    if (!pr || pr.repo.id !== t.repo.id) {
      prNotFound(res);
      return null;
    }
    return pr;
  };

  const key = (pr: PullRequestRecord) => `${pr.org.name}/${pr.repo.id}/${pr.id}`;

  const list = (req: Request, res: Response, prs: PullRequestRecord[]) => {
    const { org } = locals(res);
    const status = (q(req, 'searchCriteria.status') ?? 'active').toLowerCase();
    const targetRef = q(req, 'searchCriteria.targetRefName');
    const source = q(req, 'searchCriteria.sourceRefName');
    const creator = q(req, 'searchCriteria.creatorId');
    const reviewer = q(req, 'searchCriteria.reviewerId');
    // minTime/maxTime on the creation date, or on the closing date with queryTimeRangeType closed (minTime
    // inclusive, maxTime exclusive: UNVERIFIED which bound ADO includes).
    const closed = (q(req, 'searchCriteria.queryTimeRangeType') ?? 'created').toLowerCase() === 'closed';
    const minTime = q(req, 'searchCriteria.minTime');
    const maxTime = q(req, 'searchCriteria.maxTime');
    const timeOf = (pr: PullRequestRecord) => (closed ? pr.closedDate : pr.creationDate);
    for (const t of [minTime, maxTime]) if (t !== undefined && Number.isNaN(Date.parse(t))) return badArgument(res, `Invalid date: ${t}`);
    const matching = prs
      .filter((pr) => status === 'all' || pr.status.toLowerCase() === status)
      .filter((pr) => !targetRef || eqi(pr.targetRefName, targetRef))
      .filter((pr) => !source || eqi(pr.sourceRefName, source))
      .filter((pr) => !creator || eqi(ctx.identity(org, pr.createdBy).id, creator))
      .filter((pr) => !reviewer || pr.reviewers.some((rv) => !rv.ref && eqi(ctx.identity(org, rv.identity).id, reviewer)))
      .filter((pr) => !minTime || (timeOf(pr) !== undefined && Date.parse(timeOf(pr)!) >= Date.parse(minTime)))
      .filter((pr) => !maxTime || (timeOf(pr) !== undefined && Date.parse(timeOf(pr)!) < Date.parse(maxTime)))
      .sort((a, b) => b.id - a.id);
    // $top/$skip, no token. UNVERIFIED default page size (ado-rest.md §15).
    const page = pageOf(req, res, matching, { defaultTop: 101 });
    if (page) sendCollection(req, res, page.items.map((pr) => pullRequestJson(ctx, pr)));
  };

  r.get(prRoute(), code, (req, res) => {
    const t = target(req, res);
    if (t) list(req, res, [...pullRequestsOfOrg(ctx, t.org.name).values()].filter((pr) => pr.repo.id === t.repo.id));
  });

  r.get('/:project/_apis/git/pullrequests', code, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const repoId = q(req, 'searchCriteria.repositoryId');
    list(req, res, [...pullRequestsOfOrg(ctx, locals(res).org.name).values()].filter((pr) => pr.project.id === project.id && (!repoId || eqi(pr.repo.id, repoId))));
  });

  r.get(prRoute('/:id'), code, (req, res) => {
    const pr = resolve(req, res);
    if (pr) sendJson(res, pullRequestJson(ctx, pr));
  });

  r.get('/:project/_apis/git/pullrequests/:id', code, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const pr = pullRequestsOfOrg(ctx, locals(res).org.name).get(Number(req.params.id));
    if (!pr || pr.project.id !== project.id) return prNotFound(res);
    sendJson(res, pullRequestJson(ctx, pr));
  });

  // Pull Requests - Create: 201 with mergeStatus queued (the merge is attempted after the answer).
  r.post(prRoute(), codeWrite, requireJsonBody, (req, res) => {
    const t = target(req, res);
    if (!t) return;
    const body = req.body as Json;
    const reviewers: string[] = [];
    for (const rv of Array.isArray(body.reviewers) ? (body.reviewers as Json[]) : []) {
      const who = t.org.identities.find((i) => eqi(i.id, String(rv?.id ?? '')));
      if (!who) return badArgument(res, `The reviewer ${String(rv?.id)} is not an identity of this organization.`);
      reviewers.push(who.key);
    }
    try {
      const pr = createPullRequest(ctx, t, {
        sourceRefName: String(body.sourceRefName ?? ''),
        targetRefName: String(body.targetRefName ?? ''),
        title: typeof body.title === 'string' ? body.title : '',
        description: typeof body.description === 'string' ? body.description : '',
        isDraft: body.isDraft === true,
        reviewers,
        createdBy: locals(res).identity.key,
        ...(body.completionOptions && typeof body.completionOptions === 'object' ? { completionOptions: body.completionOptions as Json } : {}),
      });
      sendJson(res, pullRequestJson(ctx, pr, { queued: true }), 201);
    } catch (err) {
      sendGitError(res, err);
    }
  });

  // Pull Requests - Update: status completed (with lastMergeSourceCommit) or abandoned/active; title, description, isDraft.
  r.patch(prRoute('/:id'), codeWrite, requireJsonBody, (req, res) => {
    const pr = resolve(req, res);
    if (!pr) return;
    const body = req.body as Json;
    const by = locals(res).identity.key;
    try {
      if (typeof body.title === 'string') pr.title = body.title;
      if (typeof body.description === 'string') pr.description = body.description;
      if (typeof body.isDraft === 'boolean') pr.isDraft = body.isDraft;
      const status = body.status === undefined ? undefined : String(body.status).toLowerCase();
      if (status === 'completed') {
        const last = (body.lastMergeSourceCommit as Json | undefined)?.commitId;
        // UNVERIFIED wording; ADO requires lastMergeSourceCommit to complete.
        if (typeof last !== 'string') return badArgument(res, 'Completing a pull request needs lastMergeSourceCommit.commitId.');
        completePullRequest(ctx, pr, {
          lastMergeSourceCommit: last,
          by,
          ...(body.completionOptions && typeof body.completionOptions === 'object' ? { completionOptions: body.completionOptions as Json } : {}),
        });
      } else if (status === 'abandoned' || status === 'active') {
        setPullRequestStatus(ctx, pr, status, by);
      } else if (status !== undefined) {
        return badArgument(res, `Invalid pull request status: ${String(body.status)}`);
      }
      sendJson(res, pullRequestJson(ctx, pr));
    } catch (err) {
      sendGitError(res, err);
    }
  });

  r.get(prRoute('/:id/commits'), code, (req, res) => {
    const pr = resolve(req, res);
    if (pr) sendCollection(req, res, pullRequestCommits(ctx, pr));
  });

  r.get(prRoute('/:id/iterations'), code, (req, res) => {
    const pr = resolve(req, res);
    if (pr) sendCollection(req, res, iterationsOf(ctx, pr).map((it) => iterationJson(ctx, pr, it)));
  });

  const iterationOf = (req: Request, res: Response) => {
    const pr = resolve(req, res);
    if (!pr) return null;
    const it = iterationsOf(ctx, pr).find((x) => String(x.id) === req.params.iterationId);
    if (!it) {
      // UNVERIFIED wording.
      sendAdoError(res, 404, { message: `TF401178: The iteration ${req.params.iterationId} of pull request ${pr.id} does not exist.`, typeKey: 'GitPullRequestIterationNotFoundException' });
      return null;
    }
    return { pr, it };
  };

  r.get(prRoute('/:id/iterations/:iterationId'), code, (req, res) => {
    const found = iterationOf(req, res);
    if (found) sendJson(res, iterationJson(ctx, found.pr, found.it));
  });

  // Pull Request Iteration Changes - Get: files only, paged by $top/$skip with nextSkip/nextTop (0 when done).
  r.get(prRoute('/:id/iterations/:iterationId/changes'), code, (req, res) => {
    const found = iterationOf(req, res);
    if (!found) return;
    const { pr, it } = found;
    const top = Number(q(req, '$top') ?? 100); // documented default 100, maximum 2000
    const skip = Number(q(req, '$skip') ?? 0);
    const compareTo = Number(q(req, '$compareTo') ?? 0);
    if (!Number.isInteger(top) || top <= 0 || top > 2000 || !Number.isInteger(skip) || skip < 0) return badArgument(res, 'Invalid $top or $skip value.');
    if (!Number.isInteger(compareTo) || compareTo < 0 || compareTo >= it.id) return badArgument(res, `Invalid $compareTo value: ${q(req, '$compareTo')}`);
    const all = iterationChanges(ctx, pr, it, compareTo);
    const page = all.slice(skip, skip + top);
    const more = skip + top < all.length;
    sendJson(res, {
      changeEntries: page.map((c, i) => ({
        changeTrackingId: trackingIdOf(pr, c.path),
        changeId: skip + i + 1,
        item: {
          ...(c.objectId ? { objectId: c.objectId } : {}),
          ...(c.originalObjectId ? { originalObjectId: c.originalObjectId } : {}),
          path: `/${c.path}`,
        },
        changeType: c.changeType,
        ...(c.sourcePath ? { originalPath: `/${c.sourcePath}` } : {}),
      })),
      nextSkip: more ? skip + top : 0,
      nextTop: more ? top : 0,
    });
  });

  // File Diffs - Get File Diffs (preview): line blocks between two commits for each file asked.
  r.post(['/_apis/git/repositories/:repo/filediffs', '/:project/_apis/git/repositories/:repo/filediffs'], requirePreview, code, requireJsonBody, (req, res) => {
    const t = target(req, res);
    if (!t) return;
    const body = req.body as Json;
    const history = ctx.history(t.org, t.repo);
    const baseCommit = typeof body.baseVersionCommit === 'string' ? history.commit(body.baseVersionCommit) : undefined;
    const targetCommit = typeof body.targetVersionCommit === 'string' ? history.commit(body.targetVersionCommit) : undefined;
    if (!baseCommit || !targetCommit) return badArgument(res, 'baseVersionCommit and targetVersionCommit must name commits of the repository.');
    const params = Array.isArray(body.fileDiffParams) ? (body.fileDiffParams as Json[]) : [];
    if (!params.length || params.some((p) => typeof p?.path !== 'string')) return badArgument(res, 'fileDiffParams needs at least one {path, originalPath}.');
    const text = (tree: typeof baseCommit.tree, path: string) => {
      const e = tree.get(normalizePath(path));
      return e ? history.blob(e.blobId)!.toString('utf8') : '';
    };
    sendCollection(
      req,
      res,
      params.map((p) => {
        const path = String(p.path);
        const originalPath = typeof p.originalPath === 'string' && p.originalPath ? p.originalPath : path;
        return { path, originalPath, lineDiffBlocks: lineDiff(splitLines(text(baseCommit.tree, originalPath)), splitLines(text(targetCommit.tree, path))) };
      }),
    );
  });

  r.get(prRoute('/:id/statuses'), code, (req, res) => {
    const pr = resolve(req, res);
    if (pr) sendCollection(req, res, ctx.state.prStatuses.get(key(pr)) ?? []);
  });

  const postStatus = (req: Request, res: Response) => {
    const pr = resolve(req, res);
    if (!pr) return;
    const body = { ...(req.body as Json) };
    // The iteration-scoped route names its iteration in the path.
    if (req.params.iterationId !== undefined) {
      const it = iterationsOf(ctx, pr).find((x) => String(x.id) === req.params.iterationId);
      // UNVERIFIED wording.
      if (!it) return sendAdoError(res, 404, { message: `TF401178: The iteration ${req.params.iterationId} of pull request ${pr.id} does not exist.`, typeKey: 'GitPullRequestIterationNotFoundException' });
      body.iterationId = it.id;
    }
    const state = STATUS_STATES.find((s) => eqi(s, String(body.state ?? 'notSet')));
    const context = body.context as Json | undefined;
    // UNVERIFIED wordings.
    if (!state) return badArgument(res, `Invalid status state: ${String(body.state)}`);
    if (typeof context?.name !== 'string' || context.name === '') return badArgument(res, 'The status context name is required.');
    const statuses = ctx.state.prStatuses.get(key(pr)) ?? [];
    const now = new Date().toISOString();
    const repoUrl = `${ctx.orgUrlOf(pr.org)}/${pr.project.id}/_apis/git/repositories/${pr.repo.id}`;
    const status: Json = {
      id: statuses.length + 1,
      state,
      description: typeof body.description === 'string' ? body.description : undefined,
      context: { name: context.name, ...(typeof context.genre === 'string' ? { genre: context.genre } : {}) },
      creationDate: now,
      updatedDate: now,
      createdBy: ctx.identityRef(pr.org, locals(res).identity),
      targetUrl: typeof body.targetUrl === 'string' ? body.targetUrl : undefined,
      ...(typeof body.iterationId === 'number' ? { iterationId: body.iterationId } : {}),
      _links: { self: { href: `${repoUrl}/pullRequests/${pr.id}/statuses/${statuses.length + 1}` }, repository: { href: repoUrl } },
    };
    ctx.state.prStatuses.set(key(pr), [...statuses, status]);
    sendJson(res, status);
  };
  r.post(prRoute('/:id/statuses'), requireScope('vso.code_status'), requireJsonBody, postStatus);
  r.post(prRoute('/:id/iterations/:iterationId/statuses'), requireScope('vso.code_status'), requireJsonBody, postStatus);

  r.get(prRoute('/:id/iterations/:iterationId/statuses'), code, (req, res) => {
    const pr = resolve(req, res);
    if (pr) sendCollection(req, res, (ctx.state.prStatuses.get(key(pr)) ?? []).filter((st) => String(st.iterationId) === req.params.iterationId));
  });

  const threadsOf = (pr: PullRequestRecord) => ctx.state.prThreads.get(key(pr)) ?? [];

  const comment = (c: Json, id: number, author: Json, now: string): Json => ({
    id,
    parentCommentId: typeof c.parentCommentId === 'number' ? c.parentCommentId : 0,
    author,
    content: c.content,
    publishedDate: now,
    lastUpdatedDate: now,
    lastContentUpdatedDate: now,
    commentType: 'text',
    usersLiked: [],
  });

  r.get(prRoute('/:id/threads'), code, (req, res) => {
    const pr = resolve(req, res);
    if (pr) sendCollection(req, res, threadsOf(pr));
  });

  const threadOf = (req: Request, res: Response) => {
    const pr = resolve(req, res);
    if (!pr) return null;
    const thread = threadsOf(pr).find((t) => String(t.id) === req.params.threadId);
    if (!thread) {
      // UNVERIFIED wording.
      sendAdoError(res, 404, { message: `TF401181: The thread ${req.params.threadId} of pull request ${pr.id} does not exist.`, typeKey: 'CodeReviewThreadNotFoundException' });
      return null;
    }
    return { pr, thread };
  };

  r.get(prRoute('/:id/threads/:threadId'), code, (req, res) => {
    const found = threadOf(req, res);
    if (found) sendJson(res, found.thread);
  });

  r.post(prRoute('/:id/threads'), requireScope('vso.threads_full'), requireJsonBody, (req, res) => {
    const pr = resolve(req, res);
    if (!pr) return;
    const body = req.body as Json;
    const comments = Array.isArray(body.comments) ? (body.comments as Json[]) : [];
    if (!comments.length || comments.some((c) => typeof c?.content !== 'string')) return badArgument(res, 'A thread needs at least one comment with content.');
    const status = threadStatusOf(body.status ?? 'active');
    if (!status) return badArgument(res, `Invalid thread status: ${String(body.status)}`);
    const threads = threadsOf(pr);
    const now = new Date().toISOString();
    const author = ctx.identityRef(pr.org, locals(res).identity);
    const thread: Json = {
      id: threads.length + 1,
      publishedDate: now,
      lastUpdatedDate: now,
      comments: comments.map((c, i) => comment(c, i + 1, author, now)),
      status,
      threadContext: body.threadContext ?? null,
      ...(body.pullRequestThreadContext ? { pullRequestThreadContext: body.pullRequestThreadContext } : {}),
      properties: body.properties && typeof body.properties === 'object' ? body.properties : {},
      identities: null,
      isDeleted: false,
    };
    ctx.state.prThreads.set(key(pr), [...threads, thread]);
    sendJson(res, thread);
  });

  // Pull Request Threads - Update: status (number or name), properties merged.
  r.patch(prRoute('/:id/threads/:threadId'), requireScope('vso.threads_full'), requireJsonBody, (req, res) => {
    const found = threadOf(req, res);
    if (!found) return;
    const body = req.body as Json;
    if (body.status !== undefined) {
      const status = threadStatusOf(body.status);
      if (!status) return badArgument(res, `Invalid thread status: ${String(body.status)}`);
      found.thread.status = status;
    }
    if (body.properties && typeof body.properties === 'object') found.thread.properties = { ...(found.thread.properties as Json), ...(body.properties as Json) };
    found.thread.lastUpdatedDate = new Date().toISOString();
    sendJson(res, found.thread);
  });

  r.post(prRoute('/:id/threads/:threadId/comments'), requireScope('vso.threads_full'), requireJsonBody, (req, res) => {
    const found = threadOf(req, res);
    if (!found) return;
    const body = req.body as Json;
    if (typeof body.content !== 'string') return badArgument(res, 'A comment needs content.');
    const comments = found.thread.comments as Json[];
    const now = new Date().toISOString();
    const added = comment(body, comments.length + 1, ctx.identityRef(found.pr.org, locals(res).identity), now);
    comments.push(added);
    found.thread.lastUpdatedDate = now;
    sendJson(res, added);
  });

  return r;
}
