// The fake ADO's TSTU rate limit (ado-rest.md §14), as the posture benchmark uses it: a budget over a
// sliding window, each request charged its cost; over budget a 429 with the Retry-After until enough
// usage leaves the window; below half the budget left, the X-RateLimit headers.
import { startFakeAdo, type FakeAdo } from '../fake-ado/server';

let fake: FakeAdo;
beforeAll(async () => {
  fake = await startFakeAdo({ rateLimit: { tstu: 1, windowSeconds: 60, cost: (req) => (req.path.endsWith('/_apis/projects') ? 0.4 : 0.1) } });
});
afterAll(() => fake.close());

const get = (path: string) =>
  fetch(`${fake.orgUrl('contoso')}${path}?api-version=7.1`, {
    headers: { authorization: `Basic ${Buffer.from(`:${fake.pats.full}`).toString('base64')}`, 'x-tfs-fedauthredirect': 'Suppress' },
  });

it('charges each request its cost, warns below half the budget, then blocks with Retry-After', async () => {
  const first = await get('/_apis/projects');
  expect(first.status).toBe(200);
  expect(first.headers.get('x-ratelimit-remaining')).toBeNull();
  const second = await get('/_apis/projects');
  expect(second.status).toBe(200);
  expect(second.headers.get('x-ratelimit-limit')).toBe('1');
  expect(Number(second.headers.get('x-ratelimit-remaining'))).toBeCloseTo(0.2);
  const third = await get('/_apis/projects');
  expect(third.status).toBe(429);
  expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(50);
  expect(((await third.json()) as { message: string }).message).toMatch(/^TF400733/);
  // A cheaper request still fits the budget.
  expect((await get('/_apis/extensionmanagement/installedextensions')).status).not.toBe(429);
});
