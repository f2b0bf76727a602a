// Heroku API keys.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-HEROKU-API-KEY', title: 'Heroku API key', prefixes: ['HRKU-'], body: '[A-Za-z0-9_-]{60}', key: 'HEROKU_API_KEY', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('Heroku', 'Account settings > API key > Regenerate, or `heroku authorizations:revoke`'), sample: 'HRKU-' + randomToken('heroku', BASE64URL, 60),
  }),
  keyedRule({
    id: 'SEC-HEROKU-API-KEY-LEGACY', title: 'Heroku API key (legacy UUID format)', remediation: revokeAt('Heroku', 'Account settings > API key > Regenerate'),
    keywords: ['heroku'], keyPattern: 'heroku[A-Za-z0-9_.-]{0,20}(?:key|token)', value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    sample: '7f3e9a1b-2c4d-4e5f-8a9b-0c1d2e3f4a5b', keys: ['HEROKU_API_KEY'],
  }),
];
