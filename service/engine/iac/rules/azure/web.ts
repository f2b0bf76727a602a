// App Service web apps and function apps (Microsoft.Web/sites, and their `config` children).
import { expect, forbid, has, notApplicable, requireAny, type Check, type PathOptions } from '../../helpers';
import type { IacRule, IacValue } from '../../types';
import { lookup } from '../../values';
import { azureRule, param, type Body, type Res } from './build';
import { childrenOf, noOldTls, publicNetworkDisabled } from './checks';

const SITE = 'Microsoft.Web/sites';
const CONFIG = 'microsoft.web/sites/config';
const api = '2023-01-01';
const site = (siteConfig: Body, p: Body = {}): Body => ({ kind: 'app', properties: { serverFarmId: 'plan-id', httpsOnly: true, ...p, siteConfig } });
const configChild = (p: Body): Res[] => [
  { type: SITE, name: 'webapp', body: { kind: 'app', properties: { serverFarmId: 'plan-id' } } },
  { type: 'Microsoft.Web/sites/config', name: 'webapp/web', body: { properties: p } },
];

/**
 * A siteConfig setting: read on the site (properties.siteConfig.x) and on its `config/web` child
 * (properties.x). A site that leaves it to a config child is judged on the child.
 */
function siteConfig(key: string, judge: (path: string, options: PathOptions) => Check, whenMissing: 'pass' | 'fail'): Check {
  return (r, ctx) => {
    if (r.type === CONFIG || r.type === `${SLOT.toLowerCase()}/config`) {
      if (!/\/web$/i.test(r.name)) return notApplicable();
      return judge(`properties.${key}`, { whenMissing: 'not-applicable' })(r, ctx);
    }
    const path = `properties.siteConfig.${key}`;
    const configType = r.type === SLOT.toLowerCase() ? `${SLOT.toLowerCase()}/config` : CONFIG;
    if (!lookup(r.attributes, path).length && childrenOf(r, ctx, configType).some((c) => lookup(c.attributes, `properties.${key}`).length)) return notApplicable();
    return judge(path, { whenMissing })(r, ctx);
  };
}

const SLOT = 'Microsoft.Web/sites/slots';
const types = [SITE, 'Microsoft.Web/sites/config', SLOT, 'Microsoft.Web/sites/slots/config'];

export const webRules: readonly IacRule[] = [
  azureRule({
    id: 'IAC-AZ-APP-HTTPS-ONLY',
    title: 'Web or function app accepts plain HTTP',
    severity: 'medium',
    description: 'Without httpsOnly the app answers on HTTP, so credentials, cookies and data can travel unencrypted.',
    remediation: 'Set properties.httpsOnly to true.',
    helpUri: 'https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https',
    checkov: ['CKV_AZURE_14', 'CKV_AZURE_153'],
    cis: ['CIS Azure 9.2'],
    cwe: ['CWE-319'],
    types: [SITE, SLOT],
    api,
    check: expect('properties.httpsOnly', true),
    fail: [{ kind: 'functionapp', properties: { serverFarmId: 'plan-id', httpsOnly: false } }, { kind: 'app', properties: { serverFarmId: 'plan-id' } }],
    pass: [site({ minTlsVersion: '1.2' })],
    unknown: [{ kind: 'app', properties: { httpsOnly: param('httpsOnly', 'bool') } }],
  }),
  azureRule({
    id: 'IAC-AZ-APP-MIN-TLS',
    title: 'Web or function app allows TLS older than 1.2',
    severity: 'medium',
    description:
      "TLS 1.0 and 1.1 have known weaknesses; the app should refuse them. Unset passes (App Service's default is 1.2, as Checkov's slot check CKV_AZURE_154 reads it; its site check CKV_AZURE_15 fails unset), and '1.3' passes.",
    remediation: "Set siteConfig.minTlsVersion to '1.2' (the default) or '1.3'.",
    helpUri: 'https://learn.microsoft.com/azure/app-service/overview-tls',
    checkov: ['CKV_AZURE_15', 'CKV_AZURE_154'],
    cis: ['CIS Azure 9.3'],
    cwe: ['CWE-326'],
    types,
    api,
    check: siteConfig('minTlsVersion', (p, o) => noOldTls(p, o.whenMissing === 'fail' ? 'fail' : 'pass'), 'pass'),
    fail: [site({ minTlsVersion: '1.0' }), configChild({ minTlsVersion: '1.1' })],
    pass: [site({ minTlsVersion: '1.2' }), configChild({ minTlsVersion: '1.3' })],
    unknown: [site({ minTlsVersion: param('minTls') })],
  }),
  azureRule({
    id: 'IAC-AZ-APP-FTPS',
    title: 'Web or function app allows plain FTP deployments',
    severity: 'medium',
    description: "ftpsState 'AllAllowed' (the default) accepts FTP, which sends deployment credentials and content in clear text.",
    remediation: "Set siteConfig.ftpsState to 'Disabled' (or 'FtpsOnly').",
    helpUri: 'https://learn.microsoft.com/azure/app-service/deploy-ftp#enforce-ftps',
    checkov: 'CKV_AZURE_78',
    cis: ['CIS Azure 9.10'],
    cwe: ['CWE-319'],
    types,
    api,
    check: siteConfig('ftpsState', (p, o) => expect(p, ['Disabled', 'FtpsOnly'], { ...o, ignoreCase: true }), 'fail'),
    fail: [site({ ftpsState: 'AllAllowed' }), site({ minTlsVersion: '1.2' })],
    pass: [site({ ftpsState: 'Disabled' }), configChild({ ftpsState: 'FtpsOnly' })],
    unknown: [site({ ftpsState: param('ftps') })],
  }),
  azureRule({
    id: 'IAC-AZ-APP-REMOTE-DEBUGGING',
    title: 'Web or function app has remote debugging enabled',
    severity: 'high',
    description: 'Remote debugging opens extra ports and lets a debugger attach to the production process.',
    remediation: 'Set siteConfig.remoteDebuggingEnabled to false (the default).',
    helpUri: 'https://learn.microsoft.com/azure/app-service/configure-common',
    checkov: ['CKV_AZURE_72', 'CKV_AZURE_155'],
    cwe: ['CWE-489'],
    types,
    api,
    check: siteConfig('remoteDebuggingEnabled', (p, o) => forbid(p, true, o), 'pass'),
    fail: [site({ remoteDebuggingEnabled: true, remoteDebuggingVersion: 'VS2022' }), configChild({ remoteDebuggingEnabled: true })],
    pass: [site({ remoteDebuggingEnabled: false }), site({ minTlsVersion: '1.2' })],
    unknown: [site({ remoteDebuggingEnabled: param('debug', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-APP-MANAGED-IDENTITY',
    title: 'Web or function app has no managed identity',
    severity: 'low',
    description:
      "Without a managed identity the app reaches other services with secrets kept in settings, which leak and do not rotate. 'SystemAssigned, UserAssigned' passes too (Checkov accepts only one of the two).",
    remediation: "Add identity: { type: 'SystemAssigned' } (or a user-assigned identity).",
    helpUri: 'https://learn.microsoft.com/azure/app-service/overview-managed-identity',
    checkov: 'CKV_AZURE_16',
    cis: ['CIS Azure 9.5'],
    cwe: ['CWE-798'],
    types: [SITE, SLOT],
    api,
    check: (r, ctx) => {
      // A user-assigned identity counts only with identities listed (as Checkov reads it).
      const userOnly = has(r, 'identity.type', 'UserAssigned', true);
      if (userOnly) return requireAny('identity.userAssignedIdentities')(r, ctx);
      return expect('identity.type', (v: IacValue) => typeof v === 'string' && v.trim() !== '' && v.toLowerCase() !== 'none')(r, ctx);
    },
    fail: [site({ minTlsVersion: '1.2' }), { ...site({}), identity: { type: 'None' } }, { ...site({}), identity: { type: 'UserAssigned' } }],
    pass: [
      { ...site({}), identity: { type: 'SystemAssigned' } },
      { ...site({}), identity: { type: 'UserAssigned', userAssignedIdentities: { '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app-id': {} } } },
    ],
    unknown: [{ ...site({}), identity: { type: param('identityType') } }],
  }),
  azureRule({
    id: 'IAC-AZ-APP-CLIENT-CERTIFICATES',
    title: 'Web or function app does not require client certificates',
    severity: 'low',
    description: 'Incoming client certificates add mutual TLS: only clients holding a trusted certificate can reach the app.',
    remediation: "Set properties.clientCertEnabled to true (clientCertMode 'Required').",
    helpUri: 'https://learn.microsoft.com/azure/app-service/app-service-web-configure-tls-mutual-auth',
    checkov: 'CKV_AZURE_17',
    cis: ['CIS Azure 9.4'],
    cwe: ['CWE-295'],
    types: [SITE, SLOT],
    api,
    check: expect('properties.clientCertEnabled', true),
    fail: [site({}, { clientCertEnabled: false }), site({ minTlsVersion: '1.2' })],
    pass: [site({}, { clientCertEnabled: true, clientCertMode: 'Required' })],
    unknown: [site({}, { clientCertEnabled: param('clientCerts', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-APP-HTTP2',
    title: 'Web or function app does not enable HTTP/2',
    severity: 'low',
    description: 'HTTP/2 fixes head-of-line blocking and header compression weaknesses of HTTP/1.1 and is what current clients expect.',
    remediation: 'Set siteConfig.http20Enabled to true.',
    helpUri: 'https://learn.microsoft.com/azure/app-service/configure-common',
    checkov: ['CKV_AZURE_18', 'CKV_AZURE_67'],
    cis: ['CIS Azure 9.9'],
    types,
    api,
    check: siteConfig('http20Enabled', (p, o) => expect(p, true, o), 'fail'),
    fail: [site({ http20Enabled: false }), site({ minTlsVersion: '1.2' })],
    pass: [site({ http20Enabled: true }), configChild({ http20Enabled: true })],
    unknown: [site({ http20Enabled: param('http2', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-APP-CORS-ANY-ORIGIN',
    title: 'Web or function app allows CORS from any origin',
    severity: 'medium',
    description:
      "A CORS allowed origin '*' lets any website call the app from a visitor's browser and read the responses. A '*' among other origins fails too (Checkov flags only a lone '*').",
    remediation: "List the origins that need access in siteConfig.cors.allowedOrigins instead of '*'.",
    helpUri: 'https://learn.microsoft.com/azure/app-service/app-service-web-tutorial-rest-api#enable-cors',
    checkov: ['CKV_AZURE_57', 'CKV_AZURE_62'],
    cwe: ['CWE-942'],
    types,
    api,
    check: siteConfig('cors.allowedOrigins', (p, o) => forbid(p, (v) => v === '*' || (Array.isArray(v) && v.includes('*')), { whenMissing: o.whenMissing === 'fail' ? 'fail' : o.whenMissing }), 'pass'),
    fail: [site({ cors: { allowedOrigins: ['*'] } }), configChild({ cors: { allowedOrigins: ['https://app.example.com', '*'] } })],
    pass: [site({ cors: { allowedOrigins: ['https://app.example.com'] } }), site({ minTlsVersion: '1.2' })],
    unknown: [site({ cors: { allowedOrigins: param('origins', 'array') } })],
  }),
  azureRule({
    id: 'IAC-AZ-APP-AUTHENTICATION',
    title: 'App Service authentication (Easy Auth) is turned off',
    severity: 'medium',
    description:
      "An authsettings config with enabled false lets every request reach the app unauthenticated. Judged on the authsettings / authsettingsV2 config children (V2: properties.platform.enabled), not on other config children as Checkov does.",
    remediation: 'Set the authsettingsV2 config child properties.platform.enabled to true with an identity provider (or authsettings properties.enabled).',
    helpUri: 'https://learn.microsoft.com/azure/app-service/overview-authentication-authorization',
    checkov: 'CKV_AZURE_13',
    cis: ['CIS Azure 9.1'],
    cwe: ['CWE-306'],
    types: ['Microsoft.Web/sites/config', 'Microsoft.Web/sites/slots/config'],
    api,
    check: (r, ctx) => {
      if (/\/authsettingsv2$/i.test(r.name)) return expect('properties.platform.enabled', true)(r, ctx);
      if (/\/authsettings$/i.test(r.name)) return expect('properties.enabled', true)(r, ctx);
      return notApplicable();
    },
    fail: [[{ name: 'webapp/authsettings', body: { properties: { enabled: false } } }], [{ name: 'webapp/authsettingsV2', body: { properties: { platform: { enabled: false } } } }]],
    pass: [
      [{ name: 'webapp/authsettings', body: { properties: { enabled: true, defaultProvider: 'AzureActiveDirectory' } } }],
      [{ name: 'webapp/authsettingsV2', body: { properties: { platform: { enabled: true }, globalValidation: { requireAuthentication: true } } } }],
    ],
    unknown: [[{ name: 'webapp/authsettingsV2', body: { properties: { platform: { enabled: param('easyAuth', 'bool') } } } }]],
  }),
  ...(
    [
      ['IAC-AZ-APP-HTTP-LOGGING', 'httpLoggingEnabled', 'CKV_AZURE_63', 'does not keep HTTP logs', 'Without web server (HTTP) logs there is no record of the requests an attacker sent.'],
      ['IAC-AZ-APP-DETAILED-ERRORS-LOGGING', 'detailedErrorLoggingEnabled', 'CKV_AZURE_65', 'does not log detailed errors', 'Detailed error logs keep the failing requests (4xx/5xx) server-side, where probing and failed attacks can be investigated.'],
      ['IAC-AZ-APP-REQUEST-TRACING', 'requestTracingEnabled', 'CKV_AZURE_66', 'does not trace failed requests', 'Failed request tracing records how each failing request was processed, which investigations of probing and errors need.'],
    ] as const
  ).map(([id, key, checkov, what, why]) =>
    azureRule({
      id,
      title: `Web or function app ${what}`,
      severity: 'low',
      description: `${why} Read on the site's siteConfig as well as its config/web child (Checkov reads only the child).`,
      remediation: `Set siteConfig.${key} (or the config/web child's properties.${key}) to true.`,
      helpUri: 'https://learn.microsoft.com/azure/app-service/troubleshoot-diagnostic-logs',
      checkov,
      cwe: ['CWE-778'],
      types,
      api,
      check: siteConfig(key, (p, o) => expect(p, true, o), 'fail'),
      fail: [site({ [key]: false }), configChild({ [key]: false })],
      pass: [site({ [key]: true }), configChild({ [key]: true })],
      unknown: [site({ [key]: param('logging', 'bool') })],
    }),
  ),
  azureRule({
    id: 'IAC-AZ-APP-PUBLIC-NETWORK',
    title: 'Web or function app reachable from public networks',
    severity: 'medium',
    description: "Without publicNetworkAccess 'Disabled' (the default is Enabled) the app's endpoints, SCM site included, answer requests from the whole internet.",
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and reach the app through private endpoints (or a Front Door / Application Gateway with WAF).",
    helpUri: 'https://learn.microsoft.com/azure/app-service/overview-private-endpoint',
    checkov: 'CKV_AZURE_222',
    cwe: ['CWE-284'],
    types: [SITE, SLOT],
    api,
    check: publicNetworkDisabled(),
    fail: [site({}, { publicNetworkAccess: 'Enabled' }), site({ minTlsVersion: '1.2' })],
    pass: [site({}, { publicNetworkAccess: 'Disabled' })],
    unknown: [site({}, { publicNetworkAccess: param('publicAccess') })],
  }),
];
