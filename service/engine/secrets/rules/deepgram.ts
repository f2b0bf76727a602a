// Deepgram API keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const key = randomToken('deepgram', HEX, 40);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-DEEPGRAM-API-KEY', title: 'Deepgram API key',
      description: 'A Deepgram API key (40 hex): transcribes and synthesizes speech on the project\'s balance and, with an owner or admin role, manages the project\'s members and keys and reads its request history.',
      remediation: revokeAt('Deepgram', 'Console > the project > Settings > API Keys > delete the key'),
      helpUri: 'https://developers.deepgram.com/docs/create-additional-api-keys',
      keywords: ['deepgram'], keyPattern: 'deepgram[\\w.-]{0,20}(?:key|token|secret)', value: '[a-f0-9]{40}',
      sample: key, keys: ['DEEPGRAM_API_KEY', 'deepgramApiKey'],
      extraFlag: [`deepgram_api_key := "${key}"\n`, `deepgram.api.key=${key}\n`],
      extraNotFlag: [`DEEPGRAM_API_KEY=${key.slice(0, 32)}\n`, 'DEEPGRAM_PROJECT_ID=3f6e2b1a-8c4d-4e9f-a0b1-c2d3e4f5a6b7\n', `commit: ${key}\n`],
    }),
    references: [{ type: 'trufflehog', id: 'deepgram', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/deepgram' }],
  },
];
