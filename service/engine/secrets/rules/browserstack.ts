// BrowserStack access keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const key = randomToken('browserstack', BASE62, 20);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-BROWSERSTACK-ACCESS-KEY', title: 'BrowserStack access key',
      description: 'A BrowserStack access key (20 characters): with the user name it runs Automate, App Automate and Percy sessions on the account\'s plan and reads their recordings, logs and screenshots.',
      remediation: revokeAt('BrowserStack', 'Account > Settings > Access key > Regenerate (it changes for every integration at once)'),
      helpUri: 'https://www.browserstack.com/docs/iaam/security/manage-access-keys',
      keywords: ['browserstack'], keyPattern: 'browserstack[\\w.-]{0,20}(?:key|token)', value: '[A-Za-z0-9]{20}', minEntropy: 3.3,
      sample: key, keys: ['BROWSERSTACK_ACCESS_KEY', 'browserstack.key', 'BROWSERSTACK_KEY'],
      extraFlag: [
        `capabilities = {\n    'browserstack.user': 'octo_dev',\n    'browserstack.key': '${key}',\n}\n`,
        `export BROWSERSTACK_ACCESS_KEY="${key}"\n`,
      ],
      extraNotFlag: ['BROWSERSTACK_USERNAME=octodev1a2b3c4d5e6f7g\n', `BROWSERSTACK_ACCESS_KEY=${key.slice(0, 16)}\n`, 'BROWSERSTACK_BUILD_NAME=nightly-2024-06-10\n'],
    }),
    references: [{ type: 'trufflehog', id: 'browserstack', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/browserstack' }],
  },
];
