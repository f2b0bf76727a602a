import { randomUUID } from 'node:crypto';
import { databaseKinds } from '../../test/support/databases';
import type { Finding } from '../contract/model';
import type { RepositorySelection } from '../contract/selection-api';
import type { Store } from './db';
import { listFindings } from './finding-queries';
import { reconcileFindings } from './findings';
import { getInventoryMeta, replaceInventory } from './inventories';
import { overviewFigures } from './overview';
import { countRepositories, listRepositories, scannableRepositories, syncRepositories, type DiscoveredRepository } from './repositories';
import { changeRepositorySelection, getRepositorySelection, isRepositoryExcluded, selectableRepositories } from './repository-selection';
import { requestScan } from './scan-queue';
import { connectTestOrg, useTestStore } from './testdata/test-store';

const repo = (id: string, projectId = 'p1'): DiscoveredRepository => ({
  id,
  name: `repo-${id}`,
  projectId,
  projectName: `project-${projectId}`,
  defaultBranch: 'refs/heads/main',
  isDisabled: false,
  isFork: false,
  skipReason: null,
});

const secret = (fp: string): Finding => ({
  ruleId: 'SEC-TEST',
  title: 'Test secret',
  severity: 'high',
  category: 'secret',
  confidence: 'high',
  message: 'A test secret',
  location: { kind: 'file', path: 'app.env', line: 1 },
  fingerprint: fp,
  remediation: 'Rotate it',
});

const page = { limit: 100, offset: 0 };

describe.each(databaseKinds)('repository selection on %s', (kind) => {
  const openStoreOf = useTestStore(kind);
  let store: Store;
  beforeAll(() => {
    store = openStoreOf();
  });

  async function org(name: string, repos: DiscoveredRepository[]): Promise<string> {
    const o = await connectTestOrg(store, name);
    await syncRepositories(store.db, o.org_id, repos);
    return o.org_id;
  }

  const listed = async (orgId: string) => (await listRepositories(store.db, orgId, page)).rows.map((r) => r.repo_id).sort();
  const scannable = async (orgId: string) => (await scannableRepositories(store.db, orgId)).map((r) => r.repo_id).sort();
  const save = (orgId: string, selection: RepositorySelection, confirmDelete = false) => changeRepositorySelection(store.db, orgId, selection, { confirmDelete });
  async function scanWithFinding(orgId: string, repoId: string): Promise<void> {
    const { scanId } = await requestScan(store.db, orgId, repoId, 'manual');
    await reconcileFindings(store.db, orgId, repoId, scanId, 'c1', [secret(`fp-${repoId}`)]);
  }

  test('the default is every repository, including ones discovered later', async () => {
    const orgId = await org('future', [repo('a'), repo('b')]);
    expect(await getRepositorySelection(store.db, orgId)).toEqual({ mode: 'all-future' });
    await syncRepositories(store.db, orgId, [repo('a'), repo('b'), repo('c')]);
    expect(await listed(orgId)).toEqual(['a', 'b', 'c']);
    expect(await scannable(orgId)).toEqual(['a', 'b', 'c']);
    expect(await countRepositories(store.db, orgId)).toBe(3);
  });

  test("'all' keeps the repositories known when it was chosen: a new one waits until it is chosen", async () => {
    const orgId = await org('all', [repo('a'), repo('b')]);
    const saved = await save(orgId, { mode: 'all' });
    expect(saved).toMatchObject({ outcome: 'saved', selection: { mode: 'all', repositoryIds: ['a', 'b'] } });
    await syncRepositories(store.db, orgId, [repo('a'), repo('b'), repo('c')]);
    expect(await listed(orgId)).toEqual(['a', 'b']);
    expect(await scannable(orgId)).toEqual(['a', 'b']);
    expect(await isRepositoryExcluded(store.db, orgId, 'c')).toBe(true);
    expect((await selectableRepositories(store.db, orgId)).map((r) => [r.id, r.included])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
    ]);
    // Saving 'all' again (a project filter changed, say) keeps the list; choosing the mode anew takes c.
    expect(await save(orgId, { mode: 'all', excludeProjects: ['p9'] })).toMatchObject({ selection: { repositoryIds: ['a', 'b'] } });
    await save(orgId, { mode: 'all-future' });
    expect(await save(orgId, { mode: 'all' })).toMatchObject({ selection: { repositoryIds: ['a', 'b', 'c'] } });
    expect(await listed(orgId)).toEqual(['a', 'b', 'c']);
  });

  test("'selected' scans only the chosen repositories; projects include and exclude on top of any mode", async () => {
    const orgId = await org('chosen', [repo('a', 'p1'), repo('b', 'p1'), repo('c', 'p2'), repo('d', 'p3')]);
    await save(orgId, { mode: 'selected', repositoryIds: ['a', 'c', 'c'] });
    expect(await getRepositorySelection(store.db, orgId)).toEqual({ mode: 'selected', repositoryIds: ['a', 'c'] });
    expect(await listed(orgId)).toEqual(['a', 'c']);
    await save(orgId, { mode: 'selected', repositoryIds: ['a', 'c'], excludeProjects: ['p2'] });
    expect(await listed(orgId)).toEqual(['a']);
    await save(orgId, { mode: 'all-future', includeProjects: ['p1', 'p2'] });
    expect(await listed(orgId)).toEqual(['a', 'b', 'c']);
    await save(orgId, { mode: 'all-future', includeProjects: ['p1', 'p2'], excludeProjects: ['p1'] });
    expect(await listed(orgId)).toEqual(['c']);
    expect(await countRepositories(store.db, orgId, { projectIds: ['p1', 'p2', 'p3'] })).toBe(1);
    await save(orgId, { mode: 'all-future', includeProjects: [], excludeProjects: [] });
    expect(await getRepositorySelection(store.db, orgId)).toEqual({ mode: 'all-future' });
    expect(await listed(orgId)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('findings of excluded repositories are hidden at once and come back with the repository', async () => {
    const orgId = await org('hidden', [repo('a'), repo('b')]);
    await scanWithFinding(orgId, 'a');
    const open = async () => (await listFindings(store.db, orgId, { states: ['open'] }, page)).rows.map((f) => f.repo_id);
    expect(await open()).toEqual(['a']);
    // No stored data in b: excluding it needs no confirmation, and a's findings stay.
    expect(await save(orgId, { mode: 'selected', repositoryIds: ['a'] })).toMatchObject({ outcome: 'saved', deleted: { repositories: 0, findings: 0 } });
    expect(await open()).toEqual(['a']);
    const overview = await overviewFigures(store.db, orgId, { days: 7 });
    expect(overview.repositories.total).toBe(1);
    expect(overview.open.reduce((n, o) => n + o.n, 0)).toBe(1);
  });

  test('excluding a repository with findings needs a confirmation; with it, its findings and inventory are deleted in one go', async () => {
    const orgId = await org('delete', [repo('a'), repo('b'), repo('c', 'p2')]);
    await scanWithFinding(orgId, 'a');
    await scanWithFinding(orgId, 'b');
    await replaceInventory(store.db, orgId, 'b', { scanId: randomUUID(), commitSha: 'c1' }, [
      { ecosystem: 'npm', name: 'left-pad', version: '1.0.0', purl: 'pkg:npm/left-pad@1.0.0', path: 'package-lock.json', extractor: 'npm/package-lock' },
    ]);

    const refused = await save(orgId, { mode: 'all-future', excludeProjects: ['p1'] });
    expect(refused).toEqual({
      outcome: 'needs-confirmation',
      repositories: [
        { id: 'a', name: 'repo-a', projectName: 'project-p1' },
        { id: 'b', name: 'repo-b', projectName: 'project-p1' },
      ],
    });
    // Nothing changed.
    expect(await getRepositorySelection(store.db, orgId)).toEqual({ mode: 'all-future' });
    expect(await listed(orgId)).toEqual(['a', 'b', 'c']);
    expect((await listFindings(store.db, orgId, {}, page)).total).toBe(2);

    const done = await save(orgId, { mode: 'all-future', excludeProjects: ['p1'] }, true);
    expect(done).toMatchObject({ outcome: 'saved', deleted: { repositories: 2, findings: 2 } });
    expect(await listed(orgId)).toEqual(['c']);
    expect(await getInventoryMeta(store.db, orgId, 'b')).toBeUndefined();
    const left = await store.db.selectFrom('findings').select('repo_id').where('org_id', '=', orgId).execute();
    expect(left).toEqual([]);
    // Chosen again, the repositories are listed at once, and the next discovery scans them whole.
    await save(orgId, { mode: 'all-future' });
    expect(await listed(orgId)).toEqual(['a', 'b', 'c']);
    const rows = await store.db.selectFrom('repositories').select(['repo_id', 'head_sha']).where('org_id', '=', orgId).where('repo_id', 'in', ['a', 'b']).execute();
    expect(rows.every((r) => r.head_sha === null)).toBe(true);
  });

  test('a scan waiting for an excluded repository is withdrawn', async () => {
    const orgId = await org('withdrawn', [repo('a'), repo('b')]);
    const { scanId } = await requestScan(store.db, orgId, 'b', 'discovery');
    await save(orgId, { mode: 'selected', repositoryIds: ['a'] });
    const scan = await store.db.selectFrom('scans').selectAll().where('org_id', '=', orgId).where('scan_id', '=', scanId).executeTakeFirstOrThrow();
    expect(scan.state).toBe('failed');
    expect(scan.error).toMatch(/excluded by the organization's repository selection/);
    const request = await store.db.selectFrom('scan_requests').selectAll().where('org_id', '=', orgId).where('repo_id', '=', 'b').executeTakeFirstOrThrow();
    expect(request.pending_scan_id).toBeNull();
  });

  test("one organization's selection never changes what another one sees", async () => {
    const a = await org('iso-a', [repo('x'), repo('y')]);
    const b = await org('iso-b', [repo('x'), repo('y')]);
    await save(a, { mode: 'selected', repositoryIds: ['x'] });
    expect(await listed(a)).toEqual(['x']);
    expect(await listed(b)).toEqual(['x', 'y']);
    expect(await isRepositoryExcluded(store.db, b, 'y')).toBe(false);
    // A repository not stored yet (a push before discovery) is not excluded here.
    expect(await isRepositoryExcluded(store.db, a, 'unknown')).toBe(false);
  });
});
