import { FINGERPRINT_KEY, readBaseline, toSarif } from '../../../service/engine/sarif';
import type { RuleMeta, ScanResult } from '../../../service/engine/types';
import { makeFinding } from './helpers';

const rules: RuleMeta[] = [
  {
    id: 'SEC-AWS-ACCESS-KEY',
    title: 'AWS access key ID',
    severity: 'critical',
    category: 'secret',
    description: 'An AWS access key id was committed.',
    remediation: 'Deactivate the key in IAM and rotate it.',
    helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    cwe: ['CWE-798'],
  },
  {
    id: 'SEC-GENERIC-PASSWORD',
    title: 'Hard-coded password',
    severity: 'medium',
    category: 'secret',
    description: 'A password assigned in source.',
    remediation: 'Move it to a secret store.',
  },
];

const result: ScanResult = {
  findings: [
    makeFinding({ ruleId: 'SEC-AWS-ACCESS-KEY', path: 'config/app env.yml', line: 3, column: 9, severity: 'critical', preview: 'AKIA…MPLE', secretHash: 'feedfacefeedfacefeedfacefeedface' }),
    makeFinding({ ruleId: 'SEC-GENERIC-PASSWORD', path: 'src/db.ts', line: 10, severity: 'medium', suppressed: { kind: 'inline', reason: 'test password' } }),
    makeFinding({ ruleId: 'SEC-GENERIC-PASSWORD', path: 'test/a.ts', line: 1, severity: 'medium', suppressed: { kind: 'file', reason: 'fixtures', expires: '2027-01-31' } }),
    makeFinding({ ruleId: 'IAC-TF-UNKNOWN-1', path: 'main.tf', line: 4, severity: 'low', category: 'iac', title: 'Storage is public' }),
  ],
  scanners: [{ scanner: 'secrets', version: '1', filesScanned: 4, findings: 4, durationMs: 1.5, warnings: 1 }],
  warnings: [{ code: 'binary', message: 'Skipped binary file', path: 'img.png' }],
  stats: { filesSeen: 5, filesScanned: 4, filesSkipped: 1, bytesScanned: 1000, durationMs: 3 },
};

describe('toSarif', () => {
  const log = toSarif(result, { toolVersion: '0.1.0', rules, informationUri: 'https://example.test/vigil' });
  const run = log.runs[0];

  it('is one SARIF 2.1.0 run from the Vigil driver', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'Vigil', version: '0.1.0', semanticVersion: '0.1.0', informationUri: 'https://example.test/vigil' });
  });

  it('describes each rule with help, tags and security-severity', () => {
    expect(run.tool.driver.rules?.[0]).toEqual({
      id: 'SEC-AWS-ACCESS-KEY',
      name: 'AWSAccessKeyID',
      shortDescription: { text: 'AWS access key ID' },
      fullDescription: { text: 'An AWS access key id was committed.' },
      help: { text: 'Deactivate the key in IAM and rotate it.' },
      helpUri: rules[0].helpUri,
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'secret', 'CWE-798'], 'security-severity': '9.5', severity: 'critical' },
    });
    // A finding whose rule is not in the list still gets a descriptor, so ruleIndex stays valid.
    expect(run.tool.driver.rules?.map((r) => r.id)).toEqual(['SEC-AWS-ACCESS-KEY', 'SEC-GENERIC-PASSWORD', 'IAC-TF-UNKNOWN-1']);
  });

  it('maps findings to results with level, location, fingerprint and suppressions', () => {
    const [aws, inline, file, iac] = run.results!;
    expect(aws).toMatchObject({
      ruleId: 'SEC-AWS-ACCESS-KEY',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'SEC-AWS-ACCESS-KEY found (AKIA…MPLE)' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'config/app%20env.yml' }, region: { startLine: 3, startColumn: 9 } } }],
      partialFingerprints: { [FINGERPRINT_KEY]: result.findings[0].fingerprint },
    });
    expect(aws.suppressions).toBeUndefined();
    expect(inline).toMatchObject({ ruleIndex: 1, level: 'warning', suppressions: [{ kind: 'inSource', status: 'accepted', justification: 'test password' }] });
    expect(file.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'fixtures', properties: { vigilKind: 'file', expires: '2027-01-31' } }]);
    expect(iac).toMatchObject({ ruleIndex: 2, level: 'note' });
    for (const r of run.results!) expect(run.tool.driver.rules![r.ruleIndex!].id).toBe(r.ruleId);
  });

  it('reports warnings as tool notifications', () => {
    expect(run.invocations?.[0].toolExecutionNotifications).toEqual([
      { level: 'warning', descriptor: { id: 'binary' }, message: { text: 'Skipped binary file' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'img.png' } } }] },
    ]);
  });

  it('never carries the salted secret hash', () => {
    expect(JSON.stringify(log)).not.toContain('feedfacefeedface');
  });
});

describe('readBaseline', () => {
  it('round-trips the fingerprints of a Vigil SARIF log', () => {
    const text = JSON.stringify(toSarif(result, { toolVersion: '0.1.0', rules }));
    expect(readBaseline(text)).toEqual(new Set(result.findings.map((f) => f.fingerprint)));
  });

  it('accepts the JSON output of the CLI', () => {
    const text = JSON.stringify({ tool: { name: 'Vigil', version: '0.1.0' }, ...result });
    expect(readBaseline(text)).toEqual(new Set(result.findings.map((f) => f.fingerprint)));
  });

  it('accepts a SARIF log with no results', () => {
    expect(readBaseline(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'Vigil' } }, results: [] }] }))).toEqual(new Set());
  });

  test.each([
    ['not JSON', 'nope{', /not valid JSON/],
    ['another tool’s SARIF', JSON.stringify({ version: '2.1.0', runs: [{ results: [{ ruleId: 'x', message: { text: 'y' } }] }] }), /not a Vigil log/],
    ['some other JSON', '{"hello": 1}', /neither a SARIF log nor Vigil JSON/],
    ['a JSON array', '[]', /neither/],
  ])('rejects %s with a clear message', (_label, text, message) => {
    expect(() => readBaseline(text)).toThrow(message);
  });
});
