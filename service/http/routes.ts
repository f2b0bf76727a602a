// /api/v1: thin routes. Validate at the edge (zod), call the store or queue, map rows to DTOs.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import {
  connectRequestSchema,
  dependenciesQuerySchema,
  dismissRequestSchema,
  findingsQuerySchema,
  licensePolicySchema,
  repositoriesQuerySchema,
  scansQuerySchema,
  triggerScanRequestSchema,
  type DependenciesPage,
  type AdvisoryStatusResponse,
  type ConnectResponse,
  type DiscoverResponse,
  type MeResponse,
  type TriggerScanResponse,
} from '../contract/api';
import { repositoryWebUrl } from '../contract/places';
import { EXCLUDED_BY_SELECTION } from '../contract/selection-api';
import { AppError, forbidden, notFound } from '../errors';
import type { RepositoryRow } from '../store/schema';
import { enqueueScan, requestDiscoveryOf } from '../jobs/queue';
import { requestThreadResolution } from '../jobs/pull-request-queue';
import { advisoryStatus } from '../store/advisories';
import { getFinding, listFindingGroups, listFindings } from '../store/finding-queries';
import { getInventoryMeta, listDependencies } from '../store/inventories';
import { dismissFindingGroup, reopenFindingGroup } from '../store/findings';
import { getOrganization } from '../store/organizations';
import { countRepositories, getRepository, listRepositories, scannableRepositories } from '../store/repositories';
import { isRepositoryExcluded } from '../store/repository-selection';
import { getScans, listScans } from '../store/scans';
import { connectOrganization } from '../usecases/connect-organization';
import { audited } from '../usecases/audited';
import { licensePolicyOf } from '../usecases/license-policy';
import { changeLicensePolicy } from '../usecases/organization-settings';
import { repositorySbom } from '../usecases/repository-sbom';
import { dayOf } from '../triage/dismissal';
import { canSeeProject, visibleProjectIds } from '../usecases/identify-caller';
import { authenticate, requireCaller, requireOrg, requireOrgAdmin } from './auth';
import { toDependencyDto, toFindingDto, toFindingGroupDto, toInventoryDto, toOrganizationDto, toRepositoryDto, toScanDto } from './dto';
import { decodeCursor, paged } from './paging';
import { overviewRouter } from './overview-routes';
import { postureRouter } from './posture-routes';
import { eventDeliveryRouter } from './hooks-routes';
import { pullRequestRouter } from './pull-request-routes';
import { selectionRouter } from './selection-routes';
import { auditActorOf, settingsRouter } from './settings-routes';
import { findingsBulkRouter } from './findings-bulk';
import { consoleRouter } from './console-routes';
import { findingsExportRouter } from './findings-export';
import { complianceRouter } from './compliance-routes';
import { queueComplianceEvaluation } from '../jobs/evaluate-compliance';
import { pipelineTokenRouter } from './pipeline-routes';
import { listPipelineFindings } from '../store/pipeline-runs';
import { toPipelineFindingDto } from './pipeline-findings';
import { decodeFindingsCursor, findingFiltersOf, findingOrderOf, pagedFindings } from './findings-query';

/** The contract's request, plus what only the server can judge: an expiry is not in the past. */
const dismissBody = dismissRequestSchema.extend({
  expires: dismissRequestSchema.shape.expires.refine(
    (d) => d === undefined || d >= dayOf(new Date()),
    'must not be in the past',
  ),
});

export interface ApiRouterOptions {
  /** Vigil's version, named in the SBOMs it serves. */
  version?: string;
}

export function apiRouter(ctx: AppContext, opts: ApiRouterOptions = {}): Router {
  const r = Router();
  const auth = authenticate(ctx);
  r.use(auth);

  r.get('/me', (req, res) => {
    const c = requireCaller(req);
    const body: MeResponse = {
      user: { id: c.userId, displayName: c.displayName },
      organization: { name: c.orgName, connected: !!c.org, id: c.org?.org_id, url: c.org?.url ?? c.orgUrl },
      isOrgAdmin: c.isOrgAdmin,
    };
    res.json(body);
  });

  r.post('/organization/connect', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = await connectOrganization(ctx, caller, connectRequestSchema.parse(req.body), auditActorOf(req));
    auth.cache.forgetOrg(caller.orgName);
    const body: ConnectResponse = { ...toOrganizationDto(org, await countRepositories(ctx.store.db, org.org_id)), postureScopeGaps: org.postureScopeGaps };
    res.status(201).json(body);
  });

  r.get('/organization', async (req, res) => {
    const caller = requireCaller(req);
    // Read again: the caller (and the row in it) may come from the cache, the discovery state may not.
    const org = (await getOrganization(ctx.store.db, requireOrg(req).org_id)) ?? requireOrg(req);
    if (caller.isOrgAdmin) return void res.json(toOrganizationDto(org, await countRepositories(ctx.store.db, org.org_id)));
    // Others see what their projects show: their repositories, and not why the last discovery failed
    // (an administrator's matter, and it may name the PAT's owner or state).
    const projectIds = [...(await visibleProjectIds(ctx, caller))];
    const { lastDiscoveryError: _adminsOnly, ...dto } = toOrganizationDto(org, await countRepositories(ctx.store.db, org.org_id, { projectIds }));
    res.json(dto);
  });

  // GET / PATCH / PUT /organization/settings, the credential, the audit log: settings-routes.ts.
  r.use(settingsRouter(ctx));

  r.get('/organization/license-policy', async (req, res) => {
    const org = requireOrg(req);
    const body = await licensePolicyOf(ctx.store.db, org.org_id);
    if (!body) throw notFound('The organization is no longer connected');
    res.json(body);
  });

  r.put('/organization/license-policy', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const policy = licensePolicySchema.parse(req.body);
    if (!(await changeLicensePolicy(ctx.store.db, org.org_id, auditActorOf(req), policy))) throw notFound('The organization is no longer connected');
    ctx.log.info({ orgId: org.org_id, by: caller.userId, mode: policy.mode }, 'license policy changed');
    // Findings follow at each repository's next scan.
    res.json((await licensePolicyOf(ctx.store.db, org.org_id))!);
  });

  r.post('/discover', async (req, res) => {
    requireOrgAdmin(req);
    const org = requireOrg(req);
    const body: DiscoverResponse = { queued: (await requestDiscoveryOf(ctx, org.org_id, 'manual')) ? 1 : 0 };
    res.status(202).json(body);
  });

  // The OSV mirror is global (public data): any caller may see how its sync goes.
  r.get('/advisories/status', async (req, res) => {
    requireCaller(req);
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : undefined);
    const body: AdvisoryStatusResponse = {
      ecosystems: (await advisoryStatus(ctx.store.db)).map((s) => ({
        ecosystem: s.ecosystem,
        records: s.recordCount,
        lastSyncAt: iso(s.lastSyncAt),
        lastSuccessAt: iso(s.lastSuccessAt),
        newestRecordAt: iso(s.lastModified),
        warnings: s.warnings,
        lastError: s.lastError ?? undefined,
      })),
    };
    res.json(body);
  });

  r.get('/repositories', async (req, res) => {
    const org = requireOrg(req);
    const q = repositoriesQuerySchema.parse(req.query);
    await requireProjectAccess(ctx, req, q.project);
    const offset = decodeCursor(q.cursor);
    const { rows, total } = await listRepositories(ctx.store.db, org.org_id, { projectId: q.project, limit: q.limit, offset });
    const lastScans = await getScans(ctx.store.db, org.org_id, rows.flatMap((row) => (row.last_scan_id ? [row.last_scan_id] : [])));
    const items = rows.map((row) => toRepositoryDto(row, org.url, row.last_scan_id ? lastScans.get(row.last_scan_id) : undefined));
    res.json(paged(items, total, offset, q.limit));
  });

  r.get('/repositories/:id/dependencies', async (req, res) => {
    const org = requireOrg(req);
    const repoId = repositoryIdParam.parse(req.params.id);
    const repo = await requireRepositoryAccess(ctx, req, org.org_id, repoId);
    const q = dependenciesQuerySchema.parse(req.query);
    const offset = decodeCursor(q.cursor);
    const meta = await getInventoryMeta(ctx.store.db, org.org_id, repoId);
    const { rows, total } = meta
      ? await listDependencies(ctx.store.db, org.org_id, repoId, { ecosystems: q.ecosystem, direct: q.direct, hasAdvisory: q.hasAdvisory, search: q.search || undefined }, { limit: q.limit, offset })
      : { rows: [], total: 0 };
    const link = { webUrl: repositoryPage(org.url, repo), commitSha: meta?.commitSha };
    const body: DependenciesPage = { ...paged(rows.map((p) => toDependencyDto(p, link)), total, offset, q.limit), ...(meta ? { inventory: toInventoryDto(meta) } : {}) };
    res.json(body);
  });

  r.get('/repositories/:id/sbom', async (req, res) => {
    const org = requireOrg(req);
    const repoId = repositoryIdParam.parse(req.params.id);
    const repo = await requireRepositoryAccess(ctx, req, org.org_id, repoId);
    const sbom = await repositorySbom(ctx.store.db, org.org_id, { repoId, name: repo!.name }, opts.version ?? 'unknown');
    if (!sbom) throw notFound('No dependencies are known for this repository yet: scan it first', 'no-inventory');
    const file = `${repo!.name.replace(/[^A-Za-z0-9._-]+/g, '_')}${sbom.commitSha ? `-${sbom.commitSha.slice(0, 12)}` : ''}.cdx.json`;
    res.set('Content-Type', 'application/vnd.cyclonedx+json; version=1.6');
    res.set('Content-Disposition', `attachment; filename="${file}"`);
    res.send(JSON.stringify(sbom.bom, null, 2));
  });

  r.post('/scans', async (req, res) => {
    requireOrgAdmin(req);
    const org = requireOrg(req);
    const body = triggerScanRequestSchema.parse(req.body ?? {});
    const inProject = (r: { project_id: string }) => !body.projectId || r.project_id === body.projectId;
    const targets = body.repositoryId
      ? [await scannableRepository(ctx, org.org_id, body.repositoryId)].filter(inProject)
      : (await scannableRepositories(ctx.store.db, org.org_id)).filter(inProject);
    const scans: TriggerScanResponse['scans'] = [];
    for (const repo of targets) {
      const scanId = await enqueueScan(ctx, org.org_id, repo.repo_id, 'manual');
      if (scanId) scans.push({ id: scanId, repositoryId: repo.repo_id });
    }
    const body202: TriggerScanResponse = { queued: scans.length, scans };
    res.status(202).json(body202);
  });

  r.get('/scans', async (req, res) => {
    const org = requireOrg(req);
    const q = scansQuerySchema.parse(req.query);
    await requireRepositoryAccess(ctx, req, org.org_id, q.repository);
    const offset = decodeCursor(q.cursor);
    const { rows, total } = await listScans(ctx.store.db, org.org_id, { repoId: q.repository, limit: q.limit, offset });
    res.json(paged(rows.map(toScanDto), total, offset, q.limit));
  });

  r.get('/findings', async (req, res) => {
    const org = requireOrg(req);
    const q = findingsQuerySchema.parse(req.query);
    if (q.repository) await requireRepositoryAccess(ctx, req, org.org_id, q.repository);
    else await requireProjectAccess(ctx, req, q.project);
    const order = findingOrderOf(q);
    const offset = decodeFindingsCursor(q.cursor, order);
    const filters = findingFiltersOf(q);
    if (q.source === 'pipeline') {
      // Run-scoped findings of pipeline runs: one order (most severe first), no credential grouping.
      const { rows, total } = await listPipelineFindings(ctx.store.db, org.org_id, filters, { limit: q.limit, offset });
      return void res.json(pagedFindings(rows.map((row) => toPipelineFindingDto(row, org.url)), total, offset, q.limit, order));
    }
    if (q.group === 'credential') {
      const { groups, total } = await listFindingGroups(ctx.store.db, org.org_id, filters, { limit: q.limit, offset }, order);
      return void res.json(pagedFindings(groups.map((g) => toFindingGroupDto(g, org.url)), total, offset, q.limit, order));
    }
    const { rows, total } = await listFindings(ctx.store.db, org.org_id, filters, { limit: q.limit, offset }, order);
    res.json(pagedFindings(rows.map((row) => toFindingDto(row, org.url)), total, offset, q.limit, order));
  });

  r.put('/findings/:id/dismissal', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const id = z.uuid('finding ids are UUIDs').parse(req.params.id);
    const body = dismissBody.parse(req.body);
    const changed = await audited(ctx.store.db, org.org_id, { actor: auditActorOf(req), action: 'finding.dismissed', target: `finding ${id}` }, async (trx) => {
      const n = await dismissFindingGroup(trx, org.org_id, id, { ...body, by: caller.userId, byName: caller.displayName, at: new Date().toISOString() });
      return { result: n, changed: n > 0, after: { ...body, locations: n } };
    });
    if (!changed) throw notFound('No such finding in this organization');
    await requestThreadResolution(ctx, org.org_id, id); // Vigil's PR threads of the finding are closed by a job
    ctx.log.info({ orgId: org.org_id, findingId: id, reason: body.reason, by: caller.userId, locations: changed }, 'finding dismissed');
    res.json(toFindingDto((await getFinding(ctx.store.db, org.org_id, id))!, org.url));
  });

  r.delete('/findings/:id/dismissal', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const id = z.uuid('finding ids are UUIDs').parse(req.params.id);
    const reopened = await audited(ctx.store.db, org.org_id, { actor: auditActorOf(req), action: 'finding.reopened', target: `finding ${id}` }, async (trx) => {
      const n = await reopenFindingGroup(trx, org.org_id, id);
      return { result: n, changed: n > 0, after: { locations: n } };
    });
    if (!reopened) throw notFound('No such finding in this organization');
    ctx.log.info({ orgId: org.org_id, findingId: id, by: caller.userId }, 'finding reopened');
    res.json(toFindingDto((await getFinding(ctx.store.db, org.org_id, id))!, org.url));
  });

  r.use('/repositories', pullRequestRouter(ctx));
  r.use('/posture', postureRouter(ctx));
  r.use(eventDeliveryRouter(ctx, auth.cache));
  r.use('/overview', overviewRouter(ctx));
  r.use('/organization/repository-selection', selectionRouter(ctx));
  r.use(findingsExportRouter(ctx, { version: opts.version }));
  r.use(findingsBulkRouter(ctx));
  r.use(consoleRouter(ctx));
  r.use(complianceRouter(ctx, { reevaluate: queueComplianceEvaluation }));
  r.use(pipelineTokenRouter(ctx));

  r.get('/findings/:id', async (req, res) => {
    const org = requireOrg(req);
    const id = z.uuid('finding ids are UUIDs').parse(req.params.id);
    const row = await getFinding(ctx.store.db, org.org_id, id);
    // One answer for a finding that does not exist and one the caller may not see: ids cannot be probed.
    if (!row || !(await canSeeProject(ctx, requireCaller(req), row.project_id))) throw notFound('No such finding in this organization');
    res.json(toFindingDto(row, org.url));
  });

  return r;
}

async function scannableRepository(ctx: AppContext, orgId: string, repoId: string) {
  const repo = await getRepository(ctx.store.db, orgId, repoId);
  if (!repo || repo.removed_at) throw notFound('No such repository in this organization');
  if (repo.skip_reason) throw new AppError(409, 'not-scannable', 'Repository cannot be scanned', repo.skip_reason);
  if (await isRepositoryExcluded(ctx.store.db, orgId, repoId)) throw new AppError(409, 'not-scannable', 'Repository cannot be scanned', EXCLUDED_BY_SELECTION);
  return repo;
}

/**
 * Organization-wide views need an organization admin. Others may read one project they can see in
 * Azure DevOps (asked with their own access token).
 */
async function requireProjectAccess(ctx: AppContext, req: Request, projectId?: string): Promise<void> {
  const caller = requireCaller(req);
  if (await canSeeProject(ctx, caller, projectId)) return;
  if (!projectId) throw forbidden('Organization-wide views need a Project Collection Administrator; ask for one project or repository');
  throw forbidden('You cannot see this project in Azure DevOps');
}

/**
 * Without a repository: an organization-wide view. A repository the caller may not see gets the same
 * 404 as one that does not exist, so that repository ids cannot be probed.
 */
async function requireRepositoryAccess(ctx: AppContext, req: Request, orgId: string): Promise<void>;
async function requireRepositoryAccess(ctx: AppContext, req: Request, orgId: string, repoId: string): Promise<RepositoryRow>;
async function requireRepositoryAccess(ctx: AppContext, req: Request, orgId: string, repoId?: string): Promise<RepositoryRow | void>;
async function requireRepositoryAccess(ctx: AppContext, req: Request, orgId: string, repoId?: string): Promise<RepositoryRow | void> {
  if (!repoId) return requireProjectAccess(ctx, req);
  const repo = await getRepository(ctx.store.db, orgId, repoId);
  if (!repo || !(await canSeeProject(ctx, requireCaller(req), repo.project_id))) throw notFound('No such repository in this organization');
  return repo;
}

/** A repository id in a path: an ADO GUID, or Vigil's tfvc: id. */
const repositoryIdParam = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9:._$/-]+$/, 'is not a repository id');

/** The repository's page in the ADO web UI (ADO's list answer has no webUrl: built from the names). */
const repositoryPage = (orgUrl: string, r: RepositoryRow): string => r.web_url || repositoryWebUrl(orgUrl, r.project_name, r.name);
