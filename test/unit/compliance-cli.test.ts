// `npm run compliance`: the collection, the checks and the export against the fake organization with no
// service running; both formats, the period, usage errors, and the PAT never printed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT_OK, EXIT_USAGE } from '../../service/cli';
import { runComplianceCli } from '../../service/compliance-cli';
import { compliancePullRequestDtoSchema } from '../../service/contract/compliance-api';
import { startFakeAdo, type FakeAdo } from '../fake-ado/server';

describe('vigil compliance (CLI)', () => {
  let fake: FakeAdo;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeAdo();
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-compliance-cli-'));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(argv: string[], env: Record<string, string> = { VIGIL_ADO_PAT: fake.pats.full }) {
    let stdout = '';
    let stderr = '';
    const code = await runComplianceCli(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env, cwd: dir });
    return { code, stdout, stderr };
  }

  test('JSON: every merged pull request of the period with its outcomes, and the summary', async () => {
    const r = await run(['--org', fake.orgUrl('contoso'), '--from', '2026-01-01', '--to', '2026-12-31', '--format', 'json', '--output', 'evidence.json']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/contoso: \d+ merged pull requests 2026-01-01 to 2026-12-31/);
    const body = JSON.parse(readFileSync(path.join(dir, 'evidence.json'), 'utf8'));
    expect(body.pullRequests.length).toBeGreaterThan(0);
    for (const pr of body.pullRequests) compliancePullRequestDtoSchema.parse(pr);
    expect(body.summary).toMatchObject({ organization: fake.orgUrl('contoso'), period: { from: '2026-01-01', to: '2026-12-31' }, pullRequests: body.pullRequests.length });
    expect(body.summary.settings).toMatchObject({ startDate: '2026-01-01', emergencyLabel: 'emergency' });
    const outcomes = new Set(body.pullRequests.flatMap((p: { checks: { outcome: string }[] }) => p.checks.map((c) => c.outcome)));
    expect(outcomes).toContain('pass');
    expect(outcomes).toContain('fail');
    // Links back to ADO.
    expect(body.pullRequests.every((p: { url?: string }) => p.url?.includes('/pullrequest/'))).toBe(true);
    for (const pat of Object.values(fake.pats)) expect(r.stdout + r.stderr + JSON.stringify(body)).not.toContain(pat);
  }, 120_000);

  test('CSV: the pull requests then the summary sheet, the same count', async () => {
    const r = await run(['--org', fake.orgUrl('contoso'), '--from', '2026-01-01', '--to', '2026-12-31']);
    expect(r.code).toBe(EXIT_OK);
    const [prs, summary] = r.stdout.replace(/^\uFEFF/, '').split('\r\n\r\nSummary\r\n');
    const rows = prs.split('\r\n').filter(Boolean);
    expect(rows[0]).toMatch(/^Project,Repository,Pull request,/);
    expect(summary).toContain(`Pull requests,${rows.length - 1}`);
    expect(summary).toContain('Testing start date,2026-01-01');
  }, 120_000);

  test('usage errors: no period, from after to, a bad format, no PAT', async () => {
    expect((await run(['--org', fake.orgUrl('contoso')])).code).toBe(EXIT_USAGE);
    const backwards = await run(['--org', fake.orgUrl('contoso'), '--from', '2026-12-01', '--to', '2026-11-01']);
    expect(backwards.code).toBe(EXIT_USAGE);
    expect(backwards.stderr).toContain('is after --to');
    expect((await run(['--org', fake.orgUrl('contoso'), '--from', '2026-01-01', '--format', 'xlsx'])).code).toBe(EXIT_USAGE);
    const noPat = await run(['--org', fake.orgUrl('contoso'), '--from', '2026-01-01'], {});
    expect(noPat.code).toBe(EXIT_USAGE);
    expect(noPat.stderr).toContain('holds no PAT');
  });
});
