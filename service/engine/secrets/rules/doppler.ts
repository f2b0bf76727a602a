// Doppler tokens.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-DOPPLER-TOKEN', title: 'Doppler token', prefixes: ['dp.pt.', 'dp.st.', 'dp.ct.', 'dp.sa.', 'dp.scim.', 'dp.audit.'], body: '[A-Za-z0-9_.-]{40,44}', key: 'DOPPLER_TOKEN', boundary: '[A-Za-z0-9_.-]',
    remediation: revokeAt('Doppler', 'the token\'s project config > Access, or Team > Service accounts'), sample: 'dp.st.' + randomToken('doppler', BASE62, 43),
  }),
];
