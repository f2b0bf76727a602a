// Checksums embedded in provider tokens: a token whose checksum does not verify is a look-alike
// (made up, truncated, edited), reported at low confidence rather than dropped (SecretRule.checksum).
import { BASE62, randomToken } from '../examples';

const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}

/** CRC-32 (IEEE) of an ASCII string. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = (crc >>> 8) ^ CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff];
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(n: number, width: number): string {
  let s = '';
  for (; n > 0; n = Math.floor(n / 62)) s = BASE62[n % 62] + s;
  return s.padStart(width, '0');
}

/**
 * GitHub's token format (ghp_, gho_, ghu_, ghs_, ghr_) and npm's (npm_): after the prefix, 30
 * random base62 characters and the CRC-32 of those 30, in base62 (0-9A-Za-z), padded to 6.
 * github.blog/2021-04-05-behind-githubs-new-authentication-token-formats
 */
export function base62Crc32Verifies(token: string): boolean {
  const body = token.slice(token.lastIndexOf('_') + 1);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

/** A sample token in that format whose checksum verifies (deterministic for a seed). */
export function base62Crc32Token(prefix: string, seed: string): string {
  const random = randomToken(seed, BASE62, 30);
  return prefix + random + base62(crc32(random), 6);
}

/**
 * Grafana service account tokens: glsa_<32 random>_<8 hex>, the hex being the CRC-32 (IEEE) of
 * the text before the last '_' ("glsa_<random>"), its four bytes little-endian, lower case
 * (Grafana's pkg/components/satokengen: CalculateChecksum, compared exactly by Decode).
 */
export function grafanaServiceAccountVerifies(token: string): boolean {
  const cut = token.lastIndexOf('_');
  if (cut < 0 || token.length - cut - 1 !== 8) return false;
  return littleEndianHex(crc32(token.slice(0, cut))) === token.slice(cut + 1);
}

function littleEndianHex(n: number): string {
  let s = '';
  for (let k = 0; k < 4; k++) s += ((n >>> (8 * k)) & 0xff).toString(16).padStart(2, '0');
  return s;
}

/** A sample Grafana service account token whose checksum verifies (deterministic for a seed). */
export function grafanaServiceAccountToken(seed: string): string {
  const head = 'glsa_' + randomToken(seed, BASE62, 32);
  return `${head}_${littleEndianHex(crc32(head))}`;
}
