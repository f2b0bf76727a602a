// The findings list's keyword search and sortable columns: literal words (no LIKE wildcards), every
// sort a total order so that pages neither skip nor repeat rows, ties included.
import { databaseKinds } from '../../test/support/databases';
import type { Finding } from '../contract/model';
import { findingRows, listFindingGroups, listFindings, type FindingOrder } from './finding-queries';
import { reconcileFindings } from './findings';
import { syncRepositories } from './repositories';
import { requestScan } from './scan-queue';
import { connectTestOrg, useTestStore } from './testdata/test-store';

const finding = (fp: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'SEC-TEST',
  title: 'Test secret',
  severity: 'high',
  category: 'secret',
  confidence: 'high',
  message: 'A test secret',
  location: { kind: 'file', path: `src/${fp}.js`, line: 3 },
  fingerprint: fp,
  remediation: 'Rotate it',
  ...extra,
});

describe.each(databaseKinds)('findings search and sort on %s', (kind) => {
  const store = useTestStore(kind);
  let n = 0;

  async function organization() {
    const { db } = store();
    const org = await connectTestOrg(store(), `search-${kind}-${++n}`);
    const repo = (id: string, name: string) => ({ id, name, projectId: 'p1', projectName: 'P1', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null });
    await syncRepositories(db, org.org_id, [repo('ra', 'alpha-api'), repo('rb', 'billing_web')]);
    const scan = async (repoId: string, findings: Finding[]) => {
      const { scanId } = await requestScan(db, org.org_id, repoId, 'manual');
      await reconcileFindings(db, org.org_id, repoId, scanId, 'c'.repeat(40), findings);
    };
    return { db, orgId: org.org_id, scan };
  }

  test('every word must appear in the title, rule, path or repository name, case-insensitively', async () => {
    const { db, orgId, scan } = await organization();
    await scan('ra', [
      finding('aws', { title: 'AWS access key', ruleId: 'SEC-AWS-KEY' }),
      finding('tls', { title: 'Storage account allows TLS 1.0', ruleId: 'IAC-AZ-TLS', category: 'iac', location: { kind: 'file', path: 'infra/main.tf', line: 9 } }),
    ]);
    await scan('rb', [finding('pct', { title: '100% coverage token', location: { kind: 'file', path: 'config/app_settings.json', line: 1 } })]);
    const search = async (text: string) =>
      (await listFindings(db, orgId, { search: text }, { limit: 50, offset: 0 })).rows.map((r) => r.fingerprint).sort();

    expect(await search('aws')).toEqual(['aws']); // title
    expect(await search('iac-az')).toEqual(['tls']); // rule id, any case
    expect(await search('main.tf')).toEqual(['tls']); // path
    expect(await search('BILLING')).toEqual(['pct']); // repository name
    expect(await search('alpha storage')).toEqual(['tls']); // both words, in different fields
    expect(await search('alpha billing')).toEqual([]);
    // % and _ are the characters themselves, not wildcards.
    expect(await search('100%')).toEqual(['pct']);
    expect(await search('%')).toEqual(['pct']);
    expect(await search('app_s')).toEqual(['pct']);
    expect(await search('g_w')).toEqual(['pct']); // billing_web, not "billing" + any char + "w"
    expect(await search('a_s')).toEqual([]);
    expect(await search("'; DROP TABLE findings; --")).toEqual([]);
    expect((await listFindings(db, orgId, {}, { limit: 50, offset: 0 })).total).toBe(3);
  });

  test('each sort orders by its column, ties broken the same way every time, and pages cover the list once', async () => {
    const { db, orgId, scan } = await organization();
    const severities = ['critical', 'low', 'high', 'high', 'medium', 'high', 'info'] as const;
    await scan(
      'ra',
      severities.map((severity, i) => finding(`f${i}`, { severity, ruleId: `RULE-${i % 3}`, location: { kind: 'file', path: `p/${i % 2}.js`, line: i + 1 } })),
    );
    await scan('rb', [finding('g0', { severity: 'high', ruleId: 'RULE-0' })]);
    const all = await findingRows(db, orgId, {}, { limit: 100, offset: 0 });
    expect(all).toHaveLength(8);

    const orders: FindingOrder[] = ['severity', 'rule', 'location', 'firstSeen', 'lastSeen'].flatMap((sort) =>
      (['asc', 'desc'] as const).map((order) => ({ sort: sort as FindingOrder['sort'], order })),
    );
    for (const order of orders) {
      const whole = await findingRows(db, orgId, {}, { limit: 100, offset: 0 }, order);
      const paged = [];
      for (let offset = 0; offset < 8; offset += 3) paged.push(...(await findingRows(db, orgId, {}, { limit: 3, offset }, order)));
      expect(paged.map((r) => r.finding_id)).toEqual(whole.map((r) => r.finding_id));
      expect(new Set(paged.map((r) => r.finding_id)).size).toBe(8);
    }

    const by = async (order: FindingOrder) => (await findingRows(db, orgId, {}, { limit: 100, offset: 0 }, order)).map((r) => r.fingerprint);
    const severityOf = async (order: FindingOrder) => (await findingRows(db, orgId, {}, { limit: 100, offset: 0 }, order)).map((r) => r.severity);
    expect(await severityOf({ sort: 'severity', order: 'desc' })).toEqual(['critical', 'high', 'high', 'high', 'high', 'medium', 'low', 'info']);
    expect(await severityOf({ sort: 'severity', order: 'asc' })).toEqual(['info', 'low', 'medium', 'high', 'high', 'high', 'high', 'critical']);
    const rules = (await findingRows(db, orgId, {}, { limit: 100, offset: 0 }, { sort: 'rule', order: 'asc' })).map((r) => r.rule_id);
    expect(rules).toEqual([...rules].sort());
    // Repository then path: alpha-api's p/0.js, p/1.js, then billing_web.
    const places = (await findingRows(db, orgId, {}, { limit: 100, offset: 0 }, { sort: 'location', order: 'asc' })).map((r) => `${r.repo_name}/${(r.location as { path: string }).path}`);
    expect(places).toEqual([...places].sort());
    expect(places[7]).toBe('billing_web/src/g0.js');
    expect((await by({ sort: 'location', order: 'desc' }))[0]).toBe('g0');
    // Newest scan first: billing_web's finding was seen last.
    expect((await by({ sort: 'lastSeen', order: 'desc' }))[0]).toBe('g0');
    expect((await by({ sort: 'firstSeen', order: 'asc' })).at(-1)).toBe('g0');
  });

  test('grouped lists (one row per alert) sort and page the same way', async () => {
    const { db, orgId, scan } = await organization();
    await scan('ra', ['critical', 'low', 'medium', 'high', 'info'].map((severity, i) => finding(`s${i}`, { severity: severity as Finding['severity'], ruleId: `R-${i}` })));
    const order: FindingOrder = { sort: 'severity', order: 'asc' };
    const first = await listFindingGroups(db, orgId, {}, { limit: 2, offset: 0 }, order);
    const rest = await listFindingGroups(db, orgId, {}, { limit: 10, offset: 2 }, order);
    expect(first.total).toBe(5);
    expect([...first.groups, ...rest.groups].map((g) => g.representative.severity)).toEqual(['info', 'low', 'medium', 'high', 'critical']);
    const byRule = await listFindingGroups(db, orgId, { search: 'r-3' }, { limit: 10, offset: 0 }, { sort: 'rule', order: 'desc' });
    expect(byRule.groups.map((g) => g.representative.rule_id)).toEqual(['R-3']);
  });
});
