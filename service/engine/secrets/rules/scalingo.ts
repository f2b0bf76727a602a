// Scalingo API tokens: tk-us- and 48 characters.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const sample = 'tk-us-' + randomToken('scalingo', BASE64URL, 48);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-SCALINGO-API-TOKEN', title: 'Scalingo API token', prefixes: ['tk-us-'], body: '[A-Za-z0-9_-]{48}', key: 'SCALINGO_API_TOKEN', boundary: '[A-Za-z0-9_-]',
      description: 'A Scalingo API token acts as its user on the platform API: it deploys, scales and deletes the user\'s applications and reads their environment variables.',
      remediation: revokeAt('Scalingo', 'Dashboard > User settings > API tokens > Delete'),
      helpUri: 'https://doc.scalingo.com/platform/cli/login#api-tokens',
      sample,
      extraFlag: [
        `scalingo login --api-token ${sample}\n`,
        `- name: Deploy\n  env:\n    SCALINGO_API_TOKEN: ${sample}\n  run: scalingo --app my-app deploy build.tar.gz\n`,
      ],
      extraNotFlag: [
        `SCALINGO_API_TOKEN=tk-us-${randomToken('scalingo-short', BASE64URL, 30)}\n`,
        `scalingo login --api-token tk-us-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n`,
      ],
    }),
    references: [{ type: 'gitleaks', id: 'scalingo-api-token' }],
  },
];
