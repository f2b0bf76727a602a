// Judging the members of built-in admin groups (AzSK thresholds): how many people are admins,
// guests and inactive users among them. Shared by the organization controls (Project Collection
// Administrators and the other collection-level groups) and the project controls (Project
// Administrators). Entra groups are members ADO does not expand: whoever is in them is unknown, so a
// verdict that depends on them is not available, never a pass.
import type { Evidence } from '../../contract/model';
import type { AdminGroupSnap, AdminMemberSnap, OrgSnapshot } from '../snapshot';
import { daysBefore, ev, INACTIVE_DAYS, listValue, MAX_ADMINS, MIN_ADMINS } from './helpers';

export type AdminVerdict = { verdict: 'pass' | 'fail'; evidence: Evidence[]; offenders: string[] } | { verdict: 'unknown'; evidence: Evidence[]; why: string };

export const memberName = (m: AdminMemberSnap): string => m.principalName ?? m.mailAddress ?? m.displayName ?? m.descriptor;
const people = (ms: readonly AdminMemberSnap[]) => ms.filter((m) => m.kind === 'user');
/** Members whose people ADO cannot list: Entra groups, and subjects the graph did not resolve. */
const opaque = (ms: readonly AdminMemberSnap[]) => ms.filter((m) => m.kind === 'aadGroup' || m.kind === 'unknown');

function countEvidence(ms: readonly AdminMemberSnap[]): Evidence[] {
  const users = people(ms);
  const out = [ev('Users (direct or through nested ADO groups)', users.length), ev('Users', listValue(users.map(memberName)))];
  const hidden = opaque(ms);
  if (hidden.length) out.push(ev('Entra groups or unresolved members (not expanded)', listValue(hidden.map(memberName))));
  return out;
}

/** At most MAX_ADMINS people. */
export function tooManyAdmins(ms: readonly AdminMemberSnap[]): AdminVerdict {
  const evidence = [...countEvidence(ms), ev('Most allowed', MAX_ADMINS)];
  const users = people(ms);
  if (users.length > MAX_ADMINS) return { verdict: 'fail', evidence, offenders: users.map(memberName) };
  if (opaque(ms).length) return { verdict: 'unknown', evidence, why: 'Entra ID groups are members and Azure DevOps does not list who is in them, so the number of admins is not known.' };
  return { verdict: 'pass', evidence, offenders: [] };
}

/** At least MIN_ADMINS people (nobody locked out when one admin leaves). */
export function tooFewAdmins(ms: readonly AdminMemberSnap[]): AdminVerdict {
  const evidence = [...countEvidence(ms), ev('Fewest allowed', MIN_ADMINS)];
  const users = people(ms);
  if (users.length >= MIN_ADMINS) return { verdict: 'pass', evidence, offenders: [] };
  if (opaque(ms).length) return { verdict: 'unknown', evidence, why: 'Entra ID groups are members and Azure DevOps does not list who is in them, so the number of admins is not known.' };
  return { verdict: 'fail', evidence, offenders: users.map(memberName) };
}

/** No guest (Entra B2B) user among the members. */
export function guestAdmins(ms: readonly AdminMemberSnap[]): AdminVerdict {
  const users = people(ms);
  const guests = users.filter((m) => m.userType?.toLowerCase() === 'guest');
  const unknown = users.filter((m) => m.userType === undefined);
  const evidence = [ev('Users', users.length), ev('Guests', listValue(guests.map(memberName)))];
  if (guests.length) return { verdict: 'fail', evidence, offenders: guests.map(memberName) };
  if (unknown.length) {
    evidence.push(ev('User type not returned', listValue(unknown.map(memberName))));
    return { verdict: 'unknown', evidence, why: 'Azure DevOps did not say whether some members are guests.' };
  }
  return { verdict: 'pass', evidence, offenders: [] };
}

/** No member user who has not signed in for INACTIVE_DAYS days (never signed in counts as inactive). */
export function inactiveAdmins(snapshot: OrgSnapshot, ms: readonly AdminMemberSnap[]): AdminVerdict {
  const users = people(ms);
  const inactive: string[] = [];
  const unknown: string[] = [];
  for (const m of users) {
    if (m.lastAccessedDate === undefined) unknown.push(memberName(m));
    else if (m.lastAccessedDate === null) inactive.push(`${memberName(m)} (never signed in)`);
    else {
      const days = daysBefore(snapshot, m.lastAccessedDate);
      if (days === undefined) unknown.push(memberName(m));
      else if (days > INACTIVE_DAYS) inactive.push(`${memberName(m)} (last sign-in ${days} days ago)`);
    }
  }
  const evidence = [ev('Users', users.length), ev(`Inactive for more than ${INACTIVE_DAYS} days`, listValue(inactive))];
  if (inactive.length) return { verdict: 'fail', evidence, offenders: inactive };
  if (unknown.length) {
    evidence.push(ev('Last sign-in not known', listValue(unknown)));
    return { verdict: 'unknown', evidence, why: 'The last sign-in of some members is not known (member entitlements were not available for them).' };
  }
  return { verdict: 'pass', evidence, offenders: [] };
}

/** The admin groups of one kind set, with their label for evidence. */
export const groupLabel = (g: AdminGroupSnap): string => g.displayName ?? g.principalName ?? g.kind;
