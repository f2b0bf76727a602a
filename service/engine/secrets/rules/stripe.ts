// Stripe secret, restricted, test-mode keys and webhook signing secrets.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-STRIPE-SECRET-KEY', title: 'Stripe live secret key', prefixes: ['sk_live_'], body: '[A-Za-z0-9]{24,247}', key: 'STRIPE_SECRET_KEY',
    remediation: revokeAt('the Stripe dashboard', 'Developers > API keys > Roll key'), helpUri: 'https://docs.stripe.com/keys',
    sample: 'sk_live_' + randomToken('stripe-sk', BASE62, 99),
  }),
  tokenRule({
    id: 'SEC-STRIPE-RESTRICTED-KEY', title: 'Stripe live restricted key', prefixes: ['rk_live_'], body: '[A-Za-z0-9]{24,247}', key: 'STRIPE_RESTRICTED_KEY', severity: 'high',
    remediation: revokeAt('the Stripe dashboard', 'Developers > API keys > restricted keys'), helpUri: 'https://docs.stripe.com/keys',
    sample: 'rk_live_' + randomToken('stripe-rk', BASE62, 99),
  }),
  tokenRule({
    id: 'SEC-STRIPE-TEST-SECRET-KEY', title: 'Stripe test-mode secret key', prefixes: ['sk_test_', 'rk_test_'], body: '[A-Za-z0-9]{24,247}', key: 'STRIPE_TEST_KEY', severity: 'low', confidence: 'high',
    description: 'A Stripe test-mode key: no real money moves, but it exposes the account\'s test data and configuration.',
    remediation: revokeAt('the Stripe dashboard', 'Developers > API keys (test mode) > Roll key'), helpUri: 'https://docs.stripe.com/keys',
    sample: 'sk_test_' + randomToken('stripe-test', BASE62, 99),
  }),
  tokenRule({
    id: 'SEC-STRIPE-WEBHOOK-SECRET', title: 'Stripe webhook signing secret', prefixes: ['whsec_'], body: '[A-Za-z0-9]{32,64}', key: 'STRIPE_WEBHOOK_SECRET', severity: 'high',
    remediation: revokeAt('the Stripe dashboard', 'Developers > Webhooks > endpoint > Roll secret'), helpUri: 'https://docs.stripe.com/webhooks',
    sample: 'whsec_' + randomToken('stripe-wh', BASE62, 32),
  }),
];
