// 1Password: service account tokens (ops_…) and account Secret Keys (A3-…).
import { BASE64URL, UPPER_ALNUM, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const DOCUMENTED_EXAMPLE = 'A3-C4ZJMN-PQTZTL-HGL84-G64M7-KVZRN-4ZVP6';
const u = (seed: string, n: number): string => randomToken(seed, UPPER_ALNUM, n);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-ONEPASSWORD-SERVICE-ACCOUNT-TOKEN', title: '1Password service account token', prefixes: ['ops_eyJ'], body: '[A-Za-z0-9+/=_-]{250,2000}', key: 'OP_SERVICE_ACCOUNT_TOKEN', boundary: '[A-Za-z0-9+/=_-]',
      remediation: revokeAt('1Password', 'Developer Tools > Service accounts > revoke token'), helpUri: 'https://developer.1password.com/docs/service-accounts/',
      sample: 'ops_eyJ' + randomToken('1p', BASE64URL, 300), extraFlag: [inSyntax('env', 'OP_SERVICE_ACCOUNT_TOKEN', 'ops_eyJ' + randomToken('1p-long', BASE64URL, 820))],
    }),
    references: [{ type: 'gitleaks', id: '1password-service-account-token' }],
  },
  {
    ...tokenRule({
      id: 'SEC-ONEPASSWORD-SECRET-KEY', title: '1Password account Secret Key',
      description: 'A 1Password account Secret Key (A3-…): with the account password it unlocks every vault of the account.',
      prefixes: ['A3-'], body: '[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}', key: 'OP_SECRET_KEY', minEntropy: 3.5,
      remediation: 'Regenerate the Secret Key (1Password account > Regenerate Secret Key), change the account password, and sign out every device.',
      helpUri: 'https://support.1password.com/secret-key-security/',
      sample: `A3-${u('1p-sk1', 6)}-${u('1p-sk2', 11)}-${u('1p-sk3', 5)}-${u('1p-sk4', 5)}-${u('1p-sk5', 5)}`,
      extraFlag: [inSyntax('yaml', 'secret_key', `A3-${u('1p-sk6', 6)}-${u('1p-sk7', 6)}-${u('1p-sk8', 5)}-${u('1p-sk9', 5)}-${u('1p-ska', 5)}-${u('1p-skb', 5)}`)],
      // 1Password's documentation shows one example key.
      validate: ({ secret }) => secret !== DOCUMENTED_EXAMPLE,
      extraNotFlag: [inSyntax('env', 'OP_SECRET_KEY', 'A3-ABC123-XXXXXXXXXXX-XXXXX-XXXXX-XXXXX'), inSyntax('env', 'OP_SECRET_KEY', DOCUMENTED_EXAMPLE)],
    }),
    references: [{ type: 'gitleaks', id: '1password-secret-key' }],
  },
];
