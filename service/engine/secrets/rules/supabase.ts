// Supabase access tokens and secret API keys.
import { BASE64URL, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-SUPABASE-ACCESS-TOKEN', title: 'Supabase personal access token', prefixes: ['sbp_'], body: '[a-f0-9]{40}', key: 'SUPABASE_ACCESS_TOKEN',
    remediation: revokeAt('Supabase', 'Account > Access tokens'), sample: 'sbp_' + randomToken('supabase', HEX, 40),
  }),
  tokenRule({
    id: 'SEC-SUPABASE-SECRET-KEY', title: 'Supabase secret API key', prefixes: ['sb_secret_'], body: '[A-Za-z0-9_-]{31}', key: 'SUPABASE_SECRET_KEY', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('Supabase', 'Project settings > API keys'), sample: 'sb_secret_' + randomToken('sbsecret', BASE64URL, 31),
  }),
];
