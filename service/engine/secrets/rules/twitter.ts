// Twitter / X: app bearer tokens, API keys and secrets, user access tokens and secrets.
import { BASE62, DIGITS, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const REGENERATE = revokeAt('the X developer portal', 'Projects & Apps > Keys and tokens > Regenerate');
const HELP = 'https://developer.x.com/en/docs/authentication/oauth-1-0a/api-key-and-secret';

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-TWITTER-BEARER-TOKEN', title: 'Twitter / X bearer token', prefixes: ['AAAAAAAAAAAAAAAAAAAAA'], body: '[A-Za-z0-9%]{30,150}', key: 'TWITTER_BEARER_TOKEN', severity: 'high',
      remediation: REGENERATE, helpUri: 'https://developer.x.com/en/docs/authentication/oauth-2-0/bearer-tokens',
      sample: 'AAAAAAAAAAAAAAAAAAAAA' + randomToken('tw', BASE62, 90),
      extraFlag: [inSyntax('python', 'bearer_token', 'AAAAAAAAAAAAAAAAAAAAA' + randomToken('tw-b1', BASE62, 20) + '%2B' + randomToken('tw-b2', BASE62, 20) + '%3D' + randomToken('tw-b3', BASE62, 48))],
    }),
    references: [{ type: 'gitleaks', id: 'twitter-bearer-token' }],
  },
  {
    ...keyedRule({
      id: 'SEC-TWITTER-API-SECRET', title: 'Twitter / X API secret', remediation: REGENERATE, helpUri: HELP,
      keywords: ['twitter', 'consumer_secret', 'consumersecret', 'access_token_secret', 'accesstokensecret', 'access_secret'],
      keyPattern: '(?:twitter|consumer)[A-Za-z0-9_.-]{0,20}secret|access[_-]?(?:token[_-]?)?secret', value: '[A-Za-z0-9]{45,50}',
      sample: randomToken('twsecret', BASE62, 50), keys: ['TWITTER_API_SECRET', 'consumer_secret', 'ACCESS_TOKEN_SECRET', 'twitterAccessSecret'],
      extraFlag: [inSyntax('env', 'TWITTER_ACCESS_TOKEN_SECRET', randomToken('tw-as', BASE62, 45))],
    }),
    references: [{ type: 'gitleaks', id: 'twitter-api-secret' }, { type: 'gitleaks', id: 'twitter-access-secret' }],
  },
  {
    ...keyedRule({
      id: 'SEC-TWITTER-API-KEY', title: 'Twitter / X API key (consumer key)', severity: 'medium', remediation: REGENERATE, helpUri: HELP,
      description: 'A Twitter / X API key (consumer key): with its secret it signs requests as the app.',
      keywords: ['twitter', 'consumer_key', 'consumerkey'], keyPattern: 'twitter[A-Za-z0-9_.-]{0,20}(?:api|consumer|app)[_-]?key|consumer[_-]?key', value: '[A-Za-z0-9]{25}',
      sample: randomToken('tw-key', BASE62, 25), keys: ['TWITTER_API_KEY', 'consumer_key', 'twitterConsumerKey'],
    }),
    references: [{ type: 'gitleaks', id: 'twitter-api-key' }],
  },
  {
    ...keyedRule({
      id: 'SEC-TWITTER-ACCESS-TOKEN', title: 'Twitter / X user access token', remediation: REGENERATE, helpUri: HELP,
      description: 'A Twitter / X OAuth 1.0a access token (<user id>-<random>): with its secret it posts and reads as that user.',
      keywords: ['twitter', 'access_token', 'accesstoken'], keyPattern: 'twitter[A-Za-z0-9_.-]{0,20}access[_-]?token|access[_-]?token',
      value: '[0-9]{6,20}-[A-Za-z0-9]{20,50}',
      sample: '1' + randomToken('tw-at1', DIGITS, 18) + '-' + randomToken('tw-at2', BASE62, 40), keys: ['TWITTER_ACCESS_TOKEN', 'access_token', 'twitterAccessToken'],
      extraNotFlag: [inSyntax('env', 'ACCESS_TOKEN', '2024-01-15-release-notes-draft-v2')],
      // accessToken is a frequent name in code: its line is searched only where an assignment follows.
      // twitter, then 20 name bytes, access_token and 24 more.
      keyRestBound: 57,
    }),
    priority: 0.5,
    references: [{ type: 'gitleaks', id: 'twitter-access-token' }],
  },
];
