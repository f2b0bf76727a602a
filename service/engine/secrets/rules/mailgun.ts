// Mailgun API keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-MAILGUN-API-KEY', title: 'Mailgun API key', severity: 'high', remediation: revokeAt('Mailgun', 'Account settings > API security > delete key'),
    keywords: ['mailgun'], keyPattern: 'mailgun[A-Za-z0-9_.-]{0,20}(?:key|token|secret)', value: '(?:key-)?[a-f0-9]{32}(?:-[a-f0-9]{8}-[a-f0-9]{8})?',
    sample: randomToken('mailgun', HEX, 32) + '-' + randomToken('mg2', HEX, 8) + '-' + randomToken('mg3', HEX, 8), keys: ['MAILGUN_API_KEY', 'mailgunKey'],
  }),
];
