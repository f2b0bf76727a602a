// Postmark server tokens.
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-POSTMARK-SERVER-TOKEN', title: 'Postmark server token', severity: 'high', remediation: revokeAt('Postmark', 'Servers > API Tokens > regenerate'),
    keywords: ['postmark'], keyPattern: 'postmark[A-Za-z0-9_.-]{0,20}(?:token|key)', value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    sample: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e', keys: ['POSTMARK_SERVER_TOKEN', 'postmarkApiToken'],
  }),
];
