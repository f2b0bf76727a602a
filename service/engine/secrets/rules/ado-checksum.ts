// The checksum embedded in legacy (52-char, base32) Azure DevOps PATs: CRC-32 of 28 of the
// 32 decoded bytes, XOR a seed for user or application tokens, stored little-endian in bytes
// 22, 8, 7 and 2 (as documented by Microsoft's open-source security-utilities).

const USER_SEED = 0xe0b9692d;
const APP_SEED = 0x1019f92e;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function fromBase32(s: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((s.length * 5) / 8));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ALPHABET.indexOf(s[i].toLowerCase());
    if (v < 0) return undefined;
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}

export function isValidLegacyAdoPat(token: string): boolean {
  if (token.length !== 52) return false;
  const b = fromBase32(token);
  if (!b || b.length < 32) return false;
  const body = new Uint8Array(28);
  body.set(b.subarray(0, 2), 0);
  body.set(b.subarray(3, 7), 2);
  body.set(b.subarray(9, 22), 6);
  body.set(b.subarray(23, 32), 19);
  const crc = crc32(body);
  const embedded = (b[22] | (b[8] << 8) | (b[7] << 16) | (b[2] << 24)) >>> 0;
  return embedded === ((crc ^ USER_SEED) >>> 0) || embedded === ((crc ^ APP_SEED) >>> 0);
}

/** Builds a token whose checksum verifies (for examples and tests). */
export function makeLegacyAdoPat(random: Uint8Array, seed: 'user' | 'app' = 'user'): string {
  const b = new Uint8Array(32);
  const body = random.subarray(0, 28);
  b.set(body.subarray(0, 2), 0);
  b.set(body.subarray(2, 6), 3);
  b.set(body.subarray(6, 19), 9);
  b.set(body.subarray(19, 28), 23);
  const sum = (crc32(body) ^ (seed === 'user' ? USER_SEED : APP_SEED)) >>> 0;
  b[22] = sum & 0xff;
  b[8] = (sum >>> 8) & 0xff;
  b[7] = (sum >>> 16) & 0xff;
  b[2] = (sum >>> 24) & 0xff;
  let out = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < b.length; i++) {
    acc = (acc << 8) | b[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >>> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out.slice(0, 52);
}
