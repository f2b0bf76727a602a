// The findings list at scale (issue 21): groups in the default order are read from the findings' own
// order (an index) until enough groups are met, in the order of their representatives, pages neither
// skipping nor repeating a group; small totals are exact at every request.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { databaseKinds } from '../../test/support/databases';
import { listFindingGroups, listFindings } from './finding-queries';
import { syncRepositories } from './repositories';
import { connectTestOrg, useTestStore } from './testdata/test-store';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

describe.each(databaseKinds)('findings at scale on %s', (kind) => {
  const store = useTestStore(kind);
  let n = 0;

  /** `groups` alerts of `perGroup` locations each, severities and dates spread; group 7 has a live location. */
  async function organization(groups: number, perGroup: number) {
    const { db } = store();
    const org = await connectTestOrg(store(), `scale-${kind}-${++n}`);
    await syncRepositories(db, org.org_id, [
      { id: 'ra', name: 'alpha', projectId: 'p1', projectName: 'P1', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null },
    ]);
    const rows = [];
    const scan = randomUUID();
    for (let g = 0; g < groups; g++) {
      for (let l = 0; l < perGroup; l++) {
        const rank = 1 + ((g * 3 + l) % 5);
        const live = g === 7 && l === perGroup - 1;
        rows.push({
          org_id: org.org_id,
          finding_id: randomUUID(),
          repo_id: 'ra',
          project_id: 'p1',
          fingerprint: `fp-${g}-${l}`,
          group_key: `group-${g}`,
          rule_id: 'SEC-TEST',
          category: 'secret',
          severity: SEVERITIES[rank - 1],
          severity_rank: rank,
          confidence: 'high',
          title: `Secret ${g}`,
          message: 'A test secret',
          location: JSON.stringify({ kind: 'file', path: `src/${g}/${l}.js`, line: 1 }),
          remediation: 'Rotate it',
          state: 'open',
          first_seen_scan: scan,
          last_seen_scan: scan,
          last_seen_at: new Date(Date.UTC(2026, 0, 1, 0, (g * 7 + l * 13) % 600)),
          ...(live ? { verification: 'verified', verified_at: new Date(), verification_provider: 'github' } : {}),
        });
      }
    }
    for (let i = 0; i < rows.length; i += 100) await db.insertInto('findings').values(rows.slice(i, i + 100) as never).execute();
    return { db, orgId: org.org_id, rows };
  }

  test('groups in the default order: in the order of their representatives, paged without a skip or a repeat', async () => {
    // 300 locations in 30 groups: more rows than the first read of the default order takes (200).
    const { db, orgId, rows } = await organization(30, 10);
    const key = (r: (typeof rows)[number]) => [r.verification === 'verified' ? 0 : 1, r.severity_rank, -r.last_seen_at.getTime(), r.finding_id] as const;
    const sorted = [...rows].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
      return 0;
    });
    const expected = [...new Set(sorted.map((r) => r.group_key))];
    expect(expected[0]).toBe('group-7'); // the live one first

    const seen: string[] = [];
    for (let offset = 0; offset < 35; offset += 7) {
      const { groups, total } = await listFindingGroups(db, orgId, { states: ['open'] }, { limit: 7, offset });
      expect(total).toBe(30);
      seen.push(...groups.map((g) => g.representative.group_key));
      for (const g of groups) expect(g.locations).toHaveLength(10);
    }
    expect(seen).toEqual(expected);
  });

  test('small totals are exact at every request: a change shows at once', async () => {
    const { db, orgId } = await organization(12, 2);
    expect((await listFindings(db, orgId, { states: ['open'] }, { limit: 5, offset: 0 })).total).toBe(24);
    expect((await listFindingGroups(db, orgId, { states: ['open'] }, { limit: 5, offset: 0 })).total).toBe(12);
    await sql`UPDATE findings SET state = 'fixed', fixed_at = now() WHERE org_id = ${orgId} AND group_key = 'group-3'`.execute(db);
    expect((await listFindings(db, orgId, { states: ['open'] }, { limit: 5, offset: 0 })).total).toBe(22);
    expect((await listFindingGroups(db, orgId, { states: ['open'] }, { limit: 5, offset: 0 })).total).toBe(11);
  });
});
