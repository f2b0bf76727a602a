// Frame.io: developer tokens (fio-u-…).
import { BASE64URL, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const sample = 'fio-u-' + randomToken('frameio', BASE64URL, 64);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-FRAMEIO-API-TOKEN', title: 'Frame.io developer token', severity: 'high',
      description: 'A Frame.io developer token acts as the user who created it on the Frame.io API: projects, assets and review links within its scopes.',
      prefixes: ['fio-u-'], body: '[A-Za-z0-9_=-]{64}', boundary: '[A-Za-z0-9_=-]', key: 'FRAMEIO_TOKEN', sample,
      remediation: revokeAt('Frame.io', 'developer.frame.io > Tokens > delete the token'),
      helpUri: 'https://developer.frame.io/docs/getting-started/authentication',
      extraFlag: [
        `from frameioclient import FrameioClient\nclient = FrameioClient("${sample}")\n`,
        `token := "${sample}"\n`,
      ],
      extraNotFlag: [inSyntax('env', 'FRAMEIO_TOKEN', sample.slice(0, 60)), inSyntax('env', 'FRAMEIO_TOKEN', 'fio-u-<your-developer-token>')],
    }),
    references: [{ type: 'gitleaks', id: 'frameio-api-token' }],
  },
];
