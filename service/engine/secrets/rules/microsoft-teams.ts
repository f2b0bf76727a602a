// Microsoft Teams incoming webhook URLs.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-TEAMS-INCOMING-WEBHOOK', title: 'Microsoft Teams incoming webhook URL', severity: 'medium',
    prefixes: ['https://'], keywords: ['webhook.office.com/webhookb2/', 'outlook.office.com/webhook/'], keywordsOnly: true,
    body: '[a-z0-9-]{1,60}\\.webhook\\.office\\.com/webhookb2/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36}(?:/[A-Za-z0-9_-]{20,80})?',
    key: 'TEAMS_WEBHOOK_URL', boundary: '[A-Za-z0-9]', window: 'line',
    remediation: 'Remove the Incoming Webhook connector from the channel (or the Workflows trigger) and create a new one.',
    sample: 'https://contoso.webhook.office.com/webhookb2/1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d@7e8f9a0b-1c2d-4e3f-9a8b-7c6d5e4f3a2b/IncomingWebhook/' + randomToken('teams', HEX, 32) + '/4f3e2d1c-0b9a-4877-a665-5443322110ff',
  }),
];
