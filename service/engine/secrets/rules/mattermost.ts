// Mattermost: personal access and bot tokens (26 characters) by key name or mmctl --access-token,
// and incoming webhook URLs under a Mattermost key name.
import { ALNUM_LOWER, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const token = randomToken('mattermost', ALNUM_LOWER, 26);
const hook = `https://chat.contoso.com/hooks/${randomToken('mattermost-hook', ALNUM_LOWER, 26)}`;
const base = keyedRule({
  id: 'SEC-MATTERMOST-ACCESS-TOKEN', title: 'Mattermost access token',
  description: 'A Mattermost personal access or bot token calls the Mattermost API as its user: reads channels and direct messages, posts, and (for admins) manages the server.',
  remediation: revokeAt('Mattermost', 'Profile > Security > Personal Access Tokens (or Integrations > Bot Accounts) > delete the token'),
  helpUri: 'https://developers.mattermost.com/integrate/reference/personal-access-token/',
  keywords: ['mattermost', 'mmctl'], keyPattern: 'mattermost[\\w.-]{0,20}(?:token|key|secret|password)', value: '[a-z0-9]{26}',
  sample: token, keys: ['MATTERMOST_TOKEN', 'mattermostBotToken'],
  extraFlag: [
    `mmctl auth login https://chat.contoso.com --name prod --username admin --access-token ${token}\n`,
    `MATTERMOST_ACCESS_TOKEN := ${token}\n`,
    `mattermost.bot.token=${token}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'MATTERMOST_TOKEN', token.slice(0, 20)),
    inSyntax('env', 'MATTERMOST_TEAM_ID', randomToken('mattermost-team', ALNUM_LOWER, 26)),
    'mmctl auth login https://chat.contoso.com --name prod --access-token $MM_TOKEN\n',
  ],
});

/** --access-token of the mmctl command line tool. */
const CLI = '(?<=mmctl[^\\n]{0,200}?--access-token[ =]["\']?)[a-z0-9]{26}(?![a-z0-9])';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${CLI}`, 'gi'),
    references: [{ type: 'gitleaks', id: 'mattermost-access-token' }],
  },
  keyedRule({
    id: 'SEC-MATTERMOST-WEBHOOK', title: 'Mattermost incoming webhook URL', severity: 'medium',
    description: 'A Mattermost incoming webhook URL posts into its channel, under any display name and icon the caller picks: a way to phish the channel\'s members.',
    remediation: revokeAt('Mattermost', 'Integrations > Incoming Webhooks > delete the webhook and create a new one'),
    helpUri: 'https://developers.mattermost.com/integrate/webhooks/incoming/',
    keywords: ['mattermost'], keyPattern: 'mattermost[\\w.-]{0,20}(?:hook|url)', value: 'https?://[A-Za-z0-9.:-]{1,100}(?:/[A-Za-z0-9._~-]{1,40}){0,3}/hooks/[a-z0-9]{26}',
    sample: hook, keys: ['MATTERMOST_WEBHOOK_URL', 'mattermostHook'], minEntropy: 3.5,
    extraFlag: [`MATTERMOST_WEBHOOK := ${hook}\n`, `mattermost.webhook.url=${hook}\n`],
    extraNotFlag: [inSyntax('env', 'MATTERMOST_URL', 'https://chat.contoso.com'), inSyntax('env', 'MATTERMOST_WEBHOOK_URL', 'https://chat.contoso.com/hooks/xxx-generatedkey-xxx')],
  }),
];
