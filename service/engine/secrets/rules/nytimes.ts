// The New York Times developer API: API keys (32 characters), by key name or as api-key= in an api.nytimes.com URL.
import { BASE62, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('nytimes', BASE62, 32);
const base = keyedRule({
  id: 'SEC-NYTIMES-API-KEY', title: 'New York Times API key', severity: 'medium',
  description: 'A New York Times developer API key spends the app\'s request quota on the Times APIs (articles, books, archives); the app secret beside it is not used by most APIs.',
  remediation: revokeAt('the NYT developer portal', 'developer.nytimes.com/my-apps > the app > regenerate or delete the key'),
  helpUri: 'https://developer.nytimes.com/get-started',
  keywords: ['nytimes', 'new-york-times', 'new_york_times', 'newyorktimes'], keyPattern: '(?:nytimes|new[_-]?york[_-]?times)[\\w.-]{0,20}(?:key|token|secret)', value: '[A-Za-z0-9]{32}',
  sample, keys: ['NYTIMES_API_KEY', 'nytimesKey'],
  extraFlag: [
    `curl "https://api.nytimes.com/svc/topstories/v2/home.json?api-key=${sample}"\n`,
    `NYTIMES_API_KEY := ${sample}\n`,
    `nytimes.api.key=${sample}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'NYTIMES_API_KEY', sample.slice(0, 28)),
    'curl "https://api.nytimes.com/svc/topstories/v2/home.json?api-key=yourkey"\n',
    inSyntax('env', 'NYTIMES_APP_ID', '5c3f6e1a-7d2b-4f60-9a8e-1b2c3d4e5f60'),
  ],
});

/** api-key= in the query string of a nytimes.com URL. */
const URL_PARAM = '(?<=nytimes\\.com/[^\\s"\'<>]{0,300}[?&]api-key=)[A-Za-z0-9]{32}(?![A-Za-z0-9])';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${URL_PARAM}`, 'gi'),
    references: [{ type: 'gitleaks', id: 'nytimes-access-token' }],
  },
];
