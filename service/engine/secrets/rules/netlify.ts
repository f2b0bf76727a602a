// Netlify personal access tokens.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-NETLIFY-TOKEN', title: 'Netlify personal access token', prefixes: ['nfp_'], body: '[A-Za-z0-9]{36}', key: 'NETLIFY_AUTH_TOKEN',
    remediation: revokeAt('Netlify', 'User settings > Applications > Personal access tokens'), sample: 'nfp_' + randomToken('netlify', BASE62, 36),
  }),
];
