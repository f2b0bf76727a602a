// RapidAPI application keys (X-RapidAPI-Key): 50 characters, found by key or header name.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = `${randomToken('rapid1', HEX, 10)}msh${randomToken('rapid2', HEX, 15)}p${randomToken('rapid3', HEX, 6)}jsn${randomToken('rapid4', HEX, 12)}`;

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-RAPIDAPI-KEY', title: 'RapidAPI application key',
      description: 'A RapidAPI application key calls every API its application is subscribed to, billed to the account (paid plans and overage included).',
      remediation: revokeAt('RapidAPI', 'Developer dashboard > Apps > your app > Authorization > Rotate'),
      helpUri: 'https://docs.rapidapi.com/docs/keys-and-key-rotation',
      keywords: ['rapidapi'],
      keyPattern: '(?:x-)?rapidapi[\\w.-]{0,20}(?:key|token|secret)',
      value: '[A-Za-z0-9_-]{50}', sample,
      keys: ['RAPIDAPI_KEY', 'X-RapidAPI-Key', 'rapidApiKey'],
      extraFlag: [
        `curl --request GET \\\n  --url 'https://weatherapi-com.p.rapidapi.com/current.json?q=London' \\\n  --header 'X-RapidAPI-Host: weatherapi-com.p.rapidapi.com' \\\n  --header 'X-RapidAPI-Key: ${sample}'\n`,
        `headers = {\n    "X-RapidAPI-Key": "${sample}",\n    "X-RapidAPI-Host": "weatherapi-com.p.rapidapi.com",\n}\n`,
        `$headers = [\n    'X-RapidAPI-Key' => '${sample}',\n    'X-RapidAPI-Host' => 'weatherapi-com.p.rapidapi.com',\n];\n`,
      ],
      extraNotFlag: [
        `headers = {"X-RapidAPI-Key": "SIGN-UP-FOR-KEY", "X-RapidAPI-Host": "weatherapi-com.p.rapidapi.com"}\n`,
        `X_RAPIDAPI_KEY=${sample.slice(0, 40)}\n`,
      ],
    }),
    references: [{ type: 'gitleaks', id: 'rapidapi-access-token' }],
  },
];
