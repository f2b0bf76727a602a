// The tricky reads of the repository controls: which policy scopes cover the default branch
// (repository vs project-wide, Exact / Prefix / DefaultBranch, case), which policies are in force,
// and how several minimum-reviewers policies combine; results name the object, its page and values.
import { assessSnapshot } from '../assess';
import type { BranchPolicySnap, MinimumReviewersSettingsSnap } from '../snapshot';
import { branchPolicyOf, repositoryOf, snapshotOf } from '../testing';
import type { Control } from './control';
import { enforcedPolicies, repositoriesControls, scopeCoversDefaultBranch } from './repositories';

const REPO = { id: '5febef5a-833d-4e14-b9c0-14cb638f91e6', defaultBranch: 'refs/heads/main' };
const OTHER = '0d5c8f2e-96b4-4b2f-8d0e-8f7a1b2c3d4e';

describe('scopeCoversDefaultBranch', () => {
  test.each<[string, BranchPolicySnap['scope'][number], { id: string; defaultBranch?: string }, boolean]>([
    ['project-wide, default branch of every repository', { repositoryId: null, refName: null, matchKind: 'DefaultBranch' }, REPO, true],
    ['this repository, default branch', { repositoryId: REPO.id, refName: null, matchKind: 'DefaultBranch' }, REPO, true],
    ['another repository, default branch', { repositoryId: OTHER, refName: null, matchKind: 'DefaultBranch' }, REPO, false],
    ['exact ref of this repository', { repositoryId: REPO.id, refName: 'refs/heads/main', matchKind: 'Exact' }, REPO, true],
    ['exact ref, repository id in upper case', { repositoryId: REPO.id.toUpperCase(), refName: 'refs/heads/main', matchKind: 'Exact' }, REPO, true],
    ['exact ref, matchKind lower case (as some bodies send it)', { repositoryId: null, refName: 'refs/heads/main', matchKind: 'exact' }, REPO, true],
    ['exact ref, branch name in another case (ADO compares without case)', { repositoryId: null, refName: 'refs/heads/Main', matchKind: 'Exact' }, REPO, true],
    ['exact ref of another branch', { repositoryId: REPO.id, refName: 'refs/heads/develop', matchKind: 'Exact' }, REPO, false],
    ['exact ref, a longer branch sharing the prefix', { repositoryId: REPO.id, refName: 'refs/heads/main', matchKind: 'Exact' }, { id: REPO.id, defaultBranch: 'refs/heads/main-old' }, false],
    ['exact ref of another repository', { repositoryId: OTHER, refName: 'refs/heads/main', matchKind: 'Exact' }, REPO, false],
    ['prefix over every branch', { repositoryId: null, refName: 'refs/heads/', matchKind: 'Prefix' }, REPO, true],
    ['prefix over release branches, default branch is one', { repositoryId: null, refName: 'refs/heads/release/', matchKind: 'Prefix' }, { id: REPO.id, defaultBranch: 'refs/heads/release/2026' }, true],
    ['prefix with a trailing *', { repositoryId: null, refName: 'refs/heads/release/*', matchKind: 'Prefix' }, { id: REPO.id, defaultBranch: 'refs/heads/release/2026' }, true],
    ['prefix over release branches, default branch main', { repositoryId: null, refName: 'refs/heads/release/', matchKind: 'Prefix' }, REPO, false],
    ['repository-wide push policy (no ref)', { repositoryId: REPO.id, refName: null }, REPO, true],
    ['unknown matchKind covers nothing', { repositoryId: null, refName: 'refs/heads/main', matchKind: 'Regex' }, REPO, false],
    ['an empty repository has no default branch', { repositoryId: null, refName: null, matchKind: 'DefaultBranch' }, { id: REPO.id }, false],
  ])('%s', (_name, scope, repo, expected) => {
    expect(scopeCoversDefaultBranch(scope, repo)).toBe(expected);
  });
});

describe('enforcedPolicies', () => {
  const p = (over: Partial<BranchPolicySnap>) => branchPolicyOf(over);
  test.each<[string, BranchPolicySnap, boolean]>([
    ['enabled, blocking, project-wide', p({}), true],
    ['optional (not blocking)', p({ isBlocking: false }), false],
    ['disabled', p({ isEnabled: false }), false],
    ['deleted', p({ isDeleted: true }), false],
    ['one of several scopes covers the branch', p({ scope: [{ repositoryId: OTHER, refName: 'refs/heads/main', matchKind: 'Exact' }, { repositoryId: REPO.id, refName: 'refs/heads/main', matchKind: 'Exact' }] }), true],
    ['no scope covers the branch', p({ scope: [{ repositoryId: OTHER, refName: null, matchKind: 'DefaultBranch' }] }), false],
  ])('%s', (_name, policy, inForce) => {
    expect(enforcedPolicies([policy], REPO)).toHaveLength(inForce ? 1 : 0);
  });
});

const control = (id: string): Control => {
  const c = repositoriesControls.find((x) => x.meta.id === id);
  if (!c) throw new Error(`no ${id}`);
  return c;
};
const reviewers = (settings: Partial<MinimumReviewersSettingsSnap>, over: Partial<BranchPolicySnap> = {}) =>
  branchPolicyOf({ ...over, settings: { kind: 'minimumReviewers', minimumApproverCount: 2, creatorVoteCounts: false, resetOnSourcePush: true, blockLastPusherVote: true, allowDownvotes: false, ...settings } });
const outcomeOf = (id: string, ...policies: BranchPolicySnap[]) =>
  control(id).evaluate(snapshotOf({ repositories: [repositoryOf({ defaultBranchPolicies: { state: 'available', value: policies } })] }))[0].outcome;

describe('minimum reviewers', () => {
  test.each<[string, BranchPolicySnap[], string]>([
    ['no policy', [], 'fail'],
    ['one reviewer', [reviewers({ minimumApproverCount: 1 })], 'fail'],
    ['two reviewers', [reviewers({ minimumApproverCount: 2 })], 'pass'],
    ['two reviewers but optional', [reviewers({ minimumApproverCount: 2 }, { isBlocking: false })], 'fail'],
    ['two reviewers on another repository only', [reviewers({ minimumApproverCount: 4 }, { scope: [{ repositoryId: OTHER, refName: null, matchKind: 'DefaultBranch' }] })], 'fail'],
    ['project-wide 1 and repository-specific 3: the stricter applies', [reviewers({ minimumApproverCount: 1 }), reviewers({ minimumApproverCount: 3 }, { id: 7, scope: [{ repositoryId: REPO.id, refName: 'refs/heads/main', matchKind: 'Exact' }] })], 'pass'],
    ['count not returned, none reaches two', [reviewers({ minimumApproverCount: undefined })], 'not-available'],
  ])('%s → %s', (_name, policies, outcome) => {
    expect(outcomeOf('ADO-REPO-MIN-REVIEWERS', ...policies)).toBe(outcome);
  });
});

describe('author approval, vote reset, last pusher, rejections: one secure policy in force is enough (all must be satisfied)', () => {
  test.each<[string, string, BranchPolicySnap[], string]>([
    ['self-approval counted', 'ADO-REPO-SELF-APPROVE', [reviewers({ creatorVoteCounts: true })], 'fail'],
    ['self-approval counted by one of two policies', 'ADO-REPO-SELF-APPROVE', [reviewers({ creatorVoteCounts: true }), reviewers({ creatorVoteCounts: false }, { id: 2 })], 'pass'],
    ['self-approval: only an optional policy', 'ADO-REPO-SELF-APPROVE', [reviewers({ creatorVoteCounts: true }, { isBlocking: false })], 'not-applicable'],
    ['votes kept on push', 'ADO-REPO-RESET-VOTES', [reviewers({ resetOnSourcePush: false })], 'fail'],
    ['all votes reset on push', 'ADO-REPO-RESET-VOTES', [reviewers({ resetOnSourcePush: false, resetRejectionsOnSourcePush: true })], 'pass'],
    ['approval of the last iteration required', 'ADO-REPO-RESET-VOTES', [reviewers({ resetOnSourcePush: false, requireVoteOnLastIteration: true })], 'pass'],
    ['reset flag not returned', 'ADO-REPO-RESET-VOTES', [reviewers({ resetOnSourcePush: undefined })], 'not-available'],
    ['last pusher may approve', 'ADO-REPO-LAST-PUSHER', [reviewers({ blockLastPusherVote: false })], 'fail'],
    ['rejections advisory', 'ADO-REPO-DOWNVOTES', [reviewers({ allowDownvotes: true })], 'fail'],
    ['rejections block in one policy', 'ADO-REPO-DOWNVOTES', [reviewers({ allowDownvotes: true }), reviewers({ allowDownvotes: false }, { id: 2 })], 'pass'],
  ])('%s (%s) → %s', (_name, id, policies, outcome) => {
    expect(outcomeOf(id, ...policies)).toBe(outcome);
  });
});

test('a repository-wide push policy does not protect the branch (direct pushes still allowed)', () => {
  const pushPolicy = branchPolicyOf({ typeId: '2e26e725-8201-4edd-8bf5-978563c34a80', typeName: 'fileSizeRestriction', scope: [{ repositoryId: REPO.id, refName: null }], settings: { kind: 'other' } });
  expect(outcomeOf('ADO-REPO-BRANCH-PROTECTED', pushPolicy)).toBe('fail');
});

test("a failing result names the repository and branch, points at the branch policies page and carries the values read", () => {
  const s = snapshotOf({ repositories: [repositoryOf({ defaultBranchPolicies: { state: 'available', value: [reviewers({ minimumApproverCount: 1 })] } })] });
  const finding = assessSnapshot(s, [control('ADO-REPO-MIN-REVIEWERS')]).findings[0];
  expect(finding.message).toBe('Repository Storefront/web, branch main: minimum reviewers 1 (at least 2).');
  expect(finding.location).toMatchObject({ kind: 'ado-object', objectKind: 'repository', name: 'web', project: { name: 'Storefront' } });
  expect(finding.location.kind === 'ado-object' && finding.location.url).toContain('_a=policiesMid');
  expect(finding.details?.evidence).toEqual(
    expect.arrayContaining([
      { label: 'Default branch', value: 'refs/heads/main' },
      { label: 'Minimum number of reviewers', value: '1' },
    ]),
  );
});

test('findings resolved: counts from Vigil, not available per kind until that scan ran', () => {
  const c = control('ADO-REPO-DEPS-FINDINGS');
  const results = c.evaluate(
    snapshotOf({
      repositories: [
        repositoryOf({ id: 'a', name: 'a', vigilFindings: { deps: 2 } }),
        repositoryOf({ id: 'b', name: 'b', vigilFindings: { deps: 0, secret: 1 } }),
        repositoryOf({ id: 'c', name: 'c', vigilFindings: { secret: 0 } }),
        repositoryOf({ id: 'd', name: 'd' }),
      ],
    }),
  );
  expect(results.map((r) => [r.object.name, r.outcome, r.reason?.code])).toEqual([
    ['a', 'fail', undefined],
    ['b', 'pass', undefined],
    ['c', 'not-available', 'no-dataset'],
    ['d', 'not-available', 'no-dataset'],
  ]);
});
