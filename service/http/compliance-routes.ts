// /api/v1/compliance: pull-request compliance evidence (issue 15). Rights as for findings: organization
// administrators read the whole organization and change the settings; others read one project (or one
// repository) they can see in Azure DevOps. Mounted by routes.ts behind its authentication.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import {
  complianceExportQuerySchema,
  complianceFilterQuerySchema,
  compliancePullRequestsQuerySchema,
  complianceRepositoryRequestSchema,
  complianceScopeQuerySchema,
  complianceSettingsRequestSchema,
  type ComplianceSummaryDto,
} from '../contract/compliance-api';
import { badRequest, notFound } from '../errors';
import { queueComplianceEvaluation } from '../jobs/evaluate-compliance';
import {
  complianceCounts,
  compliancePullRequestDetail,
  listComplianceBranches,
  listCompliancePullRequests,
  listComplianceRepositories,
  readComplianceCollection,
  readComplianceSettings,
  updateComplianceRepository,
  updateComplianceSettings,
  type ComplianceFilters,
} from '../store/compliance-reads';
import { dayOf } from '../triage/dismissal';
import { exportCompliance } from '../usecases/export-compliance';
import { requireCaller, requireOrg, requireOrgAdmin } from './auth';
import { stream as streamBody } from './findings-export';
import { requireFindingsScope } from './findings-query';
import { decodeCursor, paged } from './paging';

export interface ComplianceRouterOptions {
  /** Asks for the stored pull requests to be judged again (settings changed); default: the evaluation job. */
  reevaluate?: (ctx: AppContext, orgId: string) => Promise<unknown>;
}

type FilterQuery = z.infer<typeof complianceFilterQuerySchema>;

/** The period (defaults: the organization's start date to today) and filters of a query; from after to is refused. */
export async function complianceFiltersOf(ctx: AppContext, orgId: string, q: FilterQuery): Promise<ComplianceFilters> {
  const settings = await readComplianceSettings(ctx.store.db, orgId);
  const to = q.to ?? dayOf(new Date());
  const from = q.from ?? settings?.startDate ?? to;
  if (from > to) throw badRequest(`from (${from}) is after to (${to}); the period runs from its first day to its last`, 'validation');
  return { from, to, projectId: q.project, repoId: q.repository, checks: q.check, outcomes: q.outcome, emergency: q.emergency };
}

export function complianceRouter(ctx: AppContext, opts: ComplianceRouterOptions = {}): Router {
  const r = Router();
  const db = () => ctx.store.db;
  const reevaluate = opts.reevaluate ?? queueComplianceEvaluation;

  async function scoped(req: Request, q: { project?: string; repository?: string }): Promise<string> {
    const org = requireOrg(req);
    await requireFindingsScope(ctx, req, org.org_id, q);
    return org.org_id;
  }

  r.get('/compliance/settings', async (req, res) => {
    requireCaller(req);
    const org = requireOrg(req);
    const settings = await readComplianceSettings(db(), org.org_id);
    if (!settings) throw notFound('This organization is not connected to Vigil');
    res.json(settings);
  });

  r.put('/compliance/settings', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const change = complianceSettingsRequestSchema.parse(req.body ?? {});
    const settings = await updateComplianceSettings(db(), org.org_id, change, caller.userId);
    if (!settings) throw notFound('This organization is not connected to Vigil');
    ctx.log.info({ orgId: org.org_id, by: caller.userId, fields: Object.keys(change) }, 'compliance settings changed');
    await reevaluate(ctx, org.org_id);
    res.json(settings);
  });

  r.get('/compliance/repositories', async (req, res) => {
    const q = z.object({ project: complianceScopeQuerySchema.shape.project }).parse(req.query);
    const orgId = await scoped(req, q);
    res.json({ items: await listComplianceRepositories(db(), orgId, q.project) });
  });

  r.put('/compliance/repositories/:repoId', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const repoId = complianceScopeQuerySchema.shape.repository.unwrap().parse(req.params.repoId);
    const change = complianceRepositoryRequestSchema.parse(req.body ?? {});
    const repo = await updateComplianceRepository(db(), org.org_id, repoId, change, caller.userId);
    if (!repo) throw notFound('No such repository in this organization');
    ctx.log.info({ orgId: org.org_id, by: caller.userId, repoId }, 'compliance settings of a repository changed');
    await reevaluate(ctx, org.org_id);
    res.json(repo);
  });

  r.get('/compliance/summary', async (req, res) => {
    const q = complianceFilterQuerySchema.parse(req.query);
    const orgId = await scoped(req, q);
    const f = await complianceFiltersOf(ctx, orgId, q);
    const counts = await complianceCounts(db(), orgId, f);
    // Without per-pull-request results for it, the branch check's figures are the production branches' now.
    const branchCheck = counts.checks.find((c) => c.checkId === 'CMP-BRANCH-APPROVAL');
    if (branchCheck && Object.values(branchCheck.counts).every((n) => n === 0)) {
      const b = counts.branches;
      Object.assign(branchCheck, { counts: b, passRate: b.pass + b.fail ? b.pass / (b.pass + b.fail) : null });
    }
    const body: ComplianceSummaryDto = {
      from: f.from,
      to: f.to,
      pullRequests: counts.pullRequests,
      checks: counts.checks,
      emergency: counts.emergency,
      branches: counts.branches,
      collection: await readComplianceCollection(db(), orgId),
    };
    res.json(body);
  });

  const listPullRequests = (emergency: boolean) => async (req: Request, res: Response) => {
    const q = compliancePullRequestsQuerySchema.parse(req.query);
    const orgId = await scoped(req, q);
    const f = await complianceFiltersOf(ctx, orgId, { ...q, emergency: emergency || q.emergency });
    const offset = decodeCursor(q.cursor);
    const { items, total } = await listCompliancePullRequests(db(), orgId, f, { limit: q.limit, offset });
    res.json(paged(items, total, offset, q.limit));
  };
  r.get('/compliance/pull-requests', listPullRequests(false));
  r.get('/compliance/emergency', listPullRequests(true));

  r.get('/compliance/pull-requests/:repoId/:pullRequestId', async (req, res) => {
    const repository = complianceScopeQuerySchema.shape.repository.unwrap().parse(req.params.repoId);
    const pullRequestId = z.coerce.number().int().min(1).max(2 ** 31 - 1).parse(req.params.pullRequestId);
    const orgId = await scoped(req, { repository });
    const detail = await compliancePullRequestDetail(db(), orgId, { repoId: repository, pullRequestId });
    if (!detail) throw notFound('Vigil has recorded no such merged pull request in this repository');
    res.json(detail);
  });

  r.get('/compliance/branches', async (req, res) => {
    const q = complianceScopeQuerySchema.pick({ project: true, repository: true }).parse(req.query);
    const orgId = await scoped(req, q);
    res.json({ items: await listComplianceBranches(db(), orgId, { projectId: q.project, repoId: q.repository }) });
  });

  r.get('/compliance/export', async (req, res) => {
    const q = complianceExportQuerySchema.parse(req.query);
    const org = requireOrg(req);
    await requireFindingsScope(ctx, req, org.org_id, q);
    const f = await complianceFiltersOf(ctx, org.org_id, q);
    const settings = (await readComplianceSettings(db(), org.org_id))!;
    const sheet = q.format === 'csv' ? (q.sheet ?? 'all') : 'all';
    const name = `vigil-compliance-${f.from}-to-${f.to}${sheet === 'summary' ? '-summary' : ''}.${q.format}`;
    res.set('Cache-Control', 'no-store');
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Content-Type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="${name}"`);
    const chunks = exportCompliance(db(), org.org_id, { filters: f, settings, organization: org.url, format: q.format, sheet });
    await streamBody(ctx, res, async (write) => {
      for await (const text of chunks) await write(text);
    });
  });

  return r;
}
