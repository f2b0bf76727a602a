import { databaseKinds } from '../../test/support/databases';
import type { Finding, Location } from '../contract/model';
import type { Store } from './db';
import { reconcileFindings } from './findings';
import { syncRepositories } from './repositories';
import { listResults, replaceResults, summarizeRules, type ResultInput } from './results';
import { requestScan } from './scan-queue';
import { connectTestOrg, useTestStore } from './testdata/test-store';

const file = (path: string): Location => ({ kind: 'resource', path, line: 3, address: 'azurerm_storage_account.logs', attribute: 'min_tls_version' });
const project: Location = { kind: 'ado-object', objectKind: 'project', id: 'p1', name: 'Storefront' };

const pass = (ruleId: string, subjectKey: string, extra: Partial<ResultInput> = {}): ResultInput => ({
  ruleId,
  category: 'iac',
  outcome: 'pass',
  location: file(`${subjectKey}.tf`),
  subjectKey,
  ...extra,
});
const notAvailable = (ruleId: string, subjectKey: string): ResultInput =>
  pass(ruleId, subjectKey, { outcome: 'not-available', reason: { code: 'parse-error', text: 'main.tf: unexpected }' } });

const failing = (ruleId: string, fingerprint: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId,
  title: 'TLS too old',
  severity: 'high',
  category: 'iac',
  confidence: 'high',
  message: 'min_tls_version is 1.0',
  location: file('main.tf'),
  fingerprint,
  remediation: 'Use TLS 1.2',
  ...extra,
});

const page = { limit: 50, offset: 0 };

describe.each(databaseKinds)('results on %s', (kind) => {
  const openStoreOf = useTestStore(kind);
  let store: Store;
  beforeAll(() => {
    store = openStoreOf();
  });

  async function org(name: string) {
    const o = await connectTestOrg(store, name);
    const repo = (id: string, projectId: string) => ({ id, name: id, projectId, projectName: projectId, defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null });
    await syncRepositories(store.db, o.org_id, [repo('a', 'p1'), repo('b', 'p2')]);
    return o.org_id;
  }

  const keysOf = async (orgId: string, filters: Parameters<typeof listResults>[2] = {}) =>
    (await listResults(store.db, orgId, filters, page)).rows.map((r) => `${r.repo_id ?? '-'}/${r.rule_id}/${r.subject_key}:${r.outcome}`);

  test('a run replaces its scope only: current results are upserted with their ids kept, the others deleted', async () => {
    const orgId = await org('replace');
    expect(await replaceResults(store.db, orgId, { source: 'scan', repoId: 'a', projectId: 'p1' }, 'scan-1', [pass('IAC-1', 's1'), pass('IAC-1', 's2'), notAvailable('IAC-2', 's1')])).toEqual({
      stored: 3,
      removed: 0,
    });
    await replaceResults(store.db, orgId, { source: 'scan', repoId: 'b', projectId: 'p2' }, 'scan-2', [pass('IAC-1', 's1')]);
    const firstIds = Object.fromEntries((await listResults(store.db, orgId, { repoId: 'a' }, page)).rows.map((r) => [r.subject_key + r.rule_id, r.result_id]));

    const run3 = await replaceResults(store.db, orgId, { source: 'scan', repoId: 'a', projectId: 'p1' }, 'scan-3', [
      pass('IAC-1', 's1', { outcome: 'not-applicable', evidence: [{ label: 'Resource kind', value: 'azurerm_storage_account' }] }),
      pass('IAC-3', 's9'),
    ]);
    expect(run3).toEqual({ stored: 2, removed: 2 });
    expect(await keysOf(orgId)).toEqual(['a/IAC-1/s1:not-applicable', 'b/IAC-1/s1:pass', 'a/IAC-3/s9:pass']);

    const [kept] = (await listResults(store.db, orgId, { repoId: 'a', ruleIds: ['IAC-1'] }, page)).rows;
    expect(kept).toMatchObject({
      result_id: firstIds['s1IAC-1'],
      run_id: 'scan-3',
      source: 'scan',
      project_id: 'p1',
      category: 'iac',
      location: file('s1.tf'),
      evidence: [{ label: 'Resource kind', value: 'azurerm_storage_account' }],
      reason_code: null,
    });
  });

  test('results of no repository (posture) are replaced by source, and a subject reported twice is stored once', async () => {
    const orgId = await org('posture');
    const control = (subjectKey: string, outcome: ResultInput['outcome'] = 'pass'): ResultInput => ({
      ruleId: 'ADO-PRJ-1',
      category: 'posture',
      outcome,
      location: project,
      subjectKey,
      ...(outcome === 'not-available' ? { reason: { code: 'missing-scope' as const, text: 'The PAT lacks vso.security' } } : {}),
    });
    await replaceResults(store.db, orgId, { source: 'posture' }, 'run-1', [control('p1'), control('p2'), control('p1', 'not-available'), { ...control('p3'), projectId: 'p3' }]);
    expect(await keysOf(orgId)).toEqual(['-/ADO-PRJ-1/p1:pass', '-/ADO-PRJ-1/p2:pass', '-/ADO-PRJ-1/p3:pass']);
    await replaceResults(store.db, orgId, { source: 'posture' }, 'run-2', [control('p2', 'not-available')]);
    const rows = (await listResults(store.db, orgId, { sources: ['posture'] }, page)).rows;
    expect(rows.map((r) => [r.subject_key, r.outcome, r.reason_code, r.reason_text])).toEqual([['p2', 'not-available', 'missing-scope', 'The PAT lacks vso.security']]);
    // Scan results of the same organization are another scope.
    await replaceResults(store.db, orgId, { source: 'scan', repoId: 'a' }, 'scan-1', [pass('IAC-1', 's1')]);
    await replaceResults(store.db, orgId, { source: 'posture' }, 'run-3', []);
    expect(await keysOf(orgId)).toEqual(['a/IAC-1/s1:pass']);
  });

  test('a result outside the scope it is stored for is refused', async () => {
    const orgId = await org('outside');
    await expect(replaceResults(store.db, orgId, { source: 'scan', repoId: 'a' }, 'scan-1', [pass('IAC-1', 's1', { repoId: 'b' })])).rejects.toThrow(/outside the scope/);
    expect(await keysOf(orgId)).toEqual([]);
  });

  test('listing filters and pages', async () => {
    const orgId = await org('listing');
    await replaceResults(
      store.db,
      orgId,
      { source: 'scan', repoId: 'a', projectId: 'p1' },
      'scan-1',
      Array.from({ length: 5 }, (_, i) => (i % 2 ? notAvailable('IAC-1', `s${i}`) : pass('IAC-2', `s${i}`))),
    );
    await replaceResults(store.db, orgId, { source: 'scan', repoId: 'b', projectId: 'p2' }, 'scan-2', [pass('CODE-1', 'x', { category: 'code' })]);
    expect(await keysOf(orgId, { outcomes: ['not-available'] })).toEqual(['a/IAC-1/s1:not-available', 'a/IAC-1/s3:not-available']);
    expect(await keysOf(orgId, { categories: ['code'] })).toEqual(['b/CODE-1/x:pass']);
    expect(await keysOf(orgId, { projectId: 'p2' })).toEqual(['b/CODE-1/x:pass']);
    expect(await keysOf(orgId, { repoId: 'a', ruleIds: ['IAC-2'] })).toEqual(['a/IAC-2/s0:pass', 'a/IAC-2/s2:pass', 'a/IAC-2/s4:pass']);
    const second = await listResults(store.db, orgId, {}, { limit: 2, offset: 2 });
    expect(second.total).toBe(6);
    expect(second.rows.map((r) => `${r.rule_id}/${r.subject_key}`)).toEqual(['IAC-1/s3', 'IAC-2/s0']);
  });

  test('the summary per rule counts results, and open findings of the rule in the same scope as fails', async () => {
    const orgId = await org('summary');
    await replaceResults(store.db, orgId, { source: 'scan', repoId: 'a', projectId: 'p1' }, 'scan-1', [
      pass('IAC-1', 's1'),
      pass('IAC-1', 's2'),
      notAvailable('IAC-1', 's3'),
      pass('IAC-2', 's1', { outcome: 'not-applicable' }),
    ]);
    await replaceResults(store.db, orgId, { source: 'scan', repoId: 'b', projectId: 'p2' }, 'scan-2', [pass('IAC-1', 's1')]);
    const { scanId: scanA } = await requestScan(store.db, orgId, 'a', 'manual');
    await reconcileFindings(store.db, orgId, 'a', scanA, 'c1', [
      failing('IAC-1', 'f1'),
      failing('IAC-1', 'f2', { suppressed: { kind: 'inline', reason: 'fixture' } }),
      failing('IAC-3', 'f3'),
    ]);
    await replaceResults(store.db, orgId, { source: 'posture' }, 'run-1', [{ ruleId: 'ADO-ORG-1', category: 'posture', outcome: 'pass', location: project, subjectKey: 'org' }]);

    expect(await summarizeRules(store.db, orgId, { source: 'scan', repoId: 'a' })).toEqual([
      { ruleId: 'IAC-1', category: 'iac', pass: 2, fail: 1, notApplicable: 0, notAvailable: 1 },
      { ruleId: 'IAC-2', category: 'iac', pass: 0, fail: 0, notApplicable: 1, notAvailable: 0 },
      { ruleId: 'IAC-3', category: 'iac', pass: 0, fail: 1, notApplicable: 0, notAvailable: 0 },
    ]);
    expect(await summarizeRules(store.db, orgId, { source: 'scan', projectId: 'p2' })).toEqual([
      { ruleId: 'IAC-1', category: 'iac', pass: 1, fail: 0, notApplicable: 0, notAvailable: 0 },
    ]);
    expect(await summarizeRules(store.db, orgId, { source: 'posture' })).toEqual([
      { ruleId: 'ADO-ORG-1', category: 'posture', pass: 1, fail: 0, notApplicable: 0, notAvailable: 0 },
    ]);
    expect((await summarizeRules(store.db, orgId, {})).map((s) => [s.ruleId, s.pass, s.fail])).toEqual([
      ['ADO-ORG-1', 1, 0],
      ['IAC-1', 3, 1],
      ['IAC-2', 0, 0],
      ['IAC-3', 0, 1],
    ]);
    expect(await summarizeRules(store.db, orgId, { source: 'posture', categories: ['iac'] })).toEqual([]);
  });

  test('organization A never reads organization B', async () => {
    const a = await org('iso-a');
    const b = await org('iso-b');
    await replaceResults(store.db, a, { source: 'scan', repoId: 'a' }, 'scan-a', [pass('IAC-1', 's1')]);
    await replaceResults(store.db, b, { source: 'scan', repoId: 'a' }, 'scan-b', [pass('IAC-1', 's1'), pass('IAC-1', 's2')]);
    const { scanId: scanB } = await requestScan(store.db, b, 'a', 'manual');
    await reconcileFindings(store.db, b, 'a', scanB, 'c1', [failing('IAC-1', 'f1')]);
    // B's run replaced B's scope only.
    expect(await keysOf(a)).toEqual(['a/IAC-1/s1:pass']);
    expect((await listResults(store.db, a, {}, page)).rows.every((r) => r.org_id === a)).toBe(true);
    expect(await summarizeRules(store.db, a, {})).toEqual([{ ruleId: 'IAC-1', category: 'iac', pass: 1, fail: 0, notApplicable: 0, notAvailable: 0 }]);
    expect(await summarizeRules(store.db, b, {})).toEqual([{ ruleId: 'IAC-1', category: 'iac', pass: 2, fail: 1, notApplicable: 0, notAvailable: 0 }]);
  });
});
