// Intercom access tokens.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-INTERCOM-ACCESS-TOKEN', title: 'Intercom access token', remediation: revokeAt('the Intercom Developer Hub', 'app > Authentication'),
    keywords: ['intercom'], keyPattern: 'intercom[A-Za-z0-9_.-]{0,20}(?:token|key|secret)', value: 'dG9rOj[A-Za-z0-9+/=_-]{40,80}',
    sample: 'dG9rOj' + randomToken('intercom', BASE62, 54) + '=', keys: ['INTERCOM_ACCESS_TOKEN'],
  }),
];
