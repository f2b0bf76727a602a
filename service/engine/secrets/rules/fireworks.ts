// Fireworks AI API keys.
import { randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const key = 'fw_3Z' + randomToken('fireworks', BASE58, 22);

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-FIREWORKS-API-KEY', title: 'Fireworks AI API key', severity: 'high',
    description: 'A Fireworks AI API key (fw_ + base58): runs inference, fine-tuning and deployments on the account\'s paid usage and reads its models and datasets.',
    prefixes: ['fw_'], body: '[1-9A-HJ-NP-Za-km-z]{24,48}', key: 'FIREWORKS_API_KEY', minEntropy: 3.5,
    // Random base58, not a firmware identifier such as fw_GetVersionString.
    validate: ({ secret }) => /[1-9]/.test(secret.slice(3)) && /[A-Z]/.test(secret) && /[a-z]/.test(secret.slice(3)),
    remediation: revokeAt('Fireworks AI', 'Account > API Keys > delete the key (or `firectl delete api-key`)'),
    helpUri: 'https://docs.fireworks.ai/getting-started/quickstart',
    sample: key,
    extraFlag: [
      `client = OpenAI(base_url="https://api.fireworks.ai/inference/v1", api_key="${key}")\n`,
      `llm = ChatFireworks(model="accounts/fireworks/models/llama-v3p1-70b-instruct", fireworks_api_key="${key}")\n`,
    ],
    extraNotFlag: ['static int fw_GetFirmwareVersionNumberX(void);\n', 'FIREWORKS_API_KEY=fw_...\n', `FIREWORKS_API_KEY=${key.slice(0, 20)}\n`],
  }),
];
