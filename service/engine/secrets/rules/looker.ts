// Looker: API3 client secrets (24 characters), by key name or in the [Looker] section of looker.ini.
import { BASE62, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('looker', BASE62, 24);
const clientId = randomToken('looker-id', BASE62, 20);
const ini = (secret: string): string =>
  `[Looker]\nbase_url=https://contoso.cloud.looker.com\nclient_id=${clientId}\nclient_secret=${secret}\nverify_ssl=True\n`;

const base = keyedRule({
  id: 'SEC-LOOKER-CLIENT-SECRET', title: 'Looker API client secret',
  description: 'The client secret of a Looker API3 key (paired with its 20-character client id) logs in to the Looker API as the user who owns the key, often an admin: models, queries, data and users.',
  remediation: revokeAt('Looker', 'Admin > Users > the user > Edit API Keys > delete the key'),
  helpUri: 'https://cloud.google.com/looker/docs/api-auth',
  keywords: ['looker'], keyPattern: 'looker[\\w.-]{0,20}(?:secret|token|key|password)', value: '[A-Za-z0-9]{24}',
  sample, keys: ['LOOKERSDK_CLIENT_SECRET', 'looker_client_secret'],
  // The [Looker] header line starts the window, so the section's client_secret a few lines down is in it.
  window: 'block',
  extraFlag: [ini(sample), `LOOKER_CLIENT_SECRET := ${sample}\n`, `looker.client.secret=${sample}\n`],
  extraNotFlag: [
    inSyntax('env', 'LOOKERSDK_CLIENT_ID', clientId),
    inSyntax('env', 'LOOKERSDK_CLIENT_SECRET', sample.slice(0, 20)),
    ini('${LOOKER_SECRET}'),
    `[Looker]\nbase_url=https://contoso.cloud.looker.com\n\n[other]\nclient_secret=${sample}\n`,
  ],
});

/** client_secret= in looker.ini, within six lines of its [Looker] section header. */
const INI = '(?<=\\[looker\\][ \\t]*\\r?\\n(?:[^\\n\\[]{0,200}\\n){0,6}[ \\t]*client_secret[ \\t]*[=:][ \\t]*["\']?)[A-Za-z0-9]{24}(?![A-Za-z0-9])';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${INI}`, 'gi'),
    references: [{ type: 'gitleaks', id: 'looker-client-secret' }],
  },
];
