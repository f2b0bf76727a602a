// The benchmark corpus: repositories of lockfiles of the kinds the extractors read, their packages
// drawn mostly from names without advisories and partly from the advised ones (popular first, as
// real dependency trees hit the well-known vulnerable packages more often). Seeded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchVersion, packageName, type BenchEcosystem, type PackagePool } from './osv-gen';
import type { LockKind, LockPackage } from './lockfiles';
import { Rng, zipfTable } from './rng';

export interface CorpusSpec {
  repositories: number;
  lockfiles: number;
  packages: number;
  /** Share of a lockfile's packages drawn from the advised ones. */
  advisedShare: number;
  seed: number;
}

export interface Corpus {
  dir: string;
  repos: string[];
  lockfiles: number;
  packages: number;
  bytes: number;
  perKind: Record<string, { files: number; packages: number }>;
}

const CLEAN_NAMES = 60_000;
/** How strongly lockfiles favour the most-advised packages (Zipf exponent). */
const ADVISED_SKEW = 0.8;

export function generateCorpus(dir: string, kinds: readonly LockKind[], pools: Record<BenchEcosystem, PackagePool>, spec: CorpusSpec): Corpus {
  const rng = new Rng(spec.seed);
  const sizes = lockfileSizes(rng, spec.lockfiles, spec.packages);
  const totalWeight = kinds.reduce((n, k) => n + k.weight, 0);
  const advisedTables = new Map<BenchEcosystem, Float64Array>();
  const cleanTable = zipfTable(CLEAN_NAMES, 0.9);
  const corpus: Corpus = { dir, repos: [], lockfiles: 0, packages: 0, bytes: 0, perKind: {} };
  for (let r = 0; r < spec.repositories; r++) corpus.repos.push(join(dir, `repo-${String(r).padStart(4, '0')}`));
  for (let f = 0; f < spec.lockfiles; f++) {
    let pick = rng.next() * totalWeight;
    const kind = kinds.find((k) => (pick -= k.weight) < 0) ?? kinds[kinds.length - 1];
    const eco = kind.ecosystem;
    const pool = pools[eco];
    let table = advisedTables.get(eco);
    if (!table) advisedTables.set(eco, (table = zipfTable(pool.advised.length, ADVISED_SKEW)));
    const packages = drawPackages(rng, eco, sizes[f], pool, table, cleanTable, spec.advisedShare);
    const text = kind.write(packages);
    const repo = corpus.repos[f % spec.repositories];
    const folder = join(repo, `project-${Math.floor(f / spec.repositories)}-${kind.file.replace(/\W+/g, '-')}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, kind.file), text);
    corpus.lockfiles++;
    corpus.packages += packages.length;
    corpus.bytes += Buffer.byteLength(text);
    const k = (corpus.perKind[kind.kind] ??= { files: 0, packages: 0 });
    k.files++;
    k.packages += packages.length;
  }
  return corpus;
}

/** Lockfile sizes, skewed (a few big npm trees, many small ones), summing to `total`. */
function lockfileSizes(rng: Rng, files: number, total: number): number[] {
  const raw = Array.from({ length: files }, () => Math.exp(rng.next() * 3.5));
  const sum = raw.reduce((a, b) => a + b, 0);
  const sizes = raw.map((x) => Math.max(3, Math.round((x / sum) * total)));
  // Round-off: nudge the largest files until the total is exact.
  let diff = total - sizes.reduce((a, b) => a + b, 0);
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a]);
  for (let i = 0; diff !== 0; i = (i + 1) % order.length) {
    const step = diff > 0 ? 1 : -1;
    if (sizes[order[i]] + step < 3) continue;
    sizes[order[i]] += step;
    diff -= step;
  }
  return sizes;
}

/** The idx-th name without advisories: the same name wherever it is drawn. */
function cleanName(eco: BenchEcosystem, idx: number): string {
  return packageName(eco, new Rng(idx * 7919 + 17), 1_000_000 + idx);
}

function drawPackages(rng: Rng, eco: BenchEcosystem, n: number, pool: PackagePool, advisedTable: Float64Array, cleanTable: Float64Array, advisedShare: number): LockPackage[] {
  const names = new Set<string>();
  const out: LockPackage[] = [];
  const direct = Math.max(3, Math.round(n * 0.1));
  for (let tries = 0; out.length < n && tries < n * 20; tries++) {
    const name = rng.chance(advisedShare) ? pool.advised[rng.zipf(pool.advised.length, ADVISED_SKEW, advisedTable)] : cleanName(eco, rng.zipf(CLEAN_NAMES, 0.9, cleanTable));
    if (names.has(name)) continue;
    names.add(name);
    const i = out.length;
    out.push({ name, version: benchVersion(rng), direct: i < direct, dev: rng.chance(0.15), deps: [] });
    // The graph: every transitive package is required by an earlier one.
    if (i >= direct) out[rng.int(i)].deps.push(i);
  }
  return out;
}
