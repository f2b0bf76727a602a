// Adyen API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-ADYEN-API-KEY', title: 'Adyen API key', prefixes: ['AQE'], body: '[A-Za-z0-9]{2}[A-Za-z0-9+/=_.-]{100,300}', key: 'ADYEN_API_KEY', confidence: 'medium',
    keywords: ['adyen'], keywordsOnly: true, window: 'near', remediation: revokeAt('the Adyen Customer Area', 'Developers > API credentials > generate new key'),
    sample: 'AQE' + randomToken('adyen', BASE62, 2) + randomToken('adyen2', BASE62 + '.', 160),
    validate: ({ window }) => /adyen/i.test(window),
  }),
];
