// Compliance benchmark (`npm run bench:compliance`, issue 15 §5). Measured, not asserted.
//
// REPOS (200) generated repositories in the fake ADO's contoso (4 projects of 50), each with PRS / REPOS
// merged pull requests closed in the last 85 days (PRS: 50,000), generated on demand by a fake in a child
// process behind ADO's rate limit (200 TSTU per sliding 5 minutes, test/bench/posture/cost.ts; 0.01 TSTU a
// plain read, so about 67 requests a second at most). The collection job itself (jobs/collect-compliance.ts)
// runs here through the real ADO client (its Retry-After and X-RateLimit pacing) into a real store (PGlite
// in a temp folder, or BENCH_DATABASE_URL's PostgreSQL in a schema of its own), as connect's backfill does.
// Reported: backfill time (collection and its evaluation), ADO requests per pull request, 429s, evaluation
// time over the stored evidence (again with nothing changed, then every pull request judged again; and the
// checks alone on evidence in memory), wall and CPU, export time of every row (the API's CSV export,
// exportCompliance: its rows and summary sheet), peak RSS of this process.
//
// Settings: PRS (50000), REPOS (200), BENCH_TSTU_SCALE (1; 0 turns the rate limit off), BENCH_DATABASE_URL.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { sharedAdoClients } from '../../../service/ado/client-pool';
import type { AppContext } from '../../../service/context';
import { evaluatePullRequest, type ComplianceContext } from '../../../service/compliance/evaluate';
import { collectCompliance } from '../../../service/jobs/collect-compliance';
import { evaluateCompliance } from '../../../service/jobs/evaluate-compliance';
import { createLogger } from '../../../service/log';
import { matchingKeys, readComplianceSettings } from '../../../service/store/compliance-reads';
import { complianceRepositories, evidenceOfRepositories } from '../../../service/store/compliance';
import { openStore } from '../../../service/store/db';
import { connectOrganization } from '../../../service/store/organizations';
import { syncRepositories } from '../../../service/store/repositories';
import { exportCompliance } from '../../../service/usecases/export-compliance';
import { generateOrganizations } from '../generated-orgs';

const PRS = Number(process.env.PRS ?? 50_000);
const REPOS = Number(process.env.REPOS ?? 200);
const TSTU_SCALE = Number(process.env.BENCH_TSTU_SCALE ?? 1);
const DB_URL = process.env.BENCH_DATABASE_URL;
const ORG = 'contoso';

function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 2 ** 20);
}

/** CPU seconds of this process since `since` (wall time on a loaded machine mostly measures the wait for a core). */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return Number(((u.user + u.system) / 1e6).toFixed(2));
}

async function startFake(dir: string, perRepo: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fake.ts'), dir, ORG, String(perRepo), String(TSTU_SCALE)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the fake exited (${code}) before listening`)));
  });
  return { child, ...(JSON.parse(line) as { url: string; now: number }) };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'vigil-bench-compliance-'));
  const perRepo = Math.max(1, Math.round(PRS / REPOS));
  const { orgs } = generateOrganizations(work, [[ORG, REPOS], ['fabrikam', 0]], 'Repository of the compliance benchmark. ');
  const org = orgs.find((o) => o.name === ORG)!;
  const fake = await startFake(work, perRepo);
  let schema: string | undefined;
  let databaseUrl: string | undefined;
  if (DB_URL) {
    schema = `bench_compliance_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: DB_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const u = new URL(DB_URL);
    u.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = u.toString();
  }
  const store = await openStore({ databaseUrl, dataDir: join(work, 'pglite') });
  const log = createLogger('warn');
  const encryptionKey = randomBytes(32);
  const ctx = { store, config: { encryptionKey }, log, adoClient: sharedAdoClients(log) } as unknown as AppContext;
  try {
    const orgUrl = `${fake.url}/${ORG}`;
    const row = await connectOrganization(store.db, encryptionKey, { name: ORG, url: orgUrl, instanceId: randomBytes(16).toString('hex'), connectedBy: 'bench', patOwnerId: 'bench', pat: org.pat });
    await syncRepositories(
      store.db,
      row.org_id,
      org.repos.map((r) => ({ id: r.id, name: r.name, projectId: r.projectId, projectName: r.projectId, defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null })),
    );
    await store.db.updateTable('organizations').set({ last_discovery_at: new Date() }).where('org_id', '=', row.org_id).execute();

    console.log(`${REPOS} repositories, ${perRepo * REPOS} merged pull requests; rate limit ${TSTU_SCALE > 0 ? `200 TSTU / 5 min (cost x${TSTU_SCALE})` : 'off'}; ${DB_URL ? 'PostgreSQL' : 'PGlite'}`);
    const t0 = performance.now();
    const collected = await collectCompliance(ctx, { orgId: row.org_id, trigger: 'connect' });
    const backfillMs = performance.now() - t0;
    if (collected.state !== 'done') throw new Error(`the backfill ${collected.state}: ${collected.error}`);

    // Again with nothing changed (what a daily run finds mostly), then every result judged again (as after a settings change).
    const t1 = performance.now();
    const cpu1 = process.cpuUsage();
    const unchanged = await evaluateCompliance(ctx, row.org_id);
    const unchangedMs = performance.now() - t1;
    const unchangedCpu = cpuSeconds(cpu1);
    await store.db.updateTable('compliance_pull_requests').set({ evaluated_digest: null }).where('org_id', '=', row.org_id).execute();
    const t1b = performance.now();
    const cpu1b = process.cpuUsage();
    const evaluation = await evaluateCompliance(ctx, row.org_id);
    const evaluateMs = performance.now() - t1b;
    const evaluateCpu = cpuSeconds(cpu1b);

    const settings = (await readComplianceSettings(store.db, row.org_id))!;
    // The checks alone, on evidence already in memory: what of the evaluation is CPU, not the store.
    const repos = await complianceRepositories(store.db, row.org_id);
    const evidence = await evidenceOfRepositories(store.db, row.org_id, repos.map((r) => r.repoId));
    const tc = performance.now();
    let judged = 0;
    for (const repo of repos) {
      const context: ComplianceContext = {
        startDate: settings.startDate,
        emergencyLabel: settings.emergencyLabel,
        evidenceSources: settings.evidenceSources,
        repository: { id: repo.repoId, projectId: repo.projectId, defaultBranch: repo.defaultBranch, branchPatterns: settings.branchPatterns, checks: settings.checks },
        policies: [],
      };
      for (const pr of evidence.get(repo.repoId) ?? []) judged += evaluatePullRequest(pr, context).length;
    }
    const checksMs = performance.now() - tc;
    const t2 = performance.now();
    const cpu2 = process.cpuUsage();
    const filters = { from: settings.startDate, to: new Date().toISOString().slice(0, 10) };
    let bytes = 0;
    for await (const piece of exportCompliance(store.db, row.org_id, { format: 'csv', filters, settings, organization: ORG })) bytes += piece.length;
    const exportMs = performance.now() - t2;
    const exportCpu = cpuSeconds(cpu2);
    const keys = await matchingKeys(store.db, row.org_id, filters);

    const report = {
      machine: { cpus: cpus().length, load1: Number(loadavg()[0].toFixed(2)) },
      repositories: REPOS,
      pullRequests: collected.pullRequests,
      backfillSeconds: Number((backfillMs / 1000).toFixed(1)),
      adoRequests: collected.adoRequests,
      requestsPerPullRequest: Number(((collected.adoRequests ?? 0) / Math.max(1, collected.pullRequests ?? 0)).toFixed(2)),
      throttled429: collected.throttled,
      warnings: collected.warnings,
      evaluation: {
        seconds: Number((evaluateMs / 1000).toFixed(2)),
        cpuSeconds: evaluateCpu,
        results: evaluation.results,
        unchangedSeconds: Number((unchangedMs / 1000).toFixed(2)),
        unchangedCpuSeconds: unchangedCpu,
        unchangedPullRequests: unchanged.unchanged, checksOnlySeconds: Number((checksMs / 1000).toFixed(2)), checksOnlyResults: judged },
      export: { rows: keys.length, seconds: Number((exportMs / 1000).toFixed(2)), cpuSeconds: exportCpu, csvMb: Number((bytes / 2 ** 20).toFixed(1)) },
      peakRssMb: peakRssMb(),
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await store.close();
    fake.child.kill('SIGTERM');
    if (schema && DB_URL) {
      const admin = new Client({ connectionString: DB_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
