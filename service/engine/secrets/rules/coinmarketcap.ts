// CoinMarketCap API keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const r = (seed: string, n: number): string => randomToken(seed, HEX, n);
const key = `${r('cmc1', 8)}-${r('cmc2', 4)}-4${r('cmc3', 3)}-8${r('cmc4', 3)}-${r('cmc5', 12)}`;

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-COINMARKETCAP-API-KEY', title: 'CoinMarketCap API key', severity: 'medium',
      description: 'A CoinMarketCap API key (UUID form): spends the plan\'s monthly call credits on market data; paid plans are billed for its usage.',
      remediation: revokeAt('CoinMarketCap', 'pro.coinmarketcap.com > Account > API Key > reset the key'),
      helpUri: 'https://coinmarketcap.com/api/documentation/v1/#section/Authentication',
      keywords: ['coinmarketcap', 'cmc_pro_api_key', 'cmc-pro-api-key', 'cmc_api_key', 'cmcapikey', 'cmc_key'],
      // COINMARKETCAP_API_KEY = …, and the documented X-CMC_PRO_API_KEY header / CMC_PRO_API_KEY query parameter.
      keyPattern: 'coinmarketcap[\\w.-]{0,20}(?:key|token)|(?<![A-Za-z0-9])cmc[_-]?(?:pro[_-]?)?(?:api[_-]?)?key',
      value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
      // The key CoinMarketCap's own documentation uses in every example.
      validate: ({ secret }) => secret !== 'b54bcf4d-1bca-4e8e-9a24-22ff2c3d462c',
      sample: key, keys: ['COINMARKETCAP_API_KEY', 'cmcApiKey'],
      extraFlag: [
        `curl -H "X-CMC_PRO_API_KEY: ${key}" -H "Accept: application/json" https://pro-api.coinmarketcap.com/v1/cryptocurrency/listings/latest\n`,
        `https://pro-api.coinmarketcap.com/v1/cryptocurrency/quotes/latest?symbol=BTC&CMC_PRO_API_KEY=${key}\n`,
      ],
      extraNotFlag: [`COINMARKETCAP_API_KEY=${key.slice(0, 30)}\n`, 'X-CMC_PRO_API_KEY: b54bcf4d-1bca-4e8e-9a24-22ff2c3d462c\n'],
    }),
    references: [{ type: 'trufflehog', id: 'coinmarketcap', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/coinmarketcap' }],
  },
];
