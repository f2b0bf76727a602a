// Apify API tokens.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const token = 'apify_api_' + randomToken('apify', BASE62, 36);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-APIFY-API-TOKEN', title: 'Apify API token',
      description: 'An Apify API token (apify_api_): full access to the account: runs Actors on its paid plan, reads every dataset, key-value store and stored input (often holding other credentials).',
      prefixes: ['apify_api_'], body: '[A-Za-z0-9]{36}', key: 'APIFY_TOKEN', minEntropy: 3.5,
      remediation: revokeAt('Apify', 'Console > Settings > API & Integrations > delete or reset the token'),
      helpUri: 'https://docs.apify.com/platform/integrations/api#api-token',
      sample: token,
      extraFlag: [
        `const client = new ApifyClient({ token: '${token}' });\n`,
        `curl "https://api.apify.com/v2/acts?token=${token}"\n`,
        `client = ApifyClient("${token}")\n`,
      ],
      extraNotFlag: [`APIFY_TOKEN=apify_api_${'X'.repeat(36)}\n`, `APIFY_TOKEN=${token.slice(0, 30)}\n`, 'APIFY_TOKEN=apify_api_token\n'],
    }),
    references: [{ type: 'trufflehog', id: 'apify', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/apify' }],
  },
];
