// Autodesk Platform Services (formerly Forge) client secrets.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const secret = randomToken('autodesk-secret', BASE62, 16);
const secret64 = randomToken('autodesk-secret64', BASE62, 64);
const clientId = randomToken('autodesk-client-id', BASE62, 32);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-AUTODESK-CLIENT-SECRET', title: 'Autodesk Platform Services client secret',
      description: 'An Autodesk Platform Services (APS, formerly Forge) client secret (16 or 64 characters): with the client id (32 characters, usually next to it) it gets two-legged tokens that read and write the app\'s buckets, models and, through ACC/BIM 360, project data.',
      remediation: revokeAt('Autodesk Platform Services', 'aps.autodesk.com > My Applications > the app > Client secret > Regenerate (or rotate with the secret rotation API)'),
      helpUri: 'https://aps.autodesk.com/en/docs/oauth/v2/developers_guide/create-app/',
      keywords: ['autodesk', 'forge_client_secret', 'forge-client-secret', 'forgeclientsecret', 'aps_client_secret', 'aps-client-secret', 'apsclientsecret'],
      keyPattern: 'autodesk[\\w.-]{0,20}secret|(?:forge|aps)[_-]?client[_-]?secret', value: '[A-Za-z0-9]{64}|[A-Za-z0-9]{16}', minEntropy: 3,
      sample: secret, keys: ['AUTODESK_CLIENT_SECRET', 'FORGE_CLIENT_SECRET', 'APS_CLIENT_SECRET'],
      extraFlag: [`APS_CLIENT_ID=${clientId}\nAPS_CLIENT_SECRET=${secret64}\n`, `forgeClientSecret := "${secret}"\n`],
      extraNotFlag: [`APS_CLIENT_ID=${clientId}\n`, `FORGE_CLIENT_SECRET=${secret.slice(0, 12)}\n`, `client_secret = "${secret}"\n`],
    }),
    references: [{ type: 'trufflehog', id: 'autodesk', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/autodesk' }],
  },
];
