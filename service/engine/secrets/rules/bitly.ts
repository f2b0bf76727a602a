// Bitly generic access tokens.
import { HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

const token = randomToken('bitly', HEX, 40);

export const rules: SecretRule[] = [
  {
    ...keyedRule({
      id: 'SEC-BITLY-ACCESS-TOKEN', title: 'Bitly access token',
      description: 'A Bitly generic access token (40 hex): creates and edits short links and QR codes, and reads click metrics, as the user.',
      remediation: revokeAt('Bitly', 'Settings > Developer settings > API > generic access tokens > delete the token'),
      helpUri: 'https://dev.bitly.com/docs/getting-started/authentication/',
      keywords: ['bitly'], keyPattern: 'bitly[\\w.-]{0,20}(?:key|token|secret)', value: '[a-f0-9]{40}',
      sample: token, keys: ['BITLY_ACCESS_TOKEN', 'bitlyToken', 'BITLY_API_KEY'],
      extraFlag: [`bitly_token := "${token}"\n`, `bitly.access.token=${token}\n`],
      extraNotFlag: [`BITLY_ACCESS_TOKEN=${token.slice(0, 32)}\n`, 'BITLY_GROUP_GUID=Bj4a1b2C3d4\n', `commit: ${token}\n`],
    }),
    references: [{ type: 'trufflehog', id: 'bitlyaccesstoken', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/bitlyaccesstoken' }],
  },
];
