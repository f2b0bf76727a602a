// A generated fake organization for the posture benchmark: `bigorg` with PROJECTS projects, PIPELINES
// build definitions, CONNECTIONS service connections, REPOS repositories and USERS users, spread evenly
// over the projects, written as a fixtures folder the fake ADO serves (fixtures/orgs.json and
// areas.json shapes, test/fake-ado/model.ts) next to the real contoso and fabrikam (the fake needs them).
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FIXTURES_DIR, type BuildDefinitionDef, type CheckDef, type IdentityDef, type OrgAreasDef, type OrgDef, type ProjectAreasDef, type ProjectDef, type SharedDef } from '../../fake-ado/model';

export interface OrgSize {
  projects: number;
  pipelines: number;
  connections: number;
  repos: number;
  users: number;
}

export const BENCH_ORG = 'bigorg';
export const BENCH_PAT = 'vigil-fake-pat-bigorg-full-scopes';

/** A stable UUID from a kind and a number. */
const uuid = (kind: number, n: number) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const spread = (total: number, buckets: number, i: number) => Math.floor((total * (i + 1)) / buckets) - Math.floor((total * i) / buckets);

export function generateFixtures(dir: string, size: OrgSize): void {
  mkdirSync(dir, { recursive: true });
  symlinkSync(join(DEFAULT_FIXTURES_DIR, 'repos'), join(dir, 'repos'));
  const realOrgs = JSON.parse(readFileSync(join(DEFAULT_FIXTURES_DIR, 'orgs.json'), 'utf8')) as { orgs: OrgDef[] };
  const realAreas = JSON.parse(readFileSync(join(DEFAULT_FIXTURES_DIR, 'areas.json'), 'utf8')) as { orgs: Record<string, OrgAreasDef> };

  const identities: IdentityDef[] = [
    { key: 'scanner', id: uuid(1, 0), displayName: 'Bench Scanner', uniqueName: 'scanner@bigorg.example', isAdmin: true },
    { key: 'admin2', id: uuid(1, 1), displayName: 'Second Admin', uniqueName: 'admin2@bigorg.example', isAdmin: true },
  ];
  for (let u = 2; u < size.users; u++) {
    identities.push({
      key: `u${u}`,
      id: uuid(1, u),
      displayName: `User ${u}`,
      uniqueName: `user${u}@bigorg.example`,
      isAdmin: false,
      ...(u % 50 === 0 ? { metaType: 'guest' as const, license: 'stakeholder' } : {}),
      ...(u % 7 === 0 ? { lastAccessedDate: '2025-01-10T10:00:00Z' } : {}),
    });
  }

  const projects: ProjectDef[] = [];
  const projectAreas: Record<string, ProjectAreasDef> = {};
  const serviceEndpoints: SharedDef[] = [];
  const variableGroups: SharedDef[] = [];
  let defId = 1;
  let connection = 0;
  let checkId = 1;
  for (let p = 0; p < size.projects; p++) {
    const name = `proj-${String(p).padStart(4, '0')}`;
    const repos = Array.from({ length: Math.max(1, spread(size.repos, size.projects, p)) }, (_, r) => ({ id: uuid(3, p * 100 + r), name: `${name}-repo-${r}` }));
    projects.push({ id: uuid(2, p), name, visibility: 'private', revision: 1, lastUpdateTime: '2025-10-01T00:00:00Z', repos });

    const buildDefinitions: BuildDefinitionDef[] = Array.from({ length: spread(size.pipelines, size.projects, p) }, (_, k) => ({
      id: defId++,
      name: `${name} pipeline ${k}`,
      path: '\\',
      revision: 1,
      queueStatus: 'enabled',
      repository: repos[k % repos.length].name,
      authoredBy: 'scanner',
      createdDate: '2025-05-01T00:00:00Z',
      process: { type: 2, yamlFilename: '/azure-pipelines.yml' },
      triggers: [
        { branchFilters: ['+refs/heads/main'], pathFilters: [], settingsSourceType: 2, triggerType: 'continuousIntegration' },
        { settingsSourceType: 2, branchFilters: ['+main'], forks: { enabled: k % 4 === 0, allowSecrets: false, allowFullAccessToken: false }, pathFilters: [], isCommentRequiredForPullRequest: true, triggerType: 'pullRequest' },
      ],
      variables: { Configuration: { value: 'Release', allowOverride: k % 3 === 0 }, ApiToken: { value: null, isSecret: true } },
      variableGroups: [p + 1],
      jobAuthorizationScope: k % 2 ? 'project' : 'projectCollection',
      jobTimeoutInMinutes: 60,
    }));
    const checks: CheckDef[] = [];
    const permissions: ProjectAreasDef['pipelinePermissions'] = [];
    for (let c = 0; c < spread(size.connections, size.projects, p); c++, connection++) {
      const id = uuid(4, connection);
      const wif = connection % 3 !== 0;
      serviceEndpoints.push({
        id,
        name: `${name}-conn-${c}${c === 0 ? '-prod' : ''}`,
        type: 'azurerm',
        url: 'https://management.azure.com/',
        description: '',
        createdBy: 'scanner',
        authorization: wif
          ? { scheme: 'WorkloadIdentityFederation', parameters: { tenantid: uuid(9, 0), serviceprincipalid: uuid(9, connection), scope: `/subscriptions/${uuid(8, p)}/resourcegroups/rg-${name}` } }
          : { scheme: 'ServicePrincipal', parameters: { tenantid: uuid(9, 0), serviceprincipalid: uuid(9, connection), authenticationType: 'spnKey', serviceprincipalkey: null } },
        data: { environment: 'AzureCloud', scopeLevel: 'Subscription', subscriptionId: uuid(8, p), subscriptionName: `sub ${p}`, creationMode: 'Automatic' },
        owner: 'Library',
        isReady: true,
        projects: [name],
      });
      if (c === 0) checks.push({ id: checkId++, resourceType: 'endpoint', resourceId: id, kind: 'approval', createdBy: 'scanner', createdOn: '2025-05-01T00:00:00Z', settings: { approvers: ['admin2'], minRequiredApprovers: 1, requesterCannotBeApprover: true } });
      if (connection % 5 === 0) permissions.push({ resourceType: 'endpoint', resourceId: id, allPipelines: { by: 'scanner', on: '2025-05-01T00:00:00Z' }, pipelines: [] });
    }
    variableGroups.push({
      id: p + 1,
      name: `${name}-vars`,
      type: 'Vsts',
      description: '',
      createdBy: 'scanner',
      createdOn: '2025-05-01T00:00:00Z',
      modifiedBy: 'scanner',
      modifiedOn: '2025-05-01T00:00:00Z',
      variables: { Region: { value: 'westeurope' }, DeployKey: { isSecret: true, value: null } },
      projects: [name],
    });
    projectAreas[name] = {
      buildDefinitions,
      agentQueues: [{ id: 1, name: 'Azure Pipelines', pool: 9 }],
      environments: [{ id: 1, name: 'production', createdBy: 'scanner', lastModifiedOn: '2025-05-01T00:00:00Z' }],
      checks,
      pipelinePermissions: permissions,
      secureFiles: [{ id: uuid(5, p), name: 'signing.pfx', createdBy: 'scanner', createdOn: '2025-05-01T00:00:00Z', modifiedBy: 'scanner', modifiedOn: '2025-05-01T00:00:00Z' }],
      policyConfigurations: [
        {
          id: p + 1,
          revision: 1,
          type: 'minimumReviewers',
          isEnabled: true,
          isBlocking: true,
          createdBy: 'scanner',
          createdDate: '2025-05-01T00:00:00Z',
          settings: { minimumApproverCount: 1 + (p % 3), creatorVoteCounts: false, resetOnSourcePush: true, scope: [{ matchKind: 'DefaultBranch' }] },
        },
      ],
      generalSettings: { forkProtectionEnabled: true, buildsEnabledForForks: p % 2 === 0, enforceJobAuthScope: p % 2 === 1, disableClassicPipelineCreation: true },
    };
  }

  const bigorg: OrgDef = {
    name: BENCH_ORG,
    id: uuid(7, 1),
    deploymentId: uuid(7, 2),
    identities,
    credentials: [{ handle: 'bench', kind: 'pat', token: BENCH_PAT, identity: 'scanner', scopes: 'all' }],
    projects,
  };
  const areas: OrgAreasDef = {
    orgPolicies: realAreas.orgs.contoso.orgPolicies,
    orgPipelineSettings: realAreas.orgs.contoso.orgPipelineSettings,
    auditStreams: realAreas.orgs.fabrikam.auditStreams,
    extensions: realAreas.orgs.contoso.extensions,
    agentPools: [{ id: 9, name: 'Azure Pipelines', isHosted: true, poolType: 'automation', autoProvision: true, autoUpdate: true, size: 1, owner: 'scanner' }],
    serviceEndpoints,
    variableGroups,
    projects: projectAreas,
  };
  writeFileSync(join(dir, 'orgs.json'), JSON.stringify({ orgs: [...realOrgs.orgs, bigorg] }));
  writeFileSync(join(dir, 'areas.json'), JSON.stringify({ orgs: { ...realAreas.orgs, [BENCH_ORG]: areas } }));
}
