// Hugging Face user and organization tokens.
import { randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-HUGGINGFACE-TOKEN', title: 'Hugging Face access token', prefixes: ['hf_'], body: '[A-Za-z]{34}', key: 'HF_TOKEN', severity: 'high',
    remediation: revokeAt('Hugging Face', 'Settings > Access Tokens > invalidate'), helpUri: 'https://huggingface.co/docs/hub/security-tokens',
    sample: 'hf_' + randomToken('hf', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34),
  }),
  tokenRule({
    id: 'SEC-HUGGINGFACE-ORG-TOKEN', title: 'Hugging Face organization API token', prefixes: ['api_org_'], body: '[A-Za-z]{34}', key: 'HF_ORG_TOKEN', severity: 'high',
    remediation: revokeAt('Hugging Face', 'Organization settings > API tokens'), sample: 'api_org_' + randomToken('hforg', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34),
  }),
];
