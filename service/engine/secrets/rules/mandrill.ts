// Mandrill (Mailchimp Transactional): API keys (22 characters, newer ones md- + 22), found by key name.
import { BASE64URL, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('mandrill', BASE64URL, 22);
const md = 'md-' + randomToken('mandrill-md', BASE64URL, 22);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-MANDRILL-API-KEY', title: 'Mandrill (Mailchimp Transactional) API key',
      description: 'A Mandrill API key sends transactional email from the account\'s verified domains (phishing from a trusted sender) and reads message content and recipients. It is also the SMTP password.',
      remediation: revokeAt('Mailchimp Transactional (Mandrill)', 'Settings > SMTP & API Info > delete the key'),
      helpUri: 'https://mailchimp.com/developer/transactional/guides/quick-start/',
      keywords: ['mandrill'], keyPattern: 'mandrill[\\w.-]{0,20}(?:key|token|secret|password)', value: '(?:md-)?[A-Za-z0-9_-]{22}',
      sample, keys: ['MANDRILL_API_KEY', 'mandrillKey'],
      extraFlag: [inSyntax('env', 'MANDRILL_API_KEY', md), `MANDRILL_APIKEY := ${sample}\n`, `mandrill.api.key=${md}\n`],
      extraNotFlag: [inSyntax('env', 'MANDRILL_API_KEY', sample.slice(0, 18)), inSyntax('env', 'MANDRILL_SUBACCOUNT', 'transactional-eu')],
    }),
    references: [{ type: 'trufflehog', id: 'mandrill', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/mandrill' }],
  },
];
