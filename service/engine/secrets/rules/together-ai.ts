// Together AI API keys: tgp_v1_ keys, and legacy 64-hex keys found by key name.
import { BASE64URL, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const sample = 'tgp_v1_' + randomToken('together', BASE64URL, 43);
const legacy = randomToken('together-legacy', HEX, 64);
const REMEDIATION = revokeAt('Together AI', 'api.together.ai > Settings > API keys');
const HELP = 'https://docs.together.ai/docs/api-keys-authentication';

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-TOGETHER-AI-API-KEY', title: 'Together AI API key', prefixes: ['tgp_v1_'], body: '[A-Za-z0-9_-]{43}', key: 'TOGETHER_API_KEY', boundary: '[A-Za-z0-9_-]', severity: 'high',
      description: 'A Together AI API key runs inference and fine-tuning jobs on the project\'s credits and reads its files, fine-tuned models and endpoints.',
      remediation: REMEDIATION, helpUri: HELP,
      sample,
      extraFlag: [
        `from together import Together\nclient = Together(api_key="${sample}")\n`,
        `client := openai.NewClient(option.WithBaseURL("https://api.together.xyz/v1"), option.WithAPIKey("${sample}"))\n`,
      ],
      extraNotFlag: [`TOGETHER_API_KEY=tgp_v1_${randomToken('together-short', BASE64URL, 20)}\n`],
    }),
    references: [{ type: 'trufflehog', id: 'togetherai', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/togetherai' }],
  },
  keyedRule({
    id: 'SEC-TOGETHER-AI-API-KEY-LEGACY', title: 'Together AI API key (legacy 64-hex format)',
    description: 'A Together AI API key from before the tgp_v1_ prefix: it runs inference and fine-tuning jobs on the account\'s credits.',
    remediation: REMEDIATION, helpUri: HELP,
    keywords: ['together_', 'together-', 'togetherai', 'togetherapi'],
    keyPattern: 'together[\\w.-]{0,20}(?:key|token)',
    value: '[a-f0-9]{64}', sample: legacy,
    keys: ['TOGETHER_API_KEY', 'togetherApiKey', 'together-ai-key'],
    extraFlag: [`togetherApiKey := "${legacy}"\n`],
    extraNotFlag: [`TOGETHER_API_BASE=https://api.together.xyz/v1\n`, `Work together: key ${legacy}\n`],
  }),
];
