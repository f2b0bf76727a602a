// Harness: personal and service account tokens (pat./sat.<account id>.<token id>.<secret>).
import { BASE62, BASE64URL, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const account = randomToken('harness-acct', BASE64URL, 22);
const sample = `pat.${account}.${randomToken('harness-id', BASE62, 24)}.${randomToken('harness-secret', BASE62, 20)}`;

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-HARNESS-API-TOKEN', title: 'Harness API token',
      description: 'A Harness personal access token (pat.) or service account token (sat.) calls the Harness API with its owner\'s roles: pipelines, connectors, secrets and deployments of the account.',
      prefixes: ['pat.', 'sat.'], body: '[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20}', key: 'HARNESS_API_KEY', sample,
      remediation: revokeAt('Harness', 'My Profile > My API Keys (or Access Control > Service Accounts) > delete the token'),
      helpUri: 'https://developer.harness.io/docs/platform/automation/api/add-and-manage-api-keys/',
      extraFlag: [
        `curl -H "x-api-key: ${sample}" "https://app.harness.io/gateway/ng/api/user/currentUser?accountIdentifier=${account}"\n`,
        `harness_platform_api_key = "${sample.replace(/^pat\./, 'sat.')}"\n`,
        `HARNESS_PLATFORM_API_KEY := ${sample}\n`,
      ],
      extraNotFlag: [
        inSyntax('env', 'HARNESS_API_KEY', `pat.${account}.${randomToken('harness-id', BASE62, 24)}`),
        inSyntax('env', 'HARNESS_ACCOUNT_ID', account),
        'const config = compat.extend({ rules: {} });\n',
      ],
    }),
    references: [{ type: 'gitleaks', id: 'harness-api-key' }],
  },
];
