// Compute Engine instances and templates: serial port, OS Login, project-wide SSH keys, Shielded VM,
// external IPs, IP forwarding and the default service account.
import { expect, forbid, type Check } from '../../helpers';
import type { IacObject, IacRule, Verdict } from '../../types';
import { isObject, isUnknown, lookup } from '../../values';
import { metadataFalse, metadataTrue, tf, tfplan, tfVar } from './common';

const INSTANCE = 'google_compute_instance';
const TEMPLATE = 'google_compute_instance_template';
const FROM_TEMPLATE = 'google_compute_instance_from_template';
const REGION_TEMPLATE = 'google_compute_region_instance_template';
const INSTANCES = [INSTANCE, TEMPLATE, FROM_TEMPLATE, REGION_TEMPLATE];

const BOOT = 'boot_disk {\n  initialize_params {\n    image = "debian-cloud/debian-12"\n  }\n}\nnetwork_interface {\n  network = "default"\n}';
const vm = (extra: string, name = 'web'): string => tf(INSTANCE, name, `name         = "${name}"\nmachine_type = "e2-medium"\nzone         = "europe-west1-b"\n${BOOT}\n${extra}`);
const vmVar = (variable: string, extra: string): string => `variable "${variable}" {}\n\n${vm(extra)}`;

const plannedVm = (values: IacObject) =>
  tfplan({
    type: INSTANCE,
    name: 'web',
    values: {
      name: 'web',
      machine_type: 'e2-medium',
      zone: 'europe-west1-b',
      can_ip_forward: false,
      metadata: null,
      network_interface: [{ network: 'default', access_config: [] }],
      service_account: [],
      shielded_instance_config: [],
      ...values,
    },
  });

export const computeSerialPort: IacRule = {
  id: 'IAC-TF-GCP-COMPUTE-SERIAL-PORT',
  title: 'VM instance allows interactive serial port access',
  severity: 'medium',
  description:
    'The interactive serial console accepts connections from any IP address and is not subject to VPC firewall rules, so anyone holding a valid SSH key can reach the instance console from the internet.',
  remediation: 'Remove serial-port-enable from metadata, or set it to "false".',
  remediationSnippet: 'resource "google_compute_instance" "web" {\n  metadata = {\n    serial-port-enable = "false"\n  }\n}',
  helpUri: 'https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console',
  checkov: 'CKV_GCP_35',
  cis: ['CIS GCP 4.5'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: INSTANCES,
  check: forbid('metadata.serial-port-enable', metadataTrue),
  examples: {
    hcl: {
      fail: [vm('metadata = {\n  serial-port-enable = "TRUE"\n}'), vm('metadata = {\n  serial-port-enable = true\n}')],
      pass: [vm('metadata = {\n  serial-port-enable = "false"\n}'), vm('metadata = {\n  enable-oslogin = "TRUE"\n}')],
      unknown: [vmVar('serial', 'metadata = {\n  serial-port-enable = var.serial\n}')],
    },
    tfplan: {
      fail: [plannedVm({ metadata: { 'serial-port-enable': 'true' } })],
      pass: [plannedVm({ metadata: { 'serial-port-enable': 'false' } })],
    },
  },
};

export const computeOsLoginOverride: IacRule = {
  id: 'IAC-TF-GCP-COMPUTE-OS-LOGIN-DISABLED',
  title: 'VM instance disables OS Login',
  severity: 'medium',
  description:
    'enable-oslogin = false on an instance overrides the project setting and falls back to metadata SSH keys, which are not tied to IAM identities, are not revoked when a user leaves, and bypass 2-step verification.',
  remediation: 'Remove enable-oslogin = "FALSE" from the instance metadata (or set it to "TRUE") and enable OS Login in the project metadata.',
  remediationSnippet: 'resource "google_compute_instance" "web" {\n  metadata = {\n    enable-oslogin = "TRUE"\n  }\n}',
  helpUri: 'https://cloud.google.com/compute/docs/oslogin/set-up-oslogin',
  checkov: 'CKV_GCP_34',
  cis: ['CIS GCP 4.4'],
  cwe: ['CWE-287'],
  model: 'terraform',
  resourceTypes: INSTANCES,
  check: forbid('metadata.enable-oslogin', metadataFalse),
  examples: {
    hcl: {
      fail: [vm('metadata = {\n  enable-oslogin = "FALSE"\n}')],
      pass: [vm('metadata = {\n  enable-oslogin = "TRUE"\n}'), vm('labels = {\n  app = "web"\n}')],
      unknown: [vmVar('oslogin', 'metadata = {\n  enable-oslogin = var.oslogin\n}')],
    },
    tfplan: {
      fail: [plannedVm({ metadata: { 'enable-oslogin': 'false' } })],
      pass: [plannedVm({ metadata: { 'enable-oslogin': 'TRUE' } })],
    },
  },
};

const PROJECT_METADATA = 'google_compute_project_metadata';
const PROJECT_METADATA_ITEM = 'google_compute_project_metadata_item';

/** A metadata item resource that sets enable-oslogin: its value must be true; other keys do not concern the rule. */
const projectOsLogin: Check = (r, ctx) => {
  if (r.type === PROJECT_METADATA) return expect('metadata.enable-oslogin', metadataTrue)(r, ctx);
  const key = r.attributes.key;
  if (isUnknown(key)) return { outcome: 'unknown', path: 'key', value: key };
  if (key !== 'enable-oslogin') return { outcome: 'not-applicable' };
  return expect('value', metadataTrue)(r, ctx);
};

export const projectOsLoginRule: IacRule = {
  id: 'IAC-TF-GCP-PROJECT-OS-LOGIN',
  title: 'Project metadata does not enable OS Login',
  severity: 'medium',
  description:
    'Without enable-oslogin = TRUE in project metadata, instances accept SSH keys from metadata instead of checking IAM, so access is not tied to identities and is not revoked with them.',
  remediation: 'Set enable-oslogin = "TRUE" in google_compute_project_metadata (or a google_compute_project_metadata_item).',
  remediationSnippet: 'resource "google_compute_project_metadata" "default" {\n  metadata = {\n    enable-oslogin = "TRUE"\n  }\n}',
  helpUri: 'https://cloud.google.com/compute/docs/oslogin/set-up-oslogin',
  checkov: 'CKV_GCP_33',
  cis: ['CIS GCP 4.4'],
  cwe: ['CWE-287'],
  model: 'terraform',
  resourceTypes: [PROJECT_METADATA, PROJECT_METADATA_ITEM],
  check: projectOsLogin,
  examples: {
    hcl: {
      fail: [
        tf(PROJECT_METADATA, 'default', 'metadata = {\n  ssh-keys = "admin:ssh-ed25519 AAAA admin"\n}'),
        tf(PROJECT_METADATA_ITEM, 'oslogin', 'key   = "enable-oslogin"\nvalue = "FALSE"'),
      ],
      pass: [tf(PROJECT_METADATA, 'default', 'metadata = {\n  enable-oslogin = "TRUE"\n}'), tf(PROJECT_METADATA_ITEM, 'oslogin', 'key   = "enable-oslogin"\nvalue = "TRUE"')],
      unknown: [tfVar('oslogin', PROJECT_METADATA, 'default', 'metadata = {\n  enable-oslogin = var.oslogin\n}')],
    },
    tfplan: {
      fail: [tfplan({ type: PROJECT_METADATA, values: { metadata: { 'enable-oslogin': 'FALSE' } } })],
      pass: [tfplan({ type: PROJECT_METADATA, values: { metadata: { 'enable-oslogin': 'TRUE' } } })],
    },
  },
};

export const computeBlockProjectSshKeys: IacRule = {
  id: 'IAC-TF-GCP-COMPUTE-PROJECT-SSH-KEYS',
  title: 'VM instance accepts project-wide SSH keys',
  severity: 'medium',
  description: 'A key in project metadata opens every instance of the project that does not block project-wide keys; one leaked key then reaches all of them.',
  remediation: 'Set block-project-ssh-keys = "TRUE" in the instance metadata (or use OS Login).',
  remediationSnippet: 'resource "google_compute_instance" "web" {\n  metadata = {\n    block-project-ssh-keys = "TRUE"\n  }\n}',
  helpUri: 'https://cloud.google.com/compute/docs/connect/restrict-ssh-keys',
  checkov: 'CKV_GCP_32',
  cis: ['CIS GCP 4.3'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: INSTANCES,
  check: expect('metadata.block-project-ssh-keys', metadataTrue),
  examples: {
    hcl: {
      fail: [vm(''), vm('metadata = {\n  block-project-ssh-keys = "false"\n}')],
      pass: [vm('metadata = {\n  block-project-ssh-keys = "TRUE"\n}')],
      unknown: [vmVar('block', 'metadata = {\n  block-project-ssh-keys = var.block\n}')],
    },
    tfplan: {
      fail: [plannedVm({ metadata: { foo: 'bar' } })],
      pass: [plannedVm({ metadata: { 'block-project-ssh-keys': 'true' } })],
    },
  },
};

/** shielded_instance_config must exist (Shielded VM is off without it) and keep vTPM and integrity monitoring on (their defaults). */
const shieldedVm: Check = (r, ctx) => {
  const config = lookup(r.attributes, 'shielded_instance_config');
  if (!config.length) return { outcome: 'fail', path: 'shielded_instance_config' };
  const value = config[0].value;
  if (isUnknown(value)) return { outcome: 'unknown', path: config[0].path, value };
  if (Array.isArray(value) && !value.length) return { outcome: 'fail', path: 'shielded_instance_config' };
  const verdicts = [
    ...([] as Verdict[]).concat(forbid('shielded_instance_config.enable_vtpm', false)(r, ctx) as Verdict[]),
    ...([] as Verdict[]).concat(forbid('shielded_instance_config.enable_integrity_monitoring', false)(r, ctx) as Verdict[]),
  ];
  const fails = verdicts.filter((v) => v.outcome === 'fail');
  if (fails.length) return fails;
  return verdicts.find((v) => v.outcome === 'unknown') ?? { outcome: 'pass', path: config[0].path };
};

export const computeShieldedVm: IacRule = {
  id: 'IAC-TF-GCP-COMPUTE-SHIELDED-VM',
  title: 'VM instance is not a Shielded VM with vTPM and integrity monitoring',
  severity: 'medium',
  description: 'Shielded VM measures the boot chain with a virtual TPM and reports integrity changes, detecting boot-level malware and rootkits that survive reinstalling the OS.',
  remediation: 'Add shielded_instance_config with enable_vtpm = true and enable_integrity_monitoring = true (enable_secure_boot = true where the image supports it), using a Shielded VM image.',
  remediationSnippet:
    'resource "google_compute_instance" "web" {\n  shielded_instance_config {\n    enable_secure_boot          = true\n    enable_vtpm                 = true\n    enable_integrity_monitoring = true\n  }\n}',
  helpUri: 'https://cloud.google.com/compute/shielded-vm/docs/shielded-vm',
  checkov: 'CKV_GCP_39',
  cis: ['CIS GCP 4.8'],
  cwe: ['CWE-693'],
  model: 'terraform',
  resourceTypes: INSTANCES,
  check: shieldedVm,
  examples: {
    hcl: {
      fail: [vm(''), vm('shielded_instance_config {\n  enable_vtpm = false\n}')],
      pass: [
        vm('shielded_instance_config {\n  enable_secure_boot          = true\n  enable_vtpm                 = true\n  enable_integrity_monitoring = true\n}'),
        vm('shielded_instance_config {\n  enable_secure_boot = true\n}'),
      ],
      unknown: [vmVar('vtpm', 'shielded_instance_config {\n  enable_vtpm = var.vtpm\n}')],
    },
    tfplan: {
      fail: [plannedVm({ shielded_instance_config: [{ enable_secure_boot: false, enable_vtpm: true, enable_integrity_monitoring: false }] })],
      pass: [plannedVm({ shielded_instance_config: [{ enable_secure_boot: true, enable_vtpm: true, enable_integrity_monitoring: true }] })],
    },
  },
};

/** Any access_config block on a network interface gives the instance an external IP. */
const noAccessConfig: Check = (r) => {
  const found = lookup(r.attributes, 'network_interface.access_config');
  const fails: Verdict[] = [];
  let unknown: Verdict | undefined;
  for (const f of found) {
    if (isUnknown(f.value)) unknown ??= { outcome: 'unknown', path: f.path, value: f.value };
    else if (Array.isArray(f.value) ? f.value.some((x) => isObject(x) || isUnknown(x)) : isObject(f.value)) fails.push({ outcome: 'fail', path: f.path });
  }
  if (fails.length) return fails;
  if (unknown) return unknown;
  const nic = lookup(r.attributes, 'network_interface');
  return { outcome: 'pass', path: nic.length ? nic[0].path : 'network_interface' };
};

export const computePublicIp: IacRule = {
  id: 'IAC-TF-GCP-COMPUTE-PUBLIC-IP',
  title: 'VM instance has an external IP address',
  severity: 'medium',
  description: 'An access_config block gives the interface an internet-routable address, so the instance is reachable from the internet wherever a firewall rule allows it.',
  remediation: 'Remove access_config from network_interface; reach the instance through IAP TCP forwarding, a load balancer or Cloud NAT for egress.',
  remediationSnippet: 'resource "google_compute_instance" "web" {\n  network_interface {\n    subnetwork = google_compute_subnetwork.app.id\n  }\n}',
  helpUri: 'https://cloud.google.com/compute/docs/ip-addresses/reserve-static-external-ip-address',
  checkov: 'CKV_GCP_40',
  cis: ['CIS GCP 4.9'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: INSTANCES,
  check: noAccessConfig,
  examples: {
    hcl: {
      fail: [
        tf(
          INSTANCE,
          'web',
          'name         = "web"\nmachine_type = "e2-medium"\nzone         = "europe-west1-b"\nnetwork_interface {\n  network = "default"\n  access_config {\n    network_tier = "PREMIUM"\n  }\n}',
        ),
      ],
      pass: [vm('')],
      unknown: [
        `variable "public" {}\n\n${tf(INSTANCE, 'web', 'name = "web"\nmachine_type = "e2-medium"\nnetwork_interface {\n  network = "default"\n  dynamic "access_config" {\n    for_each = var.public\n    content {}\n  }\n}')}`,
      ],
    },
    tfplan: {
      fail: [plannedVm({ network_interface: [{ network: 'default', access_config: [{ network_tier: 'PREMIUM' }] }] })],
      pass: [plannedVm({})],
    },
  },
};

export const computeIpForwarding: IacRule = {
  id: 'IAC-TF-GCP-COMPUTE-IP-FORWARDING',
  title: 'VM instance can forward IP packets',
  severity: 'medium',
  description: 'With can_ip_forward, the instance may send and receive packets for addresses that are not its own, letting a compromised VM route or spoof traffic inside the network.',
  remediation: 'Set can_ip_forward = false (the default) unless the instance is a network appliance (NAT, VPN, firewall).',
  remediationSnippet: 'resource "google_compute_instance" "web" {\n  can_ip_forward = false\n}',
  helpUri: 'https://cloud.google.com/vpc/docs/using-routes#canipforward',
  checkov: 'CKV_GCP_36',
  cis: ['CIS GCP 4.6'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: INSTANCES,
  check: forbid('can_ip_forward', true),
  examples: {
    hcl: {
      fail: [vm('can_ip_forward = true')],
      pass: [vm(''), vm('can_ip_forward = false')],
      unknown: [vmVar('forward', 'can_ip_forward = var.forward')],
    },
    tfplan: { fail: [plannedVm({ can_ip_forward: true })], pass: [plannedVm({ can_ip_forward: false })] },
  },
};

const DEFAULT_SA = /^\d+-compute@developer\.gserviceaccount\.com$/;
const FULL_SCOPES = new Set(['cloud-platform', 'https://www.googleapis.com/auth/cloud-platform']);

/**
 * The default Compute Engine service account: an email of the form <number>-compute@developer…,
 * "default" (instance templates), or a service_account block without an email.
 */
function defaultServiceAccount(alsoFullScope: boolean): Check {
  return (r) => {
    const blocks = lookup(r.attributes, 'service_account');
    const fails: Verdict[] = [];
    let unknown: Verdict | undefined;
    let seen = false;
    for (const b of blocks) {
      const list = isUnknown(b.value) ? [b.value] : Array.isArray(b.value) ? b.value : [b.value];
      list.forEach((sa, i) => {
        const at = Array.isArray(b.value) ? `${b.path}[${i}]` : b.path;
        seen = true;
        if (isUnknown(sa)) {
          unknown ??= { outcome: 'unknown', path: at, value: sa };
          return;
        }
        if (!isObject(sa)) return;
        const email = sa.email;
        if (isUnknown(email)) {
          unknown ??= { outcome: 'unknown', path: `${at}.email`, value: email };
          return;
        }
        const isDefault = email === undefined || email === null || email === '' || email === 'default' || (typeof email === 'string' && DEFAULT_SA.test(email));
        if (!isDefault) return;
        if (!alsoFullScope) {
          fails.push({ outcome: 'fail', path: `${at}.email`, ...(typeof email === 'string' ? { value: email } : {}) });
          return;
        }
        const scopes = sa.scopes;
        if (isUnknown(scopes)) {
          unknown ??= { outcome: 'unknown', path: `${at}.scopes`, value: scopes };
          return;
        }
        const list = Array.isArray(scopes) ? scopes : [];
        const full = list.findIndex((s) => typeof s === 'string' && FULL_SCOPES.has(s));
        if (full !== -1) fails.push({ outcome: 'fail', path: `${at}.scopes[${full}]`, value: list[full] });
        else if (list.some(isUnknown)) unknown ??= { outcome: 'unknown', path: `${at}.scopes` };
      });
    }
    if (fails.length) return fails;
    if (unknown) return unknown;
    return { outcome: 'pass', path: seen ? 'service_account' : undefined };
  };
}

const withSa = (email: string | undefined, scopes: string) =>
  vm(`service_account {\n${email ? `  email  = "${email}"\n` : ''}  scopes = [${scopes}]\n}`);

export const computeDefaultServiceAccount: IacRule = {
  id: 'IAC-TF-GCP-COMPUTE-DEFAULT-SERVICE-ACCOUNT',
  title: 'VM instance runs as the default Compute Engine service account',
  severity: 'medium',
  description:
    'The default Compute Engine service account has the Editor role on the project unless that grant was removed; code running on the VM (or an attacker in it) inherits it.',
  remediation: 'Create a dedicated service account with only the roles the workload needs and set service_account.email to it.',
  remediationSnippet: 'resource "google_compute_instance" "web" {\n  service_account {\n    email  = google_service_account.web.email\n    scopes = ["cloud-platform"]\n  }\n}',
  helpUri: 'https://cloud.google.com/compute/docs/access/service-accounts#default_service_account',
  checkov: 'CKV_GCP_30',
  cis: ['CIS GCP 4.1'],
  cwe: ['CWE-250'],
  model: 'terraform',
  resourceTypes: INSTANCES,
  check: defaultServiceAccount(false),
  examples: {
    hcl: {
      fail: [withSa('123456789012-compute@developer.gserviceaccount.com', '"cloud-platform"'), withSa(undefined, '"logging-write"')],
      pass: [withSa('web@acme-prod.iam.gserviceaccount.com', '"cloud-platform"'), vm('')],
      unknown: [vmVar('sa', 'service_account {\n  email  = var.sa\n  scopes = ["cloud-platform"]\n}')],
    },
    tfplan: {
      fail: [plannedVm({ service_account: [{ email: '123456789012-compute@developer.gserviceaccount.com', scopes: ['https://www.googleapis.com/auth/logging.write'] }] })],
      pass: [plannedVm({ service_account: [{ email: 'web@acme-prod.iam.gserviceaccount.com', scopes: ['https://www.googleapis.com/auth/cloud-platform'] }] })],
    },
  },
};

export const computeDefaultServiceAccountFullAccess: IacRule = {
  id: 'IAC-TF-GCP-COMPUTE-DEFAULT-SA-FULL-ACCESS',
  title: 'VM instance runs as the default service account with full access to all Cloud APIs',
  severity: 'high',
  description:
    'The cloud-platform scope with the default service account (Editor on the project) lets anything on the VM call every Google Cloud API with Editor rights: a foothold on the VM becomes control of the project.',
  remediation: 'Use a dedicated service account with minimal roles, or at least replace the cloud-platform scope with the specific scopes needed.',
  remediationSnippet: 'resource "google_compute_instance" "web" {\n  service_account {\n    email  = google_service_account.web.email\n    scopes = ["cloud-platform"]\n  }\n}',
  helpUri: 'https://cloud.google.com/compute/docs/access/service-accounts#scopes_best_practice',
  checkov: 'CKV_GCP_31',
  cis: ['CIS GCP 4.2'],
  cwe: ['CWE-250'],
  model: 'terraform',
  resourceTypes: INSTANCES,
  check: defaultServiceAccount(true),
  examples: {
    hcl: {
      fail: [withSa(undefined, '"cloud-platform"'), withSa('123456789012-compute@developer.gserviceaccount.com', '"https://www.googleapis.com/auth/cloud-platform"')],
      pass: [withSa(undefined, '"logging-write", "monitoring-write"'), withSa('web@acme-prod.iam.gserviceaccount.com', '"cloud-platform"')],
      unknown: [vmVar('scopes', 'service_account {\n  scopes = var.scopes\n}')],
    },
    tfplan: {
      fail: [plannedVm({ service_account: [{ email: '123456789012-compute@developer.gserviceaccount.com', scopes: ['https://www.googleapis.com/auth/cloud-platform'] }] })],
      pass: [plannedVm({ service_account: [{ email: '123456789012-compute@developer.gserviceaccount.com', scopes: ['https://www.googleapis.com/auth/logging.write'] }] })],
    },
  },
};

export const computeRules: readonly IacRule[] = [
  computeSerialPort,
  computeOsLoginOverride,
  projectOsLoginRule,
  computeBlockProjectSshKeys,
  computeShieldedVm,
  computePublicIp,
  computeIpForwarding,
  computeDefaultServiceAccount,
  computeDefaultServiceAccountFullAccess,
];
