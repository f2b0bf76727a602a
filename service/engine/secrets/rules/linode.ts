// Linode (Akamai) API tokens.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-LINODE-TOKEN', title: 'Linode (Akamai) API token', remediation: revokeAt('Linode Cloud Manager', 'API Tokens'),
    keywords: ['linode'], keyPattern: 'linode[A-Za-z0-9_.-]{0,20}(?:token|key)', value: '[a-f0-9]{64}',
    sample: randomToken('linode', HEX, 64), keys: ['LINODE_TOKEN'],
  }),
];
