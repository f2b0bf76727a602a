// Yandex Cloud and Yandex OAuth: API keys (AQVN…), OAuth tokens (y0_…), static access key secrets
// (YC…) and IAM tokens (t1.…).
import { BASE62, BASE64URL, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const HELP = 'https://yandex.cloud/en/docs/iam/concepts/authorization/';

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-YANDEX-API-KEY', title: 'Yandex Cloud API key', prefixes: ['AQVN'], body: '[A-Za-z0-9_-]{35,38}', key: 'YC_API_KEY', boundary: '[A-Za-z0-9_-]',
      remediation: revokeAt('Yandex Cloud', 'Service accounts > API keys'), helpUri: HELP, sample: 'AQVN' + randomToken('yandex', BASE64URL, 36),
    }),
    references: [{ type: 'gitleaks', id: 'yandex-api-key' }],
  },
  tokenRule({
    id: 'SEC-YANDEX-OAUTH-TOKEN', title: 'Yandex OAuth token', confidence: 'medium', prefixes: ['y0_'], body: '[A-Za-z0-9_-]{50,64}', key: 'YANDEX_OAUTH_TOKEN', boundary: '[A-Za-z0-9_-]', minEntropy: 4,
    description: 'A Yandex OAuth token (y0_…): acts as the user on Yandex Cloud (it is exchanged for IAM tokens) and on Yandex services the app was granted.',
    remediation: revokeAt('Yandex ID', 'id.yandex.ru > Security > Devices and services, or `yc init` with a new token'), helpUri: 'https://yandex.cloud/en/docs/iam/concepts/authorization/oauth-token',
    sample: 'y0_Ag' + randomToken('yandex-y0', BASE64URL, 53),
    // A three-character prefix: medium, though the length and alphabet narrow it down.
  }),
  {
    ...keyedRule({
      id: 'SEC-YANDEX-ACCESS-KEY-SECRET', title: 'Yandex Cloud static access key secret', severity: 'critical',
      remediation: revokeAt('Yandex Cloud', 'Service accounts > Static access keys'), helpUri: 'https://yandex.cloud/en/docs/iam/concepts/authorization/access-key',
      keywords: ['yandex', 'yc_', 'aws_secret_access_key', 'secret_key'], keyPattern: '(?:yandex|yc)[A-Za-z0-9_.-]{0,20}(?:secret|key)|aws[_-]?secret[_-]?access[_-]?key|secret[_-]?key',
      value: 'YC[A-Za-z0-9_-]{38}', sample: 'YC' + randomToken('yandex-yc', BASE64URL, 38), keys: ['YC_SECRET_KEY', 'AWS_SECRET_ACCESS_KEY', 'yandexSecretKey'],
    }),
    priority: 0.5,
    references: [{ type: 'gitleaks', id: 'yandex-aws-access-token' }],
  },
  {
    ...keyedRule({
      id: 'SEC-YANDEX-IAM-TOKEN', title: 'Yandex Cloud IAM token', severity: 'medium',
      remediation: 'IAM tokens expire within 12 hours; revoke the credential that issued it (OAuth token, key or service account key) if it may be exposed too.',
      helpUri: 'https://yandex.cloud/en/docs/iam/concepts/authorization/iam-token',
      keywords: ['yandex', 'yc_', 'iam_token', 'iamtoken'], keyPattern: '(?:yandex|yc)[A-Za-z0-9_.-]{0,20}token|iam[_-]?token',
      value: 't1\\.[A-Za-z0-9_-]{10,120}={0,2}\\.[A-Za-z0-9_-]{86}={0,2}',
      sample: 't1.' + randomToken('yandex-t1a', BASE62, 62) + '.' + randomToken('yandex-t1b', BASE64URL, 86), keys: ['YC_IAM_TOKEN', 'iamToken'],
      extraNotFlag: [inSyntax('env', 'YC_IAM_TOKEN', 't1.short.token')],
    }),
    references: [{ type: 'gitleaks', id: 'yandex-access-token' }],
  },
];
