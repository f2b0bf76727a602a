// Vercel: prefixed tokens and API keys (vcp_, vci_, vca_, vcr_, vck_) and the older unprefixed
// 24-character access tokens, found by their key name.
import { BASE62, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const REVOKE = revokeAt('Vercel', 'Account settings > Tokens, or the team\'s API keys and integrations');
const HELP = 'https://vercel.com/docs/accounts/access-tokens';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-VERCEL-TOKEN', title: 'Vercel access token', remediation: REVOKE, helpUri: HELP,
    keywords: ['vercel'], keyPattern: 'vercel[A-Za-z0-9_.-]{0,20}(?:token|key|secret)', value: '[A-Za-z0-9]{24}',
    sample: randomToken('vercel', BASE62, 24), keys: ['VERCEL_TOKEN', 'vercelApiToken', 'VERCEL_AUTH_TOKEN'],
  }),
  tokenRule({
    id: 'SEC-VERCEL-ACCESS-TOKEN', title: 'Vercel personal, integration or app token or API key',
    description: 'A Vercel credential in the prefixed format (vcp_ personal token, vci_ integration token, vca_ app access token, vcr_ app refresh token, vck_ API key): deploys, reads environment variables and manages projects within its scope.',
    prefixes: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'], body: '[A-Za-z0-9]{24,100}', key: 'VERCEL_TOKEN', minEntropy: 4,
    validate: ({ secret }) => /[0-9]/.test(secret.slice(4)) && /[a-z]/.test(secret.slice(4)) && /[A-Z]/.test(secret.slice(4)),
    remediation: REVOKE, helpUri: 'https://vercel.com/changelog/new-token-formats-and-secret-scanning', sample: 'vcp_' + randomToken('vercel-vcp', BASE62, 56),
    extraFlag: [inSyntax('env', 'VERCEL_API_KEY', 'vck_' + randomToken('vercel-vck', BASE62, 56)), `npx vercel --token vci_${randomToken('vercel-vci', BASE62, 56)}\n`],
    extraNotFlag: ['const vcp_DefaultConfigurationSettings = 1;\n', inSyntax('code', 'name', 'vca_configurationmanagerabcdef')],
  }),
];
