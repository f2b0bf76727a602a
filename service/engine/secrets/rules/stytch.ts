// Stytch project secrets: secret-live- / secret-test- and 35 characters, used with the project id
// (project-live-<uuid>) as HTTP basic auth.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { tokenRule } from './helpers';

const live = 'secret-live-' + randomToken('stytch-live', BASE64URL, 35) + '=';
const test = 'secret-test-' + randomToken('stytch-test', BASE64URL, 35) + '=';
const projectId = 'project-live-c8e1f2a3-4b5d-46e7-98f0-a1b2c3d4e5f6';
const REMEDIATION = 'Create a new secret in the Stytch dashboard (Project > API keys > Create new secret), deploy it, then delete the leaked one.';
const HELP = 'https://stytch.com/docs/api/authentication';
const trufflehog = { type: 'trufflehog', id: 'stytch', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/stytch' } as const;

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-STYTCH-SECRET', title: 'Stytch live project secret', prefixes: ['secret-live-'], body: '[A-Za-z0-9_-]{35}={0,2}', key: 'STYTCH_SECRET', boundary: '[A-Za-z0-9_-]',
      description: 'A Stytch live project secret, with the project id beside it, calls the backend API as the project: it creates and deletes users, reads their emails and phone numbers, and starts or authenticates their sessions.',
      remediation: REMEDIATION, helpUri: HELP,
      sample: live,
      extraFlag: [
        `client = stytch.Client(project_id="${projectId}", secret="${live}")\n`,
        `curl --request GET --url https://api.stytch.com/v1/users/pending -u '${projectId}:${live}'\n`,
      ],
      extraNotFlag: [`STYTCH_SECRET=secret-live-${randomToken('stytch-short', BASE64URL, 20)}\n`, `STYTCH_PROJECT_ID=${projectId}\n`],
    }),
    references: [trufflehog],
  },
  {
    ...tokenRule({
      id: 'SEC-STYTCH-TEST-SECRET', title: 'Stytch test project secret', prefixes: ['secret-test-'], body: '[A-Za-z0-9_-]{35}={0,2}', key: 'STYTCH_SECRET', boundary: '[A-Za-z0-9_-]', severity: 'medium',
      description: 'A Stytch test-environment project secret: it reaches only the test environment\'s users and sessions, but those are often copies of real sign-ups.',
      remediation: REMEDIATION, helpUri: HELP,
      sample: test,
      extraFlag: [`const client = new stytch.Client({ project_id: 'project-test-c8e1f2a3-4b5d-46e7-98f0-a1b2c3d4e5f6', secret: '${test}' });\n`],
      extraNotFlag: [`STYTCH_SECRET=secret-test-${'x'.repeat(35)}=\n`],
    }),
    references: [trufflehog],
  },
];
