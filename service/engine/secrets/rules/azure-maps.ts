// Azure Maps subscription keys.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { ROTATE_KEYS } from './azure-keys';
import { keyedRule } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-AZURE-MAPS-KEY', title: 'Azure Maps subscription key', severity: 'medium', confidence: 'medium',
    remediation: ROTATE_KEYS, helpUri: 'https://learn.microsoft.com/azure/azure-maps/azure-maps-authentication',
    keywords: ['azure_maps', 'azuremaps', 'azure-maps', 'subscription-key=', 'atlas.microsoft.com'],
    keyPattern: 'azure[_-]?maps[A-Za-z0-9_.-]{0,20}key|subscription-key',
    value: '[A-Za-z0-9_-]{43}', sample: randomToken('maps', BASE64URL, 43), keys: ['AZURE_MAPS_KEY', 'azureMapsSubscriptionKey'], minEntropy: 4,
  }),
];
