// Adobe Developer Console OAuth client secrets (p8e-).
import { BASE62, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const secret = 'p8e-' + randomToken('adobe-secret', BASE62, 32);
const clientId = randomToken('adobe-client-id', HEX, 32);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-ADOBE-CLIENT-SECRET', title: 'Adobe OAuth client secret', severity: 'high',
      description: 'An Adobe Developer Console client secret (p8e-): with its client id (32 hex, usually next to it) it obtains server-to-server tokens for the project\'s Adobe APIs (Experience Platform, Analytics, PDF Services, …).',
      prefixes: ['p8e-'], body: '[A-Za-z0-9]{32}', key: 'ADOBE_CLIENT_SECRET', minEntropy: 3.5,
      remediation: revokeAt('the Adobe Developer Console', 'Project > OAuth Server-to-Server credential > Rotate client secret, then delete the old secret'),
      helpUri: 'https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/',
      sample: secret,
      extraFlag: [
        `curl -X POST https://ims-na1.adobelogin.com/ims/token/v3 -d "grant_type=client_credentials&client_id=${clientId}&client_secret=${secret}&scope=openid"\n`,
        `adobe.client.secret=${secret}\n`,
        `clientSecret := "${secret}"\n`,
      ],
      extraNotFlag: [`ADOBE_CLIENT_ID=${clientId}\n`, `ADOBE_CLIENT_SECRET=p8e-${'X'.repeat(32)}\n`, `ADOBE_CLIENT_SECRET=${secret.slice(0, 30)}\n`],
    }),
    references: [
      { type: 'gitleaks', id: 'adobe-client-secret' },
      { type: 'trufflehog', id: 'adobeio', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/adobeio' },
    ],
  },
];
