import { randomBytes } from 'node:crypto';
import { databaseKinds, makeTestDatabase, type TestDatabase } from '../../test/support/databases';
import type { Finding } from '../engine/types';
import { openStore, type Store } from './db';
import { dismissFindingGroup, expireDismissals, listFindingGroups, listFindings, reconcileFindings, reopenFindingGroup } from './findings';
import { connectOrganization, getCredential } from './organizations';
import { listRepositories, syncRepositories } from './repositories';
import { createScan, getScans } from './scans';

const key = randomBytes(32);

const finding = (fp: string, line: number, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'SEC-TEST',
  title: 'Test secret',
  severity: 'critical',
  category: 'secret',
  confidence: 'high',
  message: 'A test secret',
  location: { path: 'src/app.js', line },
  fingerprint: fp,
  remediation: 'Rotate it',
  preview: 'ab…yz',
  ...extra,
});

describe.each(databaseKinds)('store on %s', (kind) => {
  let tdb: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    tdb = await makeTestDatabase(kind);
    store = await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.cleanup();
  });

  async function org(name: string) {
    return connectOrganization(store.db, key, {
      name,
      url: `https://dev.azure.com/${name}`,
      instanceId: randomBytes(8).toString('hex'),
      connectedBy: 'u1',
      pat: `pat-${name}`,
      patOwnerId: 'u1',
    });
  }

  test('a credential is stored sealed and reads back only with the right key', async () => {
    const o = await org('alpha');
    await expect(getCredential(store.db, key, o.org_id)).resolves.toEqual({ kind: 'pat', token: 'pat-alpha' });
    await expect(getCredential(store.db, randomBytes(32), o.org_id)).rejects.toThrow(/different VIGIL_ENCRYPTION_KEY/);
    const raw = await store.db.selectFrom('credentials').selectAll().where('org_id', '=', o.org_id).executeTakeFirstOrThrow();
    expect(Buffer.from(raw.ciphertext).toString('utf8')).not.toContain('pat-alpha');
  });

  test('a second run of migrations is a no-op', async () => {
    await store.close();
    store = await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
    const rows = await store.db.selectFrom('organizations').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
  });

  test('scans are read by id in one call, only within their organization', async () => {
    const a = await org('scans-a');
    const b = await org('scans-b');
    const repo = (id: string) => ({ id, name: id, project: { id: 'p1', name: 'P' }, defaultBranch: 'refs/heads/main' });
    await syncRepositories(store.db, a.org_id, [repo('r1'), repo('r2')]);
    await syncRepositories(store.db, b.org_id, [repo('r1')]);
    const s1 = await createScan(store.db, a.org_id, 'r1', 'manual');
    const s2 = await createScan(store.db, a.org_id, 'r2', 'push');
    const other = await createScan(store.db, b.org_id, 'r1', 'manual');
    const found = await getScans(store.db, a.org_id, [s1, s2, other, '00000000-0000-4000-8000-000000000000']);
    expect([...found.keys()].sort()).toEqual([s1, s2].sort());
    expect(found.get(s2)).toMatchObject({ repo_id: 'r2', trigger: 'push', state: 'queued' });
    expect((await getScans(store.db, a.org_id, [])).size).toBe(0);
  });

  test('reconciliation keeps identity, fixes vanished findings and adds new ones; orgs never mix', async () => {
    const a = await org('bravo');
    const b = await org('charlie');
    const repo = { id: 'r1', name: 'app', project: { id: 'p1', name: 'P' }, defaultBranch: 'refs/heads/main' };
    await syncRepositories(store.db, a.org_id, [repo]);
    await syncRepositories(store.db, b.org_id, [repo]);

    const s1 = await createScan(store.db, a.org_id, 'r1', 'manual');
    const r1 = await reconcileFindings(store.db, a.org_id, 'r1', s1, 'c1', [finding('f1', 3), finding('f2', 9)]);
    expect(r1).toEqual({ new: 2, fixed: 0, open: 2 });
    const first = await listFindings(store.db, a.org_id, { states: ['open'] }, { limit: 50, offset: 0 });
    const idOfF1 = first.rows.find((r) => r.fingerprint === 'f1')!.finding_id;

    const s2 = await createScan(store.db, a.org_id, 'r1', 'manual');
    const r2 = await reconcileFindings(store.db, a.org_id, 'r1', s2, 'c2', [finding('f1', 5), finding('f3', 1)]);
    expect(r2).toEqual({ new: 1, fixed: 1, open: 2 });
    const all = await listFindings(store.db, a.org_id, {}, { limit: 50, offset: 0 });
    const byFp = Object.fromEntries(all.rows.map((r) => [r.fingerprint, r]));
    expect(byFp.f1.finding_id).toBe(idOfF1);
    expect(byFp.f1.line).toBe(5);
    expect(byFp.f1.last_seen_scan).toBe(s2);
    expect(byFp.f2.state).toBe('fixed');
    expect(byFp.f2.fixed_at).toBeTruthy();
    expect(byFp.f3.state).toBe('open');

    const other = await listFindings(store.db, b.org_id, {}, { limit: 50, offset: 0 });
    expect(other.total).toBe(0);
    const repos = await listRepositories(store.db, a.org_id, { limit: 10, offset: 0 });
    expect(repos.rows[0].open_counts).toEqual({ critical: 2 });
  });

  test('many findings reconcile in batches', async () => {
    const o = await org('delta');
    await syncRepositories(store.db, o.org_id, [{ id: 'big', name: 'big', project: { id: 'p', name: 'P' }, defaultBranch: 'refs/heads/main' }]);
    const many = Array.from({ length: 2500 }, (_, i) => finding(`fp${i}`, i + 1));
    const s1 = await createScan(store.db, o.org_id, 'big', 'manual');
    expect(await reconcileFindings(store.db, o.org_id, 'big', s1, 'c', many)).toEqual({ new: 2500, fixed: 0, open: 2500 });
    const s2 = await createScan(store.db, o.org_id, 'big', 'manual');
    const half = many.slice(0, 1250).map((f) => ({ ...f, location: { ...f.location, line: f.location.line + 1 } }));
    expect(await reconcileFindings(store.db, o.org_id, 'big', s2, 'c2', half)).toEqual({ new: 0, fixed: 1250, open: 1250 });
  });

  test('one credential is one alert across repositories; a dismissal covers every location and survives rescans', async () => {
    const o = await org('echo');
    const repos = ['a', 'b'].map((id) => ({ id, name: `repo-${id}`, project: { id: 'p', name: 'P' }, defaultBranch: 'refs/heads/main' }));
    await syncRepositories(store.db, o.org_id, repos);
    const secret = (fp: string, path: string) => finding(fp, 1, { secretHash: 'h1', location: { path, line: 1 } });
    const sa = await createScan(store.db, o.org_id, 'a', 'manual');
    await reconcileFindings(store.db, o.org_id, 'a', sa, 'c', [secret('fa1', 'x.env'), secret('fa2', 'y.env'), finding('other', 4)]);
    const sb = await createScan(store.db, o.org_id, 'b', 'manual');
    await reconcileFindings(store.db, o.org_id, 'b', sb, 'c', [secret('fb1', 'z.env')]);

    const grouped = await listFindingGroups(store.db, o.org_id, { states: ['open'] }, { limit: 10, offset: 0 });
    expect(grouped.total).toBe(2);
    const alert = grouped.groups.find((g) => g.representative.secret_hash === 'h1')!;
    expect(alert.locations.map((l) => `${l.repo_name}/${l.path}`).sort()).toEqual(['repo-a/x.env', 'repo-a/y.env', 'repo-b/z.env']);

    const changed = await dismissFindingGroup(store.db, o.org_id, alert.representative.finding_id, { reason: 'used-in-tests', by: 'u1', at: new Date().toISOString() });
    expect(changed).toBe(3);
    // A rescan keeps the dismissal; a new location of the same credential is born dismissed.
    const sa2 = await createScan(store.db, o.org_id, 'a', 'manual');
    await reconcileFindings(store.db, o.org_id, 'a', sa2, 'c2', [secret('fa1', 'x.env'), secret('fa3', 'w.env'), finding('other', 4)]);
    const states = await store.db.selectFrom('findings').select(['fingerprint', 'state']).where('org_id', '=', o.org_id).execute();
    expect(Object.fromEntries(states.map((s) => [s.fingerprint, s.state]))).toEqual({ fa1: 'dismissed', fa2: 'fixed', fa3: 'dismissed', fb1: 'dismissed', other: 'open' });

    await reopenFindingGroup(store.db, o.org_id, alert.representative.finding_id);
    const reopened = await store.db.selectFrom('findings').select(['fingerprint', 'state']).where('org_id', '=', o.org_id).where('secret_hash', '=', 'h1').execute();
    expect(Object.fromEntries(reopened.map((s) => [s.fingerprint, s.state]))).toEqual({ fa1: 'open', fa2: 'fixed', fa3: 'open', fb1: 'open' });
  });

  test('an expired dismissal reopens the alert and says so', async () => {
    const o = await org('foxtrot');
    await syncRepositories(store.db, o.org_id, [{ id: 'r', name: 'r', project: { id: 'p', name: 'P' }, defaultBranch: 'refs/heads/main' }]);
    const s1 = await createScan(store.db, o.org_id, 'r', 'manual');
    await reconcileFindings(store.db, o.org_id, 'r', s1, 'c', [finding('e1', 1)]);
    const [row] = (await listFindings(store.db, o.org_id, {}, { limit: 1, offset: 0 })).rows;
    await dismissFindingGroup(store.db, o.org_id, row.finding_id, { reason: 'accepted-risk', expires: '2020-01-31', by: 'u1', at: '2020-01-01T00:00:00Z' });
    expect(await expireDismissals(store.db, o.org_id)).toBe(1);
    const [after] = (await listFindings(store.db, o.org_id, {}, { limit: 1, offset: 0 })).rows;
    expect(after.state).toBe('open');
    expect(after.dismissal).toMatchObject({ reason: 'accepted-risk', expired: true });
  });
});
