// Shared pieces of the posture controls: results (pass / fail / not applicable / not available),
// evidence, facet unwrapping, the ADO objects and the pages where they are fixed, reference
// builders, and the thresholds the controls share. Pure: nothing here reads a clock or does I/O
// (ages are measured from the snapshot's collectedAt).
import type { AdoObjectLocation, Evidence, Reason, Reference, RuleMeta } from '../../contract/model';
import type { Facet, OrgSnapshot, ProjectSnap, RepositorySnap, Unavailable } from '../snapshot';
import type { ControlResult } from './control';

// ---- thresholds (AzSK ControlSettings.json) ----------------------------------------------------

/** Days without a sign-in after which a user counts as inactive (AzSK: users, admins, guests). */
export const INACTIVE_DAYS = 90;
/** Project Collection Administrators and Project Administrators: at least 2 (no lock-out), at most 6. */
export const MIN_ADMINS = 2;
export const MAX_ADMINS = 6;

// ---- results -----------------------------------------------------------------------------------

export const pass = (object: AdoObjectLocation, evidence: Evidence[]): ControlResult => ({ outcome: 'pass', object, evidence });
export const fail = (object: AdoObjectLocation, evidence: Evidence[], message: string): ControlResult => ({ outcome: 'fail', object, evidence, message });
export const notApplicable = (object: AdoObjectLocation, evidence: Evidence[]): ControlResult => ({ outcome: 'not-applicable', object, evidence });
export const notAvailableResult = (object: AdoObjectLocation, reason: Reason, evidence: Evidence[] = []): ControlResult => ({
  outcome: 'not-available',
  object,
  evidence,
  reason,
});

/** A collection failure in the contract's words (the scope, when one is named, is in the text). */
export function reasonOf(u: Unavailable): Reason {
  const scope = u.scope && !u.text.includes(u.scope) ? ` (PAT scope ${u.scopeLabel ? `${u.scopeLabel}, ` : ''}${u.scope})` : '';
  return { code: u.code, text: `${u.text}${scope}` };
}

/** A setting the snapshot should hold but does not: ADO did not send it. */
export const notSent = (what: string): Reason => ({ code: 'unsupported', text: `Azure DevOps did not return ${what}.` });

/**
 * The value of a facet, or the object's not-available result (with the facet's reason): the one way
 * a control reads a facet, so an unreadable facet never becomes a pass or a fail.
 */
export function unwrap<T>(f: Facet<T>, object: AdoObjectLocation, what: string): { value: T } | { result: ControlResult } {
  if (f.state === 'available') return { value: f.value };
  return { result: notAvailableResult(object, reasonOf(f.reason), [{ label: what, value: 'not available' }]) };
}

// ---- evidence ----------------------------------------------------------------------------------

/** One evidence row; an undefined value reads "not returned" (unknown is never false). */
export function ev(label: string, value: string | number | boolean | null | undefined, url?: string): Evidence {
  const out: Evidence = { label, value: value === undefined ? 'not returned' : value };
  if (url) out.url = url;
  return out;
}

/** "On" / "Off" / "not returned" for a UI toggle. */
export const onOff = (v: boolean | undefined): string => (v === undefined ? 'not returned' : v ? 'On' : 'Off');

/** A list for one evidence value, cut to keep the row short. */
export function listValue(items: readonly string[], max = 10): string {
  if (items.length === 0) return 'none';
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

// ---- time --------------------------------------------------------------------------------------

/** The snapshot's collection time, parsed once (every age of every object is measured from it). */
let lastCollectedAt: { iso: string; ms: number } | undefined;
function collectedAtMs(snapshot: OrgSnapshot): number {
  if (lastCollectedAt?.iso !== snapshot.collectedAt) lastCollectedAt = { iso: snapshot.collectedAt, ms: Date.parse(snapshot.collectedAt) };
  return lastCollectedAt.ms;
}

const DAY_MS = 86_400_000;

/** Whole days from `iso` to the snapshot's collection time; undefined when either is not a date. */
export function daysBefore(snapshot: OrgSnapshot, iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const then = Date.parse(iso);
  const now = collectedAtMs(snapshot);
  if (Number.isNaN(then) || Number.isNaN(now)) return undefined;
  return Math.floor((now - then) / DAY_MS);
}

/** An ISO date `days` days before `iso` (examples and tests). */
export function daysEarlier(iso: string, days: number): string {
  return new Date(Date.parse(iso) - days * DAY_MS).toISOString();
}

// ---- objects and pages -------------------------------------------------------------------------

export const orgBase = (s: OrgSnapshot): string => s.organization.url.replace(/\/+$/, '');

/** An organization settings page, e.g. orgSettingsUrl(s, 'organizationPolicy'). */
export const orgSettingsUrl = (s: OrgSnapshot, page: string): string => `${orgBase(s)}/_settings/${page}`;

/** A project settings page, e.g. projectSettingsUrl(s, 'Storefront', 'settings'). */
export const projectSettingsUrl = (s: OrgSnapshot, projectName: string, page: string): string =>
  `${orgBase(s)}/${encodeURIComponent(projectName)}/_settings/${page}`;

/** The organization, at the settings page where the control's setting is changed. */
export function orgObject(s: OrgSnapshot, page = 'organizationPolicy'): AdoObjectLocation {
  return { kind: 'ado-object', objectKind: 'organization', id: s.organization.id ?? s.organization.name, name: s.organization.name, url: orgSettingsUrl(s, page) };
}

export function projectObject(p: ProjectSnap, url: string = p.webUrl): AdoObjectLocation {
  return { kind: 'ado-object', objectKind: 'project', id: p.id, name: p.name, project: { id: p.id, name: p.name }, url };
}

/** A repository, at its default branch's policies page unless told otherwise. */
export function repositoryObject(r: { id: string; name: string; projectId: string; projectName: string }, url: string): AdoObjectLocation {
  return { kind: 'ado-object', objectKind: 'repository', id: r.id, name: r.name, project: { id: r.projectId, name: r.projectName }, url };
}

/** The branch policies page of a repository's default branch. */
export const policiesUrlOf = (r: RepositorySnap): string => r.policiesUrl;

// ---- references --------------------------------------------------------------------------------

const DEFENDER_URL = 'https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-devops';
const AZSK_URL = 'https://github.com/azsk/ADOScanner-docs';
const OWASP_CICD_URL = 'https://owasp.org/www-project-top-10-ci-cd-security-risks/';

/** A Defender for Cloud DevOps recommendation, by its title (the assessment keys are not all published). */
export const defender = (title: string): Reference => ({ type: 'defender', id: title, url: DEFENDER_URL });
/** An AzSK ADO Scanner control id, e.g. ADO_Organization_AuthN_Disable_SSH_Access. */
export const azsk = (id: string): Reference => ({ type: 'azsk', id, url: AZSK_URL });
/** OWASP Top 10 CI/CD Security Risks: CICD-SEC-1 ... CICD-SEC-10. */
export const owaspCicd = (n: number): Reference => ({ type: 'owasp-cicd', id: `CICD-SEC-${n}`, url: OWASP_CICD_URL });
/** A legitify policy (GitHub/GitLab) this control translates to Azure DevOps. */
export const legitify = (title: string): Reference => ({ type: 'legitify', id: title, url: 'https://github.com/Legit-Labs/legitify' });

/** Posture metadata with the fields every control shares filled in. */
export function postureMeta(m: Omit<RuleMeta, 'category' | 'confidence'>): RuleMeta & { category: 'posture' } {
  return { ...m, category: 'posture', confidence: 'high' };
}
