// The posture calls added for the snapshot, against the fake organization: release definitions,
// full build definitions, pools, queues, environments, checks, graph, entitlements, audit streams,
// GHAzDO enablement, installed extensions and the portal reads.
import { loadOrgs } from '../../../test/fake-ado/model';
import { startFakeAdo, type FakeAdo } from '../../../test/fake-ado/server';
import { adoErrorOf, fakeClient } from '../testdata/stub-fetch';
import { scopeForPath } from '../scopes';

let fake: FakeAdo;
beforeAll(async () => {
  fake = await startFakeAdo();
});
afterAll(() => fake.close());

const client = (token?: string, org = 'contoso') => fakeClient(fake, token, { orgUrl: fake.orgUrl(org) }).client;
const project = (name: string) => fake.orgs.contoso.projects.find((p) => p.name === name)!;
const tokensOf = (start: number, suffix: string) =>
  fake.requests
    .slice(start)
    .filter((r) => r.path.endsWith(suffix))
    .map((r) => new URLSearchParams(r.query).get('continuationToken'));

describe('release definitions', () => {
  it('lists across pages and reads one with stages, approvals, variables and tasks', async () => {
    const refs = await client().release.listDefinitions(project('Storefront').id);
    expect(refs).toEqual([
      expect.objectContaining({ id: 1, name: 'storefront release (classic)', modifiedBy: expect.objectContaining({ displayName: 'Diego Siciliani' }) }),
      expect.objectContaining({ id: 2, name: 'storefront hotfix (classic)' }),
    ]);
    const def = await client().release.getDefinition(project('Storefront').id, 1);
    expect(def.variables).toEqual({ ReleaseToken: { value: null, isSecret: true }, Region: { value: 'westeurope', allowOverride: true } });
    expect(def.variableGroups).toEqual([1]);
    expect(def.stages.map((s) => s.name)).toEqual(['Staging', 'Production']);
    expect(def.stages[0].preDeployApprovals).toEqual({ isAutomated: true, approvers: [] });
    expect(def.stages[1].preDeployApprovals).toMatchObject({ isAutomated: false, approvers: [{ displayName: 'Adele Vance', isContainer: false }], requiredApproverCount: 0, releaseCreatorCanBeApprover: true });
    expect(def.stages[1]).toMatchObject({ queueId: 36, tasks: [{ taskId: '497d490f-eea7-4f2b-ab94-48d9c1acdcb1', inputs: { WebAppName: 'storefront-prod' } }] });
    expect(await adoErrorOf(client().release.getDefinition(project('Storefront').id, 99))).toMatchObject({ kind: 'not-found' });
    expect((await adoErrorOf(client(fake.pats.codeOnly).release.listDefinitions(project('Storefront').id))).message).toMatch(/vso\.release/);
  });
});

describe('service connection execution history', () => {
  it('lists the runs that used a connection, newest first, and 404s for a connection of another project', async () => {
    const runs = await client().serviceEndpoints.executionHistory(project('Storefront').id, 'f6680fd1-677e-4f36-9a5c-8cb3d33cb929');
    expect(runs).toEqual([
      { definitionId: 1, definitionName: 'web-storefront CI', planType: 'Build', result: 'succeeded', startTime: '2025-11-02T10:00:00Z', finishTime: '2025-11-02T10:00:00Z' },
      expect.objectContaining({ planType: 'Release', definitionName: 'storefront release (classic)' }),
    ]);
    expect(await client().serviceEndpoints.executionHistory(project('Platform').id, 'f6680fd1-677e-4f36-9a5c-8cb3d33cb929')).toEqual([]);
    expect(await adoErrorOf(client().serviceEndpoints.executionHistory(project('Platform').id, 'dbdd0c50-86f9-4d14-a38a-92dbbcf0ae0b'))).toMatchObject({ kind: 'not-found' });
  });
});

describe('build definitions in full', () => {
  it('pages with includeAllProperties and parses each as a full definition', async () => {
    const start = fake.requests.length;
    const defs = await client().build.listFullDefinitions(project('Storefront').id);
    expect(defs.map((d) => [d.id, d.processType])).toEqual([
      [5, 1],
      [2, 2],
      [3, 1],
      [4, 2],
      [1, 2],
    ]);
    expect(defs.find((d) => d.id === 1)?.triggers.find((t) => t.triggerType === 'pullRequest')?.forks?.allowSecrets).toBe(true);
    const pages = tokensOf(start, '/_apis/build/definitions');
    expect(pages.length).toBe(3);
    expect(fake.requests.slice(start).every((r) => /includeAllProperties=true/.test(r.query))).toBe(true);
  });
});

describe('agent pools, queues and environments', () => {
  it('reads pools with auto-provision and auto-update, queues with their pool, environments across pages', async () => {
    const pools = await client().distributedTask.listAgentPools();
    expect(pools.find((p) => p.id === 12)).toMatchObject({ name: 'contoso-self-hosted', isHosted: false, autoProvision: true, autoUpdate: false, size: 3, options: [] });
    const queues = await client().distributedTask.listAgentQueues(project('Storefront').id);
    expect(queues).toEqual([
      { id: 36, name: 'Azure Pipelines', pool: { id: 9, name: 'Azure Pipelines', isHosted: true } },
      { id: 41, name: 'contoso-self-hosted', pool: { id: 12, name: 'contoso-self-hosted', isHosted: false } },
    ]);
    const start = fake.requests.length;
    const envs = await client().distributedTask.listEnvironments(project('Storefront').id);
    expect(envs.map((e) => e.name)).toEqual(['production', 'staging', 'review', 'prod-eu', 'live']);
    expect(tokensOf(start, '/_apis/distributedtask/environments')).toEqual([null, expect.any(String), expect.any(String)]);
    expect((await adoErrorOf(client(fake.pats.codeOnly).distributedTask.listAgentPools())).message).toMatch(/vso\.agentpools/);
  });
});

describe('checks', () => {
  it('lists approvals and branch control with their settings, and nothing for an unchecked resource', async () => {
    const env = await client().pipelines.listCheckConfigurations(project('Storefront').id, 'environment', 1);
    expect(env).toEqual([
      expect.objectContaining({ id: 11, type: { id: '8c6f20a7-a545-4486-9777-f762fafe0d4d', name: 'Approval' }, timeout: 4320, settings: expect.objectContaining({ minRequiredApprovers: 1 }) }),
    ]);
    const endpoint = await client().pipelines.listCheckConfigurations(project('Storefront').id, 'endpoint', 'dbdd0c50-86f9-4d14-a38a-92dbbcf0ae0b');
    expect(endpoint[0].settings).toMatchObject({ definitionRef: { name: 'evaluatebranchProtection' }, inputs: { allowedBranches: 'refs/heads/main' } });
    expect(await client().pipelines.listCheckConfigurations(project('Storefront').id, 'environment', 2)).toEqual([]);
    const many = await client().pipelines.queryCheckConfigurations(project('Storefront').id, [
      { type: 'environment', id: 1 },
      { type: 'environment', id: 2 },
      { type: 'endpoint', id: 'DBDD0C50-86F9-4D14-A38A-92DBBCF0AE0B' },
    ]);
    expect(many.map((c) => [c.id, c.resource?.type, c.settings === undefined])).toEqual([
      [11, 'environment', false],
      [12, 'endpoint', false],
    ]);
    expect(await client().pipelines.queryCheckConfigurations(project('Storefront').id, [])).toEqual([]);
  });
});

describe('graph and entitlements', () => {
  it('pages groups by header token, lists members and resolves them', async () => {
    const start = fake.requests.length;
    const groups = await client().graph.listGroups();
    // Two groups per page in the fake.
    expect(tokensOf(start, '/_apis/graph/groups').length).toBe(Math.ceil(groups.length / 2));
    const pca = groups.find((g) => g.displayName === 'Project Collection Administrators')!;
    expect(pca).toMatchObject({ principalName: '[contoso]\\Project Collection Administrators', domain: expect.stringMatching(/^vstfs:\/\/\/Framework\/IdentityDomain\//) });
    // Migration is still being created (not listed as a project) but has its groups already.
    expect(groups.filter((g) => g.displayName === 'Project Administrators').map((g) => g.principalName).sort()).toEqual([
      '[Migration]\\Project Administrators',
      '[Platform]\\Project Administrators',
      '[Sandbox]\\Project Administrators',
      '[Storefront]\\Project Administrators',
    ]);
    const members = await client().graph.listMemberships(pca.descriptor, 'down');
    expect(members).toHaveLength(3);
    const subjects = await client().graph.lookupSubjects([...members.map((m) => m.memberDescriptor), 'aad.unknown']);
    expect([...subjects.values()].map((s) => s.displayName)).toEqual(['Vigil Scanner', 'Adele Vance', 'Ops Admins']);
    expect(subjects.has('aad.unknown')).toBe(false);
    expect((await adoErrorOf(client(fake.pats.codeOnly).graph.listGroups())).message).toMatch(/vso\.graph/);
  });

  it('pages user entitlements by body token, with guests and their last access', async () => {
    const start = fake.requests.length;
    const users = await client().memberEntitlements.searchUserEntitlements();
    const identities = loadOrgs().find((o) => o.name === 'contoso')!.identities;
    const pages = tokensOf(start, '/_apis/userentitlements');
    expect(pages).toHaveLength(Math.ceil(identities.length / 2));
    expect(pages[0]).toBeNull();
    expect(users.map((u) => u.user.displayName)).toEqual(identities.map((i) => i.displayName));
    expect(users.find((u) => u.user.displayName === 'Gary Guest')).toMatchObject({ user: { metaType: 'guest' }, lastAccessedDate: '2025-03-02T11:00:00Z', accessLevel: { accountLicenseType: 'stakeholder' } });
    const guests = await client().memberEntitlements.searchUserEntitlements({ filter: "userType eq 'guest'" });
    expect(guests.map((u) => u.user.displayName)).toEqual(identities.filter((i) => i.metaType === 'guest').map((i) => i.displayName));
    expect(guests.map((u) => u.user.displayName)).toContain('Gary Guest');
  });
});

describe('audit, GHAzDO and extensions', () => {
  it('lists audit streams (status numbers as words) for admins only', async () => {
    expect(await client().audit.listStreams()).toEqual(expect.arrayContaining([expect.objectContaining({ id: 4, status: 'disabledBySystem', consumerType: 'Splunk' })]));
    const dev = fakeClient(fake, { kind: 'bearer', token: fake.users.dev.accessToken }).client;
    expect(await adoErrorOf(dev.audit.listStreams())).toMatchObject({ kind: 'forbidden' });
  });

  it('reads repository enablement, all false where the organization has none', async () => {
    const storefront = project('Storefront');
    const web = await client().advancedSecurity.getRepoEnablement(storefront.id, fake.orgs.contoso.repos['web-storefront'].id);
    expect(web).toMatchObject({ shape: 'current', codeSecurityEnabled: true, secretProtectionEnabled: true, blockPushes: false });
    const api = await client().advancedSecurity.getRepoEnablement(storefront.id, fake.orgs.contoso.repos['payments-api'].id);
    expect(api).toMatchObject({ codeSecurityEnabled: false, secretProtectionEnabled: false });
    expect((await adoErrorOf(client(fake.pats.codeOnly).advancedSecurity.getRepoEnablement(storefront.id, web.repositoryId!))).message).toMatch(/vso\.advsec/);
  });

  it('lists installed extensions with flags and scopes, and names vso.extension', async () => {
    const exts = await client().extensions.listInstalledExtensions();
    expect(exts.map((e) => `${e.publisherId}.${e.extensionId}`)).toEqual(['ms.vss-code-search', 'some-publisher.pipeline-tools', 'tiny-tools.release-helper']);
    expect(exts[0]).toMatchObject({ flags: ['builtin', 'trusted'], installFlags: [], scopes: ['vso.code', 'vso.search'] });
    expect(scopeForPath('_apis/extensionmanagement/installedextensions')).toEqual({ scope: 'vso.extension', label: 'Extensions (Read)' });
    const err = await adoErrorOf(client(fake.pats.codeOnly).extensions.listInstalledExtensions());
    expect(err).toMatchObject({ kind: 'forbidden', path: '_apis/extensionmanagement/installedextensions' });
  });
});

describe('portal reads', () => {
  it('reads organization policies by both routes and the organization pipeline settings', async () => {
    const viaQuery = await client().portal.getOrganizationPolicies();
    const viaPage = await client().portal.getOrganizationPoliciesFromSettingsPage();
    expect(viaPage).toEqual(viaQuery);
    expect(viaQuery.find((p) => p.name === 'Policy.DisallowOAuthAuthentication')).toMatchObject({ section: 'applicationConnection', value: false, effectiveValue: true });
    expect(await client().portal.getOrgPipelineSettings()).toMatchObject({ enforceJobAuthScope: false, disableInBoxTasksVar: false });
  });

  it('needs a full-scope PAT, and a non-admin gets the provider failure', async () => {
    expect(await adoErrorOf(client(fake.pats.noCode).portal.getOrganizationPolicies())).toMatchObject({ kind: 'forbidden' });
    const dev = fakeClient(fake, { kind: 'bearer', token: fake.users.dev.accessToken }).client;
    expect(await adoErrorOf(dev.portal.getOrganizationPolicies())).toMatchObject({ kind: 'bad-response', message: expect.stringMatching(/Project Collection Administrator/) });
    expect(await adoErrorOf(dev.portal.getOrganizationPoliciesFromSettingsPage())).toMatchObject({ kind: 'forbidden' });
  });

  it('refuses a HierarchyQuery that would write a setting', async () => {
    const res = await fetch(`${fake.orgUrl('contoso')}/_apis/Contribution/HierarchyQuery?api-version=5.0-preview.1`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`:${fake.pats.full}`).toString('base64')}`, 'Content-Type': 'application/json', 'X-TFS-FedAuthRedirect': 'Suppress' },
      body: JSON.stringify({ contributionIds: ['ms.vss-build-web.pipelines-org-settings-data-provider'], dataProviderContext: { properties: { enforceSettableVar: 'true', sourcePage: {} } } }),
    });
    expect(res.status).toBe(400);
  });
});
