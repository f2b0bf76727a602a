// ClickUp personal API tokens.
import { DIGITS, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-CLICKUP-TOKEN', title: 'ClickUp personal API token', prefixes: ['pk_'], body: '[0-9]{6,9}_[0-9A-Z]{32}', key: 'CLICKUP_TOKEN', severity: 'high',
    remediation: revokeAt('ClickUp', 'Settings > Apps > API token > Regenerate'), sample: 'pk_' + randomToken('clickup1', DIGITS, 8) + '_' + randomToken('clickup2', '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 32),
  }),
];
