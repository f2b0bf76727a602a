// Azure App Configuration connection strings.
import { BASE62, randomBase64, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { connectionRule, ns } from './azure-keys';

const appConfigSecret = randomBase64('appconfig', 32);

export const rules: SecretRule[] = [
  connectionRule({
    id: 'SEC-AZURE-APP-CONFIGURATION-CONNECTION-STRING', title: 'Azure App Configuration connection string with access key',
    description: 'An App Configuration store connection string with an access key secret: reads (or writes) every setting, often including Key Vault references\' targets.',
    keyword: 'azconfig.io',
    pattern: /Endpoint=https:\/\/(?<ns>[a-z0-9-]{3,50})\.azconfig\.io;\s?Id=[A-Za-z0-9+/=:-]{4,64};\s?Secret=(?<secret>[A-Za-z0-9+/]{43}=)/gi,
    sample: `Endpoint=https://contoso-config.azconfig.io;Id=1-l0-s0:${randomToken('appcfgid', BASE62, 20)};Secret=${appConfigSecret}`,
    key: 'AppConfigConnectionString', helpUri: 'https://learn.microsoft.com/azure/azure-app-configuration/howto-disable-access-key-authentication', describe: ns,
  }),
];
