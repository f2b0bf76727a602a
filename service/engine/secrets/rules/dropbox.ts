// Dropbox: short-lived (sl.) and long-lived access tokens, app keys and secrets.
import { ALNUM_LOWER, BASE62, BASE64URL, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const REVOKE = revokeAt('Dropbox', 'the App Console or Settings > Connected apps');
const HELP = 'https://developers.dropbox.com/oauth-guide';
const shortLived = 'sl.u.' + randomToken('dropbox-u', BASE64URL, 700);
const longLived = randomToken('dropbox-ll', BASE62, 11) + 'AAAAAAAAAA' + randomToken('dropbox-ll2', BASE64URL, 43);

export const rules: SecretRule[] = [
  {
    // sl. + base64url; current tokens carry a segment such as "u." after the prefix.
    ...tokenRule({
      id: 'SEC-DROPBOX-ACCESS-TOKEN', title: 'Dropbox access token', prefixes: ['sl.'], body: '(?:[A-Za-z]{1,2}\\.)?[A-Za-z0-9_=-]{130,1400}', key: 'DROPBOX_ACCESS_TOKEN', severity: 'high', boundary: '[A-Za-z0-9_.=-]',
      minEntropy: 4, remediation: REVOKE, helpUri: HELP, sample: 'sl.' + randomToken('dropbox', BASE64URL, 138),
      extraFlag: [
        inSyntax('env', 'DROPBOX_TOKEN', shortLived),
        `dbx = dropbox.Dropbox("${shortLived}")\n`,
        `curl -X POST https://api.dropboxapi.com/2/users/get_current_account --header "Authorization: Bearer ${shortLived}"\n`,
      ],
      extraNotFlag: [inSyntax('yaml', 'css', 'sl.' + 'a'.repeat(140)), 'import sl.util.helpers as h\n'],
    }),
    references: [{ type: 'gitleaks', id: 'dropbox-short-lived-api-token' }],
  },
  {
    ...keyedRule({
      id: 'SEC-DROPBOX-LONG-LIVED-TOKEN', title: 'Dropbox long-lived access token', severity: 'high', remediation: REVOKE, helpUri: HELP,
      description: 'A Dropbox long-lived access token (11 characters, ten A, 43 characters): API access to the account or app folder until revoked.',
      keywords: ['dropbox'], keyPattern: 'dropbox[A-Za-z0-9_.-]{0,20}(?:token|key|secret)', value: '[A-Za-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_=-]{43}',
      sample: longLived, keys: ['DROPBOX_ACCESS_TOKEN', 'dropboxToken', 'DROPBOX_API_KEY'],
      extraFlag: [`dbx = dropbox.Dropbox(dropbox_token="${longLived}")\n`],
    }),
    references: [{ type: 'gitleaks', id: 'dropbox-long-lived-api-token' }],
  },
  {
    ...keyedRule({
      id: 'SEC-DROPBOX-APP-SECRET', title: 'Dropbox app key or secret', severity: 'high', remediation: revokeAt('the Dropbox App Console', 'app > Settings > App secret (regenerate the app if the secret leaked)'), helpUri: HELP,
      description: 'A Dropbox app secret (15 lowercase letters and digits; the app key has the same shape): with the key it mints tokens for the app.',
      keywords: ['dropbox'], keyPattern: 'dropbox[A-Za-z0-9_.-]{0,20}(?:secret|key)', value: '[a-z0-9]{15}', minEntropy: 3.2,
      validate: ({ secret }) => /[0-9]/.test(secret) && /[a-z]/.test(secret),
      sample: randomToken('dropbox-secret', ALNUM_LOWER, 15), keys: ['DROPBOX_APP_SECRET', 'dropboxAppKey', 'DROPBOX_CLIENT_SECRET'],
      extraNotFlag: [inSyntax('env', 'DROPBOX_APP_SECRET', 'abcdefghijklmno'), inSyntax('json', 'dropboxAppKey', 'YOUR_APP_KEY_15')],
    }),
    references: [{ type: 'gitleaks', id: 'dropbox-api-token' }],
  },
];
