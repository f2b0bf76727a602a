// Groq API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-GROQ-API-KEY', title: 'Groq API key', prefixes: ['gsk_'], body: '[A-Za-z0-9]{52}', key: 'GROQ_API_KEY', severity: 'high',
    remediation: revokeAt('the Groq console', 'API Keys'), sample: 'gsk_' + randomToken('groq', BASE62, 52),
  }),
];
