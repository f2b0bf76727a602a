// Microsoft Entra ID (Azure AD) application client secrets.
import { randomToken, inSyntax, inSyntaxes, notSecrets, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule } from './helpers';

const ENTRA_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_~';
const REMEDIATION = 'Delete the secret from the app registration (Entra ID > App registrations > Certificates & secrets) after issuing a replacement; prefer certificates, managed identities or workload identity federation over client secrets.';
const HELP = 'https://learn.microsoft.com/entra/identity-platform/howto-create-service-principal-portal';

const secret = randomToken('entra-a', ENTRA_CHARS, 3) + '8Q~' + randomToken('entra-b', ENTRA_CHARS, 34);
const secret7 = randomToken('entra-c', ENTRA_CHARS, 3) + '7Q~' + randomToken('entra-d', ENTRA_CHARS, 31);

export const entraClientSecret: SecretRule = {
  id: 'SEC-AZURE-ENTRA-CLIENT-SECRET',
  title: 'Microsoft Entra ID client secret',
  description: 'An application (service principal) client secret in the identifiable "Q~" format: it signs in as the app with every permission the app holds.',
  severity: 'critical',
  confidence: 'high',
  remediation: REMEDIATION,
  helpUri: HELP,
  keywords: ['0q~', '1q~', '2q~', '3q~', '4q~', '5q~', '6q~', '7q~', '8q~', '9q~'],
  pattern: /(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/g,
  window: 'token',
  priority: 1,
  examples: lazyExamples(() => ({
    mustFlag: [
      ...inSyntaxes('AZURE_CLIENT_SECRET', secret),
      inSyntax('tf', 'client_secret', secret7),
      `az login --service-principal -u 5a1c2b3d-1111-2222-3333-444455556666 -p ${secret} --tenant contoso.onmicrosoft.com\n`,
    ],
    mustNotFlag: [
      ...notSecrets('AZURE_CLIENT_SECRET', secret),
      inSyntax('yaml', 'AZURE_CLIENT_SECRET', secret.slice(0, 20)),
      inSyntax('yaml', 'note', 'see 8Q~ format docs'),
    ],
  })),
};

const legacySecret = randomToken('entra-legacy', ENTRA_CHARS + '[]:@=?*/+', 34);

export const entraClientSecretLegacy: SecretRule = keyedRule({
  id: 'SEC-AZURE-CLIENT-SECRET-ASSIGNMENT',
  title: 'Azure client secret assigned to a client-secret setting',
  description: 'A high-entropy value assigned to AZURE_CLIENT_SECRET, ARM_CLIENT_SECRET, ClientSecret or client_secret: an app registration password (older formats have no signature).',
  severity: 'critical',
  confidence: 'medium',
  remediation: REMEDIATION,
  helpUri: HELP,
  keywords: ['client_secret', 'clientsecret', 'client-secret', 'clientpassword', 'client_password', 'sp_password', 'serviceprincipalkey', 'spn_secret'],
  keyPattern: 'client[_-]?secret|client[_-]?password|sp[_-]?password|servicePrincipalKey|spn[_-]?secret',
  value: '[A-Za-z0-9_~.\\-\\[\\]:@=?*/+]{32,44}',
  sample: legacySecret,
  keys: ['AZURE_CLIENT_SECRET', 'ARM_CLIENT_SECRET', 'ClientSecret', 'servicePrincipalKey'],
  minEntropy: 4,
});

export const rules: SecretRule[] = [entraClientSecret, entraClientSecretLegacy];
