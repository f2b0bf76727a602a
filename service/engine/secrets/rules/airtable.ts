// Airtable personal access tokens.
import { BASE62, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-AIRTABLE-PAT', title: 'Airtable personal access token', prefixes: ['pat'], body: '[A-Za-z0-9]{14}\\.[a-f0-9]{64}', key: 'AIRTABLE_TOKEN', keywords: ['airtable'], keywordsOnly: true, window: 'near',
    remediation: revokeAt('Airtable', 'Builder hub > Personal access tokens'), sample: 'pat' + randomToken('airtable', BASE62, 14) + '.' + randomToken('airtable2', HEX, 64),
  }),
];
