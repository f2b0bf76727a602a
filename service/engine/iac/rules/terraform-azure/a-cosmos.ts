// Cosmos DB accounts and Azure Cache for Redis.
import { forbid, type Check } from '../../helpers';
import type { IacRule, Verdict } from '../../types';
import { isUnknown, lookup } from '../../values';
import { attributeRule, docs, plan1, requireSet, tf, tfVar } from './a-common';

const COSMOS = 'azurerm_cosmosdb_account';
const REDIS = 'azurerm_redis_cache';
const COSMOS_CONTEXT = 'offer_type = "Standard"';

export const cosmosPublicNetworkAccess = attributeRule({
  id: 'IAC-TF-AZ-COSMOS-PUBLIC-NETWORK-ACCESS',
  title: 'Cosmos DB account is reachable from public networks',
  severity: 'medium',
  description: 'With public network access enabled (the azurerm default) the account endpoint answers on the internet, subject only to its IP and VNet filters.',
  remediation: 'Set public_network_access_enabled = false and connect through private endpoints.',
  checkov: 'CKV_AZURE_101',
  cwe: ['CWE-284'],
  types: [COSMOS],
  paths: ['public_network_access_enabled'],
  good: false,
  bad: true,
  whenMissing: 'fail',
  context: COSMOS_CONTEXT,
  plan: true,
});

export const cosmosLocalAuth = attributeRule({
  id: 'IAC-TF-AZ-COSMOS-LOCAL-AUTH',
  title: 'Cosmos DB account accepts account keys',
  severity: 'medium',
  description:
    'Primary and secondary keys give full data access, are shared secrets that leak into configuration and cannot be tied to an identity. With local authentication disabled only Entra ID (RBAC) tokens are accepted. azurerm defaults local_authentication_disabled to false.',
  remediation: 'Set local_authentication_disabled = true and grant Cosmos DB data-plane roles.',
  helpUri: 'https://learn.microsoft.com/azure/cosmos-db/how-to-setup-rbac#disable-local-auth',
  checkov: 'CKV_AZURE_140',
  cis: ['CIS Azure 4.5.3'],
  cwe: ['CWE-287'],
  types: [COSMOS],
  paths: ['local_authentication_disabled'],
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: COSMOS_CONTEXT,
  plan: true,
});

export const cosmosKeyMetadataWrite = attributeRule({
  id: 'IAC-TF-AZ-COSMOS-KEY-METADATA-WRITE',
  title: 'Cosmos DB account keys can change databases and containers',
  severity: 'medium',
  description: 'With key-based metadata writes allowed (the default), anyone holding an account key can create, change or delete databases, containers and throughput, not just read and write items.',
  remediation: 'Set access_key_metadata_writes_enabled = false and manage resources through Azure Resource Manager.',
  checkov: 'CKV_AZURE_132',
  cwe: ['CWE-269'],
  types: [COSMOS],
  paths: ['access_key_metadata_writes_enabled'],
  good: false,
  bad: true,
  whenMissing: 'fail',
  context: COSMOS_CONTEXT,
  plan: true,
});

export const cosmosCustomerManagedKey: IacRule = {
  id: 'IAC-TF-AZ-COSMOS-CUSTOMER-MANAGED-KEY',
  title: 'Cosmos DB account is not encrypted with a customer-managed key',
  severity: 'low',
  description: 'With service-managed keys you cannot rotate, revoke or audit the key protecting the data; a customer-managed key in Key Vault gives that control. It can only be set at creation.',
  remediation: 'Set key_vault_key_id to a Key Vault key (versionless id) when creating the account.',
  remediationSnippet: tf(COSMOS, 'key_vault_key_id = azurerm_key_vault_key.cosmos.versionless_id').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/cosmos-db/how-to-setup-customer-managed-keys',
  checkov: 'CKV_AZURE_100',
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [COSMOS],
  check: requireSet('key_vault_key_id', 'managed_hsm_key_id'),
  examples: {
    hcl: {
      fail: [tf(COSMOS, COSMOS_CONTEXT)],
      pass: [tf(COSMOS, `${COSMOS_CONTEXT}\nkey_vault_key_id = azurerm_key_vault_key.cosmos.versionless_id`)],
      unknown: [tfVar('key_id', COSMOS, `${COSMOS_CONTEXT}\nkey_vault_key_id = var.key_id`)],
    },
  },
};

/** Public access off, or a VNet filter, or an IP filter (a 3.x comma string or a 4.x list) without 0.0.0.0. */
const networkRestricted: Check = (r) => {
  const pna = r.attributes.public_network_access_enabled;
  if (pna === false) return { outcome: 'pass', path: 'public_network_access_enabled', value: false };
  const vnet = r.attributes.is_virtual_network_filter_enabled;
  const ip = r.attributes.ip_range_filter;
  if (vnet === true && lookup(r.attributes, 'virtual_network_rule.id').length) return { outcome: 'pass', path: 'is_virtual_network_filter_enabled', value: true };
  const ranges = typeof ip === 'string' ? ip.split(',').map((x) => x.trim()).filter(Boolean) : Array.isArray(ip) ? ip : [];
  if (ranges.length && !ranges.some((x) => x === '0.0.0.0' || x === '0.0.0.0/0')) return { outcome: 'pass', path: 'ip_range_filter', value: ip ?? null };
  const unknownValue = [pna, vnet, ip].find((v) => isUnknown(v));
  if (unknownValue !== undefined) return { outcome: 'unknown', path: 'ip_range_filter', value: unknownValue } as Verdict;
  return { outcome: 'fail', path: 'ip_range_filter', ...(ip !== undefined ? { value: ip } : {}) };
};

export const cosmosNetworkRestricted: IacRule = {
  id: 'IAC-TF-AZ-COSMOS-NETWORK-UNRESTRICTED',
  title: 'Cosmos DB account accepts connections from any network',
  severity: 'medium',
  description: 'Without an IP range filter, a virtual network filter or disabled public access, the account accepts requests from any address on the internet; a leaked key is usable from anywhere.',
  remediation: 'Set ip_range_filter to the allowed ranges and/or is_virtual_network_filter_enabled = true with virtual_network_rule blocks, or public_network_access_enabled = false.',
  remediationSnippet: tf(COSMOS, 'is_virtual_network_filter_enabled = true\nvirtual_network_rule {\n  id = azurerm_subnet.app.id\n}\nip_range_filter = ["203.0.113.0/24"]').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall',
  checkov: 'CKV_AZURE_99',
  cis: ['CIS Azure 4.5.1'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [COSMOS],
  check: networkRestricted,
  examples: {
    hcl: {
      fail: [tf(COSMOS, COSMOS_CONTEXT), tf(COSMOS, `${COSMOS_CONTEXT}\nip_range_filter = ["0.0.0.0"]`)],
      pass: [
        tf(COSMOS, `${COSMOS_CONTEXT}\nip_range_filter = ["203.0.113.0/24"]`),
        tf(COSMOS, `${COSMOS_CONTEXT}\nip_range_filter = "203.0.113.10,198.51.100.0/24"`),
        tf(COSMOS, `${COSMOS_CONTEXT}\nis_virtual_network_filter_enabled = true\nvirtual_network_rule {\n  id = azurerm_subnet.app.id\n}`),
        tf(COSMOS, `${COSMOS_CONTEXT}\npublic_network_access_enabled = false`),
      ],
      unknown: [tfVar('allowed', COSMOS, `${COSMOS_CONTEXT}\nip_range_filter = var.allowed`)],
    },
    tfplan: {
      fail: [plan1(COSMOS, { offer_type: 'Standard', public_network_access_enabled: true, is_virtual_network_filter_enabled: false, ip_range_filter: [] })],
      pass: [plan1(COSMOS, { offer_type: 'Standard', public_network_access_enabled: true, is_virtual_network_filter_enabled: false, ip_range_filter: ['203.0.113.0/24'] })],
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Redis

const REDIS_CONTEXT = 'sku_name = "Premium"';

export const redisNonSslPort = attributeRule({
  id: 'IAC-TF-AZ-REDIS-NON-SSL-PORT',
  title: 'Redis cache opens its non-TLS port',
  severity: 'high',
  description: 'The non-SSL port (6379) carries the access key and all cached data in clear text.',
  remediation: 'Set non_ssl_port_enabled = false (enable_non_ssl_port in azurerm 3.x), or remove it: the default is false.',
  checkov: 'CKV_AZURE_91',
  cwe: ['CWE-319'],
  types: [REDIS],
  paths: ['enable_non_ssl_port', 'non_ssl_port_enabled'],
  good: false,
  bad: true,
  whenMissing: 'pass',
  context: REDIS_CONTEXT,
  plan: true,
});

export const redisMinTls = attributeRule({
  id: 'IAC-TF-AZ-REDIS-MIN-TLS',
  title: 'Redis cache allows TLS older than 1.2',
  severity: 'high',
  description: 'minimum_tls_version 1.0 or 1.1 lets clients use protocol versions with known weaknesses; Azure Cache for Redis is retiring them. azurerm 4.x defaults to 1.2 (3.x defaulted to 1.0), so an unset minimum_tls_version passes here while Checkov fails it.',
  remediation: 'Set minimum_tls_version = "1.2".',
  checkov: 'CKV_AZURE_148',
  cwe: ['CWE-326'],
  types: [REDIS],
  paths: ['minimum_tls_version'],
  good: ['1.2', '1.3'],
  bad: '1.0',
  whenMissing: 'pass',
  context: REDIS_CONTEXT,
  plan: true,
});

export const redisPublicNetworkAccess = attributeRule({
  id: 'IAC-TF-AZ-REDIS-PUBLIC-NETWORK-ACCESS',
  title: 'Redis cache is reachable from public networks',
  severity: 'medium',
  description: 'With public network access enabled (the default) the cache endpoint answers on the internet, protected only by its access key and firewall rules.',
  remediation: 'Set public_network_access_enabled = false and use a private endpoint (or VNet injection on Premium).',
  checkov: 'CKV_AZURE_89',
  cwe: ['CWE-284'],
  types: [REDIS],
  paths: ['public_network_access_enabled'],
  good: false,
  bad: true,
  whenMissing: 'fail',
  context: REDIS_CONTEXT,
  plan: true,
});

export const redisAuthDisabled: IacRule = {
  id: 'IAC-TF-AZ-REDIS-AUTH-DISABLED',
  title: 'Redis cache does not require authentication',
  severity: 'critical',
  description: 'With authentication_enabled = false anyone who can reach the cache can read, change and flush its data without any key.',
  remediation: 'Remove authentication_enabled = false from redis_configuration (the default is true).',
  remediationSnippet: tf(REDIS, 'redis_configuration {\n  authentication_enabled = true\n}').trimEnd(),
  helpUri: docs(REDIS),
  cwe: ['CWE-306'],
  model: 'terraform',
  resourceTypes: [REDIS],
  check: forbid('redis_configuration.authentication_enabled', false),
  examples: {
    hcl: {
      fail: [tf(REDIS, `${REDIS_CONTEXT}\nredis_configuration {\n  authentication_enabled = false\n}`)],
      pass: [tf(REDIS, `${REDIS_CONTEXT}\nredis_configuration {\n  authentication_enabled = true\n}`), tf(REDIS, REDIS_CONTEXT)],
      unknown: [tfVar('auth', REDIS, `${REDIS_CONTEXT}\nredis_configuration {\n  authentication_enabled = var.auth\n}`)],
    },
    tfplan: {
      fail: [plan1(REDIS, { sku_name: 'Premium', redis_configuration: [{ authentication_enabled: false }] })],
      pass: [plan1(REDIS, { sku_name: 'Premium', redis_configuration: [{ authentication_enabled: true }] })],
    },
  },
};

export const cosmosRules: readonly IacRule[] = [cosmosPublicNetworkAccess, cosmosLocalAuth, cosmosKeyMetadataWrite, cosmosCustomerManagedKey, cosmosNetworkRestricted];
export const redisRules: readonly IacRule[] = [redisNonSslPort, redisMinTls, redisPublicNetworkAccess, redisAuthDisabled];
