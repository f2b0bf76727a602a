// Twitch client secrets.
import { ALNUM_LOWER, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-TWITCH-CLIENT-SECRET', title: 'Twitch client secret', remediation: revokeAt('the Twitch developer console', 'Applications > Manage > New secret'),
    keywords: ['twitch'], keyPattern: 'twitch[A-Za-z0-9_.-]{0,20}(?:secret|token|key)', value: '(?:oauth:)?[a-z0-9]{30}', sample: randomToken('twitch', ALNUM_LOWER, 30), keys: ['TWITCH_CLIENT_SECRET', 'twitchOauthToken'],
    extraFlag: [inSyntax('env', 'TWITCH_OAUTH_TOKEN', 'oauth:' + randomToken('twitch-oauth', ALNUM_LOWER, 30))],
    validate: ({ secret }) => /[0-9]/.test(secret) && /[a-z]/.test(secret.replace(/^oauth:/, '')),
  }),
];
