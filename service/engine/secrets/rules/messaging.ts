// Messaging and e-mail: Twilio, SendGrid, Mailchimp, Mailgun, Postmark, Brevo, Telegram, Discord,
// Microsoft Teams webhooks, Vonage, MessageBird, Mailjet.
import { BASE62, BASE64URL, DIGITS, HEX, randomToken, inSyntax, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const twilioSid = 'AC' + randomToken('twilio-sid', HEX, 32);
const twilioToken = randomToken('twilio-token', HEX, 32);

// Mailchimp and Telegram are keyed on a suffix / an infix, so they are written out in full.
const mailchimp: SecretRule = {
  id: 'SEC-MAILCHIMP-API-KEY',
  title: 'Mailchimp API key',
  description: 'A Mailchimp marketing API key (32 hex + data-center suffix): full access to the audience and campaigns.',
  severity: 'high',
  confidence: 'high',
  remediation: revokeAt('Mailchimp', 'Profile > Extras > API keys'),
  helpUri: 'https://mailchimp.com/developer/marketing/guides/quick-start/',
  keywords: ['-us'],
  pattern: /(?<![A-Za-z0-9])(?<secret>[0-9a-f]{32}-us[0-9]{1,2})(?![A-Za-z0-9])/g,
  window: 'token',
  priority: 1,
  examples: lazyExamples(() => ({
    mustFlag: [inSyntax('env', 'MAILCHIMP_API_KEY', randomToken('mailchimp', HEX, 32) + '-us21'), inSyntax('json', 'mailchimpKey', randomToken('mailchimp2', HEX, 32) + '-us6')],
    mustNotFlag: [inSyntax('env', 'MAILCHIMP_API_KEY', '<your-key>-us21'), inSyntax('yaml', 'locale', 'en-us'), inSyntax('env', 'MAILCHIMP_API_KEY', '0123456789abcdef0123456789abcdef-us21')],
  })),
};

const telegramToken = randomToken('tg1', DIGITS, 10).replace(/^0/, '5') + ':AA' + randomToken('tg2', BASE64URL, 33);
const telegram: SecretRule = {
  id: 'SEC-TELEGRAM-BOT-TOKEN',
  title: 'Telegram bot token',
  description: 'A Telegram Bot API token: full control of the bot.',
  severity: 'high',
  confidence: 'high',
  remediation: 'Revoke it with @BotFather (/revoke) and update the bot with the new token.',
  helpUri: 'https://core.telegram.org/bots/api#authorizing-your-bot',
  keywords: [':aa'],
  pattern: /(?:(?<![A-Za-z0-9:_-])|(?<=\/bot))(?<secret>[0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/g,
  window: 'token',
  priority: 1,
  examples: lazyExamples(() => ({
    mustFlag: [inSyntax('env', 'TELEGRAM_BOT_TOKEN', telegramToken), `requests.get(f"https://api.telegram.org/bot${telegramToken}/getMe")\n`],
    mustNotFlag: [inSyntax('env', 'TELEGRAM_BOT_TOKEN', '123456789:AA<your-token>'), inSyntax('yaml', 'time', '12:30:AA')],
  })),
};

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-TWILIO-API-KEY', title: 'Twilio API key', prefixes: ['SK'], body: '[0-9a-fA-F]{32}', key: 'TWILIO_API_KEY', keywords: ['twilio', 'api_key_sid', 'apikeysid'], keywordsOnly: true, window: 'near',
    remediation: revokeAt('the Twilio console', 'Account > API keys & tokens > delete key'), helpUri: 'https://www.twilio.com/docs/iam/api-keys',
    sample: 'SK' + randomToken('twilio-sk', HEX, 32), confidence: 'medium', severity: 'high',
    validate: ({ window }) => /twilio|api[_-]?key|sid/i.test(window),
  }),
  {
    ...keyedRule({
      id: 'SEC-TWILIO-AUTH-TOKEN', title: 'Twilio auth token', severity: 'critical',
      remediation: revokeAt('the Twilio console', 'Account > API keys & tokens > request a secondary auth token, promote it'),
      helpUri: 'https://www.twilio.com/docs/iam/access-tokens',
      keywords: ['twilio', 'auth_token', 'authtoken'], keyPattern: 'twilio[A-Za-z0-9_.-]{0,20}(?:token|secret)|auth[_-]?token',
      value: '[a-f0-9]{32}', sample: twilioToken, keys: ['TWILIO_AUTH_TOKEN', 'twilioAuthToken'],
      extraFlag: [`TWILIO_ACCOUNT_SID=${twilioSid}\nTWILIO_AUTH_TOKEN=${twilioToken}\n`],
    }),
    pairWith: { ruleId: 'SEC-TWILIO-ACCOUNT-SID', label: 'account SID', within: 1000 },
  },
  tokenRule({
    id: 'SEC-TWILIO-ACCOUNT-SID', title: 'Twilio account SID', prefixes: ['AC'], body: '[a-f0-9]{32}', key: 'TWILIO_ACCOUNT_SID', keywords: ['twilio', 'account_sid', 'accountsid'], keywordsOnly: true, window: 'near',
    description: 'A Twilio account SID: an identifier, reported because it usually sits next to the auth token.',
    severity: 'low', confidence: 'medium', remediation: 'No rotation needed for the SID itself; check that its auth token is not exposed too.',
    sample: twilioSid, validate: ({ window }) => /twilio|account[_-]?sid/i.test(window),
  }),
  tokenRule({
    id: 'SEC-SENDGRID-API-KEY', title: 'SendGrid API key', prefixes: ['SG.'], body: '[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}', key: 'SENDGRID_API_KEY', boundary: '[A-Za-z0-9_.-]',
    remediation: revokeAt('SendGrid', 'Settings > API Keys > delete'), helpUri: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
    sample: 'SG.' + randomToken('sg1', BASE64URL, 22) + '.' + randomToken('sg2', BASE64URL, 43),
  }),
  mailchimp,
  keyedRule({
    id: 'SEC-MAILGUN-API-KEY', title: 'Mailgun API key', severity: 'high', remediation: revokeAt('Mailgun', 'Account settings > API security > delete key'),
    keywords: ['mailgun'], keyPattern: 'mailgun[A-Za-z0-9_.-]{0,20}(?:key|token|secret)', value: '(?:key-)?[a-f0-9]{32}(?:-[a-f0-9]{8}-[a-f0-9]{8})?',
    sample: randomToken('mailgun', HEX, 32) + '-' + randomToken('mg2', HEX, 8) + '-' + randomToken('mg3', HEX, 8), keys: ['MAILGUN_API_KEY', 'mailgunKey'],
  }),
  keyedRule({
    id: 'SEC-POSTMARK-SERVER-TOKEN', title: 'Postmark server token', severity: 'high', remediation: revokeAt('Postmark', 'Servers > API Tokens > regenerate'),
    keywords: ['postmark'], keyPattern: 'postmark[A-Za-z0-9_.-]{0,20}(?:token|key)', value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    sample: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e', keys: ['POSTMARK_SERVER_TOKEN', 'postmarkApiToken'],
  }),
  tokenRule({
    id: 'SEC-BREVO-API-KEY', title: 'Brevo (Sendinblue) API key', prefixes: ['xkeysib-'], body: '[a-f0-9]{64}-[A-Za-z0-9]{16}', key: 'BREVO_API_KEY', severity: 'high',
    remediation: revokeAt('Brevo', 'SMTP & API > API keys'), sample: 'xkeysib-' + randomToken('brevo', HEX, 64) + '-' + randomToken('brevo2', BASE62, 16),
  }),
  telegram,
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
  tokenRule({
    id: 'SEC-TEAMS-INCOMING-WEBHOOK', title: 'Microsoft Teams incoming webhook URL', severity: 'medium',
    prefixes: ['https://'], keywords: ['webhook.office.com/webhookb2/', 'outlook.office.com/webhook/'], keywordsOnly: true,
    body: '[a-z0-9-]{1,60}\\.webhook\\.office\\.com/webhookb2/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36}(?:/[A-Za-z0-9_-]{20,80})?',
    key: 'TEAMS_WEBHOOK_URL', boundary: '[A-Za-z0-9]', window: 'line',
    remediation: 'Remove the Incoming Webhook connector from the channel (or the Workflows trigger) and create a new one.',
    sample: 'https://contoso.webhook.office.com/webhookb2/1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d@7e8f9a0b-1c2d-4e3f-9a8b-7c6d5e4f3a2b/IncomingWebhook/' + randomToken('teams', HEX, 32) + '/4f3e2d1c-0b9a-4877-a665-5443322110ff',
  }),
  keyedRule({
    id: 'SEC-VONAGE-API-SECRET', title: 'Vonage (Nexmo) API secret', remediation: revokeAt('the Vonage dashboard', 'Settings > API secrets'),
    keywords: ['vonage', 'nexmo'], keyPattern: '(?:vonage|nexmo)[A-Za-z0-9_.-]{0,20}(?:secret|key)', value: '[A-Za-z0-9]{16}',
    sample: randomToken('vonage', BASE62, 16), keys: ['VONAGE_API_SECRET', 'NEXMO_API_SECRET'],
  }),
  keyedRule({
    id: 'SEC-MAILJET-SECRET-KEY', title: 'Mailjet API secret key', remediation: revokeAt('Mailjet', 'Account settings > API key management'),
    keywords: ['mailjet', 'mj_apikey', 'mj_secret'], keyPattern: 'mailjet[A-Za-z0-9_.-]{0,20}(?:secret|key)|mj[_-]apikey[_-]private|mj[_-]secret[_-]?key',
    value: '[a-f0-9]{32}', sample: randomToken('mailjet', HEX, 32), keys: ['MAILJET_SECRET_KEY', 'MJ_APIKEY_PRIVATE'],
  }),
];

