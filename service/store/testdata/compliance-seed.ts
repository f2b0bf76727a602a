// Compliance rows written straight into a test store (no collection, no evaluation): two projects, two
// repositories, four merged pull requests (all passing; SAST failing; an emergency; one before November)
// and the production branches' results. Route, export and hub tests read them back.
import type { ComplianceCheckId, ComplianceOutcome } from '../../contract/compliance-api';
import { COMPLIANCE_CHECK_IDS } from '../../contract/compliance-api';
import type { MergedPullRequestEvidence } from '../../compliance/evidence';
import type { Store } from '../db';
import { syncRepositories } from '../repositories';

export interface SeedPullRequest {
  repoId: string;
  projectId: string;
  pullRequestId: number;
  title: string;
  closedAt: string;
  labels?: string[];
  /** Outcome per check; checks not named pass. */
  outcomes?: Partial<Record<ComplianceCheckId, ComplianceOutcome>>;
}

export const SEED_REPOSITORIES = [
  { id: 'repo-web', name: 'web', projectId: 'proj-store', projectName: 'Storefront' },
  { id: 'repo-api', name: 'payments-api', projectId: 'proj-pay', projectName: 'Payments' },
];

export const SEED_PULL_REQUESTS: SeedPullRequest[] = [
  { repoId: 'repo-web', projectId: 'proj-store', pullRequestId: 101, title: 'Add checkout button', closedAt: '2026-11-10T09:00:00Z' },
  { repoId: 'repo-web', projectId: 'proj-store', pullRequestId: 102, title: '=HYPERLINK("http://evil","click")', closedAt: '2026-11-20T09:00:00Z', outcomes: { 'CMP-PR-SAST': 'fail' } },
  {
    repoId: 'repo-api',
    projectId: 'proj-pay',
    pullRequestId: 201,
    title: 'Hotfix: card declines',
    closedAt: '2026-11-25T22:00:00Z',
    labels: ['emergency'],
    outcomes: { 'CMP-PR-APPROVAL': 'exempt', 'CMP-PR-SAST': 'exempt', 'CMP-PR-TESTS': 'exempt', 'CMP-PR-DEPENDENCIES': 'exempt' },
  },
  { repoId: 'repo-api', projectId: 'proj-pay', pullRequestId: 202, title: 'Older change', closedAt: '2026-10-01T09:00:00Z', outcomes: { 'CMP-PR-TESTS': 'not-available' } },
];

const orgUrl = (orgName: string) => `https://dev.azure.com/${orgName}`;

export function seedEvidence(orgName: string, pr: SeedPullRequest): MergedPullRequestEvidence {
  const repo = SEED_REPOSITORIES.find((r) => r.id === pr.repoId);
  return {
    projectId: pr.projectId,
    projectName: repo?.projectName,
    repositoryId: pr.repoId,
    repositoryName: repo?.name,
    pullRequestId: pr.pullRequestId,
    title: pr.title,
    url: `${orgUrl(orgName)}/${repo?.projectName}/_git/${repo?.name}/pullrequest/${pr.pullRequestId}`,
    author: { id: 'u-dev', displayName: 'Dana Developer' },
    closedAt: pr.closedAt,
    sourceRef: 'refs/heads/feature/x',
    targetRef: 'refs/heads/main',
    labels: pr.labels ?? [],
    reviewers: [{ id: 'u-rev', displayName: 'Riley Reviewer', vote: 10 }],
    votes: [],
    commits: [],
    statuses: [{ genre: 'vigil', name: 'security', state: 'succeeded', targetUrl: 'https://vigil.example/pr' }],
    builds: [{ buildId: 900 + pr.pullRequestId, definitionName: 'PR build', result: 'succeeded', url: `${orgUrl(orgName)}/_build/results?buildId=${900 + pr.pullRequestId}` }],
    unavailable: pr.outcomes && Object.values(pr.outcomes).includes('not-available') ? [{ facet: 'builds', reason: 'The build was deleted by retention before Vigil recorded it' }] : [],
    collectedAt: pr.closedAt,
  };
}

/** Writes the repositories, pull requests, their results and the branches' results for one organization. */
export async function seedCompliance(store: Store, orgId: string, orgName: string, prs: SeedPullRequest[] = SEED_PULL_REQUESTS): Promise<void> {
  await syncRepositories(
    store.db,
    orgId,
    SEED_REPOSITORIES.map((r) => ({ ...r, defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null })),
  );
  for (const pr of prs) {
    const evidence = seedEvidence(orgName, pr);
    await store.db
      .insertInto('compliance_pull_requests')
      .values({
        org_id: orgId,
        repo_id: pr.repoId,
        pull_request_id: pr.pullRequestId,
        project_id: pr.projectId,
        target_ref: 'refs/heads/main',
        title: pr.title,
        author_id: 'u-dev',
        author_name: 'Dana Developer',
        closed_at: pr.closedAt,
        labels: JSON.stringify(pr.labels ?? []),
        evidence: JSON.stringify(evidence),
        collected_at: pr.closedAt,
      })
      .execute();
    for (const checkId of COMPLIANCE_CHECK_IDS) {
      const outcome = pr.outcomes?.[checkId] ?? 'pass';
      await store.db
        .insertInto('compliance_results')
        .values({
          org_id: orgId,
          repo_id: pr.repoId,
          subject_key: `pr:${pr.pullRequestId}`,
          check_id: checkId,
          project_id: pr.projectId,
          pull_request_id: pr.pullRequestId,
          closed_at: pr.closedAt,
          outcome,
          message: `${checkId} ${outcome}`,
          reason: outcome === 'not-available' ? JSON.stringify('The build was deleted by retention before Vigil recorded it') : null,
          evidence: JSON.stringify(outcome === 'pass' ? [{ label: 'Approved by', value: 'Riley Reviewer', at: pr.closedAt, url: evidence.url }] : []),
        })
        .execute();
    }
  }
  for (const [repoId, projectId, outcome] of [
    ['repo-web', 'proj-store', 'pass'],
    ['repo-api', 'proj-pay', 'fail'],
  ] as const) {
    await store.db
      .insertInto('compliance_results')
      .values({ org_id: orgId, repo_id: repoId, subject_key: 'branch:refs/heads/main', check_id: 'CMP-BRANCH-APPROVAL', project_id: projectId, branch: 'refs/heads/main', outcome, message: `main ${outcome}`, evidence: '[]' })
      .execute();
  }
}
