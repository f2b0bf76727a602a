// Mailjet API secret keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-MAILJET-SECRET-KEY', title: 'Mailjet API secret key', remediation: revokeAt('Mailjet', 'Account settings > API key management'),
    keywords: ['mailjet', 'mj_apikey', 'mj_secret'], keyPattern: 'mailjet[A-Za-z0-9_.-]{0,20}(?:secret|key)|mj[_-]apikey[_-]private|mj[_-]secret[_-]?key',
    value: '[a-f0-9]{32}', sample: randomToken('mailjet', HEX, 32), keys: ['MAILJET_SECRET_KEY', 'MJ_APIKEY_PRIVATE'],
  }),
];
