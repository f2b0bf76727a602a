// Compliance answers for the hub's tests: a summary of November, three merged pull requests (one passing,
// one failing SAST, one emergency), a detail with its evidence, the branches and the settings.
import {
  COMPLIANCE_CHECK_IDS,
  type ComplianceCheckId,
  type ComplianceOutcome,
  type CompliancePullRequestDetailDto,
  type CompliancePullRequestDto,
  type ComplianceRepositoryDto,
  type ComplianceSettingsDto,
  type ComplianceSummaryDto,
} from '../../service/contract/compliance-api';

const zero = (): Record<ComplianceOutcome, number> => ({ pass: 0, fail: 0, exempt: 0, 'not-applicable': 0, 'not-available': 0 });

export function makeCompliancePr(id: number, outcomes: Partial<Record<ComplianceCheckId, ComplianceOutcome>> = {}, overrides: Partial<CompliancePullRequestDto> = {}): CompliancePullRequestDto {
  const checks = COMPLIANCE_CHECK_IDS.map((checkId) => ({
    checkId,
    outcome: outcomes[checkId] ?? ('pass' as ComplianceOutcome),
    message: `${checkId} ${outcomes[checkId] ?? 'pass'}`,
    evidence: [{ label: 'Approved by', value: 'Riley Reviewer', at: '2026-11-10T09:00:00Z', url: `https://dev.azure.com/contoso/Storefront/_git/web/pullrequest/${id}` }],
  }));
  const worst = (['fail', 'not-available', 'exempt', 'pass', 'not-applicable'] as const).find((o) => checks.some((c) => c.outcome === o)) ?? 'pass';
  return {
    projectId: 'proj-1',
    projectName: 'Storefront',
    repositoryId: 'repo-1',
    repositoryName: 'web',
    pullRequestId: id,
    title: `Change ${id}`,
    url: `https://dev.azure.com/contoso/Storefront/_git/web/pullrequest/${id}`,
    author: 'Dana Developer',
    targetRef: 'refs/heads/main',
    closedAt: '2026-11-10T09:00:00Z',
    labels: [],
    outcome: worst,
    checks,
    ...overrides,
  };
}

export const COMPLIANCE_PRS = (): CompliancePullRequestDto[] => [
  makeCompliancePr(101),
  makeCompliancePr(102, { 'CMP-PR-SAST': 'fail' }, { title: 'Skip the scanner' }),
  makeCompliancePr(201, { 'CMP-PR-APPROVAL': 'exempt', 'CMP-PR-SAST': 'exempt', 'CMP-PR-TESTS': 'exempt', 'CMP-PR-DEPENDENCIES': 'exempt' }, { title: 'Hotfix: card declines', labels: ['emergency'] }),
];

export function makeComplianceSummary(overrides: Partial<ComplianceSummaryDto> = {}): ComplianceSummaryDto {
  const checks = COMPLIANCE_CHECK_IDS.map((checkId) => {
    const counts = zero();
    for (const pr of COMPLIANCE_PRS()) counts[pr.checks.find((c) => c.checkId === checkId)!.outcome]++;
    return { checkId, counts, passRate: counts.pass + counts.fail ? counts.pass / (counts.pass + counts.fail) : null };
  });
  return {
    from: '2026-09-08',
    to: '2026-12-07',
    pullRequests: 3,
    checks,
    emergency: 1,
    branches: { ...zero(), pass: 1, fail: 1 },
    collection: { state: 'done', collectedFrom: '2026-09-08', finishedAt: '2026-12-07T08:00:00Z', pullRequests: 3, warnings: [] },
    ...overrides,
  };
}

export function makeCompliancePrDetail(pr: CompliancePullRequestDto = COMPLIANCE_PRS()[1]): CompliancePullRequestDetailDto {
  return {
    ...pr,
    sourceRef: 'refs/heads/feature/x',
    collectedAt: '2026-11-10T09:05:00Z',
    reviewers: [{ name: 'Riley Reviewer', vote: 10 }, { name: '[Storefront]\\Reviewers', vote: 0, isContainer: true }],
    builds: [{ buildId: 77, name: 'PR build', result: 'succeeded', url: 'https://dev.azure.com/contoso/Storefront/_build/results?buildId=77' }],
    statuses: [{ context: 'vigil/security', state: 'succeeded' }],
    unavailable: [{ facet: 'timeline', reason: 'The build was deleted by retention before Vigil recorded it' }],
  };
}

export function makeComplianceSettings(overrides: Partial<ComplianceSettingsDto> = {}): ComplianceSettingsDto {
  return {
    startDate: '2026-09-08',
    emergencyLabel: 'emergency',
    branchPatterns: ['release/*'],
    checks: [...COMPLIANCE_CHECK_IDS],
    evidenceSources: { sastTasks: [], sastStatuses: [], testTasks: [], testStatuses: [], dependencyTasks: [], dependencyStatuses: [] },
    ...overrides,
  };
}

export const COMPLIANCE_REPOSITORIES = (): ComplianceRepositoryDto[] => [
  { repositoryId: 'repo-1', repositoryName: 'web', projectId: 'proj-1', projectName: 'Storefront', defaultBranch: 'refs/heads/main', branchPatterns: null, checks: null },
  { repositoryId: 'repo-2', repositoryName: 'payments-api', projectId: 'proj-2', projectName: 'Payments', defaultBranch: 'refs/heads/main', branchPatterns: ['hotfix/*'], checks: null },
];
