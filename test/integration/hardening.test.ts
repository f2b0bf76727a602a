// Regression tests of issue 10, items 5 and 7, through the real service and the fake ADO: bad input
// gets a problem+json 400 (never a 500), rights are not leaked through /organization or through 403s
// that tell a hidden repository from a missing one, app tokens are checked for their audience and
// lifetime, and connect reaches only the hosts it may, without hanging on a dead one.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { organizationDtoSchema, pagedSchema, repositoryDtoSchema, findingDtoSchema, scanDtoSchema, type Problem } from '../../service/contract/api';
import { databaseKinds } from '../support/databases';
import { startStack, type Stack, type StackUser } from '../support/stack';
import { waitFor } from '../support/wait';
import { contractApi, problemViolation } from './contract';

const findingsPage = pagedSchema(findingDtoSchema);
const repositoriesPage = pagedSchema(repositoryDtoSchema);
const scansPage = pagedSchema(scanDtoSchema);

/** A project no fake ADO user can see: the repository moved there is hidden from non-admins. */
const HIDDEN_PROJECT = { id: '0b5e7c1e-0000-4000-8000-00000000beef', name: 'Hidden' };
const UNKNOWN_REPO = 'ffffffff-0000-4000-8000-000000000404';
const UNKNOWN_FINDING = 'ffffffff-0000-4000-8000-0000000f0404';
/** A cursor the service never issues: offset 1e20, beyond PostgreSQL's bigint. */
const HUGE_CURSOR = Buffer.from(JSON.stringify({ o: 1e20 })).toString('base64url');
/** The connect verification timeout these tests start the service with (VIGIL_ADO_CONNECT_TIMEOUT_MS). */
const CONNECT_TIMEOUT_MS = 1500;
/** Well above what any answer takes here, well below what the defects took (7.5 s of retries, 100 s per request). */
const DEADLINE_MS = 5000;

describe.each(databaseKinds)('API hardening on %s', (kind) => {
  let stack: Stack;
  let api: ReturnType<typeof contractApi>;
  let hiddenRepo: { id: string; name: string };
  let hiddenFindingId: string;

  /** A raw call with the given app token, ended by the client after `timeoutMs`. */
  const call = async (user: StackUser, method: string, path: string, opts: { token?: string; body?: unknown; timeoutMs?: number } = {}) => {
    const res = await fetch(stack.serviceUrl + path, {
      method,
      headers: {
        Authorization: `Bearer ${opts.token ?? stack.appToken(user)}`,
        'X-Vigil-Access-Token': user.accessToken,
        'X-Vigil-Org': 'contoso',
        ...(opts.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.json() };
  };
  /** A problem+json answer by the contract, with its own status. */
  const problemOf = (res: { status: number; contentType: string; body: unknown }): Problem => {
    expect(problemViolation(res.status, res.contentType, res.body)).toBeUndefined();
    return res.body as Problem;
  };

  beforeAll(async () => {
    stack = await startStack({ database: kind, env: { VIGIL_ADO_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS) } });
    api = contractApi(stack);
    await stack.connectAndScan();

    // payments-api moves to a project that no fake ADO user can list, with its findings; the last
    // discovery failed with an error only administrators should read (set after the admin's caller
    // was cached by connectAndScan: /organization must still show it).
    const { db } = stack.service.context.store;
    // The first discovery records its end after it queued the scans: wait for it, so that it neither
    // moves the repository back nor clears the error set below.
    await waitFor('the first discovery to finish', async () => {
      const org = await db.selectFrom('organizations').select('last_discovery_at').executeTakeFirst();
      return Boolean(org?.last_discovery_at);
    }, 30_000);
    const repo = stack.fakeAdo.orgs.contoso.repos['payments-api'];
    hiddenRepo = { id: repo.id, name: repo.name };
    await db.updateTable('repositories').set({ project_id: HIDDEN_PROJECT.id, project_name: HIDDEN_PROJECT.name }).where('repo_id', '=', repo.id).execute();
    await db.updateTable('findings').set({ project_id: HIDDEN_PROJECT.id }).where('repo_id', '=', repo.id).execute();
    await db.updateTable('organizations').set({ last_discovery_error: 'Azure DevOps rejected the PAT: TF400813' }).execute();
    const finding = await db.selectFrom('findings').select('finding_id').where('repo_id', '=', repo.id).executeTakeFirstOrThrow();
    hiddenFindingId = finding.finding_id;
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  describe('bad input is a 400 problem, never a 500', () => {
    test.each([
      ['findings', `/api/v1/findings?cursor=${HUGE_CURSOR}`],
      ['grouped findings', `/api/v1/findings?group=credential&cursor=${HUGE_CURSOR}`],
      ['repositories', `/api/v1/repositories?cursor=${HUGE_CURSOR}`],
      ['scans', `/api/v1/scans?cursor=${HUGE_CURSOR}`],
    ])('a cursor decoding to offset 1e20 on %s', async (_what, path) => {
      const res = await api.problem(stack.users.admin, 'GET', path);
      expect(res.status).toBe(400);
      expect(res.body.type).toMatch(/bad-cursor$/);
      expect(res.body.detail).toMatch(/cursor is not valid/);
    });

    test.each([
      ['project', 'GET', '/api/v1/repositories?project=Store%00front', undefined],
      ['project', 'GET', '/api/v1/findings?project=%00', undefined],
      ['repository', 'GET', '/api/v1/findings?repository=a%00b', undefined],
      ['repository', 'GET', '/api/v1/scans?repository=%00', undefined],
      ['repositoryId', 'POST', '/api/v1/scans', { repositoryId: 'repo\u0000id' }],
    ])('a NUL byte in %s (%s %s)', async (field, method, path, body) => {
      const res = await api.problem(stack.users.admin, method, path, body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: field, message: expect.stringMatching(/control character/) }]);
    });

    test.each([
      ['CR/LF', '\r\nX-Injected: yes'],
      ['LF', '\nmore'],
      ['a NUL byte', '\u0000'],
    ])('a PAT containing %s', async (_what, tail) => {
      const pat = stack.fakeAdo.pats.full.slice(0, 20) + tail + stack.fakeAdo.pats.full.slice(20);
      const res = await api.problem(stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'pat', message: expect.stringMatching(/spaces, line breaks or control characters/) }]);
    });

    test('a NUL byte in a dismissal comment; a date that does not exist as expiry', async () => {
      const id = hiddenFindingId;
      const nul = await api.problem(stack.users.admin, 'PUT', `/api/v1/findings/${id}/dismissal`, { reason: 'false-positive', comment: 'see \u0000 ticket' });
      expect(nul.status).toBe(400);
      expect(nul.body.errors).toEqual([{ path: 'comment', message: expect.stringMatching(/control character/) }]);
      const feb30 = await api.problem(stack.users.admin, 'PUT', `/api/v1/findings/${id}/dismissal`, { reason: 'false-positive', expires: '2999-02-30' });
      expect(feb30.status).toBe(400);
      expect(feb30.body.errors).toEqual([{ path: 'expires', message: expect.stringMatching(/date/) }]);
    });

    test.each([
      ['in the organization', '/%E0%A4%A'],
      ['before the organization', '/%/contoso'],
    ])('an organization URL with a broken %%-escape %s', async (_where, path) => {
      const res = await api.problem(stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.fakeAdo.url + path, pat: stack.fakeAdo.pats.full });
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/organization URL has a broken %-escape/);
    });

    test('an organization URL where no organization answers', async () => {
      const res = await api.problem(stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: `${stack.fakeAdo.url}/nowhere/contoso`, pat: stack.fakeAdo.pats.full });
      expect(res.status).toBe(400);
      expect(res.body.type).toMatch(/org-not-found$/);
    });
  });

  describe('requests Node refuses before the app', () => {
    /** One raw HTTP exchange, so headers of any size leave the client as they are. */
    async function raw(request: string): Promise<{ status: number; type: string; body: string }> {
      const { port } = new URL(stack.serviceUrl);
      const reply = await new Promise<string>((resolve, reject) => {
        let data = '';
        const socket = connect(Number(port), '127.0.0.1', () => socket.end(request));
        socket.on('data', (c) => (data += c.toString('utf8')));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      const [head, body = ''] = reply.split('\r\n\r\n');
      return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), type: /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '', body };
    }

    test('a request head over 16 KB gets a 431 problem+json, and a malformed request a 400 one', async () => {
      const big = await raw(`GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(big.status).toBe(431);
      expect(big.type).toBe('application/problem+json');
      expect(problemViolation(big.status, big.type, JSON.parse(big.body))).toBeUndefined();
      expect(JSON.parse(big.body)).toMatchObject({ status: 431, title: 'Request Header Fields Too Large' });
      const junk = await raw('NOT HTTP AT ALL\r\n\r\n');
      expect(junk.status).toBe(400);
      expect(problemViolation(junk.status, junk.type, JSON.parse(junk.body))).toBeUndefined();
    });
  });

  describe('rights', () => {
    test('GET /organization shows a non-admin only what their projects show', async () => {
      const { admin, dev } = stack.users;
      const all = (await api.ok(organizationDtoSchema, admin, 'GET', '/api/v1/organization')).body;
      const total = (await api.ok(repositoriesPage, admin, 'GET', '/api/v1/repositories?limit=200')).body.total;
      expect(all.repositoryCount).toBe(total);
      expect(all.lastDiscoveryError).toMatch(/TF400813/);

      const mine = (await api.ok(organizationDtoSchema, dev, 'GET', '/api/v1/organization')).body;
      expect(mine.repositoryCount).toBe(total - 1);
      expect(mine.lastDiscoveryError).toBeUndefined();
      expect(mine).toMatchObject({ id: all.id, name: all.name });
    });

    test('a non-admin gets the same 404 for an unknown repository and for one they cannot see', async () => {
      const { admin, dev } = stack.users;
      for (const route of ['/api/v1/scans?repository=', '/api/v1/findings?repository=']) {
        const unknown = await api.problem(dev, 'GET', route + UNKNOWN_REPO);
        const hidden = await api.problem(dev, 'GET', route + hiddenRepo.id);
        expect({ route, status: unknown.status }).toEqual({ route, status: 404 });
        expect({ route, hidden: hidden.body }).toEqual({ route, hidden: unknown.body });
        // An administrator still reads it.
        await api.ok(route.includes('scans') ? scansPage : findingsPage, admin, 'GET', route + hiddenRepo.id);
      }
      const unknownFinding = await api.problem(dev, 'GET', `/api/v1/findings/${UNKNOWN_FINDING}`);
      const hiddenFinding = await api.problem(dev, 'GET', `/api/v1/findings/${hiddenFindingId}`);
      expect(unknownFinding.status).toBe(404);
      expect(hiddenFinding.body).toEqual(unknownFinding.body);
      await api.ok(findingDtoSchema, admin, 'GET', `/api/v1/findings/${hiddenFindingId}`);
    });
  });

  describe('app tokens', () => {
    test('a token for another audience, or for none, is refused', async () => {
      const { admin } = stack.users;
      for (const audience of ['another-publisher.another-extension', '560de67c-a2e8-408a-86ae-be7ea6bd0b7a', null]) {
        const res = await call(admin, 'GET', '/api/v1/me', { token: stack.appToken(admin, { audience }) });
        expect({ audience, status: res.status }).toEqual({ audience, status: 401 });
        expect(problemOf(res).detail).toMatch(/audience/);
      }
      expect((await call(admin, 'GET', '/api/v1/me')).status).toBe(200);
    });

    test('a token that lives far longer than Azure DevOps issues them is refused', async () => {
      const { admin } = stack.users;
      const res = await call(admin, 'GET', '/api/v1/me', { token: stack.appToken(admin, { expiresInSeconds: 10 * 365 * 24 * 3600 }) });
      expect(res.status).toBe(401);
      expect(problemOf(res).detail).toMatch(/lifetime|expiry/);
    });
  });

  describe('connect reaches only allowed hosts, and gives up quickly', () => {
    const connect = (organizationUrl: string) =>
      call(stack.users.admin, 'POST', '/api/v1/organization/connect', { body: { organizationUrl, pat: stack.fakeAdo.pats.full }, timeoutMs: DEADLINE_MS });

    test.each([
      ['http to a host that is not loopback', 'http://vigil-test.invalid/contoso'],
      ['https to a host that is not Azure DevOps', 'https://vigil-test.invalid/contoso'],
      ['https to an internal address and port', 'https://10.0.0.1:8443/contoso'],
      ['another port of Azure DevOps Services', 'https://contoso.visualstudio.com:8443'],
    ])('%s is refused before any request', async (_what, url) => {
      const res = await connect(url);
      expect(res.status).toBe(400);
      const p = problemOf(res);
      expect(p.type).toMatch(/url-not-allowed$/);
      expect(p.detail).toMatch(/VIGIL_ADO_ALLOWED_HOSTS/);
    });

    test('a closed port answers with a problem at once, without retries', async () => {
      const port = await freePort();
      const res = await connect(`http://127.0.0.1:${port}/contoso`);
      expect(res.status).toBe(502);
      expect(problemOf(res).type).toMatch(/ado-unreachable$/);
    });

    test('a server that accepts and never answers is given up after the connect timeout', async () => {
      const hung = await silentServer();
      try {
        const res = await connect(`http://127.0.0.1:${hung.port}/contoso`);
        expect(res.status).toBe(502);
        expect(problemOf(res).type).toMatch(/ado-unreachable$/);
        expect(hung.connections()).toBe(1);
      } finally {
        await hung.close();
      }
    });
  });
});

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** A TCP server that accepts connections and never says a word. */
async function silentServer(): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const s: Server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return {
    port: (s.address() as AddressInfo).port,
    connections: () => sockets.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        s.close(() => resolve());
      }),
  };
}
