// Pipeline permissions of protected resources (ado-rest.md §6), a preview resource.
import { Router } from 'express';
import { locals, type FakeContext } from '../context';
import { eqi, sendJson } from '../http';
import { requirePreview, requireScope } from '../middleware';
import { sendAdoError } from '../responses';

const RESOURCE_TYPES = ['endpoint', 'variablegroup', 'securefile', 'queue', 'environment', 'repository'];

export function pipelinesRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });

  r.get('/:project/_apis/pipelines/pipelinePermissions/:type/:id', requireScope('vso.build'), requirePreview, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org } = locals(res);
    const type = String(req.params.type).toLowerCase();
    if (!RESOURCE_TYPES.includes(type)) {
      // UNVERIFIED wording.
      return sendAdoError(res, 400, { message: `Resource type ${req.params.type} is not supported.`, typeKey: 'ArgumentException' });
    }
    const def = (ctx.projectAreas(org, project).pipelinePermissions ?? []).find((p) => p.resourceType === type && eqi(p.resourceId, String(req.params.id)));
    const by = (key: string) => ctx.identityRef(org, ctx.identity(org, key));
    sendJson(res, {
      resource: { type, id: String(req.params.id) },
      ...(def?.allPipelines ? { allPipelines: { authorized: true, authorizedBy: by(def.allPipelines.by), authorizedOn: def.allPipelines.on } } : {}),
      pipelines: (def?.pipelines ?? []).map((p) => ({ id: p.id, authorized: true, authorizedBy: by(p.by), authorizedOn: p.on })),
    });
  });

  return r;
}
