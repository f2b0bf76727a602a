// Webhook load benchmark (`npm run bench:events`), issue 14 §7. Measured, not asserted.
//
// 200 generated repositories (4 projects of 50) in the fake ADO's contoso, served behind ADO's rate limit
// (200 TSTU per sliding 5 minutes, test/bench/posture/cost.ts), and the compiled service on PostgreSQL as
// one web process (with VIGIL_PUBLIC_URL, so connect subscribes to service hooks in the fake) and two
// worker processes. After the first scans drained, EVENTS (1,000) webhook deliveries arrive within
// SECONDS (10): EVENTS x 0.8 pushes to the default branches of random repositories (the fake delivers
// each git.push to the receiver, as ADO does) and EVENTS x 0.2 redeliveries of earlier events with the
// same id (ADO's retries). Reported: accept latency p50/p95/p99 of the receiver (timed around the fake's
// delivery calls, target p99 < 50 ms), answers by outcome, time until every push is scanned, duplicate
// scans (two scans of one repository at the same head, target 0), scans per repository against pushes,
// ADO requests sent and 429s answered during the burst (target 0), peak RSS per process.
//
// Settings: EVENTS (1000), SECONDS (10), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test;
// schemas of its own, dropped at the end), BENCH_KEEP=1 keeps the work folder (fixtures, logs).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { ensureServiceCompiled, REPO } from '../compiled';
import { generateOrganizations, pick } from '../generated-orgs';
import { requestCost } from '../posture/cost';
import { startFakeAdo, type FakeAdo } from '../../fake-ado/server';
import { apiClient } from '../../support/api-client';
import { spawnService, type ServiceProcess } from '../../support/processes';

const EVENTS = Number(process.env.EVENTS ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 10);
const BASE_DB_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REPOSITORIES = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);
const ms1 = (n: number) => n.toFixed(1);

function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** A port nobody listens on now: the web process needs it before it starts (VIGIL_PUBLIC_URL). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Times every delivery the fake makes to a Vigil receiver (the fake POSTs with the global fetch). */
function timeReceiverCalls(): { latencies: number[]; outcomes: Map<string, number> } {
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  const original = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.includes('/hooks/ado/')) return original(input, init);
    const t0 = performance.now();
    const res = await original(input, init);
    const body = await res.clone().text();
    latencies.push(performance.now() - t0);
    let outcome = String(res.status);
    try {
      outcome = `${res.status} ${(JSON.parse(body) as { outcome?: string }).outcome ?? ''}`.trim();
    } catch {
      /* not JSON: the status says it */
    }
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    return res;
  };
  return { latencies, outcomes };
}

async function main(): Promise<void> {
  const distMain = join(REPO, 'dist', 'service', 'main.js');
  ensureServiceCompiled(distMain);
  const work = mkdtempSync(join(tmpdir(), 'vigil-bench-events-'));
  const fixturesDir = join(work, 'fixtures');
  const logsDir = join(work, 'logs');
  mkdirSync(fixturesDir, { recursive: true });
  mkdirSync(logsDir);
  const { orgs } = generateOrganizations(fixturesDir, [['contoso', REPOSITORIES], ['fabrikam', 0]], 'Service of the events benchmark. ');
  const org = orgs[0];
  console.log(`${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${org.repos.length} repositories generated in ${work}`);

  const suffix = randomBytes(4).toString('hex');
  const schema = `vigil_events_${suffix}`;
  const bossSchema = `pgboss_events_${suffix}`;
  const admin = new Client({ connectionString: BASE_DB_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const dbUrl = new URL(BASE_DB_URL);
  dbUrl.searchParams.set('options', `-c search_path=${schema}`);
  const db = new Pool({ connectionString: dbUrl.toString(), max: 2 });

  const fake: FakeAdo = await startFakeAdo({
    fixturesDir,
    projectPageSize: 100,
    refPageSize: 100,
    listPageSize: 100,
    rateLimit: { tstu: 200, windowSeconds: 300, cost: requestCost },
  });
  const timing = timeReceiverCalls();
  const port = await freePort();
  const appSecret = randomBytes(32).toString('base64url');
  const env = {
    DATABASE_URL: dbUrl.toString(),
    VIGIL_QUEUE_SCHEMA: bossSchema,
    VIGIL_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    VIGIL_APP_SECRET: appSecret,
    VIGIL_ADO_BASE_URL: fake.url,
    VIGIL_PUBLIC_URL: `http://127.0.0.1:${port}`,
    VIGIL_TMP_DIR: join(work, 'scan-temp'),
    VIGIL_SERVE_WEB: 'false',
    VIGIL_SHUTDOWN_TIMEOUT_MS: '5000',
    VIGIL_LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
  };
  const children: (ServiceProcess & { name: string })[] = [];
  const start = async (role: string, name: string, extra: Record<string, string> = {}) => {
    const p = await spawnService(
      { ...env, PORT: '0', ...extra, VIGIL_ROLE: role, VIGIL_DATA_DIR: join(work, `data-${name}`) },
      { entry: distMain, logFile: join(logsDir, `${name}.log`), readyTimeoutMs: 5 * 60_000 },
    );
    children.push(Object.assign(p, { name }));
    return p;
  };
  const cleanup = async () => {
    for (const c of children) if (c.alive) c.kill('SIGTERM');
    await Promise.all(children.map((c) => c.exited));
    await db.end().catch(() => undefined);
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.query(`DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    await fake.close().catch(() => undefined);
    if (process.env.BENCH_KEEP !== '1') rmSync(work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

  try {
    const web = await start('web', 'web', { PORT: String(port) });
    await start('worker', 'worker-a');
    await start('worker', 'worker-b');
    const api = apiClient(() => web.url!, appSecret);
    const connected = await api(org.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: fake.orgUrl(org.name), pat: org.pat }, org.name);
    if (connected.status !== 201) throw new Error(`connect: ${connected.status} ${JSON.stringify(connected.body)}`);

    // Subscriptions in the fake, then the first scans of every repository.
    const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
    const settleQueue = async (label: string, limitMs: number) => {
      const t0 = Date.now();
      for (;;) {
        const pending = await count(`SELECT count(*) AS n FROM scan_requests WHERE pending_scan_id IS NOT NULL OR claimed_by IS NOT NULL`).catch(() => -1);
        const done = await count(`SELECT count(*) AS n FROM repositories WHERE scan_state = 'done'`).catch(() => 0);
        if (pending === 0 && done >= REPOSITORIES) return Date.now() - t0;
        if (Date.now() - t0 > limitMs) throw new Error(`${label}: queue not drained after ${limitMs} ms (${pending} pending, ${done} done)`);
        await sleep(250);
      }
    };
    const firstMs = await settleQueue('first scans', 15 * 60_000);
    const subs = await count(`SELECT count(*) AS n FROM hook_subscriptions`);
    const mode = (await db.query<{ mode: string; mode_reason: string | null }>(`SELECT mode, mode_reason FROM hook_endpoints`)).rows[0];
    console.log(`connected; ${subs} subscriptions (mode ${mode?.mode}${mode?.mode_reason ? `: ${mode.mode_reason}` : ''}); first scans of ${REPOSITORIES} repositories drained in ${(firstMs / 1000).toFixed(1)} s`);
    if (mode?.mode !== 'hooks') throw new Error('the organization is not in hooks mode: no deliveries would reach the receiver');

    // The burst.
    const scansBefore = await count(`SELECT count(*) AS n FROM scans`);
    const requestsBefore = fake.requests.length;
    const pushes = Math.round(EVENTS * 0.8);
    const redeliveries = EVENTS - pushes;
    const pushedRepos = new Map<string, number>();
    const sentIds: string[] = [];
    const t0 = Date.now();
    const redelivered: Promise<unknown>[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const due = t0 + (i * SECONDS * 1000) / EVENTS;
      if (due > Date.now()) await sleep(due - Date.now());
      // Every fifth delivery from the second hundred on is a retry of an earlier event (same id).
      if (i % 5 === 4 && sentIds.length > 0 && redelivered.length < redeliveries) {
        redelivered.push(fake.deliveries.redeliver(pick(sentIds)));
        continue;
      }
      const repo = pick(org.repos);
      const before = fake.deliveries.events.length;
      fake.push(org.name, repo.name, { changes: { 'src/churn.js': `export const churn = ${i}; // ${randomBytes(6).toString('hex')}\n` }, comment: `bench ${i}` });
      pushedRepos.set(repo.id, (pushedRepos.get(repo.id) ?? 0) + 1);
      for (const e of fake.deliveries.events.slice(before)) sentIds.push(e.eventId);
    }
    const sentMs = Date.now() - t0;
    await Promise.all(redelivered);
    await fake.deliveries.settled();
    const acceptedMs = Date.now() - t0;
    const drainMs = await settleQueue('burst', 15 * 60_000);
    const processedMs = Date.now() - t0;
    const burstRequests = fake.requests.slice(requestsBefore);

    const scans = await count(`SELECT count(*) AS n FROM scans`) - scansBefore;
    const duplicates = (
      await db.query<{ repo_id: string; commit_sha: string; n: string }>(
        `SELECT repo_id, commit_sha, count(*) AS n FROM scans WHERE trigger = 'push' AND state = 'done' GROUP BY repo_id, commit_sha HAVING count(*) > 1`,
      )
    ).rows;
    const stale = await count(
      `SELECT count(*) AS n FROM repositories r WHERE r.head_sha IS DISTINCT FROM (SELECT commit_sha FROM scans s WHERE s.org_id = r.org_id AND s.scan_id = r.last_scan_id)`,
    );
    const events = await count(`SELECT count(*) AS n FROM hook_events`);
    const byOutcome = (await db.query<{ outcome: string; n: string }>(`SELECT outcome, count(*) AS n FROM hook_events GROUP BY outcome ORDER BY outcome`)).rows;
    const kinds = (await db.query<{ kind: string; n: string }>(`SELECT kind, count(*) AS n FROM scans WHERE trigger = 'push' GROUP BY kind`)).rows;
    const lat = timing.latencies;

    const pushed = [...pushedRepos.values()].reduce((a, b) => a + b, 0);
    console.log(`\n${EVENTS} deliveries asked over ${SECONDS} s: ${pushed} pushes to ${pushedRepos.size} repositories, ${redelivered.length} redeliveries (same event id); sent in ${(sentMs / 1000).toFixed(1)} s`);
    console.log(`receiver answers: ${lat.length} (${[...timing.outcomes].map(([k, v]) => `${k}: ${v}`).join(', ')})`);
    console.log(`accept latency ms: p50 ${ms1(pct(lat, 50))}, p95 ${ms1(pct(lat, 95))}, p99 ${ms1(pct(lat, 99))}, max ${ms1(Math.max(...lat))}`);
    console.log(`events recorded: ${events} (${byOutcome.map((r) => `${r.outcome} ${r.n}`).join(', ')})`);
    console.log(`every delivery answered after ${(acceptedMs / 1000).toFixed(1)} s; every push scanned after ${(processedMs / 1000).toFixed(1)} s (queue drained ${(drainMs / 1000).toFixed(1)} s after the last answer)`);
    console.log(`scans during the burst: ${scans} for ${pushed} pushes to ${pushedRepos.size} repositories (${kinds.map((k) => `${k.kind} ${k.n}`).join(', ')}); duplicate scans (same repository and head): ${duplicates.length}; repositories whose last scan is not at their head: ${stale}`);
    console.log(`ADO requests during the burst: ${burstRequests.length} (${burstRequests.filter((r) => r.status === 429).length} answered 429)`);
    console.log(`peak RSS: ${children.map((c) => `${c.name} ${peakRssMb(c.pid)} MB`).join(', ')}`);
  } finally {
    await cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
