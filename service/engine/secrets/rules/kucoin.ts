// KuCoin: API secrets (UUID), found by key name; the API key (24 hex) and passphrase are paired with it.
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const hex = randomToken('kucoin', HEX, 32);
const sample = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
const apiKey = randomToken('kucoin-key', HEX, 24);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-KUCOIN-API-SECRET', title: 'KuCoin API secret', severity: 'critical',
      description: 'The secret of a KuCoin API key (used with the key and its passphrase) signs requests for the account: balances, trading and, if enabled, transfers and withdrawals.',
      remediation: revokeAt('KuCoin', 'Account > API Management > delete the API key'),
      helpUri: 'https://www.kucoin.com/docs/basic-info/connection-method/authentication/creating-a-request',
      keywords: ['kucoin'], keyPattern: 'kucoin[\\w.-]{0,20}(?:secret|key|token)',
      value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
      sample, keys: ['KUCOIN_API_SECRET', 'kucoinSecret'],
      extraFlag: [`KUCOIN_SECRET := ${sample}\n`, `kucoin.api.secret=${sample}\n`, `kucoinSecret := "${sample}"\n`],
      extraNotFlag: [inSyntax('env', 'KUCOIN_API_KEY', apiKey), inSyntax('env', 'KUCOIN_API_SECRET', sample.slice(0, 30)), inSyntax('env', 'KUCOIN_API_PASSPHRASE', '${KUCOIN_PASSPHRASE}')],
    }),
    references: [{ type: 'gitleaks', id: 'kucoin-secret-key' }],
  },
];
