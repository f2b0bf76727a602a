// IaC benchmark (`npm run bench:iac`): a generated corpus of about 5,300 files across the twelve
// platforms, scanned in memory on one JavaScript thread (one core), warm, medians of 3:
//   (a) parsing alone: detection, parsing, evaluation and normalisation into the models (the iac
//       scanner with every loader and no rule);
//   (b) the full scan: the same with every rule;
// one after the other on the same files; then per platform (files/s), Helm's rendering included in
// its own line; CPU time beside wall time (a loaded machine stretches wall time). Peak RSS of the process at the end. Measured, not asserted. BENCH_SCALE scales the
// corpus (default 1).
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { iacRules } from '../../../service/engine/iac/rules';
import { platformLoaders } from '../../../service/engine/iac/platforms';
import { makeIacScanner } from '../../../service/engine/iac/scanner';
import type { IacPlatform } from '../../../service/engine/iac/types';
import { scanFiles } from '../../../service/engine/scan';
import type { ScanResult, Scanner } from '../../../service/engine/types';
import { generateIacCorpus, type CorpusFile } from './corpus';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(files: CorpusFile[], scanner: Scanner): Promise<{ ms: number; cpuMs: number; result: ScanResult }> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const result = await scanFiles(files, { scanners: [scanner] });
  const ms = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, result };
}

async function medianOf(files: CorpusFile[], scanner: Scanner): Promise<{ ms: number; cpuMs: number; result: ScanResult }> {
  // Only the last run's result is kept: a scan holds one result, not three (the peak RSS is the scanner's).
  const runs: { ms: number; cpuMs: number }[] = [];
  let result: ScanResult | undefined;
  for (let i = 0; i < RUNS; i++) {
    result = undefined;
    result = await timedRun(files, scanner, runs);
  }
  return { ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)), result: result! };
}

/** One timed scan: its timings go to `runs`, its result is returned (and nothing else holds it). */
async function timedRun(files: CorpusFile[], scanner: Scanner, runs: { ms: number; cpuMs: number }[]): Promise<ScanResult> {
  const { ms, cpuMs, result } = await timed(files, scanner);
  runs.push({ ms, cpuMs });
  return result;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const corpus = generateIacCorpus(SCALE);
  const all = Object.values(corpus).flat();
  const parseOnly = makeIacScanner(platformLoaders, []);
  const full = makeIacScanner(platformLoaders, iacRules);
  console.log(`IaC benchmark: ${fmt(all.length)} files (${fmt(all.reduce((n, f) => n + f.content.length, 0) / 2 ** 20, 1)} MB), ${iacRules.length} rules; ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`);

  // Warm-up: JIT, lazy WASM (Bicep) and caches.
  await timed(all, full);
  const parse = await medianOf(all, parseOnly);
  const scan = await medianOf(all, full);
  const warnings = scan.result.warnings;
  console.log('\nAll platforms (median of 3, warm):');
  console.log(`  (a) parsing alone   ${fmt(parse.ms)} ms wall, ${fmt(parse.cpuMs)} ms CPU  → ${fmt((all.length / parse.ms) * 1000)} files/s`);
  console.log(`  (b) full scan       ${fmt(scan.ms)} ms wall, ${fmt(scan.cpuMs)} ms CPU  → ${fmt((all.length / scan.ms) * 1000)} files/s`);
  console.log(`  full / parse        ${(scan.ms / parse.ms).toFixed(2)}x wall, ${(scan.cpuMs / parse.cpuMs).toFixed(2)}x CPU (target ≤ 1.5x)`);
  console.log(`  findings ${fmt(scan.result.findings.length)}, other results ${fmt(scan.result.results.length)}, warnings ${fmt(warnings.length)}`);
  for (const w of warnings.slice(0, 5)) console.log(`    warning ${w.code} ${w.path ?? ''}: ${w.message.slice(0, 160)}`);

  console.log('\nPer platform (full scan, median of 3):');
  console.log('  platform          files   parse ms   scan ms    files/s   parse CPU  scan CPU  CPU files/s   findings');
  for (const [platform, files] of Object.entries(corpus) as [IacPlatform, CorpusFile[]][]) {
    const p = await medianOf(files, parseOnly);
    const s = await medianOf(files, full);
    const label = platform === 'helm' ? 'helm (rendered)' : platform;
    console.log(
      `  ${label.padEnd(16)} ${fmt(files.length).padStart(6)} ${fmt(p.ms).padStart(10)} ${fmt(s.ms).padStart(9)} ${fmt((files.length / s.ms) * 1000).padStart(10)} ${fmt(p.cpuMs).padStart(11)} ${fmt(s.cpuMs).padStart(9)} ${fmt((files.length / s.cpuMs) * 1000).padStart(12)} ${fmt(s.result.findings.length).padStart(10)}`,
    );
  }
  const peak = process.resourceUsage().maxRSS / 1024;
  // This process ran about 40 scans and holds their garbage; the scanner's own footprint is one full
  // scan of the whole corpus in a fresh process.
  const single = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'profile.ts'), 'all', '0', 'full'], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_SCALE: String(SCALE) },
  });
  const singlePeak = /peak RSS so far (\d+) MB/.exec(single)?.[1];
  console.log(`\nPeak RSS of one full scan in a fresh process: ${singlePeak ?? '?'} MB (target < 500 MB); this process after every run above: ${fmt(peak)} MB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
