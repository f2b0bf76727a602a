import { COMPLIANCE_CHECK_IDS, type ComplianceCheckId } from '../contract/compliance-api';
import { complianceChecks } from './checks';
import { evaluateBranch, evaluatePullRequest, overallOutcome, type ComplianceContext, type ComplianceResult } from './evaluate';
import type { MergedPullRequestEvidence } from './evidence';
import { evaluateExample } from './family';
import { BUILD_VALIDATION_POLICY_TYPE } from './policy-scope';
import {
  AUTHOR,
  build,
  buildValidation,
  context,
  GROUP,
  mergedPr,
  minimumReviewers,
  OTHER,
  PR_URL,
  REPO_ID,
  REVIEWER,
  reviewer,
  task,
  unavailable,
  vigilStatus,
  voteAt,
} from './testing';

const at = (t: string) => `2026-11-05T${t}Z`;
const ctx = context();

function resultOf(checkId: ComplianceCheckId, pr: MergedPullRequestEvidence, c: ComplianceContext = ctx): ComplianceResult {
  const r = evaluatePullRequest(pr, c).find((x) => x.checkId === checkId);
  if (!r) throw new Error(`no ${checkId} result`);
  return r;
}
const approval = (pr: MergedPullRequestEvidence, c?: ComplianceContext) => resultOf('CMP-PR-APPROVAL', pr, c);
const sast = (pr: MergedPullRequestEvidence, c?: ComplianceContext) => resultOf('CMP-PR-SAST', pr, c);
const tests = (pr: MergedPullRequestEvidence, c?: ComplianceContext) => resultOf('CMP-PR-TESTS', pr, c);
const deps = (pr: MergedPullRequestEvidence, c?: ComplianceContext) => resultOf('CMP-PR-DEPENDENCIES', pr, c);

describe('every check', () => {
  it.each(complianceChecks.filter((c) => c.examples.exempt).map((c) => [c.meta.id, c] as const))('%s: its exempt examples give exempt with the label', (_id, check) => {
    for (const example of check.examples.exempt!) {
      const { result } = evaluateExample(check, example);
      expect(result.outcome).toBe('exempt');
      expect(result.evidence).toContainEqual(expect.objectContaining({ label: 'Emergency label' }));
    }
  });

  it('gives pull-request results in the contract order, for the repository\'s checks only', () => {
    const all = evaluatePullRequest(mergedPr(), ctx);
    expect(all.map((r) => r.checkId)).toEqual(COMPLIANCE_CHECK_IDS.filter((id) => id !== 'CMP-BRANCH-APPROVAL'));
    expect(all.every((r) => r.subjectKey === 'pr:42' && r.pullRequestId === 42 && r.outcome === 'pass')).toBe(true);
    const some = context({ repository: { ...ctx.repository, checks: ['CMP-PR-DEPENDENCIES', 'CMP-PR-APPROVAL'] } });
    expect(evaluatePullRequest(mergedPr(), some).map((r) => r.checkId)).toEqual(['CMP-PR-APPROVAL', 'CMP-PR-DEPENDENCIES']);
    expect(evaluatePullRequest(mergedPr(), context({ repository: { ...ctx.repository, checks: ['CMP-BRANCH-APPROVAL'] } }))).toEqual([]);
  });

  it('takes the worst outcome: fail > not-available > exempt > pass > not-applicable', () => {
    const r = (outcome: ComplianceResult['outcome']): ComplianceResult => ({ checkId: 'CMP-PR-SAST', subjectKey: 'pr:1', outcome, evidence: [] });
    expect(overallOutcome([r('pass'), r('fail'), r('not-available')])).toBe('fail');
    expect(overallOutcome([r('pass'), r('exempt'), r('not-available')])).toBe('not-available');
    expect(overallOutcome([r('pass'), r('exempt')])).toBe('exempt');
    expect(overallOutcome([r('not-applicable'), r('pass')])).toBe('pass');
    expect(overallOutcome([r('not-applicable')])).toBe('not-applicable');
    expect(overallOutcome([])).toBe('not-applicable');
  });
});

describe('scope: production branches, the start date, the emergency label', () => {
  it('compares the completion day with the start date in UTC', () => {
    expect(approval(mergedPr({ closedAt: '2026-08-07T00:30:00+02:00' })).outcome).toBe('not-applicable');
    expect(approval(mergedPr({ closedAt: '2026-08-07T00:30:00+02:00' })).reason).toBe('Completed on 2026-08-06, before the start date 2026-08-07.');
    expect(approval(mergedPr({ closedAt: '2026-08-07T00:00:00Z' })).outcome).not.toBe('not-applicable');
  });

  it('exempts an emergency label whatever its case, reporting the label; out of scope stays not-applicable', () => {
    const r = sast(mergedPr({ labels: ['security', 'EMERGENCY'], statuses: [], builds: [] }));
    expect(r.outcome).toBe('exempt');
    expect(r.message).toContain('"EMERGENCY"');
    expect(sast(mergedPr({ labels: ['emergency'] }), context({ emergencyLabel: 'hotfix' })).outcome).toBe('pass');
    expect(sast(mergedPr({ labels: ['emergency'], targetRef: 'refs/heads/develop' })).outcome).toBe('not-applicable');
  });

  it('refuses evidence of another repository and a completion time that is not a time', () => {
    expect(() => evaluatePullRequest(mergedPr({ repositoryId: 'another' }), ctx)).toThrow(/not in the context's/);
    expect(() => evaluatePullRequest(mergedPr({ closedAt: 'yesterday' }), ctx)).toThrow(/no valid completion time/);
    expect(() => evaluatePullRequest(mergedPr(), context({ startDate: '2026-13-45' }))).toThrow(/start date/);
  });
});

describe('CMP-PR-APPROVAL from the vote history', () => {
  it('passes with who approved and when, linked to the pull request', () => {
    const r = approval(mergedPr());
    expect(r.outcome).toBe('pass');
    expect(r.evidence).toContainEqual({ label: 'Approved by', value: 'Normal Paulk (approved)', url: PR_URL, at: at('10:00:00') });
  });

  it('a vote reset before completion cancels the approval; approving again restores it', () => {
    const reset = approval(mergedPr({ votes: [voteAt(REVIEWER, 10, at('09:00:00')), voteAt(REVIEWER, 0, at('09:30:00'))] }));
    expect(reset.outcome).toBe('fail');
    expect(reset.message).toContain('changed the vote to "no vote"');
    const rejected = approval(mergedPr({ votes: [voteAt(REVIEWER, 10, at('09:00:00')), voteAt(REVIEWER, -10, at('09:30:00'))] }));
    expect(rejected.message).toContain('"rejected"');
    const again = approval(mergedPr({ votes: [voteAt(REVIEWER, 10, at('09:00:00')), voteAt(REVIEWER, 0, at('09:30:00')), voteAt(REVIEWER, 5, at('10:10:00'))] }));
    expect(again.outcome).toBe('pass');
    expect(again.evidence).toContainEqual(expect.objectContaining({ value: 'Normal Paulk (approved with suggestions)', at: at('10:10:00') }));
  });

  it('an approval after completion does not count, a reset after completion does not undo one before', () => {
    const late = approval(mergedPr({ votes: [voteAt(REVIEWER, 10, at('10:14:51'))] }));
    expect(late.outcome).toBe('fail');
    expect(late.message).toContain('after completion');
    expect(approval(mergedPr({ votes: [voteAt(REVIEWER, 10, at('10:00:00')), voteAt(REVIEWER, 0, at('12:00:00'))], reviewers: [reviewer(REVIEWER, 0)] })).outcome).toBe('pass');
  });

  it('a member\'s vote for a group is the member\'s; a group never votes itself', () => {
    const viaGroup = approval(mergedPr({ reviewers: [reviewer(GROUP, 10), reviewer(REVIEWER, 10, { votedFor: [GROUP.id!] })], votes: [voteAt(REVIEWER, 10, at('10:00:00'))] }));
    expect(viaGroup.outcome).toBe('pass');
    expect(viaGroup.evidence).toContainEqual(expect.objectContaining({ value: 'Normal Paulk (approved, counted for [Storefront]\\Security Reviewers)' }));
    const groupOnly = approval(mergedPr({ reviewers: [reviewer(GROUP, 10)], votes: [voteAt(GROUP, 10, at('10:00:00'))] }));
    expect(groupOnly.outcome).toBe('fail');
    // the author's vote for a group is still the author's
    const authorForGroup = approval(mergedPr({ reviewers: [reviewer(GROUP, 10), reviewer(AUTHOR, 10, { votedFor: [GROUP.id!] })], votes: [voteAt(AUTHOR, 10, at('10:00:00'))] }));
    expect(authorForGroup.outcome).toBe('fail');
    expect(authorForGroup.message).toContain("Jamal Hartnett, the pull request's author (self-approval)");
  });

  it('an approval by an author or committer of one of the commits is not independent (e-mail without case)', () => {
    const byCommitAuthor = approval(mergedPr({ reviewers: [reviewer(OTHER, 10)], votes: [voteAt(OTHER, 10, at('10:00:00'))], commits: [{ commitId: 'abcdef1234567890', author: { email: 'CHUCK.reinhart@contoso.com' } }] }));
    expect(byCommitAuthor.outcome).toBe('fail');
    expect(byCommitAuthor.message).toContain('Chuck Reinhart, the author of commit abcdef12 (self-approval)');
    const byCommitter = approval(mergedPr({ reviewers: [reviewer(OTHER, 10)], votes: [voteAt(OTHER, 10, at('10:00:00'))], commits: [{ commitId: 'abcdef1234567890', author: { email: 'x@contoso.com' }, committer: { email: 'chuck.reinhart@contoso.com' } }] }));
    expect(byCommitter.message).toContain('the committer of commit abcdef12');
    // with one independent approver beside the self-approval, it passes
    expect(approval(mergedPr({ reviewers: [reviewer(AUTHOR, 10), reviewer(REVIEWER, 10)], votes: [voteAt(AUTHOR, 10, at('09:00:00')), voteAt(REVIEWER, 10, at('10:00:00'))] })).outcome).toBe('pass');
  });

  it('ids decide when both identities have one; sign-in names only otherwise', () => {
    const sameNameOtherId = { ...REVIEWER, uniqueName: AUTHOR.uniqueName };
    const commits = [{ commitId: '1a2b3c4d5e6f', author: { email: 'jamal@users.noreply.contoso.com' } }];
    expect(approval(mergedPr({ commits, reviewers: [reviewer(sameNameOtherId, 10)], votes: [voteAt(sameNameOtherId, 10, at('10:00:00'))] })).outcome).toBe('pass');
    const noId = { displayName: 'Jamal H.', uniqueName: 'JAMAL.HARTNETT@contoso.com' };
    expect(approval(mergedPr({ reviewers: [reviewer(noId, 10)], votes: [voteAt(noId, 10, at('10:00:00'))] })).outcome).toBe('fail');
  });

  it('without the vote history, only a missing approval is decided', () => {
    const noHistory = { votes: [], unavailable: [unavailable('votes', 'the threads answered 500')] };
    expect(approval(mergedPr({ ...noHistory, reviewers: [reviewer(REVIEWER, 0)] })).outcome).toBe('fail');
    expect(approval(mergedPr({ ...noHistory, reviewers: [reviewer(AUTHOR, 10), reviewer(GROUP, 10)] })).outcome).toBe('fail');
    const unknown = approval(mergedPr({ ...noHistory }));
    expect(unknown.outcome).toBe('not-available');
    expect(unknown.reason).toContain('vote history could not be read (the threads answered 500)');
  });

  it('an approval on the pull request that the vote history does not show is not available, not a pass', () => {
    const r = approval(mergedPr({ votes: [] }));
    expect(r.outcome).toBe('not-available');
    expect(r.reason).toContain('no dated entry');
  });

  it('unreadable commits leave independence unknown, unless nobody approved', () => {
    const missing = { commits: [], unavailable: [unavailable('commits')] };
    expect(approval(mergedPr(missing)).outcome).toBe('not-available');
    expect(approval(mergedPr({ ...missing, votes: [], reviewers: [] })).outcome).toBe('fail');
    expect(approval(mergedPr({ ...missing, reviewers: [reviewer(AUTHOR, 10)], votes: [voteAt(AUTHOR, 10, at('10:00:00'))] })).outcome).toBe('fail');
  });

  it('records a completion that overrode the branch policies', () => {
    const r = approval(mergedPr({ bypassPolicy: true, bypassReason: 'Hotfix for incident 4411' }));
    expect(r.evidence).toContainEqual(expect.objectContaining({ label: 'Branch policies overridden at completion', value: 'Hotfix for incident 4411' }));
  });
});

describe('CMP-PR-SAST, CMP-PR-TESTS, CMP-PR-DEPENDENCIES', () => {
  const gone = build({ buildId: 77, gone: true, tasks: undefined, tests: undefined, result: undefined, sourceVersion: undefined });

  it('a gone build is not available only when nothing else proves it', () => {
    expect(sast(mergedPr({ builds: [gone] })).outcome).toBe('pass'); // the status proves it
    expect(sast(mergedPr({ statuses: [], builds: [gone, build({ tasks: [task('SonarCloudAnalyze')] })] })).outcome).toBe('pass');
    const r = sast(mergedPr({ statuses: [], builds: [gone] }));
    expect(r.outcome).toBe('not-available');
    expect(r.reason).toBe('Web-ci #20261105.3 (build 77) was deleted by retention before Vigil recorded it.');
  });

  it('a build deleted after Vigil recorded it is judged as recorded', () => {
    const recorded = build({ gone: true, tasks: [task('MicrosoftSecurityDevOps')] });
    const r = sast(mergedPr({ statuses: [], builds: [recorded] }));
    expect(r.outcome).toBe('pass');
    expect(r.evidence).toContainEqual(expect.objectContaining({ label: 'Build', value: expect.stringContaining('(deleted by retention since; as Vigil recorded it)') }));
    expect(tests(mergedPr({ builds: [build({ gone: true })] })).outcome).toBe('pass');
    expect(sast(mergedPr({ statuses: [], builds: [build({ gone: true, tasks: [task('Checkout')] })] })).outcome).toBe('fail');
  });

  it('partial unavailability: what could be read still proves it', () => {
    expect(sast(mergedPr({ statuses: [], unavailable: [unavailable('statuses')], builds: [build({ tasks: [task('AdvancedSecurity-Codeql-Analyze')] })] })).outcome).toBe('pass');
    expect(sast(mergedPr({ builds: [], unavailable: [unavailable('builds')] })).outcome).toBe('pass');
    expect(deps(mergedPr({ statuses: [], builds: [], unavailable: [unavailable('builds')] })).outcome).toBe('not-available');
  });

  it('the latest status per context on the last iteration decides', () => {
    const later = (state: string) => vigilStatus({ id: 9, state, createdAt: at('10:05:00') });
    expect(sast(mergedPr({ builds: [], statuses: [vigilStatus({ state: 'failed' }), later('succeeded')] })).outcome).toBe('pass');
    expect(sast(mergedPr({ builds: [], statuses: [vigilStatus(), later('pending')] })).outcome).toBe('fail');
    // a newer status on an older iteration does not undo the last iteration's
    expect(sast(mergedPr({ builds: [], statuses: [vigilStatus(), vigilStatus({ id: 10, iterationId: 2, state: 'failed', createdAt: at('10:06:00') })] })).outcome).toBe('pass');
  });

  it('without the last merge commit, the newest build of each pipeline before completion decides', () => {
    const older = build({ buildId: 1, sourceVersion: 'aaaa', queueTime: at('08:00:00'), finishTime: at('08:10:00'), tasks: [task('Semgrep')] });
    const newer = build({ buildId: 2, sourceVersion: 'bbbb', queueTime: at('09:00:00'), finishTime: at('09:10:00'), tasks: [task('Semgrep', 'failed')], result: 'failed' });
    const afterwards = build({ buildId: 3, sourceVersion: 'cccc', queueTime: at('11:00:00'), finishTime: at('11:10:00'), tasks: [task('Semgrep')] });
    expect(sast(mergedPr({ lastMergeCommit: undefined, statuses: [], builds: [older, newer] })).outcome).toBe('fail');
    expect(sast(mergedPr({ lastMergeCommit: undefined, statuses: [], builds: [older, afterwards] })).outcome).toBe('pass');
  });

  it('says when a task was recognised by its step name only, and takes the organization\'s task ids', () => {
    const named = context({ evidenceSources: { ...ctx.evidenceSources, sastTasks: ['step:Run Bandit', 'e28912f1-0114-4464-802a-a3a35437fd16'] } });
    const byName = sast(mergedPr({ statuses: [], builds: [build({ tasks: [{ name: 'run bandit', task: { name: 'Bash', version: '3.1.0' }, result: 'succeeded' }] })] }), named);
    expect(byName.outcome).toBe('pass');
    expect(byName.evidence).toContainEqual({ label: 'Task', value: 'Bash@3 "run bandit" succeeded (recognised by its step name only)' });
    const byId = sast(mergedPr({ statuses: [], builds: [build({ tasks: [{ name: 'Scan', task: { id: 'E28912F1-0114-4464-802A-A3A35437FD16', name: 'CustomScan' }, result: 'succeeded' }] })] }), named);
    expect(byId.outcome).toBe('pass');
  });

  it('testing: the build validation policy in force at merge, wherever it is scoped', () => {
    const projectWide = context({ policies: [buildValidation({}, { scope: [{ repositoryId: null, refName: 'refs/heads/', matchKind: 'PREFIX' }] })] });
    const r = tests(mergedPr(), projectWide);
    expect(r.outcome).toBe('pass');
    expect(r.evidence).toContainEqual(expect.objectContaining({ label: 'Test results', value: '120 passed of 120' }));
    expect(r.evidence).toContainEqual({
      label: 'Build validation policy',
      value: expect.stringContaining('(required) on main, in force at merge'),
      url: `https://dev.azure.com/contoso/Storefront/_settings/repositories?repo=${REPO_ID}&_a=policiesMid&refs=refs%2Fheads%2Fmain`,
    });
    // disabled at merge, deleted after it
    const disabledThen = context({ policies: [buildValidation({}, { policyId: 9, isEnabled: false })] });
    expect(tests(mergedPr(), disabledThen).outcome).toBe('fail');
    const deletedLater = context({ policies: [buildValidation({}, { policyId: 9 }), buildValidation({}, { policyId: 9, revision: 2, isDeleted: true, revisedAt: '2026-11-30T00:00:00Z' })] });
    expect(tests(mergedPr(), deletedLater).outcome).toBe('pass');
    // a policy of another type with the same pipeline id proves nothing
    expect(tests(mergedPr(), context({ policies: [{ ...buildValidation(), typeId: 'cbdc66da-9728-4af8-aada-9a5a32e4a226' }] })).outcome).toBe('fail');
    expect(BUILD_VALIDATION_POLICY_TYPE).toBe('0609b952-1397-4640-95ec-e00a01b2c241');
  });

  it('a build without a recorded commit does not prove the last merge commit', () => {
    const r = sast(mergedPr({ statuses: [], builds: [build({ sourceVersion: undefined, tasks: [task('Semgrep')] })] }));
    expect(r.outcome).toBe('fail');
    expect(r.message).toContain('has no recorded commit');
  });
});

describe('CMP-BRANCH-APPROVAL', () => {
  const now = new Date('2026-12-01T00:00:00Z');

  it('passes with the policy, whether approvals reset on push, and a link to the branch policies', () => {
    const r = evaluateBranch('refs/heads/main', context({ policies: [minimumReviewers({ minimumApproverCount: 2, resetOnSourcePush: false }, { policyId: 31 })] }), now);
    expect(r).toMatchObject({ checkId: 'CMP-BRANCH-APPROVAL', subjectKey: 'branch:refs/heads/main', branch: 'refs/heads/main', outcome: 'pass' });
    expect(r.message).toBe("main requires 2 approvals where the author's vote does not count (policy 31), since 2026-01-10.");
    expect(r.evidence).toContainEqual(
      expect.objectContaining({ label: 'Minimum reviewers policy 31', value: "Revision 1: 2 approvers; the author's vote does not count; approvals reset on push: no; required", url: expect.stringContaining('_a=policiesMid&refs=refs%2Fheads%2Fmain') }),
    );
  });

  it('as history: since when it is protected, and when within the period it was not', () => {
    const revisions = [
      minimumReviewers({ creatorVoteCounts: true }, { policyId: 40, revision: 1, revisedAt: '2026-09-01T09:00:00Z' }),
      minimumReviewers({}, { policyId: 40, revision: 2, revisedAt: '2026-10-01T09:00:00Z' }),
    ];
    const r = evaluateBranch('refs/heads/main', context({ policies: revisions }), now);
    expect(r.outcome).toBe('pass');
    expect(r.message).toContain('since 2026-10-01; not protected from 2026-08-07 to 2026-10-01 within the period from 2026-08-07');
    expect(r.evidence).toContainEqual({ label: 'Not protected', value: 'from 2026-08-07 to 2026-10-01' });
    const turnedOff = [...revisions, minimumReviewers({}, { policyId: 40, revision: 3, isEnabled: false, revisedAt: '2026-11-15T09:00:00Z' })];
    const off = evaluateBranch('refs/heads/main', context({ policies: turnedOff }), now);
    expect(off.outcome).toBe('fail');
    expect(off.message).toContain('policy 40 is disabled');
    expect(off.message).toContain('it was protected earlier');
    expect(off.evidence).toContainEqual({ label: 'Not protected', value: 'since 2026-11-15' });
  });

  it('matches scopes as ADO does: matchKind without case, the default branch, the whole project', () => {
    const scoped = (scope: { repositoryId: string | null; refName: string | null; matchKind?: string }[], branch = 'refs/heads/main') =>
      evaluateBranch(branch, context({ policies: [minimumReviewers({}, { scope })] }), now).outcome;
    expect(scoped([{ repositoryId: REPO_ID, refName: 'refs/heads/main', matchKind: 'exact' }])).toBe('pass');
    expect(scoped([{ repositoryId: REPO_ID.toUpperCase(), refName: 'refs/heads/Main', matchKind: 'Exact' }])).toBe('pass');
    expect(scoped([{ repositoryId: null, refName: null, matchKind: 'DefaultBranch' }], 'refs/heads/release/1')).toBe('fail');
    expect(scoped([{ repositoryId: null, refName: 'refs/heads/release/', matchKind: 'Prefix' }], 'refs/heads/release/1')).toBe('pass');
    expect(scoped([{ repositoryId: null, refName: 'refs/heads/release/', matchKind: 'Prefix' }], 'refs/heads/main')).toBe('fail');
    expect(scoped([{ repositoryId: REPO_ID, refName: null }])).toBe('pass'); // repository-wide
    expect(scoped([{ repositoryId: REPO_ID, refName: 'refs/heads/main', matchKind: 'Glob' }])).toBe('fail');
  });

  it('is not applicable on a branch that is not production or when the repository does not apply it', () => {
    expect(evaluateBranch('refs/heads/topic', ctx, now).outcome).toBe('not-applicable');
    expect(evaluateBranch('refs/heads/main', context({ repository: { ...ctx.repository, checks: ['CMP-PR-APPROVAL'] } }), now).outcome).toBe('not-applicable');
  });
});
