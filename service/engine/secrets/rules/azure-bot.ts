// Azure Bot Service app passwords.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-AZURE-BOT-APP-PASSWORD', title: 'Azure Bot Service app password', severity: 'high', confidence: 'medium',
    remediation: 'Create a new client secret for the bot\'s app registration and delete the leaked one (Entra ID > App registrations > Certificates & secrets).',
    keywords: ['microsoftapppassword', 'microsoft_app_password', 'botapppassword'],
    keyPattern: 'MicrosoftAppPassword|microsoft_app_password|BotAppPassword',
    value: '[A-Za-z0-9_~.\\-+/=!@#$%^&*]{16,64}', sample: randomToken('botpwd', BASE62 + '.-_~', 34), keys: ['MicrosoftAppPassword', 'MICROSOFT_APP_PASSWORD'], minEntropy: 3.8,
  }),
];
