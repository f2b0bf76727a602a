// Kraken: API private keys (base64 of 64 bytes), found by key name; the API key itself is paired.
import { BASE64, inSyntax, randomBase64, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomBase64('kraken', 64);
const apiKey = randomToken('kraken-key', BASE64, 56);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-KRAKEN-API-SECRET', title: 'Kraken API private key', severity: 'critical',
      description: 'The private key of a Kraken API key pair signs requests for the account: balances, trading and (if the key allows it) withdrawals of funds. The API key beside it is only its identifier.',
      remediation: revokeAt('Kraken', 'Settings > API > delete the key pair'),
      helpUri: 'https://docs.kraken.com/api/docs/guides/spot-rest-auth',
      keywords: ['kraken'], keyPattern: 'kraken[\\w.-]{0,20}(?:secret|private[_.-]?key|key|token)', value: '[A-Za-z0-9+/]{80,90}={0,2}',
      minEntropy: 4, sample, keys: ['KRAKEN_API_SECRET', 'krakenPrivateKey'],
      extraFlag: [`KRAKEN_PRIVATE_KEY := ${sample}\n`, `kraken.api.secret=${sample}\n`, `krakenSecret := "${sample}"\n`],
      extraNotFlag: [inSyntax('env', 'KRAKEN_API_KEY', apiKey), inSyntax('env', 'KRAKEN_API_SECRET', sample.slice(0, 60))],
    }),
    references: [{ type: 'gitleaks', id: 'kraken-access-token' }],
  },
];
