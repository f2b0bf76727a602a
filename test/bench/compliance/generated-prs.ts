// Merged pull requests of the compliance benchmark, made on demand from (repository, index) and never held:
// 50,000 of them with their reviewers, vote threads, commits, statuses, iterations, project-wide PR builds
// (one per pull request, 1 in 20 deleted by retention) and timelines, in the shapes of the fake's compliance
// history (test/fake-ado/compliance-store.ts). Served through startFakeAdo's `extraRoutes`, so behind its
// rate limit and authentication. Every pull request closed within the last 85 days, spread evenly.
import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { FakeContext } from '../../fake-ado/server';

const DAY = 86_400_000;
const PERIOD_DAYS = 85;
const TASKS = [
  [{ name: 'Microsoft Security DevOps', task: 'MicrosoftSecurityDevOps' }, { name: 'Publish test results', task: 'PublishTestResults' }, { name: 'Dependency check', task: 'dependency-check-build-task' }],
  [{ name: 'Build', task: 'Npm' }, { name: 'Publish test results', task: 'PublishTestResults' }],
] as const;

const sha = (s: string) => createHash('sha1').update(s).digest('hex');
const guid = (s: string) => {
  const h = sha(s);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const person = (n: number) => ({ id: guid(`person-${n % 40}`), displayName: `Person ${n % 40}`, uniqueName: `person${n % 40}@bench.example` });
const q = (req: Request, name: string) => {
  const v = Object.entries(req.query).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  return typeof v === 'string' ? v : undefined;
};

interface RepoSlot {
  id: string;
  projectId: string;
  /** Index in the organization (0-based), and in its project. */
  index: number;
  inProject: number;
}

export function generatedPullRequestRoutes(opts: { org: string; perRepo: number; now: number }) {
  return (ctx: FakeContext): Router => {
    const r = Router({ mergeParams: true });
    const org = ctx.findOrg(opts.org);
    if (!org) throw new Error(`bench: no organization ${opts.org}`);
    const repos = new Map<string, RepoSlot>();
    const byProject = new Map<string, RepoSlot[]>();
    let index = 0;
    for (const p of org.projects) {
      const slots = p.repos.map((repo, inProject) => ({ id: repo.id, projectId: p.id, index: index++, inProject }));
      byProject.set(p.id, slots);
      for (const s of slots) repos.set(s.id.toLowerCase(), s);
    }
    const repoOf = (req: Request) => repos.get(String(req.params.repo).toLowerCase());
    const prId = (slot: RepoSlot, k: number) => (slot.index + 1) * 1000 + k + 1;
    const slotOf = (id: number) => [...repos.values()].find((s) => s.index === Math.floor(id / 1000) - 1);
    const closedAt = (k: number) => opts.now - ((k + 0.5) / opts.perRepo) * PERIOD_DAYS * DAY;
    const iso = (t: number) => new Date(t).toISOString();
    const author = (slot: RepoSlot, k: number) => person(slot.index + k);
    const url = (slot: RepoSlot) => `${ctx.orgUrlOf(org)}/${slot.projectId}/_apis/git/repositories/${slot.id}`;

    const pullRequest = (slot: RepoSlot, k: number) => {
      const id = prId(slot, k);
      const closed = closedAt(k);
      const reviewer = person(slot.index + k + 1 + (k % 7 === 3 ? 39 : 0)); // 1 in 7: the author reviews
      return {
        repository: { id: slot.id, name: `repo-${slot.index}`, project: { id: slot.projectId } },
        pullRequestId: id,
        codeReviewId: id,
        status: 'completed',
        createdBy: author(slot, k),
        creationDate: iso(closed - DAY),
        closedDate: iso(closed),
        closedBy: author(slot, k),
        title: `Change ${k} of repo ${slot.index}`,
        sourceRefName: `refs/heads/feature/${k}`,
        targetRefName: k % 10 === 9 ? 'refs/heads/release/2026.1' : 'refs/heads/main',
        mergeStatus: 'succeeded',
        isDraft: false,
        lastMergeSourceCommit: { commitId: sha(`${id}/source`) },
        lastMergeTargetCommit: { commitId: sha(`${id}/target`) },
        lastMergeCommit: { commitId: sha(`${id}/merge`) },
        reviewers: [{ ...reviewer, vote: 10, isRequired: false, hasDeclined: false, isFlagged: false }],
        labels: k % 50 === 17 ? [{ id: guid(`label-${id}`), name: 'emergency', active: true }] : [],
        url: `${url(slot)}/pullRequests/${id}`,
      };
    };

    const prOf = (req: Request, res: Response) => {
      const slot = repoOf(req);
      const id = Number(req.params.id);
      const k = id - (slot ? (slot.index + 1) * 1000 + 1 : 0);
      if (!slot || !Number.isInteger(k) || k < 0 || k >= opts.perRepo) {
        res.status(404).json({ message: 'TF401180: The requested pull request was not found.', typeKey: 'GitPullRequestNotFoundException' });
        return null;
      }
      return { slot, k, id };
    };
    const collection = (res: Response, value: unknown[], token?: string) => {
      if (token) res.setHeader('x-ms-continuationtoken', token);
      res.json({ count: value.length, value });
    };
    const routes = (suffix: string) => [`/_apis/git/repositories/:repo/pullrequests${suffix}`, `/:project/_apis/git/repositories/:repo/pullrequests${suffix}`];

    r.get(routes(''), (req, res, next) => {
      const slot = repoOf(req);
      if (!slot) return next();
      const top = Number(q(req, '$top') ?? 101);
      const skip = Number(q(req, '$skip') ?? 0);
      const min = q(req, 'searchCriteria.minTime');
      const minMs = min ? Date.parse(min) : -Infinity;
      const out = [];
      // Newest first: index k grows older.
      for (let k = skip; k < Math.min(opts.perRepo, skip + top); k++) if (closedAt(k) >= minMs) out.push(pullRequest(slot, k));
      collection(res, out);
    });
    r.get(routes('/:id'), (req, res) => {
      const found = prOf(req, res);
      if (found) res.json(pullRequest(found.slot, found.k));
    });
    r.get(routes('/:id/threads'), (req, res) => {
      const found = prOf(req, res);
      if (!found) return;
      const pr = pullRequest(found.slot, found.k);
      const voter = pr.reviewers[0];
      const at = iso(closedAt(found.k) - 3_600_000);
      const prop = (v: string) => ({ $type: 'System.String', $value: v });
      collection(res, [
        {
          id: 1,
          publishedDate: at,
          lastUpdatedDate: at,
          comments: [{ id: 1, parentCommentId: 0, author: voter, content: `${voter.displayName} voted 10`, publishedDate: at, commentType: 'system' }],
          properties: { CodeReviewThreadType: prop('VoteUpdate'), CodeReviewVoteResult: prop('10'), CodeReviewVotedByIdentity: prop('1'), CodeReviewVotedByInitiatorIdentity: prop('1') },
          identities: { 1: voter },
          isDeleted: false,
        },
      ]);
    });
    r.get(routes('/:id/commits'), (req, res) => {
      const found = prOf(req, res);
      if (!found) return;
      const who = author(found.slot, found.k);
      const user = { name: who.displayName, email: who.uniqueName, date: iso(closedAt(found.k) - DAY) };
      collection(res, [{ commitId: sha(`${found.id}/source`), author: user, committer: user, comment: 'change' }]);
    });
    r.get(routes('/:id/statuses'), (req, res) => {
      const found = prOf(req, res);
      if (!found) return;
      const at = iso(closedAt(found.k) - 5_400_000);
      collection(res, found.k % 2 ? [] : [{ id: 1, state: 'succeeded', context: { genre: 'vigil', name: 'security' }, iterationId: 1, creationDate: at, updatedDate: at, description: 'no new findings' }]);
    });
    r.get(routes('/:id/iterations'), (req, res) => {
      const found = prOf(req, res);
      if (!found) return;
      collection(res, [{ id: 1, sourceRefCommit: { commitId: sha(`${found.id}/source`) }, targetRefCommit: { commitId: sha(`${found.id}/target`) }, createdDate: iso(closedAt(found.k) - DAY), reason: 'create' }]);
    });

    // One PR build per pull request of the project, newest first, paged by a continuation token (an offset).
    r.get('/:project/_apis/build/builds', (req, res, next) => {
      const project = org.projects.find((p) => p.id === req.params.project || p.name === req.params.project);
      const slots = project && byProject.get(project.id);
      if (!slots?.length || (q(req, 'reasonFilter') ?? '').toLowerCase() !== 'pullrequest' || q(req, 'branchName')) return next();
      const withDeleted = (q(req, 'deletedFilter') ?? '').toLowerCase() === 'includedeleted';
      const top = Math.min(Number(q(req, '$top') ?? 50), 1000);
      const from = Number(q(req, 'continuationToken') ?? 0);
      const total = slots.length * opts.perRepo;
      const out = [];
      let i = from;
      for (; i < total && out.length < top; i++) {
        const slot = slots[i % slots.length];
        const k = Math.floor(i / slots.length);
        const deleted = k % 20 === 7;
        if (deleted && !withDeleted) continue;
        const id = prId(slot, k);
        const finish = closedAt(k) - 7_200_000;
        out.push({
          id,
          buildNumber: `${id}`,
          status: 'completed',
          result: k % 13 === 5 ? 'failed' : 'succeeded',
          reason: 'pullRequest',
          definition: { id: slot.index + 1, name: `repo-${slot.index} CI` },
          repository: { id: slot.id, type: 'TfsGit' },
          sourceBranch: `refs/pull/${id}/merge`,
          sourceVersion: sha(`${id}/merge`),
          triggerInfo: { 'pr.number': String(id) },
          queueTime: iso(finish - 600_000),
          startTime: iso(finish - 540_000),
          finishTime: iso(finish),
          ...(deleted ? { deleted: true, deletedDate: iso(opts.now - DAY) } : {}),
        });
      }
      collection(res, out, i < total ? String(i) : undefined);
    });
    r.get('/:project/_apis/build/builds/:buildId/timeline', (req, res, next) => {
      const id = Number(req.params.buildId);
      const slot = slotOf(id);
      if (!slot) return next();
      const k = id - (slot.index + 1) * 1000 - 1;
      const tasks = TASKS[k % 3 === 0 ? 1 : 0];
      res.json({
        records: [
          { id: guid(`${id}/job`), type: 'Job', name: 'Job', state: 'completed', result: 'succeeded', order: 1 },
          ...tasks.map((t, j) => ({ id: guid(`${id}/${j}`), parentId: guid(`${id}/job`), type: 'Task', name: t.name, state: 'completed', result: 'succeeded', order: j + 1, task: { id: guid(t.task), name: t.task, version: '1.0.0' } })),
        ],
      });
    });
    return r;
  };
}
