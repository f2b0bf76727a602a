// Razorpay live keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-RAZORPAY-KEY', title: 'Razorpay live key id', prefixes: ['rzp_live_'], body: '[A-Za-z0-9]{14}', key: 'RAZORPAY_KEY_ID', severity: 'medium',
    remediation: revokeAt('the Razorpay dashboard', 'Settings > API keys > Regenerate'), sample: 'rzp_live_' + randomToken('rzp', BASE62, 14),
  }),
];
