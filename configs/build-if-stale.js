// `npm start` and `npm run demo` build only what changed: the service (tsc) when its sources changed,
// the hub pages (webpack) when theirs did, the pipeline task (configs/build-task.js) when it or the
// engine did. A stamp in dist/ holds a hash of each part's inputs (contents, not times: a fresh clone
// or a checkout keeps no meaningful mtimes).
'use strict';
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');

function files(dir, keep, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'testdata' && e.name !== 'node_modules') files(p, keep, out);
    } else if (e.isFile() && keep(p)) out.push(p);
  }
  return out;
}

const source = (p) => /\.(?:ts|tsx|js|json|css|scss|html|wasm|svg|png)$/.test(p) && !/\.test\.tsx?$/.test(p);
const common = ['package-lock.json', 'tsconfig.json'].map((f) => join(ROOT, f));

const PARTS = [
  {
    name: 'service',
    output: 'dist/service/main.js',
    inputs: () => [...common, ...files(join(ROOT, 'service'), source)],
    command: ['node_modules/typescript/bin/tsc', '-p', 'service/tsconfig.json'],
  },
  {
    name: 'web',
    output: 'dist/web',
    inputs: () => [...common, join(ROOT, 'webpack.config.js'), ...files(join(ROOT, 'web'), source), ...files(join(ROOT, 'service', 'contract'), source)],
    command: ['node_modules/webpack/bin/webpack.js', '--mode', 'production'],
  },
  {
    // The pipeline task bundles the engine: its sources and the service's.
    name: 'task',
    output: 'dist/tasks/vigil-scan/index.js',
    inputs: () => [...common, join(ROOT, 'configs', 'build-task.js'), ...files(join(ROOT, 'tasks'), source), ...files(join(ROOT, 'service'), source)],
    command: ['configs/build-task.js'],
  },
];

function digest(paths) {
  const h = createHash('sha256');
  for (const p of [...paths].sort()) h.update(relative(ROOT, p)).update('\0').update(readFileSync(p)).update('\0');
  return h.digest('hex');
}

// --always: build every part whatever the stamps say (npm run build), and record the stamps.
const always = process.argv.includes('--always');
let failed = false;
for (const part of PARTS) {
  const stamp = join(ROOT, 'dist', `.built-${part.name}`);
  const want = digest(part.inputs());
  const current = existsSync(join(ROOT, part.output)) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want;
  if (current && !always) {
    console.log(`${part.name}: up to date, not rebuilt`);
    continue;
  }
  const t0 = Date.now();
  console.log(`${part.name}: building…`);
  const r = spawnSync(process.execPath, part.command.map((c, i) => (i === 0 ? join(ROOT, c) : c)), { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${part.name}: build failed (exit ${r.status})`);
    failed = true;
    continue;
  }
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  writeFileSync(stamp, want);
  console.log(`${part.name}: built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
process.exit(failed ? 1 : 0);
