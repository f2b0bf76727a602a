// New Relic: user API keys (NRAK-), browser (NRJS-), insert (NRII-) and admin (NRAA-) keys, and
// license / ingest keys (40 characters ending in NRAL, or 40 hex in older accounts).
import { BASE64URL, HEX, UPPER_ALNUM, inSyntax, inSyntaxes, lazyExamples, notSecrets, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const REVOKE = revokeAt('New Relic', 'API keys');
const HELP = 'https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/';
const licenseKey = randomToken('nral', HEX, 36) + 'NRAL';

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-NEW-RELIC-USER-KEY', title: 'New Relic user API key', prefixes: ['NRAK-'], body: '[A-Za-z0-9]{27}', key: 'NEW_RELIC_API_KEY',
      remediation: REVOKE, helpUri: HELP, sample: 'NRAK-' + randomToken('nrak', UPPER_ALNUM, 27),
    }),
    references: [{ type: 'gitleaks', id: 'new-relic-user-api-key' }],
  },
  {
    ...tokenRule({
      id: 'SEC-NEW-RELIC-INSIGHTS-KEY', title: 'New Relic insert / license key', prefixes: ['NRII-', 'NRJS-', 'NRAA-'], body: '[A-Za-z0-9_-]{19,32}', key: 'NEW_RELIC_INSERT_KEY', severity: 'high', boundary: '[A-Za-z0-9_-]',
      remediation: REVOKE, helpUri: HELP, sample: 'NRII-' + randomToken('nrii', BASE64URL, 32),
      extraFlag: [`<script>window.NREUM||(NREUM={});NREUM.info={"licenseKey":"NRJS-${randomToken('nrjs', HEX, 19)}","applicationID":"601234567"}</script>\n`],
    }),
    references: [{ type: 'gitleaks', id: 'new-relic-insert-key' }, { type: 'gitleaks', id: 'new-relic-browser-api-token' }],
  },
  {
    id: 'SEC-NEW-RELIC-LICENSE-KEY',
    title: 'New Relic license (ingest) key',
    description: 'A New Relic license key (36 hex characters and the NRAL suffix): sends data into the account under its name.',
    severity: 'high',
    confidence: 'high',
    remediation: REVOKE,
    helpUri: HELP,
    keywords: ['nral'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>[a-f0-9]{36}NRAL)(?![A-Za-z0-9_])/g,
    window: 'token',
    priority: 1,
    examples: lazyExamples(() => ({
      mustFlag: [...inSyntaxes('NEW_RELIC_LICENSE_KEY', licenseKey), `common: &default_settings\n  license_key: '${licenseKey}'\n  app_name: orders\n`],
      mustNotFlag: [...notSecrets('NEW_RELIC_LICENSE_KEY', licenseKey), inSyntax('env', 'NEW_RELIC_LICENSE_KEY', licenseKey.slice(4)), inSyntax('yaml', 'note', 'NRAL')],
    })),
  },
  keyedRule({
    id: 'SEC-NEW-RELIC-LICENSE-KEY-LEGACY', title: 'New Relic license key (legacy 40-hex format)', severity: 'high', remediation: REVOKE, helpUri: HELP,
    keywords: ['new_relic', 'newrelic', 'new-relic', 'nr_license', 'license_key'], keyPattern: '(?:new[_-]?relic|nr)[A-Za-z0-9_.-]{0,20}(?:license|ingest|insert)[_-]?key|license[_-]key',
    // A bare license_key counts in New Relic's own agent configuration files only.
    validate: ({ match, path }) => /new[_-]?relic|^nr[_-]/i.test(match[0]) || /(?:^|\/)newrelic[^/]*$/i.test(path),
    value: '[a-f0-9]{40}', sample: randomToken('nr-legacy', HEX, 40), keys: ['NEW_RELIC_LICENSE_KEY', 'newrelic.license_key', 'NR_LICENSE_KEY'],
    extraNotFlag: [inSyntax('env', 'NEW_RELIC_LICENSE_KEY', randomToken('nr-short', HEX, 39))],
  }),
];
