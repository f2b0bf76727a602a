// Mistral AI API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-MISTRAL-API-KEY', title: 'Mistral AI API key', remediation: revokeAt('Mistral La Plateforme', 'API keys'),
    keywords: ['mistral'], keyPattern: 'mistral[A-Za-z0-9_.-]{0,20}(?:key|token)', value: '[A-Za-z0-9]{32}',
    sample: randomToken('mistral', BASE62, 32), keys: ['MISTRAL_API_KEY', 'mistralApiKey'],
  }),
];
