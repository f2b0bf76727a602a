// Pull-request compliance evidence through the real service against the fake organization (issue 15):
// connect's backfill collects contoso's merged pull requests (test/fake-ado/fixtures/compliance.json) and
// the evaluation's results match the golden table (compliance-golden.json), read back through the
// Compliance API too; the evidence recorded (votes, commits, builds, the build lost to retention); a pull
// request merged later arrives through its event, its build through build.complete; a settings change
// re-evaluates; fabrikam's rows and API answers never show contoso's.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { MergedPullRequestEvidence } from '../../service/compliance/evidence';
import { databaseKinds } from '../support/databases';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';

interface GoldenRow {
  repository: string;
  subject: string;
  note?: string;
  [checkId: string]: string | undefined;
}

const golden = JSON.parse(readFileSync(path.join(__dirname, 'compliance-golden.json'), 'utf8')) as { rows: GoldenRow[] };

/** A port nothing listens on now, so that VIGIL_PUBLIC_URL can name the service before it starts (events are delivered). */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

describe.each(databaseKinds)('compliance evidence on %s', (kind) => {
  let stack: Stack;
  let contosoId: string;
  let fabrikamId: string;
  const db = () => stack.service.context.store.db;

  const collection = (orgId: string) => db().selectFrom('compliance_collections').selectAll().where('org_id', '=', orgId).executeTakeFirst();

  /** The organization's results as golden rows: one per subject, the outcome under each check id. */
  async function resultTable(orgId: string): Promise<GoldenRow[]> {
    const rows = await db()
      .selectFrom('compliance_results as r')
      .innerJoin('repositories as repo', (j) => j.onRef('repo.org_id', '=', 'r.org_id').onRef('repo.repo_id', '=', 'r.repo_id'))
      .select(['repo.name', 'r.subject_key', 'r.check_id', 'r.outcome'])
      .where('r.org_id', '=', orgId)
      .execute();
    const bySubject = new Map<string, GoldenRow>();
    for (const r of rows) {
      const key = `${r.name}\n${r.subject_key}`;
      const row = bySubject.get(key) ?? { repository: r.name, subject: r.subject_key };
      row[r.check_id] = r.outcome;
      bySubject.set(key, row);
    }
    return [...bySubject.values()].sort(byRow);
  }
  const byRow = (a: GoldenRow, b: GoldenRow) => a.repository.localeCompare(b.repository) || a.subject.localeCompare(b.subject, 'en', { numeric: true });
  const withoutNotes = (rows: GoldenRow[]) => rows.map(({ note: _note, ...rest }) => rest).sort(byRow);

  const evidenceOf = async (orgId: string, pullRequestId: number): Promise<MergedPullRequestEvidence | undefined> => {
    const row = await db().selectFrom('compliance_pull_requests').select('evidence').where('org_id', '=', orgId).where('pull_request_id', '=', pullRequestId).executeTakeFirst();
    if (!row) return undefined;
    return (typeof row.evidence === 'string' ? JSON.parse(row.evidence) : row.evidence) as MergedPullRequestEvidence;
  };

  beforeAll(async () => {
    const port = await freePort();
    stack = await startStack({ database: kind, port, env: { VIGIL_PUBLIC_URL: `http://127.0.0.1:${port}` } });
    const connect = async (user: Stack['users']['admin'], org: string, pat: string) => {
      const res = await stack.api(user, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.fakeAdo.orgUrl(org), pat }, org);
      if (res.status !== 201) throw new Error(`connect ${org}: ${res.status} ${JSON.stringify(res.body)}`);
      return (await stack.api(user, 'GET', '/api/v1/me', undefined, org)).body.organization.id as string;
    };
    contosoId = await connect(stack.users.admin, 'contoso', stack.fakeAdo.pats.full);
    fabrikamId = await connect(stack.users.fabrikamAdmin, 'fabrikam', stack.fakeAdo.pats.fabrikam);
    await waitFor('the compliance backfills', async () => (await collection(contosoId))?.state === 'done' && (await collection(fabrikamId))?.state === 'done', 240_000, 500);
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  test('the backfill records contoso\'s merged pull requests of the period and counts its ADO requests', async () => {
    const run = (await collection(contosoId))!;
    expect(run.error).toBeNull();
    // 101-115 closed in the last 90 days; 116 closed 120 days ago.
    const recorded = await db().selectFrom('compliance_pull_requests').select(['pull_request_id', 'partial']).where('org_id', '=', contosoId).orderBy('pull_request_id').execute();
    expect(recorded.map((r) => r.pull_request_id)).toEqual(Array.from({ length: 15 }, (_, i) => 101 + i));
    expect(recorded.filter((r) => r.partial).map((r) => r.pull_request_id)).toEqual([109]);
    expect(run.pull_requests).toBe(15);
    expect(run.throttled).toBe(0);
    expect(run.ado_requests).toBeGreaterThan(0);
    expect(run.warnings).toEqual([]);
  });

  test('the results match the golden table, row by row', async () => {
    expect(await resultTable(contosoId)).toEqual(withoutNotes(golden.rows));
  });

  test('the Compliance API lists the same outcomes', async () => {
    const res = await stack.api(stack.users.admin, 'GET', '/api/v1/compliance/pull-requests?limit=100');
    expect(res.status).toBe(200);
    const items = res.body.items as { repositoryName?: string; pullRequestId: number; checks: { checkId: string; outcome: string }[] }[];
    const fromApi = items
      .map((p) => {
        const row: GoldenRow = { repository: p.repositoryName ?? '', subject: `pr:${p.pullRequestId}` };
        // The pull-request checks (a row may also carry its target branch's CMP-BRANCH-APPROVAL, compared above).
        for (const c of p.checks) if (c.checkId !== 'CMP-BRANCH-APPROVAL') row[c.checkId] = c.outcome;
        return row;
      })
      .sort(byRow);
    expect(fromApi).toEqual(withoutNotes(golden.rows.filter((r) => r.subject.startsWith('pr:'))));
  });

  test('the evidence keeps who voted when, the commits\' authors, and the build lost to retention as gone', async () => {
    const group = (await evidenceOf(contosoId, 104))!;
    expect(group.reviewers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ displayName: '[Storefront]\\Storefront Reviewers', isContainer: true, vote: 10 }),
        expect.objectContaining({ displayName: 'Kim Abercrombie', vote: 10, votedFor: ['5a3e1f0c-2b7d-4c8e-9f10-a1b2c3d4e5f6'] }),
      ]),
    );
    expect(group.builds[0].tasks?.map((t) => t.task?.name)).toEqual(['AdvancedSecurity-Codeql-Analyze', 'dependency-check-build-task', 'VSTest']);
    const late = (await evidenceOf(contosoId, 105))!;
    expect(late.votes.map((v) => [v.voter.displayName, v.vote, Date.parse(v.at) > Date.parse(late.closedAt)])).toEqual([['Adele Vance', 10, true]]);
    const votes = (await evidenceOf(contosoId, 106))!.votes.map((v) => [v.voter.displayName, v.vote]);
    expect(votes).toEqual([
      ['Kim Abercrombie', -5],
      ['Lee Gordon', -10],
      ['Kim Abercrombie', 5],
    ]);
    expect((await evidenceOf(contosoId, 103))!.commits.map((c) => c.author?.email).sort()).toEqual(['diego@contoso.com', 'lee@contoso.com']);
    const lost = (await evidenceOf(contosoId, 107))!;
    expect(lost.builds).toEqual([expect.objectContaining({ gone: true, result: 'succeeded' })]);
    expect(lost.builds[0].tasks).toBeUndefined();
    const reasons = await db().selectFrom('compliance_results').select(['check_id', 'outcome', 'reason']).where('org_id', '=', contosoId).where('subject_key', '=', 'pr:107').execute();
    for (const r of reasons.filter((x) => x.check_id !== 'CMP-PR-APPROVAL')) {
      expect(r.outcome).toBe('not-available');
      expect(JSON.stringify(r.reason)).toMatch(/retention|deleted|gone/i);
    }
    // Builds Vigil read are recorded, so that retention cannot erase them later.
    const kept = await db().selectFrom('builds').select('build_id').where('org_id', '=', contosoId).where('pull_request_id', '=', 104).execute();
    expect(kept).toHaveLength(1);
  });

  test('a pull request merged later arrives through its event, and its build through build.complete', async () => {
    const fake = stack.fakeAdo;
    fake.push('contoso', 'web-storefront', { branch: 'feature/compliance-event', changes: { 'docs/compliance-event.md': '# merged later\n' }, pushedBy: 'dev' });
    const prId = fake.createPullRequest('contoso', 'web-storefront', { source: 'feature/compliance-event', createdBy: 'dev', reviewers: ['kim'] });
    fake.completePullRequest('contoso', prId, { by: 'dev' });
    await fake.deliveries.settled();
    const first = await waitFor('the merged pull request\'s evidence', () => evidenceOf(contosoId, prId), 60_000, 200);
    expect(first).toMatchObject({ targetRef: 'refs/heads/main', author: { displayName: 'Diego Siciliani' } });
    expect(first.commits.length).toBeGreaterThan(0);
    const before = await waitFor('its results', async () => {
      const rows = await db().selectFrom('compliance_results').select(['check_id', 'outcome']).where('org_id', '=', contosoId).where('subject_key', '=', `pr:${prId}`).execute();
      return rows.length === 4 && rows;
    }, 30_000, 200);
    // Nobody voted: no independent approval.
    expect(before.find((r) => r.check_id === 'CMP-PR-APPROVAL')?.outcome).toBe('fail');
    expect(before.find((r) => r.check_id === 'CMP-PR-TESTS')?.outcome).toBe('fail');

    const buildId = fake.completeBuild('contoso', 'Storefront', {
      definition: 1,
      pullRequestId: prId,
      result: 'succeeded',
      tasks: [{ name: 'Publish test results', taskName: 'PublishTestResults', version: '2.247.1' }],
    });
    await fake.deliveries.settled();
    const withBuild = await waitFor('the build in its evidence', async () => {
      const e = await evidenceOf(contosoId, prId);
      return e?.builds.some((b) => b.buildId === buildId) && e;
    }, 60_000, 200);
    expect(withBuild.builds.find((b) => b.buildId === buildId)?.tasks?.map((t) => t.task?.name)).toEqual(['PublishTestResults']);
    // The build finished after the merge: it proves nothing about testing before it.
    const tests = await db().selectFrom('compliance_results').select('outcome').where('org_id', '=', contosoId).where('subject_key', '=', `pr:${prId}`).where('check_id', '=', 'CMP-PR-TESTS').executeTakeFirst();
    expect(tests?.outcome).toBe('fail');
  });

  test('a settings change re-evaluates the recorded evidence', async () => {
    const put = await stack.api(stack.users.admin, 'PUT', '/api/v1/compliance/settings', { emergencyLabel: 'hotfix-window' });
    expect(put.status).toBe(200);
    const outcome = () =>
      db().selectFrom('compliance_results').select('outcome').where('org_id', '=', contosoId).where('subject_key', '=', 'pr:108').where('check_id', '=', 'CMP-PR-APPROVAL').executeTakeFirst();
    await waitFor('pull request 108 judged without its emergency exemption', async () => (await outcome())?.outcome === 'fail', 60_000, 300);
    await stack.api(stack.users.admin, 'PUT', '/api/v1/compliance/settings', { emergencyLabel: 'emergency' });
    await waitFor('the exemption back', async () => (await outcome())?.outcome === 'exempt', 60_000, 300);
  });

  test('fabrikam sees none of contoso\'s rows, and contoso none of fabrikam\'s', async () => {
    const fabrikamRows = await db().selectFrom('compliance_pull_requests').select(['repo_id']).where('org_id', '=', fabrikamId).execute();
    const contosoRepos = new Set(Object.values(stack.fakeAdo.orgs.contoso.repos).map((r) => r.id));
    expect(fabrikamRows.filter((r) => contosoRepos.has(r.repo_id))).toEqual([]);
    const fabrikamResults = await resultTable(fabrikamId);
    expect(fabrikamResults.every((r) => r.repository === 'fiber-api')).toBe(true);
    const res = await stack.api(stack.users.fabrikamAdmin, 'GET', '/api/v1/compliance/pull-requests?limit=100', undefined, 'fabrikam');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    const detail = await stack.api(stack.users.fabrikamAdmin, 'GET', `/api/v1/compliance/pull-requests/${stack.fakeAdo.orgs.contoso.repos['web-storefront'].id}/101`, undefined, 'fabrikam');
    expect(detail.status).toBe(404);
  });
});
