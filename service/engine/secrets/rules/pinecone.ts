// Pinecone API keys.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-PINECONE-API-KEY', title: 'Pinecone API key', prefixes: ['pcsk_'], body: '[A-Za-z0-9]{5,6}_[A-Za-z0-9]{60,70}', key: 'PINECONE_API_KEY', severity: 'high',
    remediation: revokeAt('the Pinecone console', 'API Keys'), sample: 'pcsk_' + randomToken('pc1', BASE62, 6) + '_' + randomToken('pc2', BASE62, 64),
  }),
];
