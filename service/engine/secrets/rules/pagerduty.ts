// PagerDuty API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-PAGERDUTY-API-KEY', title: 'PagerDuty API key', remediation: revokeAt('PagerDuty', 'Integrations > API Access Keys'),
    keywords: ['pagerduty'], keyPattern: 'pagerduty[A-Za-z0-9_.-]{0,20}(?:key|token)', value: '[A-Za-z0-9+_-]{20}',
    sample: 'u+' + randomToken('pagerduty', BASE62, 18), keys: ['PAGERDUTY_TOKEN'],
  }),
];
