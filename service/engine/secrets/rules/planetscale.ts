// PlanetScale service tokens, OAuth tokens and passwords.
import { BASE62, BASE64URL, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-PLANETSCALE-TOKEN', title: 'PlanetScale service token or password', prefixes: ['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'], body: '[A-Za-z0-9_.=-]{32,64}', key: 'PLANETSCALE_TOKEN', boundary: '[A-Za-z0-9_.=-]',
      remediation: revokeAt('PlanetScale', 'Organization settings > Service tokens, or the branch passwords page'), helpUri: 'https://planetscale.com/docs/concepts/service-tokens',
      sample: 'pscale_tkn_' + randomToken('pscale', BASE62, 43),
      extraFlag: [
        inSyntax('env', 'DATABASE_PASSWORD', 'pscale_pw_' + randomToken('pscale-pw', BASE64URL, 43)),
        inSyntax('json', 'planetscaleOAuthToken', 'pscale_oauth_' + randomToken('pscale-oauth', BASE64URL, 43)),
      ],
    }),
    references: [{ type: 'gitleaks', id: 'planetscale-api-token' }, { type: 'gitleaks', id: 'planetscale-password' }, { type: 'gitleaks', id: 'planetscale-oauth-token' }],
  },
];
