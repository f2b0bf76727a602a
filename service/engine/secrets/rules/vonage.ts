// Vonage (Nexmo) API secrets.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-VONAGE-API-SECRET', title: 'Vonage (Nexmo) API secret', remediation: revokeAt('the Vonage dashboard', 'Settings > API secrets'),
    keywords: ['vonage', 'nexmo'], keyPattern: '(?:vonage|nexmo)[A-Za-z0-9_.-]{0,20}(?:secret|key)', value: '[A-Za-z0-9]{16}',
    sample: randomToken('vonage', BASE62, 16), keys: ['VONAGE_API_SECRET', 'NEXMO_API_SECRET'],
  }),
];
