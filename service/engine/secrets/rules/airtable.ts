// Airtable personal access tokens (pat…) and legacy API keys (key…).
import { BASE62, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-AIRTABLE-PAT', title: 'Airtable personal access token', prefixes: ['pat'], body: '[A-Za-z0-9]{14}\\.[a-f0-9]{64}', key: 'AIRTABLE_TOKEN', keywords: ['airtable'], keywordsOnly: true, window: 'document',
    remediation: revokeAt('Airtable', 'Builder hub > Personal access tokens'), sample: 'pat' + randomToken('airtable', BASE62, 14) + '.' + randomToken('airtable2', HEX, 64),
  }),
  keyedRule({
    id: 'SEC-AIRTABLE-API-KEY', title: 'Airtable API key (legacy)', remediation: revokeAt('Airtable', 'Account > API (legacy keys were retired; delete any still listed)'),
    description: 'A legacy Airtable API key (key + 14 characters): full access to every base of the account while it still works.',
    keywords: ['airtable'], keyPattern: 'airtable[A-Za-z0-9_.-]{0,20}(?:key|token|secret)', value: 'key[A-Za-z0-9]{14}',
    validate: ({ secret }) => /[0-9]/.test(secret) && /[A-Z]/.test(secret), sample: 'key' + randomToken('airtable-key', BASE62, 14), keys: ['AIRTABLE_API_KEY', 'airtableKey'],
  }),
];
