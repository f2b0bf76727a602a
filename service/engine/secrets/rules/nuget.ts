// NuGet.org API keys and NuGet.config feed passwords.
import { ALNUM_LOWER, BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-NUGET-API-KEY', title: 'NuGet.org API key', prefixes: ['oy2'], body: '[a-z0-9]{43}', key: 'NUGET_API_KEY', confidence: 'medium',
    remediation: revokeAt('nuget.org', 'API Keys > Regenerate or Delete'), helpUri: 'https://learn.microsoft.com/nuget/nuget-org/scoped-api-keys',
    sample: 'oy2' + randomToken('nuget', ALNUM_LOWER, 43),
  }),
  keyedRule({
    id: 'SEC-NUGET-CONFIG-PASSWORD', title: 'Password in NuGet.config packageSourceCredentials', severity: 'critical', confidence: 'high',
    remediation: 'Revoke the PAT or password used for the feed, and authenticate with the NuGet credential provider or the pipeline\'s NuGetAuthenticate task instead.',
    helpUri: 'https://learn.microsoft.com/nuget/reference/nuget-config-file#packagesourcecredentials',
    keywords: ['cleartextpassword'], keyPattern: 'ClearTextPassword', value: '[^"\'\\s<>]{8,256}',
    sample: randomToken('nuget-cfg', BASE62, 52), keys: ['ClearTextPassword'],
    extraFlag: [`<configuration>\n  <packageSourceCredentials>\n    <contoso>\n      <add key="Username" value="build" />\n      <add key="ClearTextPassword" value="${randomToken('nuget-cfg2', BASE62, 40)}" />\n    </contoso>\n  </packageSourceCredentials>\n</configuration>\n`],
  }),
];
