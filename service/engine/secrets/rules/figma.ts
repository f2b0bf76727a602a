// Figma personal access tokens.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-FIGMA-TOKEN', title: 'Figma personal access token', prefixes: ['figd_'], body: '[A-Za-z0-9_-]{40}', key: 'FIGMA_TOKEN', severity: 'high', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('Figma', 'Settings > Security > Personal access tokens'), sample: 'figd_' + randomToken('figma', BASE64URL, 40),
  }),
];
