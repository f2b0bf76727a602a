// CircleCI personal API tokens.
import { BASE62, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-CIRCLECI-TOKEN', title: 'CircleCI personal API token', prefixes: ['CCIPAT_'], body: '[A-Za-z0-9]{22}_[a-f0-9]{40}', key: 'CIRCLE_TOKEN',
    remediation: revokeAt('CircleCI', 'User settings > Personal API tokens'), sample: 'CCIPAT_' + randomToken('cci1', BASE62, 22) + '_' + randomToken('cci2', HEX, 40),
  }),
];
