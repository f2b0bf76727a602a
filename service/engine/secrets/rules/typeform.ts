// Typeform personal access tokens.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-TYPEFORM-TOKEN', title: 'Typeform personal access token', prefixes: ['tfp_'], body: '[A-Za-z0-9_.=-]{40,64}', key: 'TYPEFORM_TOKEN', severity: 'high', boundary: '[A-Za-z0-9_.=-]',
    remediation: revokeAt('Typeform', 'Account > Personal tokens'), sample: 'tfp_' + randomToken('typeform', BASE64URL, 59),
  }),
];
