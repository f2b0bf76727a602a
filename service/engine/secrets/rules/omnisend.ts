// Omnisend: API keys (24 hex, a dash, 50 characters), by key name or in an X-API-KEY header to api.omnisend.com.
import { BASE62, HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const VALUE = '[a-f0-9]{24}-[A-Za-z0-9]{50}';
const sample = `${randomToken('omnisend-1', HEX, 24)}-${randomToken('omnisend-2', BASE62, 50)}`;
const base = keyedRule({
  id: 'SEC-OMNISEND-API-KEY', title: 'Omnisend API key',
  description: 'An Omnisend API key reads and changes the store\'s contacts, orders, products and campaigns, and triggers email and SMS automations.',
  remediation: revokeAt('Omnisend', 'Store settings > Integrations & API > API keys > delete the key'),
  helpUri: 'https://api-docs.omnisend.com/reference/authentication',
  keywords: ['omnisend'], keyPattern: 'omnisend[\\w.-]{0,20}(?:key|token|secret)', value: VALUE,
  sample, keys: ['OMNISEND_API_KEY', 'omnisendApiKey'], window: 'near',
  extraFlag: [
    `curl --request GET \\\n  --url https://api.omnisend.com/v5/contacts \\\n  --header 'X-API-KEY: ${sample}'\n`,
    `OMNISEND_API_KEY := ${sample}\n`,
    `omnisend.api.key=${sample}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'OMNISEND_API_KEY', sample.slice(0, 40)),
    "curl --url https://api.omnisend.com/v5/contacts --header 'X-API-KEY: <api-key>'\n",
    inSyntax('env', 'OMNISEND_BRAND_ID', randomToken('omnisend-brand', HEX, 24)),
  ],
});

/** X-API-KEY header in a request to Omnisend (the window covers the URL's line and the two after it). */
const HEADER = `(?<=x-api-key:[ \\t]{0,4})${VALUE}(?![A-Za-z0-9])`;

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${HEADER}`, 'gi'),
    references: [{ type: 'trufflehog', id: 'omnisend', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/omnisend' }],
  },
];
