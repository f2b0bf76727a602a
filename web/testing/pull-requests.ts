// Test data for the pull-request gate (PR tab, gate settings). Not part of any page bundle.
import type { PullRequestFindingDto, PullRequestScanDto, PullRequestSecurityDto } from '../../service/contract/events-api';
import type { RequireStatusPolicyResponse } from '../../service/contract/gate-api';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const SOURCE = '9b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c';

/** A finding of a PR scan: new by default, at config/settings.json:12 of payments-api. */
export function makePrFinding(overrides: Partial<PullRequestFindingDto> = {}): PullRequestFindingDto {
  const path = overrides.path ?? 'config/settings.json';
  const line = overrides.line ?? 12;
  return {
    fingerprint: 'fp-new-1',
    ruleId: 'SEC-AWS-ACCESS-KEY',
    title: 'AWS access key',
    severity: 'critical',
    category: 'secret',
    path,
    line,
    message: 'An AWS access key id and secret key are committed.',
    remediation: 'Revoke the key in AWS IAM, then remove it from the branch.',
    webUrl: `https://dev.azure.com/contoso/Payments/_git/payments-api?path=/${path}&version=GC${SOURCE}&line=${line}`,
    isNew: true,
    ...overrides,
  };
}

export function makePrScan(overrides: Partial<PullRequestScanDto> = {}): PullRequestScanDto {
  return {
    id: 'prscan-1',
    repositoryId: 'repo-1',
    pullRequestId: 42,
    iterationId: 2,
    sourceCommit: SOURCE,
    targetCommit: '3f2a9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b',
    state: 'done',
    verdict: 'failed',
    gateSeverity: 'high',
    filesChanged: 4,
    queuedAt: new Date(NOW - 300_000).toISOString(),
    startedAt: new Date(NOW - 290_000).toISOString(),
    finishedAt: new Date(NOW - 280_000).toISOString(),
    durationMs: 10_000,
    warnings: [],
    newFindings: [
      makePrFinding({ threadId: 101, threadState: 'active' }),
      makePrFinding({ fingerprint: 'fp-new-2', ruleId: 'IAC-TF-STORAGE-PUBLIC', title: 'Storage account allows public blob access', severity: 'medium', category: 'iac', path: 'infra/main.tf', line: 30, endLine: 34 }),
    ],
    existingFindings: [
      makePrFinding({ fingerprint: 'fp-old-1', ruleId: 'SEC-SLACK-WEBHOOK', title: 'Slack webhook URL', severity: 'high', path: 'config/settings.json', line: 40, isNew: false, findingId: 'f-9' }),
    ],
    ...overrides,
  };
}

export function makePullRequestSecurity(overrides: Partial<PullRequestSecurityDto> = {}): PullRequestSecurityDto {
  return {
    pullRequest: {
      id: 42,
      repositoryId: 'repo-1',
      title: 'Add the payment webhook',
      status: 'active',
      sourceRef: 'refs/heads/feature/webhook',
      targetRef: 'refs/heads/main',
      createdBy: 'Diego Siciliani',
      webUrl: 'https://dev.azure.com/contoso/Payments/_git/payments-api/pullrequest/42',
    },
    latestScan: makePrScan(),
    gate: { severity: 'high', source: 'organization' },
    comments: true,
    eventMode: 'hooks',
    ...overrides,
  };
}

export function makeRequireStatusResults(): RequireStatusPolicyResponse {
  return {
    results: [
      { repositoryId: 'repo-1', repositoryName: 'payments-api', outcome: 'created', refName: 'refs/heads/main', policyId: 31 },
      { repositoryId: 'repo-2', repositoryName: 'infra', outcome: 'failed', refName: 'refs/heads/main', reason: 'Azure DevOps refused: the PAT lacks Code (Read, write, & manage)' },
    ],
  };
}
