// A store on a fresh test database (PGlite or PostgreSQL) for the suites of one database kind, and
// the connected organization most store tests start from.
import { randomBytes } from 'node:crypto';
import { makeTestDatabase, type TestDatabase } from '../../../test/support/databases';
import { openStore, type Store, type StoreOptions } from '../db';
import { connectOrganization } from '../organizations';
import type { OrganizationRow } from '../schema';

export const TEST_KEY = randomBytes(32);

/** Opens a store before the suite's tests and removes it after; read it through the getter. */
export function useTestStore(kind: 'pglite' | 'postgres', opts: Pick<StoreOptions, 'migrations'> = {}): () => Store {
  let tdb: TestDatabase | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    tdb = await makeTestDatabase(kind);
    store = await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir, ...opts });
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.cleanup();
  });
  return () => {
    if (!store) throw new Error('the test store is not open yet');
    return store;
  };
}

/** An organization connected with the PAT `pat-<name>`, sealed with TEST_KEY. */
export function connectTestOrg(store: Store, name: string): Promise<OrganizationRow> {
  return connectOrganization(store.db, TEST_KEY, {
    name,
    url: `https://dev.azure.com/${name}`,
    instanceId: randomBytes(8).toString('hex'),
    connectedBy: 'u1',
    pat: `pat-${name}`,
    patOwnerId: 'u1',
  });
}
