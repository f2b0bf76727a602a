// Contentful personal access tokens.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-CONTENTFUL-TOKEN', title: 'Contentful personal access token', prefixes: ['CFPAT-'], body: '[A-Za-z0-9_-]{43}', key: 'CONTENTFUL_MANAGEMENT_TOKEN', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('Contentful', 'Settings > CMA tokens'), sample: 'CFPAT-' + randomToken('contentful', BASE64URL, 43),
  }),
];
