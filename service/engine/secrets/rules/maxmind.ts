// MaxMind: license keys (6_29_mmk format by shape; legacy keys by key name or in GeoIP.conf).
import { BASE62, inSyntax, inSyntaxes, lazyExamples, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const REMEDIATION = revokeAt('MaxMind', 'Account > Manage License Keys > deactivate the key and generate a new one');
const HELP = 'https://dev.maxmind.com/geoip/geolite2-free-geolocation-data/#license-keys';
const sample = `${randomToken('maxmind-1', BASE62, 6)}_${randomToken('maxmind-2', BASE62, 29)}_mmk`;
const legacy = randomToken('maxmind-legacy', BASE62, 12);
const conf = (key: string): string => `# GeoIP.conf\nAccountID 123456\nLicenseKey ${key}\nEditionIDs GeoLite2-ASN GeoLite2-City GeoLite2-Country\n`;

const legacyRule = keyedRule({
  id: 'SEC-MAXMIND-LICENSE-KEY-LEGACY', title: 'MaxMind license key (legacy format)',
  description: 'A MaxMind license key without the _mmk suffix (older 12-16 character keys) downloads GeoIP databases and calls the paid GeoIP web services on the account.',
  remediation: REMEDIATION, helpUri: HELP,
  keywords: ['maxmind', 'geoip', 'geolite', 'licensekey'], keyPattern: '(?:maxmind|geoip(?:update)?|geolite2?)[\\w.-]{0,20}license[_.-]?key',
  value: '[A-Za-z0-9]{12,16}', sample: legacy, keys: ['GEOIPUPDATE_LICENSE_KEY', 'maxmind_license_key'],
  extraFlag: [conf(legacy), `ENV MAXMIND_LICENSE_KEY=${legacy}\n`],
  extraNotFlag: [conf('YOUR_LICENSE_KEY_HERE'), conf('000000000000'), inSyntax('env', 'GEOIPUPDATE_ACCOUNT_ID', '123456')],
});

/** GeoIP.conf: `LicenseKey <key>` at the start of a line. */
const GEOIP_CONF = '(?<=(?:^|\\n)[ \\t]{0,8}LicenseKey[ \\t]{1,8})[A-Za-z0-9]{12,16}(?![A-Za-z0-9_])';

export const rules: SecretRule[] = [
  {
    id: 'SEC-MAXMIND-LICENSE-KEY', title: 'MaxMind license key',
    description: 'A MaxMind license key downloads GeoIP/GeoLite databases and calls the paid GeoIP web services (billed per query) on the account.',
    severity: 'high', confidence: 'high',
    remediation: REMEDIATION, helpUri: HELP,
    references: [{ type: 'gitleaks', id: 'maxmind-license-key' }],
    keywords: ['_mmk'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)(?![A-Za-z0-9_])/g,
    window: 'token',
    minEntropy: 3.5,
    priority: 1,
    examples: lazyExamples(() => ({
      mustFlag: [
        ...inSyntaxes('MAXMIND_LICENSE_KEY', sample, ['json', 'yaml', 'env', 'xml', 'pipeline', 'code']),
        conf(sample),
        `curl -O -J -L -u 123456:${sample} 'https://download.maxmind.com/geoip/databases/GeoLite2-City/download?suffix=tar.gz'\n`,
      ],
      mustNotFlag: [
        inSyntax('env', 'MAXMIND_LICENSE_KEY', 'XXXXXX_XXXXXXXXXXXXXXXXXXXXXXXXXXXXX_mmk'),
        inSyntax('env', 'MAXMIND_LICENSE_KEY', `${randomToken('maxmind-3', BASE62, 6)}_${randomToken('maxmind-4', BASE62, 20)}_mmk`),
        inSyntax('env', 'MAXMIND_LICENSE_KEY', '${MAXMIND_LICENSE_KEY}'),
      ],
    })),
  },
  { ...legacyRule, pattern: new RegExp(`${legacyRule.pattern!.source}|${GEOIP_CONF}`, 'gi') },
];
