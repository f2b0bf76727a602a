// Duffel (travel booking) API access tokens.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const REMEDIATION = revokeAt('Duffel', 'Dashboard > Developers > Access tokens > revoke the token');
const HELP = 'https://duffel.com/docs/api/overview/making-requests/authentication';
const GITLEAKS = { type: 'gitleaks', id: 'duffel-api-token' } as const;
const live = 'duffel_live_' + randomToken('duffel-live', BASE64URL, 43);
const test = 'duffel_test_' + randomToken('duffel-test', BASE64URL, 43);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-DUFFEL-LIVE-TOKEN', title: 'Duffel live access token', severity: 'critical',
      description: 'A Duffel live-mode access token (duffel_live_): searches and books real flights and stays, paid from the account\'s balance or cards, and reads every order with its passengers\' personal data.',
      prefixes: ['duffel_live_'], body: '[A-Za-z0-9_=-]{43}', boundary: '[A-Za-z0-9_=-]', key: 'DUFFEL_ACCESS_TOKEN', minEntropy: 3.5,
      remediation: REMEDIATION, helpUri: HELP, sample: live,
      extraFlag: [`const duffel = new Duffel({ token: '${live}' })\n`, `curl -H "Duffel-Version: v2" -H "Authorization: Bearer ${live}" https://api.duffel.com/air/orders\n`],
      extraNotFlag: [`DUFFEL_ACCESS_TOKEN=${test}\n`, 'DUFFEL_ACCESS_TOKEN=duffel_live_YOUR_TOKEN\n'],
    }),
    references: [GITLEAKS],
  },
  {
    ...tokenRule({
      id: 'SEC-DUFFEL-TEST-TOKEN', title: 'Duffel test access token', severity: 'medium',
      description: 'A Duffel test-mode access token (duffel_test_): books against the sandbox only, but reads the account\'s test orders and settings and is often swapped for the live token in the same place.',
      prefixes: ['duffel_test_'], body: '[A-Za-z0-9_=-]{43}', boundary: '[A-Za-z0-9_=-]', key: 'DUFFEL_ACCESS_TOKEN', minEntropy: 3.5,
      remediation: REMEDIATION, helpUri: HELP, sample: test,
      extraFlag: [`client = Duffel(access_token="${test}")\n`],
      extraNotFlag: [`DUFFEL_ACCESS_TOKEN=${live}\n`, `DUFFEL_ACCESS_TOKEN=${test.slice(0, 40)}\n`],
    }),
    references: [GITLEAKS],
  },
];
