// Figma personal access tokens: figd_ tokens and the older <digits>-<uuid> format.
import { BASE64URL, DIGITS, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const REVOKE = revokeAt('Figma', 'Settings > Security > Personal access tokens');
const HELP = 'https://www.figma.com/developers/api#access-tokens';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-FIGMA-TOKEN', title: 'Figma personal access token', prefixes: ['figd_'], body: '[A-Za-z0-9_-]{38,64}', key: 'FIGMA_TOKEN', severity: 'high', boundary: '[A-Za-z0-9_-]',
    remediation: REVOKE, helpUri: HELP, sample: 'figd_' + randomToken('figma', BASE64URL, 40),
    extraFlag: [`curl -H 'X-Figma-Token: figd_${randomToken('figma2', BASE64URL, 40)}' https://api.figma.com/v1/me\n`],
  }),
  keyedRule({
    id: 'SEC-FIGMA-TOKEN-LEGACY', title: 'Figma personal access token (legacy format)', severity: 'high', remediation: REVOKE, helpUri: HELP,
    description: 'A Figma personal access token in the format used before figd_ (digits, a dash and a UUID): read access to every file the user can open.',
    keywords: ['figma'], keyPattern: 'figma[A-Za-z0-9_.-]{0,20}(?:token|pat|api[_-]?key|access[_-]?key)',
    value: '[0-9]{5,7}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    sample: randomToken('figma-legacy', DIGITS, 6).replace(/^0/, '4') + '-6c1f0e2d-93ab-4d7e-b1a2-5f8c3e9d0a7b', keys: ['FIGMA_TOKEN', 'figmaPersonalAccessToken', 'X-Figma-Token'],
    extraNotFlag: [inSyntax('env', 'FIGMA_FILE_KEY', '123456-6c1f0e2d-93ab-4d7e-b1a2-5f8c3e9d0a7b')],
  }),
];
