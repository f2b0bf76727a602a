// Brevo (Sendinblue) API keys.
import { BASE62, HEX, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-BREVO-API-KEY', title: 'Brevo (Sendinblue) API key', prefixes: ['xkeysib-'], body: '[a-f0-9]{64}-[A-Za-z0-9]{16}', key: 'BREVO_API_KEY', severity: 'high',
    remediation: revokeAt('Brevo', 'SMTP & API > API keys'), sample: 'xkeysib-' + randomToken('brevo', HEX, 64) + '-' + randomToken('brevo2', BASE62, 16),
  }),
];
