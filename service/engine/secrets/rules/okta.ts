// Okta API tokens.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-OKTA-API-TOKEN', title: 'Okta API token', severity: 'critical', remediation: revokeAt('the Okta admin console', 'Security > API > Tokens'),
    keywords: ['okta'], keyPattern: 'okta[A-Za-z0-9_.-]{0,20}(?:token|key|secret)', value: '00[A-Za-z0-9_-]{40}',
    sample: '00' + randomToken('okta', BASE64URL, 40), keys: ['OKTA_API_TOKEN', 'oktaToken'],
  }),
];
