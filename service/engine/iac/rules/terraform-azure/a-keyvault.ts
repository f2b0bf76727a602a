// Key vaults, their keys and secrets.
import { expect, forbid, type Check } from '../../helpers';
import type { IacRule } from '../../types';
import { asNumber, isUnknown, lookup } from '../../values';
import { atLeast, attributeRule, docs, hasPrivateEndpoint, plan1, requireSet, tf, tfVar } from './a-common';

const KV = 'azurerm_key_vault';
const KEY = 'azurerm_key_vault_key';
const SECRET = 'azurerm_key_vault_secret';

export const keyVaultPurgeProtection = attributeRule({
  id: 'IAC-TF-AZ-KEYVAULT-PURGE-PROTECTION',
  title: 'Key vault can be purged during its soft-delete period',
  severity: 'medium',
  description:
    'Without purge protection a deleted vault, key or secret can be purged at once by anyone with the permission, so a mistake or a malicious insider destroys keys (and the data they encrypt) for good. azurerm defaults it to false.',
  remediation: 'Set purge_protection_enabled = true (it cannot be turned off again).',
  checkov: ['CKV_AZURE_110', 'CKV_AZURE_42'],
  cis: ['CIS Azure 8.5'],
  cwe: ['CWE-693'],
  types: [KV],
  paths: ['purge_protection_enabled'],
  good: true,
  bad: false,
  whenMissing: 'fail',
  plan: true,
});

export const keyVaultSoftDelete = attributeRule({
  id: 'IAC-TF-AZ-KEYVAULT-SOFT-DELETE-DISABLED',
  title: 'Key vault has soft delete disabled',
  severity: 'high',
  description: 'Without soft delete, a deleted vault and its keys and secrets cannot be recovered. azurerm 2.x allowed soft_delete_enabled = false; later versions always enable it.',
  remediation: 'Remove soft_delete_enabled = false (or set it to true).',
  checkov: 'CKV_AZURE_111',
  cis: ['CIS Azure 8.5'],
  cwe: ['CWE-693'],
  types: [KV],
  paths: ['soft_delete_enabled'],
  good: true,
  bad: false,
  whenMissing: 'pass',
});

export const keyVaultSoftDeleteRetention = attributeRule({
  id: 'IAC-TF-AZ-KEYVAULT-SOFT-DELETE-RETENTION',
  title: 'Key vault keeps deleted items for less than 90 days',
  severity: 'low',
  description: 'Deleted keys, secrets and certificates are recoverable only during the soft-delete retention period; a short period leaves little time to notice a deletion. The default and maximum is 90 days.',
  remediation: 'Set soft_delete_retention_days = 90, or remove it (the default is 90).',
  cwe: ['CWE-693'],
  types: [KV],
  paths: ['soft_delete_retention_days'],
  good: 90,
  matcher: atLeast(90),
  bad: 7,
  whenMissing: 'pass',
});

/** Public network access off makes the firewall moot; else network_acls must deny by default (no block: Allow). */
const vaultFirewall: Check = (r, ctx) => {
  const pna = lookup(r.attributes, 'public_network_access_enabled');
  if (pna.length && pna.every((f) => f.value === false)) return { outcome: 'pass', path: 'public_network_access_enabled', value: false };
  return expect('network_acls.default_action', 'Deny')(r, ctx);
};

export const keyVaultNetworkDefaultDeny: IacRule = {
  id: 'IAC-TF-AZ-KEYVAULT-NETWORK-DEFAULT-DENY',
  title: 'Key vault firewall allows access from all networks',
  severity: 'medium',
  description:
    'A vault without network_acls, or with default_action = "Allow", accepts data-plane requests from any network; a stolen token can read secrets from anywhere.',
  remediation: 'Add network_acls { default_action = "Deny", bypass = "AzureServices" } with the ip_rules and subnets that need access.',
  remediationSnippet: tf(KV, 'network_acls {\n  default_action             = "Deny"\n  bypass                     = "AzureServices"\n  virtual_network_subnet_ids = [azurerm_subnet.app.id]\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/key-vault/general/network-security',
  checkov: 'CKV_AZURE_109',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [KV],
  check: vaultFirewall,
  examples: {
    hcl: {
      fail: [tf(KV, 'sku_name = "standard"'), tf(KV, 'network_acls {\n  default_action = "Allow"\n  bypass         = "AzureServices"\n}')],
      pass: [tf(KV, 'network_acls {\n  default_action = "Deny"\n  bypass         = "AzureServices"\n  ip_rules       = ["203.0.113.0/24"]\n}'), tf(KV, 'public_network_access_enabled = false')],
      unknown: [tfVar('action', KV, 'network_acls {\n  default_action = var.action\n  bypass         = "AzureServices"\n}')],
    },
    tfplan: {
      fail: [plan1(KV, { sku_name: 'standard', public_network_access_enabled: true, network_acls: [{ default_action: 'Allow', bypass: 'AzureServices' }] })],
      pass: [plan1(KV, { sku_name: 'standard', public_network_access_enabled: true, network_acls: [{ default_action: 'Deny', bypass: 'AzureServices' }] })],
    },
  },
};

export const keyVaultPublicNetworkAccess = attributeRule({
  id: 'IAC-TF-AZ-KEYVAULT-PUBLIC-NETWORK-ACCESS',
  title: 'Key vault is reachable from public networks',
  severity: 'medium',
  description: 'With public network access enabled (the default) the vault answers on the internet, subject only to its firewall; disabling it leaves private endpoints as the only way in.',
  remediation: 'Set public_network_access_enabled = false and use a private endpoint.',
  checkov: 'CKV_AZURE_189',
  cwe: ['CWE-284'],
  types: [KV],
  paths: ['public_network_access_enabled'],
  good: false,
  bad: true,
  whenMissing: 'fail',
  plan: true,
});

export const keyVaultRbac = attributeRule({
  id: 'IAC-TF-AZ-KEYVAULT-RBAC-AUTHORIZATION',
  title: 'Key vault uses access policies instead of Azure RBAC',
  severity: 'medium',
  description:
    'Vault access policies are all-or-nothing per permission set, cannot be scoped to one key or secret and are managed by anyone with Contributor on the vault. Azure RBAC gives fine-grained, centrally audited data-plane roles.',
  remediation: 'Set rbac_authorization_enabled = true (enable_rbac_authorization in azurerm 3.x and early 4.x) and grant Key Vault data roles.',
  cis: ['CIS Azure 8.6'],
  cwe: ['CWE-732'],
  types: [KV],
  paths: ['enable_rbac_authorization', 'rbac_authorization_enabled'],
  good: true,
  bad: false,
  whenMissing: 'fail',
  plan: true,
});

export const keyVaultPrivateEndpoint: IacRule = {
  id: 'IAC-TF-AZ-KEYVAULT-PRIVATE-ENDPOINT',
  title: 'Key vault has no private endpoint',
  severity: 'low',
  // The resource that satisfies it may live in another configuration.
  confidence: 'medium',
  description: 'Without a private endpoint, clients reach the vault over its public endpoint; a private endpoint keeps secret retrieval on the virtual network and lets public access be switched off.',
  remediation: 'Add an azurerm_private_endpoint whose private_service_connection points at the vault (subresource "vault").',
  remediationSnippet: tf(
    'azurerm_private_endpoint',
    'subnet_id = azurerm_subnet.endpoints.id\nprivate_service_connection {\n  name                           = "vault"\n  private_connection_resource_id = azurerm_key_vault.example.id\n  subresource_names              = ["vault"]\n  is_manual_connection           = false\n}',
  ).trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/key-vault/general/private-link-service',
  checkov: 'CKV2_AZURE_32',
  cis: ['CIS Azure 8.7'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [KV],
  check: (r, ctx) => (hasPrivateEndpoint(ctx, r) ? { outcome: 'pass', path: 'id' } : { outcome: 'fail', message: `Key vault ${r.address} has no private endpoint in this configuration` }),
  examples: {
    hcl: {
      fail: [tf(KV, 'sku_name = "standard"')],
      pass: [
        `${tf(KV, 'sku_name = "standard"', 'main')}\n${tf(
          'azurerm_private_endpoint',
          'subnet_id = azurerm_subnet.endpoints.id\nprivate_service_connection {\n  name                           = "vault"\n  private_connection_resource_id = azurerm_key_vault.main.id\n  subresource_names              = ["vault"]\n  is_manual_connection           = false\n}',
          'kv',
        )}`,
      ],
    },
  },
};

export const keyExpiration: IacRule = {
  id: 'IAC-TF-AZ-KEYVAULT-KEY-EXPIRATION',
  title: 'Key Vault key has no expiration date',
  severity: 'medium',
  description: 'A key without an expiration date can be used forever; an expiry forces rotation and limits how long a compromised key is useful.',
  remediation: 'Set expiration_date (RFC 3339), ideally with a rotation_policy that renews the key before it expires.',
  remediationSnippet: tf(KEY, 'expiration_date = "2027-12-31T00:00:00Z"').trimEnd(),
  helpUri: docs(KEY),
  checkov: 'CKV_AZURE_40',
  cis: ['CIS Azure 8.1', 'CIS Azure 8.2'],
  cwe: ['CWE-324'],
  model: 'terraform',
  resourceTypes: [KEY],
  check: requireSet('expiration_date'),
  examples: {
    hcl: {
      fail: [tf(KEY, 'key_vault_id = azurerm_key_vault.main.id\nkey_type     = "RSA"\nkey_size     = 2048\nkey_opts     = ["decrypt", "encrypt"]')],
      pass: [tf(KEY, 'key_vault_id    = azurerm_key_vault.main.id\nkey_type        = "RSA"\nkey_size        = 2048\nkey_opts        = ["decrypt", "encrypt"]\nexpiration_date = "2027-12-31T00:00:00Z"')],
      unknown: [tfVar('expiry', KEY, 'key_type        = "RSA"\nkey_size        = 2048\nexpiration_date = var.expiry')],
    },
    tfplan: {
      fail: [plan1(KEY, { name: 'cmk', key_type: 'RSA', key_size: 2048, expiration_date: null })],
      pass: [plan1(KEY, { name: 'cmk', key_type: 'RSA', key_size: 2048, expiration_date: '2027-12-31T00:00:00Z' })],
    },
  },
};

export const secretExpiration: IacRule = {
  id: 'IAC-TF-AZ-KEYVAULT-SECRET-EXPIRATION',
  title: 'Key Vault secret has no expiration date',
  severity: 'medium',
  description: 'A secret without an expiration date is never forced to rotate; a leaked password or connection string stays valid indefinitely.',
  remediation: 'Set expiration_date (RFC 3339) and rotate the secret before it expires.',
  remediationSnippet: tf(SECRET, 'expiration_date = "2027-12-31T00:00:00Z"').trimEnd(),
  helpUri: docs(SECRET),
  checkov: 'CKV_AZURE_41',
  cis: ['CIS Azure 8.3', 'CIS Azure 8.4'],
  cwe: ['CWE-324'],
  model: 'terraform',
  resourceTypes: [SECRET],
  check: requireSet('expiration_date'),
  examples: {
    hcl: {
      fail: [tf(SECRET, 'name         = "db-password"\nvalue        = random_password.db.result\nkey_vault_id = azurerm_key_vault.main.id')],
      pass: [tf(SECRET, 'name            = "db-password"\nvalue           = random_password.db.result\nkey_vault_id    = azurerm_key_vault.main.id\nexpiration_date = "2027-12-31T00:00:00Z"')],
      unknown: [tfVar('expiry', SECRET, 'name            = "db-password"\nexpiration_date = var.expiry')],
    },
    tfplan: {
      fail: [plan1(SECRET, { name: 'db-password', content_type: 'password', expiration_date: null })],
      pass: [plan1(SECRET, { name: 'db-password', content_type: 'password', expiration_date: '2027-12-31T00:00:00Z' })],
    },
  },
};

export const secretContentType: IacRule = {
  id: 'IAC-TF-AZ-KEYVAULT-SECRET-CONTENT-TYPE',
  title: 'Key Vault secret has no content type',
  severity: 'low',
  description: 'The content type says what a secret is (password, connection string, certificate); without it, owners cannot tell how to rotate or handle it, and inventory of credentials is harder.',
  remediation: 'Set content_type (e.g. "password", "connection-string").',
  remediationSnippet: tf(SECRET, 'content_type = "password"').trimEnd(),
  helpUri: docs(SECRET),
  checkov: 'CKV_AZURE_114',
  model: 'terraform',
  resourceTypes: [SECRET],
  check: requireSet('content_type'),
  examples: {
    hcl: {
      fail: [tf(SECRET, 'name         = "api-key"\nvalue        = var.api_key\nkey_vault_id = azurerm_key_vault.main.id')],
      pass: [tf(SECRET, 'name         = "api-key"\nvalue        = var.api_key\ncontent_type = "api-key"\nkey_vault_id = azurerm_key_vault.main.id')],
      unknown: [tfVar('kind', SECRET, 'name         = "api-key"\ncontent_type = var.kind')],
    },
  },
};

export const keyHsm = attributeRule({
  id: 'IAC-TF-AZ-KEYVAULT-KEY-HSM',
  title: 'Key Vault key is not backed by an HSM',
  severity: 'low',
  description: 'Software-protected keys are processed in software; HSM-backed keys (RSA-HSM, EC-HSM, Premium SKU) never leave FIPS 140 validated hardware, which many regulations require for encryption keys.',
  remediation: 'Use key_type = "RSA-HSM" or "EC-HSM" in a Premium vault.',
  checkov: 'CKV_AZURE_112',
  cwe: ['CWE-320'],
  types: [KEY],
  paths: ['key_type'],
  good: ['RSA-HSM', 'EC-HSM'],
  bad: 'RSA',
  whenMissing: 'fail',
  context: 'key_vault_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"',
  plan: true,
});

/** RSA keys of at least 3072 bits; EC keys on a NIST curve (not secp256k1). */
const keyStrength: Check = (r, ctx) => {
  const type = r.attributes.key_type;
  if (isUnknown(type)) return { outcome: 'unknown', path: 'key_type', value: type };
  if (typeof type !== 'string') return { outcome: 'not-applicable' };
  if (type.startsWith('RSA')) {
    const found = lookup(r.attributes, 'key_size');
    if (!found.length) return { outcome: 'fail', path: 'key_size' };
    const v = found[0].value;
    if (isUnknown(v)) return { outcome: 'unknown', path: 'key_size', value: v };
    const n = asNumber(v);
    return n !== undefined && n >= 3072 ? { outcome: 'pass', path: 'key_size', value: v } : { outcome: 'fail', path: 'key_size', value: v };
  }
  if (type.startsWith('EC')) return forbid('curve', 'P-256K')(r, ctx);
  return { outcome: 'not-applicable' };
};

export const keyStrengthRule: IacRule = {
  id: 'IAC-TF-AZ-KEYVAULT-KEY-STRENGTH',
  title: 'Key Vault key is a short RSA key or uses a non-NIST curve',
  severity: 'low',
  description:
    'RSA 2048 is approved only until 2030 (NIST SP 800-57); keys meant to protect data beyond that should be 3072 bits or more. The secp256k1 curve (P-256K) is not a NIST curve and is not accepted by FIPS-validated consumers.',
  remediation: 'Use key_size = 3072 or 4096 for RSA keys, and P-256, P-384 or P-521 for EC keys.',
  remediationSnippet: tf(KEY, 'key_type = "RSA-HSM"\nkey_size = 3072').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/key-vault/keys/about-keys-details',
  cwe: ['CWE-326'],
  model: 'terraform',
  resourceTypes: [KEY],
  check: keyStrength,
  examples: {
    hcl: {
      fail: [tf(KEY, 'key_type = "RSA"\nkey_size = 2048'), tf(KEY, 'key_type = "EC"\ncurve    = "P-256K"')],
      pass: [tf(KEY, 'key_type = "RSA-HSM"\nkey_size = 4096'), tf(KEY, 'key_type = "EC-HSM"\ncurve    = "P-384"')],
      unknown: [tfVar('key_size', KEY, 'key_type = "RSA"\nkey_size = var.key_size')],
    },
    tfplan: {
      fail: [plan1(KEY, { key_type: 'RSA', key_size: 2048, curve: null })],
      pass: [plan1(KEY, { key_type: 'RSA', key_size: 3072, curve: null })],
    },
  },
};

export const keyRotationPolicy: IacRule = {
  id: 'IAC-TF-AZ-KEYVAULT-KEY-ROTATION',
  title: 'Key Vault key has no automatic rotation policy',
  severity: 'medium',
  description: 'Without an automatic rotation policy, keys are rotated only when someone remembers to; a long-lived key widens the impact of a compromise.',
  remediation: 'Add rotation_policy { expire_after = "P1Y", automatic { time_before_expiry = "P30D" } }.',
  remediationSnippet: tf(KEY, 'rotation_policy {\n  expire_after         = "P1Y"\n  notify_before_expiry = "P29D"\n  automatic {\n    time_before_expiry = "P30D"\n  }\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation',
  cis: ['CIS Azure 8.8'],
  cwe: ['CWE-324'],
  model: 'terraform',
  resourceTypes: [KEY],
  check: requireSet('rotation_policy.automatic.time_before_expiry', 'rotation_policy.automatic.time_after_create'),
  examples: {
    hcl: {
      fail: [tf(KEY, 'key_type = "RSA"\nkey_size = 3072'), tf(KEY, 'key_type = "RSA"\nkey_size = 3072\nrotation_policy {\n  expire_after         = "P1Y"\n  notify_before_expiry = "P29D"\n}')],
      pass: [tf(KEY, 'key_type = "RSA"\nkey_size = 3072\nrotation_policy {\n  expire_after = "P1Y"\n  automatic {\n    time_before_expiry = "P30D"\n  }\n}')],
      unknown: [tfVar('rotate_after', KEY, 'key_type = "RSA"\nrotation_policy {\n  automatic {\n    time_after_create = var.rotate_after\n  }\n}')],
    },
    tfplan: {
      fail: [plan1(KEY, { key_type: 'RSA', key_size: 3072, rotation_policy: [] })],
      pass: [plan1(KEY, { key_type: 'RSA', key_size: 3072, rotation_policy: [{ expire_after: 'P1Y', automatic: [{ time_before_expiry: 'P30D', time_after_create: null }] }] })],
    },
  },
};

export const keyVaultRules: readonly IacRule[] = [
  keyVaultPurgeProtection,
  keyVaultSoftDelete,
  keyVaultSoftDeleteRetention,
  keyVaultNetworkDefaultDeny,
  keyVaultPublicNetworkAccess,
  keyVaultRbac,
  keyVaultPrivateEndpoint,
  keyExpiration,
  secretExpiration,
  secretContentType,
  keyHsm,
  keyStrengthRule,
  keyRotationPolicy,
];
