// RubyGems API keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-RUBYGEMS-API-KEY', title: 'RubyGems API key', prefixes: ['rubygems_'], body: '[a-f0-9]{48}', key: 'GEM_HOST_API_KEY',
    remediation: revokeAt('rubygems.org', 'Settings > API keys'), sample: 'rubygems_' + randomToken('rubygems', HEX, 48),
  }),
];
