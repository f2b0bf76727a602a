// Klaviyo: private API keys (pk_ + 34 characters) near the provider's name.
import { BASE62, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const sample = 'pk_' + randomToken('klaviyo', BASE62, 34);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-KLAVIYO-PRIVATE-KEY', title: 'Klaviyo private API key', severity: 'high',
      description: 'A Klaviyo private API key reads and changes profiles, lists, segments, campaigns and flows within its scopes. The 6-character public key (site id) is not secret.',
      prefixes: ['pk_'], keywords: ['klaviyo'], keywordsOnly: true, window: 'near',
      body: '[A-Za-z0-9]{34}', minEntropy: 3.5, key: 'KLAVIYO_PRIVATE_API_KEY', sample,
      remediation: revokeAt('Klaviyo', 'Settings > Account > API keys > revoke the private key'),
      helpUri: 'https://developers.klaviyo.com/en/docs/authenticate_',
      extraFlag: [
        `curl --request GET --url https://a.klaviyo.com/api/profiles/ --header 'Authorization: Klaviyo-API-Key ${sample}' --header 'revision: 2024-10-15'\n`,
        `from klaviyo_api import KlaviyoAPI\nklaviyo = KlaviyoAPI("${sample}", max_delay=60, max_retries=3)\n`,
        `{\n  "klaviyo": {\n    "apiKey": "${sample}"\n  }\n}\n`,
      ],
      extraNotFlag: [
        inSyntax('env', 'KLAVIYO_PUBLIC_KEY', 'Xy7Qa2'),
        inSyntax('env', 'KLAVIYO_PRIVATE_API_KEY', sample.slice(0, 30)),
        inSyntax('env', 'STRIPE_PUBLISHABLE_KEY', 'pk_' + randomToken('klaviyo-other', BASE62, 34)),
      ],
    }),
    references: [{ type: 'trufflehog', id: 'klaviyo', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/klaviyo' }],
  },
];
