// The pipeline task's verdict, summary and log table: the fail-on rule, and texts from the scanned tree
// that must not become Markdown, HTML or agent commands.
import { countsLine, judge, logSafe, logTable, markdownSafe, markdownSummary } from '../../../tasks/vigil-scan/src/report';
import type { Finding, ScanResult } from '../../../service/engine/types';
import { makeFinding } from '../engine/helpers';

const high = makeFinding({ ruleId: 'SEC-TEST-HIGH', path: 'a.txt', line: 1, severity: 'high' });
const low = makeFinding({ ruleId: 'SEC-TEST-LOW', path: 'b.txt', line: 2, severity: 'low' });
const guess = makeFinding({ ruleId: 'SEC-TEST-GUESS', path: 'c.txt', line: 3, severity: 'critical', confidence: 'low' });
const known: Finding = { ...makeFinding({ ruleId: 'SEC-TEST-OLD', path: 'd.txt', line: 4, severity: 'critical' }), suppressed: { kind: 'baseline', reason: 'in baseline x' } };
const ignored: Finding = { ...makeFinding({ ruleId: 'SEC-TEST-IGN', path: 'e.txt', line: 5, severity: 'critical' }), suppressed: { kind: 'inline', reason: '' } };

function result(findings: Finding[]): ScanResult {
  return {
    findings,
    results: [],
    inventories: [],
    scanners: [],
    warnings: [],
    stats: { filesSeen: 3, filesScanned: 3, bytesScanned: 100, durationMs: 1200 },
    coverage: { complete: true, skipped: [] },
  } as unknown as ScanResult;
}

describe('judge', () => {
  it.each([
    ['a new high fails at high', 'high', [high, low], 'failed', ['SEC-TEST-HIGH']],
    ['below critical: issues only', 'critical', [high, low], 'succeededWithIssues', []],
    ['none never fails', 'none', [high, low], 'succeededWithIssues', []],
    // Reported but not failing, as with npm run scan --fail-on.
    ['a critical guess (low confidence) does not fail', 'low', [guess], 'succeededWithIssues', []],
    ['baseline and suppressed findings are never new', 'low', [known, ignored], 'succeeded', []],
  ] as const)('%s', (_name, failOn, findings, verdict, failing) => {
    const j = judge([...findings], failOn);
    expect(j.verdict).toBe(verdict);
    expect(j.failing.map((f) => f.ruleId)).toEqual(failing);
  });
});

describe('escaping', () => {
  it('logSafe: no logging command, no extra line, no bidi override', () => {
    expect(logSafe('##vso[task.complete result=Succeeded]x')).toBe('#\u200b#vso[task.complete result=Succeeded]x');
    expect(logSafe('a\n##[error]b')).toBe('a\\x0a#\u200b#[error]b');
    expect(logSafe('x\u202ey')).toBe('x\\u{202e}y');
  });

  it('markdownSafe: markup and HTML are shown, not interpreted', () => {
    expect(markdownSafe('<img src=x onerror=alert(1)> [a](javascript:x) | *b*')).toBe(
      '&lt;img src=x onerror=alert\\(1\\)\\> \\[a\\]\\(javascript:x\\) \\| \\*b\\*',
    );
  });
});

describe('markdownSummary and logTable', () => {
  const hostile = makeFinding({ ruleId: 'SEC-TEST-HIGH', path: 'x/<b>|##vso[y].txt', line: 7, severity: 'high', category: 'iac' });

  it('counts by severity and category, says what is new and what the baseline had, lists the top findings escaped', () => {
    const j = judge([hostile, low, known], 'high');
    const md = markdownSummary(result([hostile, low, known]), j, { failOn: 'high', categories: ['secret', 'iac'], baseline: 'main.sarif' });
    expect(md.split('\n').slice(0, 7)).toEqual([
      '**Failed**: 1 failing, 2 open, 1 in the baseline, 0 suppressed (fails on new findings at high or above).',
      '',
      '| Category | high | low | Total |',
      '|---|---:|---:|---:|',
      '| secret | 0 | 1 | 1 |',
      '| iac | 1 | 0 | 1 |',
      '| **All** | 1 | 1 | 2 |',
    ]);
    expect(md).toContain('| high | SEC\\-TEST\\-HIGH | x/&lt;b\\>\\|\\#\\#vso\\[y\\]\\.txt:7 | SEC\\-TEST\\-HIGH title |');
    expect(md).toContain('Baseline: main\\.sarif.');
    expect(md).not.toContain('<b>');
  });

  it('the log table: most severe first, failing ones marked, long lists cut', () => {
    const j = judge([low, hostile], 'high');
    expect(logTable(j)).toEqual([
      'SEVERITY      RULE           LOCATION               TITLE',
      'high (fails)  SEC-TEST-HIGH  x/<b>|#\u200b#vso[y].txt:7  SEC-TEST-HIGH title',
      'low           SEC-TEST-LOW   b.txt:2                SEC-TEST-LOW title',
    ]);
    expect(logTable(j, 1).at(-1)).toBe('… 1 more in the SARIF log');
    expect(logTable(judge([], 'high'))).toEqual(['No open findings.']);
  });

  it('the counts line under the table', () => {
    expect(countsLine(result([hostile, low, known, ignored]), judge([hostile, low, known, ignored], 'high'))).toBe(
      'Vigil: 1 failing, 2 open (1 high, 1 low), 1 in the baseline, 1 suppressed; 3 of 3 files in 1.2 s',
    );
  });
});
