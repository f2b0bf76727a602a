// Code scanning benchmark (`npm run bench:code`): side by side on the same files, warm (one run
// first), medians of 3, each side in its own process so its peak RSS is its own; wall time and CPU time
// (all threads; steadier on a busy machine), peak RSS in MB. Measured, not asserted.
//   Python: Vigil's code-python scanner vs Bandit (Debian's /usr/bin/bandit, run with a trusted empty
//     --ini and --ignore-nosec) over the standard library and Debian-packaged modules of this machine
//     plus generated Flask and Django views; findings per Bandit test id for both.
//   JavaScript/TypeScript: Vigil's code-javascript scanner (the upstream rules plus its taint rules)
//     vs plain ESLint with the same three plugins running the same upstream rules, no taint rules.
//   C#: Vigil's code-csharp scanner over generated controllers, services and models.
// Everything is written to a temporary folder, removed at the end; nothing is written into the repository.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildReport } from './child';
import { buildCsharpCorpus, buildJavaScriptCorpus, buildPythonCorpus, type Corpus } from './corpus';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** BENCH_ONLY=python,csharp runs only those languages. */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'python,javascript,csharp').split(','));
const BANDIT = '/usr/bin/bandit';
const ROOT = join(__dirname, '../../..');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => fmt(bytes / 2 ** 20, 1);

function child(args: string[]): ChildReport {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'child.ts'), ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, cwd: ROOT });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildReport;
}

interface BanditReport extends ChildReport {
  version: string;
}

/**
 * Bandit over the folder, `RUNS` times, each run under a small Python wrapper that reads the run's
 * peak RSS (RUSAGE_CHILDREN). No warm-up run of its own: Vigil's runs just read the same files, so the
 * file cache is warm, and Bandit has no JIT. Exit code 1 means findings; anything above is a failure.
 */
function bandit(dir: string, work: string): BanditReport {
  const ini = join(work, 'trusted.bandit');
  writeFileSync(ini, '[bandit]\n');
  const out = join(work, 'bandit.json');
  const wrapper = [
    'import resource, subprocess, sys, time',
    't0 = time.perf_counter()',
    'rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode',
    'ms = (time.perf_counter() - t0) * 1000',
    'u = resource.getrusage(resource.RUSAGE_CHILDREN)',
    'print(rc, ms, (u.ru_utime + u.ru_stime) * 1000, u.ru_maxrss)',
  ].join('\n');
  const run = () => {
    const r = spawnSync('python3', ['-c', wrapper, BANDIT, '--ini', ini, '--ignore-nosec', '-q', '-f', 'json', '-o', out, '-r', dir], { encoding: 'utf8' });
    const [rc, ms, cpuMs, rssKb] = r.stdout.trim().split(/\s+/).map(Number);
    if (!(rc === 0 || rc === 1)) throw new Error(`bandit exited ${rc}: ${r.stderr.slice(0, 500)}`);
    return { ms, cpuMs, rssMb: rssKb / 1024 };
  };
  const runs = Array.from({ length: RUNS }, run);
  const json = JSON.parse(readFileSync(out, 'utf8')) as { results: { test_id: string; filename: string }[]; errors: unknown[]; metrics: Record<string, unknown> };
  const byTest: Record<string, number> = {};
  for (const r of json.results) byTest[r.test_id] = (byTest[r.test_id] ?? 0) + 1;
  const version = execFileSync(BANDIT, ['--version'], { encoding: 'utf8' }).split('\n')[0].trim();
  const files = Object.keys(json.metrics).filter((k) => k !== '_totals').length;
  return { version, ms: runs.map((r) => r.ms), cpuMs: runs.map((r) => r.cpuMs), filesScanned: files, filesSkipped: {}, findings: json.results.length, byTest, problems: json.errors.length, maxRssMb: Math.max(...runs.map((r) => r.rssMb)) };
}

/** Where Debian's Bandit 1.6.2 and the Bandit Vigil follows name or judge the same code differently. */
const BANDIT_VERSION_NOTES = [
  '  Version differences: Bandit 1.6.2 reports hashlib.md5/sha1 as B303, later Bandit (and Vigil) as B324;',
  '  B322 (input) is a Python 2 test 1.6.2 still runs; 1.6.2 does not read f-strings for B608.',
].join('\n');

function line(label: string, files: number, r: ChildReport): string {
  const [ms, cpu] = [median(r.ms), median(r.cpuMs)];
  return `  ${label.padEnd(38)} ${fmt(files).padStart(6)} ${fmt(ms).padStart(9)} ${fmt((files / ms) * 1000).padStart(8)} ${fmt(cpu).padStart(9)} ${fmt((files / cpu) * 1000).padStart(11)} ${fmt(r.findings).padStart(8)} ${fmt(r.problems).padStart(8)} ${fmt(r.maxRssMb).padStart(8)}`;
}
const HEADER = `  ${'side'.padEnd(38)} ${'files'.padStart(6)} ${'wall ms'.padStart(9)} ${'files/s'.padStart(8)} ${'CPU ms'.padStart(9)} ${'files/CPU-s'.padStart(11)} ${'findings'.padStart(8)} ${'problems'.padStart(8)} ${'peak RSS'.padStart(8)}`;

function corpusLine(name: string, c: Corpus): string {
  return `${name}: ${fmt(c.files.length)} files, ${mb(c.bytes)} MB`;
}

function ratioLine(what: string, vigil: ChildReport, other: ChildReport, target: number): string {
  const wall = median(other.ms) / median(vigil.ms);
  const cpu = median(other.cpuMs) / median(vigil.cpuMs);
  return `  Vigil / ${what}: ${wall.toFixed(2)}x the files/s by wall time (target ≥ ${target}x: ${wall >= target ? 'met' : 'NOT met'}), ${cpu.toFixed(2)}x by CPU time`;
}

function perTestTable(vigil: Record<string, number>, bandit: Record<string, number>): string[] {
  const ids = [...new Set([...Object.keys(vigil), ...Object.keys(bandit)])].sort();
  const out = [`  ${'test'.padEnd(24)} ${'Vigil'.padStart(7)} ${'Bandit'.padStart(7)}`];
  for (const id of ids) out.push(`  ${id.padEnd(24)} ${fmt(vigil[id] ?? 0).padStart(7)} ${fmt(bandit[id] ?? 0).padStart(7)}`);
  return out;
}

/** Python: Vigil against Bandit. Returns Vigil's peak RSS for the summary. */
function benchPython(work: string): string {
  const py = buildPythonCorpus(join(work, 'python'));
  console.log(`\n${corpusLine('Python corpus (standard library, Debian modules, generated Flask/Django views)', py)}`);
  const vigilPy = child(['vigil', 'python', py.dir, String(RUNS)]);
  const rows = [HEADER, line('Vigil code-python', vigilPy.filesScanned, vigilPy)];
  let banditPy: BanditReport | undefined;
  if (existsSync(BANDIT)) {
    banditPy = bandit(py.dir, work);
    rows.push(line(`Bandit (${banditPy.version})`, banditPy.filesScanned, banditPy));
  } else rows.push(`  Bandit: ${BANDIT} is not installed (apt install bandit); comparison skipped`);
  console.log(rows.join('\n'));
  if (banditPy) {
    console.log(ratioLine('Bandit', vigilPy, banditPy, 5));
    console.log("  Findings per Bandit test id (Vigil: its rule's upstream id; Vigil's own taint rules by rule id):");
    console.log(perTestTable(vigilPy.byTest, banditPy.byTest).join('\n'));
    console.log(BANDIT_VERSION_NOTES);
  }
  return `Python ${fmt(vigilPy.maxRssMb)} MB`;
}

/** JavaScript/TypeScript: Vigil against plain ESLint with the same plugins. */
function benchJavaScript(work: string): string {
  const js = buildJavaScriptCorpus(join(work, 'javascript'), join(ROOT, 'node_modules'));
  const list = join(work, 'javascript-files.txt');
  writeFileSync(list, js.files.join('\n'));
  console.log(`\n${corpusLine('JavaScript/TypeScript corpus (sources of webpack, eslint, typescript-eslint, lodash, jsdom, kysely, babel, express…)', js)}`);
  const vigilJs = child(['vigil', 'javascript', js.dir, String(RUNS)]);
  const eslintJs = child(['eslint', js.dir, list, String(RUNS)]);
  console.log([HEADER, line('Vigil code-javascript (with taint)', vigilJs.filesScanned, vigilJs), line('plain ESLint, same plugins, no taint', eslintJs.filesScanned, eslintJs)].join('\n'));
  console.log(ratioLine('ESLint', vigilJs, eslintJs, 1.5));
  return `JavaScript ${fmt(vigilJs.maxRssMb)} MB`;
}

/** C#: Vigil's throughput alone. */
function benchCsharp(work: string): string {
  const cs = buildCsharpCorpus(join(work, 'csharp'));
  console.log(`\n${corpusLine('C# corpus (generated controllers, services, models)', cs)}`);
  const vigilCs = child(['vigil', 'csharp', cs.dir, String(RUNS)]);
  console.log([HEADER, line('Vigil code-csharp', vigilCs.filesScanned, vigilCs)].join('\n'));
  return `C# ${fmt(vigilCs.maxRssMb)} MB`;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'vigil-bench-code-'));
  try {
    console.log(`Code benchmark: ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}; warm, median of ${RUNS}; corpora in ${work}`);
    const peaks: string[] = [];
    if (ONLY.has('python')) peaks.push(benchPython(work));
    if (ONLY.has('javascript')) peaks.push(benchJavaScript(work));
    if (ONLY.has('csharp')) peaks.push(benchCsharp(work));
    console.log(`\nPeak RSS of Vigil's scanners (each in its own process, warm-up and ${RUNS} runs): ${peaks.join(', ')} (target < 600 MB)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
