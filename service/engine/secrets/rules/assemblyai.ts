// AssemblyAI API keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const key = randomToken('assemblyai', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-ASSEMBLYAI-API-KEY', title: 'AssemblyAI API key',
      description: 'An AssemblyAI API key (32 hex): transcribes audio on the account\'s paid balance and reads every transcript the project stored.',
      remediation: revokeAt('AssemblyAI', 'Dashboard > API keys > rotate or delete the key'),
      helpUri: 'https://www.assemblyai.com/docs/api-reference/overview#authorization',
      keywords: ['assemblyai', 'assembly_ai', 'assembly-ai', 'aai.settings'],
      // ASSEMBLYAI_API_KEY = …, the Python SDK's aai.settings.api_key = "…", the JS SDK's new AssemblyAI({ apiKey: "…" }).
      keyPattern: 'assemblyai\\(\\{[ \\t]{0,8}api|assembly[_.-]?ai|aai\\.settings\\.api', value: '[a-f0-9]{32}',
      sample: key, keys: ['ASSEMBLYAI_API_KEY', 'assemblyAiKey'],
      extraFlag: [`aai.settings.api_key = "${key}"\n`, `const client = new AssemblyAI({ apiKey: "${key}" });\n`, `ASSEMBLYAI_API_KEY := ${key}\n`],
      extraNotFlag: [`aai.settings.api_key = os.environ["ASSEMBLYAI_API_KEY"]\n`, `ASSEMBLYAI_API_KEY=${key.slice(0, 30)}\n`, 'ASSEMBLYAI_BASE_URL=https://api.assemblyai.com\n'],
    }),
    references: [{ type: 'trufflehog', id: 'assemblyai', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/assemblyai' }],
  },
];
