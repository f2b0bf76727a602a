import { readFileSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { locationLine } from '../../../service/contract/places';
import {
  applyConfigSuppressions,
  applyInlineSuppressions,
  globMatcher,
  loadSuppressionConfig,
  parseInlineDirective,
  parseSuppressionConfig,
} from '../../../service/engine/suppress';
import type { ScanWarning } from '../../../service/engine/types';
import { makeFinding, tempTree } from './helpers';

const fixture = (name: string): string => readFileSync(path.join(__dirname, '../testdata/engine', name), 'utf8');
const NOW = new Date('2026-06-15T12:00:00Z');

function collectWarnings(): { warn: (w: Omit<ScanWarning, 'scanner'>) => void; list: Omit<ScanWarning, 'scanner'>[] } {
  const list: Omit<ScanWarning, 'scanner'>[] = [];
  return { warn: (w) => list.push(w), list };
}

describe('parseInlineDirective', () => {
  test.each([
    ['# vigil:ignore SEC-AWS-KEY test key', ['SEC-AWS-KEY'], 'test key'],
    ['key = "x" // vigil:ignore SEC-AWS-KEY rotated', ['SEC-AWS-KEY'], 'rotated'],
    ['/* vigil:ignore SEC-AWS-KEY in a block */', ['SEC-AWS-KEY'], 'in a block'],
    [' * vigil:ignore SEC-AWS-KEY continuation line', ['SEC-AWS-KEY'], 'continuation line'],
    ['<!-- vigil:ignore SEC-AWS-KEY html comment -->', ['SEC-AWS-KEY'], 'html comment'],
    ['-- vigil:ignore IAC-TF-S3-1 sql', ['IAC-TF-S3-1'], 'sql'],
    ['; vigil:ignore SEC-A,SEC-B ini file', ['SEC-A', 'SEC-B'], 'ini file'],
    ['#vigil:ignore SEC-AWS-KEY', ['SEC-AWS-KEY'], ''],
    ['# vigil:ignore CODE-PY-TAINT-COMMAND CODE-PY-START-PROCESS-WITH-SHELL fixed command', ['CODE-PY-TAINT-COMMAND', 'CODE-PY-START-PROCESS-WITH-SHELL'], 'fixed command'],
    ['// vigil:ignore CODE-JS-EVAL, CODE-JS-NEW-FUNCTION sandboxed', ['CODE-JS-EVAL', 'CODE-JS-NEW-FUNCTION'], 'sandboxed'],
  ])('%s', (line, ruleIds, reason) => {
    expect(parseInlineDirective(line)).toEqual({ ruleIds, reason });
  });

  it('without a rule id covers every rule, keeping the reason', () => {
    expect(parseInlineDirective('password: x  # vigil:ignore fixtures only')).toEqual({ reason: 'fixtures only' });
    expect(parseInlineDirective('// vigil:ignore')).toEqual({ reason: '' });
  });

  it('needs a comment opener before the marker', () => {
    expect(parseInlineDirective('const s = "vigil:ignore SEC-AWS-KEY"')).toBeUndefined();
    expect(parseInlineDirective('nothing here')).toBeUndefined();
    expect(parseInlineDirective('# vigil:ignored SEC-AWS-KEY')).toBeUndefined();
  });
});

describe('applyInlineSuppressions', () => {
  const content = Buffer.from(
    [
      'line1 = SECRET', // 1: not suppressed
      '# vigil:ignore SEC-X rotated', // 2
      'line3 = SECRET', // 3: suppressed by the line above (SEC-X only)
      'line4 = SECRET  // vigil:ignore', // 4: suppressed, all rules
      'line5 = SECRET', // 5: the line above has a trailing directive: it covers line 4 only
      '', // 6
      'line7 = SECRET', // 7: two lines below nothing
      '# vigil:ignore SEC-OTHER nope', // 8
      'line9 = SECRET', // 9: different rule -> not suppressed
    ].join('\r\n'),
  );
  const at = (ruleId: string, line: number) => makeFinding({ ruleId, path: 'f.txt', line });

  it('marks findings on the directive line or below a comment-line directive, per rule', () => {
    const out = applyInlineSuppressions(
      [at('SEC-X', 1), at('SEC-X', 3), at('SEC-Y', 3), at('SEC-Y', 4), at('SEC-Y', 5), at('SEC-X', 7), at('SEC-X', 9)],
      content,
    );
    expect(out.map((f) => [f.ruleId, locationLine(f.location), f.suppressed ?? null])).toEqual([
      ['SEC-X', 1, null],
      ['SEC-X', 3, { kind: 'inline', reason: 'rotated' }],
      ['SEC-Y', 3, null],
      ['SEC-Y', 4, { kind: 'inline', reason: '' }],
      ['SEC-Y', 5, null],
      ['SEC-X', 7, null],
      ['SEC-X', 9, null],
    ]);
  });

  it('returns the input untouched when the file has no directive', () => {
    const findings = [at('SEC-X', 1)];
    expect(applyInlineSuppressions(findings, Buffer.from('a = SECRET\n'))).toBe(findings);
  });

  it('ignores line numbers outside the file', () => {
    const out = applyInlineSuppressions([at('SEC-X', 99), at('SEC-X', 0)], content);
    expect(out.every((f) => !f.suppressed)).toBe(true);
  });
});

describe('glob', () => {
  test.each([
    ['test/fixtures/**', 'test/fixtures/a.txt', true],
    ['test/fixtures/**', 'test/fixtures/deep/er/a.txt', true],
    ['test/fixtures/**', 'test/fixturesX/a.txt', false],
    ['test/fixtures/**', 'src/test/fixtures/a.txt', false],
    ['test/fixtures/', 'test/fixtures/a/b.txt', true],
    ['**/*.pem', 'a.pem', true],
    ['**/*.pem', 'x/y/a.pem', true],
    ['*.pem', 'x/y/a.pem', true],
    ['/*.pem', 'x/y/a.pem', false],
    ['/*.pem', 'a.pem', true],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/x/a.ts', false],
    ['src/**/a.ts', 'src/a.ts', true],
    ['src/**/a.ts', 'src/x/y/a.ts', true],
    ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file10.txt', false],
    ['./config/app.json', 'config/app.json', true],
    ['a.b(c)+[d]', 'a.b(c)+[d]', true],
    ['a.b', 'axb', false],
  ])('%s ~ %s -> %s', (glob, p, expected) => {
    expect(globMatcher(glob)(p)).toBe(expected);
  });

  it('matches whole paths only, dot files included', () => {
    const matches = globMatcher('a/*');
    expect(matches('a/b')).toBe(true);
    expect(matches('xa/b')).toBe(false);
    expect(matches('a/b/c')).toBe(false);
    expect(globMatcher('config/*')('config/.env')).toBe(true);
  });
});

describe('parseSuppressionConfig', () => {
  it('reads valid entries with their line numbers', () => {
    const w = collectWarnings();
    const config = parseSuppressionConfig(fixture('vigil-valid.yml'), w.warn, NOW);
    expect(w.list).toEqual([]);
    expect(config.entries).toEqual([
      { index: 1, line: 3, fingerprint: '0123456789abcdef0123456789abcdef', reason: 'revoked on 2025-03-02, rotated' },
      { index: 2, line: 5, path: 'test/fixtures/**', rules: ['SEC-TEST-NEEDLE'], reason: 'fake keys for tests', expires: '2999-12-31' },
      { index: 3, line: 9, path: '*.sample', reason: 'sample files' },
    ]);
  });

  it('drops invalid and expired entries with a warning naming each one', () => {
    const w = collectWarnings();
    const config = parseSuppressionConfig(fixture('vigil-mixed.yml'), w.warn, NOW);
    expect(config.entries.map((e) => e.path)).toEqual(['docs/**']);
    expect(w.list.map((x) => [x.code, x.message])).toEqual([
      ['suppression-invalid', '.vigil.yml ignore entry #2 (line 4) ignored: a non-empty `reason` is required'],
      ['suppression-expired', '.vigil.yml ignore entry #3 (line 5) (path "old/**") expired on 2020-01-31; its findings are reported again'],
      ['suppression-invalid', '.vigil.yml ignore entry #4 (line 8) ignored: unknown key(s) `rule`'],
      ['suppression-invalid', '.vigil.yml ignore entry #5 (line 11) ignored: `fingerprint` must be a hex string'],
      ['suppression-invalid', '.vigil.yml ignore entry #6 (line 13) ignored: needs a `fingerprint` or a `path`'],
      ['suppression-invalid', '.vigil.yml ignore entry #7 (line 14) ignored: `expires` must be a date (YYYY-MM-DD)'],
      ['suppression-invalid', '.vigil.yml ignore entry #8 (line 17) ignored: expected a mapping'],
    ]);
    expect(w.list.every((x) => x.path === '.vigil.yml')).toBe(true);
  });

  it('takes `expires` only as a day that exists (a leap day in a leap year only)', () => {
    const entry = (expires: string) => `ignore:\n  - path: "a/**"\n    reason: r\n    expires: ${expires}\n`;
    for (const ok of ['2028-02-29', '2999-12-31', '"2999-01-31"', '2999-06-30T12:00:00Z']) {
      expect(parseSuppressionConfig(entry(ok), () => undefined, NOW).entries).toHaveLength(1);
    }
    for (const bad of ['2027-02-29', '2999-02-30', '2999-04-31', '2999-13-01', '2999-1-01', 'tomorrow']) {
      const w = collectWarnings();
      expect(parseSuppressionConfig(entry(bad), w.warn, NOW).entries).toEqual([]);
      expect(w.list.map((x) => x.message)).toEqual(['.vigil.yml ignore entry #1 (line 2) ignored: `expires` must be a date (YYYY-MM-DD)']);
    }
  });

  it('an entry expiring today still applies; the day after it does not', () => {
    const text = 'ignore:\n  - path: "a/**"\n    reason: r\n    expires: 2026-06-15\n';
    expect(parseSuppressionConfig(text, () => undefined, NOW).entries).toHaveLength(1);
    const w = collectWarnings();
    expect(parseSuppressionConfig(text, w.warn, new Date('2026-06-16T00:00:01Z')).entries).toHaveLength(0);
    expect(w.list[0].code).toBe('suppression-expired');
  });

  test.each([
    ['malformed YAML', fixture('vigil-malformed.yml'), /Malformed YAML/],
    ['a scalar document', 'just words', /Expected a mapping/],
    ['ignore as a mapping', 'ignore:\n  path: a\n', /`ignore` must be a list/],
    ['duplicate keys', 'ignore: []\nignore: []\n', /Malformed YAML/],
    ['an alias bomb', `a: &a [1,1,1,1,1,1,1,1,1,1]\n${Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [${Array(10).fill(i ? `*b${i - 1}` : '*a').join(',')}]`).join('\n')}\n`, /Cannot read YAML/],
  ])('%s is a warning, never a crash', (_label, text, message) => {
    const w = collectWarnings();
    expect(parseSuppressionConfig(text, w.warn, NOW)).toEqual({ entries: [] });
    expect(w.list).toEqual([expect.objectContaining({ code: 'suppression-config-invalid', path: '.vigil.yml' })]);
    expect(w.list[0].message).toMatch(message);
  });

  // Built at run time so this file itself holds no token-shaped literal.
  const token = ['ghp', 'Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6Hc1Df0Ga2Eb4'].join('_');
  test.each([
    ['a scalar the parser quotes', `"q"\n# c\n${token}\n`, /^Malformed YAML, file ignored: Unexpected scalar token in YAML stream: "…"$/],
    ['a token the parser names unquoted', `--- | ${token}\n`, /^Malformed YAML, file ignored: Not a YAML token: …$/],
    ['an alias the parser names unquoted', `a: *${token}\n`, /^Cannot read YAML, file ignored: Unresolved alias .*: …$/],
  ])('%s: the warning never carries the file text on', (_label, text, message) => {
    const w = collectWarnings();
    expect(parseSuppressionConfig(text, w.warn, NOW)).toEqual({ entries: [] });
    expect(w.list.map((x) => x.code)).toEqual(['suppression-config-invalid']);
    expect(w.list[0].message).toMatch(message);
    expect(w.list[0].message).not.toContain('Zk3Lq9');
  });

  it('an empty file or one without `ignore` is fine', () => {
    const w = collectWarnings();
    expect(parseSuppressionConfig('', w.warn).entries).toEqual([]);
    expect(parseSuppressionConfig('# nothing yet\n', w.warn).entries).toEqual([]);
    expect(parseSuppressionConfig('other: 1\n', w.warn).entries).toEqual([]);
    expect(w.list).toEqual([]);
  });
});

describe('applyConfigSuppressions', () => {
  const config = parseSuppressionConfig(fixture('vigil-valid.yml'), () => undefined, NOW);

  it('matches by fingerprint, by path glob, and by path + rules', () => {
    const byFp = makeFinding({ ruleId: 'SEC-ANY', path: 'src/a.ts', line: 1, fingerprint: '0123456789ABCDEF0123456789ABCDEF' });
    const inFixtures = makeFinding({ ruleId: 'SEC-TEST-NEEDLE', path: 'test/fixtures/keys/a.json', line: 2 });
    const otherRule = makeFinding({ ruleId: 'SEC-OTHER', path: 'test/fixtures/keys/a.json', line: 3 });
    const sample = makeFinding({ ruleId: 'SEC-OTHER', path: 'deep/config.sample', line: 4 });
    const untouched = makeFinding({ ruleId: 'SEC-OTHER', path: 'src/b.ts', line: 5 });
    const out = applyConfigSuppressions([byFp, inFixtures, otherRule, sample, untouched], config);
    expect(out.map((f) => f.suppressed ?? null)).toEqual([
      { kind: 'file', reason: 'revoked on 2025-03-02, rotated' },
      { kind: 'file', reason: 'fake keys for tests', expires: '2999-12-31' },
      null,
      { kind: 'file', reason: 'sample files' },
      null,
    ]);
  });

  it('keeps an inline suppression rather than overwrite it', () => {
    const f = makeFinding({ ruleId: 'SEC-TEST-NEEDLE', path: 'test/fixtures/a', line: 1, suppressed: { kind: 'inline', reason: 'here' } });
    expect(applyConfigSuppressions([f], config)[0].suppressed).toEqual({ kind: 'inline', reason: 'here' });
  });
});

describe('loadSuppressionConfig', () => {
  let tree: ReturnType<typeof tempTree>;
  afterEach(() => tree?.remove());

  it('reads .vigil.yml at the root; no file means no entries and no warning', () => {
    tree = tempTree({ '.vigil.yml': fixture('vigil-valid.yml') });
    const w = collectWarnings();
    expect(loadSuppressionConfig(tree.root, w.warn, NOW).entries).toHaveLength(3);
    const empty = tempTree({});
    expect(loadSuppressionConfig(empty.root, w.warn, NOW)).toEqual({ entries: [] });
    empty.remove();
    expect(w.list).toEqual([]);
  });

  it('never reads a .vigil.yml that is a symlink', () => {
    const elsewhere = tempTree({ 'outside.yml': fixture('vigil-valid.yml') });
    tree = tempTree({});
    symlinkSync(path.join(elsewhere.root, 'outside.yml'), path.join(tree.root, '.vigil.yml'));
    const w = collectWarnings();
    expect(loadSuppressionConfig(tree.root, w.warn, NOW)).toEqual({ entries: [] });
    elsewhere.remove();
    expect(w.list).toEqual([expect.objectContaining({ code: 'suppression-config-invalid' })]);
    expect(w.list[0].message).toMatch(/symbolic link/);
  });
});
