// Sentry: organization auth tokens (sntrys_), user auth tokens (sntryu_) and the older
// unprefixed 64-hex auth tokens, found by their key name.
import { BASE62, HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const REVOKE = revokeAt('Sentry', 'Settings > Auth Tokens / Organization tokens');
const HELP = 'https://docs.sentry.io/account/auth-tokens/';
const payload = Buffer.from(JSON.stringify({ iat: 1716912345.123456, url: 'https://sentry.io', region_url: 'https://de.sentry.io', org: 'contoso-platform' })).toString('base64').replace(/=+$/, '');
const orgToken = 'sntrys_' + payload + '_' + randomToken('sentry-org', BASE62 + '+/', 43);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-SENTRY-AUTH-TOKEN', title: 'Sentry auth token', prefixes: ['sntry'], keywords: ['sntrys_', 'sntryu_'], keywordsOnly: true,
      // sntryu_<64 hex> (user), sntrys_<base64 JSON claims>_<secret> (organization).
      body: '(?:u_[a-f0-9]{64}|s_eyJ[A-Za-z0-9+/=_-]{40,600})', key: 'SENTRY_AUTH_TOKEN', boundary: '[A-Za-z0-9+/=_-]',
      remediation: REVOKE, helpUri: HELP, sample: 'sntryu_' + randomToken('sentry', HEX, 64),
      extraFlag: [
        inSyntax('env', 'SENTRY_AUTH_TOKEN', orgToken),
        `[auth]\ntoken=${orgToken}\n`,
        `sentry-cli --auth-token ${orgToken} releases new 1.4.2\n`,
      ],
      extraNotFlag: [inSyntax('env', 'SENTRY_AUTH_TOKEN', 'sntryu_' + randomToken('sentry-short', HEX, 20))],
    }),
    references: [{ type: 'gitleaks', id: 'sentry-org-token' }, { type: 'gitleaks', id: 'sentry-user-token' }],
  },
  {
    ...keyedRule({
      id: 'SEC-SENTRY-AUTH-TOKEN-LEGACY', title: 'Sentry auth token (legacy 64-hex format)', remediation: REVOKE, helpUri: HELP,
      keywords: ['sentry'], keyPattern: 'sentry[A-Za-z0-9_.-]{0,20}(?:token|key)', value: '[a-f0-9]{64}',
      sample: randomToken('sentry-legacy', HEX, 64), keys: ['SENTRY_AUTH_TOKEN', 'sentryApiToken'],
    }),
    references: [{ type: 'gitleaks', id: 'sentry-access-token' }],
  },
];
