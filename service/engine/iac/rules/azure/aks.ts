// AKS managed clusters.
import { expect, fail, pass, requireAny, unknown } from '../../helpers';
import type { IacRule, IacValue } from '../../types';
import { asBoolean, get, isObject, isUnknown, lookup } from '../../values';
import { azureRule, param, type Body } from './build';

const types = ['Microsoft.ContainerService/managedClusters'];
const api = '2024-02-01';
const cluster = (p: Body): Body => ({
  identity: { type: 'SystemAssigned' },
  properties: { dnsPrefix: 'aks', agentPoolProfiles: [{ name: 'system', count: 3, vmSize: 'Standard_D4s_v5', mode: 'System' }], ...p },
});

/** An add-on profile is enabled (keys are written in any case: azurepolicy, azurePolicy). */
const addonEnabled = (names: readonly string[]) => (r: Parameters<IacRule['check']>[0]) => {
  const profiles = lookup(r.attributes, 'properties.addonProfiles')[0]?.value;
  if (isUnknown(profiles)) return unknown('properties.addonProfiles', profiles);
  if (!profiles || typeof profiles !== 'object' || Array.isArray(profiles)) return fail(`properties.addonProfiles.${names[0]}.enabled`);
  for (const [k, v] of Object.entries(profiles)) {
    if (!names.includes(k.toLowerCase())) continue;
    const enabled = (v as Record<string, IacValue> | undefined)?.enabled;
    const path = `properties.addonProfiles.${k}.enabled`;
    if (enabled === true) return pass(path, enabled);
    if (isUnknown(enabled)) return unknown(path, enabled);
    return fail(path, enabled);
  }
  return fail(`properties.addonProfiles.${names[0]}.enabled`);
};

export const aksRules: readonly IacRule[] = [
  azureRule({
    id: 'IAC-AZ-AKS-RBAC',
    title: 'AKS cluster without Kubernetes RBAC',
    severity: 'high',
    description: 'Without RBAC every authenticated user has full access to the cluster API. Unset passes (AKS enables RBAC by default; Checkov fails it).',
    remediation: 'Set properties.enableRBAC to true (the default).',
    helpUri: 'https://learn.microsoft.com/azure/aks/concepts-identity',
    checkov: 'CKV_AZURE_5',
    cwe: ['CWE-285'],
    types,
    api,
    check: expect('properties.enableRBAC', true, { whenMissing: 'pass' }),
    fail: [cluster({ enableRBAC: false })],
    pass: [cluster({ enableRBAC: true }), cluster({})],
    unknown: [cluster({ enableRBAC: param('rbac', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-AKS-LOCAL-ACCOUNTS',
    title: 'AKS cluster keeps local accounts',
    severity: 'medium',
    description: 'The local cluster-admin credential bypasses Entra ID and cannot be audited or revoked per user.',
    remediation: 'Set properties.disableLocalAccounts to true with Entra ID integration (aadProfile.managed).',
    helpUri: 'https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad',
    checkov: 'CKV_AZURE_141',
    cwe: ['CWE-287'],
    types,
    api,
    check: expect('properties.disableLocalAccounts', true),
    fail: [cluster({ disableLocalAccounts: false }), cluster({})],
    pass: [cluster({ disableLocalAccounts: true, aadProfile: { managed: true, enableAzureRBAC: true } })],
    unknown: [cluster({ disableLocalAccounts: param('noLocalAccounts', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-AKS-API-SERVER-ACCESS',
    title: 'AKS API server open to every network',
    severity: 'high',
    description:
      'A public API server without authorized IP ranges can be reached (and attacked) from anywhere on the internet. A private cluster passes too (Checkov requires IP ranges).',
    remediation: 'Set properties.apiServerAccessProfile.authorizedIPRanges, or enablePrivateCluster: true.',
    helpUri: 'https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges',
    checkov: 'CKV_AZURE_6',
    cwe: ['CWE-284'],
    types,
    api,
    // properties.apiServerAuthorizedIPRanges: the preview API versions 2019-02-01 to 2019-06-01.
    check: requireAny('properties.apiServerAccessProfile.authorizedIPRanges', 'properties.apiServerAuthorizedIPRanges', 'properties.apiServerAccessProfile.enablePrivateCluster'),
    fail: [cluster({}), cluster({ apiServerAccessProfile: { authorizedIPRanges: [], enablePrivateCluster: false } })],
    pass: [cluster({ apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24'] } }), cluster({ apiServerAccessProfile: { enablePrivateCluster: true } })],
    unknown: [cluster({ apiServerAccessProfile: { authorizedIPRanges: param('apiRanges', 'array') } })],
  }),
  azureRule({
    id: 'IAC-AZ-AKS-NETWORK-POLICY',
    title: 'AKS cluster without a network policy engine',
    severity: 'medium',
    description: "Without a network policy engine every pod can reach every other pod; NetworkPolicy objects are ignored. networkPolicy 'none' fails too (Checkov accepts any value).",
    remediation: "Set properties.networkProfile.networkPolicy to 'azure', 'calico' or 'cilium'.",
    helpUri: 'https://learn.microsoft.com/azure/aks/use-network-policies',
    checkov: 'CKV_AZURE_7',
    cwe: ['CWE-284'],
    types,
    api,
    check: expect('properties.networkProfile.networkPolicy', (v) => typeof v === 'string' && v.trim() !== '' && v.toLowerCase() !== 'none'),
    fail: [cluster({ networkProfile: { networkPlugin: 'kubenet' } }), cluster({ networkProfile: { networkPlugin: 'azure', networkPolicy: 'none' } })],
    pass: [cluster({ networkProfile: { networkPlugin: 'azure', networkPolicy: 'calico' } })],
    unknown: [cluster({ networkProfile: { networkPlugin: 'azure', networkPolicy: param('networkPolicy') } })],
  }),
  azureRule({
    id: 'IAC-AZ-AKS-AZURE-POLICY',
    title: 'AKS cluster without the Azure Policy add-on',
    severity: 'low',
    description: 'The Azure Policy add-on enforces pod security and other guardrails at admission; without it nothing stops a privileged pod.',
    remediation: 'Set properties.addonProfiles.azurepolicy.enabled to true.',
    helpUri: 'https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes',
    checkov: 'CKV_AZURE_116',
    cwe: ['CWE-693'],
    types,
    api,
    check: addonEnabled(['azurepolicy']),
    fail: [cluster({ addonProfiles: { azurepolicy: { enabled: false } } }), cluster({})],
    pass: [cluster({ addonProfiles: { azurepolicy: { enabled: true } } })],
    unknown: [cluster({ addonProfiles: { azurepolicy: { enabled: param('policyAddon', 'bool') } } })],
  }),
  azureRule({
    id: 'IAC-AZ-AKS-DISK-ENCRYPTION-SET',
    title: 'AKS node disks not encrypted with a customer-managed key',
    severity: 'low',
    description: 'A disk encryption set puts OS and data disks of the nodes under a key you control and can revoke.',
    remediation: 'Set properties.diskEncryptionSetID to a disk encryption set.',
    helpUri: 'https://learn.microsoft.com/azure/aks/azure-disk-customer-managed-keys',
    checkov: 'CKV_AZURE_117',
    cwe: ['CWE-311'],
    types,
    api,
    check: requireAny('properties.diskEncryptionSetID'),
    fail: [cluster({})],
    pass: [cluster({ diskEncryptionSetID: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des' })],
    unknown: [cluster({ diskEncryptionSetID: param('desId') })],
  }),
  azureRule({
    id: 'IAC-AZ-AKS-MONITORING',
    title: 'AKS cluster without Container insights',
    severity: 'low',
    description:
      'Without the monitoring add-on, container logs and cluster events are not collected for investigation. azureMonitorProfile.containerInsights passes as well as the omsagent add-on Checkov reads.',
    remediation: 'Enable properties.addonProfiles.omsagent with a Log Analytics workspace (or azureMonitorProfile).',
    helpUri: 'https://learn.microsoft.com/azure/azure-monitor/containers/container-insights-overview',
    checkov: 'CKV_AZURE_4',
    cwe: ['CWE-778'],
    types,
    api,
    check: (r) => {
      const monitor = lookup(r.attributes, 'properties.azureMonitorProfile.containerInsights.enabled')[0]?.value;
      if (monitor === true) return pass('properties.azureMonitorProfile.containerInsights.enabled', monitor);
      return addonEnabled(['omsagent'])(r);
    },
    fail: [cluster({})],
    pass: [cluster({ addonProfiles: { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: 'law-id' } } } })],
    unknown: [cluster({ addonProfiles: { omsagent: { enabled: param('monitoring', 'bool') } } })],
  }),
  azureRule({
    id: 'IAC-AZ-AKS-DASHBOARD',
    title: 'AKS cluster enables the Kubernetes dashboard add-on',
    severity: 'medium',
    description:
      'The Kubernetes dashboard add-on runs with broad cluster permissions and has been used to take over clusters. Unset passes (the add-on no longer exists from Kubernetes 1.19; Checkov wants enabled: false written).',
    remediation: 'Remove properties.addonProfiles.kubeDashboard or set its enabled to false.',
    helpUri: 'https://learn.microsoft.com/azure/aks/kubernetes-dashboard',
    checkov: 'CKV_AZURE_8',
    cwe: ['CWE-284'],
    types,
    api,
    check: (r) => {
      const profiles = get(r.attributes, 'properties.addonProfiles');
      if (isUnknown(profiles)) return unknown('properties.addonProfiles', profiles);
      const key = isObject(profiles) ? Object.keys(profiles).find((k) => k.toLowerCase() === 'kubedashboard') : undefined;
      const path = `properties.addonProfiles.${key ?? 'kubeDashboard'}.enabled`;
      const enabled = key && isObject(profiles) && isObject(profiles[key]) ? profiles[key].enabled : undefined;
      if (isUnknown(enabled)) return unknown(path, enabled);
      return asBoolean(enabled) === true ? fail(path, enabled) : pass(path, enabled);
    },
    fail: [cluster({ addonProfiles: { kubeDashboard: { enabled: true } } })],
    pass: [cluster({ addonProfiles: { kubeDashboard: { enabled: false } } }), cluster({})],
    unknown: [cluster({ addonProfiles: { kubeDashboard: { enabled: param('dashboard', 'bool') } } })],
  }),
  azureRule({
    id: 'IAC-AZ-AKS-UPGRADE-CHANNEL',
    title: 'AKS cluster without an automatic upgrade channel',
    severity: 'low',
    description: 'Without an auto-upgrade channel the cluster keeps its Kubernetes version (and its CVEs) until someone upgrades it by hand, and falls out of support.',
    remediation: "Set properties.autoUpgradeProfile.upgradeChannel to 'patch', 'stable' or 'rapid' (or 'node-image').",
    helpUri: 'https://learn.microsoft.com/azure/aks/auto-upgrade-cluster',
    checkov: 'CKV_AZURE_171',
    cwe: ['CWE-1104'],
    types,
    api,
    check: expect('properties.autoUpgradeProfile.upgradeChannel', (v) => typeof v === 'string' && v.trim() !== '' && v.toLowerCase() !== 'none'),
    fail: [cluster({ autoUpgradeProfile: { upgradeChannel: 'none' } }), cluster({})],
    pass: [cluster({ autoUpgradeProfile: { upgradeChannel: 'stable', nodeOSUpgradeChannel: 'NodeImage' } })],
    unknown: [cluster({ autoUpgradeProfile: { upgradeChannel: param('channel') } })],
  }),
];
