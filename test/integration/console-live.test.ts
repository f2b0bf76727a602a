// The console's scan history and grouped Findings list, through the whole service on the fake ADO
// organization: a repository's scans newest first and paged, groups by rule and by repository whose
// counts add up to the list they stand for, under the same filters and the same visibility.
import {
  findingDtoSchema,
  findingGroupCountSchema,
  pagedSchema,
  scanDtoSchema,
  triggerScanResponseSchema,
  type FindingGroupCount,
} from '../../service/contract/api';
import { databaseKinds } from '../support/databases';
import { waitFor } from '../support/wait';
import { startStack, type Stack } from '../support/stack';
import { contractApi } from './contract';

const scansPage = pagedSchema(scanDtoSchema.strict());
const groupsPage = pagedSchema(findingGroupCountSchema.strict());
const findingsPage = pagedSchema(findingDtoSchema);

describe.each(databaseKinds)('scan history and finding groups on %s', (kind) => {
  let stack: Stack;
  let api: ReturnType<typeof contractApi>;

  beforeAll(async () => {
    stack = await startStack({ database: kind });
    api = contractApi(stack);
    await stack.connectAndScan();
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const repoNamed = (name: string) => stack.fakeAdo.orgs.contoso.projects.flatMap((p) => p.repos).find((r) => r.name === name)!;
  const groups = async (query: string, user = stack.users.admin, limit = 100): Promise<FindingGroupCount[]> => {
    const all: FindingGroupCount[] = [];
    let cursor: string | undefined;
    do {
      const page = (await api.ok(groupsPage, user, 'GET', `/api/v1/findings/groups?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`)).body;
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  };
  const total = async (query: string) => (await api.ok(findingsPage, stack.users.admin, 'GET', `/api/v1/findings?limit=1${query}`)).body.total;
  const sum = (gs: FindingGroupCount[]) => gs.reduce((n, g) => n + g.count, 0);

  test("a repository's scans: newest first, paged, with kind, commit, files, findings and the scanners' figures", async () => {
    const repo = repoNamed('web-storefront');
    const first = (await api.ok(scansPage, stack.users.admin, 'GET', `/api/v1/repositories/${repo.id}/scans`)).body;
    expect(first.total).toBe(1);
    const [scan] = first.items;
    expect(scan).toMatchObject({ repositoryId: repo.id, state: 'done', kind: 'full', commitSha: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(scan.filesScanned).toBeGreaterThan(0);
    expect(scan.findingsNew).toBeGreaterThan(0);
    expect(scan.scanners.length).toBeGreaterThan(0);
    expect(scan.progress).toBeUndefined();

    const again = await api.ok(triggerScanResponseSchema, stack.users.admin, 'POST', '/api/v1/scans', { repositoryId: repo.id });
    expect(again.body.queued).toBe(1);
    await stack.waitForScans();
    const page = (await api.ok(scansPage, stack.users.admin, 'GET', `/api/v1/repositories/${repo.id}/scans?limit=1`)).body;
    expect(page.total).toBe(2);
    expect(page.items[0].id).toBe(again.body.scans[0].id);
    const next = (await api.ok(scansPage, stack.users.admin, 'GET', `/api/v1/repositories/${repo.id}/scans?limit=1&cursor=${page.nextCursor}`)).body;
    expect(next.items.map((s) => s.id)).toEqual([scan.id]);
    expect(next.nextCursor).toBeUndefined();
  }, 120_000);

  test('the scan history is for whoever sees the repository, and for no other organization', async () => {
    const repo = repoNamed('web-storefront');
    const project = stack.fakeAdo.orgs.contoso.projects.find((p) => p.repos.some((r) => r.id === repo.id))!;
    const dev = await api.ok(scansPage, stack.users.dev, 'GET', `/api/v1/repositories/${repo.id}/scans`);
    expect(dev.body.items.every((s) => s.repositoryId === repo.id)).toBe(true);
    expect(project).toBeDefined();
    expect((await api.problem(stack.users.admin, 'GET', '/api/v1/repositories/no-such-repository/scans')).status).toBe(404);
    expect((await api.problem(stack.users.admin, 'GET', `/api/v1/repositories/${repo.id}/scans?limit=0`)).status).toBe(400);
    // Another organization's administrator: refused by contoso, and fabrikam has no such repository.
    expect((await api.problem(stack.users.fabrikamAdmin, 'GET', `/api/v1/repositories/${repo.id}/scans`, undefined, 'contoso')).status).toBe(401);
    expect((await api.problem(stack.users.fabrikamAdmin, 'GET', `/api/v1/repositories/${repo.id}/scans`, undefined, 'fabrikam')).status).toBe(404);
  });

  test('groups by rule and by repository add up to the list, under its filters and search, and expand to it', async () => {
    const everything = await total('');
    // Small pages: the groups page through once each.
    const byRule = await groups('&by=rule', stack.users.admin, 3);
    expect(sum(byRule)).toBe(everything);
    expect(new Set(byRule.map((g) => g.key)).size).toBe(byRule.length);
    for (const g of byRule) expect(Object.values(g.severities).reduce((a, b) => a + b, 0)).toBe(g.count);
    // The most severe groups first.
    const worst = byRule.map((g) => ['critical', 'high', 'medium', 'low', 'info'].findIndex((s) => g.severities[s as keyof typeof g.severities] > 0));
    expect(worst).toEqual([...worst].sort((a, b) => a - b));
    // A group expands to the list filtered by its key.
    const rule = byRule[0];
    expect(rule.title).toBeTruthy();
    expect(await total(`&rule=${encodeURIComponent(rule.key)}`)).toBe(rule.count);

    const byRepository = await groups('&by=repository');
    expect(sum(byRepository)).toBe(everything);
    const repo = byRepository.find((g) => g.key)!;
    expect(repo.projectName).toBeTruthy();
    expect(await total(`&repository=${repo.key}`)).toBe(repo.count);

    for (const filter of ['&severity=critical,high', '&category=secret', `&q=${encodeURIComponent(repo.name)}`, '&state=open,fixed,dismissed']) {
      expect(sum(await groups(`&by=rule${filter}`))).toBe(await total(filter));
      expect(sum(await groups(`&by=repository${filter}`))).toBe(await total(filter));
    }
  }, 120_000);

  test('groups follow the caller\'s visibility and refuse a bad grouping', async () => {
    const { dev } = stack.users;
    expect((await api.problem(dev, 'GET', '/api/v1/findings/groups?by=rule')).status).toBe(403);
    const project = stack.fakeAdo.orgs.contoso.projects[0];
    const mine = await groups(`&by=repository&project=${project.id}`, dev);
    const names = new Set(project.repos.map((r) => r.name));
    // Its repositories, and the project's own findings (posture) in the group of no repository.
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((g) => names.has(g.name) || g.key === '')).toBe(true);
    expect((await api.problem(stack.users.admin, 'GET', '/api/v1/findings/groups?by=title')).status).toBe(400);
    expect((await api.problem(stack.users.admin, 'GET', '/api/v1/findings/groups')).status).toBe(400);
    expect((await api.problem(stack.users.fabrikamAdmin, 'GET', '/api/v1/findings/groups?by=rule', undefined, 'fabrikam')).status).toBe(404);
  });

  test('a running scan shows its phase and figures on the repository list', async () => {
    const repo = repoNamed('payments-api');
    await api.ok(triggerScanResponseSchema, stack.users.admin, 'POST', '/api/v1/scans', { repositoryId: repo.id });
    // The progress is there as long as the scan runs (a small repository may finish between two reads).
    const seen = await waitFor(
      () => 'the scan to run or end',
      async () => {
        const scan = (await api.ok(scansPage, stack.users.admin, 'GET', `/api/v1/repositories/${repo.id}/scans?limit=1`)).body.items[0];
        return scan.state === 'queued' ? undefined : scan;
      },
      30_000,
      20,
    );
    if (seen.state === 'running') expect(seen.progress?.phase).toMatch(/^(downloading|unpacking|scanning|saving)$/);
    else expect(seen.progress).toBeUndefined();
    await stack.waitForScans();
  }, 60_000);
});
