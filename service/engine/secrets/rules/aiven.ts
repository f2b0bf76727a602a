// Aiven: API tokens (personal and application) and Aiven-generated service passwords (AVNS_).
import { BASE62, BASE64, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, plausibleValue, revokeAt, tokenRule } from './helpers';

const TOKEN_VALUE = '[A-Za-z0-9/+=]{300,420}';
const token = randomToken('aiven-token', BASE64, 372);
const password = 'AVNS_' + randomToken('aiven-avns', BASE62 + '_-', 19);

const keyedToken = keyedRule({
  id: 'SEC-AIVEN-API-TOKEN', title: 'Aiven API token',
  description: 'An Aiven personal or application token (a long base64 value): manages every project, service and service user the owner can reach, including reading service credentials.',
  remediation: revokeAt('Aiven', 'User information > Tokens > Revoke (application tokens: Admin > Application users), or `avn user access-token revoke`'),
  helpUri: 'https://aiven.io/docs/platform/howto/create_authentication_token',
  keywords: ['aiven'], window: 'near',
  // AIVEN_TOKEN = …, and api_token inside the Terraform provider "aiven" block.
  keyPattern: 'aiven[\\w.-]{0,20}(?:token|key|auth)|api_token(?<=provider[ \\t]{1,4}"aiven"[\\s\\S]{0,200})', value: TOKEN_VALUE,
  sample: token, keys: ['AIVEN_TOKEN', 'aiven_api_token'],
  extraFlag: [
    `curl -H "Authorization: aivenv1 ${token}" https://api.aiven.io/v1/project\n`,
    `provider "aiven" {\n  api_token = "${token}"\n}\n`,
  ],
  extraNotFlag: [`curl -H "Authorization: aivenv1 $AIVEN_TOKEN" https://api.aiven.io/v1/project\n`, `AIVEN_TOKEN=${token.slice(0, 200)}\n`],
});

export const rules: SecretRule[] = [
  {
    ...keyedToken,
    // Also the documented header form: `Authorization: aivenv1 <token>` (group 1).
    pattern: new RegExp(`${keyedToken.pattern!.source}|aivenv1[ \\t]{1,4}(${TOKEN_VALUE})(?![A-Za-z0-9+/=])`, 'gi'),
    validate: (ctx) => ctx.match.groups?.secret === undefined || plausibleValue(ctx),
    references: [{ type: 'trufflehog', id: 'aiven', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/aiven' }],
  },
  tokenRule({
    id: 'SEC-AIVEN-SERVICE-PASSWORD', title: 'Aiven service password', severity: 'high',
    description: 'A password Aiven generated for a service user (AVNS_ prefix; DigitalOcean managed databases, run on Aiven, issue the same shape): logs in to the PostgreSQL, MySQL, Kafka, OpenSearch or Valkey service as that user.',
    prefixes: ['AVNS_'], body: '[A-Za-z0-9_-]{19,30}', boundary: '[A-Za-z0-9_-]', key: 'DB_PASSWORD', minEntropy: 3.5,
    remediation: 'Reset the service user\'s password in the Aiven console (Service > Users > Reset credentials, or `avn service user-password-reset`) or in the DigitalOcean control panel (Databases > Users & Databases > Reset password), then update the clients from a secret store.',
    helpUri: 'https://aiven.io/docs/platform/howto/create_new_service_user',
    sample: password,
    extraFlag: [
      `db_config = {\n    'host': 'pg-contoso.aivencloud.com',\n    'user': 'avnadmin',\n    'password': '${password}',\n}\n`,
      `spring.datasource.password=${password}\n`,
      `password := "${password}"\n`,
    ],
    extraNotFlag: ['DB_PASSWORD=AVNS_\n', `DB_PASSWORD=${password.slice(0, 16)}\n`],
  }),
];
