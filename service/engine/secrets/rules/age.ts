// age encryption secret keys.
import { randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-AGE-SECRET-KEY', title: 'age encryption secret key', prefixes: ['AGE-SECRET-KEY-1'], body: '[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}', key: 'SOPS_AGE_KEY',
    remediation: 'Generate a new age identity, re-encrypt every file encrypted to the old recipient (sops updatekeys), and remove the old recipient.',
    sample: 'AGE-SECRET-KEY-1' + randomToken('age', 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58),
  }),
];
