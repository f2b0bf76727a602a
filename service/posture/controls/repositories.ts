// Posture controls: repositories (ADO-REPO-). The default branch's policies (ado-rest.md §3.3; which
// policies apply is decided here from their scopes, not trusted to the read), GitHub Advanced
// Security (§10), open access for pipelines, and Defender's "findings resolved" recommendations
// computed from Vigil's own open findings per repository.
import type { Evidence } from '../../contract/model';
import type { Severity } from '../../contract/vocabulary';
import {
  BRANCH_POLICY_TYPE_IDS,
  type BranchPolicySnap,
  type BuildPolicySettingsSnap,
  type MinimumReviewersSettingsSnap,
  type OrgSnapshot,
  type RepoAdvancedSecurity,
  type RepositorySnap,
  type VigilFindingCounts,
} from '../snapshot';
import { advancedSecurityOf, branchPolicyOf, forbidden, openAccess, repositoryOf, snapshotOf, unavailableFacet, withAreaUnavailable } from '../testing';
import type { Control, ControlResult } from './control';
import { azsk, defender, ev, fail, legitify, listValue, notApplicable, notAvailableResult, orgBase, owaspCicd, pass, postureMeta, repositoryObject, unwrap } from './helpers';

// ---- which policies apply to the default branch ---------------------------------------------------

/** Policy types that guard a branch (the repository push policies guard every branch and are left out). */
const BRANCH_TYPES = new Set(['minimumReviewers', 'build', 'requiredReviewers', 'commentRequirements', 'status', 'workItemLinking', 'mergeStrategy']);

/**
 * Whether one scope entry covers the default branch of `repo` (ado-rest.md §3.2): repositoryId null =
 * every repository of the project; matchKind DefaultBranch = each repository's default branch; Exact =
 * that ref; Prefix = refs below it ("refs/heads/releases/", a trailing * tolerated). Azure DevOps
 * compares branch names and matchKind without case. A ref-less scope (push policies) covers every
 * branch; an unknown matchKind covers nothing (never a pass on a guess).
 */
export function scopeCoversDefaultBranch(scope: BranchPolicySnap['scope'][number], repo: Pick<RepositorySnap, 'id' | 'defaultBranch'>): boolean {
  if (scope.repositoryId && scope.repositoryId.toLowerCase() !== repo.id.toLowerCase()) return false;
  if (!repo.defaultBranch) return false;
  const kind = (scope.matchKind ?? '').toLowerCase();
  if (kind === 'defaultbranch') return true;
  if (!scope.refName) return kind === '' || kind === 'exact' || kind === 'prefix';
  const ref = scope.refName.toLowerCase();
  const branch = repo.defaultBranch.toLowerCase();
  if (kind === 'exact' || kind === '') return ref === branch;
  if (kind === 'prefix') return branch.startsWith(ref.replace(/\*+$/, ''));
  return false;
}

/** The policies in force on the default branch: applying, enabled, blocking, not deleted. */
export function enforcedPolicies(policies: readonly BranchPolicySnap[], repo: Pick<RepositorySnap, 'id' | 'defaultBranch'>): BranchPolicySnap[] {
  return policies.filter((p) => p.isEnabled && p.isBlocking && !p.isDeleted && p.scope.some((sc) => scopeCoversDefaultBranch(sc, repo)));
}

const minReviewerSettings = (ps: readonly BranchPolicySnap[]): MinimumReviewersSettingsSnap[] =>
  ps.flatMap((p) => (p.settings.kind === 'minimumReviewers' ? [p.settings] : []));

const policyName = (p: BranchPolicySnap): string => (p.typeName === 'build' && p.settings.kind === 'build' && p.settings.displayName ? `build "${p.settings.displayName}"` : p.typeName);

// ---- one control per default-branch question -------------------------------------------------------

type Verdict = { verdict: 'pass' | 'fail' | 'unknown' | 'not-applicable'; evidence: Evidence[]; message?: string };

interface BranchQuestion {
  id: string;
  title: string;
  severity: Severity;
  description: string;
  /** What to do on the branch policies page. */
  fix: string;
  helpUri: string;
  references: Control['meta']['references'];
  judge(enforced: BranchPolicySnap[], repo: RepositorySnap): Verdict;
  mustFlag: BranchPolicySnap[][];
  mustNotFlag: BranchPolicySnap[][];
  notApplicable?: BranchPolicySnap[][];
  notAvailable?: BranchPolicySnap[][];
}

const BRANCH_POLICIES_HELP = 'https://learn.microsoft.com/azure/devops/repos/git/branch-policies';

/** Per repository, what every branch control reads first, worked out once (3,000 repositories × the branch controls). */
interface BranchFacts {
  object: ControlResult['object'];
  enforced: BranchPolicySnap[];
  /** The evidence rows every branch control's result starts with (shared, never changed). */
  head: Evidence[];
}
const branchFacts = new WeakMap<RepositorySnap, BranchFacts>();

function branchFactsOf(r: RepositorySnap & { defaultBranch: string }, policies: readonly BranchPolicySnap[], object: ControlResult['object']): BranchFacts {
  let f = branchFacts.get(r);
  if (!f) {
    const enforced = enforcedPolicies(policies, r);
    f = { object, enforced, head: [ev('Default branch', r.defaultBranch), ev('Required policies in force', listValue(enforced.filter((p) => BRANCH_TYPES.has(p.typeName)).map(policyName)))] };
    branchFacts.set(r, f);
  }
  return f;
}

export function branchResults(s: OrgSnapshot, judge: BranchQuestion['judge']): ControlResult[] {
  return s.repositories.map((r) => {
    const cached = branchFacts.get(r);
    const object = cached?.object ?? repositoryObject(r, r.policiesUrl);
    if (r.isDisabled) return notApplicable(object, [ev('Repository disabled', true)]);
    if (!r.defaultBranch) return notApplicable(object, [ev('Default branch', 'none (empty repository)')]);
    const got = unwrap(r.defaultBranchPolicies, object, 'Default branch policies');
    if ('result' in got) return got.result;
    const { enforced, head } = branchFactsOf(r as RepositorySnap & { defaultBranch: string }, got.value, object);
    const v = judge(enforced, r);
    const evidence = [...head, ...v.evidence];
    if (v.verdict === 'pass') return pass(object, evidence);
    if (v.verdict === 'not-applicable') return notApplicable(object, evidence);
    if (v.verdict === 'unknown') return notAvailableResult(object, { code: 'unsupported', text: `Azure DevOps did not return the policy settings this control reads for ${r.name}.` }, evidence);
    return fail(object, evidence, `Repository ${r.projectName}/${r.name}, branch ${r.defaultBranch.replace(/^refs\/heads\//, '')}: ${v.message ?? 'see evidence'}.`);
  });
}

const repoWith = (...policies: BranchPolicySnap[]) => snapshotOf({ repositories: [repositoryOf({ defaultBranchPolicies: { state: 'available', value: policies } })] });

function branchControl(q: BranchQuestion): Control {
  return {
    meta: postureMeta({
      id: q.id,
      title: q.title,
      severity: q.severity,
      description: q.description,
      remediation: `Project settings > Repos > Repositories > {repository} > Policies > Branch Policies > {default branch} (https://dev.azure.com/{organization}/{project}/_settings/repositories?repo={repositoryId}&_a=policiesMid&refs={default branch}): ${q.fix}. A project-wide policy (Repositories > Policies) covers every repository.`,
      helpUri: q.helpUri,
      references: q.references,
    }),
    areas: ['repositories'],
    evaluate: (s) => branchResults(s, q.judge),
    examples: {
      mustFlag: q.mustFlag.map((ps) => repoWith(...ps)),
      mustNotFlag: q.mustNotFlag.map((ps) => repoWith(...ps)),
      notApplicable: [
        ...(q.notApplicable ?? []).map((ps) => repoWith(...ps)),
        snapshotOf({ repositories: [repositoryOf({ isDisabled: true, defaultBranchPolicies: unavailableFacet({ code: 'unsupported', text: 'The repository is disabled.' }) })] }),
        snapshotOf({ repositories: [repositoryOf({ defaultBranch: undefined })] }),
        snapshotOf(),
      ],
      notAvailable: [
        ...(q.notAvailable ?? []).map((ps) => repoWith(...ps)),
        snapshotOf({ repositories: [repositoryOf({ defaultBranchPolicies: unavailableFacet(forbidden('Reading the policies of web was refused (HTTP 403)')) })] }),
        withAreaUnavailable(snapshotOf(), 'repositories'),
      ],
    },
  };
}

const minReviewers = (settings: Partial<MinimumReviewersSettingsSnap>, p: Partial<BranchPolicySnap> = {}): BranchPolicySnap =>
  branchPolicyOf({ ...p, settings: { kind: 'minimumReviewers', minimumApproverCount: 2, creatorVoteCounts: false, resetOnSourcePush: true, blockLastPusherVote: true, allowDownvotes: false, ...settings } });
const buildPolicy = (settings: Partial<BuildPolicySettingsSnap> = {}, p: Partial<BranchPolicySnap> = {}): BranchPolicySnap =>
  branchPolicyOf({ id: 2, typeId: BRANCH_POLICY_TYPE_IDS.build, typeName: 'build', ...p, settings: { kind: 'build', buildDefinitionId: 1, displayName: 'web CI', validDuration: 720, ...settings } });
const commentPolicy = (p: Partial<BranchPolicySnap> = {}): BranchPolicySnap =>
  branchPolicyOf({ id: 3, typeId: BRANCH_POLICY_TYPE_IDS.commentRequirements, typeName: 'commentRequirements', ...p, settings: { kind: 'commentRequirements' } });
const OTHER_REPO = '0d5c8f2e-96b4-4b2f-8d0e-8f7a1b2c3d4e';

/** A question on the minimum-reviewers policies in force; not applicable without one (ADO-REPO-MIN-REVIEWERS covers that). */
function onReviewerPolicies(read: (m: MinimumReviewersSettingsSnap[]) => Verdict): BranchQuestion['judge'] {
  return (enforced) => {
    const m = minReviewerSettings(enforced);
    if (m.length === 0) return { verdict: 'not-applicable', evidence: [ev('Minimum number of reviewers policy', 'none in force (see ADO-REPO-MIN-REVIEWERS)')] };
    return read(m);
  };
}

/** Secure when ANY minimum-reviewers policy in force sets the flag as wanted (every policy must be satisfied). */
function anyPolicySets(m: MinimumReviewersSettingsSnap[], label: string, get: (x: MinimumReviewersSettingsSnap) => boolean | undefined, secure: boolean, message: string): Verdict {
  const values = m.map(get);
  const evidence = [ev(label, values.map((v) => (v === undefined ? 'not returned' : v ? 'On' : 'Off')).join(', '))];
  if (values.some((v) => v === secure)) return { verdict: 'pass', evidence };
  if (values.some((v) => v === undefined)) return { verdict: 'unknown', evidence };
  return { verdict: 'fail', evidence, message };
}

const BRANCH_QUESTIONS: readonly BranchQuestion[] = [
  {
    id: 'ADO-REPO-BRANCH-PROTECTED',
    title: 'The default branch should be protected by at least one required branch policy',
    severity: 'high',
    description:
      'A branch with no required (enabled, blocking) policy accepts direct pushes from every Contributor: changes reach the default branch, and the pipelines that build and deploy it, without a pull request. Any required branch policy forces changes through pull requests.',
    fix: 'add a required policy, at least "Require a minimum number of reviewers"',
    helpUri: BRANCH_POLICIES_HELP,
    references: [legitify('Default Branch Should Be Protected'), { type: 'scorecard', id: 'Branch-Protection', url: 'https://github.com/ossf/scorecard/blob/main/docs/checks.md#branch-protection' }, owaspCicd(1)],
    judge(enforced) {
      const guarding = enforced.filter((p) => BRANCH_TYPES.has(p.typeName));
      return guarding.length ? { verdict: 'pass', evidence: [] } : { verdict: 'fail', evidence: [], message: 'no required branch policy (direct pushes are allowed)' };
    },
    mustFlag: [[], [minReviewers({}, { isBlocking: false })], [minReviewers({}, { isEnabled: false })], [minReviewers({}, { scope: [{ repositoryId: OTHER_REPO, refName: 'refs/heads/main', matchKind: 'Exact' }] })]],
    mustNotFlag: [[commentPolicy()], [buildPolicy({}, { scope: [{ repositoryId: null, refName: 'refs/heads/', matchKind: 'Prefix' }] })]],
  },
  {
    id: 'ADO-REPO-MIN-REVIEWERS',
    title: 'The default branch should require at least two reviewers (a blocking minimum-reviewers policy of 2 or more)',
    severity: 'high',
    description:
      'With fewer than two required approvals a single person (or one colluding reviewer) can put code on the default branch. Only an enabled, blocking "Require a minimum number of reviewers" policy that applies to the default branch counts.',
    fix: 'add or edit "Require a minimum number of reviewers": Minimum number of reviewers 2 or more, and make it Required',
    helpUri: 'https://learn.microsoft.com/azure/devops/repos/git/branch-policies#require-a-minimum-number-of-reviewers',
    references: [defender('(Preview) Azure DevOps repositories should require minimum two-reviewer approval for code pushes'), legitify('Default Branch Should Require Code Review / ≥2 Reviewers'), owaspCicd(1)],
    judge(enforced) {
      const counts = minReviewerSettings(enforced).map((m) => m.minimumApproverCount);
      const best = Math.max(0, ...counts.map((c) => c ?? 0));
      const evidence = [ev('Minimum number of reviewers', counts.length ? counts.map((c) => c ?? 'not returned').join(', ') : 'no policy in force')];
      if (best >= 2) return { verdict: 'pass', evidence };
      if (counts.some((c) => c === undefined)) return { verdict: 'unknown', evidence };
      return { verdict: 'fail', evidence, message: counts.length ? `minimum reviewers ${best} (at least 2)` : 'no required minimum-reviewers policy' };
    },
    mustFlag: [[], [minReviewers({ minimumApproverCount: 1 })], [minReviewers({ minimumApproverCount: 3 }, { isBlocking: false })], [commentPolicy()]],
    mustNotFlag: [[minReviewers({ minimumApproverCount: 2 })], [minReviewers({ minimumApproverCount: 1 }), minReviewers({ minimumApproverCount: 2 }, { id: 9, scope: [{ repositoryId: null, refName: 'refs/heads/main', matchKind: 'exact' }] })]],
    notAvailable: [[minReviewers({ minimumApproverCount: undefined })]],
  },
  {
    id: 'ADO-REPO-SELF-APPROVE',
    title: 'Authors should not be able to approve their own pull requests into the default branch',
    severity: 'high',
    description:
      'When "Allow requestors to approve their own changes" is on, the author\'s own vote counts toward the minimum number of reviewers: with one required reviewer the author merges alone. It is secure when a minimum-reviewers policy in force does not count the author\'s vote.',
    fix: 'in "Require a minimum number of reviewers", turn off "Allow requestors to approve their own changes"',
    helpUri: 'https://learn.microsoft.com/azure/devops/repos/git/branch-policies#require-a-minimum-number-of-reviewers',
    references: [defender('(Preview) Azure DevOps repositories should not allow requestors to approve their own Pull Requests'), legitify('Repository Should Not Allow Review Requester To Approve Their Own Request'), owaspCicd(1)],
    judge: onReviewerPolicies((m) => anyPolicySets(m, 'Allow requestors to approve their own changes', (x) => (x.creatorVoteCounts === undefined ? undefined : !x.creatorVoteCounts), true, 'the author\'s own vote counts toward the required approvals')),
    mustFlag: [[minReviewers({ creatorVoteCounts: true })], [minReviewers({ creatorVoteCounts: true }), minReviewers({ creatorVoteCounts: true, minimumApproverCount: 1 }, { id: 5 })]],
    mustNotFlag: [[minReviewers({ creatorVoteCounts: false })], [minReviewers({ creatorVoteCounts: true }), minReviewers({ creatorVoteCounts: false }, { id: 5 })]],
    notApplicable: [[], [minReviewers({ creatorVoteCounts: true }, { isEnabled: false })]],
    notAvailable: [[minReviewers({ creatorVoteCounts: undefined })]],
  },
  {
    id: 'ADO-REPO-RESET-VOTES',
    title: 'Approvals on the default branch should be reset (or re-required) when new changes are pushed',
    severity: 'medium',
    description:
      'Without it, a pull request approved once can receive any further commits and still complete: the approved code is not the merged code. Any of "Reset code reviewer votes", "Reset all votes" or "Require at least one approval on the last iteration" closes the gap.',
    fix: 'in "Require a minimum number of reviewers", under "When new changes are pushed", choose "Reset all code reviewer votes" (or require approval of the last iteration)',
    helpUri: 'https://learn.microsoft.com/azure/devops/repos/git/branch-policies#require-a-minimum-number-of-reviewers',
    references: [legitify('Require New Code Changes After Approval To Be Re-Approved'), owaspCicd(1)],
    judge: onReviewerPolicies((m) =>
      anyPolicySets(
        m,
        'Reset votes on push, or approval of the last iteration required',
        (x) => ([x.resetOnSourcePush, x.resetRejectionsOnSourcePush, x.requireVoteOnLastIteration].some((f) => f === true) ? true : x.resetOnSourcePush === false ? false : undefined),
        true,
        'approvals are kept when new changes are pushed',
      ),
    ),
    mustFlag: [[minReviewers({ resetOnSourcePush: false, resetRejectionsOnSourcePush: false, requireVoteOnLastIteration: false })], [minReviewers({ resetOnSourcePush: false })]],
    mustNotFlag: [[minReviewers({ resetOnSourcePush: true })], [minReviewers({ resetOnSourcePush: false, resetRejectionsOnSourcePush: true })], [minReviewers({ resetOnSourcePush: false, requireVoteOnLastIteration: true })]],
    notApplicable: [[]],
    notAvailable: [[minReviewers({ resetOnSourcePush: undefined })]],
  },
  {
    id: 'ADO-REPO-LAST-PUSHER',
    title: 'The most recent pusher should not be able to approve a pull request into the default branch',
    severity: 'medium',
    description:
      'A reviewer who pushes a commit to someone else\'s pull request and then approves it has approved their own code. "Prohibit the most recent pusher from approving their own changes" closes that path.',
    fix: 'in "Require a minimum number of reviewers", turn on "Prohibit the most recent pusher from approving their own changes"',
    helpUri: 'https://learn.microsoft.com/azure/devops/repos/git/branch-policies#require-a-minimum-number-of-reviewers',
    references: [legitify('Committer approvals / MR authors override approvers (GL)'), owaspCicd(1)],
    judge: onReviewerPolicies((m) => anyPolicySets(m, 'Prohibit the most recent pusher from approving their own changes', (x) => x.blockLastPusherVote, true, 'the most recent pusher can approve')),
    mustFlag: [[minReviewers({ blockLastPusherVote: false })]],
    mustNotFlag: [[minReviewers({ blockLastPusherVote: true })]],
    notApplicable: [[]],
    notAvailable: [[minReviewers({ blockLastPusherVote: undefined })]],
  },
  {
    id: 'ADO-REPO-DOWNVOTES',
    title: 'A rejection should block pull requests into the default branch',
    severity: 'medium',
    description: 'With "Allow completion even if some reviewers vote to wait or reject" on, a reviewer\'s rejection is advisory: the author completes the pull request once enough others approve.',
    fix: 'in "Require a minimum number of reviewers", turn off "Allow completion even if some reviewers vote to wait or reject"',
    helpUri: 'https://learn.microsoft.com/azure/devops/repos/git/branch-policies#require-a-minimum-number-of-reviewers',
    references: [owaspCicd(1)],
    judge: onReviewerPolicies((m) => anyPolicySets(m, 'Allow completion even if some reviewers vote to wait or reject', (x) => (x.allowDownvotes === undefined ? undefined : !x.allowDownvotes), true, 'a rejection does not block completion')),
    mustFlag: [[minReviewers({ allowDownvotes: true })]],
    mustNotFlag: [[minReviewers({ allowDownvotes: false })]],
    notApplicable: [[]],
    notAvailable: [[minReviewers({ allowDownvotes: undefined })]],
  },
  {
    id: 'ADO-REPO-BUILD-VALIDATION',
    title: 'Pull requests into the default branch should require a successful build (build validation)',
    severity: 'medium',
    description:
      'A required build validation policy runs the pipeline (tests, scanners) on the merged result of each pull request and blocks completion when it fails, so broken or unscanned code does not reach the default branch. Only an enabled, blocking build policy that applies to the default branch counts.',
    fix: 'add a "Build Validation" policy with Policy requirement Required',
    helpUri: 'https://learn.microsoft.com/azure/devops/repos/git/branch-policies#build-validation',
    references: [legitify('Require All Checks / Pipelines To Succeed'), owaspCicd(1)],
    judge(enforced) {
      const builds = enforced.filter((p) => p.settings.kind === 'build');
      const evidence = [
        ev(
          'Required build policies',
          listValue(builds.map((p) => (p.settings.kind === 'build' && p.settings.filenamePatterns?.length ? `${policyName(p)} (paths ${p.settings.filenamePatterns.join(', ')})` : policyName(p)))),
        ),
      ];
      return builds.length ? { verdict: 'pass', evidence } : { verdict: 'fail', evidence, message: 'no required build validation' };
    },
    mustFlag: [[minReviewers({})], [buildPolicy({}, { isBlocking: false })]],
    mustNotFlag: [[buildPolicy()], [buildPolicy({}, { scope: [{ repositoryId: '5febef5a-833d-4e14-b9c0-14cb638f91e6', refName: 'refs/heads/main', matchKind: 'Exact' }] })]],
  },
  {
    id: 'ADO-REPO-COMMENT-RESOLUTION',
    title: 'Pull requests into the default branch should require all comments to be resolved',
    severity: 'low',
    description: 'With "Check for comment resolution" required, a reviewer\'s open concern (a security remark, a requested change) must be resolved before the pull request completes.',
    fix: 'turn on "Check for comment resolution" and make it Required',
    helpUri: 'https://learn.microsoft.com/azure/devops/repos/git/branch-policies#check-for-comment-resolution',
    references: [legitify('Require All Conversations Resolved'), owaspCicd(1)],
    judge(enforced) {
      const has = enforced.some((p) => p.typeName === 'commentRequirements');
      return has ? { verdict: 'pass', evidence: [] } : { verdict: 'fail', evidence: [], message: 'comment resolution is not required' };
    },
    mustFlag: [[minReviewers({})], [commentPolicy({ isBlocking: false })]],
    mustNotFlag: [[commentPolicy()]],
  },
];

// ---- repository open to all pipelines -----------------------------------------------------------------

const pipelineAccess: Control = {
  meta: postureMeta({
    id: 'ADO-REPO-PIPELINE-ACCESS',
    title: 'Repositories should not be accessible to all pipelines',
    severity: 'medium',
    description:
      'With open access any YAML pipeline of the project can check the repository out (and, with the job token, read it) without an administrator authorizing it; a pipeline changed by a Contributor can then pull source it was never meant to see.',
    remediation:
      'Project settings > Repos > Repositories > {repository} > Security > Pipeline permissions (https://dev.azure.com/{organization}/{project}/_settings/repositories?repo={repositoryId}&_a=security): turn off open access and authorize the pipelines that need it.',
    helpUri: 'https://learn.microsoft.com/azure/devops/pipelines/process/resources#authorize-a-yaml-pipeline',
    references: [azsk('ADO_Repository_AuthZ_Dont_Grant_All_Pipelines_Access'), owaspCicd(5)],
  }),
  areas: ['repositories'],
  evaluate(s) {
    return s.repositories.map((r) => {
      const object = repositoryObject(r, `${orgBase(s)}/${encodeURIComponent(r.projectName)}/_settings/repositories?repo=${r.id}&_a=security`);
      if (r.isDisabled) return notApplicable(object, [ev('Repository disabled', true)]);
      const got = unwrap(r.pipelineAccess, object, 'Pipeline permissions');
      if ('result' in got) return got.result;
      const evidence = [ev('Open access (all pipelines)', got.value.allPipelines), ev('Pipelines authorized', got.value.authorizedPipelineIds.length)];
      return got.value.allPipelines ? fail(object, evidence, `Repository ${r.projectName}/${r.name} is open to all pipelines.`) : pass(object, evidence);
    });
  },
  examples: {
    mustFlag: [snapshotOf({ repositories: [repositoryOf({ pipelineAccess: openAccess() })] })],
    mustNotFlag: [snapshotOf({ repositories: [repositoryOf()] })],
    notApplicable: [snapshotOf({ repositories: [repositoryOf({ isDisabled: true, pipelineAccess: openAccess() })] }), snapshotOf()],
    notAvailable: [snapshotOf({ repositories: [repositoryOf({ pipelineAccess: unavailableFacet(forbidden()) })] }), withAreaUnavailable(snapshotOf(), 'repositories')],
  },
};

// ---- GitHub Advanced Security for Azure DevOps -----------------------------------------------------------

type Enablement = Extract<RepoAdvancedSecurity['enablement'], { state: 'available' }>['value'];

function ghazdoControl(c: {
  id: string;
  title: string;
  severity: Severity;
  description: string;
  fix: string;
  helpUri: string;
  references: Control['meta']['references'];
  read(e: Enablement): { verdict: 'pass' | 'fail' | 'unknown'; evidence: Evidence[]; message?: string };
  failing: Partial<Enablement>[];
  passing: Partial<Enablement>[];
  unknown: Partial<Enablement>[];
}): Control {
  const withEnablement = (e: Partial<Enablement>) => {
    const base = advancedSecurityOf();
    return snapshotOf({ repositories: [repositoryOf()], advancedSecurity: [{ ...base, enablement: { state: 'available', value: { ...(base.enablement.state === 'available' ? base.enablement.value : ({} as Enablement)), ...e } } }] });
  };
  return {
    meta: postureMeta({
      id: c.id,
      title: c.title,
      severity: c.severity,
      description: c.description,
      remediation: `Project settings > Repos > Repositories > {repository} > Settings > Advanced Security (https://dev.azure.com/{organization}/{project}/_settings/repositories?repo={repositoryId}&_a=settings): ${c.fix}. Organization settings > Repos > Advanced Security can turn it on for every repository.`,
      helpUri: c.helpUri,
      references: c.references,
    }),
    areas: ['advancedSecurity'],
    evaluate(s) {
      const disabled = new Set(s.repositories.filter((r) => r.isDisabled).map((r) => r.id));
      return s.advancedSecurity.map((a) => {
        const object = repositoryObject({ id: a.repositoryId, name: a.repositoryName, projectId: a.projectId, projectName: a.projectName }, a.webUrl);
        if (disabled.has(a.repositoryId)) return notApplicable(object, [ev('Repository disabled', true)]);
        const got = unwrap(a.enablement, object, 'Advanced Security enablement');
        if ('result' in got) return got.result;
        const v = c.read(got.value);
        const evidence = [ev('Enablement API shape', got.value.shape), ...v.evidence];
        if (v.verdict === 'unknown') return notAvailableResult(object, { code: 'unsupported', text: `Azure DevOps did not say whether this is enabled for ${a.repositoryName}.` }, evidence);
        return v.verdict === 'pass' ? pass(object, evidence) : fail(object, evidence, `Repository ${a.projectName}/${a.repositoryName}: ${v.message}.`);
      });
    },
    examples: {
      mustFlag: c.failing.map(withEnablement),
      mustNotFlag: c.passing.map(withEnablement),
      notApplicable: [
        snapshotOf({ repositories: [repositoryOf({ isDisabled: true })], advancedSecurity: [advancedSecurityOf({ enablement: unavailableFacet({ code: 'unsupported', text: 'The repository is disabled.' }) })] }),
        snapshotOf(),
      ],
      notAvailable: [
        ...c.unknown.map(withEnablement),
        snapshotOf({ advancedSecurity: [advancedSecurityOf({ enablement: unavailableFacet({ code: 'missing-scope', text: 'The credential lacks the Advanced Security (Read) scope', scope: 'vso.advsec' }) })] }),
        withAreaUnavailable(snapshotOf(), 'advancedSecurity'),
      ],
    },
  };
}

const tri = (v: boolean | null): string => (v === null ? 'not returned' : v ? 'On' : 'Off');

const ghazdo = ghazdoControl({
  id: 'ADO-REPO-GHAZDO',
  title: 'Repositories should have GitHub Advanced Security for Azure DevOps enabled (Code Security and Secret Protection)',
  severity: 'high',
  description:
    'GitHub Advanced Security for Azure DevOps scans pushes and history for secrets, dependencies for known vulnerabilities and code with CodeQL, and feeds Defender for Cloud. Since the 2025 split it is two plans, Code Security and Secret Protection; both should be on (organizations on the older single plan report one flag).',
  fix: 'turn on Code Security and Secret Protection',
  helpUri: 'https://learn.microsoft.com/azure/devops/repos/security/configure-github-advanced-security-features',
  references: [defender('Azure DevOps repositories should have GitHub Advanced Security for Azure DevOps (GHAzDO) enabled'), legitify('Secret Scanning should be enabled / push protection'), owaspCicd(3)],
  read(e) {
    const evidence = [ev('Code Security', tri(e.codeSecurityEnabled)), ev('Secret Protection', tri(e.secretProtectionEnabled))];
    const flags = e.shape === 'legacy' ? [e.codeSecurityEnabled ?? e.secretProtectionEnabled] : [e.codeSecurityEnabled, e.secretProtectionEnabled];
    const off = [e.codeSecurityEnabled === false ? 'Code Security' : '', e.secretProtectionEnabled === false ? 'Secret Protection' : ''].filter(Boolean);
    if (flags.some((f) => f === false)) return { verdict: 'fail', evidence, message: `Advanced Security ${off.join(' and ') || 'is'} off` };
    if (flags.some((f) => f === null)) return { verdict: 'unknown', evidence };
    return { verdict: 'pass', evidence };
  },
  failing: [{ codeSecurityEnabled: false, secretProtectionEnabled: false }, { codeSecurityEnabled: true, secretProtectionEnabled: false }, { shape: 'legacy', codeSecurityEnabled: false, secretProtectionEnabled: null }],
  passing: [{ codeSecurityEnabled: true, secretProtectionEnabled: true }, { shape: 'legacy', codeSecurityEnabled: true, secretProtectionEnabled: null }],
  unknown: [{ codeSecurityEnabled: true, secretProtectionEnabled: null }],
});

const pushProtection = ghazdoControl({
  id: 'ADO-REPO-PUSH-PROTECTION',
  title: 'Pushes that contain secrets should be blocked (secret push protection)',
  severity: 'high',
  description: 'Push protection rejects a push that contains a recognised credential before it lands in the repository, where it would stay in history even after removal.',
  fix: 'turn on Secret Protection and "Push protection" (block pushes with secrets)',
  helpUri: 'https://learn.microsoft.com/azure/devops/repos/security/github-advanced-security-secret-scanning#push-protection',
  references: [azsk('ADO_Repository_DP_Enable_Credentials_And_Secrets_Policy'), legitify('Secret Scanning should be enabled / push protection'), owaspCicd(6)],
  read(e) {
    const evidence = [ev('Secret Protection', tri(e.secretProtectionEnabled)), ev('Push protection', tri(e.blockPushes))];
    if (e.blockPushes === true && e.secretProtectionEnabled !== false) return { verdict: 'pass', evidence };
    if (e.blockPushes === false || e.secretProtectionEnabled === false) return { verdict: 'fail', evidence, message: 'pushes containing secrets are not blocked' };
    return { verdict: 'unknown', evidence };
  },
  failing: [{ blockPushes: false }, { secretProtectionEnabled: false, blockPushes: null }],
  passing: [{ blockPushes: true }],
  unknown: [{ blockPushes: null }],
});

// ---- Defender's "findings resolved", from Vigil's own findings -----------------------------------------

function findingsControl(kind: keyof VigilFindingCounts, c: { id: string; title: string; what: string; severity: Severity; defenderTitle: string; owasp?: number }): Control {
  const withCounts = (counts: VigilFindingCounts | undefined) => snapshotOf({ repositories: [repositoryOf(counts ? { vigilFindings: counts } : {})] });
  return {
    meta: postureMeta({
      id: c.id,
      title: c.title,
      severity: c.severity,
      description: `Open ${c.what} findings that Vigil's scans of the repository's default branch reported, as Defender for Cloud's recommendation counts GHAzDO's: each one is a known, unresolved problem in the code. Not available until a ${c.what} scan has run on the repository.`,
      remediation: `Open the repository's ${c.what} findings in Vigil (Repos hub > {repository}), fix them in the repository (https://dev.azure.com/{organization}/{project}/_git/{repository}) or dismiss them with a reason.`,
      helpUri: 'https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-devops',
      references: [defender(c.defenderTitle), ...(c.owasp ? [owaspCicd(c.owasp)] : [])],
    }),
    areas: ['repositories'],
    evaluate(s) {
      return s.repositories.map((r) => {
        const object = repositoryObject(r, r.webUrl);
        if (r.isDisabled) return notApplicable(object, [ev('Repository disabled', true)]);
        const open = r.vigilFindings?.[kind];
        if (open === undefined) {
          const text = r.vigilFindings ? `No ${c.what} scan of ${r.name} has run in Vigil.` : `Vigil's findings were not joined to this assessment for ${r.name}.`;
          return notAvailableResult(object, { code: 'no-dataset', text }, [ev(`Open ${c.what} findings`, 'not available')]);
        }
        const evidence = [ev(`Open ${c.what} findings`, open)];
        return open > 0 ? fail(object, evidence, `Repository ${r.projectName}/${r.name} has ${open} open ${c.what} finding(s).`) : pass(object, evidence);
      });
    },
    examples: {
      mustFlag: [withCounts({ [kind]: 3 })],
      mustNotFlag: [withCounts({ [kind]: 0 })],
      notApplicable: [snapshotOf({ repositories: [repositoryOf({ isDisabled: true })] }), snapshotOf()],
      notAvailable: [withCounts(undefined), withCounts({ [kind === 'secret' ? 'code' : 'secret']: 0 }), withAreaUnavailable(snapshotOf(), 'repositories')],
    },
  };
}

const FINDINGS_CONTROLS = [
  findingsControl('secret', {
    id: 'ADO-REPO-SECRET-FINDINGS',
    title: 'Repositories should have their secret scanning findings resolved',
    what: 'secret',
    severity: 'high',
    defenderTitle: 'Azure DevOps repositories should have secret scanning findings resolved',
    owasp: 6,
  }),
  findingsControl('code', {
    id: 'ADO-REPO-CODE-FINDINGS',
    title: 'Repositories should have their code scanning findings resolved',
    what: 'code',
    severity: 'medium',
    defenderTitle: 'Azure DevOps repositories should have code scanning findings resolved',
  }),
  findingsControl('deps', {
    id: 'ADO-REPO-DEPS-FINDINGS',
    title: 'Repositories should have their dependency vulnerability scanning findings resolved',
    what: 'dependency vulnerability',
    severity: 'medium',
    defenderTitle: 'Azure DevOps repositories should have dependency vulnerability scanning findings resolved',
    owasp: 3,
  }),
  findingsControl('iac', {
    id: 'ADO-REPO-IAC-FINDINGS',
    title: 'Repositories should have their infrastructure as code scanning findings resolved',
    what: 'infrastructure as code',
    severity: 'medium',
    defenderTitle: 'Azure DevOps repositories should have infrastructure as code scanning findings resolved',
    owasp: 7,
  }),
];

export const repositoriesControls: readonly Control[] = [...BRANCH_QUESTIONS.map(branchControl), pipelineAccess, ghazdo, pushProtection, ...FINDINGS_CONTROLS];
