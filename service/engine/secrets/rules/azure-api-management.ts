// Azure API Management keys and subscription keys.
import { randomToken, HEX } from '../examples';
import type { SecretRule } from '../rule';
import { ROTATE_KEYS, identifiableRule } from './azure-keys';
import { keyedRule } from './helpers';

export const rules: SecretRule[] = [
  identifiableRule({ id: 'SEC-AZURE-APIM-KEY', title: 'Azure API Management key', sig: 'APIM', shape: 64, key: 'ApimKey' }),
  keyedRule({
    id: 'SEC-AZURE-APIM-SUBSCRIPTION-KEY', title: 'Azure API Management / AI services subscription key (32-hex format)', severity: 'high', confidence: 'medium',
    remediation: ROTATE_KEYS, helpUri: 'https://learn.microsoft.com/azure/api-management/api-management-subscriptions',
    keywords: ['apim', 'subscription-key', 'subscription_key', 'subscriptionkey'],
    keyPattern: 'apim[A-Za-z0-9_.-]{0,20}key|subscription[_-]?key',
    value: '[a-f0-9]{32}', sample: randomToken('apimsub', HEX, 32), keys: ['ApimSubscriptionKey', 'Ocp-Apim-Subscription-Key', 'subscription-key'],
  }),
];
