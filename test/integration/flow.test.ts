// The whole path through the real service: connect -> discover -> download -> scan -> store -> API,
// against the fake ADO organization, on PGlite and (when TEST_DATABASE_URL is set) PostgreSQL. Every
// /api/v1 answer is checked against its schema in service/contract/api.ts.
import { z } from 'zod';
import {
  discoverResponseSchema,
  findingDtoSchema,
  meResponseSchema,
  connectResponseSchema,
  organizationDtoSchema,
  overviewSchema,
  pagedSchema,
  repositoryDtoSchema,
  scanDtoSchema,
  triggerScanResponseSchema,
  type FindingDto,
  type FindingPlace,
} from '../../service/contract/api';
import { CATEGORIES } from '../../service/contract/vocabulary';
import { databaseKinds } from '../support/databases';
import { planted, reportedLine } from '../support/planted';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';
import { conforming, contractApi } from './contract';

const findingsPage = pagedSchema(findingDtoSchema);
/** The categories of repository scans (posture findings arrive on their own schedule). */
const REPOSITORY_CATEGORIES = CATEGORIES.filter((c) => c !== 'posture' && c !== 'compliance').join(',');
const scansPage = pagedSchema(scanDtoSchema);
const repositoriesPage = pagedSchema(repositoryDtoSchema);

/** `repo/path:line` of a finding's file location. */
const placeOf = (f: FindingPlace): string => `${f.repositoryName}/${f.locationText}`;
const filePath = (f: FindingPlace): string | undefined => (f.location.kind === 'ado-object' ? undefined : f.location.path);

describe.each(databaseKinds)('Vigil end to end on %s', (kind) => {
  let stack: Stack;
  let api: ReturnType<typeof contractApi>;
  /** Every finding a query gives, page after page (the organization holds more than one page). */
  const allFindings = async (user: Parameters<typeof api.ok>[1], query: string) => {
    const items: FindingDto[] = [];
    let cursor: string | undefined;
    let total = 0;
    do {
      const page = (await api.ok(findingsPage, user, 'GET', `/api/v1/findings?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`)).body;
      items.push(...page.items);
      total = page.total;
      cursor = page.nextCursor;
    } while (cursor);
    expect(items).toHaveLength(total);
    return { items, total };
  };

  beforeAll(async () => {
    stack = await startStack({ database: kind, captureLogs: true });
    api = contractApi(stack);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  /** Every scannable repository scanned; the list follows the contract. */
  const scannedRepositories = async (timeoutMs: number) => conforming(z.array(repositoryDtoSchema), await stack.waitForScans('contoso', timeoutMs), 'repositories');

  test('health and readiness', async () => {
    expect((await fetch(stack.serviceUrl + '/healthz')).status).toBe(200);
    const ready = await fetch(stack.serviceUrl + '/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { database: 'ok', queue: 'ok' } });
  });

  test('no token -> 401 problem+json', async () => {
    const res = await api.problem(null, 'GET', '/api/v1/findings');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ status: 401, title: 'Not authenticated' });
    expect(res.body.detail).toMatch(/app token/i);
  });

  test('a token signed with another secret, or expired, is refused', async () => {
    const { admin } = stack.users;
    for (const token of [stack.appToken(admin, { secret: 'x'.repeat(40) }), stack.appToken(admin, { expiresInSeconds: -120 })]) {
      const res = await fetch(stack.serviceUrl + '/api/v1/me', {
        headers: { Authorization: `Bearer ${token}`, 'X-Vigil-Access-Token': admin.accessToken, 'X-Vigil-Org': 'contoso' },
      });
      expect(res.status).toBe(401);
    }
  });

  test('before connecting, /me says not connected and data routes say so', async () => {
    const me = await api.ok(meResponseSchema, stack.users.admin, 'GET', '/api/v1/me');
    expect(me.body).toMatchObject({ organization: { name: 'contoso', connected: false }, isOrgAdmin: true });
    const findings = await api.problem(stack.users.admin, 'GET', '/api/v1/findings');
    expect(findings.status).toBe(404);
    expect(findings.body.type).toMatch(/not-connected/);
  });

  test('a bad PAT gets a clear error and nothing is stored', async () => {
    const res = await api.problem(stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.revoked });
    expect(res.status).toBe(400);
    expect(res.body.type).toMatch(/invalid-credential/);
    expect(res.body.detail).toMatch(/rejected|expired|revoked/i);
    expect((await api.ok(meResponseSchema, stack.users.admin, 'GET', '/api/v1/me')).body.organization.connected).toBe(false);
  });

  test('an under-scoped PAT is named as such', async () => {
    const res = await api.problem(stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.noCode });
    expect(res.status).toBe(400);
    expect(res.body.type).toMatch(/insufficient-scope/);
    expect(res.body.detail).toMatch(/missing these scopes: Code \(Read\) — vso\.code\. /);
    expect(res.body.detail).not.toMatch(/Project and Team/);
  });

  test('a non-admin cannot connect; malformed bodies get a validation problem', async () => {
    const dev = await api.problem(stack.users.dev, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.full });
    expect(dev.status).toBe(403);
    const bad = await api.problem(stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: 'not a url', pat: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(['organizationUrl', 'pat']);
  });

  test('connect -> discover -> scan -> findings through the API', async () => {
    const { admin } = stack.users;
    const res = await api.ok(connectResponseSchema, admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.full });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'contoso', credentialKind: 'pat' });
    expect(JSON.stringify(res.body)).not.toContain(stack.fakeAdo.pats.full);

    const repos = await scannedRepositories(90_000);
    const byName = Object.fromEntries(repos.map((r) => [r.name, r]));
    const skipped = repos.filter((r) => r.skipReason);
    expect(skipped.map((r) => [r.name, r.skipReason]).sort()).toEqual([
      ['$/Sandbox', expect.stringMatching(/^TFVC: not scanned/)],
      ['archived-tools', 'Repository is disabled'],
      ['legacy-empty', 'Repository is empty (no branches)'],
    ]);
    // Listed without its default branch (as ADO's own example is); discovery asked the repository itself.
    expect(byName['payments-api']).toMatchObject({ defaultBranch: 'refs/heads/main', scanState: 'done' });
    // A TFVC project is recorded, not lost: it links to its version control page.
    expect(byName['$/Sandbox'].webUrl).toBe(`${stack.org.url}/Sandbox/_versionControl`);
    for (const r of skipped) expect(r.scanState).toBe('never');
    const scanned = repos.filter((r) => !r.skipReason);
    expect(scanned.length).toBeGreaterThanOrEqual(2);
    for (const r of scanned) {
      expect(r.scanState).toBe('done');
      // The repository's page, from _links.web.href or remoteUrl (no webUrl in the fake's minimal answers) or the names.
      expect(r.webUrl).toBe(`${stack.org.url}/${encodeURIComponent(r.projectName)}/_git/${encodeURIComponent(r.name)}`);
      const secrets = r.lastScan?.scanners.find((s) => s.scanner === 'secrets');
      expect(secrets).toMatchObject({ status: 'ran', category: 'secret' });
      expect(r.lastScan?.filesScanned).toBeGreaterThan(0);
    }
    const organization = await api.ok(organizationDtoSchema, admin, 'GET', '/api/v1/organization');
    expect(organization.body.repositoryCount).toBe(repos.length);
    const firstTwo = await api.ok(repositoriesPage, admin, 'GET', '/api/v1/repositories?limit=2');
    expect(firstTwo.body).toMatchObject({ total: repos.length, nextCursor: expect.any(String) });

    const findings = { body: await allFindings(admin, '') };
    const items = findings.body.items;
    // Recall: every planted secret in a scanned repository is reported at its file and line. A paired
    // credential (an AWS key id with its secret) is one finding, at the secret's line.
    const live = planted.filter((p) => byName[p.repo] && !byName[p.repo].skipReason);
    for (const p of live) {
      const hit = items.find((f) => f.repositoryName === p.repo && f.location.kind === 'file' && f.location.path === p.path && f.location.line === reportedLine(p));
      expect({ planted: `${p.repo}/${p.path}:${p.line} (${p.kind})`, found: !!hit }).toEqual({ planted: `${p.repo}/${p.path}:${p.line} (${p.kind})`, found: true });
    }
    // Posture findings (of ADO objects, not files) join the list whenever the assessment queued at
    // connect ends, which on a busy machine can be before this point: the repositories' findings here.
    for (const f of items.filter((x) => x.category !== 'posture')) {
      if (f.location.kind === 'file') expect(f.locationText).toBe(`${f.location.path}:${f.location.line}`);
      // A link to the file at the scanned commit, in the finding's repository, at its line.
      expect(f.webUrl).toEqual(expect.any(String));
      const link = new URL(f.webUrl!);
      expect(`${link.origin}${link.pathname}`).toBe(`${stack.org.url}/${encodeURIComponent(f.projectName!)}/_git/${encodeURIComponent(f.repositoryName!)}`);
      expect(link.searchParams.get('version')).toBe(`GC${f.commitSha}`);
      if (f.location.kind === 'file') {
        expect(link.searchParams.get('path')).toBe(`/${f.location.path}`);
        if (f.location.line > 0) expect(link.searchParams.get('line')).toBe(String(f.location.line));
      }
      expect(f).toMatchObject({ projectId: expect.any(String), projectName: expect.any(String), repositoryId: expect.any(String) });
      if (f.category === 'secret') expect(f.preview).toEqual(expect.any(String));
    }
    // No planted value ever leaves the service, nor a salted hash (nor the group key built from it).
    const scans = await api.ok(scansPage, admin, 'GET', '/api/v1/scans?limit=200');
    const everything = JSON.stringify([findings.body, repos, scans.body]);
    for (const p of planted) expect(everything).not.toContain(p.value);
    expect(everything).not.toMatch(/"hash"|"details"|secret:[0-9a-f]{32}/);
    // Nor is it logged (the service logs at debug level here), nor the PAT.
    const logs = stack.logs.join('');
    expect(logs).toContain('scan done');
    for (const p of planted) expect(logs).not.toContain(p.value);
    expect(logs).not.toContain(stack.fakeAdo.pats.full);

    // Filters and paging.
    const critical = await api.ok(findingsPage, admin, 'GET', '/api/v1/findings?severity=critical&category=secret&limit=1');
    expect(critical.body.items).toHaveLength(1);
    expect(critical.body.total).toBeGreaterThan(1);
    const next = await api.ok(findingsPage, admin, 'GET', `/api/v1/findings?severity=critical&category=secret&limit=1&cursor=${critical.body.nextCursor}`);
    expect(next.body.items[0].id).not.toBe(critical.body.items[0].id);
    const oneRepo = scanned[0];
    const inRepo = await api.ok(findingsPage, admin, 'GET', `/api/v1/findings?repository=${oneRepo.id}&limit=200`);
    expect(inRepo.body.items.every((f) => f.repositoryId === oneRepo.id)).toBe(true);
    expect(inRepo.body.total).toBe(items.filter((f) => f.repositoryId === oneRepo.id).length);
    const badFilter = await api.problem(admin, 'GET', '/api/v1/findings?severity=urgent');
    expect(badFilter.status).toBe(400);
    // Confidence: a filter of its own, and every finding carries one.
    const byConfidence = Object.fromEntries(
      await Promise.all(
        (['high', 'medium', 'low'] as const).map(async (c) => [c, (await api.ok(findingsPage, admin, 'GET', `/api/v1/findings?confidence=${c}&category=${REPOSITORY_CATEGORIES}&limit=200`)).body] as const),
      ),
    );
    for (const [c, body] of Object.entries(byConfidence)) expect(body.items.every((f) => f.confidence === c)).toBe(true);
    expect(byConfidence.high.total).toBeGreaterThan(0);
    expect(byConfidence.high.total + byConfidence.medium.total + byConfidence.low.total).toBe(items.filter((f) => f.category !== 'posture').length);
    const atLeastMedium = await api.ok(findingsPage, admin, 'GET', '/api/v1/findings?confidence=high,medium&category=secret&limit=200');
    expect(atLeastMedium.body.items.map((f) => f.id).sort()).toEqual(items.filter((f) => f.category === 'secret' && f.confidence !== 'low').map((f) => f.id).sort());
    const badConfidence = await api.problem(admin, 'GET', '/api/v1/findings?confidence=high,certain');
    expect(badConfidence.status).toBe(400);
    expect(badConfidence.body.errors).toEqual([expect.objectContaining({ path: expect.stringMatching(/^confidence/) })]);
  }, 120_000);

  test('a zip with ../ entries is refused and recorded, not extracted', async () => {
    const scans = (await api.ok(scansPage, stack.users.admin, 'GET', '/api/v1/scans?limit=200')).body.items;
    const rejected = scans.flatMap((s) => s.warnings).filter((w) => w.code === 'zip-entry-rejected');
    expect(rejected.map((w) => w.path)).toEqual(expect.arrayContaining([expect.stringContaining('../')]));
    const findings = (await allFindings(stack.users.admin, '&state=open,suppressed')).items;
    expect(findings.some((f) => filePath(f)?.includes('..'))).toBe(false);
  });

  test('a rescan keeps finding identities', async () => {
    const { admin } = stack.users;
    // The repositories' findings (posture findings arrive whenever the assessment queued at connect ends).
    const before = (await allFindings(admin, `&category=${REPOSITORY_CATEGORIES}`)).items;
    const trigger = await api.ok(triggerScanResponseSchema, admin, 'POST', '/api/v1/scans', {});
    expect(trigger.status).toBe(202);
    expect(trigger.body.queued).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    await scannedRepositories(90_000);
    const after = (await allFindings(admin, `&category=${REPOSITORY_CATEGORIES}`)).items;
    expect(after.map((f) => f.id).sort()).toEqual(before.map((f) => f.id).sort());
  }, 120_000);

  test('the overview adds up to the findings list; a project member sees their project only', async () => {
    const { admin, dev } = stack.users;
    const overview = await api.ok(overviewSchema, admin, 'GET', '/api/v1/overview?days=90');
    // Posture findings may still be arriving (the assessment queued at connect): compare the scans' own.
    // Alerts, as the list groups them: one credential in several places counts once.
    const open = (await allFindings(admin, '&group=credential')).items.filter((f) => f.category !== 'posture');
    const { posture, ...scanned } = overview.body.open.byCategory;
    expect(Object.values(scanned).reduce((a, b) => a + b, 0)).toBe(open.length);
    expect(Object.values(overview.body.open.bySeverity).reduce((a, b) => a + b, 0)).toBe(overview.body.open.total);
    expect(overview.body.open.total).toBe(open.length + posture);
    expect(overview.body.open.byCategory.secret).toBe(open.filter((f) => f.category === 'secret').length);
    expect(overview.body.trend).toHaveLength(90);
    // Every finding was first seen today, in this test's scans.
    expect(overview.body.trend[89].new).toBeGreaterThanOrEqual(open.length);
    expect(overview.body.topRepositories.length).toBeGreaterThan(0);
    expect(overview.body.topRepositories[0].open).toBe(Math.max(...overview.body.topRepositories.map((r) => r.open)));
    const repos = overview.body.coverage.repositories;
    expect(repos.scanned + repos.failing + repos.never + repos.skipped + repos.scanning).toBe(repos.total);
    expect(repos.scanned).toBeGreaterThan(0);
    expect(overview.body.coverage.scanners.find((s) => s.scanner === 'secrets')?.ran).toBe(repos.scanned);
    expect(overview.body.lastDiscoveryAt).toBeDefined();

    expect((await api.problem(dev, 'GET', '/api/v1/overview')).status).toBe(403);
    expect((await api.problem(admin, 'GET', '/api/v1/overview?days=7')).status).toBe(400);
    const project = stack.fakeAdo.orgs.contoso.projects[0];
    const mine = await api.ok(overviewSchema, dev, 'GET', `/api/v1/overview?project=${project.id}`);
    const inProject = (await api.ok(findingsPage, dev, 'GET', `/api/v1/findings?project=${project.id}&group=credential&category=${REPOSITORY_CATEGORIES}&limit=1`)).body.total;
    expect(mine.body.open.total - mine.body.open.byCategory.posture).toBe(inProject);
    expect(mine.body.topRepositories.every((r) => r.projectId === project.id)).toBe(true);
  });

  test("Scan project queues that project's repositories only; a project member may not", async () => {
    const { admin, dev } = stack.users;
    const project = stack.fakeAdo.orgs.contoso.projects[0];
    const inProject = (await api.ok(repositoriesPage, admin, 'GET', `/api/v1/repositories?project=${project.id}&limit=200`)).body.items;
    const trigger = await api.ok(triggerScanResponseSchema, admin, 'POST', '/api/v1/scans', { projectId: project.id });
    expect(trigger.status).toBe(202);
    expect(trigger.body.queued).toBeGreaterThan(0);
    const scannable = inProject.filter((r) => !r.skipReason).map((r) => r.id);
    expect(trigger.body.scans.map((s) => s.repositoryId).every((id) => scannable.includes(id))).toBe(true);
    expect((await api.problem(dev, 'POST', '/api/v1/scans', { projectId: project.id })).status).toBe(403);
    await new Promise((r) => setTimeout(r, 300));
    await scannedRepositories(90_000);
  }, 120_000);

  test('one alert per credential; a dismissal with a reason survives a rescan and can be reopened', async () => {
    const { admin, dev } = stack.users;
    const grouped = await api.ok(findingsPage, admin, 'GET', '/api/v1/findings?group=credential&category=secret&limit=200');
    for (const alert of grouped.body.items) {
      expect(alert.locations?.length).toBeGreaterThanOrEqual(1);
      expect(alert.locations?.map((l) => l.findingId)).toContain(alert.id);
    }
    // The Slack token planted in two repositories is one alert with both locations.
    const slack = grouped.body.items.filter((a) => a.ruleId === 'SEC-SLACK-BOT-TOKEN');
    expect(slack).toHaveLength(1);
    expect(slack[0].locations?.map(placeOf).sort()).toEqual(['payments-api/app/settings.py:13', 'web-storefront/scripts/notify-oncall.sh:5']);
    const flat = (await api.ok(findingsPage, admin, 'GET', '/api/v1/findings?category=secret&limit=200')).body;
    expect(grouped.body.total).toBe(flat.total - 1);
    const target: FindingDto = grouped.body.items[0];

    expect((await api.problem(dev, 'PUT', `/api/v1/findings/${target.id}/dismissal`, { reason: 'false-positive' })).status).toBe(403);
    const bad = await api.problem(admin, 'PUT', `/api/v1/findings/${target.id}/dismissal`, { reason: 'meh', expires: '1999-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(['expires', 'reason']);

    const dismissed = await api.ok(findingDtoSchema, admin, 'PUT', `/api/v1/findings/${target.id}/dismissal`, { reason: 'used-in-tests', comment: 'fixture data', expires: '2999-12-31' });
    expect(dismissed.body).toMatchObject({ state: 'dismissed', dismissal: { reason: 'used-in-tests', comment: 'fixture data', expires: '2999-12-31', byName: admin.displayName } });
    const open = (await api.ok(findingsPage, admin, 'GET', '/api/v1/findings?limit=200')).body.items;
    expect(open.map((f) => f.id)).not.toContain(target.id);

    await api.ok(triggerScanResponseSchema, admin, 'POST', '/api/v1/scans', { repositoryId: target.repositoryId });
    await new Promise((r) => setTimeout(r, 300));
    await scannedRepositories(60_000);
    const still = await api.ok(findingDtoSchema, admin, 'GET', `/api/v1/findings/${target.id}`);
    expect(still.body.state).toBe('dismissed');

    const reopened = await api.ok(findingDtoSchema, admin, 'DELETE', `/api/v1/findings/${target.id}/dismissal`);
    expect(reopened.body.state).toBe('open');
    expect(reopened.body.dismissal).toBeUndefined();
  }, 90_000);

  test('a project member reads their project but not the whole organization; writes need an admin', async () => {
    const { dev } = stack.users;
    expect((await api.problem(dev, 'GET', '/api/v1/findings')).status).toBe(403);
    expect((await api.problem(dev, 'POST', '/api/v1/scans', {})).status).toBe(403);
    const project = stack.fakeAdo.orgs.contoso.projects[0];
    const mine = await api.ok(findingsPage, dev, 'GET', `/api/v1/findings?project=${project.id}`);
    expect(mine.body.items.every((f) => f.projectId === project.id)).toBe(true);
  });

  test("another organization's data is refused", async () => {
    const outsider = stack.users.fabrikamAdmin;
    // The contoso hint with a fabrikam user's token: contoso does not accept the token.
    expect((await api.problem(outsider, 'GET', '/api/v1/findings', undefined, 'contoso')).status).toBe(401);
    // In their own organization (not connected) they see nothing of contoso's.
    expect((await api.problem(outsider, 'GET', '/api/v1/findings', undefined, 'fabrikam')).status).toBe(404);
    const contosoFinding = (await api.ok(findingsPage, stack.users.admin, 'GET', '/api/v1/findings?limit=1')).body.items[0];
    expect((await api.problem(outsider, 'GET', `/api/v1/findings/${contosoFinding.id}`, undefined, 'fabrikam')).status).toBe(404);
    // Connected too, fabrikam still only sees its own.
    const connect = await api.ok(
      connectResponseSchema,
      outsider,
      'POST',
      '/api/v1/organization/connect',
      { organizationUrl: stack.fakeAdo.orgUrl('fabrikam'), pat: stack.fakeAdo.pats.fabrikam },
      'fabrikam',
    );
    expect(connect.status).toBe(201);
    expect((await api.problem(outsider, 'GET', `/api/v1/findings/${contosoFinding.id}`, undefined, 'fabrikam')).status).toBe(404);
  });

  test('a 429 with Retry-After is waited out', async () => {
    stack.fakeAdo.setRateLimit({ after: 0, retryAfterSeconds: 1 });
    const before = stack.fakeAdo.requests.length;
    const trigger = await api.ok(discoverResponseSchema, stack.users.admin, 'POST', '/api/v1/discover', {});
    expect(trigger.status).toBe(202);
    // Find the throttled call and the same call made again afterwards.
    const find = () => {
      const after = stack.fakeAdo.requests.slice(before);
      const throttled = after.find((r) => r.status === 429);
      const retried = throttled && after.find((r) => r.at > throttled.at && r.path === throttled.path && r.status === 200);
      return { throttled, retried, log: after.map((r) => `${r.status} ${r.path}`) };
    };
    try {
      await waitFor(() => `the throttled call made again; Azure DevOps answered: ${find().log.join(', ')}`, () => find().retried, 30_000);
    } finally {
      stack.fakeAdo.setRateLimit(false);
    }
    const { throttled, retried, log } = find();
    expect({ throttled: !!throttled, retried: !!retried, log }).toMatchObject({ throttled: true, retried: true });
    expect(retried!.at - throttled!.at).toBeGreaterThanOrEqual(950);
  }, 60_000);
});
