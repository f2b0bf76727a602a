// SparkPost (Bird) API keys: 40 hex, found by key name.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('sparkpost', HEX, 40);

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-SPARKPOST-API-KEY', title: 'SparkPost API key',
    description: 'A SparkPost API key sends email from the account\'s sending domains (it is also the SMTP password) and, with its other grants, reads recipient lists, templates and message events.',
    remediation: revokeAt('SparkPost', 'Configuration > API Keys > delete the key'),
    helpUri: 'https://support.sparkpost.com/docs/getting-started/create-api-keys',
    keywords: ['sparkpost'],
    keyPattern: 'sparkpost[\\w.-]{0,20}(?:key|token|secret|password)',
    value: '[a-f0-9]{40}', sample,
    keys: ['SPARKPOST_API_KEY', 'sparkpostApiKey', 'sparkpost.smtp.password'],
    extraFlag: [
      `MAIL_MAILER=smtp\nMAIL_HOST=smtp.sparkpostmail.com\nSPARKPOST_SECRET=${sample}\n`,
      `sparkpostKey := "${sample}"\n`,
    ],
    extraNotFlag: [`SPARKPOST_API_KEY=${randomToken('sparkpost-short', HEX, 32)}\n`, `SPARKPOST_ENDPOINT=https://api.eu.sparkpost.com\n`],
  }),
];
