// GKE clusters and node pools: legacy ABAC, control plane access, private nodes, network policy,
// Workload Identity and the metadata server, legacy metadata endpoints, node auto-repair/upgrade,
// logging and monitoring, Shielded nodes, release channel.
import { all, anyOf, expect, forbid, isInternet, requireAny, type Check, type Matcher, type PathOptions } from '../../helpers';
import type { IacRule } from '../../types';
import { lookup } from '../../values';
import { metadataFalse, removesDefaultPool, tf, tfplan, unlessAutopilot } from './common';

const CLUSTER = 'google_container_cluster';
const POOL = 'google_container_node_pool';

const cluster = (extra = '') => tf(CLUSTER, 'primary', `name     = "primary"\nlocation = "europe-west1"\ninitial_node_count = 1\n${extra}`);
const clusterVar = (variable: string, extra: string) => `variable "${variable}" {}\n\n${cluster(extra)}`;
const pool = (extra = '') => tf(POOL, 'workers', `name       = "workers"\ncluster    = "primary"\nnode_count = 3\n${extra}`);
const plannedCluster = (values: Record<string, unknown>) => tfplan({ type: CLUSTER, name: 'primary', values: { name: 'primary', location: 'europe-west1', ...values } });
const plannedPool = (values: Record<string, unknown>) => tfplan({ type: POOL, name: 'workers', values: { name: 'workers', cluster: 'primary', node_count: 3, ...values } });

export const gkeLegacyAbac: IacRule = {
  id: 'IAC-TF-GCP-GKE-LEGACY-ABAC',
  title: 'GKE cluster enables legacy ABAC authorization',
  severity: 'high',
  description: 'Legacy ABAC grants broad, statically configured permissions that bypass Kubernetes RBAC; with it on, RBAC restrictions do not protect the cluster.',
  remediation: 'Set enable_legacy_abac = false (the default) and grant access with RBAC and IAM.',
  remediationSnippet: 'resource "google_container_cluster" "primary" {\n  enable_legacy_abac = false\n}',
  helpUri: 'https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled_default_for_110',
  checkov: 'CKV_GCP_7',
  cwe: ['CWE-285'],
  model: 'terraform',
  resourceTypes: [CLUSTER],
  check: forbid('enable_legacy_abac', true),
  examples: {
    hcl: {
      fail: [cluster('enable_legacy_abac = true')],
      pass: [cluster(), cluster('enable_legacy_abac = false')],
      unknown: [clusterVar('abac', 'enable_legacy_abac = var.abac')],
    },
    tfplan: { fail: [plannedCluster({ enable_legacy_abac: true })], pass: [plannedCluster({ enable_legacy_abac: false })] },
  },
};

export const gkeMasterAuthorizedNetworks: IacRule = {
  id: 'IAC-TF-GCP-GKE-MASTER-AUTHORIZED-NETWORKS',
  title: 'GKE control plane accepts connections from any network',
  severity: 'medium',
  description:
    'Without master authorized networks, the cluster’s public endpoint accepts connections from any IP address, leaving the Kubernetes API exposed to credential attacks and API vulnerabilities.',
  remediation: 'Add master_authorized_networks_config with cidr_blocks for the networks that administer the cluster (or use a private endpoint).',
  remediationSnippet:
    'resource "google_container_cluster" "primary" {\n  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block   = "203.0.113.0/24"\n      display_name = "office"\n    }\n  }\n}',
  helpUri: 'https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks',
  checkov: 'CKV_GCP_20',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [CLUSTER],
  check: requireAny('master_authorized_networks_config'),
  examples: {
    hcl: {
      fail: [cluster()],
      pass: [cluster('master_authorized_networks_config {\n  cidr_blocks {\n    cidr_block   = "203.0.113.0/24"\n    display_name = "office"\n  }\n}')],
      unknown: [clusterVar('networks', 'dynamic "master_authorized_networks_config" {\n  for_each = var.networks\n  content {}\n}')],
    },
    tfplan: {
      fail: [plannedCluster({ master_authorized_networks_config: [] })],
      pass: [plannedCluster({ master_authorized_networks_config: [{ cidr_blocks: [{ cidr_block: '10.0.0.0/8', display_name: 'internal' }] }] })],
    },
  },
};

export const gkeControlPlaneOpen: IacRule = {
  id: 'IAC-TF-GCP-GKE-CONTROL-PLANE-OPEN',
  title: 'GKE master authorized networks include 0.0.0.0/0',
  severity: 'high',
  description: 'An authorized network of 0.0.0.0/0 turns the allow-list off: the Kubernetes API endpoint is reachable from the whole internet.',
  remediation: 'Replace 0.0.0.0/0 in master_authorized_networks_config.cidr_blocks with the networks that administer the cluster.',
  remediationSnippet:
    'resource "google_container_cluster" "primary" {\n  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block   = "203.0.113.0/24"\n      display_name = "office"\n    }\n  }\n}',
  helpUri: 'https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks',
  checkov: 'CKV_GCP_18',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [CLUSTER],
  check: forbid('master_authorized_networks_config.cidr_blocks.cidr_block', (v) => isInternet(v), { whenMissing: 'not-applicable' }),
  examples: {
    hcl: {
      fail: [cluster('master_authorized_networks_config {\n  cidr_blocks {\n    cidr_block   = "0.0.0.0/0"\n    display_name = "anyone"\n  }\n}')],
      pass: [cluster('master_authorized_networks_config {\n  cidr_blocks {\n    cidr_block   = "203.0.113.0/24"\n    display_name = "office"\n  }\n}')],
      unknown: [clusterVar('admin_cidr', 'master_authorized_networks_config {\n  cidr_blocks {\n    cidr_block = var.admin_cidr\n  }\n}')],
    },
    tfplan: {
      fail: [plannedCluster({ master_authorized_networks_config: [{ cidr_blocks: [{ cidr_block: '0.0.0.0/0', display_name: 'anyone' }] }] })],
      pass: [plannedCluster({ master_authorized_networks_config: [{ cidr_blocks: [{ cidr_block: '10.0.0.0/8', display_name: 'internal' }] }] })],
    },
  },
};

export const gkePrivateNodes: IacRule = {
  id: 'IAC-TF-GCP-GKE-PRIVATE-NODES',
  title: 'GKE cluster nodes have public IP addresses',
  severity: 'medium',
  description: 'Without private nodes, every node gets an external IP, so node ports and anything listening on the hosts are one firewall mistake away from the internet.',
  remediation: 'Add private_cluster_config with enable_private_nodes = true (and Cloud NAT for egress).',
  remediationSnippet:
    'resource "google_container_cluster" "primary" {\n  private_cluster_config {\n    enable_private_nodes    = true\n    enable_private_endpoint = false\n    master_ipv4_cidr_block  = "172.16.0.0/28"\n  }\n}',
  helpUri: 'https://cloud.google.com/kubernetes-engine/docs/how-to/private-clusters',
  checkov: 'CKV_GCP_64',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [CLUSTER],
  check: expect('private_cluster_config.enable_private_nodes', true),
  examples: {
    hcl: {
      fail: [cluster(), cluster('private_cluster_config {\n  enable_private_nodes = false\n}')],
      pass: [cluster('private_cluster_config {\n  enable_private_nodes    = true\n  enable_private_endpoint = false\n  master_ipv4_cidr_block  = "172.16.0.0/28"\n}')],
      unknown: [clusterVar('private', 'private_cluster_config {\n  enable_private_nodes = var.private\n}')],
    },
    tfplan: {
      fail: [plannedCluster({ private_cluster_config: [] })],
      pass: [plannedCluster({ private_cluster_config: [{ enable_private_nodes: true, enable_private_endpoint: false, master_ipv4_cidr_block: '172.16.0.0/28' }] })],
    },
  },
};

export const gkeNetworkPolicy: IacRule = {
  id: 'IAC-TF-GCP-GKE-NETWORK-POLICY',
  title: 'GKE cluster does not enforce network policies',
  severity: 'medium',
  description: 'Without network policy enforcement, every pod can reach every other pod; a compromised workload can move laterally across namespaces.',
  remediation: 'Enable network_policy { enabled = true } (Calico), or use GKE Dataplane V2 with datapath_provider = "ADVANCED_DATAPATH", which enforces policies natively.',
  remediationSnippet: 'resource "google_container_cluster" "primary" {\n  datapath_provider = "ADVANCED_DATAPATH"\n}',
  helpUri: 'https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy',
  checkov: 'CKV_GCP_12',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [CLUSTER],
  check: unlessAutopilot(anyOf(expect('network_policy.enabled', true), expect('datapath_provider', 'ADVANCED_DATAPATH'))),
  examples: {
    hcl: {
      fail: [cluster(), cluster('network_policy {\n  enabled = false\n}')],
      pass: [cluster('network_policy {\n  enabled  = true\n  provider = "CALICO"\n}'), cluster('datapath_provider = "ADVANCED_DATAPATH"')],
      unknown: [clusterVar('netpol', 'network_policy {\n  enabled = var.netpol\n}')],
    },
    tfplan: {
      fail: [plannedCluster({ network_policy: [{ enabled: false, provider: 'PROVIDER_UNSPECIFIED' }], datapath_provider: 'LEGACY_DATAPATH' })],
      pass: [plannedCluster({ network_policy: [], datapath_provider: 'ADVANCED_DATAPATH' })],
    },
  },
};

export const gkeWorkloadIdentity: IacRule = {
  id: 'IAC-TF-GCP-GKE-WORKLOAD-IDENTITY',
  title: 'GKE cluster does not enable Workload Identity',
  severity: 'medium',
  description:
    'Without Workload Identity, pods that call Google APIs use the node’s service account (shared by every pod on the node) or exported service account keys, both broader and longer-lived than a per-workload identity.',
  remediation: 'Add workload_identity_config { workload_pool = "<project>.svc.id.goog" } and run node pools with the GKE metadata server.',
  remediationSnippet: 'resource "google_container_cluster" "primary" {\n  workload_identity_config {\n    workload_pool = "acme-prod.svc.id.goog"\n  }\n}',
  helpUri: 'https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity',
  cwe: ['CWE-250'],
  model: 'terraform',
  resourceTypes: [CLUSTER],
  check: unlessAutopilot(requireAny('workload_identity_config.workload_pool', 'workload_identity_config.identity_namespace')),
  examples: {
    hcl: {
      fail: [cluster()],
      pass: [cluster('workload_identity_config {\n  workload_pool = "acme-prod.svc.id.goog"\n}')],
      unknown: [clusterVar('project', 'workload_identity_config {\n  workload_pool = "${var.project}.svc.id.goog"\n}')],
    },
    tfplan: {
      fail: [plannedCluster({ workload_identity_config: [] })],
      pass: [plannedCluster({ workload_identity_config: [{ workload_pool: 'acme-prod.svc.id.goog' }] })],
    },
  },
};

/**
 * `forbid()` on a node setting wherever a resource configures nodes: a node pool's node_config; a
 * cluster's default pool (unless it removes it) and its inline node_pool blocks.
 */
function forbidOnNodes(setting: string, forbidden: Matcher, options: PathOptions = {}): Check {
  return (r, ctx) => {
    const paths =
      r.type === POOL ? [`node_config.${setting}`] : [...(removesDefaultPool(r) ? [] : [`node_config.${setting}`]), `node_pool.node_config.${setting}`];
    return all(...paths.map((p) => forbid(p, forbidden, options)))(r, ctx);
  };
}

export const gkeMetadataServer: IacRule = {
  id: 'IAC-TF-GCP-GKE-METADATA-SERVER',
  title: 'GKE nodes expose the Compute Engine metadata server to pods',
  severity: 'medium',
  description:
    'With workload_metadata_config mode GCE_METADATA, pods read the node’s metadata directly: the node service account token and kube-env, which holds kubelet credentials usable to escalate in the cluster.',
  remediation: 'Set node_config.workload_metadata_config.mode = "GKE_METADATA" (with Workload Identity on the cluster).',
  remediationSnippet: 'resource "google_container_node_pool" "workers" {\n  node_config {\n    workload_metadata_config {\n      mode = "GKE_METADATA"\n    }\n  }\n}',
  helpUri: 'https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata',
  checkov: 'CKV_GCP_69',
  cwe: ['CWE-200'],
  model: 'terraform',
  resourceTypes: [CLUSTER, POOL],
  check: unlessAutopilot(
    forbidOnNodes('workload_metadata_config.mode', 'GCE_METADATA', { ignoreCase: true }),
  ),
  examples: {
    hcl: {
      fail: [
        pool('node_config {\n  machine_type = "e2-standard-4"\n  workload_metadata_config {\n    mode = "GCE_METADATA"\n  }\n}'),
        cluster('node_pool {\n  name = "inline"\n  node_config {\n    workload_metadata_config {\n      mode = "GCE_METADATA"\n    }\n  }\n}'),
      ],
      pass: [pool('node_config {\n  machine_type = "e2-standard-4"\n  workload_metadata_config {\n    mode = "GKE_METADATA"\n  }\n}')],
      unknown: [`variable "mode" {}\n\n${pool('node_config {\n  workload_metadata_config {\n    mode = var.mode\n  }\n}')}`],
    },
    tfplan: {
      fail: [plannedPool({ node_config: [{ machine_type: 'e2-standard-4', workload_metadata_config: [{ mode: 'GCE_METADATA' }] }] })],
      pass: [plannedPool({ node_config: [{ machine_type: 'e2-standard-4', workload_metadata_config: [{ mode: 'GKE_METADATA' }] }] })],
    },
  },
};

export const gkeLegacyMetadataEndpoints: IacRule = {
  id: 'IAC-TF-GCP-GKE-LEGACY-METADATA-ENDPOINTS',
  title: 'GKE nodes re-enable the legacy metadata endpoints',
  severity: 'medium',
  description:
    'disable-legacy-endpoints = "false" turns back on the v0.1/v1beta1 metadata APIs, which answer without the Metadata-Flavor header, so a server-side request forgery in any pod can read node credentials.',
  remediation: 'Remove disable-legacy-endpoints from node_config.metadata, or set it to "true" (the default since GKE 1.12).',
  remediationSnippet: 'resource "google_container_node_pool" "workers" {\n  node_config {\n    metadata = {\n      disable-legacy-endpoints = "true"\n    }\n  }\n}',
  helpUri: 'https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata#disable-legacy-apis',
  cwe: ['CWE-918'],
  model: 'terraform',
  resourceTypes: [CLUSTER, POOL],
  check: forbidOnNodes('metadata.disable-legacy-endpoints', metadataFalse),
  examples: {
    hcl: {
      fail: [pool('node_config {\n  metadata = {\n    disable-legacy-endpoints = "false"\n  }\n}'), cluster('node_config {\n  metadata = {\n    disable-legacy-endpoints = false\n  }\n}')],
      pass: [pool('node_config {\n  metadata = {\n    disable-legacy-endpoints = "true"\n  }\n}'), pool('node_config {\n  machine_type = "e2-standard-4"\n}')],
      unknown: [`variable "legacy" {}\n\n${pool('node_config {\n  metadata = {\n    disable-legacy-endpoints = var.legacy\n  }\n}')}`],
    },
    tfplan: {
      fail: [plannedPool({ node_config: [{ metadata: { 'disable-legacy-endpoints': 'false' } }] })],
      pass: [plannedPool({ node_config: [{ metadata: { 'disable-legacy-endpoints': 'true' } }] })],
    },
  },
};

/**
 * A node pool management setting that defaults to true: on node pools, and on a cluster's inline
 * node_pool blocks (a cluster without them is not concerned).
 */
function onPools(setting: string): Check {
  return (r, ctx) => {
    if (r.type === POOL) return expect(setting, true, { whenMissing: 'pass' })(r, ctx);
    if (!lookup(r.attributes, 'node_pool').length) return { outcome: 'not-applicable' };
    return forbid(`node_pool.${setting}`, false)(r, ctx);
  };
}

export const gkeNodeAutoUpgrade: IacRule = {
  id: 'IAC-TF-GCP-GKE-NODE-AUTO-UPGRADE',
  title: 'GKE node pool has auto-upgrade turned off',
  severity: 'medium',
  description: 'Without auto-upgrade, nodes keep running Kubernetes and OS versions with known vulnerabilities until someone upgrades them by hand.',
  remediation: 'Set management { auto_upgrade = true } (the default) on node pools.',
  remediationSnippet: 'resource "google_container_node_pool" "workers" {\n  management {\n    auto_upgrade = true\n    auto_repair  = true\n  }\n}',
  helpUri: 'https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-upgrades',
  checkov: 'CKV_GCP_10',
  cwe: ['CWE-1104'],
  model: 'terraform',
  resourceTypes: [POOL, CLUSTER],
  check: onPools('management.auto_upgrade'),
  examples: {
    hcl: {
      fail: [pool('management {\n  auto_upgrade = false\n  auto_repair  = true\n}'), cluster('node_pool {\n  name = "inline"\n  management {\n    auto_upgrade = false\n  }\n}')],
      pass: [pool('management {\n  auto_upgrade = true\n  auto_repair  = true\n}'), pool()],
      unknown: [`variable "upgrade" {}\n\n${pool('management {\n  auto_upgrade = var.upgrade\n}')}`],
    },
    tfplan: {
      fail: [plannedPool({ management: [{ auto_upgrade: false, auto_repair: true }] })],
      pass: [plannedPool({ management: [{ auto_upgrade: true, auto_repair: true }] })],
    },
  },
};

export const gkeNodeAutoRepair: IacRule = {
  id: 'IAC-TF-GCP-GKE-NODE-AUTO-REPAIR',
  title: 'GKE node pool has auto-repair turned off',
  severity: 'low',
  description: 'Without auto-repair, nodes that fail health checks stay in the pool, degrading availability until someone notices and replaces them.',
  remediation: 'Set management { auto_repair = true } (the default) on node pools.',
  remediationSnippet: 'resource "google_container_node_pool" "workers" {\n  management {\n    auto_repair = true\n  }\n}',
  helpUri: 'https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-repair',
  checkov: 'CKV_GCP_9',
  cwe: ['CWE-693'],
  model: 'terraform',
  resourceTypes: [POOL, CLUSTER],
  check: onPools('management.auto_repair'),
  examples: {
    hcl: {
      fail: [pool('management {\n  auto_repair  = false\n  auto_upgrade = true\n}'), cluster('node_pool {\n  name = "inline"\n  management {\n    auto_repair = false\n  }\n}')],
      pass: [pool('management {\n  auto_repair  = true\n  auto_upgrade = true\n}'), pool()],
      unknown: [`variable "repair" {}\n\n${pool('management {\n  auto_repair = var.repair\n}')}`],
    },
    tfplan: {
      fail: [plannedPool({ management: [{ auto_upgrade: true, auto_repair: false }] })],
      pass: [plannedPool({ management: [{ auto_upgrade: true, auto_repair: true }] })],
    },
  },
};

export const gkeLogging: IacRule = {
  id: 'IAC-TF-GCP-GKE-LOGGING',
  title: 'GKE cluster does not send logs to Cloud Logging',
  severity: 'medium',
  description: 'With logging_service = "none", control plane, node and workload logs are not collected, leaving nothing to investigate an incident with.',
  remediation: 'Set logging_service = "logging.googleapis.com/kubernetes" (the default) or configure logging_config.enable_components.',
  remediationSnippet: 'resource "google_container_cluster" "primary" {\n  logging_service = "logging.googleapis.com/kubernetes"\n}',
  helpUri: 'https://cloud.google.com/kubernetes-engine/docs/concepts/about-logs',
  checkov: 'CKV_GCP_1',
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [CLUSTER],
  check: forbid('logging_service', 'none', { ignoreCase: true }),
  examples: {
    hcl: {
      fail: [cluster('logging_service = "none"')],
      pass: [cluster('logging_service = "logging.googleapis.com/kubernetes"'), cluster()],
      unknown: [clusterVar('logging', 'logging_service = var.logging')],
    },
    tfplan: {
      fail: [plannedCluster({ logging_service: 'none' })],
      pass: [plannedCluster({ logging_service: 'logging.googleapis.com/kubernetes' })],
    },
  },
};

export const gkeMonitoring: IacRule = {
  id: 'IAC-TF-GCP-GKE-MONITORING',
  title: 'GKE cluster does not send metrics to Cloud Monitoring',
  severity: 'low',
  description: 'With monitoring_service = "none", cluster and workload metrics are not collected, so resource abuse (such as cryptomining) and outages go unnoticed.',
  remediation: 'Set monitoring_service = "monitoring.googleapis.com/kubernetes" (the default) or configure monitoring_config.',
  remediationSnippet: 'resource "google_container_cluster" "primary" {\n  monitoring_service = "monitoring.googleapis.com/kubernetes"\n}',
  helpUri: 'https://cloud.google.com/kubernetes-engine/docs/how-to/configure-metrics',
  checkov: 'CKV_GCP_8',
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [CLUSTER],
  check: forbid('monitoring_service', 'none', { ignoreCase: true }),
  examples: {
    hcl: {
      fail: [cluster('monitoring_service = "none"')],
      pass: [cluster('monitoring_service = "monitoring.googleapis.com/kubernetes"'), cluster()],
      unknown: [clusterVar('monitoring', 'monitoring_service = var.monitoring')],
    },
    tfplan: {
      fail: [plannedCluster({ monitoring_service: 'none' })],
      pass: [plannedCluster({ monitoring_service: 'monitoring.googleapis.com/kubernetes' })],
    },
  },
};

export const gkeShieldedNodes: IacRule = {
  id: 'IAC-TF-GCP-GKE-SHIELDED-NODES',
  title: 'GKE cluster disables Shielded GKE Nodes',
  severity: 'medium',
  description: 'Shielded GKE Nodes give nodes a verifiable identity and integrity; without them, an attacker who obtains bootstrap credentials can impersonate a node and read its pods’ secrets.',
  remediation: 'Set enable_shielded_nodes = true (the default) or remove the argument.',
  remediationSnippet: 'resource "google_container_cluster" "primary" {\n  enable_shielded_nodes = true\n}',
  helpUri: 'https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes',
  checkov: 'CKV_GCP_71',
  cwe: ['CWE-693'],
  model: 'terraform',
  resourceTypes: [CLUSTER],
  check: unlessAutopilot(forbid('enable_shielded_nodes', false)),
  examples: {
    hcl: {
      fail: [cluster('enable_shielded_nodes = false')],
      pass: [cluster('enable_shielded_nodes = true'), cluster()],
      unknown: [clusterVar('shielded', 'enable_shielded_nodes = var.shielded')],
    },
    tfplan: { fail: [plannedCluster({ enable_shielded_nodes: false })], pass: [plannedCluster({ enable_shielded_nodes: true })] },
  },
};

export const gkeReleaseChannel: IacRule = {
  id: 'IAC-TF-GCP-GKE-RELEASE-CHANNEL',
  title: 'GKE cluster is not enrolled in a release channel',
  severity: 'low',
  description: 'Release channels keep the control plane and nodes on supported versions that receive security patches; outside one, upgrades depend on manual work.',
  remediation: 'Add release_channel { channel = "REGULAR" } (or RAPID / STABLE).',
  remediationSnippet: 'resource "google_container_cluster" "primary" {\n  release_channel {\n    channel = "REGULAR"\n  }\n}',
  helpUri: 'https://cloud.google.com/kubernetes-engine/docs/concepts/release-channels',
  checkov: 'CKV_GCP_70',
  cwe: ['CWE-1104'],
  model: 'terraform',
  resourceTypes: [CLUSTER],
  check: expect('release_channel.channel', ['RAPID', 'REGULAR', 'STABLE', 'EXTENDED']),
  examples: {
    hcl: {
      fail: [cluster(), cluster('release_channel {\n  channel = "UNSPECIFIED"\n}')],
      pass: [cluster('release_channel {\n  channel = "REGULAR"\n}')],
      unknown: [clusterVar('channel', 'release_channel {\n  channel = var.channel\n}')],
    },
    tfplan: {
      fail: [plannedCluster({ release_channel: [{ channel: 'UNSPECIFIED' }] })],
      pass: [plannedCluster({ release_channel: [{ channel: 'STABLE' }] })],
    },
  },
};

export const gkeRules: readonly IacRule[] = [
  gkeLegacyAbac,
  gkeMasterAuthorizedNetworks,
  gkeControlPlaneOpen,
  gkePrivateNodes,
  gkeNetworkPolicy,
  gkeWorkloadIdentity,
  gkeMetadataServer,
  gkeLegacyMetadataEndpoints,
  gkeNodeAutoUpgrade,
  gkeNodeAutoRepair,
  gkeLogging,
  gkeMonitoring,
  gkeShieldedNodes,
  gkeReleaseChannel,
];
