import { isProductionBranch } from './evaluate';
import { fullRefPattern, matchesBranchPattern } from './branches';
import { context } from './testing';

describe('production branch patterns', () => {
  it('takes short and full patterns alike', () => {
    expect(fullRefPattern('release/*')).toBe('refs/heads/release/*');
    expect(fullRefPattern('refs/heads/release/*')).toBe('refs/heads/release/*');
    expect(matchesBranchPattern('refs/heads/main', 'main')).toBe(true);
    expect(matchesBranchPattern('refs/heads/main', 'refs/heads/main')).toBe(true);
  });

  it("'*' stays within one segment, '**' crosses them", () => {
    expect(matchesBranchPattern('refs/heads/release/1.0', 'release/*')).toBe(true);
    expect(matchesBranchPattern('refs/heads/release/1.0/hotfix', 'release/*')).toBe(false);
    expect(matchesBranchPattern('refs/heads/release/1.0/hotfix', 'release/**')).toBe(true);
    expect(matchesBranchPattern('refs/heads/release', 'release/**')).toBe(false);
    expect(matchesBranchPattern('refs/heads/hotfix', '**/hotfix')).toBe(true);
    expect(matchesBranchPattern('refs/heads/team/a/hotfix', '**/hotfix')).toBe(true);
    expect(matchesBranchPattern('refs/heads/team/a/hotfix', 'team/**/hotfix')).toBe(true);
    expect(matchesBranchPattern('refs/heads/team/hotfix', 'team/**/hotfix')).toBe(true);
    expect(matchesBranchPattern('refs/heads/anything/at/all', '**')).toBe(true);
    expect(matchesBranchPattern('refs/heads/rel-2', 'rel-*')).toBe(true);
  });

  it('is case-sensitive like git and treats regex characters literally', () => {
    expect(matchesBranchPattern('refs/heads/Release/1.0', 'release/*')).toBe(false);
    expect(matchesBranchPattern('refs/heads/v1x0', 'v1.0')).toBe(false);
    expect(matchesBranchPattern('refs/heads/v1.0', 'v1.0')).toBe(true);
    expect(matchesBranchPattern('refs/heads/a+b', 'a+b')).toBe(true);
  });

  it('never matches other ref kinds through a short pattern, nor with an empty pattern', () => {
    expect(matchesBranchPattern('refs/tags/release/1.0', 'release/*')).toBe(false);
    expect(matchesBranchPattern('refs/heads/main', '  ')).toBe(false);
  });

  it('counts the default branch and the repository patterns', () => {
    const { repository } = context();
    expect(isProductionBranch('refs/heads/main', repository)).toBe(true);
    expect(isProductionBranch('refs/heads/release/7', repository)).toBe(true);
    expect(isProductionBranch('refs/heads/develop', repository)).toBe(false);
    expect(isProductionBranch('refs/heads/main', { ...repository, defaultBranch: undefined, branchPatterns: [] })).toBe(false);
  });
});
