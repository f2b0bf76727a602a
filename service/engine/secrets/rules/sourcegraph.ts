// Sourcegraph access tokens: sgp_ tokens (with an instance identifier or 'local'), and legacy
// 40-hex tokens found by key name.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const sample = `sgp_${randomToken('sg-instance', HEX, 16)}_${randomToken('sg-token', HEX, 40)}`;
const local = `sgp_local_${randomToken('sg-local', HEX, 40)}`;
const legacy = randomToken('sg-legacy', HEX, 40);
const REMEDIATION = revokeAt('Sourcegraph', 'User settings > Access tokens > Delete, or Site admin > Users for another user\'s token');
const HELP = 'https://sourcegraph.com/docs/cli/how-tos/creating_an_access_token';

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-SOURCEGRAPH-ACCESS-TOKEN', title: 'Sourcegraph access token', prefixes: ['sgp_'], body: '(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}', key: 'SRC_ACCESS_TOKEN', severity: 'high', minEntropy: 3,
      description: 'A Sourcegraph access token acts as its user on the instance: it searches and reads every repository the user can see (a site admin\'s token administers the instance, sudo-scoped tokens act as any user).',
      remediation: REMEDIATION, helpUri: HELP,
      sample,
      extraFlag: [
        `export SRC_ENDPOINT=https://sourcegraph.example.com\nexport SRC_ACCESS_TOKEN=${local}\n`,
        `curl -H 'Authorization: token ${sample}' https://sourcegraph.example.com/.api/graphql -d '{"query":"{currentUser{username}}"}'\n`,
        `environment("SRC_ACCESS_TOKEN", "${sample}")\n`,
      ],
      extraNotFlag: [
        `SRC_ACCESS_TOKEN=sgp_${'0'.repeat(16)}_${'0'.repeat(40)}\n`,
        `SRC_ACCESS_TOKEN=sgp_${randomToken('sg-short', HEX, 16)}_${randomToken('sg-short2', HEX, 30)}\n`,
      ],
    }),
    references: [{ type: 'gitleaks', id: 'sourcegraph-access-token' }],
  },
  keyedRule({
    id: 'SEC-SOURCEGRAPH-LEGACY-TOKEN', title: 'Sourcegraph access token (legacy 40-hex format)',
    description: 'A Sourcegraph access token from before the sgp_ prefix: it acts as its user on the instance, reading every repository the user can see.',
    remediation: REMEDIATION, helpUri: HELP,
    keywords: ['sourcegraph', 'src_access_token'],
    keyPattern: 'sourcegraph[\\w.-]{0,20}(?:token|key)|src_access_token',
    value: '[a-f0-9]{40}', sample: legacy,
    keys: ['SRC_ACCESS_TOKEN', 'SOURCEGRAPH_TOKEN', 'sourcegraphAccessToken'],
    extraFlag: [`sourcegraphToken := "${legacy}"\n`],
    extraNotFlag: [`SOURCEGRAPH_COMMIT=${legacy.slice(0, 12)}\n`, `SOURCEGRAPH_URL=https://sourcegraph.com\n`],
  }),
];
