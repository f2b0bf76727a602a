// LaunchDarkly API access tokens.
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-LAUNCHDARKLY-TOKEN', title: 'LaunchDarkly API access token', prefixes: ['api-'], body: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', key: 'LAUNCHDARKLY_ACCESS_TOKEN',
    keywords: ['launchdarkly', 'ld_access', 'ld_api'], keywordsOnly: true, window: 'near',
    remediation: revokeAt('LaunchDarkly', 'Account settings > Authorization > access tokens'), sample: 'api-4d9c1e2f-3a4b-4c5d-9e6f-7a8b9c0d1e2f',
  }),
];
