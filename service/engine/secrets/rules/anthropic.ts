// Anthropic API and admin keys.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-ANTHROPIC-API-KEY', title: 'Anthropic API key', prefixes: ['sk-ant-api03-'], body: '[A-Za-z0-9_-]{93}AA', key: 'ANTHROPIC_API_KEY', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('the Anthropic Console', 'Settings > API keys'), helpUri: 'https://docs.anthropic.com/en/api/getting-started',
    sample: 'sk-ant-api03-' + randomToken('ant', BASE64URL, 93) + 'AA',
  }),
  tokenRule({
    id: 'SEC-ANTHROPIC-ADMIN-KEY', title: 'Anthropic admin API key', prefixes: ['sk-ant-admin01-'], body: '[A-Za-z0-9_-]{93}AA', key: 'ANTHROPIC_ADMIN_KEY', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('the Anthropic Console', 'Settings > Admin keys'), sample: 'sk-ant-admin01-' + randomToken('anta', BASE64URL, 93) + 'AA',
  }),
];
