// Payment providers: Stripe, Square, PayPal/Braintree, Razorpay, Flutterwave, Adyen, Plaid, Coinbase.
import { ALNUM_LOWER, BASE62, BASE64URL, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

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
  tokenRule({
    id: 'SEC-SQUARE-ACCESS-TOKEN', title: 'Square access token', prefixes: ['sq0atp-', 'EAAAE', 'EAAAl'], body: '[A-Za-z0-9_-]{22,60}', key: 'SQUARE_ACCESS_TOKEN',
    remediation: revokeAt('the Square Developer dashboard', 'Credentials > Replace access token'), helpUri: 'https://developer.squareup.com/docs/build-basics/access-tokens',
    sample: 'sq0atp-' + randomToken('square-at', BASE64URL, 22), boundary: '[A-Za-z0-9_-]',
  }),
  tokenRule({
    id: 'SEC-SQUARE-OAUTH-SECRET', title: 'Square OAuth application secret', prefixes: ['sq0csp-'], body: '[A-Za-z0-9_-]{43}', key: 'SQUARE_APP_SECRET',
    remediation: revokeAt('the Square Developer dashboard', 'OAuth > Replace secret'), sample: 'sq0csp-' + randomToken('square-csp', BASE64URL, 43), boundary: '[A-Za-z0-9_-]',
  }),
  tokenRule({
    id: 'SEC-BRAINTREE-ACCESS-TOKEN', title: 'PayPal Braintree access token', prefixes: ['access_token$production$', 'access_token$sandbox$'], body: '[0-9a-z]{16}\\$[0-9a-f]{32}', key: 'BRAINTREE_TOKEN',
    remediation: revokeAt('the Braintree control panel', 'Settings > API > revoke access token'),
    sample: 'access_token$production$' + randomToken('bt1', ALNUM_LOWER, 16) + '$' + randomToken('bt2', HEX, 32),
  }),
  keyedRule({
    id: 'SEC-PAYPAL-CLIENT-SECRET', title: 'PayPal REST API client secret', severity: 'critical',
    remediation: revokeAt('the PayPal Developer dashboard', 'Apps & Credentials > app > regenerate secret'),
    keywords: ['paypal'], keyPattern: 'paypal[A-Za-z0-9_.-]{0,20}(?:secret|key|token)', value: '[A-Za-z0-9_-]{80}',
    sample: 'E' + randomToken('paypal', BASE64URL, 79), keys: ['PAYPAL_CLIENT_SECRET', 'paypalSecret'],
  }),
  tokenRule({
    id: 'SEC-RAZORPAY-KEY', title: 'Razorpay live key id', prefixes: ['rzp_live_'], body: '[A-Za-z0-9]{14}', key: 'RAZORPAY_KEY_ID', severity: 'medium',
    remediation: revokeAt('the Razorpay dashboard', 'Settings > API keys > Regenerate'), sample: 'rzp_live_' + randomToken('rzp', BASE62, 14),
  }),
  tokenRule({
    id: 'SEC-FLUTTERWAVE-SECRET-KEY', title: 'Flutterwave secret key', prefixes: ['FLWSECK-', 'FLWSECK_TEST-'], body: '[a-h0-9]{32}-X', key: 'FLW_SECRET_KEY',
    remediation: revokeAt('the Flutterwave dashboard', 'Settings > API keys'), sample: 'FLWSECK-' + randomToken('flw', 'abcdefgh0123456789', 32) + '-X', boundary: '[A-Za-z0-9]',
  }),
  tokenRule({
    id: 'SEC-ADYEN-API-KEY', title: 'Adyen API key', prefixes: ['AQE'], body: '[A-Za-z0-9]{2}[A-Za-z0-9+/=_.-]{100,300}', key: 'ADYEN_API_KEY', confidence: 'medium',
    keywords: ['adyen'], keywordsOnly: true, window: 'near', remediation: revokeAt('the Adyen Customer Area', 'Developers > API credentials > generate new key'),
    sample: 'AQE' + randomToken('adyen', BASE62, 2) + randomToken('adyen2', BASE62 + '.', 160),
    validate: ({ window }) => /adyen/i.test(window),
  }),
  tokenRule({
    id: 'SEC-PLAID-ACCESS-TOKEN', title: 'Plaid access token', prefixes: ['access-production-', 'access-development-'], body: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', key: 'PLAID_ACCESS_TOKEN',
    remediation: 'Rotate the access token with /item/access_token/invalidate and re-link the item.', sample: 'access-production-3f2a9b1c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  }),
  keyedRule({
    id: 'SEC-PLAID-SECRET', title: 'Plaid API secret', remediation: revokeAt('the Plaid dashboard', 'Team settings > Keys > rotate secret'),
    keywords: ['plaid'], keyPattern: 'plaid[A-Za-z0-9_.-]{0,20}secret', value: '[a-f0-9]{30}', sample: randomToken('plaid', HEX, 30), keys: ['PLAID_SECRET'],
  }),
  keyedRule({
    id: 'SEC-COINBASE-API-SECRET', title: 'Coinbase API secret', severity: 'critical', remediation: revokeAt('Coinbase', 'Settings > API > delete key'),
    keywords: ['coinbase'], keyPattern: 'coinbase[A-Za-z0-9_.-]{0,20}(?:secret|key|token)', value: '[A-Za-z0-9+/=_-]{32,88}',
    sample: randomToken('coinbase', BASE62, 64), keys: ['COINBASE_API_SECRET', 'coinbaseApiKey'],
  }),
];
