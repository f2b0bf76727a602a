// Postman API keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-POSTMAN-API-KEY', title: 'Postman API key', prefixes: ['PMAK-'], body: '[a-f0-9]{24}-[a-f0-9]{34}', key: 'POSTMAN_API_KEY', caseInsensitive: true,
    remediation: revokeAt('Postman', 'Settings > API keys'), sample: 'PMAK-' + randomToken('pmak1', HEX, 24) + '-' + randomToken('pmak2', HEX, 34),
  }),
];
