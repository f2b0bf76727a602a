// Part A's cross-resource rules and rename/default handling on configurations larger than the rules'
// examples: counted and for_each instances, module inputs, plan JSON references and nulls, several
// resources of one type where only some are covered.
import { scanFiles } from '../../../scan';
import { iacScanner } from '../../scanner';
import { plan } from './a-common';

async function outcomes(ruleId: string, files: Record<string, string>): Promise<string[]> {
  const r = await scanFiles(
    Object.entries(files).map(([path, content]) => ({ path, content })),
    { scanners: [iacScanner], options: { iac: { rules: [ruleId] } } },
  );
  const address = (l: { kind: string; address?: string }) => (l.kind === 'resource' ? l.address : '');
  return [
    ...r.findings.map((f) => `fail ${address(f.location as never)}`),
    ...r.results.filter((x) => x.ruleId === ruleId).map((x) => `${x.outcome} ${address(x.location as never)}`),
  ].sort();
}

test('network rules in a separate resource are matched to each counted account instance', async () => {
  const got = await outcomes('IAC-TF-AZ-STORAGE-NETWORK-DEFAULT-DENY', {
    'main.tf': `resource "azurerm_storage_account" "sa" {
  count = 2
  name  = "st\${count.index}"
}

resource "azurerm_storage_account_network_rules" "r" {
  count              = 2
  storage_account_id = azurerm_storage_account.sa[count.index].id
  default_action     = "Deny"
}

resource "azurerm_storage_account" "open" {
  name = "stopen"
}
`,
  });
  expect(got).toEqual(['fail azurerm_storage_account.open', 'pass azurerm_storage_account_network_rules.r[0]', 'pass azurerm_storage_account_network_rules.r[1]']);
});

test('a reference passed into a module still links the module resource to the root one', async () => {
  const got = await outcomes('IAC-TF-AZ-KEYVAULT-DIAGNOSTIC-LOGGING', {
    'main.tf': `resource "azurerm_key_vault" "audited" {
  name = "kv-audited"
}

resource "azurerm_key_vault" "silent" {
  name = "kv-silent"
}

module "diag" {
  source   = "./diag"
  vault_id = azurerm_key_vault.audited.id
}
`,
    'diag/main.tf': `variable "vault_id" {}

resource "azurerm_monitor_diagnostic_setting" "kv" {
  name               = "audit"
  target_resource_id = var.vault_id
  enabled_log {
    category_group = "allLogs"
  }
}
`,
  });
  expect(got).toEqual(['fail azurerm_key_vault.silent', 'pass azurerm_key_vault.audited']);
});

test('plan JSON: references from the configuration section link resources, and null means the provider default', async () => {
  const json = JSON.parse(
    plan(
      { type: 'azurerm_storage_account', name: 'sa', values: { name: 'stlogs', min_tls_version: null, https_traffic_only_enabled: null } },
      { type: 'azurerm_storage_account_network_rules', name: 'r', values: { default_action: 'Allow' } },
    ),
  );
  json.resource_changes = [{ address: 'azurerm_storage_account_network_rules.r', change: { actions: ['create'], after_unknown: { storage_account_id: true } } }];
  json.configuration = {
    root_module: {
      resources: [{ address: 'azurerm_storage_account_network_rules.r', type: 'azurerm_storage_account_network_rules', name: 'r', expressions: { storage_account_id: { references: ['azurerm_storage_account.sa.id', 'azurerm_storage_account.sa'] } } }],
    },
  };
  const files = { 'tfplan.json': JSON.stringify(json, null, 2) };
  expect(await outcomes('IAC-TF-AZ-STORAGE-NETWORK-DEFAULT-DENY', files)).toEqual(['fail azurerm_storage_account_network_rules.r']);
  expect(await outcomes('IAC-TF-AZ-STORAGE-MIN-TLS', files)).toEqual(['pass azurerm_storage_account.sa']);
  expect(await outcomes('IAC-TF-AZ-STORAGE-HTTPS-ONLY', files)).toEqual(['pass azurerm_storage_account.sa']);
});

test('the azurerm 3.x name is judged when only it is set, the 4.x name otherwise', async () => {
  const got = await outcomes('IAC-TF-AZ-REDIS-NON-SSL-PORT', {
    'main.tf': `resource "azurerm_redis_cache" "v3" {
  enable_non_ssl_port = true
}

resource "azurerm_redis_cache" "v4" {
  non_ssl_port_enabled = false
}
`,
  });
  expect(got).toEqual(['fail azurerm_redis_cache.v3', 'pass azurerm_redis_cache.v4']);
});

test('activity log alert coverage is judged once per configuration, on its first alert', async () => {
  const alert = (name: string, op: string) => `resource "azurerm_monitor_activity_log_alert" "${name}" {
  criteria {
    category       = "Administrative"
    operation_name = "${op}"
  }
}
`;
  const got = await outcomes('IAC-TF-AZ-MONITOR-ALERT-NETWORK-SECURITY-GROUP', {
    'main.tf': alert('a', 'Microsoft.Network/networkSecurityGroups/write') + alert('b', 'Microsoft.Sql/servers/firewallRules/write'),
  });
  // One finding for the missing delete alert, at the first alert; the second alert is not judged again.
  expect(got).toEqual(['fail azurerm_monitor_activity_log_alert.a']);
});

test('a role assignment at a resource group passes; at the subscription of a variable it fails', async () => {
  const got = await outcomes('IAC-TF-AZ-ROLE-ASSIGNMENT-PRIVILEGED-SUBSCRIPTION', {
    'main.tf': `variable "subscription_id" {}

resource "azurerm_role_assignment" "rg" {
  scope                = azurerm_resource_group.app.id
  role_definition_name = "Owner"
  principal_id         = "p"
}

resource "azurerm_role_assignment" "sub" {
  scope                = "/subscriptions/\${var.subscription_id}"
  role_definition_name = "owner"
  principal_id         = "p"
}
`,
  });
  expect(got).toEqual(['fail azurerm_role_assignment.sub', 'pass azurerm_role_assignment.rg']);
});
