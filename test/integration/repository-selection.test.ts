// Repository selection through the real service, on the fake ADO (issue 14 §5): a repository the
// administrator excludes is no longer listed, its findings are deleted only once the deletion is
// confirmed, discovery and manual scans leave it alone, and choosing it again brings it back.
import { z } from 'zod';
import { pagedSchema, repositoryDtoSchema, triggerScanResponseSchema } from '../../service/contract/api';
import { confirmDeleteProblemSchema, repositorySelectionResponseSchema } from '../../service/contract/selection-api';
import { databaseKinds } from '../support/databases';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';
import { conforming } from './contract';

const SELECTION = '/api/v1/organization/repository-selection';

describe.each(databaseKinds)('repository selection through the service on %s', (kind) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ database: kind });
    await stack.connectAndScan();
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const db = () => stack.service.context.store.db;
  const orgId = async () => (await db().selectFrom('organizations').select('org_id').where('name', '=', 'contoso').executeTakeFirstOrThrow()).org_id;
  const listedNames = async () => {
    const res = await stack.api(stack.users.admin, 'GET', '/api/v1/repositories?limit=200');
    return conforming(pagedSchema(repositoryDtoSchema), res.body, 'repositories').items.map((r) => r.name);
  };
  const findingsOf = async (repoId: string) => (await stack.api(stack.users.admin, 'GET', `/api/v1/findings?repository=${repoId}&limit=1`)).body.total as number;
  const storedFindings = async (repoId: string) =>
    Number((await db().selectFrom('findings').select((eb) => eb.fn.countAll<string>().as('n')).where('repo_id', '=', repoId).executeTakeFirstOrThrow()).n);
  const scansOf = async (repoId: string) => db().selectFrom('scans').select(['scan_id', 'state']).where('repo_id', '=', repoId).execute();
  /** Asks for a discovery and waits until it has run. */
  async function discover(): Promise<void> {
    const id = await orgId();
    const before = (await db().selectFrom('organizations').select('last_discovery_at').where('org_id', '=', id).executeTakeFirstOrThrow()).last_discovery_at;
    expect((await stack.api(stack.users.admin, 'POST', '/api/v1/discover')).status).toBe(202);
    await waitFor('the discovery to run', async () => {
      const row = await db().selectFrom('organizations').select('last_discovery_at').where('org_id', '=', id).executeTakeFirstOrThrow();
      if (!row.last_discovery_at || (before && row.last_discovery_at <= before)) return false;
      const pending = await db().selectFrom('discovery_requests').select(['pending_since', 'running_trigger']).where('org_id', '=', id).executeTakeFirst();
      return !pending?.pending_since && !pending?.running_trigger;
    });
  }

  test('an excluded repository is hidden, its findings deleted only on confirmation, never scanned, and back when chosen again', async () => {
    const { admin, dev } = stack.users;
    const payments = stack.fakeAdo.orgs.contoso.repos['payments-api'];
    const editor = conforming(repositorySelectionResponseSchema, (await stack.api(admin, 'GET', SELECTION)).body, 'the selection');
    expect(editor.selection).toEqual({ mode: 'all-future' });
    expect(editor.repositories.every((r) => r.included)).toBe(true);
    expect(editor.repositories.map((r) => r.name)).toContain('payments-api');
    expect(await findingsOf(payments.id)).toBeGreaterThan(0);
    const findingsBefore = await storedFindings(payments.id);

    // Others may neither read nor change the selection.
    expect((await stack.api(dev, 'GET', SELECTION)).status).toBe(403);
    expect((await stack.api(dev, 'PUT', SELECTION, { mode: 'all' })).status).toBe(403);
    // Bad input: a clear 400, nothing changed.
    const bad = await stack.api(admin, 'PUT', SELECTION, { mode: 'selected' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/repositoryIds/);

    const others = editor.repositories.filter((r) => r.id !== payments.id).map((r) => r.id);
    const refused = await stack.api(admin, 'PUT', SELECTION, { mode: 'selected', repositoryIds: others });
    expect(refused.status).toBe(409);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    const problem = conforming(confirmDeleteProblemSchema, refused.body, 'the confirmation problem');
    expect(problem).toMatchObject({ type: 'https://vigil.dev/problems/confirm-delete', repositoriesToDelete: 1, repositories: [{ id: payments.id, name: 'payments-api' }] });
    // Unconfirmed: nothing changed.
    expect(await storedFindings(payments.id)).toBe(findingsBefore);
    expect(await listedNames()).toContain('payments-api');

    const saved = await stack.api(admin, 'PUT', SELECTION, { mode: 'selected', repositoryIds: others, confirmDelete: true });
    expect(saved.status).toBe(200);
    const after = conforming(repositorySelectionResponseSchema, saved.body, 'the saved selection');
    expect(after.deleted).toEqual({ repositories: 1, findings: findingsBefore });
    expect(after.repositories.find((r) => r.id === payments.id)).toMatchObject({ included: false });
    expect(await storedFindings(payments.id)).toBe(0);
    expect(await listedNames()).not.toContain('payments-api');
    expect(await findingsOf(payments.id)).toBe(0);

    // Never scanned: not by a manual request for it, nor for all, nor by discovery (which would
    // otherwise scan it: what was scanned of it was forgotten with its findings).
    const scansBefore = (await scansOf(payments.id)).length;
    const doneBefore = (await scansOf(payments.id)).filter((s) => s.state === 'done').length;
    const one = await stack.api(admin, 'POST', '/api/v1/scans', { repositoryId: payments.id });
    expect(one.status).toBe(409);
    expect(one.body.detail).toBe("Excluded by the organization's repository selection");
    const all = conforming(triggerScanResponseSchema, (await stack.api(admin, 'POST', '/api/v1/scans', {})).body, 'scan request');
    expect(all.scans.map((s) => s.repositoryId)).not.toContain(payments.id);
    await discover();
    expect(await scansOf(payments.id)).toHaveLength(scansBefore);

    // Chosen again: listed at once (no data to delete, so no confirmation), scanned at the next discovery.
    const back = await stack.api(admin, 'PUT', SELECTION, { mode: 'all-future' });
    expect(back.status).toBe(200);
    expect(back.body.deleted).toEqual({ repositories: 0, findings: 0 });
    expect(await listedNames()).toContain('payments-api');
    await discover();
    await waitFor('a new scan of payments-api', async () => (await scansOf(payments.id)).filter((s) => s.state === 'done').length > doneBefore && (await storedFindings(payments.id)) > 0, 90_000);
    expect(await storedFindings(payments.id)).toBe(findingsBefore);
  }, 240_000);

  test('a chosen list larger than the API default body limit is accepted', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const editor = conforming(repositorySelectionResponseSchema, (await stack.api(stack.users.admin, 'GET', SELECTION)).body, 'the selection');
    const res = await stack.api(stack.users.admin, 'PUT', SELECTION, { mode: 'selected', repositoryIds: [...editor.repositories.map((r) => r.id), ...ids] });
    expect(res.status).toBe(200);
    expect(z.array(z.string()).parse(res.body.selection.repositoryIds)).toHaveLength(editor.repositories.length + ids.length);
  });
});
