// The discovery queue on PGlite and (with TEST_DATABASE_URL) PostgreSQL: one pending and one running
// discovery per organization, leases that lapse and are reaped, shutdowns that give a claim back.
import { sql } from 'kysely';
import { databaseKinds } from '../../test/support/databases';
import type { Store } from './db';
import { claimDiscovery, reapDiscoveries, releaseDiscovery, requestDiscovery, type DiscoveryClaim } from './discovery-queue';
import { renewLeases } from './lease';
import { connectTestOrg, useTestStore } from './testdata/test-store';

const who = { workerId: 'test/1/abcd0123', leaseSeconds: 60 };

describe.each(databaseKinds)('discovery queue on %s', (kind) => {
  const openStoreOf = useTestStore(kind);
  let store: Store;
  let n = 0;
  beforeAll(() => {
    store = openStoreOf();
  });
  const org = async () => (await connectTestOrg(store, `d${kind}${++n}`)).org_id;
  /** Claims and releases whatever earlier tests left, so that each test starts from an empty queue. */
  beforeEach(async () => {
    await reapDiscoveries(store.db, { all: true });
    for (let c = await claimDiscovery(store.db, who); c; c = await claimDiscovery(store.db, who)) await releaseDiscovery(store.db, c);
  });
  const rowOf = (orgId: string) => store.db.selectFrom('discovery_requests').selectAll().where('org_id', '=', orgId).executeTakeFirstOrThrow();
  const lapse = (claim: DiscoveryClaim) => sql`UPDATE discovery_requests SET lease_until = now() - interval '1 second' WHERE claim_token = ${claim.token}`.execute(store.db);

  test('requests coalesce; one discovery of an organization runs at a time, the next one waits for it', async () => {
    const a = await org();
    const b = await org();
    expect(await requestDiscovery(store.db, a, 'manual')).toBe(true);
    expect(await requestDiscovery(store.db, a, 'schedule')).toBe(false);
    await requestDiscovery(store.db, b, 'schedule');
    const first = await claimDiscovery(store.db, who);
    expect(first).toMatchObject({ orgId: a, trigger: 'manual' });

    expect(await requestDiscovery(store.db, a, 'push')).toBe(true); // waits behind the running one
    const second = await claimDiscovery(store.db, who);
    expect(second).toMatchObject({ orgId: b, trigger: 'schedule' });
    expect(await claimDiscovery(store.db, who)).toBeNull();

    expect(await releaseDiscovery(store.db, first!)).toBe(true);
    expect(await claimDiscovery(store.db, who)).toMatchObject({ orgId: a, trigger: 'push' });
  });

  test('a lapsed lease is reaped and the discovery queued again, in its place and with its trigger', async () => {
    const a = await org();
    await requestDiscovery(store.db, a, 'manual');
    const claim = (await claimDiscovery(store.db, who))!;
    expect(await renewLeases(store.db, 'discovery_requests', [claim.token], 60)).toEqual(new Set([claim.token]));
    // A lease is renewed in its own table only.
    expect(await renewLeases(store.db, 'scan_requests', [claim.token], 60)).toEqual(new Set());
    expect(await reapDiscoveries(store.db)).toEqual([]);

    await lapse(claim);
    expect(await reapDiscoveries(store.db)).toEqual([a]);
    const row = await rowOf(a);
    expect(row).toMatchObject({ claim_token: null, pending_trigger: 'manual' });
    expect(new Date(row.pending_since!).getTime()).toBe(new Date(row.claimed_at!).getTime());
    expect(await renewLeases(store.db, 'discovery_requests', [claim.token], 60)).toEqual(new Set());
    expect(await releaseDiscovery(store.db, claim)).toBe(false);
    expect(await claimDiscovery(store.db, who)).toMatchObject({ orgId: a, trigger: 'manual' });
  });

  test('a claim given back (shutdown) is queued again; a waiting request keeps its own trigger', async () => {
    const a = await org();
    await requestDiscovery(store.db, a, 'schedule');
    const claim = (await claimDiscovery(store.db, who))!;
    expect(await releaseDiscovery(store.db, claim, { requeue: true })).toBe(true);
    const again = (await claimDiscovery(store.db, who))!;
    expect(again).toMatchObject({ orgId: a, trigger: 'schedule' });
    await requestDiscovery(store.db, a, 'manual');
    await releaseDiscovery(store.db, again, { requeue: true });
    expect(await claimDiscovery(store.db, who)).toMatchObject({ orgId: a, trigger: 'manual' });
  });

  test('every claim is reaped at once when asked (PGlite start-up)', async () => {
    const a = await org();
    await requestDiscovery(store.db, a, 'manual');
    await claimDiscovery(store.db, who);
    expect(await reapDiscoveries(store.db, { all: true })).toEqual([a]);
    expect(await claimDiscovery(store.db, who)).toMatchObject({ orgId: a });
  });
});
