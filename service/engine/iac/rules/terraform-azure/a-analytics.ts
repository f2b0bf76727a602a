// Data Lake Storage Gen1, Synapse workspaces and Data Factory.
import type { IacRule } from '../../types';
import { attributeRule, plan1, requireSet, tf, tfVar } from './a-common';

const DATALAKE = 'azurerm_data_lake_store';
const SYNAPSE = 'azurerm_synapse_workspace';
const ADF = 'azurerm_data_factory';
const SYNAPSE_CONTEXT = 'sql_administrator_login = "sqladmin"';

export const dataLakeEncryption = attributeRule({
  id: 'IAC-TF-AZ-DATALAKE-STORE-ENCRYPTION',
  title: 'Data Lake Store account is not encrypted',
  severity: 'high',
  description: 'encryption_state = "Disabled" stores the data lake unencrypted at rest. It defaults to Enabled.',
  remediation: 'Set encryption_state = "Enabled" (or remove it).',
  checkov: 'CKV_AZURE_105',
  cwe: ['CWE-311'],
  types: [DATALAKE],
  paths: ['encryption_state'],
  good: 'Enabled',
  bad: 'Disabled',
  whenMissing: 'pass',
  plan: true,
});

export const dataLakeFirewall = attributeRule({
  id: 'IAC-TF-AZ-DATALAKE-STORE-FIREWALL',
  title: 'Data Lake Store firewall is disabled',
  severity: 'medium',
  description: 'With firewall_state = "Disabled" the account accepts requests from any address; the firewall limits access to listed ranges.',
  remediation: 'Set firewall_state = "Enabled" (the default) and add azurerm_data_lake_store_firewall_rule resources for the ranges that need access.',
  cwe: ['CWE-284'],
  types: [DATALAKE],
  paths: ['firewall_state'],
  good: 'Enabled',
  bad: 'Disabled',
  whenMissing: 'pass',
});

export const synapseManagedVnet = attributeRule({
  id: 'IAC-TF-AZ-SYNAPSE-MANAGED-VNET',
  title: 'Synapse workspace does not use a managed virtual network',
  severity: 'medium',
  description: 'Without a managed virtual network, Synapse compute runs outside network isolation and cannot be restricted to approved private endpoints. It can only be chosen when the workspace is created; the default is false.',
  remediation: 'Set managed_virtual_network_enabled = true (forces a new workspace).',
  checkov: 'CKV_AZURE_58',
  cwe: ['CWE-284'],
  types: [SYNAPSE],
  paths: ['managed_virtual_network_enabled'],
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: SYNAPSE_CONTEXT,
  plan: true,
});

export const synapseExfiltration = attributeRule({
  id: 'IAC-TF-AZ-SYNAPSE-DATA-EXFILTRATION',
  title: 'Synapse workspace has no data exfiltration protection',
  severity: 'medium',
  description: 'Data exfiltration protection limits managed private endpoints to approved Entra tenants, so a pipeline or notebook cannot copy data out to an attacker-controlled account. It requires a managed virtual network and is off by default.',
  remediation: 'Set managed_virtual_network_enabled = true and data_exfiltration_protection_enabled = true (forces a new workspace).',
  checkov: 'CKV_AZURE_157',
  cwe: ['CWE-200'],
  types: [SYNAPSE],
  paths: ['data_exfiltration_protection_enabled'],
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: SYNAPSE_CONTEXT,
});

export const synapsePublicNetwork = attributeRule({
  id: 'IAC-TF-AZ-SYNAPSE-PUBLIC-NETWORK-ACCESS',
  title: 'Synapse workspace is reachable from public networks',
  severity: 'medium',
  description: 'With public network access enabled (the default) the workspace SQL and development endpoints answer on the internet, limited only by firewall rules.',
  remediation: 'Set public_network_access_enabled = false and use managed private endpoints and Private Link hubs.',
  cwe: ['CWE-284'],
  types: [SYNAPSE],
  paths: ['public_network_access_enabled'],
  good: false,
  bad: true,
  whenMissing: 'fail',
  context: SYNAPSE_CONTEXT,
  plan: true,
});

export const synapseEntraOnly = attributeRule({
  id: 'IAC-TF-AZ-SYNAPSE-ENTRA-ONLY-AUTH',
  title: 'Synapse workspace accepts SQL authentication',
  severity: 'medium',
  description: 'With azuread_authentication_only off (the default) the SQL administrator login and other SQL logins work alongside Entra ID: passwords, no MFA, no central revocation.',
  remediation: 'Set azuread_authentication_only = true and configure an Entra administrator.',
  cwe: ['CWE-287'],
  types: [SYNAPSE],
  paths: ['azuread_authentication_only'],
  good: true,
  bad: false,
  whenMissing: 'fail',
  context: SYNAPSE_CONTEXT,
});

export const synapseCustomerManagedKey: IacRule = {
  id: 'IAC-TF-AZ-SYNAPSE-CUSTOMER-MANAGED-KEY',
  title: 'Synapse workspace is not encrypted with a customer-managed key',
  severity: 'low',
  description: 'A customer-managed key adds a second, customer-controlled layer of encryption to workspace data, which you can rotate or revoke. It can only be configured at creation.',
  remediation: 'Add customer_managed_key { key_versionless_id = azurerm_key_vault_key.synapse.versionless_id } when creating the workspace.',
  remediationSnippet: tf(SYNAPSE, 'customer_managed_key {\n  key_versionless_id = azurerm_key_vault_key.synapse.versionless_id\n  key_name           = "synapse-cmk"\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/synapse-analytics/security/workspaces-encryption',
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [SYNAPSE],
  check: requireSet('customer_managed_key.key_versionless_id'),
  examples: {
    hcl: {
      fail: [tf(SYNAPSE, SYNAPSE_CONTEXT)],
      pass: [tf(SYNAPSE, `${SYNAPSE_CONTEXT}\ncustomer_managed_key {\n  key_versionless_id = azurerm_key_vault_key.synapse.versionless_id\n}`)],
      unknown: [tfVar('key_id', SYNAPSE, `${SYNAPSE_CONTEXT}\ncustomer_managed_key {\n  key_versionless_id = var.key_id\n}`)],
    },
  },
};

export const dataFactoryPublicNetwork = attributeRule({
  id: 'IAC-TF-AZ-DATA-FACTORY-PUBLIC-NETWORK-ACCESS',
  title: 'Data factory is reachable from public networks',
  severity: 'medium',
  description: 'With public_network_enabled (the default) the factory and its self-hosted integration runtimes talk over public endpoints instead of Private Link.',
  remediation: 'Set public_network_enabled = false and use private endpoints.',
  checkov: 'CKV_AZURE_104',
  cwe: ['CWE-284'],
  types: [ADF],
  paths: ['public_network_enabled'],
  good: false,
  bad: true,
  whenMissing: 'fail',
  plan: true,
});

export const dataFactoryCustomerManagedKey: IacRule = {
  id: 'IAC-TF-AZ-DATA-FACTORY-CUSTOMER-MANAGED-KEY',
  title: 'Data factory is not encrypted with a customer-managed key',
  severity: 'low',
  description: 'Factory metadata (linked service definitions, parameters) is encrypted with Microsoft-managed keys unless a customer-managed key is set; with your own key you can rotate or revoke it.',
  remediation: 'Set customer_managed_key_id (and customer_managed_key_identity_id) to a Key Vault key.',
  remediationSnippet: tf(ADF, 'customer_managed_key_id          = azurerm_key_vault_key.adf.id\ncustomer_managed_key_identity_id = azurerm_user_assigned_identity.adf.id').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/data-factory/enable-customer-managed-key',
  checkov: 'CKV2_AZURE_15',
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [ADF],
  check: requireSet('customer_managed_key_id'),
  examples: {
    hcl: {
      fail: [tf(ADF, 'location = "westeurope"')],
      pass: [tf(ADF, 'customer_managed_key_id          = azurerm_key_vault_key.adf.id\ncustomer_managed_key_identity_id = azurerm_user_assigned_identity.adf.id')],
      unknown: [tfVar('key_id', ADF, 'customer_managed_key_id = var.key_id')],
    },
    tfplan: {
      fail: [plan1(ADF, { location: 'westeurope', customer_managed_key_id: null })],
      pass: [plan1(ADF, { location: 'westeurope', customer_managed_key_id: 'https://kv-adf.vault.azure.net/keys/adf/0123456789abcdef' })],
    },
  },
};

export const dataFactoryManagedVnet = attributeRule({
  id: 'IAC-TF-AZ-DATA-FACTORY-MANAGED-VNET',
  title: 'Data factory does not use a managed virtual network',
  severity: 'low',
  description: 'Without a managed virtual network the Azure integration runtime reaches data stores over public endpoints; with it, traffic goes through managed private endpoints.',
  remediation: 'Set managed_virtual_network_enabled = true and create managed private endpoints for the data stores.',
  cwe: ['CWE-284'],
  types: [ADF],
  paths: ['managed_virtual_network_enabled'],
  good: true,
  bad: false,
  whenMissing: 'fail',
});

export const analyticsRules: readonly IacRule[] = [
  dataLakeEncryption,
  dataLakeFirewall,
  synapseManagedVnet,
  synapseExfiltration,
  synapsePublicNetwork,
  synapseEntraOnly,
  synapseCustomerManagedKey,
  dataFactoryPublicNetwork,
  dataFactoryCustomerManagedKey,
  dataFactoryManagedVnet,
];
