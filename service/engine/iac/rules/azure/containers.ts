// Container registries.
import { expect, forbid } from '../../helpers';
import type { IacRule } from '../../types';
import { azureRule, param, type Body } from './build';
import { publicNetworkDisabled } from './checks';

const types = ['Microsoft.ContainerRegistry/registries'];
const api = '2023-07-01';
const registry = (p: Body): Body => ({ sku: { name: 'Premium' }, properties: p });

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
    check: expect('properties.anonymousPullEnabled', false, { whenMissing: 'pass' }),
    fail: [registry({ anonymousPullEnabled: true })],
    pass: [registry({ anonymousPullEnabled: false }), registry({ adminUserEnabled: false })],
    unknown: [registry({ anonymousPullEnabled: param('anonymousPull', 'bool') })],
  }),
];
