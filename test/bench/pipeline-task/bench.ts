// `npm run bench:task`: the built pipeline task's size, start-up time (an empty folder: load the bundle,
// read the inputs, write SARIF and the summary) and scan time on the contoso fixtures, run as the agent
// runs it (a copy outside the repository, the task-lib environment), a few runs each; medians printed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BUILT = path.join(ROOT, 'dist', 'tasks', 'vigil-scan');
const FIXTURE = path.join(ROOT, 'test', 'fake-ado', 'fixtures', 'repos', 'contoso');
const RUNS = Number(process.env.BENCH_RUNS || 3);

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? folderBytes(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size), 0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function runTask(script: string, scratch: string, folder: string): number {
  const temp = path.join(scratch, 'agent-temp');
  mkdirSync(temp, { recursive: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [script], {
    env: {
      PATH: process.env.PATH ?? '',
      AGENT_TEMPDIRECTORY: temp,
      INPUT_PATH: folder,
      INPUT_CATEGORIES: 'secret,iac,code,deps,license,package-risk',
      INPUT_FAILON: 'high',
      INPUT_OUTPUTPATH: path.join(scratch, 'out', 'vigil.sarif'),
    },
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!/##vso\[task\.complete result=/.test(r.stdout)) throw new Error(`the task did not complete: ${r.stdout.slice(-500)} ${r.stderr}`);
  return ms;
}

function main(): void {
  if (!existsSync(path.join(BUILT, 'index.js'))) {
    const b = spawnSync(process.execPath, [path.join(ROOT, 'configs', 'build-task.js')], { stdio: 'inherit' });
    if (b.status !== 0) process.exit(1);
  }
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'vigil-task-bench-'));
  try {
    cpSync(BUILT, path.join(scratch, 'task'), { recursive: true });
    const script = path.join(scratch, 'task', 'index.js');
    const empty = path.join(scratch, 'empty');
    mkdirSync(empty);
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
    console.log(`task folder ${mb(folderBytes(BUILT))}, index.js ${mb(statSync(path.join(BUILT, 'index.js')).size)}`);
    const startup = Array.from({ length: RUNS }, () => runTask(script, scratch, empty));
    console.log(`start-up (empty folder, all scanners): median ${median(startup).toFixed(0)} ms of ${startup.map((x) => x.toFixed(0)).join(', ')}`);
    const scans = Array.from({ length: RUNS }, () => runTask(script, scratch, FIXTURE));
    console.log(`contoso fixtures (${path.relative(ROOT, FIXTURE)}): median ${median(scans).toFixed(0)} ms of ${scans.map((x) => x.toFixed(0)).join(', ')}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
