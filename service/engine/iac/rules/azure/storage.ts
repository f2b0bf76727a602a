// Storage accounts.
import { expect, fail, forbid, has, pass, unknown } from '../../helpers';
import { asBoolean, get, isObject, isUnknown } from '../../values';
import type { IacRule } from '../../types';
import { azureRule, param } from './build';
import { noOldTls } from './checks';

const types = ['Microsoft.Storage/storageAccounts'];
const api = '2023-01-01';
const base = { kind: 'StorageV2', sku: { name: 'Standard_LRS' } };
const props = (p: Record<string, unknown>) => ({ ...base, properties: p }) as never;

export const storageRules: readonly IacRule[] = [
  azureRule({
    id: 'IAC-AZ-STORAGE-HTTPS-ONLY',
    title: 'Storage account accepts plain HTTP',
    severity: 'high',
    description: 'With supportsHttpsTrafficOnly false, requests (and the shared keys or SAS tokens they carry) may travel unencrypted.',
    remediation: 'Set properties.supportsHttpsTrafficOnly to true (the default since API 2019-04-01).',
    helpUri: 'https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer',
    checkov: 'CKV_AZURE_3',
    cis: ['CIS Azure 3.1'],
    cwe: ['CWE-319'],
    types,
    api,
    check: (r, ctx) => {
      // Unset: the default is true from API version 2019-04-01; older API versions default to false (as Checkov reads it).
      const year = typeof r.attributes.apiVersion === 'string' ? Number(r.attributes.apiVersion.slice(0, 4)) : NaN;
      return expect('properties.supportsHttpsTrafficOnly', true, { whenMissing: year < 2019 ? 'fail' : 'pass' })(r, ctx);
    },
    fail: [props({ supportsHttpsTrafficOnly: false }), [{ api: '2018-07-01', body: props({ accessTier: 'Hot' }) }]],
    pass: [props({ supportsHttpsTrafficOnly: true }), props({ accessTier: 'Hot' })],
    unknown: [props({ supportsHttpsTrafficOnly: param('httpsOnly', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-STORAGE-MIN-TLS',
    title: 'Storage account allows TLS older than 1.2',
    severity: 'high',
    description:
      "TLS 1.0 and 1.1 have known weaknesses; a storage account that accepts them lets clients negotiate a weak channel. Unset, the API's default is TLS 1.0 (fails, as in Checkov); TLS1_3 passes, unlike Checkov's TLS1_2-only list.",
    remediation: "Set properties.minimumTlsVersion to 'TLS1_2'.",
    helpUri: 'https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version',
    checkov: 'CKV_AZURE_44',
    cis: ['CIS Azure 3.15'],
    cwe: ['CWE-326'],
    types,
    api,
    check: noOldTls('properties.minimumTlsVersion', 'fail'),
    fail: [props({ minimumTlsVersion: 'TLS1_0' }), props({ minimumTlsVersion: 'TLS1_1' }), props({ accessTier: 'Hot' })],
    pass: [props({ minimumTlsVersion: 'TLS1_2' })],
    unknown: [props({ minimumTlsVersion: param('minTls') })],
  }),
  azureRule({
    id: 'IAC-AZ-STORAGE-BLOB-PUBLIC-ACCESS',
    title: 'Storage account allows anonymous public blob access',
    severity: 'high',
    description: 'allowBlobPublicAccess true lets any container be made public, exposing its blobs to anyone without credentials.',
    remediation: 'Set properties.allowBlobPublicAccess to false.',
    helpUri: 'https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent',
    checkov: 'CKV_AZURE_190',
    cis: ['CIS Azure 3.7'],
    cwe: ['CWE-284'],
    types,
    api,
    check: forbid('properties.allowBlobPublicAccess', true),
    fail: [props({ allowBlobPublicAccess: true })],
    pass: [props({ allowBlobPublicAccess: false })],
    unknown: [props({ allowBlobPublicAccess: param('publicBlobs', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-STORAGE-NETWORK-DEFAULT-DENY',
    title: 'Storage account firewall allows every network by default',
    severity: 'medium',
    description: 'Without networkAcls.defaultAction Deny the account is reachable from any network; only credentials protect it.',
    remediation: "Set properties.networkAcls.defaultAction to 'Deny' and allow the networks that need access.",
    helpUri: 'https://learn.microsoft.com/azure/storage/common/storage-network-security',
    checkov: 'CKV_AZURE_35',
    cis: ['CIS Azure 3.8'],
    cwe: ['CWE-284'],
    types,
    api,
    check: expect('properties.networkAcls.defaultAction', 'Deny', { ignoreCase: true }),
    fail: [props({ networkAcls: { defaultAction: 'Allow' } }), props({ minimumTlsVersion: 'TLS1_2' })],
    pass: [props({ networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' } })],
    unknown: [props({ networkAcls: { defaultAction: param('defaultAction') } })],
  }),
  azureRule({
    id: 'IAC-AZ-STORAGE-SHARED-KEY',
    title: 'Storage account allows Shared Key authorization',
    severity: 'medium',
    description: 'Shared Key (account key) access bypasses Entra ID and RBAC: anyone holding a key or a key-signed SAS has full access.',
    remediation: 'Set properties.allowSharedKeyAccess to false and use Entra ID authorization.',
    helpUri: 'https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent',
    checkov: 'CKV2_AZURE_40',
    cwe: ['CWE-287'],
    types,
    api,
    check: expect('properties.allowSharedKeyAccess', false),
    fail: [props({ allowSharedKeyAccess: true }), props({ minimumTlsVersion: 'TLS1_2' })],
    pass: [props({ allowSharedKeyAccess: false })],
    unknown: [props({ allowSharedKeyAccess: param('sharedKey', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-STORAGE-INFRASTRUCTURE-ENCRYPTION',
    title: 'Storage account without infrastructure (double) encryption',
    severity: 'low',
    description: 'Infrastructure encryption adds a second layer of AES-256 encryption at the infrastructure level, protecting data if one key or algorithm is compromised.',
    remediation: 'Set properties.encryption.requireInfrastructureEncryption to true when creating the account.',
    helpUri: 'https://learn.microsoft.com/azure/storage/common/infrastructure-encryption-enable',
    cwe: ['CWE-311'],
    types,
    api,
    check: expect('properties.encryption.requireInfrastructureEncryption', true),
    fail: [props({ encryption: { requireInfrastructureEncryption: false, keySource: 'Microsoft.Storage' } }), props({ minimumTlsVersion: 'TLS1_2' })],
    pass: [props({ encryption: { requireInfrastructureEncryption: true, keySource: 'Microsoft.Storage' } })],
    unknown: [props({ encryption: { requireInfrastructureEncryption: param('doubleEncryption', 'bool') } })],
  }),
  azureRule({
    id: 'IAC-AZ-STORAGE-PUBLIC-NETWORK',
    title: 'Storage account public network access explicitly enabled',
    severity: 'medium',
    description: "publicNetworkAccess 'Enabled' opens the account's public endpoint to every network regardless of its firewall rules.",
    remediation: "Set properties.publicNetworkAccess to 'Disabled' (private endpoints) or leave it unset and restrict networkAcls.",
    helpUri: 'https://learn.microsoft.com/azure/storage/common/storage-network-security',
    checkov: 'CKV_AZURE_59',
    cwe: ['CWE-284'],
    types,
    api,
    check: forbid('properties.publicNetworkAccess', 'Enabled', { ignoreCase: true }),
    fail: [props({ publicNetworkAccess: 'Enabled' })],
    pass: [props({ publicNetworkAccess: 'Disabled' })],
    unknown: [props({ publicNetworkAccess: param('publicAccess') })],
  }),
  azureRule({
    id: 'IAC-AZ-STORAGE-CONTAINER-PUBLIC',
    title: 'Blob container allows anonymous public read access',
    severity: 'high',
    description: "A container with publicAccess 'Container' or 'Blob' lets anyone on the internet read its blobs (and, with 'Container', list them) without credentials.",
    remediation: "Set properties.publicAccess to 'None' (the default) and share data through SAS tokens or Entra ID.",
    helpUri: 'https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-configure',
    checkov: 'CKV_AZURE_34',
    cis: ['CIS Azure 3.7'],
    cwe: ['CWE-284'],
    types: ['Microsoft.Storage/storageAccounts/blobServices/containers'],
    api,
    check: forbid('properties.publicAccess', ['Container', 'Blob'], { ignoreCase: true }),
    fail: [[{ name: 'stlogs/default/public', body: { properties: { publicAccess: 'Container' } } }], [{ name: 'stlogs/default/images', body: { properties: { publicAccess: 'Blob' } } }]],
    pass: [[{ name: 'stlogs/default/private', body: { properties: { publicAccess: 'None' } } }], [{ name: 'stlogs/default/data', body: { properties: {} } }]],
    unknown: [[{ name: 'stlogs/default/data', body: { properties: { publicAccess: param('containerAccess') } } }]],
  }),
  azureRule({
    id: 'IAC-AZ-STORAGE-TRUSTED-SERVICES',
    title: 'Storage account firewall blocks trusted Microsoft services',
    severity: 'low',
    description:
      "With a Deny firewall and no AzureServices bypass, Azure Backup, Monitor, Event Grid and other trusted services cannot reach the account, so logging and backup silently stop. An account without a Deny firewall passes, as Checkov's Bicep check reads it (its ARM check fails one without networkAcls); the bypass list must name AzureServices (Checkov's Bicep check accepts any value but None).",
    remediation: "Add 'AzureServices' to properties.networkAcls.bypass (e.g. 'AzureServices, Logging, Metrics').",
    helpUri: 'https://learn.microsoft.com/azure/storage/common/storage-network-security#grant-access-to-trusted-azure-services',
    checkov: 'CKV_AZURE_36',
    cis: ['CIS Azure 3.9'],
    cwe: ['CWE-778'],
    types,
    api,
    check: (r, ctx) => {
      const action = get(r.attributes, 'properties.networkAcls.defaultAction');
      if (isUnknown(action)) return unknown('properties.networkAcls.defaultAction', action);
      if (!has(r, 'properties.networkAcls.defaultAction', 'Deny', true)) return pass('properties.networkAcls.defaultAction', action ?? null);
      return expect('properties.networkAcls.bypass', (v) => typeof v === 'string' && v.split(',').some((x) => x.trim().toLowerCase() === 'azureservices'))(r, ctx);
    },
    fail: [props({ networkAcls: { defaultAction: 'Deny', bypass: 'None' } }), props({ networkAcls: { defaultAction: 'Deny' } })],
    pass: [props({ networkAcls: { defaultAction: 'Deny', bypass: 'Logging, Metrics, AzureServices' } }), props({ networkAcls: { defaultAction: 'Allow' } }), props({ minimumTlsVersion: 'TLS1_2' })],
    unknown: [props({ networkAcls: { defaultAction: 'Deny', bypass: param('bypass') } })],
  }),
  azureRule({
    id: 'IAC-AZ-STORAGE-QUEUE-LOGGING',
    title: 'Storage queue service does not log read, write and delete requests',
    severity: 'low',
    description:
      "Without StorageRead, StorageWrite and StorageDelete logs for the queue service there is no record of who read or changed messages. Judged on the queueServices diagnostic settings child, as Checkov does; the category group 'allLogs' counts too.",
    remediation: "Enable the StorageRead, StorageWrite and StorageDelete categories (or categoryGroup 'allLogs') in the queue service's diagnostic settings.",
    helpUri: 'https://learn.microsoft.com/azure/storage/queues/monitor-queue-storage',
    checkov: 'CKV_AZURE_33',
    cis: ['CIS Azure 3.3'],
    cwe: ['CWE-778'],
    types: ['Microsoft.Storage/storageAccounts/queueServices/providers/diagnosticSettings'],
    api: '2021-05-01-preview',
    check: (r) => {
      const logs = get(r.attributes, 'properties.logs');
      if (isUnknown(logs)) return unknown('properties.logs', logs);
      const enabled = new Set<string>();
      let unsure = false;
      for (const log of Array.isArray(logs) ? logs : []) {
        if (!isObject(log)) continue;
        if (isUnknown(log.enabled)) unsure = true;
        if (asBoolean(log.enabled) !== true) continue;
        for (const c of [log.category, log.categoryGroup]) if (typeof c === 'string') enabled.add(c.toLowerCase());
      }
      if (enabled.has('alllogs') || ['storageread', 'storagewrite', 'storagedelete'].every((c) => enabled.has(c))) return pass('properties.logs');
      return unsure ? unknown('properties.logs') : fail('properties.logs', undefined, `${r.address} does not log StorageRead, StorageWrite and StorageDelete`);
    },
    fail: [[{ name: 'stlogs/default/Microsoft.Insights/queue-logs', body: { properties: { workspaceId: 'law-id', logs: [{ category: 'StorageRead', enabled: true }, { category: 'StorageWrite', enabled: true }] } } }]],
    pass: [
      [{ name: 'stlogs/default/Microsoft.Insights/queue-logs', body: { properties: { workspaceId: 'law-id', logs: ['StorageRead', 'StorageWrite', 'StorageDelete'].map((category) => ({ category, enabled: true })) } } }],
      [{ name: 'stlogs/default/Microsoft.Insights/queue-logs', body: { properties: { workspaceId: 'law-id', logs: [{ categoryGroup: 'allLogs', enabled: true }] } } }],
    ],
    unknown: [[{ name: 'stlogs/default/Microsoft.Insights/queue-logs', body: { properties: { workspaceId: 'law-id', logs: [{ categoryGroup: 'allLogs', enabled: param('logsOn', 'bool') }] } } }]],
  }),
];
