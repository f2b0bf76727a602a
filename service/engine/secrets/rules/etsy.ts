// Etsy Open API keystrings and OAuth access tokens.
import { ALNUM_LOWER, BASE64URL, DIGITS, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const keystring = randomToken('etsy-keystring', ALNUM_LOWER, 24);
const oauth = `${randomToken('etsy-user', DIGITS, 9)}.${randomToken('etsy-oauth', BASE64URL, 86)}`;

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-ETSY-API-KEY', title: 'Etsy API keystring or OAuth token',
      description: 'An Etsy Open API keystring (24 characters, the app\'s x-api-key; its shared secret completes the pair) or OAuth access token (<user id>.<token>): calls the Etsy API as the app, and with a token reads and changes the shop\'s listings, orders and buyer details.',
      remediation: revokeAt('Etsy', 'Your account > Apps You\'ve Made > the app > reset the keystring and shared secret; OAuth tokens by revoking the app\'s access'),
      helpUri: 'https://developers.etsy.com/documentation/essentials/authentication',
      keywords: ['etsy'], keyPattern: 'etsy[\\w.-]{0,20}(?:key|token|keystring|secret)',
      value: '[0-9]{5,12}\\.[A-Za-z0-9_-]{60,120}|[a-z0-9]{24}', minEntropy: 3.3,
      sample: keystring, keys: ['ETSY_API_KEY', 'etsyKeystring', 'ETSY_ACCESS_TOKEN'],
      extraFlag: [`ETSY_ACCESS_TOKEN=${oauth}\n`, `etsy_api_key := "${keystring}"\n`],
      extraNotFlag: [`ETSY_API_KEY=${keystring.slice(0, 20)}\n`, 'ETSY_SHOP_ID=31415926\n', `BETSY_NOTES = "${keystring}"\n`],
    }),
    references: [
      { type: 'gitleaks', id: 'etsy-access-token' },
      { type: 'trufflehog', id: 'etsyapikey', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/etsyapikey' },
    ],
  },
];
