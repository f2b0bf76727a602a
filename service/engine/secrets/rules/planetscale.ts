// PlanetScale service tokens, OAuth tokens and passwords.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-PLANETSCALE-TOKEN', title: 'PlanetScale service token or password', prefixes: ['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'], body: '[A-Za-z0-9_.-]{32,64}', key: 'PLANETSCALE_TOKEN', boundary: '[A-Za-z0-9_.-]',
    remediation: revokeAt('PlanetScale', 'Organization settings > Service tokens, or the branch passwords page'), sample: 'pscale_tkn_' + randomToken('pscale', BASE62, 43),
  }),
];
