// Bittrex API secrets.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const secret = randomToken('bittrex-secret', HEX, 32);
const apiKey = randomToken('bittrex-key', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-BITTREX-API-SECRET', title: 'Bittrex API secret', severity: 'critical',
      description: 'A Bittrex API secret (32 hex): with its API key (32 hex, usually next to it) it signs trading and, where enabled, withdrawal requests for the exchange account.',
      remediation: revokeAt('Bittrex', 'Account > API Keys > delete the key pair'),
      helpUri: 'https://bittrex.github.io/api/v3#topic-Authentication',
      keywords: ['bittrex'], keyPattern: 'bittrex[\\w.-]{0,20}secret', value: '[A-Za-z0-9]{32}',
      sample: secret, keys: ['BITTREX_API_SECRET', 'bittrexSecret', 'bittrex_secret_key'],
      extraFlag: [`BITTREX_API_KEY=${apiKey}\nBITTREX_API_SECRET=${secret}\n`, `bittrex.secret=${secret}\n`],
      extraNotFlag: [`BITTREX_API_KEY=${apiKey}\n`, `BITTREX_API_SECRET=${secret.slice(0, 28)}\n`],
    }),
    references: [{ type: 'gitleaks', id: 'bittrex-secret-key' }],
  },
];
