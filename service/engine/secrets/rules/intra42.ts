// 42 (Intra): OAuth application secrets (s-s4t2ud- / s-s4t2af- + 64 hex).
import { HEX, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const sample = 's-s4t2ud-' + randomToken('intra42', HEX, 64);
const uid = 'u-s4t2ud-' + randomToken('intra42-uid', HEX, 64);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-INTRA42-CLIENT-SECRET', title: '42 Intra API client secret', severity: 'high',
      description: 'The secret of a 42 Intra OAuth application (paired with its u-s4t2ud- uid): it obtains tokens for the 42 API as the application, reaching students\' profiles and school data.',
      prefixes: ['s-s4t2ud-', 's-s4t2af-'], keywords: ['intra.42.fr'], body: '[a-f0-9]{64}', key: 'FT_CLIENT_SECRET', sample,
      remediation: revokeAt('the 42 Intra', 'profile.intra.42.fr/oauth/applications > the application > Replace now (secret rotation)'),
      helpUri: 'https://api.intra.42.fr/apidoc/guides/getting_started',
      extraFlag: [
        `curl -X POST --data "grant_type=client_credentials&client_id=${uid}&client_secret=${sample}" https://api.intra.42.fr/oauth/token\n`,
        `INTRA_SECRET := ${sample}\n`,
      ],
      extraNotFlag: [inSyntax('env', 'FT_CLIENT_ID', uid), inSyntax('env', 'FT_CLIENT_SECRET', sample.slice(0, 60)), inSyntax('env', 'FT_CLIENT_SECRET', 's-s4t2ud-<secret>')],
    }),
    references: [{ type: 'gitleaks', id: 'intra42-client-secret' }],
  },
];
