// EasyPost API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-EASYPOST-API-KEY', title: 'EasyPost production API key', prefixes: ['EZAK'], body: '[a-zA-Z0-9]{54}', key: 'EASYPOST_API_KEY', severity: 'high',
    remediation: revokeAt('EasyPost', 'Account settings > API keys'), sample: 'EZAK' + randomToken('easypost', BASE62, 54),
  }),
];
