// The pull-request gate end to end on the fake ADO (issue 14 §4): a PR into platform-infra's default
// branch adding a secret and a Terraform storage account with TLS 1.0, and editing a file that has
// findings on the default branch. The scan posts pending then failed (genre vigil, name security), one
// thread per new finding on its lines, none on the existing findings; a second iteration that deletes
// the secret marks its thread fixed, re-evaluates the status and posts no second thread; with comments
// off (through the queue this time) no thread at all; dismissing the merged finding in the hub closes
// its thread.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AdoClient } from '../../service/ado/client';
import type { PullRequestFindingDto } from '../../service/contract/events-api';
import { FINGERPRINT_PROPERTY } from '../../service/gate/threads';
import { failsGate } from '../../service/gate/verdict';
import { requestPullRequestScan } from '../../service/jobs/pull-request-queue';
import { scanPullRequest } from '../../service/jobs/scan-pull-request';
import { updateOrganizationSettings } from '../../service/store/organizations';
import { databaseKinds } from '../support/databases';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';

const REPO = 'platform-infra';
const SECRET_FILE = 'config/ci.env';
// A GitHub token planted elsewhere in the fixtures (hostile-samples): here at line 3 of a new file.
const SECRET_TEXT = ['# CI settings', 'REGION=westeurope', 'GITHUB_TOKEN=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', ''].join('\n');
const TF_FILE = 'terraform/audit.tf';
const TF_TEXT = [
  'resource "azurerm_storage_account" "audit" {',
  '  name                     = "contosoaudit"',
  '  resource_group_name      = azurerm_resource_group.shop.name',
  '  location                 = azurerm_resource_group.shop.location',
  '  account_tier             = "Standard"',
  '  account_replication_type = "GRS"',
  '  min_tls_version          = "TLS1_0"',
  '}',
  '',
].join('\n');
const TLS_LINE = 7;

describe.each(databaseKinds)('the pull-request gate on %s', (kind) => {
  let stack: Stack;
  let orgId: string;
  let repoId: string;
  let projectId: string;
  let ado: AdoClient;

  beforeAll(async () => {
    // Polling left to the test: no poll round requests scans of these pull requests meanwhile.
    stack = await startStack({ database: kind, env: { VIGIL_POLL_MINUTES: '1440' } });
    const res = await stack.api(stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.full });
    expect(res.status).toBe(201);
    orgId = (await db().selectFrom('organizations').select('org_id').where('name', '=', 'contoso').executeTakeFirstOrThrow()).org_id;
    repoId = stack.fakeAdo.orgs.contoso.repos[REPO].id;
    // The default branch scanned first: its findings make the PR's findings in main.tf existing.
    const repo = await waitFor(
      `${REPO} to be scanned`,
      async () => {
        const r = await db().selectFrom('repositories').selectAll().where('org_id', '=', orgId).where('repo_id', '=', repoId).executeTakeFirst();
        return r?.scan_state === 'done' && r;
      },
      240_000,
      250,
    );
    projectId = repo.project_id;
    ado = stack.service.context.adoClient(stack.org.url, { kind: 'pat', token: stack.fakeAdo.pats.full });
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const db = () => stack.service.context.store.db;
  const ctx = () => stack.service.context;
  const job = (pullRequestId: number) => ({ orgId, repoId, projectId, pullRequestId, trigger: 'manual' as const });
  const latestScan = (prId: number) =>
    db().selectFrom('pull_request_scans').selectAll().where('org_id', '=', orgId).where('repo_id', '=', repoId).where('pull_request_id', '=', prId).orderBy('queued_at', 'desc').executeTakeFirstOrThrow();
  const vigilStatuses = async (prId: number) => (await ado.pullRequests.listStatuses(projectId, repoId, prId)).filter((s) => s.context.genre === 'vigil' && s.context.name === 'security');
  const vigilThreads = async (prId: number) => (await ado.pullRequests.listThreads(projectId, repoId, prId)).filter((t) => t.properties[FINGERPRINT_PROPERTY]);
  const failing = (findings: PullRequestFindingDto[]) => findings.filter((f) => failsGate(f.severity, 'high')).length;

  let prId: number;
  let firstNew: PullRequestFindingDto[];

  test('a PR adding a secret and a TLS 1.0 storage account fails the gate, with one thread per new finding on its lines', async () => {
    stack.fakeAdo.push('contoso', REPO, {
      branch: 'feature/audit-storage',
      changes: {
        [SECRET_FILE]: SECRET_TEXT,
        [TF_FILE]: TF_TEXT,
        // main.tf's TLS line edited (a comment added): its finding, open on the default branch, stays existing.
        'terraform/main.tf': readFileSync(path.join(__dirname, '../fake-ado/fixtures/repos/contoso', REPO, 'terraform/main.tf'), 'utf8').replace('= "TLS1_0"\n', '= "TLS1_0" # legacy clients\n'),
      },
    });
    prId = stack.fakeAdo.createPullRequest('contoso', REPO, { source: 'feature/audit-storage', title: 'Audit storage' });

    const result = await scanPullRequest(ctx(), job(prId));
    expect(result).toMatchObject({ state: 'done', verdict: 'failed' });

    const scan = await latestScan(prId);
    expect(scan).toMatchObject({ state: 'done', verdict: 'failed', gate_severity: 'high', iteration_id: 1, files_changed: 3 });
    firstNew = scan.new_findings as PullRequestFindingDto[];
    const existing = scan.existing_findings as PullRequestFindingDto[];

    const secret = firstNew.find((f) => f.path === SECRET_FILE);
    expect(secret).toMatchObject({ category: 'secret', line: 3, isNew: true });
    const tls = firstNew.find((f) => f.path === TF_FILE && f.ruleId === 'IAC-TF-AZ-STORAGE-MIN-TLS');
    expect(tls).toMatchObject({ line: TLS_LINE, isNew: true });
    expect(tls?.webUrl).toContain(`version=GC${scan.source_commit}`);
    // Every new finding sits in an added file; main.tf's findings are existing, matched on the default branch.
    expect(firstNew.every((f) => f.path === SECRET_FILE || f.path === TF_FILE)).toBe(true);
    const mainTfExisting = existing.filter((f) => f.path === 'terraform/main.tf');
    expect(mainTfExisting.find((f) => f.ruleId === 'IAC-TF-AZ-STORAGE-MIN-TLS')).toMatchObject({ line: 12, isNew: false, findingId: expect.any(String) });
    expect(mainTfExisting.every((f) => !f.isNew && f.findingId && f.threadId === undefined)).toBe(true);

    // One thread per new finding, on its file and lines, recognisable by its property; none on existing ones.
    const threads = await vigilThreads(prId);
    expect(threads).toHaveLength(firstNew.length);
    const threadOf = (f: PullRequestFindingDto) => threads.filter((t) => t.properties[FINGERPRINT_PROPERTY] === f.fingerprint);
    for (const f of firstNew) {
      expect(threadOf(f)).toHaveLength(1);
      expect(threadOf(f)[0]).toMatchObject({ id: f.threadId, status: 'active', filePath: `/${f.path}`, line: f.line });
    }
    expect(threadOf(tls!)[0].comments[0].content).toContain('IAC-TF-AZ-STORAGE-MIN-TLS');
    expect(threads.some((t) => t.filePath === '/terraform/main.tf')).toBe(false);

    // Pending before the download, then the verdict, both on iteration 1 and pointing at the PR.
    const statuses = await vigilStatuses(prId);
    expect(statuses.map((s) => s.state)).toEqual(['pending', 'failed']);
    expect(statuses[0]).toMatchObject({ description: 'Scanning 3 changed files', iterationId: 1 });
    expect(statuses[1].description).toBe(`${failing(firstNew)} new finding${failing(firstNew) === 1 ? '' : 's'} at or above high`);
    expect(statuses[1].targetUrl).toMatch(new RegExp(`/pullrequest/${prId}\\?_a=overview$`));
  });

  test('a second iteration removing the secret: its thread fixed, the status re-evaluated, no second thread', async () => {
    stack.fakeAdo.push('contoso', REPO, { branch: 'feature/audit-storage', changes: { [SECRET_FILE]: null } });
    const result = await scanPullRequest(ctx(), job(prId));
    expect(result).toMatchObject({ state: 'done' });

    const scan = await latestScan(prId);
    expect(scan).toMatchObject({ iteration_id: 2, files_changed: 2 });
    const secondNew = scan.new_findings as PullRequestFindingDto[];
    expect(secondNew.some((f) => f.path === SECRET_FILE)).toBe(false);
    expect(secondNew.map((f) => f.fingerprint).sort()).toEqual(firstNew.filter((f) => f.path !== SECRET_FILE).map((f) => f.fingerprint).sort());

    const threads = await vigilThreads(prId);
    expect(threads).toHaveLength(firstNew.length); // nothing posted twice
    const secretThread = threads.find((t) => t.filePath === `/${SECRET_FILE}`);
    expect(secretThread?.status).toBe('fixed');
    expect(threads.filter((t) => t.filePath === `/${TF_FILE}`).every((t) => t.status === 'active')).toBe(true);
    const stored = await db().selectFrom('pull_request_threads').select(['fingerprint', 'state']).where('org_id', '=', orgId).where('pull_request_id', '=', prId).execute();
    expect(stored.find((t) => t.fingerprint === firstNew.find((f) => f.path === SECRET_FILE)!.fingerprint)?.state).toBe('fixed');

    const last = (await vigilStatuses(prId)).at(-1)!;
    expect(last).toMatchObject({ state: failing(secondNew) ? 'failed' : 'succeeded', iterationId: 2 });
    expect(last.description).toMatch(failing(secondNew) ? new RegExp(`^${failing(secondNew)} new findings? at or above high$`) : /^No new findings at or above high$/);
    expect(failing(secondNew)).toBeLessThan(failing(firstNew));
  });

  test('with comments off, a failing PR gets its status but no thread (scanned through the queue)', async () => {
    await updateOrganizationSettings(db(), orgId, { prComments: false });
    try {
      stack.fakeAdo.push('contoso', REPO, { branch: 'feature/quiet', changes: { 'config/quiet.env': SECRET_TEXT } });
      const quietPr = stack.fakeAdo.createPullRequest('contoso', REPO, { source: 'feature/quiet', title: 'Quiet' });
      const scanId = await requestPullRequestScan(ctx(), job(quietPr));
      expect(scanId).toEqual(expect.any(String));
      const scan = await waitFor(
        'the queued PR scan',
        async () => {
          const s = await db().selectFrom('pull_request_scans').selectAll().where('org_id', '=', orgId).where('pr_scan_id', '=', scanId!).executeTakeFirst();
          return (s?.state === 'done' || s?.state === 'failed') && s;
        },
        120_000,
        200,
      );
      expect(scan).toMatchObject({ state: 'done', verdict: 'failed' });
      expect((scan.new_findings as PullRequestFindingDto[]).map((f) => [f.path, f.line, f.threadId])).toEqual([['config/quiet.env', 3, undefined]]);
      expect(await vigilThreads(quietPr)).toEqual([]);
      expect((await vigilStatuses(quietPr)).at(-1)?.state).toBe('failed');
    } finally {
      await updateOrganizationSettings(db(), orgId, { prComments: true });
    }
  });

  test('a PAT without vso.code_status and vso.threads_full: the verdict is still recorded, with warnings naming both scopes', async () => {
    stack.fakeAdo.push('contoso', REPO, { branch: 'feature/scoped', changes: { 'config/scoped.env': SECRET_TEXT } });
    const scopedPr = stack.fakeAdo.createPullRequest('contoso', REPO, { source: 'feature/scoped', title: 'Scoped' });
    const base = ctx();
    const codeOnly = { ...base, adoClient: (url: string) => base.adoClient(url, { kind: 'pat' as const, token: stack.fakeAdo.pats.codeOnly }) };
    const result = await scanPullRequest(codeOnly, job(scopedPr));
    expect(result).toMatchObject({ state: 'done', verdict: 'failed', newFindings: 1 });
    const scan = await latestScan(scopedPr);
    expect(scan).toMatchObject({ state: 'done', verdict: 'failed' });
    const codes = scan.warnings.map((w) => w.code);
    expect(codes.filter((c) => c === 'status-refused')).toHaveLength(2); // pending and the verdict
    expect(codes).toContain('threads-refused');
    expect(scan.warnings.find((w) => w.code === 'status-refused')?.message).toContain('vso.code_status');
    expect(scan.warnings.find((w) => w.code === 'threads-refused')?.message).toContain('vso.threads_full');
    expect(await vigilStatuses(scopedPr)).toEqual([]);
    expect(await vigilThreads(scopedPr)).toEqual([]);
  });

  test('a scan that cannot run posts an error status with the reason and records it', async () => {
    stack.fakeAdo.push('contoso', REPO, { branch: 'feature/too-large', changes: { 'config/large.env': SECRET_TEXT } });
    const largePr = stack.fakeAdo.createPullRequest('contoso', REPO, { source: 'feature/too-large', title: 'Too large' });
    const base = ctx();
    const tiny = { ...base, config: { ...base.config, maxRepoBytes: 64 } };
    const result = await scanPullRequest(tiny, job(largePr));
    expect(result).toMatchObject({ state: 'failed', verdict: 'error' });
    const scan = await latestScan(largePr);
    expect(scan).toMatchObject({ state: 'failed', verdict: 'error', iteration_id: 1 });
    expect(scan.error).toMatch(/64-byte cap/);
    const statuses = await vigilStatuses(largePr);
    expect(statuses.map((s) => s.state)).toEqual(['pending', 'error']);
    expect(statuses[1].description).toMatch(/^Vigil could not scan this pull request: .*64-byte cap/);
  });

  test('dismissing the merged finding in the hub closes its thread', async () => {
    const mergeCommit = stack.fakeAdo.completePullRequest('contoso', prId);
    const res = await stack.api(stack.users.admin, 'POST', '/api/v1/scans', { repositoryId: repoId });
    expect(res.status).toBe(202);
    const tls = firstNew.find((f) => f.path === TF_FILE && f.ruleId === 'IAC-TF-AZ-STORAGE-MIN-TLS')!;
    const finding = await waitFor(
      'the merged TLS finding on the default branch',
      () => db().selectFrom('findings').select(['finding_id', 'commit_sha']).where('org_id', '=', orgId).where('fingerprint', '=', tls.fingerprint).where('state', '=', 'open').executeTakeFirst(),
      180_000,
      250,
    );
    expect(finding.commit_sha).toBe(mergeCommit);
    const dismissed = await stack.api(stack.users.admin, 'PUT', `/api/v1/findings/${finding.finding_id}/dismissal`, { reason: 'accepted-risk', comment: 'audit logs only' });
    expect(dismissed.status).toBe(200);
    await waitFor(
      'the TLS thread to be closed',
      async () => (await vigilThreads(prId)).find((t) => t.properties[FINGERPRINT_PROPERTY] === tls.fingerprint)?.status === 'closed',
      60_000,
      200,
    );
    const stored = await db().selectFrom('pull_request_threads').select('state').where('org_id', '=', orgId).where('pull_request_id', '=', prId).where('fingerprint', '=', tls.fingerprint).executeTakeFirstOrThrow();
    expect(stored.state).toBe('closed');
  });
});
