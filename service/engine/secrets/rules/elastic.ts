// Elastic Cloud API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-ELASTIC-API-KEY', title: 'Elastic Cloud API key', remediation: revokeAt('Elastic Cloud', 'Organization > API keys, or Kibana > Stack Management > API keys'),
    keywords: ['elastic'], keyPattern: 'elastic[A-Za-z0-9_.-]{0,20}(?:api[_-]?key|password|token)', value: '(?:essu_)?[A-Za-z0-9+/=_-]{40,100}',
    sample: 'essu_' + randomToken('elastic', BASE62, 80), keys: ['ELASTIC_API_KEY', 'ELASTIC_PASSWORD'],
  }),
];
