import { ApiError, configuredServiceUrl, createApiClient, createSdkApiClient, toQueryString } from './api';
import { fakeResponse } from '../testing/fixtures';
import { sdk } from '../testing/sdk';

describe('api client', () => {
  beforeEach(() => sdk.resetSdkMock());
  afterEach(() => {
    delete window.VIGIL_CONFIG;
  });

  it('sends fresh SDK tokens and the organization hint on every request', async () => {
    window.VIGIL_CONFIG = { serviceUrl: 'https://vigil.example.com/' };
    const fetch = jest.fn(async () => fakeResponse(200, { user: { id: 'u' }, organization: { name: 'contoso', connected: false }, isOrgAdmin: false }));
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
    try {
      sdk.getAppToken.mockResolvedValueOnce('app-1').mockResolvedValueOnce('app-2');
      const api = createSdkApiClient();
      await api.me();
      await api.me();
      expect(fetch).toHaveBeenCalledTimes(2);
      const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
      expect(url).toBe('https://vigil.example.com/api/v1/me');
      expect(init.headers).toEqual({
        Accept: 'application/json',
        Authorization: 'Bearer app-1',
        'X-Vigil-Access-Token': 'test-access-token',
        'X-Vigil-Org': 'contoso',
      });
      expect(((fetch.mock.calls[1] as unknown as [string, RequestInit])[1].headers as Record<string, string>).Authorization).toBe('Bearer app-2');
    } finally {
      delete (globalThis as { fetch?: unknown }).fetch;
    }
  });

  it('uses the page origin when the configured service URL is empty', () => {
    expect(configuredServiceUrl({ VIGIL_CONFIG: { serviceUrl: '' } } as unknown as Window)).toBe('');
    expect(configuredServiceUrl({} as Window)).toBe('');
  });

  it('posts JSON bodies', async () => {
    const fetch = jest.fn(async () => fakeResponse(202, { queued: 3, scans: [] }));
    const api = createApiClient({ serviceUrl: '', headers: async () => ({ Authorization: 'Bearer t' }), fetch: fetch as unknown as typeof fetch });
    await expect(api.triggerScan({})).resolves.toEqual({ queued: 3, scans: [] });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/scans');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{}');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('dismisses with PUT and reopens with DELETE on the finding\'s dismissal', async () => {
    const fetch = jest.fn(async () => fakeResponse(200, { id: 'f 1', state: 'dismissed' }));
    const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof fetch });
    await api.dismissFinding('f 1', { reason: 'revoked', expires: '2030-01-31' });
    await api.reopenFinding('f 1');
    const calls = fetch.mock.calls as unknown as [string, RequestInit][];
    expect(calls.map(([url, init]) => [init.method, url, init.body])).toEqual([
      ['PUT', 'https://vigil.test/api/v1/findings/f%201/dismissal', '{"reason":"revoked","expires":"2030-01-31"}'],
      ['DELETE', 'https://vigil.test/api/v1/findings/f%201/dismissal', undefined],
    ]);
  });

  it("reads a pull request's gate, sets a repository's gate and asks for the required-status policy", async () => {
    const fetch = jest.fn(async () => fakeResponse(200, {}));
    const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof fetch });
    await api.pullRequestSecurity('tfvc:a/b', 42);
    await api.repositoryGate('repo 1');
    await api.setRepositoryGate('repo 1', null);
    await api.requireStatusPolicy({ repositoryIds: ['r1', 'r2'] });
    const calls = fetch.mock.calls as unknown as [string, RequestInit][];
    expect(calls.map(([url, init]) => [init.method, url, init.body])).toEqual([
      ['GET', 'https://vigil.test/api/v1/repositories/tfvc%3Aa%2Fb/pull-requests/42', undefined],
      ['GET', 'https://vigil.test/api/v1/repositories/repo%201/gate', undefined],
      ['PUT', 'https://vigil.test/api/v1/repositories/repo%201/gate', '{"severity":null}'],
      ['POST', 'https://vigil.test/api/v1/repositories/required-status-policy', '{"repositoryIds":["r1","r2"]}'],
    ]);
  });

  it('turns problem+json into an ApiError with title and detail', async () => {
    const fetch = jest.fn(async () =>
      fakeResponse(
        400,
        { type: 'https://vigil.dev/problems/insufficient-scope', title: 'The PAT lacks scopes', status: 400, detail: 'Missing: Code (Read)' },
        'application/problem+json',
      ),
    );
    const api = createApiClient({ serviceUrl: '', headers: async () => ({}), fetch: fetch as unknown as typeof fetch });
    const error = await api.connect({ organizationUrl: 'https://dev.azure.com/contoso', pat: 'x' }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.title).toBe('The PAT lacks scopes');
    expect(error.detail).toBe('Missing: Code (Read)');
    expect(error.problem.type).toBe('https://vigil.dev/problems/insufficient-scope');
  });

  it('explains non-JSON failures and unreachable services', async () => {
    const html = createApiClient({ serviceUrl: '', headers: async () => ({}), fetch: (async () => fakeResponse(502, '<html>Bad gateway</html>', 'text/html')) as unknown as typeof fetch });
    await expect(html.me()).rejects.toMatchObject({ status: 502, title: 'The Vigil service answered 502' });
    const down = createApiClient({
      serviceUrl: 'https://vigil.example.com',
      headers: async () => ({}),
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as unknown as typeof fetch,
    });
    await expect(down.me()).rejects.toMatchObject({ status: 0, title: 'Cannot reach the Vigil service', detail: 'https://vigil.example.com: Failed to fetch' });
  });

  it('builds query strings without empty values', () => {
    expect(toQueryString({ a: undefined, b: [], c: '', d: 0, e: ['x y', 'z'] })).toBe('?d=0&e=x%20y,z');
    expect(toQueryString({})).toBe('');
  });
});
