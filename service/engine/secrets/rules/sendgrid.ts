// SendGrid API keys.
import { BASE64URL, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-SENDGRID-API-KEY', title: 'SendGrid API key', prefixes: ['SG.'], body: '[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}', key: 'SENDGRID_API_KEY', boundary: '[A-Za-z0-9_.-]',
    remediation: revokeAt('SendGrid', 'Settings > API Keys > delete'), helpUri: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
    sample: 'SG.' + randomToken('sg1', BASE64URL, 22) + '.' + randomToken('sg2', BASE64URL, 43),
  }),
];
