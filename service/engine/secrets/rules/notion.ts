// Notion integration tokens.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

/**
 * `secret_` is a frequent word (secret_key, secret_name): only a prefix followed by the token's 43
 * alphanumerics is tried (the body holds no '_', so a keyword hit can only be the prefix).
 */
function bodyFollows(bytes: Uint8Array, at: number): boolean {
  if (at + 43 > bytes.length) return false;
  for (let i = at; i < at + 43; i++) {
    const b = bytes[i];
    if (!((b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122))) return false;
  }
  return true;
}

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-NOTION-TOKEN', title: 'Notion integration token', prefixes: ['ntn_', 'secret_'], body: '[A-Za-z0-9]{43,46}', key: 'NOTION_TOKEN', severity: 'high',
      remediation: revokeAt('Notion', 'Settings > Connections > Develop or manage integrations > refresh secret'), sample: 'ntn_' + randomToken('notion', BASE62, 46),
    }),
    follows: bodyFollows,
  },
];
