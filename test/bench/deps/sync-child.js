// (a) of `npm run bench:deps`, in its own process so its peak RSS is the sync's alone:
// `node sync-child.js store <osvDir> <dataDir>` serves the generated zips from a local HTTP server
// and runs the service's advisory sync (service/deps/sync.ts: download each all.zip to a temp file,
// stream it entry by entry, batch upserts) into a fresh PGlite store;
// `node sync-child.js memory <osvDir>` reads the same zips into the in-memory index the CLI uses;
// `node sync-child.js rematch <dataDir> <outDir>` is (c) against that store (see rematch()).
// Compiled service (dist/service). Prints one JSON object on stdout.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', '..', '..', 'dist', 'service');
const ECOSYSTEMS = ['npm', 'PyPI', 'Maven', 'Go', 'Packagist', 'NuGet', 'crates.io', 'RubyGems'];

function serve(dir) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': fs.statSync(file).size });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Peak RSS sampled every 50 ms (resourceUsage().maxRSS is the process's peak too; both are reported). */
function rssSampler() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  return () => (clearInterval(timer), Math.max(peak, process.memoryUsage.rss()));
}

const cpuMs = (from) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

async function store(osvDir, dataDir) {
  const { openStore } = require(path.join(dist, 'store', 'db.js'));
  const { syncAdvisories } = require(path.join(dist, 'deps', 'sync.js'));
  const { advisoryCounts } = require(path.join(dist, 'store', 'advisories.js'));
  const server = await serve(path.resolve(osvDir));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const rssAtStart = process.memoryUsage.rss();
  const peak = rssSampler();
  const t0 = performance.now();
  const opened = await openStore({ dataDir, databaseUrl: process.env.BENCH_DATABASE_URL });
  const openMs = performance.now() - t0;
  // PGlite's own footprint (WASM Postgres, first init), before any record is read.
  const rssAfterOpen = process.memoryUsage.rss();
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const tmpDir = path.join(dataDir, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const report = await syncAdvisories(opened.db, { baseUrl, ecosystems: ECOSYSTEMS, tmpDir });
  const syncMs = performance.now() - t1;
  const syncCpuMs = cpuMs(c1);
  const counts = await advisoryCounts(opened.db);
  const peakRss = peak();
  await opened.close();
  server.close();
  return {
    how: `service/deps/sync.ts syncAdvisories over HTTP (local server) into ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`,
    openMs, syncMs, syncCpuMs, rssAtStartMb: rssAtStart / 2 ** 20, rssAfterOpenMb: rssAfterOpen / 2 ** 20, peakRssMb: peakRss / 2 ** 20, maxRssMb: process.resourceUsage().maxRSS / 1024,
    counts,
    ecosystems: report.ecosystems.map((e) => ({ ecosystem: e.ecosystem, mode: e.mode, read: e.read, written: e.written, malicious: e.malicious, recordCount: e.recordCount, warnings: e.warnings, error: e.error, ms: e.durationMs })),
  };
}

async function memory(osvDir) {
  const { osvRecordsFromZip, WarningLog } = require(path.join(dist, 'deps', 'osv-zip.js'));
  const { memoryAdvisoryIndex } = require(path.join(dist, 'engine', 'deps', 'advisory-index.js'));
  const peak = rssSampler();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const records = [];
  const warnings = new WarningLog(5);
  for (const eco of ECOSYSTEMS) for await (const r of osvRecordsFromZip(path.join(osvDir, eco, 'all.zip'), warnings)) records.push(r);
  const index = memoryAdvisoryIndex(records);
  const ms = performance.now() - t0;
  const loadCpuMs = cpuMs(c0);
  const counts = await index.counts();
  return { how: 'all.zip files read with service/deps/osv-zip.ts into engine memoryAdvisoryIndex (the CLI --advisories path)', ms, cpuMs: loadCpuMs, peakRssMb: peak() / 2 ** 20, maxRssMb: process.resourceUsage().maxRSS / 1024, counts, warnings: warnings.count };
}

/** (c) against the store: the 500 new records imported into the synced store, then the inventory re-matched through the store's index. */
async function rematch(dataDir, outDir) {
  const { openStore } = require(path.join(dist, 'store', 'db.js'));
  const { importOsvRecords } = require(path.join(dist, 'deps', 'import.js'));
  const { WarningLog } = require(path.join(dist, 'deps', 'osv-zip.js'));
  const { storeAdvisoryIndex } = require(path.join(dist, 'deps', 'store-index.js'));
  const { matchInventory } = require(path.join(dist, 'engine', 'deps', 'scanner.js'));
  const inventory = JSON.parse(fs.readFileSync(path.join(outDir, 'inventory.json'), 'utf8'));
  const fresh = JSON.parse(fs.readFileSync(path.join(outDir, 'new-advisories.json'), 'utf8'));
  const opened = await openStore({ dataDir, databaseUrl: process.env.BENCH_DATABASE_URL });
  let t = performance.now();
  await importOsvRecords(opened.db, (async function* () { yield* fresh; })(), new WarningLog(5));
  const importMs = performance.now() - t;
  const index = storeAdvisoryIndex(opened.db);
  const times = [];
  const cpu = [];
  let findings = 0;
  for (let run = 0; run < 10; run++) {
    t = performance.now();
    const c = process.cpuUsage();
    findings = (await matchInventory(inventory, index, () => undefined)).length;
    times.push(performance.now() - t);
    cpu.push(cpuMs(c));
  }
  await opened.close();
  return { how: `matchInventory with service/deps/store-index.ts (one SQL lookup) on ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, packages: inventory.length, importMs, findings, firstMs: times[0], medianMs: [...times].sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)], medianCpuMs: [...cpu].sort((a, b) => a - b)[Math.floor((cpu.length - 1) / 2)] };
}

async function main() {
  const [mode, osvDir, dataDir] = process.argv.slice(2);
  const out = mode === 'store' ? await store(osvDir, dataDir) : mode === 'rematch' ? await rematch(osvDir, dataDir) : await memory(osvDir);
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
