// IBM Cloud API keys.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-IBM-CLOUD-API-KEY', title: 'IBM Cloud API key', severity: 'critical', remediation: revokeAt('IBM Cloud', 'Manage > Access (IAM) > API keys'),
    keywords: ['ibm'], keyPattern: 'ibm[A-Za-z0-9_.-]{0,20}(?:key|secret|token)', value: '[A-Za-z0-9_-]{44}',
    sample: randomToken('ibm', BASE64URL, 44), keys: ['IBMCLOUD_API_KEY', 'ibmApiKey'],
  }),
];
