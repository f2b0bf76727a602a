// Deterministic randomness and the small encodings token formats are built from (CRC32, base62,
// base64/base64url, Marvin32). Every value of the evaluation set comes from a generator seeded by
// the case's own name, so adding a provider or a syntax never changes the values of the others.

export const DIGITS = '0123456789';
export const HEX = '0123456789abcdef';
export const HEX_UPPER = '0123456789ABCDEF';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const ALPHA = UPPER + LOWER;
/** 0-9A-Za-z: the order GitHub's and npm's checksums are written in. */
export const BASE62 = DIGITS + UPPER + LOWER;
export const LOWER_ALNUM = LOWER + DIGITS;
export const UPPER_ALNUM = UPPER + DIGITS;
export const B64 = UPPER + LOWER + DIGITS + '+/';
export const B64URL = UPPER + LOWER + DIGITS + '-_';
/** RFC 4648 base32, lower case (legacy Azure DevOps PATs). */
export const BASE32_LOWER = 'abcdefghijklmnopqrstuvwxyz234567';
export const BASE32_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** FNV-1a, 32 bits: turns a case name into a seed. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** sfc32: small, fast, good enough for test data, and the same on every platform. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    this.a = hashSeed(`a:${seed}`);
    this.b = hashSeed(`b:${seed}`);
    this.c = hashSeed(`c:${seed}`);
    this.d = 1;
    for (let i = 0; i < 16; i++) this.next();
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.next() / 0x100000000) * n);
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }

  /** n characters drawn from the alphabet. */
  chars(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.next() & 0xff;
    return out;
  }

  hex(n: number): string {
    return this.chars(HEX, n);
  }

  digits(n: number): string {
    // No leading zero: account numbers and ids rarely start with one.
    return this.chars('123456789', 1) + this.chars(DIGITS, n - 1);
  }

  uuid(): string {
    const h = this.hex(32).split('');
    h[12] = '4';
    h[16] = '89ab'[this.int(4)];
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  /** A pronounceable lower-case word (host names, user names, project names). */
  word(min = 4, max = 8): string {
    const cons = 'bcdfghjklmnprstvwz';
    const vow = 'aeiou';
    for (;;) {
      const n = this.between(min, max);
      let out = '';
      for (let i = 0; i < n; i++) out += i % 2 === 0 ? cons[this.int(cons.length)] : vow[this.int(vow.length)];
      // Words that would make a value look like a placeholder to a reader (and to a scanner).
      if (!/fake|dumm|lorem|test|sampl|demo|mock|stub|todo|temp|pass|secret|token|key/.test(out)) return out;
    }
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE), as zlib computes it. */
export function crc32(data: string | Uint8Array): number {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A non-negative integer in base62 (0-9A-Za-z), left-padded with '0' to `width`. */
export function base62(value: number, width: number): string {
  let v = value;
  let out = '';
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export function toBase64Url(data: Uint8Array | string): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * Marvin32 (the hash .NET uses for strings; Microsoft's identifiable keys use it as their
 * checksum), collapsed to 32 bits as `ComputeHash32` does.
 */
export function marvin32(data: Uint8Array, seedLo: number, seedHi: number): number {
  let p0 = seedLo >>> 0;
  let p1 = seedHi >>> 0;
  const rotl = (v: number, s: number): number => ((v << s) | (v >>> (32 - s))) >>> 0;
  const block = (): void => {
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotl(p0, 20);
    p0 = (p0 + p1) >>> 0;
    p1 = rotl(p1, 9);
    p1 = (p1 ^ p0) >>> 0;
    p0 = rotl(p0, 27);
    p0 = (p0 + p1) >>> 0;
    p1 = rotl(p1, 19);
  };
  const whole = data.length & ~3;
  for (let i = 0; i < whole; i += 4) {
    p0 = (p0 + (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24))) >>> 0;
    block();
  }
  const rest = data.length - whole;
  const at = whole;
  if (rest === 0) p0 = (p0 + 0x80) >>> 0;
  else if (rest === 1) p0 = (p0 + (0x8000 | data[at])) >>> 0;
  else if (rest === 2) p0 = (p0 + (0x800000 | data[at] | (data[at + 1] << 8))) >>> 0;
  else p0 = (p0 + ((0x80000000 | (data[at + 2] << 16) | data[at] | (data[at + 1] << 8)) >>> 0)) >>> 0;
  block();
  block();
  return (p1 ^ p0) >>> 0;
}
