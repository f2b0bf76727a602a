// Hunter.io: API keys (40 hex), by key name or as api_key= in an api.hunter.io URL.
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('hunter', HEX, 40);
const base = keyedRule({
  id: 'SEC-HUNTER-API-KEY', title: 'Hunter.io API key', severity: 'medium',
  description: 'A Hunter.io API key spends the account\'s search and verification credits and reads its leads lists.',
  remediation: revokeAt('Hunter.io', 'hunter.io/api-keys > delete or regenerate the key'),
  helpUri: 'https://hunter.io/api-documentation/v2#authentication',
  keywords: ['hunter'], keyPattern: 'hunter(?:[_.-]?io)?[\\w.-]{0,20}(?:key|token)', value: '[a-f0-9]{40}',
  sample, keys: ['HUNTER_API_KEY', 'hunterIoKey'],
  extraFlag: [
    `curl "https://api.hunter.io/v2/domain-search?domain=contoso.com&api_key=${sample}"\n`,
    `HUNTER_API_KEY := ${sample}\n`,
    `hunter.api.key=${sample}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'HUNTER_API_KEY', sample.slice(0, 32)),
    'curl "https://api.hunter.io/v2/domain-search?domain=contoso.com&api_key=YOUR_API_KEY"\n',
    inSyntax('env', 'HUNTER_LEADS_LIST_ID', '1234'),
  ],
});

/** api_key= in the query string of a hunter.io URL. */
const URL_PARAM = '(?<=hunter\\.io/[^\\s"\'<>]{0,300}[?&]api_key=)[a-f0-9]{40}(?![a-f0-9])';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${URL_PARAM}`, 'gi'),
    references: [{ type: 'trufflehog', id: 'hunter', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/hunter' }],
  },
];
