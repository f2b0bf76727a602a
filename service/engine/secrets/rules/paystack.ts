// Paystack: secret keys (sk_live_ / sk_test_ + 40 characters) near the provider's name. Stripe keys
// share the sk_live_ prefix: the Paystack name nearby decides.
import { BASE62, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const REMEDIATION = revokeAt('Paystack', 'Settings > API Keys & Webhooks > generate new secret key');
const HELP = 'https://paystack.com/docs/api/authentication/';
const live = 'sk_live_' + randomToken('paystack', BASE62, 40);
const test = 'sk_test_' + randomToken('paystack-test', BASE62, 40);
const TRUFFLEHOG = { type: 'trufflehog' as const, id: 'paystack', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/paystack' };

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-PAYSTACK-SECRET-KEY', title: 'Paystack live secret key', severity: 'critical',
      description: 'A Paystack live secret key charges customers, issues refunds and transfers, and reads every transaction and customer of the business.',
      prefixes: ['sk_live_'], keywords: ['paystack'], keywordsOnly: true, window: 'near',
      body: '[A-Za-z0-9]{40}', minEntropy: 3.5, key: 'PAYSTACK_SECRET_KEY', sample: live,
      remediation: REMEDIATION, helpUri: HELP,
      extraFlag: [
        `curl https://api.paystack.co/transaction/initialize -H "Authorization: Bearer ${live}" -d '{"email": "a@contoso.com", "amount": "20000"}'\n`,
        `const paystack = require('paystack')('${live}');\n`,
        `PAYSTACK_SECRET_KEY := ${live}\n`,
      ],
      extraNotFlag: [
        inSyntax('env', 'PAYSTACK_PUBLIC_KEY', 'pk_live_' + randomToken('paystack-pk', BASE62, 40)),
        inSyntax('env', 'PAYSTACK_SECRET_KEY', live.slice(0, 40)),
        inSyntax('env', 'STRIPE_SECRET_KEY', 'sk_live_' + randomToken('paystack-stripe', BASE62, 40)),
      ],
    }),
    // Above the Stripe rules, which match the same sk_live_ value.
    priority: 2,
    references: [TRUFFLEHOG],
  },
  {
    ...tokenRule({
      id: 'SEC-PAYSTACK-TEST-SECRET-KEY', title: 'Paystack test secret key', severity: 'low',
      description: 'A Paystack test-mode secret key reaches only the test environment (fake transactions), but shows where the live key is kept.',
      prefixes: ['sk_test_'], keywords: ['paystack'], keywordsOnly: true, window: 'near',
      body: '[A-Za-z0-9]{40}', minEntropy: 3.5, key: 'PAYSTACK_TEST_SECRET_KEY', sample: test,
      remediation: REMEDIATION, helpUri: HELP,
      extraFlag: [`PAYSTACK_SECRET_KEY := ${test}\n`],
      extraNotFlag: [inSyntax('env', 'STRIPE_TEST_KEY', 'sk_test_' + randomToken('paystack-stripe-test', BASE62, 40))],
    }),
    priority: 2,
    references: [TRUFFLEHOG],
  },
];
