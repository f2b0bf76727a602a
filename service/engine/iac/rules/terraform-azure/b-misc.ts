// API Management, Cognitive Services / OpenAI, Machine Learning, AI Search, SignalR / Web PubSub,
// Spring Apps, Batch, IoT Hub and Event Grid.
import { all, anyOf, expect, forbid, isInternet } from '../../helpers';
import type { IacRule } from '../../types';
import { byType, forbidAlias, hcl, linked, plan, variable } from './b-shared';
import { requireSet } from './a-common';

/** A resource whose public_network_access_enabled defaults to true: it must be set to false. */
const publicNetworkOff = expect('public_network_access_enabled', false);

function publicNetworkExamples(type: string, base: string): IacRule['examples'] {
  return {
    hcl: {
      fail: [hcl(type, base), hcl(type, `${base}\npublic_network_access_enabled = true`)],
      pass: [hcl(type, `${base}\npublic_network_access_enabled = false`)],
      unknown: [hcl(type, `${base}\npublic_network_access_enabled = var.public`, variable('public'))],
    },
    tfplan: {
      fail: [plan({ type, values: { public_network_access_enabled: true } })],
      pass: [plan({ type, values: { public_network_access_enabled: false } })],
    },
  };
}

function localAuthExamples(type: string, base: string, attr: string): IacRule['examples'] {
  return {
    hcl: {
      fail: [hcl(type, base), hcl(type, `${base}\n${attr} = true`)],
      pass: [hcl(type, `${base}\n${attr} = false`)],
      unknown: [hcl(type, `${base}\n${attr} = var.local_auth`, variable('local_auth'))],
    },
    tfplan: {
      fail: [plan({ type, values: { [attr]: true } })],
      pass: [plan({ type, values: { [attr]: false } })],
    },
  };
}

const APIM = 'azurerm_api_management';
const APIM_BASE = 'location            = "westeurope"\nresource_group_name = "rg"\npublisher_name      = "Contoso"\npublisher_email     = "api@contoso.com"\nsku_name            = "Developer_1"';
const LEGACY_PROTOCOLS = ['ssl30', 'tls10', 'tls11'].flatMap((p) => ['frontend', 'backend'].map((side) => [`security.${side}_${p}_enabled`, `security.enable_${side}_${p}`]));

export const apimMinTls: IacRule = {
  id: 'IAC-TF-AZ-APIM-MIN-TLS',
  title: 'API Management allows SSL 3.0, TLS 1.0 or TLS 1.1',
  severity: 'high',
  description: 'SSL 3.0, TLS 1.0 and TLS 1.1 have known weaknesses; API Management should negotiate only TLS 1.2+ with clients (frontend) and backends.',
  remediation: 'In the security block keep frontend_/backend_ ssl30/tls10/tls11 _enabled = false (enable_frontend_tls10 … before azurerm 4.x); the defaults are false.',
  remediationSnippet: `resource "${APIM}" "example" {\n  security {\n    frontend_tls10_enabled = false\n    frontend_tls11_enabled = false\n    backend_tls10_enabled  = false\n    backend_tls11_enabled  = false\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/api-management/api-management-howto-manage-protocols-ciphers',
  checkov: 'CKV_AZURE_173',
  cwe: ['CWE-326'],
  model: 'terraform',
  resourceTypes: [APIM],
  check: all(...LEGACY_PROTOCOLS.map((names) => forbidAlias(names, true))),
  examples: {
    hcl: {
      fail: [hcl(APIM, `${APIM_BASE}\nsecurity {\n  frontend_tls10_enabled = true\n}`), hcl(APIM, `${APIM_BASE}\nsecurity {\n  enable_backend_ssl30 = true\n}`)],
      pass: [
        hcl(APIM, APIM_BASE),
        hcl(APIM, `${APIM_BASE}\nsecurity {\n  frontend_tls11_enabled = false\n  backend_tls11_enabled  = false\n}`),
      ],
      unknown: [hcl(APIM, `${APIM_BASE}\nsecurity {\n  frontend_tls11_enabled = var.tls11\n}`, variable('tls11'))],
    },
    tfplan: {
      fail: [plan({ type: APIM, values: { sku_name: 'Developer_1', security: [{ frontend_tls10_enabled: true, frontend_tls11_enabled: false, backend_tls10_enabled: false }] } })],
      pass: [plan({ type: APIM, values: { sku_name: 'Developer_1', security: [{ frontend_tls10_enabled: false, frontend_tls11_enabled: false, backend_tls10_enabled: false }] } })],
    },
  },
};

export const apimWeakCiphers: IacRule = {
  id: 'IAC-TF-AZ-APIM-TRIPLE-DES',
  title: 'API Management allows the 3DES cipher',
  severity: 'medium',
  description: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA is vulnerable to Sweet32 and should not be offered to clients or backends.',
  remediation: 'Set security { triple_des_ciphers_enabled = false } (enable_triple_des_ciphers before azurerm 4.x); default false.',
  remediationSnippet: `resource "${APIM}" "example" {\n  security {\n    triple_des_ciphers_enabled = false\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/api-management/api-management-howto-manage-protocols-ciphers',
  cwe: ['CWE-327'],
  model: 'terraform',
  resourceTypes: [APIM],
  check: forbidAlias(['security.triple_des_ciphers_enabled', 'security.enable_triple_des_ciphers'], true),
  examples: {
    hcl: {
      fail: [hcl(APIM, `${APIM_BASE}\nsecurity {\n  triple_des_ciphers_enabled = true\n}`), hcl(APIM, `${APIM_BASE}\nsecurity {\n  enable_triple_des_ciphers = true\n}`)],
      pass: [hcl(APIM, APIM_BASE)],
      unknown: [hcl(APIM, `${APIM_BASE}\nsecurity {\n  triple_des_ciphers_enabled = var.des\n}`, variable('des'))],
    },
  },
};

export const apimPublicNetwork: IacRule = {
  id: 'IAC-TF-AZ-APIM-PUBLIC-NETWORK',
  title: 'API Management is reachable from the public internet',
  severity: 'medium',
  description: 'With public network access the gateway and developer portal answer anyone; internal APIs belong behind private endpoints or an internal VNet.',
  remediation: 'Set public_network_access_enabled = false (default true) and use a private endpoint, or virtual_network_type = "Internal".',
  remediationSnippet: `resource "${APIM}" "example" {\n  public_network_access_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/api-management/private-endpoint',
  checkov: 'CKV_AZURE_174',
  model: 'terraform',
  resourceTypes: [APIM],
  check: publicNetworkOff,
  examples: publicNetworkExamples(APIM, APIM_BASE),
};

const COGNITIVE = 'azurerm_cognitive_account';
const AI_SERVICES = 'azurerm_ai_services';
const COG_BASE = 'location            = "westeurope"\nresource_group_name = "rg"\nkind                = "OpenAI"\nsku_name            = "S0"';

export const cognitivePublicNetwork: IacRule = {
  id: 'IAC-TF-AZ-COGNITIVE-PUBLIC-NETWORK',
  title: 'Cognitive Services / OpenAI account is reachable from any network',
  severity: 'medium',
  description: 'With public network access and no network ACL, the account\'s endpoint (models, keys, data) answers requests from the whole internet.',
  remediation: 'Set public_network_access_enabled = false (default true) and use private endpoints, or network_acls { default_action = "Deny" }.',
  remediationSnippet: `resource "${COGNITIVE}" "example" {\n  public_network_access_enabled = false\n  custom_subdomain_name         = "contoso-openai"\n}`,
  helpUri: 'https://learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks',
  checkov: 'CKV_AZURE_134',
  model: 'terraform',
  resourceTypes: [COGNITIVE, AI_SERVICES],
  // azurerm_ai_services takes public_network_access = "Enabled" | "Disabled" (default Enabled).
  check: byType(
    { [AI_SERVICES]: anyOf(expect('public_network_access', 'Disabled'), expect('network_acls.default_action', 'Deny')) },
    anyOf(publicNetworkOff, expect('network_acls.default_action', 'Deny')),
  ),
  examples: {
    hcl: {
      fail: [hcl(COGNITIVE, COG_BASE), hcl(AI_SERVICES, 'public_network_access = "Enabled"')],
      pass: [hcl(COGNITIVE, `${COG_BASE}\npublic_network_access_enabled = false`), hcl(AI_SERVICES, 'public_network_access = "Disabled"'), hcl(COGNITIVE, `${COG_BASE}\nnetwork_acls {\n  default_action = "Deny"\n  ip_rules       = ["203.0.113.10"]\n}`)],
      unknown: [hcl(COGNITIVE, `${COG_BASE}\npublic_network_access_enabled = var.public`, variable('public'))],
    },
    tfplan: {
      fail: [plan({ type: COGNITIVE, values: { kind: 'OpenAI', public_network_access_enabled: true, network_acls: [] } })],
      pass: [plan({ type: COGNITIVE, values: { kind: 'OpenAI', public_network_access_enabled: false, network_acls: [] } })],
    },
  },
};

export const cognitiveLocalAuth: IacRule = {
  id: 'IAC-TF-AZ-COGNITIVE-LOCAL-AUTH',
  title: 'Cognitive Services / OpenAI account accepts API keys',
  severity: 'medium',
  description: 'API keys are long-lived shared secrets that end up in code and pipelines; with local auth disabled only Entra ID tokens are accepted.',
  remediation: 'Set local_auth_enabled = false (local_authentication_enabled on azurerm_ai_services; default true) and grant identities the Cognitive Services User roles.',
  remediationSnippet: `resource "${COGNITIVE}" "example" {\n  local_auth_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/ai-services/disable-local-auth',
  cwe: ['CWE-798'],
  model: 'terraform',
  resourceTypes: [COGNITIVE, AI_SERVICES],
  // azurerm_ai_services names it local_authentication_enabled.
  check: byType({ [AI_SERVICES]: expect('local_authentication_enabled', false) }, expect('local_auth_enabled', false)),
  examples: {
    hcl: {
      ...localAuthExamples(COGNITIVE, COG_BASE, 'local_auth_enabled').hcl!,
      pass: [hcl(COGNITIVE, `${COG_BASE}\nlocal_auth_enabled = false`), hcl(AI_SERVICES, 'sku_name = "S0"\nlocal_authentication_enabled = false')],
    },
    tfplan: localAuthExamples(COGNITIVE, COG_BASE, 'local_auth_enabled').tfplan,
  },
};

const COG_CMK = 'azurerm_cognitive_account_customer_managed_key';
export const cognitiveCmk: IacRule = {
  id: 'IAC-TF-AZ-COGNITIVE-CMK',
  title: 'Cognitive Services / OpenAI account is not encrypted with a customer-managed key',
  severity: 'low',
  description: 'A customer-managed key keeps control of the encryption of stored data (fine-tuning files, models) with you: rotation and revocation.',
  remediation: 'Add customer_managed_key { key_vault_key_id = … } or an azurerm_cognitive_account_customer_managed_key for the account.',
  remediationSnippet: `resource "${COG_CMK}" "example" {\n  cognitive_account_id = azurerm_cognitive_account.example.id\n  key_vault_key_id     = azurerm_key_vault_key.example.id\n}`,
  helpUri: 'https://learn.microsoft.com/azure/ai-services/openai/encrypt-data-at-rest',
  checkov: 'CKV2_AZURE_22',
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [COGNITIVE, AI_SERVICES],
  check: (r, ctx) => {
    const inline = requireSet('customer_managed_key.key_vault_key_id')(r, ctx);
    if (!Array.isArray(inline) && (inline as { outcome: string }).outcome !== 'fail') return inline;
    const l = linked(ctx, COG_CMK, ['cognitive_account_id'], r);
    if (l === 'yes') return { outcome: 'pass', path: 'customer_managed_key' };
    if (l === 'maybe') return { outcome: 'unknown', reason: 'a customer-managed key resource names an account that is not known before deployment' };
    return inline;
  },
  examples: {
    hcl: {
      fail: [hcl(COGNITIVE, COG_BASE)],
      pass: [
        hcl(COGNITIVE, `${COG_BASE}\ncustomer_managed_key {\n  key_vault_key_id   = "https://kv.vault.azure.net/keys/cog/1"\n  identity_client_id = "00000000-0000-0000-0000-000000000000"\n}`),
        `${hcl(COGNITIVE, COG_BASE)}\nresource "${COG_CMK}" "example" {\n  cognitive_account_id = azurerm_cognitive_account.example.id\n  key_vault_key_id     = "https://kv.vault.azure.net/keys/cog/1"\n}\n`,
      ],
      unknown: [hcl(COGNITIVE, `${COG_BASE}\ncustomer_managed_key {\n  key_vault_key_id = var.key\n}`, variable('key'))],
    },
    tfplan: {
      fail: [plan({ type: COGNITIVE, values: { kind: 'OpenAI', customer_managed_key: [] } })],
      pass: [plan({ type: COGNITIVE, values: { kind: 'OpenAI', customer_managed_key: [{ key_vault_key_id: 'https://kv.vault.azure.net/keys/cog/1', identity_client_id: 'id' }] } })],
    },
  },
};

const ML = 'azurerm_machine_learning_workspace';
const ML_BASE = 'location                = "westeurope"\nresource_group_name     = "rg"\napplication_insights_id = "ai"\nkey_vault_id            = "kv"\nstorage_account_id      = "sa"\nidentity {\n  type = "SystemAssigned"\n}';

export const mlPublicNetwork: IacRule = {
  id: 'IAC-TF-AZ-ML-PUBLIC-NETWORK',
  title: 'Machine Learning workspace is reachable from the public internet',
  severity: 'medium',
  description: 'A public workspace exposes its studio, compute and data endpoints to the internet; workspaces holding training data belong behind private endpoints.',
  remediation: 'Set public_network_access_enabled = false (default true) and use a private endpoint; remove public_access_behind_virtual_network_enabled = true.',
  remediationSnippet: `resource "${ML}" "example" {\n  public_network_access_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link',
  checkov: 'CKV_AZURE_144',
  model: 'terraform',
  resourceTypes: [ML],
  check: all(publicNetworkOff, forbid('public_access_behind_virtual_network_enabled', true)),
  examples: publicNetworkExamples(ML, ML_BASE),
};

export const mlHighBusinessImpact: IacRule = {
  id: 'IAC-TF-AZ-ML-HIGH-BUSINESS-IMPACT',
  title: 'Machine Learning workspace does not limit Microsoft\'s diagnostic data collection',
  severity: 'low',
  description: 'high_business_impact reduces the diagnostic data Microsoft collects and encrypts the workspace\'s local scratch disks, for workspaces with sensitive data.',
  remediation: 'Set high_business_impact = true (default false; it cannot be changed after creation).',
  remediationSnippet: `resource "${ML}" "example" {\n  high_business_impact = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/machine-learning/concept-data-encryption',
  model: 'terraform',
  resourceTypes: [ML],
  check: expect('high_business_impact', true),
  examples: {
    hcl: {
      fail: [hcl(ML, ML_BASE)],
      pass: [hcl(ML, `${ML_BASE}\nhigh_business_impact = true`)],
      unknown: [hcl(ML, `${ML_BASE}\nhigh_business_impact = var.hbi`, variable('hbi'))],
    },
    tfplan: {
      fail: [plan({ type: ML, values: { high_business_impact: false } })],
      pass: [plan({ type: ML, values: { high_business_impact: true } })],
    },
  },
};

const SEARCH = 'azurerm_search_service';
const SEARCH_BASE = 'location            = "westeurope"\nresource_group_name = "rg"\nsku                 = "standard"';

export const searchPublicNetwork: IacRule = {
  id: 'IAC-TF-AZ-SEARCH-PUBLIC-NETWORK',
  title: 'AI Search service is reachable from the public internet',
  severity: 'medium',
  description:
    'A public search endpoint lets anyone holding (or guessing) a key query the indexed content from anywhere. An allowed_ips list without 0.0.0.0/0 also passes (Checkov requires public access off).',
  remediation: 'Set public_network_access_enabled = false (default true) and use a private endpoint, or restrict allowed_ips.',
  remediationSnippet: `resource "${SEARCH}" "example" {\n  public_network_access_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/search/service-create-private-endpoint',
  checkov: 'CKV_AZURE_124',
  model: 'terraform',
  resourceTypes: [SEARCH],
  check: anyOf(publicNetworkOff, all(requireSet('allowed_ips'), forbid('allowed_ips', (v) => Array.isArray(v) && v.some(isInternet)))),
  examples: {
    ...publicNetworkExamples(SEARCH, SEARCH_BASE),
    hcl: {
      fail: [hcl(SEARCH, SEARCH_BASE), hcl(SEARCH, `${SEARCH_BASE}\nallowed_ips = ["0.0.0.0/0"]`)],
      pass: [hcl(SEARCH, `${SEARCH_BASE}\npublic_network_access_enabled = false`), hcl(SEARCH, `${SEARCH_BASE}\nallowed_ips = ["203.0.113.10"]`)],
      unknown: [hcl(SEARCH, `${SEARCH_BASE}\npublic_network_access_enabled = var.public`, variable('public'))],
    },
  },
};

export const searchLocalAuth: IacRule = {
  id: 'IAC-TF-AZ-SEARCH-LOCAL-AUTH',
  title: 'AI Search service accepts API keys',
  severity: 'medium',
  description: 'Admin and query keys are shared secrets; with local authentication disabled only Entra ID role assignments grant access.',
  remediation: 'Set local_authentication_enabled = false (default true) and grant Search Index Data roles to identities.',
  remediationSnippet: `resource "${SEARCH}" "example" {\n  local_authentication_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/search/search-security-enable-roles',
  cwe: ['CWE-798'],
  model: 'terraform',
  resourceTypes: [SEARCH],
  check: expect('local_authentication_enabled', false),
  examples: localAuthExamples(SEARCH, SEARCH_BASE, 'local_authentication_enabled'),
};

const SIGNALR = 'azurerm_signalr_service';
const PUBSUB = 'azurerm_web_pubsub';
const SIGNALR_BASE = 'location            = "westeurope"\nresource_group_name = "rg"\nsku {\n  name     = "Standard_S1"\n  capacity = 1\n}';

export const signalrPublicNetwork: IacRule = {
  id: 'IAC-TF-AZ-SIGNALR-PUBLIC-NETWORK',
  title: 'SignalR / Web PubSub service is reachable from the public internet',
  severity: 'medium',
  description: 'A public SignalR or Web PubSub endpoint accepts connections and server API calls from anywhere; internal hubs belong behind private endpoints.',
  remediation: 'Set public_network_access_enabled = false (default true) and use a private endpoint.',
  remediationSnippet: `resource "${SIGNALR}" "example" {\n  public_network_access_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/azure-signalr/howto-private-endpoints',
  model: 'terraform',
  resourceTypes: [SIGNALR, PUBSUB],
  check: publicNetworkOff,
  examples: publicNetworkExamples(SIGNALR, SIGNALR_BASE),
};

export const signalrLocalAuth: IacRule = {
  id: 'IAC-TF-AZ-SIGNALR-LOCAL-AUTH',
  title: 'SignalR / Web PubSub service accepts access keys',
  severity: 'medium',
  description: 'Access keys are shared secrets that sign client tokens; with local auth disabled only Entra ID identities can use the service.',
  remediation: 'Set local_auth_enabled = false (default true).',
  remediationSnippet: `resource "${PUBSUB}" "example" {\n  local_auth_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/azure-signalr/howto-disable-local-auth',
  cwe: ['CWE-798'],
  model: 'terraform',
  resourceTypes: [SIGNALR, PUBSUB],
  check: expect('local_auth_enabled', false),
  examples: localAuthExamples(PUBSUB, 'location            = "westeurope"\nresource_group_name = "rg"\nsku                 = "Standard_S1"', 'local_auth_enabled'),
};

const SPRING = 'azurerm_spring_cloud_service';
const SPRING_APP = 'azurerm_spring_cloud_app';

export const springVnetInjection: IacRule = {
  id: 'IAC-TF-AZ-SPRING-VNET',
  title: 'Spring Apps service is not deployed into a virtual network',
  severity: 'medium',
  description: 'Without VNet injection the service runtime and apps run in a Microsoft-managed network, out of reach of your NSGs, firewalls and private endpoints.',
  remediation: 'Add network { app_subnet_id = …, service_runtime_subnet_id = …, cidr_ranges = [...] }.',
  remediationSnippet: `resource "${SPRING}" "example" {\n  network {\n    app_subnet_id             = azurerm_subnet.apps.id\n    service_runtime_subnet_id = azurerm_subnet.runtime.id\n    cidr_ranges               = ["10.4.0.0/16", "10.5.0.0/16", "10.3.0.1/16"]\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/spring-apps/basic-standard/how-to-deploy-in-azure-virtual-network',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [SPRING],
  check: requireSet('network.app_subnet_id'),
  examples: {
    hcl: {
      fail: [hcl(SPRING, 'location            = "westeurope"\nresource_group_name = "rg"\nsku_name            = "S0"')],
      pass: [hcl(SPRING, 'sku_name = "S0"\nnetwork {\n  app_subnet_id             = "apps"\n  service_runtime_subnet_id = "runtime"\n  cidr_ranges               = ["10.4.0.0/16", "10.5.0.0/16", "10.3.0.1/16"]\n}')],
      unknown: [hcl(SPRING, 'sku_name = "S0"\nnetwork {\n  app_subnet_id             = var.subnet\n  service_runtime_subnet_id = "runtime"\n}', variable('subnet'))],
    },
    tfplan: {
      fail: [plan({ type: SPRING, values: { sku_name: 'S0', network: [] } })],
      pass: [plan({ type: SPRING, values: { sku_name: 'S0', network: [{ app_subnet_id: 'apps', service_runtime_subnet_id: 'runtime' }] } })],
    },
  },
};

export const springAppHttpsOnly: IacRule = {
  id: 'IAC-TF-AZ-SPRING-APP-HTTPS-ONLY',
  title: 'Spring app accepts plain HTTP',
  severity: 'medium',
  description: 'Without https_only the app\'s public endpoint answers on HTTP, so requests and session cookies cross the network in clear text.',
  remediation: 'Set https_only = true (default false).',
  remediationSnippet: `resource "${SPRING_APP}" "example" {\n  https_only = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/spring-apps/basic-standard/how-to-custom-domain',
  cwe: ['CWE-319'],
  model: 'terraform',
  resourceTypes: [SPRING_APP],
  check: expect('https_only', true),
  examples: {
    hcl: {
      fail: [hcl(SPRING_APP, 'service_name        = "spring"\nresource_group_name = "rg"\nis_public           = true')],
      pass: [hcl(SPRING_APP, 'service_name = "spring"\nhttps_only   = true')],
      unknown: [hcl(SPRING_APP, 'https_only = var.https', variable('https'))],
    },
  },
};

const BATCH = 'azurerm_batch_account';
const BATCH_BASE = 'location            = "westeurope"\nresource_group_name = "rg"';

export const batchCmk: IacRule = {
  id: 'IAC-TF-AZ-BATCH-CMK',
  title: 'Batch account does not encrypt data with a Key Vault key',
  severity: 'low',
  description: 'A customer-managed key keeps control of the encryption of the account\'s data (task and job definitions, pool metadata) with you.',
  remediation: 'Add encryption { key_vault_key_id = … } with a managed identity that can use the key.',
  remediationSnippet: `resource "${BATCH}" "example" {\n  encryption {\n    key_vault_key_id = azurerm_key_vault_key.batch.versionless_id\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/batch/batch-customer-managed-key',
  checkov: 'CKV_AZURE_76',
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [BATCH],
  // key_vault_reference is the pool-allocation Key Vault, not an encryption key.
  check: requireSet('encryption.key_vault_key_id'),
  examples: {
    hcl: {
      fail: [hcl(BATCH, BATCH_BASE)],
      pass: [hcl(BATCH, `${BATCH_BASE}\nencryption {\n  key_vault_key_id = "https://kv.vault.azure.net/keys/batch"\n}`)],
      unknown: [hcl(BATCH, `${BATCH_BASE}\nencryption {\n  key_vault_key_id = var.key\n}`, variable('key'))],
    },
    tfplan: {
      fail: [plan({ type: BATCH, values: { encryption: [], key_vault_reference: [{ id: 'kv', url: 'https://kv.vault.azure.net/' }] } })],
      pass: [plan({ type: BATCH, values: { encryption: [{ key_vault_key_id: 'https://kv.vault.azure.net/keys/batch' }], key_vault_reference: [] } })],
    },
  },
};

export const batchPublicNetwork: IacRule = {
  id: 'IAC-TF-AZ-BATCH-PUBLIC-NETWORK',
  title: 'Batch account is reachable from the public internet',
  severity: 'medium',
  description: 'With public network access the Batch account\'s API (jobs, tasks, pools) answers requests from anywhere.',
  remediation: 'Set public_network_access_enabled = false (default true) and use a private endpoint.',
  remediationSnippet: `resource "${BATCH}" "example" {\n  public_network_access_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/batch/private-connectivity',
  model: 'terraform',
  resourceTypes: [BATCH],
  check: publicNetworkOff,
  examples: publicNetworkExamples(BATCH, BATCH_BASE),
};

const IOTHUB = 'azurerm_iothub';
const IOT_BASE = 'location            = "westeurope"\nresource_group_name = "rg"\nsku {\n  name     = "S1"\n  capacity = 1\n}';

export const iotHubPublicNetwork: IacRule = {
  id: 'IAC-TF-AZ-IOTHUB-PUBLIC-NETWORK',
  title: 'IoT Hub is reachable from the public internet',
  severity: 'medium',
  description: 'With public network access the hub\'s device and service endpoints accept connections from anywhere.',
  remediation: 'Set public_network_access_enabled = false and use private endpoints (or network_rule_set with default_action = "Deny").',
  remediationSnippet: `resource "${IOTHUB}" "example" {\n  public_network_access_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/iot-hub/virtual-network-support',
  checkov: 'CKV_AZURE_108',
  model: 'terraform',
  resourceTypes: [IOTHUB],
  check: anyOf(publicNetworkOff, expect('network_rule_set.default_action', 'Deny')),
  examples: publicNetworkExamples(IOTHUB, IOT_BASE),
};

export const iotHubLocalAuth: IacRule = {
  id: 'IAC-TF-AZ-IOTHUB-LOCAL-AUTH',
  title: 'IoT Hub accepts shared access policies',
  severity: 'medium',
  description: 'Shared access policy keys grant service-level rights to whoever holds them; with local authentication disabled only Entra ID is accepted for service APIs.',
  remediation: 'Set local_authentication_enabled = false (default true).',
  remediationSnippet: `resource "${IOTHUB}" "example" {\n  local_authentication_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/iot-hub/authenticate-authorize-azure-ad',
  cwe: ['CWE-798'],
  model: 'terraform',
  resourceTypes: [IOTHUB],
  check: expect('local_authentication_enabled', false),
  examples: localAuthExamples(IOTHUB, IOT_BASE, 'local_authentication_enabled'),
};

const EG_TOPIC = 'azurerm_eventgrid_topic';
const EG_DOMAIN = 'azurerm_eventgrid_domain';
const EG_BASE = 'location            = "westeurope"\nresource_group_name = "rg"';

export const eventGridPublicNetwork: IacRule = {
  id: 'IAC-TF-AZ-EVENTGRID-PUBLIC-NETWORK',
  title: 'Event Grid topic or domain is reachable from the public internet',
  severity: 'medium',
  description: 'A public topic or domain accepts published events from anywhere a key or token leaks to.',
  remediation: 'Set public_network_access_enabled = false (default true) and use private endpoints, or restrict inbound_ip_rule.',
  remediationSnippet: `resource "${EG_DOMAIN}" "example" {\n  public_network_access_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/event-grid/configure-private-endpoints',
  checkov: ['CKV_AZURE_106', 'CKV_AZURE_193'],
  model: 'terraform',
  resourceTypes: [EG_TOPIC, EG_DOMAIN],
  check: publicNetworkOff,
  examples: publicNetworkExamples(EG_DOMAIN, EG_BASE),
};

export const eventGridLocalAuth: IacRule = {
  id: 'IAC-TF-AZ-EVENTGRID-LOCAL-AUTH',
  title: 'Event Grid topic or domain accepts access keys',
  severity: 'medium',
  description: 'Access keys and SAS tokens are shared secrets; with local auth disabled publishers must use Entra ID.',
  remediation: 'Set local_auth_enabled = false (default true).',
  remediationSnippet: `resource "${EG_TOPIC}" "example" {\n  local_auth_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/event-grid/authenticate-with-microsoft-entra-id',
  cwe: ['CWE-798'],
  checkov: 'CKV_AZURE_192',
  model: 'terraform',
  resourceTypes: [EG_TOPIC, EG_DOMAIN],
  check: expect('local_auth_enabled', false),
  examples: localAuthExamples(EG_TOPIC, EG_BASE, 'local_auth_enabled'),
};

const ACI = 'azurerm_container_group';
const ACI_BASE = 'location            = "westeurope"\nresource_group_name = "rg"\nos_type             = "Linux"\ncontainer {\n  name   = "app"\n  image  = "mcr.microsoft.com/azuredocs/aci-helloworld:latest"\n  cpu    = "0.5"\n  memory = "1.5"\n}';

export const containerGroupPrivate: IacRule = {
  id: 'IAC-TF-AZ-ACI-PUBLIC-IP',
  title: 'Container group has a public IP address',
  severity: 'medium',
  description:
    'A container group with a public IP (the default) exposes its ports to the internet, outside any NSG or firewall; deploy it into a virtual network instead. ip_address_type = "None" (no IP at all) passes, where Checkov asks for subnet_ids.',
  remediation: 'Set ip_address_type = "Private" with subnet_ids (network_profile_id before azurerm 3.16), or "None".',
  remediationSnippet: `resource "${ACI}" "example" {\n  ip_address_type = "Private"\n  subnet_ids      = [azurerm_subnet.aci.id]\n}`,
  helpUri: 'https://learn.microsoft.com/azure/container-instances/container-instances-vnet',
  checkov: 'CKV_AZURE_98',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [ACI],
  check: expect('ip_address_type', ['Private', 'None'], { ignoreCase: true }),
  examples: {
    hcl: {
      fail: [hcl(ACI, ACI_BASE), hcl(ACI, `${ACI_BASE}\nip_address_type = "Public"\ndns_name_label  = "hello"`)],
      pass: [hcl(ACI, `${ACI_BASE}\nip_address_type = "Private"\nsubnet_ids      = ["/subscriptions/0000/subnets/aci"]`)],
      unknown: [hcl(ACI, `${ACI_BASE}\nip_address_type = var.ip_type`, variable('ip_type'))],
    },
    tfplan: {
      fail: [plan({ type: ACI, values: { os_type: 'Linux', ip_address_type: 'Public' } })],
      pass: [plan({ type: ACI, values: { os_type: 'Linux', ip_address_type: 'Private', subnet_ids: ['/subscriptions/0000/subnets/aci'] } })],
    },
  },
};

export const miscRules: readonly IacRule[] = [
  apimMinTls,
  apimWeakCiphers,
  apimPublicNetwork,
  cognitivePublicNetwork,
  cognitiveLocalAuth,
  cognitiveCmk,
  mlPublicNetwork,
  mlHighBusinessImpact,
  searchPublicNetwork,
  searchLocalAuth,
  signalrPublicNetwork,
  signalrLocalAuth,
  springVnetInjection,
  springAppHttpsOnly,
  batchCmk,
  batchPublicNetwork,
  iotHubPublicNetwork,
  iotHubLocalAuth,
  eventGridPublicNetwork,
  eventGridLocalAuth,
  containerGroupPrivate,
];
