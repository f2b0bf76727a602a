// The ADO request budget shared through the database: two processes (two budgets, two stores on
// PostgreSQL) take from one bucket, tokens refill with time, a 429's Retry-After pauses every taker.
import { sql } from 'kysely';
import { databaseKinds, makeTestDatabase, type TestDatabase } from '../../test/support/databases';
import { openStore, type Store } from './db';
import { ensureAdoBudget, pauseAdoRequests, takeAdoRequest } from './ado-budgets';

/** 60 requests a minute (one a second), 3 at once. */
const settings = { requests: 60, windowSeconds: 60, burst: 3 };

describe.each(databaseKinds)('ADO request budgets on %s', (kind) => {
  let tdb: TestDatabase;
  let a: Store;
  let b: Store;
  let n = 0;
  beforeAll(async () => {
    tdb = await makeTestDatabase(kind);
    a = await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
    // A second process on PostgreSQL; PGlite is one process by construction (the same store).
    b = kind === 'postgres' ? await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir }) : a;
  });
  afterAll(async () => {
    if (b !== a) await b?.close();
    await a?.close();
    await tdb?.cleanup();
  });
  const newKey = async () => {
    const key = `identity-${kind}-${++n}`;
    await ensureAdoBudget(a.db, key, settings);
    return key;
  };
  /** Moves the bucket's last refill `seconds` into the past, as if that much time had gone by. */
  const age = (key: string, seconds: number) =>
    sql`UPDATE ado_request_budgets SET refilled_at = refilled_at - make_interval(secs => ${seconds}) WHERE identity_key = ${key}`.execute(a.db);

  test('two processes share one bucket: a full bucket gives its burst, then each must wait for a refill', async () => {
    const key = await newKey();
    await ensureAdoBudget(b.db, key, settings); // the other process finds it there
    const waits = [
      await takeAdoRequest(a.db, key, settings),
      await takeAdoRequest(b.db, key, settings),
      await takeAdoRequest(a.db, key, settings),
      await takeAdoRequest(b.db, key, settings),
    ];
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    // One token a second: the fourth waits for (most of) a second.
    expect(waits[3]).toBeGreaterThan(0);
    expect(waits[3]).toBeLessThanOrEqual(1000);
  });

  test('tokens refill with time, up to the burst', async () => {
    const key = await newKey();
    for (let i = 0; i < 3; i++) expect(await takeAdoRequest(a.db, key, settings)).toBe(0);
    await age(key, 2); // two seconds: two tokens
    expect(await takeAdoRequest(b.db, key, settings)).toBe(0);
    expect(await takeAdoRequest(a.db, key, settings)).toBe(0);
    expect(await takeAdoRequest(b.db, key, settings)).toBeGreaterThan(0);
    await age(key, 3600); // an hour: full again, not more than the burst
    for (let i = 0; i < 3; i++) expect(await takeAdoRequest(a.db, key, settings)).toBe(0);
    expect(await takeAdoRequest(a.db, key, settings)).toBeGreaterThan(0);
  });

  test("a 429's Retry-After in one process pauses the identity in the other, which then starts from an empty bucket", async () => {
    const key = await newKey();
    await pauseAdoRequests(a.db, key, 30_000);
    const wait = await takeAdoRequest(b.db, key, settings);
    expect(wait).toBeGreaterThan(25_000);
    expect(wait).toBeLessThanOrEqual(30_000);
    // A shorter pause does not shorten a longer one.
    await pauseAdoRequests(b.db, key, 1_000);
    expect(await takeAdoRequest(a.db, key, settings)).toBeGreaterThan(25_000);
    // The pause over (moved into the past): no token was refilled during it, so the next one waits a refill.
    await sql`UPDATE ado_request_budgets SET paused_until = now() - interval '1 second', refilled_at = now() WHERE identity_key = ${key}`.execute(a.db);
    expect(await takeAdoRequest(a.db, key, settings)).toBeGreaterThan(0);
    await age(key, 1);
    expect(await takeAdoRequest(b.db, key, settings)).toBe(0);
  });
});
