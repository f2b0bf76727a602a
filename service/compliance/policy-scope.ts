// Which branch-policy revisions apply to a branch of a repository, and which were in force at a time
// (ado-rest.md §3.2). Written once for the branch check (minimum reviewers now and as history) and the
// testing check (build validation in force at merge).
import type { PolicyRevisionEvidence } from './evidence';

export const MINIMUM_REVIEWERS_POLICY_TYPE = 'fa4e907d-c16b-4a4c-9dfa-4906e5d171dd';
export const BUILD_VALIDATION_POLICY_TYPE = '0609b952-1397-4640-95ec-e00a01b2c241';

export interface ScopedRepository {
  id: string;
  /** Full ref name of the default branch (refs/heads/main). */
  defaultBranch?: string;
}

/**
 * Whether one scope entry covers `refName` of `repo`: repositoryId null = every repository of the project;
 * matchKind DefaultBranch = the repository's default branch; Exact = that ref; Prefix = refs starting with
 * refName (refs/heads/releases/). ADO compares matchKind and branch names without case. A ref-less entry
 * without a matchKind (repository-wide push policies) covers every branch; an unknown matchKind covers
 * nothing (never a pass on a guess).
 */
export function scopeCovers(scope: PolicyRevisionEvidence['scope'][number], repo: ScopedRepository, refName: string): boolean {
  if (scope.repositoryId && scope.repositoryId.toLowerCase() !== repo.id.toLowerCase()) return false;
  const kind = (scope.matchKind ?? '').toLowerCase();
  if (kind === 'defaultbranch') return !!repo.defaultBranch && repo.defaultBranch.toLowerCase() === refName.toLowerCase();
  if (!scope.refName) return kind === '';
  const ref = scope.refName.toLowerCase();
  const branch = refName.toLowerCase();
  if (kind === 'exact' || kind === '') return ref === branch;
  if (kind === 'prefix') return branch.startsWith(ref.replace(/\*+$/, ''));
  return false;
}

/** The revisions of one policy configuration, oldest first, with their times as epoch ms. */
export interface PolicyHistory {
  policyId: number;
  typeId: string;
  revisions: { revision: PolicyRevisionEvidence; at: number }[];
}

/** epoch ms of a revision; a revision without a time counts as older than any recorded one. */
const revisionTime = (r: PolicyRevisionEvidence): number => {
  const t = r.revisedAt ? Date.parse(r.revisedAt) : NaN;
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
};

/** Groups revisions by policy (per type), each history sorted by time then revision number. */
export function policyHistories(policies: readonly PolicyRevisionEvidence[]): PolicyHistory[] {
  const byId = new Map<string, PolicyHistory>();
  for (const revision of policies) {
    const key = `${revision.projectId}:${revision.policyId}`;
    let h = byId.get(key);
    if (!h) byId.set(key, (h = { policyId: revision.policyId, typeId: revision.typeId.toLowerCase(), revisions: [] }));
    h.revisions.push({ revision, at: revisionTime(revision) });
  }
  for (const h of byId.values()) h.revisions.sort((a, b) => a.at - b.at || a.revision.revision - b.revision.revision);
  return [...byId.values()];
}

/** Whether any revision of the history ever covered the branch (the histories worth looking at for it). */
export function everCovers(history: PolicyHistory, repo: ScopedRepository, refName: string): boolean {
  return history.revisions.some(({ revision }) => revision.scope.some((s) => scopeCovers(s, repo, refName)));
}

/** The revision in force at `at` (the newest made at or before it), or undefined before the first one. */
export function revisionAt(history: PolicyHistory, at: number): PolicyRevisionEvidence | undefined {
  let found: PolicyRevisionEvidence | undefined;
  for (const r of history.revisions) {
    if (r.at > at) break;
    found = r.revision;
  }
  return found;
}

/** A revision that applies to the branch: enabled, not deleted, scoped to it (blocking is the caller's question). */
export function appliesTo(revision: PolicyRevisionEvidence, repo: ScopedRepository, refName: string): boolean {
  return revision.isEnabled && !revision.isDeleted && revision.scope.some((s) => scopeCovers(s, repo, refName));
}

/**
 * The branch-policies page of a repository in the ADO web UI, from its web page
 * ({orgUrl}/{project}/_git/{repo}); undefined when that is unknown.
 */
export function policiesPageUrl(repositoryWebUrl: string | undefined, repositoryId: string, refName: string): string | undefined {
  if (!repositoryWebUrl) return undefined;
  const at = repositoryWebUrl.indexOf('/_git/');
  if (at < 0) return undefined;
  return `${repositoryWebUrl.slice(0, at)}/_settings/repositories?repo=${encodeURIComponent(repositoryId)}&_a=policiesMid&refs=${encodeURIComponent(refName)}`;
}
