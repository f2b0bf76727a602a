// Asana personal access tokens.
import { BASE62, DIGITS, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-ASANA-PAT', title: 'Asana personal access token', remediation: revokeAt('Asana', 'My settings > Apps > Developer apps'),
    keywords: ['asana'], keyPattern: 'asana[A-Za-z0-9_.-]{0,20}(?:token|pat|key)', value: '[0-9]/[0-9]{16}:[A-Za-z0-9]{32}|2/[0-9]{16}/[0-9]{16}:[a-f0-9]{32}',
    sample: '1/' + randomToken('asana1', DIGITS, 16) + ':' + randomToken('asana2', BASE62, 32), keys: ['ASANA_TOKEN'],
  }),
];
