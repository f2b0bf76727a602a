// ensureSubscriptions against an ADO answering through a stub (the documented Subscription shape): what
// it creates, re-enables (the same body, enabled, with the current secret), deletes and records, and
// when it falls back to polling.
import { stubFetch, testClient, type StubCall } from '../ado/testdata/stub-fetch';
import type { AppContext } from '../context';
import { HOOK_EVENT_TYPES } from '../contract/events-api';
import { createLogger } from '../log';
import { getHookEndpoint, getHookSecret, listSubscriptions } from '../store/hooks';
import { syncRepositories } from '../store/repositories';
import { connectTestOrg, TEST_KEY, useTestStore } from '../store/testdata/test-store';
import { databaseKinds } from '../../test/support/databases';
import { ensureSubscriptions, NO_PUBLIC_URL_REASON } from './subscriptions';

const PUBLIC_URL = 'https://vigil.example.com';
const MASK = '********';

/** An in-memory subscriptions endpoint as ADO answers it (password masked, status as set). */
function adoHooks(opts: { refuse?: number } = {}) {
  const subs = new Map<string, any>();
  let next = 1;
  const calls: StubCall[] = [];
  const stub = stubFetch((c) => {
    calls.push(c);
    if (opts.refuse) return { status: opts.refuse, body: { message: 'TF400813: Access Denied', typeKey: 'UnauthorizedRequestException' } };
    const id = /\/_apis\/hooks\/subscriptions\/([^/]+)$/.exec(c.url.pathname)?.[1];
    const shape = (sid: string, body: any, status = 'enabled') => ({ ...body, id: sid, status, consumerInputs: { ...body.consumerInputs, basicAuthPassword: MASK } });
    if (c.method === 'GET') return { body: { count: subs.size, value: [...subs.values()] } };
    if (c.method === 'POST') {
      const sub = shape(`s${next++}`, c.body);
      subs.set(sub.id, sub);
      return { body: sub };
    }
    if (c.method === 'PUT' && id && subs.has(id)) {
      const sub = shape(id, c.body, (c.body as any).status ?? subs.get(id).status);
      subs.set(id, sub);
      return { body: sub };
    }
    if (c.method === 'DELETE' && id && subs.delete(id)) return { status: 204 };
    return { status: 404, body: { message: 'VS1000003: not found' } };
  });
  return { subs, calls, fetchImpl: stub.fetchImpl };
}

describe.each(databaseKinds)('ensureSubscriptions on %s', (kind) => {
  const store = useTestStore(kind);

  async function setUp(name: string, hooks: ReturnType<typeof adoHooks>, publicUrl: string | null = PUBLIC_URL) {
    const org = await connectTestOrg(store(), name);
    await syncRepositories(store().db, org.org_id, [
      { id: 'r1', name: 'r1', projectId: 'p1', projectName: 'One', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null },
      { id: 'r2', name: 'r2', projectId: 'p2', projectName: 'Two', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null },
      { id: 'r3', name: 'r3', projectId: 'p3', projectName: 'Three', isDisabled: false, isFork: false, skipReason: 'Repository is empty (no branches)' },
    ]);
    const ctx = {
      store: store(),
      config: { publicUrl: publicUrl ?? undefined, pollMinutes: 5, encryptionKey: TEST_KEY },
      log: createLogger('silent'),
      adoClient: () => testClient(hooks.fetchImpl, { maxRetries: 0 }).client,
    } as unknown as Pick<AppContext, 'store' | 'config' | 'log' | 'adoClient'>;
    return { org, ctx };
  }

  test('creates one subscription per scanned project and event type, then none; re-enables those ADO disabled with the current secret', async () => {
    const hooks = adoHooks();
    const { org, ctx } = await setUp('subs-create', hooks);
    const first = await ensureSubscriptions(ctx, org.org_id);
    expect(first).toMatchObject({ mode: 'hooks', created: 2 * HOOK_EVENT_TYPES.length, reenabled: 0, deleted: 0 });
    const url = `${PUBLIC_URL}/hooks/ado/${org.org_id}`;
    const secret = await getHookSecret(store().db, TEST_KEY, org.org_id);
    const posted = hooks.calls.filter((c) => c.method === 'POST').map((c) => c.body as any);
    expect(posted.map((b) => b.publisherInputs.projectId).sort()).toEqual([...Array(5).fill('p1'), ...Array(5).fill('p2')]);
    expect(posted[0].consumerInputs).toMatchObject({ url, basicAuthUsername: 'vigil', basicAuthPassword: secret });
    expect(posted[0].consumerInputs.httpHeaders).toBeUndefined();

    hooks.calls.length = 0;
    expect(await ensureSubscriptions(ctx, org.org_id)).toMatchObject({ created: 0, reenabled: 0, deleted: 0 });
    expect(hooks.calls.map((c) => c.method)).toEqual(['GET']);

    const [a, b] = [...hooks.subs.values()];
    a.status = 'disabledBySystem';
    b.status = 'onProbation';
    hooks.calls.length = 0;
    expect(await ensureSubscriptions(ctx, org.org_id)).toMatchObject({ created: 0, reenabled: 2 });
    const puts = hooks.calls.filter((c) => c.method === 'PUT');
    expect(puts.map((c) => c.url.pathname.split('/').pop()).sort()).toEqual([a.id, b.id].sort());
    expect(puts[0].body).toMatchObject({ status: 'enabled', consumerInputs: { url, basicAuthPassword: secret } });
    expect((await listSubscriptions(store().db, org.org_id)).every((s) => s.status === 'enabled')).toBe(true);
  });

  test('deletes duplicates and subscriptions of projects no longer scanned; leaves others\' subscriptions alone', async () => {
    const hooks = adoHooks();
    const { org, ctx } = await setUp('subs-stale', hooks);
    await ensureSubscriptions(ctx, org.org_id);
    const url = `${PUBLIC_URL}/hooks/ado/${org.org_id}`;
    const ours = [...hooks.subs.values()][0];
    hooks.subs.set('dup', { ...ours, id: 'dup' });
    hooks.subs.set('gone', { ...ours, id: 'gone', publisherInputs: { projectId: 'p9' } });
    hooks.subs.set('theirs', { ...ours, id: 'theirs', consumerInputs: { ...ours.consumerInputs, url: 'https://elsewhere.example.com/hook' } });
    expect(await ensureSubscriptions(ctx, org.org_id)).toMatchObject({ created: 0, deleted: 2 });
    expect(hooks.subs.has('dup') || hooks.subs.has('gone')).toBe(false);
    expect(hooks.subs.has('theirs')).toBe(true);
    expect([...hooks.subs.values()].filter((s) => s.consumerInputs.url === url)).toHaveLength(2 * HOOK_EVENT_TYPES.length);
  });

  test('a PAT refused the hooks API (403) means polling, with the scope named', async () => {
    const { org, ctx } = await setUp('subs-refused', adoHooks({ refuse: 403 }));
    const outcome = await ensureSubscriptions(ctx, org.org_id);
    expect(outcome.mode).toBe('polling');
    expect(outcome.reason).toMatch(/vso\.hooks_write: Vigil polls every 5 minutes instead/);
    expect(await getHookEndpoint(store().db, org.org_id)).toMatchObject({ mode: 'polling', mode_reason: outcome.reason });
  });

  test('without a public URL: polling, and no request to ADO', async () => {
    const hooks = adoHooks();
    const { org, ctx } = await setUp('subs-no-url', hooks, null);
    expect(await ensureSubscriptions(ctx, org.org_id)).toMatchObject({ mode: 'polling', reason: NO_PUBLIC_URL_REASON });
    expect(hooks.calls).toHaveLength(0);
    expect(await getHookSecret(store().db, TEST_KEY, org.org_id)).toBeDefined();
  });
});
