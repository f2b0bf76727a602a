// /api/v1: thin routes. Validate at the edge (zod), call the store or queue, map rows to DTOs.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AdoError } from '../ado/types';
import { SEVERITIES, CATEGORIES } from '../engine/types';
import type { JobContext } from '../jobs/context';
import { enqueueDiscover, enqueueScan } from '../jobs/queue';
import { DISMISSAL_REASONS, dismissFindingGroup, getFinding, listFindingGroups, listFindings, reopenFindingGroup } from '../store/findings';
import { connectOrganization } from '../store/organizations';
import { getRepository, listRepositories, scannableRepositories } from '../store/repositories';
import { getScans, listScans } from '../store/scans';
import type { ConnectRequest, DismissRequest, FindingState, MeResponse, TriggerScanResponse } from './api-types';
import { authenticate, requireCaller, requireOrg, requireOrgAdmin, type Caller } from './auth';
import { toFindingDto, toFindingGroupDto, toOrganizationDto, toRepositoryDto, toScanDto } from './dto';
import { decodeCursor, paged, pageQuery } from './paging';
import { AppError, badRequest, forbidden, notFound } from './problem';

const csv = <T extends string>(allowed: readonly T[]) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(allowed as [T, ...T[]])))
    .optional();

const FINDING_STATES = ['open', 'fixed', 'dismissed', 'suppressed'] as const satisfies readonly FindingState[];

const findingsQuery = pageQuery.extend({
  severity: csv(SEVERITIES),
  category: csv(CATEGORIES),
  state: csv(FINDING_STATES),
  repository: z.string().min(1).max(100).optional(),
  project: z.string().min(1).max(100).optional(),
  group: z.enum(['credential']).optional(),
});

const dismissBody = z.object({
  reason: z.enum(DISMISSAL_REASONS),
  comment: z.string().trim().max(1000).optional(),
  expires: z.iso
    .date('must be a date, YYYY-MM-DD')
    .refine((d) => d >= new Date().toISOString().slice(0, 10), 'must not be in the past')
    .optional(),
}) satisfies z.ZodType<DismissRequest>;

const connectBody = z.object({
  organizationUrl: z.url({ protocol: /^https?$/ }).max(300),
  pat: z.string().trim().min(20, 'looks too short for a personal access token').max(500),
}) satisfies z.ZodType<ConnectRequest>;

export function apiRouter(ctx: JobContext): Router {
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
    const body = connectBody.parse(req.body);
    const url = normaliseOrgUrl(body.organizationUrl);
    if (url.name.toLowerCase() !== caller.orgName.toLowerCase()) {
      throw badRequest(`The URL names organization '${url.name}', but you are in '${caller.orgName}'`, 'org-mismatch');
    }
    const client = ctx.adoClient(url.url, { kind: 'pat', token: body.pat });
    const owner = await verifyPat(client, caller);
    const org = await connectOrganization(ctx.store.db, ctx.config.encryptionKey, {
      name: caller.orgName,
      url: url.url,
      instanceId: caller.instanceId,
      connectedBy: caller.userId,
      connectedByName: caller.displayName,
      pat: body.pat,
      patOwnerId: owner.id,
      patOwnerName: owner.name,
    });
    auth.cache.forgetOrg(caller.orgName);
    await enqueueDiscover(ctx.boss, org.org_id, 'manual');
    ctx.log.info({ orgId: org.org_id, by: caller.userId }, 'organization connected');
    res.status(201).json(await toOrganizationDto(ctx, org));
  });

  r.get('/organization', async (req, res) => {
    res.json(await toOrganizationDto(ctx, requireOrg(req)));
  });

  r.post('/discover', async (req, res) => {
    requireOrgAdmin(req);
    const org = requireOrg(req);
    const jobId = await enqueueDiscover(ctx.boss, org.org_id, 'manual');
    res.status(202).json({ queued: jobId ? 1 : 0 });
  });

  r.get('/repositories', async (req, res) => {
    const org = requireOrg(req);
    const q = pageQuery.extend({ project: z.string().min(1).max(100).optional() }).parse(req.query);
    await requireProjectAccess(ctx, req, q.project);
    const offset = decodeCursor(q.cursor);
    const { rows, total } = await listRepositories(ctx.store.db, org.org_id, { projectId: q.project, limit: q.limit, offset });
    const lastScans = await getScans(ctx.store.db, org.org_id, rows.flatMap((row) => (row.last_scan_id ? [row.last_scan_id] : [])));
    res.json(paged(rows.map((row) => toRepositoryDto(row, row.last_scan_id ? lastScans.get(row.last_scan_id) : undefined)), total, offset, q.limit));
  });

  r.post('/scans', async (req, res) => {
    requireOrgAdmin(req);
    const org = requireOrg(req);
    const body = z.object({ repositoryId: z.string().min(1).max(100).optional() }).parse(req.body ?? {});
    const targets = body.repositoryId ? [await scannableRepository(ctx, org.org_id, body.repositoryId)] : await scannableRepositories(ctx.store.db, org.org_id);
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
    const q = pageQuery.extend({ repository: z.string().min(1).max(100).optional() }).parse(req.query);
    await requireRepositoryAccess(ctx, req, org.org_id, q.repository);
    const offset = decodeCursor(q.cursor);
    const { rows, total } = await listScans(ctx.store.db, org.org_id, { repoId: q.repository, limit: q.limit, offset });
    res.json(paged(rows.map(toScanDto), total, offset, q.limit));
  });

  r.get('/findings', async (req, res) => {
    const org = requireOrg(req);
    const q = findingsQuery.parse(req.query);
    if (q.repository) await requireRepositoryAccess(ctx, req, org.org_id, q.repository);
    else await requireProjectAccess(ctx, req, q.project);
    const offset = decodeCursor(q.cursor);
    const filters = { severities: q.severity, categories: q.category, states: q.state ?? ['open'], repoId: q.repository, projectId: q.project };
    if (q.group === 'credential') {
      const { groups, total } = await listFindingGroups(ctx.store.db, org.org_id, filters, { limit: q.limit, offset });
      return void res.json(paged(groups.map(toFindingGroupDto), total, offset, q.limit));
    }
    const { rows, total } = await listFindings(ctx.store.db, org.org_id, filters, { limit: q.limit, offset });
    res.json(paged(rows.map(toFindingDto), total, offset, q.limit));
  });

  r.put('/findings/:id/dismissal', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const id = z.uuid('finding ids are UUIDs').parse(req.params.id);
    const body = dismissBody.parse(req.body);
    const changed = await dismissFindingGroup(ctx.store.db, org.org_id, id, {
      ...body,
      by: caller.userId,
      byName: caller.displayName,
      at: new Date().toISOString(),
    });
    if (!changed) throw notFound('No such finding in this organization');
    ctx.log.info({ orgId: org.org_id, findingId: id, reason: body.reason, by: caller.userId, locations: changed }, 'finding dismissed');
    res.json(toFindingDto((await getFinding(ctx.store.db, org.org_id, id))!));
  });

  r.delete('/findings/:id/dismissal', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const id = z.uuid('finding ids are UUIDs').parse(req.params.id);
    if (!(await reopenFindingGroup(ctx.store.db, org.org_id, id))) throw notFound('No such finding in this organization');
    ctx.log.info({ orgId: org.org_id, findingId: id, by: caller.userId }, 'finding reopened');
    res.json(toFindingDto((await getFinding(ctx.store.db, org.org_id, id))!));
  });

  r.get('/findings/:id', async (req, res) => {
    const org = requireOrg(req);
    const id = z.uuid('finding ids are UUIDs').parse(req.params.id);
    const row = await getFinding(ctx.store.db, org.org_id, id);
    if (!row) throw notFound('No such finding in this organization');
    await requireProjectAccess(ctx, req, row.project_id);
    res.json(toFindingDto(row));
  });

  return r;
}

async function scannableRepository(ctx: JobContext, orgId: string, repoId: string) {
  const repo = await getRepository(ctx.store.db, orgId, repoId);
  if (!repo || repo.removed_at) throw notFound('No such repository in this organization');
  if (repo.skip_reason) throw new AppError(409, 'not-scannable', 'Repository cannot be scanned', repo.skip_reason);
  return repo;
}

/**
 * Organization-wide views need an organization admin. Others may read one project they can see in
 * Azure DevOps (asked with their own access token).
 */
async function requireProjectAccess(ctx: JobContext, req: Request, projectId?: string): Promise<void> {
  const caller = requireCaller(req);
  if (caller.isOrgAdmin) return;
  const target = projectId;
  if (!target) throw forbidden('Organization-wide views need a Project Collection Administrator; ask for one project or repository');
  if (!(await visibleProjects(ctx, caller)).has(target)) throw forbidden('You cannot see this project in Azure DevOps');
}

/** Without a repository: an organization-wide view. */
async function requireRepositoryAccess(ctx: JobContext, req: Request, orgId: string, repoId?: string): Promise<void> {
  if (!repoId) return requireProjectAccess(ctx, req);
  const repo = await getRepository(ctx.store.db, orgId, repoId);
  if (!repo) throw notFound('No such repository in this organization');
  await requireProjectAccess(ctx, req, repo.project_id);
}

const projectCache = new WeakMap<Caller, Promise<Set<string>>>();
function visibleProjects(ctx: JobContext, caller: Caller): Promise<Set<string>> {
  const cached = projectCache.get(caller);
  if (cached) return cached;
  const p = ctx
    .adoClient(caller.orgUrl, { kind: 'bearer', token: caller.accessToken })
    .listProjects()
    .then((projects: { id: string }[]) => new Set(projects.map((x) => x.id)))
    .catch(() => new Set<string>());
  projectCache.set(caller, p);
  return p;
}

/** https://dev.azure.com/{org}[/...] or https://{org}.visualstudio.com or a server collection URL. */
export function normaliseOrgUrl(raw: string): { url: string; name: string } {
  const u = new URL(raw);
  const segments = u.pathname.split('/').filter(Boolean);
  const vsHost = /^([a-z0-9][a-z0-9-]*)\.visualstudio\.com$/i.exec(u.hostname);
  if (vsHost) return { url: `${u.protocol}//${u.host}`, name: vsHost[1] };
  if (u.hostname.toLowerCase() === 'dev.azure.com') {
    if (!segments.length) throw badRequest('The URL must name the organization: https://dev.azure.com/{organization}');
    return { url: `https://dev.azure.com/${segments[0]}`, name: decodeURIComponent(segments[0]) };
  }
  // Azure DevOps Server (or a test organization): the collection is the last path segment.
  if (!segments.length) throw badRequest('The URL must name the collection: https://server/{collection}');
  return { url: `${u.protocol}//${u.host}/${segments.join('/')}`, name: decodeURIComponent(segments[segments.length - 1]) };
}

/**
 * The PAT must work, belong to this organization and carry the scopes Vigil reads with. Every missing
 * scope is named in one message.
 */
async function verifyPat(client: ReturnType<JobContext['adoClient']>, caller: Caller): Promise<{ id: string; name?: string }> {
  let cd;
  try {
    cd = await client.connectionData();
  } catch (err) {
    throw patProblem(err, 'Azure DevOps rejected the PAT');
  }
  if (cd.instanceId !== caller.instanceId) throw badRequest('The PAT belongs to a different Azure DevOps organization', 'invalid-credential');
  const missing: string[] = [];
  const probes: [string, () => Promise<unknown>][] = [
    ['Project and Team (Read) — vso.project', () => client.listProjects()],
    ['Code (Read) — vso.code', () => client.listRepositories()],
  ];
  for (const [scope, probe] of probes) {
    try {
      await probe();
    } catch (err) {
      if (err instanceof AdoError && (err.kind === 'forbidden' || err.kind === 'auth')) missing.push(scope);
      else throw patProblem(err, 'Could not verify the PAT');
    }
  }
  if (missing.length) {
    throw new AppError(400, 'insufficient-scope', 'The PAT lacks scopes', `The PAT is missing these scopes: ${missing.join('; ')}. Create an organization-scoped PAT with them.`);
  }
  return { id: cd.authenticatedUser.id, name: cd.authenticatedUser.providerDisplayName };
}

function patProblem(err: unknown, prefix: string): AppError {
  if (err instanceof AdoError) {
    if (err.kind === 'auth') return new AppError(400, 'invalid-credential', 'Invalid PAT', `${prefix}: ${err.message}`);
    if (err.kind === 'network') return new AppError(502, 'ado-unreachable', 'Azure DevOps unreachable', `${prefix}: ${err.message}`);
    return new AppError(502, 'ado-error', 'Azure DevOps error', `${prefix}: ${err.message}`);
  }
  return new AppError(502, 'ado-error', 'Azure DevOps error', `${prefix}: ${(err as Error).message}`);
}
