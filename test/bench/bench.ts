// Secrets benchmark: Vigil's secrets scanner vs secretlint (recommended preset) on the same
// generated corpus. Measured, not asserted. `npm run bench`, or `BENCH_MB=20 npm run bench`.
// Each tool runs in its own child process, so peak RSS and time are that tool's alone; the tools
// take turns BENCH_RUNS times (default 3) and the median run of each is reported, with the range. Vigil's
// child is `node test/bench/vigil-child.js` on the compiled service (dist/service, rebuilt here
// when older than the sources), as users run it; BENCH_NODE_ARGS adds node flags to that child
// (e.g. --cpu-prof). The secretlint child runs this file under tsx (its start-up includes tsx).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { generateCorpus, type Planted } from './corpus';
import { regexStress } from './regex-stress';
import { REPO, ensureServiceCompiled } from './compiled';

interface Hit { path: string; line: number; rule: string }
/**
 * ms: wall time of the timed part (walk, read, scan); cpuMs: its CPU time (user + system, all threads:
 * JIT and GC included). loadCpuMs: CPU time of loading the tool before it (modules, rules, Vigil's
 * detector with its warm-up), outside the timed part on both sides and reported beside it.
 */
interface RunResult { tool: string; how: string; rules: number; files: number; bytes: number; ms: number; cpuMs: number; loadCpuMs: number; maxRssMb: number; hits: Hit[] }

const MB = 1e6;

const DIST_SCAN = join(REPO, 'dist', 'service', 'engine', 'scan.js');

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

async function runSecretlint(root: string): Promise<RunResult> {
  // The profiler must be silenced on the very module instance core uses (DEPENDENCIES.md §2):
  // both are loaded through ESM import, so they resolve to the same instance.
  const l0 = process.cpuUsage();
  const { secretLintProfiler } = await import('@secretlint/profiler');
  secretLintProfiler.mark = () => undefined;
  const { lintSource } = await import('@secretlint/core');
  const { creator } = await import('@secretlint/secretlint-rule-preset-recommend');
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };
  const load = process.cpuUsage(l0);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const hits: Hit[] = [];
  let bytes = 0;
  const files = listFiles(root);
  for (const file of files) {
    const content = readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(content);
    const ext = file.slice(file.lastIndexOf('.'));
    const result = await lintSource({ source: { filePath: file, content, ext, contentType: 'text' }, options: { config, maskSecrets: true } });
    for (const m of result.messages) hits.push({ path: relative(root, file).split(sep).join('/'), line: m.loc.start.line, rule: m.ruleId });
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const rules = (creator as unknown as { rules: unknown[] }).rules.length;
  return { tool: 'secretlint', how: 'lintSource per file, preset-recommend, profiler off', rules, files: files.length, bytes, ms, cpuMs: (cpu.user + cpu.system) / 1000, loadCpuMs: (load.user + load.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, hits };
}

interface Score { recall: number; found: number; falsePositives: number; decoyHits: number; missedKinds: Record<string, number> }

function score(r: RunResult, planted: Planted[], decoys: Planted[]): Score {
  const within = (h: Hit, p: Planted): boolean => h.path === p.path && h.line >= p.startLine && h.line <= p.endLine;
  let found = 0;
  const missedKinds: Record<string, number> = {};
  for (const p of planted) {
    if (r.hits.some((h) => within(h, p))) found++;
    else missedKinds[p.kind] = (missedKinds[p.kind] ?? 0) + 1;
  }
  const unexplained = r.hits.filter((h) => !planted.some((p) => within(h, p)));
  const decoyHits = unexplained.filter((h) => decoys.some((d) => within(h, d))).length;
  return { recall: found / planted.length, found, falsePositives: unexplained.length, decoyHits, missedKinds };
}

function child(tool: string, root: string): RunResult {
  const args = tool === 'vigil'
    ? [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), join(__dirname, 'vigil-child.js'), root]
    : [...process.execArgv, __filename, '--run', tool, root];
  const out = execFileSync(process.execPath, args, {
    maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.slice(out.indexOf('{'))) as RunResult;
}

async function main(): Promise<void> {
  const runIdx = process.argv.indexOf('--run');
  if (runIdx > 0) {
    const tool = process.argv[runIdx + 1];
    const root = process.argv[runIdx + 2];
    if (tool !== 'secretlint') throw new Error(`unknown tool ${tool}`);
    const r = await runSecretlint(root);
    process.stdout.write(JSON.stringify(r));
    return;
  }
  ensureServiceCompiled(DIST_SCAN);
  const targetMb = Number(process.env.BENCH_MB ?? 100);
  const root = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  try {
    let t0 = performance.now();
    const corpus = generateCorpus(root, targetMb * MB);
    console.log(`corpus: ${(corpus.bytes / MB).toFixed(1)} MB in ${corpus.files} files, ${corpus.planted.length} planted secrets, ${corpus.decoys.length} decoy groups (${((performance.now() - t0) / 1000).toFixed(1)} s to generate) at ${root}`);
    // Write the new corpus back to disk now (the kernel's write-back would otherwise run during the
    // first timed run), then warm the page cache so both tools read from memory.
    if (process.platform !== 'win32') spawnSync('sync', { stdio: 'ignore' });
    for (const f of listFiles(root)) readFileSync(f);
    const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
    const timed: Record<string, { r: RunResult; wall: number }[]> = { vigil: [], secretlint: [] };
    for (let i = 0; i < runs; i++) {
      for (const tool of ['vigil', 'secretlint']) {
        t0 = performance.now();
        const r = child(tool, root);
        timed[tool].push({ r, wall: performance.now() - t0 });
      }
    }
    const median = (tool: string): { r: RunResult; wall: number; spread: string } => {
      const all = [...timed[tool]].sort((a, b) => a.r.ms - b.r.ms);
      const rate = (x: { r: RunResult }): string => (x.r.bytes / MB / (x.r.ms / 1000)).toFixed(0);
      return { ...all[Math.floor((all.length - 1) / 2)], spread: runs > 1 ? `${rate(all[all.length - 1])}-${rate(all[0])}` : '' };
    };
    const vigil = median('vigil');
    const secretlint = median('secretlint');
    const rows = [
      { r: vigil.r, wall: vigil.wall, spread: vigil.spread, s: score(vigil.r, corpus.planted, corpus.decoys) },
      { r: secretlint.r, wall: secretlint.wall, spread: secretlint.spread, s: score(secretlint.r, corpus.planted, corpus.decoys) },
    ];
    console.log('');
    console.log(`median of ${runs} run(s) per tool${runs > 1 ? ' (range of the scan rate in brackets)' : ''}`);
    console.log('tool        rules   MB/s (scan)            MB/s (process)  files/s   peak RSS   recall            false positives (on decoys)');
    for (const { r, wall, spread, s } of rows) {
      console.log(
        `${r.tool.padEnd(10)}  ${String(r.rules).padStart(5)}  ${(r.bytes / MB / (r.ms / 1000)).toFixed(1).padStart(11)} ${(spread ? `[${spread}]` : '').padEnd(10)}  ${(r.bytes / MB / (wall / 1000)).toFixed(1).padStart(14)}  ` +
        `${(r.files / (r.ms / 1000)).toFixed(0).padStart(7)}  ${r.maxRssMb.toFixed(0).padStart(6)} MB   ${(s.recall * 100).toFixed(1).padStart(5)}% (${s.found}/${corpus.planted.length})  ${String(s.falsePositives).padStart(6)} (${s.decoyHits})`,
      );
    }
    const [v, sl] = rows;
    const vt = v.r.bytes / v.r.ms;
    const st = sl.r.bytes / sl.r.ms;
    console.log('');
    console.log(`ratio: Vigil throughput ${(vt / st).toFixed(2)}x secretlint's (medians), with ${(v.r.rules / sl.r.rules).toFixed(1)}x the rules`);
    // On a loaded machine wall time mostly measures waiting for a core; CPU time is the steadier figure.
    const cpuMedian = (tool: string, of: (r: RunResult) => number): number => {
      const all = timed[tool].map((x) => of(x.r)).sort((a, b) => a - b);
      return all[Math.floor((all.length - 1) / 2)];
    };
    const vc = cpuMedian('vigil', (r) => r.cpuMs);
    const sc = cpuMedian('secretlint', (r) => r.cpuMs);
    const vl = cpuMedian('vigil', (r) => r.loadCpuMs);
    const sl2 = cpuMedian('secretlint', (r) => r.loadCpuMs);
    console.log(`CPU time of the timed part (medians, all threads): Vigil ${(vc / 1000).toFixed(2)} s, secretlint ${(sc / 1000).toFixed(2)} s: Vigil ${(sc / vc).toFixed(2)}x secretlint's speed`);
    console.log(`CPU time of loading before it: Vigil ${(vl / 1000).toFixed(2)} s, secretlint ${(sl2 / 1000).toFixed(2)} s (with it: Vigil ${((sc + sl2) / (vc + vl)).toFixed(2)}x)`);
    // Every run must find the same things: a difference would mean a nondeterministic scanner.
    for (const [tool, list] of Object.entries(timed)) {
      const counts = new Set(list.map((x) => x.r.hits.length));
      if (counts.size > 1) console.log(`WARNING: ${tool} reported different hit counts across runs: ${[...counts].join(', ')}`);
    }
    console.log(`Vigil ran through: ${v.r.how}; secretlint: ${sl.r.how}.`);
    for (const { r, s } of rows) {
      if (Object.keys(s.missedKinds).length) console.log(`${r.tool} missed: ${Object.entries(s.missedKinds).map(([k, n]) => `${k} x${n}`).join(', ')}`);
      const fpRules: Record<string, number> = {};
      for (const h of r.hits) if (!corpus.planted.some((p) => h.path === p.path && h.line >= p.startLine && h.line <= p.endLine)) fpRules[h.rule] = (fpRules[h.rule] ?? 0) + 1;
      if (Object.keys(fpRules).length) console.log(`${r.tool} false positives by rule: ${Object.entries(fpRules).map(([k, n]) => `${k} x${n}`).join(', ')}`);
    }
    const stress = regexStress();
    console.log('');
    console.log(
      `regex stress: ${stress.rules} rule regexes x 3 adversarial 1 MB lines in ${(stress.totalMs / 1000).toFixed(1)} s; slowest line per rule: ` +
        stress.slowest.map((s) => `${s.id} ${s.ms.toFixed(0)} ms`).join(', '),
    );
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true });
    else if (existsSync(root)) console.log(`kept ${root}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
