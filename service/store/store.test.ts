import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { databaseKinds } from '../../test/support/databases';
import type { Finding } from '../contract/model';
import type { ScanTrigger } from '../contract/vocabulary';
import { migrate, type Store } from './db';
import { getFinding, listFindingGroups, listFindings } from './finding-queries';
import { dismissFindingGroup, expireDismissals, reconcileFindings, reopenFindingGroup } from './findings';
import { migrations } from './migrations';
import { getCredential } from './organizations';
import { countRepositories, listRepositories, syncRepositories, type DiscoveredRepository } from './repositories';
import { requestScan } from './scan-queue';
import { getScans } from './scans';
import { connectTestOrg, TEST_KEY, useTestStore } from './testdata/test-store';


const finding = (fp: string, line: number, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'SEC-TEST',
  title: 'Test secret',
  severity: 'critical',
  category: 'secret',
  confidence: 'high',
  message: 'A test secret',
  location: { kind: 'file', path: 'src/app.js', line },
  fingerprint: fp,
  remediation: 'Rotate it',
  details: { secret: { preview: 'ab…yz', hash: `hash-${fp}` } },
  ...extra,
});

const repo = (id: string, projectId = 'p1', extra: Partial<DiscoveredRepository> = {}): DiscoveredRepository => ({
  id,
  name: `repo-${id}`,
  projectId,
  projectName: `Project ${projectId}`,
  defaultBranch: 'refs/heads/main',
  isDisabled: false,
  isFork: false,
  skipReason: null,
  ...extra,
});

const page = { limit: 50, offset: 0 };

describe.each(databaseKinds)('store on %s', (kind) => {
  const openStoreOf = useTestStore(kind);
  let store: Store;
  beforeAll(() => {
    store = openStoreOf();
  });

  async function org(name: string) {
    return connectTestOrg(store, name);
  }

  async function scanned(orgId: string, repoId: string, findings: Finding[], commit = 'c1') {
    const { scanId } = await requestScan(store.db, orgId, repoId, 'manual');
    return reconcileFindings(store.db, orgId, repoId, scanId, commit, findings);
  }

  const statesOf = async (orgId: string) =>
    Object.fromEntries((await store.db.selectFrom('findings').select(['fingerprint', 'state']).where('org_id', '=', orgId).execute()).map((s) => [s.fingerprint, s.state]));

  test('a credential is stored sealed and reads back only with the right key', async () => {
    const o = await org('alpha');
    await expect(getCredential(store.db, TEST_KEY, o.org_id)).resolves.toEqual({ kind: 'pat', token: 'pat-alpha' });
    await expect(getCredential(store.db, randomBytes(32), o.org_id)).rejects.toThrow(/different VIGIL_ENCRYPTION_KEY/);
    const raw = await store.db.selectFrom('credentials').selectAll().where('org_id', '=', o.org_id).executeTakeFirstOrThrow();
    expect(Buffer.from(raw.ciphertext).toString('utf8')).not.toContain('pat-alpha');
  });

  test('a second run of migrations applies nothing: every migration is recorded once, in order', async () => {
    const recorded = () => sql<{ id: string; applied_at: Date }>`SELECT id, applied_at FROM schema_migrations ORDER BY applied_at, id`.execute(store.db);
    const before = (await recorded()).rows;
    expect(before.map((r) => r.id)).toEqual(migrations.map((m) => m.id));

    // What every later start runs (openStore migrates first).
    expect(await migrate(store)).toEqual([]);
    expect((await recorded()).rows).toEqual(before);
  });

  test('scans are read by id in one call, only within their organization', async () => {
    const a = await org('scans-a');
    const b = await org('scans-b');
    await syncRepositories(store.db, a.org_id, [repo('r1'), repo('r2')]);
    await syncRepositories(store.db, b.org_id, [repo('r1')]);
    const scanOf = async (orgId: string, repoId: string, trigger: ScanTrigger) => (await requestScan(store.db, orgId, repoId, trigger)).scanId;
    const s1 = await scanOf(a.org_id, 'r1', 'manual');
    const s2 = await scanOf(a.org_id, 'r2', 'push');
    const other = await scanOf(b.org_id, 'r1', 'manual');
    const found = await getScans(store.db, a.org_id, [s1, s2, other, '00000000-0000-4000-8000-000000000000']);
    expect([...found.keys()].sort()).toEqual([s1, s2].sort());
    expect(found.get(s2)).toMatchObject({ repo_id: 'r2', trigger: 'push', state: 'queued' });
    expect((await getScans(store.db, a.org_id, [])).size).toBe(0);
  });

  test('repositories are counted per set of projects in one query; no project, none counted', async () => {
    const o = await org('repo-counts');
    await syncRepositories(store.db, o.org_id, [repo('a1', 'pa'), repo('a2', 'pa'), repo('b1', 'pb'), repo('c1', 'pc'), repo('gone', 'pa')]);
    await syncRepositories(store.db, o.org_id, [repo('a1', 'pa'), repo('a2', 'pa'), repo('b1', 'pb'), repo('c1', 'pc')]);
    expect(await countRepositories(store.db, o.org_id, { projectIds: ['pa', 'pb'] })).toBe(3);
    expect(await countRepositories(store.db, o.org_id, { projectIds: ['pc', 'unknown'] })).toBe(1);
    expect(await countRepositories(store.db, o.org_id, { projectIds: [] })).toBe(0);
    expect(await countRepositories(store.db, o.org_id)).toBe(4);
  });

  test('repositories: discovery input is stored as given, removed ones are not counted', async () => {
    const o = await org('repos');
    await syncRepositories(store.db, o.org_id, [repo('r1'), repo('off', 'p1', { isDisabled: true, skipReason: 'Repository is disabled' }), repo('gone')]);
    await syncRepositories(store.db, o.org_id, [repo('r1'), repo('off', 'p1', { isDisabled: true, skipReason: 'Repository is disabled' })]);
    expect(await countRepositories(store.db, o.org_id)).toBe(2);
    const { rows } = await listRepositories(store.db, o.org_id, page);
    expect(rows.map((r) => [r.repo_id, r.project_name, r.is_disabled, r.skip_reason])).toEqual([
      ['off', 'Project p1', true, 'Repository is disabled'],
      ['r1', 'Project p1', false, null],
    ]);
  });

  test('reconciliation keeps identity, fixes vanished findings and adds new ones; orgs never mix', async () => {
    const a = await org('bravo');
    const b = await org('charlie');
    await syncRepositories(store.db, a.org_id, [repo('r1')]);
    await syncRepositories(store.db, b.org_id, [repo('r1')]);

    expect(await scanned(a.org_id, 'r1', [finding('f1', 3), finding('f2', 9)])).toEqual({ new: 2, fixed: 0, open: 2 });
    const first = await listFindings(store.db, a.org_id, { states: ['open'] }, page);
    const idOfF1 = first.rows.find((r) => r.fingerprint === 'f1')!.finding_id;

    const r2 = await scanned(a.org_id, 'r1', [finding('f1', 5, { message: 'moved' }), finding('f3', 1, { cwe: ['CWE-798'] })], 'c2');
    expect(r2).toEqual({ new: 1, fixed: 1, open: 2 });
    const all = await listFindings(store.db, a.org_id, {}, page);
    const byFp = Object.fromEntries(all.rows.map((r) => [r.fingerprint, r]));
    expect(byFp.f1).toMatchObject({
      finding_id: idOfF1,
      location: { kind: 'file', path: 'src/app.js', line: 5 },
      message: 'moved',
      commit_sha: 'c2',
      project_id: 'p1',
      repo_name: 'repo-r1',
      project_name: 'Project p1',
      details: { secret: { preview: 'ab…yz', hash: 'hash-f1' } },
    });
    expect(byFp.f2).toMatchObject({ state: 'fixed', fixed_at: expect.any(Date) });
    expect(byFp.f3).toMatchObject({ state: 'open', cwe: ['CWE-798'], group_key: byFp.f3.finding_id });

    expect((await listFindings(store.db, b.org_id, {}, page)).total).toBe(0);
    expect(await getFinding(store.db, b.org_id, idOfF1)).toBeUndefined();
    const repos = await listRepositories(store.db, a.org_id, { limit: 10, offset: 0 });
    expect(repos.rows[0].open_counts).toEqual({ critical: 2 });
  });

  test('listing filters by severity, category, confidence, state, repository and project', async () => {
    const o = await org('filters');
    await syncRepositories(store.db, o.org_id, [repo('a', 'p1'), repo('b', 'p2')]);
    await scanned(o.org_id, 'a', [
      finding('crit', 1),
      finding('high-iac', 2, { severity: 'high', category: 'iac', confidence: 'medium', details: undefined }),
      finding('low-sup', 3, { severity: 'low', suppressed: { kind: 'inline', reason: 'fixture' } }),
    ]);
    await scanned(o.org_id, 'b', [finding('b-med', 1, { severity: 'medium', category: 'deps', confidence: 'low' })]);
    const fps = async (filters: Parameters<typeof listFindings>[2]) => (await listFindings(store.db, o.org_id, filters, page)).rows.map((r) => r.fingerprint).sort();
    expect(await fps({ severities: ['critical', 'medium'] })).toEqual(['b-med', 'crit']);
    expect(await fps({ categories: ['iac', 'deps'] })).toEqual(['b-med', 'high-iac']);
    expect(await fps({ confidences: ['high', 'medium'] })).toEqual(['crit', 'high-iac', 'low-sup']);
    expect(await fps({ confidences: ['low'], states: ['open'] })).toEqual(['b-med']);
    expect(await fps({ states: ['suppressed'] })).toEqual(['low-sup']);
    expect(await fps({ repoId: 'a', states: ['open'] })).toEqual(['crit', 'high-iac']);
    expect(await fps({ projectId: 'p2' })).toEqual(['b-med']);
    const paged = await listFindings(store.db, o.org_id, {}, { limit: 2, offset: 2 });
    expect(paged.total).toBe(4);
    expect(paged.rows.map((r) => r.severity)).toEqual(['medium', 'low']);
  });

  test('a repository moved to another project takes its findings along', async () => {
    const o = await org('moved');
    await syncRepositories(store.db, o.org_id, [repo('r', 'old')]);
    await scanned(o.org_id, 'r', [finding('f', 1)]);
    await syncRepositories(store.db, o.org_id, [repo('r', 'new')]);
    expect((await listFindings(store.db, o.org_id, { projectId: 'old' }, page)).total).toBe(0);
    expect((await listFindings(store.db, o.org_id, { projectId: 'new' }, page)).rows.map((r) => r.fingerprint)).toEqual(['f']);
  });

  test('a finding of the organization (no repository) is listed, and its fingerprint is unique in the organization', async () => {
    const o = await org('posture');
    const row = (findingId: string) => ({
      org_id: o.org_id,
      finding_id: findingId,
      repo_id: null,
      project_id: 'p9',
      fingerprint: 'posture-fp',
      group_key: findingId,
      rule_id: 'ADO-PRJ-TEST',
      category: 'posture',
      severity: 'high',
      severity_rank: 1,
      confidence: 'high',
      title: 'A project setting',
      message: 'Too open',
      location: JSON.stringify({ kind: 'ado-object', objectKind: 'project', id: 'p9', name: 'Nine' }),
      remediation: 'Close it',
      state: 'open',
      first_seen_scan: '00000000-0000-4000-8000-000000000001',
      last_seen_scan: '00000000-0000-4000-8000-000000000001',
    });
    await store.db.insertInto('findings').values(row('00000000-0000-4000-8000-0000000000a1')).execute();
    await expect(store.db.insertInto('findings').values(row('00000000-0000-4000-8000-0000000000a2')).execute()).rejects.toThrow(/duplicate key|unique/i);
    const listed = await listFindings(store.db, o.org_id, { projectId: 'p9', categories: ['posture'] }, page);
    expect(listed.rows).toEqual([
      expect.objectContaining({ repo_id: null, repo_name: null, project_name: null, location: { kind: 'ado-object', objectKind: 'project', id: 'p9', name: 'Nine' }, details: {} }),
    ]);
  });

  test('many findings reconcile in batches', async () => {
    const o = await org('delta');
    await syncRepositories(store.db, o.org_id, [repo('big')]);
    const many = Array.from({ length: 2500 }, (_, i) => finding(`fp${i}`, i + 1));
    expect(await scanned(o.org_id, 'big', many)).toEqual({ new: 2500, fixed: 0, open: 2500 });
    const half = many.slice(0, 1250).map((f) => ({ ...f, location: { kind: 'file' as const, path: 'src/app.js', line: (f.location as { line: number }).line + 1 } }));
    expect(await scanned(o.org_id, 'big', half, 'c2')).toEqual({ new: 0, fixed: 1250, open: 1250 });
    const moved = await store.db.selectFrom('findings').select('location').where('org_id', '=', o.org_id).where('fingerprint', '=', 'fp1249').executeTakeFirstOrThrow();
    expect(moved.location).toEqual({ kind: 'file', path: 'src/app.js', line: 1251 });
  });

  test('one credential is one alert across repositories; a dismissal covers every location and survives rescans', async () => {
    const o = await org('echo');
    await syncRepositories(store.db, o.org_id, [repo('a'), repo('b')]);
    const secret = (fp: string, path: string) =>
      finding(fp, 1, { groupKey: 'secret:h1', details: { secret: { preview: 'xo…zz', hash: 'h1' } }, location: { kind: 'file', path, line: 1 } });
    await scanned(o.org_id, 'a', [secret('fa1', 'x.env'), secret('fa2', 'y.env'), finding('other', 4)]);
    await scanned(o.org_id, 'b', [secret('fb1', 'z.env')]);

    const grouped = await listFindingGroups(store.db, o.org_id, { states: ['open'] }, { limit: 10, offset: 0 });
    expect(grouped.total).toBe(2);
    const alert = grouped.groups.find((g) => g.representative.group_key === 'secret:h1')!;
    expect(alert.locations.map((l) => `${l.repo_name}/${(l.location as { path: string }).path}`).sort()).toEqual(['repo-a/x.env', 'repo-a/y.env', 'repo-b/z.env']);

    const changed = await dismissFindingGroup(store.db, o.org_id, alert.representative.finding_id, { reason: 'used-in-tests', by: 'u1', at: new Date().toISOString() });
    expect(changed).toBe(3);
    // A rescan keeps the dismissal; a new location of the same credential is born dismissed.
    await scanned(o.org_id, 'a', [secret('fa1', 'x.env'), secret('fa3', 'w.env'), finding('other', 4)], 'c2');
    expect(await statesOf(o.org_id)).toEqual({ fa1: 'dismissed', fa2: 'fixed', fa3: 'dismissed', fb1: 'dismissed', other: 'open' });
    const born = await store.db.selectFrom('findings').select('dismissal').where('org_id', '=', o.org_id).where('fingerprint', '=', 'fa3').executeTakeFirstOrThrow();
    expect(born.dismissal).toMatchObject({ reason: 'used-in-tests', by: 'u1' });

    expect(await reopenFindingGroup(store.db, o.org_id, alert.representative.finding_id)).toBe(4);
    const reopened = await store.db.selectFrom('findings').select(['fingerprint', 'state', 'dismissal']).where('org_id', '=', o.org_id).where('group_key', '=', 'secret:h1').execute();
    expect(Object.fromEntries(reopened.map((s) => [s.fingerprint, [s.state, s.dismissal]]))).toEqual({
      fa1: ['open', null],
      fa2: ['fixed', null],
      fa3: ['open', null],
      fb1: ['open', null],
    });
    // Another organization cannot touch this alert through a finding id.
    const other = await org('echo-other');
    expect(await dismissFindingGroup(store.db, other.org_id, alert.representative.finding_id, { reason: 'revoked', by: 'x', at: new Date().toISOString() })).toBe(0);
    expect(await statesOf(o.org_id)).toMatchObject({ fa1: 'open', fb1: 'open' });
  });

  test('an expired dismissal reopens the alert and says so; a suppressed one goes back to suppressed', async () => {
    const o = await org('foxtrot');
    await syncRepositories(store.db, o.org_id, [repo('r')]);
    await scanned(o.org_id, 'r', [finding('e1', 1), finding('e2', 2, { suppressed: { kind: 'file', reason: 'baseline' } })]);
    const { rows } = await listFindings(store.db, o.org_id, {}, page);
    for (const row of rows) {
      await dismissFindingGroup(store.db, o.org_id, row.finding_id, { reason: 'accepted-risk', expires: '2020-01-31', by: 'u1', at: '2020-01-01T00:00:00Z' });
    }
    expect(await statesOf(o.org_id)).toEqual({ e1: 'dismissed', e2: 'dismissed' });
    expect(await expireDismissals(store.db, o.org_id, '2020-01-31')).toBe(0);
    expect(await expireDismissals(store.db, o.org_id)).toBe(2);
    expect(await statesOf(o.org_id)).toEqual({ e1: 'open', e2: 'suppressed' });
    const after = (await listFindings(store.db, o.org_id, {}, page)).rows.find((r) => r.fingerprint === 'e1')!;
    expect(after.dismissal).toMatchObject({ reason: 'accepted-risk', expired: true });
    expect(await expireDismissals(store.db, o.org_id)).toBe(0);
  });
});
