// Freshdesk: API keys (20 characters), by key name or in `curl -u KEY:X https://…freshdesk.com`.
import { BASE62, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('freshdesk', BASE62, 20);
const base = keyedRule({
  id: 'SEC-FRESHDESK-API-KEY', title: 'Freshdesk API key',
  description: 'A Freshdesk API key authenticates as the agent who owns it (Basic auth, the key as user name and X as password): tickets, contacts and customer data.',
  remediation: revokeAt('Freshdesk', 'Profile settings > View API key > reset, or deactivate the agent'),
  helpUri: 'https://support.freshdesk.com/support/solutions/articles/215517-how-to-find-your-api-key',
  keywords: ['freshdesk'], keyPattern: 'freshdesk[\\w.-]{0,20}(?:key|token|secret|password)', value: '[A-Za-z0-9]{20}',
  sample, keys: ['FRESHDESK_API_KEY', 'freshdeskApiKey'],
  extraFlag: [
    `curl -v -u ${sample}:X -H "Content-Type: application/json" https://contoso.freshdesk.com/api/v2/tickets\n`,
    `FRESHDESK_API_KEY := ${sample}\n`,
    `freshdesk.api.key=${sample}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'FRESHDESK_API_KEY', sample.slice(0, 16)),
    inSyntax('env', 'FRESHDESK_DOMAIN', 'contoso.freshdesk.com'),
    'curl -v -u YOUR_API_KEY:X https://domain.freshdesk.com/api/v2/tickets\n',
  ],
});

/** `-u KEY:X` in a curl command line that names a Freshdesk host. */
const CURL_USER = '(?<=(?:-u|--user)[ \\t]{1,4}["\']?)[A-Za-z0-9]{20}(?=:X["\']?[ \\t][^\\n]{0,300}?\\.freshdesk\\.com)';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${CURL_USER}`, 'gi'),
    references: [{ type: 'trufflehog', id: 'freshdesk', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/freshdesk' }],
  },
];
