// The SARIF reader the build results tab and the pipeline upload share: severities from Vigil's properties,
// security-severity or the level; SARIF's own baselineState and Vigil's baseline suppressions; the verdict
// the task wrote, or one computed as the task judges (fail-on, medium confidence, new findings only).
import { readSarif, SarifReadError, verdictOf } from './sarif-read';

const result = (over: Record<string, unknown>) => ({
  ruleId: 'R1',
  message: { text: 'm' },
  locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a%20b.ts' }, region: { startLine: 3, startColumn: 5 } } }],
  ...over,
});
const log = (results: unknown[], properties?: Record<string, unknown>, rules: unknown[] = []) => ({
  version: '2.1.0',
  runs: [{ tool: { driver: { name: 'T', semanticVersion: '1.2.3', rules } }, results, ...(properties ? { properties } : {}) }],
});

describe('readSarif', () => {
  it('reads places, fingerprints and severities in the order Vigil, security-severity, rule, level', () => {
    const read = readSarif(
      log(
        [
          result({ properties: { severity: 'info', 'security-severity': '9.9' }, partialFingerprints: { 'vigil/v1': 'fp1', other: 'x' } }),
          result({ ruleId: 'R2', properties: { 'security-severity': 9.1 }, fingerprints: { 'a/v1': 'fp2' } }),
          result({ ruleId: 'R3', ruleIndex: 0, level: 'note' }),
          result({ ruleId: 'R4', level: 'error' }),
          result({ ruleId: 'R5', level: 'none' }),
          { message: { text: 'no rule id' } },
        ],
        undefined,
        [{ id: 'R3', shortDescription: { text: 'Rule three' }, properties: { 'security-severity': '5.0', cwe: ['CWE-79'] }, help: { text: 'fix it' } }],
      ),
    );
    expect(read.runs).toEqual([{ tool: 'T', version: '1.2.3', results: 6 }]);
    expect(read.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['R1', 'info'],
      ['R2', 'critical'],
      ['R3', 'medium'],
      ['R4', 'high'],
      ['R5', 'info'],
    ]);
    expect(read.findings[0]).toMatchObject({ path: 'src/a b.ts', line: 3, column: 5, fingerprint: 'fp1', key: 'T:fp1', suppressed: false });
    expect(read.findings[1].fingerprint).toBe('fp2');
    expect(read.findings[2]).toMatchObject({ title: 'Rule three', remediation: 'fix it', cwe: ['CWE-79'] });
  });

  it("tells SARIF's baselineState and Vigil's baseline mark from real suppressions (rejected ones do not count)", () => {
    const read = readSarif(
      log([
        result({ baselineState: 'unchanged' }),
        result({ suppressions: [{ kind: 'external', status: 'accepted', properties: { vigilKind: 'baseline' } }] }),
        result({ suppressions: [{ kind: 'inSource' }] }),
        result({ suppressions: [{ kind: 'inSource', status: 'rejected' }] }),
        result({ baselineState: 'absent' }),
      ]),
    );
    expect(read.findings.map((f) => [f.baselineState, f.suppressed])).toEqual([
      ['unchanged', false],
      ['unchanged', false],
      [undefined, true],
      [undefined, false],
      ['absent', false],
    ]);
  });

  it('refuses what is not a SARIF 2 log', () => {
    expect(() => readSarif({ runs: 'x' })).toThrow(SarifReadError);
    expect(() => readSarif({ version: '1.0.0', runs: [] })).toThrow(/not supported/);
    expect(() => readSarif(null)).toThrow(/no "runs" array/);
  });
});

describe('verdictOf', () => {
  const high = (over: Record<string, unknown> = {}) => result({ properties: { severity: 'high', confidence: 'high' }, ...over });

  it("takes the task's own verdict and fail-on, from properties or properties.vigil", () => {
    expect(verdictOf(readSarif(log([high()], { verdict: 'succeededWithIssues', failOn: 'critical' })))).toEqual({ verdict: 'succeededWithIssues', failOn: 'critical', fromTask: true });
    expect(verdictOf(readSarif(log([], { vigil: { verdict: 'failed', failOn: 'none' } })))).toEqual({ verdict: 'failed', failOn: 'none', fromTask: true });
  });

  it('else judges as the task: new findings at or above fail-on, of medium confidence or more', () => {
    expect(verdictOf(readSarif(log([high()]))).verdict).toBe('failed');
    expect(verdictOf(readSarif(log([high({ properties: { severity: 'high', confidence: 'low' } })]))).verdict).toBe('succeededWithIssues');
    expect(verdictOf(readSarif(log([high({ baselineState: 'unchanged' })]))).verdict).toBe('succeededWithIssues');
    expect(verdictOf(readSarif(log([high({ suppressions: [{ kind: 'inSource' }] })]))).verdict).toBe('succeeded');
    expect(verdictOf(readSarif(log([high()])), 'critical').verdict).toBe('succeededWithIssues');
    expect(verdictOf(readSarif(log([high()])), 'none')).toEqual({ verdict: 'succeededWithIssues', failOn: 'none', fromTask: false });
  });
});
