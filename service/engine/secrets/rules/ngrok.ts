// ngrok authtokens and API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-NGROK-AUTHTOKEN', title: 'ngrok authtoken or API key', remediation: revokeAt('the ngrok dashboard', 'Authtokens / API Keys'),
    keywords: ['ngrok'], keyPattern: 'ngrok[A-Za-z0-9_.-]{0,20}(?:token|key)|authtoken', value: '[0-9][A-Za-z0-9]{26}_[A-Za-z0-9]{21}',
    sample: '2' + randomToken('ngrok1', BASE62, 26) + '_' + randomToken('ngrok2', BASE62, 21), keys: ['NGROK_AUTHTOKEN', 'ngrokApiKey'],
  }),
];
