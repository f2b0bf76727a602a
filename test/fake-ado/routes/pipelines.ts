// Pipeline permissions of protected resources (ado-rest.md §6), a preview resource.
import { Router } from 'express';
import { locals, type FakeContext } from '../context';
import { eqi, q, sendCollection, sendJson } from '../http';
import { requirePreview, requireScope } from '../middleware';
import type { CheckDef, Json, OrgDef, ProjectDef } from '../model';
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

  const checksOf = (org: OrgDef, project: ProjectDef, expand: boolean, wanted: (c: CheckDef) => boolean): Json[] => {
    const by = (key: string) => ctx.identityRef(org, ctx.identity(org, key));
    return (ctx.projectAreas(org, project).checks ?? [])
      .filter(wanted)
      .map((c) => {
        const kind = CHECK_KINDS[c.kind];
        if (!kind) throw new Error(`fixture: unknown check kind ${c.kind}`);
        const settings =
          c.kind === 'approval'
            ? { ...c.settings, approvers: ((c.settings.approvers as (string | Json)[] | undefined) ?? []).map((a) => (typeof a === 'string' ? by(a) : a)) }
            : c.kind === 'branchControl' || c.kind === 'businessHours'
              ? { definitionRef: kind.definitionRef, ...c.settings }
              : c.settings;
        return {
          id: c.id,
          version: 1,
          type: { id: kind.typeId, name: kind.typeName },
          ...(expand ? { settings } : {}),
          timeout: c.timeout ?? 43200,
          resource: { type: c.resourceType, id: c.resourceId },
          createdBy: by(c.createdBy),
          createdOn: c.createdOn,
        };
      });
  };

  r.get('/:project/_apis/pipelines/checks/configurations', requireScope('vso.build'), requirePreview, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const type = (q(req, 'resourceType') ?? '').toLowerCase();
    const id = q(req, 'resourceId');
    const expand = /settings/i.test(q(req, '$expand') ?? '');
    sendCollection(req, res, checksOf(locals(res).org, project, expand, (c) => (!type || c.resourceType === type) && (id === undefined || eqi(c.resourceId, id))));
  });

  // Check Configurations - Query: a body of resources [{type, id}], a POST that only reads.
  r.post('/:project/_apis/pipelines/checks/queryconfigurations', requireScope('vso.build'), requirePreview, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const wanted = Array.isArray(req.body) ? (req.body as { type?: unknown; id?: unknown }[]) : null;
    if (!wanted) return sendAdoError(res, 400, { message: 'Value cannot be null. Parameter name: resources', typeKey: 'ArgumentNullException' });
    const expand = /settings/i.test(q(req, '$expand') ?? '');
    const keys = new Set(wanted.map((w) => `${String(w.type).toLowerCase()}:${String(w.id).toLowerCase()}`));
    sendCollection(req, res, checksOf(locals(res).org, project, expand, (c) => keys.has(`${c.resourceType}:${c.resourceId.toLowerCase()}`)));
  });

  return r;
}

/** Check types as ADO names them (ids from the Terraform provider's checks). */
const CHECK_KINDS: Record<string, { typeId: string; typeName: string; definitionRef?: Record<string, string> }> = {
  approval: { typeId: '8c6f20a7-a545-4486-9777-f762fafe0d4d', typeName: 'Approval' },
  branchControl: {
    typeId: 'fe1de3ee-a436-41b4-bb20-f6eb4cb879a7',
    typeName: 'Task Check',
    definitionRef: { id: '86b05a0c-73e6-4f7d-b3cf-e38f3b39a75b', name: 'evaluatebranchProtection', version: '0.0.1' },
  },
  businessHours: {
    typeId: 'fe1de3ee-a436-41b4-bb20-f6eb4cb879a7',
    typeName: 'Task Check',
    definitionRef: { id: '445fde2f-6c39-441c-807f-8a59ff2e075f', name: 'evaluateBusinessHours', version: '0.0.1' },
  },
  requiredTemplate: { typeId: '4020e66e-b0f3-47e1-bc88-48f3cc59b5f3', typeName: 'ExtendsCheck' },
};
