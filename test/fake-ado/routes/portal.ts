// Undocumented portal reads (ado-rest.md §4.3, §8): Contribution/HierarchyQuery for the organization
// policies and pipeline settings, and the organization policy page's fps data. A full-scope PAT (or a
// bearer token) only, and a HierarchyQuery that carries anything but sourcePage would WRITE settings:
// the fake refuses it, so a client that tries is caught.
import { Router } from 'express';
import { locals, type FakeContext } from '../context';
import { badArgument, q, sendJson } from '../http';
import { requireScope } from '../middleware';
import type { Json, OrgDef } from '../model';
import { sendAdoError } from '../responses';

const ORG_POLICIES = 'ms.vss-org-web.collection-admin-policy-data-provider';
const ORG_POLICIES_PAGE = 'ms.vss-admin-web.organization-policies-data-provider';
const ORG_PIPELINE_SETTINGS = 'ms.vss-build-web.pipelines-org-settings-data-provider';
/** Portal reads need a full-scope PAT: no scoped PAT holds this. */
const FULL_ACCESS = 'all scopes';

export function portalRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });

  const policies = (org: OrgDef): Json => {
    const sections: Record<string, Json[]> = {};
    for (const p of ctx.areas[org.name]?.orgPolicies ?? []) {
      (sections[p.section] ??= []).push({
        policy: { name: p.name, value: p.value, effectiveValue: p.effectiveValue, isValueUndefined: false, parentPolicy: null },
        learnMoreLink: 'https://aka.ms/vsts-org-policies',
        description: p.description ?? p.name,
        applicableServiceHost: 1,
      });
    }
    return { policies: sections };
  };

  r.post('/_apis/Contribution/HierarchyQuery', requireScope(FULL_ACCESS), (req, res) => {
    const { org, identity } = locals(res);
    const body = (req.body ?? {}) as { contributionIds?: unknown; dataProviderContext?: { properties?: Record<string, unknown> } };
    if (!Array.isArray(body.contributionIds)) return badArgument(res, 'contributionIds is required.');
    const props = body.dataProviderContext?.properties ?? {};
    const extra = Object.keys(props).filter((k) => k !== 'sourcePage');
    if (extra.length) return badArgument(res, `The fake refuses a HierarchyQuery that would write settings (${extra.join(', ')}).`);
    const dataProviders: Record<string, unknown> = { 'ms.vss-web.component-data': {}, 'ms.vss-web.shared-data': null };
    const dataProviderExceptions: Record<string, unknown> = {};
    for (const id of body.contributionIds) {
      if (id === ORG_POLICIES) {
        if (!identity.isAdmin) dataProviderExceptions[id] = { message: 'Access denied: you need to be a Project Collection Administrator.' };
        else dataProviders[id] = policies(org);
      } else if (id === ORG_PIPELINE_SETTINGS) {
        dataProviders[id] = { ...ctx.areas[org.name]?.orgPipelineSettings, hasManagePipelinePoliciesPermission: identity.isAdmin };
      } else {
        // UNVERIFIED: what ADO answers for a contribution it does not know (here: no data, as for a null provider).
        dataProviders[String(id)] = null;
      }
    }
    sendJson(res, { dataProviderSharedData: {}, dataProviders, ...(Object.keys(dataProviderExceptions).length ? { dataProviderExceptions } : {}) });
  });

  r.get('/_settings/organizationPolicy', requireScope(FULL_ACCESS), (req, res) => {
    const { org, identity } = locals(res);
    if (q(req, '__rt') !== 'fps') return sendAdoError(res, 404, { message: 'The fake serves only the fps data of this page.', typeKey: 'NotFoundException' });
    if (!identity.isAdmin) return sendAdoError(res, 403, { message: 'Access denied: you need to be a Project Collection Administrator.', typeKey: 'UnauthorizedAccessException' });
    sendJson(res, { fps: { dataProviders: { data: { [ORG_POLICIES_PAGE]: policies(org) } } } });
  });

  return r;
}
