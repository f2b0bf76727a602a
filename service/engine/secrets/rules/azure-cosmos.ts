// Azure Cosmos DB: connection strings and account keys.
import { randomBase64, inSyntax } from '../examples';
import type { SecretRule } from '../rule';
import { B64, ROTATE_KEYS, connectionRule, identifiableRule, ns } from './azure-keys';
import { keyedRule } from './helpers';

const cosmosKey = randomBase64('cosmos', 64);
const EMULATOR_COSMOS = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export const rules: SecretRule[] = [
  connectionRule({
    id: 'SEC-AZURE-COSMOS-CONNECTION-STRING', title: 'Azure Cosmos DB connection string with account key',
    description: 'A Cosmos DB connection string with the account (primary or secondary) key: read and write access to every database in the account.',
    keyword: 'documents.azure.com',
    pattern: /AccountEndpoint=https:\/\/(?<ns>[a-z0-9-]{3,50})\.documents\.azure\.com(?::\d+)?\/?;\s?AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/gi,
    sample: `AccountEndpoint=https://contoso-orders.documents.azure.com:443/;AccountKey=${cosmosKey};`,
    key: 'CosmosDbConnection', helpUri: 'https://learn.microsoft.com/azure/cosmos-db/database-security', describe: ns,
    notFlag: [inSyntax('json', 'CosmosDbConnection', `AccountEndpoint=https://localhost:8081/;AccountKey=${EMULATOR_COSMOS}`)],
  }),
  identifiableRule({ id: 'SEC-AZURE-COSMOS-IDENTIFIABLE-KEY', title: 'Azure Cosmos DB account key', sig: 'ACDb', shape: 64, key: 'CosmosKey' }),
  keyedRule({
    id: 'SEC-AZURE-COSMOS-KEY', title: 'Azure Cosmos DB account key', severity: 'critical', confidence: 'high',
    remediation: ROTATE_KEYS, helpUri: 'https://learn.microsoft.com/azure/cosmos-db/database-security',
    keywords: ['cosmos', 'masterkey', 'master_key', 'documentdb', 'authkey', 'auth_key'],
    keyPattern: 'cosmos[A-Za-z0-9_.-]{0,24}key|master[_-]?key|documentdb[A-Za-z0-9_.-]{0,20}key|auth[_-]?key',
    value: `${B64}{86}==`, sample: cosmosKey, keys: ['COSMOS_KEY', 'CosmosDbAuthKey', 'cosmosPrimaryKey'], minEntropy: 4.5,
    extraNotFlag: [inSyntax('yaml', 'COSMOS_KEY', EMULATOR_COSMOS)],
  }),
];
