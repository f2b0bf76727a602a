// Scaleway secret keys.
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-SCALEWAY-SECRET-KEY', title: 'Scaleway secret key', remediation: revokeAt('the Scaleway console', 'IAM > API keys'),
    keywords: ['scaleway', 'scw_'], keyPattern: '(?:scaleway|scw)[A-Za-z0-9_.-]{0,20}secret', value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    sample: 'c4e1a2b3-9d8f-4e7a-b6c5-1d2e3f4a5b6c', keys: ['SCW_SECRET_KEY'],
  }),
];
