// npm access tokens and registry credentials in .npmrc.
import { BASE62, randomToken, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { base62Crc32Token, base62Crc32Verifies } from './checksums';
import { revokeAt, tokenRule } from './helpers';

const npmToken = base62Crc32Token('npm_', 'npm');

/** JavaScript's \s among latin1 bytes. */
const SPACE = new Uint8Array(256);
for (const b of [9, 10, 11, 12, 13, 32, 160]) SPACE[b] = 1;
const NPMRC_VALUE = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=._~-') NPMRC_VALUE[c.charCodeAt(0)] = 1;

/**
 * The npmrc pattern around a keyword (`_authtoken`, `_password`, `_auth=`, `_auth =`, each starting
 * with its only '_'): the key starts a line or follows blank space or ':', and `=` and 16 value
 * bytes follow it. Keys inside JavaScript and Terraform names (`admin_password = var.x`) fail it.
 */
function npmrcKeyFollows(bytes: Uint8Array, at: number): boolean {
  // npmAuthToken (.yarnrc.yml): its own branch of the pattern.
  if ((bytes[at - 1] | 0x20) === 110 /* n */ && (bytes[at - 12] | 0x20) === 110) return true;
  let s = at - 1;
  while (s > at - 10 && bytes[s] !== 95 /* _ */) s--;
  if (s > 0 && !SPACE[bytes[s - 1]] && bytes[s - 1] !== 58 /* : */) return false;
  let i = at;
  if (bytes[at - 1] !== 61 /* = */) {
    for (let n = 0; n < 4 && SPACE[bytes[i]]; n++) i++;
    if (bytes[i++] !== 61) return false;
  }
  for (let n = 0; n < 4 && SPACE[bytes[i]]; n++) i++;
  for (let n = 0; n < 16; n++, i++) if (!NPMRC_VALUE[bytes[i]]) return false;
  return true;
}

export const rules: SecretRule[] = [
  {
    ...tokenRule({
    id: 'SEC-NPM-ACCESS-TOKEN', title: 'npm access token', prefixes: ['npm_'], body: '[A-Za-z0-9]{36}', key: 'NPM_TOKEN',
    remediation: revokeAt('npmjs.com', 'Access Tokens > delete, or `npm token revoke`') + ' Prefer granular, read-only tokens and trusted publishing.',
    helpUri: 'https://docs.npmjs.com/revoking-access-tokens', sample: npmToken,
    extraFlag: [`//registry.npmjs.org/:_authToken=${npmToken}\n`],
    }),
    checksum: base62Crc32Verifies,
  },
  {
    id: 'SEC-NPMRC-AUTH',
    title: 'Registry credential in .npmrc',
    description: 'An _authToken, _auth or _password in an .npmrc: publishes or reads packages as its owner (npm, Azure Artifacts, GitHub Packages …).',
    severity: 'critical',
    confidence: 'high',
    remediation: 'Revoke the token or PAT at the registry (for Azure Artifacts: the PAT used as the feed password), and use `npm login` / the pipeline\'s npmAuthenticate task instead of committing credentials.',
    helpUri: 'https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration',
    keywords: ['_authtoken', '_auth=', '_auth =', '_password', 'npmauthtoken'],
    // .npmrc keys, or Yarn 2+'s npmAuthToken in .yarnrc.yml (that branch's whole match is the token).
    pattern: /(?:^|[\s:])(?:\/\/[^\s:]{1,256}:)?(?:_authToken|_auth|_password)\s{0,4}=\s{0,4}(?<secret>[A-Za-z0-9+/=._~-]{16,512})|(?<=(?:^|\s)npmAuthToken[ \t]{0,4}:[ \t]{0,4}["']?)[A-Za-z0-9+/=._~-]{16,512}/gm,
    follows: npmrcKeyFollows,
    window: 'line',
    validate: ({ secret }) => !/^npm_/.test(secret) || secret.length !== 40,
    examples: lazyExamples(() => ({
      mustFlag: [
        `registry=https://pkgs.dev.azure.com/contoso/_packaging/feed/npm/registry/\n//pkgs.dev.azure.com/contoso/_packaging/feed/npm/registry/:_password=${Buffer.from(randomToken('npmrc-pat', BASE62, 40)).toString('base64')}\n`,
        `//npm.pkg.github.com/:_authToken=${randomToken('npmrc-gh', BASE62, 36)}1234\n`,
        `_auth = ${Buffer.from('deploy:' + randomToken('npmrc-auth', BASE62, 20)).toString('base64')}\n`,
        `//registry.npmjs.org/:_authToken=4c8e1d2f-6a3b-4f5e-9d7c-0b1a2e3f4d5c\n`,
        `npmRegistryServer: "https://npm.contoso.com"\nnpmAuthToken: "${randomToken('yarnrc', BASE62, 36)}"\n`,
        `npmScopes:\n  contoso:\n    npmAlwaysAuth: true\n    npmAuthToken: ${randomToken('yarnrc2', BASE62, 40)}\n`,
      ],
      mustNotFlag: [
        '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
        '//pkgs.dev.azure.com/contoso/_packaging/feed/npm/registry/:_password=$(System.AccessToken)\n',
        'always-auth=true\n',
        'npmAuthToken: "${NPM_TOKEN}"\n',
      ],
    })),
  },
];
