// `npm run scan -- <folder> --suppressions <file>`: a .vigil.yml kept outside the folder (the pipeline
// task's "suppressions" input uses the same code, service/local-scan.ts), applied after the folder's own.
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, runCli } from '../../service/cli';
import { needleScanner, tempTree } from './engine/helpers';

async function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const engine = { scanners: [needleScanner({ needle: 'HIGHNEEDLE', ruleId: 'SEC-TEST-HIGH', severity: 'high' })] };
  const code = await runCli(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, env: {} }, engine);
  return { code, stdout, stderr };
}

describe('vigil scan --suppressions', () => {
  let tree: ReturnType<typeof tempTree>;
  beforeEach(() => {
    tree = tempTree({
      'repo/src/a.ts': 'const a = "HIGHNEEDLE";\n',
      'repo/docs/b.md': 'HIGHNEEDLE\n',
      'repo/.vigil.yml': 'ignore:\n  - path: docs/**\n    reason: documentation samples\n',
      'policy/vigil.yml': 'ignore:\n  - path: src/a.ts\n    rules: [SEC-TEST-HIGH]\n    reason: accepted by the security team\n',
      'policy/bad.yml': 'ignore:\n  - rule: SEC-TEST-HIGH\n',
    });
  });
  afterEach(() => tree.remove());

  it('applies the file after the folder\'s own .vigil.yml', async () => {
    expect((await run(['repo', '--fail-on', 'high'], tree.root)).code).toBe(EXIT_FINDINGS);
    const r = await run(['repo', '--fail-on', 'high', '--format', 'json', '--suppressions', 'policy/vigil.yml'], tree.root);
    expect(r.code).toBe(EXIT_OK);
    const report = JSON.parse(r.stdout) as { findings: { location: { path: string }; suppressed?: { kind: string; reason: string } }[] };
    expect(report.findings.map((f) => [f.location.path, f.suppressed])).toEqual([
      ['docs/b.md', { kind: 'file', reason: 'documentation samples' }],
      ['src/a.ts', { kind: 'file', reason: 'accepted by the security team' }],
    ]);
  });

  it('an invalid entry is a warning naming the file, and suppresses nothing', async () => {
    const r = await run(['repo', '--fail-on', 'high', '--format', 'json', '--suppressions', 'policy/bad.yml'], tree.root);
    expect(r.code).toBe(EXIT_FINDINGS);
    const report = JSON.parse(r.stdout) as { warnings: { code: string; path?: string; message: string }[] };
    expect(report.warnings).toEqual([expect.objectContaining({ path: 'bad.yml', message: expect.stringContaining('unknown key(s) `rule`') })]);
  });

  it('a missing file is a usage error', async () => {
    const r = await run(['repo', '--suppressions', 'policy/none.yml'], tree.root);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toMatch(/^vigil: cannot use suppressions .*none\.yml: file not found\n$/);
  });
});
