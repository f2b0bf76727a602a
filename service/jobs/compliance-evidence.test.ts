// What the collection records of a merged pull request: the listed pull request and its facets in the
// evidence model, and builds merged so that evidence recorded at merge time survives retention.
import type { Build } from '../ado/areas/build';
import type { PullRequest } from '../ado/areas/git-pull-requests';
import type { BuildEvidence } from '../compliance/evidence';
import { buildEvidence, mergeBuildEvidence, mergedPullRequestEvidence, pullRequestUrl } from './compliance-evidence';

const ORG = 'https://dev.azure.com/contoso';
const repo = { projectId: 'p-1', projectName: 'Store Front', repoId: 'r-1', repoName: 'web storefront' };
const kim = { id: 'k', displayName: 'Kim', uniqueName: 'kim@contoso.com' };

const pr: PullRequest = {
  pullRequestId: 42,
  status: 'completed',
  title: 'Cart',
  createdBy: { id: 'd', displayName: 'Diego' },
  creationDate: '2026-11-01T08:00:00Z',
  closedDate: '2026-11-02T08:00:00Z',
  sourceRefName: 'refs/heads/feature/cart',
  targetRefName: 'refs/heads/main',
  lastMergeCommit: 'm'.repeat(40),
  completionOptions: { bypassPolicy: true, bypassReason: 'outage' },
  reviewers: [
    { id: 'g', displayName: '[Store]\\Reviewers', vote: 10, isContainer: true },
    { ...kim, vote: 10, votedFor: ['g'] },
  ],
  labels: [
    { name: 'emergency', active: true },
    { name: 'old', active: false },
  ],
  fromFork: false,
};

describe('mergedPullRequestEvidence', () => {
  it('keeps the reviewers, active labels, bypass, votes, commits and statuses as ADO gave them, and names what was not read', () => {
    const e = mergedPullRequestEvidence(
      ORG,
      repo,
      pr,
      {
        votes: [{ threadId: 3, voter: kim, vote: 10, at: '2026-11-02T07:00:00Z' }],
        commits: [{ commitId: 'c'.repeat(40), author: { name: 'Diego', email: 'diego@contoso.com' } }],
        statuses: undefined,
        lastIteration: 2,
        builds: [],
        unavailable: [{ facet: 'statuses', reason: 'HTTP 403: the credential lacks vso.code_status' }],
      },
      new Date('2026-11-03T00:00:00Z'),
    );
    expect(e).toMatchObject({
      pullRequestId: 42,
      url: `${ORG}/Store%20Front/_git/web%20storefront/pullrequest/42`,
      closedAt: '2026-11-02T08:00:00Z',
      labels: ['emergency'],
      bypassPolicy: true,
      bypassReason: 'outage',
      lastIteration: 2,
      statuses: [],
      unavailable: [{ facet: 'statuses', reason: 'HTTP 403: the credential lacks vso.code_status' }],
      collectedAt: '2026-11-03T00:00:00.000Z',
    });
    expect(e.reviewers).toEqual([
      { id: 'g', displayName: '[Store]\\Reviewers', isContainer: true, vote: 10 },
      { id: 'k', displayName: 'Kim', uniqueName: 'kim@contoso.com', vote: 10, votedFor: ['g'] },
    ]);
    expect(e.votes).toEqual([{ voter: kim, vote: 10, at: '2026-11-02T07:00:00Z', threadId: 3 }]);
  });

  it('links by ids when names are unknown', () => {
    expect(pullRequestUrl(ORG, { projectId: 'p-1', repoId: 'r-1' }, 7)).toBe(`${ORG}/p-1/_git/r-1/pullrequest/7`);
  });
});

describe('build evidence', () => {
  const build: Build = { id: 9, result: 'succeeded', status: 'completed', definition: { id: 1, name: 'CI' }, triggerInfo: {}, queueTime: '2026-11-02T06:00:00Z' };

  it('marks a deleted build gone, without tasks unless Vigil recorded them', () => {
    expect(buildEvidence(ORG, 'p-1', { ...build, deleted: true }, undefined)).toMatchObject({ buildId: 9, gone: true, url: `${ORG}/p-1/_build/results?buildId=9` });
    expect(buildEvidence(ORG, 'p-1', build, [{ name: 'Test', task: { id: 't', name: 'VSTest' }, result: 'succeeded' }]).tasks).toEqual([{ name: 'Test', task: { id: 't', name: 'VSTest' }, result: 'succeeded' }]);
  });

  it('keeps what was recorded at merge time when the build is gone now, and builds only the record still knows', () => {
    const recorded: BuildEvidence[] = [
      { buildId: 9, result: 'succeeded', tasks: [{ name: 'Publish', task: { name: 'PublishTestResults' }, result: 'succeeded' }] },
      { buildId: 4, result: 'failed', tasks: [] },
    ];
    const now: BuildEvidence[] = [{ buildId: 9, result: 'succeeded', gone: true }, { buildId: 12, result: 'succeeded', tasks: [] }];
    expect(mergeBuildEvidence(now, recorded)).toEqual([
      { buildId: 4, result: 'failed', tasks: [] },
      { buildId: 9, result: 'succeeded', gone: true, tasks: [{ name: 'Publish', task: { name: 'PublishTestResults' }, result: 'succeeded' }] },
      { buildId: 12, result: 'succeeded', tasks: [] },
    ]);
  });
});
