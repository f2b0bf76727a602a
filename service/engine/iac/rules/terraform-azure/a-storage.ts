// Storage accounts and blob containers (azurerm 3.x and 4.x names).
import { expect, type Check } from '../../helpers';
import type { IacResource, IacRule, RuleContext, Verdict } from '../../types';
import { isUnknown, lookup } from '../../values';
import { attributeRule, firstPassing, hasPrivateEndpoint, linkedTo, plan, plan1, requireSet, tf, tfVar } from './a-common';

const SA = 'azurerm_storage_account';
const NETWORK_RULES = 'azurerm_storage_account_network_rules';
const QUEUE_PROPERTIES = 'azurerm_storage_account_queue_properties';
const CMK = 'azurerm_storage_account_customer_managed_key';

/** Account kinds without a queue service, and without a blob service. */
const NO_QUEUES = ['BlobStorage', 'BlockBlobStorage', 'FileStorage'];
const NO_BLOBS = ['FileStorage'];

/** Not applicable to accounts of these kinds (account_kind defaults to StorageV2). */
function unlessKind(kinds: readonly string[], check: Check): Check {
  return (r, ctx) => {
    const kind = r.attributes.account_kind;
    if (isUnknown(kind)) return { outcome: 'unknown', path: 'account_kind', value: kind };
    if (typeof kind === 'string' && kinds.includes(kind)) return { outcome: 'not-applicable' };
    return check(r, ctx);
  };
}

const linkedById = (ctx: RuleContext, account: IacResource, type: string): IacResource[] =>
  linkedTo(ctx, account, [type], ['storage_account_id', 'storage_account_name']);

export const storageHttpsOnly = attributeRule({
  id: 'IAC-TF-AZ-STORAGE-HTTPS-ONLY',
  title: 'Storage account accepts unencrypted HTTP requests',
  severity: 'high',
  description:
    'With secure transfer off, the account accepts REST calls and SMB connections without TLS, so keys, SAS tokens and data can be read or altered on the wire.',
  remediation: 'Set https_traffic_only_enabled = true (enable_https_traffic_only in azurerm 3.x), or remove the argument: it defaults to true.',
  checkov: 'CKV_AZURE_3',
  cis: ['CIS Azure 3.1'],
  cwe: ['CWE-319'],
  types: [SA],
  paths: ['enable_https_traffic_only', 'https_traffic_only_enabled'],
  good: true,
  bad: false,
  whenMissing: 'pass',
  plan: true,
});

export const storageMinTls = attributeRule({
  id: 'IAC-TF-AZ-STORAGE-MIN-TLS',
  title: 'Storage account allows TLS older than 1.2',
  severity: 'high',
  description:
    'TLS 1.0 and 1.1 have known weaknesses and are retired by Azure Storage; clients negotiating them get weaker protection of keys and data in transit. An unset min_tls_version passes (the azurerm default is TLS1_2 since 3.0), where Checkov fails it.',
  remediation: 'Set min_tls_version = "TLS1_2" (the azurerm default), or remove the argument.',
  checkov: 'CKV_AZURE_44',
  cis: ['CIS Azure 3.15'],
  cwe: ['CWE-326'],
  types: [SA],
  paths: ['min_tls_version'],
  good: ['TLS1_2', 'TLS1_3'],
  bad: 'TLS1_0',
  whenMissing: 'pass',
  plan: true,
});

export const storageBlobPublicAccess = attributeRule({
  id: 'IAC-TF-AZ-STORAGE-BLOB-PUBLIC-ACCESS',
  title: 'Storage account allows anonymous public access to blobs',
  severity: 'high',
  description:
    'While the account allows nested items to be public, any container can be switched to anonymous blob or container access and its data read by anyone on the internet. azurerm defaults allow_nested_items_to_be_public to true.',
  remediation: 'Set allow_nested_items_to_be_public = false (allow_blob_public_access = false in azurerm 2.x).',
  checkov: 'CKV_AZURE_190',
  cis: ['CIS Azure 3.7'],
  cwe: ['CWE-284'],
  types: [SA],
  paths: ['allow_blob_public_access', 'allow_nested_items_to_be_public'],
  good: false,
  bad: true,
  whenMissing: 'fail',
  plan: true,
});

export const storageSharedKey = attributeRule({
  id: 'IAC-TF-AZ-STORAGE-SHARED-KEY-ACCESS',
  title: 'Storage account allows Shared Key authorization',
  severity: 'medium',
  description:
    'Account keys grant full access to all data, cannot be scoped or attributed to an identity, and any SAS signed with them stays valid until the key is rotated. Entra ID authorization is auditable and revocable.',
  remediation: 'Set shared_access_key_enabled = false and use Entra ID (RBAC) for data access; the provider needs storage_use_azuread = true.',
  checkov: 'CKV2_AZURE_40',
  cwe: ['CWE-287'],
  types: [SA],
  paths: ['shared_access_key_enabled'],
  good: false,
  bad: true,
  whenMissing: 'fail',
  plan: true,
});

/** Inline network_rules, else a separate azurerm_storage_account_network_rules (judged on its own), else the default Allow. */
const networkDefaultDeny: Check = (r, ctx) => {
  if (r.type === NETWORK_RULES) return expect('default_action', 'Deny')(r, ctx);
  const publicOff = lookup(r.attributes, 'public_network_access_enabled');
  if (publicOff.length && publicOff.every((f) => f.value === false)) return { outcome: 'pass', path: 'public_network_access_enabled', value: false };
  if (lookup(r.attributes, 'network_rules').length) return expect('network_rules.default_action', 'Deny')(r, ctx);
  if (linkedById(ctx, r, NETWORK_RULES).length) return { outcome: 'not-applicable' };
  return { outcome: 'fail', path: 'network_rules.default_action', message: `Storage account ${r.address} has no network rules: its firewall allows every network` };
};

export const storageNetworkDefaultDeny: IacRule = {
  id: 'IAC-TF-AZ-STORAGE-NETWORK-DEFAULT-DENY',
  title: 'Storage account firewall allows access from all networks',
  severity: 'medium',
  description:
    'A storage account whose network default action is Allow (the default when no network rules are set) accepts requests from any network; a leaked key or SAS is usable from anywhere. An account with no network rules anywhere in the configuration fails (Checkov leaves it unknown), and one with public network access disabled passes.',
  remediation: 'Add network_rules { default_action = "Deny" } with the ip_rules and virtual_network_subnet_ids that need access (or an azurerm_storage_account_network_rules resource).',
  remediationSnippet: tf(SA, 'network_rules {\n  default_action             = "Deny"\n  bypass                     = ["AzureServices"]\n  virtual_network_subnet_ids = [azurerm_subnet.app.id]\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/storage/common/storage-network-security',
  checkov: 'CKV_AZURE_35',
  cis: ['CIS Azure 3.8'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [SA, NETWORK_RULES],
  check: networkDefaultDeny,
  examples: {
    hcl: {
      fail: [
        tf(SA, 'network_rules {\n  default_action = "Allow"\n}'),
        tf(SA, 'account_tier = "Standard"'),
        `${tf(SA, 'account_tier = "Standard"', 'logs')}\n${tf(NETWORK_RULES, 'storage_account_id = azurerm_storage_account.logs.id\ndefault_action     = "Allow"')}`,
      ],
      pass: [
        tf(SA, 'network_rules {\n  default_action = "Deny"\n  ip_rules       = ["203.0.113.10"]\n}'),
        `${tf(SA, 'account_tier = "Standard"', 'logs')}\n${tf(NETWORK_RULES, 'storage_account_id = azurerm_storage_account.logs.id\ndefault_action     = "Deny"')}`,
        tf(SA, 'public_network_access_enabled = false'),
      ],
      unknown: [tfVar('action', SA, 'network_rules {\n  default_action = var.action\n}')],
    },
    tfplan: {
      fail: [plan1(SA, { name: 'logs', network_rules: [{ default_action: 'Allow', bypass: ['AzureServices'], ip_rules: [] }] })],
      pass: [plan1(SA, { name: 'logs', network_rules: [{ default_action: 'Deny', bypass: ['AzureServices'], ip_rules: ['203.0.113.10'] }] })],
    },
  },
};

/** Only where a firewall denies by default: trusted Azure services (backup, monitoring) must still reach the account. */
const trustedServicesBypass: Check = (r, ctx) => {
  const prefix = r.type === NETWORK_RULES ? '' : 'network_rules.';
  const action = lookup(r.attributes, `${prefix}default_action`);
  if (!action.length || action.every((f) => f.value !== 'Deny' && !isUnknown(f.value))) return { outcome: 'not-applicable' };
  return expect(`${prefix}bypass`, (v) => v === null || (Array.isArray(v) && v.some((x) => x === 'AzureServices')), { whenMissing: 'pass' })(r, ctx);
};

export const storageTrustedServices: IacRule = {
  id: 'IAC-TF-AZ-STORAGE-TRUSTED-SERVICES-BYPASS',
  title: 'Storage account firewall blocks trusted Azure services',
  severity: 'low',
  description:
    'With a deny-by-default firewall and bypass without AzureServices, Azure Backup, Monitor diagnostic logs, Defender and other trusted services cannot reach the account, so logging and backups to it silently fail.',
  remediation: 'Include "AzureServices" in network_rules.bypass.',
  remediationSnippet: tf(SA, 'network_rules {\n  default_action = "Deny"\n  bypass         = ["AzureServices"]\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/storage/common/storage-network-security#grant-access-to-trusted-azure-services',
  checkov: 'CKV_AZURE_36',
  cis: ['CIS Azure 3.9'],
  model: 'terraform',
  resourceTypes: [SA, NETWORK_RULES],
  check: trustedServicesBypass,
  examples: {
    hcl: {
      fail: [
        tf(SA, 'network_rules {\n  default_action = "Deny"\n  bypass         = ["None"]\n}'),
        tf(NETWORK_RULES, 'storage_account_id = azurerm_storage_account.logs.id\ndefault_action     = "Deny"\nbypass             = ["Logging", "Metrics"]'),
      ],
      pass: [tf(SA, 'network_rules {\n  default_action = "Deny"\n  bypass         = ["AzureServices", "Logging"]\n}'), tf(SA, 'network_rules {\n  default_action = "Deny"\n}')],
      unknown: [tfVar('bypass', SA, 'network_rules {\n  default_action = "Deny"\n  bypass         = var.bypass\n}')],
    },
  },
};

export const storageInfrastructureEncryption = attributeRule({
  id: 'IAC-TF-AZ-STORAGE-INFRASTRUCTURE-ENCRYPTION',
  title: 'Storage account does not use infrastructure (double) encryption',
  severity: 'low',
  description:
    'Infrastructure encryption adds a second layer of AES-256 encryption with a separate key at the infrastructure level, protecting data if one algorithm or key is compromised. It can only be chosen when the account is created.',
  remediation: 'Set infrastructure_encryption_enabled = true (forces a new account).',
  cis: ['CIS Azure 3.2'],
  cwe: ['CWE-311'],
  types: [SA],
  paths: ['infrastructure_encryption_enabled'],
  good: true,
  bad: false,
  whenMissing: 'fail',
  plan: true,
});

/** An inline customer_managed_key block, or an azurerm_storage_account_customer_managed_key pointing at the account. */
const customerManagedKey: Check = (r, ctx) => {
  const inline = requireSet('customer_managed_key.key_vault_key_id', 'customer_managed_key.managed_hsm_key_id')(r, ctx) as Verdict;
  if (inline.outcome !== 'fail') return inline;
  const separate = linkedById(ctx, r, CMK);
  if (separate.length) return firstPassing(separate, ctx, requireSet('key_name', 'key_vault_key_id', 'managed_hsm_key_id')) ?? { outcome: 'fail', path: 'customer_managed_key' };
  return { outcome: 'fail', path: 'customer_managed_key' };
};

export const storageCustomerManagedKey: IacRule = {
  id: 'IAC-TF-AZ-STORAGE-CUSTOMER-MANAGED-KEY',
  title: 'Storage account is not encrypted with a customer-managed key',
  severity: 'low',
  // The resource that satisfies it may live in another configuration.
  confidence: 'medium',
  description:
    'With Microsoft-managed keys you cannot rotate, revoke or audit the key that protects the data. A customer-managed key in Key Vault lets you control its life cycle and cut access by disabling it.',
  remediation: 'Add a customer_managed_key block (key_vault_key_id and user_assigned_identity_id) or an azurerm_storage_account_customer_managed_key resource for the account.',
  remediationSnippet: tf(CMK, 'storage_account_id = azurerm_storage_account.example.id\nkey_vault_id       = azurerm_key_vault.example.id\nkey_name           = azurerm_key_vault_key.example.name').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview',
  checkov: 'CKV2_AZURE_1',
  cis: ['CIS Azure 3.12'],
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [SA],
  check: customerManagedKey,
  examples: {
    hcl: {
      fail: [tf(SA, 'account_tier = "Standard"')],
      pass: [
        tf(SA, 'identity {\n  type         = "UserAssigned"\n  identity_ids = [azurerm_user_assigned_identity.sa.id]\n}\ncustomer_managed_key {\n  key_vault_key_id          = azurerm_key_vault_key.sa.id\n  user_assigned_identity_id = azurerm_user_assigned_identity.sa.id\n}'),
        `${tf(SA, 'account_tier = "Standard"', 'data')}\n${tf(CMK, 'storage_account_id = azurerm_storage_account.data.id\nkey_vault_id       = azurerm_key_vault.kv.id\nkey_name           = "storage-cmk"')}`,
      ],
      unknown: [tfVar('key_id', SA, 'customer_managed_key {\n  key_vault_key_id = var.key_id\n}')],
    },
  },
};

const QUEUE_LOG_FLAGS = ['delete', 'read', 'write'] as const;

/** Each of delete/read/write must be true in the `logging` block found under `prefix`. */
function queueLogging(prefix: string): Check {
  return (r) => {
    const blocks = lookup(r.attributes, `${prefix}logging`);
    if (!blocks.length) return { outcome: 'fail', path: `${prefix}logging` };
    const verdicts: Verdict[] = [];
    for (const flag of QUEUE_LOG_FLAGS) {
      for (const f of lookup(r.attributes, `${prefix}logging.${flag}`)) {
        if (isUnknown(f.value)) verdicts.push({ outcome: 'unknown', path: f.path, value: f.value });
        else if (f.value !== true && f.value !== 'true') verdicts.push({ outcome: 'fail', path: f.path, value: f.value });
      }
      if (!lookup(r.attributes, `${prefix}logging.${flag}`).length) verdicts.push({ outcome: 'fail', path: `${prefix}logging.${flag}` });
    }
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    if (fails.length) return fails;
    return verdicts.find((v) => v.outcome === 'unknown') ?? { outcome: 'pass', path: `${prefix}logging` };
  };
}

const queueServiceLogging: Check = (r, ctx) => {
  if (r.type === QUEUE_PROPERTIES) return queueLogging('')(r, ctx);
  // Premium accounts (page blobs, block blobs, files) have no queue service.
  if (r.attributes.account_tier === 'Premium') return { outcome: 'not-applicable' };
  return unlessKind(NO_QUEUES, (acc, c) => {
    if (lookup(acc.attributes, 'queue_properties').length) return queueLogging('queue_properties.')(acc, c);
    if (linkedById(c, acc, QUEUE_PROPERTIES).length) return { outcome: 'not-applicable' };
    return { outcome: 'fail', path: 'queue_properties.logging' };
  })(r, ctx);
};

export const storageQueueLogging: IacRule = {
  id: 'IAC-TF-AZ-STORAGE-QUEUE-LOGGING',
  title: 'Storage queue service does not log read, write and delete requests',
  severity: 'medium',
  description:
    'Without Storage Analytics logging of queue requests there is no record of who read, wrote or deleted messages, which an investigation of misuse needs.',
  remediation:
    'Add queue_properties { logging { delete = true, read = true, write = true, version = "1.0", retention_policy_days = 90 } } (or an azurerm_storage_account_queue_properties resource in azurerm 4.x).',
  remediationSnippet: tf(SA, 'queue_properties {\n  logging {\n    delete                = true\n    read                  = true\n    write                 = true\n    version               = "1.0"\n    retention_policy_days = 90\n  }\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/storage/common/storage-analytics-logging',
  checkov: 'CKV_AZURE_33',
  cis: ['CIS Azure 3.5'],
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [SA, QUEUE_PROPERTIES],
  check: queueServiceLogging,
  examples: {
    hcl: {
      fail: [
        tf(SA, 'account_kind = "StorageV2"'),
        tf(SA, 'queue_properties {\n  logging {\n    delete  = true\n    read    = false\n    write   = true\n    version = "1.0"\n  }\n}'),
        tf(QUEUE_PROPERTIES, 'storage_account_id = azurerm_storage_account.example.id\nlogging {\n  delete  = false\n  read    = true\n  write   = true\n  version = "1.0"\n}'),
      ],
      pass: [
        tf(SA, 'queue_properties {\n  logging {\n    delete                = true\n    read                  = true\n    write                 = true\n    version               = "1.0"\n    retention_policy_days = 90\n  }\n}'),
        `${tf(SA, 'account_kind = "StorageV2"', 'q')}\n${tf(QUEUE_PROPERTIES, 'storage_account_id = azurerm_storage_account.q.id\nlogging {\n  delete  = true\n  read    = true\n  write   = true\n  version = "1.0"\n}')}`,
      ],
      unknown: [tfVar('log_reads', SA, 'queue_properties {\n  logging {\n    delete  = true\n    read    = var.log_reads\n    write   = true\n    version = "1.0"\n  }\n}')],
    },
    tfplan: {
      fail: [plan1(SA, { account_kind: 'StorageV2', queue_properties: [{ logging: [{ delete: false, read: false, write: false, version: '1.0' }] }] })],
      pass: [plan1(SA, { account_kind: 'StorageV2', queue_properties: [{ logging: [{ delete: true, read: true, write: true, version: '1.0' }] }] })],
    },
  },
};

export const storageBlobSoftDelete: IacRule = {
  id: 'IAC-TF-AZ-STORAGE-BLOB-SOFT-DELETE',
  title: 'Storage account has no soft delete for blobs',
  severity: 'medium',
  description: 'Without blob soft delete, a blob deleted or overwritten by mistake or by an attacker (ransomware) is gone at once; soft delete keeps it recoverable for the retention period.',
  remediation: 'Add blob_properties { delete_retention_policy { days = 7 } } (or more days).',
  remediationSnippet: tf(SA, 'blob_properties {\n  delete_retention_policy {\n    days = 14\n  }\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview',
  checkov: 'CKV2_AZURE_38',
  cis: ['CIS Azure 3.11'],
  cwe: ['CWE-693'],
  model: 'terraform',
  resourceTypes: [SA],
  check: unlessKind(NO_BLOBS, requireSet('blob_properties.delete_retention_policy')),
  examples: {
    hcl: {
      fail: [tf(SA, 'account_tier = "Standard"'), tf(SA, 'blob_properties {\n  versioning_enabled = true\n}')],
      pass: [tf(SA, 'blob_properties {\n  delete_retention_policy {\n    days = 14\n  }\n}')],
      unknown: [tfVar('retention_days', SA, 'blob_properties {\n  dynamic "delete_retention_policy" {\n    for_each = var.retention_days\n    content {\n      days = delete_retention_policy.value\n    }\n  }\n}')],
    },
    tfplan: {
      fail: [plan1(SA, { blob_properties: [{ versioning_enabled: false, delete_retention_policy: [] }] })],
      pass: [plan1(SA, { blob_properties: [{ versioning_enabled: false, delete_retention_policy: [{ days: 14, permanent_delete_enabled: false }] }] })],
    },
  },
};

export const storageContainerSoftDelete: IacRule = {
  id: 'IAC-TF-AZ-STORAGE-CONTAINER-SOFT-DELETE',
  title: 'Storage account has no soft delete for containers',
  severity: 'low',
  description: 'Deleting a container deletes every blob in it; without container soft delete the whole container cannot be restored.',
  remediation: 'Add blob_properties { container_delete_retention_policy { days = 7 } } (or more days).',
  remediationSnippet: tf(SA, 'blob_properties {\n  container_delete_retention_policy {\n    days = 14\n  }\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/storage/blobs/soft-delete-container-overview',
  cis: ['CIS Azure 3.11'],
  cwe: ['CWE-693'],
  model: 'terraform',
  resourceTypes: [SA],
  check: unlessKind(NO_BLOBS, requireSet('blob_properties.container_delete_retention_policy')),
  examples: {
    hcl: {
      fail: [tf(SA, 'blob_properties {\n  delete_retention_policy {\n    days = 14\n  }\n}')],
      pass: [tf(SA, 'blob_properties {\n  container_delete_retention_policy {\n    days = 14\n  }\n}')],
      unknown: [tfVar('retention_days', SA, 'blob_properties {\n  dynamic "container_delete_retention_policy" {\n    for_each = var.retention_days\n    content {\n      days = container_delete_retention_policy.value\n    }\n  }\n}')],
    },
  },
};

export const storageBlobVersioning: IacRule = {
  id: 'IAC-TF-AZ-STORAGE-BLOB-VERSIONING',
  title: 'Storage account does not keep blob versions',
  severity: 'low',
  description: 'Blob versioning keeps previous versions of a blob when it is overwritten or deleted, so data changed by mistake or encrypted by ransomware can be restored.',
  remediation: 'Set blob_properties { versioning_enabled = true }.',
  remediationSnippet: tf(SA, 'blob_properties {\n  versioning_enabled = true\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/storage/blobs/versioning-overview',
  cwe: ['CWE-693'],
  model: 'terraform',
  resourceTypes: [SA],
  check: unlessKind(NO_BLOBS, expect('blob_properties.versioning_enabled', true)),
  examples: {
    hcl: {
      fail: [tf(SA, 'account_tier = "Standard"'), tf(SA, 'blob_properties {\n  versioning_enabled = false\n}')],
      pass: [tf(SA, 'blob_properties {\n  versioning_enabled = true\n}')],
      unknown: [tfVar('versioning', SA, 'blob_properties {\n  versioning_enabled = var.versioning\n}')],
    },
    tfplan: {
      fail: [plan1(SA, { account_kind: 'StorageV2', blob_properties: [{ versioning_enabled: false }] })],
      pass: [plan1(SA, { account_kind: 'StorageV2', blob_properties: [{ versioning_enabled: true }] })],
    },
  },
};

export const storageCrossTenantReplication = attributeRule({
  id: 'IAC-TF-AZ-STORAGE-CROSS-TENANT-REPLICATION',
  title: 'Storage account allows object replication to other tenants',
  severity: 'medium',
  description:
    'Cross-tenant object replication lets a replication policy copy blobs to an account in another Entra tenant, a path for data exfiltration. azurerm 4.x defaults it to false (3.x defaulted to true).',
  remediation: 'Set cross_tenant_replication_enabled = false, or remove it on azurerm 4.x.',
  cis: ['CIS Azure 3.16'],
  cwe: ['CWE-200'],
  types: [SA],
  paths: ['cross_tenant_replication_enabled'],
  good: false,
  bad: true,
  whenMissing: 'pass',
  plan: true,
});

export const storageSasExpirationPolicy: IacRule = {
  id: 'IAC-TF-AZ-STORAGE-SAS-EXPIRATION-POLICY',
  title: 'Storage account has no SAS expiration policy',
  severity: 'low',
  description:
    'Shared access signatures signed with the account key can be issued with any lifetime; a SAS expiration policy flags or blocks tokens valid for longer than the set period, limiting what a leaked token is worth. Accounts with Shared Key disabled are not applicable and an unset shared_access_key_enabled means enabled (Checkov fails both unless it is explicitly true).',
  remediation: 'Add sas_policy { expiration_period = "00.01:00:00", expiration_action = "Block" }, or disable Shared Key authorization.',
  remediationSnippet: tf(SA, 'sas_policy {\n  expiration_period = "00.01:00:00"\n  expiration_action = "Block"\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/storage/common/sas-expiration-policy',
  checkov: 'CKV2_AZURE_41',
  cis: ['CIS Azure 3.6'],
  cwe: ['CWE-613'],
  model: 'terraform',
  resourceTypes: [SA],
  // Without Shared Key authorization no account-key SAS can be signed: the policy has nothing to govern.
  check: (r, ctx) => (r.attributes.shared_access_key_enabled === false ? { outcome: 'not-applicable' } : requireSet('sas_policy.expiration_period')(r, ctx)),
  examples: {
    hcl: {
      fail: [tf(SA, 'account_tier = "Standard"'), tf(SA, 'shared_access_key_enabled = true')],
      pass: [tf(SA, 'sas_policy {\n  expiration_period = "00.01:00:00"\n  expiration_action = "Block"\n}')],
      unknown: [tfVar('period', SA, 'sas_policy {\n  expiration_period = var.period\n}')],
    },
    tfplan: {
      fail: [plan1(SA, { shared_access_key_enabled: true, sas_policy: [] })],
      pass: [plan1(SA, { shared_access_key_enabled: true, sas_policy: [{ expiration_period: '00.01:00:00', expiration_action: 'Log' }] })],
    },
  },
};

const storagePublicNetworkAccessEnabled = attributeRule({
  id: 'IAC-TF-AZ-STORAGE-PUBLIC-NETWORK-ACCESS',
  title: 'Storage account is reachable from public networks',
  severity: 'medium',
  description:
    'With public network access enabled (the default) the account endpoints resolve and answer on the internet, subject only to its firewall; disabling it leaves private endpoints as the only way in.',
  remediation: 'Set public_network_access_enabled = false and reach the account through private endpoints.',
  checkov: 'CKV_AZURE_59',
  cwe: ['CWE-284'],
  types: [SA],
  paths: ['public_network_access_enabled'],
  good: false,
  bad: true,
  whenMissing: 'fail',
  plan: true,
});

/** azurerm's newer `public_network_access` (Enabled, Disabled, SecuredByPerimeter) supersedes the boolean when set. */
export const storagePublicNetworkAccess: IacRule = {
  ...storagePublicNetworkAccessEnabled,
  check: (r, ctx) => {
    const mode = lookup(r.attributes, 'public_network_access').find((f) => f.value !== null);
    if (!mode) return storagePublicNetworkAccessEnabled.check(r, ctx);
    if (isUnknown(mode.value)) return { outcome: 'unknown', path: mode.path, value: mode.value };
    const open = typeof mode.value !== 'string' || mode.value.toLowerCase() === 'enabled';
    return { outcome: open ? 'fail' : 'pass', path: mode.path, value: mode.value };
  },
  examples: {
    ...storagePublicNetworkAccessEnabled.examples,
    hcl: {
      ...storagePublicNetworkAccessEnabled.examples.hcl!,
      fail: [...storagePublicNetworkAccessEnabled.examples.hcl!.fail, tf(SA, 'public_network_access = "Enabled"')],
      pass: [...storagePublicNetworkAccessEnabled.examples.hcl!.pass, tf(SA, 'public_network_access = "SecuredByPerimeter"')],
    },
  },
};

export const storageGeoReplication = attributeRule({
  id: 'IAC-TF-AZ-STORAGE-GEO-REPLICATION',
  title: 'Storage account is not replicated to a secondary region',
  severity: 'low',
  description: 'LRS and ZRS keep every copy in one region; a regional outage or disaster makes the data unavailable or lost. GRS/GZRS (and their read-access variants) keep a copy in the paired region.',
  remediation: 'Set account_replication_type to "GRS", "RAGRS", "GZRS" or "RAGZRS".',
  checkov: 'CKV_AZURE_206',
  types: [SA],
  paths: ['account_replication_type'],
  good: ['GRS', 'RAGRS', 'GZRS', 'RAGZRS'],
  bad: 'LRS',
  whenMissing: 'fail',
  ignoreCase: true,
  plan: true,
});

export const storageContainerPrivate = attributeRule({
  id: 'IAC-TF-AZ-STORAGE-CONTAINER-PUBLIC',
  title: 'Storage container allows anonymous read access',
  severity: 'high',
  description: 'A container with access type "blob" or "container" serves its blobs (and, for "container", the blob list) to anyone on the internet without credentials.',
  remediation: 'Set container_access_type = "private" (the default) and share data with SAS or Entra ID.',
  checkov: 'CKV_AZURE_34',
  cis: ['CIS Azure 3.7'],
  cwe: ['CWE-284'],
  types: ['azurerm_storage_container'],
  paths: ['container_access_type'],
  good: 'private',
  bad: 'container',
  whenMissing: 'pass',
  context: 'storage_account_name = "stlogs"',
  plan: true,
});

export const storagePrivateEndpoint: IacRule = {
  id: 'IAC-TF-AZ-STORAGE-PRIVATE-ENDPOINT',
  title: 'Storage account has no private endpoint',
  severity: 'low',
  // The resource that satisfies it may live in another configuration.
  confidence: 'medium',
  description: 'Without a private endpoint, clients reach the account over its public endpoint; a private endpoint keeps traffic on the virtual network and lets public access be switched off.',
  remediation: 'Add an azurerm_private_endpoint whose private_service_connection points at the account (subresource "blob", "file", "queue"...).',
  remediationSnippet: tf(
    'azurerm_private_endpoint',
    'subnet_id = azurerm_subnet.endpoints.id\nprivate_service_connection {\n  name                           = "blob"\n  private_connection_resource_id = azurerm_storage_account.example.id\n  subresource_names              = ["blob"]\n  is_manual_connection           = false\n}',
  ).trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/storage/common/storage-private-endpoints',
  checkov: 'CKV2_AZURE_33',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [SA],
  check: (r, ctx) => (hasPrivateEndpoint(ctx, r) ? { outcome: 'pass', path: 'id' } : { outcome: 'fail', message: `Storage account ${r.address} has no private endpoint in this configuration` }),
  examples: {
    hcl: {
      fail: [tf(SA, 'account_tier = "Standard"')],
      pass: [
        `${tf(SA, 'account_tier = "Standard"', 'data')}\n${tf(
          'azurerm_private_endpoint',
          'subnet_id = azurerm_subnet.endpoints.id\nprivate_service_connection {\n  name                           = "blob"\n  private_connection_resource_id = azurerm_storage_account.data.id\n  subresource_names              = ["blob"]\n  is_manual_connection           = false\n}',
          'data_blob',
        )}`,
      ],
    },
    tfplan: {
      fail: [plan({ type: SA, name: 'data', values: { name: 'stdata' } })],
      pass: [
        plan(
          { type: SA, name: 'data', values: { name: 'stdata' } },
          {
            type: 'azurerm_private_endpoint',
            name: 'data_blob',
            values: { private_service_connection: [{ name: 'blob', private_connection_resource_id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stdata' }] },
          },
        ),
      ],
    },
  },
};

export const storageRules: readonly IacRule[] = [
  storageHttpsOnly,
  storageMinTls,
  storageBlobPublicAccess,
  storageSharedKey,
  storageNetworkDefaultDeny,
  storageTrustedServices,
  storageInfrastructureEncryption,
  storageCustomerManagedKey,
  storageQueueLogging,
  storageBlobSoftDelete,
  storageContainerSoftDelete,
  storageBlobVersioning,
  storageCrossTenantReplication,
  storageSasExpirationPolicy,
  storagePublicNetworkAccess,
  storageGeoReplication,
  storageContainerPrivate,
  storagePrivateEndpoint,
];
