// Upstash: Redis REST tokens and QStash tokens / signing keys, found by key name. (Redis TCP URLs
// with the password are found by the Redis URL rule.)
import { BASE62, BASE64, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const redis = 'A' + randomToken('upstash-redis', BASE62, 1) + randomToken('upstash-redis2', BASE64, 58) + '=';
const qstash = randomToken('upstash-qstash', BASE62, 84) + '=';
const signing = 'sig_' + randomToken('upstash-sig', BASE62, 28);

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-UPSTASH-REDIS-TOKEN', title: 'Upstash Redis REST token',
    description: 'An Upstash Redis REST token runs any Redis command the token allows over HTTPS (the standard token reads, writes and flushes the database; the read-only one reads it).',
    remediation: revokeAt('Upstash', 'console.upstash.com > the database > Reset password / Reset token'),
    helpUri: 'https://upstash.com/docs/redis/features/restapi',
    keywords: ['upstash'],
    keyPattern: 'upstash[\\w.-]{0,20}(?:token|key|password|secret)',
    value: '[A-Za-z0-9+/=_-]{30,200}', sample: redis, minEntropy: 3.5,
    keys: ['UPSTASH_REDIS_REST_TOKEN', 'upstash.redis.token', 'upstashRedisToken'],
    extraFlag: [
      `UPSTASH_REDIS_REST_URL="https://eu1-merry-cat-32748.upstash.io"\nUPSTASH_REDIS_REST_TOKEN="${redis}"\n`,
      `upstashToken := "${redis}"\n`,
    ],
    extraNotFlag: [`UPSTASH_REDIS_REST_URL=https://eu1-merry-cat-32748.upstash.io\n`, `UPSTASH_REDIS_REST_TOKEN=********************************\n`],
  }),
  keyedRule({
    id: 'SEC-UPSTASH-QSTASH-TOKEN', title: 'Upstash QStash token or signing key',
    description: 'A QStash token publishes messages and schedules that QStash delivers to the account\'s endpoints (and reads their logs and dead letters); a signing key lets anyone forge deliveries the receiving endpoints accept as genuine.',
    remediation: revokeAt('Upstash', 'console.upstash.com > QStash > Request / Signing keys > Roll'),
    helpUri: 'https://upstash.com/docs/qstash/howto/roll-signing-keys',
    keywords: ['qstash'],
    keyPattern: 'qstash[\\w.-]{0,20}(?:token|key)',
    value: '[A-Za-z0-9+/=_-]{24,400}', sample: qstash, minEntropy: 3.5,
    keys: ['QSTASH_TOKEN', 'QSTASH_CURRENT_SIGNING_KEY', 'qstashToken'],
    extraFlag: [`QSTASH_CURRENT_SIGNING_KEY=${signing}\nQSTASH_NEXT_SIGNING_KEY=sig_${randomToken('upstash-sig2', BASE62, 28)}\n`],
    extraNotFlag: [`QSTASH_URL=https://qstash.upstash.io\n`, `QSTASH_TOKEN=<your-qstash-token>\n`],
  }),
];
