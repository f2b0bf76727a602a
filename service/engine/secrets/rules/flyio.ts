// Fly.io access tokens.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-FLYIO-TOKEN', title: 'Fly.io access token', prefixes: ['FlyV1 fm2_', 'fm2_', 'fm1r_', 'fo1_'], body: '[A-Za-z0-9+/=_-]{40,800}', key: 'FLY_API_TOKEN', boundary: '[A-Za-z0-9+/=_-]',
    remediation: revokeAt('Fly.io', '`fly tokens revoke` or the dashboard tokens page'), sample: 'fo1_' + randomToken('fly', BASE64URL, 43),
  }),
];
