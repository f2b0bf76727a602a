// ElevenLabs API keys: sk_ keys and the older 32-hex keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const REMEDIATION = revokeAt('ElevenLabs', 'Settings > API Keys > delete the key');
const HELP = 'https://elevenlabs.io/docs/api-reference/authentication';
const th = (dir: string) => ({ type: 'trufflehog', id: `elevenlabs/${dir}`, url: `https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/elevenlabs/${dir}` }) as const;
const key = 'sk_' + randomToken('elevenlabs', HEX, 48);
const legacy = randomToken('elevenlabs-legacy', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-ELEVENLABS-API-KEY', title: 'ElevenLabs API key', severity: 'high', confidence: 'medium',
      description: 'An ElevenLabs API key (sk_ + 48 hex): generates speech and clones voices on the account\'s character quota, and reads or deletes its voices, history and agents.',
      // sk_ is shared with other providers: the key counts only next to an ElevenLabs name.
      prefixes: ['sk_'], body: '[a-f0-9]{48}', keywords: ['elevenlabs', 'eleven_labs', 'xi-api-key', 'xi_api_key'], keywordsOnly: true, window: 'near',
      key: 'ELEVENLABS_API_KEY',
      remediation: REMEDIATION, helpUri: HELP, sample: key,
      extraFlag: [
        `curl https://api.elevenlabs.io/v1/voices -H "xi-api-key: ${key}"\n`,
        `from elevenlabs.client import ElevenLabs\nclient = ElevenLabs(api_key="${key}")\n`,
      ],
      extraNotFlag: [`STRIPE_KEY=${key}\n`, `ELEVENLABS_API_KEY=${key.slice(0, 40)}\n`],
    }),
    references: [th('v2')],
  },
  {
    ...keyedRule({
      id: 'SEC-ELEVENLABS-API-KEY-LEGACY', title: 'ElevenLabs API key (legacy 32-hex format)',
      description: 'An ElevenLabs API key in the older 32-hex format: generates speech on the account\'s quota and manages its voices.',
      remediation: REMEDIATION, helpUri: HELP,
      keywords: ['elevenlabs', 'eleven_labs', 'xi-api-key', 'xi_api_key'], keyPattern: 'eleven[_.-]?labs[\\w.-]{0,20}(?:key|token)|xi[_-]api[_-]key', value: '[a-f0-9]{32}',
      sample: legacy, keys: ['ELEVENLABS_API_KEY', 'elevenLabsKey'],
      extraFlag: [`curl https://api.elevenlabs.io/v1/user -H "xi-api-key: ${legacy}"\n`],
      extraNotFlag: [`ELEVENLABS_API_KEY=${legacy.slice(0, 30)}\n`, 'ELEVENLABS_VOICE_ID=21m00Tcm4TlvDq8ikWAM\n'],
    }),
    references: [th('v1')],
  },
];
