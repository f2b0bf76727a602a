// The independent evaluation set of `npm run bench:secrets-quality` (test/bench/secrets-quality):
// deterministic, wide enough (providers x syntaxes), with hard negatives, and with every planted
// secret's line recorded where the secret really is.
import { generateSet } from '../bench/secrets-quality/generate';
import type { Case } from '../bench/secrets-quality/model';
import { BASE62, base62, crc32 } from '../bench/secrets-quality/random';

describe('secrets quality evaluation set', () => {
  const set = generateSet();
  const positives = set.cases.filter((c) => c.kind === 'positive');
  const negatives = set.cases.filter((c) => c.kind === 'negative');

  it('is the same on every run and changes with the seed', () => {
    const again = generateSet();
    expect(again.cases.map((c) => [c.path, c.content, c.spans])).toEqual(set.cases.map((c) => [c.path, c.content, c.spans]));
    const other = new Map(generateSet('another-seed').cases.map((c) => [c.path, c.secret]));
    const changed = positives.filter((c) => other.get(c.path) !== c.secret);
    expect(changed.length).toBe(positives.length);
  });

  it('covers at least 60 providers, each in at least 8 syntaxes', () => {
    const syntaxes = new Map<string, Set<string>>();
    for (const c of positives) syntaxes.set(c.provider, (syntaxes.get(c.provider) ?? new Set()).add(c.syntax));
    expect(set.providers.length).toBeGreaterThanOrEqual(60);
    expect(syntaxes.size).toBe(set.providers.length);
    const narrow = [...syntaxes].filter(([, s]) => s.size < 8).map(([p]) => p);
    expect(narrow).toEqual([]);
    expect(new Set(positives.map((c) => c.syntax)).size).toBeGreaterThanOrEqual(40);
  });

  it('writes one case per file', () => {
    expect(new Set(set.cases.map((c) => c.path)).size).toBe(set.cases.length);
  });

  it('records the line(s) each planted secret is on', () => {
    const misplaced: string[] = [];
    for (const c of positives) {
      const lines = c.content.split('\n');
      const head = c.secret!.split('\n')[0].slice(0, 8);
      const spanned = c.spans.flatMap((s) => lines.slice(s.start - 1, s.end));
      // The Azure Artifacts .npmrc stores the PAT base64-encoded, as its documentation says to.
      if (!spanned.some((l) => l.includes(head)) && !(c.syntax === 'npmrc' && c.provider === 'azure-devops-pat')) misplaced.push(c.path);
    }
    expect(misplaced).toEqual([]);
  });

  it('plants random values, never placeholder-looking ones', () => {
    const looksFake = /example|placeholder|dummy|sample|lorem|changeme|fake|xxxxx|your[_-]/i;
    expect(positives.filter((c) => looksFake.test(c.secret!)).map((c) => c.path)).toEqual([]);
  });

  it('builds GitHub-format tokens with a valid checksum, and the broken-checksum negatives without', () => {
    const valid = (token: string): boolean => {
      const body = token.slice(4, 34);
      return token.length === 40 && [...body].every((ch) => BASE62.includes(ch)) && base62(crc32(body), 6) === token.slice(34);
    };
    const tokenIn = (c: Case, prefix: string): string => new RegExp(`${prefix}[A-Za-z0-9]{36}`).exec(c.content)![0];
    const classic = positives.filter((c) => c.provider === 'github-classic-pat' || c.provider === 'npm-token');
    expect(classic.length).toBeGreaterThan(16);
    expect(classic.filter((c) => !valid(c.secret!)).map((c) => c.path)).toEqual([]);
    const broken = negatives.filter((c) => c.variant === 'wrong-checksum' && (c.provider === 'github-classic-pat' || c.provider === 'npm-token'));
    expect(broken).toHaveLength(2);
    for (const c of broken) expect(valid(tokenIn(c, c.provider === 'npm-token' ? 'npm_' : 'ghp_'))).toBe(false);
  });

  it('has hard negatives for every provider and of every general kind', () => {
    const perProvider = new Map<string, number>();
    for (const c of negatives) perProvider.set(c.provider, (perProvider.get(c.provider) ?? 0) + 1);
    expect(set.providers.filter((p) => (perProvider.get(p.id) ?? 0) < 5).map((p) => p.id)).toEqual([]);
    const kinds = new Set(negatives.map((c) => c.variant));
    for (const kind of ['placeholder-angle', 'placeholder-word', 'masked', 'truncated', 'wrong-checksum', 'compose-interpolation', 'ado-macro', 'helm-template',
      'env-read-in-code', 'aws-docs-example', 'lockfile-integrity', 'uuids', 'git-shas', 'base64-image', 'minified-js', 'certificate', 'ssh-public-key',
      'recaptcha-test-secret', 'jwt-io-sample', 'publishable-key']) {
      expect([kind, kinds.has(kind)]).toEqual([kind, true]);
    }
    expect(negatives.every((c) => c.spans.length === 0 && c.secret === undefined)).toBe(true);
  });
});
