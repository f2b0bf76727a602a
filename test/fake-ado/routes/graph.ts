// Graph (vssps host) groups, memberships and subject lookup, and member entitlements (vsaex host),
// both served at the collection URL here. Users are the fixture identities; groups are the built-in
// admin groups plus the fixture's `groups` (model.ts OrgAreasDef.groups).
import { Router } from 'express';
import { locals, type FakeContext } from '../context';
import { badArgument, decodeToken, encodeToken, q, sendCollection, sendJson } from '../http';
import { requirePreview, requireScope } from '../middleware';
import type { GroupDef, IdentityDef, Json, OrgDef } from '../model';
import { sendAdoError } from '../responses';

interface FakeGroup extends GroupDef {
  descriptor: string;
  principalName: string;
  domain: string;
}

/** The built-in admin groups (unless the fixture lists them) and the fixture's groups. */
export function groupsOf(ctx: FakeContext, org: OrgDef): FakeGroup[] {
  const defs = [...(ctx.areas[org.name]?.groups ?? [])];
  const admins = org.identities.filter((i) => i.isAdmin).map((i) => i.key);
  if (!defs.some((g) => !g.project && g.displayName === 'Project Collection Administrators')) {
    defs.push({ key: 'pca', displayName: 'Project Collection Administrators', members: admins });
  }
  for (const p of org.projects) {
    if (!defs.some((g) => g.project === p.name && g.displayName === 'Project Administrators')) {
      defs.push({ key: `pa-${p.name}`, displayName: 'Project Administrators', project: p.name, members: admins });
    }
  }
  return defs.map((g) => {
    const project = g.project ? org.projects.find((p) => p.name === g.project) : undefined;
    if (g.project && !project) throw new Error(`fixture: group ${g.key} names unknown project ${g.project}`);
    return {
      ...g,
      descriptor: `vssgp.${Buffer.from(`${org.name}:${g.key}`).toString('base64url')}`,
      principalName: `[${project?.name ?? org.name}]\\${g.displayName}`,
      domain: project ? `vstfs:///Classification/TeamProject/${project.id}` : `vstfs:///Framework/IdentityDomain/${org.id}`,
    };
  });
}

export function graphRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });
  const graph = requireScope('vso.graph');

  const userSubject = (who: IdentityDef): Json => ({
    subjectKind: 'user',
    metaType: who.metaType ?? 'member',
    domain: '0c4f3a1e-59b2-4c0d-8e7a-2f6b9d1c3e55',
    principalName: who.uniqueName,
    mailAddress: who.uniqueName,
    origin: who.origin ?? 'aad',
    originId: who.id,
    displayName: who.displayName,
    descriptor: ctx.subjectDescriptor(who),
  });
  const groupSubject = (g: FakeGroup): Json => ({
    subjectKind: 'group',
    description: '',
    domain: g.domain,
    principalName: g.principalName,
    mailAddress: null,
    origin: 'vsts',
    originId: g.key,
    displayName: g.displayName,
    descriptor: g.descriptor,
  });
  const subjects = (org: OrgDef): Map<string, Json> => {
    const out = new Map<string, Json>();
    for (const who of org.identities) out.set(ctx.subjectDescriptor(who), userSubject(who));
    for (const g of groupsOf(ctx, org)) out.set(g.descriptor, groupSubject(g));
    return out;
  };

  r.get('/_apis/graph/groups', graph, requirePreview, (req, res) => {
    const { org } = locals(res);
    const all = groupsOf(ctx, org).map(groupSubject);
    const token = q(req, 'continuationToken');
    const offset = token === undefined ? 0 : decodeToken('groups', token);
    if (offset === null) return badArgument(res, `The continuation token is not valid: ${token}`);
    const size = ctx.pageSizes.lists;
    if (offset + size < all.length) res.setHeader('X-MS-ContinuationToken', encodeToken('groups', offset + size));
    sendCollection(req, res, all.slice(offset, offset + size));
  });

  r.get('/_apis/graph/Memberships/:descriptor', graph, requirePreview, (req, res) => {
    const { org } = locals(res);
    const descriptor = String(req.params.descriptor);
    if ((q(req, 'direction') ?? 'up').toLowerCase() !== 'down') return badArgument(res, 'The fake serves direction=down only.');
    const group = groupsOf(ctx, org).find((g) => g.descriptor === descriptor);
    if (!group) {
      if (subjects(org).has(descriptor)) return sendCollection(req, res, []);
      // UNVERIFIED wording.
      return sendAdoError(res, 404, { message: `VS860018: The subject ${descriptor} could not be found.`, typeKey: 'GraphSubjectNotFoundException' });
    }
    const groups = groupsOf(ctx, org);
    const members = group.members.map((key) => {
      const g = groups.find((x) => x.key === key);
      if (g) return g.descriptor;
      return ctx.subjectDescriptor(ctx.identity(org, key));
    });
    sendCollection(req, res, members.map((m) => ({ containerDescriptor: descriptor, memberDescriptor: m })));
  });

  r.post('/_apis/graph/subjectlookup', graph, requirePreview, (req, res) => {
    const { org } = locals(res);
    const keys = (req.body as { lookupKeys?: unknown } | undefined)?.lookupKeys;
    if (!Array.isArray(keys)) return badArgument(res, 'lookupKeys is required.');
    const known = subjects(org);
    const value: Record<string, Json> = {};
    for (const k of keys) {
      const d = (k as { descriptor?: unknown })?.descriptor;
      if (typeof d === 'string' && known.has(d)) value[d] = known.get(d)!;
    }
    sendJson(res, { count: Object.keys(value).length, value });
  });

  r.get('/_apis/userentitlements', requireScope('vso.memberentitlementmanagement'), (req, res) => {
    const { org } = locals(res);
    const filter = q(req, '$filter') ?? '';
    const guestsOnly = /userType eq 'guest'/i.test(filter);
    const all = org.identities
      .filter((who) => !guestsOnly || who.metaType === 'guest')
      .map((who) => ({
        id: who.id,
        user: userSubject(who),
        accessLevel: {
          licensingSource: 'account',
          accountLicenseType: who.license ?? 'express',
          msdnLicenseType: 'none',
          licenseDisplayName: who.license === 'stakeholder' ? 'Stakeholder' : 'Basic',
          status: 'active',
          statusMessage: '',
          assignmentSource: 'unknown',
        },
        lastAccessedDate: who.lastAccessedDate ?? '2025-11-20T09:30:00Z',
        dateCreated: '2024-01-15T08:00:00Z',
        projectEntitlements: [],
        extensions: [],
        groupAssignments: [],
      }));
    const token = q(req, 'continuationToken');
    const offset = token === undefined || token === '' ? 0 : decodeToken('entitlements', token);
    if (offset === null) return badArgument(res, `The continuation token is not valid: ${token}`);
    const size = ctx.pageSizes.lists;
    const next = offset + size < all.length ? encodeToken('entitlements', offset + size) : null;
    sendJson(res, { members: [], items: all.slice(offset, offset + size), continuationToken: next, totalCount: all.length });
  });

  return r;
}
