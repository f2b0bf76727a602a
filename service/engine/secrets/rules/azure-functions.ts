// Azure Functions: function / host keys and secrets in local.settings.json.
import { BASE62, BASE64URL, randomToken, lazyExamples } from '../examples';
import { shannonEntropy } from '../entropy';
import type { SecretRule } from '../rule';
import { identifiableRule } from './azure-keys';
import { keyedRule } from './helpers';

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

export const rules: SecretRule[] = [
  identifiableRule({ id: 'SEC-AZURE-FUNCTION-KEY', title: 'Azure Functions access key', sig: 'AzFu', shape: 'function', key: 'FunctionKey' }),
  keyedRule({
    id: 'SEC-AZURE-FUNCTION-KEY-LEGACY', title: 'Azure Functions key (legacy format)', severity: 'high', confidence: 'medium',
    remediation: 'Renew the function, host or master key (Function App > App keys / Function keys) and prefer Entra ID (Easy Auth) for callers.',
    helpUri: 'https://learn.microsoft.com/azure/azure-functions/function-keys-how-to',
    keywords: ['functions-key', 'functions_key', 'functionkey', 'function_key', 'function-key', 'host_key', 'hostkey', 'masterkey', 'master_key', 'code='],
    keyPattern: 'x-functions-key|functions?[_-]?key|host[_-]?key|master[_-]?key|[?&]code',
    value: '[A-Za-z0-9_/+-]{54}==', sample: randomToken('fnkey', BASE64URL, 54) + '==', keys: ['x-functions-key', 'FunctionKey', 'AzureFunctionsMasterKey'], minEntropy: 4,
    extraFlag: [`const url = "https://contoso-fn.azurewebsites.net/api/orders?code=${randomToken('fnkey2', BASE64URL, 54)}==";\n`],
  }),
  localSettings,
];
