// Gumroad: OAuth application access tokens (43 characters), by key name or as access_token= in a Gumroad API call.
import { BASE64URL, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('gumroad', BASE64URL, 43);
const base = keyedRule({
  id: 'SEC-GUMROAD-ACCESS-TOKEN', title: 'Gumroad access token',
  description: 'A Gumroad access token reads the seller\'s sales and customers, and edits products, offer codes and licenses.',
  remediation: revokeAt('Gumroad', 'Settings > Advanced > Applications > revoke the application\'s access token'),
  helpUri: 'https://app.gumroad.com/api#api-authentication',
  keywords: ['gumroad'], keyPattern: 'gumroad[\\w.-]{0,20}(?:token|key|secret)', value: '[A-Za-z0-9_-]{43}',
  sample, keys: ['GUMROAD_ACCESS_TOKEN', 'gumroadToken'],
  extraFlag: [
    `curl https://api.gumroad.com/v2/products -X GET -d "access_token=${sample}"\n`,
    `GUMROAD_ACCESS_TOKEN := ${sample}\n`,
    `gumroad.access.token=${sample}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'GUMROAD_ACCESS_TOKEN', sample.slice(0, 40)),
    inSyntax('env', 'GUMROAD_PRODUCT_ID', 'QMGY'),
    'curl https://api.gumroad.com/v2/products -X GET -d "access_token=ACCESS_TOKEN"\n',
  ],
});

/** access_token= in a call to the Gumroad API on the same line. */
const API_CALL = '(?<=gumroad\\.com/[^\\n]{0,200}?access_token=)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${API_CALL}`, 'gi'),
    references: [{ type: 'trufflehog', id: 'gumroad', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/gumroad' }],
  },
];
