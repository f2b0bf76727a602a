// The CLI exits by itself after a JavaScript scan, whether the files were linted in its main thread
// (one batch) or by lint workers (several batches): an idle worker never holds the process open.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const repoRoot = path.join(__dirname, '..', '..', '..', '..');
/** Far above a real run; only a process that never exits reaches it. */
const HANG = 240_000;

function scan(dir: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: '' };
  delete env.JEST_WORKER_ID;
  delete env.VIGIL_JS_WORKERS;
  const child = spawn(process.execPath, ['--import', 'tsx', 'service/cli.ts', dir, '--category', 'code', '--format', 'json'], { cwd: repoRoot, env });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.resume();
  const timer = setTimeout(() => child.kill('SIGKILL'), HANG);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout });
    });
  });
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'vigil-js-exit-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project(name: string, files: number): string {
  const dir = path.join(root, name);
  mkdirSync(dir);
  for (let i = 0; i < files; i++) writeFileSync(path.join(dir, `m${i}.js`), `export function run${i}(code) {\n  return eval(code);\n}\n`);
  return dir;
}

test.each([
  ['one file (linted in the main thread)', 1],
  ['40 files (three batches, lint workers)', 40],
])('the CLI exits by itself after a scan of %s', async (name, files) => {
  const r = await scan(project(`p${files}`, files));
  expect(r.signal).toBeNull();
  const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[] };
  expect(report.findings.filter((f) => f.ruleId === 'CODE-JS-EVAL')).toHaveLength(files);
}, HANG + 30_000);
