// Azure Container Registry (azurerm_container_registry).
import { all, expect, forbid, type Check } from '../../helpers';
import type { IacRule, Verdict } from '../../types';
import { isObject, isUnknown } from '../../values';
import { atLeast, expectAlias, hcl, plan, variable } from './b-shared';
import { requireSet } from './a-common';

const ACR = 'azurerm_container_registry';
const BASE = 'resource_group_name = "rg"\nlocation            = "westeurope"\nsku                 = "Premium"';

export const acrAdminUser: IacRule = {
  id: 'IAC-TF-AZ-ACR-ADMIN-USER',
  title: 'Container registry admin user is enabled',
  severity: 'high',
  description: 'The admin user is a single shared username/password with push and pull rights on every repository, outside Entra ID and RBAC.',
  remediation: 'Set admin_enabled = false (default) and grant AcrPull/AcrPush roles to identities instead.',
  remediationSnippet: `resource "${ACR}" "example" {\n  admin_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account',
  checkov: 'CKV_AZURE_137',
  cwe: ['CWE-798'],
  model: 'terraform',
  resourceTypes: [ACR],
  check: forbid('admin_enabled', true),
  examples: {
    hcl: {
      fail: [hcl(ACR, `${BASE}\nadmin_enabled = true`)],
      pass: [hcl(ACR, BASE), hcl(ACR, `${BASE}\nadmin_enabled = false`)],
      unknown: [hcl(ACR, `${BASE}\nadmin_enabled = var.admin`, variable('admin'))],
    },
    tfplan: {
      fail: [plan({ type: ACR, values: { sku: 'Premium', admin_enabled: true } })],
      pass: [plan({ type: ACR, values: { sku: 'Premium', admin_enabled: false } })],
    },
  },
};

export const acrPublicNetwork: IacRule = {
  id: 'IAC-TF-AZ-ACR-PUBLIC-NETWORK',
  title: 'Container registry is reachable from the public internet',
  severity: 'medium',
  description: 'A registry with public network access can be reached (and its credentials tried) from anywhere; private registries belong behind private endpoints.',
  remediation: 'Set public_network_access_enabled = false (default true) and use private endpoints (Premium SKU).',
  remediationSnippet: `resource "${ACR}" "example" {\n  sku                           = "Premium"\n  public_network_access_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/container-registry/container-registry-private-link',
  checkov: 'CKV_AZURE_139',
  model: 'terraform',
  resourceTypes: [ACR],
  check: expect('public_network_access_enabled', false),
  examples: {
    hcl: {
      fail: [hcl(ACR, BASE)],
      pass: [hcl(ACR, `${BASE}\npublic_network_access_enabled = false`)],
      unknown: [hcl(ACR, `${BASE}\npublic_network_access_enabled = var.public`, variable('public'))],
    },
    tfplan: {
      fail: [plan({ type: ACR, values: { sku: 'Premium', public_network_access_enabled: true } })],
      pass: [plan({ type: ACR, values: { sku: 'Premium', public_network_access_enabled: false } })],
    },
  },
};

export const acrAnonymousPull: IacRule = {
  id: 'IAC-TF-AZ-ACR-ANONYMOUS-PULL',
  title: 'Container registry allows anonymous pull',
  severity: 'high',
  description: 'Anonymous pull lets anyone who can reach the registry download every image, with whatever code and secrets they contain.',
  remediation: 'Set anonymous_pull_enabled = false (default).',
  remediationSnippet: `resource "${ACR}" "example" {\n  anonymous_pull_enabled = false\n}`,
  helpUri: 'https://learn.microsoft.com/azure/container-registry/anonymous-pull-access',
  checkov: 'CKV_AZURE_138',
  cwe: ['CWE-306'],
  model: 'terraform',
  resourceTypes: [ACR],
  check: forbid('anonymous_pull_enabled', true),
  examples: {
    hcl: {
      fail: [hcl(ACR, `${BASE}\nanonymous_pull_enabled = true`)],
      pass: [hcl(ACR, BASE)],
      unknown: [hcl(ACR, `${BASE}\nanonymous_pull_enabled = var.anonymous`, variable('anonymous'))],
    },
    tfplan: {
      fail: [plan({ type: ACR, values: { sku: 'Standard', anonymous_pull_enabled: true } })],
      pass: [plan({ type: ACR, values: { sku: 'Standard', anonymous_pull_enabled: false } })],
    },
  },
};

export const acrQuarantine: IacRule = {
  id: 'IAC-TF-AZ-ACR-QUARANTINE',
  title: 'Container registry does not quarantine new images',
  severity: 'low',
  description: 'With quarantine, pushed images cannot be pulled until a scanner marks them verified, so unscanned images never reach a cluster.',
  remediation: 'Set quarantine_policy_enabled = true (Premium SKU).',
  remediationSnippet: `resource "${ACR}" "example" {\n  sku                       = "Premium"\n  quarantine_policy_enabled = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/container-registry/container-registry-faq',
  checkov: 'CKV_AZURE_166',
  model: 'terraform',
  resourceTypes: [ACR],
  check: expect('quarantine_policy_enabled', true),
  examples: {
    hcl: {
      fail: [hcl(ACR, BASE)],
      pass: [hcl(ACR, `${BASE}\nquarantine_policy_enabled = true`)],
      unknown: [hcl(ACR, `${BASE}\nquarantine_policy_enabled = var.quarantine`, variable('quarantine'))],
    },
    tfplan: {
      fail: [plan({ type: ACR, values: { sku: 'Premium', quarantine_policy_enabled: false } })],
      pass: [plan({ type: ACR, values: { sku: 'Premium', quarantine_policy_enabled: true } })],
    },
  },
};

export const acrTrustPolicy: IacRule = {
  id: 'IAC-TF-AZ-ACR-TRUST-POLICY',
  title: 'Container registry does not enforce content trust',
  severity: 'low',
  description: 'Content trust lets clients verify that an image was signed by its publisher and not altered in the registry.',
  remediation: 'Set trust_policy_enabled = true (azurerm 4.x) or trust_policy { enabled = true } (3.x), Premium SKU.',
  remediationSnippet: `resource "${ACR}" "example" {\n  sku                  = "Premium"\n  trust_policy_enabled = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/container-registry/container-registry-content-trust',
  checkov: 'CKV_AZURE_164',
  cwe: ['CWE-494'],
  model: 'terraform',
  resourceTypes: [ACR],
  check: expectAlias(['trust_policy_enabled', 'trust_policy.enabled'], true),
  examples: {
    hcl: {
      fail: [hcl(ACR, BASE), hcl(ACR, `${BASE}\ntrust_policy {\n  enabled = false\n}`)],
      pass: [hcl(ACR, `${BASE}\ntrust_policy_enabled = true`), hcl(ACR, `${BASE}\ntrust_policy {\n  enabled = true\n}`)],
      unknown: [hcl(ACR, `${BASE}\ntrust_policy_enabled = var.trust`, variable('trust'))],
    },
    tfplan: {
      fail: [plan({ type: ACR, values: { sku: 'Premium', trust_policy_enabled: false } })],
      pass: [plan({ type: ACR, values: { sku: 'Premium', trust_policy_enabled: true } })],
    },
  },
};

export const acrRetentionPolicy: IacRule = {
  id: 'IAC-TF-AZ-ACR-RETENTION-POLICY',
  title: 'Container registry keeps untagged manifests forever',
  severity: 'low',
  description: 'Untagged manifests pile up old, unpatched images that can still be pulled by digest; a retention policy deletes them.',
  remediation: 'Set retention_policy_in_days = 7 (azurerm 4.x) or retention_policy { enabled = true, days = 7 } (3.x), Premium SKU.',
  remediationSnippet: `resource "${ACR}" "example" {\n  sku                      = "Premium"\n  retention_policy_in_days = 7\n}`,
  helpUri: 'https://learn.microsoft.com/azure/container-registry/container-registry-retention-policy',
  checkov: 'CKV_AZURE_167',
  model: 'terraform',
  resourceTypes: [ACR],
  // azurerm 3.x: retention_policy { enabled, days }; 4.x: retention_policy_in_days.
  check: (r, ctx) =>
    'retention_policy' in r.attributes && !('retention_policy_in_days' in r.attributes)
      ? expect('retention_policy.enabled', true)(r, ctx)
      : expect('retention_policy_in_days', atLeast(1))(r, ctx),
  examples: {
    hcl: {
      fail: [hcl(ACR, BASE), hcl(ACR, `${BASE}\nretention_policy {\n  enabled = false\n}`)],
      pass: [hcl(ACR, `${BASE}\nretention_policy_in_days = 7`), hcl(ACR, `${BASE}\nretention_policy {\n  days    = 7\n  enabled = true\n}`)],
      unknown: [hcl(ACR, `${BASE}\nretention_policy_in_days = var.days`, variable('days'))],
    },
    tfplan: {
      fail: [plan({ type: ACR, values: { sku: 'Premium', retention_policy: [{ days: 7, enabled: false }] } })],
      pass: [plan({ type: ACR, values: { sku: 'Premium', retention_policy: [{ days: 7, enabled: true }] } })],
    },
  },
};

export const acrGeoReplication: IacRule = {
  id: 'IAC-TF-AZ-ACR-GEO-REPLICATION',
  title: 'Container registry is not geo-replicated',
  severity: 'low',
  description: 'A registry in one region stops every deployment that pulls from it during a regional outage.',
  remediation: 'Add georeplications { location = "…" } blocks (Premium SKU).',
  remediationSnippet: `resource "${ACR}" "example" {\n  sku = "Premium"\n  georeplications {\n    location                = "northeurope"\n    zone_redundancy_enabled = true\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication',
  checkov: 'CKV_AZURE_165',
  model: 'terraform',
  resourceTypes: [ACR],
  check: requireSet('georeplications.location'),
  examples: {
    hcl: {
      fail: [hcl(ACR, BASE)],
      pass: [hcl(ACR, `${BASE}\ngeoreplications {\n  location = "northeurope"\n}`)],
      unknown: [hcl(ACR, `${BASE}\ngeoreplications {\n  location = var.replica\n}`, variable('replica'))],
    },
    tfplan: {
      fail: [plan({ type: ACR, values: { sku: 'Premium', georeplications: [] } })],
      pass: [plan({ type: ACR, values: { sku: 'Premium', georeplications: [{ location: 'northeurope', zone_redundancy_enabled: true }] } })],
    },
  },
};

export const acrCustomerManagedKey: IacRule = {
  id: 'IAC-TF-AZ-ACR-CMK',
  title: 'Container registry is not encrypted with a customer-managed key',
  severity: 'low',
  description: 'A customer-managed key keeps control of the registry\'s encryption (rotation, revocation) with you instead of Microsoft.',
  remediation: 'Add encryption { key_vault_key_id = …, identity_client_id = … } with a user-assigned identity (Premium SKU).',
  remediationSnippet: `resource "${ACR}" "example" {\n  encryption {\n    key_vault_key_id   = azurerm_key_vault_key.acr.id\n    identity_client_id = azurerm_user_assigned_identity.acr.client_id\n  }\n}`,
  helpUri: 'https://learn.microsoft.com/azure/container-registry/tutorial-enable-customer-managed-keys',
  cwe: ['CWE-311'],
  model: 'terraform',
  resourceTypes: [ACR],
  check: requireSet('encryption.key_vault_key_id'),
  examples: {
    hcl: {
      fail: [hcl(ACR, BASE)],
      pass: [hcl(ACR, `${BASE}\nencryption {\n  key_vault_key_id   = "https://kv.vault.azure.net/keys/acr/1"\n  identity_client_id = "00000000-0000-0000-0000-000000000000"\n}`)],
      unknown: [hcl(ACR, `${BASE}\nencryption {\n  key_vault_key_id = var.key\n}`, variable('key'))],
    },
    tfplan: {
      fail: [plan({ type: ACR, values: { sku: 'Premium', encryption: [] } })],
      pass: [plan({ type: ACR, values: { sku: 'Premium', encryption: [{ key_vault_key_id: 'https://kv.vault.azure.net/keys/acr/1', identity_client_id: 'id' }] } })],
    },
  },
};

/** Every geo-replica must be zone redundant too (each defaults to false). */
const replicasZoneRedundant: Check = (r) => {
  const replicas = r.attributes.georeplications;
  if (isUnknown(replicas)) return { outcome: 'unknown', path: 'georeplications', value: replicas };
  if (!Array.isArray(replicas) || !replicas.length) return { outcome: 'not-applicable' };
  const verdicts: Verdict[] = replicas.map((rep, i) => {
    const path = `georeplications[${i}].zone_redundancy_enabled`;
    const v = isObject(rep) ? rep.zone_redundancy_enabled : undefined;
    if (isUnknown(v)) return { outcome: 'unknown', path, value: v };
    return v === true ? { outcome: 'pass', path, value: v } : { outcome: 'fail', path, ...(v !== undefined ? { value: v } : {}) };
  });
  const fails = verdicts.filter((v) => v.outcome === 'fail');
  return fails.length ? fails : (verdicts.find((v) => v.outcome === 'unknown') ?? verdicts[0]);
};

export const acrZoneRedundancy: IacRule = {
  id: 'IAC-TF-AZ-ACR-ZONE-REDUNDANCY',
  title: 'Container registry is not zone redundant',
  severity: 'low',
  description: 'Without zone redundancy a single availability-zone failure makes the registry (or a geo-replica of it), and every pull from it, unavailable.',
  remediation: 'Set zone_redundancy_enabled = true on the registry and on each georeplications block (Premium SKU; default false).',
  remediationSnippet: `resource "${ACR}" "example" {\n  sku                     = "Premium"\n  zone_redundancy_enabled = true\n}`,
  helpUri: 'https://learn.microsoft.com/azure/container-registry/zone-redundancy',
  checkov: 'CKV_AZURE_233',
  model: 'terraform',
  resourceTypes: [ACR],
  check: all(expect('zone_redundancy_enabled', true), replicasZoneRedundant),
  examples: {
    hcl: {
      fail: [hcl(ACR, BASE), hcl(ACR, `${BASE}\nzone_redundancy_enabled = true\ngeoreplications {\n  location = "northeurope"\n}`)],
      pass: [
        hcl(ACR, `${BASE}\nzone_redundancy_enabled = true`),
        hcl(ACR, `${BASE}\nzone_redundancy_enabled = true\ngeoreplications {\n  location                = "northeurope"\n  zone_redundancy_enabled = true\n}`),
      ],
      unknown: [hcl(ACR, `${BASE}\nzone_redundancy_enabled = var.zones`, variable('zones'))],
    },
  },
};

export const acrRules: readonly IacRule[] = [
  acrAdminUser,
  acrPublicNetwork,
  acrAnonymousPull,
  acrQuarantine,
  acrTrustPolicy,
  acrRetentionPolicy,
  acrGeoReplication,
  acrCustomerManagedKey,
  acrZoneRedundancy,
];
