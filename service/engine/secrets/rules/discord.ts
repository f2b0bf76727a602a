// Discord: webhooks, bot tokens, OAuth client secrets and the client ids next to them.
import { BASE64URL, DIGITS, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const PORTAL = 'the Discord Developer Portal';
const HELP = 'https://discord.com/developers/docs/topics/oauth2';
const clientId = '1' + randomToken('discord-client-id', DIGITS, 18);
const clientSecret = randomToken('discord-client-secret', BASE64URL, 32);

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-DISCORD-WEBHOOK', title: 'Discord webhook URL', severity: 'medium', prefixes: ['https://discord.com/api/webhooks/', 'https://discordapp.com/api/webhooks/'], keywords: ['/api/webhooks/'],
    body: '[0-9]{17,20}/[A-Za-z0-9_-]{60,68}', key: 'DISCORD_WEBHOOK_URL', boundary: '[A-Za-z0-9_-]',
    remediation: 'Delete the webhook (Server settings > Integrations > Webhooks) and create a new one.',
    sample: 'https://discord.com/api/webhooks/' + randomToken('dw1', DIGITS, 18).replace(/^0/, '1') + '/' + randomToken('dw2', BASE64URL, 68),
  }),
  keyedRule({
    id: 'SEC-DISCORD-BOT-TOKEN', title: 'Discord bot token', severity: 'high', remediation: revokeAt(PORTAL, 'Applications > Bot > Reset token'),
    keywords: ['discord'], keyPattern: 'discord[A-Za-z0-9_.-]{0,20}(?:token|secret|key)', value: '[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}',
    sample: 'M' + randomToken('db1', BASE64URL, 23) + '.' + randomToken('db2', BASE64URL, 6) + '.' + randomToken('db3', BASE64URL, 38), keys: ['DISCORD_BOT_TOKEN', 'discordToken'],
  }),
  {
    ...keyedRule({
      id: 'SEC-DISCORD-CLIENT-SECRET', title: 'Discord OAuth client secret', severity: 'high', remediation: revokeAt(PORTAL, 'Applications > OAuth2 > Reset secret'), helpUri: HELP,
      keywords: ['discord'], keyPattern: 'discord[A-Za-z0-9_.-]{0,20}(?:secret|key)', value: '[A-Za-z0-9_-]{32}', minEntropy: 3.5,
      sample: clientSecret, keys: ['DISCORD_CLIENT_SECRET', 'discordClientSecret', 'DISCORD_SECRET'],
      extraFlag: [`DISCORD_CLIENT_ID=${clientId}\nDISCORD_CLIENT_SECRET=${clientSecret}\n`],
    }),
    // Ahead of the client-secret assignment rule, which matches any *_CLIENT_SECRET.
    priority: 0.5,
    pairWith: { ruleId: 'SEC-DISCORD-CLIENT-ID', label: 'client id', within: 1000 },
    references: [{ type: 'gitleaks', id: 'discord-client-secret' }],
  },
  {
    ...keyedRule({
      id: 'SEC-DISCORD-CLIENT-ID', title: 'Discord application client id', severity: 'low', remediation: 'No rotation needed for the id itself; check that the client secret and bot token next to it are not exposed too.',
      description: 'A Discord application (client) id: an identifier, reported because it usually sits next to the client secret.',
      keywords: ['discord'], keyPattern: 'discord[A-Za-z0-9_.-]{0,20}(?:client|app(?:lication)?)[_-]?id', value: '[0-9]{17,20}', minEntropy: 2.5,
      sample: clientId, keys: ['DISCORD_CLIENT_ID', 'discordAppId'],
      extraNotFlag: [inSyntax('env', 'DISCORD_GUILD_ID', clientId)],
    }),
    references: [{ type: 'gitleaks', id: 'discord-client-id' }],
  },
];
