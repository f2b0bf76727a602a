// A generated OSV database for the dependency benchmark: one all.zip per ecosystem, records shaped
// like the real dumps (aliases, summary, details, CVSS vector, references, SEMVER/ECOSYSTEM ranges,
// some explicit versions lists, MAL- records in npm and PyPI) and a realistic spread of records over
// packages: most packages have one advisory, a few have hundreds. Seeded: the same seed, the same zips.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Ecosystem } from '../../../service/contract/vocabulary';
import { purlOf } from '../../../service/engine/deps/names';
import type { OsvRecord } from '../../../service/engine/deps/types';
import { Rng } from './rng';
import { ZipWriter } from './zip-writer';

export const BENCH_ECOSYSTEMS = ['npm', 'PyPI', 'Maven', 'Go', 'Packagist', 'NuGet', 'crates.io', 'RubyGems'] as const;
export type BenchEcosystem = (typeof BENCH_ECOSYSTEMS)[number];

/** Share of the records per ecosystem (roughly the real dumps' order), and of MAL- records within it. */
const SHARE: Record<BenchEcosystem, { records: number; malicious: number }> = {
  npm: { records: 0.4, malicious: 0.5 },
  PyPI: { records: 0.2, malicious: 0.2 },
  Maven: { records: 0.1, malicious: 0 },
  Go: { records: 0.1, malicious: 0 },
  Packagist: { records: 0.07, malicious: 0 },
  NuGet: { records: 0.05, malicious: 0 },
  'crates.io': { records: 0.05, malicious: 0.02 },
  RubyGems: { records: 0.03, malicious: 0.05 },
};

const WORDS = (
  'core util http json parse stream async cache config logger auth token client server proxy router ' +
  'query schema model view render test mock build bundle cli file path glob watch event queue worker ' +
  'crypto hash sign jwt xml yaml csv date time math color image media socket web api sdk data store ' +
  'redis mongo sql orm graph chart form valid sanitize escape template markdown html css style lint'
).split(' ');

/** A package name shaped like the ecosystem's (scoped npm, group:artifact, module paths, vendor/name). */
export function packageName(eco: BenchEcosystem, rng: Rng, i: number): string {
  const w = () => rng.pick(WORDS);
  const tag = i.toString(36);
  switch (eco) {
    case 'npm':
      return rng.chance(0.25) ? `@${w()}${tag.slice(-2)}/${w()}-${w()}-${tag}` : `${w()}-${w()}-${tag}`;
    case 'PyPI':
      return `${w()}-${w()}${tag}`;
    case 'Maven':
      return `org.${w()}${tag.slice(-2)}.${w()}:${w()}-${w()}-${tag}`;
    case 'Go':
      return `github.com/${w()}${tag.slice(-3)}/${w()}-${tag}`;
    case 'Packagist':
      return `${w()}${tag.slice(-2)}/${w()}-${tag}`;
    case 'NuGet':
      return `${cap(w())}.${cap(w())}.${cap(w())}${tag}`.toLowerCase();
    case 'crates.io':
      return `${w()}_${w()}_${tag}`;
    case 'RubyGems':
      return `${w()}-${w()}-${tag}`;
  }
}

const cap = (s: string): string => s[0].toUpperCase() + s.slice(1);

export interface PackagePool {
  /** Packages with advisories, most advised first (what corpora draw their vulnerable packages from). */
  advised: string[];
  /** Records per advised package, same order. */
  counts: number[];
}

export interface GeneratedDb {
  dir: string;
  records: number;
  malicious: number;
  bytes: number;
  perEcosystem: Record<string, { records: number; packages: number; maxPerPackage: number; zipBytes: number }>;
  pools: Record<BenchEcosystem, PackagePool>;
}

/** Writes `<dir>/<ecosystem>/all.zip` for each ecosystem, `total` records in all. */
export async function generateOsvDb(dir: string, total: number, seed: number): Promise<GeneratedDb> {
  const rng = new Rng(seed);
  let malSerial = 0;
  const out: GeneratedDb = { dir, records: 0, malicious: 0, bytes: 0, perEcosystem: {}, pools: {} as GeneratedDb['pools'] };
  for (const eco of BENCH_ECOSYSTEMS) {
    const n = Math.round(total * SHARE[eco].records);
    const malicious = Math.round(n * SHARE[eco].malicious);
    const pool = advisedPackages(eco, n - malicious, rng);
    out.pools[eco] = pool;
    mkdirSync(join(dir, eco), { recursive: true });
    const zipBytes = await writeZip(join(dir, eco, 'all.zip'), function* () {
      let serial = 0;
      for (let p = 0; p < pool.advised.length; p++) {
        for (let k = 0; k < pool.counts[p]; k++) yield vulnerabilityRecord(eco, pool.advised[p], serial++, rng);
      }
      // MAL- ids are one series across ecosystems.
      for (let m = 0; m < malicious; m++) yield maliciousRecord(eco, packageName(eco, rng, 5_000_000 + m), malSerial++, rng);
    });
    out.records += n;
    out.malicious += malicious;
    out.bytes += zipBytes;
    out.perEcosystem[eco] = { records: n, packages: pool.advised.length + malicious, maxPerPackage: pool.counts[0] ?? 0, zipBytes };
  }
  return out;
}

/**
 * Packages and their record counts: the k-th of the few hot packages has about `top / k` records
 * (hundreds for the first ones), the long tail one or two each.
 */
function advisedPackages(eco: BenchEcosystem, records: number, rng: Rng): PackagePool {
  const advised: string[] = [];
  const counts: number[] = [];
  const top = Math.max(20, Math.round(records / 150));
  let left = records;
  for (let k = 1; left > 0; k++) {
    const hot = Math.floor(top / k);
    const count = Math.min(left, hot >= 3 ? hot : rng.geometric(0.65));
    advised.push(packageName(eco, rng, k));
    counts.push(count);
    left -= count;
  }
  return { advised, counts };
}

const ID_PREFIX: Record<BenchEcosystem, string> = {
  npm: 'GHSA',
  PyPI: 'PYSEC',
  Maven: 'GHSA',
  Go: 'GO',
  Packagist: 'GHSA',
  NuGet: 'GHSA',
  'crates.io': 'RUSTSEC',
  RubyGems: 'GHSA',
};
const GHSA_CHARS = '23456789cfghjmpqrvwx';

function ghsaId(rng: Rng): string {
  const part = () => Array.from({ length: 4 }, () => GHSA_CHARS[rng.int(GHSA_CHARS.length)]).join('');
  return `GHSA-${part()}-${part()}-${part()}`;
}

function recordId(eco: BenchEcosystem, serial: number, rng: Rng): string {
  switch (ID_PREFIX[eco]) {
    case 'PYSEC':
      return `PYSEC-${2014 + (serial % 11)}-${serial}`;
    case 'GO':
      return `GO-${2020 + (serial % 6)}-${String(serial).padStart(4, '0')}`;
    case 'RUSTSEC':
      return `RUSTSEC-${2016 + (serial % 10)}-${String(serial).padStart(4, '0')}`;
    default:
      return ghsaId(rng);
  }
}

const VECTORS = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
  'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N',
  'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
];
const KINDS = ['Prototype Pollution', 'Regular Expression Denial of Service', 'Path Traversal', 'Cross-site Scripting', 'Server-Side Request Forgery', 'Improper Input Validation', 'Command Injection', 'Uncontrolled Resource Consumption'];

/**
 * A version a.b.c as lockfiles hold them: mostly recent (majors 5-7), some old ones (0-4), as real
 * trees mostly resolve to current releases.
 */
export function benchVersion(rng: Rng, major = rng.chance(0.75) ? 5 + rng.int(3) : rng.int(5)): string {
  return `${major}.${rng.int(20)}.${rng.int(15)}`;
}

function vulnerabilityRecord(eco: BenchEcosystem, name: string, serial: number, rng: Rng): OsvRecord {
  const id = recordId(eco, serial, rng);
  const kind = rng.pick(KINDS);
  // Like real advisories: a band of releases of one major line (introduced in some minor, fixed a few
  // minors later), now and then "every version before the fix".
  const major = rng.int(8);
  const minor = rng.int(18);
  const fixed = `${major}.${minor + 1 + rng.int(3)}.${rng.int(15)}`;
  const introduced = rng.chance(0.08) ? '0' : `${major}.${minor}.0`;
  const events = rng.chance(0.1) ? [{ introduced }, { last_affected: fixed }] : [{ introduced }, { fixed }];
  const versions = rng.chance(0.15) ? Array.from({ length: 5 + rng.int(40) }, (_, i) => `${major}.${minor + Math.floor(i / 15)}.${i % 15}`) : undefined;
  const cve = `CVE-${2016 + rng.int(10)}-${10000 + rng.int(89999)}`;
  const published = new Date(Date.UTC(2016 + rng.int(10), rng.int(12), 1 + rng.int(28))).toISOString();
  return {
    schema_version: '1.6.0',
    id,
    modified: published,
    published,
    aliases: id.startsWith('GHSA') ? [cve] : [cve, ghsaId(rng)],
    summary: `${kind} in ${name}`,
    details: `${name} before ${fixed} is vulnerable to ${kind.toLowerCase()}. ${Array.from({ length: 30 + rng.int(40) }, () => rng.pick(WORDS)).join(' ')}.`,
    severity: rng.chance(0.85) ? [{ type: rng.chance(0.1) ? 'CVSS_V4' : 'CVSS_V3', score: rng.pick(VECTORS) }] : undefined,
    affected: [
      {
        package: { ecosystem: eco, name: osvName(eco, name), purl: purlOf(eco as Ecosystem, name, '') },
        ranges: [{ type: eco === 'npm' || eco === 'crates.io' || eco === 'Go' ? 'SEMVER' : 'ECOSYSTEM', events }],
        ...(versions ? { versions } : {}),
        database_specific: { source: `https://github.com/github/advisory-database/blob/main/advisories/${id}.json` },
      },
    ],
    references: [
      { type: 'ADVISORY', url: `https://nvd.nist.gov/vuln/detail/${cve}` },
      { type: 'WEB', url: `https://github.com/example/${encodeURIComponent(name)}/issues/${rng.int(5000)}` },
      { type: 'PACKAGE', url: `https://example.org/packages/${encodeURIComponent(name)}` },
    ],
    database_specific: { cwe_ids: ['CWE-1321'], severity: 'HIGH', github_reviewed: true },
  } as OsvRecord;
}

/** NuGet names are stored lower-case by Vigil but written in their own case by OSV. */
function osvName(eco: BenchEcosystem, name: string): string {
  return eco === 'NuGet' ? name.split('.').map(cap).join('.') : name;
}

function maliciousRecord(eco: BenchEcosystem, name: string, serial: number, rng: Rng): OsvRecord {
  const published = new Date(Date.UTC(2022 + rng.int(4), rng.int(12), 1 + rng.int(28))).toISOString();
  return {
    id: `MAL-${2022 + (serial % 4)}-${serial}`,
    modified: published,
    published,
    summary: `Malicious code in ${name} (${eco})`,
    details: '\n---\n_-= Per source details. Do not edit below this line.=-_\n\n## Source: ghsa-malware\nAny computer that has this package installed or running should be considered fully compromised.',
    affected: [{ package: { ecosystem: eco, name }, versions: [benchVersion(rng)] , ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }],
    database_specific: { 'malicious-packages-origins': [{ source: 'ghsa-malware', sha256: 'x'.repeat(64) }] },
  } as OsvRecord;
}

/** Writes records into a zip as `<id>.json` entries, one at a time; returns the zip's size. */
async function writeZip(file: string, records: () => Iterable<OsvRecord>): Promise<number> {
  const zip = new ZipWriter(file);
  for (const r of records()) zip.add(`${r.id}.json`, Buffer.from(JSON.stringify(r)));
  return zip.finish();
}
