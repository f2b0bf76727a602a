// "Require Vigil's check": for each chosen repository, a Status branch policy on its default branch that
// asks for Vigil's PR status (vigil/security) to succeed (ado-rest.md §3.3). Repositories that already
// have one are left alone; each repository answers created, exists or failed (with the reason).
import type { AppContext } from '../context';
import type { PolicyArea, PolicyConfiguration } from '../ado/areas/policy';
import { POLICY_TYPES } from '../ado/areas/policy-settings';
import { VIGIL_STATUS_CONTEXT, type RequireStatusPolicyResult } from '../contract/gate-api';
import { getCredential } from '../store/organizations';
import { getRepository } from '../store/repositories';
import type { OrganizationRow, RepositoryRow } from '../store/schema';

const eqi = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/** A Status policy on this branch that asks for vigil/security (blocking or not: the admin chose; enabled or not). */
export const isVigilStatusPolicy = (p: PolicyConfiguration, repoId: string, refName: string): boolean =>
  p.typeId === POLICY_TYPES.status &&
  !p.isDeleted &&
  eqi(p.settings.statusGenre, VIGIL_STATUS_CONTEXT.genre) &&
  eqi(p.settings.statusName, VIGIL_STATUS_CONTEXT.name) &&
  p.scope.some((s) => (s.repositoryId === null || eqi(s.repositoryId, repoId)) && (s.refName === null || eqi(s.refName, refName) || eqi(s.matchKind, 'DefaultBranch')));

/** The body of the policy: what "Branch policies › Status checks › Add status policy › vigil/security" creates. */
export const vigilStatusPolicy = (repoId: string, refName: string, blocking: boolean) => ({
  isEnabled: true,
  isBlocking: blocking,
  type: { id: POLICY_TYPES.status },
  settings: {
    statusGenre: VIGIL_STATUS_CONTEXT.genre,
    statusName: VIGIL_STATUS_CONTEXT.name,
    // A new push makes the last verdict stale: the PR waits for Vigil's scan of the new iteration.
    invalidateOnSourceUpdate: true,
    policyApplicability: null,
    scope: [{ repositoryId: repoId, refName, matchKind: 'exact' }],
  },
});

export async function requireVigilStatus(
  ctx: AppContext,
  org: OrganizationRow,
  repositoryIds: readonly string[],
  opts: { blocking: boolean },
): Promise<RequireStatusPolicyResult[]> {
  const policy = ctx.adoClient(org.url, await getCredential(ctx.store.db, ctx.config.encryptionKey, org.org_id)).policy;
  const results: RequireStatusPolicyResult[] = [];
  for (const repositoryId of new Set(repositoryIds)) {
    const repo = await getRepository(ctx.store.db, org.org_id, repositoryId);
    results.push(await requireOn(policy, repositoryId, repo, opts.blocking));
  }
  return results;
}

async function requireOn(policy: PolicyArea, repositoryId: string, repo: RepositoryRow | undefined, blocking: boolean): Promise<RequireStatusPolicyResult> {
  if (!repo || repo.removed_at) return { repositoryId, outcome: 'failed', reason: 'No such repository in this organization' };
  const named = { repositoryId, repositoryName: repo.name };
  if (!repo.default_branch) return { ...named, outcome: 'failed', reason: 'The repository has no default branch yet (it is empty)' };
  const refName = repo.default_branch;
  try {
    const matching = (await policy.listConfigurations(repo.project_id, { repositoryId, refName, policyType: POLICY_TYPES.status })).filter((p) =>
      isVigilStatusPolicy(p, repositoryId, refName),
    );
    const existing = matching.find((p) => p.isEnabled) ?? matching[0];
    if (existing) {
      // A disabled one requires nothing, but a second policy beside it would confuse: say where to look.
      const disabled = existing.isEnabled ? {} : { reason: `Policy ${existing.id} requires vigil/security but is disabled: enable it in the branch policies` };
      return { ...named, refName, outcome: 'exists', policyId: existing.id, ...disabled };
    }
    const created = await policy.createConfiguration(repo.project_id, vigilStatusPolicy(repositoryId, refName, blocking));
    return { ...named, refName, outcome: 'created', policyId: created.id };
  } catch (err) {
    return { ...named, refName, outcome: 'failed', reason: (err as Error).message };
  }
}
