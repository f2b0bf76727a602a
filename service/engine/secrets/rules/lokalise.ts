// Lokalise: API tokens (40 hex), by key name or as --token of the lokalise2 CLI.
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('lokalise', HEX, 40);
const base = keyedRule({
  id: 'SEC-LOKALISE-API-TOKEN', title: 'Lokalise API token',
  description: 'A Lokalise API token (read-only or read/write) reaches every project of its user: translation keys, files, contributors and, with write access, uploads.',
  remediation: revokeAt('Lokalise', 'Profile settings > API tokens > delete the token'),
  helpUri: 'https://developers.lokalise.com/reference/api-authentication',
  keywords: ['lokalise'], keyPattern: 'lokalise[\\w.-]{0,20}(?:token|key|secret)', value: '[a-f0-9]{40}',
  sample, keys: ['LOKALISE_API_TOKEN', 'lokaliseToken'],
  extraFlag: [
    `lokalise2 --token ${sample} --project-id 123456789abcdef0.12345678 file download --format json\n`,
    `LOKALISE_API_TOKEN := ${sample}\n`,
    `lokalise.api.token=${sample}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'LOKALISE_API_TOKEN', sample.slice(0, 36)),
    'lokalise2 --token <token> --project-id <project> file download --format json\n',
    inSyntax('env', 'LOKALISE_PROJECT_ID', '123456789abcdef0.12345678'),
  ],
});

/** --token of the lokalise2 command line tool. */
const CLI = '(?<=lokalise2[^\\n]{0,200}?--token[ =]["\']?)[a-f0-9]{40}(?![a-f0-9])';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${CLI}`, 'gi'),
    references: [{ type: 'trufflehog', id: 'lokalisetoken', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/lokalisetoken' }],
  },
];
