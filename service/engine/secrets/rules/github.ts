// GitHub tokens: classic and fine-grained PATs, OAuth, app installation and refresh tokens.
import { randomToken, BASE62, HEX } from '../examples';
import type { SecretRule } from '../rule';
import { base62Crc32Token, base62Crc32Verifies } from './checksums';
import { ROTATE, keyedRule, tokenRule } from './helpers';

const HELP = 'https://docs.github.com/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation';

function ghToken(id: string, title: string, prefix: string, key: string): SecretRule {
  const rule = tokenRule({
    id, title, prefixes: [prefix], body: '[A-Za-z0-9]{36}', key,
    remediation: ROTATE.github, helpUri: HELP,
    sample: base62Crc32Token(prefix, id),
  });
  return { ...rule, checksum: base62Crc32Verifies };
}

export const rules: SecretRule[] = [
  ghToken('SEC-GITHUB-PAT', 'GitHub personal access token', 'ghp_', 'GITHUB_TOKEN'),
  ghToken('SEC-GITHUB-OAUTH-TOKEN', 'GitHub OAuth access token', 'gho_', 'github_oauth_token'),
  ghToken('SEC-GITHUB-USER-TO-SERVER-TOKEN', 'GitHub App user-to-server token', 'ghu_', 'github_user_token'),
  ghToken('SEC-GITHUB-SERVER-TO-SERVER-TOKEN', 'GitHub App installation token', 'ghs_', 'github_app_token'),
  ghToken('SEC-GITHUB-REFRESH-TOKEN', 'GitHub refresh token', 'ghr_', 'github_refresh_token'),
  tokenRule({
    id: 'SEC-GITHUB-FINE-GRAINED-PAT', title: 'GitHub fine-grained personal access token',
    prefixes: ['github_pat_'], body: '[A-Za-z0-9]{22}_[A-Za-z0-9]{59}', key: 'GH_TOKEN',
    remediation: ROTATE.github, helpUri: HELP,
    sample: 'github_pat_' + randomToken('gh-fg-a', BASE62, 22) + '_' + randomToken('gh-fg-b', BASE62, 59),
  }),
  keyedRule({
    id: 'SEC-GITHUB-LEGACY-TOKEN', title: 'GitHub token (legacy 40-hex format)',
    description: 'A 40-character hex value assigned to a GitHub token setting: the format of GitHub tokens issued before 2021.',
    severity: 'high', confidence: 'medium', remediation: ROTATE.github, helpUri: HELP,
    keywords: ['github'],
    keyPattern: 'github[A-Za-z0-9_.-]{0,20}(?:token|pat|key|secret|password)',
    // 'github' is everywhere (URLs, actions); the key tail after it is at most 20 + 8 + 24 bytes.
    keyRestBound: 52,
    value: '[0-9a-f]{40}',
    sample: randomToken('gh-legacy', HEX, 40),
    keys: ['GITHUB_TOKEN', 'githubApiToken', 'github_pat'],
  }),
];
