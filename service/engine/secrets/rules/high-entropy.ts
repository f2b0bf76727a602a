// Entropy-only detection, as detect-secrets' high-entropy-string plugins do it: a base64 (standard or
// URL-safe) or hex string that looks random, written as a quoted literal or as the value of an
// assignment, that no provider-specific or keyed rule claimed. Confidence low: nothing but its
// randomness says it is a credential. Built on the base64 runs the prefilter pass finds anyway (no
// second pass over the bytes), filtered hard (hashes, ids, images, keys' public halves, lockfiles,
// minified code) and capped per file so that a file of random test vectors is one finding, not fifty.
import { isHashOrIdentifier, isKnownExample, isNonSecretKeyName, isPlaceholder, isTemplateReference } from '../allowlist';
import { decodePrintable } from '../detect';
import { shannonEntropy } from '../entropy';
import { BASE64, BASE64URL, HEX, lazyExamples, randomBase64, randomToken } from '../examples';
import type { RawHit, RunList, SecretRule, Span } from '../rule';
import { CODE_FILE } from './helpers';

/** Findings reported per file (per scanned text); the rest are counted in the first one's message. */
export const MAX_PER_FILE = 3;
/** Shortest and longest string considered (runs start at 24; longer blobs are content: images, fonts, certificates). */
const MIN_LENGTH = 24;
const MAX_LENGTH = 512;
/** detect-secrets' limits (bits per character): base64 4.5, hex 3.0. Shorter base64 strings get a lower bar (see base64Threshold). */
export const BASE64_ENTROPY = 4.5;
export const HEX_ENTROPY = 3.0;

/** Bytes of a token: the base64 alphabet and its URL-safe variant. */
const TOKEN = new Uint8Array(256);
for (const c of BASE64 + '-_') TOKEN[c.charCodeAt(0)] = 1;
const HEX_LOWER = new Uint8Array(256);
for (const c of '0123456789abcdef') HEX_LOWER[c.charCodeAt(0)] = 1;
const HEX_UPPER = new Uint8Array(256);
for (const c of '0123456789ABCDEF') HEX_UPPER[c.charCodeAt(0)] = 1;

/**
 * Files made of digests, generated or minified: lockfiles, checksum lists, source maps, minified
 * bundles. Tests and fixtures are NOT excluded: secrets leak there too.
 */
const SKIPPED_PATH = new RegExp(
  [
    // Lockfiles: package-lock.json, yarn.lock, Cargo.lock, go.sum, .terraform.lock.hcl, packages.lock.json …
    '(?:^|/)(?:package-lock\\.json|npm-shrinkwrap\\.json|pnpm-lock\\.ya?ml|packages\\.lock\\.json|go\\.(?:work\\.)?sum|gradle\\.lockfile|flake\\.lock|[^/]*\\.lock|\\.terraform\\.lock\\.hcl)$',
    // Checksum lists: SHA256SUMS, checksums.txt, foo.tar.gz.sha256, MD5SUMS …
    '(?:^|/)[^/]*(?:sums?|checksums?)(?:\\.txt)?$',
    '\\.(?:sha1|sha256|sha512|md5|sum|sig|asc)$',
    // Generated: source maps, minified bundles.
    '\\.map$',
    '[.-]min\\.(?:[cm]?js|css)$',
    '[.-](?:bundle|chunk)\\.[cm]?js$',
  ].join('|'),
  'i',
);

/** Source files in which a very long line is minified code. */
const SCRIPT_FILE = /\.(?:[cm]?js|jsx|css)$/i;
const MINIFIED_LINE = 1000;

/** Key names whose values are digests or commits, whatever else they say ("tokenHash"). */
const DIGEST_KEY = /hash|sha\d|^sha|digest|checksum|integrity|fingerprint|thumbprint|md5|crc|etag|commit|^rev$|[^a-z]rev$|revision|githead|^sri$/i;
/**
 * Key names whose values are ids, public halves or content (beyond the generic rules' list,
 * isNonSecretKeyName), unless they also name a secret ("certPassword").
 */
const CONTENT_KEY = /public|pubkey|cert|icon|image|logo|font|avatar|svg|png|jpe?g|gif|base64|^data$|content|^iv$|^enc$|cipher|encrypted|sealed|signature$|^oid$|object_?id|^blob$|snapshot|^tag$/i;
const SECRET_WORD = /pass|pwd|secret|private|token|cred|api_?key/i;

/** Words near a hex string that say it is a digest or a commit (the 64 bytes before it, on its line). */
const HASH_CONTEXT = /hash|sha\d*|digest|checksum|integrity|commit|revision|\brev\b|etag|fingerprint|thumbprint|md5|crc|object|tree|parent|merge|cherry|checkout|blob|build|version|release|tag\b|@/i;

/** Base64 of content rather than keys: PNG, JPEG, GIF, WebP, WOFF, TrueType, PDF, SVG, XML, SSH public keys. */
const CONTENT_PREFIX = /^(?:iVBORw0KGgo|\/9j\/|R0lGOD|UklGR|d09GR|d09GMg|AAEAAAA|T1RUTw|JVBERi0|PHN2Zy|PD94bWw|AAAAB3NzaC1|AAAAC3NzaC1|AAAAE2VjZHNh)/;

/** Public / test keys of well-known providers (a private twin has its own rule). */
const PUBLIC_PREFIX = /^(?:pk_(?:live|test)_|sk_test_|rk_test_|pub-|pk\.)/;

/**
 * The entropy a base64 string needs: detect-secrets' 4.5 bits per character from 40 characters on,
 * less for shorter strings, whose entropy cannot reach it (a random 24-character base64 string has
 * about 4.25 bits per character; an English identifier of that length, 3.5-3.9).
 */
export function base64Threshold(length: number): number {
  if (length >= 40) return BASE64_ENTROPY;
  return 4.0 + ((Math.max(length, MIN_LENGTH) - MIN_LENGTH) * (BASE64_ENTROPY - 4.0)) / (40 - MIN_LENGTH);
}

/**
 * Words, not randomness: CamelCase, snake_case and path segments of three or more letters make up
 * most of it ("UserAccountSettingsProvider2", "src/components/Avatar"). A random base64 string
 * switches between lower case, upper case and digits every two characters or so.
 */
export function isWordLike(value: string): boolean {
  let segments = 0;
  let wordChars = 0;
  let i = 0;
  const n = value.length;
  while (i < n) {
    const start = i;
    const c = value.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      // An upper-case letter starts a word ("User") or an acronym ("URL").
      i++;
      if (i < n && isLower(value.charCodeAt(i))) while (i < n && isLower(value.charCodeAt(i))) i++;
      else while (i < n && isUpper(value.charCodeAt(i)) && !(i + 1 < n && isLower(value.charCodeAt(i + 1)))) i++;
    } else if (isLower(c)) {
      while (i < n && isLower(value.charCodeAt(i))) i++;
    } else if (c >= 48 && c <= 57) {
      while (i < n && value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) i++;
    } else {
      i++; // a separator: / _ - + =
      continue;
    }
    segments++;
    if (i - start >= 3 && !isDigit(c)) wordChars += i - start;
  }
  return segments > 0 && wordChars >= n * 0.7 && n / segments >= 3.5;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A UUID without its dashes (version 1-8 nibble, RFC 4122 variant) or a MongoDB ObjectId (a 2009-2038 timestamp first). */
function isHexIdentifier(value: string): boolean {
  if (value.length === 32) {
    const version = value.charCodeAt(12);
    const variant = value[16].toLowerCase();
    return version >= 49 && version <= 56 && '89ab'.includes(variant);
  }
  if (value.length === 24) {
    const seconds = parseInt(value.slice(0, 8), 16);
    return seconds >= 0x4a000000 && seconds < 0x80000000;
  }
  return false;
}

/** Hex that spells text (mostly printable ASCII), e.g. an encoded message or a name. */
function hexIsText(value: string): boolean {
  let printable = 0;
  const bytes = value.length >> 1;
  for (let i = 0; i + 1 < value.length; i += 2) {
    const b = parseInt(value.slice(i, i + 2), 16);
    if ((b >= 32 && b < 127) || b === 9 || b === 10 || b === 13) printable++;
  }
  return printable >= bytes * 0.95;
}

const BASE64_HEAD = new Uint8Array(8);
/** The standard base64 alphabet, in value order. */
const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * DER of a public key or a certificate (a SEQUENCE whose first element is a SEQUENCE), as base64:
 * public. A private key's DER starts with an INTEGER (its version) instead.
 */
function isPublicDer(bytes: Uint8Array, start: number): boolean {
  if (bytes[start] !== 77 /* M */) return false;
  // Eight characters give six bytes: tag, length (up to 3 bytes), and the first element's tag.
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = start; i < start + 8; i++) {
    const v = BASE64_DIGITS.indexOf(String.fromCharCode(bytes[i]));
    if (v < 0) return false;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      BASE64_HEAD[n++] = (acc >> bits) & 0xff;
    }
  }
  if (BASE64_HEAD[0] !== 0x30) return false;
  const len = BASE64_HEAD[1];
  const first = len < 0x80 ? 2 : len === 0x81 ? 3 : len === 0x82 ? 4 : -1;
  return first > 0 && BASE64_HEAD[first] === 0x30;
}

/** Where a token sits: quoted or bare, and the key it is assigned to ('' for none). */
interface Place {
  quoted: boolean;
  key: string;
}

const SCRATCH = new Uint8Array(MAX_LENGTH);

/**
 * A quoted literal ("…", '…', `…`), an XML element's text (<Key>…</Key>) or a bare assignment value
 * (`KEY=…`, `key: …`, ending its line or followed by a comment, `;` or `,`); undefined otherwise.
 */
function placeOf(bytes: Uint8Array, ts: number, te: number): Place | undefined {
  const before = ts > 0 ? bytes[ts - 1] : -1;
  const after = te < bytes.length ? bytes[te] : -1;
  let i: number;
  let quoted = false;
  if ((before === 34 || before === 39 || before === 96) && after === before) {
    quoted = true;
    i = ts - 2;
  } else if (before === 62 /* > */ && after === 60 /* < */) {
    // <Key>value</Key>: the key is the tag name.
    const e = ts - 1;
    let s = e;
    while (s > 0 && e - s < 64 && bytes[s - 1] !== 60 && bytes[s - 1] !== 10) s--;
    return bytes[s - 1] === 60 ? { quoted: false, key: keyName(bytes, s, e) } : undefined;
  } else {
    // A bare value must end its line (blanks, a comment, ';' or ',' may follow).
    let j = te;
    while (j < bytes.length && (bytes[j] === 32 || bytes[j] === 9) && j - te < 16) j++;
    const end = j < bytes.length ? bytes[j] : 10;
    if (!(end === 10 || end === 13 || end === 35 /* # */ || end === 59 /* ; */ || end === 44 /* , */)) return undefined;
    i = ts - 1;
  }
  // Blanks, then an operator: = : := => ?= += (YAML's `key: value` needs its blank).
  let blanks = 0;
  while (i >= 0 && (bytes[i] === 32 || bytes[i] === 9) && blanks < 16) { i--; blanks++; }
  const op = i >= 0 ? bytes[i] : -1;
  if (op === 61 /* = */) {
    i--;
    if (i >= 0 && (bytes[i] === 58 || bytes[i] === 43 || bytes[i] === 63 || bytes[i] === 33)) i--; // := += ?= !=
  } else if (op === 58 /* : */ && (quoted || blanks > 0)) {
    i--;
  } else if (op === 62 /* > */ && i > 0 && bytes[i - 1] === 61) {
    i -= 2; // =>
  } else {
    // No assignment: a quoted literal still counts (an argument, an array item); a bare word does not.
    return quoted ? { quoted, key: '' } : undefined;
  }
  while (i >= 0 && (bytes[i] === 32 || bytes[i] === 9) && blanks++ < 32) i--;
  // "key": …, $config['key'] = …
  if (i >= 0 && bytes[i] === 93 /* ] */) i--;
  if (i >= 0 && (bytes[i] === 34 || bytes[i] === 39 || bytes[i] === 96)) i--;
  const e = i + 1;
  let s = e;
  while (s > 0 && e - s < 64 && KEY_BYTE[bytes[s - 1]]) s--;
  return { quoted, key: keyName(bytes, s, e) };
}

const KEY_BYTE = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-/@$') KEY_BYTE[c.charCodeAt(0)] = 1;

function keyName(bytes: Uint8Array, s: number, e: number): string {
  let key = '';
  for (let i = s; i < e; i++) key += String.fromCharCode(bytes[i]);
  // `image/png`, `spec.template.data`: the last part names the value.
  const cut = Math.max(key.lastIndexOf('/'), key.lastIndexOf('.'));
  return cut >= 0 && cut < key.length - 1 ? key.slice(cut + 1) : key;
}

/** The key names a digest, an id, a public half or content. */
function isNotSecretKey(key: string): boolean {
  if (key.length === 0) return false;
  if (DIGEST_KEY.test(key)) return true;
  return (isNonSecretKeyName(key) || CONTENT_KEY.test(key)) && !SECRET_WORD.test(key);
}

/** Whether lines are minified code: one answer per line, kept while the candidates are on it. */
class LongLines {
  private from = -1;
  /** End of the last line asked about. */
  to = -1;
  private long = false;
  constructor(private readonly bytes: Uint8Array) {}

  /** True when the line holding `at` is longer than MINIFIED_LINE bytes. */
  at(at: number): boolean {
    if (at >= this.from && at < this.to) return this.long;
    const nl = this.bytes.indexOf(10, at);
    this.from = this.bytes.lastIndexOf(10, at) + 1;
    this.to = nl < 0 ? this.bytes.length : nl;
    this.long = this.to - this.from > MINIFIED_LINE;
    return this.long;
  }
}

/** The 64 bytes before `at` on its line, as text. */
function lineBefore(bytes: Uint8Array, at: number): string {
  let s = at;
  while (s > 0 && bytes[s - 1] !== 10 && at - s < 64) s--;
  let text = '';
  for (let i = s; i < at; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

/** sha1-, sha256-, sha384-, sha512-, md5- (subresource integrity, lockfiles) starting the token at `ts`. */
function startsWithDigestName(bytes: Uint8Array, ts: number): boolean {
  let i = ts;
  while (i < ts + 7 && isAlnum(bytes[i])) i++;
  return bytes[i] === 45 /* - */ && isDigestName(bytes, ts, i);
}

/** The same name ending right before the '-' at `dash`. */
function digestNameBefore(bytes: Uint8Array, dash: number): boolean {
  let i = dash;
  while (i > 0 && dash - i < 7 && isAlnum(bytes[i - 1])) i--;
  return (i === 0 || !TOKEN[bytes[i - 1]]) && isDigestName(bytes, i, dash);
}

/** bytes[s, e) is sha1, sha224, sha256, sha384, sha512 or md5. */
function isDigestName(bytes: Uint8Array, s: number, e: number): boolean {
  if (e - s === 3) return bytes[s] === 109 && bytes[s + 1] === 100 && bytes[s + 2] === 53; // md5
  if (e - s !== 4 && e - s !== 6) return false;
  if (bytes[s] !== 115 || bytes[s + 1] !== 104 || bytes[s + 2] !== 97) return false; // sha
  for (let i = s + 3; i < e; i++) if (!isDigit(bytes[i])) return false;
  return true;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Files whose values are ciphertext meant to be committed: Bitnami sealed secrets, SOPS files, Ansible
 * Vault, PGP messages. Looked for once per text, and only when a candidate is about to be reported.
 */
const ENCRYPTED_FILE_MARKERS = ['kind: SealedSecret', '"kind": "SealedSecret"', 'ENC[AES256_GCM,', '$ANSIBLE_VAULT;', '-----BEGIN PGP MESSAGE-----'];

function isEncryptedFile(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return ENCRYPTED_FILE_MARKERS.some((m) => buffer.includes(m, 0, 'latin1'));
}

/** `data:…;base64,` right before the token. */
function afterBase64Marker(bytes: Uint8Array, ts: number): boolean {
  if (ts < 7 || bytes[ts - 1] !== 44 /* , */) return false;
  let word = '';
  for (let i = ts - 7; i < ts - 1; i++) word += String.fromCharCode(bytes[i] | 0x20);
  return word === 'base64';
}

export interface EntropyCandidate extends RawHit {
  kind: 'base64' | 'hex';
  entropy: number;
}

/** What a string alone says: random base64 or hex, or not a secret. */
export function classify(value: string): { kind: 'base64' | 'hex'; entropy: number } | undefined {
  const n = value.length;
  if (n < MIN_LENGTH || n > MAX_LENGTH) return undefined;
  let hexLower = true;
  let hexUpper = true;
  let digits = 0;
  let letters = 0;
  let urlSafe = false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (!HEX_LOWER[c]) hexLower = false;
    if (!HEX_UPPER[c]) hexUpper = false;
    if (isDigit(c)) digits++;
    else if (isLower(c) || isUpper(c)) letters++;
    else if (c === 45 || c === 95) urlSafe = true;
  }
  // Only digits is a number; only letters is a word (or a name) far more often than a key.
  if (digits === 0 || letters === 0) return undefined;
  const entropy = shannonEntropy(value);
  if (hexLower || hexUpper) {
    if (entropy < HEX_ENTROPY || isHexIdentifier(value) || hexIsText(value)) return undefined;
    return { kind: 'hex', entropy };
  }
  // '-' and '_' separate words in names ("user-profile-settings-2024"); in a URL-safe key they are rare.
  if (urlSafe && /[-_]{2}|^[-_]|[-_]$/.test(value)) return undefined;
  if (entropy < base64Threshold(n) || isWordLike(value)) return undefined;
  return { kind: 'base64', entropy };
}

/** Candidates in `bytes` (all of them; the caller caps), skipping what overlaps `found`. */
export function entropyCandidates(bytes: Uint8Array, runs: RunList, path: string, found: readonly Span[]): EntropyCandidate[] {
  if (SKIPPED_PATH.test(path)) return [];
  const code = CODE_FILE.test(path);
  const longLine = SCRIPT_FILE.test(path) ? new LongLines(bytes) : undefined;
  const taken = found.length ? [...found].sort((a, b) => a.start - b.start) : [];
  let t = 0;
  let lastEnd = -1;
  let encrypted: boolean | undefined;
  const out: EntropyCandidate[] = [];
  for (let r = 0; r < runs.runCount; r++) {
    const s = runs.runStart[r];
    if (s < lastEnd) continue; // part of the previous token (or of a minified line)
    // sha512-…, h1:…, sha256:…: digests (lockfiles hold hundreds of thousands), decided before any other work.
    const prev = s > 0 ? bytes[s - 1] : 0;
    if ((prev === 58 /* : */ && s > 1 && isAlnum(bytes[s - 2])) || (prev === 45 /* - */ && digestNameBefore(bytes, s - 1))) {
      lastEnd = runs.runEnd[r];
      continue;
    }
    if (longLine?.at(s)) {
      lastEnd = longLine.to; // minified code: the rest of its line too
      continue;
    }
    let ts = s;
    let te = runs.runEnd[r];
    while (ts > 0 && TOKEN[bytes[ts - 1]] && te - ts <= MAX_LENGTH) ts--;
    while (te < bytes.length && TOKEN[bytes[te]] && te - ts <= MAX_LENGTH) te++;
    for (let pad = 0; pad < 2 && bytes[te] === 61 /* = */; pad++) te++;
    lastEnd = te;
    if (te - ts > MAX_LENGTH || startsWithDigestName(bytes, ts)) continue;
    while (t < taken.length && taken[t].end <= ts) t++;
    if (t < taken.length && taken[t].start < te) continue; // another rule's finding
    const place = placeOf(bytes, ts, te);
    if (!place) continue;
    if (!place.quoted && code) continue; // an expression, not a literal
    if (isNotSecretKey(place.key)) continue;
    if (afterBase64Marker(bytes, ts)) continue;
    let value = '';
    for (let i = ts; i < te; i++) value += String.fromCharCode(bytes[i]);
    const bare = value.replace(/=+$/, '');
    const what = classify(bare);
    if (!what) continue;
    if (CONTENT_PREFIX.test(value) || PUBLIC_PREFIX.test(value) || isPublicDer(bytes, ts)) continue;
    if (isHashOrIdentifier(value) || isTemplateReference(value) || isKnownExample(value) || isPlaceholder(value, true)) continue;
    if (what.kind === 'hex' && HASH_CONTEXT.test(lineBefore(bytes, ts))) continue;
    // Base64 of text is encoded content (its decoded text was scanned for secrets already); keys are random bytes.
    if (what.kind === 'base64' && !/[-_]/.test(bare) && decodePrintable(bytes, ts, bare.length, SCRATCH) >= 0) continue;
    if ((encrypted ??= isEncryptedFile(bytes))) return [];
    out.push({ index: ts, value, kind: what.kind, entropy: what.entropy });
  }
  return out;
}

/** The run finder: the first MAX_PER_FILE candidates, the first of them counting the rest. */
function findHighEntropy(bytes: Uint8Array, runs: RunList, path: string, found: readonly Span[]): RawHit[] {
  const all = entropyCandidates(bytes, runs, path, found);
  const kept = all.slice(0, MAX_PER_FILE);
  return kept.map((c, i) => {
    let detail = `(${c.kind === 'hex' ? 'hex' : 'base64'}, ${c.entropy.toFixed(1)} bits per character`;
    if (i === 0 && all.length > kept.length) detail += `; ${all.length} such strings in this file, the first ${kept.length} reported`;
    return { index: c.index, value: c.value, detail: `${detail})` };
  });
}

// ---- examples -------------------------------------------------------------------------------------

const b64 = randomBase64('high-entropy-b64', 30); // 40 characters
const b64url = randomToken('high-entropy-b64url', BASE64URL, 43);
const hex = randomToken('high-entropy-hex', HEX, 40);
const b64b = randomToken('high-entropy-b64-b', BASE64, 40);

export const rules: SecretRule[] = [
  {
    id: 'SEC-HIGH-ENTROPY-STRING',
    title: 'High-entropy string',
    description:
      'A random-looking base64 or hex string (detect-secrets\' high-entropy strings: 4.5 bits per character for base64, 3.0 for hex) written as a quoted literal or an assignment\'s value, that no provider-specific or keyed rule recognised. Nothing but its randomness says it is a credential, hence the low confidence: check what it is. Digests, ids, images, public keys, lockfiles, checksum lists and minified code are left out, and a file reports at most three.',
    severity: 'medium',
    confidence: 'low',
    remediation:
      'Find out what the value is. If it is a credential (an API key, a signing or encryption key, a password), revoke it where it was issued and load it at run time from a secret store; if it is not (a digest, a test vector, an identifier), dismiss the finding as a false positive or add it to .vigil.yml.',
    helpUri: 'https://github.com/Yelp/detect-secrets#plugins',
    references: [{ type: 'other', id: 'detect-secrets Base64HighEntropyString / HexHighEntropyString' }],
    keywords: [],
    runs: findHighEntropy,
    generic: true,
    priority: -2,
    examples: lazyExamples(() => ({
      mustFlag: [
        // JavaScript, Python, YAML, JSON, and a few more: names that say nothing of a secret.
        `const upstream = "${b64}";\n`,
        `client = Client(seed='${b64}')\n`,
        `service:\n  upstream: "${b64}"\n`,
        `service:\n  upstream: ${b64}\n`,
        `{\n  "name": "billing",\n  "upstream": "${b64}"\n}\n`,
        `UPSTREAM=${b64url}\n`,
        `<configuration>\n  <Upstream>${b64b}</Upstream>\n</configuration>\n`,
        `fetch(url, { headers: { "X-Upstream": "${b64url}" } });\n`,
        `signer := hmac.New(sha256.New, []byte("${b64b}"))\n`,
        `$config['upstream'] = '${hex}';\n`,
        `private static final String UPSTREAM = "${hex}";\n`,
      ],
      mustNotFlag: [
        // Lockfile integrity, UUIDs, a file digest in a checksum list, an image data URI, minified code, identifiers.
        `{\n  "node_modules/left-pad": {\n    "integrity": "sha512-${randomBase64('high-entropy-sri', 64)}"\n  }\n}\n`,
        `{\n  "tenantId": "3f2b9c1e-7d4a-4e8b-9c2d-1a6f0e5b7c3d",\n  "clientId": "8a1d2c3b4e5f40a19b8c7d6e5f4a3b2c"\n}\n`,
        `${randomToken('high-entropy-sum', HEX, 64)}  vigil-linux-x64.tar.gz\n`,
        `image: contoso.azurecr.io/api@sha256:${randomToken('high-entropy-digest', HEX, 64)}\n`,
        `commit: ${hex}\n`,
        `const logo = "data:image/png;base64,${randomBase64('high-entropy-png', 30)}";\n`,
        `.icon{background:url(data:image/svg+xml;base64,${randomBase64('high-entropy-svg', 45)})}\n`,
        `const handler = "UserAccountSettingsProviderFactory2024";\n`,
        `import x from "src/components/UserProfile/AvatarPicture2";\n`,
        `const passwordField = "input_password_confirmation_field_2";\n`,
        `- uses: actions/checkout@${hex}\n`,
        `"${Buffer.from('the quick brown fox jumps over the lazy dog, twice').toString('base64')}"\n`,
        `const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";\n`,
        `publicKey: "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${randomToken('high-entropy-pub', BASE64, 40)}"\n`,
        `const key = process.env.UPSTREAM_KEY || "${'x'.repeat(40)}";\n`,
        `upstream = "${b64.slice(0, 12)}"\n`,
      ],
    })),
  },
];
