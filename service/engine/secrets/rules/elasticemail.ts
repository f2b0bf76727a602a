// Elastic Email API keys (also its SMTP password).
import { HEX_UPPER, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const key = randomToken('elasticemail', HEX_UPPER, 96);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-ELASTICEMAIL-API-KEY', title: 'Elastic Email API key',
      description: 'An Elastic Email API key (96 hex; also used as the SMTP password): sends email from the account\'s verified domains and, with full-access keys, reads contacts and campaigns and changes account settings.',
      remediation: revokeAt('Elastic Email', 'Settings > Manage API Keys (SMTP credentials under Settings > SMTP) > delete the key'),
      helpUri: 'https://help.elasticemail.com/en/articles/5935534-how-to-manage-api-keys',
      keywords: ['elasticemail', 'elastic_email', 'elastic-email', 'elasticmail'],
      keyPattern: 'elastic[_.-]?e?mail[\\w.-]{0,20}(?:key|token|password|secret)', value: '[A-Za-z0-9_-]{96}', minEntropy: 3.3,
      sample: key, keys: ['ELASTICEMAIL_API_KEY', 'elasticEmailApiKey', 'ELASTIC_EMAIL_SMTP_PASSWORD'],
      extraFlag: [`curl "https://api.elasticemail.com/v4/statistics" -H "X-ElasticEmail-ApiKey: ${key}"\n`, `elasticEmailKey := "${key}"\n`],
      extraNotFlag: [`ELASTICEMAIL_API_KEY=${key.slice(0, 64)}\n`, 'ELASTICEMAIL_FROM=noreply@contoso.com\n'],
    }),
    // The Elastic (Elasticsearch) API key rule matches the same span through the word elastic.
    priority: 1,
    references: [{ type: 'trufflehog', id: 'elasticemail', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/elasticemail' }],
  },
];
