// Octopus Deploy API keys.
import { UPPER_ALNUM, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-OCTOPUS-API-KEY', title: 'Octopus Deploy API key', prefixes: ['API-'], body: '[A-Z0-9]{26,32}', key: 'OCTOPUS_API_KEY', keywords: ['octopus'], keywordsOnly: true, window: 'document',
    remediation: revokeAt('Octopus Deploy', 'Profile > My API keys'), sample: 'API-' + randomToken('octopus', UPPER_ALNUM, 29),
  }),
];
