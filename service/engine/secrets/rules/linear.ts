// Linear API keys and OAuth tokens.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-LINEAR-API-KEY', title: 'Linear API key', prefixes: ['lin_api_'], body: '[A-Za-z0-9]{40}', key: 'LINEAR_API_KEY', severity: 'high',
    remediation: revokeAt('Linear', 'Settings > API > Personal API keys'), sample: 'lin_api_' + randomToken('linear', BASE62, 40),
  }),
];
