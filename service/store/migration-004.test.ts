// Migration 004 on a database the pg-boss scan queue left behind (built with 001-003): the newest
// queued scan of a repository becomes its pending request, older queued ones are superseded, and a
// scan left running is recorded as interrupted with its repository queued again.
import { sql } from 'kysely';
import { databaseKinds, makeTestDatabase, type TestDatabase } from '../../test/support/databases';
import { migrate, openStore, type Store } from './db';
import { migrations } from './migrations';
import { claimNextScan } from './scan-queue';

const ORG = '11111111-1111-4111-8111-111111111111';
const scan = (n: number) => `22222222-2222-4222-8222-22222222222${n}`;

describe.each(databaseKinds)('migration 004 on %s', (kind) => {
  let tdb: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    tdb = await makeTestDatabase(kind);
    store = await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir, migrations: migrations.slice(0, 3) });
    const db = store.db;
    await sql`INSERT INTO organizations (org_id, name, url, instance_id, connected_by, secret_salt)
      VALUES (${ORG}, 'contoso', 'https://dev.azure.com/contoso', 'inst-1', 'u1', 'salt')`.execute(db);
    for (const r of ['r1', 'r2', 'r3', 'r4']) {
      await sql`INSERT INTO repositories (org_id, repo_id, project_id, project_name, name, scan_state)
        VALUES (${ORG}, ${r}, 'p1', 'Storefront', ${r}, 'queued')`.execute(db);
    }
    const rows: [number, string, string, string, string][] = [
      [1, 'r1', 'queued', 'discovery', '2025-01-01T00:00:00Z'],
      [2, 'r1', 'queued', 'manual', '2025-01-01T00:05:00Z'],
      [3, 'r2', 'running', 'push', '2025-01-01T00:01:00Z'],
      [4, 'r3', 'running', 'discovery', '2025-01-01T00:02:00Z'],
      [5, 'r3', 'queued', 'manual', '2025-01-01T00:03:00Z'],
      [6, 'r4', 'done', 'discovery', '2025-01-01T00:00:00Z'],
    ];
    for (const [n, repo, state, trigger, at] of rows) {
      await sql`INSERT INTO scans (org_id, scan_id, repo_id, state, trigger, queued_at) VALUES (${ORG}, ${scan(n)}, ${repo}, ${state}, ${trigger}, ${at})`.execute(db);
    }
    await sql`UPDATE repositories SET scan_state = 'done', last_scan_id = ${scan(6)} WHERE repo_id = 'r4'`.execute(db);
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.cleanup();
  });

  test('carries the old queue over', async () => {
    expect(await migrate(store, migrations.slice(0, 4))).toEqual(['004_scan_queue']);
    const db = store.db;
    const scans = Object.fromEntries((await db.selectFrom('scans').selectAll().execute()).map((s) => [s.scan_id, s]));
    const requests = Object.fromEntries((await db.selectFrom('scan_requests').selectAll().execute()).map((r) => [r.repo_id, r]));
    const repos = Object.fromEntries((await db.selectFrom('repositories').select(['repo_id', 'scan_state', 'last_scan_id']).execute()).map((r) => [r.repo_id, r]));

    // r1: the newest queued scan is pending; the older one is superseded.
    expect(requests.r1).toMatchObject({ pending_scan_id: scan(2), running_scan_id: null });
    expect(scans[scan(1)]).toMatchObject({ state: 'failed', error: 'Superseded by a newer request to scan the same repository' });
    expect(repos.r1).toEqual({ repo_id: 'r1', scan_state: 'queued', last_scan_id: scan(2) });

    // r2: running -> interrupted, and a new queued scan with the same trigger.
    expect(scans[scan(3)]).toMatchObject({ state: 'interrupted', error: 'Interrupted: Vigil was upgraded while the scan ran; queued again' });
    const r2pending = requests.r2.pending_scan_id!;
    expect(scans[r2pending]).toMatchObject({ repo_id: 'r2', state: 'queued', trigger: 'push' });
    expect(repos.r2).toEqual({ repo_id: 'r2', scan_state: 'queued', last_scan_id: r2pending });

    // r3: running -> interrupted; its queued scan is the pending request.
    expect(scans[scan(4)].state).toBe('interrupted');
    expect(requests.r3).toMatchObject({ pending_scan_id: scan(5), running_scan_id: null });

    // r4: nothing to carry.
    expect(requests.r4).toBeUndefined();
    expect(repos.r4).toEqual({ repo_id: 'r4', scan_state: 'done', last_scan_id: scan(6) });
    expect(Object.values(scans).filter((s) => s.state === 'running')).toEqual([]);

    // The carried requests are claimable, oldest first (by today's code, on today's schema).
    await migrate(store, migrations);
    const first = await claimNextScan(db, { workerId: 'test', leaseSeconds: 30, maxPerOrg: 10 });
    expect(first).toMatchObject({ repoId: 'r2', trigger: 'push' });
  });
});
