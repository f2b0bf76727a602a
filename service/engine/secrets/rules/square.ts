// Square access tokens and OAuth application secrets.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-SQUARE-ACCESS-TOKEN', title: 'Square access token', prefixes: ['sq0atp-', 'EAAAE', 'EAAAl'], body: '[A-Za-z0-9_-]{22,60}', key: 'SQUARE_ACCESS_TOKEN',
    remediation: revokeAt('the Square Developer dashboard', 'Credentials > Replace access token'), helpUri: 'https://developer.squareup.com/docs/build-basics/access-tokens',
    sample: 'sq0atp-' + randomToken('square-at', BASE64URL, 22), boundary: '[A-Za-z0-9_-]',
  }),
  tokenRule({
    id: 'SEC-SQUARE-OAUTH-SECRET', title: 'Square OAuth application secret', prefixes: ['sq0csp-'], body: '[A-Za-z0-9_-]{43}', key: 'SQUARE_APP_SECRET',
    remediation: revokeAt('the Square Developer dashboard', 'OAuth > Replace secret'), sample: 'sq0csp-' + randomToken('square-csp', BASE64URL, 43), boundary: '[A-Za-z0-9_-]',
  }),
];
