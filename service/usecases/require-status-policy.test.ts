import type { PolicyConfiguration } from '../ado/areas/policy';
import { POLICY_TYPES } from '../ado/areas/policy-settings';
import { isVigilStatusPolicy, vigilStatusPolicy } from './require-status-policy';

const REPO = '278d5cd2-584d-4b63-824a-2ba458937249';

const policy = (overrides: Partial<PolicyConfiguration> = {}): PolicyConfiguration => ({
  id: 1,
  typeId: POLICY_TYPES.status,
  isEnabled: true,
  isBlocking: true,
  scope: [{ repositoryId: REPO, refName: 'refs/heads/main', matchKind: 'Exact' }],
  settings: { statusGenre: 'vigil', statusName: 'security' },
  ...overrides,
});

describe("which policies already require Vigil's status", () => {
  it('a Status policy for vigil/security on the branch, whatever the case or the scope form', () => {
    expect(isVigilStatusPolicy(policy(), REPO, 'refs/heads/main')).toBe(true);
    expect(isVigilStatusPolicy(policy({ settings: { statusGenre: 'Vigil', statusName: 'SECURITY' } }), REPO.toUpperCase(), 'refs/heads/Main')).toBe(true);
    expect(isVigilStatusPolicy(policy({ scope: [{ repositoryId: null, refName: 'refs/heads/main', matchKind: 'Exact' }] }), REPO, 'refs/heads/main')).toBe(true);
    expect(isVigilStatusPolicy(policy({ scope: [{ repositoryId: null, refName: null, matchKind: 'DefaultBranch' }] }), REPO, 'refs/heads/main')).toBe(true);
  });

  it('not another status, another type, another branch or repository, nor a deleted policy', () => {
    expect(isVigilStatusPolicy(policy({ settings: { statusGenre: 'sonar', statusName: 'security' } }), REPO, 'refs/heads/main')).toBe(false);
    expect(isVigilStatusPolicy(policy({ typeId: POLICY_TYPES.build }), REPO, 'refs/heads/main')).toBe(false);
    expect(isVigilStatusPolicy(policy(), REPO, 'refs/heads/develop')).toBe(false);
    expect(isVigilStatusPolicy(policy(), 'another-repo', 'refs/heads/main')).toBe(false);
    expect(isVigilStatusPolicy(policy({ isDeleted: true }), REPO, 'refs/heads/main')).toBe(false);
  });

  it('the policy it creates: vigil/security, reset on new pushes, on exactly that branch', () => {
    expect(vigilStatusPolicy(REPO, 'refs/heads/main', true)).toEqual({
      isEnabled: true,
      isBlocking: true,
      type: { id: 'cbdc66da-9728-4af8-aada-9a5a32e4a226' },
      settings: {
        statusGenre: 'vigil',
        statusName: 'security',
        invalidateOnSourceUpdate: true,
        policyApplicability: null,
        scope: [{ repositoryId: REPO, refName: 'refs/heads/main', matchKind: 'exact' }],
      },
    });
    expect(vigilStatusPolicy(REPO, 'refs/heads/main', false).isBlocking).toBe(false);
  });
});
