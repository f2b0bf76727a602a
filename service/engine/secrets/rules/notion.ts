// Notion integration tokens.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-NOTION-TOKEN', title: 'Notion integration token', prefixes: ['ntn_', 'secret_'], body: '[A-Za-z0-9]{43,46}', key: 'NOTION_TOKEN', severity: 'high',
    remediation: revokeAt('Notion', 'Settings > Connections > Develop or manage integrations > refresh secret'), sample: 'ntn_' + randomToken('notion', BASE62, 46),
  }),
];
