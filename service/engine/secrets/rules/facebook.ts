// Facebook / Meta access tokens and app secrets.
import { BASE62, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-FACEBOOK-ACCESS-TOKEN', title: 'Facebook / Meta access token', prefixes: ['EAACEdEose0cBA', 'EAAG', 'EAAB', 'EAAJ', 'EAAM'], body: '[A-Za-z0-9]{80,300}', key: 'FACEBOOK_ACCESS_TOKEN', severity: 'high', confidence: 'medium',
    remediation: revokeAt('Meta for Developers', 'the app dashboard or Business settings > System users'), sample: 'EAAG' + randomToken('fb', BASE62, 180),
  }),
  keyedRule({
    id: 'SEC-FACEBOOK-APP-SECRET', title: 'Facebook / Meta app secret', remediation: revokeAt('Meta for Developers', 'App settings > Basic > App secret > Reset'),
    keywords: ['facebook', 'fb_app', 'fb_secret', 'meta_app'], keyPattern: '(?:facebook|fb|meta)[A-Za-z0-9_.-]{0,20}secret', value: '[a-f0-9]{32}',
    sample: randomToken('fbsecret', HEX, 32), keys: ['FACEBOOK_APP_SECRET', 'FB_SECRET'],
  }),
];
