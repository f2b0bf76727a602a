// Sauce Labs access keys: UUIDs paired with a user name, found by key name.
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = 'b94c2e17-6a3d-4f58-8c0e-1d7a9f3b5e24';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-SAUCELABS-ACCESS-KEY', title: 'Sauce Labs access key',
    description: 'A Sauce Labs access key, with the user name (SAUCE_USERNAME) beside it, runs tests on the account\'s concurrency and reads its jobs, logs, videos and screenshots of the applications under test.',
    remediation: revokeAt('Sauce Labs', 'Account > User settings > Access key > Regenerate'),
    helpUri: 'https://docs.saucelabs.com/basics/acct-team-mgmt/managing-user-info/',
    keywords: ['sauce'],
    keyPattern: 'sauce[\\w.-]{0,20}(?:key|token)',
    value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', sample,
    keys: ['SAUCE_ACCESS_KEY', 'sauceAccessKey', 'sauce.access.key'],
    extraFlag: [
      `export SAUCE_USERNAME=ci-bot\nexport SAUCE_ACCESS_KEY=${sample}\n`,
      `sauce.accessKey=${sample}\n`,
      `sauceKey := "${sample}"\n`,
    ],
    extraNotFlag: [
      `SAUCE_ACCESS_KEY=00000000-0000-0000-0000-000000000000\n`,
      `SAUCE_TUNNEL_ID=${sample}\n`,
    ],
  }),
];
