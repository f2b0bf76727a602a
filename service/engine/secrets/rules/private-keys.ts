// Private keys in PEM and friends: RSA, EC (secp256k1 included), DSA, OpenSSH, PKCS#8 (plain and
// encrypted), PGP, PuTTY; and raw (hex or WIF) keys assigned to a private-key setting.
import { HEX, randomBase64, randomToken, inSyntax, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule } from './helpers';

const REMEDIATION = 'Treat the key pair as compromised: revoke the certificate or remove the public key wherever it is trusted (authorized_keys, deploy keys, CA), generate a new pair, and keep the private key in a key vault or secure file.';

function pem(label: string, seed: string, bytes = 600): string {
  const body = randomBase64(seed, bytes).replace(/(.{64})/g, '$1\n').trim();
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

interface PemSpec { id: string; title: string; label: string; severity?: 'critical' | 'high'; body?: RegExp; extraFlag?: string[] }

function pemRule(spec: PemSpec): SecretRule {
  const label = spec.label.replace(/ /g, '[ ]');
  const pattern = new RegExp(`-----BEGIN[ ]${label}-----(?<secret>[\\s\\S]{40,16384}?)-----END[ ]${label}-----`, 'g');
  const key = pem(spec.label, spec.id);
  const escaped = key.replace(/\n/g, '\\n');
  return {
    id: spec.id,
    title: spec.title,
    description: `A ${spec.title.toLowerCase()} in PEM form: whoever holds it can impersonate the key's owner or decrypt what was encrypted to it.`,
    severity: spec.severity ?? 'critical',
    confidence: 'high',
    remediation: REMEDIATION,
    keywords: ['-----begin ' + spec.label.toLowerCase()],
    pattern,
    window: 'block',
    validate: ({ secret }) => isKeyMaterial(secret),
    examples: lazyExamples(() => ({
      mustFlag: [
        key,
        `{\n  "tls": {\n    "key": "${escaped}"\n  }\n}\n`,
        `tls:\n  key: |\n${key.split('\n').map((l) => '    ' + l).join('\n')}\n`,
        // JSON inside a JSON string: the newlines are escaped twice.
        `{"config": ${JSON.stringify(JSON.stringify({ key }))}}\n`,
        ...(spec.extraFlag ?? []),
      ],
      mustNotFlag: [
        `-----BEGIN PUBLIC KEY-----\n${randomBase64(spec.id + 'pub', 270)}\n-----END PUBLIC KEY-----\n`,
        `-----BEGIN ${spec.label}-----\n...\n-----END ${spec.label}-----\n`,
        `-----BEGIN ${spec.label}-----\n<your key here>\n-----END ${spec.label}-----\n`,
        inSyntax('yaml', 'key_header', `-----BEGIN ${spec.label}-----`),
      ],
    })),
  };
}

/** At least 64 base64 characters once headers, escapes and whitespace are removed. */
function isKeyMaterial(body: string): boolean {
  const stripped = body
    .replace(/\\+[nr]/g, '\n') // \n, and \\n in JSON inside a string
    .replace(/^[ \t]*[A-Za-z-]+:[^\n]*$/gm, '') // Proc-Type:, DEK-Info:, Comment:
    .replace(/[\s"',+]/g, '')
    .replace(/=+$/, '');
  if (stripped.length < 64) return false;
  if (/[^A-Za-z0-9+/=]/.test(stripped)) return false;
  return new Set(stripped).size > 20;
}

const hexKey = randomToken('raw-private-key', HEX, 64);

/** A 32-byte private key (secp256k1 / Ed25519 seed) in hex, or a Bitcoin WIF key, assigned to a private-key setting. */
const rawPrivateKey = keyedRule({
  id: 'SEC-PRIVATE-KEY-RAW', title: 'Raw private key (hex or WIF)', severity: 'critical',
  description: 'A raw 32-byte private key (hex, as wallets, signers and Ethereum tooling store secp256k1 keys) or a WIF-encoded Bitcoin key, assigned to a private-key setting: whoever holds it controls the account or wallet.',
  remediation: 'Treat the key as compromised: move funds or rights to a new key, revoke what trusted the old one, and keep the new key in a key vault or hardware signer.',
  keywords: ['private_key', 'privatekey', 'private-key', 'privkey', 'priv_key', 'signing_key', 'signingkey', 'wallet_key', 'secret_key_hex'],
  keyPattern: 'private[_-]?key|priv[_-]?key|signing[_-]?key|wallet[_-]?key|secret[_-]?key[_-]?hex',
  value: '(?:0x)?[a-fA-F0-9]{64}|[5][HJK][1-9A-HJ-NP-Za-km-z]{49}|[KL][1-9A-HJ-NP-Za-km-z]{51}',
  minEntropy: 3.2, sample: hexKey, keys: ['PRIVATE_KEY', 'privateKey', 'signer_private_key', 'WALLET_KEY'],
  extraFlag: [
    inSyntax('env', 'DEPLOYER_PRIVATE_KEY', '0x' + randomToken('raw-private-key2', HEX, 64)),
    `module.exports = { networks: { mainnet: { accounts: ["0x${randomToken('raw-private-key3', HEX, 64)}"] } }, privateKey: "${randomToken('raw-private-key4', HEX, 64)}" };\n`,
    inSyntax('yaml', 'btc_privkey', 'K' + randomToken('wif', '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz', 51)),
  ],
  extraNotFlag: [
    inSyntax('env', 'PRIVATE_KEY', '0x' + '0'.repeat(63) + '1'),
    inSyntax('env', 'PRIVATE_KEY_PATH', '/etc/ssl/private/server.key'),
    inSyntax('yaml', 'public_key', '0x' + randomToken('raw-public-key', HEX, 64)),
  ],
});

const putty = `PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: deploy\nPublic-Lines: 6\n${randomBase64('putty-pub', 270).replace(/(.{64})/g, '$1\n').trim()}\nPrivate-Lines: 14\n${randomBase64('putty-priv', 600).replace(/(.{64})/g, '$1\n').trim()}\nPrivate-MAC: ${'a1b2c3d4e5f60718293a4b5c6d7e8f90'}\n`;

export const rules: SecretRule[] = [
  rawPrivateKey,
  pemRule({ id: 'SEC-PRIVATE-KEY-RSA', title: 'RSA private key', label: 'RSA PRIVATE KEY' }),
  pemRule({
    id: 'SEC-PRIVATE-KEY-EC', title: 'EC private key', label: 'EC PRIVATE KEY',
    // A secp256k1 key as `openssl ecparam -name secp256k1 -genkey` prints it (parameters first).
    extraFlag: [`-----BEGIN EC PARAMETERS-----\nBgUrgQQACg==\n-----END EC PARAMETERS-----\n${pem('EC PRIVATE KEY', 'secp256k1', 118)}`],
  }),
  pemRule({ id: 'SEC-PRIVATE-KEY-DSA', title: 'DSA private key', label: 'DSA PRIVATE KEY' }),
  pemRule({ id: 'SEC-PRIVATE-KEY-OPENSSH', title: 'OpenSSH private key', label: 'OPENSSH PRIVATE KEY' }),
  pemRule({ id: 'SEC-PRIVATE-KEY-PKCS8', title: 'PKCS#8 private key', label: 'PRIVATE KEY' }),
  pemRule({ id: 'SEC-PRIVATE-KEY-PKCS8-ENCRYPTED', title: 'Encrypted PKCS#8 private key', label: 'ENCRYPTED PRIVATE KEY', severity: 'high' }),
  pemRule({ id: 'SEC-PRIVATE-KEY-PGP', title: 'PGP private key block', label: 'PGP PRIVATE KEY BLOCK' }),
  pemRule({ id: 'SEC-PRIVATE-KEY-SSH2', title: 'SSH2 encrypted private key', label: 'SSH2 ENCRYPTED PRIVATE KEY', severity: 'high' }),
  {
    id: 'SEC-PRIVATE-KEY-PUTTY',
    title: 'PuTTY private key',
    description: 'A PuTTY .ppk private key file.',
    severity: 'critical',
    confidence: 'high',
    remediation: REMEDIATION,
    keywords: ['putty-user-key-file-'],
    pattern: /PuTTY-User-Key-File-\d: [^\n]{1,64}\n(?:[^\n]{0,200}\n){0,40}?Private-Lines: \d{1,4}\r?\n(?<secret>[A-Za-z0-9+/=\r\n]{64,8192})/g,
    window: 'block',
    validate: ({ secret }) => isKeyMaterial(secret),
    examples: lazyExamples(() => ({
      mustFlag: [putty],
      mustNotFlag: [`PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nPublic-Lines: 2\nAAAA\nPrivate-Lines: 1\n<redacted>\n`],
    })),
  },
];
