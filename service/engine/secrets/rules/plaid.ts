// Plaid access tokens and API secrets.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-PLAID-ACCESS-TOKEN', title: 'Plaid access token', prefixes: ['access-production-', 'access-development-'], body: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', key: 'PLAID_ACCESS_TOKEN',
    remediation: 'Rotate the access token with /item/access_token/invalidate and re-link the item.', sample: 'access-production-3f2a9b1c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  }),
  keyedRule({
    id: 'SEC-PLAID-SECRET', title: 'Plaid API secret', remediation: revokeAt('the Plaid dashboard', 'Team settings > Keys > rotate secret'),
    keywords: ['plaid'], keyPattern: 'plaid[A-Za-z0-9_.-]{0,20}secret', value: '[a-f0-9]{30}', sample: randomToken('plaid', HEX, 30), keys: ['PLAID_SECRET'],
  }),
];
