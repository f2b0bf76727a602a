// PayPal Braintree access tokens.
import { ALNUM_LOWER, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-BRAINTREE-ACCESS-TOKEN', title: 'PayPal Braintree access token', prefixes: ['access_token$production$', 'access_token$sandbox$'], body: '[0-9a-z]{16}\\$[0-9a-f]{32}', key: 'BRAINTREE_TOKEN',
    remediation: revokeAt('the Braintree control panel', 'Settings > API > revoke access token'),
    sample: 'access_token$production$' + randomToken('bt1', ALNUM_LOWER, 16) + '$' + randomToken('bt2', HEX, 32),
  }),
];
