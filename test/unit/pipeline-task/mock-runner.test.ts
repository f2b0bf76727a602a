// The pipeline task under azure-pipelines-task-lib's mock runner: inputs, the ##vso commands it issues
// (artifact upload, summary), its result by the fail-on rule, and a hostile file name that must not be
// able to issue a command of its own. MockTestRunner would download a Node binary matching task.json's
// handler; it is given this process's Node instead (nodePath set before runAsync).
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockTestRunner } from 'azure-pipelines-task-lib/mock-test';
import type { Log } from 'sarif';
import { tempTree } from '../engine/helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TASK_JSON = path.join(ROOT, 'tasks', 'vigil-scan', 'task.json');
const MOCK_RUN = path.join(__dirname, 'mock-run.js');
/** A revoked GitHub token from the fake organization's fixtures: a critical secret finding. */
const KEYS = readFileSync(path.join(ROOT, 'test/fake-ado/fixtures/repos/contoso/hostile-samples/notes/keys.txt'), 'utf8');
const TOKEN = /ghp_\w+/.exec(KEYS)![0];
/** A file name that would be a logging command if printed as is. */
const HOSTILE_NAME = '##vso[task.setvariable variable=owned]yes.txt';

interface Commands {
  /** Every ##vso command line, in order. */
  all: string[];
  result?: string;
}

function commandsOf(stdout: string): Commands {
  const all = stdout.split(/\r?\n/).filter((l) => l.includes('##vso['));
  const complete = all.find((l) => l.startsWith('##vso[task.complete'));
  return { all, result: complete ? /result=(\w+)/.exec(complete)?.[1] : undefined };
}

/**
 * Runs the task with these inputs and environment. Jest gives the test a copy of process.env that a
 * child process does not inherit, so each run gets a small script that sets them, then loads mock-run.js.
 */
async function runTask(scratch: string, inputs: Record<string, string>, env: Record<string, string>): Promise<{ runner: MockTestRunner; commands: Commands }> {
  const script = path.join(scratch, `run-${++runs}.js`);
  const lines = [
    ...Object.entries({ ...env, VIGIL_MOCK_INPUTS: JSON.stringify(inputs) }).map(([k, v]) => `process.env[${JSON.stringify(k)}] = ${JSON.stringify(v)};`),
    `require(${JSON.stringify(MOCK_RUN)});`,
  ];
  writeFileSync(script, `${lines.join('\n')}\n`);
  const runner = new MockTestRunner(script, TASK_JSON);
  runner.nodePath = process.execPath;
  await runner.runAsync();
  return { runner, commands: commandsOf(runner.stdout) };
}
let runs = 0;

describe('Vigil scan task (mock runner)', () => {
  let tree: ReturnType<typeof tempTree>;
  let agentTemp: string;
  let out: string;

  beforeAll(() => {
    tree = tempTree({
      [`repo/notes/${HOSTILE_NAME}`]: KEYS,
      'repo/src/app.py': 'print("hello")\n',
    });
    agentTemp = mkdtempSync(path.join(os.tmpdir(), 'vigil-agent-'));
    out = path.join(tree.root, 'staging', 'CodeAnalysisLogs', 'vigil.sarif');
  });
  afterAll(() => {
    tree.remove();
    rmSync(agentTemp, { recursive: true, force: true });
  });

  const run = (inputs: Record<string, string>) => runTask(agentTemp, inputs, { AGENT_TEMPDIRECTORY: agentTemp });
  const base = () => ({ path: path.join(tree.root, 'repo'), categories: 'secret,iac', outputPath: out });

  it('fails on a new critical secret, publishes SARIF to CodeAnalysisLogs, attaches the summary, and never prints the secret', async () => {
    const { runner, commands } = await run({ ...base(), failOn: 'high' });
    expect(commands.result).toBe('Failed');
    expect(runner.errorIssues).toEqual(['Vigil: 1 new finding(s) at high or above (not suppressed, not in the baseline).']);
    expect(commands.all).toContain(`##vso[artifact.upload containerfolder=CodeAnalysisLogs;artifactname=CodeAnalysisLogs;]${out}`);

    const sarif = JSON.parse(readFileSync(out, 'utf8')) as Log;
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results!.map((r) => [r.ruleId, decodeURIComponent(r.locations![0].physicalLocation!.artifactLocation!.uri!)])).toEqual([
      ['SEC-GITHUB-PAT', `notes/${HOSTILE_NAME}`],
    ]);

    const summaryCommand = commands.all.find((l) => l.startsWith('##vso[task.uploadsummary]'));
    expect(summaryCommand).toBe(`##vso[task.uploadsummary]${path.join(agentTemp, 'Vigil scan.md')}`);
    const summary = readFileSync(path.join(agentTemp, 'Vigil scan.md'), 'utf8');
    expect(summary).toMatch(/^\*\*Failed\*\*: 1 failing, 1 open, 0 in the baseline, 0 suppressed \(fails on new findings at high or above\)\./);
    expect(summary).toContain('| secret | 1 | 1 |');
    expect(summary).toContain('| critical | SEC\\-GITHUB\\-PAT | notes/\\#\\#vso\\[task\\.setvariable variable=owned\\]yes\\.txt:4 |');

    // The log table names the file, escaped: the only commands are the task's own.
    expect(runner.stdout).toContain('notes/#\u200b#vso[task.setvariable variable=owned]yes.txt:4');
    expect(commands.all.filter((l) => l.includes('setvariable'))).toEqual([]);
    for (const text of [runner.stdout, runner.stderr, summary, readFileSync(out, 'utf8')]) expect(text).not.toContain(TOKEN);
  });

  it('succeeds with issues when no finding reaches fail-on (failOn: none)', async () => {
    const { runner, commands } = await run({ ...base(), failOn: 'none' });
    expect(commands.result).toBe('SucceededWithIssues');
    expect(runner.errorIssues).toEqual([]);
    expect(readFileSync(path.join(agentTemp, 'Vigil scan.md'), 'utf8')).toMatch(/^\*\*Succeeded with issues\*\*: 0 failing, 1 open/);
  });

  it('succeeds when every finding is in the baseline SARIF', async () => {
    await run({ ...base(), failOn: 'none' });
    const baseline = path.join(tree.root, 'baseline.sarif');
    copyFileSync(out, baseline);
    const { commands } = await run({ ...base(), failOn: 'low', baseline });
    expect(commands.result).toBe('Succeeded');
    const summary = readFileSync(path.join(agentTemp, 'Vigil scan.md'), 'utf8');
    expect(summary).toMatch(/^\*\*Succeeded\*\*: 0 failing, 0 open, 1 in the baseline/);
    expect(summary).toContain('Baseline: baseline\\.sarif.');
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as Log;
    expect(sarif.runs[0].results![0].suppressions).toEqual([expect.objectContaining({ kind: 'external' })]);
    expect(sarif.runs[0].properties!.vigil).toMatchObject({ verdict: 'succeeded', failOn: 'low', baseline: 'file' });
  });

  it.each([
    [{ failOn: 'severe' }, 'Input "failOn" must be one of critical, high, medium, low, none (got "severe").'],
    [{ categories: 'secret,posture' }, 'Input "categories" must be among secret, iac, code, deps, license, package-risk (got "posture").'],
    [{ baseline: 'service' }, 'Input "baseline: service" needs the Vigil service connection (input "vigilService").'],
    [{ baseline: 'missing.sarif' }, /^Cannot use the baseline .*missing\.sarif: file not found$/],
    [{ path: 'no-such-folder' }, /^Input "path": folder not found: .*no-such-folder$/],
  ])('fails with a clear message on bad input %j', async (over, message) => {
    const { runner, commands } = await run({ ...base(), failOn: 'high', ...over });
    expect(commands.result).toBe('Failed');
    expect(runner.errorIssues).toEqual([expect.stringMatching(typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message)]);
    expect(commands.all.some((l) => l.startsWith('##vso[artifact.upload'))).toBe(false);
  });
});
