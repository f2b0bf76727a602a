// LinkedIn: OAuth client secrets (16 characters), found by key name; the 14-character client id is paired.
import { ALNUM_LOWER, BASE62, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const sample = randomToken('linkedin', BASE62, 16);
const clientId = randomToken('linkedin-id', ALNUM_LOWER, 14);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-LINKEDIN-CLIENT-SECRET', title: 'LinkedIn client secret',
      description: 'The client secret of a LinkedIn application (paired with its 14-character client id): it exchanges authorization codes for member tokens and obtains application tokens, acting as the app.',
      remediation: revokeAt('LinkedIn', 'linkedin.com/developers/apps > the app > Auth > generate a new client secret, then delete the old one'),
      helpUri: 'https://learn.microsoft.com/en-us/linkedin/shared/authentication/application-secret-management',
      keywords: ['linkedin', 'linked_in', 'linked-in'], keyPattern: 'linked[_-]?in[\\w.-]{0,20}(?:secret|key|token|password)', value: '[A-Za-z0-9]{16}',
      sample, keys: ['LINKEDIN_CLIENT_SECRET', 'linkedinClientSecret'],
      extraFlag: [
        `spring.security.oauth2.client.registration.linkedin.client-secret=${sample}\n`,
        `LINKEDIN_CLIENT_SECRET := ${sample}\n`,
        `linkedinSecret := "${sample}"\n`,
      ],
      extraNotFlag: [
        inSyntax('env', 'LINKEDIN_CLIENT_ID', clientId),
        inSyntax('env', 'LINKEDIN_CLIENT_SECRET', sample.slice(0, 12)),
        inSyntax('env', 'LINKEDIN_URL', 'https://www.linkedin.com/company/contoso'),
      ],
    }),
    references: [{ type: 'gitleaks', id: 'linkedin-client-secret' }],
  },
];
