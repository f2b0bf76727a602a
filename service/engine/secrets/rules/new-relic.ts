// New Relic user, insert and license keys.
import { BASE64URL, UPPER_ALNUM, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-NEW-RELIC-USER-KEY', title: 'New Relic user API key', prefixes: ['NRAK-'], body: '[A-Z0-9]{27}', key: 'NEW_RELIC_API_KEY',
    remediation: revokeAt('New Relic', 'API keys'), sample: 'NRAK-' + randomToken('nrak', UPPER_ALNUM, 27),
  }),
  tokenRule({
    id: 'SEC-NEW-RELIC-INSIGHTS-KEY', title: 'New Relic insert / license key', prefixes: ['NRII-', 'NRJS-', 'NRAA-'], body: '[A-Za-z0-9_-]{19,32}', key: 'NEW_RELIC_INSERT_KEY', severity: 'high', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('New Relic', 'API keys'), sample: 'NRII-' + randomToken('nrii', BASE64URL, 32),
  }),
];
