// Replicate API tokens.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-REPLICATE-API-TOKEN', title: 'Replicate API token', prefixes: ['r8_'], body: '[A-Za-z0-9]{37}', key: 'REPLICATE_API_TOKEN', severity: 'high',
    remediation: revokeAt('Replicate', 'Account > API tokens'), sample: 'r8_' + randomToken('r8', BASE62, 37),
  }),
];
