// Okta API tokens (00 + 40 characters): assigned to an Okta-named setting, or sent in an
// `Authorization: SSWS …` header.
import { BASE64URL, lazyExamples, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const REVOKE = revokeAt('the Okta admin console', 'Security > API > Tokens');
const HELP = 'https://developer.okta.com/docs/guides/create-an-api-token/main/';

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-OKTA-API-TOKEN', title: 'Okta API token', severity: 'critical', remediation: REVOKE, helpUri: HELP,
      keywords: ['okta'], keyPattern: 'okta[A-Za-z0-9_.-]{0,20}(?:token|key|secret)', value: '00[A-Za-z0-9_-]{40}',
      sample: '00' + randomToken('okta', BASE64URL, 40), keys: ['OKTA_API_TOKEN', 'oktaToken', 'OKTA_CLIENT_TOKEN'],
    }),
    references: [{ type: 'gitleaks', id: 'okta-access-token' }],
  },
  {
    id: 'SEC-OKTA-API-TOKEN-SSWS',
    title: 'Okta API token in an SSWS Authorization header',
    description: 'An Okta API token after Okta\'s SSWS authorization scheme: it calls the Okta management API with the rights of the admin who created it.',
    severity: 'critical',
    confidence: 'high',
    remediation: REVOKE,
    helpUri: HELP,
    keywords: ['ssws '],
    pattern: /\bSSWS[ \t]{1,4}(?<secret>00[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])/g,
    window: 'token',
    priority: 1,
    examples: lazyExamples(() => ({
      mustFlag: [
        `curl -H "Authorization: SSWS 00${randomToken('okta-ssws', BASE64URL, 40)}" https://contoso.okta.com/api/v1/users/me\n`,
        `headers = {"Accept": "application/json", "Authorization": "SSWS 00${randomToken('okta-ssws2', BASE64URL, 40)}"}\n`,
        `Authorization: SSWS 00${randomToken('okta-ssws3', BASE64URL, 40)}\n`,
      ],
      mustNotFlag: [
        'curl -H "Authorization: SSWS ${OKTA_API_TOKEN}" https://contoso.okta.com/api/v1/users/me\n',
        'Authorization: SSWS 00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n',
        'Authorization: SSWS {apiToken}\n',
      ],
    })),
  },
];
