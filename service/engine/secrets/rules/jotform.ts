// Jotform: API keys (32 characters), by key name or as apiKey= in an api.jotform.com URL.
import { ALNUM_LOWER, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('jotform', ALNUM_LOWER, 32);
const base = keyedRule({
  id: 'SEC-JOTFORM-API-KEY', title: 'Jotform API key',
  description: 'A Jotform API key (full access or read-only) reads the account\'s forms and every submission, which often hold personal data.',
  remediation: revokeAt('Jotform', 'Settings > API > delete the key'),
  helpUri: 'https://api.jotform.com/docs/#authentication',
  keywords: ['jotform'], keyPattern: 'jotform[\\w.-]{0,20}(?:key|token|secret)', value: '[a-z0-9]{32}',
  sample, keys: ['JOTFORM_API_KEY', 'jotformApiKey'],
  extraFlag: [
    `curl -X GET "https://api.jotform.com/user/forms?apiKey=${sample}"\n`,
    `JOTFORM_API_KEY := ${sample}\n`,
    `jotform.api.key=${sample}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'JOTFORM_API_KEY', sample.slice(0, 28)),
    'curl -X GET "https://api.jotform.com/user?apiKey={myApiKey}"\n',
    inSyntax('env', 'JOTFORM_FORM_ID', '231234567890123'),
  ],
});

/** apiKey= in the query string of a jotform.com URL. */
const URL_PARAM = '(?<=jotform\\.com/[^\\s"\'<>]{0,300}[?&]apikey=)[a-z0-9]{32}(?![a-z0-9])';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${URL_PARAM}`, 'gi'),
    references: [{ type: 'trufflehog', id: 'jotform', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/jotform' }],
  },
];
