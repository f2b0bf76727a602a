// Classic release definitions (vsrm host on dev.azure.com; at the collection URL here, as on ADO Server).
import { Router } from 'express';
import { locals, type FakeContext } from '../context';
import { pageOf, sendCollection, sendJson } from '../http';
import { requireScope } from '../middleware';
import type { Json, OrgDef, ProjectDef, ReleaseDefinitionDef } from '../model';
import { sendAdoError } from '../responses';

export function releaseRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });
  const release = requireScope('vso.release');

  const by = (org: OrgDef, key: string) => ctx.identityRef(org, ctx.identity(org, key));
  const links = (org: OrgDef, p: ProjectDef, d: ReleaseDefinitionDef) => ({
    self: { href: `${ctx.orgUrlOf(org)}/${p.id}/_apis/Release/definitions/${d.id}` },
    web: { href: `${ctx.orgUrlOf(org)}/${encodeURIComponent(p.name)}/_release?definitionId=${d.id}` },
  });
  const reference = (org: OrgDef, p: ProjectDef, d: ReleaseDefinitionDef): Json => ({
    id: d.id,
    name: d.name,
    path: d.path ?? '\\',
    isDeleted: false,
    createdBy: by(org, d.createdBy),
    createdOn: d.createdOn,
    modifiedBy: by(org, d.modifiedBy),
    modifiedOn: d.modifiedOn,
    url: `${ctx.orgUrlOf(org)}/${p.id}/_apis/Release/definitions/${d.id}`,
    _links: links(org, p, d),
  });
  /** Approver identity keys -> IdentityRefs (approvals of every stage). */
  const approvals = (org: OrgDef, a: unknown): unknown => {
    const x = a as { approvals?: { approver?: string | null }[] } | undefined;
    if (!x?.approvals) return a;
    return { ...x, approvals: x.approvals.map((s) => (typeof s.approver === 'string' ? { ...s, approver: { ...by(org, s.approver), isContainer: false } } : s)) };
  };
  const full = (org: OrgDef, p: ProjectDef, d: ReleaseDefinitionDef): Json => ({
    ...d,
    ...reference(org, p, d),
    environments: ((d.environments as Json[] | undefined) ?? []).map((e) => ({
      ...e,
      preDeployApprovals: approvals(org, e.preDeployApprovals),
      postDeployApprovals: approvals(org, e.postDeployApprovals),
    })),
  });

  r.get('/:project/_apis/release/definitions', release, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org } = locals(res);
    const defs = ctx.projectAreas(org, project).releaseDefinitions ?? [];
    const paged = pageOf(req, res, defs, { token: 'releasedefinitions', maxPage: ctx.pageSizes.lists });
    if (paged) sendCollection(req, res, paged.items.map((d) => reference(org, project, d)), paged.next);
  });

  r.get('/:project/_apis/release/definitions/:id', release, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org } = locals(res);
    const def = (ctx.projectAreas(org, project).releaseDefinitions ?? []).find((d) => String(d.id) === req.params.id);
    // UNVERIFIED wording.
    if (!def) return sendAdoError(res, 404, { message: `VS402853: Release definition ${req.params.id} not found.`, typeKey: 'ReleaseDefinitionNotFoundException' });
    sendJson(res, full(org, project, def));
  });

  return r;
}
