// Authress service client access keys.
import { ALNUM_LOWER, BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const key = `sc_${randomToken('authress-client', ALNUM_LOWER, 22)}.${randomToken('authress-kid', ALNUM_LOWER, 4)}.acc_${randomToken('authress-acc', ALNUM_LOWER, 16)}.MC4CAQAwBQYDK2VwBCIEI${randomToken('authress-pk', BASE64URL, 43)}`;

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-AUTHRESS-ACCESS-KEY', title: 'Authress service client access key', severity: 'high',
      description: 'An Authress service client access key (sc_<client>.<key>.acc_<account>.<private key>): signs tokens as the service client, with every permission the client was granted (often user and access-record management).',
      // The prefixes (sc_, ext_, …) are too common to prefilter on; `.acc_` is not.
      prefixes: ['sc_', 'ext_', 'scauth_', 'authress_'], keywords: ['.acc_', '.acc-', 'authress'], keywordsOnly: true,
      caseInsensitive: true,
      body: '[a-z0-9]{5,30}\\.[a-z0-9]{4,6}\\.acc[_-][a-z0-9-]{10,32}\\.[A-Za-z0-9+/_=-]{30,120}', boundary: '[A-Za-z0-9+/_=-]', key: 'AUTHRESS_SERVICE_CLIENT_ACCESS_KEY',
      remediation: revokeAt('Authress', 'Management portal > Service clients > the client > Access keys > delete the key'),
      helpUri: 'https://authress.io/knowledge-base/docs/authorization/service-clients/secrets-management',
      sample: key,
      extraFlag: [
        `const accessKey = '${key}';\nconst client = new AuthressClient({ authressApiUrl: 'https://auth.contoso.com' }, accessKey);\n`,
        `curl -H "Authorization: Bearer ${key}" https://auth.contoso.com/v1/users\n`,
      ],
      extraNotFlag: ['AUTHRESS_SERVICE_CLIENT_ACCESS_KEY=sc_xxxxx.xxxx.acc_xxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n', `AUTHRESS_CLIENT_ID=${key.split('.')[0]}\n`],
    }),
    references: [{ type: 'gitleaks', id: 'authress-service-client-access-key' }],
  },
];
