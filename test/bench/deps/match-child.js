// (b) and (c) of `npm run bench:deps`, in their own process on the compiled service (dist/service):
// `node match-child.js <osvDir> <corpusDir> <outDir>`.
// (b) every repository of the corpus scanned with the 'deps' scanner (walk, read, extract, one batch
//     lookup, match) against the whole generated database held in the in-memory advisory index; the
//     first (cold) pass, an extraction-only pass, and a second (warm) pass.
// (c) the largest repository's stored inventory re-matched (matchInventory, as the service's
//     rematch job does) after 500 new advisories joined the database; writes the inventory and the
//     500 records to <outDir> for the store-backed run. Prints one JSON object on stdout.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', '..', '..', 'dist', 'service');
const ECOSYSTEMS = ['npm', 'PyPI', 'Maven', 'Go', 'Packagist', 'NuGet', 'crates.io', 'RubyGems'];

function mulberry(seed) {
  let s = seed >>> 0;
  return () => {
    let t = (s = (s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
/** CPU milliseconds (user + system) since `from` (process.cpuUsage()): unlike wall time, not inflated by other processes on a busy machine. */
const cpuMs = (from) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

async function main() {
  const [osvDir, corpusDir, outDir] = process.argv.slice(2);
  const { scanDirectory } = require(path.join(dist, 'engine', 'scan.js'));
  const { inventoryScanner } = require(path.join(dist, 'engine', 'inventory.js'));
  const { packageExtractors } = require(path.join(dist, 'engine', 'deps', 'extractors', 'index.js'));
  const { depsScanner, matchInventory, memoryAdvisoryIndex } = require(path.join(dist, 'engine', 'deps', 'index.js'));
  const { osvRecordsFromZip, WarningLog } = require(path.join(dist, 'deps', 'osv-zip.js'));

  let t0 = performance.now();
  const c0 = process.cpuUsage();
  const records = [];
  const zipWarnings = new WarningLog(5);
  for (const eco of ECOSYSTEMS) for await (const r of osvRecordsFromZip(path.join(osvDir, eco, 'all.zip'), zipWarnings)) records.push(r);
  const index = memoryAdvisoryIndex(records);
  const loadMs = performance.now() - t0;
  const loadCpuMs = cpuMs(c0);

  const repos = fs.readdirSync(corpusDir).filter((d) => d.startsWith('repo-')).sort().map((d) => path.join(corpusDir, d));
  const options = { deps: { advisories: index } };

  const scanAll = async (scanner, opts) => {
    const t = performance.now();
    const c = process.cpuUsage();
    let packages = 0;
    let findings = 0;
    let files = 0;
    const warnings = {};
    const perExtractor = {};
    const inventories = [];
    for (const repo of repos) {
      const result = await scanDirectory(repo, { scanners: [scanner], options: opts });
      const items = result.inventories[0]?.items ?? [];
      packages += items.length;
      findings += result.findings.length;
      files += result.scanners[0]?.filesScanned ?? 0;
      for (const w of result.warnings) warnings[w.code] = (warnings[w.code] ?? 0) + 1;
      for (const p of items) perExtractor[p.extractor] = (perExtractor[p.extractor] ?? 0) + 1;
      inventories.push({ repo, items });
    }
    return { ms: performance.now() - t, cpuMs: cpuMs(c), repos: repos.length, files, packages, findings, warnings, perExtractor, inventories };
  };

  // Extraction alone, each extractor's extract() timed (CPU of the parse, not the walk and reads).
  const extractCpu = {};
  const timed = packageExtractors.map((e) => ({
    ...e,
    extract(file, warn, tree) {
      const c = process.cpuUsage();
      try {
        return e.extract(file, warn, tree);
      } finally {
        extractCpu[e.name] = (extractCpu[e.name] ?? 0) + cpuMs(c);
      }
    },
  }));
  const extractOnly = inventoryScanner({ name: 'deps', version: '1', category: 'deps', rules: [], extractors: timed, evaluate: () => ({ findings: [] }) });
  const cold = await scanAll(depsScanner, options);
  const extraction = await scanAll(extractOnly, {});
  const warm = await scanAll(depsScanner, options);

  // (c): the largest inventory, stored (a JSON round trip, as the store returns it).
  const largest = warm.inventories.reduce((a, b) => (b.items.length > a.items.length ? b : a));
  const inventory = JSON.parse(JSON.stringify(largest.items));
  const rng = mulberry(500);
  const versioned = inventory.filter((p) => p.version);
  const newRecords = Array.from({ length: 500 }, (_, i) => {
    // Half name packages of this repository (their versions covered), half other packages.
    const mine = i % 2 === 0 ? versioned[Math.floor(rng() * versioned.length)] : undefined;
    const ecosystem = mine ? mine.ecosystem : ECOSYSTEMS[i % ECOSYSTEMS.length];
    const name = mine ? mine.name : `fresh-package-${i}`;
    return {
      id: `GHSA-new${String(i).padStart(4, '0')}-bench`,
      modified: '2026-12-07T00:00:00Z',
      published: '2026-12-07T00:00:00Z',
      aliases: [`CVE-2026-${90000 + i}`],
      summary: `New advisory ${i} in ${name}`,
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [{ package: { ecosystem, name }, ranges: [{ type: ecosystem === 'npm' ? 'SEMVER' : 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '99.0.0' }] }] }],
      references: [{ type: 'ADVISORY', url: `https://example.org/advisories/${i}` }],
    };
  });
  fs.writeFileSync(path.join(outDir, 'inventory.json'), JSON.stringify(inventory));
  fs.writeFileSync(path.join(outDir, 'new-advisories.json'), JSON.stringify(newRecords));

  const before = (await matchInventory(inventory, index, () => undefined)).length;
  t0 = performance.now();
  const grown = memoryAdvisoryIndex([...records, ...newRecords]);
  const indexMs = performance.now() - t0;
  // As the store answers: fresh record objects per lookup (nothing prepared is reused between runs).
  const asStored = {
    lookup: async (pkgs) => new Map([...(await grown.lookup(pkgs))].map(([k, list]) => [k, JSON.parse(JSON.stringify(list))])),
    counts: grown.counts,
  };
  const timings = { warm: [], asStored: [], asStoredCpu: [] };
  let after = 0;
  for (let run = 0; run < 15; run++) {
    let t = performance.now();
    const c = process.cpuUsage();
    after = (await matchInventory(inventory, asStored, () => undefined)).length;
    timings.asStored.push(performance.now() - t);
    timings.asStoredCpu.push(cpuMs(c));
    t = performance.now();
    await matchInventory(inventory, grown, () => undefined);
    timings.warm.push(performance.now() - t);
  }
  const mid = [...warm.inventories].sort((a, b) => a.items.length - b.items.length)[Math.floor(warm.inventories.length / 2)];
  const midInventory = JSON.parse(JSON.stringify(mid.items));
  const midTimes = [];
  for (let run = 0; run < 15; run++) {
    const t = performance.now();
    await matchInventory(midInventory, asStored, () => undefined);
    midTimes.push(performance.now() - t);
  }
  const strip = ({ inventories: _inventories, ...rest }) => rest;
  process.stdout.write(
    JSON.stringify({
      records: records.length,
      loadMs,
      loadCpuMs,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      cold: strip(cold),
      extraction: { ...strip(extraction), extractCpu },
      warm: strip(warm),
      rematch: {
        packages: inventory.length,
        findingsBefore: before,
        findingsAfter: after,
        indexRebuildMs: indexMs,
        firstMs: timings.asStored[0],
        medianMs: median(timings.asStored),
        medianCpuMs: median(timings.asStoredCpu),
        warmMedianMs: median(timings.warm),
        medianRepo: { packages: midInventory.length, medianMs: median(midTimes) },
      },
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
