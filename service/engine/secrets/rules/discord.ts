// Discord webhooks and bot tokens.
import { BASE64URL, DIGITS, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-DISCORD-WEBHOOK', title: 'Discord webhook URL', severity: 'medium', prefixes: ['https://discord.com/api/webhooks/', 'https://discordapp.com/api/webhooks/'], keywords: ['/api/webhooks/'],
    body: '[0-9]{17,20}/[A-Za-z0-9_-]{60,68}', key: 'DISCORD_WEBHOOK_URL', boundary: '[A-Za-z0-9_-]',
    remediation: 'Delete the webhook (Server settings > Integrations > Webhooks) and create a new one.',
    sample: 'https://discord.com/api/webhooks/' + randomToken('dw1', DIGITS, 18).replace(/^0/, '1') + '/' + randomToken('dw2', BASE64URL, 68),
  }),
  keyedRule({
    id: 'SEC-DISCORD-BOT-TOKEN', title: 'Discord bot token', severity: 'high', remediation: revokeAt('the Discord Developer Portal', 'Applications > Bot > Reset token'),
    keywords: ['discord'], keyPattern: 'discord[A-Za-z0-9_.-]{0,20}(?:token|secret|key)', value: '[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}',
    sample: 'M' + randomToken('db1', BASE64URL, 23) + '.' + randomToken('db2', BASE64URL, 6) + '.' + randomToken('db3', BASE64URL, 38), keys: ['DISCORD_BOT_TOKEN', 'discordToken'],
  }),
];
