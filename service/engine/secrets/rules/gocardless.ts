// GoCardless: live access tokens (live_ + 40 characters), by key name or in a client constructor.
import { BASE64URL, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = 'live_' + randomToken('gocardless', BASE64URL, 40);
const base = keyedRule({
  id: 'SEC-GOCARDLESS-ACCESS-TOKEN', title: 'GoCardless live access token', severity: 'critical',
  description: 'A GoCardless live access token creates mandates and collects or refunds payments from customers\' bank accounts. Sandbox tokens (sandbox_) are not flagged.',
  remediation: revokeAt('GoCardless', 'Dashboard > Developers > Access tokens > revoke'),
  helpUri: 'https://developer.gocardless.com/getting-started/api/making-your-first-request/',
  keywords: ['gocardless'], keyPattern: 'gocardless[\\w.-]{0,20}(?:token|key|secret)', value: 'live_[A-Za-z0-9_=-]{40}',
  sample, keys: ['GOCARDLESS_ACCESS_TOKEN', 'gocardlessToken'],
  extraFlag: [
    `import gocardless_pro\nclient = gocardless_pro.Client(access_token="${sample}", environment="live")\n`,
    `GOCARDLESS_ACCESS_TOKEN := ${sample}\n`,
  ],
  extraNotFlag: [
    inSyntax('env', 'GOCARDLESS_ACCESS_TOKEN', 'sandbox_' + randomToken('gocardless-sb', BASE64URL, 40)),
    inSyntax('env', 'GOCARDLESS_ACCESS_TOKEN', sample.slice(0, 30)),
    'client = gocardless_pro.Client(access_token="live_YOUR_ACCESS_TOKEN", environment="live")\n',
  ],
});

/** access_token= in a GoCardless client constructor on the same line. */
const CONSTRUCTOR = '(?<=gocardless[^\\n]{0,80}?access_?token[ \\t]{0,4}[=:][ \\t]{0,4}["\'])live_[A-Za-z0-9_=-]{40}(?![A-Za-z0-9_=-])';

export const rules: SecretRule[] = [
  {
    ...base,
    pattern: new RegExp(`${base.pattern!.source}|${CONSTRUCTOR}`, 'gi'),
    references: [{ type: 'gitleaks', id: 'gocardless-api-token' }],
  },
];
