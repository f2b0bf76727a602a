// Render API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-RENDER-API-KEY', title: 'Render API key', prefixes: ['rnd_'], body: '[A-Za-z0-9]{32}', key: 'RENDER_API_KEY',
    remediation: revokeAt('Render', 'Account settings > API keys'), sample: 'rnd_' + randomToken('render', BASE62, 32),
  }),
];
