// Posture calls against the fake organization: branch policies, pipelines and their settings,
// service connections, library, pipeline permissions, and the service hooks Vigil subscribes.
import { startFakeAdo, type FakeAdo } from '../../../test/fake-ado/server';
import { webhookSubscription } from './hooks';
import { POLICY_TYPES, policySettings } from './policy-settings';
import { adoErrorOf, fakeClient } from '../testdata/stub-fetch';

let fake: FakeAdo;
beforeAll(async () => {
  fake = await startFakeAdo();
});
afterAll(() => fake.close());

const client = (token?: string, org = 'contoso') => fakeClient(fake, token, { orgUrl: fake.orgUrl(org) }).client;
const project = (name: string) => fake.orgs.contoso.projects.find((p) => p.name === name)!;
const repo = (name: string) => fake.orgs.contoso.repos[name];


describe('policy', () => {
  it('lists every configuration of a project across pages whose token is the next id', async () => {
    const start = fake.requests.length;
    const all = await client().policy.listConfigurations(project('Storefront').id);
    expect(all.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const tokens = fake.requests.slice(start).map((r) => new URLSearchParams(r.query).get('continuationToken'));
    expect(tokens).toEqual([null, '3', '5', '7']);
    const minReviewers = all[0];
    expect(minReviewers).toMatchObject({ typeId: POLICY_TYPES.minimumReviewers, isEnabled: true, isBlocking: true });
    expect(minReviewers.scope).toEqual([{ repositoryId: repo('web-storefront').id, refName: 'refs/heads/main', matchKind: 'Exact' }]);
    expect(minReviewers.settings).not.toHaveProperty('scope');
    expect(policySettings(minReviewers)).toEqual({
      kind: 'minimumReviewers',
      minimumApproverCount: 2,
      creatorVoteCounts: false,
      allowDownvotes: false,
      resetOnSourcePush: true,
      resetRejectionsOnSourcePush: false,
      requireVoteOnLastIteration: true,
      requireVoteOnEachIteration: false,
      blockLastPusherVote: true,
    });
    expect(policySettings(all[1])).toMatchObject({ kind: 'build', buildDefinitionId: 1, validDuration: 720, manualQueueOnly: false });
    expect(policySettings(all[4])).toMatchObject({ kind: 'status', statusName: 'secrets', statusGenre: 'vigil' });
    expect(all[4].scope).toEqual([{ repositoryId: null, refName: null, matchKind: 'DefaultBranch' }]);
    expect(policySettings(all[5])).toEqual({ kind: 'other', typeId: POLICY_TYPES.fileSizeRestriction });
  });

  it('lists what applies to a branch: exact, project-wide, default-branch and the repository push policy, not other branches', async () => {
    const applies = async (name: string, refName?: string) =>
      (await client().policy.listConfigurations(project('Storefront').id, { repositoryId: repo(name).id, refName })).map((c) => c.id);
    expect(await applies('web-storefront', 'refs/heads/main')).toEqual([1, 2, 3, 5]);
    expect(await applies('web-storefront', 'refs/heads/releases/2.0')).toEqual([7]);
    expect(await applies('payments-api', 'refs/heads/main')).toEqual([3, 4, 5, 6]);
    expect(await applies('payments-api')).toEqual([3, 4, 5, 6]);
    const builds = await client().policy.listConfigurations(project('Storefront').id, { repositoryId: repo('web-storefront').id, policyType: POLICY_TYPES.build });
    expect(builds.map((c) => c.id)).toEqual([2]);
  });

  it('reads one configuration and the policy types', async () => {
    const disabled = await client().policy.getConfiguration(project('Storefront').id, 4);
    expect(disabled).toMatchObject({ id: 4, isEnabled: false, createdBy: { displayName: 'Diego Siciliani' } });
    expect(policySettings(disabled)).toMatchObject({ minimumApproverCount: 1, creatorVoteCounts: true });
    expect(await adoErrorOf(client().policy.getConfiguration(project('Storefront').id, 999))).toMatchObject({ kind: 'not-found' });
    const types = await client().policy.listTypes(project('Storefront').id);
    expect(types.find((t) => t.id === POLICY_TYPES.status)?.displayName).toBe('Status');
  });

  it('names vso.code when the PAT lacks it', async () => {
    const err = await adoErrorOf(client(fake.pats.noCode).policy.listConfigurations(project('Storefront').id));
    expect(err.message).toMatch(/\(vso\.code\)/);
  });
});

describe('build', () => {
  it('lists shallow definitions across pages, filtered by repository', async () => {
    const defs = await client().build.listDefinitions(project('Storefront').id);
    expect(defs.map((d) => d.name)).toEqual(['contoso-ui-kit mirror (classic, GitHub)', 'payments-api CI', 'storefront nightly (classic)', 'storefront PR (forks, self-hosted)', 'web-storefront CI']);
    expect(defs[1]).toMatchObject({ id: 2, path: '\\payments', queueStatus: 'enabled', queue: { id: 36, pool: { isHosted: true } } });
    expect(defs[1].webUrl).toMatch(/_build\/definition\?definitionId=2$/);
    expect(defs[0]).not.toHaveProperty('triggers');
    const forRepo = await client().build.listDefinitions(project('Storefront').id, { repositoryId: repo('payments-api').id });
    expect(forRepo.map((d) => d.id)).toEqual([2]);
  });

  it('reads a YAML definition with its fork trigger, variables and groups', async () => {
    const def = await client().build.getDefinition(project('Storefront').id, 1);
    expect(def).toMatchObject({ processType: 2, yamlFilename: '/azure-pipelines.yml', jobAuthorizationScope: 'projectCollection', steps: [] });
    expect(def.repository).toMatchObject({ id: repo('web-storefront').id, type: 'TfsGit', name: 'web-storefront' });
    const pr = def.triggers.find((t) => t.triggerType === 'pullRequest');
    expect(pr?.forks).toEqual({ enabled: true, allowSecrets: true, allowFullAccessToken: false });
    expect(def.variables).toEqual({ DeployEnv: { value: 'prod', allowOverride: true }, NpmToken: { value: null, isSecret: true } });
    expect(def.variableGroups).toEqual([{ id: 1, name: 'storefront-prod', type: 'Vsts' }]);
  });

  it('reads a designer definition with its task steps', async () => {
    const def = await client().build.getDefinition(project('Storefront').id, 3);
    expect(def).toMatchObject({ processType: 1, queueStatus: 'paused', badgeEnabled: true });
    expect(def.steps).toEqual([
      expect.objectContaining({ taskId: '46e4be58-730b-4389-8a2f-ea10b3e5e815', versionSpec: '2.*', inputs: expect.objectContaining({ inlineScript: 'az account show' }) }),
    ]);
  });

  it('reads the project pipeline settings, and names vso.build when the PAT lacks it', async () => {
    const settings = await client().build.getGeneralSettings(project('Platform').id);
    expect(settings).toMatchObject({ enforceJobAuthScope: true, enforceReferencedRepoScopedToken: true, buildsEnabledForForks: false, publishPipelineMetadata: false });
    const err = await adoErrorOf(client(fake.pats.codeOnly).build.getGeneralSettings(project('Platform').id));
    expect(err).toMatchObject({ kind: 'forbidden' });
    expect(err.message).toMatch(/"Build \(Read\)" scope \(vso\.build\)/);
  });
});

describe('service connections', () => {
  it('lists the connections of a project, shared ones with every project that has them', async () => {
    const endpoints = await client().serviceEndpoints.list(project('Storefront').id);
    expect(endpoints.map((e) => e.name).sort()).toEqual(['github-token', 'shared-spn-secret', 'storefront-prod-wif']);
    const shared = endpoints.find((e) => e.name === 'shared-spn-secret')!;
    expect(shared).toMatchObject({ type: 'AzureRM', isShared: true, authorization: { scheme: 'ServicePrincipal' } });
    expect(shared.authorization.parameters.serviceprincipalkey).toBeNull();
    expect(shared.projectReferences.map((p) => p.projectName)).toEqual(['Storefront', 'Platform']);
    expect(shared.data).toMatchObject({ scopeLevel: 'Subscription', creationMode: 'Automatic' });
    const classic = await client().serviceEndpoints.list(project('Platform').id, { type: 'azure' });
    expect(classic.map((e) => e.name)).toEqual(['classic-azure']);
  });

  it('reads one connection, and not one of another project', async () => {
    const wif = await client().serviceEndpoints.get(project('Storefront').id, 'dbdd0c50-86f9-4d14-a38a-92dbbcf0ae0b');
    expect(wif.authorization).toMatchObject({ scheme: 'WorkloadIdentityFederation', parameters: { scope: expect.stringMatching(/resourcegroups\/rg-storefront$/) } });
    expect(await adoErrorOf(client().serviceEndpoints.get(project('Platform').id, wif.id))).toMatchObject({ kind: 'not-found' });
    const err = await adoErrorOf(client(fake.pats.codeOnly).serviceEndpoints.list(project('Storefront').id));
    expect(err.message).toMatch(/vso\.serviceendpoint/);
  });
});

describe('library', () => {
  it('lists variable groups with secrets null and the Key Vault link', async () => {
    const groups = await client().distributedTask.listVariableGroups(project('Storefront').id);
    expect(groups.map((g) => g.name)).toEqual(['storefront-prod', 'prod-keyvault', 'shared-deploy-secrets']);
    expect(groups[0].variables).toMatchObject({ SmtpPassword: { value: 'not-a-real-password-in-clear' }, DbPassword: { value: null, isSecret: true } });
    expect(groups[1]).toMatchObject({ type: 'AzureKeyVault', providerData: { vault: 'kv-contoso-prod', serviceEndpointId: 'dbdd0c50-86f9-4d14-a38a-92dbbcf0ae0b' } });
    expect(groups[1].variables['sql-admin-password']).toMatchObject({ isSecret: true, enabled: true, expires: '2026-12-31T00:00:00Z' });
    expect(groups[0].projectReferences).toEqual([{ projectId: project('Storefront').id, projectName: 'Storefront' }]);
    const err = await adoErrorOf(client(fake.pats.codeOnly).distributedTask.listVariableGroups(project('Storefront').id));
    expect(err.message).toMatch(/vso\.variablegroups_read/);
  });

  it('lists secure files with the preview api-version', async () => {
    const files = await client().distributedTask.listSecureFiles(project('Storefront').id);
    expect(files).toEqual([expect.objectContaining({ name: 'signing-cert.pfx', createdBy: expect.objectContaining({ displayName: 'Adele Vance' }) }), expect.objectContaining({ name: 'release.npmrc' })]);
    expect(await client().distributedTask.listSecureFiles(project('Platform').id)).toEqual([]);
  });
});

describe('pipeline permissions', () => {
  it('tells open access to all pipelines from a list of authorized pipelines', async () => {
    const open = await client().pipelines.getPipelinePermissions(project('Storefront').id, 'endpoint', 'f6680fd1-677e-4f36-9a5c-8cb3d33cb929');
    expect(open.allPipelines).toMatchObject({ authorized: true, authorizedBy: { displayName: 'Adele Vance' } });
    expect(open.pipelines.map((p) => p.id)).toEqual([3]);
    const closed = await client().pipelines.getPipelinePermissions(project('Storefront').id, 'endpoint', 'dbdd0c50-86f9-4d14-a38a-92dbbcf0ae0b');
    expect(closed.allPipelines).toBeUndefined();
    expect(closed.pipelines).toEqual([expect.objectContaining({ id: 1, authorized: true })]);
    const group = await client().pipelines.getPipelinePermissions(project('Storefront').id, 'variablegroup', 1);
    expect(group).toMatchObject({ resource: { type: 'variablegroup', id: '1' }, allPipelines: { authorized: true } });
  });
});

describe('service hooks', () => {
  const target = { url: 'https://vigil.example/hooks/ado/org-1', basicAuthUsername: 'ado', basicAuthPassword: 'hook-secret', httpHeaders: { 'X-Vigil-Org': 'org-1' } };

  it('creates, lists, reads, replaces and deletes a webhook subscription', async () => {
    const hooks = client().hooks;
    const body = webhookSubscription('git.pullrequest.created', project('Storefront').id, target, { repository: repo('web-storefront').id, branch: 'main' });
    expect(body.consumerInputs.httpHeaders).toBe('X-Vigil-Org:org-1');
    const created = await hooks.createSubscription(body);
    expect(created).toMatchObject({ eventType: 'git.pullrequest.created', status: 'enabled', consumerId: 'webHooks', consumerActionId: 'httpRequest' });
    expect(created.consumerInputs.basicAuthPassword).toBe('********');
    expect(created.publisherInputs).toMatchObject({ projectId: project('Storefront').id, branch: 'main', tfsSubscriptionId: expect.any(String) });

    expect((await hooks.listSubscriptions({ eventType: 'git.pullrequest.created' })).map((s) => s.id)).toEqual([created.id]);
    expect(await hooks.listSubscriptions({ eventType: 'git.push' })).toEqual([]);
    expect((await hooks.getSubscription(created.id)).id).toBe(created.id);

    const replaced = await hooks.replaceSubscription(created.id, { ...body, publisherInputs: { ...body.publisherInputs, branch: 'release' } });
    expect(replaced).toMatchObject({ id: created.id, publisherInputs: { branch: 'release' }, createdDate: created.createdDate });

    expect(await hooks.deleteSubscription(created.id)).toBe(true);
    expect(await hooks.deleteSubscription(created.id)).toBe(false);
    expect(await hooks.listSubscriptions()).toEqual([]);
  });

  it('needs vso.hooks_write to subscribe, and a retry never creates a second subscription', async () => {
    const body = webhookSubscription('git.push', project('Storefront').id, target);
    const start = fake.requests.length;
    const err = await adoErrorOf(client(fake.pats.noCode).hooks.createSubscription(body));
    expect(err.message).toMatch(/"Service Hooks \(Read & write\)" scope \(vso\.hooks_write\)/);
    expect(await client(fake.pats.noCode).hooks.listSubscriptions()).toEqual([]);

    fake.failNext(503, 1);
    const failed = await adoErrorOf(client().hooks.createSubscription(body));
    expect(failed).toMatchObject({ kind: 'server', status: 503 });
    expect(fake.requests.slice(start).filter((r) => r.method === 'POST')).toHaveLength(2);

    fake.failNext(429, 1, 2);
    const created = await client().hooks.createSubscription(body);
    expect(await client().hooks.listSubscriptions()).toEqual([expect.objectContaining({ id: created.id })]);
    await client().hooks.deleteSubscription(created.id);
  });

  it('refuses an unknown project or event type, and lists the tfs event types', async () => {
    const unknownProject = webhookSubscription('git.push', '00000000-0000-0000-0000-000000000000', target);
    expect(await adoErrorOf(client().hooks.createSubscription(unknownProject))).toMatchObject({ status: 400 });
    const unknownEvent = webhookSubscription('git.nothing', project('Storefront').id, target);
    expect(await adoErrorOf(client().hooks.createSubscription(unknownEvent))).toMatchObject({ status: 400 });
    const types = await client().hooks.listEventTypes();
    expect(types.map((t) => t.id)).toEqual(expect.arrayContaining(['git.push', 'git.pullrequest.created', 'git.pullrequest.updated', 'build.complete']));
    expect(types[0].supportedResourceVersions).toEqual(['1.0']);
  });

  it("keeps one organization's subscriptions from another", async () => {
    const created = await client().hooks.createSubscription(webhookSubscription('git.push', project('Storefront').id, target));
    expect(await client(fake.pats.fabrikam, 'fabrikam').hooks.listSubscriptions()).toEqual([]);
    expect(await client(fake.pats.fabrikam, 'fabrikam').hooks.deleteSubscription(created.id)).toBe(false);
    expect(await client().hooks.deleteSubscription(created.id)).toBe(true);
  });
});
