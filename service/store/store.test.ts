import { randomBytes } from 'node:crypto';
import { databaseKinds, makeTestDatabase, type TestDatabase } from '../../test/support/databases';
import type { Finding } from '../engine/types';
import { openStore, type Store } from './db';
import { reconcileFindings, listFindings } from './findings';
import { connectOrganization, getCredential } from './organizations';
import { listRepositories, syncRepositories } from './repositories';
import { createScan } from './scans';

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
});
