// LangSmith API keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-LANGSMITH-API-KEY', title: 'LangSmith API key', prefixes: ['lsv2_pt_', 'lsv2_sk_'], body: '[a-f0-9]{32}_[a-f0-9]{10}', key: 'LANGCHAIN_API_KEY', severity: 'high',
    remediation: revokeAt('LangSmith', 'Settings > API Keys'), sample: 'lsv2_pt_' + randomToken('ls1', HEX, 32) + '_' + randomToken('ls2', HEX, 10),
  }),
];
