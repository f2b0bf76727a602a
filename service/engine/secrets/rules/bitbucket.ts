// Bitbucket access tokens, app passwords and OAuth consumer secrets.
import { BASE62, BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const REVOKE = revokeAt('Atlassian', 'id.atlassian.com > Security > API tokens, or the Bitbucket repository/workspace access tokens and app passwords');

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-BITBUCKET-ACCESS-TOKEN', title: 'Bitbucket repository, project or workspace access token', prefixes: ['ATCTT3'], body: '[A-Za-z0-9_=-]{180,200}',
    key: 'BITBUCKET_TOKEN', remediation: REVOKE, helpUri: 'https://support.atlassian.com/bitbucket-cloud/docs/access-tokens/',
    sample: 'ATCTT3' + randomToken('atctt', BASE64URL, 186), boundary: '[A-Za-z0-9_=-]',
  }),
  tokenRule({
    id: 'SEC-BITBUCKET-APP-PASSWORD', title: 'Bitbucket app password', prefixes: ['ATBB'], body: '[A-Za-z0-9_=.-]{32}',
    key: 'BITBUCKET_APP_PASSWORD', remediation: REVOKE, helpUri: 'https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/',
    sample: 'ATBB' + randomToken('atbb', BASE62, 32),
  }),
  keyedRule({
    id: 'SEC-BITBUCKET-CLIENT-SECRET', title: 'Bitbucket OAuth consumer secret', remediation: REVOKE,
    keywords: ['bitbucket'],
    keyPattern: 'bitbucket[A-Za-z0-9_.-]{0,20}(?:secret|password|token)',
    value: '[A-Za-z0-9=_-]{32,64}', sample: randomToken('bb-secret', BASE62, 32), keys: ['BITBUCKET_CLIENT_SECRET', 'bitbucketPassword'],
  }),
];
