// Squarespace Commerce API keys: UUIDs, found by key name.
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = '3d8f2a61-9c4e-4b7a-a05d-6e1f2b9c7d48';

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-SQUARESPACE-API-KEY', title: 'Squarespace API key',
      description: 'A Squarespace Commerce API key reads and changes the site\'s orders, inventory, products, profiles and transactions, as its permissions allow.',
      remediation: revokeAt('Squarespace', 'Settings > Developer API keys > Revoke'),
      helpUri: 'https://developers.squarespace.com/commerce-apis/authentication-and-permissions',
      keywords: ['squarespace'],
      keyPattern: 'squarespace[\\w.-]{0,20}(?:key|token|secret)',
      value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', sample,
      keys: ['SQUARESPACE_API_KEY', 'squarespaceToken', 'squarespace.api.key'],
      extraFlag: [`squarespaceKey := "${sample}"\n`, `inventory:\n\tSQUARESPACE_API_KEY := ${sample}\n`],
      extraNotFlag: [`SQUARESPACE_SITE_ID=${sample}\n`, `SQUARESPACE_API_KEY=00000000-0000-0000-0000-000000000000\n`],
    }),
    references: [{ type: 'gitleaks', id: 'squarespace-access-token' }],
  },
];
