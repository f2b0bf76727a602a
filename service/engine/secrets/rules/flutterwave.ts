// Flutterwave secret keys.
import { randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-FLUTTERWAVE-SECRET-KEY', title: 'Flutterwave secret key', prefixes: ['FLWSECK-', 'FLWSECK_TEST-'], body: '[a-h0-9]{32}-X', key: 'FLW_SECRET_KEY',
    remediation: revokeAt('the Flutterwave dashboard', 'Settings > API keys'), sample: 'FLWSECK-' + randomToken('flw', 'abcdefgh0123456789', 32) + '-X', boundary: '[A-Za-z0-9]',
  }),
];
