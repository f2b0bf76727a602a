// Azure Kubernetes Service: azurerm_kubernetes_cluster and azurerm_kubernetes_cluster_node_pool.
import { all, anyOf, expect, forbid, has, isInternet, when } from '../../helpers';
import type { IacRule, IacValue } from '../../types';
import { lookup } from '../../values';
import { atLeast, byType, expectAlias, forbidAlias, hcl, plan, variable } from './b-shared';
import { requireSet } from './a-common';

const AKS = 'azurerm_kubernetes_cluster';
const POOL = 'azurerm_kubernetes_cluster_node_pool';
const POOL_BLOCK = (extra = '') => `default_node_pool {\n  name       = "system"\n  vm_size    = "Standard_D4s_v5"\n  node_count = 3${extra ? `\n  ${extra.split('\n').join('\n  ')}` : ''}\n}`;
/** A list of CIDR ranges that includes "everyone" (0.0.0.0/0). */
const anyInternet = (v: IacValue): boolean => Array.isArray(v) && v.some((x) => isInternet(x));
const planPool = (extra: Record<string, unknown> = {}) => [{ name: 'system', vm_size: 'Standard_D4s_v5', node_count: 3, ...extra }];

export const aksRbac: IacRule = {
  id: 'IAC-TF-AZ-AKS-RBAC',
  title: 'AKS cluster has Kubernetes RBAC disabled',
  severity: 'high',
  description: 'Without Kubernetes RBAC every authenticated user and service account has full access to the cluster API.',
  remediation: 'Remove role_based_access_control_enabled = false (default true); on azurerm 2.x set role_based_access_control { enabled = true }.',
  remediationSnippet: `resource "${AKS}" "example" {\n  role_based_access_control_enabled = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/concepts-identity#kubernetes-rbac',
  checkov: 'CKV_AZURE_5',
  cwe: ['CWE-285'],
  model: 'terraform',
  resourceTypes: [AKS],
  check: all(forbid('role_based_access_control_enabled', false), forbid('role_based_access_control.enabled', false)),
  examples: {
    hcl: {
      fail: [hcl(AKS, `role_based_access_control_enabled = false\n${POOL_BLOCK()}`), hcl(AKS, 'role_based_access_control {\n  enabled = false\n}')],
      pass: [hcl(AKS, POOL_BLOCK()), hcl(AKS, 'role_based_access_control_enabled = true')],
      unknown: [hcl(AKS, 'role_based_access_control_enabled = var.rbac', variable('rbac'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { role_based_access_control_enabled: false, default_node_pool: planPool() } })],
      pass: [plan({ type: AKS, values: { role_based_access_control_enabled: true, default_node_pool: planPool() } })],
    },
  },
};

export const aksEntraIntegration: IacRule = {
  id: 'IAC-TF-AZ-AKS-ENTRA-INTEGRATION',
  title: 'AKS cluster is not integrated with Entra ID',
  severity: 'medium',
  description: 'Without Entra ID integration cluster access relies on certificates in kubeconfig files that cannot be revoked per user or covered by Conditional Access.',
  remediation: 'Add azure_active_directory_role_based_access_control { azure_rbac_enabled = true, admin_group_object_ids = [...] }.',
  remediationSnippet: `resource "${AKS}" "example" {\n  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled     = true\n    admin_group_object_ids = [var.aks_admins]\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/enable-authentication-microsoft-entra-id',
  model: 'terraform',
  resourceTypes: [AKS],
  check: requireSet('azure_active_directory_role_based_access_control', 'role_based_access_control.azure_active_directory'),
  examples: {
    hcl: {
      fail: [hcl(AKS, POOL_BLOCK())],
      pass: [hcl(AKS, 'azure_active_directory_role_based_access_control {\n  azure_rbac_enabled = true\n}')],
      unknown: [hcl(AKS, 'azure_active_directory_role_based_access_control = var.aad', variable('aad'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { azure_active_directory_role_based_access_control: [] } })],
      pass: [plan({ type: AKS, values: { azure_active_directory_role_based_access_control: [{ azure_rbac_enabled: true, admin_group_object_ids: ['g'] }] } })],
    },
  },
};

export const aksLocalAccounts: IacRule = {
  id: 'IAC-TF-AZ-AKS-LOCAL-ACCOUNTS',
  title: 'AKS cluster keeps local accounts',
  severity: 'high',
  description: 'The local cluster-admin account gives a static credential that bypasses Entra ID, Conditional Access and auditing by user.',
  remediation: 'Set local_account_disabled = true (default false) together with Entra ID integration.',
  remediationSnippet: `resource "${AKS}" "example" {\n  local_account_disabled = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad',
  checkov: 'CKV_AZURE_141',
  cwe: ['CWE-798'],
  model: 'terraform',
  resourceTypes: [AKS],
  check: expect('local_account_disabled', true),
  examples: {
    hcl: {
      fail: [hcl(AKS, POOL_BLOCK()), hcl(AKS, 'local_account_disabled = false')],
      pass: [hcl(AKS, 'local_account_disabled = true')],
      unknown: [hcl(AKS, 'local_account_disabled = var.no_local', variable('no_local'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { local_account_disabled: false } })],
      pass: [plan({ type: AKS, values: { local_account_disabled: true } })],
    },
  },
};

export const aksApiServerAccess: IacRule = {
  id: 'IAC-TF-AZ-AKS-API-SERVER-ACCESS',
  title: 'AKS API server is open to the whole internet',
  severity: 'high',
  description: 'A public API server without authorized IP ranges can be probed and brute-forced from anywhere; restrict it or make the cluster private.',
  remediation: 'Set api_server_access_profile { authorized_ip_ranges = [...] } (api_server_authorized_ip_ranges before azurerm 3.x) or private_cluster_enabled = true.',
  remediationSnippet: `resource "${AKS}" "example" {\n  api_server_access_profile {\n    authorized_ip_ranges = ["203.0.113.0/24"]\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges',
  checkov: 'CKV_AZURE_6',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [AKS],
  check: anyOf(
    all(
      requireSet('api_server_access_profile.authorized_ip_ranges', 'api_server_authorized_ip_ranges'),
      forbid('api_server_access_profile.authorized_ip_ranges', anyInternet),
      forbid('api_server_authorized_ip_ranges', anyInternet),
    ),
    expect('private_cluster_enabled', true),
  ),
  examples: {
    hcl: {
      fail: [
        hcl(AKS, POOL_BLOCK()),
        hcl(AKS, 'private_cluster_enabled = false\napi_server_access_profile {\n  authorized_ip_ranges = []\n}'),
        hcl(AKS, 'api_server_access_profile {\n  authorized_ip_ranges = ["203.0.113.0/24", "0.0.0.0/0"]\n}'),
      ],
      pass: [
        hcl(AKS, 'api_server_access_profile {\n  authorized_ip_ranges = ["203.0.113.0/24"]\n}'),
        hcl(AKS, 'api_server_authorized_ip_ranges = ["203.0.113.0/24"]'),
        hcl(AKS, 'private_cluster_enabled = true'),
      ],
      unknown: [hcl(AKS, 'api_server_access_profile {\n  authorized_ip_ranges = var.ranges\n}', variable('ranges'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { private_cluster_enabled: false, api_server_access_profile: [] } })],
      pass: [plan({ type: AKS, values: { private_cluster_enabled: false, api_server_access_profile: [{ authorized_ip_ranges: ['203.0.113.0/24'] }] } })],
    },
  },
};

export const aksPrivateCluster: IacRule = {
  id: 'IAC-TF-AZ-AKS-PRIVATE-CLUSTER',
  title: 'AKS cluster is not private',
  severity: 'medium',
  description: 'A private cluster exposes its API server only on a private endpoint inside the virtual network, never on the internet.',
  remediation: 'Set private_cluster_enabled = true (default false).',
  remediationSnippet: `resource "${AKS}" "example" {\n  private_cluster_enabled = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/private-clusters',
  checkov: 'CKV_AZURE_115',
  model: 'terraform',
  resourceTypes: [AKS],
  check: expect('private_cluster_enabled', true),
  examples: {
    hcl: {
      fail: [hcl(AKS, POOL_BLOCK())],
      pass: [hcl(AKS, 'private_cluster_enabled = true')],
      unknown: [hcl(AKS, 'private_cluster_enabled = var.private', variable('private'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { private_cluster_enabled: false } })],
      pass: [plan({ type: AKS, values: { private_cluster_enabled: true } })],
    },
  },
};

export const aksNetworkPolicy: IacRule = {
  id: 'IAC-TF-AZ-AKS-NETWORK-POLICY',
  title: 'AKS cluster has no network policy engine',
  severity: 'medium',
  description: 'Without a network policy engine (azure, calico, cilium) NetworkPolicy objects are ignored and every pod can reach every other pod.',
  remediation: 'Set network_profile { network_plugin = "azure", network_policy = "azure" } (or calico/cilium).',
  remediationSnippet: `resource "${AKS}" "example" {\n  network_profile {\n    network_plugin = "azure"\n    network_policy = "azure"\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/use-network-policies',
  checkov: 'CKV_AZURE_7',
  model: 'terraform',
  resourceTypes: [AKS],
  check: requireSet('network_profile.network_policy'),
  examples: {
    hcl: {
      fail: [hcl(AKS, 'network_profile {\n  network_plugin = "kubenet"\n}'), hcl(AKS, POOL_BLOCK())],
      pass: [hcl(AKS, 'network_profile {\n  network_plugin = "azure"\n  network_policy = "calico"\n}')],
      unknown: [hcl(AKS, 'network_profile {\n  network_plugin = "azure"\n  network_policy = var.policy\n}', variable('policy'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { network_profile: [{ network_plugin: 'kubenet', network_policy: null }] } })],
      pass: [plan({ type: AKS, values: { network_profile: [{ network_plugin: 'azure', network_policy: 'azure' }] } })],
    },
  },
};

export const aksAzurePolicy: IacRule = {
  id: 'IAC-TF-AZ-AKS-AZURE-POLICY',
  title: 'AKS cluster does not run the Azure Policy add-on',
  severity: 'medium',
  description: 'The Azure Policy add-on enforces pod security and governance policies at admission; without it policies are not applied inside the cluster.',
  remediation: 'Set azure_policy_enabled = true (addon_profile { azure_policy { enabled = true } } on azurerm 2.x).',
  remediationSnippet: `resource "${AKS}" "example" {\n  azure_policy_enabled = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes',
  checkov: 'CKV_AZURE_116',
  model: 'terraform',
  resourceTypes: [AKS],
  check: anyOf(expect('azure_policy_enabled', true), expect('addon_profile.azure_policy.enabled', true)),
  examples: {
    hcl: {
      fail: [hcl(AKS, POOL_BLOCK()), hcl(AKS, 'azure_policy_enabled = false')],
      pass: [hcl(AKS, 'azure_policy_enabled = true'), hcl(AKS, 'addon_profile {\n  azure_policy {\n    enabled = true\n  }\n}')],
      unknown: [hcl(AKS, 'azure_policy_enabled = var.policy', variable('policy'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { azure_policy_enabled: false } })],
      pass: [plan({ type: AKS, values: { azure_policy_enabled: true } })],
    },
  },
};

export const aksDiskEncryptionSet: IacRule = {
  id: 'IAC-TF-AZ-AKS-DISK-ENCRYPTION-SET',
  title: 'AKS node disks are not encrypted with a customer-managed key',
  severity: 'low',
  description: 'A disk encryption set puts the keys of node OS and data disks under your control (rotation, revocation).',
  remediation: 'Set disk_encryption_set_id to an azurerm_disk_encryption_set.',
  remediationSnippet: `resource "${AKS}" "example" {\n  disk_encryption_set_id = azurerm_disk_encryption_set.aks.id\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/azure-disk-customer-managed-keys',
  checkov: 'CKV_AZURE_117',
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [AKS],
  check: requireSet('disk_encryption_set_id'),
  examples: {
    hcl: {
      fail: [hcl(AKS, POOL_BLOCK())],
      pass: [hcl(AKS, 'disk_encryption_set_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/aks"')],
      unknown: [hcl(AKS, 'disk_encryption_set_id = var.des', variable('des'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { disk_encryption_set_id: null } })],
      pass: [plan({ type: AKS, values: { disk_encryption_set_id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/aks' } })],
    },
  },
};

const CHANNELS = ['patch', 'rapid', 'stable', 'node-image'];
export const aksAutoUpgrade: IacRule = {
  id: 'IAC-TF-AZ-AKS-AUTO-UPGRADE',
  title: 'AKS cluster has no automatic upgrade channel',
  severity: 'low',
  description: 'Without an upgrade channel the cluster stays on its Kubernetes version until someone upgrades it, missing security patches.',
  remediation: 'Set automatic_upgrade_channel = "patch" (automatic_channel_upgrade before azurerm 4.x); "none" or unset means no automatic upgrades.',
  remediationSnippet: `resource "${AKS}" "example" {\n  automatic_upgrade_channel = "patch"\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/auto-upgrade-cluster',
  checkov: 'CKV_AZURE_171',
  model: 'terraform',
  resourceTypes: [AKS],
  check: expectAlias(['automatic_upgrade_channel', 'automatic_channel_upgrade'], CHANNELS),
  examples: {
    hcl: {
      fail: [hcl(AKS, POOL_BLOCK()), hcl(AKS, 'automatic_upgrade_channel = "none"')],
      pass: [hcl(AKS, 'automatic_upgrade_channel = "patch"'), hcl(AKS, 'automatic_channel_upgrade = "stable"')],
      unknown: [hcl(AKS, 'automatic_upgrade_channel = var.channel', variable('channel'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { automatic_upgrade_channel: 'none' } })],
      pass: [plan({ type: AKS, values: { automatic_upgrade_channel: 'patch' } })],
    },
  },
};

export const aksMonitoring: IacRule = {
  id: 'IAC-TF-AZ-AKS-MONITORING',
  title: 'AKS cluster does not send container logs to Azure Monitor',
  severity: 'medium',
  description: 'Without Container insights (the OMS agent) container logs and node metrics are not kept outside the cluster for investigation and alerting.',
  remediation: 'Add oms_agent { log_analytics_workspace_id = … } (addon_profile { oms_agent { enabled = true … } } on azurerm 2.x).',
  remediationSnippet: `resource "${AKS}" "example" {\n  oms_agent {\n    log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/azure-monitor/containers/container-insights-overview',
  checkov: 'CKV_AZURE_4',
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [AKS],
  check: anyOf(requireSet('oms_agent.log_analytics_workspace_id'), expect('addon_profile.oms_agent.enabled', true)),
  examples: {
    hcl: {
      fail: [hcl(AKS, POOL_BLOCK()), hcl(AKS, 'addon_profile {\n  oms_agent {\n    enabled = false\n  }\n}')],
      pass: [hcl(AKS, 'oms_agent {\n  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs"\n}')],
      unknown: [hcl(AKS, 'oms_agent {\n  log_analytics_workspace_id = var.workspace\n}', variable('workspace'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { oms_agent: [] } })],
      pass: [plan({ type: AKS, values: { oms_agent: [{ log_analytics_workspace_id: '/subscriptions/0000/workspaces/logs', msi_auth_for_monitoring_enabled: true }] } })],
    },
  },
};

const HOST_ENC = ['host_encryption_enabled', 'enable_host_encryption'];
export const aksHostEncryption: IacRule = {
  id: 'IAC-TF-AZ-AKS-HOST-ENCRYPTION',
  title: 'AKS nodes do not use encryption at host',
  severity: 'medium',
  description: 'Encryption at host encrypts temp disks, disk caches and the data flowing between the VM and storage, which server-side encryption does not cover.',
  remediation: 'Set host_encryption_enabled = true on default_node_pool and node pools (enable_host_encryption before azurerm 4.x).',
  remediationSnippet: `resource "${AKS}" "example" {\n  default_node_pool {\n    host_encryption_enabled = true\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/enable-host-encryption',
  checkov: 'CKV_AZURE_227',
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [AKS, POOL],
  check: byType({ [POOL]: expectAlias(HOST_ENC, true) }, expectAlias(HOST_ENC.map((p) => `default_node_pool.${p}`), true)),
  examples: {
    hcl: {
      fail: [
        hcl(AKS, POOL_BLOCK()),
        hcl(POOL, 'kubernetes_cluster_id = "id"\nvm_size = "Standard_D4s_v5"\nenable_host_encryption = false'),
      ],
      pass: [
        hcl(AKS, POOL_BLOCK('host_encryption_enabled = true')),
        hcl(POOL, 'vm_size = "Standard_D4s_v5"\nenable_host_encryption = true'),
      ],
      unknown: [hcl(AKS, POOL_BLOCK('host_encryption_enabled = var.enc'), variable('enc'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { default_node_pool: planPool({ host_encryption_enabled: false }) } })],
      pass: [plan({ type: POOL, values: { vm_size: 'Standard_D4s_v5', host_encryption_enabled: true } })],
    },
  },
};

export const aksMaxPods: IacRule = {
  id: 'IAC-TF-AZ-AKS-MAX-PODS',
  title: 'AKS node pool allows fewer than 50 pods per node',
  severity: 'low',
  description: 'A low max_pods (30 by default with Azure CNI) leaves too little room for system and security pods such as Defender and policy agents.',
  remediation: 'Set max_pods to at least 50 on default_node_pool and node pools.',
  remediationSnippet: `resource "${AKS}" "example" {\n  default_node_pool {\n    max_pods = 110\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/azure-cni-overview#maximum-pods-per-node',
  checkov: 'CKV_AZURE_168',
  model: 'terraform',
  resourceTypes: [AKS, POOL],
  check: byType({ [POOL]: expect('max_pods', atLeast(50)) }, expect('default_node_pool.max_pods', atLeast(50))),
  examples: {
    hcl: {
      fail: [hcl(AKS, POOL_BLOCK('max_pods = 30')), hcl(POOL, 'vm_size = "Standard_D4s_v5"')],
      pass: [hcl(AKS, POOL_BLOCK('max_pods = 110')), hcl(POOL, 'max_pods = 50')],
      unknown: [hcl(POOL, 'max_pods = var.max_pods', variable('max_pods'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { default_node_pool: planPool({ max_pods: 30 }) } })],
      pass: [plan({ type: AKS, values: { default_node_pool: planPool({ max_pods: 110 }) } })],
    },
  },
};

export const aksSystemPoolCriticalOnly: IacRule = {
  id: 'IAC-TF-AZ-AKS-SYSTEM-POOL-CRITICAL-ONLY',
  title: 'AKS system node pool also runs application pods',
  severity: 'low',
  description: 'Application pods on the system node pool compete with CoreDNS, konnectivity and other critical pods, and a compromised app lands next to them.',
  remediation: 'Set default_node_pool { only_critical_addons_enabled = true } and run workloads on separate user node pools.',
  remediationSnippet: `resource "${AKS}" "example" {\n  default_node_pool {\n    only_critical_addons_enabled = true\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/use-system-pools#system-and-user-node-pools',
  checkov: 'CKV_AZURE_232',
  model: 'terraform',
  resourceTypes: [AKS],
  check: expect('default_node_pool.only_critical_addons_enabled', true),
  examples: {
    hcl: {
      fail: [hcl(AKS, POOL_BLOCK())],
      pass: [hcl(AKS, POOL_BLOCK('only_critical_addons_enabled = true'))],
      unknown: [hcl(AKS, POOL_BLOCK('only_critical_addons_enabled = var.critical'), variable('critical'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { default_node_pool: planPool({ only_critical_addons_enabled: false }) } })],
      pass: [plan({ type: AKS, values: { default_node_pool: planPool({ only_critical_addons_enabled: true }) } })],
    },
  },
};

export const aksDashboard: IacRule = {
  id: 'IAC-TF-AZ-AKS-KUBE-DASHBOARD',
  title: 'AKS cluster runs the Kubernetes dashboard',
  severity: 'high',
  description: 'The Kubernetes dashboard add-on has been abused to take over clusters; it runs with broad permissions and is deprecated on AKS.',
  remediation: 'Remove addon_profile { kube_dashboard { enabled = true } } (the add-on no longer exists from azurerm 3.x).',
  remediationSnippet: `resource "${AKS}" "example" {\n  addon_profile {\n    kube_dashboard {\n      enabled = false\n    }\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/kubernetes-dashboard',
  checkov: 'CKV_AZURE_8',
  model: 'terraform',
  resourceTypes: [AKS],
  check: forbid('addon_profile.kube_dashboard.enabled', true),
  examples: {
    hcl: {
      fail: [hcl(AKS, 'addon_profile {\n  kube_dashboard {\n    enabled = true\n  }\n}')],
      pass: [hcl(AKS, 'addon_profile {\n  kube_dashboard {\n    enabled = false\n  }\n}'), hcl(AKS, POOL_BLOCK())],
      unknown: [hcl(AKS, 'addon_profile {\n  kube_dashboard {\n    enabled = var.dashboard\n  }\n}', variable('dashboard'))],
    },
  },
};

const CSI_BLOCKS = ['key_vault_secrets_provider', 'addon_profile.azure_keyvault_secrets_provider'];
export const aksSecretRotation: IacRule = {
  id: 'IAC-TF-AZ-AKS-SECRETS-STORE-ROTATION',
  title: 'AKS Key Vault secrets provider does not rotate secrets',
  severity: 'low',
  description: 'Without rotation, pods keep the secret values mounted at start-up after they are rotated or revoked in Key Vault.',
  remediation: 'Set key_vault_secrets_provider { secret_rotation_enabled = true } (default false).',
  remediationSnippet: `resource "${AKS}" "example" {\n  key_vault_secrets_provider {\n    secret_rotation_enabled  = true\n    secret_rotation_interval = "2m"\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options#enable-and-disable-auto-rotation',
  checkov: 'CKV_AZURE_172',
  model: 'terraform',
  resourceTypes: [AKS],
  // Only clusters that use the secrets provider add-on have secrets to rotate.
  check: when(
    (r) => CSI_BLOCKS.some((p) => lookup(r.attributes, p).some((f) => !(Array.isArray(f.value) && f.value.length === 0))) && !has(r, 'addon_profile.azure_keyvault_secrets_provider.enabled', false),
    expectAlias(CSI_BLOCKS.map((p) => `${p}.secret_rotation_enabled`), true),
  ),
  examples: {
    hcl: {
      fail: [hcl(AKS, 'key_vault_secrets_provider {}'), hcl(AKS, 'key_vault_secrets_provider {\n  secret_rotation_enabled = false\n}')],
      pass: [hcl(AKS, 'key_vault_secrets_provider {\n  secret_rotation_enabled  = true\n  secret_rotation_interval = "2m"\n}')],
      unknown: [hcl(AKS, 'key_vault_secrets_provider {\n  secret_rotation_enabled = var.rotate\n}', variable('rotate'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { key_vault_secrets_provider: [{ secret_rotation_enabled: false, secret_rotation_interval: '2m' }] } })],
      pass: [plan({ type: AKS, values: { key_vault_secrets_provider: [{ secret_rotation_enabled: true, secret_rotation_interval: '2m' }] } })],
    },
  },
};

export const aksEphemeralOsDisk: IacRule = {
  id: 'IAC-TF-AZ-AKS-EPHEMERAL-OS-DISK',
  title: 'AKS system node pool uses managed OS disks',
  severity: 'low',
  description: 'Ephemeral OS disks live on the host and are discarded on reimage, so nothing written to a node survives it; they also reimage faster.',
  remediation: 'Set default_node_pool { os_disk_type = "Ephemeral" } (default "Managed") on a VM size with a large enough cache or temp disk.',
  remediationSnippet: `resource "${AKS}" "example" {\n  default_node_pool {\n    os_disk_type = "Ephemeral"\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/concepts-storage#ephemeral-os-disk',
  checkov: 'CKV_AZURE_226',
  model: 'terraform',
  resourceTypes: [AKS],
  check: expect('default_node_pool.os_disk_type', 'Ephemeral'),
  examples: {
    hcl: {
      fail: [hcl(AKS, POOL_BLOCK()), hcl(AKS, POOL_BLOCK('os_disk_type = "Managed"'))],
      pass: [hcl(AKS, POOL_BLOCK('os_disk_type = "Ephemeral"'))],
      unknown: [hcl(AKS, POOL_BLOCK('os_disk_type = var.disk_type'), variable('disk_type'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { default_node_pool: planPool({ os_disk_type: 'Managed' }) } })],
      pass: [plan({ type: AKS, values: { default_node_pool: planPool({ os_disk_type: 'Ephemeral' }) } })],
    },
  },
};

const NODE_IP = ['node_public_ip_enabled', 'enable_node_public_ip'];
export const aksNodePublicIp: IacRule = {
  id: 'IAC-TF-AZ-AKS-NODE-PUBLIC-IP',
  title: 'AKS nodes get public IP addresses',
  severity: 'high',
  description: 'Nodes with public IPs can be reached directly from the internet, bypassing the load balancer and network controls in front of the cluster.',
  remediation: 'Remove node_public_ip_enabled = true (enable_node_public_ip before azurerm 4.x) from default_node_pool and node pools.',
  remediationSnippet: `resource "${AKS}" "example" {\n  default_node_pool {\n    node_public_ip_enabled = false\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/use-node-public-ips',
  checkov: 'CKV_AZURE_143',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [AKS, POOL],
  check: byType({ [POOL]: forbidAlias(NODE_IP, true) }, forbidAlias(NODE_IP.map((p) => `default_node_pool.${p}`), true)),
  examples: {
    hcl: {
      fail: [hcl(AKS, POOL_BLOCK('enable_node_public_ip = true')), hcl(POOL, 'node_public_ip_enabled = true')],
      pass: [hcl(AKS, POOL_BLOCK()), hcl(POOL, 'node_public_ip_enabled = false')],
      unknown: [hcl(POOL, 'node_public_ip_enabled = var.public_ip', variable('public_ip'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { default_node_pool: planPool({ node_public_ip_enabled: true }) } })],
      pass: [plan({ type: AKS, values: { default_node_pool: planPool({ node_public_ip_enabled: false }) } })],
    },
  },
};

export const aksSlaTier: IacRule = {
  id: 'IAC-TF-AZ-AKS-SLA-TIER',
  title: 'AKS cluster runs on the Free tier',
  severity: 'low',
  description: 'The Free tier has no uptime SLA and a control plane sized for testing; production clusters need the Standard (or Premium) tier.',
  remediation: 'Set sku_tier = "Standard" (default "Free").',
  remediationSnippet: `resource "${AKS}" "example" {\n  sku_tier = "Standard"\n}`,
  helpUri: 'https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers',
  checkov: 'CKV_AZURE_170',
  model: 'terraform',
  resourceTypes: [AKS],
  check: expect('sku_tier', ['Standard', 'Premium', 'Paid']),
  examples: {
    hcl: {
      fail: [hcl(AKS, POOL_BLOCK()), hcl(AKS, 'sku_tier = "Free"')],
      pass: [hcl(AKS, 'sku_tier = "Standard"')],
      unknown: [hcl(AKS, 'sku_tier = var.tier', variable('tier'))],
    },
    tfplan: {
      fail: [plan({ type: AKS, values: { sku_tier: 'Free' } })],
      pass: [plan({ type: AKS, values: { sku_tier: 'Standard' } })],
    },
  },
};

export const aksDefender: IacRule = {
  id: 'IAC-TF-AZ-AKS-DEFENDER',
  title: 'AKS cluster does not run the Defender for Containers sensor',
  severity: 'low',
  description: 'The Defender sensor reports runtime threats (crypto miners, reverse shells, suspicious API calls) from the nodes to Defender for Cloud.',
  remediation: 'Add microsoft_defender { log_analytics_workspace_id = … }.',
  remediationSnippet: `resource "${AKS}" "example" {\n  microsoft_defender {\n    log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-introduction',
  model: 'terraform',
  resourceTypes: [AKS],
  check: requireSet('microsoft_defender.log_analytics_workspace_id'),
  examples: {
    hcl: {
      fail: [hcl(AKS, POOL_BLOCK())],
      pass: [hcl(AKS, 'microsoft_defender {\n  log_analytics_workspace_id = "/subscriptions/0000/workspaces/logs"\n}')],
      unknown: [hcl(AKS, 'microsoft_defender {\n  log_analytics_workspace_id = var.workspace\n}', variable('workspace'))],
    },
  },
};

export const aksRules: readonly IacRule[] = [
  aksRbac,
  aksEntraIntegration,
  aksLocalAccounts,
  aksApiServerAccess,
  aksPrivateCluster,
  aksNetworkPolicy,
  aksAzurePolicy,
  aksDiskEncryptionSet,
  aksAutoUpgrade,
  aksMonitoring,
  aksHostEncryption,
  aksMaxPods,
  aksSystemPoolCriticalOnly,
  aksDashboard,
  aksSecretRotation,
  aksEphemeralOsDisk,
  aksNodePublicIp,
  aksSlaTier,
  aksDefender,
];
