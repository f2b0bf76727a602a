// Incremental push scan benchmark (`npm run bench:incremental`), issue 14 §3: a one-file push to a
// 20,000-file repository is scanned and stored in < 3 s end to end against the fake ADO, with fewer
// than 10 ADO requests. Measured, not asserted.
//   A temporary fixtures folder holds the fake's organizations plus `fabrikam/monorepo`: BENCH_FILES
//   (default 20,000) generated files (JavaScript, Python, Markdown, JSON data) in 200 packages, some
//   holding secrets. The real scan job (jobs/scan-repo.ts) with a real ADO client and a PGlite store:
//   a full scan first, then `fake.push` of one edited file (a secret removed, one added), then the
//   push's scan: queued, claimed, run, stored, the claim completed. Printed: wall time of each, the
//   ADO requests each sent (from the fake's log), the scan rows' figures.
// Everything is written to a temporary folder, removed at the end.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AdoClient } from '../../../service/ado/client';
import type { AdoCredential } from '../../../service/ado/types';
import { loadConfig } from '../../../service/config';
import type { AppContext } from '../../../service/context';
import type { ScanTrigger } from '../../../service/contract/vocabulary';
import { BASE62, randomToken } from '../../../service/engine/secrets/examples';
import { createLogger } from '../../../service/log';
import { scanRepository, type ScanLease } from '../../../service/jobs/scan-repo';
import { openStore, type Store } from '../../../service/store/db';
import { connectOrganization } from '../../../service/store/organizations';
import { syncRepositories } from '../../../service/store/repositories';
import { claimNextScan, completeClaim, requestScan } from '../../../service/store/scan-queue';
import { DEFAULT_FIXTURES_DIR, type OrgDef } from '../../fake-ado/model';
import { startFakeAdo, type FakeAdo } from '../../fake-ado/server';

const FILES = Number(process.env.BENCH_FILES ?? 20_000);
const PACKAGES = 200;
const REPO = { id: '6c1f3d2a-9b8e-4f7a-a5d4-3e2c1b0a9f88', name: 'monorepo', folder: 'monorepo' };
const token = (seed: string) => `ghp_${randomToken(`bench-incremental-${seed}`, BASE62, 36)}`;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** One generated file of package `p`, number `i`: mostly clean source, one in 160 with a secret. */
function fileOf(p: number, i: number): { path: string; content: string } {
  const n = p * 1000 + i;
  const secret = (p * 7 + i) % 160 === 0 ? `\nconst apiToken = "${token(String(n))}";\n` : '';
  switch (i % 4) {
    case 0:
      return {
        path: `packages/pkg-${p}/src/module-${i}.js`,
        content: `'use strict';\n// Module ${n}\nfunction compute${n}(items) {\n  return items.filter((x) => x.id % ${(n % 7) + 2} === 0).map((x) => ({ ...x, n: ${n} }));\n}\n${secret}module.exports = { compute${n} };\n`,
      };
    case 1:
      return {
        path: `packages/pkg-${p}/lib/module_${i}.py`,
        content: `"""Module ${n}."""\n\n\ndef compute_${n}(items):\n    return [x for x in items if x.get("id", 0) % ${(n % 7) + 2} == 0]\n${secret ? `\nAPI_TOKEN = "${token(String(n))}"\n` : ''}`,
      };
    case 2:
      return { path: `packages/pkg-${p}/docs/page-${i}.md`, content: `# Page ${n}\n\nHow package ${p} handles case ${i}.\n${secret ? `\n    export GITHUB_TOKEN=${token(String(n))}\n` : ''}` };
    default:
      return { path: `packages/pkg-${p}/data/item-${i}.json`, content: `${JSON.stringify({ id: n, name: `item ${n}`, tags: ['a', 'b'], weight: n % 13 }, null, 2)}\n` };
  }
}

/** The fake's fixtures plus fabrikam/monorepo, generated. */
function writeFixtures(dir: string): { editedPath: string; editedContent: string } {
  const orgs = JSON.parse(readFileSync(path.join(DEFAULT_FIXTURES_DIR, 'orgs.json'), 'utf8')) as { orgs: OrgDef[] };
  orgs.orgs.find((o) => o.name === 'fabrikam')!.projects[0].repos.push(REPO);
  writeFileSync(path.join(dir, 'orgs.json'), JSON.stringify(orgs));
  cpSync(path.join(DEFAULT_FIXTURES_DIR, 'areas.json'), path.join(dir, 'areas.json'));
  mkdirSync(path.join(dir, 'repos', 'fabrikam'), { recursive: true });
  symlinkSync(path.join(DEFAULT_FIXTURES_DIR, 'repos', 'contoso'), path.join(dir, 'repos', 'contoso'));
  symlinkSync(path.join(DEFAULT_FIXTURES_DIR, 'repos', 'fabrikam', 'fiber-api'), path.join(dir, 'repos', 'fabrikam', 'fiber-api'));
  const root = path.join(dir, 'repos', 'fabrikam', REPO.folder);
  const perPackage = Math.ceil(FILES / PACKAGES);
  let written = 0;
  let edited: { path: string; content: string } | undefined;
  for (let p = 0; p < PACKAGES && written < FILES; p++) {
    for (let i = 0; i < perPackage && written < FILES; i++, written++) {
      const f = fileOf(p, i);
      mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
      writeFileSync(path.join(root, f.path), f.content);
      if (f.content.includes('apiToken') && f.path.endsWith('.js')) edited ??= f;
    }
  }
  if (!edited) throw new Error('no generated JavaScript file holds a secret: raise BENCH_FILES');
  return { editedPath: edited.path, editedContent: edited.content };
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'vigil-bench-incremental-'));
  let fake: FakeAdo | undefined;
  let store: Store | undefined;
  try {
    const fixturesDir = path.join(tmp, 'fixtures');
    mkdirSync(fixturesDir);
    let t = performance.now();
    const edited = writeFixtures(fixturesDir);
    console.log(`fixtures: ${fmt(FILES)} files generated in ${fmt(performance.now() - t)} ms`);

    fake = await startFakeAdo({ fixturesDir });
    const scansDir = path.join(tmp, 'scans');
    mkdirSync(scansDir);
    const config = { ...loadConfig({ PATH: process.env.PATH, VIGIL_DATA_DIR: path.join(tmp, 'data'), VIGIL_PACKAGE_METADATA: 'off', VIGIL_ADVISORY_CRON: 'off' }), tmpDir: scansDir };
    store = await openStore({ dataDir: config.dataDir });
    const log = createLogger(process.env.BENCH_LOG ?? 'silent');
    const ctx = { store, config, log, adoClient: (orgUrl: string, credential: AdoCredential) => new AdoClient({ orgUrl, credential }) } as unknown as AppContext;
    const org = await connectOrganization(store.db, config.encryptionKey, {
      name: 'fabrikam',
      url: fake.orgUrl('fabrikam'),
      instanceId: 'bench-incremental',
      connectedBy: 'bench',
      pat: fake.pats.fabrikam,
      patOwnerId: 'bench',
    });
    const info = fake.orgs.fabrikam.projects[0];
    await syncRepositories(store.db, org.org_id, [
      { id: REPO.id, name: REPO.name, projectId: info.id, projectName: info.name, defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null },
    ]);
    const lease: ScanLease = { tempPrefix: 'vigil-bench-incremental-', confirm: async () => undefined, hold: async () => undefined };

    /** Queue, claim, run, store, complete: the scan job's path. Wall time and the ADO requests it sent. */
    const scan = async (trigger: ScanTrigger) => {
      const before = fake!.requests.length;
      const started = performance.now();
      await requestScan(store!.db, org.org_id, REPO.id, trigger);
      const claim = await claimNextScan(store!.db, { workerId: 'bench', leaseSeconds: 600, maxPerOrg: 4 });
      if (!claim) throw new Error('nothing to claim');
      await scanRepository(ctx, claim, new AbortController().signal, lease);
      await completeClaim(store!.db, claim);
      const ms = performance.now() - started;
      const requests = fake!.requests.slice(before).map((r) => `${r.method} ${r.path.slice(r.path.indexOf('/_apis/') + 1)}`);
      const row = await store!.db.selectFrom('scans').selectAll().where('org_id', '=', org.org_id).where('scan_id', '=', claim.scanId).executeTakeFirstOrThrow();
      return { ms, requests, row };
    };
    const describe = (label: string, r: Awaited<ReturnType<typeof scan>>) => {
      const { row } = r;
      console.log(
        `${label}: ${fmt(r.ms)} ms, ${r.requests.length} ADO requests; scan ${row.state} (${row.kind}${row.base_commit ? ` from ${row.base_commit.slice(0, 8)}` : ''}), ` +
          `${fmt(row.files_scanned ?? 0)} files, ${fmt(Number(row.bytes_scanned ?? 0))} bytes, findings new ${row.findings_new} fixed ${row.findings_fixed} open ${row.findings_open}` +
          (row.error ? `, error: ${row.error}` : ''),
      );
      for (const q of r.requests) console.log(`    ${q}`);
    };

    t = performance.now();
    // The fake computes the fixture repository's history (hashes every file) on its first read: not part of a scan.
    fake.orgs.fabrikam.headSha(REPO.name);
    console.log(`fake: history of ${fmt(FILES)} files built in ${fmt(performance.now() - t)} ms`);
    describe('full scan', await scan('discovery'));

    // One file edited: its secret replaced by another one.
    const content = edited.editedContent.replace(/const apiToken = "[^"]+";/, `const apiToken = "${token('pushed')}";`);
    fake.push('fabrikam', REPO.name, { changes: { [edited.editedPath]: content } });
    describe(`push of ${edited.editedPath}, scanned`, await scan('push'));
    // Again, to show a warm process (the first incremental scan loads nothing the full one did not).
    fake.push('fabrikam', REPO.name, { changes: { [edited.editedPath]: `${content}// touched\n` } });
    describe('second push (a comment added), scanned', await scan('push'));
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}`);
  } finally {
    await fake?.close();
    await store?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
