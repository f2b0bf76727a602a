// Graceful shutdown: in-flight scans finish (or are handed back to the queue); none is left 'running'.
import { connectResponseSchema, pagedSchema, scanDtoSchema } from '../../service/contract/api';
import { openStore } from '../../service/store/db';
import { startStack } from '../support/stack';
import { waitFor } from '../support/wait';
import { contractApi } from './contract';

test('stopping the service while scans run leaves no scan running', async () => {
  const stack = await startStack();
  try {
    const { dataDir } = stack.service.config;
    const api = contractApi(stack);
    const res = await api.ok(connectResponseSchema, stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.full });
    expect(res.status).toBe(201);
    // Wait until the first scan is under way, then stop.
    await waitFor(
      'a scan under way',
      async () => (await api.ok(pagedSchema(scanDtoSchema), stack.users.admin, 'GET', '/api/v1/scans')).body.items.some((s) => s.state === 'running' || s.state === 'done'),
      30_000,
      50,
    );
    await stack.service.stop();

    const store = await openStore({ dataDir });
    try {
      const states = await store.db.selectFrom('scans').select(['state', 'error']).execute();
      expect(states.length).toBeGreaterThan(0);
      expect(states.filter((s) => s.state === 'running')).toEqual([]);
      for (const s of states) expect(['queued', 'done', 'failed', 'interrupted']).toContain(s.state);
    } finally {
      await store.close();
    }
  } finally {
    await stack.stop(); // idempotent for the service; closes the fake and removes the temp dir
  }
}, 120_000);
