// Pull requests (ado-rest.md §11): list and get from the fixture, and the statuses and comment threads
// that writes add, in memory. Status writes need vso.code_status, thread writes vso.threads_full.
import { Router, type Request, type Response } from 'express';
import { locals, type FakeContext } from '../context';
import { badArgument, eqi, pageOf, q, sendCollection, sendJson } from '../http';
import { requireJsonBody, requireScope } from '../middleware';
import { derivedSha, type Json, type OrgDef, type ProjectDef, type PullRequestDef, type RepoDef } from '../model';
import { sendAdoError } from '../responses';

const STATUS_STATES = ['notSet', 'pending', 'succeeded', 'failed', 'error', 'notApplicable'];
const THREAD_STATUSES = ['unknown', 'active', 'fixed', 'wontFix', 'closed', 'byDesign', 'pending'];

/** A stable GUID-shaped id from a sha1. */
const guidFrom = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;

interface Found {
  org: OrgDef;
  project: ProjectDef;
  repo: RepoDef;
  pr: PullRequestDef;
}

export function pullRequestRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });
  const code = requireScope('vso.code');

  const pullRequestsOf = (org: OrgDef, project: ProjectDef, repo: RepoDef) =>
    (ctx.projectAreas(org, project).pullRequests ?? []).filter((pr) => pr.repository === repo.name);

  const json = ({ org, project, repo, pr }: Found): Json => {
    const repoUrl = `${ctx.orgUrlOf(org)}/${project.id}/_apis/git/repositories/${repo.id}`;
    const base = ctx.headOf(org, repo) ?? '0'.repeat(40);
    const commit = (kind: string) => ({ commitId: derivedSha(`refs/pull/${pr.id}/${kind}`, base), url: `${repoUrl}/commits/${derivedSha(`refs/pull/${pr.id}/${kind}`, base)}` });
    const who = (key: string) => ctx.identityRef(org, ctx.identity(org, key));
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
      mergeStatus: pr.mergeStatus,
      isDraft: pr.isDraft,
      mergeId: guidFrom(derivedSha(`merge-id/${pr.id}`, base)),
      lastMergeSourceCommit: commit('source'),
      lastMergeTargetCommit: commit('target'),
      ...(pr.mergeStatus === 'succeeded' ? { lastMergeCommit: commit('merge') } : {}),
      reviewers: pr.reviewers.map((rv) => ({
        ...who(rv.identity),
        reviewerUrl: `${repoUrl}/pullRequests/${pr.id}/reviewers/${ctx.identity(org, rv.identity).id}`,
        vote: rv.vote,
        hasDeclined: false,
        isRequired: rv.isRequired ?? false,
        isFlagged: false,
      })),
      labels: pr.labels.map((l) => ({ id: guidFrom(derivedSha(`label/${l.name}`, base)), name: l.name, active: l.active })),
      ...(pr.closedBy ? { closedBy: who(pr.closedBy) } : {}),
      ...(pr.completionOptions ? { completionOptions: pr.completionOptions } : {}),
      url: `${repoUrl}/pullRequests/${pr.id}`,
      supportsIterations: true,
      artifactId: `vstfs:///Git/PullRequestId/${project.id}%2f${repo.id}%2f${pr.id}`,
    };
  };

  /** The repository (inside the project) and its pull request; sends the 404 itself. */
  const resolve = (req: Request, res: Response): Found | null => {
    const found = ctx.resolveRepo(req, res, { allowDisabled: false });
    if (!found) return null;
    const { org } = locals(res);
    const pr = pullRequestsOf(org, found.project, found.repo).find((x) => String(x.id) === req.params.id);
    if (!pr) {
      sendAdoError(res, 404, { message: `TF401180: The requested pull request was not found.`, typeKey: 'GitPullRequestNotFoundException' });
      return null;
    }
    return { org, ...found, pr };
  };

  const key = (f: Found) => `${f.org.name}/${f.repo.id}/${f.pr.id}`;

  r.get('/:project/_apis/git/repositories/:repo/pullrequests', code, (req, res) => {
    const found = ctx.resolveRepo(req, res, { allowDisabled: false });
    if (!found) return;
    const { org } = locals(res);
    const status = (q(req, 'searchCriteria.status') ?? 'active').toLowerCase();
    const target = q(req, 'searchCriteria.targetRefName');
    const source = q(req, 'searchCriteria.sourceRefName');
    const creator = q(req, 'searchCriteria.creatorId');
    const reviewer = q(req, 'searchCriteria.reviewerId');
    const matching = pullRequestsOf(org, found.project, found.repo)
      .filter((pr) => status === 'all' || pr.status.toLowerCase() === status)
      .filter((pr) => !target || eqi(pr.targetRefName, target))
      .filter((pr) => !source || eqi(pr.sourceRefName, source))
      .filter((pr) => !creator || eqi(ctx.identity(org, pr.createdBy).id, creator))
      .filter((pr) => !reviewer || pr.reviewers.some((rv) => eqi(ctx.identity(org, rv.identity).id, reviewer)))
      .sort((a, b) => b.id - a.id);
    // $top/$skip, no token. UNVERIFIED default page size (ado-rest.md §15).
    const page = pageOf(req, res, matching, { defaultTop: 101 });
    if (page) sendCollection(req, res, page.items.map((pr) => json({ org, ...found, pr })));
  });

  r.get('/:project/_apis/git/repositories/:repo/pullrequests/:id', code, (req, res) => {
    const found = resolve(req, res);
    if (found) sendJson(res, json(found));
  });

  r.get('/:project/_apis/git/repositories/:repo/pullrequests/:id/statuses', code, (req, res) => {
    const found = resolve(req, res);
    if (found) sendCollection(req, res, ctx.state.prStatuses.get(key(found)) ?? []);
  });

  r.post('/:project/_apis/git/repositories/:repo/pullrequests/:id/statuses', requireScope('vso.code_status'), requireJsonBody, (req, res) => {
    const found = resolve(req, res);
    if (!found) return;
    const body = req.body as Json;
    const state = STATUS_STATES.find((s) => eqi(s, String(body.state ?? 'notSet')));
    const context = body.context as Json | undefined;
    // UNVERIFIED wordings.
    if (!state) return badArgument(res, `Invalid status state: ${String(body.state)}`);
    if (typeof context?.name !== 'string' || context.name === '') return badArgument(res, 'The status context name is required.');
    const statuses = ctx.state.prStatuses.get(key(found)) ?? [];
    const now = new Date().toISOString();
    const repoUrl = `${ctx.orgUrlOf(found.org)}/${found.project.id}/_apis/git/repositories/${found.repo.id}`;
    const status: Json = {
      id: statuses.length + 1,
      state,
      description: typeof body.description === 'string' ? body.description : undefined,
      context: { name: context.name, ...(typeof context.genre === 'string' ? { genre: context.genre } : {}) },
      creationDate: now,
      updatedDate: now,
      createdBy: ctx.identityRef(found.org, locals(res).identity),
      targetUrl: typeof body.targetUrl === 'string' ? body.targetUrl : undefined,
      ...(typeof body.iterationId === 'number' ? { iterationId: body.iterationId } : {}),
      _links: { self: { href: `${repoUrl}/pullRequests/${found.pr.id}/statuses/${statuses.length + 1}` }, repository: { href: repoUrl } },
    };
    ctx.state.prStatuses.set(key(found), [...statuses, status]);
    sendJson(res, status);
  });

  r.get('/:project/_apis/git/repositories/:repo/pullrequests/:id/threads', code, (req, res) => {
    const found = resolve(req, res);
    if (found) sendCollection(req, res, ctx.state.prThreads.get(key(found)) ?? []);
  });

  r.post('/:project/_apis/git/repositories/:repo/pullrequests/:id/threads', requireScope('vso.threads_full'), requireJsonBody, (req, res) => {
    const found = resolve(req, res);
    if (!found) return;
    const body = req.body as Json;
    const comments = Array.isArray(body.comments) ? (body.comments as Json[]) : [];
    if (!comments.length || comments.some((c) => typeof c?.content !== 'string')) return badArgument(res, 'A thread needs at least one comment with content.');
    const status = typeof body.status === 'number' ? THREAD_STATUSES[body.status] : THREAD_STATUSES.find((s) => eqi(s, String(body.status ?? 'active')));
    if (!status) return badArgument(res, `Invalid thread status: ${String(body.status)}`);
    const threads = ctx.state.prThreads.get(key(found)) ?? [];
    const now = new Date().toISOString();
    const author = ctx.identityRef(found.org, locals(res).identity);
    const thread: Json = {
      id: threads.length + 1,
      publishedDate: now,
      lastUpdatedDate: now,
      comments: comments.map((c, i) => ({
        id: i + 1,
        parentCommentId: typeof c.parentCommentId === 'number' ? c.parentCommentId : 0,
        author,
        content: c.content,
        publishedDate: now,
        lastUpdatedDate: now,
        lastContentUpdatedDate: now,
        commentType: 'text',
        usersLiked: [],
      })),
      status,
      threadContext: body.threadContext ?? null,
      properties: {},
      identities: null,
      isDeleted: false,
    };
    ctx.state.prThreads.set(key(found), [...threads, thread]);
    sendJson(res, thread);
  });

  return r;
}
