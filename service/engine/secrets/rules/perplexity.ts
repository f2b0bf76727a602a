// Perplexity API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-PERPLEXITY-API-KEY', title: 'Perplexity API key', prefixes: ['pplx-'], body: '[A-Za-z0-9]{48}', key: 'PERPLEXITY_API_KEY', severity: 'high',
    remediation: revokeAt('Perplexity', 'Settings > API'), sample: 'pplx-' + randomToken('pplx', BASE62, 48),
  }),
];
