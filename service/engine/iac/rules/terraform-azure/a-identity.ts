// Azure RBAC and managed identities: privileged role assignments at broad scopes, custom roles that
// allow every action, and services without a managed identity.
import { type Check } from '../../helpers';
import type { IacRule, IacValue, Verdict } from '../../types';
import { isUnknown, lookup } from '../../values';
import { plan1, requireSet, tf, tfVar } from './a-common';

const ASSIGNMENT = 'azurerm_role_assignment';
const DEFINITION = 'azurerm_role_definition';

/** Built-in roles that can grant themselves anything, by name and role definition GUID. */
const PRIVILEGED: readonly { name: string; guid: string }[] = [
  { name: 'Owner', guid: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635' },
  { name: 'User Access Administrator', guid: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9' },
];

/** Which privileged role a role_definition_name / role_definition_id names; null: another role; undefined: not known. */
function privilegedRole(name: IacValue | undefined, id: IacValue | undefined): string | null | undefined {
  if (typeof name === 'string') return PRIVILEGED.find((p) => p.name.toLowerCase() === name.trim().toLowerCase())?.name ?? null;
  if (typeof id === 'string') return PRIVILEGED.find((p) => id.toLowerCase().endsWith(p.guid))?.name ?? null;
  return undefined;
}

const SUBSCRIPTION_SCOPE = /^\/subscriptions\/[^/]+\/?$/i;
const MANAGEMENT_GROUP_SCOPE = /^\/providers\/microsoft\.management\/managementgroups\/[^/]+\/?$/i;
/** References whose id is a subscription or management group. */
const BROAD_REFS = /^(data\.)?azurerm_(subscription|management_group)\./;

/** Whether a scope is a subscription, a management group or the root; undefined when it cannot be told. */
function broadScope(scope: IacValue | undefined): boolean | undefined {
  if (typeof scope === 'string') return scope === '/' || SUBSCRIPTION_SCOPE.test(scope.trim()) || MANAGEMENT_GROUP_SCOPE.test(scope.trim());
  if (isUnknown(scope)) {
    if (scope.refs.some((r) => BROAD_REFS.test(r))) return true;
    // "/subscriptions/${var.subscription_id}": a subscription whatever the variable holds.
    const text = scope.expr.replace(/^"|"$/g, '');
    if (/^\/subscriptions\/\$\{[^}]+\}\/?$/i.test(text)) return true;
    if (scope.refs.some((r) => /^(data\.)?azurerm_/.test(r) && !BROAD_REFS.test(r))) return false;
    return undefined;
  }
  return undefined;
}

const privilegedAtBroadScope: Check = (r) => {
  const { role_definition_name: name, role_definition_id: id, scope } = r.attributes;
  const role = privilegedRole(name, id);
  const rolePath = name !== undefined ? 'role_definition_name' : 'role_definition_id';
  if (role === null) return { outcome: 'pass', path: rolePath, value: (name ?? id) as IacValue };
  if (role === undefined) return { outcome: 'unknown', path: rolePath, ...(name ?? id) !== undefined ? { value: (name ?? id) as IacValue } : {} } as Verdict;
  const broad = broadScope(scope);
  if (broad === undefined) return { outcome: 'unknown', path: 'scope', ...(scope !== undefined ? { value: scope } : {}) } as Verdict;
  if (!broad) return { outcome: 'pass', path: 'scope', ...(typeof scope === 'string' ? { value: scope } : {}) } as Verdict;
  return { outcome: 'fail', path: 'scope', ...(typeof scope === 'string' ? { value: scope } : {}), message: `${r.address} grants ${role} at subscription (or wider) scope` } as Verdict;
};

export const privilegedRoleAssignment: IacRule = {
  id: 'IAC-TF-AZ-ROLE-ASSIGNMENT-PRIVILEGED-SUBSCRIPTION',
  title: 'Owner or User Access Administrator assigned at subscription scope',
  severity: 'high',
  description:
    'Owner and User Access Administrator can grant any role to anyone; assigned at a subscription, management group or the root, a compromised principal (often a pipeline service principal) controls every resource below it. Use narrower scopes and less privileged roles, with PIM for the rare exceptions.',
  remediation: 'Assign a least-privilege role (Contributor or a specific role) at the resource group or resource that needs it, and keep standing Owner assignments to a few break-glass accounts.',
  remediationSnippet: tf(ASSIGNMENT, 'scope                = azurerm_resource_group.app.id\nrole_definition_name = "Contributor"\nprincipal_id         = azurerm_user_assigned_identity.deploy.principal_id').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/role-based-access-control/best-practices',
  cis: ['CIS Azure 1.23'],
  cwe: ['CWE-250'],
  model: 'terraform',
  resourceTypes: [ASSIGNMENT],
  check: privilegedAtBroadScope,
  examples: {
    hcl: {
      fail: [
        tf(ASSIGNMENT, 'scope                = data.azurerm_subscription.primary.id\nrole_definition_name = "Owner"\nprincipal_id         = azuread_service_principal.deploy.object_id'),
        tf(ASSIGNMENT, 'scope                = "/subscriptions/00000000-0000-0000-0000-000000000000"\nrole_definition_name = "User Access Administrator"\nprincipal_id         = var.principal_id'),
        tf(ASSIGNMENT, 'scope              = "/subscriptions/${var.subscription_id}"\nrole_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"\nprincipal_id       = var.principal_id'),
      ],
      pass: [
        tf(ASSIGNMENT, 'scope                = azurerm_resource_group.app.id\nrole_definition_name = "Owner"\nprincipal_id         = var.principal_id'),
        tf(ASSIGNMENT, 'scope                = data.azurerm_subscription.primary.id\nrole_definition_name = "Reader"\nprincipal_id         = var.principal_id'),
      ],
      unknown: [tfVar('scope', ASSIGNMENT, 'scope                = var.scope\nrole_definition_name = "Owner"\nprincipal_id         = "00000000-0000-0000-0000-000000000000"')],
    },
    tfplan: {
      fail: [plan1(ASSIGNMENT, { scope: '/subscriptions/00000000-0000-0000-0000-000000000000', role_definition_name: 'Owner', principal_id: '11111111-1111-1111-1111-111111111111' })],
      pass: [plan1(ASSIGNMENT, { scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/app', role_definition_name: 'Owner', principal_id: '11111111-1111-1111-1111-111111111111' })],
    },
  },
};

export const customRoleWildcard: IacRule = {
  id: 'IAC-TF-AZ-CUSTOM-ROLE-WILDCARD-ACTIONS',
  title: 'Custom role allows every action',
  severity: 'high',
  description: 'A custom role whose actions include "*" is an Owner in disguise: it can change anything, including role assignments, within its assignable scopes, and hides that behind a custom name.',
  remediation: 'List only the actions the role needs (e.g. "Microsoft.Storage/storageAccounts/read"); use built-in roles where they fit.',
  remediationSnippet: tf(DEFINITION, 'permissions {\n  actions     = ["Microsoft.Resources/subscriptions/resourceGroups/read"]\n  not_actions = []\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/role-based-access-control/custom-roles',
  checkov: 'CKV_AZURE_39',
  cis: ['CIS Azure 1.23'],
  cwe: ['CWE-250'],
  model: 'terraform',
  resourceTypes: [DEFINITION],
  check: (r) => {
    const found = lookup(r.attributes, 'permissions.actions');
    if (!found.length) return { outcome: 'pass', path: 'permissions.actions' };
    const verdicts: Verdict[] = [];
    for (const f of found) {
      if (isUnknown(f.value)) verdicts.push({ outcome: 'unknown', path: f.path, value: f.value });
      else if (Array.isArray(f.value)) {
        if (f.value.some((a) => a === '*')) verdicts.push({ outcome: 'fail', path: f.path, value: f.value });
        else if (f.value.some((a) => isUnknown(a))) verdicts.push({ outcome: 'unknown', path: f.path });
      }
    }
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    if (fails.length) return fails;
    return verdicts[0] ?? { outcome: 'pass', path: found[0].path, value: found[0].value };
  },
  examples: {
    hcl: {
      fail: [tf(DEFINITION, 'name  = "platform-admin"\nscope = data.azurerm_subscription.primary.id\npermissions {\n  actions     = ["*"]\n  not_actions = []\n}\nassignable_scopes = [data.azurerm_subscription.primary.id]')],
      pass: [tf(DEFINITION, 'name  = "vm-operator"\nscope = data.azurerm_subscription.primary.id\npermissions {\n  actions = ["Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/virtualMachines/restart/action"]\n}')],
      unknown: [tfVar('actions', DEFINITION, 'name = "custom"\npermissions {\n  actions = var.actions\n}')],
    },
    tfplan: {
      fail: [plan1(DEFINITION, { name: 'platform-admin', permissions: [{ actions: ['*'], not_actions: [], data_actions: [], not_data_actions: [] }] })],
      pass: [plan1(DEFINITION, { name: 'reader-plus', permissions: [{ actions: ['*/read'], not_actions: [], data_actions: [], not_data_actions: [] }] })],
    },
  },
};

const IDENTITY_TYPES = [
  'azurerm_mssql_server',
  'azurerm_cosmosdb_account',
  'azurerm_data_factory',
  'azurerm_eventhub_namespace',
  'azurerm_servicebus_namespace',
  'azurerm_synapse_workspace',
];

export const serviceManagedIdentity: IacRule = {
  id: 'IAC-TF-AZ-SERVICE-MANAGED-IDENTITY',
  title: 'Data service has no managed identity',
  severity: 'low',
  description:
    'Without a managed identity a service reaches Key Vault, storage and other services with stored secrets (connection strings, keys) that leak and must be rotated by hand; a managed identity authenticates with tokens Azure issues and rotates.',
  remediation: 'Add identity { type = "SystemAssigned" } (or a user-assigned identity) and grant it the roles it needs.',
  remediationSnippet: tf('azurerm_data_factory', 'identity {\n  type = "SystemAssigned"\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/overview',
  // Not CKV_AZURE_202: that Checkov check covers Service Bus namespaces only, this rule six data services.
  cwe: ['CWE-798'],
  model: 'terraform',
  resourceTypes: IDENTITY_TYPES,
  check: requireSet('identity.type'),
  examples: {
    hcl: {
      fail: [tf('azurerm_data_factory', 'location = "westeurope"'), tf('azurerm_servicebus_namespace', 'sku = "Premium"')],
      pass: [tf('azurerm_data_factory', 'identity {\n  type = "SystemAssigned"\n}'), tf('azurerm_mssql_server', 'identity {\n  type         = "UserAssigned"\n  identity_ids = [azurerm_user_assigned_identity.sql.id]\n}')],
      unknown: [tfVar('identity_type', 'azurerm_cosmosdb_account', 'identity {\n  type = var.identity_type\n}')],
    },
    tfplan: {
      fail: [plan1('azurerm_eventhub_namespace', { sku: 'Standard', identity: [] })],
      pass: [plan1('azurerm_eventhub_namespace', { sku: 'Standard', identity: [{ type: 'SystemAssigned', identity_ids: [] }] })],
    },
  },
};

export const identityRules: readonly IacRule[] = [privilegedRoleAssignment, customRoleWildcard, serviceManagedIdentity];
