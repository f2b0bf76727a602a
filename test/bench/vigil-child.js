// The Vigil side of the benchmark, run as `node test/bench/vigil-child.js <root>` on the compiled
// service (dist/service, built by bench.ts when stale): what a user's `node dist/...` runs, with no
// TypeScript compilation at start-up. Prints one JSON RunResult on stdout.
'use strict';
const path = require('node:path');

const dist = path.join(__dirname, '..', '..', 'dist', 'service', 'engine');

async function main() {
  const root = process.argv[2];
  if (!root) throw new Error('usage: node vigil-child.js <root>');
  const l0 = process.cpuUsage();
  const { scanDirectory } = require(path.join(dist, 'scan.js'));
  const { secretsScanner, secretRuleCount } = require(path.join(dist, 'secrets', 'index.js'));
  const load = process.cpuUsage(l0);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await scanDirectory(root, { scanners: [secretsScanner], options: { secrets: { salt: 'bench' } } });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({
    tool: 'vigil', how: 'node dist/service engine scanDirectory (walk + read + secrets scanner), compiled JS', rules: secretRuleCount,
    files: result.stats.filesScanned, bytes: result.stats.bytesScanned, ms, cpuMs: (cpu.user + cpu.system) / 1000, loadCpuMs: (load.user + load.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024,
    hits: result.findings.map((f) => ({ path: f.location.path, line: f.location.line, rule: f.ruleId })),
  }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
