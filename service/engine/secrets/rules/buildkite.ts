// Buildkite API access tokens.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-BUILDKITE-TOKEN', title: 'Buildkite API access token', prefixes: ['bkua_'], body: '[a-f0-9]{40}', key: 'BUILDKITE_API_TOKEN',
    remediation: revokeAt('Buildkite', 'Personal settings > API access tokens'), sample: 'bkua_' + randomToken('buildkite', HEX, 40),
  }),
];
