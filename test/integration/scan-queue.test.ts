// Issue 10, item 1, through the real service: a repository whose scan is still running, with a rescan
// waiting behind it as the oldest request of the queue, holds up no scan of another repository or
// organization; and an organization never runs more scans at once than its cap. The proxy between
// the service and the fake ADO holds the busy repository's download for as long as the test needs.
import { sql } from 'kysely';
import { databaseKinds } from '../support/databases';
import { waitFor } from '../support/wait';
import { startStack, type Stack } from '../support/stack';

describe.each(databaseKinds)('scan queue through the service on %s', (kind) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ database: kind, adoProxy: true, env: { VIGIL_SCAN_CONCURRENCY: '4', VIGIL_SCAN_ORG_CONCURRENCY: '2' } });
  }, 120_000);
  afterAll(async () => {
    stack?.proxy?.release();
    await stack?.stop();
  }, 60_000);

  const db = () => stack.service.context.store.db;
  const scansOf = (repoId: string) =>
    db().selectFrom('scans').select(['scan_id', 'state', 'started_at', 'finished_at']).where('repo_id', '=', repoId).orderBy('queued_at').execute();
  const doneScans = async (repoId: string) => (await scansOf(repoId)).filter((s) => s.state === 'done').length;

  test('a busy repository with a rescan waiting behind it holds up no other repository nor organization', async () => {
    const { admin, fabrikamAdmin } = stack.users;
    const { contoso, fabrikam } = stack.fakeAdo.orgs;
    const busy = contoso.repos['web-storefront'];
    const others = ['payments-api', 'platform-infra', 'hostile-samples'].map((name) => contoso.repos[name]);
    stack.proxy!.hold(busy.id);

    expect((await stack.api(admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.full })).status).toBe(201);
    await stack.proxy!.waitForHeld(1);
    await waitFor('the first scans of the other repositories', async () => {
      for (const r of others) if ((await doneScans(r.id)) < 1) return false;
      return true;
    });

    // The oldest request in the queue is now the busy repository's rescan...
    const rescan = await stack.api(admin, 'POST', '/api/v1/scans', { repositoryId: busy.id });
    expect(rescan.body).toMatchObject({ queued: 1 });
    // ...and a second one coalesces into it.
    expect((await stack.api(admin, 'POST', '/api/v1/scans', { repositoryId: busy.id })).body).toMatchObject({ queued: 0 });
    // Behind it: rescans of the other repositories, and another organization's first scan.
    for (const r of others) expect((await stack.api(admin, 'POST', '/api/v1/scans', { repositoryId: r.id })).body).toMatchObject({ queued: 1 });
    const fabrikamUrl = `${stack.proxy!.url}/fabrikam`;
    const connected = await stack.api(fabrikamAdmin, 'POST', '/api/v1/organization/connect', { organizationUrl: fabrikamUrl, pat: stack.fakeAdo.pats.fabrikam }, 'fabrikam');
    expect(connected.status).toBe(201);

    await waitFor('the rescans of the other repositories and the other organization', async () => {
      for (const r of others) if ((await doneScans(r.id)) < 2) return false;
      return (await doneScans(fabrikam.repos['fiber-api'].id)) >= 1;
    });
    // All of that happened while the busy repository's first scan was still in its download.
    expect(stack.proxy!.held.map((h) => h.repoId)).toEqual([busy.id]);
    expect((await scansOf(busy.id)).map((s) => s.state)).toEqual(['running', 'queued']);
    const busyRow = await db().selectFrom('repositories').select(['scan_state']).where('repo_id', '=', busy.id).executeTakeFirstOrThrow();
    expect(busyRow.scan_state).toBe('running');

    // Released: the running scan ends, then the waiting rescan runs.
    stack.proxy!.release();
    await waitFor('both scans of the busy repository', async () => (await doneScans(busy.id)) >= 2);
    expect((await scansOf(busy.id)).map((s) => s.state)).toEqual(['done', 'done']);
    expect(await waitFor('the repository to show done', async () => {
      const r = await db().selectFrom('repositories').select('scan_state').where('repo_id', '=', busy.id).executeTakeFirstOrThrow();
      return r.scan_state === 'done' && r.scan_state;
    })).toBe('done');
  });

  test('an organization runs at most its cap of scans at once, while another organization is served', async () => {
    const { admin, fabrikamAdmin } = stack.users;
    const { contoso, fabrikam } = stack.fakeAdo.orgs;
    const repos = ['web-storefront', 'payments-api', 'orders-service', 'inventory-service', 'billing-dotnet', 'platform-infra', 'hostile-samples'].map((name) => contoso.repos[name].id);
    const since = new Date();
    stack.proxy!.hold('*');
    expect((await stack.api(admin, 'POST', '/api/v1/scans', {})).body).toMatchObject({ queued: repos.length });
    expect((await stack.api(fabrikamAdmin, 'POST', '/api/v1/scans', {}, 'fabrikam')).body).toMatchObject({ queued: 1 });
    // Four slots: two for contoso (its cap), one for fabrikam, one idle although contoso has more waiting.
    const held = await stack.proxy!.waitForHeld(3);
    expect(held.filter((h) => repos.includes(h.repoId))).toHaveLength(2);
    expect(held.filter((h) => h.repoId === fabrikam.repos['fiber-api'].id)).toHaveLength(1);
    stack.proxy!.release();
    await waitFor('every scan of this test', async () => {
      const rows = await db().selectFrom('scans').select('state').where('queued_at', '>=', since).execute();
      return rows.length === repos.length + 1 && rows.every((r) => r.state === 'done');
    });

    // Never more than two contoso scans overlapped, and two did.
    const intervals = await sql<{ started_at: Date; finished_at: Date }>`
      SELECT started_at, finished_at FROM scans WHERE queued_at >= ${since} AND repo_id IN (${sql.join(repos)})`.execute(db());
    const overlap = (t: number) => intervals.rows.filter((s) => new Date(s.started_at).getTime() <= t && t < new Date(s.finished_at).getTime()).length;
    const peak = Math.max(...intervals.rows.map((s) => overlap(new Date(s.started_at).getTime())));
    expect(peak).toBe(2);
  });
});
