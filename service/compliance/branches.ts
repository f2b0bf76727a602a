// Which branches are production branches: the repository's default branch, or a branch matching one of its
// patterns. Patterns are short ('release/*', 'main') or full ('refs/heads/release/*'); matching is
// case-sensitive like git refs; '*' matches within one path segment, '**' across segments
// ('release/**' = everything below release/, '**/hotfix' = hotfix at any depth, a lone '**' = every branch).

const compiled = new Map<string, RegExp>();

/** A pattern as a full ref pattern: 'release/*' → 'refs/heads/release/*'; 'refs/...' stays. */
export function fullRefPattern(pattern: string): string {
  const p = pattern.trim();
  return p.startsWith('refs/') ? p : `refs/heads/${p.replace(/^\/+/, '')}`;
}

function patternRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re) return re;
  const full = fullRefPattern(pattern);
  let out = '';
  for (let i = 0; i < full.length; ) {
    if (full.startsWith('/**/', i)) {
      out += '/(?:.*/)?';
      i += 4;
    } else if (full.startsWith('/**', i) && i + 3 === full.length) {
      out += '/.+';
      i += 3;
    } else if (full[i] === '*') {
      while (full[i] === '*') i++;
      out += '[^/]*';
    } else {
      out += full[i].replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  re = new RegExp(`^${out}$`);
  compiled.set(pattern, re);
  return re;
}

/** True when the full ref name matches the pattern (see the file comment for the syntax). */
export function matchesBranchPattern(refName: string, pattern: string): boolean {
  if (!pattern.trim()) return false;
  return patternRegExp(pattern).test(refName);
}

/** The default branch, or any pattern. */
export function isProductionRef(refName: string, defaultBranch: string | undefined, patterns: readonly string[]): boolean {
  if (defaultBranch && refName === defaultBranch) return true;
  return patterns.some((p) => matchesBranchPattern(refName, p));
}
