// Zeplin personal access tokens (JWTs), found by key name.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const b64url = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const sample = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ aud: 'zeplin', iss: 'zeplin:api.zeplin.io', sub: randomToken('zeplin-sub', '0123456789abcdef', 24), scope: 'read write', iat: 1718000000, jti: randomToken('zeplin-jti', BASE64URL, 24) })}.${randomToken('zeplin-sig', BASE64URL, 43)}`;

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-ZEPLIN-TOKEN', title: 'Zeplin personal access token',
      description: 'A Zeplin personal access token acts as its user on the Zeplin API: it reads (and with write scope changes) the designs, screens, components and comments of every project and styleguide the user belongs to.',
      remediation: revokeAt('Zeplin', 'app.zeplin.io > Profile > Developer > Personal access tokens > Revoke'),
      helpUri: 'https://docs.zeplin.dev/docs/getting-started-with-zeplin-api',
      keywords: ['zeplin'],
      keyPattern: 'zeplin[\\w.-]{0,20}(?:token|key)',
      value: 'eyJ[A-Za-z0-9_-]{10,500}\\.eyJ[A-Za-z0-9_-]{10,2000}\\.[A-Za-z0-9_-]{20,500}', sample,
      keys: ['ZEPLIN_ACCESS_TOKEN', 'zeplinToken', 'zeplin.personal.token'],
      extraFlag: [`zeplinToken := "${sample}"\n`],
      extraNotFlag: [`ZEPLIN_PROJECT_ID=5f8a3c2e1b9d4a0012c3e4f5\n`, `ZEPLIN_ACCESS_TOKEN=eyJhbGciOiJIUzI1NiJ9.\${PAYLOAD}.\${SIG}\n`],
    }),
    // A JWT: this rule names the provider, so it wins over the generic JWT rule on the same span.
    priority: 1,
    references: [{ type: 'trufflehog', id: 'zeplin', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/zeplin' }],
  },
];
