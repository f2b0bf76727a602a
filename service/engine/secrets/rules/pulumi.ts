// Pulumi access tokens.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-PULUMI-ACCESS-TOKEN', title: 'Pulumi access token', prefixes: ['pul-'], body: '[a-f0-9]{40}', key: 'PULUMI_ACCESS_TOKEN',
    remediation: revokeAt('Pulumi Cloud', 'Settings > Access tokens'), sample: 'pul-' + randomToken('pulumi', HEX, 40),
  }),
];
