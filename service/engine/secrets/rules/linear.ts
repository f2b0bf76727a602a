// Linear API keys, OAuth access tokens and OAuth client secrets.
import { BASE62, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const HELP = 'https://linear.app/developers/graphql';

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-LINEAR-API-KEY', title: 'Linear API key', prefixes: ['lin_api_'], body: '[A-Za-z0-9]{40}', key: 'LINEAR_API_KEY', severity: 'high',
      remediation: revokeAt('Linear', 'Settings > API > Personal API keys'), helpUri: HELP, sample: 'lin_api_' + randomToken('linear', BASE62, 40),
    }),
    references: [{ type: 'gitleaks', id: 'linear-api-key' }],
  },
  tokenRule({
    id: 'SEC-LINEAR-OAUTH-TOKEN', title: 'Linear OAuth access token', prefixes: ['lin_oauth_'], body: '[a-f0-9]{64}', key: 'LINEAR_ACCESS_TOKEN', severity: 'high',
    remediation: revokeAt('Linear', 'Settings > API > OAuth applications > revoke, or the revoke endpoint'), helpUri: 'https://linear.app/developers/oauth-2-0-authentication',
    sample: 'lin_oauth_' + randomToken('linear-oauth', HEX, 64),
  }),
  {
    ...keyedRule({
      id: 'SEC-LINEAR-CLIENT-SECRET', title: 'Linear OAuth client secret', remediation: revokeAt('Linear', 'Settings > API > OAuth applications > rotate secret'),
      keywords: ['linear'], keyPattern: 'linear[A-Za-z0-9_.-]{0,20}(?:secret|key|token)', value: '[a-f0-9]{32}',
      sample: randomToken('linear-secret', HEX, 32), keys: ['LINEAR_CLIENT_SECRET', 'linearWebhookSecret'],
    }),
    references: [{ type: 'gitleaks', id: 'linear-client-secret' }],
  },
];
