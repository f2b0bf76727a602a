// Coinbase API secrets.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-COINBASE-API-SECRET', title: 'Coinbase API secret', severity: 'critical', remediation: revokeAt('Coinbase', 'Settings > API > delete key'),
    keywords: ['coinbase'], keyPattern: 'coinbase[A-Za-z0-9_.-]{0,20}(?:secret|key|token)', value: '[A-Za-z0-9+/=_-]{32,88}',
    sample: randomToken('coinbase', BASE62, 64), keys: ['COINBASE_API_SECRET', 'coinbaseApiKey'],
  }),
];
