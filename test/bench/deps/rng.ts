// A small seeded random generator (mulberry32) so the benchmark's data is the same on every run.
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
  /** 1, 2, 3 ... with P(1) = p, each next one (1 - p) times as likely. */
  geometric(p: number): number {
    let n = 1;
    while (n < 50 && !this.chance(p)) n++;
    return n;
  }
  /** An index in [0, n) drawn with weight 1 / (i + 1)^s (popular first). */
  zipf(n: number, s: number, cdf?: Float64Array): number {
    const table = cdf ?? zipfTable(n, s);
    const u = this.next() * table[table.length - 1];
    let lo = 0;
    let hi = table.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (table[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Cumulative weights 1 / (i + 1)^s, for Rng.zipf. */
export function zipfTable(n: number, s: number): Float64Array {
  const t = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) t[i] = sum += 1 / Math.pow(i + 1, s);
  return t;
}
