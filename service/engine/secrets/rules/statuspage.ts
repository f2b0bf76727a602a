// Atlassian Statuspage API keys, found by key name.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('statuspage', HEX, 32);

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-STATUSPAGE-API-KEY', title: 'Statuspage API key',
    description: 'A Statuspage API key acts as its user on the management API: it opens, updates and resolves incidents, changes component status and manages subscribers of every page the user can manage.',
    remediation: revokeAt('Statuspage', 'user menu > API info > Revoke'),
    helpUri: 'https://developer.statuspage.io/#section/Authentication',
    keywords: ['statuspage'],
    keyPattern: 'statuspage[\\w.-]{0,20}(?:key|token)',
    value: '[a-f0-9]{64}|[a-f0-9]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', sample,
    keys: ['STATUSPAGE_API_KEY', 'statuspageToken', 'statuspage.api.key'],
    extraFlag: [
      `STATUSPAGE_API_KEY=${randomToken('statuspage-64', HEX, 64)}\nSTATUSPAGE_PAGE_ID=kctbh9vrtdwd\n`,
      `statuspageKey := "${sample}"\n`,
    ],
    extraNotFlag: [`STATUSPAGE_PAGE_ID=kctbh9vrtdwd\n`, `STATUSPAGE_API_KEY=${randomToken('statuspage-short', HEX, 20)}\n`],
  }),
];
