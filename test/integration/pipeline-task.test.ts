// The BUILT pipeline task against the real service (issue 17): the fake organization connected and
// scanned, a pipeline token created in the hub's API, then the task run as the agent runs it over the
// web-storefront sources of a pull request build, with `baseline: service` (the default branch's last scan)
// and the token in its service connection. The run reaches the hub as source "pipeline".
// Builds the task bundle first when it is missing (npm test builds it).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Log } from 'sarif';
import { findingDtoSchema, pagedSchema } from '../../service/contract/api';
import { createdPipelineTokenSchema } from '../../service/contract/pipeline-api';
import { startStack, type Stack } from '../support/stack';
import { contractApi } from './contract';

const ROOT = path.resolve(__dirname, '..', '..');
const BUILT = path.join(ROOT, 'dist', 'tasks', 'vigil-scan');
const FIXTURE = path.join(ROOT, 'test', 'fake-ado', 'fixtures', 'repos', 'contoso', 'web-storefront');
const ENDPOINT = '3f0c2b1a-9e8d-4c7b-a6f5-e4d3c2b1a090';

function run(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, cwd: path.dirname(script) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the pipeline task reporting to the real service', () => {
  let stack: Stack;
  let scratch: string;

  beforeAll(async () => {
    if (!existsSync(path.join(BUILT, 'index.js'))) {
      const built = spawnSync(process.execPath, [path.join(ROOT, 'configs', 'build-task.js')], { cwd: ROOT, encoding: 'utf8' });
      if (built.status !== 0) throw new Error(`configs/build-task.js failed: ${built.stderr}`);
    }
    scratch = mkdtempSync(path.join(os.tmpdir(), 'vigil-task-service-'));
    cpSync(BUILT, path.join(scratch, 'task'), { recursive: true });
    mkdirSync(path.join(scratch, 'agent-temp'));
    stack = await startStack({ database: 'pglite' });
    await stack.connectAndScan();
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('baseline from the default branch\'s scan, the run uploaded with the token and listed as source pipeline', async () => {
    const api = contractApi(stack);
    const { token } = (await api.ok(createdPipelineTokenSchema, stack.users.admin, 'POST', '/api/v1/pipeline/tokens', { name: 'storefront CI' })).body;
    const repo = stack.fakeAdo.orgs.contoso.repos['web-storefront'];
    const output = path.join(scratch, 'staging', 'CodeAnalysisLogs', 'vigil.sarif');

    const task = await run(path.join(scratch, 'task', 'index.js'), {
      PATH: process.env.PATH ?? '',
      AGENT_TEMPDIRECTORY: path.join(scratch, 'agent-temp'),
      INPUT_PATH: FIXTURE,
      INPUT_CATEGORIES: 'secret,iac,code,deps,license,package-risk',
      INPUT_FAILON: 'high',
      INPUT_BASELINE: 'service',
      INPUT_OUTPUTPATH: output,
      INPUT_VIGILSERVICE: ENDPOINT,
      [`ENDPOINT_URL_${ENDPOINT}`]: stack.serviceUrl,
      [`ENDPOINT_AUTH_PARAMETER_${ENDPOINT}_PASSWORD`]: token,
      SYSTEM_COLLECTIONURI: `${stack.org.url}/`,
      SYSTEM_TEAMPROJECTID: repo.projectId,
      SYSTEM_TEAMPROJECT: repo.projectName,
      SYSTEM_DEFINITIONID: '7',
      BUILD_DEFINITIONNAME: 'storefront-ci',
      BUILD_BUILDID: '9201',
      BUILD_REASON: 'PullRequest',
      BUILD_SOURCEBRANCH: 'refs/pull/42/merge',
      BUILD_SOURCEVERSION: 'b'.repeat(40),
      BUILD_REPOSITORY_ID: repo.id,
      BUILD_REPOSITORY_NAME: repo.name,
      BUILD_REPOSITORY_PROVIDER: 'TfsGit',
      SYSTEM_PULLREQUEST_PULLREQUESTID: '42',
      SYSTEM_PULLREQUEST_TARGETBRANCH: 'refs/heads/main',
    });
    expect(task.stderr).toBe('');
    const warnings = task.stdout.split('\n').filter((l) => l.startsWith('##vso[task.issue type=warning'));
    expect(warnings).toEqual([]);
    expect(task.stdout).toMatch(/^Reported to the Vigil service: run \S+, \d+ findings\./m);

    // The default branch's scan is the baseline: what it found (IaC, code, licenses) is not new here.
    const sarif = JSON.parse(readFileSync(output, 'utf8')) as Log;
    const results = sarif.runs[0].results!;
    const inBaseline = results.filter((r) => r.suppressions?.some((s) => s.kind === 'external'));
    expect(inBaseline.length).toBeGreaterThan(0);
    expect(inBaseline.some((r) => r.ruleId!.startsWith('CODE-'))).toBe(true);
    // Secrets too: the baseline came with the organization's salt, so a secret the default branch already
    // has fingerprints as the hub's does and is not new here. Nothing is new: the sources are the branch's.
    const secrets = results.filter((r) => r.ruleId!.startsWith('SEC-'));
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.filter((r) => !r.suppressions?.some((s) => s.kind === 'external'))).toEqual([]);
    expect(results.filter((r) => !r.suppressions?.length)).toEqual([]);
    // The salt never reaches the log, the summary or the SARIF.
    const salt = (await stack.service.context.store.db.selectFrom('organizations').select('secret_salt').where('name', '=', stack.org.name).executeTakeFirstOrThrow()).secret_salt;
    expect(task.stdout).not.toContain(salt);
    expect(readFileSync(output, 'utf8')).not.toContain(salt);

    // The upload's secrets reconcile with the hub's: the same fingerprints as the scan's findings.
    const hubSecrets = (await api.ok(pagedSchema(findingDtoSchema), stack.users.admin, 'GET', `/api/v1/findings?category=secret&repository=${repo.id}&state=open,suppressed&limit=200`)).body;
    const listed = (await api.ok(pagedSchema(findingDtoSchema), stack.users.admin, 'GET', `/api/v1/findings?source=pipeline&repository=${repo.id}&state=open,suppressed&limit=200`)).body;
    expect(listed.items.length).toBeGreaterThan(0);
    const pipelineSecrets = listed.items.filter((f) => f.category === 'secret').map((f) => f.fingerprint);
    expect(pipelineSecrets.length).toBeGreaterThan(0);
    const known = new Set(hubSecrets.items.map((f) => f.fingerprint));
    expect(pipelineSecrets.filter((fp) => !known.has(fp))).toEqual([]);
  });
});
