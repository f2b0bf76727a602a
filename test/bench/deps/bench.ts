// Dependency benchmark (`npm run bench:deps`): a generated OSV database (>= 300,000 records across 8
// ecosystems, one all.zip each) and a corpus of 1,000 lockfiles holding 200,000 package entries, in a
// temporary folder. Measured, not asserted:
//   (a) syncing the whole database into a PGlite store (service/deps/sync.ts over a local HTTP
//       server): time and peak RSS; and loading it into the in-memory index instead (the CLI's path);
//   (b) extraction + matching of the corpus on one core (the 'deps' scanner, in-memory index);
//   (c) re-matching one repository's stored inventory after 500 new advisories.
// Each measurement runs in its own child process on the compiled service (dist/service); the engine
// work is one JavaScript thread (one core). Wall time and CPU time (user + system of the child, which
// a busy machine does not inflate) are both reported. BENCH_PIN=1 pins the children to CPU 0
// (taskset); BENCH_RECORDS, BENCH_LOCKFILES, BENCH_PACKAGES, BENCH_SEED and BENCH_KEEP (keep the
// temp folder) change the defaults; BENCH_SKIP_SYNC=1 runs (b) and the in-memory (c) only (no PGlite
// sync, no store-backed re-match: for profiling extraction and matching). BENCH_DATABASE_URL runs the
// store steps on that PostgreSQL database instead of PGlite (give it an empty database).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inventoryScanner } from '../../../service/engine/inventory';
import { packageExtractors } from '../../../service/engine/deps/extractors';
import type { PackageEntry } from '../../../service/engine/deps/types';
import { scanFiles } from '../../../service/engine/scan';
import { REPO, ensureServiceCompiled } from '../compiled';
import { generateCorpus } from './corpus-gen';
import { LOCK_KINDS, type LockKind, type LockPackage } from './lockfiles';
import { generateOsvDb, type GeneratedDb } from './osv-gen';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 300_000);
const LOCKFILES = Number(process.env.BENCH_LOCKFILES ?? 1_000);
const PACKAGES = Number(process.env.BENCH_PACKAGES ?? 200_000);
const SEED = Number(process.env.BENCH_SEED ?? 18);
const SKIP_SYNC = process.env.BENCH_SKIP_SYNC === '1';

const MB = 2 ** 20;
const pin = process.env.BENCH_PIN === '1' && spawnSync('taskset', ['-c', '0', 'true']).status === 0;

function child<T>(script: string, args: string[]): T {
  const node = [process.execPath, join(__dirname, script), ...args];
  const [cmd, ...rest] = pin ? ['taskset', '-c', '0', ...node] : node;
  const out = execFileSync(cmd, rest, { maxBuffer: 256 * MB, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.slice(out.indexOf('{'))) as T;
}

/** The lockfile kinds the extractors read today: a three-package sample of each must give its three packages. */
async function readableKinds(): Promise<{ kinds: LockKind[]; skipped: string[] }> {
  const collect = inventoryScanner<PackageEntry, unknown>({ name: 'probe', version: '1', category: 'deps', rules: [], extractors: packageExtractors, evaluate: () => ({ findings: [] }) });
  const kinds: LockKind[] = [];
  const skipped: string[] = [];
  for (const kind of LOCK_KINDS) {
    const names = kind.ecosystem === 'Maven' ? ['org.probe:alpha', 'org.probe:beta', 'org.probe:gamma'] : kind.ecosystem === 'Go' ? ['github.com/probe/alpha', 'github.com/probe/beta', 'github.com/probe/gamma'] : kind.ecosystem === 'Packagist' ? ['probe/alpha', 'probe/beta', 'probe/gamma'] : ['alpha', 'beta', 'gamma'];
    const sample: LockPackage[] = names.map((name, i) => ({ name, version: `1.${i}.0`, direct: i === 0, dev: false, deps: i === 0 ? [1, 2] : [] }));
    const result = await scanFiles([{ path: `probe/${kind.file}`, content: kind.write(sample) }], { scanners: [collect] });
    const items = (result.inventories[0]?.items ?? []) as PackageEntry[];
    const found = names.every((n) => items.some((p) => p.name.toLowerCase() === n.toLowerCase() && p.version.replace(/^v/, '').startsWith('1.')));
    if (found) kinds.push(kind);
    else skipped.push(kind.kind);
  }
  return { kinds, skipped };
}

interface SyncRun { how: string; openMs: number; syncMs: number; syncCpuMs: number; rssAtStartMb: number; rssAfterOpenMb: number; peakRssMb: number; maxRssMb: number; counts: Record<string, number>; ecosystems: { ecosystem: string; read: number; recordCount: number; warnings: number; error?: string; ms: number }[] }
interface MemoryRun { how: string; ms: number; cpuMs: number; peakRssMb: number; maxRssMb: number; counts: Record<string, number> }
interface Pass { ms: number; cpuMs: number; repos: number; files: number; packages: number; findings: number; warnings: Record<string, number>; perExtractor: Record<string, number> }
interface MatchRun {
  records: number;
  loadMs: number;
  loadCpuMs: number;
  maxRssMb: number;
  cold: Pass;
  extraction: Pass & { extractCpu: Record<string, number> };
  warm: Pass;
  rematch: { packages: number; findingsBefore: number; findingsAfter: number; indexRebuildMs: number; firstMs: number; medianMs: number; medianCpuMs: number; warmMedianMs: number; medianRepo: { packages: number; medianMs: number } };
}
interface StoreRematch { how: string; packages: number; importMs: number; findings: number; firstMs: number; medianMs: number; medianCpuMs: number }

const s = (x: number): string => `${(x / 1000).toFixed(2)} s`;
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const n = (x: number): string => x.toLocaleString('en-US');

async function main(): Promise<void> {
  ensureServiceCompiled(join(REPO, 'dist', 'service', 'engine', 'deps', 'index.js'));
  const root = mkdtempSync(join(tmpdir(), 'vigil-bench-deps-'));
  try {
    const { kinds, skipped } = await readableKinds();
    if (kinds.length === 0) throw new Error('no lockfile kind is read by the extractors yet');
    let t0 = performance.now();
    const db: GeneratedDb = await generateOsvDb(join(root, 'osv'), RECORDS, SEED);
    console.log(`OSV database: ${n(db.records)} records (${n(db.malicious)} MAL-) in ${BENCH_ZIPS(db)} zips, ${(db.bytes / MB).toFixed(0)} MB zipped, generated in ${s(performance.now() - t0)}`);
    for (const [eco, e] of Object.entries(db.perEcosystem)) {
      console.log(`  ${eco.padEnd(10)} ${n(e.records).padStart(8)} records  ${n(e.packages).padStart(7)} packages  most on one package: ${e.maxPerPackage}  ${(e.zipBytes / MB).toFixed(1)} MB`);
    }
    t0 = performance.now();
    const corpus = generateCorpus(join(root, 'corpus'), kinds, db.pools, { repositories: 250, lockfiles: LOCKFILES, packages: PACKAGES, advisedShare: 0.08, seed: SEED + 1 });
    console.log(`corpus: ${n(corpus.lockfiles)} lockfiles in ${corpus.repos.length} repositories, ${n(corpus.packages)} package entries, ${(corpus.bytes / MB).toFixed(0)} MB, generated in ${s(performance.now() - t0)}`);
    console.log(`  kinds: ${Object.entries(corpus.perKind).map(([k, v]) => `${k} ${v.files} (${n(v.packages)})`).join(', ')}`);
    if (skipped.length) console.log(`  not generated (no extractor reads them yet): ${skipped.join(', ')}`);
    console.log(`${pin ? 'children pinned to CPU 0 (taskset -c 0); ' : ''}load average before the runs: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);

    const dataDir = join(root, 'store');
    mkdirSync(dataDir, { recursive: true });
    if (!SKIP_SYNC) console.log('\n(a) sync …');
    const sync = SKIP_SYNC ? undefined : child<SyncRun>('sync-child.js', ['store', join(root, 'osv'), dataDir]);
    const failed = sync?.ecosystems.filter((e) => e.error) ?? [];
    const memory = SKIP_SYNC ? undefined : child<MemoryRun>('sync-child.js', ['memory', join(root, 'osv')]);
    console.log('(b), (c) …');
    const match = child<MatchRun>('match-child.js', [join(root, 'osv'), join(root, 'corpus'), root]);
    const storeRematch = SKIP_SYNC ? undefined : child<StoreRematch>('sync-child.js', ['rematch', dataDir, root]);

    const held = sync ? Object.values(sync.counts).reduce((a, b) => a + b, 0) : 0;
    const perPackage = (ms: number, p: number): string => `${((ms * 1000) / p).toFixed(1)} µs/package`;
    const syncRows: [string, string, string, string][] = !sync || !memory ? [] : [
      [`(a) sync whole database into ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'} (HTTP, streamed)`, s(sync.syncMs), s(sync.syncCpuMs), `peak RSS ${sync.peakRssMb.toFixed(0)} MB (maxRSS ${sync.maxRssMb.toFixed(0)} MB; ${sync.rssAfterOpenMb.toFixed(0)} MB of it once the store is open, before any record); ${n(held)} records held; + ${s(sync.openMs)} store open/migrate; targets < 90 s, < 400 MB`],
      ["(a') load whole database into the in-memory index", s(memory.ms), s(memory.cpuMs), `peak RSS ${memory.peakRssMb.toFixed(0)} MB (the CLI's --advisories path: every record in memory)`],
    ];
    const rows: [string, string, string, string][] = [
      ...syncRows,
      ['(b) extraction + matching, first pass (cold)', s(match.cold.ms), s(match.cold.cpuMs), `${n(match.cold.packages)} packages in ${match.cold.repos} repos, ${perPackage(match.cold.cpuMs, match.cold.packages)} (CPU), ${n(match.cold.findings)} findings; target < 3 s`],
      ['(b) extraction + matching, second pass (warm)', s(match.warm.ms), s(match.warm.cpuMs), perPackage(match.warm.cpuMs, match.warm.packages)],
      ['(b) extraction alone (walk, read, parse)', s(match.extraction.ms), s(match.extraction.cpuMs), `${perPackage(match.extraction.cpuMs, match.extraction.packages)}; matching ≈ ${s(Math.max(0, match.warm.cpuMs - match.extraction.cpuMs))} CPU`],
      ['(c) re-match largest repo after 500 new advisories', ms(match.rematch.medianMs), ms(match.rematch.medianCpuMs), `${n(match.rematch.packages)} packages, first run ${ms(match.rematch.firstMs)}, ${match.rematch.findingsBefore} -> ${match.rematch.findingsAfter} findings; in-memory index, records fresh per lookup; target < 100 ms`],
      ['(c) same, median-size repo', ms(match.rematch.medianRepo.medianMs), '', `${n(match.rematch.medianRepo.packages)} packages`],
      ...(storeRematch ? [[`(c) largest repo through the ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'} store index`, ms(storeRematch.medianMs), ms(storeRematch.medianCpuMs), `first run ${ms(storeRematch.firstMs)}, ${storeRematch.findings} findings (one SQL lookup + match); 500 records imported in ${s(storeRematch.importMs)}`] as [string, string, string, string]] : []),
    ];
    const widths = [0, 1, 2].map((i) => Math.max(...[['measure', 'wall', 'CPU'], ...rows].map((r) => r[i].length)));
    console.log('');
    for (const r of [['measure', 'wall', 'CPU', 'notes'], ...rows]) console.log(r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join('  '));
    console.log('');
    if (sync) console.log(`sync per ecosystem (time, records read / held, warnings): ${sync.ecosystems.map((e) => `${e.ecosystem} ${s(e.ms)} ${n(e.read)}/${n(e.recordCount)}${e.warnings ? ` ${e.warnings}w` : ''}`).join(', ')}`);
    if (failed.length) console.log(`SYNC ERRORS: ${failed.map((e) => `${e.ecosystem}: ${e.error}`).join('; ')}`);
    console.log(`(b) child: ${n(match.records)} records loaded in ${s(match.loadMs)} (${s(match.loadCpuMs)} CPU; not in (b)); child peak RSS ${match.maxRssMb.toFixed(0)} MB`);
    console.log(`(b) packages per extractor, and its parse CPU per package: ${Object.entries(match.cold.perExtractor).map(([k, v]) => `${k} ${n(v)} ${(((match.extraction.extractCpu[k] ?? 0) * 1000) / v).toFixed(1)} µs`).join(', ')}`);
    if (Object.keys(match.cold.warnings).length) console.log(`(b) warnings: ${Object.entries(match.cold.warnings).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true });
    else console.log(`kept ${root}`);
  }
}

const BENCH_ZIPS = (db: GeneratedDb): number => Object.keys(db.perEcosystem).length;

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
