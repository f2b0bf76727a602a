// The BUILT pipeline task run as the agent runs it: dist/tasks/vigil-scan copied out of the repository
// (so nothing resolves from the repository's node_modules), started with the agent's environment
// (INPUT_*, ENDPOINT_*, SYSTEM_*, BUILD_*, AGENT_TEMPDIRECTORY) over the fake organization's contoso
// repositories (secrets, IaC with Bicep, Python, C# and JavaScript code). Its SARIF must hold what
// `npm run scan -- <folder> --format sarif` reports on the same folder, and it reports to a small server.
// Builds the bundle first when it is missing (npm test builds it: npm run build).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Log, Result } from 'sarif';
import { EXIT_FINDINGS, runCli } from '../../../service/cli';
import { pipelineRunUploadSchema } from '../../../service/contract/pipeline-api';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BUILT = path.join(ROOT, 'dist', 'tasks', 'vigil-scan');
const FIXTURE = path.join(ROOT, 'test', 'fake-ado', 'fixtures', 'repos', 'contoso');
const ENDPOINT = '7b3c1f3e-5d2a-4c6b-9e8f-0a1b2c3d4e5f';
const TOKEN = 'vgp_bundle-test-token-42';

/** What must be identical wherever the engine runs: the rule, the place, the fingerprint and any suppression. */
function resultKey(r: Result): string {
  return JSON.stringify([r.ruleId, r.level, r.locations?.[0]?.physicalLocation, r.partialFingerprints, r.suppressions?.map((s) => s.kind)]);
}

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

describe('the built Vigil scan task, run as the agent runs it', () => {
  let scratch: string;
  let server: Server;
  let uploads: { authorization?: string; body: string }[];
  let task: { code: number | null; stdout: string; stderr: string };
  let taskSarif: Log;
  let cliSarif: Log;

  beforeAll(async () => {
    if (!existsSync(path.join(BUILT, 'index.js'))) {
      const built = spawnSync(process.execPath, [path.join(ROOT, 'configs', 'build-task.js')], { cwd: ROOT, encoding: 'utf8' });
      if (built.status !== 0) throw new Error(`configs/build-task.js failed: ${built.stderr}`);
    }
    scratch = mkdtempSync(path.join(os.tmpdir(), 'vigil-task-bundle-'));
    cpSync(BUILT, path.join(scratch, 'task'), { recursive: true });
    // The agent creates its temporary folder before a task starts (task-lib keeps its vault key there).
    mkdirSync(path.join(scratch, 'agent-temp'));

    uploads = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        uploads.push({ authorization: req.headers.authorization, body });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ runId: 'run-bundle', findings: 1 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

    const output = path.join(scratch, 'staging', 'CodeAnalysisLogs', 'vigil.sarif');
    task = await run(path.join(scratch, 'task', 'index.js'), {
      PATH: process.env.PATH ?? '',
      AGENT_TEMPDIRECTORY: path.join(scratch, 'agent-temp'),
      BUILD_SOURCESDIRECTORY: FIXTURE,
      SYSTEM_DEFAULTWORKINGDIRECTORY: FIXTURE,
      INPUT_PATH: FIXTURE,
      INPUT_CATEGORIES: 'secret,iac,code,deps,license,package-risk',
      INPUT_FAILON: 'high',
      INPUT_OUTPUTPATH: output,
      INPUT_VIGILSERVICE: ENDPOINT,
      [`ENDPOINT_URL_${ENDPOINT}`]: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      [`ENDPOINT_AUTH_PARAMETER_${ENDPOINT}_PASSWORD`]: TOKEN,
      SYSTEM_COLLECTIONURI: 'https://dev.azure.com/contoso/',
      SYSTEM_TEAMPROJECTID: '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c',
      SYSTEM_DEFINITIONID: '12',
      BUILD_BUILDID: '345',
      BUILD_REASON: 'IndividualCI',
      BUILD_SOURCEBRANCH: 'refs/heads/main',
      BUILD_REPOSITORY_ID: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    });
    taskSarif = JSON.parse(readFileSync(output, 'utf8')) as Log;

    let cliOut = '';
    const code = await runCli([FIXTURE, '--format', 'sarif', '--fail-on', 'high'], { stdout: { write: (s: string) => (cliOut += s) }, stderr: { write: () => undefined }, env: {} });
    expect(code).toBe(EXIT_FINDINGS);
    cliSarif = JSON.parse(cliOut) as Log;
  }, 180_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('writes the same SARIF as npm run scan on the same folder: rules, places, fingerprints, suppressions', () => {
    const taskResults = taskSarif.runs[0].results!;
    // Every family took part: a parse failure of a grammar or of ESLint in the bundle would drop one.
    for (const prefix of ['SEC-', 'IAC-', 'CODE-PY-', 'CODE-CS-', 'CODE-JS-', 'LIC-']) expect(taskResults.some((r) => r.ruleId!.startsWith(prefix))).toBe(true);
    expect(taskResults.map(resultKey).sort()).toEqual(cliSarif.runs[0].results!.map(resultKey).sort());
    expect(taskSarif.runs[0].tool.driver.rules!.map((r) => r.id)).toEqual(cliSarif.runs[0].tool.driver.rules!.map((r) => r.id));
    expect(taskSarif.runs[0].tool.driver.version).toBe(cliSarif.runs[0].tool.driver.version);
    // The same notifications: no scanner failed in the bundle that ran from source.
    const notes = (log: Log) => log.runs[0].invocations![0].toolExecutionNotifications!.map((n) => n.message.text);
    expect(notes(taskSarif)).toEqual(notes(cliSarif));
  });

  it('issues the agent commands and fails the build on new high findings', () => {
    const commands = task.stdout.split(/\r?\n/).filter((l) => l.startsWith('##vso[') && !l.startsWith('##vso[task.debug]'));
    expect(commands[0]).toBe(`##vso[artifact.upload containerfolder=CodeAnalysisLogs;artifactname=CodeAnalysisLogs;]${path.join(scratch, 'staging', 'CodeAnalysisLogs', 'vigil.sarif')}`);
    expect(commands).toContain(`##vso[task.uploadsummary]${path.join(scratch, 'agent-temp', 'Vigil scan.md')}`);
    expect(commands.at(-1)).toMatch(/^##vso\[task\.complete result=Failed;\]Vigil: \d+ new finding\(s\) at high or above/);
    expect(task.stderr).toBe('');
    expect(task.code).toBe(0);
  });

  it('reports the run to the service with the token', () => {
    expect(uploads).toHaveLength(1);
    expect(uploads[0].authorization).toBe(`Bearer ${TOKEN}`);
    const upload = pipelineRunUploadSchema.parse(JSON.parse(uploads[0].body));
    expect(upload.run).toMatchObject({ organizationUrl: 'https://dev.azure.com/contoso/', pipeline: { id: 12 }, build: { id: 345, sourceBranch: 'refs/heads/main' } });
    expect(upload.verdict).toBe('failed');
    expect((upload.sarif as unknown as Log).runs[0].results!.length).toBe(taskSarif.runs[0].results!.length);
    expect(task.stdout).toContain('Reported to the Vigil service: run run-bundle');
  });

  it('never prints a planted secret value, in the log, the summary or the SARIF', () => {
    const planted = JSON.parse(readFileSync(path.join(ROOT, 'test/fake-ado/fixtures/planted.json'), 'utf8')) as { org: string; value: string }[];
    const values = planted.filter((p) => p.org === 'contoso').map((p) => p.value);
    expect(values.length).toBeGreaterThan(0);
    const texts = [task.stdout, readFileSync(path.join(scratch, 'agent-temp', 'Vigil scan.md'), 'utf8'), JSON.stringify(taskSarif)];
    for (const v of values) for (const t of texts) expect(t).not.toContain(v);
  });
});
