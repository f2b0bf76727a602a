// Vultr API keys: 36 upper-case letters and digits, found by key name or in a Terraform provider
// block.
import { UPPER_ALNUM, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('vultr', UPPER_ALNUM, 36);

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-VULTR-API-KEY', title: 'Vultr API key', severity: 'critical',
    description: 'A Vultr API key controls the account\'s infrastructure from any allowed IP: it creates and destroys instances, reads their credentials and snapshots, and changes DNS, firewalls and billing.',
    remediation: revokeAt('Vultr', 'Account > API > Regenerate, or delete the sub-user\'s key; restrict it to known IP ranges'),
    helpUri: 'https://www.vultr.com/api/#section/Authentication',
    keywords: ['vultr'],
    // Also `api_key = "…"` within two lines of `provider "vultr"`.
    keyPattern: 'vultr[\\w.-]{0,20}(?:key|token)|api_key',
    value: '[A-Z0-9]{36}', sample,
    window: 'near',
    validate: ({ secret }) => /^[A-Z0-9]{36}$/.test(secret),
    keys: ['VULTR_API_KEY', 'vultrApiKey', 'vultr.api.key'],
    extraFlag: [
      `provider "vultr" {\n  api_key     = "${sample}"\n  rate_limit  = 100\n  retry_limit = 3\n}\n`,
      `vultrKey := "${sample}"\n`,
    ],
    extraNotFlag: [
      `provider "vultr" {\n  api_key = var.vultr_api_key\n}\n`,
      `VULTR_API_KEY=${sample.toLowerCase()}\n`,
      `VULTR_API_KEY=${randomToken('vultr-short', UPPER_ALNUM, 24)}\n`,
    ],
  }),
];
