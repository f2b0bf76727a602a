// Dropbox access tokens.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-DROPBOX-ACCESS-TOKEN', title: 'Dropbox access token', prefixes: ['sl.'], body: '[A-Za-z0-9_-]{130,1100}', key: 'DROPBOX_ACCESS_TOKEN', severity: 'high', boundary: '[A-Za-z0-9_.-]',
    remediation: revokeAt('Dropbox', 'the App Console or Settings > Connected apps'), sample: 'sl.' + randomToken('dropbox', BASE64URL, 138),
  }),
];
