// Sentry auth tokens.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-SENTRY-AUTH-TOKEN', title: 'Sentry auth token', prefixes: ['sntrys_eyJ', 'sntryu_'], body: '[A-Za-z0-9+/=_-]{40,250}', key: 'SENTRY_AUTH_TOKEN', boundary: '[A-Za-z0-9+/=_-]',
    remediation: revokeAt('Sentry', 'Settings > Auth Tokens / Organization tokens'), sample: 'sntryu_' + randomToken('sentry', HEX, 64),
  }),
];
