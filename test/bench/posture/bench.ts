// Posture benchmark (`npm run bench:posture`, issue 13 §7): a generated organization (default 1,000
// projects, 5,000 pipelines, 2,000 service connections, 3,000 repositories, 20,000 users) served by
// the fake ADO in a child process behind ADO's rate limit (200 TSTU per sliding 5-minute window, a
// modelled cost per request: cost.ts), collected through the real ADO client (real clock, Retry-After
// and X-RateLimit pacing) and assessed by every control. Reports requests sent, 429s received, wall
// time, peak RSS of this process (the collector; the fake lives in the child) and control evaluation
// time. A benchmark, not a test: nothing is asserted.
// BENCH_SIZE=0.1 scales every count; BENCH_PROJECTS, BENCH_PIPELINES, BENCH_CONNECTIONS, BENCH_REPOS,
// BENCH_USERS set one; BENCH_TSTU_SCALE multiplies the request costs; BENCH_CONCURRENCY (default 4).
// `--evaluate-only` skips the paced collection: it assesses a snapshot of the same sizes cached in the
// temp folder (collected once, unthrottled, when missing), for profiling control evaluation
// (`node --cpu-prof --import tsx test/bench/posture/bench.ts --evaluate-only`).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AdoClient } from '../../../service/ado/client';
import { assessSnapshot } from '../../../service/posture/assess';
import { collectSnapshot } from '../../../service/posture/collect';
import { postureControls } from '../../../service/posture/controls';
import type { OrgSnapshot } from '../../../service/posture/snapshot';
import { BENCH_ORG, BENCH_PAT } from './generate';

const SIZE = Number(process.env.BENCH_SIZE ?? 1);
const count = (name: string, full: number) => Math.max(1, Math.round(Number(process.env[name] ?? full * SIZE)));
const size = {
  projects: count('BENCH_PROJECTS', 1000),
  pipelines: count('BENCH_PIPELINES', 5000),
  connections: count('BENCH_CONNECTIONS', 2000),
  repos: count('BENCH_REPOS', 3000),
  users: count('BENCH_USERS', 20000),
};
const TSTU_SCALE = Number(process.env.BENCH_TSTU_SCALE ?? 1);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const MB = 2 ** 20;

async function startFake(dir: string, tstuScale = TSTU_SCALE) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fake.ts'), dir, ...Object.values(size).map(String), String(tstuScale)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the fake exited (${code}) before listening`)));
  });
  return { child, ...(JSON.parse(line) as { url: string; generateMs: number }) };
}

/** A snapshot of this size from the temp folder, collected once without the rate limit when missing. */
async function cachedSnapshot(): Promise<OrgSnapshot> {
  const file = join(tmpdir(), `vigil-bench-posture-snapshot-${Object.values(size).join('-')}.json`);
  if (!existsSync(file)) {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-posture-'));
    const fake = await startFake(join(dir, 'fixtures'), 0);
    try {
      const client = new AdoClient({ orgUrl: `${fake.url}/${BENCH_ORG}`, credential: { kind: 'pat', token: BENCH_PAT }, logger: { warn: () => {} } });
      writeFileSync(file, JSON.stringify(await collectSnapshot(client, { concurrency: CONCURRENCY })));
    } finally {
      fake.child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return JSON.parse(readFileSync(file, 'utf8')) as OrgSnapshot;
}

async function evaluateOnly(): Promise<void> {
  const snapshot = await cachedSnapshot();
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const assessment = assessSnapshot(snapshot);
  const assessMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const rssAfter = process.memoryUsage().rss;
  const slowest = [...assessment.controls].sort((a, b) => b.ms - a.ms).slice(0, 8);
  const report = {
    size,
    machine: { load1: Number(loadavg()[0].toFixed(2)) },
    snapshotJsonMb: Number((JSON.stringify(snapshot).length / MB).toFixed(1)),
    controlEvaluationMs: Math.round(assessMs),
    controlEvaluationCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    rssBeforeEvaluationMb: Math.round(rssBefore / MB),
    rssAfterEvaluationMb: Math.round(rssAfter / MB),
    maxRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / MB),
    results: { findings: assessment.findings.length, otherResults: assessment.results.length },
    slowestControlsMs: slowest.map((c) => `${c.id} ${c.ms.toFixed(0)}`),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--evaluate-only')) return evaluateOnly();
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-posture-'));
  const fake = await startFake(join(dir, 'fixtures'));
  const stats = { requests: 0, throttled: 0, statuses: new Map<number, number>(), retryAfterOn200: 0, lowBudget: 0 };
  const fetchImpl: typeof fetch = async (input, init) => {
    stats.requests++;
    const res = await fetch(input, init);
    stats.statuses.set(res.status, (stats.statuses.get(res.status) ?? 0) + 1);
    if (res.status === 429) stats.throttled++;
    else if (res.headers.has('retry-after')) stats.retryAfterOn200++;
    if (res.headers.has('x-ratelimit-remaining')) stats.lowBudget++;
    return res;
  };
  const client = new AdoClient({ orgUrl: `${fake.url}/${BENCH_ORG}`, credential: { kind: 'pat', token: BENCH_PAT }, fetchImpl, logger: { warn: () => {} } });

  let peakRss = process.memoryUsage().rss;
  const rssBefore = peakRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const t0 = performance.now();
  const snapshot = await collectSnapshot(client, { concurrency: CONCURRENCY });
  const collectMs = performance.now() - t0;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const t1 = performance.now();
  const assessment = assessSnapshot(snapshot);
  const assessMs = performance.now() - t1;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  clearInterval(sampler);
  fake.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });

  const slowest = [...assessment.controls].sort((a, b) => b.ms - a.ms).slice(0, 5);
  const unavailable = Object.entries(snapshot.areas).filter(([, a]) => a.state !== 'available');
  const report = {
    size,
    concurrency: CONCURRENCY,
    tstuCostScale: TSTU_SCALE,
    machine: { load1: Number(loadavg()[0].toFixed(2)) },
    fixturesGeneratedMs: Math.round(fake.generateMs),
    requestsSent: stats.requests,
    responses429: stats.throttled,
    retryAfterOn200: stats.retryAfterOn200,
    answersWithRateLimitHeaders: stats.lowBudget,
    statuses: Object.fromEntries(stats.statuses),
    collectWallSeconds: Number((collectMs / 1000).toFixed(1)),
    peakRssMb: Math.round(peakRss / MB),
    rssBeforeCollectMb: Math.round(rssBefore / MB),
    maxRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / MB),
    snapshotJsonMb: Number((JSON.stringify(snapshot).length / MB).toFixed(1)),
    snapshot: {
      projects: snapshot.projects.length,
      buildDefinitions: snapshot.buildDefinitions.length,
      serviceConnections: snapshot.serviceConnections.length,
      repositories: snapshot.repositories.length,
      users: snapshot.users.length,
      areasNotAvailable: unavailable.map(([name, a]) => `${name}: ${a.state === 'not-available' ? a.reason.text.slice(0, 120) : ''}`),
    },
    controls: postureControls.length,
    controlEvaluationMs: Math.round(assessMs),
    results: { findings: assessment.findings.length, otherResults: assessment.results.length },
    slowestControlsMs: slowest.map((c) => `${c.id} ${c.ms.toFixed(0)}`),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:posture: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
