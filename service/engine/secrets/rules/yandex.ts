// Yandex Cloud API keys.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-YANDEX-API-KEY', title: 'Yandex Cloud API key', prefixes: ['AQVN'], body: '[A-Za-z0-9_-]{35,38}', key: 'YC_API_KEY', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('Yandex Cloud', 'Service accounts > API keys'), sample: 'AQVN' + randomToken('yandex', BASE64URL, 36),
  }),
];
