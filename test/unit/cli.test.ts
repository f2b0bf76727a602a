import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, printable, runCli } from '../../service/cli';
import type { CliEngine } from '../../service/cli';
import type { Log } from 'sarif';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { DEP_VULNERABLE_PACKAGE, factsToExtra } from '../../service/engine/deps/facts';
import { purlOf } from '../../service/engine/deps/names';
import type { PackageEntry } from '../../service/engine/deps/types';
import { makeCodeScanner } from '../../service/engine/code/scanner';
import type { CodeHit, CodeRule } from '../../service/engine/code/types';
import { inventoryScanner } from '../../service/engine/inventory';
import type { Finding } from '../../service/engine/types';
import { needleScanner, tempTree, testRule } from './engine/helpers';

async function run(argv: string[], cwd: string, engine?: CliEngine, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, env }, engine);
  return { code, stdout, stderr };
}

/** Two rules of different severity, so --fail-on has something to choose between. */
const fakeEngine = (): CliEngine => ({
  scanners: [
    needleScanner({ name: 'high', needle: 'HIGHNEEDLE', ruleId: 'SEC-TEST-HIGH', severity: 'high' }),
    needleScanner({ name: 'low', needle: 'LOWNEEDLE', ruleId: 'SEC-TEST-LOW', severity: 'low' }),
  ],
});

describe('vigil scan (CLI)', () => {
  let tree: ReturnType<typeof tempTree>;
  beforeEach(() => {
    tree = tempTree({
      'repo/src/app.ts': 'const a = "HIGHNEEDLE";\nconst b = "LOWNEEDLE";\n',
      'repo/src/ok.ts': 'const c = 1;\nconst k = "HIGHNEEDLE"; // vigil:ignore\n',
      'repo/notes.md': '# vigil:ignore SEC-TEST-HIGH documented example\nHIGHNEEDLE\n',
      'plain-file.txt': 'x',
    });
  });
  afterEach(() => tree.remove());

  describe('usage errors exit 2 with a message on stderr', () => {
    test.each([
      [[], /missing the folder to scan/],
      [['a', 'b'], /expected one folder, got 2/],
      [['repo', '--bogus'], /Unknown option '--bogus'/],
      [['repo', '--format', 'xml'], /--format must be one of table, json, sarif, cyclonedx/],
      [['repo', '--fail-on', 'severe'], /--fail-on must be one of critical, high, medium, low, info/],
      [['repo', '--fail-on', 'high', '--min-confidence', 'sure'], /--min-confidence must be one of high, medium, low \(got "sure"\)/],
      [['missing-folder'], /folder not found: .*missing-folder/],
      [['plain-file.txt'], /not a directory: .*plain-file\.txt/],
      [['repo', '--baseline', 'nope.sarif'], /cannot use baseline .*nope\.sarif: file not found/],
      [['repo', '--baseline', 'plain-file.txt'], /cannot use baseline .*: Baseline is not valid JSON/],
    ])('%j', async (argv, message) => {
      const r = await run(argv, tree.root, fakeEngine());
      expect(r.code).toBe(EXIT_USAGE);
      expect(r.stderr).toMatch(/^vigil: /);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  });

  it('--help prints usage and exits 0', async () => {
    const r = await run(['--help'], tree.root);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toMatch(/^Usage: npm run -s scan -- <folder>/);
    expect(r.stdout).toContain('--fail-on');
    expect(r.stdout).toContain('--min-confidence <level>');
    expect(r.stdout).toMatch(/\(default: medium; low adds strings found by\s+entropy alone\)/);
  });

  it('prints a table with severity, confidence, rule, location, title and preview, and a summary', async () => {
    const r = await run(['repo'], tree.root, fakeEngine());
    expect(r.code).toBe(EXIT_OK);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SEVERITY\s+CONFIDENCE\s+RULE\s+LOCATION\s+TITLE\s+PREVIEW$/);
    expect(lines[1]).toMatch(/^high\s+high\s+SEC-TEST-HIGH\s+src\/app\.ts:1\s+SEC-TEST-HIGH title\s+nee…dle$/);
    expect(lines[2]).toMatch(/^low\s+high\s+SEC-TEST-LOW\s+src\/app\.ts:2\s+/);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toMatch(/^2 findings \(1 high, 1 low\) · 2 suppressed · 3 files scanned \(\d+ bytes\) of 3 in \d+\.\d\d s$/);
    expect(r.stderr).toBe('');
  });

  it('accepts `scan <folder>` as well as `<folder>`', async () => {
    const r = await run(['scan', 'repo', '--format', 'json'], tree.root, fakeEngine());
    expect(r.code).toBe(EXIT_OK);
    expect(JSON.parse(r.stdout).findings).toHaveLength(4);
  });

  it('--format json writes the full result; the summary goes to stderr', async () => {
    const r = await run(['repo', '--format', 'json'], tree.root, fakeEngine());
    const doc = JSON.parse(r.stdout);
    expect(doc.tool).toEqual({ name: 'Vigil', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(doc.findings.map((f: { ruleId: string; suppressed?: unknown }) => [f.ruleId, Boolean(f.suppressed)])).toEqual([
      ['SEC-TEST-HIGH', true],
      ['SEC-TEST-HIGH', false],
      ['SEC-TEST-LOW', false],
      ['SEC-TEST-HIGH', true],
    ]);
    expect(doc.scanners.map((s: { scanner: string }) => s.scanner)).toEqual(['high', 'low']);
    expect(doc.stats.filesScanned).toBe(3);
    expect(r.stderr).toMatch(/^2 findings \(1 high, 1 low\)/);
  });

  it('--format sarif writes a SARIF 2.1.0 log', async () => {
    const r = await run(['repo', '--format', 'sarif'], tree.root, fakeEngine());
    const log = JSON.parse(r.stdout) as Log;
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results).toHaveLength(4);
    expect(log.runs[0].results?.every((x) => typeof x.partialFingerprints?.['vigil/v1'] === 'string')).toBe(true);
    expect(log.runs[0].results?.filter((x) => x.suppressions?.[0].kind === 'inSource')).toHaveLength(2);
  });

  it('--fail-on: 1 when an unsuppressed finding is at or above the threshold, else 0', async () => {
    const high = await run(['repo', '--fail-on', 'high'], tree.root, fakeEngine());
    expect(high.code).toBe(EXIT_FINDINGS);
    expect(high.stderr).toBe('vigil: 1 finding at or above high with confidence medium or higher (not suppressed, not in the baseline)\n');
    expect((await run(['repo', '--fail-on', 'low'], tree.root, fakeEngine())).code).toBe(EXIT_FINDINGS);
    expect((await run(['repo', '--fail-on', 'critical'], tree.root, fakeEngine())).code).toBe(EXIT_OK);
    expect((await run(['repo'], tree.root, fakeEngine())).code).toBe(EXIT_OK);
  });

  it('--fail-on counts findings of confidence medium and above unless --min-confidence says otherwise', async () => {
    const engine: CliEngine = {
      scanners: [
        needleScanner({ name: 'keyed', needle: 'KEYEDNEEDLE', ruleId: 'SEC-TEST-KEYED', severity: 'high', confidence: 'medium' }),
        needleScanner({ name: 'entropy', needle: 'ENTROPYNEEDLE', ruleId: 'SEC-TEST-ENTROPY', severity: 'critical', confidence: 'low' }),
      ],
    };
    const only = tempTree({ 'a.txt': 'ENTROPYNEEDLE\n', 'b.txt': 'KEYEDNEEDLE\n' });
    try {
      // The critical finding is entropy-only: it is listed, with its confidence, but does not fail the run by default.
      const critical = await run([only.root, '--fail-on', 'critical'], tree.root, engine);
      expect(critical.code).toBe(EXIT_OK);
      expect(critical.stdout).toMatch(/^critical\s+low\s+SEC-TEST-ENTROPY\s+a\.txt:1/m);
      const low = await run([only.root, '--fail-on', 'critical', '--min-confidence', 'low'], tree.root, engine);
      expect(low.code).toBe(EXIT_FINDINGS);
      expect(low.stderr).toBe('vigil: 1 finding at or above critical (not suppressed, not in the baseline)\n');
      // The keyed one (medium) counts by default, not when only high confidence is asked for.
      const high = await run([only.root, '--fail-on', 'high'], tree.root, engine);
      expect(high.code).toBe(EXIT_FINDINGS);
      expect(high.stderr).toBe('vigil: 1 finding at or above high with confidence medium or higher (not suppressed, not in the baseline)\n');
      expect((await run([only.root, '--fail-on', 'high', '--min-confidence', 'high'], tree.root, engine)).code).toBe(EXIT_OK);
      // JSON keeps every finding's confidence.
      const json = JSON.parse((await run([only.root, '--format', 'json'], tree.root, engine)).stdout);
      expect(json.findings.map((f: { ruleId: string; confidence: string }) => [f.ruleId, f.confidence]).sort()).toEqual([['SEC-TEST-ENTROPY', 'low'], ['SEC-TEST-KEYED', 'medium']]);
    } finally {
      only.remove();
    }
  });

  it('suppressed findings never fail the run', async () => {
    const only = tempTree({ 'src/x.ts': 'HIGHNEEDLE // vigil:ignore SEC-TEST-HIGH test value\n' });
    const r = await run([only.root, '--fail-on', 'info'], tree.root, fakeEngine());
    only.remove();
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toMatch(/^No findings\.\n\n0 findings · 1 suppressed/);
  });

  test.each(['json', 'sarif'])('--baseline (%s): known findings are marked and do not fail; new ones do', async (format) => {
    const first = await run(['repo', '--format', format, '--output', 'baseline.out'], tree.root, fakeEngine());
    expect(first.code).toBe(EXIT_OK);
    expect(first.stdout).toBe('');
    expect(readFileSync(path.join(tree.root, 'baseline.out'), 'utf8')).toContain('SEC-TEST-HIGH');

    const again = await run(['repo', '--baseline', 'baseline.out', '--fail-on', 'low', '--format', 'json'], tree.root, fakeEngine());
    expect(again.code).toBe(EXIT_OK);
    const doc = JSON.parse(again.stdout);
    expect(doc.findings.filter((f: { suppressed?: { kind: string } }) => f.suppressed?.kind === 'baseline')).toHaveLength(2);
    expect(again.stderr).toMatch(/^0 findings · 4 suppressed \(2 in baseline\)/);

    // A line inserted above does not change fingerprints; a new secret does fail.
    tree.write('repo/src/app.ts', '// header\nconst a = "HIGHNEEDLE";\nconst b = "LOWNEEDLE";\nconst c = "HIGHNEEDLE new";\n');
    const later = await run(['repo', '--baseline', 'baseline.out', '--fail-on', 'high'], tree.root, fakeEngine());
    expect(later.code).toBe(EXIT_FINDINGS);
    expect(later.stdout).toMatch(/SEC-TEST-HIGH\s+src\/app\.ts:4/);
    expect(later.stdout).not.toMatch(/src\/app\.ts:2/);
    expect(later.stderr).toContain('1 finding at or above high');
  });

  it('escapes control characters from file names in the table: no terminal sequence runs, no row is forged', async () => {
    const evil = tempTree({
      'src/\u001b]0;pwned\u0007title.ts': 'HIGHNEEDLE\n',
      'src/x.ts\nhigh  SEC-FORGED  forged.ts:1  Forged row  nee…dle': 'HIGHNEEDLE\n',
      'src/\u202eexe.txt': 'HIGHNEEDLE\n',
    });
    const r = await run([evil.root], tree.root, fakeEngine());
    evil.remove();
    const unsafe = [...r.stdout].filter((c) => c !== '\n' && (c < ' ' || c === '\u007f' || c === '\u202e'));
    expect(unsafe).toEqual([]);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('high '))).toHaveLength(3);
    expect(r.stdout).toContain('src/\\x1b]0;pwned\\x07title.ts:1');
    expect(r.stdout).toContain('src/x.ts\\x0ahigh  SEC-FORGED');
    expect(r.stdout).toContain('src/\\u{202e}exe.txt:1');
  });

  it('says in the summary what the scan did not see (coverage), so a clean table is not a clean repository', async () => {
    const deep = tempTree({ [`${'d/'.repeat(201)}deep.txt`]: 'HIGHNEEDLE\n', 'top.txt': 'nothing\n' });
    const r = await run([deep.root], tree.root, fakeEngine());
    deep.remove();
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toMatch(/^No findings\./);
    expect(r.stdout).toMatch(/· 1 file not scanned: too deep in folders \(limit 200 folders deep\)/);
  });

  it('says sizes in one unit system on one line: the bytes scanned as the coverage limits are (MB, 1,024-based)', async () => {
    const sized = tempTree({ 'big.txt': 'x'.repeat(1.5 * 1024 * 1024), 'huge.txt': 'y'.repeat(5 * 1024 * 1024 + 1) });
    const r = await run([sized.root], tree.root, fakeEngine());
    sized.remove();
    const summary = r.stdout.trimEnd().split('\n').at(-1)!;
    expect(summary).toMatch(/^0 findings · 1 file scanned \(1\.5 MB\) of 2 in \d+\.\d\d s · 1 file not scanned: too large \(limit 5 MB\) · 1 warning \(file-too-large 1\)$/);
    expect(summary).not.toMatch(/MiB|KiB/);
  });

  it('printable leaves ordinary text alone', () => {
    expect(printable('src/naïve café/日本.ts:3 — “quoted”')).toBe('src/naïve café/日本.ts:3 — “quoted”');
    expect(printable('tab\there')).toBe('tab\\x09here');
  });

  it('--output to an unwritable place exits 2', async () => {
    const r = await run(['repo', '--output', 'plain-file.txt/report.json'], tree.root, fakeEngine());
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toMatch(/cannot write .*report\.json: ENOTDIR/);
  });

  it('resolves relative paths against INIT_CWD when no cwd is given (npm run scan from a subfolder)', async () => {
    let stdout = '';
    const code = await runCli(['repo', '--format', 'json'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => undefined }, env: { INIT_CWD: tree.root } }, fakeEngine());
    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(stdout).stats.filesScanned).toBe(3);
  });

  it('--category runs only the scanners of those categories; unknown categories and platforms are usage errors', async () => {
    const secrets = await run(['repo', '--format', 'json', '--category', 'secret'], tree.root, fakeEngine());
    expect(JSON.parse(secrets.stdout).findings.length).toBeGreaterThan(0);
    const deps = await run(['repo', '--format', 'json', '--category', 'deps,license'], tree.root, fakeEngine());
    expect(JSON.parse(deps.stdout)).toMatchObject({ findings: [], scanners: [] });
    const wrongCategory = await run(['repo', '--category', 'secret,posture'], tree.root, fakeEngine());
    expect(wrongCategory.code).toBe(EXIT_USAGE);
    expect(wrongCategory.stderr).toContain('--category must be among secret, iac, code, deps, license, package-risk (got "posture")');
    const wrongPlatform = await run(['repo', '--platform', 'pulumi'], tree.root, fakeEngine());
    expect(wrongPlatform.code).toBe(EXIT_USAGE);
    expect(wrongPlatform.stderr).toContain('--platform must be among terraform, terraform-plan');
  });

  it('--platform alone means --category iac', async () => {
    const r = await run(['repo', '--format', 'json', '--platform', 'terraform'], tree.root, fakeEngine());
    expect(r.code).toBe(EXIT_OK);
    expect(JSON.parse(r.stdout)).toMatchObject({ findings: [], scanners: [] });
  });

  it('runs as a script under tsx with the exit code of runCli', () => {
    const repoRoot = path.join(__dirname, '..', '..');
    const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
    const missing = spawnSync(tsx, ['service/cli.ts', path.join(tree.root, 'missing')], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, INIT_CWD: '' } });
    expect(missing.status).toBe(EXIT_USAGE);
    expect(missing.stderr).toMatch(/vigil: folder not found/);
  });
});

describe('vigil scan (CLI) with the real secret detectors', () => {
  // Built at run time so this file itself holds no key-shaped literal.
  const keyId = ['AKIA', 'QZ4MN7RT', '2WX5KP3L'].join('');
  let tree: ReturnType<typeof tempTree>;
  beforeEach(() => {
    tree = tempTree({
      'repo/config/app.ini': `[default]\nregion = eu-west-1\naws_access_key_id = ${keyId}\n`,
      'repo/docs/setup.md': `Run:\n\n    # vigil:ignore SEC-AWS-ACCESS-KEY-ID documented, deactivated\n    aws configure set aws_access_key_id ${keyId}\n`,
      'repo/src/index.ts': 'export const answer = 42;\n',
      'repo/src/blob.txt': Buffer.from([0x41, 0x00, 0x42]),
    });
  });
  afterEach(() => tree.remove());

  it('finds a planted AWS key id, shows only its masked preview, and fails on its severity', async () => {
    const table = await run(['repo', '--fail-on', 'medium'], tree.root);
    expect(table.code).toBe(EXIT_FINDINGS);
    expect(table.stdout).toMatch(/^medium\s+high\s+SEC-AWS-ACCESS-KEY-ID\s+config\/app\.ini:3\s+AWS access key ID/m);
    expect(table.stdout).toContain('1 suppressed');
    expect(table.stdout).toMatch(/^Warnings:\n {2}binary {2}src\/blob\.txt: Skipped binary file/m);
    expect(table.stdout).toMatch(/· 1 warning \(binary 1\)$/m);
    expect(table.stdout).not.toContain(keyId);
    expect((await run(['repo', '--fail-on', 'high'], tree.root)).code).toBe(EXIT_OK);

    for (const format of ['json', 'sarif']) {
      const r = await run(['repo', '--format', format], tree.root);
      expect(r.code).toBe(EXIT_OK);
      expect(r.stdout).toContain('SEC-AWS-ACCESS-KEY-ID');
      expect(r.stdout).not.toContain(keyId);
      // The salted hash (well known salt here) stays out, in details and in the group key.
      expect(r.stdout).not.toMatch(/"hash"|"groupKey"|secret:[0-9a-f]{8}/);
    }
    const sarif = JSON.parse((await run(['repo', '--format', 'sarif'], tree.root)).stdout) as Log;
    // Every rule of every scanner that ran is listed, not only the ones that fired.
    expect(sarif.runs[0].tool.driver.rules!.length).toBeGreaterThan(200);
    // The driver says where to read about the tool and which version ran (SARIF multitool warns otherwise).
    expect(sarif.runs[0].tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(sarif.runs[0].tool.driver.semanticVersion).toMatch(/^\d+\.\d+\.\d+/);
    // Every rule that documents a help page says so in helpUri.
    const withHelp = sarif.runs[0].tool.driver.rules!.filter((r) => r.helpUri);
    expect(withHelp.length).toBeGreaterThan(20);
    expect(withHelp.every((r) => /^https?:\/\//.test(r.helpUri!))).toBe(true);
  });

  it('a baseline taken now keeps the run green until a new key appears', async () => {
    expect((await run(['repo', '--format', 'sarif', '--output', 'vigil.sarif'], tree.root)).code).toBe(EXIT_OK);
    expect((await run(['repo', '--baseline', 'vigil.sarif', '--fail-on', 'low'], tree.root)).code).toBe(EXIT_OK);

    const otherKey = ['AKIA', 'M3R7QW2Z', 'T6YB4NXC'].join('');
    tree.write('repo/config/prod.ini', `aws_access_key_id = ${otherKey}\n`);
    const r = await run(['repo', '--baseline', 'vigil.sarif', '--fail-on', 'low'], tree.root);
    expect(r.code).toBe(EXIT_FINDINGS);
    expect(r.stdout).toMatch(/SEC-AWS-ACCESS-KEY-ID\s+config\/prod\.ini:1/);
    expect(r.stdout).not.toMatch(/config\/app\.ini/);
  });
});

describe('vigil scan (CLI): dependencies', () => {
  /**
   * A stand-in 'deps' scanner (the real one needs lockfile extractors and an advisory index):
   * `name==version` lines of pins.txt are npm packages, and qs 6.7.0 is vulnerable.
   */
  const depsEngine = (): CliEngine => ({
    scanners: [
      inventoryScanner<PackageEntry, unknown>({
        name: 'deps',
        version: '1',
        category: 'deps',
        rules: [testRule(DEP_VULNERABLE_PACKAGE, { category: 'deps' })],
        extractors: [
          {
            name: 'test/pins',
            version: '1',
            wants: (p) => p.endsWith('pins.txt'),
            extract: ({ path: file, text }) =>
              text.split('\n').flatMap((line, i) => {
                const [name, version] = line.split('==');
                return name ? [{ ecosystem: 'npm' as const, name, version, purl: purlOf('npm', name, version), path: file, line: i + 1, direct: true, extractor: 'test/pins' }] : [];
              }),
          },
        ],
        evaluate: (items) => ({
          findings: items
            .filter((p) => p.name === 'qs' && p.version === '6.7.0')
            .map((p): Finding => ({
              ruleId: DEP_VULNERABLE_PACKAGE,
              title: 'qs@6.7.0: qs vulnerable to Prototype Pollution',
              severity: 'high',
              category: 'deps',
              confidence: 'high',
              message: 'qs 6.7.0 (npm) is affected by GHSA-hrpp-h998-j3pp, CVE-2022-24999: upgrade to 6.7.3.',
              location: { kind: 'package', path: p.path, line: p.line, ecosystem: 'npm', name: p.name, version: p.version, purl: p.purl },
              fingerprint: 'fp-qs',
              details: {
                extra: factsToExtra({
                  advisory: 'GHSA-hrpp-h998-j3pp', aliases: ['CVE-2022-24999'], summary: 'qs vulnerable to Prototype Pollution',
                  cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', score: 7.5 }, fixedVersions: ['6.7.3'], upgrade: '6.7.3', references: [],
                }),
              },
              remediation: 'Upgrade qs to 6.7.3.',
            })),
        }),
      }),
    ],
  });
  let tree: ReturnType<typeof tempTree>;
  beforeEach(() => {
    tree = tempTree({ 'shop/pins.txt': 'express==4.17.1\nqs==6.7.0\n', 'shop/README.md': 'hello\n' });
  });
  afterEach(() => tree.remove());

  it('--format cyclonedx writes a valid CycloneDX 1.6 SBOM named after the folder, with the advisories found', async () => {
    const r = await run(['shop', '--format', 'cyclonedx'], tree.root, depsEngine());
    expect(r.code).toBe(EXIT_OK);
    const bom = JSON.parse(r.stdout);
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(r.stdout)).toBeNull();
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6', serialNumber: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/) });
    expect(bom.metadata.component.name).toBe('shop');
    expect(bom.metadata.tools.components[0]).toEqual({ type: 'application', name: 'Vigil', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(bom.components.map((c: { purl: string }) => c.purl)).toEqual(['pkg:npm/express@4.17.1', 'pkg:npm/qs@6.7.0']);
    expect(bom.vulnerabilities.map((v: { id: string; affects: unknown }) => [v.id, v.affects])).toEqual([['GHSA-hrpp-h998-j3pp', [{ ref: 'pkg:npm/qs@6.7.0' }]]]);
    expect(r.stderr).toMatch(/^1 finding \(1 high\)/);
  });

  it('the table shows a vulnerable package by advisory, package@version, summary and fix', async () => {
    const r = await run(['shop'], tree.root, depsEngine());
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SEVERITY\s+CONFIDENCE\s+RULE\s+LOCATION\s+TITLE\s+FIX\s+PREVIEW$/);
    expect(lines[1]).toMatch(/^high\s+high\s+GHSA-hrpp-h998-j3pp\s+qs@6\.7\.0 in pins\.txt:2\s+qs vulnerable to Prototype Pollution\s+upgrade to 6\.7\.3$/);
  });

  it('--format json keeps the inventory the scanners extracted', async () => {
    const doc = JSON.parse((await run(['shop', '--format', 'json'], tree.root, depsEngine())).stdout);
    expect(doc.inventories[0].scanner).toBe('deps');
    expect(doc.inventories[0].items).toHaveLength(2);
    expect(doc.findings[0].details.extra.advisory).toBe('GHSA-hrpp-h998-j3pp');
  });
});

describe('vigil scan (CLI) --format cyclonedx with the real extractors', () => {
  const fixture = path.join(__dirname, '..', '..', 'service', 'engine', 'deps', 'extractors', 'npm', 'testdata', 'package-lock-v3');
  let tree: ReturnType<typeof tempTree>;
  beforeEach(() => {
    tree = tempTree({
      'web-storefront/package-lock.json': readFileSync(path.join(fixture, 'package-lock.json')),
      'web-storefront/package.json': readFileSync(path.join(fixture, 'package.json')),
    });
  });
  afterEach(() => tree.remove());

  it('lists the lockfile packages with groups, licenses and the graph, even with no advisory database', async () => {
    const r = await run(['web-storefront', '--format', 'cyclonedx'], tree.root);
    expect(r.code).toBe(EXIT_OK);
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(r.stdout)).toBeNull();
    const bom = JSON.parse(r.stdout);
    const msal = bom.components.find((c: { name: string }) => c.name === 'msal-node');
    expect(msal).toMatchObject({ group: '@azure', version: '2.6.4', purl: 'pkg:npm/%40azure/msal-node@2.6.4', licenses: [{ license: { id: 'MIT' } }] });
    expect(bom.dependencies.find((d: { ref: string }) => d.ref === msal['bom-ref']).dependsOn).toContain('pkg:npm/%40azure/msal-common@14.7.1');
    expect(bom.dependencies[0].dependsOn).toContain(msal['bom-ref']);
    expect(bom.vulnerabilities).toBeUndefined();
  });
});

describe('vigil scan (CLI): multi-line secret previews', () => {
  it('shows a private key (raw or JSON-escaped) with visible characters only, never an escaped line break', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const tree = tempTree({ 'repo/key.pem': pem, 'repo/sa.json': JSON.stringify({ private_key: pem }) });
    try {
      const r = await run(['repo'], tree.root);
      const rows = r.stdout.split('\n').filter((l) => l.includes('SEC-PRIVATE-KEY'));
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row).not.toMatch(/\\x0a|\\n|\\x0d/);
        expect(row).toMatch(/\sMII?\u2026\S*$/);
      }
    } finally {
      tree.remove();
    }
  });
});

describe('vigil scan (CLI): infrastructure as code with the real rules', () => {
  let tree: ReturnType<typeof tempTree>;
  beforeEach(() => {
    tree = tempTree({
      'repo/infra/main.tf':
        'resource "azurerm_storage_account" "logs" {\n  name                     = "logs"\n  min_tls_version          = "TLS1_0"\n  account_tier             = "Standard"\n  account_replication_type = "LRS"\n}\n',
      'repo/Dockerfile': 'FROM node:20-alpine\n# checkov:skip=CKV_DOCKER_2: the orchestrator probes it\nCOPY . /app\nUSER node\n',
      'repo/k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n',
      'repo/.vigil.yml': 'ignore:\n  - path: k8s/**\n    rules: [IAC-K8S-PRIVILEGED-CONTAINER]\n    reason: a node agent, reviewed\n',
    });
  });
  afterEach(() => tree.remove());

  it('--platform narrows to one platform; SARIF names resources and Checkov ids; skips and .vigil.yml suppress', async () => {
    const tf = await run(['repo', '--format', 'json', '--platform', 'terraform'], tree.root);
    const findings = JSON.parse(tf.stdout).findings as Finding[];
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.details?.extra?.platform))).toEqual(new Set(['terraform']));
    const tls = findings.find((f) => f.ruleId === 'IAC-TF-AZ-STORAGE-MIN-TLS')!;
    expect(tls.location).toMatchObject({ kind: 'resource', path: 'infra/main.tf', line: 3, address: 'azurerm_storage_account.logs', attribute: 'min_tls_version', value: 'TLS1_0' });

    const sarif = await run(['repo', '--format', 'sarif', '--category', 'iac'], tree.root);
    const log = JSON.parse(sarif.stdout) as Log;
    const rules = log.runs[0].tool.driver.rules!;
    expect(rules.find((r) => r.id === 'IAC-TF-AZ-STORAGE-MIN-TLS')?.properties).toMatchObject({ checkov: ['CKV_AZURE_44'], precision: 'high' });
    const result = log.runs[0].results!.find((r) => r.ruleId === 'IAC-TF-AZ-STORAGE-MIN-TLS')!;
    expect(result.locations![0].logicalLocations).toEqual([{ name: 'azurerm_storage_account.logs', fullyQualifiedName: 'azurerm_storage_account.logs.min_tls_version', kind: 'resource' }]);
    expect(result.properties).toMatchObject({ platform: 'terraform', category: 'iac' });
    const health = log.runs[0].results!.find((r) => r.ruleId === 'IAC-DOCKER-NO-HEALTHCHECK')!;
    expect(health.suppressions).toEqual([expect.objectContaining({ kind: 'inSource', justification: 'checkov:skip CKV_DOCKER_2: the orchestrator probes it' })]);
    const privileged = log.runs[0].results!.find((r) => r.ruleId === 'IAC-K8S-PRIVILEGED-CONTAINER')!;
    expect(privileged.suppressions).toEqual([expect.objectContaining({ kind: 'external', justification: 'a node agent, reviewed' })]);
  });
});

describe('vigil scan (CLI): code scanning', () => {
  const taintRule: CodeRule = {
    id: 'CODE-PY-TEST-TAINT-SQL',
    language: 'python',
    title: 'Request data reaches a SQL query',
    severity: 'high',
    confidence: 'medium',
    description: 'A query is built from request data.',
    remediation: 'Pass the values as query parameters.',
    cwe: ['CWE-89'],
    upstream: { type: 'bandit', id: 'B608' },
    taint: true,
    examples: { fail: [], pass: [] },
  };
  /** An analyser reporting one taint hit per file that calls cursor.execute, with the flow from the request. */
  const taintScanner = makeCodeScanner({
    language: 'python',
    scannerName: 'code-python',
    version: 'test',
    rules: [taintRule],
    wants: (p) => p.endsWith('.py'),
    async analyze(texts) {
      const hits: CodeHit[] = [];
      for (const { path: p, text } of texts) {
        const lines = text.split('\n');
        const source = lines.findIndex((l) => l.includes('request.args')) + 1;
        const sink = lines.findIndex((l) => l.includes('cursor.execute')) + 1;
        if (!source || !sink) continue;
        hits.push({
          ruleId: taintRule.id, path: p, line: sink, column: 5, sinkText: lines[sink - 1],
          message: `request.args['q'] (line ${source}) reaches cursor.execute (line ${sink})`,
          flow: [{ line: source, column: 9, label: "request.args['q']" }, { line: sink, column: 5, label: 'cursor.execute(query)' }],
        });
      }
      return hits;
    },
  });
  let tree: ReturnType<typeof tempTree>;
  beforeEach(() => {
    tree = tempTree({
      'repo/app/views.py': 'def search(request, cursor):\n    q = request.args["q"]\n    query = "SELECT * FROM t WHERE q = \'" + q + "\'"\n    cursor.execute(query)\n',
      'repo/tools/run.py': 'exec(open("job.py").read())\nexec(task)  # vigil:ignore CODE-PY-EXEC-USED a trusted job file\n',
      'repo/scripts/old.py': 'exec(script)\n',
      'repo/.vigil.yml': 'ignore:\n  - path: scripts/**\n    rules: [CODE-PY-EXEC-USED]\n    reason: retired scripts, not deployed\n',
      'repo/config.env': 'AWS_ACCESS_KEY_ID=AKIAQWERTYUIOPASDFGH\n',
    });
  });
  afterEach(() => tree.remove());

  it('--category code runs the code scanners alone; vigil:ignore CODE-… and .vigil.yml suppress', async () => {
    const r = await run(['repo', '--format', 'json', '--category', 'code'], tree.root);
    expect(r.code).toBe(EXIT_OK);
    const doc = JSON.parse(r.stdout) as { findings: Finding[]; scanners: { scanner: string; status: string }[] };
    expect(doc.scanners.map((s) => s.scanner).sort()).toEqual(['code-csharp', 'code-javascript', 'code-python']);
    expect(new Set(doc.findings.map((f) => f.category))).toEqual(new Set(['code']));
    const exec = doc.findings.filter((f) => f.ruleId === 'CODE-PY-EXEC-USED');
    expect(exec.map((f) => [f.location.kind === 'file' && `${f.location.path}:${f.location.line}`, f.suppressed?.kind ?? 'open'])).toEqual([
      ['scripts/old.py:1', 'file'],
      ['tools/run.py:1', 'open'],
      ['tools/run.py:2', 'inline'],
    ]);
    expect(exec[1].details?.extra).toEqual({ language: 'python', upstream: { type: 'bandit', id: 'B102' } });
  });

  it('the table gives rule, severity, file:line and the message of a code finding', async () => {
    const r = await run(['repo', '--category', 'code'], tree.root, { scanners: [taintScanner] });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SEVERITY\s+CONFIDENCE\s+RULE\s+LOCATION\s+TITLE\s+MESSAGE\s+PREVIEW$/);
    expect(lines[1]).toMatch(/^high\s+medium\s+CODE-PY-TEST-TAINT-SQL\s+app\/views\.py:4\s+Request data reaches a SQL query\s+request\.args\['q'\] \(line 2\) reaches cursor\.execute \(line 4\)$/);
  });

  it('JSON keeps the flow; SARIF gives it as a code flow with the upstream id', async () => {
    const json = JSON.parse((await run(['repo', '--format', 'json'], tree.root, { scanners: [taintScanner] })).stdout) as { findings: Finding[] };
    expect(json.findings[0].details).toEqual({
      flow: [{ line: 2, column: 9, label: "request.args['q']" }, { line: 4, column: 5, label: 'cursor.execute(query)' }],
      extra: { language: 'python', upstream: { type: 'bandit', id: 'B608' } },
    });
    const log = JSON.parse((await run(['repo', '--format', 'sarif'], tree.root, { scanners: [taintScanner] })).stdout) as Log;
    const [result] = log.runs[0].results!;
    expect(result.properties).toMatchObject({ category: 'code', language: 'python', upstream: { type: 'bandit', id: 'B608' } });
    expect(result.codeFlows?.[0].threadFlows[0].locations.map((l) => [l.location?.physicalLocation?.region?.startLine, l.location?.message?.text])).toEqual([
      [2, "request.args['q']"],
      [4, 'cursor.execute(query)'],
    ]);
    expect(log.runs[0].tool.driver.rules?.find((d) => d.id === taintRule.id)?.properties).toMatchObject({ bandit: ['B608'], tags: expect.arrayContaining(['code', 'python', 'taint', 'external/cwe/cwe-89']) });
  });

  it('--language narrows to the code scanners of those languages and implies --category code', async () => {
    const js = JSON.parse((await run(['repo', '--format', 'json', '--language', 'javascript,csharp'], tree.root)).stdout) as { findings: Finding[]; scanners: { scanner: string }[] };
    expect(js.scanners.map((s) => s.scanner).sort()).toEqual(['code-csharp', 'code-javascript']);
    expect(js.findings).toEqual([]);
    const py = JSON.parse((await run(['repo', '--format', 'json', '--language', 'python'], tree.root)).stdout) as { findings: Finding[]; scanners: { scanner: string }[] };
    expect(py.scanners.map((s) => s.scanner)).toEqual(['code-python']);
    expect(py.findings.some((f) => f.ruleId === 'CODE-PY-EXEC-USED')).toBe(true);
    // With secrets asked for too, the secret is found and only Python of the code scanners runs.
    const both = JSON.parse((await run(['repo', '--format', 'json', '--language', 'python', '--category', 'secret,code'], tree.root)).stdout) as { scanners: { scanner: string }[] };
    expect(both.scanners.map((s) => s.scanner)).toEqual(['secrets', 'code-python']);
  });

  test.each([
    [['repo', '--language', 'cobol'], /--language must be among python, javascript, csharp \(got "cobol"\)/],
    [['repo', '--language', 'python', '--category', 'secret'], /--language is about code scanning: add code to --category/],
  ])('usage error: %j', async (argv, message) => {
    const r = await run(argv, tree.root);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toMatch(message);
  });
});
