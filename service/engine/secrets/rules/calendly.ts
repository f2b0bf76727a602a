// Calendly personal access tokens (JWT shape).
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = `${b64({ kid: '1ce1e136', typ: 'PAT', alg: 'ES512' })}.${b64({ iss: 'https://auth.calendly.com', iat: 1718000000, jti: '4f2b9c1e-7d3a-4e5b-9c6d-1a2b3c4d5e6f', user_uuid: 'a7c3e9f1-2b4d-4c6e-8a0b-c2d4e6f8a0b2' })}.${randomToken('calendly-sig', BASE64URL, 176)}`;

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-CALENDLY-PAT', title: 'Calendly personal access token',
      description: 'A Calendly personal access token (a signed JWT): reads and changes the user\'s event types, scheduled events and invitees (names, emails, answers) and manages webhooks, as the user.',
      remediation: revokeAt('Calendly', 'Integrations & apps > API and webhooks > Personal access tokens > delete the token'),
      helpUri: 'https://developer.calendly.com/how-to-authenticate-with-personal-access-tokens',
      keywords: ['calendly'], keyPattern: 'calendly[\\w.-]{0,20}(?:key|token|pat)',
      value: 'eyJ[A-Za-z0-9_-]{10,300}\\.eyJ[A-Za-z0-9_-]{20,2000}\\.[A-Za-z0-9_-]{20,400}',
      sample: token, keys: ['CALENDLY_API_KEY', 'calendlyToken', 'CALENDLY_PAT'],
      extraFlag: [`calendly_token := "${token}"\n`],
      extraNotFlag: [`CALENDLY_API_KEY=${token.slice(0, 40)}\n`, 'CALENDLY_ORGANIZATION=https://api.calendly.com/organizations/AAAAAAAAAAAAAAAA\n'],
    }),
    // The same span is also a JWT: the provider-specific finding wins.
    priority: 1,
    references: [{ type: 'trufflehog', id: 'calendlyapikey', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/calendlyapikey' }],
  },
];
