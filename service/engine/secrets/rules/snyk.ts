// Snyk API tokens.
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-SNYK-TOKEN', title: 'Snyk API token', remediation: revokeAt('Snyk', 'Account settings > Auth token > Revoke & regenerate'),
    keywords: ['snyk'], keyPattern: 'snyk[A-Za-z0-9_.-]{0,20}(?:token|key)', value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    sample: '5e2c7a9b-1d3f-4a6c-8e0b-2f4d6a8c0e1b', keys: ['SNYK_TOKEN'],
  }),
];
