// Lob API keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-LOB-API-KEY', title: 'Lob live API key', remediation: revokeAt('the Lob dashboard', 'Settings > API keys'),
    keywords: ['lob'], keyPattern: 'lob[A-Za-z0-9_.-]{0,20}(?:key|secret)', value: 'live_[a-f0-9]{35}', sample: 'live_' + randomToken('lob', HEX, 35), keys: ['LOB_API_KEY'],
  }),
];
