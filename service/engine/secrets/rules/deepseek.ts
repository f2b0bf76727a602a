// DeepSeek API keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-DEEPSEEK-API-KEY', title: 'DeepSeek API key', remediation: revokeAt('the DeepSeek platform', 'API keys'),
    keywords: ['deepseek'], keyPattern: 'deepseek[A-Za-z0-9_.-]{0,20}(?:key|token)', value: 'sk-[a-f0-9]{32}',
    sample: 'sk-' + randomToken('deepseek', HEX, 32), keys: ['DEEPSEEK_API_KEY'],
  }),
];
