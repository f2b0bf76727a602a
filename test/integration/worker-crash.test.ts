// Issue 10, item 2: workers in child processes, killed with SIGKILL in the middle of scans and stopped
// with SIGTERM during a download. Their scans are recorded as interrupted and taken over (within the
// lease on PostgreSQL, at start-up on PGlite), their temp folders are swept, the download is aborted,
// and the findings end up exactly as one clean scan leaves them: none lost, none duplicated, none
// marked fixed. Short leases (2 s) and shutdown timeouts (1 s) keep it to seconds.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { ownerOf } from '../../service/jobs/scan-temp';
import type { Database } from '../../service/store/schema';
import { startAdoProxy, type AdoProxy } from '../support/ado-proxy';
import { databaseKinds, makeTestDatabase, type TestDatabase } from '../support/databases';
import { auditFindings, auditRows } from '../support/planted';
import { apiClient, type Api, type ApiUser } from '../support/api-client';
import { spawnService, stopService, type ServiceProcess } from '../support/processes';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';
import { startFakeAdo, type FakeAdo } from '../fake-ado/server';

const SCANNABLE = ['web-storefront', 'payments-api', 'orders-service', 'inventory-service', 'billing-dotnet', 'platform-infra', 'hostile-samples'];
const FAST = { VIGIL_SCAN_LEASE_SECONDS: '2', VIGIL_SHUTDOWN_TIMEOUT_MS: '1000', VIGIL_SCAN_CONCURRENCY: '2', VIGIL_LOG_LEVEL: 'info' };

/** Scan temp folders under `dir` owned by process `pid`. */
const foldersOf = (dir: string, pid: number) => readdirSync(dir).filter((name) => ownerOf(name)?.pid === pid);

/** Every scannable contoso repository done, with no scan running or queued. */
async function allDone(db: Kysely<Database>): Promise<boolean> {
  const repos = await db.selectFrom('repositories').select(['name', 'scan_state']).where('skip_reason', 'is', null).execute();
  const busy = await db.selectFrom('scans').select('scan_id').where('state', 'in', ['queued', 'running']).execute();
  return repos.length === SCANNABLE.length && repos.every((r) => r.scan_state === 'done') && busy.length === 0;
}

/** A scan's state and what it found new or fixed, read from the database or the API. */
interface RescanFigures {
  state: string;
  findingsNew?: number | null;
  findingsFixed?: number | null;
}

/**
 * One more scan of everything finds nothing new and fixes nothing: the stored findings are exactly a
 * clean scan's. `scansSince` reads the scans queued since a moment (from the database, or through the
 * API when the service runs in a child process).
 */
async function expectSteadyState(api: Api, admin: ApiUser, scansSince: (since: Date) => Promise<RescanFigures[]>) {
  const since = new Date();
  expect((await api(admin, 'POST', '/api/v1/scans', {})).body).toMatchObject({ queued: SCANNABLE.length });
  const rescans = await waitFor('the steady-state rescan', async () => {
    const rows = await scansSince(since);
    return rows.length === SCANNABLE.length && rows.every((r) => r.state === 'done') && rows;
  });
  for (const r of rescans) expect({ new: r.findingsNew, fixed: r.findingsFixed }).toEqual({ new: 0, fixed: 0 });
}

describe('worker processes on PostgreSQL, killed and stopped during scans', () => {
  const run = databaseKinds.includes('postgres') ? test : test.skip;
  let stack: Stack;
  let tmpDir: string;
  const workers: ServiceProcess[] = [];

  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    stack?.proxy?.release();
    await stack?.stop();
    if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  }, 60_000);

  run('kill -9 of a worker holding two scans or a discovery: another worker takes them over; SIGTERM during a download re-queues it', async () => {
    stack = await startStack({ database: 'postgres', adoProxy: true, env: { VIGIL_ROLE: 'web' } });
    tmpDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-crash-test-'));
    const { config } = stack.service;
    const workerEnv = {
      ...FAST,
      VIGIL_ROLE: 'worker',
      DATABASE_URL: config.databaseUrl!,
      VIGIL_QUEUE_SCHEMA: config.queueSchema,
      VIGIL_ENCRYPTION_KEY: config.encryptionKey.toString('base64'),
      VIGIL_APP_SECRET: stack.appSecret,
      VIGIL_ADO_BASE_URL: stack.proxy!.url,
      VIGIL_DATA_DIR: path.join(tmpDir, 'data'),
      VIGIL_TMP_DIR: path.join(tmpDir, 'scans'),
    };
    const spawnWorker = async () => {
      const w = await spawnService(workerEnv);
      workers.push(w);
      return w;
    };
    const db = stack.service.context.store.db;
    const { admin } = stack.users;
    const proxy = stack.proxy!;
    const scansDir = workerEnv.VIGIL_TMP_DIR;

    const [a, b] = await Promise.all([spawnWorker(), spawnWorker()]);
    proxy.hold('*');
    expect((await stack.api(admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.full })).status).toBe(201);
    await proxy.waitForHeld(4);

    // Each worker holds two scans, both in their download.
    const claims = await db.selectFrom('scan_requests').select(['running_scan_id', 'claimed_by']).where('running_scan_id', 'is not', null).execute();
    const pidOf = (claimedBy: string | null) => Number(claimedBy!.split('/')[1]);
    const victimScans = claims.filter((c) => pidOf(c.claimed_by) === a.pid).map((c) => c.running_scan_id!);
    expect(victimScans).toHaveLength(2);
    expect(foldersOf(scansDir, a.pid)).toHaveLength(2);

    a.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');
    proxy.release();
    await waitFor('every repository scanned after the kill', () => allDone(db), 60_000);

    // The victim's scans: recorded as interrupted, their repositories scanned by the survivor.
    const victims = await db.selectFrom('scans').select(['scan_id', 'repo_id', 'state', 'error']).where('scan_id', 'in', victimScans).execute();
    for (const v of victims) {
      expect(v.state).toBe('interrupted');
      expect(v.error).toMatch(/^Interrupted: the worker running it stopped renewing its lease .*; queued again$/);
      const after = await db.selectFrom('scans').select('state').where('repo_id', '=', v.repo_id).where('scan_id', '!=', v.scan_id).execute();
      expect(after.map((s) => s.state)).toEqual(['done']);
    }
    // The survivor swept the dead worker's temp folders when it reaped its claims.
    expect(foldersOf(scansDir, a.pid)).toEqual([]);
    expect(await auditFindings(db, 'contoso', SCANNABLE)).toMatchObject({ lost: [], duplicated: [], fixed: [] });

    // SIGTERM during a download: the download is aborted, the scan recorded as interrupted and queued again.
    const target = stack.fakeAdo.orgs.contoso.repos['payments-api'];
    proxy.hold(target.id);
    const asked = await stack.api(admin, 'POST', '/api/v1/scans', { repositoryId: target.id });
    const interruptedId = asked.body.scans[0].id as string;
    const [download] = await proxy.waitForHeld(1);
    b.kill('SIGTERM');
    expect(await b.exited).toEqual({ code: 0, signal: null });
    await download.closed;
    expect(proxy.aborted).toContain(target.id);
    const interrupted = await db.selectFrom('scans').select(['state', 'error']).where('scan_id', '=', interruptedId).executeTakeFirstOrThrow();
    expect(interrupted).toEqual({ state: 'interrupted', error: 'Interrupted by a service shutdown; queued again' });
    const repo = await db.selectFrom('repositories').select(['scan_state', 'last_scan_id']).where('repo_id', '=', target.id).executeTakeFirstOrThrow();
    expect(repo.scan_state).toBe('queued');
    const requeued = await db.selectFrom('scans').select('state').where('scan_id', '=', repo.last_scan_id!).executeTakeFirstOrThrow();
    expect(requeued.state).toBe('queued');
    expect(foldersOf(scansDir, b.pid)).toEqual([]);

    // A new worker takes it.
    proxy.release();
    const c = await spawnWorker();
    await waitFor('the re-queued scan', () => allDone(db), 60_000);

    // kill -9 during a discovery (held in its listing of the repositories): another worker runs it again.
    const d = await spawnWorker();
    const before = await db.selectFrom('organizations').select('last_discovery_at').executeTakeFirstOrThrow();
    proxy.holdPath(/\/contoso\/_apis\/git\/repositories$/);
    expect((await stack.api(admin, 'POST', '/api/v1/discover', {})).body).toEqual({ queued: 1 });
    await proxy.waitForHeld(1);
    const running = await db.selectFrom('discovery_requests').select('claimed_by').where('claim_token', 'is not', null).executeTakeFirstOrThrow();
    const [discoverer, survivor] = pidOf(running.claimed_by) === c.pid ? [c, d] : [d, c];
    expect(pidOf(running.claimed_by)).toBe(discoverer.pid);
    discoverer.kill('SIGKILL');
    await discoverer.exited;
    proxy.release();
    await waitFor('the discovery run again by the other worker', async () => {
      const org = await db.selectFrom('organizations').select('last_discovery_at').executeTakeFirstOrThrow();
      const req = await db.selectFrom('discovery_requests').select(['pending_since', 'claim_token']).executeTakeFirstOrThrow();
      return new Date(org.last_discovery_at!).getTime() > new Date(before.last_discovery_at!).getTime() && req.pending_since === null && req.claim_token === null;
    }, 60_000);

    // One more scan of everything changes nothing.
    await expectSteadyState(stack.api, admin, (since) =>
      db.selectFrom('scans').select(['state', 'findings_new as findingsNew', 'findings_fixed as findingsFixed']).where('queued_at', '>=', since).execute(),
    );
    expect(await auditFindings(db, 'contoso', SCANNABLE)).toMatchObject({ lost: [], duplicated: [], fixed: [] });
    await stopService(survivor);
    expect(readdirSync(scansDir)).toEqual([]);
  }, 120_000);
});

describe('the embedded service (PGlite) killed and stopped during scans', () => {
  let fake: FakeAdo;
  let proxy: AdoProxy;
  let tdb: TestDatabase;
  let child: ServiceProcess | undefined;

  afterAll(async () => {
    child?.kill('SIGKILL');
    await child?.exited;
    proxy?.release();
    await proxy?.close();
    await fake?.close();
    await tdb?.cleanup();
  }, 60_000);

  test('kill -9 during two scans: the restart sweeps their folders and scans again; SIGTERM during a download re-queues it', async () => {
    fake = await startFakeAdo();
    proxy = await startAdoProxy(fake.url);
    tdb = await makeTestDatabase('pglite');
    const appSecret = randomBytes(32).toString('base64url');
    const scansDir = path.join(tdb.dataDir, 'scans');
    const env = {
      ...FAST,
      PORT: '0',
      HOST: '127.0.0.1',
      VIGIL_ROLE: 'all',
      VIGIL_DATA_DIR: tdb.dataDir,
      VIGIL_QUEUE_SCHEMA: tdb.bossSchema,
      VIGIL_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      VIGIL_APP_SECRET: appSecret,
      VIGIL_ADO_BASE_URL: proxy.url,
      VIGIL_TMP_DIR: scansDir,
      VIGIL_SERVE_WEB: 'false',
    };
    const api = apiClient(() => child!.url!, appSecret);
    const { admin } = fake.users;
    type ScanItem = { id: string; repositoryId: string; state: string; error?: string; queuedAt: string; findingsNew?: number; findingsFixed?: number };
    const scanList = async () => (await api(admin, 'GET', '/api/v1/scans?limit=100')).body.items as ScanItem[];
    /** Every finding, in every state, as the audit reads them. */
    const apiFindings = async () => {
      const res = await api(admin, 'GET', '/api/v1/findings?limit=200&category=secret&state=open,fixed,dismissed,suppressed');
      expect(res.status).toBe(200);
      return (res.body.items as { repositoryName: string; ruleId: string; location: unknown; state: string }[]).map((f) => ({
        repo: f.repositoryName,
        rule_id: f.ruleId,
        location: f.location,
        state: f.state,
      }));
    };
    const repoStates = async () => {
      const res = await api(admin, 'GET', '/api/v1/repositories?limit=200');
      return (res.body.items as { name: string; scanState: string; skipReason?: string }[]).filter((r) => !r.skipReason);
    };
    const apiAllDone = async () => {
      const repos = await repoStates();
      return repos.length === SCANNABLE.length && repos.every((r) => r.scanState === 'done');
    };

    child = await spawnService(env);
    proxy.hold('*');
    expect((await api(admin, 'POST', '/api/v1/organization/connect', { organizationUrl: `${proxy.url}/contoso`, pat: fake.pats.full })).status).toBe(201);
    await proxy.waitForHeld(2);
    const victim = child;
    const runningScans = (await scanList()).filter((s) => s.state === 'running').map((s) => s.id);
    expect(runningScans).toHaveLength(2);
    expect(foldersOf(scansDir, victim.pid)).toHaveLength(2);

    victim.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    proxy.release();
    // The dead process left its folders; the restart removes them before it starts scanning.
    expect(foldersOf(scansDir, victim.pid)).toHaveLength(2);
    child = await spawnService(env);
    expect(foldersOf(scansDir, victim.pid)).toEqual([]);
    await waitFor('every repository scanned after the restart', apiAllDone, 60_000);
    const scans = await scanList();
    for (const id of runningScans) {
      expect(scans.find((s) => s.id === id)).toMatchObject({ state: 'interrupted', error: 'Interrupted: Vigil stopped while the scan ran; queued again' });
    }

    // SIGTERM during a download.
    const target = fake.orgs.contoso.repos['platform-infra'];
    proxy.hold(target.id);
    const asked = await api(admin, 'POST', '/api/v1/scans', { repositoryId: target.id });
    const interruptedId = asked.body.scans[0].id as string;
    const [download] = await proxy.waitForHeld(1);
    const stopped = child;
    stopped.kill('SIGTERM');
    expect(await stopped.exited).toEqual({ code: 0, signal: null });
    child = undefined;
    await download.closed;
    expect(proxy.aborted).toContain(target.id);
    expect(foldersOf(scansDir, stopped.pid)).toEqual([]);

    // The next start takes the re-queued scan (its download held again, to look at it first).
    child = await spawnService(env);
    await proxy.waitForHeld(1);
    const afterRestart = (await scanList()).filter((s) => s.repositoryId === target.id);
    expect(afterRestart.find((s) => s.id === interruptedId)).toMatchObject({ state: 'interrupted', error: 'Interrupted by a service shutdown; queued again' });
    expect(afterRestart.filter((s) => s.state === 'running')).toHaveLength(1);
    proxy.release();
    await waitFor('the re-queued scan', apiAllDone, 60_000);
    // One more scan of everything changes nothing (the service stays up: read through the API).
    await expectSteadyState(api, admin, async (since) => (await scanList()).filter((s) => new Date(s.queuedAt).getTime() >= since.getTime()));
    expect(auditRows(await apiFindings(), 'contoso', SCANNABLE)).toMatchObject({ lost: [], duplicated: [], fixed: [] });
    await stopService(child);
    child = undefined;
    expect(readdirSync(scansDir)).toEqual([]);
  }, 120_000);
});
