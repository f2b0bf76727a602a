// Shippo API tokens.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-SHIPPO-API-TOKEN', title: 'Shippo live API token', prefixes: ['shippo_live_'], body: '[a-f0-9]{40}', key: 'SHIPPO_API_TOKEN', severity: 'high',
    remediation: revokeAt('Shippo', 'Settings > API'), sample: 'shippo_live_' + randomToken('shippo', HEX, 40),
  }),
];
