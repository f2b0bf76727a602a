// The benchmarks run the compiled service (what users run): compile it when dist is stale.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(__dirname, '..', '..');

/** Newest modification time of the service's sources (tests and testdata excluded). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'testdata') newest = Math.max(newest, newestSource(p)); }
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Compiles service/ when `output` (a file under dist/service) is missing or older than the sources. */
export function ensureServiceCompiled(output: string): void {
  if (existsSync(output) && statSync(output).mtimeMs >= newestSource(join(REPO, 'service'))) return;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO, 'service', 'tsconfig.json')], { stdio: 'inherit' });
  // tsc still emits when another folder has a type error; only a missing output is fatal here.
  if (r.status !== 0) console.warn(`tsc -p service exited with ${r.status}; running whatever it emitted`);
  if (!existsSync(output)) throw new Error(`${output} was not built; run npm run build:service`);
  console.log(`compiled service in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
