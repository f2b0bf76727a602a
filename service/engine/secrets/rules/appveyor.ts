// AppVeyor REST API keys (account-level and user-level v2 keys).
import { ALNUM_LOWER, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const key = 'v2.' + randomToken('appveyor', ALNUM_LOWER, 20);
const accountKey = randomToken('appveyor-account', ALNUM_LOWER, 20);

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-APPVEYOR-API-KEY', title: 'AppVeyor API key',
    description: 'An AppVeyor API key (account-level, or a user-level v2.… key valid for every account of the user): starts and cancels builds, reads and changes project settings and environment variables, and deploys.',
    remediation: revokeAt('AppVeyor', 'Account > API keys (ci.appveyor.com/api-keys) > regenerate the key'),
    helpUri: 'https://www.appveyor.com/docs/api/',
    keywords: ['appveyor'], keyPattern: 'appveyor[\\w.-]{0,20}(?:key|token)', value: '(?:v2\\.)?[a-z0-9]{20,32}', minEntropy: 3.2,
    sample: key, keys: ['APPVEYOR_API_KEY', 'appveyorToken', 'APPVEYOR_TOKEN'],
    extraFlag: [`$appveyor_token = '${accountKey}'\n`, `var appveyorApiKey = "${key}";\n`],
    extraNotFlag: [
      'environment:\n  appveyor_api_token:\n    secure: 0kPm3bVxQ9rT2uYw5zA7cE1gI4kM6oQ8sU0wY2aC4eG=\n',
      `APPVEYOR_API_KEY=${accountKey.slice(0, 16)}\n`,
      'APPVEYOR_ACCOUNT_NAME=contoso-builds\n',
    ],
  }),
];
