// Auth0 client secrets.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-AUTH0-CLIENT-SECRET', title: 'Auth0 client secret', severity: 'critical', remediation: revokeAt('the Auth0 dashboard', 'Applications > app > Settings > Rotate secret'),
    keywords: ['auth0'], keyPattern: 'auth0[A-Za-z0-9_.-]{0,20}(?:secret|key|token)', value: '[A-Za-z0-9_-]{64}',
    sample: randomToken('auth0', BASE64URL, 64), keys: ['AUTH0_CLIENT_SECRET'],
  }),
];
