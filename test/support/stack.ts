// The whole product for tests and the demo: the fake ADO organization + the real service on PGlite
// (or PostgreSQL) in a temp dir. Product code only sees the fake's organization URL.
import { randomBytes } from 'node:crypto';
import { startService, type RunningService, type StartOptions } from '../../service/main';
import { createLogger } from '../../service/log';
import { startFakeAdo, type FakeAdo } from '../fake-ado/server';
import { startAdoProxy, type AdoProxy } from './ado-proxy';
import { apiClient, type Api } from './api-client';
import { signAppToken, type AppTokenOptions } from './app-token';
import { makeTestDatabase, type TestDatabase } from './databases';
import { waitFor } from './wait';

export interface StackUser {
  id: string;
  displayName: string;
  accessToken: string;
}

export interface Stack {
  service: RunningService;
  serviceUrl: string;
  fakeAdo: FakeAdo;
  /** With `adoProxy`: the proxy the service reaches the fake through (it can hold downloads). */
  proxy?: AdoProxy;
  appSecret: string;
  org: { name: string; url: string };
  users: FakeAdo['users'];
  /** A Marketplace-style app token (HS256) for a user, as SDK.getAppToken() returns it; another secret, audience or lifetime on demand. */
  appToken(user: StackUser, opts?: AppTokenOptions & { secret?: string }): string;
  /** Call /api/v1 as a hub page would. */
  api: Api;
  /** Connect contoso with the full PAT as its admin, then wait until every scannable repo is scanned. */
  connectAndScan(): Promise<void>;
  waitForScans(orgName?: string, timeoutMs?: number): Promise<any[]>;
  /** Every log line the service wrote (at debug level), when started with captureLogs. */
  logs: string[];
  stop(): Promise<void>;
}

export interface StackOptions {
  database?: 'pglite' | 'postgres';
  env?: Record<string, string>;
  port?: number;
  logLevel?: string;
  /** Keep every log line (debug level) in Stack.logs, to check what the service writes. */
  captureLogs?: boolean;
  /** Put a proxy that can hold repository downloads (ado-proxy.ts) between the service and the fake. */
  adoProxy?: boolean;
  /** How secret verification reaches providers (test/fake-providers/transport.ts); the service's own otherwise. */
  verifyTransport?: StartOptions['verifyTransport'];
}

/**
 * Under jest the JavaScript code analyser lints in the calling thread (service/engine/code/javascript/
 * pool.ts), and its first use loads ESLint and the TypeScript parser through jest's module registry:
 * many seconds with the event loop blocked, which the in-process service's keep-alive sockets do not
 * survive (ECONNRESET in the test's next request). The code analysers are loaded before the service starts.
 */
async function warmCodeAnalysers(): Promise<void> {
  if (process.env.JEST_WORKER_ID === undefined) return;
  const { scanFiles } = await import('../../service/engine/scan');
  const { codeScanners } = await import('../../service/engine/code/analyzers');
  const files = [
    { path: 'warm/app.py', content: 'import os\nprint(os.getcwd())\n' },
    { path: 'warm/app.ts', content: 'export const port: number = Number(process.env.PORT);\n' },
    { path: 'warm/app.js', content: "module.exports = require('./app.ts');\n" },
    { path: 'warm/App.cs', content: 'public class App { public static void Main() { } }\n' },
  ];
  await scanFiles(files, { scanners: codeScanners });
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  await warmCodeAnalysers();
  const fakeAdo = await startFakeAdo();
  const proxy = opts.adoProxy ? await startAdoProxy(fakeAdo.url) : undefined;
  const adoUrl = proxy?.url ?? fakeAdo.url;
  const db: TestDatabase = await makeTestDatabase(opts.database ?? 'pglite');
  const appSecret = randomBytes(32).toString('base64url');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    PORT: String(opts.port ?? 0),
    HOST: '127.0.0.1',
    VIGIL_DATA_DIR: db.dataDir,
    VIGIL_APP_SECRET: appSecret,
    VIGIL_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    VIGIL_ADO_BASE_URL: adoUrl,
    // The fake also serves Entra ID's token endpoint (test/fake-ado/routes/entra-token.ts).
    VIGIL_ENTRA_AUTHORITY: fakeAdo.url,
    VIGIL_QUEUE_SCHEMA: db.bossSchema,
    VIGIL_SHUTDOWN_TIMEOUT_MS: '10000',
    // Tests never reach the real OSV bucket or package registries (a test that wants them points these at test/fake-osv).
    VIGIL_ADVISORY_CRON: 'off',
    VIGIL_PACKAGE_METADATA: 'off',
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    ...opts.env,
  };
  const logs: string[] = [];
  const logger = opts.captureLogs
    ? createLogger('debug', { write: (line: string) => void logs.push(line) })
    : createLogger(opts.logLevel ?? process.env.VIGIL_TEST_LOG ?? 'silent');
  let service: RunningService;
  try {
    service = await startService({ env, logger, ...(opts.verifyTransport ? { verifyTransport: opts.verifyTransport } : {}) });
  } catch (err) {
    await proxy?.close();
    await fakeAdo.close();
    await db.cleanup();
    throw err;
  }
  const org = { name: 'contoso', url: `${adoUrl}/contoso` };

  const appToken: Stack['appToken'] = (user, o = {}) => signAppToken(o.secret ?? appSecret, user.id, o);
  const api = apiClient(() => service.url, appSecret);

  const waitForScans: Stack['waitForScans'] = async (orgName = 'contoso', timeoutMs = 60_000) => {
    let seen: any[] = [];
    return waitFor(
      () => `the scans to finish: ${JSON.stringify(seen.map((r) => [r.name, r.scanState]))}`,
      async () => {
        const res = await api(fakeAdo.users.admin, 'GET', '/api/v1/repositories?limit=200', undefined, orgName);
        if (res.status !== 200) throw new Error(`repositories: ${res.status} ${JSON.stringify(res.body)}`);
        seen = res.body.items as any[];
        const scannable = seen.filter((r) => !r.skipReason);
        return scannable.length > 0 && scannable.every((r) => r.scanState === 'done' || r.scanState === 'failed') && seen;
      },
      timeoutMs,
      250,
    );
  };

  return {
    service,
    serviceUrl: service.url,
    fakeAdo,
    proxy,
    appSecret,
    org,
    users: fakeAdo.users,
    appToken,
    api,
    waitForScans,
    logs,
    connectAndScan: async () => {
      const res = await api(fakeAdo.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: org.url, pat: fakeAdo.pats.full });
      if (res.status !== 201) throw new Error(`connect failed: ${res.status} ${JSON.stringify(res.body)}`);
      await waitForScans();
    },
    stop: async () => {
      await service.stop();
      await proxy?.close();
      await fakeAdo.close();
      await db.cleanup();
    },
  };
}
