// Courier (notification platform) auth tokens.
import { UPPER_ALNUM, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const token = 'pk_prod_' + randomToken('courier', UPPER_ALNUM, 28);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-COURIER-AUTH-TOKEN', title: 'Courier auth token', severity: 'high',
      description: 'A Courier auth token (pk_prod_ or pk_test_ + 28 characters): sends notifications through every channel the workspace has configured (email, SMS, push, chat) and reads and edits its profiles, lists and templates.',
      prefixes: ['pk_prod_', 'pk_test_'], body: '[A-Z0-9]{28}', key: 'COURIER_AUTH_TOKEN', minEntropy: 3.5,
      remediation: revokeAt('Courier', 'Settings > API Keys > rotate or delete the key for the environment'),
      helpUri: 'https://www.courier.com/docs/reference/auth/intro/',
      sample: token,
      extraFlag: [`const courier = CourierClient({ authorizationToken: "${token}" });\n`, `client = Courier(auth_token="${token}")\n`],
      // Stripe test publishable keys share the pk_test_ prefix but are mixed case.
      extraNotFlag: ['STRIPE_PUBLISHABLE_KEY=pk_test_TYooMQauvdEDq54NiTphI7jx\n', `COURIER_AUTH_TOKEN=pk_prod_${'X'.repeat(28)}\n`],
    }),
    references: [{ type: 'trufflehog', id: 'courier', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/courier' }],
  },
];
