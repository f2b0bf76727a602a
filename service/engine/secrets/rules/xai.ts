// xAI API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-XAI-API-KEY', title: 'xAI API key', prefixes: ['xai-'], body: '[A-Za-z0-9]{80}', key: 'XAI_API_KEY', severity: 'high',
    remediation: revokeAt('the xAI console', 'API Keys'), sample: 'xai-' + randomToken('xai', BASE62, 80),
  }),
];
