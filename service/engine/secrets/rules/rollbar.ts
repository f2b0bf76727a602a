// Rollbar project and account access tokens: 32 hex, found by key name.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('rollbar', HEX, 32);

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-ROLLBAR-ACCESS-TOKEN', title: 'Rollbar access token',
    description: 'A Rollbar access token posts items to a project (post_server_item), or reads and changes its items, deploys and settings (read / write scopes; account tokens reach every project).',
    remediation: revokeAt('Rollbar', 'Project settings > Project access tokens, or Account settings > Account access tokens'),
    helpUri: 'https://docs.rollbar.com/docs/access-tokens',
    keywords: ['rollbar'],
    keyPattern: 'rollbar[\\w.-]{0,30}(?:token|key)',
    value: '[a-f0-9]{32}', sample,
    keys: ['ROLLBAR_ACCESS_TOKEN', 'ROLLBAR_POST_SERVER_ITEM_ACCESS_TOKEN', 'rollbarToken'],
    extraFlag: [
      `rollbar.accessToken=${sample}\n`,
      `release:\n\tROLLBAR_ACCESS_TOKEN := ${sample}\n\tcurl https://api.rollbar.com/api/1/deploy -F access_token=$(ROLLBAR_ACCESS_TOKEN)\n`,
      `rollbarToken := "${sample}"\n`,
    ],
    extraNotFlag: [
      `ROLLBAR_ACCESS_TOKEN=${randomToken('rollbar-short', HEX, 24)}\n`,
      `ROLLBAR_ENVIRONMENT=production\nROLLBAR_CODE_VERSION=${randomToken('rollbar-sha', HEX, 40)}\n`,
    ],
  }),
];
