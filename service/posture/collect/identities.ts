// Users with their access level and last access (member entitlements), and the admin groups
// (Project Collection Administrators and friends, each project's Project Administrators) with their
// members, nested ADO groups expanded, each user joined to its last access.
import type { GraphSubject } from '../../ado/areas/graph';
import type { UserEntitlement } from '../../ado/areas/member-entitlements';
import type { AdminGroupKind, AdminGroupSnap, AdminMemberSnap, AreaStatus, ProjectSnap, UserSnap } from '../snapshot';
import { enumWord } from './convert';
import { attempt, facet, projectUrl, type AreaResult, type CollectContext } from './context';
import { facetsStatus } from './repositories';

/** Nested groups followed below an admin group (ADO's own UI stops far sooner in practice). */
const MAX_GROUP_DEPTH = 5;
/** Members listed per admin group at most: a group holding everyone is already a finding. */
const MAX_MEMBERS = 5000;

const ORG_GROUPS: Record<string, AdminGroupKind> = {
  'project collection administrators': 'projectCollectionAdministrators',
  'project collection build administrators': 'projectCollectionBuildAdministrators',
  'project collection service accounts': 'projectCollectionServiceAccounts',
};
const ORG_DOMAIN = 'vstfs:///framework/identitydomain/';
const PROJECT_DOMAIN = 'vstfs:///classification/teamproject/';

function userOf(e: UserEntitlement): UserSnap {
  const u = e.user;
  const out: UserSnap = { id: e.id, descriptor: u.descriptor };
  if (e.lastAccessedDate !== undefined) out.lastAccessedDate = e.lastAccessedDate;
  if (u.displayName !== undefined) out.displayName = u.displayName;
  if (u.principalName !== undefined) out.principalName = u.principalName;
  if (u.mailAddress !== undefined) out.mailAddress = u.mailAddress;
  if (u.origin !== undefined) out.origin = u.origin.toLowerCase();
  if (u.originId !== undefined) out.originId = u.originId;
  if (u.metaType !== undefined) out.userType = u.metaType.toLowerCase();
  if (e.accessLevel) {
    const a: NonNullable<UserSnap['accessLevel']> = {};
    if (e.accessLevel.accountLicenseType !== undefined) a.accountLicenseType = enumWord(e.accessLevel.accountLicenseType);
    if (e.accessLevel.licenseDisplayName !== undefined) a.licenseDisplayName = e.accessLevel.licenseDisplayName;
    if (e.accessLevel.licensingSource !== undefined) a.licensingSource = e.accessLevel.licensingSource;
    if (e.accessLevel.status !== undefined) a.status = enumWord(e.accessLevel.status);
    out.accessLevel = a;
  }
  if (e.dateCreated !== undefined) out.dateCreated = e.dateCreated;
  return out;
}

export async function collectUsers(ctx: CollectContext): Promise<AreaResult<UserSnap>> {
  const r = await facet(ctx, () => ctx.client.memberEntitlements.searchUserEntitlements());
  if (r.state !== 'available') return { items: [], status: { state: 'not-available', reason: r.reason } };
  return { items: r.value.map(userOf), status: { state: 'available' } };
}

function memberKind(s: GraphSubject | undefined, descriptor: string): AdminMemberSnap['kind'] {
  const prefix = descriptor.split('.')[0].toLowerCase();
  if (prefix === 'aadgp') return 'aadGroup';
  if (prefix === 'vssgp') return 'group';
  if (prefix === 'svc' || prefix === 's2s') return 'serviceIdentity';
  const kind = s?.subjectKind?.toLowerCase();
  if (kind === 'group') return 'group';
  if (kind === 'user' || prefix === 'aad' || prefix === 'msa') return 'user';
  return 'unknown';
}

/** Direct members, then the members of nested ADO groups, breadth first; each subject once (shortest path). */
async function membersOf(ctx: CollectContext, group: GraphSubject, users: Map<string, UserSnap> | null): Promise<AdminMemberSnap[]> {
  const out = new Map<string, AdminMemberSnap>();
  const seen = new Set([group.descriptor]);
  let frontier: { descriptor: string; via: string[] }[] = [{ descriptor: group.descriptor, via: [] }];
  for (let depth = 0; depth < MAX_GROUP_DEPTH && frontier.length > 0 && out.size < MAX_MEMBERS; depth++) {
    const found = (
      await Promise.all(frontier.map(async (f) => (await ctx.call(() => ctx.client.graph.listMemberships(f.descriptor, 'down'))).map((m) => ({ descriptor: m.memberDescriptor, via: f.via }))))
    )
      .flat()
      .filter((m) => {
        if (seen.has(m.descriptor)) return false;
        seen.add(m.descriptor);
        return true;
      });
    if (found.length === 0) break;
    const subjects = await ctx.call(() => ctx.client.graph.lookupSubjects(found.map((m) => m.descriptor)));
    const next: typeof frontier = [];
    for (const m of found.slice(0, MAX_MEMBERS - out.size)) {
      const s = subjects.get(m.descriptor);
      const kind = memberKind(s, m.descriptor);
      const member: AdminMemberSnap = { descriptor: m.descriptor, kind, isDirect: depth === 0, via: m.via };
      if (s?.displayName !== undefined) member.displayName = s.displayName;
      if (s?.principalName !== undefined) member.principalName = s.principalName;
      if (s?.mailAddress !== undefined) member.mailAddress = s.mailAddress;
      if (s?.origin !== undefined) member.origin = s.origin.toLowerCase();
      if (s?.metaType !== undefined) member.userType = s.metaType.toLowerCase();
      if (kind === 'user' && users) {
        const u = users.get(m.descriptor.toLowerCase()) ?? (s?.principalName ? users.get(`upn:${s.principalName.toLowerCase()}`) : undefined);
        if (u) {
          if (u.lastAccessedDate !== undefined) member.lastAccessedDate = u.lastAccessedDate;
          if (u.accessLevel?.accountLicenseType) member.accessLevel = u.accessLevel.accountLicenseType;
          if (member.userType === undefined && u.userType) member.userType = u.userType;
        }
      }
      out.set(m.descriptor, member);
      if (kind === 'group') next.push({ descriptor: m.descriptor, via: [...m.via, s?.displayName ?? m.descriptor] });
    }
    frontier = next;
  }
  return [...out.values()];
}

function adminKindOf(g: GraphSubject, projects: ProjectSnap[]): { kind: AdminGroupKind; project?: ProjectSnap } | null {
  const name = (g.displayName ?? '').toLowerCase();
  const domain = (g.domain ?? '').toLowerCase();
  if (ORG_GROUPS[name] && domain.startsWith(ORG_DOMAIN)) return { kind: ORG_GROUPS[name] };
  if (name === 'project administrators' && domain.startsWith(PROJECT_DOMAIN)) {
    const projectId = domain.slice(PROJECT_DOMAIN.length);
    const project = projects.find((p) => p.id.toLowerCase() === projectId);
    // Only projects collected (a project being deleted keeps its groups for a while).
    return project ? { kind: 'projectAdministrators', project } : null;
  }
  return null;
}

export async function collectAdminGroups(ctx: CollectContext, projects: ProjectSnap[], users: UserSnap[] | null): Promise<AreaResult<AdminGroupSnap>> {
  const listed = await attempt(ctx, () => ctx.call(() => ctx.client.graph.listGroups()));
  if (listed.state !== 'available') return { items: [], status: { state: 'not-available', reason: listed.reason } };
  const byUser = users && new Map<string, UserSnap>();
  for (const u of users ?? []) {
    byUser!.set(u.descriptor.toLowerCase(), u);
    if (u.principalName) byUser!.set(`upn:${u.principalName.toLowerCase()}`, u);
  }
  const items = await Promise.all(
    listed.value.flatMap((g) => {
      const k = adminKindOf(g, projects);
      if (!k) return [];
      return [
        (async (): Promise<AdminGroupSnap> => {
          const out: AdminGroupSnap = {
            kind: k.kind,
            descriptor: g.descriptor,
            webUrl: k.project ? `${projectUrl(ctx, k.project.name)}/_settings/permissions` : `${ctx.orgUrl}/_settings/groups`,
            members: await attempt(ctx, () => membersOf(ctx, g, byUser)),
          };
          if (g.displayName !== undefined) out.displayName = g.displayName;
          if (g.principalName !== undefined) out.principalName = g.principalName;
          if (k.project) {
            out.projectId = k.project.id;
            out.projectName = k.project.name;
          }
          return out;
        })(),
      ];
    }),
  );
  items.sort((a, b) => (a.projectName ?? '').localeCompare(b.projectName ?? '') || a.kind.localeCompare(b.kind));
  const status: AreaStatus = items.length ? facetsStatus(items.map((i) => i.members)) : { state: 'available' };
  return { items, status };
}
