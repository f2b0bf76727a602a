// Flickr: API key (32 hex) and its paired secret (16 hex), found by key name.
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const REMEDIATION = revokeAt('Flickr', 'flickr.com/services/apps/by/me > the app > Edit key details, or delete the key and request a new one');
const HELP = 'https://www.flickr.com/services/api/misc.api_keys.html';
const key = randomToken('flickr-key', HEX, 32);
const secret = randomToken('flickr-secret', HEX, 16);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-FLICKR-API-KEY', title: 'Flickr API key', severity: 'medium',
      description: 'A Flickr API key identifies an application to the Flickr API; with its paired secret (and a user\'s OAuth token) it signs calls as that application.',
      remediation: REMEDIATION, helpUri: HELP,
      keywords: ['flickr'], keyPattern: 'flickr[\\w.-]{0,20}(?:key|token)', value: '[a-f0-9]{32}',
      sample: key, keys: ['FLICKR_API_KEY', 'flickrKey'],
      extraFlag: [
        `FLICKR_API_KEY := ${key}\n`,
        `flickrKey := "${key}"\n`,
        `flickr.api.key=${key}\n`,
      ],
      extraNotFlag: [
        inSyntax('env', 'FLICKR_API_KEY', key.slice(0, 31)),
        inSyntax('env', 'FLICKR_USER_ID', '12345678@N00'),
        'See https://www.flickr.com/services/api/misc.api_keys.html for how to request a Flickr API key.\n',
      ],
    }),
    references: [{ type: 'gitleaks', id: 'flickr-access-token' }],
  },
  keyedRule({
    id: 'SEC-FLICKR-API-SECRET', title: 'Flickr API secret',
    description: 'The secret paired with a Flickr API key: it signs API calls, so with the key it lets anyone act as the application (and as users who authorised it).',
    remediation: REMEDIATION, helpUri: HELP,
    keywords: ['flickr'], keyPattern: 'flickr[\\w.-]{0,20}secret', value: '[a-f0-9]{16}',
    sample: secret, keys: ['FLICKR_API_SECRET', 'flickr_secret'],
    extraFlag: [`export FLICKR_SECRET="${secret}"\n`, `flickr.api.secret=${secret}\n`],
    extraNotFlag: [inSyntax('env', 'FLICKR_API_SECRET', secret.slice(0, 12)), inSyntax('env', 'FLICKR_API_KEY', secret)],
  }),
];
