// Service connections of a project (ado-rest.md §5): shared ones appear, with the same id, in every
// project they are shared with. Secrets come back null.
import { Router } from 'express';
import { locals, type FakeContext } from '../context';
import { eqi, q, sendCollection, sendJson } from '../http';
import { requireScope } from '../middleware';
import type { Json, OrgDef, SharedDef } from '../model';
import { sendAdoError } from '../responses';

export function serviceEndpointRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });
  const scope = requireScope('vso.serviceendpoint');

  const endpoint = (org: OrgDef, def: SharedDef): Json => {
    const { projects, createdBy, ...rest } = def;
    return {
      ...rest,
      createdBy: ctx.identityRef(org, ctx.identity(org, createdBy)),
      isShared: projects.length > 1,
      isOutdated: false,
      serviceEndpointProjectReferences: ctx.sharedProjectReferences(org, def),
    };
  };

  const inProject = (org: OrgDef, projectName: string) =>
    (ctx.areas[org.name]?.serviceEndpoints ?? []).filter((e) => e.projects.some((p) => eqi(p, projectName)));

  r.get('/:project/_apis/serviceendpoint/endpoints', scope, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org } = locals(res);
    const type = q(req, 'type');
    const names = q(req, 'endpointNames')?.split(',');
    const ids = q(req, 'endpointIds')?.split(',');
    const endpoints = inProject(org, project.name)
      .filter((e) => !type || eqi(String(e.type), type))
      .filter((e) => !names || names.some((n) => eqi(n, e.name)))
      .filter((e) => !ids || ids.some((id) => eqi(id, String(e.id))))
      // Every fixture endpoint is ready; includeFailed only adds failed ones.
      .map((e) => endpoint(org, e));
    sendCollection(req, res, endpoints);
  });

  r.get('/:project/_apis/serviceendpoint/endpoints/:id', scope, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org } = locals(res);
    const def = inProject(org, project.name).find((e) => eqi(String(e.id), String(req.params.id)));
    // UNVERIFIED: ADO's answer for an endpoint that is not in the project.
    if (!def) return sendAdoError(res, 404, { message: `Service endpoint with id ${req.params.id} was not found.`, typeKey: 'ServiceEndpointNotFoundException' });
    sendJson(res, endpoint(org, def));
  });

  r.get('/:project/_apis/serviceendpoint/:id/executionhistory', scope, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org } = locals(res);
    const id = String(req.params.id);
    if (!inProject(org, project.name).some((e) => eqi(String(e.id), id))) {
      return sendAdoError(res, 404, { message: `Service endpoint with id ${id} was not found.`, typeKey: 'ServiceEndpointNotFoundException' });
    }
    const top = Number(q(req, 'top') ?? 50);
    const runs = (ctx.projectAreas(org, project).endpointExecutions ?? [])
      .filter((x) => eqi(x.endpointId, id))
      .slice(0, Number.isInteger(top) && top > 0 ? top : 50)
      .map((x, i) => ({
        data: {
          id: 1000 + i,
          planType: x.planType,
          definition: { id: x.definitionId, name: x.definitionName },
          owner: { id: 2000 + i, name: `${x.definitionName} run` },
          result: x.result,
          startTime: x.finishTime,
          finishTime: x.finishTime,
        },
        endpointId: x.endpointId,
      }));
    sendCollection(req, res, runs);
  });

  return r;
}
