// Twitter / X bearer tokens and API secrets.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-TWITTER-BEARER-TOKEN', title: 'Twitter / X bearer token', prefixes: ['AAAAAAAAAAAAAAAAAAAAA'], body: '[A-Za-z0-9%]{30,150}', key: 'TWITTER_BEARER_TOKEN', severity: 'high',
    remediation: revokeAt('the X developer portal', 'Projects & Apps > Keys and tokens > Regenerate'), sample: 'AAAAAAAAAAAAAAAAAAAAA' + randomToken('tw', BASE62, 90),
  }),
  keyedRule({
    id: 'SEC-TWITTER-API-SECRET', title: 'Twitter / X API secret', remediation: revokeAt('the X developer portal', 'Keys and tokens > Regenerate'),
    keywords: ['twitter', 'consumer_secret', 'consumersecret'], keyPattern: '(?:twitter|consumer)[A-Za-z0-9_.-]{0,20}secret', value: '[A-Za-z0-9]{45,50}',
    sample: randomToken('twsecret', BASE62, 50), keys: ['TWITTER_API_SECRET', 'consumer_secret'],
  }),
];
