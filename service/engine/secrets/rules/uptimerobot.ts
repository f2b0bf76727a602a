// UptimeRobot API keys (main u…, read-only ur…, monitor-specific m…), found by key name.
import { DIGITS, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = `u${randomToken('uptimerobot-id', DIGITS, 7)}-${randomToken('uptimerobot', HEX, 24)}`;

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-UPTIMEROBOT-API-KEY', title: 'UptimeRobot API key',
      description: 'An UptimeRobot main API key reads and changes every monitor, alert contact and status page of the account (a read-only key reads them; a monitor key reads one monitor).',
      remediation: revokeAt('UptimeRobot', 'Integrations & API > API > Main API key > Reset, or delete the read-only / monitor key'),
      helpUri: 'https://uptimerobot.com/api/',
      keywords: ['uptimerobot', 'uptime_robot', 'uptime-robot'],
      keyPattern: 'uptime[_-]?robot[\\w.-]{0,20}(?:key|token)',
      value: '(?:u|ur|m)[0-9]{5,10}-[a-f0-9]{24}', sample,
      keys: ['UPTIMEROBOT_API_KEY', 'uptimeRobotApiKey', 'uptime-robot-key'],
      extraFlag: [
        `services:\n  status:\n    image: acme/status-sync\n    environment:\n      - UPTIMEROBOT_API_KEY=${sample}\n`,
        `uptimerobotKey := "${sample}"\n`,
      ],
      extraNotFlag: [`UPTIMEROBOT_MONITOR_ID=793154\n`, `UPTIMEROBOT_API_KEY=u1234567-xxxxxxxxxxxxxxxxxxxxxxxx\n`],
    }),
    references: [{ type: 'trufflehog', id: 'uptimerobot', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/uptimerobot' }],
  },
];
