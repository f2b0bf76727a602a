// GetResponse: API keys (32 characters), by key name or in the `X-Auth-Token: api-key …` header.
import { ALNUM_LOWER, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('getresponse', ALNUM_LOWER, 32);
const base = keyedRule({
  id: 'SEC-GETRESPONSE-API-KEY', title: 'GetResponse API key',
  description: 'A GetResponse API key manages the account\'s contacts, lists and campaigns, and sends email in its name.',
  remediation: revokeAt('GetResponse', 'Tools > Integrations and API > API > delete the key'),
  helpUri: 'https://apidocs.getresponse.com/v3/authentication',
  keywords: ['getresponse', 'x-auth-token'], keyPattern: 'getresponse[\\w.-]{0,20}(?:key|token|secret)', value: '[a-z0-9]{32}',
  sample, keys: ['GETRESPONSE_API_KEY', 'getresponseApiKey'],
  extraFlag: [
    `curl -H "X-Auth-Token: api-key ${sample}" https://api.getresponse.com/v3/accounts\n`,
    `GETRESPONSE_API_KEY := ${sample}\n`,
    `getresponse.api.key=${sample}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'GETRESPONSE_API_KEY', sample.slice(0, 30)),
    'curl -H "X-Auth-Token: api-key <your-api-key>" https://api.getresponse.com/v3/accounts\n',
    inSyntax('env', 'GETRESPONSE_CAMPAIGN_ID', 'V3nQk'),
  ],
});

/** The documented header: `X-Auth-Token: api-key <key>`. */
const HEADER = '(?<=x-auth-token:[ \\t]{0,4}api-key[ \\t]{1,4})[a-z0-9]{32}(?![a-z0-9])';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${HEADER}`, 'gi'),
    references: [{ type: 'trufflehog', id: 'getresponse', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/getresponse' }],
  },
];
