// A reconcile scoped to paths (an incremental scan): only the findings of the files it names are
// refreshed, fixed or added; every other finding of the repository stays exactly as it was.
import { databaseKinds } from '../../test/support/databases';
import type { Finding } from '../contract/model';
import { reconcileFindings } from './findings';
import { syncRepositories } from './repositories';
import { requestScan } from './scan-queue';
import { connectTestOrg, useTestStore } from './testdata/test-store';

const finding = (fp: string, path: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'SEC-TEST',
  title: 'Test secret',
  severity: 'critical',
  category: 'secret',
  confidence: 'high',
  message: 'A test secret',
  location: { kind: 'file', path, line: 3 },
  fingerprint: fp,
  remediation: 'Rotate it',
  details: { secret: { preview: 'ab…yz', hash: `hash-${fp}` } },
  ...extra,
});

describe.each(databaseKinds)('a reconcile scoped to paths on %s', (kind) => {
  const store = useTestStore(kind);
  let n = 0;

  async function repository() {
    const { db } = store();
    const org = await connectTestOrg(store(), `scope-${kind}-${++n}`);
    await syncRepositories(db, org.org_id, [
      { id: 'r', name: 'r', projectId: 'p1', projectName: 'P1', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null },
    ]);
    const scan = async (findings: Finding[], scope = {}) => {
      const { scanId } = await requestScan(db, org.org_id, 'r', 'manual');
      return { scanId, counts: await reconcileFindings(db, org.org_id, 'r', scanId, 'c'.repeat(40), findings, scope) };
    };
    const rows = async () =>
      Object.fromEntries(
        (await db.selectFrom('findings').select(['fingerprint', 'finding_id', 'state', 'last_seen_scan']).where('org_id', '=', org.org_id).execute()).map((r) => [
          r.fingerprint,
          { id: r.finding_id, state: r.state, lastSeen: r.last_seen_scan },
        ]),
      );
    return { scan, rows };
  }

  const everything = [
    finding('a1', 'src/a.js'),
    finding('a2', 'src/a.js'),
    finding('b1', 'src/b.js'),
    finding('c1', 'lib/c.py', { category: 'code', ruleId: 'CODE-PY-X' }),
    finding('r1', 'old/renamed.txt'),
    finding('ado', 'x', { location: { kind: 'ado-object', objectKind: 'repository', id: 'r', name: 'r' } }),
  ];

  test('answers for the named files only: one fixed, one new, the rest untouched', async () => {
    const { scan, rows } = await repository();
    const first = await scan(everything);
    expect(first.counts).toEqual({ new: 6, fixed: 0, open: 6 });
    const before = await rows();

    // src/a.js edited (a2 removed, a3 added), old/renamed.txt renamed away, src/new.js added. b1 and
    // c1 are reported too (a scanner may report outside the changed files): out of scope, ignored.
    const second = await scan([finding('a1', 'src/a.js'), finding('a3', 'src/a.js'), finding('n1', 'src/new.js'), finding('b1-moved', 'src/b.js')], {
      paths: ['src/a.js', 'src/new.js', 'old/renamed.txt'],
    });
    expect(second.counts).toEqual({ new: 2, fixed: 2, open: 6 });
    const after = await rows();
    expect(after.a1).toEqual({ ...before.a1, lastSeen: second.scanId });
    expect(after.a2).toMatchObject({ id: before.a2.id, state: 'fixed' });
    expect(after.r1).toMatchObject({ id: before.r1.id, state: 'fixed' });
    expect(after.a3).toMatchObject({ state: 'open', lastSeen: second.scanId });
    expect(after.n1).toMatchObject({ state: 'open', lastSeen: second.scanId });
    expect(after['b1-moved']).toBeUndefined();
    // Outside the paths: the same rows, not even seen again.
    for (const fp of ['b1', 'c1', 'ado']) expect(after[fp]).toEqual(before[fp]);
  });

  test('with except: a category the partial scan could not judge keeps its findings in the named files too', async () => {
    const { scan, rows } = await repository();
    await scan([finding('a1', 'src/a.js'), finding('c1', 'src/a.js', { category: 'code', ruleId: 'CODE-JS-X' })]);
    const before = await rows();
    const second = await scan([], { paths: ['src/a.js'], except: ['code'] });
    expect(second.counts).toEqual({ new: 0, fixed: 1, open: 1 });
    const after = await rows();
    expect(after.a1.state).toBe('fixed');
    expect(after.c1).toEqual(before.c1);
  });

  test('no paths at all: nothing is reconciled', async () => {
    const { scan, rows } = await repository();
    await scan(everything);
    const before = await rows();
    expect((await scan([finding('z', 'src/z.js')], { paths: [] })).counts).toEqual({ new: 0, fixed: 0, open: 6 });
    expect(await rows()).toEqual(before);
  });
});
