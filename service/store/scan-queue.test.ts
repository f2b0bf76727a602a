// The scan queue's rules, on PGlite and (with TEST_DATABASE_URL) PostgreSQL: one running and one
// pending request per repository, a busy repository never blocks another, fair share and a cap per
// organization, leases that lapse and are reaped, and the claim as the only right to settle a scan.
import { sql } from 'kysely';
import { databaseKinds, makeTestDatabase, type TestDatabase } from '../../test/support/databases';
import { openStore, type Store } from './db';
import { requestDiscovery } from './discovery-queue';
import { holdLease, listenForQueuedWork, queueChannelOf, renewLeases } from './lease';
import { syncRepositories, type DiscoveredRepository } from './repositories';
import { recordScanCommit } from './scans';
import {
  claimNextScan,
  completeClaim,
  interruptClaim,
  reapClaims,
  requestScan,
  type ClaimOptions,
  type ScanClaim,
} from './scan-queue';
import { connectTestOrg } from './testdata/test-store';

const repo = (id: string): DiscoveredRepository => ({
  id,
  name: `repo-${id}`,
  projectId: 'p1',
  projectName: 'Project',
  defaultBranch: 'refs/heads/main',
  isDisabled: false,
  isFork: false,
  skipReason: null,
});

const opts = (extra: Partial<ClaimOptions> = {}): ClaimOptions => ({ workerId: 'test/1/abcd0123', leaseSeconds: 60, maxPerOrg: 100, ...extra });
const interrupt = { maxInterruptions: 3 };
const REAPED = 'Interrupted: lease lapsed in a test';

describe.each(databaseKinds)('scan queue on %s', (kind) => {
  let tdb: TestDatabase;
  let store: Store;
  let n = 0;
  beforeAll(async () => {
    tdb = await makeTestDatabase(kind);
    store = await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
  });
  afterAll(async () => {
    await store?.close();
    await tdb?.cleanup();
  });
  // Every test works in its own organizations; claims of earlier tests are completed at their end.
  const org = async (repos: number) => {
    const o = await connectTestOrg(store, `q${kind}${++n}`);
    const ids = Array.from({ length: repos }, (_, i) => `r${i}`);
    await syncRepositories(store.db, o.org_id, ids.map(repo));
    return { orgId: o.org_id, ids };
  };
  const claimsOf = async (count: number, o: Partial<ClaimOptions> = {}) => {
    const out: ScanClaim[] = [];
    for (let i = 0; i < count; i++) {
      const c = await claimNextScan(store.db, opts(o));
      if (c) out.push(c);
    }
    return out;
  };
  const drain = async (claims: ScanClaim[]) => {
    for (const c of claims) await completeClaim(store.db, c);
  };
  /** Claims everything claimable (other tests' leftovers included) so that each test starts from an empty queue. */
  const emptyQueue = async () => {
    for (;;) {
      const c = await claimNextScan(store.db, opts());
      if (!c) break;
      await completeClaim(store.db, c);
    }
  };
  const scanRow = (orgId: string, scanId: string) => store.db.selectFrom('scans').selectAll().where('org_id', '=', orgId).where('scan_id', '=', scanId).executeTakeFirstOrThrow();
  const repoRow = (orgId: string, repoId: string) => store.db.selectFrom('repositories').selectAll().where('org_id', '=', orgId).where('repo_id', '=', repoId).executeTakeFirstOrThrow();
  const lapse = (token: string) => sql`UPDATE scan_requests SET lease_until = now() - interval '1 second' WHERE claim_token = ${token}`.execute(store.db);

  beforeEach(emptyQueue);

  test('requests coalesce: one pending scan per repository, the repository shows it queued', async () => {
    const { orgId } = await org(1);
    const first = await requestScan(store.db, orgId, 'r0', 'discovery');
    const second = await requestScan(store.db, orgId, 'r0', 'manual');
    expect(first.created).toBe(true);
    expect(second).toEqual({ scanId: first.scanId, created: false });
    const scans = await store.db.selectFrom('scans').select(['scan_id', 'state']).where('org_id', '=', orgId).execute();
    expect(scans).toEqual([{ scan_id: first.scanId, state: 'queued' }]);
    expect(await repoRow(orgId, 'r0')).toMatchObject({ scan_state: 'queued', last_scan_id: first.scanId });
  });

  test('a request carries the head its discovery read; a later request replaces it, one without a head clears it', async () => {
    const { orgId } = await org(3);
    await requestScan(store.db, orgId, 'r0', 'discovery', { headSha: 'aaa' });
    await requestScan(store.db, orgId, 'r1', 'discovery', { headSha: 'bbb' });
    await requestScan(store.db, orgId, 'r1', 'discovery', { headSha: 'ccc' }); // a newer discovery
    await requestScan(store.db, orgId, 'r2', 'discovery', { headSha: 'ddd' });
    await requestScan(store.db, orgId, 'r2', 'push'); // knows no head: the scan reads it again
    const claims = await claimsOf(3);
    const heads = Object.fromEntries(claims.map((c) => [c.repoId, c.head?.sha ?? null]));
    expect(heads).toEqual({ r0: 'aaa', r1: 'ccc', r2: null });
    expect(claims.find((c) => c.repoId === 'r0')!.head!.ageSeconds).toBeGreaterThanOrEqual(0);
    // The claim takes the head along: an interrupted scan is queued again without it.
    const r0 = claims.find((c) => c.repoId === 'r0')!;
    await interruptClaim(store.db, r0, 'test', interrupt);
    await drain(claims.filter((c) => c !== r0));
    const [again] = await claimsOf(1);
    expect(again).toMatchObject({ repoId: 'r0' });
    expect(again.head).toBeUndefined();
    await drain([again]);
  });

  test('the claim starts the scan: running since the claim, and the job records only the commit it reads', async () => {
    const { orgId } = await org(1);
    const { scanId } = await requestScan(store.db, orgId, 'r0', 'manual');
    const [claim] = await claimsOf(1);
    expect(claim).toMatchObject({ orgId, repoId: 'r0', scanId });
    const started = await scanRow(orgId, scanId);
    expect(started).toMatchObject({ state: 'running', started_at: expect.any(Date), commit_sha: null });
    const repoBefore = await repoRow(orgId, 'r0');
    expect(repoBefore).toMatchObject({ scan_state: 'running', last_scan_id: scanId });

    await recordScanCommit(store.db, orgId, scanId, 'c0ffee');
    // Neither the start time nor the repository's row is written again.
    expect(await scanRow(orgId, scanId)).toEqual({ ...started, commit_sha: 'c0ffee' });
    expect(await repoRow(orgId, 'r0')).toEqual(repoBefore);
    await drain([claim]);
  });

  test('a rescan waiting behind a running scan holds up no other repository, of this or another organization', async () => {
    const busy = await org(4);
    const other = await org(1);
    await requestScan(store.db, busy.orgId, 'r0', 'discovery');
    const [running] = await claimsOf(1);
    expect(running).toMatchObject({ orgId: busy.orgId, repoId: 'r0', trigger: 'discovery' });
    expect(await repoRow(busy.orgId, 'r0')).toMatchObject({ scan_state: 'running', last_scan_id: running.scanId });

    // The oldest request of all is the busy repository's rescan.
    const rescan = await requestScan(store.db, busy.orgId, 'r0', 'push');
    expect(rescan.created).toBe(true);
    expect(await repoRow(busy.orgId, 'r0')).toMatchObject({ scan_state: 'running', last_scan_id: running.scanId });
    for (const id of ['r1', 'r2', 'r3']) await requestScan(store.db, busy.orgId, id, 'manual');
    await requestScan(store.db, other.orgId, 'r0', 'manual');

    const next = await claimsOf(6);
    expect(next.map((c) => `${c.orgId === busy.orgId ? 'busy' : 'other'}/${c.repoId}`).sort()).toEqual(['busy/r1', 'busy/r2', 'busy/r3', 'other/r0']);

    // Once the running scan ends, its waiting rescan is next.
    expect(await completeClaim(store.db, running)).toBe(true);
    expect(await repoRow(busy.orgId, 'r0')).toMatchObject({ scan_state: 'queued', last_scan_id: rescan.scanId });
    const [again] = await claimsOf(1);
    expect(again).toMatchObject({ orgId: busy.orgId, repoId: 'r0', scanId: rescan.scanId, trigger: 'push' });
    await drain([...next, again]);
  });

  test('organizations take turns: a big backlog does not starve a small organization', async () => {
    const big = await org(30);
    const small = await org(3);
    for (const id of big.ids) await requestScan(store.db, big.orgId, id, 'discovery');
    for (const id of small.ids) await requestScan(store.db, small.orgId, id, 'discovery');
    const claims = await claimsOf(6);
    const owners = claims.map((c) => (c.orgId === big.orgId ? 'big' : 'small'));
    expect(owners.filter((o) => o === 'small')).toHaveLength(3);
    for (let i = 1; i < owners.length; i++) expect(owners[i]).not.toBe(owners[i - 1]);
    // Within an organization, oldest request first.
    expect(claims.filter((c) => c.orgId === big.orgId).map((c) => c.repoId)).toEqual(['r0', 'r1', 'r2']);
    await drain(claims);
  });

  test('an organization at its cap is skipped until one of its scans ends', async () => {
    const a = await org(5);
    const b = await org(1);
    for (const id of a.ids) await requestScan(store.db, a.orgId, id, 'discovery');
    await requestScan(store.db, b.orgId, 'r0', 'discovery');
    const claims = await claimsOf(5, { maxPerOrg: 2 });
    expect(claims).toHaveLength(3);
    expect(claims.filter((c) => c.orgId === a.orgId)).toHaveLength(2);
    expect(await claimNextScan(store.db, opts({ maxPerOrg: 2 }))).toBeNull();
    const counts = await store.db
      .selectFrom('scan_requests')
      .select((eb) => [eb.fn.count<string>('pending_scan_id').as('pending'), eb.fn.count<string>('running_scan_id').as('running')])
      .where('org_id', '=', a.orgId)
      .executeTakeFirstOrThrow();
    expect({ pending: Number(counts.pending), running: Number(counts.running) }).toEqual({ pending: 3, running: 2 });

    await completeClaim(store.db, claims.find((c) => c.orgId === a.orgId)!);
    const next = await claimNextScan(store.db, opts({ maxPerOrg: 2 }));
    expect(next).toMatchObject({ orgId: a.orgId, repoId: 'r2' });
    await drain([...claims, next!]);
  });

  test('concurrent claimers never claim one repository twice nor pass the cap', async () => {
    const orgs = [await org(8), await org(8), await org(8)];
    for (const o of orgs) for (const id of o.ids) await requestScan(store.db, o.orgId, id, 'discovery');
    // A second store on the same database stands for another worker process (PostgreSQL); on PGlite
    // the claims interleave through the one session.
    let second: Store | undefined;
    if (tdb.databaseUrl) second = await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
    const stores = second ? [store, second] : [store];
    const claims = (
      await Promise.all(Array.from({ length: 16 }, (_, i) => claimNextScan(stores[i % stores.length].db, opts({ maxPerOrg: 3 }))))
    ).filter((c): c is ScanClaim => c !== null);
    expect(claims).toHaveLength(9);
    expect(new Set(claims.map((c) => `${c.orgId}/${c.repoId}`)).size).toBe(9);
    for (const o of orgs) expect(claims.filter((c) => c.orgId === o.orgId)).toHaveLength(3);
    await drain(claims);
    await second?.close();
  });

  test('a lapsed lease is reaped: the scan is recorded as interrupted and its repository queued again in its place', async () => {
    const { orgId } = await org(2);
    const asked = await requestScan(store.db, orgId, 'r0', 'push');
    await requestScan(store.db, orgId, 'r1', 'discovery');
    const [claim] = await claimsOf(1);
    expect(claim.repoId).toBe('r0');
    expect(await renewLeases(store.db, 'scan_requests', [claim.token], 60)).toEqual(new Set([claim.token]));
    expect(await reapClaims(store.db, REAPED, interrupt)).toEqual([]); // a live lease is left alone

    await lapse(claim.token);
    const [reaped] = await reapClaims(store.db, REAPED, { ...interrupt, countsAgainstRepository: true });
    expect(reaped).toMatchObject({ orgId, repoId: 'r0', scanId: claim.scanId, finished: false, gaveUp: false });
    expect(await scanRow(orgId, claim.scanId)).toMatchObject({ state: 'interrupted', error: `${REAPED}; queued again` });
    const requeued = await scanRow(orgId, reaped.requeuedScanId!);
    expect(requeued).toMatchObject({ state: 'queued', trigger: 'push', repo_id: 'r0' });
    expect(await repoRow(orgId, 'r0')).toMatchObject({ scan_state: 'queued', last_scan_id: requeued.scan_id });

    // The old holder has lost it: no renewal, no completion, no interruption.
    expect(await renewLeases(store.db, 'scan_requests', [claim.token], 60)).toEqual(new Set());
    expect(await completeClaim(store.db, claim)).toBe(false);
    expect(await interruptClaim(store.db, claim, 'late', interrupt)).toBeNull();

    // It waited since the first request, so it goes before r1.
    const row = await store.db.selectFrom('scan_requests').selectAll().where('org_id', '=', orgId).where('repo_id', '=', 'r0').executeTakeFirstOrThrow();
    expect(new Date(row.pending_since!).getTime()).toBe(new Date((await scanRow(orgId, asked.scanId)).queued_at).getTime());
    const [next] = await claimsOf(1);
    expect(next).toMatchObject({ repoId: 'r0', scanId: requeued.scan_id });
    await drain([next]);
    await emptyQueue();
  });

  test('a repository whose scans keep losing their worker is not queued again after the limit', async () => {
    const { orgId } = await org(1);
    await requestScan(store.db, orgId, 'r0', 'discovery');
    const reapedScans: string[] = [];
    for (let i = 1; i <= 2; i++) {
      const [claim] = await claimsOf(1);
      await lapse(claim.token);
      const [reaped] = await reapClaims(store.db, REAPED, { maxInterruptions: 2, countsAgainstRepository: true });
      reapedScans.push(claim.scanId);
      expect(reaped.gaveUp).toBe(i === 2);
    }
    expect(await claimNextScan(store.db, opts())).toBeNull();
    const last = await scanRow(orgId, reapedScans[1]);
    expect(last.state).toBe('interrupted');
    expect(last.error).toMatch(/interrupted 2 times in a row, so not queued again/);
    expect(await repoRow(orgId, 'r0')).toMatchObject({ scan_state: 'failed', last_scan_id: reapedScans[1] });

    // A new request gets a new attempt; a completed scan resets the count.
    await requestScan(store.db, orgId, 'r0', 'manual');
    const [claim] = await claimsOf(1);
    await completeClaim(store.db, claim);
    const row = await store.db.selectFrom('scan_requests').select('interruptions').where('org_id', '=', orgId).executeTakeFirstOrThrow();
    expect(row.interruptions).toBe(0);
  });

  test('a scan that finished before its worker died is not interrupted; a shutdown keeps the waiting request', async () => {
    const { orgId } = await org(2);
    await requestScan(store.db, orgId, 'r0', 'discovery');
    await requestScan(store.db, orgId, 'r1', 'discovery');
    const [done, stopped] = await claimsOf(2);
    await store.db.updateTable('scans').set({ state: 'done', finished_at: new Date() }).where('scan_id', '=', done.scanId).execute();
    await lapse(done.token);
    const [reaped] = await reapClaims(store.db, REAPED, { ...interrupt, countsAgainstRepository: true });
    expect(reaped).toMatchObject({ scanId: done.scanId, finished: true, requeuedScanId: null });
    expect((await scanRow(orgId, done.scanId)).state).toBe('done');

    const waiting = await requestScan(store.db, orgId, stopped.repoId, 'push');
    const settled = await interruptClaim(store.db, stopped, 'Interrupted by a service shutdown', interrupt);
    expect(settled).toMatchObject({ finished: false, requeuedScanId: waiting.scanId, gaveUp: false });
    expect(await scanRow(orgId, stopped.scanId)).toMatchObject({ state: 'interrupted', error: 'Interrupted by a service shutdown; queued again' });
    const row = await store.db.selectFrom('scan_requests').select('interruptions').where('org_id', '=', orgId).where('repo_id', '=', stopped.repoId).executeTakeFirstOrThrow();
    expect(row.interruptions).toBe(0);
    const next = await claimNextScan(store.db, opts());
    expect(next).toMatchObject({ scanId: waiting.scanId });
    await drain([next!]);
  });

  test('every claim is reaped at once when asked (PGlite start-up)', async () => {
    const { orgId } = await org(2);
    await requestScan(store.db, orgId, 'r0', 'discovery');
    await requestScan(store.db, orgId, 'r1', 'discovery');
    const claims = await claimsOf(2);
    const reaped = await reapClaims(store.db, 'Interrupted: Vigil stopped while the scan ran', { ...interrupt, all: true, countsAgainstRepository: true });
    expect(reaped.map((r) => r.scanId).sort()).toEqual(claims.map((c) => c.scanId).sort());
    const again = await claimsOf(2);
    expect(again.map((c) => c.repoId).sort()).toEqual(['r0', 'r1']);
    await drain(again);
  });

  test('a claim held in a transaction is what its worker writes under; a lost one is not held', async () => {
    const { orgId } = await org(1);
    await requestScan(store.db, orgId, 'r0', 'manual');
    const [claim] = await claimsOf(1);
    await store.db.transaction().execute(async (trx) => {
      expect(await holdLease(trx, 'scan_requests', claim.token)).toBe(true);
      // Another table's claim, or another token, is not this one.
      expect(await holdLease(trx, 'discovery_requests', claim.token)).toBe(false);
      expect(await holdLease(trx, 'scan_requests', '00000000-0000-4000-8000-000000000000')).toBe(false);
    });
    await lapse(claim.token);
    expect(await reapClaims(store.db, REAPED, interrupt)).toHaveLength(1);
    await store.db.transaction().execute(async (trx) => {
      expect(await holdLease(trx, 'scan_requests', claim.token)).toBe(false);
    });
    await emptyQueue();
  });

  if (kind === 'postgres') {
    test('while a worker holds its claim in a transaction, a reaper skips it even when its lease lapsed, and the heartbeat still renews it', async () => {
      const { orgId } = await org(1);
      await requestScan(store.db, orgId, 'r0', 'manual');
      const [claim] = await claimsOf(1);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const writer = store.db.transaction().execute(async (trx) => {
        expect(await holdLease(trx, 'scan_requests', claim.token)).toBe(true);
        holding();
        await released; // the worker writing its outcome
      });
      await held;
      await lapse(claim.token); // (a non-key UPDATE: not blocked by the hold, as the heartbeat's renewal is not)
      expect(await reapClaims(store.db, REAPED, interrupt)).toEqual([]);
      expect(await renewLeases(store.db, 'scan_requests', [claim.token], 60)).toEqual(new Set([claim.token]));
      release();
      await writer;
      // Once committed, the claim is an ordinary one again.
      await lapse(claim.token);
      expect(await reapClaims(store.db, REAPED, interrupt)).toEqual([expect.objectContaining({ scanId: claim.scanId })]);
      await emptyQueue();
    });

    test('a request, of a scan or a discovery, NOTIFYs listeners in other sessions', async () => {
      const { orgId } = await org(1);
      const channel = queueChannelOf(`test_${n}`);
      let heard = 0;
      let connected!: () => void;
      const ready = new Promise<void>((resolve) => (connected = resolve));
      const listener = listenForQueuedWork(tdb.databaseUrl!, channel, () => {
        heard++;
        connected();
      }, () => undefined);
      try {
        await ready; // one call right after LISTEN (catch-up)
        const before = heard;
        await requestScan(store.db, orgId, 'r0', 'manual', { notifyChannel: channel });
        const deadline = Date.now() + 10_000;
        while (heard === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect(heard).toBeGreaterThan(before);
        // The discovery queue wakes workers on the same channel.
        const afterScan = heard;
        expect(await requestDiscovery(store.db, orgId, 'manual', { notifyChannel: channel })).toBe(true);
        const later = Date.now() + 10_000;
        while (heard === afterScan && Date.now() < later) await new Promise((r) => setTimeout(r, 20));
        expect(heard).toBeGreaterThan(afterScan);
      } finally {
        await listener.close();
      }
      await emptyQueue();
    });
  }
});
