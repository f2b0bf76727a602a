// App Service web apps and Function apps (legacy azurerm_app_service/azurerm_function_app and the
// linux/windows types with their slots).
import { all, anyOf, expect, forbid, type Check } from '../../helpers';
import type { IacRule } from '../../types';
import { lookup } from '../../values';
import { byType, containsItem, expectAlias, FUNCTION_APPS, hcl, LEGACY_APPS, MODERN_APPS, plan, variable, WEB_APPS } from './b-shared';
import { requireSet } from './a-common';

const WEB = 'azurerm_linux_web_app';
const FN = 'azurerm_linux_function_app';
const FN_DOCS = 'https://learn.microsoft.com/azure/azure-functions/security-concepts';
const BASE = 'resource_group_name = "rg"\nlocation            = "westeurope"\nservice_plan_id     = "plan"';

export const webAppHttpsOnly: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-HTTPS-ONLY',
  title: 'Web app accepts plain HTTP',
  severity: 'high',
  description: 'Without https_only the app answers on HTTP, so credentials, cookies and data cross the network in clear text.',
  remediation: 'Set https_only = true (the provider default is false).',
  remediationSnippet: `resource "${WEB}" "example" {\n  https_only = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https',
  checkov: ['CKV_AZURE_14', 'CKV_AZURE_153'],
  cis: ['CIS Azure 9.2'],
  cwe: ['CWE-319'],
  model: 'terraform',
  resourceTypes: WEB_APPS,
  check: expect('https_only', true),
  examples: {
    hcl: {
      fail: [hcl(WEB, `${BASE}\nhttps_only = false`), hcl('azurerm_app_service', 'app_service_plan_id = "plan"')],
      pass: [hcl(WEB, `${BASE}\nhttps_only = true`)],
      unknown: [hcl(WEB, 'https_only = var.https', variable('https'))],
    },
    tfplan: {
      fail: [plan({ type: WEB, values: { name: 'web', https_only: false, site_config: [{}] } })],
      pass: [plan({ type: WEB, values: { name: 'web', https_only: true, site_config: [{}] } })],
    },
  },
};

export const functionAppHttpsOnly: IacRule = {
  id: 'IAC-TF-AZ-FUNCTIONAPP-HTTPS-ONLY',
  title: 'Function app accepts plain HTTP',
  severity: 'high',
  description: 'Without https_only the function endpoints answer on HTTP: function keys and payloads cross the network in clear text.',
  remediation: 'Set https_only = true (the provider default is false).',
  remediationSnippet: `resource "${FN}" "example" {\n  https_only = true\n}`,
  helpUri: FN_DOCS,
  checkov: 'CKV_AZURE_70',
  cwe: ['CWE-319'],
  model: 'terraform',
  resourceTypes: FUNCTION_APPS,
  check: expect('https_only', true),
  examples: {
    hcl: {
      fail: [hcl(FN, BASE)],
      pass: [hcl(FN, `${BASE}\nhttps_only = true`), hcl('azurerm_function_app', 'https_only = true')],
      unknown: [hcl(FN, 'https_only = var.https', variable('https'))],
    },
    tfplan: {
      fail: [plan({ type: FN, values: { https_only: false } })],
      pass: [plan({ type: FN, values: { https_only: true } })],
    },
  },
};

const TLS_OK = ['1.2', '1.3'];
/**
 * Legacy types name it min_tls_version; the linux/windows types minimum_tls_version, plus
 * scm_minimum_tls_version for the Kudu (deployment) endpoint. All default to 1.2.
 */
const minTlsCheck = all(
  expect('site_config.minimum_tls_version', TLS_OK, { whenMissing: 'pass' }),
  expect('site_config.min_tls_version', TLS_OK, { whenMissing: 'pass' }),
  expect('site_config.scm_minimum_tls_version', TLS_OK, { whenMissing: 'pass' }),
);

export const webAppMinTls: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-MIN-TLS',
  title: 'Web app allows TLS older than 1.2',
  severity: 'high',
  description: 'TLS 1.0 and 1.1 have known weaknesses and are deprecated; clients should not be able to negotiate them with the app.',
  remediation: 'Set site_config.minimum_tls_version and scm_minimum_tls_version to "1.2" (min_tls_version on azurerm_app_service), or leave them unset (default 1.2).',
  remediationSnippet: `resource "${WEB}" "example" {\n  site_config {\n    minimum_tls_version = "1.2"\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-tls-versions',
  checkov: ['CKV_AZURE_15', 'CKV_AZURE_154'],
  cis: ['CIS Azure 9.3'],
  cwe: ['CWE-326'],
  model: 'terraform',
  resourceTypes: WEB_APPS,
  check: minTlsCheck,
  examples: {
    hcl: {
      fail: [
        hcl(WEB, 'site_config {\n  minimum_tls_version = "1.0"\n}'),
        hcl('azurerm_app_service', 'site_config {\n  min_tls_version = "1.1"\n}'),
        hcl('azurerm_windows_web_app', 'site_config {\n  minimum_tls_version     = "1.2"\n  scm_minimum_tls_version = "1.0"\n}'),
      ],
      pass: [hcl(WEB, 'site_config {\n  minimum_tls_version = "1.2"\n}'), hcl(WEB, 'https_only = true\nsite_config {}')],
      unknown: [hcl(WEB, 'site_config {\n  minimum_tls_version = var.tls\n}', variable('tls'))],
    },
    tfplan: {
      fail: [plan({ type: WEB, values: { site_config: [{ minimum_tls_version: '1.1' }] } })],
      pass: [plan({ type: WEB, values: { site_config: [{ minimum_tls_version: '1.2' }] } })],
    },
  },
};

export const functionAppMinTls: IacRule = {
  id: 'IAC-TF-AZ-FUNCTIONAPP-MIN-TLS',
  title: 'Function app allows TLS older than 1.2',
  severity: 'high',
  description: 'TLS 1.0 and 1.1 have known weaknesses and are deprecated; clients should not be able to negotiate them with the function app.',
  remediation: 'Set site_config.minimum_tls_version = "1.2" (min_tls_version on azurerm_function_app), or leave it unset (default 1.2).',
  remediationSnippet: `resource "${FN}" "example" {\n  site_config {\n    minimum_tls_version = "1.2"\n  }\n}`,
  helpUri: FN_DOCS,
  checkov: 'CKV_AZURE_145',
  cwe: ['CWE-326'],
  model: 'terraform',
  resourceTypes: FUNCTION_APPS,
  check: minTlsCheck,
  examples: {
    hcl: {
      fail: [
        hcl(FN, 'site_config {\n  minimum_tls_version = "1.1"\n}'),
        hcl('azurerm_function_app', 'site_config {\n  min_tls_version = "1.0"\n}'),
      ],
      pass: [hcl(FN, 'site_config {\n  minimum_tls_version = "1.3"\n}'), hcl('azurerm_function_app', 'site_config {}')],
      unknown: [hcl(FN, 'site_config {\n  minimum_tls_version = var.tls\n}', variable('tls'))],
    },
    tfplan: {
      fail: [plan({ type: FN, values: { site_config: [{ minimum_tls_version: '1.0' }] } })],
      pass: [plan({ type: FN, values: { site_config: [{ minimum_tls_version: '1.2' }] } })],
    },
  },
};

const FTPS_OK = ['FtpsOnly', 'Disabled'];
export const appFtps: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-FTPS',
  title: 'App Service allows plain FTP deployments',
  severity: 'medium',
  description:
    'With ftps_state AllAllowed, deployment credentials and site content can travel over unencrypted FTP. An unset ftps_state passes on the linux/windows app types, whose provider default is Disabled (Checkov fails it); the legacy types default to AllAllowed and fail.',
  remediation: 'Set site_config.ftps_state = "Disabled" (or "FtpsOnly"). Legacy azurerm_app_service/azurerm_function_app default to AllAllowed.',
  remediationSnippet: `resource "${WEB}" "example" {\n  site_config {\n    ftps_state = "Disabled"\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/deploy-ftp#enforce-ftps',
  checkov: 'CKV_AZURE_78',
  cis: ['CIS Azure 9.10'],
  cwe: ['CWE-319'],
  model: 'terraform',
  resourceTypes: [...WEB_APPS, ...FUNCTION_APPS],
  // The linux/windows types default to Disabled; the legacy types to AllAllowed.
  check: (r, ctx) => expect('site_config.ftps_state', FTPS_OK, { whenMissing: LEGACY_APPS.has(r.type) ? 'fail' : 'pass' })(r, ctx),
  examples: {
    hcl: {
      fail: [hcl(WEB, 'site_config {\n  ftps_state = "AllAllowed"\n}'), hcl('azurerm_app_service', 'site_config {}')],
      pass: [
        hcl(WEB, 'site_config {\n  ftps_state = "FtpsOnly"\n}'),
        hcl(FN, 'site_config {}'),
        hcl('azurerm_function_app', 'site_config {\n  ftps_state = "Disabled"\n}'),
      ],
      unknown: [hcl(WEB, 'site_config {\n  ftps_state = var.ftps\n}', variable('ftps'))],
    },
    tfplan: {
      fail: [plan({ type: FN, values: { site_config: [{ ftps_state: 'AllAllowed' }] } })],
      pass: [plan({ type: FN, values: { site_config: [{ ftps_state: 'Disabled' }] } })],
    },
  },
};

export const webAppHttp2: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-HTTP2',
  title: 'Web app does not enable HTTP/2',
  severity: 'low',
  description: 'HTTP/2 fixes head-of-line blocking and header handling weaknesses of HTTP/1.1; App Service serves HTTP/1.1 only unless told otherwise.',
  remediation: 'Set site_config.http2_enabled = true (default false).',
  remediationSnippet: `resource "${WEB}" "example" {\n  site_config {\n    http2_enabled = true\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/configure-common#configure-general-settings',
  checkov: 'CKV_AZURE_18',
  cis: ['CIS Azure 9.9'],
  model: 'terraform',
  resourceTypes: WEB_APPS,
  check: expect('site_config.http2_enabled', true),
  examples: {
    hcl: {
      fail: [hcl(WEB, 'site_config {}'), hcl('azurerm_app_service', 'site_config {\n  http2_enabled = false\n}')],
      pass: [hcl(WEB, 'site_config {\n  http2_enabled = true\n}')],
      unknown: [hcl(WEB, 'site_config {\n  http2_enabled = var.h2\n}', variable('h2'))],
    },
    tfplan: {
      fail: [plan({ type: WEB, values: { site_config: [{ http2_enabled: false }] } })],
      pass: [plan({ type: WEB, values: { site_config: [{ http2_enabled: true }] } })],
    },
  },
};

export const functionAppHttp2: IacRule = {
  id: 'IAC-TF-AZ-FUNCTIONAPP-HTTP2',
  title: 'Function app does not enable HTTP/2',
  severity: 'low',
  description: 'HTTP/2 fixes head-of-line blocking and header handling weaknesses of HTTP/1.1; function apps serve HTTP/1.1 only unless told otherwise.',
  remediation: 'Set site_config.http2_enabled = true (default false).',
  remediationSnippet: `resource "${FN}" "example" {\n  site_config {\n    http2_enabled = true\n  }\n}`,
  helpUri: FN_DOCS,
  checkov: 'CKV_AZURE_67',
  model: 'terraform',
  resourceTypes: FUNCTION_APPS,
  check: expect('site_config.http2_enabled', true),
  examples: {
    hcl: {
      fail: [hcl(FN, 'site_config {\n  http2_enabled = false\n}')],
      pass: [hcl(FN, 'site_config {\n  http2_enabled = true\n}')],
      unknown: [hcl(FN, 'site_config {\n  http2_enabled = var.h2\n}', variable('h2'))],
    },
  },
};

export const appRemoteDebugging: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-REMOTE-DEBUGGING',
  title: 'App Service remote debugging is enabled',
  severity: 'medium',
  description: 'Remote debugging opens extra inbound ports and lets a debugger attach to the production process.',
  remediation: 'Remove site_config.remote_debugging_enabled or set it to false (default false).',
  remediationSnippet: `resource "${WEB}" "example" {\n  site_config {\n    remote_debugging_enabled = false\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/configure-common#configure-general-settings',
  checkov: ['CKV_AZURE_72', 'CKV_AZURE_155'],
  cwe: ['CWE-489'],
  model: 'terraform',
  resourceTypes: [...WEB_APPS, ...FUNCTION_APPS],
  check: forbid('site_config.remote_debugging_enabled', true),
  examples: {
    hcl: {
      fail: [hcl(WEB, 'site_config {\n  remote_debugging_enabled = true\n  remote_debugging_version = "VS2022"\n}')],
      pass: [hcl(WEB, 'site_config {\n  remote_debugging_enabled = false\n}'), hcl(FN, 'site_config {}')],
      unknown: [hcl(FN, 'site_config {\n  remote_debugging_enabled = var.debug\n}', variable('debug'))],
    },
    tfplan: {
      fail: [plan({ type: WEB, values: { site_config: [{ remote_debugging_enabled: true }] } })],
      pass: [plan({ type: WEB, values: { site_config: [{ remote_debugging_enabled: false }] } })],
    },
  },
};

export const webAppClientCertificates: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-CLIENT-CERTIFICATES',
  title: 'Web app does not request client certificates',
  severity: 'medium',
  description: 'Client certificates (mutual TLS) let only clients holding a valid certificate reach the app.',
  remediation: 'Set client_certificate_enabled = true (client_cert_enabled on azurerm_app_service) with client_certificate_mode = "Required".',
  remediationSnippet: `resource "${WEB}" "example" {\n  client_certificate_enabled = true\n  client_certificate_mode    = "Required"\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/app-service-web-configure-tls-mutual-auth',
  checkov: 'CKV_AZURE_17',
  cis: ['CIS Azure 9.4'],
  cwe: ['CWE-295'],
  model: 'terraform',
  resourceTypes: WEB_APPS,
  check: expectAlias(['client_certificate_enabled', 'client_cert_enabled'], true),
  examples: {
    hcl: {
      fail: [hcl(WEB, BASE), hcl('azurerm_app_service', 'client_cert_enabled = false')],
      pass: [
        hcl(WEB, 'client_certificate_enabled = true\nclient_certificate_mode    = "Required"'),
        hcl('azurerm_app_service', 'client_cert_enabled = true'),
      ],
      unknown: [hcl(WEB, 'client_certificate_enabled = var.mtls', variable('mtls'))],
    },
    tfplan: {
      fail: [plan({ type: WEB, values: { client_certificate_enabled: false } })],
      pass: [plan({ type: WEB, values: { client_certificate_enabled: true, client_certificate_mode: 'Required' } })],
    },
  },
};

export const webAppManagedIdentity: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-MANAGED-IDENTITY',
  title: 'Web app has no managed identity',
  severity: 'low',
  description: 'Without a managed identity the app reaches other Azure services with secrets kept in settings or code instead of Entra ID tokens.',
  remediation: 'Add an identity block (type = "SystemAssigned" or "UserAssigned").',
  remediationSnippet: `resource "${WEB}" "example" {\n  identity {\n    type = "SystemAssigned"\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/overview-managed-identity',
  checkov: ['CKV_AZURE_16', 'CKV_AZURE_71'],
  cis: ['CIS Azure 9.5'],
  model: 'terraform',
  resourceTypes: WEB_APPS,
  check: requireSet('identity.type'),
  examples: {
    hcl: {
      fail: [hcl(WEB, BASE)],
      pass: [hcl(WEB, 'identity {\n  type = "SystemAssigned"\n}')],
      unknown: [hcl(WEB, 'identity {\n  type = var.identity_type\n}', variable('identity_type'))],
    },
    tfplan: {
      fail: [plan({ type: WEB, values: { identity: [] } })],
      pass: [plan({ type: WEB, values: { identity: [{ type: 'SystemAssigned', identity_ids: [] }] } })],
    },
  },
};

export const functionAppManagedIdentity: IacRule = {
  id: 'IAC-TF-AZ-FUNCTIONAPP-MANAGED-IDENTITY',
  title: 'Function app has no managed identity',
  severity: 'low',
  description: 'Without a managed identity the functions reach storage, Key Vault and other services with connection strings and keys kept in settings.',
  remediation: 'Add an identity block (type = "SystemAssigned" or "UserAssigned").',
  remediationSnippet: `resource "${FN}" "example" {\n  identity {\n    type = "SystemAssigned"\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/overview-managed-identity',
  model: 'terraform',
  resourceTypes: FUNCTION_APPS,
  check: requireSet('identity.type'),
  examples: {
    hcl: {
      fail: [hcl(FN, BASE)],
      pass: [hcl(FN, 'identity {\n  type = "UserAssigned"\n  identity_ids = ["id"]\n}')],
      unknown: [hcl(FN, 'identity {\n  type = var.identity_type\n}', variable('identity_type'))],
    },
  },
};

/** auth_settings_v2 (azurerm 3.x+) or the older auth_settings: either enabled is enough; a failure names the one that is set. */
const authEnabled: Check = (r, ctx) => {
  const v2 = expect('auth_settings_v2.auth_enabled', true);
  const v1 = expect('auth_settings.enabled', true);
  if (!lookup(r.attributes, 'auth_settings_v2.auth_enabled').length && lookup(r.attributes, 'auth_settings.enabled').length) return v1(r, ctx);
  return anyOf(v2, v1)(r, ctx);
};

export const webAppAuthentication: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-AUTHENTICATION',
  title: 'Web app does not use App Service authentication',
  severity: 'medium',
  description: 'App Service authentication (Easy Auth) rejects anonymous requests before they reach the code.',
  remediation: 'Add auth_settings_v2 { auth_enabled = true … } (or auth_settings { enabled = true } on older providers).',
  remediationSnippet: `resource "${WEB}" "example" {\n  auth_settings_v2 {\n    auth_enabled = true\n    login {}\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/overview-authentication-authorization',
  checkov: 'CKV_AZURE_13',
  cis: ['CIS Azure 9.1'],
  cwe: ['CWE-306'],
  model: 'terraform',
  resourceTypes: WEB_APPS,
  check: authEnabled,
  examples: {
    hcl: {
      fail: [hcl(WEB, BASE), hcl('azurerm_app_service', 'auth_settings {\n  enabled = false\n}')],
      pass: [
        hcl(WEB, 'auth_settings_v2 {\n  auth_enabled = true\n  login {}\n}'),
        hcl('azurerm_app_service', 'auth_settings {\n  enabled = true\n}'),
      ],
      unknown: [hcl(WEB, 'auth_settings_v2 {\n  auth_enabled = var.auth\n  login {}\n}', variable('auth'))],
    },
    tfplan: {
      fail: [plan({ type: WEB, values: { auth_settings: [], auth_settings_v2: [{ auth_enabled: false, login: [{}] }] } })],
      pass: [plan({ type: WEB, values: { auth_settings: [], auth_settings_v2: [{ auth_enabled: true, login: [{}] }] } })],
    },
  },
};

export const functionAppAuthentication: IacRule = {
  id: 'IAC-TF-AZ-FUNCTIONAPP-AUTHENTICATION',
  title: 'Function app does not use App Service authentication',
  severity: 'medium',
  description: 'App Service authentication rejects anonymous requests before they reach the functions; function keys alone are shared secrets.',
  remediation: 'Add auth_settings_v2 { auth_enabled = true … } (or auth_settings { enabled = true } on older providers).',
  remediationSnippet: `resource "${FN}" "example" {\n  auth_settings_v2 {\n    auth_enabled = true\n    login {}\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/overview-authentication-authorization',
  checkov: 'CKV_AZURE_56',
  cwe: ['CWE-306'],
  model: 'terraform',
  resourceTypes: FUNCTION_APPS,
  check: authEnabled,
  examples: {
    hcl: {
      fail: [hcl(FN, BASE)],
      pass: [hcl(FN, 'auth_settings {\n  enabled = true\n}')],
      unknown: [hcl(FN, 'auth_settings {\n  enabled = var.auth\n}', variable('auth'))],
    },
  },
};

export const appCorsAllOrigins: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-CORS-ANY-ORIGIN',
  title: 'App Service CORS allows every origin',
  severity: 'medium',
  description: 'allowed_origins = ["*"] lets scripts on any web site call the app from a visitor\'s browser.',
  remediation: 'List the origins that need access in site_config.cors.allowed_origins instead of "*".',
  remediationSnippet: `resource "${WEB}" "example" {\n  site_config {\n    cors {\n      allowed_origins = ["https://portal.example.com"]\n    }\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/app-service-web-tutorial-rest-api#enable-cors',
  checkov: 'CKV_AZURE_57',
  cwe: ['CWE-942'],
  model: 'terraform',
  resourceTypes: [...WEB_APPS, ...FUNCTION_APPS],
  check: forbid('site_config.cors.allowed_origins', containsItem('*')),
  examples: {
    hcl: {
      fail: [
        hcl(WEB, 'site_config {\n  cors {\n    allowed_origins = ["*"]\n  }\n}'),
        hcl(FN, 'site_config {\n  cors {\n    allowed_origins = ["https://a.example.com", "*"]\n  }\n}'),
      ],
      pass: [hcl(WEB, 'site_config {\n  cors {\n    allowed_origins = ["https://a.example.com"]\n  }\n}'), hcl(FN, 'site_config {}')],
      unknown: [hcl(WEB, 'site_config {\n  cors {\n    allowed_origins = var.origins\n  }\n}', variable('origins'))],
    },
    tfplan: {
      fail: [plan({ type: WEB, values: { site_config: [{ cors: [{ allowed_origins: ['*'], support_credentials: false }] }] } })],
      pass: [plan({ type: WEB, values: { site_config: [{ cors: [{ allowed_origins: ['https://a.example.com'] }] }] } })],
    },
  },
};

const WEB_MODERN = MODERN_APPS.filter((t) => t.includes('web_app'));
const FN_MODERN = MODERN_APPS.filter((t) => t.includes('function_app'));

export const webAppPublicNetwork: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-PUBLIC-NETWORK',
  title: 'Web app is reachable from the public internet',
  severity: 'medium',
  description: 'A web app with public network access answers anyone on the internet; internal apps belong behind private endpoints.',
  remediation: 'Set public_network_access_enabled = false and reach the app through a private endpoint (default true).',
  remediationSnippet: `resource "${WEB}" "example" {\n  public_network_access_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/overview-private-endpoint',
  checkov: 'CKV_AZURE_222',
  model: 'terraform',
  resourceTypes: WEB_MODERN,
  check: expect('public_network_access_enabled', false),
  examples: {
    hcl: {
      fail: [hcl(WEB, BASE), hcl('azurerm_windows_web_app', 'public_network_access_enabled = true')],
      pass: [hcl(WEB, 'public_network_access_enabled = false')],
      unknown: [hcl(WEB, 'public_network_access_enabled = var.public', variable('public'))],
    },
    tfplan: {
      fail: [plan({ type: WEB, values: { public_network_access_enabled: true } })],
      pass: [plan({ type: WEB, values: { public_network_access_enabled: false } })],
    },
  },
};

export const functionAppPublicNetwork: IacRule = {
  id: 'IAC-TF-AZ-FUNCTIONAPP-PUBLIC-NETWORK',
  title: 'Function app is reachable from the public internet',
  severity: 'medium',
  description: 'A function app with public network access answers anyone on the internet; internal functions belong behind private endpoints.',
  remediation: 'Set public_network_access_enabled = false and reach the app through a private endpoint (default true).',
  remediationSnippet: `resource "${FN}" "example" {\n  public_network_access_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/azure-functions/functions-networking-options',
  checkov: 'CKV_AZURE_221',
  model: 'terraform',
  resourceTypes: FN_MODERN,
  check: expect('public_network_access_enabled', false),
  examples: {
    hcl: {
      fail: [hcl(FN, BASE)],
      pass: [hcl('azurerm_windows_function_app', 'public_network_access_enabled = false')],
      unknown: [hcl(FN, 'public_network_access_enabled = var.public', variable('public'))],
    },
    tfplan: {
      fail: [plan({ type: FN, values: { public_network_access_enabled: true } })],
      pass: [plan({ type: FN, values: { public_network_access_enabled: false } })],
    },
  },
};

/** Legacy types name the log switches *_enabled; the linux/windows types do not. */
const logSwitch = (modern: string, legacy: string) =>
  byType(
    Object.fromEntries([...LEGACY_APPS].map((t) => [t, expect(`logs.${legacy}`, true)])),
    expectAlias([`logs.${modern}`, `logs.${legacy}`], true),
  );

export const webAppDetailedErrors: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-DETAILED-ERROR-LOGS',
  title: 'Web app does not log detailed error messages',
  severity: 'low',
  description: 'Detailed error logs keep the server-side details of failed requests for investigation (they are stored, not shown to clients).',
  remediation: 'Add logs { detailed_error_messages = true } (detailed_error_messages_enabled on azurerm_app_service).',
  remediationSnippet: `resource "${WEB}" "example" {\n  logs {\n    detailed_error_messages = true\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/troubleshoot-diagnostic-logs',
  checkov: 'CKV_AZURE_65',
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: WEB_APPS,
  check: logSwitch('detailed_error_messages', 'detailed_error_messages_enabled'),
  examples: {
    hcl: {
      fail: [hcl(WEB, BASE), hcl('azurerm_app_service', 'logs {\n  detailed_error_messages_enabled = false\n}')],
      pass: [
        hcl(WEB, 'logs {\n  detailed_error_messages = true\n}'),
        hcl('azurerm_app_service', 'logs {\n  detailed_error_messages_enabled = true\n}'),
      ],
      unknown: [hcl(WEB, 'logs {\n  detailed_error_messages = var.errors\n}', variable('errors'))],
    },
    tfplan: {
      fail: [plan({ type: WEB, values: { logs: [{ detailed_error_messages: false, failed_request_tracing: false }] } })],
      pass: [plan({ type: WEB, values: { logs: [{ detailed_error_messages: true, failed_request_tracing: false }] } })],
    },
  },
};

export const webAppFailedRequestTracing: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-FAILED-REQUEST-TRACING',
  title: 'Web app does not trace failed requests',
  severity: 'low',
  description: 'Failed request traces show how IIS handled a failing request, which helps reconstruct an attack or an outage.',
  remediation: 'Add logs { failed_request_tracing = true } (failed_request_tracing_enabled on azurerm_app_service).',
  remediationSnippet: `resource "${WEB}" "example" {\n  logs {\n    failed_request_tracing = true\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/troubleshoot-diagnostic-logs',
  checkov: 'CKV_AZURE_66',
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: WEB_APPS,
  check: logSwitch('failed_request_tracing', 'failed_request_tracing_enabled'),
  examples: {
    hcl: {
      fail: [hcl(WEB, 'logs {\n  failed_request_tracing = false\n}')],
      pass: [
        hcl(WEB, 'logs {\n  failed_request_tracing = true\n}'),
        hcl('azurerm_app_service', 'logs {\n  failed_request_tracing_enabled = true\n}'),
      ],
      unknown: [hcl(WEB, 'logs {\n  failed_request_tracing = var.tracing\n}', variable('tracing'))],
    },
    tfplan: {
      fail: [plan({ type: WEB, values: { logs: [{ failed_request_tracing: false }] } })],
      pass: [plan({ type: WEB, values: { logs: [{ failed_request_tracing: true }] } })],
    },
  },
};

export const webAppHttpLogs: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-HTTP-LOGS',
  title: 'Web app does not keep HTTP logs',
  severity: 'low',
  description: 'HTTP logs record every request to the app: without them there is no trail of who called what.',
  remediation: 'Add logs { http_logs { file_system { … } } } or an azure_blob_storage destination.',
  remediationSnippet: `resource "${WEB}" "example" {\n  logs {\n    http_logs {\n      file_system {\n        retention_in_days = 30\n        retention_in_mb   = 35\n      }\n    }\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/troubleshoot-diagnostic-logs#enable-web-server-logging',
  checkov: 'CKV_AZURE_63',
  cis: ['CIS Azure 5.3'],
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: WEB_APPS,
  check: requireSet('logs.http_logs'),
  examples: {
    hcl: {
      fail: [hcl(WEB, 'logs {\n  detailed_error_messages = true\n}')],
      pass: [hcl(WEB, 'logs {\n  http_logs {\n    file_system {\n      retention_in_days = 30\n      retention_in_mb   = 35\n    }\n  }\n}')],
      unknown: [hcl(WEB, 'logs {\n  http_logs = var.http_logs\n}', variable('http_logs'))],
    },
  },
};

export const appHealthCheck: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-HEALTH-CHECK',
  title: 'App Service has no health check path',
  severity: 'low',
  description: 'Without a health check App Service keeps routing traffic to unhealthy instances and does not replace them.',
  remediation: 'Set site_config.health_check_path (and health_check_eviction_time_in_min on the linux/windows types).',
  remediationSnippet: `resource "${WEB}" "example" {\n  site_config {\n    health_check_path                 = "/healthz"\n    health_check_eviction_time_in_min = 5\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/app-service/monitor-instances-health-check',
  checkov: 'CKV_AZURE_213',
  model: 'terraform',
  // Web apps only: Consumption-plan function apps do not support health checks.
  resourceTypes: WEB_APPS,
  check: requireSet('site_config.health_check_path'),
  examples: {
    hcl: {
      fail: [hcl(WEB, 'site_config {}'), hcl('azurerm_windows_web_app', BASE)],
      pass: [hcl(WEB, 'site_config {\n  health_check_path                 = "/healthz"\n  health_check_eviction_time_in_min = 5\n}')],
      unknown: [hcl(WEB, 'site_config {\n  health_check_path = var.health\n}', variable('health'))],
    },
    tfplan: {
      fail: [plan({ type: WEB, values: { site_config: [{ health_check_path: '' }] } })],
      pass: [plan({ type: WEB, values: { site_config: [{ health_check_path: '/healthz' }] } })],
    },
  },
};

const PLAN = 'azurerm_service_plan';
export const servicePlanZoneRedundant: IacRule = {
  id: 'IAC-TF-AZ-APPSERVICE-PLAN-ZONE-REDUNDANT',
  title: 'App Service plan is not zone redundant',
  severity: 'low',
  description: 'Without zone balancing all instances of the plan can sit in one availability zone, so a zone failure takes every app on it down.',
  remediation: 'Set zone_balancing_enabled = true (default false; Premium v2/v3 and Isolated v2 plans, with worker_count of at least 2).',
  remediationSnippet: `resource "${PLAN}" "example" {\n  sku_name               = "P1v3"\n  worker_count           = 3\n  zone_balancing_enabled = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/reliability/reliability-app-service',
  checkov: 'CKV_AZURE_225',
  model: 'terraform',
  resourceTypes: [PLAN],
  check: expect('zone_balancing_enabled', true),
  examples: {
    hcl: {
      fail: [hcl(PLAN, 'resource_group_name = "rg"\nlocation            = "westeurope"\nos_type             = "Linux"\nsku_name            = "P1v3"')],
      pass: [hcl(PLAN, 'os_type                = "Linux"\nsku_name               = "P1v3"\nworker_count           = 3\nzone_balancing_enabled = true')],
      unknown: [hcl(PLAN, 'sku_name               = "P1v3"\nzone_balancing_enabled = var.zones', variable('zones'))],
    },
    tfplan: {
      fail: [plan({ type: PLAN, values: { os_type: 'Linux', sku_name: 'P1v3', zone_balancing_enabled: false } })],
      pass: [plan({ type: PLAN, values: { os_type: 'Linux', sku_name: 'P1v3', worker_count: 3, zone_balancing_enabled: true } })],
    },
  },
};

export const appServiceRules: readonly IacRule[] = [
  webAppHttpsOnly,
  functionAppHttpsOnly,
  webAppMinTls,
  functionAppMinTls,
  appFtps,
  webAppHttp2,
  functionAppHttp2,
  appRemoteDebugging,
  webAppClientCertificates,
  webAppManagedIdentity,
  functionAppManagedIdentity,
  webAppAuthentication,
  functionAppAuthentication,
  appCorsAllOrigins,
  webAppPublicNetwork,
  functionAppPublicNetwork,
  webAppDetailedErrors,
  webAppFailedRequestTracing,
  webAppHttpLogs,
  appHealthCheck,
  servicePlanZoneRedundant,
];
