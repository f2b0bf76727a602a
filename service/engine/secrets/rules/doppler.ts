// Doppler tokens.
import { BASE62, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-DOPPLER-TOKEN', title: 'Doppler token', prefixes: ['dp.pt.', 'dp.st.', 'dp.ct.', 'dp.sa.', 'dp.scim.', 'dp.audit.'], body: '[A-Za-z0-9_.-]{40,100}', key: 'DOPPLER_TOKEN', boundary: '[A-Za-z0-9_.-]',
    remediation: revokeAt('Doppler', 'the token\'s project config > Access, or Team > Service accounts'), sample: 'dp.st.' + randomToken('doppler', BASE62, 43), helpUri: 'https://docs.doppler.com/reference/auth-token-formats',
    // Service tokens may carry the config name: dp.st.<config>.<token>.
    extraFlag: [inSyntax('env', 'DOPPLER_TOKEN', 'dp.st.prd.' + randomToken('doppler-prd', BASE62, 43)), inSyntax('yaml', 'doppler_token', 'dp.pt.' + randomToken('doppler-pt', BASE62, 43))],
  }),
];
