// Azure Storage: connection strings, account keys (plain and identifiable), SAS tokens.
import { randomBase64, inSyntax, inSyntaxes, notSecrets, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { identifiableRule } from './azure-keys';
import { keyedRule } from './helpers';

const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const ROTATE_STORAGE = 'Rotate the account key in the Azure portal (Storage account > Security + networking > Access keys > Rotate key) or with `az storage account keys renew`; regenerate SAS tokens signed with it; prefer Entra ID (managed identity) over shared keys and consider disabling shared-key access.';
const HELP = 'https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage';

const key = randomBase64('storage-key', 64);
const connection = `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${key};EndpointSuffix=core.windows.net`;

export const storageConnectionString: SecretRule = {
  id: 'SEC-AZURE-STORAGE-CONNECTION-STRING',
  title: 'Azure Storage connection string with account key',
  description: 'A storage connection string carrying the account key: full control of every blob, queue, table and file share in the account.',
  severity: 'critical',
  confidence: 'high',
  remediation: ROTATE_STORAGE,
  helpUri: HELP,
  keywords: ['accountkey'],
  pattern: /AccountName=(?<account>[a-z0-9-]{3,64});(?:[^\n;"'<>]{1,200};){0,4}AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/gi,
  window: 'line',
  priority: 2,
  describe: ({ match }) => `for account '${match.groups?.account}'`,
  examples: lazyExamples(() => ({
    mustFlag: [
      ...inSyntaxes('StorageConnectionString', connection),
      `{\n  "IsEncrypted": false,\n  "Values": {\n    "AzureWebJobsStorage": "${connection}"\n  }\n}\n`,
    ],
    mustNotFlag: [
      ...notSecrets('StorageConnectionString', connection),
      inSyntax('json', 'AzureWebJobsStorage', `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`),
      inSyntax('json', 'AzureWebJobsStorage', 'UseDevelopmentStorage=true'),
      inSyntax('json', 'AzureWebJobsStorage', 'DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=<account-key>;EndpointSuffix=core.windows.net'),
    ],
  })),
};

export const storageAccountKey: SecretRule = {
  ...keyedRule({
    id: 'SEC-AZURE-STORAGE-ACCOUNT-KEY',
    title: 'Azure Storage account key',
    description: 'A 64-byte storage account access key: full control of the account\'s data.',
    severity: 'critical',
    confidence: 'high',
    remediation: ROTATE_STORAGE,
    helpUri: HELP,
    keywords: ['accountkey', 'account_key', 'account-key', 'storagekey', 'storage_key', 'storage-key', 'storage_account', 'storageaccount', 'access_key', 'accesskey', 'primary_key', 'primarykey', 'azure_storage'],
    keyPattern: 'account[_-]?key|storage[A-Za-z0-9_.-]{0,24}key|access[_-]?key|primary[_-]?key|secondary[_-]?key|azure[_-]?storage[_-]?key',
    value: '[A-Za-z0-9+/]{86}==',
    sample: key,
    keys: ['AZURE_STORAGE_KEY', 'storageAccountKey', 'AccountKey', 'primary_access_key'],
    minEntropy: 4.5,
    extraNotFlag: [inSyntax('yaml', 'AZURE_STORAGE_KEY', AZURITE_KEY)],
  }),
};

const sig = encodeURIComponent(randomBase64('sas-sig', 32));
const sasUrl = `https://contosodata.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=co&sp=rwdlacx&se=2026-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig=${sig}`;

export const sasToken: SecretRule = {
  id: 'SEC-AZURE-SAS-TOKEN',
  title: 'Azure shared access signature (SAS) token',
  description: 'A signed SAS query string: anyone holding it gets the listed permissions until it expires.',
  severity: 'high',
  confidence: 'high',
  remediation: 'Revoke the SAS: rotate the account key that signed it (or delete the stored access policy / revoke user delegation keys), then issue short-lived SAS tokens at run time instead of committing them.',
  helpUri: 'https://learn.microsoft.com/azure/storage/common/storage-sas-overview',
  keywords: ['sig='],
  pattern: /(?:[?&;"'\s]|^)(?:sv|ss|srt|sp|se|st|spr|sr|si|skoid|sktid|skt|ske|sks|skv|sdd|sip)=[^\s"'<>]{0,600}?[&;]sig=(?<secret>[A-Za-z0-9%+/]{40,120}(?:%3[Dd]|=){0,2})(?![A-Za-z0-9%+/=])/g,
  window: 'line',
  validate: ({ match }) => /(?:^|[?&;"'\s])sv=\d{4}-\d{2}-\d{2}/.test(match[0]) || /se=\d{4}-/.test(match[0]),
  examples: lazyExamples(() => ({
    mustFlag: [
      ...inSyntaxes('BackupContainerUrl', sasUrl, ['json', 'yaml', 'env', 'pipeline', 'code']),
      `az storage blob upload --sas-token "sv=2021-08-06&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2025-01-01T00:00:00Z&spr=https&sig=${sig}"\n`,
    ],
    mustNotFlag: [
      inSyntax('json', 'BackupContainerUrl', 'https://contosodata.blob.core.windows.net/backups/db.bak?sv=2022-11-02&sp=r&sig=<signature>'),
      inSyntax('yaml', 'sas', '$(BACKUP_SAS)'),
      inSyntax('yaml', 'sas', 'https://contosodata.blob.core.windows.net/backups/db.bak?sv=2022-11-02&sp=r&sig=${SAS_SIG}'),
      inSyntax('code', 'img', 'https://example.com/image.png?sig=abcdef'),
    ],
  })),
};

const identifiableKey = identifiableRule({ id: 'SEC-AZURE-STORAGE-IDENTIFIABLE-KEY', title: 'Azure Storage account key', sig: '+ASt', shape: 64, key: 'StorageKey' });

export const rules: SecretRule[] = [storageConnectionString, storageAccountKey, sasToken, identifiableKey];
