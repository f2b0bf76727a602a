// The tricky reads of the organization, project, user and extension controls: the policy toggle
// (Disallow* inverted when only the stored value came), AzSK's admin thresholds at their edges with
// nested groups, service identities and Entra groups, a project switch the organization enforces,
// the 90-day boundary, and which extensions count as trusted.
import { assessSnapshot } from '../assess';
import type { AdminMemberSnap, OrgPolicy, UserSnap } from '../snapshot';
import { adminGroupOf, extensionOf, projectOf, snapshotOf, userOf } from '../testing';
import { guestAdmins, inactiveAdmins, tooFewAdmins, tooManyAdmins } from './admins';
import type { Control } from './control';
import { extensionsControls, isTrustedPublisher } from './extensions';
import { daysEarlier } from './helpers';
import { organizationControls, policyToggle } from './organization';
import { projectsControls } from './projects';
import { usersControls } from './users';

const control = (id: string): Control => {
  const c = [...organizationControls, ...projectsControls, ...usersControls, ...extensionsControls].find((x) => x.meta.id === id);
  if (!c) throw new Error(`no ${id}`);
  return c;
};
const COLLECTED_AT = snapshotOf().collectedAt;

describe('policyToggle', () => {
  test.each<[string, Partial<OrgPolicy>, boolean | undefined]>([
    ['effectiveValue wins', { name: 'Policy.DisallowOAuthAuthentication', value: false, effectiveValue: true }, true],
    ['Disallow*, stored value only: inverted', { name: 'Policy.DisallowSecureShell', value: true }, false],
    ['Disallow*, case of the name ignored', { name: 'policy.disallowSecureShell', value: false }, true],
    ['Allow*, stored value only: as is', { name: 'Policy.AllowAnonymousAccess', value: true }, true],
    ['no value at all', { name: 'Policy.LogAuditEvents', isValueUndefined: true }, undefined],
  ])('%s', (_name, p, expected) => {
    expect(policyToggle({ section: 'security', name: '', ...p } as OrgPolicy)).toBe(expected);
  });

  test('SSH on (effectiveValue true of DisallowSecureShell) fails, with the toggle in the evidence and the policies page as the object', () => {
    const s = snapshotOf({ orgPolicies: [{ section: 'applicationConnection', name: 'Policy.DisallowSecureShell', value: false, effectiveValue: true }] });
    const f = assessSnapshot(s, [control('ADO-ORG-SSH')]).findings[0];
    expect(f.message).toBe('Organization contoso: "SSH authentication" is On (should be Off).');
    expect(f.location).toMatchObject({ objectKind: 'organization', url: 'https://dev.azure.com/contoso/_settings/organizationPolicy' });
    expect(f.details?.evidence?.[0]).toEqual({ label: 'SSH authentication', value: 'On' });
  });
});

const user = (name: string, p: Partial<AdminMemberSnap> = {}): AdminMemberSnap => ({
  descriptor: `aad.${name}`,
  kind: 'user',
  principalName: `${name}@contoso.com`,
  userType: 'member',
  isDirect: true,
  via: [],
  lastAccessedDate: '2025-12-20T09:00:00Z',
  ...p,
});
const users = (n: number) => Array.from({ length: n }, (_, i) => user(`u${i}`));
const svc: AdminMemberSnap = { descriptor: 'svc.build', kind: 'serviceIdentity', isDirect: true, via: [] };
const nestedGroup: AdminMemberSnap = { descriptor: 'vssgp.ops', kind: 'group', displayName: 'Ops', isDirect: true, via: [] };
const entra: AdminMemberSnap = { descriptor: 'aadgp.ops', kind: 'aadGroup', displayName: 'Ops (Entra)', isDirect: true, via: [] };

describe('admin thresholds (AzSK: 2 <= admins <= 6)', () => {
  test.each<[string, AdminMemberSnap[], string, string]>([
    ['6 users', users(6), 'pass', 'pass'],
    ['7 users', users(7), 'fail', 'pass'],
    ['2 users', users(2), 'pass', 'pass'],
    ['1 user', users(1), 'pass', 'fail'],
    ['no member', [], 'pass', 'fail'],
    ['6 users, one through a nested ADO group, plus the group and a service identity', [...users(5), user('n', { isDirect: false, via: ['Ops'] }), nestedGroup, svc], 'pass', 'pass'],
    ['1 user and a service identity', [user('a'), svc], 'pass', 'fail'],
    ['7 users and an Entra group: too many whatever the group holds', [...users(7), entra], 'fail', 'pass'],
    ['3 users and an Entra group: the maximum is unknown', [...users(3), entra], 'unknown', 'pass'],
    ['1 user and an Entra group: both unknown or known', [user('a'), entra], 'unknown', 'unknown'],
  ])('%s: max %s, min %s', (_name, members, max, min) => {
    expect(tooManyAdmins(members).verdict).toBe(max);
    expect(tooFewAdmins(members).verdict).toBe(min);
  });
});

describe('guests and inactive users among admins', () => {
  const s = snapshotOf();
  test.each<[string, AdminMemberSnap[], string, string]>([
    ['members active recently', [user('a'), user('b', { lastAccessedDate: daysEarlier(COLLECTED_AT, 90) })], 'pass', 'pass'],
    ['91 days', [user('a', { lastAccessedDate: daysEarlier(COLLECTED_AT, 91) })], 'pass', 'fail'],
    ['never signed in', [user('a', { lastAccessedDate: null })], 'pass', 'fail'],
    ['last access unknown', [user('a', { lastAccessedDate: undefined })], 'pass', 'unknown'],
    ['a guest through a nested group', [user('a'), user('g', { userType: 'guest', isDirect: false, via: ['Ops'] })], 'fail', 'pass'],
    ['user type unknown', [user('a', { userType: undefined })], 'unknown', 'pass'],
    ['service identities are neither', [svc], 'pass', 'pass'],
  ])('%s: guests %s, inactive %s', (_name, members, guests, inactive) => {
    expect(guestAdmins(members).verdict).toBe(guests);
    expect(inactiveAdmins(s, members).verdict).toBe(inactive);
  });

  test('collection-level groups are judged together: a guest in Project Collection Build Administrators fails the organization', () => {
    const snap = snapshotOf({
      adminGroups: [
        adminGroupOf({ members: { state: 'available', value: users(2) } }),
        adminGroupOf({ kind: 'projectCollectionBuildAdministrators', descriptor: 'vssgp.pcba', displayName: 'Project Collection Build Administrators', members: { state: 'available', value: [user('g', { userType: 'guest' })] } }),
        adminGroupOf({ kind: 'projectAdministrators', descriptor: 'vssgp.pa', projectId: 'p', projectName: 'P', members: { state: 'available', value: [user('h', { userType: 'guest' })] } }),
      ],
    });
    const [r] = control('ADO-ORG-ADMIN-GUESTS').evaluate(snap);
    expect(r.outcome).toBe('fail');
    expect(r.message).toBe('Organization contoso has guest users in admin groups: g@contoso.com in Project Collection Build Administrators.');
  });
});

describe('project pipeline settings', () => {
  const outcome = (project: object, org: object | null, orgAvailable = true) => {
    const s = snapshotOf({ projects: [projectOf({ pipelineSettings: { state: 'available', value: project } })], orgPipelineSettings: org });
    const snap = orgAvailable ? s : { ...s, areas: { ...s.areas, orgPipelineSettings: { state: 'not-available' as const, reason: { code: 'forbidden' as const, text: 'no' } } } };
    return control('ADO-PRJ-JOB-SCOPE').evaluate(snap)[0].outcome;
  };
  test.each<[string, object, object | null, boolean, string]>([
    ['project on', { enforceJobAuthScope: true }, {}, true, 'pass'],
    ['project off, organization off', { enforceJobAuthScope: false }, { enforceJobAuthScope: false }, true, 'fail'],
    ['project off, organization enforces', { enforceJobAuthScope: false }, { enforceJobAuthScope: true }, true, 'pass'],
    ['project silent, organization enforces', {}, { enforceJobAuthScope: true }, true, 'pass'],
    ['project silent, organization silent', {}, {}, true, 'not-available'],
    ['project off, organization settings not collected', { enforceJobAuthScope: false }, null, false, 'fail'],
  ])('%s → %s', (_name, project, org, orgAvailable, expected) => {
    expect(outcome(project, org, orgAvailable)).toBe(expected);
  });

  test('fork secrets: fork protection off fails whatever the rest says; forks not built passes', () => {
    const judge = (v: object) => control('ADO-PRJ-FORK-SECRETS').evaluate(snapshotOf({ projects: [projectOf({ pipelineSettings: { state: 'available', value: v } })] }))[0].outcome;
    expect(judge({ forkProtectionEnabled: false, enforceNoAccessToSecretsFromForks: true })).toBe('fail');
    expect(judge({ forkProtectionEnabled: true, buildsEnabledForForks: false, enforceNoAccessToSecretsFromForks: false })).toBe('pass');
    expect(judge({ forkProtectionEnabled: true, buildsEnabledForForks: true })).toBe('not-available');
  });
});

describe('users', () => {
  const outcomes = (id: string, ...list: UserSnap[]) => control(id).evaluate(snapshotOf({ users: list })).map((r) => r.outcome);
  test('inactivity is measured from the collection time: 90 days passes, 91 fails', () => {
    expect(outcomes('ADO-USER-INACTIVE', userOf({ lastAccessedDate: daysEarlier(COLLECTED_AT, 90) }), userOf({ id: 'b', lastAccessedDate: daysEarlier(COLLECTED_AT, 91) }))).toEqual(['pass', 'fail']);
  });
  test('a last access ADO did not send is unknown (not available, with the reason), not "never signed in"', () => {
    const unsent = userOf({ userType: 'guest', lastAccessedDate: undefined, dateCreated: daysEarlier(COLLECTED_AT, 900) });
    for (const id of ['ADO-USER-INACTIVE', 'ADO-USER-NEVER-SIGNED-IN', 'ADO-USER-GUEST-INACTIVE']) {
      const [r] = control(id).evaluate(snapshotOf({ users: [unsent] }));
      expect([id, r.outcome]).toEqual([id, 'not-available']);
      expect(JSON.stringify(r)).toMatch(/did not send the last access date/);
    }
    const never = userOf({ userType: 'guest', lastAccessedDate: null, dateCreated: daysEarlier(COLLECTED_AT, 900) });
    expect(['ADO-USER-INACTIVE', 'ADO-USER-NEVER-SIGNED-IN', 'ADO-USER-GUEST-INACTIVE'].map((id) => outcomes(id, never)[0])).toEqual(['not-applicable', 'fail', 'fail']);
  });
  test('a disabled user is not judged by any user control', () => {
    const disabled = userOf({ userType: 'guest', origin: 'msa', lastAccessedDate: null, dateCreated: daysEarlier(COLLECTED_AT, 900), accessLevel: { accountLicenseType: 'express', status: 'disabled' } });
    for (const c of usersControls) expect(c.evaluate(snapshotOf({ users: [disabled] }))[0].outcome).toBe('not-applicable');
  });
});

describe('extensions', () => {
  test.each<[string, Parameters<typeof extensionOf>[0], boolean]>([
    ['Microsoft', { publisherId: 'ms' }, true],
    ['Microsoft DevLabs, id in another case', { publisherId: 'MS-DevLabs' }, true],
    ['built in', { publisherId: 'acme', flags: ['builtin'] }, true],
    ['recorded as verified', { publisherId: 'acme', publisherVerified: true }, true],
    ['a display name claiming Microsoft does not count', { publisherId: 'acme', publisherName: 'Microsoft' }, false],
    ['unknown publisher', { publisherId: 'acme' }, false],
  ])('%s → trusted %s', (_name, p, trusted) => {
    expect(isTrustedPublisher(extensionOf(p))).toBe(trusted);
  });
});
