// Virtual machines, scale sets and managed disks.
import { expect, fail, has, pass, unknown, when } from '../../helpers';
import type { IacRule } from '../../types';
import { isObject, isUnknown, lookup } from '../../values';
import { azureRule, param, type Body } from './build';

const VM = ['Microsoft.Compute/virtualMachines'];
const VMSS = ['Microsoft.Compute/virtualMachineScaleSets'];
const DISK = ['Microsoft.Compute/disks'];
const api = '2023-09-01';

const linuxVm = (linuxConfiguration: Body, extra: Body = {}): Body => ({
  properties: {
    hardwareProfile: { vmSize: 'Standard_D2s_v5' },
    osProfile: { computerName: 'vm1', adminUsername: 'azureuser', linuxConfiguration },
    ...extra,
  },
});
const sshKeys = { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: '/home/azureuser/.ssh/authorized_keys', keyData: 'ssh-ed25519 AAAAC3Nza example' }] } };

export const computeRules: readonly IacRule[] = [
  azureRule({
    id: 'IAC-AZ-VM-LINUX-PASSWORD-AUTH',
    title: 'Linux VM allows password authentication',
    severity: 'high',
    description: 'SSH password logins can be brute-forced; SSH keys cannot. A VM with an OS profile but no linuxConfiguration fails (as in Checkov) unless it is Windows.',
    remediation: 'Set osProfile.linuxConfiguration.disablePasswordAuthentication to true and provide SSH public keys.',
    helpUri: 'https://learn.microsoft.com/azure/virtual-machines/linux/create-ssh-keys-detailed',
    checkov: ['CKV_AZURE_1', 'CKV_AZURE_49'],
    cwe: ['CWE-307'],
    types: [...VM, ...VMSS],
    api,
    check: (r, ctx) => {
      const vmss = r.type === 'microsoft.compute/virtualmachinescalesets';
      const base = vmss ? 'properties.virtualMachineProfile.osProfile' : 'properties.osProfile';
      const image = vmss ? 'properties.virtualMachineProfile.storageProfile.imageReference' : 'properties.storageProfile.imageReference';
      // Windows (a windowsConfiguration or a Windows image, as Checkov skips it) and VMs without an OS profile (attached OS disk) have no SSH.
      const linux = (x: typeof r) =>
        lookup(x.attributes, base).length > 0 &&
        !lookup(x.attributes, `${base}.windowsConfiguration`).length &&
        !has(x, `${image}.publisher`, (v) => typeof v === 'string' && /windows/i.test(v));
      return when(linux, expect(`${base}.linuxConfiguration.disablePasswordAuthentication`, true))(r, ctx);
    },
    fail: [linuxVm({ disablePasswordAuthentication: false }, {}), linuxVm({ provisionVMAgent: true }), { properties: { osProfile: { computerName: 'vm1', adminUsername: 'azureuser', adminPassword: param('adminPassword') } } }],
    pass: [linuxVm(sshKeys), [{ type: VMSS[0], body: { sku: { name: 'Standard_D2s_v5', capacity: 2 }, properties: { virtualMachineProfile: { osProfile: { computerNamePrefix: 'vm', adminUsername: 'azureuser', linuxConfiguration: sshKeys } } } } }]],
    unknown: [linuxVm({ disablePasswordAuthentication: param('passwordOff', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-VM-ENCRYPTION-AT-HOST',
    title: 'VM or scale set without encryption at host',
    severity: 'low',
    description: 'Encryption at host also encrypts temp disks and disk caches on the host, which server-side disk encryption does not cover.',
    remediation: 'Set securityProfile.encryptionAtHost to true (properties.securityProfile on a VM, properties.virtualMachineProfile.securityProfile on a scale set).',
    helpUri: 'https://learn.microsoft.com/azure/virtual-machines/disk-encryption#encryption-at-host---end-to-end-encryption-for-your-vm-data',
    checkov: 'CKV_AZURE_97',
    cwe: ['CWE-311'],
    types: [...VM, ...VMSS],
    api,
    check: (r, ctx) =>
      expect(
        r.type === 'microsoft.compute/virtualmachinescalesets' ? 'properties.virtualMachineProfile.securityProfile.encryptionAtHost' : 'properties.securityProfile.encryptionAtHost',
        true,
      )(r, ctx),
    fail: [
      linuxVm(sshKeys, { securityProfile: { encryptionAtHost: false } }),
      linuxVm(sshKeys),
      [{ type: VMSS[0], body: { sku: { name: 'Standard_D2s_v5', capacity: 2 }, properties: { virtualMachineProfile: { securityProfile: { encryptionAtHost: false } } } } }],
    ],
    pass: [
      linuxVm(sshKeys, { securityProfile: { encryptionAtHost: true } }),
      [{ type: VMSS[0], body: { sku: { name: 'Standard_D2s_v5', capacity: 2 }, properties: { virtualMachineProfile: { securityProfile: { encryptionAtHost: true } } } } }],
    ],
    unknown: [linuxVm(sshKeys, { securityProfile: { encryptionAtHost: param('hostEncryption', 'bool') } })],
  }),
  azureRule({
    id: 'IAC-AZ-DISK-ENCRYPTION',
    title: 'Managed disk encryption settings disabled',
    severity: 'medium',
    description:
      'A disk with encryptionSettingsCollection.enabled false has Azure Disk Encryption turned off: its data is not encrypted with keys from your vault. A disk with no encryption settings passes (Azure encrypts it with platform keys; Checkov fails it).',
    remediation: 'Enable encryptionSettingsCollection (Azure Disk Encryption) or set encryption.diskEncryptionSetId to a customer-managed key set.',
    helpUri: 'https://learn.microsoft.com/azure/virtual-machines/disk-encryption-overview',
    checkov: 'CKV_AZURE_2',
    cwe: ['CWE-311'],
    types: DISK,
    api,
    check: (r) => {
      const p = isObject(r.attributes.properties) ? r.attributes.properties : {};
      const settings = isObject(p.encryptionSettingsCollection) ? p.encryptionSettingsCollection.enabled : undefined;
      if (settings === true) return pass('properties.encryptionSettingsCollection.enabled', settings);
      // encryptionSettings: API versions before 2019-03-01.
      const legacy = isObject(p.encryptionSettings) ? p.encryptionSettings.enabled : undefined;
      if (legacy === true) return pass('properties.encryptionSettings.enabled', legacy);
      // An encryption block (platform or customer-managed keys) is encryption configured, as Checkov reads it.
      if (isObject(p.encryption) && Object.keys(p.encryption).length) return pass('properties.encryption', p.encryption);
      if (isUnknown(settings)) return unknown('properties.encryptionSettingsCollection.enabled', settings);
      if (settings === false || (typeof settings === 'string' && settings.toLowerCase() === 'false')) return fail('properties.encryptionSettingsCollection.enabled', settings);
      // Not set: Azure encrypts managed disks at rest with platform-managed keys.
      return pass('properties.encryption');
    },
    fail: [{ sku: { name: 'Premium_LRS' }, properties: { creationData: { createOption: 'Empty' }, diskSizeGB: 128, encryptionSettingsCollection: { enabled: false } } }],
    pass: [
      { sku: { name: 'Premium_LRS' }, properties: { creationData: { createOption: 'Empty' }, diskSizeGB: 128, encryption: { type: 'EncryptionAtRestWithCustomerKey', diskEncryptionSetId: 'des-id' } } },
      { sku: { name: 'Premium_LRS' }, properties: { creationData: { createOption: 'Empty' }, diskSizeGB: 128, encryptionSettingsCollection: { enabled: true } } },
    ],
    unknown: [{ properties: { creationData: { createOption: 'Empty' }, encryptionSettingsCollection: { enabled: param('ade', 'bool') } } }],
  }),
];
