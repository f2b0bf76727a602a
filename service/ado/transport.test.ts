import { parseOrgUrl } from './org-url';
import { collect } from './parse';
import { LOW_BUDGET_RATIO, MAX_SPACING_MS, MIN_SPACING_MS, readRateLimitHeaders, spacingFor } from './rate-limit';
import { adoError, adoErrorOf, FIXED_NOW, stubFetch, testClient, type StubAnswer } from './testdata/stub-fetch';
import { AdoTransport, hostBaseUrl } from './transport';

const ok = (body: unknown = { count: 0, value: [] }, headers: Record<string, string> = {}): StubAnswer => ({ body, headers });

/** A transport on the same deterministic clock as testClient. */
function transportWith(handler: Parameters<typeof stubFetch>[0], over: Partial<ConstructorParameters<typeof AdoTransport>[0]> = {}) {
  const stub = stubFetch(handler);
  const { options, sleeps, warnings, clock } = testClient(stub.fetchImpl, over);
  return { t: new AdoTransport(options), calls: stub.calls, sleeps, warnings, clock };
}


const resetAt = (msFromNow: number) => String(Math.floor((FIXED_NOW + msFromNow) / 1000));

describe('hostBaseUrl: the one place that knows which host serves an area', () => {
  const cloud = parseOrgUrl('https://dev.azure.com/contoso');
  const legacy = parseOrgUrl('https://fabrikam.visualstudio.com');
  const server = parseOrgUrl('http://tfs.local:8080/tfs/DefaultCollection');
  const fake = parseOrgUrl('http://127.0.0.1:4321/contoso');

  it.each([
    ['org', 'https://dev.azure.com/contoso'],
    ['vssps', 'https://vssps.dev.azure.com/contoso'],
    ['vsaex', 'https://vsaex.dev.azure.com/contoso'],
    ['auditservice', 'https://auditservice.dev.azure.com/contoso'],
    ['advsec', 'https://advsec.dev.azure.com/contoso'],
    ['vsrm', 'https://vsrm.dev.azure.com/contoso'],
  ] as const)('dev.azure.com: %s -> %s', (host, url) => {
    expect(hostBaseUrl(cloud, host)).toBe(url);
  });

  it.each([
    ['org', 'https://fabrikam.visualstudio.com'],
    ['vssps', 'https://fabrikam.vssps.visualstudio.com'],
    ['vsaex', 'https://fabrikam.vsaex.visualstudio.com'],
    ['vsrm', 'https://fabrikam.vsrm.visualstudio.com'],
    ['auditservice', 'https://auditservice.dev.azure.com/fabrikam'],
    ['advsec', 'https://advsec.dev.azure.com/fabrikam'],
  ] as const)('visualstudio.com: %s -> %s', (host, url) => {
    expect(hostBaseUrl(legacy, host)).toBe(url);
  });

  it('serves every area from the collection URL on ADO Server and on the fake organization', () => {
    for (const host of ['org', 'vssps', 'vsaex', 'auditservice', 'advsec', 'vsrm'] as const) {
      expect(hostBaseUrl(server, host)).toBe('http://tfs.local:8080/tfs/DefaultCollection');
      expect(hostBaseUrl(fake, host)).toBe('http://127.0.0.1:4321/contoso');
    }
  });

  it('sends each area to its host, with the same credential and headers', async () => {
    const { fetchImpl, calls } = stubFetch(() => ok({ count: 0, value: [] }));
    const { client } = testClient(fetchImpl);
    await client.graph.listGroups();
    await client.release.listDefinitions('p1');
    await client.advancedSecurity.listAlerts('p1', 'r1');
    expect(calls.map((c) => `${c.url.origin}${c.url.pathname}`)).toEqual([
      'https://vssps.dev.azure.com/contoso/_apis/graph/groups',
      'https://vsrm.dev.azure.com/contoso/p1/_apis/release/definitions',
      'https://advsec.dev.azure.com/contoso/p1/_apis/alert/repositories/r1/alerts',
    ]);
    for (const c of calls) {
      expect(c.headers.get('authorization')).toBe(`Basic ${Buffer.from(':test-pat-value').toString('base64')}`);
      expect(c.headers.get('x-tfs-fedauthredirect')).toBe('Suppress');
    }
    expect(calls[0].url.searchParams.get('api-version')).toBe('7.1-preview.1');
    expect(calls[2].url.searchParams.get('api-version')).toBe('7.2-preview.1');
  });
});

describe('rate-limit headers (ado-rest.md §14)', () => {
  const headers = (h: Record<string, string>) => new Headers(h);

  it('reads Limit, Remaining and Reset, and ignores incomplete or non-numeric sets', () => {
    expect(readRateLimitHeaders(headers({ 'X-RateLimit-Limit': '200', 'X-RateLimit-Remaining': '37', 'X-RateLimit-Reset': '1762333837', 'X-RateLimit-Resource': 'ATCPU' }))).toEqual({
      limit: 200,
      remaining: 37,
      resetAtMs: 1762333837000,
      resource: 'ATCPU',
    });
    expect(readRateLimitHeaders(headers({ 'X-RateLimit-Limit': '200', 'X-RateLimit-Remaining': '37' }))).toBeNull();
    expect(readRateLimitHeaders(headers({ 'X-RateLimit-Limit': '0', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '1' }))).toBeNull();
    expect(readRateLimitHeaders(headers({ 'X-RateLimit-Limit': 'lots', 'X-RateLimit-Remaining': '1', 'X-RateLimit-Reset': '1' }))).toBeNull();
  });

  it('spaces nothing at or above 20% left, widens the gap as the budget runs out, and never past the reset', () => {
    const rl = (remaining: number, resetMs = 300_000) => ({ limit: 200, remaining, resetAtMs: FIXED_NOW + resetMs });
    expect(spacingFor(rl(200 * LOW_BUDGET_RATIO), FIXED_NOW)).toBe(0);
    expect(spacingFor(rl(39.9), FIXED_NOW)).toBeGreaterThanOrEqual(MIN_SPACING_MS);
    expect(spacingFor(rl(20), FIXED_NOW)).toBe(Math.round((MIN_SPACING_MS + MAX_SPACING_MS) / 2));
    expect(spacingFor(rl(0), FIXED_NOW)).toBe(MAX_SPACING_MS);
    expect(spacingFor(rl(0, 1_000), FIXED_NOW)).toBe(1_000);
    expect(spacingFor(rl(0, -1), FIXED_NOW)).toBe(0);
  });
});

describe('AdoTransport pacing', () => {
  const low = { 'X-RateLimit-Limit': '200', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': resetAt(10_000), 'X-RateLimit-Resource': 'ATCPU', ActivityId: 'act-1' };

  it('spaces the next requests below 20% of the budget, logs it once, and stops at the reset', async () => {
    const { t, sleeps, warnings, clock } = transportWith((_c, i) => ok({ value: [] }, i === 0 ? low : {}));
    const spec = { path: '_apis/projects', operation: 'list projects' };
    await t.getJson(spec);
    expect(sleeps).toEqual([]);
    await t.getJson(spec); // the first paced request starts at once
    await t.getJson(spec);
    expect(sleeps).toEqual([MAX_SPACING_MS]);
    const pacing = warnings.filter((w) => /budget is low/.test(w.msg));
    expect(pacing).toHaveLength(1);
    expect(pacing[0].obj).toMatchObject({ remaining: 0, limit: 200, rateLimitResource: 'ATCPU', activityId: 'act-1', gapMs: MAX_SPACING_MS });

    clock.now = FIXED_NOW + 10_000; // the window has reset
    await t.getJson(spec);
    expect(sleeps).toEqual([MAX_SPACING_MS]);
  });

  it('lines concurrent requests up one gap apart', async () => {
    // A clock standing still while they wait: each sleep is the distance of its slot from now.
    const waits: number[] = [];
    const { t } = transportWith((_c, i) => ok({ value: [] }, i === 0 ? { ...low, 'X-RateLimit-Remaining': '20' } : {}), {
      now: () => FIXED_NOW,
      sleep: async (ms) => void waits.push(ms),
    });
    const spec = { path: '_apis/projects', operation: 'list projects' };
    await t.getJson(spec);
    const gap = Math.round((MIN_SPACING_MS + MAX_SPACING_MS) / 2); // 10% left: half way
    await Promise.all([t.getJson(spec), t.getJson(spec), t.getJson(spec)]);
    expect(waits).toEqual([gap, 2 * gap]);
  });

  it('stops spacing as soon as ADO reports a healthy budget again', async () => {
    const healthy = { ...low, 'X-RateLimit-Remaining': '150' };
    const { t, sleeps } = transportWith((_c, i) => ok({ value: [] }, i === 0 ? low : healthy));
    const spec = { path: '_apis/projects', operation: 'list projects' };
    await t.getJson(spec);
    await t.getJson(spec);
    await t.getJson(spec);
    await t.getJson(spec);
    expect(sleeps).toEqual([]);
  });
});

describe('AdoTransport writes', () => {
  const spec = { path: '_apis/hooks/subscriptions', operation: 'subscribe' };

  it('sends the JSON body with its content type and returns the parsed answer; a 204 is undefined', async () => {
    const { t, calls } = transportWith((c) => (c.method === 'DELETE' ? { status: 204 } : ok({ id: 'x' })));
    expect(await t.write({ ...spec, method: 'POST', body: { a: 1 } })).toEqual({ id: 'x' });
    expect(calls[0].headers.get('content-type')).toBe('application/json');
    expect(calls[0].body).toEqual({ a: 1 });
    expect(calls[0].url.searchParams.get('api-version')).toBe('7.1');
    expect(await t.write({ ...spec, method: 'DELETE' })).toBeUndefined();
    expect(calls[1].headers.get('content-type')).toBeNull();
  });

  it('never retries a POST that failed with a 5xx, and says it may have taken effect', async () => {
    const { t, calls, sleeps } = transportWith(() => adoError(503, 'TF246017: unavailable'));
    const err = await adoErrorOf(t.write({ ...spec, method: 'POST', body: {} }));
    expect(err).toMatchObject({ kind: 'server', status: 503 });
    expect(err.message).toMatch(/not retried, as it may have taken effect/);
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a POST throttled with Retry-After (blocked before processing), after the wait', async () => {
    const { t, calls, sleeps } = transportWith((_c, i) =>
      i === 0 ? { ...adoError(429, 'TF400733: The request has been canceled'), headers: { 'Retry-After': '4' } } : ok({ id: 'x' }),
    );
    expect(await t.write({ ...spec, method: 'POST', body: {} })).toEqual({ id: 'x' });
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([4000]);
  });

  it('asks the shared budget before every attempt and pauses it for the Retry-After of a 429 (other processes hold back too)', async () => {
    const events: string[] = [];
    const budget = { take: async () => void events.push('take'), pause: async (ms: number) => void events.push(`pause ${ms}`) };
    const { t, calls } = transportWith(
      (_c, i) => {
        events.push(`request ${i}`);
        return i === 0 ? { ...adoError(429, 'TF400733: blocked'), headers: { 'Retry-After': '4' } } : ok({ id: 'x' });
      },
      { budget },
    );
    expect(await t.write({ ...spec, method: 'POST', body: {} })).toEqual({ id: 'x' });
    expect(calls).toHaveLength(2);
    expect(events).toEqual(['take', 'request 0', 'pause 4000', 'take', 'request 1']);
  });

  it('sends without the shared budget when it cannot be asked (its database fails), and says so', async () => {
    const budget = { take: async () => Promise.reject(new Error('database down')), pause: async () => undefined };
    const { t, calls, warnings } = transportWith(() => ok({ id: 'x' }), { budget });
    expect(await t.write({ ...spec, method: 'POST', body: {} })).toEqual({ id: 'x' });
    expect(calls).toHaveLength(1);
    expect(JSON.stringify(warnings)).toMatch(/shared ADO request budget/);
  });

  it('stops waiting out a Retry-After as soon as the request is aborted (a shutdown does not sit out the throttle)', async () => {
    const controller = new AbortController();
    const sleeps: number[] = [];
    const { t, calls } = transportWith(
      (_c, i) => (i === 0 ? { ...adoError(429, 'TF400733: blocked'), headers: { 'Retry-After': '300' } } : ok()),
      // A sleep that never ends by itself: only the abort can end the wait.
      { sleep: (ms) => (sleeps.push(ms), new Promise<void>(() => undefined)) },
    );
    const pending = t.getJson({ ...spec, signal: controller.signal });
    await new Promise((r) => setImmediate(r));
    expect(sleeps).toEqual([300_000]);
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
    expect(calls).toHaveLength(1);
  });

  it('does not retry a POST answered 429 without Retry-After, and says it may have taken effect', async () => {
    const { t, calls } = transportWith(() => adoError(429, 'TF400733: blocked'));
    const err = await adoErrorOf(t.write({ ...spec, method: 'POST', body: {} }));
    expect(err).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(err.message).toBe(
      'Azure DevOps throttled the request to subscribe (HTTP 429: TF400733: blocked); not retried, as it may have taken effect: check before trying again',
    );
    expect(calls).toHaveLength(1);
  });

  it('says every attempt was throttled when a POST ran out of retries, each throttled with Retry-After', async () => {
    const { t, calls } = transportWith(() => ({ ...adoError(429, 'TF400733: blocked'), headers: { 'Retry-After': '1' } }), { maxRetries: 2 });
    const err = await adoErrorOf(t.write({ ...spec, method: 'POST', body: {} }));
    expect(err).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(err.message).toBe('Azure DevOps throttled every attempt to subscribe (3 attempts, HTTP 429: TF400733: blocked); try again later');
    expect(calls).toHaveLength(3);
  });

  it('does not retry a POST whose connection broke, but does when the connection was never made', async () => {
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    let broken = 0;
    const { t: t1 } = transportWith(() => {
      broken++;
      throw reset;
    });
    const err = await adoErrorOf(t1.write({ ...spec, method: 'POST', body: {} }));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/1 attempt; not retried.*ECONNRESET/);
    expect(broken).toBe(1);

    const { t: t2, calls } = transportWith((_c, i) => {
      if (i === 0) throw refused;
      return ok({ id: 'x' });
    });
    expect(await t2.write({ ...spec, method: 'POST', body: {} })).toEqual({ id: 'x' });
    expect(calls).toHaveLength(2);
  });

  it('retries PUT, DELETE and read-only POSTs like a GET', async () => {
    for (const extra of [{ method: 'PUT' as const }, { method: 'DELETE' as const }, { method: 'POST' as const, readOnly: true }]) {
      const { t, calls, sleeps } = transportWith((_c, i) => (i < 2 ? adoError(500, 'boom') : ok({ fine: true })));
      expect(await t.write({ ...spec, ...extra, body: {} })).toEqual({ fine: true });
      expect(calls).toHaveLength(3);
      expect(sleeps).toEqual([750, 1500]);
    }
  });

  it('names the write scope on a 403 of a write, the read scope on a read of the same path', async () => {
    const { t } = transportWith(() => adoError(403, 'TF400813: Access Denied'));
    expect((await adoErrorOf(t.write({ ...spec, method: 'POST', body: {} }))).message).toMatch(/"Service Hooks \(Read & write\)" scope \(vso\.hooks_write\)/);
    expect((await adoErrorOf(t.getJson(spec))).message).toMatch(/\(vso\.hooks\)/);
  });

  it('treats a sign-in page answering a write as an auth failure', async () => {
    const { t } = transportWith(() => ({ status: 203, text: '<html>sign in</html>', headers: { 'content-type': 'text/html' } }));
    expect(await adoErrorOf(t.write({ ...spec, method: 'POST', body: {} }))).toMatchObject({ kind: 'auth', status: 203 });
  });
});

describe('AdoTransport paging', () => {
  it('follows body tokens until the token is gone, hasMore is false or totalCount is reached', async () => {
    const pages: Record<string, StubAnswer> = {
      '': ok({ items: [1, 2], continuationToken: 'a' }),
      a: ok({ items: [3], continuationToken: 'b', hasMore: false }),
    };
    const { t, calls } = transportWith((c) => pages[c.url.searchParams.get('continuationToken') ?? '']);
    const read = await collect(t.bodyTokenPages({ path: '_apis/x', operation: 'list x' }, { items: 'items' }), (x) => x);
    expect(read).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.url.searchParams.get('continuationToken'))).toEqual([null, 'a']);

    const { t: t2, calls: calls2 } = transportWith(() => ok({ items: [1, 2, 3], continuationToken: 'again', totalCount: 3 }));
    expect(await collect(t2.bodyTokenPages({ path: '_apis/x', operation: 'list x' }, { items: 'items' }), (x) => x)).toEqual([1, 2, 3]);
    expect(calls2).toHaveLength(1);
  });

  it('refuses a body token that repeats, and an answer without the items array', async () => {
    const { t } = transportWith(() => ok({ items: [1], continuationToken: 'same' }));
    const err = await adoErrorOf(collect(t.bodyTokenPages({ path: '_apis/x', operation: 'list x' }, { items: 'items' }), (x) => x));
    expect(err).toMatchObject({ kind: 'bad-response' });
    expect(err.message).toMatch(/never ended/);
    const read = (body: unknown) => adoErrorOf(collect(transportWith(() => ok(body)).t.bodyTokenPages({ path: '_apis/x', operation: 'list x' }, { items: 'items' }), (x) => x));
    expect((await read({ value: [] })).message).toBe('unexpected answer from Azure DevOps to list x: items missing');
    expect((await read({ items: 'x' })).message).toBe('unexpected answer from Azure DevOps to list x: items is not an array (a string)');
    expect((await read([1])).message).toBe('unexpected answer from Azure DevOps to list x: the answer is not a JSON object (an array)');
  });

  it('pages by $top/$skip until a short page', async () => {
    const all = [1, 2, 3, 4, 5];
    const { t, calls } = transportWith((c) => {
      const top = Number(c.url.searchParams.get('$top'));
      const skip = Number(c.url.searchParams.get('$skip'));
      return ok({ count: 0, value: all.slice(skip, skip + top) });
    });
    expect(await collect(t.skipPages({ path: '_apis/x', operation: 'list x' }, 2), (x) => x)).toEqual(all);
    expect(calls.map((c) => c.url.searchParams.get('$skip'))).toEqual(['0', '2', '4']);
  });
});
