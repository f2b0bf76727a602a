// Azure service credentials: Cosmos DB, Service Bus / Event Hubs / Relay, IoT Hub, SignalR,
// Web PubSub, App Configuration, Container Registry, Functions, Search, Redis, AI services,
// and the identifiable key formats that carry a provider signature.
import { BASE62, BASE64URL, randomBase64, randomToken, HEX, inSyntax, inSyntaxes, notSecrets, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { escapeRegex, keyedRule } from './helpers';
import { shannonEntropy } from '../entropy';

const B64 = '[A-Za-z0-9+/]';
const ROTATE_KEYS = 'Regenerate the key in the Azure portal (the resource\'s Keys / Access keys / Shared access policies blade) or with the Azure CLI, update consumers from Key Vault, and prefer Entra ID authentication with managed identities over keys.';
const EMULATOR_COSMOS = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

interface ConnSpec {
  id: string; title: string; description: string; keyword: string; pattern: RegExp; sample: string;
  key: string; helpUri?: string; describe?: (m: RegExpExecArray) => string | undefined; notFlag?: string[];
  severity?: 'critical' | 'high';
}

/** A connection string whose secret part is a named group. */
function connectionRule(spec: ConnSpec): SecretRule {
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    severity: spec.severity ?? 'critical',
    confidence: 'high',
    remediation: ROTATE_KEYS,
    helpUri: spec.helpUri,
    keywords: [spec.keyword],
    pattern: spec.pattern,
    window: 'line',
    priority: 2,
    describe: spec.describe ? ({ match }) => spec.describe?.(match) : undefined,
    examples: lazyExamples(() => ({
      mustFlag: [
        ...inSyntaxes(spec.key, spec.sample, ['json', 'yaml', 'env', 'xml', 'pipeline', 'code']),
        `{\n  "IsEncrypted": false,\n  "Values": {\n    "${spec.key}": "${spec.sample}"\n  }\n}\n`,
      ],
      mustNotFlag: [
        ...notSecrets(spec.key, spec.sample),
        inSyntax('json', spec.key, spec.sample.replace(/=([A-Za-z0-9+/]{20,}={0,2})(;|$)/g, '=<key>$2')),
        ...(spec.notFlag ?? []),
      ],
    })),
  };
}

const cosmosKey = randomBase64('cosmos', 64);
const sbKey = randomBase64('servicebus', 32);
const iotKey = randomBase64('iothub', 32);
const signalrKey = randomBase64('signalr', 32);
const appConfigSecret = randomBase64('appconfig', 32);

const ns = (m: RegExpExecArray): string | undefined => (m.groups?.ns ? `for '${m.groups.ns}'` : undefined);

const connectionRules: SecretRule[] = [
  connectionRule({
    id: 'SEC-AZURE-COSMOS-CONNECTION-STRING', title: 'Azure Cosmos DB connection string with account key',
    description: 'A Cosmos DB connection string with the account (primary or secondary) key: read and write access to every database in the account.',
    keyword: 'documents.azure.com',
    pattern: /AccountEndpoint=https:\/\/(?<ns>[a-z0-9-]{3,50})\.documents\.azure\.com(?::\d+)?\/?;\s?AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/gi,
    sample: `AccountEndpoint=https://contoso-orders.documents.azure.com:443/;AccountKey=${cosmosKey};`,
    key: 'CosmosDbConnection', helpUri: 'https://learn.microsoft.com/azure/cosmos-db/database-security', describe: ns,
    notFlag: [inSyntax('json', 'CosmosDbConnection', `AccountEndpoint=https://localhost:8081/;AccountKey=${EMULATOR_COSMOS}`)],
  }),
  connectionRule({
    id: 'SEC-AZURE-SERVICE-BUS-CONNECTION-STRING', title: 'Azure Service Bus / Event Hubs connection string with shared access key',
    description: 'A Service Bus or Event Hubs namespace connection string with a shared access key: send, listen or manage rights on the namespace or entity.',
    keyword: 'servicebus.windows.net',
    pattern: /Endpoint=sb:\/\/(?<ns>[a-z0-9-]{3,50})\.servicebus\.windows\.net\/?;\s?SharedAccessKeyName=[^;"'\s]{1,256};\s?SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)/gi,
    sample: `Endpoint=sb://contoso-events.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sbKey}`,
    key: 'ServiceBusConnection', helpUri: 'https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas', describe: ns,
  }),
  connectionRule({
    id: 'SEC-AZURE-IOT-HUB-CONNECTION-STRING', title: 'Azure IoT Hub connection string with shared access key',
    description: 'An IoT Hub (service, device or DPS) connection string with a shared access key.',
    keyword: 'azure-devices',
    pattern: /HostName=(?<ns>[a-z0-9-]{3,50})\.azure-devices(?:-provisioning)?\.net;\s?(?:DeviceId=[^;"'\s]{1,128};\s?|SharedAccessKeyName=[^;"'\s]{1,128};\s?|ModuleId=[^;"'\s]{1,128};\s?){1,3}SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)/gi,
    sample: `HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${iotKey}`,
    key: 'IotHubConnectionString', helpUri: 'https://learn.microsoft.com/azure/iot-hub/authenticate-authorize-sas', describe: ns,
  }),
  connectionRule({
    id: 'SEC-AZURE-SIGNALR-CONNECTION-STRING', title: 'Azure SignalR / Web PubSub connection string with access key',
    description: 'A SignalR Service or Web PubSub connection string with an access key: it mints client tokens and sends to every connection.',
    keyword: 'accesskey=',
    pattern: /Endpoint=https?:\/\/(?<ns>[a-z0-9-]{3,63})\.(?:service\.signalr\.net|webpubsub\.azure\.com)\/?;\s?AccessKey=(?<secret>[A-Za-z0-9+/]{43}=)/gi,
    sample: `Endpoint=https://contoso-chat.service.signalr.net;AccessKey=${signalrKey};Version=1.0;`,
    key: 'Azure__SignalR__ConnectionString', helpUri: 'https://learn.microsoft.com/azure/azure-signalr/signalr-howto-key-rotation', describe: ns,
  }),
  connectionRule({
    id: 'SEC-AZURE-APP-CONFIGURATION-CONNECTION-STRING', title: 'Azure App Configuration connection string with access key',
    description: 'An App Configuration store connection string with an access key secret: reads (or writes) every setting, often including Key Vault references\' targets.',
    keyword: 'azconfig.io',
    pattern: /Endpoint=https:\/\/(?<ns>[a-z0-9-]{3,50})\.azconfig\.io;\s?Id=[A-Za-z0-9+/=:-]{4,64};\s?Secret=(?<secret>[A-Za-z0-9+/]{43}=)/gi,
    sample: `Endpoint=https://contoso-config.azconfig.io;Id=1-l0-s0:${randomToken('appcfgid', BASE62, 20)};Secret=${appConfigSecret}`,
    key: 'AppConfigConnectionString', helpUri: 'https://learn.microsoft.com/azure/azure-app-configuration/howto-disable-access-key-authentication', describe: ns,
  }),
  connectionRule({
    id: 'SEC-AZURE-SHARED-ACCESS-KEY', title: 'Azure shared access key in a connection string', severity: 'high',
    description: 'A SharedAccessKey in a connection string of an Azure messaging service (Event Hubs, Notification Hubs, Relay, Event Grid …).',
    keyword: 'sharedaccesskey=',
    pattern: /SharedAccessKey=(?<secret>[A-Za-z0-9+/]{42,86}={1,2})/gi,
    sample: `Endpoint=sb://contoso-notify.example.net/;SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=${randomBase64('sak', 32)}`,
    key: 'NotificationHubConnection', helpUri: 'https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas',
  }),
];

interface SigSpec { id: string; title: string; sig: string; shape: 32 | 64 | 39 | 'function'; helpUri?: string; key: string }

/** Microsoft's identifiable keys: random base64 with a fixed provider signature at a fixed place. */
function identifiableRule(spec: SigSpec): SecretRule {
  const s = escapeRegex(spec.sig);
  const body =
    spec.shape === 32 ? `${B64}{33}${s}[A-P]${B64}{5}=` :
    spec.shape === 64 ? `${B64}{76}${s}${B64}{5}[AQgw]==` :
    spec.shape === 39 ? `${B64}{42}${s}[A-D]${B64}{5}` :
    `[A-Za-z0-9_-]{44}${s}[A-Za-z0-9_-]{5}[AQgw]==`;
  const sample =
    spec.shape === 32 ? randomToken(spec.id, BASE62, 33) + spec.sig + 'B' + randomToken(spec.id + '2', BASE62, 5) + '=' :
    spec.shape === 64 ? randomToken(spec.id, BASE62, 76) + spec.sig + randomToken(spec.id + '2', BASE62, 5) + 'Q==' :
    spec.shape === 39 ? randomToken(spec.id, BASE62, 42) + spec.sig + 'C' + randomToken(spec.id + '2', BASE62, 5) :
    randomToken(spec.id, BASE64URL, 44) + spec.sig + randomToken(spec.id + '2', BASE62, 5) + 'g==';
  const boundary = spec.shape === 'function' ? '[A-Za-z0-9_-]' : '[A-Za-z0-9+/]';
  return {
    id: spec.id,
    title: spec.title,
    description: `A ${spec.title.toLowerCase()} in Microsoft's identifiable format (signature "${spec.sig}").`,
    severity: 'critical',
    confidence: 'high',
    remediation: ROTATE_KEYS,
    helpUri: spec.helpUri,
    keywords: [spec.sig.toLowerCase()],
    pattern: new RegExp(`(?<!${boundary})(?<secret>${body})(?!${boundary})`, 'g'),
    window: 'token',
    priority: 1,
    examples: lazyExamples(() => ({
      mustFlag: inSyntaxes(spec.key, sample, ['json', 'yaml', 'env', 'xml', 'pipeline', 'code']),
      mustNotFlag: [...notSecrets(spec.key, sample), inSyntax('yaml', spec.key, sample.slice(0, sample.length - 10))],
    })),
  };
}

const identifiableRules: SecretRule[] = [
  identifiableRule({ id: 'SEC-AZURE-STORAGE-IDENTIFIABLE-KEY', title: 'Azure Storage account key', sig: '+ASt', shape: 64, key: 'StorageKey' }),
  identifiableRule({ id: 'SEC-AZURE-COSMOS-IDENTIFIABLE-KEY', title: 'Azure Cosmos DB account key', sig: 'ACDb', shape: 64, key: 'CosmosKey' }),
  identifiableRule({ id: 'SEC-AZURE-BATCH-KEY', title: 'Azure Batch account key', sig: '+ABa', shape: 64, key: 'BatchAccountKey' }),
  identifiableRule({ id: 'SEC-AZURE-ML-CLASSIC-KEY', title: 'Azure Machine Learning web service key', sig: '+AMC', shape: 64, key: 'MlServiceKey' }),
  identifiableRule({ id: 'SEC-AZURE-APIM-KEY', title: 'Azure API Management key', sig: 'APIM', shape: 64, key: 'ApimKey' }),
  identifiableRule({ id: 'SEC-AZURE-SERVICE-BUS-KEY', title: 'Azure Service Bus shared access key', sig: '+ASb', shape: 32, key: 'ServiceBusKey' }),
  identifiableRule({ id: 'SEC-AZURE-EVENT-HUBS-KEY', title: 'Azure Event Hubs shared access key', sig: '+AEh', shape: 32, key: 'EventHubKey' }),
  identifiableRule({ id: 'SEC-AZURE-RELAY-KEY', title: 'Azure Relay shared access key', sig: '+ARm', shape: 32, key: 'RelayKey' }),
  identifiableRule({ id: 'SEC-AZURE-IOT-KEY', title: 'Azure IoT shared access key', sig: 'AIoT', shape: 32, key: 'IotKey' }),
  identifiableRule({ id: 'SEC-AZURE-REDIS-KEY', title: 'Azure Cache for Redis access key', sig: 'AzCa', shape: 32, key: 'RedisKey' }),
  identifiableRule({ id: 'SEC-AZURE-SQL-KEY', title: 'Azure SQL identifiable password', sig: '+SQL', shape: 32, key: 'SqlPassword' }),
  identifiableRule({ id: 'SEC-AZURE-CONTAINER-REGISTRY-KEY', title: 'Azure Container Registry access key', sig: '+ACR', shape: 39, key: 'AcrPassword' }),
  identifiableRule({ id: 'SEC-AZURE-SEARCH-KEY', title: 'Azure AI Search key', sig: 'AzSe', shape: 39, key: 'SearchApiKey' }),
  identifiableRule({ id: 'SEC-AZURE-FUNCTION-KEY', title: 'Azure Functions access key', sig: 'AzFu', shape: 'function', key: 'FunctionKey' }),
];

/** 84-char common annotated security keys (52 random + JQQJ…), by provider signature. */
function caskRule(id: string, title: string, sig: string | undefined, key: string, helpUri?: string): SecretRule {
  const sigRe = sig ? sig : '(?!AZDO|ACOG|AZEG)[A-Za-z][A-Za-z0-9]{3}';
  const sample = randomToken(id, BASE62, 52) + 'JQQJ99' + randomToken(id + 'b', BASE62, 1) + 'C' + randomToken(id + 'c', BASE62, 16) + (sig ?? 'AZSB') + randomToken(id + 'd', BASE62, 4);
  return {
    id, title,
    description: `A ${title.toLowerCase()} in the 84-character common annotated key format (signature "JQQJ"${sig ? `, provider "${sig}"` : ''}).`,
    severity: 'critical', confidence: sig ? 'high' : 'medium', remediation: ROTATE_KEYS, helpUri,
    keywords: [sig ? sig.toLowerCase() : 'jqqj'],
    pattern: new RegExp(`(?<![A-Za-z0-9])(?<secret>[0-9A-Za-z]{52}JQQJ[0-9A-Za-z]{20}${sigRe}[0-9A-Za-z]{4})(?![A-Za-z0-9])`, 'g'),
    window: 'token',
    priority: sig ? 1 : 0,
    examples: lazyExamples(() => ({
      mustFlag: inSyntaxes(key, sample, ['json', 'yaml', 'env', 'xml', 'pipeline', 'python']),
      mustNotFlag: [...notSecrets(key, sample), inSyntax('yaml', key, sample.slice(0, 70))],
    })),
  };
}

const caskRules: SecretRule[] = [
  caskRule('SEC-AZURE-AI-SERVICES-KEY', 'Azure AI services (Cognitive Services / OpenAI) key', 'ACOG', 'AZURE_OPENAI_API_KEY', 'https://learn.microsoft.com/azure/ai-services/authentication'),
  caskRule('SEC-AZURE-EVENT-GRID-KEY', 'Azure Event Grid access key', 'AZEG', 'EventGridKey', 'https://learn.microsoft.com/azure/event-grid/security-authentication'),
  caskRule('SEC-AZURE-ANNOTATED-KEY', 'Azure service key (common annotated format)', undefined, 'AzureServiceKey'),
];

const keyedAzure: SecretRule[] = [
  keyedRule({
    id: 'SEC-AZURE-COSMOS-KEY', title: 'Azure Cosmos DB account key', severity: 'critical', confidence: 'high',
    remediation: ROTATE_KEYS, helpUri: 'https://learn.microsoft.com/azure/cosmos-db/database-security',
    keywords: ['cosmos', 'masterkey', 'master_key', 'documentdb', 'authkey', 'auth_key'],
    keyPattern: 'cosmos[A-Za-z0-9_.-]{0,24}key|master[_-]?key|documentdb[A-Za-z0-9_.-]{0,20}key|auth[_-]?key',
    value: `${B64}{86}==`, sample: cosmosKey, keys: ['COSMOS_KEY', 'CosmosDbAuthKey', 'cosmosPrimaryKey'], minEntropy: 4.5,
    extraNotFlag: [inSyntax('yaml', 'COSMOS_KEY', EMULATOR_COSMOS)],
  }),
  keyedRule({
    id: 'SEC-AZURE-OPENAI-KEY', title: 'Azure OpenAI / Cognitive Services key (32-hex format)', severity: 'high', confidence: 'medium',
    remediation: ROTATE_KEYS, helpUri: 'https://learn.microsoft.com/azure/ai-services/authentication',
    keywords: ['azure_openai', 'azureopenai', 'azure-openai', 'cognitive', 'speech_key', 'speechkey', 'translator', 'computervision', 'formrecognizer', 'textanalytics', 'azure_ai', 'documentintelligence'],
    keyPattern: 'azure[_-]?openai[A-Za-z0-9_.-]{0,20}key|cognitive[A-Za-z0-9_.-]{0,20}key|speech[_-]?key|translator[A-Za-z0-9_.-]{0,20}key|computer[_-]?vision[A-Za-z0-9_.-]{0,20}key|form[_-]?recognizer[A-Za-z0-9_.-]{0,20}key|text[_-]?analytics[A-Za-z0-9_.-]{0,20}key|azure[_-]?ai[A-Za-z0-9_.-]{0,20}key|document[_-]?intelligence[A-Za-z0-9_.-]{0,20}key',
    value: '[a-f0-9]{32}', sample: randomToken('aoai', HEX, 32), keys: ['AZURE_OPENAI_API_KEY', 'CognitiveServicesKey', 'SPEECH_KEY'],
  }),
  keyedRule({
    id: 'SEC-AZURE-APIM-SUBSCRIPTION-KEY', title: 'Azure API Management / AI services subscription key (32-hex format)', severity: 'high', confidence: 'medium',
    remediation: ROTATE_KEYS, helpUri: 'https://learn.microsoft.com/azure/api-management/api-management-subscriptions',
    keywords: ['apim', 'subscription-key', 'subscription_key', 'subscriptionkey'],
    keyPattern: 'apim[A-Za-z0-9_.-]{0,20}key|subscription[_-]?key',
    value: '[a-f0-9]{32}', sample: randomToken('apimsub', HEX, 32), keys: ['ApimSubscriptionKey', 'Ocp-Apim-Subscription-Key', 'subscription-key'],
  }),
  keyedRule({
    id: 'SEC-AZURE-CONTAINER-REGISTRY-PASSWORD', title: 'Azure Container Registry password', severity: 'critical', confidence: 'medium',
    remediation: 'Regenerate the registry admin password or token password (Container registry > Access keys / Tokens), and prefer Entra identities (az acr login, managed identity) with the admin user disabled.',
    helpUri: 'https://learn.microsoft.com/azure/container-registry/container-registry-authentication',
    keywords: ['acr', 'azurecr', 'registry_password', 'registrypassword', 'registry-password', 'docker_password'],
    keyPattern: 'acr[A-Za-z0-9_.-]{0,20}(?:password|pwd|key|secret)|registry[_-]?password|docker[_-]?password',
    value: '[A-Za-z0-9+/=]{32,52}', sample: randomToken('acrpwd', BASE62 + '+/', 52), keys: ['ACR_PASSWORD', 'registryPassword', 'DOCKER_PASSWORD'], minEntropy: 4,
  }),
  keyedRule({
    id: 'SEC-AZURE-FUNCTION-KEY-LEGACY', title: 'Azure Functions key (legacy format)', severity: 'high', confidence: 'medium',
    remediation: 'Renew the function, host or master key (Function App > App keys / Function keys) and prefer Entra ID (Easy Auth) for callers.',
    helpUri: 'https://learn.microsoft.com/azure/azure-functions/function-keys-how-to',
    keywords: ['functions-key', 'functions_key', 'functionkey', 'function_key', 'function-key', 'host_key', 'hostkey', 'masterkey', 'master_key', 'code='],
    keyPattern: 'x-functions-key|functions?[_-]?key|host[_-]?key|master[_-]?key|[?&]code',
    value: '[A-Za-z0-9_/+-]{54}==', sample: randomToken('fnkey', BASE64URL, 54) + '==', keys: ['x-functions-key', 'FunctionKey', 'AzureFunctionsMasterKey'], minEntropy: 4,
    extraFlag: [`const url = "https://contoso-fn.azurewebsites.net/api/orders?code=${randomToken('fnkey2', BASE64URL, 54)}==";\n`],
  }),
  keyedRule({
    id: 'SEC-AZURE-PUBLISH-PROFILE-PASSWORD', title: 'Azure App Service publish profile password', severity: 'critical', confidence: 'high',
    remediation: 'Reset the publish profile (App Service > Overview > Reset publish profile), disable basic-auth publishing credentials (SCM/FTP), and deploy with workload identity federation instead.',
    helpUri: 'https://learn.microsoft.com/azure/app-service/configure-basic-auth-disable',
    keywords: ['userpwd'],
    keyPattern: 'userPWD',
    value: '[A-Za-z0-9]{60}', sample: randomToken('publish', BASE62, 60), keys: ['userPWD'],
    extraFlag: [`<publishData><publishProfile profileName="contoso - Web Deploy" publishMethod="MSDeploy" publishUrl="contoso.scm.azurewebsites.net:443" msdeploySite="contoso" userName="$contoso" userPWD="${randomToken('publish2', BASE62, 60)}" destinationAppUrl="https://contoso.azurewebsites.net" /></publishData>\n`],
  }),
  keyedRule({
    id: 'SEC-AZURE-BOT-APP-PASSWORD', title: 'Azure Bot Service app password', severity: 'high', confidence: 'medium',
    remediation: 'Create a new client secret for the bot\'s app registration and delete the leaked one (Entra ID > App registrations > Certificates & secrets).',
    keywords: ['microsoftapppassword', 'microsoft_app_password', 'botapppassword'],
    keyPattern: 'MicrosoftAppPassword|microsoft_app_password|BotAppPassword',
    value: '[A-Za-z0-9_~.\\-+/=!@#$%^&*]{16,64}', sample: randomToken('botpwd', BASE62 + '.-_~', 34), keys: ['MicrosoftAppPassword', 'MICROSOFT_APP_PASSWORD'], minEntropy: 3.8,
  }),
  keyedRule({
    id: 'SEC-AZURE-MAPS-KEY', title: 'Azure Maps subscription key', severity: 'medium', confidence: 'medium',
    remediation: ROTATE_KEYS, helpUri: 'https://learn.microsoft.com/azure/azure-maps/azure-maps-authentication',
    keywords: ['azure_maps', 'azuremaps', 'azure-maps', 'subscription-key=', 'atlas.microsoft.com'],
    keyPattern: 'azure[_-]?maps[A-Za-z0-9_.-]{0,20}key|subscription-key',
    value: '[A-Za-z0-9_-]{43}', sample: randomToken('maps', BASE64URL, 43), keys: ['AZURE_MAPS_KEY', 'azureMapsSubscriptionKey'], minEntropy: 4,
  }),
];

const SECRET_SETTING = /key|secret|password|passwd|pwd|token|connection|conn_?str|sas|credential|auth/i;
const SETTING_LINE = /"(?<key>[A-Za-z0-9_.:-]{1,128})"\s{0,8}:\s{0,8}"(?<value>[^"\\\n]{8,2048})"/g;

/** Secret-looking values in the "Values" of an Azure Functions local.settings.json. */
function findLocalSettings(window: string): { index: number; value: string; detail?: string }[] {
  const start = window.search(/"Values"\s*:\s*\{/);
  if (start < 0) return [];
  const end = window.indexOf('}', start);
  const section = window.slice(start, end < 0 ? undefined : end);
  const hits: { index: number; value: string; detail?: string }[] = [];
  SETTING_LINE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SETTING_LINE.exec(section)) !== null) {
    const key = m.groups?.key ?? '';
    const value = m.groups?.value ?? '';
    if (/^(?:UseDevelopmentStorage=true|dotnet(?:-isolated)?|node|python|java|powershell|custom|true|false|\d+)$/i.test(value)) continue;
    const entropy = shannonEntropy(value);
    const secretish = SECRET_SETTING.test(key) && value.length >= 8 && entropy >= 3;
    const randomish = value.length >= 24 && entropy >= 4.2 && !/^https?:\/\/[^@]*$/.test(value);
    if (!secretish && !randomish) continue;
    hits.push({ index: start + m.index + m[0].lastIndexOf(value), value, detail: `in setting '${key}'` });
  }
  return hits;
}

const localSettingsSample = randomToken('localsettings', BASE62, 40);
const localSettings: SecretRule = {
  id: 'SEC-AZURE-FUNCTIONS-LOCAL-SETTINGS',
  title: 'Secret in Azure Functions local.settings.json',
  description: 'local.settings.json holds the app settings used when running Functions locally (keys, connection strings, tokens). It is meant to stay out of source control.',
  severity: 'high',
  confidence: 'medium',
  remediation: 'Rotate the exposed value, add local.settings.json to .gitignore (the Functions templates do), and keep shared settings in Key Vault or user secrets.',
  helpUri: 'https://learn.microsoft.com/azure/azure-functions/functions-develop-local#local-settings-file',
  keywords: ['"values"'],
  find: findLocalSettings,
  window: 'block',
  paths: /(?:^|\/)local\.settings\.json$/i,
  examplePath: 'src/OrdersApi/local.settings.json',
  generic: true,
  priority: -0.5,
  examples: lazyExamples(() => ({
    mustFlag: [
      `{\n  "IsEncrypted": false,\n  "Values": {\n    "AzureWebJobsStorage": "UseDevelopmentStorage=true",\n    "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated",\n    "PaymentsApiKey": "${localSettingsSample}"\n  }\n}\n`,
      `{\n  "Values": {\n    "FUNCTIONS_WORKER_RUNTIME": "node",\n    "SmtpPassword": "Vx8#kq2Lm!p9"\n  }\n}\n`,
    ],
    mustNotFlag: [
      `{\n  "IsEncrypted": false,\n  "Values": {\n    "AzureWebJobsStorage": "UseDevelopmentStorage=true",\n    "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated"\n  }\n}\n`,
      `{\n  "Values": {\n    "PaymentsApiKey": "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/payments/)",\n    "ApiKey": "<your-api-key>"\n  }\n}\n`,
    ],
  })),
};

export const rules: SecretRule[] = [...connectionRules, ...identifiableRules, ...caskRules, ...keyedAzure, localSettings];
