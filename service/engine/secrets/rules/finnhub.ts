// Finnhub API keys.
import { ALNUM_LOWER, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const key = randomToken('finnhub', ALNUM_LOWER, 20);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-FINNHUB-API-KEY', title: 'Finnhub API key', severity: 'medium',
      description: 'A Finnhub API key (20 characters): spends the account\'s call quota on market data; premium plans are billed per key.',
      remediation: revokeAt('Finnhub', 'Dashboard > API key > regenerate the key'),
      helpUri: 'https://finnhub.io/docs/api/authentication',
      keywords: ['finnhub'],
      // FINNHUB_API_KEY = …, X-Finnhub-Token: …, and finnhub.io/api/v1/…?…&token=….
      keyPattern: 'finnhub[\\w.-]{0,20}(?:key|token)|finnhub\\.io/api/v1/[A-Za-z0-9/?=&_.-]{0,100}[?&](?=token=)',
      value: '[a-z0-9]{20}', minEntropy: 3.2,
      sample: key, keys: ['FINNHUB_API_KEY', 'finnhubToken'],
      extraFlag: [`curl "https://finnhub.io/api/v1/quote?symbol=MSFT&token=${key}"\n`, `curl -H "X-Finnhub-Token: ${key}" https://finnhub.io/api/v1/stock/profile2?symbol=MSFT\n`],
      extraNotFlag: [`FINNHUB_API_KEY=${key.slice(0, 16)}\n`, 'curl "https://finnhub.io/api/v1/quote?symbol=MSFT&token=$FINNHUB_API_KEY"\n'],
    }),
    references: [
      { type: 'gitleaks', id: 'finnhub-access-token' },
      { type: 'trufflehog', id: 'finnhub', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/finnhub' },
    ],
  },
];
