// Container registries.
import { expect, fail, forbid, has, notApplicable, pass, unknown } from '../../helpers';
import type { IacRule, Verdict } from '../../types';
import { isObject, isUnknown, lookup } from '../../values';
import { azureRule, param, type Body, type Param } from './build';
import { publicNetworkDisabled } from './checks';

const types = ['Microsoft.ContainerRegistry/registries'];
const api = '2023-07-01';
const registry = (p: Body): Body => ({ sku: { name: 'Premium' }, properties: p });
const SECRET_NAME = /pass(word|wd)?|pwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|conn(ection)?[-_]?str|credential/i;
const aci = (environmentVariables: Body[] | Param): Body => ({
  properties: {
    osType: 'Linux',
    containers: [{ name: 'app', properties: { image: 'mcr.microsoft.com/azuredocs/aci-helloworld', resources: { requests: { cpu: 1, memoryInGB: 1.5 } }, environmentVariables } }],
  },
});

export const containerRules: readonly IacRule[] = [
  azureRule({
    id: 'IAC-AZ-ACR-ADMIN-USER',
    title: 'Container registry admin user enabled',
    severity: 'high',
    description: 'The admin user is a shared username/password with push and pull rights on every repository, outside Entra ID and RBAC.',
    remediation: 'Set properties.adminUserEnabled to false and use Entra ID identities or repository-scoped tokens.',
    helpUri: 'https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account',
    checkov: 'CKV_AZURE_137',
    cwe: ['CWE-798'],
    types,
    api,
    check: forbid('properties.adminUserEnabled', true),
    fail: [registry({ adminUserEnabled: true })],
    pass: [registry({ adminUserEnabled: false }), registry({ publicNetworkAccess: 'Disabled' })],
    unknown: [registry({ adminUserEnabled: param('adminUser', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-ACR-PUBLIC-NETWORK',
    title: 'Container registry reachable from public networks',
    severity: 'medium',
    description: 'A registry with public network access enabled serves images (and accepts credentials) from any network.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and use private endpoints (Premium SKU).",
    helpUri: 'https://learn.microsoft.com/azure/container-registry/container-registry-private-link',
    checkov: 'CKV_AZURE_139',
    cwe: ['CWE-284'],
    types,
    api,
    check: publicNetworkDisabled(),
    fail: [registry({ publicNetworkAccess: 'Enabled' }), registry({ adminUserEnabled: false })],
    pass: [registry({ publicNetworkAccess: 'Disabled' })],
    unknown: [registry({ publicNetworkAccess: param('publicAccess') })],
  }),
  azureRule({
    id: 'IAC-AZ-ACR-ANONYMOUS-PULL',
    title: 'Container registry allows anonymous pull',
    severity: 'medium',
    description: 'Anonymous pull lets anyone download every image of the registry, with whatever code and secrets the images hold.',
    remediation: 'Set properties.anonymousPullEnabled to false (the default).',
    helpUri: 'https://learn.microsoft.com/azure/container-registry/anonymous-pull-access',
    checkov: 'CKV_AZURE_138',
    cwe: ['CWE-284'],
    types,
    api,
    // Anonymous pull exists only on the Standard and Premium SKUs; a Basic registry passes (as in Checkov).
    check: (r, ctx) => (has(r, 'sku.name', 'Basic', true) ? pass('sku.name', 'Basic') : expect('properties.anonymousPullEnabled', false, { whenMissing: 'pass' })(r, ctx)),
    fail: [registry({ anonymousPullEnabled: true }), { sku: { name: 'Standard' }, properties: { anonymousPullEnabled: true } }],
    pass: [registry({ anonymousPullEnabled: false }), registry({ adminUserEnabled: false }), { sku: { name: 'Basic' }, properties: { anonymousPullEnabled: true } }],
    unknown: [registry({ anonymousPullEnabled: param('anonymousPull', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-ACI-SECRET-ENV-VALUE',
    title: 'Container group passes a secret in a plain environment variable',
    severity: 'medium',
    description:
      "A plain environment variable value is shown in the portal, the CLI and the deployment history; secrets belong in secureValue. Unlike Checkov, which flags every plain value, only variables whose names say they hold a secret (password, secret, key, token, connection string) are judged.",
    remediation: 'Move the value to secureValue (from a secure parameter or Key Vault reference), or mount it from a secret volume.',
    helpUri: 'https://learn.microsoft.com/azure/container-instances/container-instances-environment-variables#secure-values',
    checkov: 'CKV_AZURE_235',
    cwe: ['CWE-312'],
    types: ['Microsoft.ContainerInstance/containerGroups'],
    api: '2023-05-01',
    check: (r) => {
      const found = [...lookup(r.attributes, 'properties.containers.properties.environmentVariables'), ...lookup(r.attributes, 'properties.initContainers.properties.environmentVariables')];
      if (!found.length) return notApplicable();
      const verdicts: Verdict[] = [];
      for (const f of found) {
        if (isUnknown(f.value)) verdicts.push(unknown(f.path, f.value));
        if (!Array.isArray(f.value)) continue;
        f.value.forEach((v, i) => {
          if (!isObject(v) || typeof v.name !== 'string' || !SECRET_NAME.test(v.name) || v.value === undefined) return;
          verdicts.push(fail(`${f.path}[${i}].value`, undefined, `${r.address}: ${v.name} is a plain environment variable, not a secureValue`));
        });
      }
      const fails = verdicts.filter((v) => v.outcome === 'fail');
      return fails.length ? fails : (verdicts[0] ?? pass('properties.containers'));
    },
    fail: [aci([{ name: 'DB_PASSWORD', value: 'hunter2' }]), aci([{ name: 'LOG_LEVEL', value: 'info' }, { name: 'API_KEY', value: param('apiKey') }])],
    pass: [aci([{ name: 'DB_PASSWORD', secureValue: param('dbPassword') }, { name: 'LOG_LEVEL', value: 'info' }])],
    unknown: [aci(param('envVars', 'array'))],
  }),
];
