// Migration 003 on a database holding today's rows (built with 001 + 002 only): every finding keeps
// its identity, state, dismissal, suppression and group; its place and secret fields move to
// location and details.
import { sql } from 'kysely';
import { databaseKinds, makeTestDatabase, type TestDatabase } from '../../test/support/databases';
import { migrate, openStore, type Store } from './db';
import { migrations } from './migrations';

const ORG = '11111111-1111-4111-8111-111111111111';
const SCAN = '22222222-2222-4222-8222-222222222222';
const id = (n: number) => `33333333-3333-4333-8333-33333333333${n}`;

const dismissal = { reason: 'used-in-tests', comment: 'fixture', expires: '2999-12-31', by: 'u1', byName: 'Ada', at: '2025-01-02T03:04:05.000Z' };
const suppression = { kind: 'inline', reason: 'vigil:ignore test data' };

interface OldFinding {
  n: number;
  repo: string;
  fingerprint: string;
  category: string;
  path: string;
  line: number;
  col: number | null;
  preview: string | null;
  secretHash: string | null;
  state: string;
  suppression?: object;
  dismissal?: object;
  groupKey: string;
  fixedAt?: string;
}

const before: OldFinding[] = [
  { n: 1, repo: 'r1', fingerprint: 'dismissed', category: 'secret', path: 'a/.env', line: 3, col: 7, preview: 'ghp_ab…yz', secretHash: 'h-d', state: 'dismissed', dismissal, groupKey: 'secret:h-d' },
  { n: 2, repo: 'r1', fingerprint: 'suppressed', category: 'code', path: 'src/x.py', line: 10, col: null, preview: null, secretHash: null, state: 'suppressed', suppression, groupKey: id(2) },
  { n: 3, repo: 'r1', fingerprint: 'fixed', category: 'dependency', path: 'package-lock.json', line: 88, col: 1, preview: null, secretHash: null, state: 'fixed', groupKey: id(3), fixedAt: '2025-02-03T04:05:06.000Z' },
  { n: 4, repo: 'r1', fingerprint: 'shared-1', category: 'secret', path: 'x.env', line: 1, col: 5, preview: 'xoxb…99', secretHash: 'h-s', state: 'open', groupKey: 'secret:h-s' },
  { n: 5, repo: 'r2', fingerprint: 'shared-2', category: 'secret', path: 'deploy/run.sh', line: 5, col: 12, preview: 'xoxb…99', secretHash: 'h-s', state: 'open', groupKey: 'secret:h-s' },
];

describe.each(databaseKinds)('migration 003 on %s', (kind) => {
  let tdb: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    tdb = await makeTestDatabase(kind);
    store = await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir, migrations: migrations.slice(0, 2) });
    const db = store.db;
    await sql`INSERT INTO organizations (org_id, name, url, instance_id, connected_by, secret_salt)
      VALUES (${ORG}, 'contoso', 'https://dev.azure.com/contoso', 'inst-1', 'u1', 'salt')`.execute(db);
    await sql`INSERT INTO repositories (org_id, repo_id, project_id, project_name, name)
      VALUES (${ORG}, 'r1', 'p1', 'Storefront', 'web'), (${ORG}, 'r2', 'p2', 'Payments', 'api')`.execute(db);
    for (const f of before) {
      await sql`INSERT INTO findings (org_id, finding_id, repo_id, fingerprint, rule_id, category, severity, severity_rank, confidence,
          title, message, path, line, col, preview, secret_hash, remediation, state, suppression, dismissal, commit_sha,
          first_seen_scan, last_seen_scan, fixed_at, group_key)
        VALUES (${ORG}, ${id(f.n)}, ${f.repo}, ${f.fingerprint}, 'RULE-1', ${f.category}, 'high', 1, 'high',
          'Title', 'Message', ${f.path}, ${f.line}, ${f.col}, ${f.preview}, ${f.secretHash}, 'Fix it', ${f.state},
          ${f.suppression ? JSON.stringify(f.suppression) : null}::jsonb, ${f.dismissal ? JSON.stringify(f.dismissal) : null}::jsonb, 'c0ffee',
          ${SCAN}, ${SCAN}, ${f.fixedAt ?? null}, ${f.groupKey})`.execute(db);
    }
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.cleanup();
  });

  test('applies only 003, and every row comes through', async () => {
    expect(await migrate(store, migrations.slice(0, 3))).toEqual(['003_every_family']);
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM findings ORDER BY finding_id`.execute(store.db)).rows;
    expect(rows).toHaveLength(before.length);
    for (const row of rows) for (const gone of ['path', 'line', 'col', 'preview', 'secret_hash']) expect(row).not.toHaveProperty(gone);

    const byFingerprint = Object.fromEntries(rows.map((r) => [r.fingerprint, r]));
    const common = { org_id: ORG, rule_id: 'RULE-1', severity: 'high', commit_sha: 'c0ffee', first_seen_scan: SCAN, last_seen_scan: SCAN, cwe: null };
    expect(byFingerprint.dismissed).toMatchObject({
      ...common,
      finding_id: id(1),
      repo_id: 'r1',
      project_id: 'p1',
      category: 'secret',
      location: { kind: 'file', path: 'a/.env', line: 3, column: 7 },
      details: { secret: { preview: 'ghp_ab…yz', hash: 'h-d' } },
      state: 'dismissed',
      dismissal,
      suppression: null,
      group_key: 'secret:h-d',
      fixed_at: null,
    });
    expect(byFingerprint.suppressed).toMatchObject({
      ...common,
      finding_id: id(2),
      project_id: 'p1',
      category: 'code',
      location: { kind: 'file', path: 'src/x.py', line: 10 },
      details: {},
      state: 'suppressed',
      suppression,
      dismissal: null,
      group_key: id(2),
    });
    expect(byFingerprint.suppressed.location).not.toHaveProperty('column');
    expect(byFingerprint.fixed).toMatchObject({
      ...common,
      finding_id: id(3),
      category: 'deps',
      location: { kind: 'file', path: 'package-lock.json', line: 88, column: 1 },
      details: {},
      state: 'fixed',
      group_key: id(3),
    });
    expect(new Date(byFingerprint.fixed.fixed_at as string).toISOString()).toBe('2025-02-03T04:05:06.000Z');
    for (const [fp, repo, project, path] of [
      ['shared-1', 'r1', 'p1', 'x.env'],
      ['shared-2', 'r2', 'p2', 'deploy/run.sh'],
    ]) {
      expect(byFingerprint[fp]).toMatchObject({
        repo_id: repo,
        project_id: project,
        group_key: 'secret:h-s',
        state: 'open',
        details: { secret: { preview: 'xoxb…99', hash: 'h-s' } },
        location: { kind: 'file', path },
      });
    }
  });

  test('afterwards a finding may belong to no repository, and results can be stored', async () => {
    await sql`UPDATE findings SET repo_id = NULL WHERE finding_id = ${id(2)}`.execute(store.db);
    const [row] = (await sql<{ repo_id: string | null; project_id: string }>`SELECT repo_id, project_id FROM findings WHERE finding_id = ${id(2)}`.execute(store.db)).rows;
    expect(row).toEqual({ repo_id: null, project_id: 'p1' });
    await sql`INSERT INTO results (org_id, result_id, source, run_id, category, rule_id, subject_key, location, outcome)
      VALUES (${ORG}, ${id(9)}, 'posture', 'run-1', 'posture', 'ADO-ORG-1', 'org', '{"kind":"ado-object","objectKind":"organization","id":"o","name":"contoso"}', 'pass')`.execute(
      store.db,
    );
    await expect(
      sql`INSERT INTO results (org_id, result_id, source, run_id, category, rule_id, subject_key, location, outcome)
        VALUES (${ORG}, ${id(8)}, 'posture', 'run-1', 'posture', 'ADO-ORG-1', 'org', '{}', 'maybe')`.execute(store.db),
    ).rejects.toThrow(/check constraint/i);
  });

  test('deleting the organization deletes its findings and results', async () => {
    await sql`DELETE FROM organizations WHERE org_id = ${ORG}`.execute(store.db);
    const [{ findings, results }] = (
      await sql<{ findings: string; results: string }>`SELECT (SELECT count(*) FROM findings) AS findings, (SELECT count(*) FROM results) AS results`.execute(store.db)
    ).rows;
    expect([Number(findings), Number(results)]).toEqual([0, 0]);
  });
});
