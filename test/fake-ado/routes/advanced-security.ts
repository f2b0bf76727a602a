// GHAzDO repository enablement (advsec host; at the collection URL here). Repositories the fixture
// does not list answer every flag false, as an unlicensed organization does (ado-rest.md §10, UNVERIFIED).
import { Router } from 'express';
import { locals, type FakeContext } from '../context';
import { sendJson } from '../http';
import { requirePreview, requireScope } from '../middleware';

export function advancedSecurityRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });

  r.get('/:project/_apis/management/repositories/:repo/enablement', requireScope('vso.advsec'), requirePreview, (req, res) => {
    const found = ctx.resolveRepo(req, res, { allowDisabled: false });
    if (!found) return;
    const { org } = locals(res);
    const listed = ctx.projectAreas(org, found.project).advancedSecurity?.[found.repo.name];
    sendJson(res, {
      projectId: found.project.id,
      repositoryId: found.repo.id,
      codeSecurityFeatures: { codeSecurityEnabled: false, codeQLEnabled: false, dependencyScanningInjectionEnabled: false, autofixEnabled: false },
      secretProtectionFeatures: { secretProtectionEnabled: false, blockPushes: false },
      ...listed,
    });
  });

  return r;
}
