import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startFakeAdo, type FakeAdo } from '../../test/fake-ado/server';
import { openZipTree } from './archive';
import { COLLECTION_GENERIC_WRITE, COLLECTION_NAMESPACE_ID, COLLECTION_TOKEN } from './client';
import { OrgUrlError, parseOrgUrl } from './org-url';
import { MAX_SPACING_MS } from './rate-limit';
import { adoErrorOf, fakeClient, FIXED_NOW } from './testdata/stub-fetch';

let fake: FakeAdo;
let tmp: string;

beforeAll(async () => {
  fake = await startFakeAdo();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vigil-client-test-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => {
  fake.setRateLimit(false);
  fake.setRetryAfterOn200(null);
  fake.failNext(500, 0);
});

/** Requests recorded by the fake from `start` on. */
const since = (start: number) => fake.requests.slice(start);


describe('parseOrgUrl', () => {
  it('canonicalises cloud, visualstudio.com and server collection URLs and names the organization', () => {
    expect(parseOrgUrl('https://dev.azure.com/contoso/')).toEqual({ url: 'https://dev.azure.com/contoso', name: 'contoso', kind: 'dev.azure.com' });
    expect(parseOrgUrl('https://dev.azure.com/contoso/Storefront/_git/web')).toEqual({ url: 'https://dev.azure.com/contoso', name: 'contoso', kind: 'dev.azure.com' });
    expect(parseOrgUrl('https://fabrikam.visualstudio.com/Project')).toEqual({ url: 'https://fabrikam.visualstudio.com', name: 'fabrikam', kind: 'visualstudio.com' });
    expect(parseOrgUrl(' http://tfs.local:8080/tfs/DefaultCollection// ')).toEqual({ url: 'http://tfs.local:8080/tfs/DefaultCollection', name: 'DefaultCollection', kind: 'server' });
  });
  it('refuses other schemes, queries, bare hosts and embedded credentials without echoing them', () => {
    expect(() => parseOrgUrl('ftp://dev.azure.com/contoso')).toThrow(/https/);
    expect(() => parseOrgUrl('https://dev.azure.com/contoso?x=1')).toThrow(/query/);
    expect(() => parseOrgUrl('not a url')).toThrow(/not a valid URL/);
    expect(() => parseOrgUrl('https://dev.azure.com/')).toThrow(/must name the organization/);
    expect(() => parseOrgUrl('https://tfs.local/')).toThrow(/must name the collection/);
    expect(() => parseOrgUrl('https://dev.azure.com/%E0%A4%A')).toThrow(OrgUrlError);
    expect(() => parseOrgUrl('https://tfs.local/%/DefaultCollection')).toThrow(/broken %-escape/);
    let message = '';
    try {
      parseOrgUrl('https://user:s3cr3tpat@dev.azure.com/contoso');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/user name or password/);
    expect(message).not.toContain('s3cr3tpat');
  });
});

describe('the fake organization itself', () => {
  it('honours noArrayWrap in Accept with a bare array', async () => {
    const res = await fetch(`${fake.orgUrl('contoso')}/_apis/git/repositories?api-version=7.1`, {
      headers: { Authorization: `Basic ${Buffer.from(`:${fake.pats.full}`).toString('base64')}`, Accept: 'application/json;api-version=7.1;noArrayWrap=true' },
    });
    const body = await res.json();
    expect(Array.isArray(body)).toBe(true);
    expect(body).toHaveLength(9);
  });

  it('answers the documented minimal shapes unless a fixture opts into every optional field', async () => {
    const get = async (rel: string) => {
      const res = await fetch(`${fake.orgUrl('contoso')}/${rel}${rel.includes('?') ? '&' : '?'}api-version=7.1`, {
        headers: { Authorization: `Basic ${Buffer.from(`:${fake.pats.full}`).toString('base64')}`, Accept: 'application/json' },
      });
      expect(res.status).toBe(200);
      return res.json();
    };
    const keysOf = (o: object) => Object.keys(o).sort();
    const list: { name: string; project: object }[] = (await get('_apis/git/repositories')).value;
    const minimal = list.find((r) => r.name === 'payments-api')!;
    // payments-api is listed without defaultBranch although its single answer (below) has one.
    expect(keysOf(minimal)).toEqual(['id', 'name', 'project', 'remoteUrl', 'url']);
    expect(keysOf(list.find((r) => r.name === 'platform-infra')!)).toEqual(['defaultBranch', 'id', 'name', 'project', 'remoteUrl', 'url']);
    expect(keysOf(minimal.project)).toEqual(['id', 'name', 'state', 'url']);
    expect(keysOf(list.find((r) => r.name === 'legacy-empty')!)).toEqual(['id', 'name', 'project', 'remoteUrl', 'url']);
    expect(keysOf(list.find((r) => r.name === 'archived-tools')!)).toEqual(['defaultBranch', 'id', 'isDisabled', 'name', 'project', 'remoteUrl', 'url']);
    const full = list.find((r) => r.name === 'web-storefront')!;
    expect(keysOf(full)).toEqual(['_links', 'defaultBranch', 'id', 'isDisabled', 'isFork', 'isInMaintenance', 'name', 'project', 'remoteUrl', 'size', 'sshUrl', 'url', 'webUrl']);
    expect(keysOf(full.project)).toEqual(['description', 'id', 'lastUpdateTime', 'name', 'revision', 'state', 'url', 'visibility']);

    const payments = fake.orgs.contoso.repos['payments-api'];
    const single = await get(`${payments.projectId}/_apis/git/repositories/${payments.id}`);
    expect(keysOf(single)).toEqual(['_links', 'defaultBranch', 'id', 'name', 'project', 'remoteUrl', 'url']);
    expect(keysOf(single._links)).toEqual(['commits', 'items', 'project', 'pullRequests', 'pushes', 'refs', 'self', 'web']);
    expect(single._links.web.href).toBe(`${fake.orgUrl('contoso')}/Storefront/_git/payments-api`);

    const refs = (await get(`${payments.projectId}/_apis/git/repositories/${payments.id}/refs?filter=heads/`)).value;
    expect(refs.map(keysOf)).toEqual([['name', 'objectId', 'url']]);
    const [firstProject] = (await get('_apis/projects')).value; // one project per page
    expect(firstProject.name).toBe('Storefront');
    expect(keysOf(firstProject)).toEqual(['description', 'id', 'lastUpdateTime', 'name', 'revision', 'state', 'url', 'visibility']);
    expect(keysOf(await get('_apis/projects/Platform'))).toEqual(['description', 'id', 'name', 'state', 'url']);
  });

  it('moves the head SHA when repository content changes (fixturesDir copy)', async () => {
    const dir = path.join(tmp, 'fixtures-copy');
    cpSync(path.join(__dirname, '../../test/fake-ado/fixtures'), dir, { recursive: true });
    const copy = await startFakeAdo({ fixturesDir: dir });
    try {
      const repo = copy.orgs.contoso.repos['payments-api'];
      const { client } = fakeClient(copy);
      const before = await client.git.getBranchHead(repo.projectId, repo.id, 'refs/heads/main');
      expect(before).toBe(fake.orgs.contoso.headSha('payments-api'));
      appendFileSync(path.join(dir, 'repos/contoso/payments-api/README.md'), '\nChanged.\n');
      const after = await client.git.getBranchHead(repo.projectId, repo.id, 'refs/heads/main');
      expect(after).toMatch(/^[0-9a-f]{40}$/);
      expect(after).not.toBe(before);
    } finally {
      await copy.close();
    }
  });
});

describe('AdoClient against the fake organization', () => {
  it('reads connectionData with the documented headers and a preview api-version', async () => {
    const start = fake.requests.length;
    const { client } = fakeClient(fake);
    const cd = await client.core.connectionData();
    expect(cd.instanceId).toBe(fake.orgs.contoso.id);
    expect(cd.authenticatedUser.providerDisplayName).toBe('Vigil Scanner');
    const [req] = since(start);
    expect(req).toMatchObject({ method: 'GET', path: '/contoso/_apis/connectionData', auth: 'pat:full', suppressRedirect: true, status: 200 });
    expect(req.query).toContain('api-version=7.1-preview.1');
  });

  it('follows continuation tokens until the last page of projects', async () => {
    const start = fake.requests.length;
    const { client } = fakeClient(fake);
    const projects = await client.core.listProjects();
    expect(projects.map((p) => p.name)).toEqual(['Storefront', 'Platform', 'Sandbox']); // Migration is createPending
    const calls = since(start);
    expect(calls).toHaveLength(3);
    expect(calls[0].query).not.toContain('continuationToken');
    expect(calls[1].query).toMatch(/continuationToken=[^&]+/);
    for (const c of calls) expect(c.query).toMatch(/stateFilter=wellFormed.*\$top=100.*api-version=7\.1$/);
  });

  it('lists repositories org-wide and per project (by id or by name)', async () => {
    const { client } = fakeClient(fake);
    const all = await client.git.listRepositories();
    expect(all.map((r) => r.name).sort()).toEqual(
      ['archived-tools', 'billing-dotnet', 'hostile-samples', 'inventory-service', 'legacy-empty', 'orders-service', 'payments-api', 'platform-infra', 'web-storefront'].sort(),
    );
    const empty = all.find((r) => r.name === 'legacy-empty')!;
    expect(empty.defaultBranch).toBeUndefined();
    expect(empty.size).toBeUndefined(); // the documented minimal shape has no size
    expect(all.find((r) => r.name === 'archived-tools')!.isDisabled).toBe(true);
    const storefront = fake.orgs.contoso.projects.find((p) => p.name === 'Storefront')!;
    const byId = await client.git.listRepositories(storefront.id);
    const byName = await client.git.listRepositories('Storefront');
    expect(byId.map((r) => r.id)).toEqual(byName.map((r) => r.id));
    expect(byId.every((r) => r.project.id === storefront.id)).toBe(true);
    expect(byId).toHaveLength(6);
  });

  it('resolves a branch head by exact name although the filter is starts-with', async () => {
    const { client } = fakeClient(fake);
    const repo = fake.orgs.contoso.repos['web-storefront'];
    const head = await client.git.getBranchHead(repo.projectId, repo.id, 'refs/heads/main');
    expect(head).toBe(fake.orgs.contoso.headSha('web-storefront'));
    const old = await client.git.getBranchHead(repo.projectId, repo.id, 'refs/heads/main-old');
    expect(old).toMatch(/^[0-9a-f]{40}$/);
    expect(old).not.toBe(head);

    // 'refs/heads/ma' matches main and main-old by prefix (two pages of one), but neither exactly.
    const start = fake.requests.length;
    expect(await client.git.getBranchHead(repo.projectId, repo.id, 'refs/heads/ma')).toBeNull();
    const calls = since(start);
    expect(calls).toHaveLength(2);
    expect(calls[1].query).toMatch(/continuationToken=/);

    const empty = fake.orgs.contoso.repos['legacy-empty'];
    expect(await client.git.getBranchHead(empty.projectId, empty.id, 'refs/heads/main')).toBeNull();
  });

  it('reports a disabled repository as not found, with ADO code and message', async () => {
    const { client } = fakeClient(fake);
    const repo = fake.orgs.contoso.repos['archived-tools'];
    const err = await adoErrorOf(client.git.getBranchHead(repo.projectId, repo.id, 'refs/heads/main'));
    expect(err.kind).toBe('not-found');
    expect(err.tfCode).toBe('TF401019');
    expect(err.message).toMatch(/disabled/);
  });

  it('maps 404s with the TF code: unknown project', async () => {
    const { client } = fakeClient(fake);
    const err = await adoErrorOf(client.git.listRepositories('NoSuchProject'));
    expect(err).toMatchObject({ kind: 'not-found', status: 404, tfCode: 'TF200016', path: 'NoSuchProject/_apis/git/repositories' });
    expect(err.message).toContain('NoSuchProject');
  });

  describe('credentials', () => {
    it('the fake answers a bad PAT with the 203 sign-in page unless Suppress is sent (the trap)', async () => {
      const auth = `Basic ${Buffer.from(`:${fake.pats.revoked}`).toString('base64')}`;
      const url = `${fake.orgUrl('contoso')}/_apis/projects?api-version=7.1`;
      const trap = await fetch(url, { headers: { Authorization: auth, Accept: 'application/json' } });
      expect(trap.status).toBe(203);
      expect(trap.headers.get('content-type')).toMatch(/text\/html/);
      expect((await trap.text()).trimStart().startsWith('<')).toBe(true);

      const suppressed = await fetch(url, { headers: { Authorization: auth, Accept: 'application/json', 'X-TFS-FedAuthRedirect': 'Suppress' } });
      expect(suppressed.status).toBe(401);
      expect(suppressed.headers.get('www-authenticate')).toBeTruthy();
      expect((await suppressed.json()).message).toMatch(/^TF400813/);
    });

    it('turns a 203 sign-in page into an auth error (client made to drop the Suppress header)', async () => {
      const stripSuppress: typeof fetch = (input, init) => {
        const headers = new Headers(init?.headers);
        headers.delete('X-TFS-FedAuthRedirect');
        return fetch(input, { ...init, headers });
      };
      const { client } = fakeClient(fake, fake.pats.revoked, { fetchImpl: stripSuppress });
      const err = await adoErrorOf(client.core.listProjects());
      expect(err.kind).toBe('auth');
      expect(err.status).toBe(203);
      expect(err.message).toBe('Azure DevOps rejected the credential (HTTP 203 sign-in page): the PAT is wrong, expired or revoked');
    });

    it('treats an HTML body or an HTML content type on a 200 as the sign-in page too', async () => {
      const html: typeof fetch = async () => new Response('<!DOCTYPE html><html></html>', { status: 200, headers: { 'content-type': 'text/html' } });
      const lying: typeof fetch = async () => new Response('<html>sign in</html>', { status: 200, headers: { 'content-type': 'application/json' } });
      for (const fetchImpl of [html, lying]) {
        const err = await adoErrorOf(fakeClient(fake, undefined, { fetchImpl }).client.core.connectionData());
        expect(err.kind).toBe('auth');
        expect(err.message).toMatch(/rejected the credential \(HTTP 200 sign-in page\)/);
      }
    });

    it('maps a 401 to auth with a clear message that never contains the PAT', async () => {
      const { client } = fakeClient(fake, fake.pats.revoked);
      const err = await adoErrorOf(client.core.connectionData());
      expect(err).toMatchObject({ kind: 'auth', status: 401, tfCode: 'TF400813' });
      expect(err.message).toMatch(/rejected the credential \(HTTP 401: TF400813.*\): the PAT is wrong, expired or revoked/);
      expect(err.message).not.toContain(fake.pats.revoked);
    });

    it("refuses another organization's PAT (fabrikam's PAT on contoso)", async () => {
      const err = await adoErrorOf(fakeClient(fake, fake.pats.fabrikam).client.core.connectionData());
      expect(err.kind).toBe('auth');
      const ok = await fakeClient(fake, fake.pats.fabrikam, { orgUrl: fake.orgUrl('fabrikam') }).client.core.connectionData();
      expect(ok.instanceId).toBe(fake.orgs.fabrikam.id);
    });

    it('names the missing scope on a 403', async () => {
      const { client } = fakeClient(fake, fake.pats.noCode);
      expect((await client.core.listProjects()).length).toBe(3);
      const err = await adoErrorOf(client.git.listRepositories());
      expect(err).toMatchObject({ kind: 'forbidden', status: 403, path: '_apis/git/repositories' });
      expect(err.message).toMatch(/refused to list repositories/);
      expect(err.message).toMatch(/"Code \(Read\)" scope \(vso\.code\)/);
      expect(err.message).not.toContain(fake.pats.noCode);
    });

    it('uses a hub user bearer token: identity and the org-admin permission check', async () => {
      const admin = fakeClient(fake, { kind: 'bearer', token: fake.users.admin.accessToken }).client;
      const dev = fakeClient(fake, { kind: 'bearer', token: fake.users.dev.accessToken }).client;
      const start = fake.requests.length;
      expect((await dev.core.connectionData()).authenticatedUser.id).toBe(fake.users.dev.id);
      expect(await admin.security.hasPermission(COLLECTION_NAMESPACE_ID, COLLECTION_GENERIC_WRITE, COLLECTION_TOKEN)).toBe(true);
      expect(await dev.security.hasPermission(COLLECTION_NAMESPACE_ID, COLLECTION_GENERIC_WRITE, COLLECTION_TOKEN)).toBe(false);
      const calls = since(start);
      expect(calls.map((c) => c.auth)).toEqual(['bearer:dev', 'bearer:admin', 'bearer:dev']);
      expect(calls[1].query).toContain('tokens=NAMESPACE');
      const err = await adoErrorOf(fakeClient(fake, { kind: 'bearer', token: 'not-a-token' }).client.core.connectionData());
      expect(err.kind).toBe('auth');
      expect(err.message).toMatch(/access token/);
    });
  });

  describe('throttling and retries', () => {
    it('waits the Retry-After of a 429 and then succeeds', async () => {
      fake.setRateLimit({ after: 0, retryAfterSeconds: 7 });
      const start = fake.requests.length;
      const { client, sleeps, warnings } = fakeClient(fake);
      const repos = await client.git.listRepositories();
      expect(repos.length).toBe(9);
      expect(sleeps).toEqual([7000]);
      expect(since(start).map((r) => r.status)).toEqual([429, 200]);
      const retry = warnings.find((w) => w.msg === 'Azure DevOps asked to retry');
      expect(retry?.obj).toMatchObject({ status: 429, waitMs: 7000, rateLimitResource: 'ATCPU' });
      expect(retry?.obj).toHaveProperty('activityId', expect.stringMatching(/^[0-9a-f-]{36}$/));
      expect(JSON.stringify(warnings)).not.toContain(fake.pats.full);
    });

    it('honours an HTTP-date Retry-After', async () => {
      let calls = 0;
      const fetchImpl: typeof fetch = async () =>
        ++calls === 1
          ? new Response('{}', { status: 503, headers: { 'retry-after': new Date(FIXED_NOW + 12_000).toUTCString() } })
          : new Response('{"count":0,"value":[]}', { status: 200, headers: { 'content-type': 'application/json' } });
      const { client, sleeps } = fakeClient(fake, undefined, { fetchImpl });
      await client.git.listRepositories();
      expect(sleeps).toEqual([12_000]);
    });

    it('holds back the NEXT request after a 200 that carries Retry-After', async () => {
      fake.setRetryAfterOn200(3);
      const { client, sleeps } = fakeClient(fake);
      await client.core.connectionData();
      expect(sleeps).toEqual([]);
      fake.setRetryAfterOn200(null);
      await client.git.listRepositories();
      expect(sleeps).toEqual([3000]);
      // The wait was served once. The delayed answer also said X-RateLimit-Remaining: 0, so until its
      // reset the requests keep the widest spacing, counted from the previous start.
      await client.git.listRepositories();
      expect(sleeps).toEqual([3000, MAX_SPACING_MS]);
    });

    it('retries 5xx with exponential backoff and gives up after maxRetries', async () => {
      fake.failNext(503, 10);
      const start = fake.requests.length;
      const { client, sleeps } = fakeClient(fake, undefined, { maxRetries: 2 });
      const err = await adoErrorOf(client.core.listProjects());
      expect(err).toMatchObject({ kind: 'server', status: 503 });
      expect(err.message).toMatch(/3 attempts/);
      expect(since(start)).toHaveLength(3);
      expect(sleeps).toEqual([750, 1500]); // random() = 0.5: half the step plus a quarter
    });

    it('recovers when the server comes back within the retries', async () => {
      fake.failNext(500, 2);
      const { client, sleeps } = fakeClient(fake);
      expect((await client.core.listProjects()).length).toBe(3);
      expect(sleeps).toHaveLength(2);
    });

    it("reports 'rate-limited' when every attempt is throttled", async () => {
      fake.failNext(429, 5, 1);
      const { client, sleeps } = fakeClient(fake, undefined, { maxRetries: 1 });
      const err = await adoErrorOf(client.core.connectionData());
      expect(err.kind).toBe('rate-limited');
      expect(sleeps).toEqual([1000]);
    });

    it("retries network failures, then reports 'network'", async () => {
      const port = await new Promise<number>((resolve) => {
        const srv = createServer().listen(0, '127.0.0.1', () => {
          const p = (srv.address() as { port: number }).port;
          srv.close(() => resolve(p));
        });
      });
      const { client, sleeps } = fakeClient(fake, undefined, { orgUrl: `http://127.0.0.1:${port}/contoso`, maxRetries: 2 });
      const err = await adoErrorOf(client.core.listProjects());
      expect(err.kind).toBe('network');
      expect(err.message).toMatch(/ECONNREFUSED/);
      expect(err.message).not.toContain(fake.pats.full);
      expect(sleeps).toHaveLength(2);
    });

    it('never retries a 4xx other than 429', async () => {
      const start = fake.requests.length;
      const { client, sleeps } = fakeClient(fake, fake.pats.noCode);
      await adoErrorOf(client.git.listRepositories());
      expect(since(start)).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });
  });

  describe('zip download', () => {
    const storefront = () => fake.orgs.contoso.repos['web-storefront'];

    it('streams the zip of a commit to a file, and it extracts to the fixture content', async () => {
      const { client } = fakeClient(fake);
      const repo = storefront();
      const sha = (await client.git.getBranchHead(repo.projectId, repo.id, 'refs/heads/main'))!;
      const zipFile = path.join(tmp, 'storefront.zip');
      const start = fake.requests.length;
      const { bytes } = await client.git.downloadRepositoryZip({ projectId: repo.projectId, repoId: repo.id, commitSha: sha, destFile: zipFile, maxBytes: 10_000_000 });
      expect(bytes).toBe(readFileSync(zipFile).length);
      const [req] = since(start);
      for (const part of ['path=%2F', '$format=zip', 'download=true', 'recursionLevel=Full', `versionDescriptor.version=${sha}`, 'versionDescriptor.versionType=commit', 'resolveLfs=true', 'zipForUnix=true', 'api-version=7.1']) {
        expect(req.query).toContain(part);
      }
      const tree = await openZipTree(zipFile, { maxTotalBytes: 10_000_000, maxRatio: 100, maxEntryRatio: 200 });
      try {
        const files = new Map<string, string>();
        for (let e = tree.next(); e !== undefined; e = tree.next()) {
          if ('refused' in e) throw new Error(`refused ${e.path}: ${e.refused.message}`);
          const read = tree.read(e);
          if (!read.ok) throw new Error(`unread ${e.path}: ${read.warning.message}`);
          files.set(e.path, read.content.toString('utf8'));
        }
        const fixture = path.join(__dirname, '../../test/fake-ado/fixtures/repos/contoso/web-storefront');
        expect(files.size).toBe(readdirSync(fixture, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length);
        for (const rel of ['src/config/aws.js', '.npmrc', 'deploy/deploy_key.pem']) {
          expect(files.get(rel)).toBe(readFileSync(path.join(fixture, rel), 'utf8'));
        }
      } finally {
        tree.close();
      }
    });

    it("stops at maxBytes with 'too-large' and leaves no partial file", async () => {
      const { client } = fakeClient(fake);
      const repo = storefront();
      const zipFile = path.join(tmp, 'too-large.zip');
      const err = await adoErrorOf(
        client.git.downloadRepositoryZip({ projectId: repo.projectId, repoId: repo.id, commitSha: fake.orgs.contoso.headSha('web-storefront')!, destFile: zipFile, maxBytes: 500 }),
      );
      expect(err.kind).toBe('too-large');
      expect(existsSync(zipFile)).toBe(false);
    });

    it('reports an unknown commit as not found (TF401175) and leaves no file', async () => {
      const { client } = fakeClient(fake);
      const repo = storefront();
      const zipFile = path.join(tmp, 'unknown.zip');
      const err = await adoErrorOf(
        client.git.downloadRepositoryZip({ projectId: repo.projectId, repoId: repo.id, commitSha: 'a'.repeat(40), destFile: zipFile, maxBytes: 1_000_000 }),
      );
      expect(err).toMatchObject({ kind: 'not-found', tfCode: 'TF401175' });
      expect(existsSync(zipFile)).toBe(false);
    });

    it('never overwrites an existing file', async () => {
      const { client } = fakeClient(fake);
      const repo = storefront();
      const zipFile = path.join(tmp, 'existing.zip');
      writeFileSync(zipFile, 'keep me');
      await expect(
        client.git.downloadRepositoryZip({ projectId: repo.projectId, repoId: repo.id, commitSha: fake.orgs.contoso.headSha('web-storefront')!, destFile: zipFile, maxBytes: 1_000_000 }),
      ).rejects.toMatchObject({ code: 'EEXIST' });
      expect(readFileSync(zipFile, 'utf8')).toBe('keep me');
    });

    it('treats a sign-in page instead of a zip as auth, and removes the file', async () => {
      const signIn: typeof fetch = async () => new Response('<html>sign in</html>', { status: 203, headers: { 'content-type': 'text/html' } });
      const { client } = fakeClient(fake, undefined, { fetchImpl: signIn });
      const repo = storefront();
      const zipFile = path.join(tmp, 'signin.zip');
      const err = await adoErrorOf(
        client.git.downloadRepositoryZip({ projectId: repo.projectId, repoId: repo.id, commitSha: 'b'.repeat(40), destFile: zipFile, maxBytes: 1_000_000 }),
      );
      expect(err.kind).toBe('auth');
      expect(existsSync(zipFile)).toBe(false);
    });
  });
});
