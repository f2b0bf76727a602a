// Vercel access tokens.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-VERCEL-TOKEN', title: 'Vercel access token', remediation: revokeAt('Vercel', 'Account settings > Tokens'),
    keywords: ['vercel'], keyPattern: 'vercel[A-Za-z0-9_.-]{0,20}(?:token|key)', value: '[A-Za-z0-9]{24}',
    sample: randomToken('vercel', BASE62, 24), keys: ['VERCEL_TOKEN'],
  }),
];
