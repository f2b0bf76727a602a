// Tiny snapshot builders for tests and control examples: `snapshotOf(partial)` fills every area as
// available and every section empty; the `*Of(partial)` makers fill one object with neutral defaults
// (facets available, nothing open, no checks, no policies) so an example states only what it is about.
import {
  AREA_NAMES,
  SNAPSHOT_SCHEMA_VERSION,
  type AdminGroupSnap,
  type AgentPoolSnap,
  type AgentQueueSnap,
  type AreaName,
  type AreaStatus,
  type BranchPolicySnap,
  type BuildDefinitionSnap,
  type CheckSnap,
  type EnvironmentSnap,
  type ExtensionSnap,
  type Facet,
  type OrgSnapshot,
  type PipelineAccess,
  type ProjectPipelineAccess,
  type ProjectSnap,
  type ReleaseDefinitionSnap,
  type ReleaseStageSnap,
  type RepoAdvancedSecurity,
  type RepositorySnap,
  type SecureFileSnap,
  type ServiceConnectionSnap,
  type Unavailable,
  type UserSnap,
  type VariableGroupSnap,
} from './snapshot';

export const TEST_ORG_URL = 'https://dev.azure.com/contoso';
export const TEST_PROJECT = { id: '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c', name: 'Storefront' } as const;

/** Open access off, nobody authorized. */
export const closedAccess = (): Facet<PipelineAccess> => ({ state: 'available', value: { allPipelines: false, authorizedPipelineIds: [] } });
/** "Grant access permission to all pipelines" on. */
export const openAccess = (): Facet<PipelineAccess> => ({ state: 'available', value: { allPipelines: true, authorizedPipelineIds: [] } });
export const noChecks = (): Facet<CheckSnap[]> => ({ state: 'available', value: [] });
export const missingScope = (scope: string, text = `The credential lacks the ${scope} scope`): Unavailable => ({ code: 'missing-scope', text, scope });
export const forbidden = (text = 'Azure DevOps refused the read (HTTP 403)'): Unavailable => ({ code: 'forbidden', text, status: 403 });
export const unavailableFacet = <T>(reason: Unavailable = forbidden()): Facet<T> => ({ state: 'not-available', reason });

/** A whole snapshot: every area available, every section empty, unless `partial` says otherwise. */
export function snapshotOf(partial: Omit<Partial<OrgSnapshot>, 'areas'> & { areas?: Partial<Record<AreaName, AreaStatus>> } = {}): OrgSnapshot {
  const areas = Object.fromEntries(AREA_NAMES.map((a) => [a, { state: 'available' }])) as Record<AreaName, AreaStatus>;
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    organization: { name: 'contoso', url: TEST_ORG_URL, id: '71d02cb8-d28a-46f4-9189-0b44c81e6eec' },
    collectedAt: '2026-01-01T00:00:00.000Z',
    orgPolicies: [],
    orgPipelineSettings: {},
    projects: [],
    buildDefinitions: [],
    releaseDefinitions: [],
    serviceConnections: [],
    variableGroups: [],
    secureFiles: [],
    agentPools: [],
    agentQueues: [],
    environments: [],
    repositories: [],
    advancedSecurity: [],
    audit: { streams: [], webUrl: `${TEST_ORG_URL}/_settings/audit` },
    users: [],
    adminGroups: [],
    extensions: [],
    ...partial,
    areas: { ...areas, ...partial.areas },
  };
}

/** The snapshot with one area not available (its section left as given). */
export function withAreaUnavailable(s: OrgSnapshot, area: AreaName, reason: Unavailable = forbidden()): OrgSnapshot {
  return { ...s, areas: { ...s.areas, [area]: { state: 'not-available', reason } } };
}

const projectUrl = `${TEST_ORG_URL}/${TEST_PROJECT.name}`;
const inProject = { projectId: TEST_PROJECT.id, projectName: TEST_PROJECT.name };
const accessIn = (access = closedAccess()): ProjectPipelineAccess[] => [{ ...inProject, access }];

export function projectOf(p: Partial<ProjectSnap> = {}): ProjectSnap {
  return {
    ...TEST_PROJECT,
    visibility: 'private',
    state: 'wellFormed',
    webUrl: projectUrl,
    pipelineSettingsUrl: `${projectUrl}/_settings/settings`,
    pipelineSettings: { state: 'available', value: {} },
    ...p,
  };
}

export function buildDefinitionOf(p: Partial<BuildDefinitionSnap> = {}): BuildDefinitionSnap {
  const id = p.id ?? 1;
  return {
    id,
    name: 'web CI',
    path: '\\',
    ...inProject,
    webUrl: `${projectUrl}/_build/definition?definitionId=${id}`,
    processType: 'yaml',
    yamlFilename: '/azure-pipelines.yml',
    queueStatus: 'enabled',
    triggers: [],
    variables: [],
    variableGroups: [],
    jobAuthorizationScope: 'project',
    steps: [],
    ...p,
  };
}

export function releaseStageOf(p: Partial<ReleaseStageSnap> = {}): ReleaseStageSnap {
  return {
    id: 1,
    name: 'Production',
    rank: 1,
    preDeployApprovals: { isAutomated: true, approvers: [] },
    variables: [],
    variableGroupIds: [],
    steps: [],
    ...p,
  };
}

export function releaseDefinitionOf(p: Partial<ReleaseDefinitionSnap> = {}): ReleaseDefinitionSnap {
  const id = p.id ?? 1;
  return {
    id,
    name: 'web release',
    path: '\\',
    ...inProject,
    webUrl: `${projectUrl}/_release?definitionId=${id}&_a=definition`,
    variables: [],
    variableGroupIds: [],
    stages: [releaseStageOf()],
    ...p,
  };
}

export function serviceConnectionOf(p: Partial<ServiceConnectionSnap> = {}): ServiceConnectionSnap {
  const id = p.id ?? 'dbdd0c50-86f9-4d14-a38a-92dbbcf0ae0b';
  return {
    id,
    name: 'prod-wif',
    type: 'azurerm',
    url: 'https://management.azure.com/',
    authorizationScheme: 'WorkloadIdentityFederation',
    azureScope: { level: 'resourceGroup', subscriptionId: '4b1d7e2a-93c5-4f08-b6a1-c2e3d4f5a6b7', resourceGroup: 'rg-web', creationMode: 'Manual' },
    data: {},
    isShared: false,
    projects: [{ ...TEST_PROJECT }],
    owner: 'Library',
    isReady: true,
    webUrl: `${projectUrl}/_settings/adminservices?resourceId=${id}`,
    pipelineAccess: accessIn(),
    checks: noChecks(),
    recentUse: { state: 'available', value: [] },
    ...p,
  };
}

export function variableGroupOf(p: Partial<VariableGroupSnap> = {}): VariableGroupSnap {
  const id = p.id ?? 1;
  return {
    id,
    name: 'web-prod',
    type: 'Vsts',
    variables: [],
    isShared: false,
    projects: [{ ...TEST_PROJECT }],
    webUrl: `${projectUrl}/_library?itemType=VariableGroups&view=VariableGroupView&variableGroupId=${id}`,
    pipelineAccess: accessIn(),
    checks: noChecks(),
    ...p,
  };
}

export function secureFileOf(p: Partial<SecureFileSnap> = {}): SecureFileSnap {
  const id = p.id ?? '2a3c5f4e-1d2b-4c6a-9e8f-0b1c2d3e4f5a';
  return {
    id,
    name: 'signing-cert.pfx',
    ...inProject,
    webUrl: `${projectUrl}/_library?itemType=SecureFiles&view=SecureFileView&secureFileId=${id}`,
    pipelineAccess: closedAccess(),
    checks: noChecks(),
    ...p,
  };
}

export function agentPoolOf(p: Partial<AgentPoolSnap> = {}): AgentPoolSnap {
  const id = p.id ?? 10;
  return { id, name: 'self-hosted', isHosted: false, poolType: 'automation', autoProvision: false, autoUpdate: true, webUrl: `${TEST_ORG_URL}/_settings/agentpools?poolId=${id}&view=jobs`, ...p };
}

export function agentQueueOf(p: Partial<AgentQueueSnap> = {}): AgentQueueSnap {
  const id = p.id ?? 20;
  return {
    id,
    name: 'self-hosted',
    ...inProject,
    poolId: 10,
    poolName: 'self-hosted',
    isHosted: false,
    webUrl: `${projectUrl}/_settings/agentqueues?queueId=${id}&view=jobs`,
    pipelineAccess: closedAccess(),
    checks: noChecks(),
    ...p,
  };
}

export function environmentOf(p: Partial<EnvironmentSnap> = {}): EnvironmentSnap {
  const id = p.id ?? 1;
  return { id, name: 'production', ...inProject, webUrl: `${projectUrl}/_environments/${id}`, pipelineAccess: closedAccess(), checks: noChecks(), ...p };
}

export function branchPolicyOf(p: Partial<BranchPolicySnap> = {}): BranchPolicySnap {
  return {
    id: 1,
    typeId: 'fa4e907d-c16b-4a4c-9dfa-4906e5d171dd',
    typeName: 'minimumReviewers',
    isEnabled: true,
    isBlocking: true,
    scope: [{ repositoryId: null, refName: null, matchKind: 'DefaultBranch' }],
    settings: { kind: 'minimumReviewers', minimumApproverCount: 2, creatorVoteCounts: false, resetOnSourcePush: true, blockLastPusherVote: true },
    ...p,
  };
}

export function repositoryOf(p: Partial<RepositorySnap> = {}): RepositorySnap {
  const name = p.name ?? 'web';
  return {
    id: '5febef5a-833d-4e14-b9c0-14cb638f91e6',
    name,
    ...inProject,
    defaultBranch: 'refs/heads/main',
    isDisabled: false,
    webUrl: `${projectUrl}/_git/${name}`,
    policiesUrl: `${projectUrl}/_settings/repositories?repo=5febef5a-833d-4e14-b9c0-14cb638f91e6&_a=policiesMid&refs=refs/heads/main`,
    defaultBranchPolicies: { state: 'available', value: [] },
    pipelineAccess: closedAccess(),
    ...p,
  };
}

export function advancedSecurityOf(p: Partial<RepoAdvancedSecurity> = {}): RepoAdvancedSecurity {
  return {
    repositoryId: '5febef5a-833d-4e14-b9c0-14cb638f91e6',
    repositoryName: 'web',
    ...inProject,
    webUrl: `${projectUrl}/_settings/repositories?repo=5febef5a-833d-4e14-b9c0-14cb638f91e6&_a=settings`,
    enablement: {
      state: 'available',
      value: {
        shape: 'current',
        codeSecurityEnabled: true,
        secretProtectionEnabled: true,
        blockPushes: true,
        codeQLEnabled: true,
        dependencyScanningInjectionEnabled: true,
        dependabotEnabled: null,
      },
    },
    ...p,
  };
}

export function userOf(p: Partial<UserSnap> = {}): UserSnap {
  return {
    id: 'f1e1c7a0-0000-4000-8000-000000000001',
    descriptor: 'aad.ZjFlMWM3YTAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAx',
    displayName: 'Adele Vance',
    principalName: 'adele@contoso.com',
    mailAddress: 'adele@contoso.com',
    origin: 'aad',
    userType: 'member',
    accessLevel: { accountLicenseType: 'express', licenseDisplayName: 'Basic', status: 'active' },
    lastAccessedDate: '2025-12-30T10:00:00Z',
    ...p,
  };
}

export function adminGroupOf(p: Partial<AdminGroupSnap> = {}): AdminGroupSnap {
  return {
    kind: 'projectCollectionAdministrators',
    descriptor: 'vssgp.Uy0xLTktMTU1MTM3NDI0NS0xMjA0NDAwOTY5LTI0MDI5ODY0MTMtMjE3OTQwODYxNi0wLTAtMC0wLTE',
    displayName: 'Project Collection Administrators',
    principalName: '[contoso]\\Project Collection Administrators',
    webUrl: `${TEST_ORG_URL}/_settings/groups`,
    members: { state: 'available', value: [] },
    ...p,
  };
}

export function extensionOf(p: Partial<ExtensionSnap> = {}): ExtensionSnap {
  const publisherId = p.publisherId ?? 'ms';
  const extensionId = p.extensionId ?? 'vss-code-search';
  return {
    id: `${publisherId}.${extensionId}`,
    extensionId,
    extensionName: 'Code Search',
    publisherId,
    publisherName: 'Microsoft',
    version: '1.0.0',
    scopes: [],
    installFlags: [],
    flags: [],
    disabled: false,
    webUrl: `${TEST_ORG_URL}/_settings/extensions?tab=installed`,
    ...p,
  };
}
