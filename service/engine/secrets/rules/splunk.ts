// Splunk HTTP Event Collector tokens.
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-SPLUNK-HEC-TOKEN', title: 'Splunk HTTP Event Collector token', severity: 'medium', remediation: revokeAt('Splunk', 'Settings > Data inputs > HTTP Event Collector'),
    keywords: ['splunk', 'hec_token', 'hectoken'], keyPattern: 'splunk[A-Za-z0-9_.-]{0,20}token|hec[_-]?token', value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    sample: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', keys: ['SPLUNK_HEC_TOKEN'],
  }),
];
