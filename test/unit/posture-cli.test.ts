// `npm run posture`: the collection and the controls against the fake organization with no service
// running; formats, exit codes like `scan`, and the PAT never printed.
import type { Log } from 'sarif';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../../service/cli';
import { csvCell, runPostureCli } from '../../service/posture-cli';
import { startFakeAdo, type FakeAdo } from '../fake-ado/server';

describe('vigil posture (CLI)', () => {
  let fake: FakeAdo;
  beforeAll(async () => {
    fake = await startFakeAdo();
  });
  afterAll(async () => {
    await fake.close();
  });

  async function run(argv: string[], env: Record<string, string> = { VIGIL_ADO_PAT: fake.pats.full }) {
    let stdout = '';
    let stderr = '';
    const code = await runPostureCli(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env });
    return { code, stdout, stderr };
  }
  const everyPat = () => Object.values(fake.pats);

  test('table by default: failures by severity, the summary, exit 0 without --fail-on', async () => {
    const r = await run(['--org', fake.orgUrl('contoso')]);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toMatch(/^SEVERITY\s+CONTROL\s+OBJECT\s+WHY/);
    expect(r.stdout).toMatch(/contoso: \d+ controls, \d+ failing · \d+ failures \(/);
    for (const pat of everyPat()) expect(r.stdout + r.stderr).not.toContain(pat);
  }, 60_000);

  test('--fail-on: 1 when a control fails at or above the severity', async () => {
    expect((await run(['--org', fake.orgUrl('contoso'), '--fail-on', 'low'])).code).toBe(EXIT_FINDINGS);
  }, 60_000);

  test('json, sarif and csv carry the same failures', async () => {
    const json = JSON.parse((await run(['--org', fake.orgUrl('contoso'), '--format', 'json'])).stdout);
    expect(json.findings.length).toBeGreaterThan(0);
    expect(json.findings.every((f: { category: string; location: { kind: string } }) => f.category === 'posture' && f.location.kind === 'ado-object')).toBe(true);
    expect(json.areas.map((a: { area: string }) => a.area)).toContain('orgPolicies');

    const sarif = JSON.parse((await run(['--org', fake.orgUrl('contoso'), '--format', 'sarif'])).stdout) as Log;
    const results = sarif.runs[0].results!;
    expect(results).toHaveLength(json.findings.length);
    expect(results[0].locations?.[0].logicalLocations?.[0].kind).toMatch(/^ado-/);
    expect(new Set(sarif.runs[0].tool.driver.rules!.map((r) => r.id))).toEqual(new Set(json.controls.map((c: { id: string }) => c.id)));

    const csv = (await run(['--org', fake.orgUrl('contoso'), '--format', 'csv'])).stdout.trimEnd().split('\r\n');
    expect(csv[0]).toBe('control,severity,title,outcome,object_kind,object_id,object_name,project,url,detail');
    expect(csv.filter((l) => /^[A-Z][A-Z0-9-]+,[a-z]+,.*,fail,/.test(l)).length).toBe(json.findings.length);
    // Secret findings in pipeline configuration carry no group key (a hash salted with the CLI's known salt).
    expect(json.findings.every((f: { category: string; groupKey?: string }) => f.category !== 'secret' || f.groupKey === undefined)).toBe(true);
  }, 120_000);

  test('a PAT without some scopes: those areas are not assessed, named with the scope, never passed', async () => {
    const r = await run(['--org', fake.orgUrl('contoso'), '--format', 'json'], { VIGIL_ADO_PAT: fake.pats.codeOnly });
    expect(r.code).toBe(EXIT_OK);
    const json = JSON.parse(r.stdout);
    const builds = json.areas.find((a: { area: string }) => a.area === 'buildDefinitions');
    expect(builds).toMatchObject({ state: 'not-available', reason: { code: 'missing-scope' }, missingScope: { scope: 'vso.build' } });
    const table = await run(['--org', fake.orgUrl('contoso')], { VIGIL_ADO_PAT: fake.pats.codeOnly });
    expect(table.stdout).toMatch(/Not assessed \(never counted as passed\):[\s\S]*Pipelines: .*vso\.build/);
  }, 60_000);

  test('usage errors exit 2 and never echo a PAT', async () => {
    expect((await run([])).code).toBe(EXIT_USAGE);
    expect((await run(['--org', fake.orgUrl('contoso'), '--format', 'xml'])).code).toBe(EXIT_USAGE);
    expect((await run(['--org', fake.orgUrl('contoso'), '--fail-on', 'urgent'])).code).toBe(EXIT_USAGE);
    const noPat = await run(['--org', fake.orgUrl('contoso'), '--pat-env', 'MY_PAT']);
    expect(noPat.code).toBe(EXIT_USAGE);
    expect(noPat.stderr).toContain('MY_PAT holds no PAT');
    const revoked = await run(['--org', fake.orgUrl('contoso')], { VIGIL_ADO_PAT: fake.pats.revoked });
    expect(revoked.code).toBe(EXIT_USAGE);
    expect(revoked.stderr).toMatch(/could not read/);
    expect(revoked.stderr + revoked.stdout).not.toContain(fake.pats.revoked);
  }, 60_000);

  test('csv cells a spreadsheet would run are text', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
  });
});
