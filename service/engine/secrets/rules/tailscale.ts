// Tailscale auth and API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-TAILSCALE-KEY', title: 'Tailscale auth or API key', prefixes: ['tskey-auth-', 'tskey-api-', 'tskey-client-'], body: '[A-Za-z0-9]{10,20}-[A-Za-z0-9]{20,40}', key: 'TS_AUTHKEY',
    remediation: revokeAt('the Tailscale admin console', 'Settings > Keys'), sample: 'tskey-auth-k' + randomToken('ts1', BASE62, 12) + '-' + randomToken('ts2', BASE62, 33),
  }),
];
