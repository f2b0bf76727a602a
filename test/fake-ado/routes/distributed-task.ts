// Library: variable groups and secure files (ado-rest.md §7). Secret values come back null.
import { Router } from 'express';
import { locals, type FakeContext } from '../context';
import { eqi, pageOf, q, sendCollection } from '../http';
import { requirePreview, requireScope } from '../middleware';
import type { Json, OrgDef, SharedDef } from '../model';

/** groupName filter: '*' is a wildcard, the rest compares case-insensitively. */
function nameMatches(pattern: string | undefined, name: string): boolean {
  if (!pattern) return true;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(name);
}

export function distributedTaskRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });

  const group = (org: OrgDef, def: SharedDef): Json => {
    const { projects, createdBy, modifiedBy, ...rest } = def;
    return {
      ...rest,
      createdBy: ctx.identityRef(org, ctx.identity(org, createdBy)),
      modifiedBy: ctx.identityRef(org, ctx.identity(org, String(modifiedBy ?? createdBy))),
      isShared: projects.length > 1,
      variableGroupProjectReferences: ctx.sharedProjectReferences(org, def),
    };
  };

  r.get('/:project/_apis/distributedtask/variablegroups', requireScope('vso.variablegroups_read'), (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org } = locals(res);
    const ids = q(req, 'groupIds')?.split(',').map(Number);
    const descending = q(req, 'queryOrder') === 'IdDescending';
    const groups = (ctx.areas[org.name]?.variableGroups ?? [])
      .filter((g) => g.projects.some((p) => eqi(p, project.name)))
      .filter((g) => nameMatches(q(req, 'groupName'), g.name))
      .filter((g) => !ids || ids.includes(Number(g.id)))
      .sort((a, b) => (descending ? Number(b.id) - Number(a.id) : Number(a.id) - Number(b.id)));
    // UNVERIFIED that ADO pages these through the header token; served so only when $top is sent.
    const paged = pageOf(req, res, groups, {
      token: 'variablegroups',
      maxPage: ctx.pageSizes.lists,
      paged: q(req, '$top') !== undefined || q(req, 'continuationToken') !== undefined,
    });
    if (paged) sendCollection(req, res, paged.items.map((g) => group(org, g)), paged.next);
  });

  r.get('/:project/_apis/distributedtask/securefiles', requireScope('vso.securefiles_read'), requirePreview, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org } = locals(res);
    const files = (ctx.projectAreas(org, project).secureFiles ?? [])
      .filter((f) => nameMatches(q(req, 'namePattern'), f.name))
      .map((f) => ({
        ...f,
        createdBy: ctx.identityRef(org, ctx.identity(org, f.createdBy)),
        modifiedBy: ctx.identityRef(org, ctx.identity(org, f.modifiedBy)),
        properties: {},
      }));
    sendCollection(req, res, files);
  });

  r.get('/_apis/distributedtask/pools', requireScope('vso.agentpools'), (req, res) => {
    const { org } = locals(res);
    const pools = (ctx.areas[org.name]?.agentPools ?? []).map((p) => ({
      ...p,
      ...(typeof p.owner === 'string' ? { owner: ctx.identityRef(org, ctx.identity(org, p.owner)) } : {}),
    }));
    sendCollection(req, res, pools);
  });

  r.get('/:project/_apis/distributedtask/queues', requireScope('vso.agentpools'), (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org } = locals(res);
    const pools = ctx.areas[org.name]?.agentPools ?? [];
    const queues = (ctx.projectAreas(org, project).agentQueues ?? []).map((queue) => {
      const pool = pools.find((p) => p.id === queue.pool);
      return { id: queue.id, projectId: project.id, name: queue.name, pool: { id: queue.pool, name: pool?.name, isHosted: pool?.isHosted ?? false } };
    });
    sendCollection(req, res, queues);
  });

  // UNVERIFIED: whether a PAT needs vso.environment_manage to read environments (there seems to be no read scope).
  r.get('/:project/_apis/distributedtask/environments', requireScope('vso.environment_manage'), (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org } = locals(res);
    const envs = (ctx.projectAreas(org, project).environments ?? []).map((e) => ({
      ...e,
      createdBy: ctx.identityRef(org, ctx.identity(org, e.createdBy)),
      project: { id: project.id, name: project.name },
    }));
    const paged = pageOf(req, res, envs, { token: 'environments', maxPage: ctx.pageSizes.lists });
    if (paged) sendCollection(req, res, paged.items, paged.next);
  });

  return r;
}
