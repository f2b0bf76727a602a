// Shortcut (formerly Clubhouse) API tokens: UUIDs, found by key or header name (Shortcut-Token).
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = 'e1c57a92-3f4b-4d8e-9a06-7b2c5d8e1f34';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-SHORTCUT-API-TOKEN', title: 'Shortcut API token',
    description: 'A Shortcut API token acts as its user on the REST API: it reads and changes every story, epic and document of the workspace the user can see.',
    remediation: revokeAt('Shortcut', 'Settings > Your account > API Tokens > Delete'),
    helpUri: 'https://developer.shortcut.com/api/rest/v3#Authentication',
    keywords: ['shortcut', 'clubhouse'],
    keyPattern: '(?:shortcut|clubhouse)[\\w.-]{0,20}token',
    value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', sample,
    keys: ['SHORTCUT_API_TOKEN', 'CLUBHOUSE_API_TOKEN', 'shortcutToken'],
    extraFlag: [
      `curl -X GET \\\n  -H "Content-Type: application/json" \\\n  -H "Shortcut-Token: ${sample}" \\\n  -L "https://api.app.shortcut.com/api/v3/member"\n`,
      `shortcutToken := "${sample}"\n`,
    ],
    extraNotFlag: [
      `SHORTCUT_WORKSPACE_ID=${sample}\n`,
      `curl -H "Shortcut-Token: $SHORTCUT_API_TOKEN" https://api.app.shortcut.com/api/v3/member\n`,
    ],
  }),
];
