// ClickHouse Cloud API key secrets (4b1d prefix).
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const secret = '4b1d' + randomToken('clickhouse-secret', BASE62, 38);
const keyId = randomToken('clickhouse-key-id', BASE62, 20);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-CLICKHOUSE-CLOUD-API-SECRET', title: 'ClickHouse Cloud API key secret', severity: 'high',
      description: 'A ClickHouse Cloud API key secret (4b1d + 38 characters): with its key id (20 characters, usually next to it) it calls the ClickHouse Cloud API with the key\'s role, up to creating, scaling and deleting services and changing their passwords and IP access lists.',
      prefixes: ['4b1d'], body: '[A-Za-z0-9]{38}', key: 'CLICKHOUSE_SECRET_KEY', minEntropy: 3.5,
      // A base62 secret, not a hex digest that happens to start with 4b1d.
      validate: ({ secret: s }) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s.slice(4)),
      remediation: revokeAt('ClickHouse Cloud', 'Organization > API keys > delete the key (or disable it) and create a new one'),
      helpUri: 'https://clickhouse.com/docs/cloud/manage/openapi',
      sample: secret,
      extraFlag: [
        `curl --user ${keyId}:${secret} https://api.clickhouse.cloud/v1/organizations\n`,
        `provider "clickhouse" {\n  organization_id = "org-1"\n  token_key       = "${keyId}"\n  token_secret    = "${secret}"\n}\n`,
      ],
      extraNotFlag: [`CLICKHOUSE_KEY_ID=${keyId}\n`, `sha: 4b1d${'9f3e2a7c'.repeat(4)}a1b2c3\n`, `CLICKHOUSE_SECRET_KEY=${secret.slice(0, 30)}\n`],
    }),
    references: [{ type: 'gitleaks', id: 'clickhouse-cloud-api-secret-key' }],
  },
];
