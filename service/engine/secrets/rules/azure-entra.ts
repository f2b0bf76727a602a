// Microsoft Entra ID (Azure AD) application client secrets.
import { randomToken, inSyntax, inSyntaxes, notSecrets, lazyExamples } from '../examples';
import { isPlaceholder, isTemplateReference } from '../allowlist';
import { shannonEntropy } from '../entropy';
import type { RawHit } from '../rule';
import type { SecretRule } from '../rule';
import { CODE_FILE, keyedRule } from './helpers';

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

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** `name: value` / `name = "value"` / `"name": "value"`, the quotes possibly escaped (JSON in a string). */
const assignment = (name: string, value: string): string => `(?<![A-Za-z0-9_])\\\\?["']?${name}\\\\?["']?[ \\t]{0,8}(?::|=|=>)[ \\t]{0,8}\\\\?["']?${value}`;
const TENANT = new RegExp(assignment('(?:[A-Za-z]{0,12}[_-]?)?tenant(?:[_-]?id)?', `(?<id>${UUID})`), 'i');
const CLIENT = new RegExp(assignment('(?:[A-Za-z]{0,12}[_-]?)?(?:app(?:lication)?|client)[_-]?id', `(?<id>${UUID})`), 'i');
const SECRET = new RegExp(assignment('(?<key>[A-Za-z0-9_.-]{0,30}(?:secret|password|passwd|pwd))', '(?<value>[A-Za-z0-9_~.\\-+/=:@!#%^&*?\\[\\]]{16,64})(?![A-Za-z0-9_~.\\-+/=:@!#%^&*?\\[\\]])'), 'gi');

/**
 * A secret or password assigned next to a tenant id and a client (app) id, as `az ad sp
 * create-for-rbac`, Terraform provider blocks and app settings write them: the service principal's
 * credential, whatever its key is called.
 */
export function findServicePrincipalSecrets(window: string, path = ''): RawHit[] {
  const tenant = TENANT.exec(window);
  if (!tenant || !CLIENT.test(window)) return [];
  const hits: RawHit[] = [];
  SECRET.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SECRET.exec(window)) !== null) {
    const value = m.groups?.value ?? '';
    const key = m.groups?.key ?? '';
    if (/(?:^|[_.-])(?:id|name|uri|url|type|expir\w*|hint)$/i.test(key) || new RegExp(`^${UUID}$`).test(value)) continue;
    if (shannonEntropy(value) < 3.5 || isTemplateReference(value) || isPlaceholder(value, true)) continue;
    // In source code only a quoted literal is a value: `mapSecret: SessionCacheProps` is a type.
    const quote = window[m.index + m[0].length - value.length - 1];
    if (CODE_FILE.test(path) && quote !== '"' && quote !== "'" && quote !== '`') continue;
    if (/^(?:[A-Z][a-z0-9]+){2,}$/.test(value)) continue;
    hits.push({ index: m.index + m[0].length - value.length, value, detail: `next to tenant '${tenant.groups?.id.slice(0, 8)}…' and its client id` });
  }
  return hits;
}

const spSecret = randomToken('entra-sp', ENTRA_CHARS, 40);
const TENANT_ID = '3c9e8d41-86f1-41af-91ab-2d7cd011db47';
const APP_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';

export const servicePrincipalSecret: SecretRule = {
  id: 'SEC-AZURE-SERVICE-PRINCIPAL-SECRET',
  title: 'Azure service principal secret next to its tenant and client ids',
  description: 'A secret or password assigned beside a tenant id and an app (client) id: a service principal credential, complete enough to sign in as the app.',
  severity: 'critical',
  confidence: 'medium',
  remediation: REMEDIATION,
  helpUri: 'https://learn.microsoft.com/cli/azure/azure-cli-sp-tutorial-1',
  references: [{ type: 'trufflehog', id: 'azure', url: 'https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors/azure_entra' }],
  keywords: ['tenant'],
  find: findServicePrincipalSecrets,
  window: 'document',
  // Below the client-secret assignment and the Q~ rule (same spans keep their findings), above generic passwords.
  priority: -0.5,
  examples: lazyExamples(() => ({
    mustFlag: [
      `{\n  "appId": "${APP_ID}",\n  "displayName": "azure-cli-2024-05-02-10-11-12",\n  "password": "${spSecret}",\n  "tenant": "${TENANT_ID}"\n}\n`,
      `provider "azurerm" {\n  features {}\n  subscription_id = "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d"\n  client_id       = "${APP_ID}"\n  client_secret   = "${randomToken('entra-sp2', ENTRA_CHARS, 24)}"\n  tenant_id       = "${TENANT_ID}"\n}\n`,
      `azure:\n  tenantId: ${TENANT_ID}\n  clientId: ${APP_ID}\n  clientPassword: "${randomToken('entra-sp3', ENTRA_CHARS + '!@#', 28)}"\n`,
      `"credentials": "{\\"clientId\\": \\"${APP_ID}\\", \\"clientSecret\\": \\"${randomToken('entra-sp4', ENTRA_CHARS, 20)}\\", \\"tenantId\\": \\"${TENANT_ID}\\"}"\n`,
    ],
    mustNotFlag: [
      `{\n  "appId": "${APP_ID}",\n  "password": "\${AZURE_CLIENT_SECRET}",\n  "tenant": "${TENANT_ID}"\n}\n`,
      `{\n  "appId": "${APP_ID}",\n  "secretId": "${APP_ID}",\n  "tenant": "${TENANT_ID}"\n}\n`,
      `password: "${spSecret}"\ntenant: contoso\n`,
      `client_id = "${APP_ID}"\nclient_secret = "<client-secret>"\ntenant_id = "${TENANT_ID}"\n`,
      `{\n  "tenantId": "${TENANT_ID}",\n  "clientId": "${APP_ID}",\n  "passwordPolicy": "DisablePasswordExpirationPolicy"\n}\n`,
      `const ids = {\n  "tenantId": "${TENANT_ID}",\n  "clientId": "${APP_ID}",\n};\nexport async function load(mapSecret: SessionCacheProps): Promise<void> {}\n`,
    ],
  })),
};

export const rules: SecretRule[] = [entraClientSecret, entraClientSecretLegacy, servicePrincipalSecret];
