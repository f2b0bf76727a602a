// PayPal REST API client secrets.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-PAYPAL-CLIENT-SECRET', title: 'PayPal REST API client secret', severity: 'critical',
    remediation: revokeAt('the PayPal Developer dashboard', 'Apps & Credentials > app > regenerate secret'),
    keywords: ['paypal'], keyPattern: 'paypal[A-Za-z0-9_.-]{0,20}(?:secret|key|token)', value: '[A-Za-z0-9_-]{80}',
    sample: 'E' + randomToken('paypal', BASE64URL, 79), keys: ['PAYPAL_CLIENT_SECRET', 'paypalSecret'],
  }),
];
