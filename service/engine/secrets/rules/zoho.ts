// Zoho OAuth tokens (1000. + 32 hex + . + 32 hex, access and refresh alike) and client secrets
// found by key name.
import { ALNUM_LOWER, HEX, UPPER_ALNUM, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const token = `1000.${randomToken('zoho-token1', HEX, 32)}.${randomToken('zoho-token2', HEX, 32)}`;
const secret = randomToken('zoho-secret', ALNUM_LOWER, 42);
const clientId = '1000.' + randomToken('zoho-client', UPPER_ALNUM, 30);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-ZOHO-OAUTH-TOKEN', title: 'Zoho OAuth refresh or access token', prefixes: ['1000.'], body: '[a-f0-9]{32}\\.[a-f0-9]{32}', key: 'ZOHO_REFRESH_TOKEN', minEntropy: 3,
      description: 'A Zoho OAuth token acts as the user who granted it on the Zoho APIs in its scopes (CRM records, Books invoices, Desk tickets, Mail); a refresh token keeps minting access tokens until it is revoked.',
      remediation: revokeAt('Zoho', 'accounts.zoho.com > Security > Connected apps, or POST /oauth/v2/token/revoke'),
      helpUri: 'https://www.zoho.com/accounts/protocol/oauth/web-apps/access-token.html',
      sample: token,
      extraFlag: [
        `ZOHO_CLIENT_ID=${clientId}\nZOHO_REFRESH_TOKEN=${token}\n`,
        `curl "https://www.zohoapis.com/crm/v6/Leads" -H "Authorization: Zoho-oauthtoken ${token}"\n`,
      ],
      extraNotFlag: [`ZOHO_CLIENT_ID=${clientId}\n`, `price: 1000.${'0'.repeat(32)}.${'0'.repeat(32)}\n`, `total = 1000.50\n`],
    }),
    references: [{ type: 'trufflehog', id: 'zohocrm', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/zohocrm' }],
  },
  keyedRule({
    id: 'SEC-ZOHO-CLIENT-SECRET', title: 'Zoho OAuth client secret',
    description: 'The client secret of a Zoho API client: with its client id (1000.…), it exchanges grant codes and refresh tokens for access tokens (a self-client mints tokens without any user interaction).',
    remediation: revokeAt('Zoho', 'api-console.zoho.com > the client > Client Secret > Regenerate'),
    helpUri: 'https://www.zoho.com/accounts/protocol/oauth-setup.html',
    keywords: ['zoho'],
    keyPattern: 'zoho[\\w.-]{0,20}secret',
    value: '[A-Za-z0-9]{40,48}', sample: secret, minEntropy: 3.2,
    keys: ['ZOHO_CLIENT_SECRET', 'zohoClientSecret', 'zoho.client.secret'],
    extraFlag: [`zohoSecret := "${secret}"\n`],
    extraNotFlag: [`ZOHO_CLIENT_ID=${clientId}\n`, `ZOHO_CLIENT_SECRET=${randomToken('zoho-short', ALNUM_LOWER, 30)}\n`],
  }),
];
