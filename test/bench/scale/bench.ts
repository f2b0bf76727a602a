// Scale benchmark: `npm run bench:scale` (tsx test/bench/scale/bench.ts). Measured, not asserted.
//
// 1. Scans: a generated organization of SCALE_REPOS (10,000) repositories, 50 per project, on the fake
//    ADO (in this process); the compiled service on PostgreSQL as a web process and SCALE_WORKERS (2)
//    worker processes of VIGIL_SCAN_CONCURRENCY SCALE_SLOTS (2) each. From the connect (which discovers
//    and queues every repository) until every repository is scanned: repositories per minute, CPU idle
//    of the machine, ADO requests per repository (the fake counts them, discovery included), 429s.
// 2. Findings API: SCALE_FINDINGS (1,000,000) findings generated straight into the store for the same
//    organization, then SCALE_RPS (100) requests a second for SCALE_LOAD_SECONDS (30), open loop (sent
//    on schedule whether or not earlier ones answered), over the hub's list routes (grouped and flat,
//    filters, sorts, next pages): p50/p95/p99 per route and overall, non-2xx answers.
// 3. Peak RSS of each process; the database size per 1,000 findings.
//
// Database: SCALE_DATABASE_URL, else DATABASE_URL, else TEST_DATABASE_URL's server with the database
// `vigil_bench` (created when missing); a schema of its own per run, dropped at the end (SCALE_KEEP=1
// keeps it and the work folder).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { ensureServiceCompiled, REPO } from '../compiled';
import { generateOrganizations } from '../generated-orgs';
import { startFakeAdo } from '../../fake-ado/server';
import { apiClient } from '../../support/api-client';
import { spawnService, stopService, type ServiceProcess } from '../../support/processes';
import { generateFindings } from './generate-findings';

const REPOS = Number(process.env.SCALE_REPOS ?? 10_000);
const WORKERS = Number(process.env.SCALE_WORKERS ?? 2);
const SLOTS = Number(process.env.SCALE_SLOTS ?? 2);
const FINDINGS = Number(process.env.SCALE_FINDINGS ?? 1_000_000);
const RPS = Number(process.env.SCALE_RPS ?? 100);
const LOAD_SECONDS = Number(process.env.SCALE_LOAD_SECONDS ?? 30);
const ORG = 'contoso'; // the fake ADO serves its own organizations; a generated one named like it keeps its identities

function benchDatabaseUrl(): string {
  const explicit = process.env.SCALE_DATABASE_URL ?? process.env.DATABASE_URL;
  if (explicit) return explicit;
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  url.pathname = '/vigil_bench';
  return url.toString();
}

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const server = new URL(url);
  server.pathname = '/postgres';
  const c = new Client({ connectionString: server.toString() });
  await c.connect();
  try {
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) await c.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await c.end();
  }
}

type Child = ServiceProcess & { name: string; peakKb: number };

function peakRssKb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Idle and total jiffies of the machine (/proc/stat). */
function cpuTimes(): { idle: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: fields[3] + (fields[4] ?? 0), total: fields.reduce((a, b) => a + b, 0) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (kb: number) => Math.round(kb / 1024);
const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main(): Promise<void> {
  const distMain = join(REPO, 'dist', 'service', 'main.js');
  ensureServiceCompiled(distMain);
  const work = mkdtempSync(join(tmpdir(), 'vigil-scale-'));
  const fixturesDir = join(work, 'fixtures');
  mkdirSync(fixturesDir, { recursive: true });
  mkdirSync(join(work, 'logs'));
  console.log(`work folder: ${work}; load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on this machine`);
  const tGen = Date.now();
  // The fake serves contoso and fabrikam; fabrikam stays empty here.
  const { orgs } = generateOrganizations(fixturesDir, [[ORG, REPOS], ['fabrikam', 0]], 'Service of the scale benchmark. ');
  const org = orgs[0];
  console.log(`generated ${org.repos.length} repositories in ${((Date.now() - tGen) / 1000).toFixed(0)} s`);

  const baseUrl = benchDatabaseUrl();
  await ensureDatabase(baseUrl);
  const suffix = randomBytes(4).toString('hex');
  const schema = `vigil_scale_${suffix}`;
  const bossSchema = `pgboss_scale_${suffix}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const dbUrl = new URL(baseUrl);
  dbUrl.searchParams.set('options', `-c search_path=${schema}`);
  const db = new Pool({ connectionString: dbUrl.toString(), max: 4 });

  const fake = await startFakeAdo({ fixturesDir, projectPageSize: 100, refPageSize: 100, listPageSize: 100 });
  const appSecret = randomBytes(32).toString('base64url');
  const env = {
    NODE_ENV: 'development',
    DATABASE_URL: dbUrl.toString(),
    VIGIL_QUEUE_SCHEMA: bossSchema,
    VIGIL_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    VIGIL_APP_SECRET: appSecret,
    VIGIL_ADO_BASE_URL: fake.url,
    VIGIL_TMP_DIR: join(work, 'scan-temp'),
    VIGIL_SERVE_WEB: 'false',
    VIGIL_SHUTDOWN_TIMEOUT_MS: '5000',
    VIGIL_LOG_LEVEL: 'info', // spawnService waits for the info line 'Vigil started'
    VIGIL_SCAN_CONCURRENCY: String(SLOTS),
    PORT: '0',
    HOST: '127.0.0.1',
    ...(process.env.VIGIL_ADO_BUDGET_REQUESTS ? { VIGIL_ADO_BUDGET_REQUESTS: process.env.VIGIL_ADO_BUDGET_REQUESTS } : {}),
  };
  const children: Child[] = [];
  const start = async (role: string, name: string) => {
    const p = await spawnService(
      { ...env, VIGIL_ROLE: role, VIGIL_DATA_DIR: join(work, `data-${name}`) },
      { entry: distMain, logFile: join(work, 'logs', `${name}.log`), readyTimeoutMs: 5 * 60_000 },
    );
    const c: Child = Object.assign(p, { name, peakKb: 0 });
    children.push(c);
    return c;
  };
  const cleanup = async () => {
    await Promise.all(children.map((c) => (c.alive ? stopService(c, 10_000) : undefined)));
    await db.end().catch(() => undefined);
    if (process.env.SCALE_KEEP !== '1') {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      await admin.query(`DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`).catch(() => undefined);
      rmSync(work, { recursive: true, force: true });
    }
    await admin.end().catch(() => undefined);
    await fake.close().catch(() => undefined);
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

  try {
    // All at once on an empty database: the start-up race is fixed (migrations and queues under a lock).
    const [web] = await Promise.all([start('web', 'web'), ...Array.from({ length: WORKERS }, (_, i) => start('worker', `worker-${i + 1}`))]);
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        for (const c of children) if (c.alive) c.peakKb = Math.max(c.peakKb, peakRssKb(c.pid));
        await sleep(500);
      }
    })();
    const api = apiClient(() => web.url!, appSecret);

    // ---- scans ---------------------------------------------------------------------------------
    const requestsBefore = fake.requests.length;
    const cpu0 = cpuTimes();
    const t0 = Date.now();
    const res = await api(org.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: fake.orgUrl(ORG), pat: org.pat }, ORG);
    if (res.status !== 201) throw new Error(`connect: ${res.status} ${JSON.stringify(res.body)}`);
    let lastReport = 0;
    let done = 0;
    for (;;) {
      const { rows } = await db.query<{ state: string; n: string }>('SELECT scan_state AS state, count(*) AS n FROM repositories GROUP BY scan_state');
      const by = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
      done = (by.done ?? 0) + (by.failed ?? 0);
      if (done >= REPOS) break;
      if (Date.now() - lastReport > 30_000) {
        lastReport = Date.now();
        console.log(`  ${((Date.now() - t0) / 1000).toFixed(0)} s: ${JSON.stringify(by)}`);
      }
      await sleep(500);
    }
    const scanMs = Date.now() - t0;
    const cpu1 = cpuTimes();
    const scanRequests = fake.requests.slice(requestsBefore);
    const byAuth = scanRequests.filter((r) => r.auth.startsWith('pat'));
    const throttled = scanRequests.filter((r) => r.status === 429).length;
    const failed = Number((await db.query(`SELECT count(*) AS n FROM repositories WHERE scan_state = 'failed'`)).rows[0].n);
    const kinds = new Map<string, number>();
    for (const r of byAuth) {
      const last = r.path.split('/').pop() ?? r.path;
      const kind = /^[0-9a-f]{8}-/.test(last) ? 'by id (posture, security)' : last;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    console.log(`\nScans (${REPOS} repositories, ${WORKERS} workers x ${SLOTS} slots, PostgreSQL):`);
    console.log(`  all scanned in ${(scanMs / 1000).toFixed(1)} s: ${((REPOS / scanMs) * 60_000).toFixed(0)} repositories/min; ${failed} failed`);
    console.log(`  CPU idle (whole machine, shared): ${((100 * (cpu1.idle - cpu0.idle)) / (cpu1.total - cpu0.total)).toFixed(0)}%`);
    console.log(
      `  ADO requests with the organization's PAT: ${byAuth.length} (${(byAuth.length / REPOS).toFixed(2)} per repository; ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}); 429s: ${throttled}`,
    );

    // ---- findings API ----------------------------------------------------------------------------
    const orgRow = (await db.query<{ org_id: string }>('SELECT org_id FROM organizations')).rows[0];
    const repos = (await db.query<{ repo_id: string; project_id: string }>('SELECT repo_id, project_id FROM repositories')).rows;
    const tFind = Date.now();
    await generateFindings(db, { orgId: orgRow.org_id, repos: repos.map((r) => ({ repoId: r.repo_id, projectId: r.project_id })), count: FINDINGS });
    const total = Number((await db.query('SELECT count(*) AS n FROM findings')).rows[0].n);
    const bytes = Number((await db.query(`SELECT pg_total_relation_size('findings') AS n`)).rows[0].n);
    console.log(`\nFindings API (${total} findings, generated in ${((Date.now() - tFind) / 1000).toFixed(0)} s; findings table ${mb(bytes / 1024)} MB, ${((bytes / total) * 1000 / 1024).toFixed(0)} kB per 1,000 findings):`);
    const repo = (i: number) => repos[(i * 7919) % repos.length];
    const routes: [string, (i: number) => string][] = [
      ['grouped', () => '/api/v1/findings?group=credential&limit=50'],
      ['grouped secret', () => '/api/v1/findings?group=credential&category=secret&limit=50'],
      ['grouped page 3', () => '/api/v1/findings?group=credential&limit=50&cursor=' + Buffer.from(JSON.stringify({ o: 100 })).toString('base64url')],
      ['flat', () => '/api/v1/findings?limit=50'],
      ['flat critical', () => '/api/v1/findings?severity=critical&limit=50'],
      ['flat repository', (i) => `/api/v1/findings?repository=${repo(i).repo_id}&limit=50`],
      ['flat project', (i) => `/api/v1/findings?project=${repo(i).project_id}&limit=50`],
      ['flat deps', () => '/api/v1/findings?category=deps&limit=50'],
      ['flat lastSeen', () => '/api/v1/findings?sort=lastSeen&limit=50'],
      ['repositories', () => '/api/v1/repositories?limit=100'],
      ['organization', () => '/api/v1/organization'],
    ];
    // Warm-up: the caller check and each route once.
    for (const [, path] of routes) await api(org.admin, 'GET', path(0), undefined, ORG);
    const latencies = new Map<string, number[]>(routes.map(([name]) => [name, []]));
    const statuses = new Map<number, number>();
    const inflight: Promise<void>[] = [];
    const tLoad = performance.now();
    const count = RPS * LOAD_SECONDS;
    for (let i = 0; i < count; i++) {
      const due = tLoad + (i * 1000) / RPS;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const [name, path] = routes[i % routes.length];
      inflight.push(
        (async () => {
          const t = performance.now();
          const r = await api(org.admin, 'GET', path(i), undefined, ORG).catch(() => ({ status: 0 }));
          latencies.get(name)!.push(performance.now() - t);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        })(),
      );
    }
    await Promise.all(inflight);
    const loadS = (performance.now() - tLoad) / 1000;
    const all = [...latencies.values()].flat();
    console.log(`  ${count} requests in ${loadS.toFixed(1)} s (${(count / loadS).toFixed(0)}/s asked ${RPS}/s); answers ${JSON.stringify(Object.fromEntries(statuses))}`);
    console.log(`  all routes: p50 ${ms(pct(all, 50))}, p95 ${ms(pct(all, 95))}, p99 ${ms(pct(all, 99))}`);
    for (const [name, xs] of latencies) console.log(`    ${name.padEnd(18)} p50 ${ms(pct(xs, 50)).padStart(10)}  p95 ${ms(pct(xs, 95)).padStart(10)}  p99 ${ms(pct(xs, 99)).padStart(10)}`);

    sampling = false;
    await sampler;
    console.log('\nPeak RSS:');
    for (const c of children) console.log(`  ${c.name.padEnd(10)} ${mb(c.peakKb)} MB`);
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
