// Algolia admin API keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-ALGOLIA-ADMIN-KEY', title: 'Algolia admin API key', remediation: revokeAt('the Algolia dashboard', 'Settings > API Keys > regenerate admin key'),
    keywords: ['algolia'], keyPattern: 'algolia[A-Za-z0-9_.-]{0,20}(?:admin|write|secret)[A-Za-z0-9_.-]{0,10}key|algolia[_-]?api[_-]?key', value: '[a-f0-9]{32}',
    sample: randomToken('algolia', HEX, 32), keys: ['ALGOLIA_ADMIN_KEY', 'algoliaApiKey'],
  }),
];
