// The budget the ADO clients take their turns from (store/ado-budgets.ts keeps it in the database).
import { databaseKinds, makeTestDatabase, type TestDatabase } from '../../test/support/databases';
import { openStore, type Store } from '../store/db';
import { databaseRequestBudgets } from './ado-budget';

describe.each(databaseKinds)('databaseRequestBudgets on %s', (kind) => {
  let tdb: TestDatabase;
  let a: Store;
  let n = 0;
  beforeAll(async () => {
    tdb = await makeTestDatabase(kind);
    a = await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
  });
  afterAll(async () => {
    await a?.close();
    await tdb?.cleanup();
  });

  test('the budget a client takes from waits for the refill, and stops waiting when its request is aborted', async () => {
    const budgets = databaseRequestBudgets(a, { requests: 600, windowSeconds: 60, burst: 1 }); // one every 100 ms
    const key = `identity-${kind}-${++n}`;
    const budget = budgets(key)!;
    await budget.take();
    await budget.take(); // waited for the refill
    const { tokens } = await a.db.selectFrom('ado_request_budgets').select('tokens').where('identity_key', '=', key).executeTakeFirstOrThrow();
    expect(tokens).toBeLessThan(1);
    await budget.pause(60_000);
    const controller = new AbortController();
    const taking = budget.take(controller.signal);
    controller.abort(new Error('shutdown'));
    await expect(taking).rejects.toThrow('shutdown');
    expect(databaseRequestBudgets(a, { requests: 0, windowSeconds: 60, burst: 1 })(key)).toBeUndefined();
  });
});
