// MailerLite: classic API keys (32 hex) and new API tokens (JWT), found by key name.
import { HEX, inSyntax, randomToken, BASE64URL } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const classic = randomToken('mailerlite', HEX, 32);
const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = `${b64({ typ: 'JWT', alg: 'RS256' })}.${b64({ aud: '4', jti: randomToken('mailerlite-jti', HEX, 80), iat: 1718000000, nbf: 1718000000, sub: '812345', scopes: [] })}.${randomToken('mailerlite-sig', BASE64URL, 342)}`;

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-MAILERLITE-API-KEY', title: 'MailerLite API key or token',
      description: 'A MailerLite API key (classic, 32 hex) or API token (JWT) manages subscribers, groups and campaigns and sends email from the account.',
      remediation: revokeAt('MailerLite', 'Integrations > MailerLite API > manage tokens > revoke the token'),
      helpUri: 'https://developers.mailerlite.com/docs/#authentication',
      keywords: ['mailerlite', 'mailer_lite', 'mailer-lite'], keyPattern: 'mailer[_-]?lite[\\w.-]{0,20}(?:key|token|secret)',
      value: '[a-f0-9]{32}|eyJ[A-Za-z0-9_-]{10,200}\\.eyJ[A-Za-z0-9_-]{10,2000}\\.[A-Za-z0-9_-]{20,1000}',
      sample: classic, keys: ['MAILERLITE_API_KEY', 'mailerliteApiKey'],
      extraFlag: [
        inSyntax('env', 'MAILERLITE_API_TOKEN', jwt),
        `curl -H "X-MailerLite-ApiKey: ${classic}" https://api.mailerlite.com/api/v2/groups\n`,
        `MAILERLITE_API_KEY := ${classic}\n`,
      ],
      extraNotFlag: [inSyntax('env', 'MAILERLITE_API_KEY', classic.slice(0, 28)), inSyntax('env', 'MAILERLITE_GROUP_ID', '112233445566778899')],
    }),
    // A JWT under a MailerLite name is better told as MailerLite's than as a generic JWT.
    priority: 1,
    references: [{ type: 'trufflehog', id: 'mailerlite', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/mailerlite' }],
  },
];
