import { sql } from 'kysely';
import { databaseKinds } from '../../test/support/databases';
import type { Finding } from '../contract/model';
import type { Store } from './db';
import { reconcileFindings } from './findings';
import { getInventoryMeta, listDependencies, loadInventory, repositoriesHolding, replaceInventory, type InventoryPackage } from './inventories';
import { getStoredLicensePolicy, setLicensePolicy } from './license-policy';
import { syncRepositories } from './repositories';
import { connectTestOrg, useTestStore } from './testdata/test-store';

const pkg = (name: string, version: string, extra: Partial<InventoryPackage> = {}): InventoryPackage => ({
  ecosystem: 'npm',
  name,
  version,
  purl: `pkg:npm/${name}@${version}`,
  path: 'package-lock.json',
  line: 10,
  direct: true,
  extractor: 'npm/package-lock',
  ...extra,
});

const vulnerable = (name: string, version: string, advisory: string, severity: Finding['severity'] = 'high'): Finding => ({
  ruleId: 'DEP-VULNERABLE-PACKAGE',
  title: `${name}@${version}`,
  severity,
  category: 'deps',
  confidence: 'high',
  message: `${name} ${version} is affected by ${advisory}`,
  location: { kind: 'package', path: 'package-lock.json', line: 10, ecosystem: 'npm', name, version },
  fingerprint: `${advisory}-${name}`,
  details: { extra: { advisory, aliases: [], summary: '', fixedVersions: ['9.9.9'], references: [], direct: true } },
  remediation: 'Upgrade',
});

const page = { limit: 50, offset: 0 };

describe.each(databaseKinds)('package inventories on %s', (kind) => {
  const openStoreOf = useTestStore(kind);
  let store: Store;
  beforeAll(() => {
    store = openStoreOf();
  });

  async function org(name: string) {
    const o = await connectTestOrg(store, name);
    const repo = (id: string) => ({ id, name: id, projectId: 'p1', projectName: 'p1', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null });
    await syncRepositories(store.db, o.org_id, [repo('a'), repo('b')]);
    return o.org_id;
  }

  test('a scan replaces the inventory whole; the entries come back as stored, in order', async () => {
    const orgId = await org('replace');
    const first = [pkg('lodash', '4.17.20', { dependencyPath: ['lodash'], dependsOn: ['pkg:npm/x@1.0.0'], license: 'MIT' }), pkg('minimist', '1.2.0', { direct: false, scope: 'dev', line: undefined })];
    await replaceInventory(store.db, orgId, 'a', { scanId: '00000000-0000-4000-8000-000000000001', commitSha: 'c1' }, first);
    expect(await loadInventory(store.db, orgId, 'a')).toEqual(first);
    expect(await getInventoryMeta(store.db, orgId, 'a')).toMatchObject({ scanId: '00000000-0000-4000-8000-000000000001', commitSha: 'c1', packageCount: 2 });

    const second = [pkg('express', '4.17.1')];
    await replaceInventory(store.db, orgId, 'a', { scanId: '00000000-0000-4000-8000-000000000002', commitSha: 'c2' }, second);
    expect(await loadInventory(store.db, orgId, 'a')).toEqual(second);
    expect((await getInventoryMeta(store.db, orgId, 'a'))?.packageCount).toBe(1);
  });

  test("an entry without a license takes the registry's when asked", async () => {
    const orgId = await org('registry');
    await replaceInventory(store.db, orgId, 'a', { scanId: '00000000-0000-4000-8000-000000000008' }, [pkg('left-pad', '1.3.0'), pkg('lodash', '4.17.15', { license: 'MIT' })]);
    await sql`INSERT INTO package_metadata (ecosystem, name, version, metadata, expires_at) VALUES
      ('npm', 'left-pad', '1.3.0', '{"license":"WTFPL"}'::jsonb, now() + interval '1 day'),
      ('npm', 'lodash', '4.17.15', '{"license":"CC0-1.0"}'::jsonb, now() + interval '1 day')`.execute(store.db);
    expect((await loadInventory(store.db, orgId, 'a')).map((p) => p.license)).toEqual([undefined, 'MIT']);
    expect((await loadInventory(store.db, orgId, 'a', { registryLicenses: true })).map((p) => p.license)).toEqual(['WTFPL', 'MIT']);
    expect((await listDependencies(store.db, orgId, 'a', {}, page)).rows.map((r) => r.resolvedLicense)).toEqual(['WTFPL', 'MIT']);
  });

  test('large inventories are written in batches', async () => {
    const orgId = await org('batches');
    const many = Array.from({ length: 4500 }, (_, i) => pkg(`p${i}`, '1.0.0', { line: i + 1 }));
    await replaceInventory(store.db, orgId, 'a', { scanId: '00000000-0000-4000-8000-000000000003' }, many);
    const back = await loadInventory(store.db, orgId, 'a');
    expect(back).toHaveLength(4500);
    expect(back[4499]).toEqual(many[4499]);
  });

  test('the Dependencies view: open advisories per package, filters, search, paging', async () => {
    const orgId = await org('view');
    await replaceInventory(store.db, orgId, 'a', { scanId: '00000000-0000-4000-8000-000000000004' }, [
      pkg('lodash', '4.17.20'),
      pkg('minimist', '1.2.0', { direct: false }),
      pkg('requests', '2.19.0', { ecosystem: 'PyPI', path: 'requirements.txt', purl: 'pkg:pypi/requests@2.19.0' }),
    ]);
    await reconcileFindings(store.db, orgId, 'a', '00000000-0000-4000-8000-000000000004', 'c', [
      vulnerable('lodash', '4.17.20', 'GHSA-1', 'high'),
      vulnerable('lodash', '4.17.20', 'GHSA-2', 'critical'),
    ]);
    const all = await listDependencies(store.db, orgId, 'a', {}, page);
    expect(all.total).toBe(3);
    // Most severe first.
    expect(all.rows.map((r) => [r.name, r.advisories, r.worstRank])).toEqual([
      ['lodash', 2, 0],
      ['minimist', 0, undefined],
      ['requests', 0, undefined],
    ]);
    const names = async (filters: Parameters<typeof listDependencies>[3]) => (await listDependencies(store.db, orgId, 'a', filters, page)).rows.map((r) => r.name);
    expect(await names({ hasAdvisory: true })).toEqual(['lodash']);
    expect(await names({ hasAdvisory: false })).toEqual(['minimist', 'requests']);
    expect(await names({ direct: false })).toEqual(['minimist']);
    expect(await names({ ecosystems: ['PyPI'] })).toEqual(['requests']);
    expect(await names({ search: 'MINI' })).toEqual(['minimist']);
    const second = await listDependencies(store.db, orgId, 'a', {}, { limit: 1, offset: 1 });
    expect(second).toMatchObject({ total: 3, rows: [{ name: 'minimist' }] });
    // Another repository, another organization: nothing of this one.
    expect((await listDependencies(store.db, orgId, 'b', {}, page)).total).toBe(0);
    const other = await org('view-other');
    expect((await listDependencies(store.db, other, 'a', {}, page)).total).toBe(0);
  });

  test('repositories holding a package, across organizations', async () => {
    const one = await org('holding-1');
    const two = await org('holding-2');
    await replaceInventory(store.db, one, 'a', { scanId: '00000000-0000-4000-8000-000000000005' }, [pkg('left-pad', '1.0.0')]);
    await replaceInventory(store.db, two, 'b', { scanId: '00000000-0000-4000-8000-000000000006' }, [pkg('left-pad', '1.1.0'), pkg('other', '1.0.0')]);
    const found = await repositoriesHolding(store.db, [{ ecosystem: 'npm', name: 'left-pad' }, { ecosystem: 'PyPI', name: 'left-pad' }]);
    expect(found.filter((r) => r.orgId === one || r.orgId === two).sort((x, y) => x.repoId.localeCompare(y.repoId))).toEqual([
      { orgId: one, repoId: 'a' },
      { orgId: two, repoId: 'b' },
    ]);
    expect(await repositoriesHolding(store.db, [])).toEqual([]);
  });

  test('a license policy is stored per organization; null goes back to the default', async () => {
    const orgId = await org('policy');
    expect(await getStoredLicensePolicy(store.db, orgId)).toBeNull();
    const policy = { mode: 'deny' as const, deny: ['AGPL-3.0-only'], severity: 'high' as const };
    expect(await setLicensePolicy(store.db, orgId, policy)).toBe(true);
    expect(await getStoredLicensePolicy(store.db, orgId)).toEqual(policy);
    expect(await getStoredLicensePolicy(store.db, await org('policy-other'))).toBeNull();
    await setLicensePolicy(store.db, orgId, null);
    expect(await getStoredLicensePolicy(store.db, orgId)).toBeNull();
    expect(await getStoredLicensePolicy(store.db, '00000000-0000-4000-8000-00000000dead')).toBeUndefined();
  });

  test('a reconcile scoped to a category leaves the others alone', async () => {
    const orgId = await org('scoped');
    const secret: Finding = { ...vulnerable('x', '1', 'S'), ruleId: 'SEC-X', category: 'secret', fingerprint: 'secret-1', location: { kind: 'file', path: 'a.txt', line: 1 } };
    await reconcileFindings(store.db, orgId, 'a', '00000000-0000-4000-8000-000000000007', 'c', [secret, vulnerable('lodash', '4.17.20', 'GHSA-1')]);
    // A re-match with no deps findings fixes the deps one only.
    expect(await reconcileFindings(store.db, orgId, 'a', '00000000-0000-4000-8000-000000000007', 'c', [], { only: ['deps'] })).toEqual({ new: 0, fixed: 1, open: 1 });
    // A scan whose deps scanner could not judge keeps deps findings and reconciles the rest.
    await reconcileFindings(store.db, orgId, 'a', '00000000-0000-4000-8000-000000000007', 'c', [secret, vulnerable('lodash', '4.17.20', 'GHSA-3')], { only: ['deps'] });
    expect(await reconcileFindings(store.db, orgId, 'a', '00000000-0000-4000-8000-000000000007', 'c', [secret], { except: ['deps'] })).toEqual({ new: 0, fixed: 0, open: 2 });
  });
});
