// DigitalOcean personal access and OAuth tokens.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-DIGITALOCEAN-PAT', title: 'DigitalOcean personal access token', prefixes: ['dop_v1_'], body: '[a-f0-9]{64}', key: 'DIGITALOCEAN_TOKEN',
    remediation: revokeAt('DigitalOcean', 'API > Tokens'), sample: 'dop_v1_' + randomToken('do', HEX, 64),
  }),
  tokenRule({
    id: 'SEC-DIGITALOCEAN-OAUTH-TOKEN', title: 'DigitalOcean OAuth token', prefixes: ['doo_v1_', 'dor_v1_'], body: '[a-f0-9]{64}', key: 'DO_OAUTH_TOKEN', severity: 'high',
    remediation: revokeAt('DigitalOcean', 'API > OAuth applications'), sample: 'doo_v1_' + randomToken('doo', HEX, 64),
  }),
];
