// 1Password service account tokens.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-ONEPASSWORD-SERVICE-ACCOUNT-TOKEN', title: '1Password service account token', prefixes: ['ops_eyJ'], body: '[A-Za-z0-9+/=_-]{250,}', key: 'OP_SERVICE_ACCOUNT_TOKEN', boundary: '[A-Za-z0-9+/=_-]',
    remediation: revokeAt('1Password', 'Developer Tools > Service accounts > revoke token'), sample: 'ops_eyJ' + randomToken('1p', BASE64URL, 300),
  }),
];
