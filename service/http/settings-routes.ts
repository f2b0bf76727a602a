// /api/v1 organization settings (issue 20; contract/settings-api.ts). Reads: the settings (any member of
// the organization), a repository's scanner switches (anyone who sees the repository), the credential and
// the audit log (Project Collection Administrators). Every write needs an administrator and is audited
// with its request id (usecases/audited.ts).
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { connectRequestSchema, organizationSettingsPatchSchema, type PostureScopeGap } from '../contract/api';
import {
  auditLogQuerySchema,
  repositoryScannersRequestSchema,
  scanSettingsSchema,
  type AuditLogPage,
  type CredentialDto,
  type FullOrganizationSettings,
  type RepositoryScannersDto,
} from '../contract/settings-api';
import { badRequest, notFound } from '../errors';
import { auditActions, listAuditLog, type AuditActor, type AuditCursor } from '../store/audit-log';
import { getCredentialInfo } from '../store/organizations';
import { getRepository } from '../store/repositories';
import { canSeeProject } from '../usecases/identify-caller';
import { changeOrganizationFlags, changeRepositoryScanners, changeScanSettings, readOrganizationSettings, repositoryScanners } from '../usecases/organization-settings';
import { replaceCredential } from '../usecases/replace-credential';
import { requireCaller, requireOrg, requireOrgAdmin } from './auth';

/** Who made the change and in which request, for the audit log. */
export function auditActorOf(req: Request): AuditActor {
  const caller = requireCaller(req);
  const requestId = req.res?.locals.requestId as string | undefined;
  return { id: caller.userId, name: caller.displayName, ...(requestId ? { requestId } : {}) };
}

const repositoryIdParam = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9:._$/-]+$/, 'is not a repository id');

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : undefined);

function encodeCursor(c: AuditCursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
}

function decodeCursor(raw: string | undefined): AuditCursor | undefined {
  if (!raw) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && z.uuid().safeParse(id).success) return { at, id };
  } catch {
    // falls through to the 400
  }
  throw badRequest('cursor: is not a cursor this list gave');
}

export function settingsRouter(ctx: AppContext): Router {
  const r = Router();
  const { db } = ctx.store;

  async function settingsOf(orgId: string): Promise<FullOrganizationSettings> {
    const body = await readOrganizationSettings(db, ctx.config, orgId);
    if (!body) throw notFound('The organization is no longer connected');
    return body;
  }

  r.get('/organization/settings', async (req, res) => {
    res.json(await settingsOf(requireOrg(req).org_id));
  });

  r.patch('/organization/settings', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const patch = organizationSettingsPatchSchema.parse(req.body ?? {});
    if (!(await changeOrganizationFlags(db, org.org_id, auditActorOf(req), patch))) throw notFound('The organization is no longer connected');
    ctx.log.info({ orgId: org.org_id, by: caller.userId, ...patch }, 'organization settings changed');
    res.json(await settingsOf(org.org_id));
  });

  r.put('/organization/settings', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const settings = scanSettingsSchema.parse(req.body ?? {});
    if (!(await changeScanSettings(db, org.org_id, auditActorOf(req), settings))) throw notFound('The organization is no longer connected');
    ctx.log.info({ orgId: org.org_id, by: caller.userId, ...settings }, 'schedule, scanners and retention changed');
    res.json(await settingsOf(org.org_id));
  });

  r.get('/repositories/:repoId/scanners', async (req, res) => {
    const org = requireOrg(req);
    const repoId = repositoryIdParam.parse(req.params.repoId);
    const repo = await getRepository(db, org.org_id, repoId);
    // The same 404 for a repository that does not exist and one the caller may not see.
    if (!repo || repo.removed_at || !(await canSeeProject(ctx, requireCaller(req), repo.project_id))) throw notFound('No such repository in this organization');
    const body: RepositoryScannersDto = (await repositoryScanners(db, org.org_id, repoId))!;
    res.json(body);
  });

  r.put('/repositories/:repoId/scanners', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const repoId = repositoryIdParam.parse(req.params.repoId);
    const { overrides } = repositoryScannersRequestSchema.parse(req.body ?? {});
    const body: RepositoryScannersDto | undefined = await changeRepositoryScanners(db, org.org_id, auditActorOf(req), repoId, overrides);
    if (!body) throw notFound('No such repository in this organization');
    ctx.log.info({ orgId: org.org_id, repoId, by: caller.userId, overrides }, 'repository scanners changed');
    res.json(body);
  });

  async function credentialOf(orgId: string): Promise<CredentialDto> {
    const row = await getCredentialInfo(db, orgId);
    if (!row) throw notFound('The organization is no longer connected');
    return {
      kind: row.kind === 'service-principal' ? 'service-principal' : 'pat',
      ...(row.owner_name || row.owner_id ? { actsAs: row.owner_name ?? row.owner_id! } : {}),
      connectedBy: row.connected_by_name ?? row.connected_by,
      connectedAt: iso(row.created_at)!,
      ...(row.replaced_at ? { replacedAt: iso(row.replaced_at) } : {}),
      ...(row.replaced_by_name ? { replacedBy: row.replaced_by_name } : {}),
      checkedAt: iso(row.verified_at)!,
      ...(Array.isArray(row.scope_gaps) ? { postureScopeGaps: row.scope_gaps as PostureScopeGap[] } : {}),
    };
  }

  r.get('/organization/credential', async (req, res) => {
    requireOrgAdmin(req);
    res.json(await credentialOf(requireOrg(req).org_id));
  });

  r.put('/organization/credential', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const request = connectRequestSchema.parse(req.body);
    await replaceCredential(ctx, caller, org.org_id, org.url, request, auditActorOf(req));
    res.json(await credentialOf(org.org_id));
  });

  r.get('/organization/audit-log', async (req, res) => {
    requireOrgAdmin(req);
    const org = requireOrg(req);
    const q = auditLogQuerySchema.parse(req.query);
    const rows = await listAuditLog(db, org.org_id, { action: q.action, limit: q.limit, after: decodeCursor(q.cursor) });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const body: AuditLogPage = {
      items: page.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actor: { id: e.actorId, ...(e.actorName ? { displayName: e.actorName } : {}) },
        action: e.action,
        ...(e.target ? { target: e.target } : {}),
        ...(e.before !== null && e.before !== undefined ? { before: e.before } : {}),
        ...(e.after !== null && e.after !== undefined ? { after: e.after } : {}),
        ...(e.requestId ? { requestId: e.requestId } : {}),
      })),
      ...(rows.length > q.limit && last ? { nextCursor: encodeCursor({ at: last.at.toISOString(), id: last.id }) } : {}),
      actions: await auditActions(db, org.org_id),
    };
    res.json(body);
  });

  return r;
}
