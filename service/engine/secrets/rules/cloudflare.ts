// Cloudflare API tokens and global API keys.
import { BASE64URL, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-CLOUDFLARE-API-TOKEN', title: 'Cloudflare API token', severity: 'critical', remediation: revokeAt('the Cloudflare dashboard', 'My Profile > API Tokens > Roll'),
    helpUri: 'https://developers.cloudflare.com/fundamentals/api/get-started/create-token/',
    keywords: ['cloudflare', 'cf_api', 'cf-api'], keyPattern: '(?:cloudflare|cf)[A-Za-z0-9_.-]{0,20}(?:token|key)', value: '[A-Za-z0-9_-]{40}',
    sample: randomToken('cf', BASE64URL, 40), keys: ['CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN'],
  }),
  keyedRule({
    id: 'SEC-CLOUDFLARE-GLOBAL-API-KEY', title: 'Cloudflare global API key', severity: 'critical', remediation: revokeAt('the Cloudflare dashboard', 'My Profile > API Tokens > Global API Key > Change'),
    keywords: ['cloudflare', 'cf_api', 'cf-api', 'x-auth-key'], keyPattern: '(?:cloudflare|cf)[A-Za-z0-9_.-]{0,20}(?:global|api)[_-]?key|x-auth-key', value: '[a-f0-9]{37}',
    sample: randomToken('cfg', HEX, 37), keys: ['CLOUDFLARE_GLOBAL_API_KEY', 'X-Auth-Key'],
  }),
];
