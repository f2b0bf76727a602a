// FullStory: server API keys, found by key name (region-prefixed or plain base64).
import { BASE64, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = 'na1.' + randomToken('fullstory', BASE64, 84);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-FULLSTORY-API-KEY', title: 'FullStory API key',
      description: 'A FullStory server API key (Standard, Architect or Admin) reads session data, user properties and exports through the FullStory API. The org id used by the browser snippet is public and not flagged.',
      remediation: revokeAt('FullStory', 'Settings > Integrations > API Keys > delete the key'),
      helpUri: 'https://developer.fullstory.com/server/authentication/',
      keywords: ['fullstory', 'full_story'], keyPattern: 'full[_-]?story[\\w.-]{0,20}(?:key|token|secret)',
      value: '(?:(?:na|eu)1\\.)?[A-Za-z0-9+/]{40,120}={0,2}', minEntropy: 3.5,
      sample, keys: ['FULLSTORY_API_KEY', 'fullstoryApiKey'],
      extraFlag: [`FULLSTORY_API_KEY := ${sample}\n`, `fullstory.api.key=${sample}\n`],
      extraNotFlag: [
        inSyntax('env', 'FULLSTORY_ORG_ID', 'o-1AB2CD-na1'),
        inSyntax('env', 'FULLSTORY_API_KEY', 'na1.' + randomToken('fullstory-short', BASE64, 20)),
        inSyntax('yaml', 'fullstory_api_key', 'na1.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'),
      ],
    }),
    references: [{ type: 'trufflehog', id: 'fullstory', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/fullstory' }],
  },
];
