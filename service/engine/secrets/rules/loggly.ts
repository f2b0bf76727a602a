// Loggly: customer and API tokens (UUIDs), by key name, in a logs-01.loggly.com input URL, or in
// syslog structured data ([TOKEN@41058 …]).
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const REMEDIATION = revokeAt('Loggly', 'Source Setup > Customer Tokens (or Settings > API Tokens) > add a new token and delete the old one');
const HELP = 'https://documentation.solarwinds.com/en/success_center/loggly/content/admin/customer-token-authentication-token.htm';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const hex = randomToken('loggly', HEX, 32);
const token = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
const TRUFFLEHOG = { type: 'trufflehog' as const, id: 'loggly', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/loggly' };

const keyed = keyedRule({
  id: 'SEC-LOGGLY-TOKEN', title: 'Loggly customer or API token', severity: 'medium',
  description: 'A Loggly customer token sends log events into the account; an API token also searches and reads the account\'s logs.',
  remediation: REMEDIATION, helpUri: HELP,
  keywords: ['loggly', '@41058'], keyPattern: 'loggly[\\w.-]{0,20}(?:token|key|secret)', value: UUID,
  sample: token, keys: ['LOGGLY_TOKEN', 'logglyCustomerToken'],
  extraFlag: [
    `$template LogglyFormat,"<%pri%>%protocol-version% %timestamp:::date-rfc3339% %HOSTNAME% %app-name% %procid% %msgid% [${token}@41058 tag=\\"rsyslog\\"] %msg%\\n"\n`,
    `LOGGLY_TOKEN := ${token}\n`,
    `loggly.token=${token}\n`,
    `logglyToken := "${token}"\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'LOGGLY_TOKEN', token.slice(0, 30)),
    inSyntax('env', 'LOGGLY_SUBDOMAIN', 'contoso'),
    '$template LogglyFormat,"<%pri%>%protocol-version% %timestamp:::date-rfc3339% %HOSTNAME% [TOKEN@41058 tag=\\"rsyslog\\"] %msg%\\n"\n',
  ],
});

/** syslog structured data: [TOKEN@41058 …], 41058 being Loggly's private enterprise number. */
const SYSLOG = `(?<=\\[)${UUID}(?=@41058)`;

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-LOGGLY-INPUT-URL', title: 'Loggly input URL with customer token', severity: 'medium',
      description: 'A Loggly HTTP/S input URL carries the customer token: anyone holding it can send (and forge) log events into the account.',
      prefixes: ['logs-01.loggly.com/inputs/', 'logs-01.loggly.com/bulk/'], body: UUID, boundary: '[A-Za-z0-9_-]',
      key: 'LOGGLY_URL', sample: `logs-01.loggly.com/inputs/${token}`,
      remediation: REMEDIATION, helpUri: HELP,
      extraFlag: [
        `curl -H "content-type:text/plain" -d 'Hello' https://logs-01.loggly.com/inputs/${token}/tag/http/\n`,
        `url: "https://logs-01.loggly.com/bulk/${token}/tag/bulk/"\n`,
      ],
      extraNotFlag: ['curl -d "Hello" https://logs-01.loggly.com/inputs/TOKEN/tag/http/\n', inSyntax('yaml', 'loggly_url', 'https://logs-01.loggly.com/inputs/${LOGGLY_TOKEN}/tag/http/')],
    }),
    references: [TRUFFLEHOG],
  },
  {
    ...keyed,
    pattern: new RegExp(`${keyed.pattern!.source}|${SYSLOG}`, 'gi'),
    references: [TRUFFLEHOG],
  },
];
