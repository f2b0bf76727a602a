// The Findings list as a console, through the whole service on the fake ADO organization: keyword
// search, sorted pages whose cursors carry the order, the CSV and SARIF export of the filtered list
// (every page, the caller's visibility, never a secret value) and bulk dismiss / reopen.
import { findingDtoSchema, pagedSchema, type FindingDto } from '../../service/contract/api';
import { BULK_MAX_IDS, bulkTriageResponseSchema } from '../../service/contract/findings-bulk-api';
import { CATEGORY_LABELS } from '../../service/contract/vocabulary';
import { databaseKinds } from '../support/databases';
import { planted } from '../support/planted';
import { startStack, type Stack, type StackUser } from '../support/stack';
import { waitFor } from '../support/wait';
import { contractApi } from './contract';

const findingsPage = pagedSchema(findingDtoSchema);
const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];
/** Parses one RFC 4180 CSV text (quoted cells, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

describe.each(databaseKinds)('the findings console on %s', (kind) => {
  let stack: Stack;
  let api: ReturnType<typeof contractApi>;

  beforeAll(async () => {
    stack = await startStack({ database: kind });
    api = contractApi(stack);
    await stack.connectAndScan();
    // Posture findings join the list when the assessment queued at connect ends: a walk through sorted
    // pages must not see the list grow under it.
    await waitFor(
      () => 'the posture assessment queued at connect to end',
      async () => ((await stack.api(stack.users.admin, 'GET', '/api/v1/posture/assessments')).body.items as { state: string }[]).some((a) => a.state !== 'running'),
      120_000,
      250,
    );
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const list = async (query: string, user = stack.users.admin) => (await api.ok(findingsPage, user, 'GET', `/api/v1/findings?limit=200${query}`)).body;
  /** Every page of a list, following nextCursor. */
  const walk = async (query: string, limit: number): Promise<FindingDto[]> => {
    const items: FindingDto[] = [];
    let cursor: string | undefined;
    do {
      const page = (await api.ok(findingsPage, stack.users.admin, 'GET', `/api/v1/findings?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`)).body;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };
  const download = async (user: StackUser, query: string) => {
    const res = await fetch(`${stack.serviceUrl}/api/v1/findings/export?${query}`, {
      headers: { Authorization: `Bearer ${stack.appToken(user)}`, 'X-Vigil-Access-Token': user.accessToken, 'X-Vigil-Org': 'contoso' },
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', text: await res.text() };
  };
  const secretValues = planted.filter((p) => p.org === 'contoso').map((p) => p.value);

  test('a keyword narrows the list to findings naming it in title, rule, path or repository', async () => {
    const all = await list('');
    const repo = all.items.find((f) => f.repositoryName)!.repositoryName!;
    const byRepo = await list(`&q=${encodeURIComponent(repo.toUpperCase())}`);
    expect(byRepo.total).toBeGreaterThan(0);
    expect(byRepo.total).toBeLessThan(all.total);
    for (const f of byRepo.items) expect(`${f.title} ${f.ruleId} ${f.locationText} ${f.repositoryName}`.toLowerCase()).toContain(repo.toLowerCase());
    const rule = all.items[0].ruleId;
    expect((await list(`&q=${encodeURIComponent(rule)}`)).items.every((f) => `${f.title} ${f.ruleId} ${f.locationText} ${f.repositoryName}`.includes(rule))).toBe(true);
    // LIKE's wildcards are plain characters here.
    expect((await list('&q=%25%25%25')).total).toBe(0);
    expect((await list('&q=_')).items.every((f) => `${f.title} ${f.ruleId} ${f.locationText} ${f.repositoryName}`.includes('_'))).toBe(true);
    const long = await api.problem(stack.users.admin, 'GET', `/api/v1/findings?q=${'x'.repeat(201)}`);
    expect(long.status).toBe(400);
    expect((await api.problem(stack.users.admin, 'GET', '/api/v1/findings?sort=title')).status).toBe(400);
  });

  test('sorted lists page through every finding once; a cursor of another order is refused', async () => {
    const total = (await list('&state=open,fixed,dismissed,suppressed')).total;
    expect(total).toBeGreaterThan(6);
    for (const query of ['&sort=severity&order=desc', '&sort=rule', '&sort=location&order=desc', '&sort=firstSeen', '&sort=lastSeen&group=credential']) {
      const items = await walk(`&state=open,fixed,dismissed,suppressed${query}`, 30);
      const grouped = query.includes('group');
      if (!grouped) expect(items).toHaveLength(total);
      expect(new Set(items.map((f) => f.id)).size).toBe(items.length);
    }
    const bySeverity = await walk('&sort=severity&order=desc', 7);
    const ranks = bySeverity.map((f) => SEVERITY_ORDER.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const rules = (await walk('&sort=rule&order=asc', 11)).map((f) => f.ruleId);
    expect(rules).toEqual([...rules].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const first = await api.ok(findingsPage, stack.users.admin, 'GET', '/api/v1/findings?limit=2&sort=severity');
    expect(first.body.nextCursor).toBeDefined();
    const other = await api.problem(stack.users.admin, 'GET', `/api/v1/findings?limit=2&sort=rule&cursor=${first.body.nextCursor}`);
    expect(other.status).toBe(400);
    expect(other.body.type).toContain('bad-cursor');
    const unsorted = await api.problem(stack.users.admin, 'GET', `/api/v1/findings?limit=2&cursor=${first.body.nextCursor}`);
    expect(unsorted.status).toBe(400);
  }, 120_000);

  test('CSV export: every finding of the filters, in the list order, as an attachment, no secret value', async () => {
    const secrets = await walk('&category=secret&sort=location', 7);
    const res = await download(stack.users.admin, 'format=csv&category=secret&sort=location');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    expect(res.disposition).toMatch(/^attachment; filename="vigil-findings-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parseCsv(res.text.replace(/^\uFEFF/, ''));
    expect(header).toEqual(expect.arrayContaining(['Severity', 'Rule', 'Title', 'Repository', 'Path', 'Masked value', 'Finding id']));
    expect(rows).toHaveLength(secrets.length);
    const id = header.indexOf('Finding id');
    expect(rows.map((r) => r[id])).toEqual(secrets.map((f) => f.id));
    const masked = header.indexOf('Masked value');
    expect(rows.every((r) => r[header.indexOf('Category')] === CATEGORY_LABELS.secret)).toBe(true);
    expect(rows.filter((r) => r[masked]).length).toBeGreaterThan(0);
    for (const value of secretValues) expect(res.text).not.toContain(value);
    // The state filter applies too: nothing dismissed yet.
    expect(parseCsv((await download(stack.users.admin, 'format=csv&state=dismissed')).text)).toHaveLength(1);
  });

  test('SARIF export: one result per finding, rule indexes into the whole log, Vigil as the tool', async () => {
    const open = await walk('', 50);
    const res = await download(stack.users.admin, 'format=sarif');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/sarif\+json/);
    expect(res.disposition).toMatch(/filename="vigil-findings-.*\.sarif"/);
    const log = JSON.parse(res.text);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('Vigil');
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.results).toHaveLength(open.length);
    expect(new Set(run.results.map((r: { properties: { findingId: string } }) => r.properties.findingId))).toEqual(new Set(open.map((f) => f.id)));
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(new Set(run.tool.driver.rules.map((d: { id: string }) => d.id)).size).toBe(run.tool.driver.rules.length);
    for (const value of secretValues) expect(res.text).not.toContain(value);
  });

  test("the export follows the caller's visibility and refuses a bad format", async () => {
    const { dev } = stack.users;
    const orgWide = await download(dev, 'format=csv');
    expect(orgWide.status).toBe(403);
    expect(orgWide.type).toMatch(/^application\/problem\+json/);
    const project = stack.fakeAdo.orgs.contoso.projects[0];
    const mine = await download(dev, `format=csv&project=${project.id}`);
    expect(mine.status).toBe(200);
    const [header, ...rows] = parseCsv(mine.text.replace(/^\uFEFF/, ''));
    expect(rows.length).toBe((await list(`&project=${project.id}`, dev)).total);
    expect(rows.every((r) => r[header.indexOf('Project')] === project.name)).toBe(true);
    expect((await download(dev, 'format=csv&project=no-such-project')).status).toBe(403);
    expect((await download(dev, 'format=csv&repository=no-such-repository')).status).toBe(404);
    expect((await download(stack.users.admin, 'format=xlsx')).status).toBe(400);
    expect((await download(stack.users.admin, '')).status).toBe(400);
  });

  test('bulk dismiss and reopen: one reason for many alerts, an answer for each id', async () => {
    const { admin, dev } = stack.users;
    const targets = (await list('&group=credential&category=secret')).items.slice(0, 3).map((f) => f.id);
    expect(targets).toHaveLength(3);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const body = { ids: [...targets, unknown, targets[0]], reason: 'false-positive', comment: 'Test fixtures' };

    expect((await api.problem(dev, 'POST', '/api/v1/findings/bulk-dismissal', body)).status).toBe(403);
    expect((await api.problem(admin, 'POST', '/api/v1/findings/bulk-dismissal', { ...body, ids: ['not-a-uuid'] })).status).toBe(400);
    expect((await api.problem(admin, 'POST', '/api/v1/findings/bulk-dismissal', { ...body, ids: [] })).status).toBe(400);
    const tooMany = Array.from({ length: BULK_MAX_IDS + 1 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect((await api.problem(admin, 'POST', '/api/v1/findings/bulk-dismissal', { ...body, ids: tooMany })).status).toBe(400);
    expect((await api.problem(admin, 'POST', '/api/v1/findings/bulk-dismissal', { ...body, reason: 'because' })).status).toBe(400);
    expect((await api.problem(admin, 'POST', '/api/v1/findings/bulk-dismissal', { ...body, expires: '2000-01-01' })).status).toBe(400);
    // Nothing changed by the refused requests.
    expect((await list('&state=dismissed')).total).toBe(0);

    const done = await api.ok(bulkTriageResponseSchema, admin, 'POST', '/api/v1/findings/bulk-dismissal', body);
    expect(done.body.changed).toBe(3);
    expect(done.body.results.map((r) => [r.id, r.outcome])).toEqual([...targets.map((id) => [id, 'dismissed']), [unknown, 'not-found']]);
    for (const id of targets) {
      const f = (await api.ok(findingDtoSchema, admin, 'GET', `/api/v1/findings/${id}`)).body;
      expect(f.state).toBe('dismissed');
      expect(f.dismissal).toMatchObject({ reason: 'false-positive', comment: 'Test fixtures' });
    }
    // Dismissing again replaces the reason.
    const again = await api.ok(bulkTriageResponseSchema, admin, 'POST', '/api/v1/findings/bulk-dismissal', { ids: targets.slice(0, 1), reason: 'used-in-tests' });
    expect(again.body.results.map((r) => r.outcome)).toEqual(['dismissed']);
    expect((await api.ok(findingDtoSchema, admin, 'GET', `/api/v1/findings/${targets[0]}`)).body.dismissal?.reason).toBe('used-in-tests');

    expect((await api.problem(dev, 'POST', '/api/v1/findings/bulk-reopen', { ids: targets })).status).toBe(403);
    const reopened = await api.ok(bulkTriageResponseSchema, admin, 'POST', '/api/v1/findings/bulk-reopen', { ids: [targets[1], unknown] });
    expect(reopened.body.results.map((r) => r.outcome)).toEqual(['reopened', 'not-found']);
    expect((await api.ok(findingDtoSchema, admin, 'GET', `/api/v1/findings/${targets[1]}`)).body.state).toBe('open');
    // Reopening again is harmless: the alert stays open, the id is not reported missing.
    const twice = await api.ok(bulkTriageResponseSchema, admin, 'POST', '/api/v1/findings/bulk-reopen', { ids: [targets[1]] });
    expect(twice.body.results[0].outcome).not.toBe('not-found');
    expect((await api.ok(findingDtoSchema, admin, 'GET', `/api/v1/findings/${targets[1]}`)).body.state).toBe('open');
    expect((await api.ok(findingDtoSchema, admin, 'GET', `/api/v1/findings/${targets[0]}`)).body.state).toBe('dismissed');
  });
});
