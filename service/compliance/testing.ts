// Builders of evidence and contexts for the checks' own examples and the unit tests: a merged pull request
// into main of one repository with an independent approval, Vigil's status and a build validation build
// that ran tests, and the minimum-reviewers and build policies that protect main. Each example changes one
// thing. Pure data, no I/O.
import type { ComplianceCheckId } from '../contract/compliance-api';
import type { ComplianceContext } from './evaluate';
import type {
  BuildEvidence,
  BuildTaskEvidence,
  IdentityEvidence,
  MergedPullRequestEvidence,
  PolicyRevisionEvidence,
  ReviewerEvidence,
  StatusEvidence,
  UnavailableFacet,
  VoteEventEvidence,
} from './evidence';
import { BUILD_VALIDATION_POLICY_TYPE, MINIMUM_REVIEWERS_POLICY_TYPE } from './policy-scope';

export const PROJECT_ID = 'b2d9a6f4-0c3e-4f8a-9d1b-7e6c5a4b3f21';
export const REPO_ID = '278d5cd2-584d-4b63-824a-2ba458937249';
export const REPO_URL = 'https://dev.azure.com/contoso/Storefront/_git/web';
export const PR_URL = 'https://dev.azure.com/contoso/Storefront/_git/web/pullrequest/42';
export const MERGE_COMMIT = 'eef717f69257a6333f221566c1c987dc94cc0d72';
export const CLOSED_AT = '2026-11-05T10:14:50Z';
export const CI_DEFINITION = 17;

export const AUTHOR: IdentityEvidence = { id: '54d125f7-69f7-4191-904f-c5b96b6261c8', displayName: 'Jamal Hartnett', uniqueName: 'jamal.hartnett@contoso.com' };
export const REVIEWER: IdentityEvidence = { id: 'd6245f20-2af8-44f4-9451-8107cb2767db', displayName: 'Normal Paulk', uniqueName: 'normal.paulk@contoso.com' };
export const OTHER: IdentityEvidence = { id: '8c8c7d32-6b1b-47f4-b2e9-30b477b5ab3d', displayName: 'Chuck Reinhart', uniqueName: 'chuck.reinhart@contoso.com' };
export const GROUP: IdentityEvidence = { id: '2ea2d095-48f9-4cd6-9966-62f6f574096c', displayName: '[Storefront]\\Security Reviewers', uniqueName: 'vstfs:///Classification/TeamProject/b2d9a6f4\\Security Reviewers', isContainer: true };

export const reviewer = (who: IdentityEvidence, vote: number, extra: Partial<ReviewerEvidence> = {}): ReviewerEvidence => ({ ...who, vote, ...extra });
export const voteAt = (who: IdentityEvidence, vote: number, at: string): VoteEventEvidence => ({ voter: { ...who }, vote, at });
export const task = (name: string, result = 'succeeded', display = name): BuildTaskEvidence => ({ name: display, task: { name, version: '1.0.0' }, result });
export const unavailable = (facet: UnavailableFacet['facet'], reason = 'ADO answered 403'): UnavailableFacet => ({ facet, reason });

export function build(extra: Partial<BuildEvidence> = {}): BuildEvidence {
  return {
    buildId: 901,
    definitionId: CI_DEFINITION,
    definitionName: 'web-ci',
    buildNumber: '20261105.3',
    status: 'completed',
    result: 'succeeded',
    reason: 'pullRequest',
    sourceVersion: MERGE_COMMIT,
    queueTime: '2026-11-05T09:40:00Z',
    finishTime: '2026-11-05T09:52:00Z',
    url: 'https://dev.azure.com/contoso/Storefront/_build/results?buildId=901',
    tasks: [task('Checkout', 'succeeded'), task('DotNetCoreCLI', 'succeeded', 'dotnet test'), task('PublishTestResults')],
    tests: { total: 120, passed: 120, failed: 0 },
    ...extra,
  };
}

export const vigilStatus = (extra: Partial<StatusEvidence> = {}): StatusEvidence => ({
  id: 7,
  genre: 'vigil',
  name: 'security',
  state: 'succeeded',
  iterationId: 3,
  description: 'No new findings at or above high',
  targetUrl: 'https://vigil.contoso.com/pr/42',
  createdAt: '2026-11-05T09:45:00Z',
  ...extra,
});

/** A compliant merged pull request; `extra` replaces whole fields. */
export function mergedPr(extra: Partial<MergedPullRequestEvidence> = {}): MergedPullRequestEvidence {
  return {
    projectId: PROJECT_ID,
    projectName: 'Storefront',
    repositoryId: REPO_ID,
    repositoryName: 'web',
    pullRequestId: 42,
    title: 'Add login rate limiting',
    url: PR_URL,
    author: AUTHOR,
    createdAt: '2026-11-04T16:00:00Z',
    closedAt: CLOSED_AT,
    closedBy: AUTHOR,
    sourceRef: 'refs/heads/feature/rate-limit',
    targetRef: 'refs/heads/main',
    lastMergeCommit: MERGE_COMMIT,
    lastIteration: 3,
    labels: [],
    reviewers: [reviewer(REVIEWER, 10)],
    votes: [voteAt(REVIEWER, 10, '2026-11-05T10:00:00Z')],
    commits: [{ commitId: '1a2b3c4d5e6f', author: { name: AUTHOR.displayName, email: AUTHOR.uniqueName }, committer: { name: AUTHOR.displayName, email: AUTHOR.uniqueName } }],
    statuses: [vigilStatus()],
    builds: [build()],
    unavailable: [],
    collectedAt: '2026-11-05T10:20:00Z',
    ...extra,
  };
}

let policyIds = 100;

/** One policy revision scoped to main of the repository unless `scope` says otherwise. */
export function policy(typeId: string, settings: Record<string, unknown>, extra: Partial<PolicyRevisionEvidence> = {}): PolicyRevisionEvidence {
  return {
    projectId: PROJECT_ID,
    policyId: extra.policyId ?? ++policyIds,
    revision: 1,
    typeId,
    isEnabled: true,
    isBlocking: true,
    scope: [{ repositoryId: REPO_ID, refName: 'refs/heads/main', matchKind: 'Exact' }],
    settings,
    revisedAt: '2026-01-10T08:00:00Z',
    ...extra,
  };
}

export const minimumReviewers = (settings: Record<string, unknown> = {}, extra: Partial<PolicyRevisionEvidence> = {}): PolicyRevisionEvidence =>
  policy(MINIMUM_REVIEWERS_POLICY_TYPE, { minimumApproverCount: 1, creatorVoteCounts: false, resetOnSourcePush: true, ...settings }, extra);

export const buildValidation = (settings: Record<string, unknown> = {}, extra: Partial<PolicyRevisionEvidence> = {}): PolicyRevisionEvidence =>
  policy(BUILD_VALIDATION_POLICY_TYPE, { buildDefinitionId: CI_DEFINITION, displayName: 'web-ci', validDuration: 720, ...settings }, extra);

export const ALL_CHECKS: ComplianceCheckId[] = ['CMP-BRANCH-APPROVAL', 'CMP-PR-APPROVAL', 'CMP-PR-SAST', 'CMP-PR-TESTS', 'CMP-PR-DEPENDENCIES'];

/** The context of the repository: main is production, release/* too; both policies protect main. */
export function context(extra: Partial<ComplianceContext> = {}): ComplianceContext {
  return {
    startDate: '2026-08-07',
    emergencyLabel: 'emergency',
    evidenceSources: { sastTasks: [], sastStatuses: [], testTasks: [], testStatuses: [], dependencyTasks: [], dependencyStatuses: [] },
    repository: {
      id: REPO_ID,
      name: 'web',
      projectId: PROJECT_ID,
      projectName: 'Storefront',
      defaultBranch: 'refs/heads/main',
      branchPatterns: ['release/*'],
      checks: ALL_CHECKS,
      url: REPO_URL,
    },
    policies: [minimumReviewers({}, { policyId: 1 }), buildValidation({}, { policyId: 2 })],
    ...extra,
  };
}
