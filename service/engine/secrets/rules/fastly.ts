// Fastly API tokens.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-FASTLY-API-TOKEN', title: 'Fastly API token', remediation: revokeAt('Fastly', 'Account > Personal API tokens'),
    keywords: ['fastly'], keyPattern: 'fastly[A-Za-z0-9_.-]{0,20}(?:token|key)', value: '[A-Za-z0-9_-]{32}',
    sample: randomToken('fastly', BASE64URL, 32), keys: ['FASTLY_API_TOKEN'],
  }),
];
