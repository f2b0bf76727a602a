// Delighted API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const key = randomToken('delighted', BASE62, 32);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-DELIGHTED-API-KEY', title: 'Delighted API key',
      description: 'A Delighted API key (32 characters): sends surveys to people, and reads and deletes the account\'s survey responses and the people (names, emails) behind them.',
      remediation: revokeAt('Delighted', 'Settings > API > regenerate the API key'),
      helpUri: 'https://app.delighted.com/docs/api',
      keywords: ['delighted'], keyPattern: 'delighted[\\w.-]{0,20}(?:key|token|secret)', value: '[A-Za-z0-9]{32}', minEntropy: 3.5,
      sample: key, keys: ['DELIGHTED_API_KEY', 'delightedApiKey'],
      extraFlag: [`Delighted.api_key = '${key}'\n`, `delighted_api_key := "${key}"\n`],
      extraNotFlag: [`DELIGHTED_API_KEY=${key.slice(0, 28)}\n`, 'We are delighted to announce the key = "new release"\n'],
    }),
    references: [{ type: 'trufflehog', id: 'delighted', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/delighted' }],
  },
];
