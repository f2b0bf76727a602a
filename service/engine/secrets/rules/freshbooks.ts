// FreshBooks: OAuth access tokens and client secrets (64 characters), found by key name.
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('freshbooks', HEX, 64);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-FRESHBOOKS-ACCESS-TOKEN', title: 'FreshBooks access token or client secret',
      description: 'A FreshBooks OAuth access token (or the app\'s client secret, paired with its client id) reaches the account\'s invoices, clients, payments and expenses.',
      remediation: revokeAt('FreshBooks', 'my.freshbooks.com/#/developer > the app > reset the client secret; revoke tokens with POST /auth/oauth/revoke'),
      helpUri: 'https://www.freshbooks.com/api/authentication',
      keywords: ['freshbooks'], keyPattern: 'freshbooks[\\w.-]{0,20}(?:token|secret|key)', value: '[A-Za-z0-9]{64}',
      sample, keys: ['FRESHBOOKS_ACCESS_TOKEN', 'freshbooksClientSecret'], minEntropy: 3.2,
      extraFlag: [`FRESHBOOKS_CLIENT_SECRET := ${sample}\n`, `freshbooksToken := "${sample}"\n`, `freshbooks.client.secret=${sample}\n`],
      extraNotFlag: [inSyntax('env', 'FRESHBOOKS_ACCESS_TOKEN', sample.slice(0, 60)), inSyntax('env', 'FRESHBOOKS_CLIENT_ID', sample), inSyntax('env', 'FRESHBOOKS_ACCOUNT_ID', 'xz8Kq')],
    }),
    references: [{ type: 'gitleaks', id: 'freshbooks-access-token' }],
  },
];
