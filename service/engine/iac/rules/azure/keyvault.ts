// Key vaults.
import { anyOf, expect, fail, has, pass, requireAny, when } from '../../helpers';
import { isObject, isUnknown } from '../../values';
import type { IacRule } from '../../types';
import { azureRule, param } from './build';
import { publicNetworkDisabled } from './checks';

const types = ['Microsoft.KeyVault/vaults'];
const api = '2023-07-01';
const props = (p: Record<string, unknown>) => ({ properties: { tenantId: 'b2a1c0d4-0000-4000-8000-000000000001', sku: { family: 'A', name: 'standard' }, ...p } }) as never;

export const keyVaultRules: readonly IacRule[] = [
  azureRule({
    id: 'IAC-AZ-KEYVAULT-PURGE-PROTECTION',
    title: 'Key vault without purge protection',
    severity: 'medium',
    description:
      'Without purge protection a deleted vault or secret can be purged at once, so a compromised admin or a mistake destroys keys for good. Soft delete left unset passes (on by default; Checkov CKV_AZURE_42 also wants enableSoftDelete written).',
    remediation: 'Set properties.enablePurgeProtection to true (it cannot be turned off again).',
    helpUri: 'https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview',
    checkov: ['CKV_AZURE_110', 'CKV_AZURE_42'],
    cis: ['CIS Azure 8.5'],
    cwe: ['CWE-693'],
    types,
    api,
    check: expect('properties.enablePurgeProtection', true),
    fail: [props({ enablePurgeProtection: false }), props({ enableSoftDelete: true })],
    pass: [props({ enablePurgeProtection: true })],
    unknown: [props({ enablePurgeProtection: param('purgeProtection', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-KEYVAULT-SOFT-DELETE',
    title: 'Key vault soft delete disabled',
    severity: 'medium',
    description: 'Soft delete keeps deleted vaults, keys and secrets recoverable for a retention period; disabling it makes deletion final.',
    remediation: 'Remove enableSoftDelete: false (soft delete is on by default) and keep softDeleteRetentionInDays at 7 or more.',
    helpUri: 'https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview',
    checkov: 'CKV_AZURE_111',
    cwe: ['CWE-693'],
    types,
    api,
    check: expect('properties.enableSoftDelete', true, { whenMissing: 'pass' }),
    fail: [props({ enableSoftDelete: false })],
    pass: [props({ enableSoftDelete: true, softDeleteRetentionInDays: 90 }), props({ enablePurgeProtection: true })],
    unknown: [props({ enableSoftDelete: param('softDelete', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-KEYVAULT-NETWORK-DEFAULT-DENY',
    title: 'Key vault firewall allows every network by default',
    severity: 'medium',
    description: 'Without networkAcls.defaultAction Deny the vault accepts requests from any network; only Entra ID protects the secrets.',
    remediation: "Set properties.networkAcls.defaultAction to 'Deny' and allow the networks or private endpoints that need access.",
    helpUri: 'https://learn.microsoft.com/azure/key-vault/general/network-security',
    checkov: 'CKV_AZURE_109',
    cwe: ['CWE-284'],
    types,
    api,
    check: expect('properties.networkAcls.defaultAction', 'Deny', { ignoreCase: true }),
    fail: [props({ networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' } }), props({ enablePurgeProtection: true })],
    pass: [props({ networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' } })],
    unknown: [props({ networkAcls: { defaultAction: param('defaultAction') } })],
  }),
  azureRule({
    id: 'IAC-AZ-KEYVAULT-RBAC',
    title: 'Key vault uses access policies instead of Azure RBAC',
    severity: 'low',
    description: 'Vault access policies are per-vault grants outside Azure RBAC: no PIM, no deny assignments, no central review; anyone with Contributor can grant themselves access.',
    remediation: 'Set properties.enableRbacAuthorization to true and grant Key Vault data-plane roles.',
    helpUri: 'https://learn.microsoft.com/azure/key-vault/general/rbac-migration',
    cwe: ['CWE-732'],
    types,
    api,
    check: expect('properties.enableRbacAuthorization', true),
    fail: [props({ enableRbacAuthorization: false, accessPolicies: [] }), props({ accessPolicies: [] })],
    pass: [props({ enableRbacAuthorization: true })],
    unknown: [props({ enableRbacAuthorization: param('rbac', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-KEYVAULT-PUBLIC-NETWORK',
    title: 'Key vault reachable from public networks',
    severity: 'medium',
    description:
      "A vault with public network access enabled is reachable from the internet; private endpoints keep secrets off the public endpoint. A firewall with defaultAction Deny that lists allowed IP ranges (networkAcls.ipRules) counts as restricted, as in Checkov (which also accepts ipRules under Allow, where they restrict nothing); 'Disabled' is read in any case.",
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and use private endpoints (or allow only listed IP ranges).",
    helpUri: 'https://learn.microsoft.com/azure/key-vault/general/private-link-service',
    checkov: 'CKV_AZURE_189',
    cwe: ['CWE-284'],
    types,
    api,
    check: anyOf(publicNetworkDisabled(), when((r) => !has(r, 'properties.networkAcls.defaultAction', 'Allow', true), requireAny('properties.networkAcls.ipRules'))),
    fail: [props({ publicNetworkAccess: 'Enabled' }), props({ enablePurgeProtection: true }), props({ networkAcls: { defaultAction: 'Allow', ipRules: [{ value: '203.0.113.0/24' }] } })],
    pass: [props({ publicNetworkAccess: 'Disabled' }), props({ networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '203.0.113.0/24' }] } })],
    unknown: [props({ publicNetworkAccess: param('publicAccess') })],
  }),
  azureRule({
    id: 'IAC-AZ-KEYVAULT-SECRET-EXPIRATION',
    title: 'Key vault secret without an expiration date',
    severity: 'low',
    description: 'A secret without an expiration date is never forced to rotate; a leaked value stays valid indefinitely.',
    remediation: 'Set properties.attributes.exp (seconds since 1970) and rotate the secret before it expires.',
    helpUri: 'https://learn.microsoft.com/azure/key-vault/secrets/about-secrets',
    checkov: 'CKV_AZURE_41',
    cis: ['CIS Azure 8.3'],
    cwe: ['CWE-324'],
    types: ['Microsoft.KeyVault/vaults/secrets'],
    api,
    check: expect('properties.attributes.exp', (v) => typeof v === 'number' && v > 0),
    fail: [[{ name: 'kv/db-password', body: { properties: { value: param('dbPassword'), attributes: { enabled: true } } } }]],
    pass: [[{ name: 'kv/db-password', body: { properties: { value: param('dbPassword'), attributes: { enabled: true, exp: 1798761600 } } } }]],
    unknown: [[{ name: 'kv/db-password', body: { properties: { value: param('dbPassword'), attributes: { exp: param('expiry', 'int') } } } }]],
  }),
  azureRule({
    id: 'IAC-AZ-KEYVAULT-KEY-EXPIRATION',
    title: 'Key vault key without an expiration date',
    severity: 'low',
    description:
      'A key without an expiration date is never forced to rotate, so a compromised key stays usable indefinitely. attributes.exp counts as well as a rotation policy expiryTime (Checkov reads only the latter).',
    remediation: 'Set properties.attributes.exp, or a rotationPolicy with an expiryTime.',
    helpUri: 'https://learn.microsoft.com/azure/key-vault/keys/about-keys',
    checkov: 'CKV_AZURE_40',
    cis: ['CIS Azure 8.1'],
    cwe: ['CWE-324'],
    types: ['Microsoft.KeyVault/vaults/keys'],
    api,
    check: (r) => {
      const p = isObject(r.attributes.properties) ? r.attributes.properties : {};
      const exp = isObject(p.attributes) ? p.attributes.exp : undefined;
      const policy = isObject(p.rotationPolicy) && isObject(p.rotationPolicy.attributes) ? p.rotationPolicy.attributes.expiryTime : undefined;
      if (typeof exp === 'number' && exp > 0) return pass('properties.attributes.exp', exp);
      if (typeof policy === 'string' && policy) return pass('properties.rotationPolicy.attributes.expiryTime', policy);
      if (isUnknown(exp)) return { outcome: 'unknown', path: 'properties.attributes.exp', value: exp };
      return fail('properties.attributes.exp', exp);
    },
    fail: [[{ name: 'kv/cmk', body: { properties: { kty: 'RSA', keySize: 3072 } } }]],
    pass: [
      [{ name: 'kv/cmk', body: { properties: { kty: 'RSA', keySize: 3072, attributes: { exp: 1798761600 } } } }],
      [{ name: 'kv/cmk', body: { properties: { kty: 'RSA', rotationPolicy: { attributes: { expiryTime: 'P2Y' }, lifetimeActions: [] } } } }],
    ],
    unknown: [[{ name: 'kv/cmk', body: { properties: { kty: 'RSA', attributes: { exp: param('expiry', 'int') } } } }]],
  }),
  azureRule({
    id: 'IAC-AZ-KEYVAULT-SECRET-LITERAL-VALUE',
    title: 'Key vault secret value written in the template',
    severity: 'high',
    description: 'A literal secret value in a template is in source control, in every clone and in the deployment history; the vault protects nothing.',
    remediation: 'Pass the value as a secure parameter (or generate it at deployment) instead of writing it in the template.',
    helpUri: 'https://learn.microsoft.com/azure/key-vault/secrets/quick-create-bicep',
    cwe: ['CWE-798'],
    types: ['Microsoft.KeyVault/vaults/secrets'],
    api,
    check: (r) => {
      const v = isObject(r.attributes.properties) ? r.attributes.properties.value : undefined;
      // A parameter, a listKeys() result, a generated value: not written in the file.
      if (v === undefined || isUnknown(v) || v === '') return pass('properties.value');
      return fail('properties.value', undefined, `${r.address}: the secret value is written in the template`);
    },
    fail: [[{ name: 'kv/api-key', body: { properties: { value: 'hunter2-in-template' } } }]],
    pass: [[{ name: 'kv/api-key', body: { properties: { value: param('apiKey') } } }]],
  }),
  azureRule({
    id: 'IAC-AZ-KEYVAULT-SECRET-CONTENT-TYPE',
    title: 'Key vault secret without a content type',
    severity: 'low',
    description: 'A content type says what a secret is (password, connection string, certificate) so it can be handled, rotated and reviewed correctly.',
    remediation: "Set properties.contentType (e.g. 'password', 'connection-string').",
    helpUri: 'https://learn.microsoft.com/azure/key-vault/secrets/about-secrets',
    checkov: 'CKV_AZURE_114',
    cwe: ['CWE-1059'],
    types: ['Microsoft.KeyVault/vaults/secrets'],
    api,
    check: requireAny('properties.contentType'),
    fail: [[{ name: 'kv/db-password', body: { properties: { value: param('dbPassword') } } }]],
    pass: [[{ name: 'kv/db-password', body: { properties: { value: param('dbPassword'), contentType: 'password' } } }]],
    unknown: [[{ name: 'kv/db-password', body: { properties: { value: param('dbPassword'), contentType: param('contentType') } } }]],
  }),
  azureRule({
    id: 'IAC-AZ-KEYVAULT-KEY-HSM',
    title: 'Key vault key is not backed by an HSM',
    severity: 'low',
    description: 'Software-protected keys are processed outside a hardware security module; HSM-backed keys (RSA-HSM, EC-HSM) never leave the FIPS 140 validated boundary.',
    remediation: "Set properties.kty to 'RSA-HSM' or 'EC-HSM' (Premium vault).",
    helpUri: 'https://learn.microsoft.com/azure/key-vault/keys/about-keys',
    checkov: 'CKV_AZURE_112',
    cwe: ['CWE-320'],
    types: ['Microsoft.KeyVault/vaults/keys'],
    api,
    check: expect('properties.kty', ['RSA-HSM', 'EC-HSM']),
    fail: [[{ name: 'kv/cmk', body: { properties: { kty: 'RSA', keySize: 3072 } } }], [{ name: 'kv/cmk', body: { properties: { keySize: 3072 } } }]],
    pass: [[{ name: 'kv/cmk', body: { properties: { kty: 'RSA-HSM', keySize: 3072 } } }]],
    unknown: [[{ name: 'kv/cmk', body: { properties: { kty: param('keyType') } } }]],
  }),
];
