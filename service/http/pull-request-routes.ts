// /api/v1/repositories/...: the pull-request gate as people see it. The PR tab's read (anyone who can
// see the repository's project), a repository's own gate severity and the "require Vigil's status"
// helper (organization administrators). Mounted by routes.ts behind its authentication.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import {
  pullRequestFindingDtoSchema,
  type PullRequestFindingDto,
  type PullRequestScanDto,
  type PullRequestSecurityDto,
} from '../contract/events-api';
import { repositoryGateRequestSchema, requireStatusPolicyRequestSchema, type RepositoryGateDto, type RequireStatusPolicyResponse } from '../contract/gate-api';
import type { ScanWarning } from '../contract/model';
import { repositoryWebUrl } from '../contract/places';
import type { Severity } from '../contract/vocabulary';
import { notFound } from '../errors';
import { readEventMode, readGateInForce } from '../store/pull-request-reads';
import { getPullRequest, latestPullRequestScan, listPullRequestThreads } from '../store/pull-requests';
import { getRepository } from '../store/repositories';
import type { PullRequestRow, PullRequestScanRow, PullRequestThreadRow, RepositoryRow } from '../store/schema';
import { canSeeProject } from '../usecases/identify-caller';
import { changeRepositoryGate } from '../usecases/organization-settings';
import { requireVigilStatus } from '../usecases/require-status-policy';
import { requireCaller, requireOrg, requireOrgAdmin } from './auth';
import { auditActorOf } from './settings-routes';

const repositoryIdParam = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9:._$/-]+$/, 'is not a repository id');
const pullRequestIdParam = z.coerce.number().int('is not a pull request id').positive('is not a pull request id').max(2_147_483_647);

const iso = (d: Date | string | null | undefined): string | undefined => (d ? new Date(d).toISOString() : undefined);
const opt = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

export function pullRequestRouter(ctx: AppContext): Router {
  const r = Router();

  /** The same 404 for a repository that does not exist and one the caller may not see: ids cannot be probed. */
  async function visibleRepository(req: Request, orgId: string, repoId: string): Promise<RepositoryRow> {
    const repo = await getRepository(ctx.store.db, orgId, repoId);
    if (!repo || !(await canSeeProject(ctx, requireCaller(req), repo.project_id))) throw notFound('No such repository in this organization');
    return repo;
  }

  r.post('/required-status-policy', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const body = requireStatusPolicyRequestSchema.parse(req.body ?? {});
    const results = await requireVigilStatus(ctx, org, body.repositoryIds, { blocking: body.blocking });
    ctx.log.info({ orgId: org.org_id, by: caller.userId, outcomes: results.map((x) => `${x.repositoryId}:${x.outcome}`) }, 'required status policy requested');
    const answer: RequireStatusPolicyResponse = { results };
    res.json(answer);
  });

  r.get('/:repoId/gate', async (req, res) => {
    const org = requireOrg(req);
    const repoId = repositoryIdParam.parse(req.params.repoId);
    await visibleRepository(req, org.org_id, repoId);
    const gate = (await readGateInForce(ctx.store.db, org.org_id, repoId))!;
    const answer: RepositoryGateDto = { repositoryId: repoId, severity: gate.severity, source: gate.source };
    res.json(answer);
  });

  r.put('/:repoId/gate', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const repoId = repositoryIdParam.parse(req.params.repoId);
    const { severity } = repositoryGateRequestSchema.parse(req.body ?? {});
    if (!(await changeRepositoryGate(ctx.store.db, org.org_id, auditActorOf(req), repoId, severity))) throw notFound('No such repository in this organization');
    const gate = (await readGateInForce(ctx.store.db, org.org_id, repoId))!;
    ctx.log.info({ orgId: org.org_id, repoId, by: caller.userId, severity }, 'repository gate changed');
    const answer: RepositoryGateDto = { repositoryId: repoId, severity: gate.severity, source: gate.source };
    res.json(answer);
  });

  r.get('/:repoId/pull-requests/:prId', async (req, res) => {
    const org = requireOrg(req);
    const repoId = repositoryIdParam.parse(req.params.repoId);
    const prId = pullRequestIdParam.parse(req.params.prId);
    const repo = await visibleRepository(req, org.org_id, repoId);
    const pr = await getPullRequest(ctx.store.db, org.org_id, repoId, prId);
    if (!pr) {
      throw notFound(
        `Vigil has not seen pull request ${prId} yet: it is scanned when Azure DevOps reports it created or updated (or at the next poll)`,
        'pull-request-not-seen',
      );
    }
    const [scan, threadRows, gate, eventMode] = await Promise.all([
      latestPullRequestScan(ctx.store.db, org.org_id, repoId, prId),
      listPullRequestThreads(ctx.store.db, org.org_id, repoId, prId),
      readGateInForce(ctx.store.db, org.org_id, repoId),
      readEventMode(ctx.store.db, org.org_id),
    ]);
    const threads = new Map(threadRows.map((t) => [t.fingerprint, t]));
    const body: PullRequestSecurityDto = {
      pullRequest: toPullRequestDto(pr, repo.web_url || repositoryWebUrl(org.url, repo.project_name, repo.name)),
      latestScan: scan ? toPullRequestScanDto(scan, threads) : null,
      gate: { severity: gate?.severity ?? 'high', source: gate?.source ?? 'organization' },
      comments: gate?.comments ?? true,
      eventMode,
    };
    res.json(body);
  });

  return r;
}

/** With its page in ADO: {repository page}/pullrequest/{id}. */
function toPullRequestDto(pr: PullRequestRow, repositoryUrl: string): PullRequestSecurityDto['pullRequest'] {
  return {
    id: pr.pull_request_id,
    repositoryId: pr.repo_id,
    title: opt(pr.title),
    status: pr.status,
    sourceRef: pr.source_ref,
    targetRef: pr.target_ref,
    createdBy: opt(pr.created_by_name ?? pr.created_by),
    webUrl: `${repositoryUrl.replace(/\/+$/, '')}/pullrequest/${pr.pull_request_id}`,
  };
}

/** Stored findings as the contract has them (an entry that is not is left out), with their thread's id and state. */
function findingsOf(raw: unknown[], threads: Map<string, PullRequestThreadRow>): PullRequestFindingDto[] {
  const out: PullRequestFindingDto[] = [];
  for (const item of raw) {
    const parsed = pullRequestFindingDtoSchema.safeParse(item);
    if (!parsed.success) continue;
    const thread = threads.get(parsed.data.fingerprint);
    out.push(thread ? { ...parsed.data, threadId: thread.thread_id, threadState: thread.state as PullRequestFindingDto['threadState'] } : parsed.data);
  }
  return out;
}

export function toPullRequestScanDto(s: PullRequestScanRow, threads: Map<string, PullRequestThreadRow>): PullRequestScanDto {
  return {
    id: s.pr_scan_id,
    repositoryId: s.repo_id,
    pullRequestId: s.pull_request_id,
    iterationId: opt(s.iteration_id),
    sourceCommit: opt(s.source_commit),
    targetCommit: opt(s.target_commit),
    state: s.state as PullRequestScanDto['state'],
    verdict: opt(s.verdict) as PullRequestScanDto['verdict'],
    gateSeverity: opt(s.gate_severity) as Severity | undefined,
    filesChanged: opt(s.files_changed),
    queuedAt: iso(s.queued_at)!,
    startedAt: iso(s.started_at),
    finishedAt: iso(s.finished_at),
    durationMs: opt(s.duration_ms),
    error: opt(s.error),
    warnings: (s.warnings ?? []) as ScanWarning[],
    newFindings: findingsOf(s.new_findings ?? [], threads),
    existingFindings: findingsOf(s.existing_findings ?? [], threads),
  };
}
