// Structured credentials built from their published layouts with random contents: PEM private keys
// with a well-formed DER skeleton (RSA PKCS#1, PKCS#8, EC SEC1, OpenSSH), JWTs, a Google Cloud
// service-account key file, a PyPI macaroon and Azure DevOps' 84-character PAT with its checksum.
// None of them is a working key: the numbers are random bytes in the right places.
import { ALPHA, DIGITS, marvin32, type Rng, toBase64, toBase64Url } from './random';

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  if (n < 0x100) return [0x81, n];
  return [0x82, n >> 8, n & 0xff];
}

function tlv(tag: number, content: number[]): number[] {
  return [tag, ...derLength(content.length), ...content];
}

function derInt(bytes: Uint8Array | number[]): number[] {
  const b = [...bytes];
  while (b.length > 1 && b[0] === 0 && b[1] < 0x80) b.shift();
  if (b[0] >= 0x80) b.unshift(0);
  return tlv(0x02, b);
}

/** Random bytes of a big positive number of exactly `n` bytes (top bit set), odd when asked. */
function bigNumber(r: Rng, n: number, odd = false): number[] {
  const b = [...r.bytes(n)];
  b[0] |= 0x80;
  if (odd) b[n - 1] |= 1;
  return b;
}

const RSA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const P256_OID = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];

/** RSAPrivateKey (PKCS#1) of a 2048-bit key: version, n, e, d, p, q, dp, dq, qinv. */
function rsaPkcs1(r: Rng): number[] {
  return tlv(0x30, [
    ...derInt([0]),
    ...derInt(bigNumber(r, 256, true)),
    ...derInt([0x01, 0x00, 0x01]),
    ...derInt(r.bytes(256)),
    ...derInt(bigNumber(r, 128, true)),
    ...derInt(bigNumber(r, 128, true)),
    ...derInt(r.bytes(128)),
    ...derInt(r.bytes(128)),
    ...derInt(r.bytes(128)),
  ]);
}

function pem(label: string, der: number[] | Uint8Array, width = 64): string {
  const b64 = toBase64(Uint8Array.from(der));
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += width) lines.push(b64.slice(i, i + width));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`;
}

export function rsaPrivateKeyPem(r: Rng): string {
  return pem('RSA PRIVATE KEY', rsaPkcs1(r));
}

export function pkcs8PrivateKeyPem(r: Rng): string {
  return pem('PRIVATE KEY', pkcs8Der(r));
}

function pkcs8Der(r: Rng): number[] {
  return tlv(0x30, [...derInt([0]), ...tlv(0x30, [...RSA_OID, 0x05, 0x00]), ...tlv(0x04, rsaPkcs1(r))]);
}

export function ecPrivateKeyPem(r: Rng): string {
  const der = tlv(0x30, [
    ...derInt([1]),
    ...tlv(0x04, [...r.bytes(32)]),
    ...tlv(0xa0, P256_OID),
    ...tlv(0xa1, tlv(0x03, [0x00, 0x04, ...r.bytes(64)])),
  ]);
  return pem('EC PRIVATE KEY', der);
}

function sshString(data: string | number[]): number[] {
  const b = typeof data === 'string' ? [...Buffer.from(data, 'utf8')] : data;
  return [(b.length >>> 24) & 0xff, (b.length >>> 16) & 0xff, (b.length >>> 8) & 0xff, b.length & 0xff, ...b];
}

/** openssh-key-v1 with one unencrypted ed25519 key (the layout of ssh-keygen's PROTOCOL.key). */
export function opensshPrivateKeyPem(r: Rng, comment: string): string {
  const pub = [...r.bytes(32)];
  const seed = [...r.bytes(32)];
  const check = [...r.bytes(4)];
  const pubBlob = [...sshString('ssh-ed25519'), ...sshString(pub)];
  const priv = [...check, ...check, ...sshString('ssh-ed25519'), ...sshString(pub), ...sshString([...seed, ...pub]), ...sshString(comment)];
  for (let pad = 1; priv.length % 8 !== 0; pad++) priv.push(pad);
  const body = [
    ...Buffer.from('openssh-key-v1\0', 'latin1'),
    ...sshString('none'),
    ...sshString('none'),
    ...sshString(''),
    0, 0, 0, 1,
    ...sshString(pubBlob),
    ...sshString(priv),
  ];
  return pem('OPENSSH PRIVATE KEY', body, 70);
}

/** The public half as authorized_keys shows it (a hard negative: public keys are not secrets). */
export function sshPublicKeyLine(r: Rng, comment: string): string {
  const blob = [...sshString('ssh-ed25519'), ...sshString([...r.bytes(32)])];
  return `ssh-ed25519 ${toBase64(Uint8Array.from(blob))} ${comment}`;
}

/** An X.509-looking certificate block (public; a hard negative). */
export function certificatePem(r: Rng): string {
  return pem('CERTIFICATE', tlv(0x30, [...tlv(0x30, [...tlv(0xa0, derInt([2])), ...derInt(r.bytes(16)), ...r.bytes(600)]), ...r.bytes(270)]));
}

export function publicKeyPem(r: Rng): string {
  return pem('PUBLIC KEY', tlv(0x30, [...tlv(0x30, [...RSA_OID, 0x05, 0x00]), ...tlv(0x03, [0x00, ...tlv(0x30, [...derInt(bigNumber(r, 256, true)), ...derInt([1, 0, 1])])])]));
}

export interface JwtOptions { alg?: 'HS256' | 'RS256'; issuer: string; audience: string; subject: string; iat: number; lifetime: number }

export function jwt(r: Rng, o: JwtOptions): string {
  const alg = o.alg ?? 'HS256';
  const header = toBase64Url(JSON.stringify({ alg, typ: 'JWT', ...(alg === 'RS256' ? { kid: r.hex(16) } : {}) }));
  const payload = toBase64Url(JSON.stringify({ iss: o.issuer, sub: o.subject, aud: o.audience, iat: o.iat, exp: o.iat + o.lifetime, scope: 'read:orders write:orders' }));
  const sig = toBase64Url(r.bytes(alg === 'RS256' ? 256 : 32));
  return `${header}.${payload}.${sig}`;
}

export interface ServiceAccount { json: string; project: string; email: string; keyId: string }

/** A Google Cloud service-account key file, as the console downloads it (pretty JSON, 2 spaces). */
export function gcpServiceAccount(r: Rng): ServiceAccount {
  const project = `${r.word(4, 7)}-${r.word(4, 7)}-${r.digits(6)}`;
  const name = `${r.word(4, 8)}-deployer`;
  const email = `${name}@${project}.iam.gserviceaccount.com`;
  const keyId = r.hex(40);
  const doc = {
    type: 'service_account',
    project_id: project,
    private_key_id: keyId,
    private_key: `${pem('PRIVATE KEY', pkcs8Der(r))}\n`,
    client_email: email,
    client_id: r.digits(21),
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(email)}`,
    universe_domain: 'googleapis.com',
  };
  return { json: JSON.stringify(doc, null, 2), project, email, keyId };
}

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}

/** A PyPI API token: "pypi-" and a base64url (unpadded) v2 binary macaroon for location pypi.org. */
export function pypiToken(r: Rng, project: string): string {
  const field = (type: number, data: number[]): number[] => [type, ...varint(data.length), ...data];
  const utf8 = (s: string): number[] => [...Buffer.from(s, 'utf8')];
  const caveat = (text: string): number[] => [...field(2, utf8(text)), 0];
  const bytes = [
    2,
    ...field(1, utf8('pypi.org')),
    ...field(2, utf8(r.uuid())),
    0,
    ...caveat(JSON.stringify({ version: 1, permissions: { projects: [project] } })),
    ...caveat(JSON.stringify({ nbf: 1735689600 + r.int(3e7), exp: 1767225600 + r.int(3e7) })),
    0,
    ...field(6, [...r.bytes(32)]),
  ];
  return `pypi-${toBase64Url(Uint8Array.from(bytes))}`;
}

const ALNUM = /^[A-Za-z0-9]+$/;
// Microsoft's "version two" checksum seed: the ASCII of "Default0" reversed, read as a little-endian uint64.
const CASK_SEED_LO = 0x756c7430;
const CASK_SEED_HI = 0x44656661;

/**
 * An Azure DevOps PAT in the 84-character format (Microsoft's common annotated security key):
 * 52 random base62 chars, "JQQJ99", a date (year letter, month letter A-L), 12 platform and 4
 * provider chars, the provider signature "AZDO", then 4 chars: the first three bytes of a Marvin32
 * checksum of the first 60 bytes, base64. `corrupt` flips the checksum (a hard negative).
 */
export function azureDevOpsPat(r: Rng, corrupt = false): string {
  for (;;) {
    const random = toBase64(r.bytes(39));
    if (!ALNUM.test(random)) continue;
    const head = `${random}JQQJ99${'BC'[r.int(2)]}${'ABCDEFGHIJKL'[r.int(12)]}${r.chars(ALPHA + DIGITS, 16)}AZDO`;
    const bytes = Buffer.from(head, 'base64');
    const sum = marvin32(bytes, CASK_SEED_LO, CASK_SEED_HI);
    const sumBytes = [sum & 0xff, (sum >>> 8) & 0xff, (sum >>> 16) & 0xff];
    if (corrupt) sumBytes[1] ^= 0x5a;
    const tail = toBase64(Uint8Array.from(sumBytes));
    if (!ALNUM.test(tail)) continue;
    return head + tail;
  }
}
