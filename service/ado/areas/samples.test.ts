// Areas the fake does not serve, run against an injected fetch answering ADO's documented shapes:
// the trimmed samples in testdata/ where docs/ado-samples has one, else the fields ado-rest.md lists.
import { adoErrorOf, sample, stubFetch, testClient, type StubAnswer, type StubCall } from '../testdata/stub-fetch';

/** A client whose fetch answers by URL path (without query); other paths get a 404. */
function clientFor(routes: Record<string, StubAnswer | ((c: StubCall) => StubAnswer)>, orgUrl = 'https://dev.azure.com/fabrikam') {
  const stub = stubFetch((c) => {
    const route = routes[`${c.url.host}${c.url.pathname}`];
    if (!route) return { status: 404, body: { message: `no stub for ${c.url.host}${c.url.pathname}`, typeKey: 'Test' } };
    return typeof route === 'function' ? route(c) : route;
  });
  return { ...testClient(stub.fetchImpl, { orgUrl }), calls: stub.calls };
}


const PROJECT = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';
const REPO = '278d5cd2-584d-4b63-824a-2ba458937249';

describe('policy evaluations', () => {
  it('asks for the pull request artifact with the preview version and parses each record with its configuration', async () => {
    const { client, calls } = clientFor({ [`dev.azure.com/fabrikam/${PROJECT}/_apis/policy/evaluations`]: { body: sample('policy-evaluations-list') } });
    const evaluations = await client.policy.listEvaluations(PROJECT, 42);
    expect(calls[0].url.searchParams.get('artifactId')).toBe(`vstfs:///CodeReview/CodeReviewId/${PROJECT}/42`);
    expect(calls[0].url.searchParams.get('api-version')).toBe('7.1-preview.1');
    expect(calls[0].url.searchParams.get('$top')).toBe('100');
    expect(evaluations.map((e) => e.status)).toEqual(['queued', 'approved']);
    expect(evaluations[0].configuration).toMatchObject({ id: 21, typeId: 'fa4e907d-c16b-4a4c-9dfa-4906e5d171dd', isBlocking: true });
    expect(evaluations[1].context).toMatchObject({ buildId: expect.any(Number) });
  });
});

describe('builds of a pull request', () => {
  it('filters on the merge ref of the PR and keeps triggerInfo and the merge commit', async () => {
    const { client, calls } = clientFor({ [`dev.azure.com/fabrikam/${PROJECT}/_apis/build/builds`]: { body: sample('build-builds-list-pr') } });
    const builds = await client.build.buildsForPullRequest(PROJECT, REPO, 42);
    const q = calls[0].url.searchParams;
    expect([q.get('branchName'), q.get('reasonFilter'), q.get('repositoryId'), q.get('repositoryType'), q.get('queryOrder')]).toEqual([
      'refs/pull/42/merge',
      'pullRequest',
      REPO,
      'TfsGit',
      'queueTimeDescending',
    ]);
    expect(builds[0]).toMatchObject({
      id: 581,
      status: 'completed',
      result: 'succeeded',
      reason: 'pullRequest',
      sourceVersion: 'eef717f69257a6333f221566c1c987dc94cc0d72',
      definition: { id: 12 },
      triggerInfo: { 'pr.number': '42', 'pr.isFork': 'False' },
    });
    expect(builds[0].webUrl).toMatch(/buildId=581$/);
  });
});

describe('release definitions (vsrm host)', () => {
  it('lists classic release pipelines across header-token pages', async () => {
    const page = (c: StubCall): StubAnswer =>
      c.url.searchParams.get('continuationToken')
        ? { body: { count: 1, value: [{ id: 2, name: 'Legacy deploy', path: '\\', createdBy: { id: 'u1', displayName: 'A' }, isDeleted: false }] } }
        : { body: { count: 1, value: [{ id: 1, name: 'Prod release', path: '\\prod', _links: { web: { href: 'https://x/r/1' } } }] }, headers: { 'x-ms-continuationtoken': '2' } };
    const { client, calls } = clientFor({ [`vsrm.dev.azure.com/fabrikam/${PROJECT}/_apis/release/definitions`]: page });
    const defs = await client.release.listDefinitions(PROJECT);
    expect(defs).toEqual([
      expect.objectContaining({ id: 1, name: 'Prod release', path: '\\prod', webUrl: 'https://x/r/1' }),
      expect.objectContaining({ id: 2, createdBy: expect.objectContaining({ displayName: 'A' }) }),
    ]);
    expect(calls).toHaveLength(2);
  });
});

describe('agent pools, queues and environments', () => {
  it('lists them with their ids (queue ids are what pipeline permissions use)', async () => {
    const { client } = clientFor({
      'dev.azure.com/fabrikam/_apis/distributedtask/pools': { body: { count: 2, value: [{ id: 9, name: 'Azure Pipelines', isHosted: true, poolType: 'automation' }, { id: 12, name: 'self-hosted', isHosted: false, autoProvision: true }] } },
      [`dev.azure.com/fabrikam/${PROJECT}/_apis/distributedtask/queues`]: { body: { count: 1, value: [{ id: 36, name: 'Azure Pipelines', pool: { id: 9, name: 'Azure Pipelines', isHosted: true } }] } },
      [`dev.azure.com/fabrikam/${PROJECT}/_apis/distributedtask/environments`]: { body: { count: 1, value: [{ id: 3, name: 'production', description: 'Prod', createdBy: { id: 'u1' }, lastModifiedOn: '2025-01-01T00:00:00Z' }] } },
    });
    expect(await client.distributedTask.listAgentPools()).toEqual([
      expect.objectContaining({ id: 9, isHosted: true, poolType: 'automation' }),
      expect.objectContaining({ id: 12, isHosted: false, autoProvision: true }),
    ]);
    expect(await client.distributedTask.listAgentQueues(PROJECT)).toEqual([{ id: 36, name: 'Azure Pipelines', pool: { id: 9, name: 'Azure Pipelines', isHosted: true } }]);
    expect(await client.distributedTask.listEnvironments(PROJECT)).toEqual([expect.objectContaining({ id: 3, name: 'production', description: 'Prod' })]);
  });

  it('reports a malformed item as bad-response naming the call', async () => {
    const { client } = clientFor({ 'dev.azure.com/fabrikam/_apis/distributedtask/pools': { body: { count: 1, value: [{ name: 'no id' }] } } });
    const err = await adoErrorOf(client.distributedTask.listAgentPools());
    expect(err).toMatchObject({ kind: 'bad-response', path: '_apis/distributedtask/pools' });
    expect(err.message).toBe('unexpected answer from Azure DevOps to list the agent pools: pool.id missing');
  });
});

describe('checks on a protected resource', () => {
  it('lists approvals and checks with their settings', async () => {
    const { client, calls } = clientFor({
      [`dev.azure.com/fabrikam/${PROJECT}/_apis/pipelines/checks/configurations`]: {
        body: {
          count: 1,
          value: [{ id: 5, version: 1, type: { id: '8c6f20a7-a545-4486-9777-f762fafe0d4d', name: 'Approval' }, settings: { approvers: [{ id: 'u1' }], minRequiredApprovers: 1 }, resource: { type: 'endpoint', id: 'e1', name: 'prod' }, timeout: 43200 }],
        },
      },
    });
    const checks = await client.pipelines.listCheckConfigurations(PROJECT, 'endpoint', 'e1');
    expect(calls[0].url.searchParams.get('resourceType')).toBe('endpoint');
    expect(calls[0].url.searchParams.get('api-version')).toBe('7.1-preview.1');
    expect(checks).toEqual([expect.objectContaining({ id: 5, type: { id: '8c6f20a7-a545-4486-9777-f762fafe0d4d', name: 'Approval' }, timeout: 43200, settings: expect.objectContaining({ minRequiredApprovers: 1 }) })]);
  });
});

describe('graph (vssps host)', () => {
  const guest = { subjectKind: 'user', metaType: 'guest', origin: 'aad', principalName: 'contractor@outlook.com', displayName: 'Contractor', descriptor: 'aad.Y29udHJhY3Rvcg' };
  const pca = { subjectKind: 'group', principalName: '[fabrikam]\\Project Collection Administrators', displayName: 'Project Collection Administrators', domain: 'vstfs:///Framework/IdentityDomain/x', descriptor: 'vssgp.Uy0xLTk' };

  it('lists users and groups across X-MS-ContinuationToken pages, with the preview version', async () => {
    const { client, calls } = clientFor(
      {
        'vssps.dev.azure.com/fabrikam/_apis/graph/users': (c) =>
          c.url.searchParams.get('continuationToken') ? { body: { count: 1, value: [guest] } } : { body: { count: 1, value: [{ ...guest, metaType: 'member', descriptor: 'aad.bWVtYmVy' }] }, headers: { 'X-MS-ContinuationToken': 't2' } },
        'vssps.dev.azure.com/fabrikam/_apis/graph/groups': { body: { count: 1, value: [pca] } },
      },
    );
    const users = await client.graph.listUsers(['aad', 'msa']);
    expect(users.map((u) => u.metaType)).toEqual(['member', 'guest']);
    expect(calls[0].url.searchParams.get('subjectTypes')).toBe('aad,msa');
    expect(calls[0].url.searchParams.get('api-version')).toBe('7.1-preview.1');
    expect(await client.graph.listGroups()).toEqual([expect.objectContaining({ principalName: '[fabrikam]\\Project Collection Administrators', descriptor: 'vssgp.Uy0xLTk' })]);
  });

  it('lists direct members and resolves descriptors in bulk (a map keyed by descriptor)', async () => {
    const { client, calls } = clientFor({
      'vssps.dev.azure.com/fabrikam/_apis/graph/Memberships/vssgp.Uy0xLTk': { body: { count: 2, value: [{ containerDescriptor: 'vssgp.Uy0xLTk', memberDescriptor: 'aad.Y29udHJhY3Rvcg' }, { containerDescriptor: 'vssgp.Uy0xLTk', memberDescriptor: 'aadgp.Z3JvdXA' }] } },
      'vssps.dev.azure.com/fabrikam/_apis/graph/subjectlookup': {
        body: { count: 2, value: { 'aad.Y29udHJhY3Rvcg': guest, 'aadgp.Z3JvdXA': { subjectKind: 'group', origin: 'aad', displayName: 'Ops', descriptor: 'aadgp.Z3JvdXA' } } },
      },
    });
    const members = await client.graph.listMemberships('vssgp.Uy0xLTk');
    expect(calls[0].url.searchParams.get('direction')).toBe('down');
    const subjects = await client.graph.lookupSubjects(members.map((m) => m.memberDescriptor));
    expect(calls[1].method).toBe('POST');
    expect(calls[1].body).toEqual({ lookupKeys: [{ descriptor: 'aad.Y29udHJhY3Rvcg' }, { descriptor: 'aadgp.Z3JvdXA' }] });
    expect(subjects.get('aad.Y29udHJhY3Rvcg')?.metaType).toBe('guest');
    expect(subjects.get('aadgp.Z3JvdXA')?.subjectKind).toBe('group');
  });
});

describe('member entitlements (vsaex host)', () => {
  it('pages with the body token, reads last access and turns "never" into null', async () => {
    const first = sample<{ items: unknown[] }>('userentitlements-search');
    const { client, calls } = clientFor({
      'vsaex.dev.azure.com/fabrikam/_apis/userentitlements': (c) =>
        c.url.searchParams.get('continuationToken') ? { body: { items: first.items.slice(2), continuationToken: null, totalCount: 3 } } : { body: { items: first.items.slice(0, 2), continuationToken: 'next', totalCount: 3 } },
    });
    const users = await client.memberEntitlements.searchUserEntitlements({ filter: "userType eq 'guest'", orderBy: 'lastAccessed asc' });
    expect(calls.map((c) => c.url.searchParams.get('continuationToken'))).toEqual([null, 'next']);
    expect(calls[0].url.searchParams.get('$filter')).toBe("userType eq 'guest'");
    expect(users.map((u) => u.user.displayName)).toEqual(['Normal Paulk', 'Contractor (Guest)', 'Old Admin']);
    expect(users[0]).toMatchObject({ lastAccessedDate: '2025-11-04T17:22:05.1234567Z', accessLevel: { accountLicenseType: 'express', status: 'active' } });
    expect(users[1].lastAccessedDate).toBeNull();
    expect(users[1].user.metaType).toBe('guest');
  });

  it('stops at totalCount even when ADO sends a token with the last page (as in the sample)', async () => {
    const { client, calls } = clientFor({ 'vsaex.dev.azure.com/fabrikam/_apis/userentitlements': { body: sample('userentitlements-search') } });
    expect(await client.memberEntitlements.searchUserEntitlements()).toHaveLength(3);
    expect(calls).toHaveLength(1);
  });
});

describe('audit (auditservice host)', () => {
  it('lists streams in the list, the empty and the single-object forms, numeric status included', async () => {
    const answers: StubAnswer[] = [
      { body: sample('audit-streams-list') },
      { body: { count: 0 } },
      { body: { id: 3, consumerType: 'Splunk', displayName: 'splunk', status: 1, createdTime: '/Date(1547159345000)/' } },
    ];
    const stub = stubFetch((_c, i) => answers[i]);
    const { client } = testClient(stub.fetchImpl, { orgUrl: 'https://dev.azure.com/fabrikam' });
    const streams = await client.audit.listStreams();
    expect(streams.map((s) => [s.consumerType, s.status, s.statusReason])).toEqual([
      ['Splunk', 'enabled', undefined],
      ['AzureMonitorLogs', 'disabledBySystem', 'Invalid credentials'],
    ]);
    expect(await client.audit.listStreams()).toEqual([]);
    expect(await client.audit.listStreams()).toEqual([expect.objectContaining({ id: 3, status: 'enabled' })]);
    expect(stub.calls[0].url.href).toMatch(/^https:\/\/auditservice\.dev\.azure\.com\/fabrikam\/_apis\/audit\/streams\?api-version=7\.1-preview\.1$/);
  });

  it('reads the audit log until hasMore is false', async () => {
    const entry = (id: string, actionId: string) => ({ id, actionId, area: 'Git', category: 'modify', actorUPN: 'a@fabrikam.com', timestamp: '2025-11-05T10:00:00Z', projectName: 'Fiber', data: { RepoName: 'x', Count: 2 } });
    const { client, calls } = clientFor({
      'auditservice.dev.azure.com/fabrikam/_apis/audit/auditlog': (c) =>
        c.url.searchParams.get('continuationToken')
          ? { body: { decoratedAuditLogEntries: [entry('2', 'Policy.PolicyConfigRemoved')], continuationToken: 'c2', hasMore: false } }
          : { body: { decoratedAuditLogEntries: [entry('1', 'Git.CreateRepo')], continuationToken: 'c1', hasMore: true } },
    });
    const log = await client.audit.queryLog({ startTime: '2025-11-01T00:00:00Z', batchSize: 1 });
    expect(log.map((e) => e.actionId)).toEqual(['Git.CreateRepo', 'Policy.PolicyConfigRemoved']);
    expect(log[0].data).toEqual({ RepoName: 'x', Count: '2' });
    expect(calls).toHaveLength(2);
    expect(calls[0].url.searchParams.get('startTime')).toBe('2025-11-01T00:00:00Z');
  });
});

describe('GitHub Advanced Security (advsec host)', () => {
  it('reads both enablement shapes into one, null meaning unknown', async () => {
    const answers: StubAnswer[] = [{ body: sample('advsec-repo-enablement') }, { body: sample('advsec-repo-enablement', 'legacyResponse') }, { body: { projectId: PROJECT } }];
    const stub = stubFetch((_c, i) => answers[i]);
    const { client } = testClient(stub.fetchImpl);
    expect(await client.advancedSecurity.getRepoEnablement(PROJECT, REPO)).toEqual({
      shape: 'current',
      projectId: PROJECT,
      repositoryId: REPO,
      codeSecurityEnabled: true,
      codeQLEnabled: true,
      dependencyScanningInjectionEnabled: true,
      secretProtectionEnabled: true,
      blockPushes: true,
      dependabotEnabled: null,
    });
    expect(await client.advancedSecurity.getRepoEnablement(PROJECT, REPO)).toMatchObject({ shape: 'legacy', codeSecurityEnabled: true, secretProtectionEnabled: true, blockPushes: true, dependabotEnabled: false, codeQLEnabled: null });
    expect((await adoErrorOf(client.advancedSecurity.getRepoEnablement(PROJECT, REPO))).kind).toBe('bad-response');
    expect(stub.calls[0].url.searchParams.get('api-version')).toBe('7.2-preview.3');
    expect(stub.calls[0].url.searchParams.get('includeAllProperties')).toBe('true');
  });

  it('lists active default-branch alerts with rule and location', async () => {
    const { client, calls } = clientFor({ [`advsec.dev.azure.com/fabrikam/${PROJECT}/_apis/alert/repositories/${REPO}/alerts`]: { body: sample('advsec-alerts-list') } });
    const [alert] = await client.advancedSecurity.listAlerts(PROJECT, REPO, { alertType: 'secret' });
    expect(calls[0].url.searchParams.get('criteria.states')).toBe('active');
    expect(calls[0].url.searchParams.get('criteria.onlyDefaultBranch')).toBe('true');
    expect(calls[0].url.searchParams.get('criteria.alertType')).toBe('secret');
    expect(alert).toMatchObject({
      alertId: 17,
      alertType: 'secret',
      severity: 'critical',
      state: 'active',
      rule: { id: 'SEC101/156', name: 'AzureStorageAccountAccessKey', tool: 'AdvancedSecurity' },
      locations: [{ filePath: '/src/appsettings.json', lineStart: 12, lineEnd: 12, commitHash: '9991b4f66def4c0a9ad8f9f27043ece7eddcf1c7' }],
      truncatedSecret: 'DefaultEnd...==',
    });
  });
});

describe('portal data providers (Contribution/HierarchyQuery)', () => {
  const path = 'dev.azure.com/fabrikam/_apis/Contribution/HierarchyQuery';

  it('reads the organization pipeline settings, sending only the documented sourcePage', async () => {
    const { client, calls } = clientFor({ [path]: { body: sample('hierarchyquery-pipelines-org-settings') } });
    const settings = await client.portal.getOrgPipelineSettings();
    expect(calls[0].method).toBe('POST');
    expect(calls[0].url.searchParams.get('api-version')).toBe('5.0-preview.1');
    expect(calls[0].body).toEqual(sample('hierarchyquery-pipelines-org-settings', 'request'));
    expect(settings).toMatchObject({ enforceJobAuthScope: true, forkProtectionEnabled: false, isTaskLockdownFeatureEnabled: true, disableInBoxTasksVar: false });
    expect(settings).not.toHaveProperty('hasManagePipelinePoliciesPermission');
  });

  it('reads the project pipeline settings as {enabled, orgEnabled} pairs', async () => {
    const { client, calls } = clientFor({ [path]: { body: sample('hierarchyquery-pipelines-project-settings') } });
    const settings = await client.portal.getProjectPipelineSettings('Fabrikam-Fiber-Git');
    expect(calls[0].body).toEqual(sample('hierarchyquery-pipelines-project-settings', 'request'));
    expect(settings.enforceSettableVar).toEqual({ enabled: true, orgEnabled: false });
    expect(settings.enforceJobAuthScopeForReleases).toEqual({ enabled: false, orgEnabled: false });
  });

  it('reads the organization policies flat, with section, value and effective value', async () => {
    const { client, calls } = clientFor({ [path]: { body: sample('hierarchyquery-org-policy') } });
    const policies = await client.portal.getOrganizationPolicies();
    expect(calls[0].body).toEqual(sample('hierarchyquery-org-policy', 'request'));
    expect(policies).toHaveLength(11);
    expect(policies.find((p) => p.name === 'Policy.DisallowOAuthAuthentication')).toMatchObject({ section: 'applicationConnection', value: false, effectiveValue: true });
  });

  it('reads the same policies from the settings page (no api-version there)', async () => {
    const { client, calls } = clientFor({ 'dev.azure.com/fabrikam/_settings/organizationPolicy': { body: sample('org-policies-fps') } });
    const policies = await client.portal.getOrganizationPoliciesFromSettingsPage();
    expect(calls[0].url.search).toBe('?__rt=fps&__ver=2');
    expect(policies.map((p) => p.section)).toEqual(expect.arrayContaining(['applicationConnection', 'security', 'user', 'privacy']));
    expect(policies.find((p) => p.name === 'Policy.LogAuditEvents')).toMatchObject({ section: 'security' });
  });

  it('retries the read-only query like a GET, and names a failed data provider', async () => {
    const { client, calls, sleeps } = clientFor({
      [path]: () => (calls.length === 1 ? { status: 503, body: { message: 'down', typeKey: 'x' } } : { body: { dataProviders: {}, dataProviderExceptions: { 'ms.vss-org-web.collection-admin-policy-data-provider': { message: 'Access denied' } } } }),
    });
    const err = await adoErrorOf(client.portal.getOrganizationPolicies());
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([750]);
    expect(err).toMatchObject({ kind: 'bad-response' });
    expect(err.message).toMatch(/the data provider failed: Access denied/);
  });
});

describe('a malformed answer names the missing or mistyped field', () => {
  type Call = (client: ReturnType<typeof testClient>['client']) => Promise<unknown>;
  const ORG_POLICIES = 'ms.vss-org-web.collection-admin-policy-data-provider';
  const pr = { pullRequestId: 7, sourceRefName: 'refs/heads/a', targetRefName: 'refs/heads/main' };
  const cases: [string, Call, unknown, string][] = [
    ['no value', (c) => c.git.listRepositories(), { count: 2 }, 'list repositories: value missing'],
    ['a string value', (c) => c.hooks.listSubscriptions(), { count: 1, value: 'x' }, 'list service hook subscriptions: value is not an array (a string)'],
    ['a string answer to a list', (c) => c.audit.listStreams(), 'x', 'list audit streams: the answer is not a JSON object (a string)'],
    ['a definition without id', (c) => c.build.listDefinitions('p'), { value: [{ name: 'ci' }] }, 'list the pipelines of project p: definition.id missing'],
    ['one definition without name', (c) => c.build.getDefinition('p', 3), { id: 3 }, 'read pipeline 3: name missing'],
    ['a build with a string id', (c) => c.build.listBuilds('p'), { value: [{ id: '7' }] }, 'list the builds of project p: build.id is not a number (a string)'],
    ['settings in an array', (c) => c.build.getGeneralSettings('p'), [], 'read the pipeline settings of project p: the answer is not a JSON object (an array)'],
    ['a release definition without name', (c) => c.release.listDefinitions('p'), { value: [{ id: 1 }] }, 'list the release pipelines of project p: definition.name missing'],
    ['a connection without type', (c) => c.serviceEndpoints.list('p'), { value: [{ id: 'e', name: 'n' }] }, 'list the service connections of project p: endpoint.type missing'],
    ['one connection with a numeric type', (c) => c.serviceEndpoints.get('p', 'e'), { id: 'e', name: 'n', type: 5 }, 'read service connection e: type is not a string (a number)'],
    ['a variable group without name', (c) => c.distributedTask.listVariableGroups('p'), { value: [{ id: 1 }] }, 'list the variable groups of project p: variableGroup.name missing'],
    ['a secure file that is a string', (c) => c.distributedTask.listSecureFiles('p'), { value: ['x'] }, 'list the secure files of project p: secureFile is not an object (a string)'],
    ['a queue with an empty name', (c) => c.distributedTask.listAgentQueues('p'), { value: [{ id: 1, name: '' }] }, 'list the agent queues of project p: queue.name missing'],
    ['an environment with a null id', (c) => c.distributedTask.listEnvironments('p'), { value: [{ id: null, name: 'prod' }] }, 'list the environments of project p: environment.id missing'],
    ['permissions without resource.id', (c) => c.pipelines.getPipelinePermissions('p', 'endpoint', 'e'), { resource: { type: 'endpoint' } }, 'read which pipelines may use endpoint e: resource.id missing'],
    ['permissions without resource', (c) => c.pipelines.getPipelinePermissions('p', 'endpoint', 'e'), { pipelines: [] }, 'read which pipelines may use endpoint e: resource missing'],
    ['a check without type.id', (c) => c.pipelines.listCheckConfigurations('p', 'endpoint', 'e'), { value: [{ id: 5, type: { name: 'Approval' } }] }, 'list the checks on endpoint e: check.type.id missing'],
    ['a policy without type', (c) => c.policy.listConfigurations('p'), { value: [{ id: 1 }] }, 'list the policies of project p: configuration.type missing'],
    ['one policy with a numeric type.id', (c) => c.policy.getConfiguration('p', 4), { id: 4, type: { id: 7 } }, 'read policy 4: type.id is not a string (a number)'],
    ['a policy type without id', (c) => c.policy.listTypes('p'), { value: [{ displayName: 'Build' }] }, 'list the policy types of project p: policyType.id missing'],
    ['an evaluation without configuration', (c) => c.policy.listEvaluations('p', 42), { value: [{ evaluationId: 'e', status: 'approved' }] }, 'list the policy evaluations of pull request 42: evaluation.configuration missing'],
    [
      'an evaluation whose configuration has no id',
      (c) => c.policy.listEvaluations('p', 42),
      { value: [{ evaluationId: 'e', status: 'approved', configuration: { type: { id: 't' } } }] },
      'list the policy evaluations of pull request 42: evaluation.configuration.id missing',
    ],
    ['a user without descriptor', (c) => c.graph.listUsers(), { value: [{ displayName: 'x' }] }, 'list users: subject.descriptor missing'],
    ['a membership without member', (c) => c.graph.listMemberships('d'), { value: [{ containerDescriptor: 'c' }] }, 'list the memberships of d: membership.memberDescriptor missing'],
    ['a lookup answering an array', (c) => c.graph.lookupSubjects(['d']), { value: [] }, 'look up graph subjects: value is not an object (an array)'],
    ['an entitlement without user', (c) => c.memberEntitlements.searchUserEntitlements(), { items: [{ id: 'u' }] }, 'list user entitlements: entitlement.user missing'],
    ['an entitlement user without descriptor', (c) => c.memberEntitlements.searchUserEntitlements(), { items: [{ id: 'u', user: {} }] }, 'list user entitlements: entitlement.user.descriptor missing'],
    [
      'a subscription without consumerActionId',
      (c) => c.hooks.listSubscriptions(),
      { value: [{ id: 's', publisherId: 'tfs', eventType: 'git.push', consumerId: 'webHooks' }] },
      'list service hook subscriptions: subscription.consumerActionId missing',
    ],
    ['one subscription without publisherId', (c) => c.hooks.getSubscription('s'), { id: 's' }, 'read service hook subscription s: publisherId missing'],
    ['an event type without id', (c) => c.hooks.listEventTypes(), { value: [{ name: 'Code pushed' }] }, 'list the event types of publisher tfs: eventType.id missing'],
    ['a stream with a string id', (c) => c.audit.listStreams(), { count: 1, value: [{ id: '1' }] }, 'list audit streams: stream.id is not a number (a string)'],
    ['a log entry without id', (c) => c.audit.queryLog(), { decoratedAuditLogEntries: [{ actionId: 'Git.CreateRepo' }], hasMore: false }, 'read the audit log: entry.id missing'],
    ['an alert without state', (c) => c.advancedSecurity.listAlerts('p', 'r'), { value: [{ alertId: 1, alertType: 'secret' }] }, 'list the Advanced Security alerts of repository r: alert.state missing'],
    ['a null enablement', (c) => c.advancedSecurity.getRepoEnablement('p', 'r'), null, 'read the Advanced Security enablement of repository r: the answer is not a JSON object (null)'],
    [
      'an enablement of neither shape',
      (c) => c.advancedSecurity.getRepoEnablement('p', 'r'),
      { projectId: 'p' },
      'read the Advanced Security enablement of repository r: neither codeSecurityFeatures, secretProtectionFeatures nor advSecEnabled',
    ],
    [
      'a reviewer without vote',
      (c) => c.pullRequests.list('p', 'r'),
      { value: [{ ...pr, reviewers: [{ id: 'u', vote: 10 }, { id: 'g' }] }] },
      'list the pull requests of repository r: pullRequest.reviewers[1].vote missing',
    ],
    ['one pull request without target', (c) => c.pullRequests.get('p', 'r', 7), { ...pr, targetRefName: undefined }, 'read pull request 7: targetRefName missing'],
    ['a status without context.name', (c) => c.pullRequests.listStatuses('p', 'r', 7), { value: [{ id: 1, context: {} }] }, 'list the statuses of pull request 7: status.context.name missing'],
    ['a thread without id', (c) => c.pullRequests.listThreads('p', 'r', 7), { value: [{ status: 1 }] }, 'list the comment threads of pull request 7: thread.id missing'],
    [
      'provider data without policies',
      (c) => c.portal.getOrganizationPolicies(),
      { dataProviders: { [ORG_POLICIES]: {} } },
      `read the organization policies: dataProviders.${ORG_POLICIES}.policies missing`,
    ],
    ['a settings page without data', (c) => c.portal.getOrganizationPoliciesFromSettingsPage(), { fps: { dataProviders: {} } }, 'read the organization policies page: fps.dataProviders.data missing'],
  ];

  it.each(cases)('%s', async (_case, call, body, what) => {
    const err = await adoErrorOf(call(testClient(stubFetch(() => ({ body })).fetchImpl).client));
    expect(err).toMatchObject({ kind: 'bad-response' });
    expect(err.message).toBe(`unexpected answer from Azure DevOps to ${what}`);
  });
});
