// Soak benchmark of the scan queue: `npm run bench:soak` (tsx test/bench/soak.ts). Measured, not asserted.
//
// 500 generated repositories in 5 organizations of unequal size (200, 150, 80, 50, 20) on the fake ADO
// (in this process), one web process and two worker processes of the compiled service
// (dist/service/main.js, rebuilt when older than the sources) on PostgreSQL. For SOAK_MINUTES (10):
//  - every 20 s one worker, at random, is killed (3 in 4 with SIGKILL, else SIGTERM) and started again;
//  - every 10-20 s the fake answers a burst of 5-25 requests with 429 or 503 and Retry-After 1-3 s;
//  - every 20 s 40 random repositories get a new head, every organization is discovered again and one
//    random organization asks for a scan of all its repositories (the hub's calls, not awaited in turn:
//    they meet the injected failures too and are retried like a user would).
// Then the chaos stops, every organization is discovered once more and the queue drains; the processes
// stop and the run is audited. Reported: scans completed (and failed, interrupted), how long the claims
// of a killed worker took to be re-queued, the longest wait of any repository (sampled every second
// from the queue: pending since the request, a re-queued scan keeping its place), per organization
// too, findings lost / duplicated / unexpected / wrongly fixed against the planted secrets (target 0),
// temp bytes left behind (target 0), peak RSS per process.
//
// Settings: SOAK_MINUTES (10), SOAK_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test; a schema
// of its own, dropped at the end), SOAK_KEEP=1 keeps the work folder (fixtures, logs, temp dir).
import { randomBytes } from 'node:crypto';
import { appendFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { ensureServiceCompiled } from './compiled';
import { between, generateOrganizations, pick, rand, type GeneratedOrg as SoakOrg } from './generated-orgs';
import { startFakeAdo, type FakeAdo } from '../fake-ado/server';
import { apiClient, type Api } from '../support/api-client';
import { spawnService, type ServiceProcess } from '../support/processes';

const REPO_ROOT = join(__dirname, '..', '..');
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const BASE_DB_URL = process.env.SOAK_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const KILL_EVERY_MS = 20_000;
const ORGS: [string, number][] = [
  ['contoso', 200],
  ['fabrikam', 150],
  ['northwind', 80],
  ['tailspin', 50],
  ['woodgrove', 20],
];

// ---- the compiled service ----------------------------------------------------------------------
function ensureCompiled(): string {
  const main = join(REPO_ROOT, 'dist', 'service', 'main.js');
  ensureServiceCompiled(main);
  return main;
}

// ---- child processes ---------------------------------------------------------------------------
/** A service process (spawnService) with its role, name and the peak RSS seen. */
type Child = ServiceProcess & {
  role: string;
  /** web, worker-a or worker-b: a killed worker's replacement keeps its name. */
  name: string;
  peakKb: number;
};

function peakRssKb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function dirBytes(p: string): number {
  let st;
  try {
    st = lstatSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((sum, name) => sum + dirBytes(join(p, name)), 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (kb: number) => Math.round(kb / 1024);
const secs = (ms: number) => Math.round(ms / 100) / 10;

async function main(): Promise<void> {
  const distMain = ensureCompiled();
  const work = mkdtempSync(join(tmpdir(), 'vigil-soak-'));
  const fixturesDir = join(work, 'fixtures');
  const tempDir = join(work, 'scan-temp');
  const logsDir = join(work, 'logs');
  mkdirSync(fixturesDir, { recursive: true });
  mkdirSync(logsDir);
  console.log(`work folder: ${work}`);
  const { orgs, expected } = generateOrganizations(fixturesDir, ORGS, 'Service of the soak benchmark. ');
  console.log(`generated ${orgs.reduce((n, o) => n + o.repos.length, 0)} repositories in ${orgs.length} organizations (${dirBytes(join(fixturesDir, 'repos')) >> 20} MB)`);

  // A schema of its own on the PostgreSQL server.
  const suffix = randomBytes(4).toString('hex');
  const schema = `vigil_soak_${suffix}`;
  const bossSchema = `pgboss_soak_${suffix}`;
  const admin = new Client({ connectionString: BASE_DB_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const dbUrl = new URL(BASE_DB_URL);
  dbUrl.searchParams.set('options', `-c search_path=${schema}`);
  const db = new Pool({ connectionString: dbUrl.toString(), max: 4 });

  const fake: FakeAdo = await startFakeAdo({ fixturesDir, projectPageSize: 100, refPageSize: 100, listPageSize: 100 });
  const appSecret = randomBytes(32).toString('base64url');
  const env = {
    NODE_ENV: 'development',
    DATABASE_URL: dbUrl.toString(),
    VIGIL_QUEUE_SCHEMA: bossSchema,
    VIGIL_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    VIGIL_APP_SECRET: appSecret,
    VIGIL_ADO_BASE_URL: fake.url,
    VIGIL_TMP_DIR: tempDir,
    VIGIL_SERVE_WEB: 'false',
    VIGIL_SHUTDOWN_TIMEOUT_MS: '5000',
    VIGIL_LOG_LEVEL: 'info',
    PORT: '0',
    HOST: '127.0.0.1',
  };
  const all: Child[] = [];
  const start = async (role: string, name: string) => {
    const p = await spawnService(
      { ...env, VIGIL_ROLE: role, VIGIL_DATA_DIR: join(work, `data-${name}`) },
      { entry: distMain, logFile: join(logsDir, `${name}.log`), readyTimeoutMs: 5 * 60_000 },
    );
    const c: Child = Object.assign(p, { role, name, peakKb: 0 });
    all.push(c);
    return c;
  };
  // Interrupted (Ctrl-C): stop the children, drop the schemas, remove the work folder.
  const abandon = async () => {
    for (const c of all) if (c.alive) process.kill(c.pid, 'SIGKILL');
    await Promise.all(all.map((c) => c.exited));
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.query(`DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`).catch(() => undefined);
    await fake.close().catch(() => undefined);
    if (process.env.SOAK_KEEP !== '1') rmSync(work, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', () => void abandon());
  process.once('SIGTERM', () => void abandon());
  const web = await start('web', 'web');
  const workers: Child[] = [await start('worker', 'worker-a'), await start('worker', 'worker-b')];
  const lives = [1, 1];
  const api: Api = apiClient(() => web.url!, appSecret);
  const apiCalls = { ok: 0, retried: 0, failed: 0 };
  const call = async (org: SoakOrg, method: string, path: string, body?: unknown) => {
    for (let attempt = 0; ; attempt++) {
      const res = await api(org.admin, method, path, body, org.name);
      // The hub's calls meet the same injected failures (its caller check asks ADO): retry like a user.
      if (res.status < 500) apiCalls.ok++;
      else if (attempt >= 20) apiCalls.failed++;
      if (res.status < 500 || attempt >= 20) return res;
      apiCalls.retried++;
      await sleep(500);
    }
  };

  // ---- samplers --------------------------------------------------------------------------------
  let maxWaitS = 0;
  /** After the first backlog (500 scans asked at once) went below 25 pending: the steady state. */
  let backlogDrainedAt: number | undefined;
  let sawBacklog = false;
  let maxWaitSteadyS = 0;
  const maxWaitByOrg = new Map<string, number>();
  const orgNames = new Map<string, string>();
  let maxTempBytes = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      for (const c of all) if (c.alive) c.peakKb = Math.max(c.peakKb, peakRssKb(c.pid));
      maxTempBytes = Math.max(maxTempBytes, dirBytes(tempDir));
      try {
        const rows = await db.query<{ org_id: string; wait: string | null }>(
          `SELECT org_id, extract(epoch FROM max(now() - pending_since)) AS wait FROM scan_requests WHERE pending_scan_id IS NOT NULL GROUP BY org_id`,
        );
        const pending = Number((await db.query(`SELECT count(*) AS n FROM scan_requests WHERE pending_scan_id IS NOT NULL`)).rows[0].n);
        if (pending >= 100) sawBacklog = true;
        if (backlogDrainedAt === undefined && sawBacklog && pending < 25) backlogDrainedAt = Date.now();
        for (const r of rows.rows) {
          const w = Number(r.wait ?? 0);
          maxWaitS = Math.max(maxWaitS, w);
          if (backlogDrainedAt !== undefined) maxWaitSteadyS = Math.max(maxWaitSteadyS, w);
          maxWaitByOrg.set(r.org_id, Math.max(maxWaitByOrg.get(r.org_id) ?? 0, w));
        }
      } catch {
        /* the table appears once the first process migrated */
      }
      await sleep(1000);
    }
  })();

  // ---- connect the organizations -----------------------------------------------------------------
  const t0 = Date.now();
  for (const org of orgs) {
    const res = await call(org, 'POST', '/api/v1/organization/connect', { organizationUrl: fake.orgUrl(org.name), pat: org.pat });
    if (res.status !== 201) throw new Error(`connect ${org.name}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  for (const r of (await db.query<{ org_id: string; name: string }>('SELECT org_id, name FROM organizations')).rows) orgNames.set(r.org_id, r.name);
  console.log(`connected ${orgs.length} organizations; chaos for ${MINUTES} min`);

  // ---- chaos -------------------------------------------------------------------------------------
  const kills = { SIGKILL: 0, SIGTERM: 0 };
  const reapMs: number[] = [];
  const termMs: number[] = [];
  const bursts = { 429: 0, 503: 0, requests: 0 };
  let touched = 0;
  let fullRescans = 0;
  const watchers: Promise<void>[] = [];
  const until = t0 + MINUTES * 60_000;
  let chaos = true;

  const killer = (async () => {
    while (chaos) {
      await sleep(KILL_EVERY_MS);
      if (!chaos) break;
      const i = Math.floor(Math.random() * workers.length);
      const victim = workers[i];
      victim.peakKb = Math.max(victim.peakKb, peakRssKb(victim.pid));
      const signal: NodeJS.Signals = Math.random() < 0.75 ? 'SIGKILL' : 'SIGTERM';
      const held = Number((await db.query(`SELECT count(*) AS n FROM scan_requests WHERE claimed_by LIKE '%/' || $1 || '/%'`, [String(victim.pid)])).rows[0].n);
      const at = Date.now();
      process.kill(victim.pid, signal);
      await victim.exited;
      kills[signal]++;
      if (signal === 'SIGTERM') termMs.push(Date.now() - at);
      else if (held > 0) {
        // How long until another worker re-queued the dead one's claims.
        watchers.push(
          (async () => {
            for (;;) {
              const n = Number((await db.query(`SELECT count(*) AS n FROM scan_requests WHERE claimed_by LIKE '%/' || $1 || '/%'`, [String(victim.pid)])).rows[0].n);
              if (n === 0) return void reapMs.push(Date.now() - at);
              await sleep(250);
            }
          })(),
        );
      }
      lives[i]++;
      workers[i] = await start('worker', `worker-${'ab'[i]}`);
    }
  })();

  const faults = (async () => {
    while (chaos) {
      await sleep(between(10_000, 20_000));
      if (!chaos) break;
      const status = rand() < 0.5 ? 429 : 503;
      const times = between(5, 25);
      fake.failNext(status, times, between(1, 3));
      bursts[status]++;
      bursts.requests += times;
    }
  })();

  const requests: Promise<unknown>[] = [];
  const load = (async () => {
    let tick = 0;
    while (chaos) {
      await sleep(20_000);
      if (!chaos) break;
      tick++;
      for (let k = 0; k < 40; k++) {
        const org = pick(orgs);
        const repo = pick(org.repos);
        appendFileSync(join(repo.folder, 'src', 'churn.js'), `export const churn_${Date.now()}_${k} = ${tick};\n`);
        touched++;
      }
      for (const org of orgs) requests.push(call(org, 'POST', '/api/v1/discover', {}));
      requests.push(call(pick(orgs), 'POST', '/api/v1/scans', {}));
      fullRescans++;
    }
  })();

  while (Date.now() < until) {
    await sleep(5_000);
    const q = (await db.query(`SELECT count(*) FILTER (WHERE pending_scan_id IS NOT NULL) AS pending, count(*) FILTER (WHERE running_scan_id IS NOT NULL) AS running FROM scan_requests`)).rows[0];
    const done = (await db.query(`SELECT count(*) AS n FROM scans WHERE state = 'done'`)).rows[0].n;
    process.stdout.write(`\r${secs(Date.now() - t0)} s: ${done} scans done, ${q.pending} pending, ${q.running} running, kills ${kills.SIGKILL}+${kills.SIGTERM}, longest wait ${Math.round(maxWaitS)} s   `);
  }
  chaos = false;
  await Promise.all([killer, faults, load, ...requests]);
  fake.failNext(503, 0);
  const chaosEnd = Date.now();
  console.log('\nchaos over; final discovery and drain');

  // ---- drain: one more discovery of everything, then wait until nothing is queued or running --------
  const countsNow = async () =>
    (
      await db.query(`
        SELECT (SELECT count(*) FROM scan_requests WHERE pending_scan_id IS NOT NULL OR running_scan_id IS NOT NULL) AS busy,
               (SELECT count(*) FROM discovery_requests WHERE pending_since IS NOT NULL OR claim_token IS NOT NULL) AS discovering,
               (SELECT count(*) FROM repositories WHERE scan_state <> 'done') AS not_done`)
    ).rows[0];
  for (const org of orgs) await call(org, 'POST', '/api/v1/discover', {});
  const drainDeadline = Date.now() + 10 * 60_000;
  let quiet = 0;
  for (;;) {
    const c = await countsNow();
    quiet = Number(c.busy) === 0 && Number(c.discovering) === 0 ? quiet + 1 : 0;
    if (quiet >= 5 || Date.now() > drainDeadline) break;
    await sleep(1000);
  }
  const drainMs = Date.now() - chaosEnd;
  await Promise.all(watchers);
  const final = await countsNow();

  // ---- stop, measure what is left, audit --------------------------------------------------------
  for (const c of all) if (c.alive) c.peakKb = Math.max(c.peakKb, peakRssKb(c.pid));
  await Promise.all(all.filter((c) => c.alive).map(async (c) => {
    process.kill(c.pid, 'SIGTERM');
    await c.exited;
  }));
  sampling = false;
  await sampler;
  const tempLeft = dirBytes(tempDir);

  const scans = (await db.query<{ state: string; n: string }>(`SELECT state, count(*) AS n FROM scans GROUP BY state`)).rows;
  const byState = Object.fromEntries(scans.map((r) => [r.state, Number(r.n)]));
  const interrupted = (await db.query<{ kind: string; n: string }>(`
    SELECT CASE WHEN error LIKE 'Interrupted by a service shutdown%' THEN 'shutdown'
                WHEN error LIKE 'Interrupted: the worker running it%' THEN 'lease'
                WHEN error LIKE 'Interrupted%' THEN 'other' ELSE 'error' END AS kind, count(*) AS n
    FROM scans WHERE state IN ('failed', 'interrupted') GROUP BY 1`)).rows;
  const failedBy = Object.fromEntries(interrupted.map((r) => [r.kind, Number(r.n)]));
  const gaveUp = Number((await db.query(`SELECT count(*) AS n FROM scans WHERE error LIKE '%not queued again%'`)).rows[0].n);
  const waits = (await db.query(`SELECT extract(epoch FROM max(started_at - queued_at)) AS w FROM scans WHERE started_at IS NOT NULL`)).rows[0];

  const findings = (
    await db.query<{ org: string; repo: string; path: string; line: number; rule: string; state: string }>(`
      SELECT o.name AS org, r.name AS repo, f.location->>'path' AS path, (f.location->>'line')::int AS line, f.rule_id AS rule, f.state
      FROM findings f JOIN repositories r ON r.org_id = f.org_id AND r.repo_id = f.repo_id JOIN organizations o ON o.org_id = f.org_id`)
  ).rows;
  const key = (x: { org: string; repo: string; path: string; line: number }) => `${x.org}/${x.repo}/${x.path}:${x.line}`;
  const wanted = new Set(expected.map(key));
  const openAt = new Map<string, number>();
  for (const f of findings) if (f.state === 'open') openAt.set(key(f), (openAt.get(key(f)) ?? 0) + 1);
  const lost = expected.filter((e) => !openAt.has(key(e)));
  const duplicated = [...openAt].filter(([, n]) => n > 1);
  const unexpected = findings.filter((f) => !wanted.has(key(f)));
  const fixed = findings.filter((f) => f.state === 'fixed');

  const report = {
    minutes: MINUTES,
    repositories: orgs.reduce((n, o) => n + o.repos.length, 0),
    organizations: Object.fromEntries(orgs.map((o) => [o.name, o.repos.length])),
    scans: { done: byState.done ?? 0, failed: byState.failed ?? 0, failedBy, gaveUp, stillQueuedOrRunning: (byState.queued ?? 0) + (byState.running ?? 0) },
    kills: { ...kills, workerLives: lives },
    claimsOfKilledWorkerRequeuedWithinS: reapMs.length ? { max: secs(Math.max(...reapMs)), median: secs(reapMs.sort((a, b) => a - b)[reapMs.length >> 1]), kills: reapMs.length } : null,
    sigtermExitS: termMs.length ? { max: secs(Math.max(...termMs)) } : null,
    faultBursts: bursts,
    hubApiCalls: apiCalls,
    headsMoved: touched,
    fullRescans,
    maxWaitS: Math.round(maxWaitS),
    firstBacklogDrainedAfterS: backlogDrainedAt === undefined ? null : secs(backlogDrainedAt - t0),
    maxWaitAfterFirstBacklogS: Math.round(maxWaitSteadyS),
    maxWaitByOrgS: Object.fromEntries([...maxWaitByOrg].map(([id, w]) => [orgNames.get(id) ?? id, Math.round(w)])),
    maxQueuedToStartedS: Math.round(Number(waits.w ?? 0)),
    drainAfterChaosS: secs(drainMs),
    final: { busyRequests: Number(final.busy), repositoriesNotDone: Number(final.not_done) },
    findings: { expected: expected.length, total: findings.length, lost: lost.length, duplicated: duplicated.length, unexpected: unexpected.length, fixed: fixed.length },
    tempBytesLeft: tempLeft,
    tempBytesPeak: maxTempBytes,
    // Per process: the worst of its lives (a killed worker's replacement keeps its name).
    peakRssMb: {
      ...Object.fromEntries(['web', 'worker-a', 'worker-b'].map((name) => [name, mb(Math.max(0, ...all.filter((c) => c.name === name).map((c) => c.peakKb)))])),
      'bench (fake ADO, this process)': mb(process.resourceUsage().maxRSS),
    },
  };
  console.log(JSON.stringify(report, null, 2));
  mkdirSync(join(REPO_ROOT, 'test-output'), { recursive: true });
  const out = join(REPO_ROOT, 'test-output', `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify({ report, lost: lost.slice(0, 50), duplicated: duplicated.slice(0, 50), unexpected: unexpected.slice(0, 50), fixed: fixed.slice(0, 50) }, null, 2));
  console.log(`report: ${out}`);

  await db.end();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.query(`DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`);
  await admin.end();
  await fake.close();
  if (process.env.SOAK_KEEP !== '1') rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
