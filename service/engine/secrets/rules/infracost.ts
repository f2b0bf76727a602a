// Infracost API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-INFRACOST-API-KEY', title: 'Infracost API key', prefixes: ['ico-'], body: '[A-Za-z0-9]{32}', key: 'INFRACOST_API_KEY', severity: 'medium',
    remediation: revokeAt('Infracost Cloud', 'Org settings > API keys'), sample: 'ico-' + randomToken('infracost', BASE62, 32),
  }),
];
