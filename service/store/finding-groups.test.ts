// The Findings list grouped by rule or repository: counts by severity per group over the list's own
// filters, the most severe group first, paged; never another organization's findings.
import { randomUUID } from 'node:crypto';
import { databaseKinds } from '../../test/support/databases';
import { SEVERITIES, severityRank, type Severity } from '../contract/vocabulary';
import { listFindingGroupCounts } from './finding-groups';
import { syncRepositories } from './repositories';
import { connectTestOrg, useTestStore } from './testdata/test-store';

describe.each(databaseKinds)('finding groups on %s', (kind) => {
  const store = useTestStore(kind);
  let n = 0;

  async function organization(findings: { rule: string; repo: string | null; severity: Severity; state?: string; title?: string }[]) {
    const { db } = store();
    const org = await connectTestOrg(store(), `groups-${kind}-${++n}`);
    await syncRepositories(db, org.org_id, [
      { id: 'ra', name: 'alpha', projectId: 'p1', projectName: 'P1', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null },
      { id: 'rb', name: 'beta', projectId: 'p2', projectName: 'P2', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null },
    ]);
    const scan = randomUUID();
    await db
      .insertInto('findings')
      .values(
        findings.map((f, i) => ({
          org_id: org.org_id,
          finding_id: randomUUID(),
          repo_id: f.repo,
          project_id: f.repo === 'rb' ? 'p2' : 'p1',
          fingerprint: `fp-${i}`,
          group_key: `g-${i}`,
          rule_id: f.rule,
          category: f.rule.startsWith('SEC') ? 'secret' : 'iac',
          severity: f.severity,
          severity_rank: severityRank(f.severity),
          confidence: 'high',
          title: f.title ?? `${f.rule} finding`,
          message: 'test',
          location: JSON.stringify(f.repo ? { kind: 'file', path: `src/${i}.tf`, line: 1 } : { kind: 'ado-object', objectKind: 'project', id: 'p1', name: 'P1' }),
          remediation: 'fix',
          state: f.state ?? 'open',
          first_seen_scan: scan,
          last_seen_scan: scan,
        })) as never,
      )
      .execute();
    return { db, orgId: org.org_id };
  }

  const zero = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));

  test('by rule: counts by severity, the most severe group first, then the largest; filters and search apply', async () => {
    const { db, orgId } = await organization([
      { rule: 'IAC-A', repo: 'ra', severity: 'medium' },
      { rule: 'IAC-A', repo: 'rb', severity: 'medium' },
      { rule: 'IAC-A', repo: 'rb', severity: 'low' },
      { rule: 'SEC-B', repo: 'ra', severity: 'critical', title: 'GitHub token' },
      { rule: 'SEC-B', repo: 'ra', severity: 'critical', state: 'fixed' },
      { rule: 'IAC-C', repo: null, severity: 'medium' },
    ]);
    const { rows, total } = await listFindingGroupCounts(db, orgId, 'rule', { states: ['open'] }, { limit: 10, offset: 0 });
    expect(total).toBe(3);
    expect(rows.map((r) => [r.key, r.count, r.category])).toEqual([
      ['SEC-B', 1, 'secret'],
      ['IAC-A', 3, 'iac'],
      ['IAC-C', 1, 'iac'],
    ]);
    expect(rows[1].severities).toEqual({ ...zero, medium: 2, low: 1 });
    expect(rows[0].title).toBe('GitHub token');

    const page2 = await listFindingGroupCounts(db, orgId, 'rule', { states: ['open'] }, { limit: 2, offset: 2 });
    expect(page2).toEqual({ total: 3, rows: [expect.objectContaining({ key: 'IAC-C' })] });
    expect(await listFindingGroupCounts(db, orgId, 'rule', { states: ['open'] }, { limit: 2, offset: 6 })).toEqual({ total: 3, rows: [] });
    const filtered = await listFindingGroupCounts(db, orgId, 'rule', { states: ['open'], severities: ['low'] }, { limit: 10, offset: 0 });
    expect(filtered.rows.map((r) => [r.key, r.count])).toEqual([['IAC-A', 1]]);
    const searched = await listFindingGroupCounts(db, orgId, 'rule', { states: ['open', 'fixed'], search: 'github' }, { limit: 10, offset: 0 });
    expect(searched.rows.map((r) => [r.key, r.count])).toEqual([['SEC-B', 1]]);
  });

  test('by repository: its name and project; findings of no repository in a group of their own', async () => {
    const { db, orgId } = await organization([
      { rule: 'IAC-A', repo: 'ra', severity: 'medium' },
      { rule: 'IAC-A', repo: 'rb', severity: 'high' },
      { rule: 'IAC-B', repo: 'rb', severity: 'low' },
      { rule: 'IAC-C', repo: null, severity: 'info' },
    ]);
    const { rows, total } = await listFindingGroupCounts(db, orgId, 'repository', { states: ['open'] }, { limit: 10, offset: 0 });
    expect(total).toBe(3);
    expect(rows.map((r) => [r.key, r.repoName, r.projectName, r.count])).toEqual([
      ['rb', 'beta', 'P2', 2],
      ['ra', 'alpha', 'P1', 1],
      ['', null, null, 1],
    ]);
    const project = await listFindingGroupCounts(db, orgId, 'repository', { states: ['open'], projectId: 'p2' }, { limit: 10, offset: 0 });
    expect(project.rows.map((r) => r.key)).toEqual(['rb']);
  });

  test("never counts another organization's findings", async () => {
    const a = await organization([{ rule: 'IAC-A', repo: 'ra', severity: 'high' }]);
    const b = await organization([
      { rule: 'IAC-A', repo: 'ra', severity: 'high' },
      { rule: 'IAC-Z', repo: 'ra', severity: 'high' },
    ]);
    const { rows, total } = await listFindingGroupCounts(a.db, a.orgId, 'rule', { states: ['open'] }, { limit: 10, offset: 0 });
    expect(total).toBe(1);
    expect(rows.map((r) => [r.key, r.count])).toEqual([['IAC-A', 1]]);
    expect((await listFindingGroupCounts(b.db, b.orgId, 'rule', {}, { limit: 10, offset: 0 })).total).toBe(2);
  });
});
