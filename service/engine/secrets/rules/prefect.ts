// Prefect Cloud API keys: user keys (pnu_) and service account keys (pnb_).
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const sample = 'pnu_' + randomToken('prefect-pnu', BASE62, 36);
const bot = 'pnb_' + randomToken('prefect-pnb', BASE62, 36);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-PREFECT-API-KEY', title: 'Prefect Cloud API key', prefixes: ['pnu_', 'pnb_'], body: '[A-Za-z0-9]{36}', key: 'PREFECT_API_KEY',
      description: 'A Prefect Cloud API key (pnu_ for a user, pnb_ for a service account) works in every workspace its owner can reach: it runs and changes deployments and reads blocks, which often hold other credentials.',
      remediation: revokeAt('Prefect Cloud', 'account menu > API keys, or Settings > Service accounts for pnb_ keys'),
      helpUri: 'https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys',
      sample,
      extraFlag: [
        `prefect cloud login -k '${sample}' --workspace acme/prod\n`,
        `deploy:\n\tPREFECT_API_KEY := ${bot}\n`,
        `[profiles.cloud]\nPREFECT_API_URL = "https://api.prefect.cloud/api/accounts/x/workspaces/y"\nPREFECT_API_KEY = "${bot}"\n`,
      ],
      extraNotFlag: [
        `PREFECT_API_KEY=pnu_${randomToken('prefect-short', BASE62, 20)}\n`,
        `prefect cloud login -k '<my-api-key>'\n`,
      ],
    }),
    references: [{ type: 'gitleaks', id: 'prefect-api-token' }],
  },
];
