// Facebook / Meta: user, page and system-user access tokens (EAA…), app access tokens
// (app id|secret) and app secrets.
import { BASE62, DIGITS, HEX, inSyntax, lazyExamples, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const HELP = 'https://developers.facebook.com/docs/facebook-login/guides/access-tokens';
const appId = '1' + randomToken('fb-app-id', DIGITS, 15);
const appSecret = randomToken('fb-app-secret', HEX, 32);

export const rules: SecretRule[] = [
  {
    // Every Graph API access token starts with EAA; the next characters vary with the app.
    ...tokenRule({
      id: 'SEC-FACEBOOK-ACCESS-TOKEN', title: 'Facebook / Meta access token', prefixes: ['EAA'], body: '[A-Za-z0-9]{90,400}', key: 'FACEBOOK_ACCESS_TOKEN', severity: 'high', confidence: 'medium',
      remediation: revokeAt('Meta for Developers', 'the app dashboard or Business settings > System users'), helpUri: HELP, minEntropy: 4.5,
      validate: ({ secret }) => /[a-z]/.test(secret) && /[A-Z]/.test(secret.slice(4)) && /[0-9]/.test(secret),
      sample: 'EAAG' + randomToken('fb', BASE62, 180),
      extraFlag: [
        inSyntax('json', 'page_access_token', 'EAAd' + randomToken('fb-page', BASE62, 200)),
        `https://graph.facebook.com/v19.0/me?access_token=EAAB${randomToken('fb-url', BASE62, 160)}\n`,
      ],
      extraNotFlag: [inSyntax('yaml', 'data', 'EAA' + 'A'.repeat(120))],
    }),
    references: [{ type: 'gitleaks', id: 'facebook-page-access-token' }],
  },
  {
    id: 'SEC-FACEBOOK-APP-ACCESS-TOKEN',
    title: 'Facebook / Meta app access token',
    description: 'An app access token ("<app id>|<app secret>"): it acts as the app itself on the Graph API, including reading app settings and users\' data the app can see.',
    severity: 'high',
    confidence: 'medium',
    remediation: revokeAt('Meta for Developers', 'App settings > Basic > App secret > Reset (the app token changes with the secret)'),
    helpUri: HELP,
    references: [{ type: 'gitleaks', id: 'facebook-access-token' }],
    keywords: ['facebook', 'fb_', 'graph.'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>[0-9]{15,16}(?:\||%7[Cc])[A-Za-z0-9_-]{27,43})(?![A-Za-z0-9_-])/g,
    window: 'near',
    validate: ({ secret }) => /[a-z]/.test(secret.slice(16)) && /[0-9]/.test(secret.slice(16)),
    examples: lazyExamples(() => ({
      mustFlag: [
        inSyntax('env', 'FACEBOOK_APP_TOKEN', `${appId}|${appSecret}`),
        inSyntax('json', 'fb_app_access_token', `${appId}|${appSecret}`),
        `requests.get("https://graph.facebook.com/debug_token", params={"access_token": "${appId}|${appSecret}"})\n`,
      ],
      mustNotFlag: [
        inSyntax('env', 'FACEBOOK_APP_TOKEN', `${appId}|{app-secret}`),
        inSyntax('env', 'ORDER_REF', `${appId}|${appSecret}`),
        inSyntax('yaml', 'facebook_app_id', appId),
      ],
    })),
  },
  {
    ...keyedRule({
      id: 'SEC-FACEBOOK-APP-SECRET', title: 'Facebook / Meta app secret', remediation: revokeAt('Meta for Developers', 'App settings > Basic > App secret > Reset'), helpUri: HELP,
      keywords: ['facebook', 'fb_app', 'fb_secret', 'fb_client', 'meta_app'], keyPattern: '(?:facebook|fb|meta[_-]?app)[A-Za-z0-9_.-]{0,20}secret', value: '[a-f0-9]{32}',
      sample: randomToken('fbsecret', HEX, 32), keys: ['FACEBOOK_APP_SECRET', 'FB_SECRET', 'facebookClientSecret', 'FB_CLIENT_SECRET'],
    }),
    priority: 0.5,
    references: [{ type: 'gitleaks', id: 'facebook-secret' }],
  },
];
