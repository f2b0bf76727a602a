// Zendesk API tokens.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-ZENDESK-API-TOKEN', title: 'Zendesk API token', remediation: revokeAt('Zendesk Admin Center', 'Apps and integrations > Zendesk API'),
    keywords: ['zendesk'], keyPattern: 'zendesk[A-Za-z0-9_.-]{0,20}(?:token|key|secret)', value: '[A-Za-z0-9]{40}',
    sample: randomToken('zendesk', BASE62, 40), keys: ['ZENDESK_API_TOKEN'],
  }),
];
