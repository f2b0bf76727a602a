// The pipeline task's side of the service (issue 17 §1, contract/pipeline-api.ts) through the real service
// against the fake ADO organization: pipeline tokens created, listed and revoked by an administrator (shown
// once, stored as a hash); the upload refused without a live token (401, no detail), for another
// organization (403) and over 20 MB (413); a run of the engine's own SARIF stored and listed by GET
// /api/v1/findings?source=pipeline, its build recorded with a VigilScan task; the baseline of the default
// branch (the last scan's open findings) and of a branch a pipeline scanned, and 404 for others.
import path from 'node:path';
import { runCli } from '../../service/cli';
import { findingDtoSchema, pagedSchema } from '../../service/contract/api';
import {
  createdPipelineTokenSchema,
  pipelineBaselineResponseSchema,
  pipelineRunUploadResponseSchema,
  pipelineTokenListSchema,
  type PipelineRunUpload,
} from '../../service/contract/pipeline-api';
import { databaseKinds } from '../support/databases';
import { startStack, type Stack } from '../support/stack';
import { contractApi } from './contract';

const FIXTURE = path.resolve(__dirname, '..', 'fake-ado', 'fixtures', 'repos', 'contoso', 'web-storefront');

/** The engine's SARIF of a folder, as the task writes it (`vigil scan --format sarif`). */
async function sarifOf(folder: string): Promise<Record<string, unknown>> {
  let out = '';
  await runCli([folder, '--format', 'sarif'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => undefined }, env: {} });
  return JSON.parse(out);
}

describe.each(databaseKinds)('pipeline reporting on %s', (kind) => {
  let stack: Stack;
  let api: ReturnType<typeof contractApi>;
  let sarif: Record<string, unknown>;
  let token: string;
  const db = () => stack.service.context.store.db;
  const storefront = () => stack.fakeAdo.orgs.contoso.repos['web-storefront'];

  const runInfo = (over: Partial<PipelineRunUpload['run']> = {}): PipelineRunUpload['run'] => ({
    organizationUrl: `${stack.org.url}/`,
    project: { id: storefront().projectId, name: storefront().projectName },
    pipeline: { id: 7, name: 'storefront-ci' },
    build: { id: 9101, number: '20261207.1', reason: 'PullRequest', sourceBranch: 'refs/pull/42/merge', sourceVersion: 'a'.repeat(40) },
    repository: { id: storefront().id, name: storefront().name, type: 'TfsGit' },
    pullRequestId: 42,
    targetBranch: 'refs/heads/main',
    ...over,
  });

  const upload = (body: unknown, bearer: string | null = token) =>
    fetch(`${stack.serviceUrl}/api/v1/pipeline/runs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const baseline = (repositoryId: string, branch: string, bearer: string = token) =>
    fetch(`${stack.serviceUrl}/api/v1/pipeline/baseline?repositoryId=${encodeURIComponent(repositoryId)}&branch=${encodeURIComponent(branch)}`, {
      headers: { Authorization: `Bearer ${bearer}` },
    });

  beforeAll(async () => {
    stack = await startStack({ database: kind });
    api = contractApi(stack);
    [sarif] = await Promise.all([sarifOf(FIXTURE), stack.connectAndScan()]);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  });

  test('an administrator creates a token (shown once, kept as a SHA-256), lists and revokes it; others may not', async () => {
    const created = (await api.ok(createdPipelineTokenSchema, stack.users.admin, 'POST', '/api/v1/pipeline/tokens', { name: 'storefront CI' })).body;
    expect(created.token).toMatch(/^vgp_[A-Za-z0-9_-]{43}$/);
    expect(created.info).toMatchObject({ name: 'storefront CI', createdBy: stack.users.admin.id });
    token = created.token;

    const listed = (await api.ok(pipelineTokenListSchema, stack.users.admin, 'GET', '/api/v1/pipeline/tokens')).body;
    expect(listed.items.map((t) => t.id)).toContain(created.info.id);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const stored = await db().selectFrom('pipeline_tokens').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(4));
    expect(Buffer.from(stored[0].token_hash).toString('hex')).toHaveLength(64);

    expect((await api.problem(stack.users.dev, 'POST', '/api/v1/pipeline/tokens', { name: 'mine' })).status).toBe(403);
    expect((await api.problem(stack.users.dev, 'GET', '/api/v1/pipeline/tokens')).status).toBe(403);
    expect((await api.problem(stack.users.admin, 'POST', '/api/v1/pipeline/tokens', { name: '  ' })).status).toBe(400);

    // A second token, revoked: it never authenticates again, and cannot be revoked twice.
    const spare = (await api.ok(createdPipelineTokenSchema, stack.users.admin, 'POST', '/api/v1/pipeline/tokens', { name: 'spare' })).body;
    expect((await stack.api(stack.users.dev, 'DELETE', `/api/v1/pipeline/tokens/${spare.info.id}`)).status).toBe(403);
    expect((await stack.api(stack.users.admin, 'DELETE', `/api/v1/pipeline/tokens/${spare.info.id}`)).status).toBe(204);
    expect((await api.problem(stack.users.admin, 'DELETE', `/api/v1/pipeline/tokens/${spare.info.id}`)).status).toBe(404);
    const after = (await api.ok(pipelineTokenListSchema, stack.users.admin, 'GET', '/api/v1/pipeline/tokens')).body;
    expect(after.items.find((t) => t.id === spare.info.id)?.revokedAt).toBeDefined();
    const revoked = await upload({ run: runInfo(), verdict: 'failed', categories: [], sarif });
    expect(revoked.status).toBe(201); // the live token still works...
    const res = await upload({ run: runInfo(), verdict: 'failed', categories: [], sarif }, spare.token);
    expect(res.status).toBe(401); // ...the revoked one does not
  });

  test('no token, a wrong or an app token: 401 problem+json without detail, before the body is read', async () => {
    const body = { run: runInfo(), verdict: 'succeeded', categories: [], sarif: { version: '2.1.0', runs: [] } };
    for (const bearer of [null, 'vgp_' + 'x'.repeat(43), token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), stack.appToken(stack.users.admin)]) {
      const res = await upload(body, bearer);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = await res.json();
      expect(problem).toEqual({ type: 'https://vigil.dev/problems/unauthorized', title: 'Not authenticated', status: 401 });
    }
    // The hub's own authentication does not open the receiver either.
    expect((await stack.api(stack.users.admin, 'POST', '/api/v1/pipeline/runs', body)).status).toBe(401);
    expect((await baseline(storefront().id, 'main', 'vgp_nope')).status).toBe(401);
  });

  test('a run of another organization is 403; a body over 20 MB 413; a log that is not SARIF 400', async () => {
    const other = await upload({ run: runInfo({ organizationUrl: stack.fakeAdo.orgUrl('fabrikam') }), verdict: 'succeeded', categories: [], sarif });
    expect(other.status).toBe(403);
    expect((await other.json()).detail).toMatch(/another organization/);

    const huge = JSON.stringify({ run: runInfo(), verdict: 'succeeded', categories: [], sarif: { version: '2.1.0', runs: [], pad: 'x'.repeat(21 * 1024 * 1024) } });
    const tooLarge = await upload(huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const notSarif = await upload({ run: runInfo(), verdict: 'succeeded', categories: [], sarif: { version: '2.1.0' } });
    expect(notSarif.status).toBe(400);
    expect((await notSarif.json()).detail).toMatch(/runs/);
    const invalid = await upload({ run: { ...runInfo(), organizationUrl: 'not a url' }, verdict: 'succeeded', categories: [], sarif });
    expect(invalid.status).toBe(400);
    const otherProject = await upload({ run: runInfo({ project: { id: stack.fakeAdo.orgs.contoso.repos['platform-infra'].projectId } }), verdict: 'succeeded', categories: [], sarif });
    expect(otherProject.status).toBe(400);
    expect((await otherProject.json()).detail).toMatch(/another project/);
  });

  test('a valid upload: its findings listed with source pipeline, its build recorded with a VigilScan task', async () => {
    const run = runInfo({ build: { id: 9200, number: '20261207.2', reason: 'PullRequest', sourceBranch: 'refs/pull/43/merge', sourceVersion: 'b'.repeat(40) }, pullRequestId: 43 });
    const res = await upload({ run, verdict: 'failed', categories: ['secret', 'iac', 'code', 'deps', 'license', 'package-risk'], sarif });
    expect(res.status).toBe(201);
    const answer = pipelineRunUploadResponseSchema.parse(await res.json());
    const engineResults = (sarif.runs as any[])[0].results as any[];
    const unsuppressed = engineResults.filter((r) => !r.suppressions?.length);
    expect(answer.findings).toBe(unsuppressed.length);
    // The link opens Project settings › Vigil › Findings on the pipeline runs of the run's repository.
    const hub = new URL(answer.hubUrl!);
    expect(`${hub.origin}${hub.pathname}`).toBe(`${stack.org.url.replace(/\/+$/, '')}/${run.project.id}/_settings/vigil-security.vigil.project-settings-hub`);
    expect(Object.fromEntries(hub.searchParams)).toEqual({ source: 'pipeline', repository: storefront().id });

    const listed = (
      await api.ok(pagedSchema(findingDtoSchema), stack.users.admin, 'GET', `/api/v1/findings?source=pipeline&repository=${storefront().id}&limit=200`)
    ).body;
    // This run and the first test's run (another branch) of the same repository: each the latest of its branch.
    const ofRun = listed.items.filter((f) => f.commitSha === 'b'.repeat(40));
    expect(ofRun).toHaveLength(unsuppressed.length);
    expect(ofRun.every((f) => f.source === 'pipeline' && f.state === 'open')).toBe(true);
    const fingerprints = new Set(unsuppressed.map((r) => r.partialFingerprints['vigil/v1']));
    expect(new Set(ofRun.map((f) => f.fingerprint))).toEqual(fingerprints);
    const secret = ofRun.find((f) => f.ruleId === 'SEC-NPM-ACCESS-TOKEN')!;
    expect(secret).toMatchObject({ severity: 'critical', category: 'secret', location: { kind: 'file', path: '.npmrc', line: 2 }, commitSha: 'b'.repeat(40) });
    // The run it belongs to, for the hub's read-only details panel (the build linked in Azure DevOps).
    expect(secret.pipelineRun).toEqual({
      runId: answer.runId,
      pipelineId: 7,
      pipelineName: 'storefront-ci',
      buildId: 9200,
      buildNumber: '20261207.2',
      buildUrl: `${stack.org.url.replace(/\/+$/, '')}/${run.project.id}/_build/results?buildId=9200`,
      sourceBranch: 'refs/pull/43/merge',
      pullRequestId: 43,
      commitSha: 'b'.repeat(40),
    });
    // Severity filter and the scan list, which the pipeline's findings do not join.
    const critical = (await api.ok(pagedSchema(findingDtoSchema), stack.users.admin, 'GET', `/api/v1/findings?source=pipeline&severity=critical&limit=200`)).body;
    expect(critical.items.length).toBeGreaterThan(0);
    expect(critical.items.every((f) => f.severity === 'critical')).toBe(true);
    // The export covers the scans' findings only, and says so.
    const exported = await api.problem(stack.users.admin, 'GET', '/api/v1/findings/export?format=csv&source=pipeline');
    expect(exported.status).toBe(400);
    expect(exported.body.detail).toMatch(/source=scan/);
    const scanList = (await api.ok(pagedSchema(findingDtoSchema), stack.users.admin, 'GET', `/api/v1/findings?repository=${storefront().id}&limit=200`)).body;
    expect(scanList.items.some((f) => f.source === 'pipeline' || f.commitSha === 'b'.repeat(40))).toBe(false);

    const build = await db().selectFrom('builds').selectAll().where('build_id', '=', 9200).executeTakeFirstOrThrow();
    expect(build).toMatchObject({ pull_request_id: 43, repo_id: storefront().id, source_branch: 'refs/pull/43/merge', definition_id: 7 });
    expect(build.tasks).toEqual([{ name: 'VigilScan', task: { id: '', name: 'VigilScan' }, result: 'failed' }]);
    const stored = await db().selectFrom('pipeline_runs').selectAll().where('build_id', '=', 9200).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ verdict: 'failed', pull_request_id: 43, commit_sha: 'b'.repeat(40) });
  });

  test('baseline: the default branch from the last scan, a scanned branch from its last run, else 404', async () => {
    const main = await baseline(storefront().id, 'main');
    expect(main.status).toBe(200);
    const body = pipelineBaselineResponseSchema.parse(await main.json());
    const open = await db().selectFrom('findings').select('fingerprint').where('repo_id', '=', storefront().id).where('state', '=', 'open').execute();
    expect(open.length).toBeGreaterThan(0);
    expect(new Set(body.fingerprints)).toEqual(new Set(open.map((f) => f.fingerprint)));
    expect(body).toMatchObject({ repositoryId: storefront().id, branch: 'refs/heads/main' });
    expect(body.commit).toMatch(/^[0-9a-f]{40}$/);
    // The organization's fingerprint salt, for the token's holder only, never cached on the way.
    const { secret_salt } = await db().selectFrom('organizations').select('secret_salt').where('url', '=', stack.org.url).executeTakeFirstOrThrow();
    expect(body.secretSalt).toBe(secret_salt);
    expect(main.headers.get('cache-control')).toBe('no-store');

    const branchRun = runInfo({ build: { id: 9300, reason: 'IndividualCI', sourceBranch: 'refs/heads/feature/cart', sourceVersion: 'c'.repeat(40) } });
    delete branchRun.pullRequestId;
    expect((await upload({ run: branchRun, verdict: 'succeededWithIssues', categories: ['secret'], sarif })).status).toBe(201);
    const feature = await baseline(storefront().id, 'feature/cart');
    expect(feature.status).toBe(200);
    const featureBody = pipelineBaselineResponseSchema.parse(await feature.json());
    expect(featureBody).toMatchObject({ branch: 'refs/heads/feature/cart', commit: 'c'.repeat(40) });
    expect(featureBody.fingerprints.length).toBeGreaterThan(0);

    const none = await baseline(storefront().id, 'refs/heads/never-scanned');
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({ status: 404, detail: 'No Vigil results for that branch' });
    expect((await baseline('no-such-repository', 'main')).status).toBe(404);
  });
});
