// Core: connectionData (who is calling) and projects.
import { Router } from 'express';
import { locals, type FakeContext } from '../context';
import { pageOf, q, sendCollection, sendJson } from '../http';
import { requirePreview, requireScope } from '../middleware';

export function coreRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });

  // The Location area is preview-only, so a plain "7.1" is refused as ADO does.
  r.get('/_apis/connectionData', requirePreview, (_req, res) => {
    const { org, identity } = locals(res);
    const user = {
      id: identity.id,
      descriptor: `Microsoft.IdentityModel.Claims.ClaimsIdentity;${identity.uniqueName}`,
      subjectDescriptor: ctx.subjectDescriptor(identity),
      providerDisplayName: identity.displayName,
      isActive: true,
      properties: { Account: { $type: 'System.String', $value: identity.uniqueName } },
      resourceVersion: 2,
      metaTypeId: 0,
    };
    sendJson(res, {
      authenticatedUser: user,
      authorizedUser: user,
      instanceId: org.id,
      deploymentId: org.deploymentId,
      deploymentType: 'hosted',
      locationServiceData: {
        serviceOwner: '00025394-6065-48ca-87d9-7f5672854ef7',
        defaultAccessMappingMoniker: 'PublicAccessMapping',
        lastChangeId: 1,
        lastChangeId64: 1,
      },
    });
  });

  r.get('/_apis/projects', requireScope('vso.project'), (req, res) => {
    const { org } = locals(res);
    const stateFilter = (q(req, 'stateFilter') ?? 'wellFormed').toLowerCase();
    const all = org.projects
      .filter((p) => stateFilter === 'all' || (p.state ?? 'wellFormed').toLowerCase() === stateFilter)
      .map((p) => ctx.teamProject(org, p));
    const paged = pageOf(req, res, all, { token: 'projects', maxPage: ctx.pageSizes.projects });
    if (paged) sendCollection(req, res, paged.items, paged.next);
  });

  r.get('/_apis/projects/:project', requireScope('vso.project'), (req, res) => {
    const p = ctx.requireProject(req, res);
    if (!p) return;
    const tfvc = p.sourceControl === 'Tfvc';
    const capabilities =
      q(req, 'includeCapabilities') === 'true'
        ? {
            capabilities: {
              versioncontrol: tfvc ? { sourceControlType: 'Tfvc', gitEnabled: 'False', tfvcEnabled: 'True' } : { sourceControlType: 'Git', gitEnabled: 'True', tfvcEnabled: 'False' },
              processTemplate: { templateName: 'Agile', templateTypeId: 'adcc42ab-9882-485e-a3ed-7678f01f66bc' },
            },
          }
        : {};
    sendJson(res, { ...ctx.teamProject(locals(res).org, p), ...capabilities });
  });

  return r;
}
