// The SARIF export written in chunks: one valid log whose rule indexes point into the whole log's
// rules, Vigil's state of each finding, and never a secret's hash.
import type { FindingWithRepo } from '../store/finding-queries';
import { SarifLogWriter } from './export-findings';

const row = (id: string, ruleId: string, extra: Partial<FindingWithRepo> = {}): FindingWithRepo =>
  ({
    org_id: 'o',
    finding_id: id,
    repo_id: 'r',
    project_id: 'p',
    fingerprint: `fp-${id}`,
    group_key: id,
    rule_id: ruleId,
    category: 'secret',
    severity: 'high',
    severity_rank: 1,
    confidence: 'high',
    title: `Title of ${ruleId}`,
    message: 'A secret',
    location: { kind: 'file', path: `src/${id}.js`, line: 2 },
    details: { secret: { preview: 'ab…yz', hash: 'salted-hash-never-shown' } },
    cwe: null,
    remediation: 'Rotate it',
    help_uri: null,
    state: 'open',
    suppression: null,
    dismissal: null,
    commit_sha: 'c'.repeat(40),
    first_seen_scan: 's',
    last_seen_scan: 's',
    first_seen_at: new Date('2025-01-01T00:00:00Z'),
    last_seen_at: new Date('2025-01-02T00:00:00Z'),
    fixed_at: null,
    verification: null,
    verified_at: null,
    verification_provider: null,
    verification_detail: null,
    repo_name: 'web',
    project_name: 'Storefront',
    repo_web_url: null,
    ...extra,
  }) as FindingWithRepo;

describe('SarifLogWriter', () => {
  it('writes one log across chunks with rule indexes into the whole rules list', () => {
    const w = new SarifLogWriter({ toolVersion: '1.2.3' });
    const dismissed = row('c', 'RULE-A', {
      state: 'dismissed',
      dismissal: { reason: 'false-positive', comment: 'fixture', by: 'u1', byName: 'Ada', at: '2025-01-03T00:00:00Z' },
    });
    const text = w.head() + w.results([row('a', 'RULE-A'), row('b', 'RULE-B')]) + w.results([]) + w.results([dismissed, row('d', 'RULE-C')]) + w.tail();
    const log = JSON.parse(text);
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'Vigil', version: '1.2.3', semanticVersion: '1.2.3' });
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['RULE-A', 'RULE-B', 'RULE-C']);
    expect(run.results.map((r: { ruleId: string; ruleIndex: number }) => [r.ruleId, r.ruleIndex])).toEqual([
      ['RULE-A', 0],
      ['RULE-B', 1],
      ['RULE-A', 0],
      ['RULE-C', 2],
    ]);
    expect(run.results[0].properties).toMatchObject({ findingId: 'a', state: 'open', repository: 'web', project: 'Storefront', firstSeenAt: '2025-01-01T00:00:00.000Z' });
    expect(run.results[0].message.text).toContain('ab…yz');
    expect(run.results[2].suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'false-positive: fixture', properties: { dismissedBy: 'Ada', at: '2025-01-03T00:00:00Z' } },
    ]);
    expect(text).not.toContain('salted-hash-never-shown');
  });

  it('an empty list is a valid log with no results', () => {
    const w = new SarifLogWriter({ toolVersion: 'dev' });
    const log = JSON.parse(w.head() + w.results([]) + w.tail());
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toEqual([]);
  });
});
