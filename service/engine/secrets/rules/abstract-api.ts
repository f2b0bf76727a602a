// Abstract API keys (one 32-hex key per Abstract API: IP geolocation, email validation, …).
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const key = randomToken('abstract-api', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-ABSTRACT-API-KEY', title: 'Abstract API key', severity: 'medium',
      description: 'An Abstract API key (32 hex): calls the account\'s Abstract APIs (geolocation, email and phone validation, …) on its paid quota.',
      remediation: revokeAt('Abstract API', 'dashboard > the API > Settings > Reset API key'),
      helpUri: 'https://docs.abstractapi.com/',
      keywords: ['abstractapi', 'abstract_api', 'abstract-api'],
      // ABSTRACT_API_KEY = …, and the documented query form …abstractapi.com/v1/?api_key=….
      keyPattern: 'abstract[_.-]?api(?:\\.com/v1/?\\?api)?', value: '[a-f0-9]{32}',
      sample: key, keys: ['ABSTRACT_API_KEY', 'abstractApiKey'],
      extraFlag: [
        `curl "https://emailvalidation.abstractapi.com/v1/?api_key=${key}&email=ops@contoso.com"\n`,
        `ABSTRACT_API_KEY := ${key}\n`,
      ],
      extraNotFlag: [
        `ABSTRACT_API_KEY=${key.slice(0, 24)}\n`,
        'abstract class ApiKeyProvider { abstract key: string; }\n',
        'ABSTRACT_API_URL=https://ipgeolocation.abstractapi.com/v1/\n',
      ],
    }),
    references: [{ type: 'trufflehog', id: 'abstract', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/abstract' }],
  },
];
