// A reconcile and a dismiss (or reopen) of the same findings on two PostgreSQL connections: whichever
// reads first holds the rows until it commits, so the other one never writes a state computed from
// what it read before. Deterministic: one side is paused right after its read (a Kysely plugin), and
// the other side is observed waiting for the row lock (pg_stat_activity) before the first resumes.
// PGlite has one session, so there is nothing to interleave there.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely, PostgresDialect, PostgresQueryCompiler, sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { Pool } from 'pg';
import { databaseKinds, makeTestDatabase, type TestDatabase } from '../../test/support/databases';
import type { Finding } from '../contract/model';
import { openStore, type Store } from './db';
import { dismissFindingGroup, reconcileFindings, reopenFindingGroup } from './findings';
import { syncRepositories } from './repositories';
import { requestScan } from './scan-queue';
import type { Database } from './schema';
import { connectTestOrg } from './testdata/test-store';

const finding = (fp: string): Finding => ({
  ruleId: 'SEC-TEST',
  title: 'Test secret',
  severity: 'critical',
  category: 'secret',
  confidence: 'high',
  message: 'A test secret',
  location: { kind: 'file', path: 'src/app.js', line: 1 },
  fingerprint: fp,
  remediation: 'Rotate it',
});

/**
 * Holds the first query of its Kysely whose SQL matches `read` after it ran (with the row locks it
 * took) until released.
 */
function pauseAfter(read: RegExp): { plugin: KyselyPlugin; reached: Promise<void>; release: () => void } {
  const compiler = new PostgresQueryCompiler();
  const marked = new WeakSet<object>();
  let used = false;
  let reach!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
      if (read.test(compiler.compileQuery(node, queryId).sql)) marked.add(queryId);
      return node;
    },
    async transformResult({ queryId, result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      if (!used && marked.has(queryId)) {
        used = true;
        reach();
        await released;
      }
      return result;
    },
  };
  return { plugin, reached, release };
}

/** The reconcile's read of the repository's stored findings. */
const RECONCILE_READ = /^select "finding_id", "fingerprint", "state", "dismissal", "group_key", "category"(, location->>'path' as "path")? from "findings"/;
/** A dismiss's or reopen's read of the alert's locations. */
const ALERT_READ = /^select "finding_id", "state", "dismissal", "suppression" from "findings" where "org_id" = \$1 and "group_key" = \(select/;

const maybe = databaseKinds.includes('postgres') ? describe : describe.skip;

maybe('findings under concurrent writers (PostgreSQL)', () => {
  let tdb: TestDatabase;
  let store: Store;
  /** A second pool, named so that its sessions can be seen waiting for a lock. */
  let other: Kysely<Database>;
  const appName = `vigil-locks-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    tdb = await makeTestDatabase('postgres');
    store = await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
    other = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: tdb.databaseUrl, application_name: appName, max: 2 }) }) });
  });
  afterAll(async () => {
    await other?.destroy();
    await store?.close();
    await tdb?.cleanup();
  });

  /** 'waiting' once a session of the second pool waits for a lock, 'done' if `work` settles first. */
  async function waitsForLock(work: Promise<unknown>): Promise<'waiting' | 'done'> {
    let settled = false;
    const done = work.then(
      () => 'done' as const,
      () => 'done' as const,
    );
    void done.then(() => (settled = true));
    const waiting = (async () => {
      while (!settled) {
        const { rows } = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${appName} AND wait_event_type = 'Lock'`.execute(store.db);
        if (rows[0].n > 0) return 'waiting' as const;
        await sleep(10);
      }
      return 'done' as const;
    })();
    return Promise.race([done, waiting]);
  }

  async function setUp(name: string) {
    const org = await connectTestOrg(store, name);
    await syncRepositories(store.db, org.org_id, [
      { id: 'r', name: 'r', projectId: 'p1', projectName: 'P1', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null },
    ]);
    const scan = async () => (await requestScan(store.db, org.org_id, 'r', 'manual')).scanId;
    await reconcileFindings(store.db, org.org_id, 'r', await scan(), 'c1', [finding('fp1')]);
    const row = await store.db.selectFrom('findings').select('finding_id').where('org_id', '=', org.org_id).executeTakeFirstOrThrow();
    const stored = () =>
      store.db.selectFrom('findings').select(['state', 'dismissal']).where('org_id', '=', org.org_id).where('finding_id', '=', row.finding_id).executeTakeFirstOrThrow();
    return { orgId: org.org_id, findingId: row.finding_id, scan, stored };
  }

  const dismissal = { reason: 'used-in-tests' as const, by: 'u1', at: '2024-01-01T00:00:00Z' };

  test('a dismissal committed while a rescan runs holds: the rescan waits for it, then keeps it', async () => {
    const { orgId, findingId, scan, stored } = await setUp('locks-dismiss');
    const gate = pauseAfter(RECONCILE_READ);
    const reconciling = reconcileFindings(store.db.withPlugin(gate.plugin), orgId, 'r', await scan(), 'c2', [finding('fp1')]);
    await gate.reached; // the rescan has read the finding as open
    const dismissing = dismissFindingGroup(other, orgId, findingId, dismissal);
    const first = await waitsForLock(dismissing);
    gate.release();
    await Promise.all([reconciling, dismissing]);
    expect(await stored()).toEqual({ state: 'dismissed', dismissal: expect.objectContaining({ reason: 'used-in-tests' }) });
    expect(first).toBe('waiting');
  });

  test('a reopen committed while a rescan runs holds: no dismissed finding without a dismissal', async () => {
    const { orgId, findingId, scan, stored } = await setUp('locks-reopen');
    await dismissFindingGroup(store.db, orgId, findingId, dismissal);
    const gate = pauseAfter(RECONCILE_READ);
    const reconciling = reconcileFindings(store.db.withPlugin(gate.plugin), orgId, 'r', await scan(), 'c2', [finding('fp1')]);
    await gate.reached; // the rescan has read the finding as dismissed
    const reopening = reopenFindingGroup(other, orgId, findingId);
    const first = await waitsForLock(reopening);
    gate.release();
    await Promise.all([reconciling, reopening]);
    expect(await stored()).toEqual({ state: 'open', dismissal: null });
    expect(first).toBe('waiting');
  });

  test('a rescan marking a finding fixed while it is dismissed waits for the dismissal: the finding stays fixed', async () => {
    const { orgId, findingId, scan, stored } = await setUp('locks-fixed');
    const gate = pauseAfter(ALERT_READ);
    const dismissing = dismissFindingGroup(store.db.withPlugin(gate.plugin), orgId, findingId, dismissal);
    await gate.reached; // the dismissal has read the finding as open
    const reconciling = reconcileFindings(other, orgId, 'r', await scan(), 'c2', []);
    const first = await waitsForLock(reconciling);
    gate.release();
    const [, counts] = await Promise.all([dismissing, reconciling]);
    expect(counts).toMatchObject({ fixed: 1, open: 0 });
    // Gone from the default branch: fixed, the dismissal kept for the record.
    expect(await stored()).toEqual({ state: 'fixed', dismissal: expect.objectContaining({ reason: 'used-in-tests' }) });
    expect(first).toBe('waiting');
  });
});
