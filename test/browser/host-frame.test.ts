// The fake host's server side: the page it serves, the service URL it hands the pages, and app tokens
// the real service accepts. (The browser side is exercised by hub.test.ts.)
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { DEFAULT_APP_TOKEN_AUDIENCES } from '../../service/config';
import { checkAppToken } from '../../service/http/auth';
import { startHostServer, type HostServer } from '../host/host-server';

const WEB_DIR = path.resolve(__dirname, '..', '..', 'dist', 'web');

describe('fake host server', () => {
  let host: HostServer;
  const users = [
    { id: 'user-a', displayName: 'Ada Admin', accessToken: 'access-a' },
    { id: 'user-b', displayName: 'Bo <Dev>', accessToken: 'access-b' },
  ];

  beforeAll(async () => {
    host = await startHostServer({
      webDir: WEB_DIR,
      serviceUrl: 'http://127.0.0.1:9/vigil',
      org: { name: 'contoso', id: 'org-guid' },
      users,
      appSecret: 'shared-secret',
      project: { id: 'p1', name: 'Storefront' },
      repository: { id: 'r1', name: 'web-storefront' },
      pullRequestId: 42,
    });
  }, 60_000);
  afterAll(() => host?.close());

  it('signs app tokens the service verifies, for the asked user, valid ~70 minutes', async () => {
    const res = await fetch(`${host.url}/host/app-token?user=user-b`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { token } = (await res.json()) as { token: string };
    const check = { secrets: ['other-secret', 'shared-secret'], issuer: 'app.vstoken.visualstudio.com', audiences: DEFAULT_APP_TOKEN_AUDIENCES };
    expect(checkAppToken(token, check)).toEqual({ userId: 'user-b', expiresAt: expect.any(Number) });
    const claims = jwt.decode(token, { complete: true })!;
    expect(claims.header.alg).toBe('HS256');
    const p = claims.payload as jwt.JwtPayload;
    expect(p).toMatchObject({ nameid: 'user-b', iss: 'app.vstoken.visualstudio.com', aud: 'vigil-security.vigil-dev' });
    expect(p.exp! - p.nbf!).toBe(70 * 60);
    expect(() => checkAppToken(token, { ...check, secrets: ['wrong'] })).toThrow(/invalid/i);
    expect((await fetch(`${host.url}/host/app-token?user=nobody`)).status).toBe(404);
  });

  it('hands the pages the service URL it was given', async () => {
    const js = await (await fetch(`${host.url}/web/vigil-config.js`)).text();
    expect(js).toBe('window.VIGIL_CONFIG = {"serviceUrl":"http://127.0.0.1:9/vigil"};\n');
    const html = await (await fetch(`${host.url}/web/org-settings/org-settings.html`)).text();
    expect(html).toContain('../vigil-config.js');
  });

  it('serves an ADO-like shell with the hub config, the user switcher and escaped names', async () => {
    const html = await (await fetch(host.pageUrl('pr-tab', 'user-b'))).text();
    // The script creates the iframe (after registering its XDM handlers), so the HTML has none.
    expect(html).not.toContain('<iframe');
    expect(html).toContain('id="hub-container"');
    expect(html).toContain('Bo &lt;Dev&gt;');
    expect(html).not.toContain('Bo <Dev>');
    const config = JSON.parse(/window\.__VIGIL_HOST__ = (.*?);<\/script>/s.exec(html)![1]);
    expect(config).toMatchObject({
      hub: 'pr-tab',
      hubUrl: '/web/pr-tab/pr-tab.html',
      contributionId: 'vigil-security.vigil-dev.pr-tab',
      org: { id: 'org-guid', name: 'contoso' },
      user: { id: 'user-b', accessToken: 'access-b' },
      initialConfig: { pullRequestId: 42, repositoryId: 'r1' },
      project: { id: 'p1', name: 'Storefront' },
    });
    const orgPage = JSON.parse(/window\.__VIGIL_HOST__ = (.*?);<\/script>/s.exec(await (await fetch(host.pageUrl('org-settings'))).text())![1]);
    expect(orgPage.project).toBeUndefined();
    expect(orgPage.initialConfig).toEqual({});
    const script = await (await fetch(`${host.url}/host/host-frame.js`)).text();
    expect(script).toContain('DevOps.HostControl');
    expect(script).toContain('DevOps.ServiceManager');
  });
});
