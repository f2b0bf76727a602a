// Private keys in PEM and friends: RSA, EC, DSA, OpenSSH, PKCS#8 (plain and encrypted), PGP, PuTTY.
import { randomBase64, inSyntax, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';

const REMEDIATION = 'Treat the key pair as compromised: revoke the certificate or remove the public key wherever it is trusted (authorized_keys, deploy keys, CA), generate a new pair, and keep the private key in a key vault or secure file.';

function pem(label: string, seed: string, bytes = 600): string {
  const body = randomBase64(seed, bytes).replace(/(.{64})/g, '$1\n').trim();
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

interface PemSpec { id: string; title: string; label: string; severity?: 'critical' | 'high'; body?: RegExp }

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
    .replace(/\\[nr]/g, '\n')
    .replace(/^[ \t]*[A-Za-z-]+:[^\n]*$/gm, '') // Proc-Type:, DEK-Info:, Comment:
    .replace(/[\s"',+]/g, '')
    .replace(/=+$/, '');
  if (stripped.length < 64) return false;
  if (/[^A-Za-z0-9+/=]/.test(stripped)) return false;
  return new Set(stripped).size > 20;
}

const putty = `PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: deploy\nPublic-Lines: 6\n${randomBase64('putty-pub', 270).replace(/(.{64})/g, '$1\n').trim()}\nPrivate-Lines: 14\n${randomBase64('putty-priv', 600).replace(/(.{64})/g, '$1\n').trim()}\nPrivate-MAC: ${'a1b2c3d4e5f60718293a4b5c6d7e8f90'}\n`;

export const rules: SecretRule[] = [
  pemRule({ id: 'SEC-PRIVATE-KEY-RSA', title: 'RSA private key', label: 'RSA PRIVATE KEY' }),
  pemRule({ id: 'SEC-PRIVATE-KEY-EC', title: 'EC private key', label: 'EC PRIVATE KEY' }),
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
