// What people see of the pull-request gate, through the real service on the fake ADO (issue 14 §4): the
// PR tab's read (a PR Vigil has not seen is a 404 the tab explains; the newest scan with Vigil's thread
// states; the gate in force, organization-wide or the repository's own), the gate settings, and the
// helper that creates a Status branch policy requiring vigil/security (created once, then "exists").
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { fullOrganizationSettingsSchema } from '../../service/contract/settings-api';
import { pullRequestSecurityDtoSchema, type PullRequestFindingDto } from '../../service/contract/events-api';
import { repositoryGateDtoSchema, requireStatusPolicyResponseSchema } from '../../service/contract/gate-api';
import { databaseKinds } from '../support/databases';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';
import { contractApi } from './contract';

const STATUS_POLICY_TYPE = 'cbdc66da-9728-4af8-aada-9a5a32e4a226';

const finding = (o: Partial<PullRequestFindingDto> & Pick<PullRequestFindingDto, 'fingerprint' | 'isNew'>): PullRequestFindingDto => ({
  ruleId: 'SEC-AWS-ACCESS-KEY',
  title: 'AWS access key',
  severity: 'critical',
  category: 'secret',
  path: 'config/settings.json',
  line: 12,
  ...o,
});

describe.each(databaseKinds)('the pull-request gate as people see it, on %s', (kind) => {
  let stack: Stack;
  let api: ReturnType<typeof contractApi>;
  beforeAll(async () => {
    stack = await startStack({ database: kind });
    api = contractApi(stack);
    const res = await stack.api(stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.full });
    expect(res.status).toBe(201);
    await waitFor('discovery to list the repositories', async () => (await db().selectFrom('repositories').select('repo_id').execute()).length > 5);
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const db = () => stack.service.context.store.db;
  const orgId = async () => (await db().selectFrom('organizations').select('org_id').where('name', '=', 'contoso').executeTakeFirstOrThrow()).org_id;
  const repoOf = (name: string) => stack.fakeAdo.orgs.contoso.repos[name];
  const prPath = (repoId: string, prId: number) => `/api/v1/repositories/${repoId}/pull-requests/${prId}`;

  async function seedPullRequest(repoId: string, prId: number): Promise<void> {
    const org = await orgId();
    const project = (await db().selectFrom('repositories').select('project_id').where('repo_id', '=', repoId).executeTakeFirstOrThrow()).project_id;
    await db()
      .insertInto('pull_requests')
      .values({ org_id: org, repo_id: repoId, pull_request_id: prId, project_id: project, title: 'Add the payment webhook', status: 'active', source_ref: 'refs/heads/feature/webhook', target_ref: 'refs/heads/main', created_by_name: 'Diego Siciliani' })
      .execute();
    const scan = (queuedAt: string, values: { state: string } & Record<string, unknown>) => ({ org_id: org, pr_scan_id: randomUUID(), repo_id: repoId, pull_request_id: prId, queued_at: new Date(queuedAt), ...values });
    await db()
      .insertInto('pull_request_scans')
      .values([
        scan('2025-06-01T10:00:00Z', { state: 'failed', verdict: 'error', error: 'older scan' }),
        scan('2025-06-01T11:00:00Z', {
          state: 'done',
          verdict: 'failed',
          gate_severity: 'high',
          iteration_id: 2,
          files_changed: 3,
          finished_at: new Date('2025-06-01T11:00:05Z'),
          new_findings: JSON.stringify([finding({ fingerprint: 'fp-new', isNew: true, webUrl: 'https://example.invalid/file' }), { not: 'a finding' }]),
          existing_findings: JSON.stringify([finding({ fingerprint: 'fp-old', isNew: false, severity: 'medium', title: 'Old key', line: 40 })]),
        }),
      ])
      .execute();
    await db().insertInto('pull_request_threads').values({ org_id: org, repo_id: repoId, pull_request_id: prId, fingerprint: 'fp-new', thread_id: 77, state: 'active' }).execute();
  }

  test('the PR tab: not seen yet is a 404 it can explain; then the newest scan, with thread states and the gate in force', async () => {
    const { admin, dev } = stack.users;
    const payments = repoOf('payments-api');
    const notSeen = await api.problem(admin, 'GET', prPath(payments.id, 5));
    expect(notSeen.status).toBe(404);
    expect(notSeen.body.type).toMatch(/pull-request-not-seen$/);
    expect(notSeen.body.detail).toMatch(/has not seen pull request 5/);
    expect((await api.problem(admin, 'GET', prPath(payments.id, 0))).status).toBe(400);

    await seedPullRequest(payments.id, 5);
    // A member of the project reads it; the answer conforms to the contract.
    const body = (await api.ok(pullRequestSecurityDtoSchema, dev, 'GET', prPath(payments.id, 5))).body;
    expect(body.pullRequest).toMatchObject({ id: 5, repositoryId: payments.id, title: 'Add the payment webhook', status: 'active', createdBy: 'Diego Siciliani' });
    expect(body.pullRequest.webUrl).toMatch(/\/_git\/payments-api\/pullrequest\/5$/);
    expect(body.latestScan).toMatchObject({ state: 'done', verdict: 'failed', iterationId: 2, filesChanged: 3 });
    // The entry that is not a finding is left out; the new finding carries its thread.
    expect(body.latestScan!.newFindings).toEqual([expect.objectContaining({ fingerprint: 'fp-new', threadId: 77, threadState: 'active' })]);
    expect(body.latestScan!.existingFindings).toEqual([expect.objectContaining({ fingerprint: 'fp-old', isNew: false })]);
    expect(body.latestScan!.existingFindings[0].threadId).toBeUndefined();
    expect(body).toMatchObject({ gate: { severity: 'high', source: 'organization' }, comments: true });
    // How events reach the organization, as the event set-up recorded it ('unknown' before it ran).
    const endpoint = await db().selectFrom('hook_endpoints').select('mode').where('org_id', '=', await orgId()).executeTakeFirst();
    expect(body.eventMode).toBe(endpoint?.mode ?? 'unknown');

    // A repository of a project no fake user but an administrator sees answers like one that does not exist.
    const hidden = '0c9e4e55-0000-4000-8000-00000000a11d';
    await db()
      .insertInto('repositories')
      .values({ org_id: await orgId(), repo_id: hidden, project_id: 'hidden-project', project_name: 'Hidden', name: 'secret-repo', default_branch: 'refs/heads/main', is_disabled: false, is_fork: false })
      .execute();
    await seedPullRequest(hidden, 9);
    expect((await api.problem(dev, 'GET', prPath(hidden, 9))).status).toBe(404);
    expect((await api.ok(pullRequestSecurityDtoSchema, admin, 'GET', prPath(hidden, 9))).body.pullRequest.id).toBe(9);
  });

  test('gate settings: the organization default, a repository override and back; administrators only, bad input refused', async () => {
    const { admin, dev } = stack.users;
    const payments = repoOf('payments-api');
    const gate = `/api/v1/repositories/${payments.id}/gate`;

    const patched = await api.ok(fullOrganizationSettingsSchema, admin, 'PATCH', '/api/v1/organization/settings', { gateSeverity: 'low', prComments: false });
    expect(patched.body).toMatchObject({ gateSeverity: 'low', prComments: false });
    expect((await api.problem(admin, 'PATCH', '/api/v1/organization/settings', { gateSeverity: 'info' })).status).toBe(400);
    let tab = (await api.ok(pullRequestSecurityDtoSchema, admin, 'GET', prPath(payments.id, 5))).body;
    expect(tab).toMatchObject({ gate: { severity: 'low', source: 'organization' }, comments: false });

    expect((await api.problem(dev, 'PUT', gate, { severity: 'critical' })).status).toBe(403);
    expect((await api.problem(admin, 'PUT', gate, { severity: 'severe' })).status).toBe(400);
    expect((await api.problem(admin, 'PUT', gate, {})).status).toBe(400);
    expect((await api.problem(admin, 'PUT', '/api/v1/repositories/no-such-repo/gate', { severity: 'critical' })).status).toBe(404);
    expect((await api.ok(repositoryGateDtoSchema, dev, 'GET', gate)).body).toEqual({ repositoryId: payments.id, severity: 'low', source: 'organization' });
    const own = await api.ok(repositoryGateDtoSchema, admin, 'PUT', gate, { severity: 'critical' });
    expect(own.body).toEqual({ repositoryId: payments.id, severity: 'critical', source: 'repository' });
    expect((await api.ok(repositoryGateDtoSchema, dev, 'GET', gate)).body).toEqual(own.body);
    tab = (await api.ok(pullRequestSecurityDtoSchema, admin, 'GET', prPath(payments.id, 5))).body;
    expect(tab.gate).toEqual({ severity: 'critical', source: 'repository' });

    const cleared = await api.ok(repositoryGateDtoSchema, admin, 'PUT', gate, { severity: null });
    expect(cleared.body).toEqual({ repositoryId: payments.id, severity: 'low', source: 'organization' });
    await api.ok(fullOrganizationSettingsSchema, admin, 'PATCH', '/api/v1/organization/settings', { gateSeverity: 'high', prComments: true });
  });

  test("require Vigil's status: a Status policy on each default branch, once; failures named per repository", async () => {
    const { admin, dev } = stack.users;
    const payments = repoOf('payments-api');
    const empty = repoOf('legacy-empty');
    const url = '/api/v1/repositories/required-status-policy';
    expect((await api.problem(dev, 'POST', url, { repositoryIds: [payments.id] })).status).toBe(403);
    expect((await api.problem(admin, 'POST', url, { repositoryIds: [] })).status).toBe(400);

    const first = (await api.ok(requireStatusPolicyResponseSchema, admin, 'POST', url, { repositoryIds: [payments.id, empty.id, 'no-such-repo'] })).body.results;
    expect(first).toEqual([
      expect.objectContaining({ repositoryId: payments.id, repositoryName: 'payments-api', outcome: 'created', refName: 'refs/heads/main', policyId: expect.any(Number) }),
      expect.objectContaining({ repositoryId: empty.id, outcome: 'failed', reason: expect.stringMatching(/no default branch/) }),
      { repositoryId: 'no-such-repo', outcome: 'failed', reason: 'No such repository in this organization' },
    ]);

    // The fake organization now has it, as the branch's policies list it.
    const project = (await db().selectFrom('repositories').select('project_id').where('repo_id', '=', payments.id).executeTakeFirstOrThrow()).project_id;
    const listed = await fetch(`${stack.org.url}/${project}/_apis/git/policy/configurations?repositoryId=${payments.id}&refName=refs/heads/main&policyType=${STATUS_POLICY_TYPE}&api-version=7.1`, {
      headers: { Authorization: `Basic ${Buffer.from(`:${stack.fakeAdo.pats.full}`).toString('base64')}` },
    });
    const policies = z.object({ value: z.array(z.object({ id: z.number(), isBlocking: z.boolean(), settings: z.record(z.string(), z.unknown()) })) }).parse(await listed.json()).value;
    const created = policies.find((p) => p.id === first[0].policyId)!;
    expect(created).toMatchObject({ isBlocking: true, settings: { statusGenre: 'vigil', statusName: 'security', invalidateOnSourceUpdate: true } });

    const again = (await api.ok(requireStatusPolicyResponseSchema, admin, 'POST', url, { repositoryIds: [payments.id] })).body.results;
    expect(again).toEqual([expect.objectContaining({ repositoryId: payments.id, outcome: 'exists', policyId: first[0].policyId })]);
  });
});
