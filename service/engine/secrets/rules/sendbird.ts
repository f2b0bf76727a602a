// Sendbird API tokens: 40 hex, paired with an application id (a UUID), found by key name or
// the Api-Token header of a request to api-<app id>.sendbird.com.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule } from './helpers';

const sample = randomToken('sendbird', HEX, 40);
const appId = '4F2A9C1E-7B3D-4E6F-8A9B-0C1D2E3F4A5B';

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-SENDBIRD-API-TOKEN', title: 'Sendbird API token', severity: 'critical',
      description: 'A Sendbird master or secondary API token, with the application id beside it, calls the Platform API as the application: it reads every user\'s messages and channels, impersonates users and deletes data.',
      remediation: 'Revoke the token in the Sendbird dashboard (Settings > Application > General > API tokens: revoke a secondary token, or regenerate the master token) and update the servers that use it.',
      helpUri: 'https://sendbird.com/docs/chat/platform-api/v3/prepare-to-use-api',
      keywords: ['sendbird'],
      keyPattern: 'sendbird[\\w.-]{0,20}(?:token|key|secret)|api-token',
      value: '[a-f0-9]{40}', sample,
      keys: ['SENDBIRD_API_TOKEN', 'sendbirdApiToken', 'sendbird.master.token'],
      window: 'near',
      extraFlag: [
        `curl -X GET https://api-${appId}.sendbird.com/v3/users \\\n  -H "Api-Token: ${sample}"\n`,
        `SENDBIRD_APP_ID=${appId}\nSENDBIRD_API_TOKEN=${sample}\n`,
        `sendbirdToken := "${sample}"\n`,
      ],
      extraNotFlag: [
        `SENDBIRD_APP_ID=${appId}\n`,
        `curl -X GET https://api.example.com/v3/users -H "Api-Token: ${sample}"\n`,
      ],
    }),
    references: [{ type: 'gitleaks', id: 'sendbird-access-token' }],
  },
];
