// Stability AI API keys: sk- and 48 characters (the shape of other providers' keys too), found by
// key name.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = 'sk-' + randomToken('stability', BASE62, 48);

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-STABILITY-AI-API-KEY', title: 'Stability AI API key',
    description: 'A Stability AI API key generates images, video and audio on the account\'s credits (paid by the organization).',
    remediation: revokeAt('Stability AI', 'platform.stability.ai > Account > API keys > delete'),
    helpUri: 'https://platform.stability.ai/docs/getting-started/authentication',
    keywords: ['stability', 'dreamstudio'],
    keyPattern: '(?:stability|dreamstudio)[\\w.-]{0,20}(?:key|token|secret)',
    value: 'sk-[A-Za-z0-9]{48}', sample,
    keys: ['STABILITY_API_KEY', 'STABILITY_KEY', 'dreamstudioApiKey'],
    extraFlag: [
      `const config = {\n  stabilityHost: 'grpc.stability.ai:443',\n  stabilityApiKey: '${sample}',\n};\n`,
      `stabilityKey := "${sample}"\n`,
    ],
    extraNotFlag: [
      `STABILITY_API_KEY=sk-${randomToken('stability-short', BASE62, 30)}\n`,
      `API stability: the key format (sk-...) is stable across versions.\n`,
    ],
  }),
];
