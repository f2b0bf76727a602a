import { databaseKinds } from '../../test/support/databases';
import { memoryAdvisoryIndex } from '../engine/deps/advisory-index';
import type { OsvRecord } from '../engine/deps/types';
import { createLogger } from '../log';
import type { Store } from '../store/db';
import { listFindings } from '../store/finding-queries';
import { reconcileFindings } from '../store/findings';
import { getInventoryMeta, replaceInventory, type InventoryPackage } from '../store/inventories';
import { syncRepositories } from '../store/repositories';
import { connectTestOrg, useTestStore } from '../store/testdata/test-store';
import { rematchInventories, rematchRepository } from './rematch-deps';
import { packageInventory, unjudgedCategories } from './scan-datasets';

const SCAN = '00000000-0000-4000-8000-0000000000a1';
const log = createLogger('silent');

const lodash: InventoryPackage = {
  ecosystem: 'npm',
  name: 'lodash',
  version: '4.17.15',
  purl: 'pkg:npm/lodash@4.17.15',
  path: 'package-lock.json',
  line: 12,
  direct: true,
  extractor: 'npm/package-lock',
};
const qs: InventoryPackage = { ...lodash, name: 'qs', version: '6.7.0', purl: 'pkg:npm/qs@6.7.0', line: 30, direct: false, dependencyPath: ['express', 'body-parser', 'qs'] };

const advisory = (id: string, name: string, fixed: string): OsvRecord => ({
  id,
  modified: '2024-01-01T00:00:00Z',
  aliases: [`CVE-${id.length}-0001`],
  summary: `${name} is vulnerable`,
  affected: [{ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }] }],
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
});

describe.each(databaseKinds)('re-matching stored inventories on %s', (kind) => {
  const openStoreOf = useTestStore(kind);
  let store: Store;
  beforeAll(() => {
    store = openStoreOf();
  });

  async function scanned(name: string) {
    const o = await connectTestOrg(store, name);
    await syncRepositories(store.db, o.org_id, [{ id: 'r', name: 'r', projectId: 'p', projectName: 'p', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null }]);
    await replaceInventory(store.db, o.org_id, 'r', { scanId: SCAN, commitSha: 'abc' }, [lodash, qs]);
    return o.org_id;
  }
  const open = async (orgId: string) =>
    (await listFindings(store.db, orgId, { categories: ['deps'], states: ['open'] }, { limit: 50, offset: 0 })).rows.map((r) => `${r.location.kind === 'package' ? r.location.name : '?'} ${r.details.extra?.advisory}`).sort();

  test('a new advisory becomes a finding, a withdrawn one is fixed, and other families stay as they were', async () => {
    const orgId = await scanned('rematch');
    // A secret found by the scan: a re-match never touches it.
    await reconcileFindings(store.db, orgId, 'r', SCAN, 'abc', [
      { ruleId: 'SEC-X', title: 't', severity: 'high', category: 'secret', confidence: 'high', message: 'm', location: { kind: 'file', path: 'a.txt', line: 1 }, fingerprint: 'secret-1', remediation: 'r' },
    ]);
    const first = memoryAdvisoryIndex([advisory('GHSA-aaaa-bbbb-cccc', 'lodash', '4.17.19')]);
    const report = await rematchInventories({ store, log }, [{ ecosystem: 'npm', name: 'lodash' }], first);
    expect(report).toMatchObject({ new: 1, fixed: 0, skipped: 0 });
    expect(report.repositories).toBeGreaterThanOrEqual(1);
    expect(await open(orgId)).toEqual(['lodash GHSA-aaaa-bbbb-cccc']);
    const [finding] = (await listFindings(store.db, orgId, { categories: ['deps'] }, { limit: 5, offset: 0 })).rows;
    // Recorded as seen by the inventory's scan, at its commit; the package's line and dependency path kept.
    expect(finding).toMatchObject({ first_seen_scan: SCAN, commit_sha: 'abc', location: { kind: 'package', path: 'package-lock.json', line: 12 } });
    expect((await getInventoryMeta(store.db, orgId, 'r'))?.matchedAt).toBeInstanceOf(Date);

    // The next sync adds one for the transitive qs and no longer has lodash's.
    const second = memoryAdvisoryIndex([advisory('GHSA-qqqq-rrrr-ssss', 'qs', '6.7.3')]);
    expect(await rematchRepository(store.db, orgId, 'r', second)).toEqual({ new: 1, fixed: 1 });
    expect(await open(orgId)).toEqual(['qs GHSA-qqqq-rrrr-ssss']);
    const [qsFinding] = (await listFindings(store.db, orgId, { categories: ['deps'], states: ['open'] }, { limit: 5, offset: 0 })).rows;
    expect(qsFinding.location).toMatchObject({ dependencyPath: ['express', 'body-parser', 'qs'] });
    expect((await listFindings(store.db, orgId, { categories: ['secret'], states: ['open'] }, { limit: 5, offset: 0 })).total).toBe(1);
  });

  test('a repository without a stored inventory, or holding none of the packages, is left alone', async () => {
    const orgId = await scanned('rematch-none');
    const index = memoryAdvisoryIndex([advisory('GHSA-zzzz-zzzz-zzzz', 'left-pad', '9.9.9')]);
    const report = await rematchInventories({ store, log }, [{ ecosystem: 'npm', name: 'left-pad' }], index);
    expect(report).toEqual({ repositories: 0, new: 0, fixed: 0, skipped: 0 });
    expect(await rematchRepository(store.db, orgId, 'unknown', index)).toBeUndefined();
    expect(await open(orgId)).toEqual([]);
  });

  test('an inventory replaced by a scan while it was matched is left to that scan', async () => {
    const orgId = await scanned('rematch-race');
    const index = memoryAdvisoryIndex([advisory('GHSA-aaaa-bbbb-cccc', 'lodash', '4.17.19')]);
    const racing = {
      ...index,
      lookup: async (packages: Parameters<typeof index.lookup>[0]) => {
        await replaceInventory(store.db, orgId, 'r', { scanId: '00000000-0000-4000-8000-0000000000a2', commitSha: 'def' }, [lodash]);
        return index.lookup(packages);
      },
    };
    expect(await rematchRepository(store.db, orgId, 'r', racing)).toBeUndefined();
    expect(await open(orgId)).toEqual([]);
  });
});

describe('unjudgedCategories', () => {
  const run = (category: 'deps' | 'secret' | 'license', status: 'ran' | 'not-run' | 'failed', code?: string) => ({
    scanner: `${category}-${status}`,
    version: '1',
    category,
    status,
    ...(code ? { reason: { code, text: code } } : {}),
    filesScanned: 0,
    filesSkipped: {},
    rulesRun: 0,
    findings: 0,
    results: { pass: 0, notApplicable: 0, notAvailable: 0 },
    warnings: 0,
    durationMs: 0,
  });
  it('names categories whose scanners lacked their dataset or failed, not those that found no file to read', () => {
    expect(unjudgedCategories([run('deps', 'not-run', 'no-dataset'), run('secret', 'ran'), run('license', 'not-run', 'no-files')])).toEqual(['deps']);
    expect(unjudgedCategories([run('secret', 'failed', 'failed')])).toEqual(['secret']);
    expect(unjudgedCategories([run('deps', 'ran'), run('deps', 'failed')])).toEqual([]);
  });
});

describe('packageInventory', () => {
  const entry = { ecosystem: 'npm', name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0', path: 'package-lock.json', extractor: 'npm/package-lock' };
  it("takes the deps scanner's package entries, else another package scanner's, never other items", () => {
    expect(packageInventory({ inventories: [{ scanner: 'licenses', items: [entry] }, { scanner: 'deps', items: [{ ...entry, name: 'b' }] }] })).toEqual([{ ...entry, name: 'b' }]);
    expect(packageInventory({ inventories: [{ scanner: 'licenses', items: [{ kind: 'package-license', name: 'a' }] }, { scanner: 'package-risk', items: [entry] }] })).toEqual([entry]);
    expect(packageInventory({ inventories: [{ scanner: 'iac', items: [entry] }] })).toEqual([]);
  });
});
