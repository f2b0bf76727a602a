// Dynatrace API tokens.
import { UPPER_ALNUM, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-DYNATRACE-TOKEN', title: 'Dynatrace API token', prefixes: ['dt0c01.', 'dt0s01.', 'dt0s16.'], body: '[A-Z0-9]{24}\\.[A-Z0-9]{64}', key: 'DT_API_TOKEN', boundary: '[A-Za-z0-9.]',
    remediation: revokeAt('Dynatrace', 'Access tokens'), sample: 'dt0c01.' + randomToken('dt1', UPPER_ALNUM, 24) + '.' + randomToken('dt2', UPPER_ALNUM, 64),
  }),
];
