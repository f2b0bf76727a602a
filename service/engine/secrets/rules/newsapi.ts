// News API: API keys (32 hex), by key name, as apiKey= in a newsapi.org URL, or given to NewsApiClient.
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('newsapi', HEX, 32);
const base = keyedRule({
  id: 'SEC-NEWSAPI-KEY', title: 'News API key', severity: 'medium',
  description: 'A newsapi.org API key spends the account\'s request quota (and paid plan) for news search.',
  remediation: revokeAt('News API', 'newsapi.org/account > regenerate the API key'),
  helpUri: 'https://newsapi.org/docs/authentication',
  keywords: ['newsapi', 'news_api', 'news-api'], keyPattern: 'news[_-]?api[\\w.-]{0,20}(?:key|token)', value: '[a-f0-9]{32}',
  sample, keys: ['NEWS_API_KEY', 'newsApiKey'],
  extraFlag: [
    `curl "https://newsapi.org/v2/top-headlines?country=us&apiKey=${sample}"\n`,
    `from newsapi import NewsApiClient\nnewsapi = NewsApiClient(api_key='${sample}')\n`,
    `NEWSAPI_KEY := ${sample}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'NEWS_API_KEY', sample.slice(0, 30)),
    'curl "https://newsapi.org/v2/top-headlines?country=us&apiKey=API_KEY"\n',
    "newsapi = NewsApiClient(api_key=os.environ['NEWS_API_KEY'])\n",
  ],
});

/** apiKey= in a newsapi.org URL, and the key given to the Python client. */
const URL_OR_CLIENT = '(?<=newsapi\\.org/[^\\s"\'<>]{0,300}[?&]apikey=|NewsApiClient\\([ \\t]{0,4}(?:api_key[ \\t]{0,4}=[ \\t]{0,4})?["\'])[a-f0-9]{32}(?![a-f0-9])';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${URL_OR_CLIENT}`, 'gi'),
    references: [{ type: 'trufflehog', id: 'newsapi', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/newsapi' }],
  },
];
