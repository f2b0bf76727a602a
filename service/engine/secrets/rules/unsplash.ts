// Unsplash API access and secret keys: 43 characters, found by key name.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('unsplash', BASE64URL, 43);

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-UNSPLASH-KEY', title: 'Unsplash access or secret key', severity: 'medium',
    description: 'An Unsplash application\'s access key (sent as "Client-ID") spends the application\'s rate limit and can get it suspended for abuse; its secret key exchanges OAuth codes for user tokens that like, collect and upload as the user.',
    remediation: revokeAt('Unsplash', 'unsplash.com/oauth/applications > the application > Keys > regenerate'),
    helpUri: 'https://unsplash.com/documentation#authorization',
    keywords: ['unsplash'],
    keyPattern: 'unsplash[\\w.-]{0,20}(?:key|secret|token)',
    value: '[A-Za-z0-9_-]{43}', sample,
    keys: ['UNSPLASH_ACCESS_KEY', 'unsplashSecretKey', 'unsplash.secret'],
    extraFlag: [`NEXT_PUBLIC_UNSPLASH_ACCESS_KEY=${sample}\n`, `unsplashKey := "${sample}"\n`],
    extraNotFlag: [`UNSPLASH_APP_ID=123456\n`, `UNSPLASH_ACCESS_KEY=${randomToken('unsplash-short', BASE64URL, 30)}\n`],
  }),
];
