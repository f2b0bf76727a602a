// DocuSign integration (OAuth client) secret keys.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const uuid = (seed: string): string => `${randomToken(seed + '1', HEX, 8)}-${randomToken(seed + '2', HEX, 4)}-4${randomToken(seed + '3', HEX, 3)}-a${randomToken(seed + '4', HEX, 3)}-${randomToken(seed + '5', HEX, 12)}`;
const secret = uuid('docusign-secret');
const integrationKey = uuid('docusign-ik');

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-DOCUSIGN-SECRET-KEY', title: 'DocuSign secret key',
      description: 'A DocuSign app secret key (UUID): with the integration key (the app\'s client id, also a UUID) it completes authorization-code grants and obtains access tokens to send, read and void envelopes for the users who consented.',
      remediation: revokeAt('DocuSign', 'Settings > Apps and Keys > the app > Authentication > delete the secret key and add a new one'),
      helpUri: 'https://developers.docusign.com/platform/auth/authcode/',
      keywords: ['docusign'], keyPattern: 'docusign[\\w.-]{0,30}(?:secret|password)', value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
      sample: secret, keys: ['DOCUSIGN_CLIENT_SECRET', 'docusignSecretKey', 'DOCUSIGN_SECRET_KEY'],
      extraFlag: [`DOCUSIGN_INTEGRATION_KEY=${integrationKey}\nDOCUSIGN_CLIENT_SECRET=${secret}\n`, `docusign.client.secret=${secret}\n`],
      extraNotFlag: [`DOCUSIGN_INTEGRATION_KEY=${integrationKey}\n`, `DOCUSIGN_ACCOUNT_ID=${integrationKey}\n`, `DOCUSIGN_CLIENT_SECRET=${secret.slice(0, 30)}\n`],
    }),
    references: [{ type: 'trufflehog', id: 'docusign', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/docusign' }],
  },
];
