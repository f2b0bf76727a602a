// OpenRouter: API keys (sk-or-v1- + 64 hex).
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const sample = 'sk-or-v1-' + randomToken('openrouter', HEX, 64);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-OPENROUTER-API-KEY', title: 'OpenRouter API key', severity: 'high',
      description: 'An OpenRouter API key calls hundreds of AI models billed to the account\'s credits, up to the key\'s limit.',
      prefixes: ['sk-or-v1-'], body: '[a-f0-9]{64}', key: 'OPENROUTER_API_KEY', sample,
      remediation: revokeAt('OpenRouter', 'openrouter.ai/settings/keys > delete the key'),
      helpUri: 'https://openrouter.ai/docs/api-reference/authentication',
      extraFlag: [
        `from openai import OpenAI\nclient = OpenAI(base_url="https://openrouter.ai/api/v1", api_key="${sample}")\n`,
        `OPENROUTER_API_KEY := ${sample}\n`,
        `apiKey := "${sample}"\n`,
      ],
      extraNotFlag: [inSyntax('env', 'OPENROUTER_API_KEY', 'sk-or-v1-...'), inSyntax('env', 'OPENROUTER_API_KEY', sample.slice(0, 60))],
    }),
    references: [{ type: 'trufflehog', id: 'openrouter', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/openrouter' }],
  },
];
