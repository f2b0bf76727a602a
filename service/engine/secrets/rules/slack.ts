// Slack: bot, user, app-level and configuration tokens, and incoming webhooks.
import { randomToken, BASE62, DIGITS, HEX, UPPER_ALNUM } from '../examples';
import type { SecretRule } from '../rule';
import { tokenRule } from './helpers';

const REMEDIATION = 'Revoke the token (api.slack.com/apps > your app > OAuth & Permissions > Revoke, or auth.revoke) and reinstall the app to issue a new one.';
const HELP = 'https://api.slack.com/authentication/token-types';
const d = (seed: string, n: number): string => randomToken(seed, DIGITS.slice(1), 1) + randomToken(seed + 'x', DIGITS, n - 1);

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-SLACK-BOT-TOKEN', title: 'Slack bot token', prefixes: ['xoxb-'],
    body: '[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34}', key: 'SLACK_BOT_TOKEN',
    remediation: REMEDIATION, helpUri: HELP,
    sample: `xoxb-${d('sb1', 12)}-${d('sb2', 13)}-${randomToken('sb3', BASE62, 24)}`,
  }),
  tokenRule({
    id: 'SEC-SLACK-USER-TOKEN', title: 'Slack user token', prefixes: ['xoxp-'],
    body: '[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}', key: 'SLACK_USER_TOKEN',
    remediation: REMEDIATION, helpUri: HELP,
    sample: `xoxp-${d('su1', 12)}-${d('su2', 12)}-${d('su3', 13)}-${randomToken('su4', HEX, 32)}`,
  }),
  tokenRule({
    id: 'SEC-SLACK-LEGACY-TOKEN', title: 'Slack legacy or workspace token', prefixes: ['xoxa-', 'xoxr-', 'xoxs-', 'xoxo-'],
    body: '(?:[0-9]{1,13}-){1,3}[A-Za-z0-9]{20,64}', key: 'SLACK_TOKEN',
    remediation: REMEDIATION, helpUri: HELP,
    sample: `xoxa-2-${d('sl1', 12)}-${randomToken('sl2', BASE62, 32)}`,
  }),
  tokenRule({
    id: 'SEC-SLACK-APP-TOKEN', title: 'Slack app-level token', prefixes: ['xapp-'],
    body: '[0-9]-[A-Z0-9]{9,11}-[0-9]{10,13}-[a-f0-9]{64}', key: 'SLACK_APP_TOKEN',
    remediation: REMEDIATION, helpUri: HELP, caseInsensitive: true,
    sample: `xapp-1-A${randomToken('sa1', UPPER_ALNUM, 10)}-${d('sa2', 13)}-${randomToken('sa3', HEX, 64)}`,
  }),
  tokenRule({
    id: 'SEC-SLACK-CONFIG-TOKEN', title: 'Slack configuration token', prefixes: ['xoxe.xoxp-', 'xoxe.xoxb-', 'xoxe-'],
    body: '[0-9]-[A-Za-z0-9]{120,200}', key: 'SLACK_CONFIG_TOKEN',
    remediation: REMEDIATION, helpUri: 'https://api.slack.com/authentication/config-tokens',
    sample: `xoxe.xoxp-1-${randomToken('sc1', BASE62, 140)}`,
  }),
  tokenRule({
    id: 'SEC-SLACK-WEBHOOK', title: 'Slack incoming webhook URL', severity: 'high',
    prefixes: ['https://hooks.slack.com/services/', 'http://hooks.slack.com/services/'],
    keywords: ['hooks.slack.com'],
    body: 'T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{23,25}', key: 'SLACK_WEBHOOK_URL',
    boundary: '[A-Za-z0-9]',
    remediation: 'Delete the webhook in the Slack app configuration (Incoming Webhooks) and create a new one; keep the URL in a secret store.',
    helpUri: 'https://api.slack.com/messaging/webhooks',
    sample: `https://hooks.slack.com/services/T${randomToken('sw1', UPPER_ALNUM, 8)}/B${randomToken('sw2', UPPER_ALNUM, 10)}/${randomToken('sw3', BASE62, 24)}`,
  }),
  tokenRule({
    id: 'SEC-SLACK-WORKFLOW-WEBHOOK', title: 'Slack workflow webhook URL', severity: 'high',
    prefixes: ['https://hooks.slack.com/workflows/', 'https://hooks.slack.com/triggers/'],
    keywords: ['hooks.slack.com'],
    body: 'T[A-Z0-9]{8,12}/A[A-Z0-9]{8,12}/[0-9]{10,20}/[A-Za-z0-9]{23,32}', key: 'SLACK_WORKFLOW_URL',
    boundary: '[A-Za-z0-9]',
    remediation: 'Delete and recreate the workflow trigger; keep the URL in a secret store.',
    helpUri: 'https://slack.com/help/articles/360041352714',
    sample: `https://hooks.slack.com/workflows/T${randomToken('sf1', UPPER_ALNUM, 8)}/A${randomToken('sf2', UPPER_ALNUM, 10)}/${d('sf3', 18)}/${randomToken('sf4', BASE62, 24)}`,
  }),
];
