// Event Hubs and Service Bus namespaces.
import { expect, type Check } from '../../helpers';
import type { IacRule } from '../../types';
import { lookup } from '../../values';
import { attributeRule, firstPassing, linkedTo, plan1, requireSet, tf, tfVar, whenValue } from './a-common';

const EVENTHUB = 'azurerm_eventhub_namespace';
const EVENTHUB_CMK = 'azurerm_eventhub_namespace_customer_managed_key';
const SERVICEBUS = 'azurerm_servicebus_namespace';

export const eventHubPublicNetwork = attributeRule({
  id: 'IAC-TF-AZ-EVENTHUB-PUBLIC-NETWORK-ACCESS',
  title: 'Event Hubs namespace is reachable from public networks',
  severity: 'medium',
  description: 'With public network access enabled (the default) producers and consumers anywhere on the internet can reach the namespace, limited only by its network rule set and keys.',
  remediation: 'Set public_network_access_enabled = false and use private endpoints.',
  cwe: ['CWE-284'],
  types: [EVENTHUB],
  paths: ['public_network_access_enabled'],
  good: false,
  bad: true,
  whenMissing: 'fail',
  context: 'sku = "Standard"',
  plan: true,
});

export const eventHubLocalAuth = attributeRule({
  id: 'IAC-TF-AZ-EVENTHUB-LOCAL-AUTH',
  title: 'Event Hubs namespace accepts shared access keys',
  severity: 'medium',
  description: 'Shared access signature keys are long-lived secrets that end up in connection strings and cannot be tied to an identity; with local authentication off only Entra ID tokens are accepted.',
  remediation: 'Set local_authentication_enabled = false and grant Azure Event Hubs Data Sender/Receiver roles.',
  cwe: ['CWE-287'],
  types: [EVENTHUB],
  paths: ['local_authentication_enabled'],
  good: false,
  bad: true,
  whenMissing: 'fail',
  context: 'sku = "Standard"',
  plan: true,
});

export const eventHubMinTls = attributeRule({
  id: 'IAC-TF-AZ-EVENTHUB-MIN-TLS',
  title: 'Event Hubs namespace allows TLS older than 1.2',
  severity: 'medium',
  description: 'minimum_tls_version 1.0 or 1.1 lets clients use protocol versions with known weaknesses. azurerm defaults it to 1.2.',
  remediation: 'Set minimum_tls_version = "1.2", or remove it.',
  checkov: 'CKV_AZURE_223',
  cwe: ['CWE-326'],
  types: [EVENTHUB],
  paths: ['minimum_tls_version'],
  good: ['1.2', '1.3'],
  bad: '1.0',
  whenMissing: 'pass',
  context: 'sku = "Standard"',
});

/** Public access off, or a network rule set denying by default (no rule set: allow). */
const eventHubNetwork: Check = (r, ctx) => {
  const pna = lookup(r.attributes, 'public_network_access_enabled');
  if (pna.length && pna.every((f) => f.value === false)) return { outcome: 'pass', path: 'public_network_access_enabled', value: false };
  return expect('network_rulesets.default_action', 'Deny')(r, ctx);
};

export const eventHubNetworkDefaultDeny: IacRule = {
  id: 'IAC-TF-AZ-EVENTHUB-NETWORK-DEFAULT-DENY',
  title: 'Event Hubs namespace accepts traffic from all networks',
  severity: 'medium',
  description: 'Without a network rule set that denies by default, any address can connect to the namespace; a leaked connection string is usable from anywhere.',
  remediation: 'Add network_rulesets { default_action = "Deny", trusted_service_access_enabled = true } with the ip_rule and virtual_network_rule entries that need access.',
  remediationSnippet: tf(EVENTHUB, 'network_rulesets {\n  default_action                 = "Deny"\n  trusted_service_access_enabled = true\n  ip_rule {\n    ip_mask = "203.0.113.0/24"\n  }\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/event-hubs/network-security',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [EVENTHUB],
  check: eventHubNetwork,
  examples: {
    hcl: {
      fail: [tf(EVENTHUB, 'sku = "Standard"'), tf(EVENTHUB, 'sku = "Standard"\nnetwork_rulesets {\n  default_action = "Allow"\n}')],
      pass: [tf(EVENTHUB, 'sku = "Standard"\nnetwork_rulesets {\n  default_action = "Deny"\n  ip_rule {\n    ip_mask = "203.0.113.0/24"\n  }\n}'), tf(EVENTHUB, 'sku                           = "Premium"\npublic_network_access_enabled = false')],
      unknown: [tfVar('action', EVENTHUB, 'sku = "Standard"\nnetwork_rulesets {\n  default_action = var.action\n}')],
    },
    tfplan: {
      fail: [plan1(EVENTHUB, { sku: 'Standard', public_network_access_enabled: true, network_rulesets: [{ default_action: 'Allow' }] })],
      pass: [plan1(EVENTHUB, { sku: 'Standard', public_network_access_enabled: true, network_rulesets: [{ default_action: 'Deny' }] })],
    },
  },
};

/** Premium and dedicated namespaces only: an azurerm_eventhub_namespace_customer_managed_key for it. */
const eventHubCmk: Check = (r, ctx) => {
  const keys = linkedTo(ctx, r, [EVENTHUB_CMK], ['eventhub_namespace_id']);
  return firstPassing(keys, ctx, requireSet('key_vault_key_ids')) ?? { outcome: 'fail', path: 'customer_managed_key', message: `Event Hubs namespace ${r.address} has no customer-managed key in this configuration` };
};

export const eventHubCustomerManagedKey: IacRule = {
  id: 'IAC-TF-AZ-EVENTHUB-CUSTOMER-MANAGED-KEY',
  title: 'Premium Event Hubs namespace is not encrypted with a customer-managed key',
  severity: 'low',
  // The resource that satisfies it may live in another configuration.
  confidence: 'medium',
  description: 'Premium namespaces can encrypt events at rest with a key you control in Key Vault, which you can rotate or revoke; by default Microsoft-managed keys are used.',
  remediation: 'Add an azurerm_eventhub_namespace_customer_managed_key for the namespace.',
  remediationSnippet: tf(EVENTHUB_CMK, 'eventhub_namespace_id = azurerm_eventhub_namespace.example.id\nkey_vault_key_ids     = [azurerm_key_vault_key.events.id]').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/event-hubs/configure-customer-managed-key',
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [EVENTHUB],
  check: whenValue('sku', ['Premium'], eventHubCmk),
  examples: {
    hcl: {
      fail: [tf(EVENTHUB, 'sku = "Premium"')],
      pass: [`${tf(EVENTHUB, 'sku = "Premium"', 'events')}\n${tf(EVENTHUB_CMK, 'eventhub_namespace_id = azurerm_eventhub_namespace.events.id\nkey_vault_key_ids     = [azurerm_key_vault_key.events.id]')}`],
      unknown: [tfVar('sku', EVENTHUB, 'sku = var.sku')],
    },
  },
};

const SB_CONTEXT = 'sku = "Premium"';

export const serviceBusPublicNetwork = attributeRule({
  id: 'IAC-TF-AZ-SERVICEBUS-PUBLIC-NETWORK-ACCESS',
  title: 'Service Bus namespace is reachable from public networks',
  severity: 'medium',
  description: 'With public network access enabled (the default) the namespace answers on the internet, protected only by its keys or tokens and any IP rules.',
  remediation: 'Set public_network_access_enabled = false and use private endpoints (Premium).',
  checkov: 'CKV_AZURE_204',
  cwe: ['CWE-284'],
  types: [SERVICEBUS],
  paths: ['public_network_access_enabled'],
  good: false,
  bad: true,
  whenMissing: 'fail',
  context: SB_CONTEXT,
  plan: true,
});

export const serviceBusLocalAuth = attributeRule({
  id: 'IAC-TF-AZ-SERVICEBUS-LOCAL-AUTH',
  title: 'Service Bus namespace accepts shared access keys',
  severity: 'medium',
  description: 'Shared access keys are long-lived secrets in connection strings that cannot be tied to an identity; with local auth off only Entra ID tokens are accepted.',
  remediation: 'Set local_auth_enabled = false and grant Azure Service Bus Data Sender/Receiver roles.',
  checkov: 'CKV_AZURE_203',
  cwe: ['CWE-287'],
  types: [SERVICEBUS],
  paths: ['local_auth_enabled'],
  good: false,
  bad: true,
  whenMissing: 'fail',
  context: SB_CONTEXT,
  plan: true,
});

export const serviceBusMinTls = attributeRule({
  id: 'IAC-TF-AZ-SERVICEBUS-MIN-TLS',
  title: 'Service Bus namespace allows TLS older than 1.2',
  severity: 'medium',
  description:
    'minimum_tls_version 1.0 or 1.1 lets clients use protocol versions with known weaknesses. azurerm defaults it to 1.2, so an unset minimum_tls_version passes (Checkov fails it).',
  remediation: 'Set minimum_tls_version = "1.2", or remove it.',
  checkov: 'CKV_AZURE_205',
  cwe: ['CWE-326'],
  types: [SERVICEBUS],
  paths: ['minimum_tls_version'],
  good: ['1.2', '1.3'],
  bad: '1.1',
  whenMissing: 'pass',
  context: SB_CONTEXT,
});

export const serviceBusCustomerManagedKey: IacRule = {
  id: 'IAC-TF-AZ-SERVICEBUS-CUSTOMER-MANAGED-KEY',
  title: 'Premium Service Bus namespace is not encrypted with a customer-managed key',
  severity: 'low',
  description: 'Premium namespaces can encrypt messages at rest with a key you control in Key Vault, which you can rotate or revoke; by default Microsoft-managed keys are used.',
  remediation: 'Add customer_managed_key { key_vault_key_id, identity_id } (with a user-assigned identity that can use the key).',
  remediationSnippet: tf(SERVICEBUS, 'customer_managed_key {\n  key_vault_key_id                  = azurerm_key_vault_key.sb.id\n  identity_id                       = azurerm_user_assigned_identity.sb.id\n  infrastructure_encryption_enabled = true\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/service-bus-messaging/configure-customer-managed-key',
  checkov: 'CKV_AZURE_201',
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [SERVICEBUS],
  check: whenValue('sku', ['Premium'], requireSet('customer_managed_key.key_vault_key_id')),
  examples: {
    hcl: {
      fail: [tf(SERVICEBUS, SB_CONTEXT)],
      pass: [tf(SERVICEBUS, `${SB_CONTEXT}\ncustomer_managed_key {\n  key_vault_key_id = azurerm_key_vault_key.sb.id\n  identity_id      = azurerm_user_assigned_identity.sb.id\n}`)],
      unknown: [tfVar('key_id', SERVICEBUS, `${SB_CONTEXT}\ncustomer_managed_key {\n  key_vault_key_id = var.key_id\n}`)],
    },
    tfplan: {
      fail: [plan1(SERVICEBUS, { sku: 'Premium', customer_managed_key: [] })],
      pass: [plan1(SERVICEBUS, { sku: 'Premium', customer_managed_key: [{ key_vault_key_id: 'https://kv.vault.azure.net/keys/sb/0123', identity_id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/sb', infrastructure_encryption_enabled: true }] })],
    },
  },
};

export const serviceBusDoubleEncryption: IacRule = {
  id: 'IAC-TF-AZ-SERVICEBUS-DOUBLE-ENCRYPTION',
  title: 'Service Bus customer-managed key without infrastructure encryption',
  severity: 'low',
  description: 'Infrastructure encryption adds a second layer of encryption with a platform key beneath the customer-managed key. It can only be enabled together with the key, at creation.',
  remediation: 'Set customer_managed_key { infrastructure_encryption_enabled = true } (forces a new namespace).',
  remediationSnippet: tf(SERVICEBUS, 'customer_managed_key {\n  key_vault_key_id                  = azurerm_key_vault_key.sb.id\n  identity_id                       = azurerm_user_assigned_identity.sb.id\n  infrastructure_encryption_enabled = true\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/service-bus-messaging/configure-customer-managed-key',
  checkov: 'CKV_AZURE_199',
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [SERVICEBUS],
  check: whenValue('sku', ['Premium'], expect('customer_managed_key.infrastructure_encryption_enabled', true)),
  examples: {
    hcl: {
      fail: [tf(SERVICEBUS, `${SB_CONTEXT}\ncustomer_managed_key {\n  key_vault_key_id = azurerm_key_vault_key.sb.id\n  identity_id      = azurerm_user_assigned_identity.sb.id\n}`)],
      pass: [tf(SERVICEBUS, `${SB_CONTEXT}\ncustomer_managed_key {\n  key_vault_key_id                  = azurerm_key_vault_key.sb.id\n  identity_id                       = azurerm_user_assigned_identity.sb.id\n  infrastructure_encryption_enabled = true\n}`)],
      unknown: [tfVar('double', SERVICEBUS, `${SB_CONTEXT}\ncustomer_managed_key {\n  key_vault_key_id                  = azurerm_key_vault_key.sb.id\n  infrastructure_encryption_enabled = var.double\n}`)],
    },
  },
};

export const messagingRules: readonly IacRule[] = [
  eventHubPublicNetwork,
  eventHubLocalAuth,
  eventHubMinTls,
  eventHubNetworkDefaultDeny,
  eventHubCustomerManagedKey,
  serviceBusPublicNetwork,
  serviceBusLocalAuth,
  serviceBusMinTls,
  serviceBusCustomerManagedKey,
  serviceBusDoubleEncryption,
];
