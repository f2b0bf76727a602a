// Wistia API tokens: 64 hex (older accounts: 40), found by key name.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('wistia', HEX, 64);

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-WISTIA-API-TOKEN', title: 'Wistia API token',
    description: 'A Wistia API token reads, uploads, changes and deletes the account\'s media, projects and viewer statistics, as its permissions allow.',
    remediation: revokeAt('Wistia', 'Account > Settings > API access > delete the token'),
    helpUri: 'https://wistia.com/support/developers/data-api',
    keywords: ['wistia'],
    keyPattern: 'wistia[\\w.-]{0,20}(?:token|key|password)',
    value: '[a-f0-9]{64}|[a-f0-9]{40}', sample,
    keys: ['WISTIA_API_TOKEN', 'wistiaApiKey', 'wistia.api.password'],
    extraFlag: [`WISTIA_API_TOKEN=${randomToken('wistia-40', HEX, 40)}\n`, `wistiaToken := "${sample}"\n`],
    extraNotFlag: [`WISTIA_PROJECT_ID=f7b1kqzq0h\n`, `WISTIA_API_TOKEN=${randomToken('wistia-short', HEX, 32)}\n`],
  }),
];
