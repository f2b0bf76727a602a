// Cohere API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-COHERE-API-KEY', title: 'Cohere API key', remediation: revokeAt('the Cohere dashboard', 'API keys'),
    keywords: ['cohere', 'co_api_key'], keyPattern: 'cohere[A-Za-z0-9_.-]{0,20}(?:key|token)|co[_-]api[_-]key', value: '[A-Za-z0-9]{40}',
    sample: randomToken('cohere', BASE62, 40), keys: ['COHERE_API_KEY', 'CO_API_KEY'],
  }),
];
