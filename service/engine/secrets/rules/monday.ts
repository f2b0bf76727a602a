// monday.com: personal API tokens (JWTs), found by key name.
import { BASE64URL, DIGITS, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const sample = `${b64({ alg: 'HS256' })}.${b64({ tid: Number(randomToken('monday-tid', DIGITS, 9)), aai: 11, uid: Number(randomToken('monday-uid', DIGITS, 8)), iad: '2024-03-11T09:14:27.000Z', per: 'me:write', actid: Number(randomToken('monday-act', DIGITS, 8)), rgn: 'use1' })}.${randomToken('monday-sig', BASE64URL, 43)}`;
/** `monday` alone is a weekday: only monday + api/token/key/com names are keywords. */
const KEYWORDS = ['', '_', '-', '.'].flatMap((sep) => ['api', 'token', 'key', 'com'].map((w) => `monday${sep}${w}`));

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-MONDAY-API-TOKEN', title: 'monday.com API token',
      description: 'A monday.com personal API token acts as its user on the monday.com GraphQL API: every board, item and update the user can see, and (for admins) account settings.',
      remediation: revokeAt('monday.com', 'Profile > Developers > My access tokens > regenerate (or Administration > Connections > Personal API token)'),
      helpUri: 'https://developer.monday.com/api-reference/docs/authentication',
      keywords: KEYWORDS, keyPattern: 'monday(?:[_.-]?com)?[_.-]?(?:api[_.-]?)?(?:token|key)',
      value: 'eyJ[A-Za-z0-9_-]{10,100}\\.eyJ[A-Za-z0-9_-]{20,1000}\\.[A-Za-z0-9_-]{20,200}',
      minEntropy: 4, sample, keys: ['MONDAY_API_TOKEN', 'mondayApiKey'],
      extraFlag: [`MONDAY_TOKEN := ${sample}\n`, `monday.api.token=${sample}\n`, `mondayToken := "${sample}"\n`],
      extraNotFlag: [
        inSyntax('env', 'MONDAY_BOARD_ID', '1234567890'),
        inSyntax('env', 'MONDAY_API_TOKEN', sample.split('.').slice(0, 2).join('.')),
        `const days = { monday: "${sample}" };\n`,
      ],
    }),
    // A JWT under a monday.com name is better told as monday.com's than as a generic JWT.
    priority: 1,
    references: [{ type: 'trufflehog', id: 'monday', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/monday' }],
  },
];
