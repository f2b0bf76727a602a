// The pipeline task's reporting to the Vigil service, in process against a small HTTP server: the upload
// (contract schema, bearer token, the run from the build's variables), the target branch's baseline, a
// refused token (fails, saying so) and a service that is down (a warning, the build is judged as usual).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Log } from 'sarif';
import { pipelineRunUploadSchema, type PipelineRunUpload } from '../../../service/contract/pipeline-api';
import { FINGERPRINT_KEY } from '../../../service/engine/sarif';
import { runTask, type TaskLib } from '../../../tasks/vigil-scan/src/task';
import { fakeTaskLib } from './fake-task-lib';
import { tempTree } from '../engine/helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const KEYS = readFileSync(path.join(ROOT, 'test/fake-ado/fixtures/repos/contoso/hostile-samples/notes/keys.txt'), 'utf8');
const TOKEN = 'vgp_test-token-0123456789';

const VARIABLES: Record<string, string> = {
  'System.CollectionUri': 'https://dev.azure.com/contoso/',
  'System.TeamProjectId': '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c',
  'System.TeamProject': 'Storefront',
  'System.DefinitionId': '12',
  'Build.DefinitionName': 'storefront-ci',
  'Build.BuildId': '345',
  'Build.BuildNumber': '20261207.3',
  'Build.Reason': 'PullRequest',
  'Build.SourceBranch': 'refs/pull/7/merge',
  'Build.SourceVersion': 'a'.repeat(40),
  'Build.Repository.ID': '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  'Build.Repository.Name': 'web-storefront',
  'Build.Repository.Provider': 'TfsGit',
  'System.PullRequest.PullRequestId': '7',
  'System.PullRequest.TargetBranch': 'refs/heads/main',
};

type Handler = (req: IncomingMessage, body: string) => { status: number; body: unknown };

describe('Vigil scan task: reporting to the service', () => {
  let tree: ReturnType<typeof tempTree>;
  let agentTemp: string;
  let server: Server;
  let url: string;
  let handler: Handler;
  let requests: { method: string; url: string; authorization?: string; body: string }[];

  beforeAll(async () => {
    tree = tempTree({ 'repo/notes/keys.txt': KEYS });
    agentTemp = mkdtempSync(path.join(os.tmpdir(), 'vigil-agent-'));
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
        const answer = handler(req, body);
        res.writeHead(answer.status, { 'content-type': answer.status < 400 ? 'application/json' : 'application/problem+json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // A base path, as a service behind a reverse proxy would have.
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vigil`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    tree.remove();
    rmSync(agentTemp, { recursive: true, force: true });
  });
  beforeEach(() => {
    requests = [];
  });

  const inputs = (over: Record<string, string> = {}) => ({
    path: path.join(tree.root, 'repo'),
    categories: 'secret',
    failOn: 'high',
    outputPath: path.join(tree.root, 'out', 'vigil.sarif'),
    vigilService: 'vigil',
    ...over,
  });
  const run = async (over: Record<string, string> = {}) => {
    const { tl, rec } = fakeTaskLib(inputs(over), { url, password: TOKEN }, agentTemp, VARIABLES);
    await runTask(tl, (line) => rec.log.push(line));
    return rec;
  };
  const accepted: Handler = (_req, body) => {
    const upload = JSON.parse(body) as PipelineRunUpload;
    return { status: 201, body: { runId: 'run-1', findings: (upload.sarif as unknown as Log).runs[0].results!.length, hubUrl: 'https://vigil.example/runs/run-1' } };
  };

  it('uploads the run with the token: the contract body, the build from its variables, the verdict and the SARIF', async () => {
    handler = accepted;
    const rec = await run();
    expect(requests.map((r) => [r.method, r.url, r.authorization])).toEqual([['POST', '/vigil/api/v1/pipeline/runs', `Bearer ${TOKEN}`]]);
    const upload = pipelineRunUploadSchema.parse(JSON.parse(requests[0].body));
    expect(upload.run).toEqual({
      organizationUrl: 'https://dev.azure.com/contoso/',
      project: { id: VARIABLES['System.TeamProjectId'], name: 'Storefront' },
      pipeline: { id: 12, name: 'storefront-ci' },
      build: { id: 345, number: '20261207.3', reason: 'PullRequest', sourceBranch: 'refs/pull/7/merge', sourceVersion: 'a'.repeat(40) },
      repository: { id: VARIABLES['Build.Repository.ID'], name: 'web-storefront', type: 'TfsGit' },
      pullRequestId: 7,
      targetBranch: 'refs/heads/main',
    });
    expect(upload.verdict).toBe('failed');
    expect(upload.categories).toEqual(['secret']);
    expect((upload.sarif as unknown as Log).runs[0].results!.map((r) => r.ruleId)).toEqual(['SEC-GITHUB-PAT']);
    expect((upload.sarif as unknown as Log).runs[0].properties!.vigil).toEqual({ verdict: 'failed', failOn: 'high', baseline: 'none', categories: ['secret'] });
    expect(rec.log).toContain('Reported to the Vigil service: run run-1, 1 findings. https://vigil.example/runs/run-1');
    expect(readFileSync(path.join(agentTemp, 'Vigil scan.md'), 'utf8')).toContain('[Open the run in Vigil](https://vigil.example/runs/run-1)');
    expect(rec.results).toEqual([{ result: 2, message: expect.stringMatching(/^Vigil: 1 new finding/) }]);
    expect(rec.warnings).toEqual([]);
  });

  it('baseline "service": the target branch\'s fingerprints make the known finding not new', async () => {
    handler = accepted;
    await run({ failOn: 'none' });
    const sarif = JSON.parse(readFileSync(path.join(tree.root, 'out', 'vigil.sarif'), 'utf8')) as Log;
    const fingerprint = sarif.runs[0].results![0].partialFingerprints![FINGERPRINT_KEY];
    requests = [];
    handler = (req, body) =>
      req.method === 'GET' ? { status: 200, body: { repositoryId: VARIABLES['Build.Repository.ID'], branch: 'refs/heads/main', fingerprints: [fingerprint] } } : accepted(req, body);

    const rec = await run({ baseline: 'service', failOn: 'low' });
    expect(requests[0].method).toBe('GET');
    const asked = new URL(requests[0].url, 'http://x');
    expect([asked.pathname, asked.searchParams.get('repositoryId'), asked.searchParams.get('branch')]).toEqual([
      '/vigil/api/v1/pipeline/baseline',
      VARIABLES['Build.Repository.ID'],
      'refs/heads/main',
    ]);
    expect(requests[0].authorization).toBe(`Bearer ${TOKEN}`);
    expect(rec.results).toEqual([{ result: 0, message: 'Vigil: no open findings.' }]);
    expect(JSON.parse(requests[1].body).verdict).toBe('succeeded');
    // The verdict, its rule and the baseline's source ride in the SARIF for the build results tab.
    const written = JSON.parse(readFileSync(path.join(tree.root, 'out', 'vigil.sarif'), 'utf8')) as Log;
    expect(written.runs[0].properties!.vigil).toEqual({ verdict: 'succeeded', failOn: 'low', baseline: 'service', categories: ['secret'] });
    expect(readFileSync(path.join(agentTemp, 'Vigil scan.md'), 'utf8')).toContain("Baseline: the Vigil service's last results on refs/heads/main.");
  });

  it('baseline "service" with the organization\'s salt: a secret the branch has fingerprints as the service\'s and is not new', async () => {
    const orgSalt = 'org-salt-5f1c0a9e';
    handler = accepted;
    process.env.VIGIL_SECRET_SALT = orgSalt;
    let fingerprint: string;
    try {
      await run({ failOn: 'none' });
      const sarif = JSON.parse(readFileSync(path.join(tree.root, 'out', 'vigil.sarif'), 'utf8')) as Log;
      fingerprint = sarif.runs[0].results![0].partialFingerprints![FINGERPRINT_KEY];
    } finally {
      delete process.env.VIGIL_SECRET_SALT;
    }
    requests = [];
    handler = (req, body) =>
      req.method === 'GET'
        ? { status: 200, body: { repositoryId: VARIABLES['Build.Repository.ID'], branch: 'refs/heads/main', fingerprints: [fingerprint], secretSalt: orgSalt } }
        : accepted(req, body);

    const rec = await run({ baseline: 'service', failOn: 'low' });
    expect(rec.results).toEqual([{ result: 0, message: 'Vigil: no open findings.' }]);
    const uploaded = JSON.parse(requests[1].body) as PipelineRunUpload;
    expect((uploaded.sarif as unknown as Log).runs[0].results![0].partialFingerprints![FINGERPRINT_KEY]).toBe(fingerprint);
    // The salt stays in memory: not in the log, the summary, the SARIF nor the upload.
    expect(JSON.stringify(rec)).not.toContain(orgSalt);
    expect(readFileSync(path.join(agentTemp, 'Vigil scan.md'), 'utf8')).not.toContain(orgSalt);
    expect(readFileSync(path.join(tree.root, 'out', 'vigil.sarif'), 'utf8')).not.toContain(orgSalt);
    expect(requests[1].body).not.toContain(orgSalt);
  });

  it('the salt the service answers is the one scanned with: another salt, another fingerprint', async () => {
    handler = accepted;
    await run({ failOn: 'none' });
    const sarif = JSON.parse(readFileSync(path.join(tree.root, 'out', 'vigil.sarif'), 'utf8')) as Log;
    const cliFingerprint = sarif.runs[0].results![0].partialFingerprints![FINGERPRINT_KEY];
    handler = (req, body) =>
      req.method === 'GET'
        ? { status: 200, body: { repositoryId: VARIABLES['Build.Repository.ID'], branch: 'refs/heads/main', fingerprints: ['0'.repeat(32)], secretSalt: 'another-org' } }
        : accepted(req, body);
    const rec = await run({ baseline: 'service', failOn: 'low' });
    // Another salt makes another fingerprint: the secret is new and fails the run.
    const again = JSON.parse(readFileSync(path.join(tree.root, 'out', 'vigil.sarif'), 'utf8')) as Log;
    expect(again.runs[0].results![0].partialFingerprints![FINGERPRINT_KEY]).not.toBe(cliFingerprint);
    expect(rec.results).toEqual([{ result: 2, message: expect.stringMatching(/^Vigil: 1 new finding/) }]);
  });

  it('a refused token fails the task and says so', async () => {
    handler = () => ({ status: 401, body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'The pipeline token is revoked.' } });
    const rec = await run({ failOn: 'none' });
    expect(rec.results).toEqual([
      {
        result: 2,
        message:
          "the Vigil service refused the pipeline token (HTTP 401: Unauthorized: The pipeline token is revoked.). Create a pipeline upload token in Organization settings › Vigil and put it in the service connection's password.",
      },
    ]);
    // The scan's own outputs are there all the same.
    expect(rec.commands.map((c) => c.command)).toEqual(['artifact.upload', 'task.uploadsummary']);
  });

  it('a service that is down is a warning: the build is judged by its findings as usual', async () => {
    handler = () => ({ status: 503, body: { title: 'Service Unavailable' } });
    const rec = await run({ failOn: 'none', baseline: 'service' });
    expect(rec.warnings).toEqual([
      'Vigil: baseline not used: the Vigil service answered HTTP 503: Service Unavailable. Every finding counts as new.',
      'Vigil: not reported to the service: the Vigil service answered HTTP 503: Service Unavailable.',
    ]);
    expect(rec.results).toEqual([{ result: 1, message: expect.stringMatching(/^Vigil: 1 open finding/) }]);
    expect(readFileSync(path.join(agentTemp, 'Vigil scan.md'), 'utf8')).toContain('Baseline not used: the Vigil service answered HTTP 503: Service Unavailable; every finding counts as new.');
  });

  it('a build without the variables the contract needs is not reported, with a warning', async () => {
    const { tl, rec } = fakeTaskLib(inputs({ failOn: 'none' }), { url, password: TOKEN }, agentTemp, VARIABLES);
    const bare: TaskLib = { ...tl, getVariable: (name) => (name === 'Agent.TempDirectory' ? agentTemp : undefined) };
    await runTask(bare, () => undefined);
    expect(requests).toEqual([]);
    expect(rec.warnings).toEqual([expect.stringMatching(/^Vigil: not reported to the service: the build's variables do not describe the run \(organizationUrl, project\.id, pipeline\.id, build\.id\)/)]);
  });
});
