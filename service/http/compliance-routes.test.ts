// /api/v1/compliance on a store seeded directly (no collection): the summary, the pull-request list with
// its filters and paging, one pull request's evidence, the branches, the settings and a repository's own,
// the export (CSV with the formula guard and the summary sheet, JSON), and the rights: a project member
// reads only their project, only administrators change settings, one organization never sees another's.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { databaseKinds } from '../../test/support/databases';
import type { AppContext } from '../context';
import {
  compliancePullRequestDetailDtoSchema,
  compliancePullRequestDtoSchema,
  complianceSettingsDtoSchema,
  complianceSummaryDtoSchema,
} from '../contract/compliance-api';
import { createLogger } from '../log';
import type { Store } from '../store/db';
import type { OrganizationRow } from '../store/schema';
import { seedCompliance } from '../store/testdata/compliance-seed';
import { connectTestOrg, useTestStore } from '../store/testdata/test-store';
import type { Caller } from '../usecases/identify-caller';
import { complianceRouter } from './compliance-routes';
import { errorHandler } from './problem';

const NOVEMBER = 'from=2026-11-01&to=2026-11-30';

describe.each(databaseKinds)('compliance routes on %s', (kind) => {
  const openStoreOf = useTestStore(kind);
  let store: Store;
  let orgA: OrganizationRow;
  let orgB: OrganizationRow;
  let server: Server;
  let base: string;
  const reevaluated: string[] = [];

  const caller = (org: OrganizationRow, userId: string, isOrgAdmin: boolean): Caller => ({
    userId,
    displayName: userId,
    orgName: org.name,
    orgUrl: org.url,
    instanceId: org.instance_id,
    org,
    isOrgAdmin,
    accessToken: `token-${userId}`,
  });
  /** Who each test user is; a member sees the Storefront project only. */
  const callers = (): Record<string, Caller> => ({
    admin: caller(orgA, 'admin', true),
    member: caller(orgA, 'member', false),
    bAdmin: caller(orgB, 'b-admin', true),
  });

  beforeAll(async () => {
    store = openStoreOf();
    orgA = await connectTestOrg(store, 'contoso-a');
    orgB = await connectTestOrg(store, 'fabrikam-b');
    await seedCompliance(store, orgA.org_id, orgA.name);
    await seedCompliance(store, orgB.org_id, orgB.name, [{ repoId: 'repo-web', projectId: 'proj-store', pullRequestId: 7, title: 'B only', closedAt: '2026-11-15T00:00:00Z', outcomes: { 'CMP-PR-APPROVAL': 'fail' } }]);
    const ctx = {
      store,
      log: createLogger('silent'),
      config: {},
      adoClient: () => ({ core: { listProjects: async () => [{ id: 'proj-store' }] } }),
    } as unknown as AppContext;
    const app = express();
    app.use(express.json());
    app.use((req, _res, next) => {
      req.caller = callers()[req.get('x-test-user') ?? 'admin'];
      next();
    });
    app.use('/api/v1', complianceRouter(ctx, { reevaluate: async (_ctx, orgId) => void reevaluated.push(orgId) }));
    app.use(errorHandler(ctx.log));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(async () => {
    if (server) await new Promise((resolve) => server.close(resolve));
  });

  const get = async (path: string, user = 'admin') => {
    const res = await fetch(`${base}${path}`, { headers: { 'x-test-user': user } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()) };
  };
  const json = async (path: string, user = 'admin') => {
    const res = await get(path, user);
    expect({ path, status: res.status, problem: res.status === 200 ? undefined : res.text }).toEqual({ path, status: 200, problem: undefined });
    return JSON.parse(res.text);
  };
  const put = async (path: string, body: unknown, user = 'admin') => {
    const res = await fetch(`${base}${path}`, { method: 'PUT', headers: { 'x-test-user': user, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() };
  };
  const ids = (page: { items: { pullRequestId: number }[] }) => page.items.map((p) => p.pullRequestId);

  test('the summary counts each check over the period, with pass rates, emergencies and branches', async () => {
    const s = complianceSummaryDtoSchema.parse(await json(`/compliance/summary?${NOVEMBER}`));
    expect(s).toMatchObject({ from: '2026-11-01', to: '2026-11-30', pullRequests: 3, emergency: 1, collection: { state: 'never', pullRequests: 0, warnings: [] } });
    const sast = s.checks.find((c) => c.checkId === 'CMP-PR-SAST')!;
    expect(sast.counts).toEqual({ pass: 1, fail: 1, exempt: 1, 'not-applicable': 0, 'not-available': 0 });
    expect(sast.passRate).toBe(0.5);
    expect(s.checks.find((c) => c.checkId === 'CMP-BRANCH-APPROVAL')!.passRate).toBe(1);
    expect(s.branches).toMatchObject({ pass: 1, fail: 1 });
    // Without a period: from the organization's start date (90 days before connecting) to today.
    const whole = complianceSummaryDtoSchema.parse(await json('/compliance/summary'));
    expect(whole.to).toBe(new Date().toISOString().slice(0, 10));
  });

  test('the pull requests come newest first, paged, with their five results', async () => {
    const first = await json(`/compliance/pull-requests?${NOVEMBER}&limit=2`);
    expect(first.total).toBe(3);
    expect(ids(first)).toEqual([201, 102]);
    const row = compliancePullRequestDtoSchema.parse(first.items[1]);
    expect(row).toMatchObject({ repositoryName: 'web', projectName: 'Storefront', outcome: 'fail', targetRef: 'refs/heads/main' });
    expect(row.checks.map((c) => c.checkId)).toEqual(['CMP-BRANCH-APPROVAL', 'CMP-PR-APPROVAL', 'CMP-PR-SAST', 'CMP-PR-TESTS', 'CMP-PR-DEPENDENCIES']);
    expect(row.url).toContain('/pullrequest/102');
    const second = await json(`/compliance/pull-requests?${NOVEMBER}&limit=2&cursor=${first.nextCursor}`);
    expect(ids(second)).toEqual([101]);
    expect(second.nextCursor).toBeUndefined();
    expect(first.items[0].outcome).toBe('exempt');
  });

  test('filters: check and outcome, overall outcome, project, repository, emergency, period', async () => {
    expect(ids(await json(`/compliance/pull-requests?${NOVEMBER}&check=CMP-PR-SAST&outcome=fail`))).toEqual([102]);
    expect(ids(await json(`/compliance/pull-requests?${NOVEMBER}&outcome=pass`))).toEqual([101]);
    expect(ids(await json(`/compliance/pull-requests?${NOVEMBER}&outcome=exempt`))).toEqual([201]);
    expect(ids(await json(`/compliance/pull-requests?${NOVEMBER}&project=proj-store`))).toEqual([102, 101]);
    expect(ids(await json(`/compliance/pull-requests?${NOVEMBER}&repository=repo-api`))).toEqual([201]);
    expect(ids(await json(`/compliance/emergency?${NOVEMBER}`))).toEqual([201]);
    expect(ids(await json('/compliance/pull-requests?from=2026-10-01&to=2026-10-01'))).toEqual([202]);
    const failing = complianceSummaryDtoSchema.parse(await json(`/compliance/summary?${NOVEMBER}&check=CMP-PR-SAST&outcome=fail`));
    expect(failing.pullRequests).toBe(1);
  });

  test("one pull request's evidence: reviewers, builds, statuses, what ADO no longer had", async () => {
    const d = compliancePullRequestDetailDtoSchema.parse(await json('/compliance/pull-requests/repo-api/202'));
    expect(d.reviewers).toEqual([{ name: 'Riley Reviewer', vote: 10 }]);
    expect(d.builds[0]).toMatchObject({ buildId: 1102, name: 'PR build', result: 'succeeded' });
    expect(d.statuses).toEqual([{ context: 'vigil/security', state: 'succeeded', url: 'https://vigil.example/pr' }]);
    expect(d.unavailable).toEqual([{ facet: 'builds', reason: 'The build was deleted by retention before Vigil recorded it' }]);
    expect(d.checks.find((c) => c.checkId === 'CMP-PR-TESTS')).toMatchObject({ outcome: 'not-available', reason: 'The build was deleted by retention before Vigil recorded it' });
    expect((await get('/compliance/pull-requests/repo-api/999')).status).toBe(404);
    const branches = await json('/compliance/branches');
    expect(branches.items.map((b: { repositoryName: string; result: { outcome: string } }) => [b.repositoryName, b.result.outcome])).toEqual([
      ['payments-api', 'fail'],
      ['web', 'pass'],
    ]);
  });

  test('a project member reads their project only and changes nothing', async () => {
    const org = await get(`/compliance/summary?${NOVEMBER}`, 'member');
    expect(org.status).toBe(403);
    expect(org.type).toContain('application/problem+json');
    const mine = complianceSummaryDtoSchema.parse(await json(`/compliance/summary?${NOVEMBER}&project=proj-store`, 'member'));
    expect(mine.pullRequests).toBe(2);
    expect(ids(await json(`/compliance/pull-requests?${NOVEMBER}&project=proj-store`, 'member'))).toEqual([102, 101]);
    expect((await get(`/compliance/pull-requests?${NOVEMBER}&project=proj-pay`, 'member')).status).toBe(403);
    expect((await get(`/compliance/pull-requests?${NOVEMBER}&repository=repo-api`, 'member')).status).toBe(404);
    expect((await get('/compliance/pull-requests/repo-api/201', 'member')).status).toBe(404);
    expect((await get('/compliance/export?format=csv', 'member')).status).toBe(403);
    expect((await put('/compliance/settings', { emergencyLabel: 'hotfix' }, 'member')).status).toBe(403);
    expect((await put('/compliance/repositories/repo-web', { branchPatterns: ['release/*'] }, 'member')).status).toBe(403);
  });

  test('one organization never sees another', async () => {
    expect(ids(await json(`/compliance/pull-requests?${NOVEMBER}`, 'bAdmin'))).toEqual([7]);
    expect((await get('/compliance/pull-requests/repo-web/101', 'bAdmin')).status).toBe(404);
    expect(complianceSummaryDtoSchema.parse(await json(`/compliance/summary?${NOVEMBER}`, 'bAdmin')).pullRequests).toBe(1);
  });

  test('bad input is a problem+json 400', async () => {
    for (const path of [
      '/compliance/summary?from=2026-13-01',
      '/compliance/summary?from=2026-02-30',
      '/compliance/pull-requests?check=CMP-NOPE',
      '/compliance/pull-requests?outcome=great',
      '/compliance/pull-requests?from=2026-12-01&to=2026-11-01',
      '/compliance/pull-requests?cursor=nonsense',
      '/compliance/pull-requests/repo-web/abc',
      '/compliance/export?format=xlsx',
    ]) {
      const res = await get(path);
      expect({ path, status: res.status, type: res.type.split(';')[0] }).toEqual({ path, status: 400, type: 'application/problem+json' });
    }
    const fromAfterTo = JSON.parse((await get('/compliance/summary?from=2026-12-01&to=2026-11-01')).text);
    expect(fromAfterTo.detail).toContain('after');
    for (const body of [{ checks: ['CMP-NOPE'] }, { branchPatterns: ['has space'] }, { startDate: 'yesterday' }, { surprise: true }]) {
      const res = await put('/compliance/settings', body);
      expect({ body, status: res.status, type: res.type.split(';')[0] }).toEqual({ body, status: 400, type: 'application/problem+json' });
    }
  });

  test('settings: defaults, a change (evidence sources merged), a repository of its own; each change re-evaluates', async () => {
    const before = complianceSettingsDtoSchema.parse(await json('/compliance/settings', 'member'));
    const expectedStart = new Date(new Date(orgA.created_at).getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
    expect(before).toMatchObject({ startDate: expectedStart, emergencyLabel: 'emergency', branchPatterns: [], checks: ['CMP-BRANCH-APPROVAL', 'CMP-PR-APPROVAL', 'CMP-PR-SAST', 'CMP-PR-TESTS', 'CMP-PR-DEPENDENCIES'] });

    const changed = await put('/compliance/settings', { emergencyLabel: 'hotfix', branchPatterns: ['release/*', 'release/*'], evidenceSources: { sastTasks: ['MyScanner'] } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ emergencyLabel: 'hotfix', branchPatterns: ['release/*'], startDate: expectedStart, updatedBy: 'admin' });
    const again = await put('/compliance/settings', { startDate: '2026-09-01', checks: ['CMP-PR-SAST', 'CMP-PR-APPROVAL'], evidenceSources: { testStatuses: ['ci/tests'] } });
    expect(again.body).toMatchObject({ startDate: '2026-09-01', emergencyLabel: 'hotfix', checks: ['CMP-PR-APPROVAL', 'CMP-PR-SAST'] });
    expect(again.body.evidenceSources).toMatchObject({ sastTasks: ['MyScanner'], testStatuses: ['ci/tests'] });
    expect(reevaluated).toEqual([orgA.org_id, orgA.org_id]);
    // Organization B keeps its defaults.
    expect((await json('/compliance/settings', 'bAdmin')).emergencyLabel).toBe('emergency');

    const own = await put('/compliance/repositories/repo-web', { branchPatterns: ['main', 'hotfix/*'] });
    expect(own.body).toMatchObject({ repositoryId: 'repo-web', branchPatterns: ['main', 'hotfix/*'], checks: null, defaultBranch: 'refs/heads/main' });
    const listed = await json('/compliance/repositories?project=proj-store', 'member');
    expect(listed.items).toEqual([expect.objectContaining({ repositoryId: 'repo-web', branchPatterns: ['main', 'hotfix/*'] })]);
    expect((await put('/compliance/repositories/repo-web', { branchPatterns: null })).body.branchPatterns).toBeNull();
    expect((await put('/compliance/repositories/repo-nope', { checks: [] })).status).toBe(404);
    expect((await put('/compliance/repositories/repo-web', { checks: ['CMP-NOPE'] })).status).toBe(400);
  });

  test('export: CSV rows with the formula guard and the summary sheet; JSON with its summary', async () => {
    const csv = await get(`/compliance/export?format=csv&${NOVEMBER}`);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect(csv.disposition).toContain('vigil-compliance-2026-11-01-to-2026-11-30.csv');
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^Project,Repository,Pull request,Title,Author,Target branch,Closed,Labels,Overall,Branch requires independent approval,/);
    expect(lines[1]).toMatch(/^Payments,payments-api,201,Hotfix: card declines,Dana Developer,main,2026-11-25T22:00:00.000Z,emergency,Exempt \(emergency\),Passed,Exempt/);
    // A title that would be a formula stays text.
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(lines[2]).toContain('Failed');
    expect(csv.text).toContain('Summary\r\n');
    expect(csv.text).toContain('Period,2026-11-01 to 2026-11-30');
    expect(csv.text).toContain('SAST before merge,CMP-PR-SAST,1,1,1,0,0,50.0%');

    const summary = await get(`/compliance/export?format=csv&sheet=summary&${NOVEMBER}`);
    expect(summary.text.startsWith('\uFEFFSummary\r\n')).toBe(true);
    expect(summary.text).not.toContain('Hotfix');
    expect(summary.disposition).toContain('-summary.csv');

    const exported = await get(`/compliance/export?format=json&${NOVEMBER}&project=proj-store`);
    expect(exported.type).toContain('application/json');
    const body = JSON.parse(exported.text);
    expect(body.pullRequests.map((p: { pullRequestId: number }) => p.pullRequestId)).toEqual([102, 101]);
    body.pullRequests.forEach((p: unknown) => compliancePullRequestDtoSchema.parse(p));
    expect(body.summary).toMatchObject({ organization: orgA.url, period: { from: '2026-11-01', to: '2026-11-30' }, scope: { project: 'proj-store' }, pullRequests: 2, emergency: 0 });
    expect(body.summary.settings).toHaveProperty('emergencyLabel');
    expect(body.summary.checks.find((c: { checkId: string }) => c.checkId === 'CMP-PR-SAST')).toMatchObject({ counts: { pass: 1, fail: 1 }, passRate: 0.5 });
  });
  test("a pull request without its own branch result shows its target branch's now, outside its overall outcome", async () => {
    await store.db.deleteFrom('compliance_results').where('org_id', '=', orgA.org_id).where('subject_key', '=', 'pr:201').where('check_id', '=', 'CMP-BRANCH-APPROVAL').execute();
    const pr = compliancePullRequestDtoSchema.parse((await json(`/compliance/pull-requests?${NOVEMBER}&repository=repo-api`)).items[0]);
    expect(pr.checks.find((c) => c.checkId === 'CMP-BRANCH-APPROVAL')).toMatchObject({ outcome: 'fail', message: 'The branch now: main fail' });
    expect(pr.outcome).toBe('exempt');
  });
});
