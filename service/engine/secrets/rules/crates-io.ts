// crates.io API tokens.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-CRATES-IO-TOKEN', title: 'crates.io API token', prefixes: ['cio'], body: '[A-Za-z0-9]{32}', key: 'CARGO_REGISTRY_TOKEN', confidence: 'medium', keywords: ['cargo', 'crates'], keywordsOnly: true, window: 'near',
    remediation: revokeAt('crates.io', 'Account settings > API tokens'), sample: 'cio' + randomToken('crates', BASE62, 32),
    validate: ({ window }) => /cargo|crates/i.test(window),
  }),
];
