// Git repositories, the branch policies that apply to each default branch, which pipelines may use
// each repository, and GitHub Advanced Security enablement per repository.
import type { PolicyConfiguration } from '../../ado/areas/policy';
import { policySettings } from '../../ado/areas/policy-settings';
import type { AdoRepository } from '../../ado/types';
import {
  BRANCH_POLICY_TYPE_IDS,
  type AreaStatus,
  type BranchPolicySettings,
  type BranchPolicySnap,
  type BranchPolicyTypeName,
  type Facet,
  type ProjectSnap,
  type RepoAdvancedSecurity,
  type RepositorySnap,
  type Unavailable,
} from '../snapshot';
import { identityOf } from './convert';
import { facet, projectUrl, type CollectContext } from './context';
import { dependsOn, unavailableFrom } from './reasons';
import { pipelineAccess } from './resources';

const TYPE_NAMES = new Map<string, BranchPolicyTypeName>(Object.entries(BRANCH_POLICY_TYPE_IDS).map(([name, id]) => [id, name as BranchPolicyTypeName]));
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

function settingsOf(c: PolicyConfiguration, typeName: BranchPolicyTypeName | 'unknown'): BranchPolicySettings {
  const s = policySettings(c);
  if (s.kind !== 'other') {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) if (v !== undefined && k !== 'message') copy[k] = v;
    return copy as unknown as BranchPolicySettings;
  }
  if (typeName === 'mergeStrategy') {
    const out: BranchPolicySettings = { kind: 'mergeStrategy' };
    for (const key of ['allowSquash', 'allowNoFastForward', 'allowRebase', 'allowRebaseMerge'] as const) {
      const v = bool(c.settings[key]) ?? (key === 'allowSquash' ? bool(c.settings.useSquashMerge) : undefined);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }
  if (typeName === 'commentRequirements' || typeName === 'workItemLinking') return { kind: typeName };
  return { kind: 'other' };
}

export function branchPolicyOf(c: PolicyConfiguration): BranchPolicySnap {
  const typeName = TYPE_NAMES.get(c.typeId) ?? 'unknown';
  const out: BranchPolicySnap = {
    id: c.id,
    typeId: c.typeId,
    typeName,
    isEnabled: c.isEnabled,
    isBlocking: c.isBlocking,
    scope: c.scope.map((s) => (s.matchKind === undefined ? { repositoryId: s.repositoryId, refName: s.refName } : { ...s })),
    settings: settingsOf(c, typeName),
  };
  if (c.isDeleted !== undefined) out.isDeleted = c.isDeleted;
  if (c.isEnterpriseManaged !== undefined) out.isEnterpriseManaged = c.isEnterpriseManaged;
  const by = identityOf(c.createdBy);
  if (by) out.createdBy = by;
  return out;
}

const unsupported = <T>(text: string): Facet<T> => ({ state: 'not-available', reason: { code: 'unsupported', text } });

export interface RepositoriesResult {
  repositories: RepositorySnap[];
  status: AreaStatus;
  advancedSecurity: RepoAdvancedSecurity[];
  advancedSecurityStatus: AreaStatus;
}

export async function collectRepositories(ctx: CollectContext, projects: ProjectSnap[], opts: { advancedSecurity: boolean }): Promise<RepositoriesResult> {
  let repos: AdoRepository[];
  try {
    repos = await ctx.call(() => ctx.client.git.listRepositories());
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    const reason = unavailableFrom(err);
    return { repositories: [], status: { state: 'not-available', reason }, advancedSecurity: [], advancedSecurityStatus: { state: 'not-available', reason: dependsOn('the repository list', reason) } };
  }
  const known = new Set(projects.map((p) => p.id.toLowerCase()));
  // Only repositories of the projects collected (a project still being created is not listed).
  const inScope = projects.length ? repos.filter((r) => known.has(r.project.id.toLowerCase())) : repos;
  const results = await Promise.all(
    inScope.map(async (listed) => {
      const r = await withDefaultBranch(ctx, listed);
      const base = projectUrl(ctx, r.project.name);
      const branch = r.defaultBranch;
      const usable = !r.isDisabled && branch !== undefined;
      const why = r.isDisabled ? 'The repository is disabled: ADO serves nothing of it.' : 'The repository is empty: it has no default branch.';
      const [policies, access, enablement] = await Promise.all([
        usable ? facet(ctx, async () => (await ctx.client.policy.listConfigurations(r.project.id, { repositoryId: r.id, refName: branch })).map(branchPolicyOf)) : unsupported<BranchPolicySnap[]>(why),
        pipelineAccess(ctx, r.project.id, 'repository', `${r.project.id}.${r.id}`),
        opts.advancedSecurity && !r.isDisabled ? facet(ctx, () => ctx.client.advancedSecurity.getRepoEnablement(r.project.id, r.id)) : null,
      ]);
      const repo: RepositorySnap = {
        id: r.id,
        name: r.name,
        projectId: r.project.id,
        projectName: r.project.name,
        isDisabled: r.isDisabled === true,
        webUrl: r.webUrl ?? `${base}/_git/${encodeURIComponent(r.name)}`,
        policiesUrl: `${base}/_settings/repositories?repo=${r.id}&_a=policiesMid&refs=${encodeURIComponent(branch ?? '')}`,
        defaultBranchPolicies: policies,
        pipelineAccess: access,
      };
      if (branch !== undefined) repo.defaultBranch = branch;
      if (r.isFork !== undefined) repo.isFork = r.isFork;
      if (r.size !== undefined) repo.size = r.size;
      const advsec: RepoAdvancedSecurity = {
        repositoryId: r.id,
        repositoryName: r.name,
        projectId: r.project.id,
        projectName: r.project.name,
        webUrl: `${base}/_settings/repositories?repo=${r.id}&_a=settings`,
        enablement:
          enablement === null
            ? unsupported(r.isDisabled ? 'The repository is disabled.' : 'Advanced Security was not collected.')
            : enablement.state === 'available'
              ? {
                  state: 'available',
                  value: {
                    shape: enablement.value.shape,
                    codeSecurityEnabled: enablement.value.codeSecurityEnabled,
                    secretProtectionEnabled: enablement.value.secretProtectionEnabled,
                    blockPushes: enablement.value.blockPushes,
                    codeQLEnabled: enablement.value.codeQLEnabled,
                    dependencyScanningInjectionEnabled: enablement.value.dependencyScanningInjectionEnabled,
                    dependabotEnabled: enablement.value.dependabotEnabled,
                  },
                }
              : enablement,
      };
      return { repo, advsec };
    }),
  );
  const advancedSecurity = results.map((x) => x.advsec);
  return {
    repositories: results.map((x) => x.repo),
    status: { state: 'available' },
    advancedSecurity,
    advancedSecurityStatus: facetsStatus(advancedSecurity.map((a) => a.enablement)),
  };
}

/**
 * ADO's list may leave defaultBranch out although the repository has one (Microsoft's own examples
 * do): ask the single repository before calling it empty. A failed read leaves it as listed.
 */
async function withDefaultBranch(ctx: CollectContext, r: AdoRepository): Promise<AdoRepository> {
  if (r.defaultBranch !== undefined || r.isDisabled) return r;
  const single = await facet(ctx, () => ctx.client.git.getRepository(r.project.id, r.id));
  return single.state === 'available' && single.value.defaultBranch ? { ...r, defaultBranch: single.value.defaultBranch } : r;
}

/** Not available when every object's read failed for a reason other than the object itself (a scope, a 403, a 404 feature off). */
export function facetsStatus(facets: Facet<unknown>[]): AreaStatus {
  const reasons: Unavailable[] = facets.flatMap((f) => (f.state === 'not-available' && f.reason.code !== 'unsupported' ? [f.reason] : []));
  const tried = facets.filter((f) => f.state === 'available' || f.reason.code !== 'unsupported').length;
  if (tried > 0 && reasons.length === tried) return { state: 'not-available', reason: reasons[0] };
  return { state: 'available' };
}
