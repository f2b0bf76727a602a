// Travis CI API tokens: 22 characters, found by key name.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('travis', BASE62, 22);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-TRAVISCI-API-TOKEN', title: 'Travis CI API token',
      description: 'A Travis CI API token acts as its user on the Travis API: it triggers and cancels builds, reads logs, and changes repository settings and environment variables (secrets included) of every repository the user can administer.',
      remediation: revokeAt('Travis CI', 'Account > Settings > API authentication > Regenerate token'),
      helpUri: 'https://docs.travis-ci.com/user/triggering-builds/',
      keywords: ['travis'],
      keyPattern: 'travis[\\w.-]{0,20}(?:token|key)',
      value: '[A-Za-z0-9_-]{22}', sample,
      keys: ['TRAVIS_API_TOKEN', 'travisToken', 'travis.token'],
      extraFlag: [`travisToken := "${sample}"\n`, `trigger:\n\tTRAVIS_TOKEN := ${sample}\n`],
      extraNotFlag: [`TRAVIS_BUILD_ID=${randomToken('travis-id', '0123456789', 9)}\n`, `TRAVIS_API_TOKEN=${randomToken('travis-short', BASE62, 16)}\n`],
    }),
    references: [{ type: 'gitleaks', id: 'travisci-access-token' }],
  },
];
