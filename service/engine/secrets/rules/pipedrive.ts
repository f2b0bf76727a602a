// Pipedrive: personal API tokens (40 characters), by key name or as api_token= in a pipedrive.com URL.
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('pipedrive', HEX, 40);
const base = keyedRule({
  id: 'SEC-PIPEDRIVE-API-TOKEN', title: 'Pipedrive API token',
  description: 'A Pipedrive personal API token acts as its user on the company\'s CRM: deals, persons, organizations, activities and their notes.',
  remediation: revokeAt('Pipedrive', 'Personal preferences > API > generate a new token (the old one stops working)'),
  helpUri: 'https://pipedrive.readme.io/docs/how-to-find-the-api-token',
  keywords: ['pipedrive'], keyPattern: 'pipedrive[\\w.-]{0,20}(?:token|key|secret)', value: '[A-Za-z0-9]{40}',
  sample, keys: ['PIPEDRIVE_API_TOKEN', 'pipedriveApiToken'],
  extraFlag: [
    `curl "https://contoso.pipedrive.com/api/v1/deals?status=open&api_token=${sample}"\n`,
    `PIPEDRIVE_API_TOKEN := ${sample}\n`,
    `pipedrive.api.token=${sample}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'PIPEDRIVE_API_TOKEN', sample.slice(0, 36)),
    'curl "https://companydomain.pipedrive.com/api/v1/deals?api_token=YOUR_API_TOKEN"\n',
    inSyntax('env', 'PIPEDRIVE_COMPANY_DOMAIN', 'contoso'),
  ],
});

/** api_token= in the query string of a pipedrive.com URL. */
const URL_PARAM = '(?<=pipedrive\\.com/[^\\s"\'<>]{0,300}[?&]api_token=)[A-Za-z0-9]{40}(?![A-Za-z0-9])';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${URL_PARAM}`, 'gi'),
    references: [{ type: 'trufflehog', id: 'pipedrive', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/pipedrive' }],
  },
];
