import { appliesTo, policiesPageUrl, policyHistories, revisionAt, scopeCovers } from './policy-scope';
import { minimumReviewers, REPO_ID, REPO_URL } from './testing';

const repo = { id: REPO_ID, defaultBranch: 'refs/heads/main' };

describe('policy scopes and revisions', () => {
  it('covers branches as ADO scopes them', () => {
    expect(scopeCovers({ repositoryId: null, refName: 'refs/heads/releases/', matchKind: 'Prefix' }, repo, 'refs/heads/releases/2026.11')).toBe(true);
    expect(scopeCovers({ repositoryId: null, refName: 'refs/heads/releases/*', matchKind: 'prefix' }, repo, 'refs/heads/releases/2026.11')).toBe(true);
    expect(scopeCovers({ repositoryId: 'other', refName: 'refs/heads/main', matchKind: 'Exact' }, repo, 'refs/heads/main')).toBe(false);
    expect(scopeCovers({ repositoryId: null, refName: null, matchKind: 'defaultBranch' }, repo, 'refs/heads/main')).toBe(true);
    expect(scopeCovers({ repositoryId: null, refName: null, matchKind: 'DefaultBranch' }, { id: REPO_ID }, 'refs/heads/main')).toBe(false);
    expect(scopeCovers({ repositoryId: REPO_ID, refName: null, matchKind: 'Exact' }, repo, 'refs/heads/main')).toBe(false);
  });

  it('finds the revision in force at a time; revisions without a time count as the oldest', () => {
    const [history] = policyHistories([
      minimumReviewers({ minimumApproverCount: 2 }, { policyId: 3, revision: 2, revisedAt: '2026-10-01T00:00:00Z' }),
      minimumReviewers({}, { policyId: 3, revision: 1, revisedAt: undefined }),
      minimumReviewers({}, { policyId: 3, revision: 3, isDeleted: true, revisedAt: '2026-11-01T00:00:00Z' }),
    ]);
    expect(history.revisions.map((r) => r.revision.revision)).toEqual([1, 2, 3]);
    expect(revisionAt(history, Date.parse('2026-01-01T00:00:00Z'))?.revision).toBe(1);
    expect(revisionAt(history, Date.parse('2026-10-15T00:00:00Z'))?.revision).toBe(2);
    const last = revisionAt(history, Date.parse('2026-11-15T00:00:00Z'))!;
    expect(last.revision).toBe(3);
    expect(appliesTo(last, repo, 'refs/heads/main')).toBe(false);
  });

  it('keeps the same policy id of two projects apart', () => {
    const histories = policyHistories([minimumReviewers({}, { policyId: 1, projectId: 'a' }), minimumReviewers({}, { policyId: 1, projectId: 'b' })]);
    expect(histories).toHaveLength(2);
  });

  it('links to the repository\'s branch policies page when its web page is known', () => {
    expect(policiesPageUrl(REPO_URL, REPO_ID, 'refs/heads/main')).toBe(`https://dev.azure.com/contoso/Storefront/_settings/repositories?repo=${REPO_ID}&_a=policiesMid&refs=refs%2Fheads%2Fmain`);
    expect(policiesPageUrl(undefined, REPO_ID, 'refs/heads/main')).toBeUndefined();
    expect(policiesPageUrl('https://example.test/not-a-repo', REPO_ID, 'refs/heads/main')).toBeUndefined();
  });
});
