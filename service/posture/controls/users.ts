// Posture controls: users (ADO-USER-), from member entitlements (ado-rest.md §13.1): inactive and
// never-signed-in users (AzSK's 90 days, measured from the snapshot's collection time), guests, guests
// holding more than Stakeholder access, and personal Microsoft accounts. A user whose access is
// disabled holds no access and is not judged.
import type { AdoObjectLocation, Evidence } from '../../contract/model';
import type { OrgSnapshot, UserSnap } from '../snapshot';
import { missingScope, snapshotOf, userOf, withAreaUnavailable } from '../testing';
import type { Control, ControlResult } from './control';
import { azsk, daysBefore, daysEarlier, ev, fail, INACTIVE_DAYS, legitify, notApplicable, notAvailableResult, orgSettingsUrl, owaspCicd, pass, postureMeta } from './helpers';

const USERS_PAGE = 'Organization settings > General > Users (https://dev.azure.com/{organization}/_settings/users)';
const USERS_HELP = 'https://learn.microsoft.com/azure/devops/organizations/accounts/manage-users-table-view';

export const userName = (u: UserSnap): string => u.principalName ?? u.mailAddress ?? u.displayName ?? u.id;
/** For messages: the name the object shows, and the sign-in name beside it. */
const userLabel = (u: UserSnap): string => (u.displayName && u.displayName !== userName(u) ? `${u.displayName} (${userName(u)})` : userName(u));

/** Per user, the facts the six user controls share, built once per snapshot (20,000 users × 6 controls). */
interface UserFacts {
  object: AdoObjectLocation;
  days: 'never' | 'unsent' | number | undefined;
  evidence: Evidence[];
}
const factsCache = new WeakMap<OrgSnapshot, WeakMap<UserSnap, UserFacts>>();

function factsOf(s: OrgSnapshot, u: UserSnap): UserFacts {
  let perSnapshot = factsCache.get(s);
  if (!perSnapshot) factsCache.set(s, (perSnapshot = new WeakMap()));
  let f = perSnapshot.get(u);
  if (!f) {
    f = { object: { kind: 'ado-object', objectKind: 'user', id: u.id, name: u.displayName ?? userName(u), url: orgSettingsUrl(s, 'users') }, days: computeInactivity(s, u), evidence: baseEvidenceOf(u) };
    perSnapshot.set(u, f);
  }
  return f;
}

const isDisabled = (u: UserSnap) => u.accessLevel?.status?.toLowerCase() === 'disabled';
const isGuest = (u: UserSnap) => u.userType?.toLowerCase() === 'guest';

/**
 * Days since the user last signed in: 'never' (ADO's 0001-01-01), a number, 'unsent' when ADO sent no
 * date (unknown, not never), or undefined when the date cannot be read.
 */
export const inactivity = (s: OrgSnapshot, u: UserSnap): 'never' | 'unsent' | number | undefined => factsOf(s, u).days;

function computeInactivity(s: OrgSnapshot, u: UserSnap): 'never' | 'unsent' | number | undefined {
  if (u.lastAccessedDate === null) return 'never';
  if (u.lastAccessedDate === undefined) return 'unsent';
  return daysBefore(s, u.lastAccessedDate);
}

const UNSENT_WHY = 'Azure DevOps did not send the last access date';
const lastAccessShown = (u: UserSnap) => (u.lastAccessedDate === null ? 'never' : (u.lastAccessedDate ?? 'not sent'));
const baseEvidenceOf = (u: UserSnap): Evidence[] => [ev('User', userName(u)), ev('Access level', u.accessLevel?.licenseDisplayName ?? u.accessLevel?.accountLicenseType), ev('Last access', lastAccessShown(u))];
/** The shared rows: the same (never changed) objects in every control's result for the user. */
const baseEvidence = (s: OrgSnapshot, u: UserSnap): Evidence[] => factsOf(s, u).evidence;

/** One result per user: disabled users are not applicable; `judge` decides the rest. */
function perUser(s: OrgSnapshot, judge: (u: UserSnap, object: AdoObjectLocation) => ControlResult): ControlResult[] {
  return s.users.map((u) => {
    const object = factsOf(s, u).object;
    if (isDisabled(u)) return notApplicable(object, [ev('User', userName(u)), ev('Access status', 'disabled')]);
    return judge(u, object);
  });
}

/** Is the user inactive: pass / fail / unknown, for inactive and guest-inactive. Never signed in counts once the account is older than the limit. */
function inactiveVerdict(s: OrgSnapshot, u: UserSnap): { verdict: 'pass' | 'fail' | 'unknown'; why: string } {
  const days = inactivity(s, u);
  if (days === 'never') {
    const age = daysBefore(s, u.dateCreated);
    if (age === undefined) return { verdict: 'unknown', why: 'never signed in, and when the user was added is not known' };
    return age > INACTIVE_DAYS ? { verdict: 'fail', why: `never signed in since being added ${age} days ago` } : { verdict: 'pass', why: `added ${age} days ago` };
  }
  if (days === 'unsent') return { verdict: 'unknown', why: UNSENT_WHY.toLowerCase() };
  if (days === undefined) return { verdict: 'unknown', why: 'the last access date could not be read' };
  return days > INACTIVE_DAYS ? { verdict: 'fail', why: `last signed in ${days} days ago` } : { verdict: 'pass', why: `last signed in ${days} days ago` };
}

const COLLECTED_AT = snapshotOf().collectedAt;
const usersOf = (...users: UserSnap[]) => snapshotOf({ users });
const noEntitlements = withAreaUnavailable(snapshotOf(), 'users', missingScope('vso.memberentitlementmanagement', 'The credential lacks the Member Entitlement Management (Read) scope'));

const inactiveUsers: Control = {
  meta: postureMeta({
    id: 'ADO-USER-INACTIVE',
    title: `Users who have not signed in for ${INACTIVE_DAYS} days should lose their access`,
    severity: 'medium',
    description:
      'An account nobody uses keeps its permissions and licenses; if its credentials leak (a reused password, an old token) nobody notices the sign-in. Users who never signed in are ADO-USER-NEVER-SIGNED-IN.',
    remediation: `${USERS_PAGE}: sort by Last access, then remove the users named (or set their access level to Stakeholder / disable them).`,
    helpUri: USERS_HELP,
    references: [azsk('ADO_Organization_AuthZ_Review_Inactive_Users'), legitify('Members/Admins activity in 6 months'), owaspCicd(2)],
  }),
  areas: ['users'],
  evaluate: (s) =>
    perUser(s, (u, object) => {
      const evidence = baseEvidence(s, u).slice();
      const days = inactivity(s, u);
      if (days === 'never') return notApplicable(object, evidence);
      if (days === 'unsent') return notAvailableResult(object, { code: 'unsupported', text: `${UNSENT_WHY} of ${userName(u)}.` }, evidence);
      if (days === undefined) return notAvailableResult(object, { code: 'unsupported', text: `The last access date of ${userName(u)} could not be read.` }, evidence);
      return days > INACTIVE_DAYS ? fail(object, evidence, `User ${userLabel(u)} last signed in ${days} days ago.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [usersOf(userOf({ lastAccessedDate: daysEarlier(COLLECTED_AT, 91) }))],
    mustNotFlag: [usersOf(userOf({ lastAccessedDate: daysEarlier(COLLECTED_AT, 90) })), usersOf(userOf({ lastAccessedDate: daysEarlier(COLLECTED_AT, 400), accessLevel: { accountLicenseType: 'express', status: 'disabled' } }))],
    notApplicable: [usersOf(userOf({ lastAccessedDate: null })), snapshotOf()],
    notAvailable: [usersOf(userOf({ lastAccessedDate: 'yesterday' })), usersOf(userOf({ lastAccessedDate: undefined })), noEntitlements],
  },
};

const neverSignedIn: Control = {
  meta: postureMeta({
    id: 'ADO-USER-NEVER-SIGNED-IN',
    title: `Users added more than ${INACTIVE_DAYS} days ago who never signed in should be removed`,
    severity: 'medium',
    description: 'An account that was added and never used is access nobody needs, and often a mistyped or departed person\'s identity.',
    remediation: `${USERS_PAGE}: remove the users whose Last access is "Never" and who were added long ago.`,
    helpUri: USERS_HELP,
    references: [azsk('ADO_Organization_AuthZ_Review_Inactive_Users'), owaspCicd(2)],
  }),
  areas: ['users'],
  evaluate: (s) =>
    perUser(s, (u, object) => {
      const evidence = [...baseEvidence(s, u), ev('Added', u.dateCreated)];
      const days = inactivity(s, u);
      if (days === 'unsent') return notAvailableResult(object, { code: 'unsupported', text: `${UNSENT_WHY} of ${userName(u)}, so whether they ever signed in is not known.` }, evidence);
      if (days !== 'never') return notApplicable(object, evidence);
      const v = inactiveVerdict(s, u);
      if (v.verdict === 'unknown') return notAvailableResult(object, { code: 'unsupported', text: `${userName(u)}: ${v.why}.` }, evidence);
      return v.verdict === 'fail' ? fail(object, evidence, `User ${userLabel(u)} ${v.why}.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [usersOf(userOf({ lastAccessedDate: null, dateCreated: daysEarlier(COLLECTED_AT, 200) }))],
    mustNotFlag: [usersOf(userOf({ lastAccessedDate: null, dateCreated: daysEarlier(COLLECTED_AT, 10) }))],
    notApplicable: [usersOf(userOf()), snapshotOf()],
    notAvailable: [usersOf(userOf({ lastAccessedDate: null, dateCreated: undefined })), usersOf(userOf({ lastAccessedDate: undefined, dateCreated: daysEarlier(COLLECTED_AT, 200) })), noEntitlements],
  },
};

const guestInactive: Control = {
  meta: postureMeta({
    id: 'ADO-USER-GUEST-INACTIVE',
    title: `Guest users inactive for ${INACTIVE_DAYS} days should be removed`,
    severity: 'high',
    description: 'A guest (Entra B2B user of another tenant) whose engagement ended keeps access until someone removes it; their home tenant, not yours, decides whether the account still works.',
    remediation: `${USERS_PAGE}: filter on guests, remove the inactive ones.`,
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/security/add-external-user',
    references: [azsk('ADO_Organization_AuthZ_Remove_Inactive_Guest_Users'), owaspCicd(2)],
  }),
  areas: ['users'],
  evaluate: (s) =>
    perUser(s, (u, object) => {
      const evidence = [...baseEvidence(s, u), ev('User type', u.userType)];
      if (u.userType === undefined) return notAvailableResult(object, { code: 'unsupported', text: `Azure DevOps did not say whether ${userName(u)} is a guest.` }, evidence);
      if (!isGuest(u)) return notApplicable(object, evidence);
      const v = inactiveVerdict(s, u);
      if (v.verdict === 'unknown') return notAvailableResult(object, { code: 'unsupported', text: `${userName(u)}: ${v.why}.` }, evidence);
      return v.verdict === 'fail' ? fail(object, evidence, `Guest ${userLabel(u)} ${v.why}.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [usersOf(userOf({ userType: 'guest', lastAccessedDate: daysEarlier(COLLECTED_AT, 120) })), usersOf(userOf({ userType: 'guest', lastAccessedDate: null, dateCreated: daysEarlier(COLLECTED_AT, 365) }))],
    mustNotFlag: [usersOf(userOf({ userType: 'guest', lastAccessedDate: daysEarlier(COLLECTED_AT, 5) }))],
    notApplicable: [usersOf(userOf({ userType: 'member', lastAccessedDate: daysEarlier(COLLECTED_AT, 120) }))],
    notAvailable: [usersOf(userOf({ userType: undefined })), usersOf(userOf({ userType: 'guest', lastAccessedDate: undefined, dateCreated: daysEarlier(COLLECTED_AT, 365) })), noEntitlements],
  },
};

const guests: Control = {
  meta: postureMeta({
    id: 'ADO-USER-GUEST',
    title: 'Every guest user should be justified (reviewed and still needed)',
    severity: 'low',
    description: 'Guests come from other tenants whose account policies you do not control. Each one should be known and still needed; this lists them for that review.',
    remediation: `${USERS_PAGE}: review each guest named; remove those no longer needed. To stop new guests, turn off External guest access (ADO-ORG-GUEST-ACCESS).`,
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/security/add-external-user',
    references: [azsk('ADO_Organization_AuthZ_Review_Guest_Members'), owaspCicd(2)],
  }),
  areas: ['users'],
  evaluate: (s) =>
    perUser(s, (u, object) => {
      const evidence = [...baseEvidence(s, u), ev('User type', u.userType)];
      if (u.userType === undefined) return notAvailableResult(object, { code: 'unsupported', text: `Azure DevOps did not say whether ${userName(u)} is a guest.` }, evidence);
      return isGuest(u) ? fail(object, evidence, `${userLabel(u)} is a guest user.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [usersOf(userOf({ userType: 'guest', principalName: 'vendor_fabrikam.com#EXT#@contoso.onmicrosoft.com' }))],
    mustNotFlag: [usersOf(userOf({ userType: 'member' }))],
    notApplicable: [snapshotOf()],
    notAvailable: [usersOf(userOf({ userType: undefined })), noEntitlements],
  },
};

/** Access levels beyond Stakeholder (ADO's accountLicenseType words). */
const STAKEHOLDER = new Set(['stakeholder', 'none']);

const guestAccessLevel: Control = {
  meta: postureMeta({
    id: 'ADO-USER-GUEST-BASIC',
    title: 'Guest users should have Stakeholder access unless they need code',
    severity: 'low',
    description: 'Basic (and higher) access lets a guest read and change code and pipelines in every project they belong to; Stakeholder access keeps them to work items and dashboards.',
    remediation: `${USERS_PAGE}: change the guest's Access level to Stakeholder.`,
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/security/access-levels',
    references: [owaspCicd(2)],
  }),
  areas: ['users'],
  evaluate: (s) =>
    perUser(s, (u, object) => {
      const level = u.accessLevel?.accountLicenseType?.toLowerCase();
      const evidence = [...baseEvidence(s, u), ev('User type', u.userType)];
      if (u.userType === undefined) return notAvailableResult(object, { code: 'unsupported', text: `Azure DevOps did not say whether ${userName(u)} is a guest.` }, evidence);
      if (!isGuest(u)) return notApplicable(object, evidence);
      if (level === undefined) return notAvailableResult(object, { code: 'unsupported', text: `Azure DevOps did not return the access level of ${userName(u)}.` }, evidence);
      return STAKEHOLDER.has(level) ? pass(object, evidence) : fail(object, evidence, `Guest ${userLabel(u)} has ${u.accessLevel?.licenseDisplayName ?? level} access.`);
    }),
  examples: {
    mustFlag: [usersOf(userOf({ userType: 'guest' }))],
    mustNotFlag: [usersOf(userOf({ userType: 'guest', accessLevel: { accountLicenseType: 'stakeholder', licenseDisplayName: 'Stakeholder', status: 'active' } }))],
    notApplicable: [usersOf(userOf({ userType: 'member' }))],
    notAvailable: [usersOf(userOf({ userType: 'guest', accessLevel: undefined })), noEntitlements],
  },
};

const personalAccounts: Control = {
  meta: postureMeta({
    id: 'ADO-USER-MSA',
    title: 'Users should sign in with Entra ID accounts, not personal Microsoft accounts',
    severity: 'medium',
    description:
      'A personal Microsoft account (MSA) sits outside your Entra ID tenant: no Conditional Access, no enforced MFA, and it survives the person leaving the company. An organization backed by Entra ID admits only tenant identities.',
    remediation: `Organization settings > General > Microsoft Entra (https://dev.azure.com/{organization}/_settings/organizationAad): connect the organization to your Entra ID tenant; then in ${USERS_PAGE} replace the personal accounts named.`,
    helpUri: 'https://learn.microsoft.com/azure/devops/organizations/accounts/connect-organization-to-azure-ad',
    references: [azsk('ADO_Organization_AuthN_Use_AAD_Auth'), legitify('Two-Factor / SSO enforced'), owaspCicd(2)],
  }),
  areas: ['users'],
  evaluate: (s) =>
    perUser(s, (u, object) => {
      const evidence = [...baseEvidence(s, u), ev('Identity origin', u.origin)];
      if (u.origin === undefined) return notAvailableResult(object, { code: 'unsupported', text: `Azure DevOps did not return where ${userName(u)} comes from.` }, evidence);
      return u.origin.toLowerCase() === 'msa' ? fail(object, evidence, `${userLabel(u)} is a personal Microsoft account.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [usersOf(userOf({ origin: 'msa', principalName: 'adele@outlook.com' }))],
    mustNotFlag: [usersOf(userOf({ origin: 'aad' }))],
    notApplicable: [snapshotOf()],
    notAvailable: [usersOf(userOf({ origin: undefined })), noEntitlements],
  },
};

export const usersControls: readonly Control[] = [inactiveUsers, neverSignedIn, guestInactive, guests, guestAccessLevel, personalAccounts];
