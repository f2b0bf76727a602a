// Virtual machines, scale sets and managed disks.
import { all, anyOf, expect, forbid, isSet } from '../../helpers';
import type { IacRule } from '../../types';
import { byType, forbidAlias, hcl, plan, variable } from './b-shared';
import { requireSet } from './a-common';

const LINUX_VM = 'azurerm_linux_virtual_machine';
const WINDOWS_VM = 'azurerm_windows_virtual_machine';
const LINUX_VMSS = 'azurerm_linux_virtual_machine_scale_set';
const WINDOWS_VMSS = 'azurerm_windows_virtual_machine_scale_set';
const LEGACY_VM = 'azurerm_virtual_machine';
const LEGACY_VMSS = 'azurerm_virtual_machine_scale_set';
const ORCHESTRATED_VMSS = 'azurerm_orchestrated_virtual_machine_scale_set';
const DISK = 'azurerm_managed_disk';

const VM_BASE = 'resource_group_name   = "rg"\nlocation              = "westeurope"\nsize                  = "Standard_D2s_v5"\nadmin_username        = "azureuser"\nnetwork_interface_ids = ["nic"]';

export const linuxPasswordAuth: IacRule = {
  id: 'IAC-TF-AZ-VM-LINUX-PASSWORD-AUTH',
  title: 'Linux VM allows password authentication',
  severity: 'high',
  description: 'Password logins over SSH can be brute-forced and phished; SSH keys cannot.',
  remediation: 'Keep disable_password_authentication = true (default on the linux VM types) and add admin_ssh_key; on azurerm_virtual_machine set os_profile_linux_config { disable_password_authentication = true }.',
  remediationSnippet: `resource "${LINUX_VM}" "example" {\n  disable_password_authentication = true\n  admin_ssh_key {\n    username   = "azureuser"\n    public_key = file("~/.ssh/id_ed25519.pub")\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/virtual-machines/linux/create-ssh-keys-detailed',
  checkov: ['CKV_AZURE_1', 'CKV_AZURE_149'],
  cwe: ['CWE-309'],
  model: 'terraform',
  resourceTypes: [LINUX_VM, LINUX_VMSS, LEGACY_VM, LEGACY_VMSS],
  check: byType(
    {
      // os_profile_linux_config is required for Linux legacy VMs (and absent on Windows ones).
      [LEGACY_VM]: expect('os_profile_linux_config.disable_password_authentication', true, { whenMissing: 'not-applicable' }),
      [LEGACY_VMSS]: expect('os_profile_linux_config.disable_password_authentication', true, { whenMissing: 'not-applicable' }),
    },
    forbid('disable_password_authentication', false),
  ),
  examples: {
    hcl: {
      fail: [
        hcl(LINUX_VM, `${VM_BASE}\nadmin_password                  = var.password\ndisable_password_authentication = false`, variable('password')),
        hcl(LEGACY_VM, 'os_profile_linux_config {\n  disable_password_authentication = false\n}'),
      ],
      pass: [hcl(LINUX_VM, `${VM_BASE}\nadmin_ssh_key {\n  username   = "azureuser"\n  public_key = "ssh-ed25519 AAAA"\n}`), hcl(LEGACY_VM, 'os_profile_linux_config {\n  disable_password_authentication = true\n}')],
      unknown: [hcl(LINUX_VMSS, 'disable_password_authentication = var.no_passwords', variable('no_passwords'))],
    },
    tfplan: {
      fail: [plan({ type: LINUX_VM, values: { size: 'Standard_D2s_v5', disable_password_authentication: false } })],
      pass: [plan({ type: LINUX_VM, values: { size: 'Standard_D2s_v5', disable_password_authentication: true } })],
    },
  },
};

export const vmEncryptionAtHost: IacRule = {
  id: 'IAC-TF-AZ-VM-ENCRYPTION-AT-HOST',
  title: 'VM does not use encryption at host',
  severity: 'medium',
  description: 'Encryption at host also encrypts temp disks, disk caches and the data flowing between the VM and storage, which server-side encryption leaves in clear.',
  remediation: 'Set encryption_at_host_enabled = true (default false; the EncryptionAtHost feature must be registered on the subscription).',
  remediationSnippet: `resource "${LINUX_VM}" "example" {\n  encryption_at_host_enabled = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/virtual-machines/disk-encryption#encryption-at-host---end-to-end-encryption-for-your-vm-data',
  checkov: ['CKV_AZURE_97', 'CKV_AZURE_151'],
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [LINUX_VM, WINDOWS_VM, LINUX_VMSS, WINDOWS_VMSS, ORCHESTRATED_VMSS],
  check: expect('encryption_at_host_enabled', true),
  examples: {
    hcl: {
      fail: [hcl(LINUX_VM, VM_BASE), hcl(WINDOWS_VMSS, 'encryption_at_host_enabled = false')],
      pass: [hcl(WINDOWS_VM, `${VM_BASE}\nencryption_at_host_enabled = true`)],
      unknown: [hcl(LINUX_VMSS, 'encryption_at_host_enabled = var.enc', variable('enc'))],
    },
    tfplan: {
      fail: [plan({ type: WINDOWS_VM, values: { size: 'Standard_D2s_v5', encryption_at_host_enabled: false } })],
      pass: [plan({ type: WINDOWS_VM, values: { size: 'Standard_D2s_v5', encryption_at_host_enabled: true } })],
    },
  },
};

export const vmManagedDisks: IacRule = {
  id: 'IAC-TF-AZ-VM-MANAGED-DISKS',
  title: 'VM uses unmanaged (VHD blob) disks',
  severity: 'medium',
  description: 'Unmanaged disks are page blobs in a storage account you secure yourself: its keys and network rules guard the VM\'s disks. Managed disks are encrypted and access-controlled by the platform; unmanaged disks are retired.',
  remediation: 'Use managed disks: storage_os_disk { managed_disk_type = "Premium_LRS" } without vhd_uri, or the azurerm_linux/windows_virtual_machine types.',
  remediationSnippet: `resource "${LEGACY_VM}" "example" {\n  storage_os_disk {\n    name              = "os"\n    create_option     = "FromImage"\n    managed_disk_type = "Premium_LRS"\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/virtual-machines/unmanaged-disks-deprecation',
  checkov: 'CKV_AZURE_92',
  cwe: ['CWE-311'],
  model: 'terraform',
  // Checkov runs this on the linux/windows VM types too, where only managed disks exist: they pass.
  resourceTypes: [LEGACY_VM, LINUX_VM, WINDOWS_VM],
  check: all(forbid('storage_os_disk.vhd_uri', (v) => isSet(v)), forbid('storage_data_disk.vhd_uri', (v) => isSet(v))),
  examples: {
    hcl: {
      fail: [hcl(LEGACY_VM, 'storage_os_disk {\n  name          = "os"\n  create_option = "FromImage"\n  vhd_uri       = "https://sa.blob.core.windows.net/vhds/os.vhd"\n}')],
      pass: [hcl(LEGACY_VM, 'storage_os_disk {\n  name              = "os"\n  create_option     = "FromImage"\n  managed_disk_type = "Premium_LRS"\n}')],
      unknown: [hcl(LEGACY_VM, 'storage_os_disk {\n  name    = "os"\n  vhd_uri = var.vhd\n}', variable('vhd'))],
    },
    tfplan: {
      fail: [plan({ type: LEGACY_VM, values: { storage_os_disk: [{ name: 'os', create_option: 'FromImage', vhd_uri: 'https://sa.blob.core.windows.net/vhds/os.vhd' }] } })],
      pass: [plan({ type: LEGACY_VM, values: { storage_os_disk: [{ name: 'os', create_option: 'FromImage', managed_disk_type: 'Premium_LRS', vhd_uri: null }] } })],
    },
  },
};

export const vmBootDiagnostics: IacRule = {
  id: 'IAC-TF-AZ-VM-BOOT-DIAGNOSTICS',
  title: 'VM has no boot diagnostics',
  severity: 'low',
  description: 'Boot diagnostics keep the serial console log and a screenshot of the VM, needed to investigate a VM that fails or was tampered with at boot.',
  remediation: 'Add boot_diagnostics {} (managed storage) or boot_diagnostics { storage_account_uri = … }; on azurerm_virtual_machine set enabled = true.',
  remediationSnippet: `resource "${LINUX_VM}" "example" {\n  boot_diagnostics {}\n}`,
  helpUri: 'https://learn.microsoft.com/azure/virtual-machines/boot-diagnostics',
  // Checkov's CKV_AZURE_236 covers the linux/windows scale sets; this rule also the VMs.
  checkov: 'CKV_AZURE_236',
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [LINUX_VM, WINDOWS_VM, LINUX_VMSS, WINDOWS_VMSS, LEGACY_VM],
  check: byType({ [LEGACY_VM]: expect('boot_diagnostics.enabled', true) }, requireSet('boot_diagnostics')),
  examples: {
    hcl: {
      fail: [hcl(LINUX_VM, VM_BASE), hcl(LEGACY_VM, 'boot_diagnostics {\n  enabled     = false\n  storage_uri = ""\n}')],
      pass: [hcl(LINUX_VM, `${VM_BASE}\nboot_diagnostics {}`), hcl(WINDOWS_VM, 'boot_diagnostics {\n  storage_account_uri = "https://sa.blob.core.windows.net/"\n}')],
      unknown: [hcl(LINUX_VM, `${VM_BASE}\nboot_diagnostics = var.diag`, variable('diag'))],
    },
    tfplan: {
      fail: [plan({ type: LINUX_VM, values: { size: 'Standard_D2s_v5', boot_diagnostics: [] } })],
      pass: [plan({ type: LINUX_VM, values: { size: 'Standard_D2s_v5', boot_diagnostics: [{ storage_account_uri: null }] } })],
    },
  },
};

export const vmssAutomaticOsUpgrade: IacRule = {
  id: 'IAC-TF-AZ-VMSS-AUTOMATIC-OS-UPGRADE',
  title: 'Scale set does not apply OS image upgrades automatically',
  severity: 'medium',
  description: 'Without automatic OS upgrades scale set instances keep the image they were created from and miss security patches until someone rolls them.',
  remediation: 'Set upgrade_mode = "Automatic" (or "Rolling") with automatic_os_upgrade_policy { enable_automatic_os_upgrade = true }; on azurerm_virtual_machine_scale_set set automatic_os_upgrade = true.',
  remediationSnippet: `resource "${LINUX_VMSS}" "example" {\n  upgrade_mode = "Automatic"\n  automatic_os_upgrade_policy {\n    disable_automatic_rollback  = false\n    enable_automatic_os_upgrade = true\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-automatic-upgrade',
  checkov: 'CKV_AZURE_95',
  model: 'terraform',
  resourceTypes: [LINUX_VMSS, WINDOWS_VMSS, LEGACY_VMSS],
  check: byType(
    { [LEGACY_VMSS]: expect('automatic_os_upgrade', true) },
    all(expect('upgrade_mode', ['Automatic', 'Rolling']), expect('automatic_os_upgrade_policy.enable_automatic_os_upgrade', true)),
  ),
  examples: {
    hcl: {
      fail: [hcl(LINUX_VMSS, 'sku = "Standard_D2s_v5"'), hcl(LEGACY_VMSS, 'upgrade_policy_mode = "Manual"')],
      pass: [
        hcl(LINUX_VMSS, 'upgrade_mode = "Automatic"\nautomatic_os_upgrade_policy {\n  disable_automatic_rollback  = false\n  enable_automatic_os_upgrade = true\n}'),
        hcl(LEGACY_VMSS, 'upgrade_policy_mode  = "Rolling"\nautomatic_os_upgrade = true'),
      ],
      unknown: [hcl(WINDOWS_VMSS, 'upgrade_mode = var.mode\nautomatic_os_upgrade_policy {\n  disable_automatic_rollback  = false\n  enable_automatic_os_upgrade = true\n}', variable('mode'))],
    },
    tfplan: {
      fail: [plan({ type: LINUX_VMSS, values: { upgrade_mode: 'Manual', automatic_os_upgrade_policy: [] } })],
      pass: [plan({ type: LINUX_VMSS, values: { upgrade_mode: 'Automatic', automatic_os_upgrade_policy: [{ disable_automatic_rollback: false, enable_automatic_os_upgrade: true }] } })],
    },
  },
};

export const vmssPublicIp: IacRule = {
  id: 'IAC-TF-AZ-VMSS-PUBLIC-IP',
  title: 'Scale set instances get public IP addresses',
  severity: 'medium',
  description: 'A public_ip_address block gives every instance its own internet address, bypassing the load balancer and firewall in front of the scale set.',
  remediation: 'Remove public_ip_address from network_interface.ip_configuration; publish through a load balancer.',
  remediationSnippet: `resource "${LINUX_VMSS}" "example" {\n  network_interface {\n    name    = "nic"\n    primary = true\n    ip_configuration {\n      name      = "internal"\n      primary   = true\n      subnet_id = azurerm_subnet.app.id\n    }\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-networking#public-ipv4-per-virtual-machine',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [LINUX_VMSS, WINDOWS_VMSS, ORCHESTRATED_VMSS],
  check: forbid('network_interface.ip_configuration.public_ip_address', (v) => isSet(v)),
  examples: {
    hcl: {
      fail: [hcl(LINUX_VMSS, 'network_interface {\n  name    = "nic"\n  primary = true\n  ip_configuration {\n    name    = "ip"\n    primary = true\n    public_ip_address {\n      name = "pip"\n    }\n  }\n}')],
      pass: [hcl(LINUX_VMSS, 'network_interface {\n  name    = "nic"\n  primary = true\n  ip_configuration {\n    name      = "ip"\n    primary   = true\n    subnet_id = "subnet"\n  }\n}')],
      unknown: [hcl(LINUX_VMSS, 'network_interface {\n  name = "nic"\n  ip_configuration {\n    name              = "ip"\n    public_ip_address = var.pip\n  }\n}', variable('pip'))],
    },
    tfplan: {
      fail: [plan({ type: LINUX_VMSS, values: { network_interface: [{ name: 'nic', primary: true, ip_configuration: [{ name: 'ip', primary: true, public_ip_address: [{ name: 'pip' }] }] }] } })],
      pass: [plan({ type: LINUX_VMSS, values: { network_interface: [{ name: 'nic', primary: true, ip_configuration: [{ name: 'ip', primary: true, public_ip_address: [] }] }] } })],
    },
  },
};

export const windowsAutomaticUpdates: IacRule = {
  id: 'IAC-TF-AZ-VM-WINDOWS-AUTOMATIC-UPDATES',
  title: 'Windows VM has automatic updates turned off',
  severity: 'medium',
  description: 'With Windows Update disabled the VM stays unpatched unless another patching process covers it.',
  remediation: 'Remove automatic_updates_enabled = false (enable_automatic_updates before azurerm 4.x); default true.',
  remediationSnippet: `resource "${WINDOWS_VM}" "example" {\n  automatic_updates_enabled = true\n  patch_mode                = "AutomaticByPlatform"\n}`,
  helpUri: 'https://learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching',
  checkov: 'CKV_AZURE_177',
  cwe: ['CWE-1104'],
  model: 'terraform',
  resourceTypes: [WINDOWS_VM, WINDOWS_VMSS],
  check: forbidAlias(['automatic_updates_enabled', 'enable_automatic_updates'], false),
  examples: {
    hcl: {
      fail: [hcl(WINDOWS_VM, `${VM_BASE}\nenable_automatic_updates = false`), hcl(WINDOWS_VMSS, 'automatic_updates_enabled = false')],
      pass: [hcl(WINDOWS_VM, VM_BASE), hcl(WINDOWS_VMSS, 'automatic_updates_enabled = true')],
      unknown: [hcl(WINDOWS_VM, 'automatic_updates_enabled = var.updates', variable('updates'))],
    },
    tfplan: {
      fail: [plan({ type: WINDOWS_VM, values: { automatic_updates_enabled: false } })],
      pass: [plan({ type: WINDOWS_VM, values: { automatic_updates_enabled: true } })],
    },
  },
};

export const vmTrustedLaunch: IacRule = {
  id: 'IAC-TF-AZ-VM-TRUSTED-LAUNCH',
  title: 'VM does not use Secure Boot and vTPM',
  severity: 'low',
  description: 'Trusted launch (Secure Boot and a virtual TPM) blocks boot kits and rootkits and lets the VM attest its boot integrity.',
  remediation: 'Set secure_boot_enabled = true and vtpm_enabled = true on a Gen2 image that supports trusted launch.',
  remediationSnippet: `resource "${LINUX_VM}" "example" {\n  secure_boot_enabled = true\n  vtpm_enabled        = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/virtual-machines/trusted-launch',
  model: 'terraform',
  resourceTypes: [LINUX_VM, WINDOWS_VM, LINUX_VMSS, WINDOWS_VMSS],
  check: all(expect('secure_boot_enabled', true), expect('vtpm_enabled', true)),
  examples: {
    hcl: {
      fail: [hcl(LINUX_VM, VM_BASE), hcl(WINDOWS_VM, 'secure_boot_enabled = true\nvtpm_enabled        = false')],
      pass: [hcl(LINUX_VM, `${VM_BASE}\nsecure_boot_enabled = true\nvtpm_enabled        = true`)],
      unknown: [hcl(LINUX_VM, 'secure_boot_enabled = var.tl\nvtpm_enabled        = var.tl', variable('tl'))],
    },
    tfplan: {
      fail: [plan({ type: LINUX_VM, values: { secure_boot_enabled: false, vtpm_enabled: false } })],
      pass: [plan({ type: LINUX_VM, values: { secure_boot_enabled: true, vtpm_enabled: true } })],
    },
  },
};

const DISK_BASE = 'location             = "westeurope"\nresource_group_name  = "rg"\nstorage_account_type = "Premium_LRS"\ncreate_option        = "Empty"\ndisk_size_gb         = 128';
export const diskEncryptionSet: IacRule = {
  id: 'IAC-TF-AZ-DISK-CMK',
  title: 'Managed disk is not encrypted with a customer-managed key',
  severity: 'low',
  description: 'A disk encryption set keeps control of the disk\'s encryption keys (rotation, revocation) with you instead of the platform.',
  remediation: 'Set disk_encryption_set_id to an azurerm_disk_encryption_set backed by a Key Vault key.',
  remediationSnippet: `resource "${DISK}" "example" {\n  disk_encryption_set_id = azurerm_disk_encryption_set.example.id\n}`,
  helpUri: 'https://learn.microsoft.com/azure/virtual-machines/disk-encryption#customer-managed-keys',
  checkov: 'CKV_AZURE_93',
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [DISK],
  check: requireSet('disk_encryption_set_id', 'secure_vm_disk_encryption_set_id'),
  examples: {
    hcl: {
      fail: [hcl(DISK, DISK_BASE)],
      pass: [hcl(DISK, `${DISK_BASE}\ndisk_encryption_set_id = "/subscriptions/0000/diskEncryptionSets/des"`)],
      unknown: [hcl(DISK, `${DISK_BASE}\ndisk_encryption_set_id = var.des`, variable('des'))],
    },
    tfplan: {
      fail: [plan({ type: DISK, values: { storage_account_type: 'Premium_LRS', disk_encryption_set_id: null } })],
      pass: [plan({ type: DISK, values: { storage_account_type: 'Premium_LRS', disk_encryption_set_id: '/subscriptions/0000/diskEncryptionSets/des' } })],
    },
  },
};

export const diskPublicAccess: IacRule = {
  id: 'IAC-TF-AZ-DISK-PUBLIC-ACCESS',
  title: 'Managed disk can be exported from any network',
  severity: 'medium',
  description:
    'With network_access_policy AllowAll (the default) anyone holding a SAS for the disk can download it from the internet. A DenyAll or AllowPrivate policy passes even when public_network_access_enabled is unset (Checkov fails it).',
  remediation: 'Set network_access_policy = "DenyAll" (or "AllowPrivate" with disk_access_id) and public_network_access_enabled = false.',
  remediationSnippet: `resource "${DISK}" "example" {\n  network_access_policy         = "DenyAll"\n  public_network_access_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/virtual-machines/disks-enable-private-links-for-import-export-portal',
  checkov: 'CKV_AZURE_251',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [DISK],
  check: anyOf(expect('network_access_policy', ['DenyAll', 'AllowPrivate']), expect('public_network_access_enabled', false)),
  examples: {
    hcl: {
      fail: [hcl(DISK, DISK_BASE), hcl(DISK, `${DISK_BASE}\nnetwork_access_policy = "AllowAll"`)],
      pass: [hcl(DISK, `${DISK_BASE}\nnetwork_access_policy = "DenyAll"`), hcl(DISK, `${DISK_BASE}\npublic_network_access_enabled = false`)],
      unknown: [hcl(DISK, `${DISK_BASE}\nnetwork_access_policy = var.policy`, variable('policy'))],
    },
    tfplan: {
      fail: [plan({ type: DISK, values: { network_access_policy: 'AllowAll', public_network_access_enabled: true } })],
      pass: [plan({ type: DISK, values: { network_access_policy: 'DenyAll', public_network_access_enabled: false } })],
    },
  },
};

export const computeRules: readonly IacRule[] = [
  linuxPasswordAuth,
  vmEncryptionAtHost,
  vmManagedDisks,
  vmBootDiagnostics,
  vmssAutomaticOsUpgrade,
  vmssPublicIp,
  windowsAutomaticUpdates,
  vmTrustedLaunch,
  diskEncryptionSet,
  diskPublicAccess,
];
