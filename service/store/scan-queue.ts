// The scan queue: a table-driven queue in PostgreSQL (or PGlite), one scan_requests row per repository
// (migration 004). Why not pg-boss: its `stately` policy gives one queued + one active job per key, but
// a fetch whose oldest candidate is a rescan of a still-active repository violates the policy's unique
// index, the error is swallowed and idle workers fetch nothing (issue 10: 57-59 s stalls for every
// organization); it has no per-group concurrency cap, no fairness between groups, and no heartbeat (a
// dead worker's job stays active until expire_in). Here:
//  - a repository has at most one pending request (coalesced: it scans the newest head when claimed)
//    and at most one running claim; a pending request behind a running scan is simply not claimable,
//    so it never holds up anything else;
//  - a claim picks the organization with the fewest running scans, then the one served least recently
//    (round-robin), never one at its cap (`maxPerOrg`, for ADO's per-identity rate limits), then that
//    organization's oldest request. Claims are serialised by one transaction-scoped advisory lock, so
//    the per-organization count and the cap are exact across any number of worker processes; the
//    claim itself is a few statements, so the lock is held for milliseconds. FOR UPDATE SKIP LOCKED
//    skips a row an enqueue is updating (on PGlite, one session behind one mutex, it is harmless);
//  - a claim holds a lease (`lease_until`, database time) that its worker renews while the scan
//    progresses; a lease that lapses (the worker died or hung) is reaped: the scan is recorded as
//    interrupted and the repository is queued again, in front of its organization's queue. A
//    repository whose scans keep killing their worker is not queued again after `maxInterruptions`;
//  - each change that makes work claimable can NOTIFY a channel, so idle workers in other processes
//    claim at once instead of polling. Leases are renewed, and the channel listened to, through
//    lease.ts, which the discovery queue shares.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ScanTrigger } from '../contract/vocabulary';
import { notify, type NotifyOption } from './lease';
import { setRepositoryScanState } from './repositories';
import type { Database, ScanRequestRow } from './schema';

/** Arbitrary, fixed: serialises claims across processes (the migration lock is 74_110_042). */
const CLAIM_LOCK = 74_110_043;

export interface ScanClaim {
  orgId: string;
  repoId: string;
  scanId: string;
  /** Proves the claim: renewals and releases only act while the row still carries it. */
  token: string;
  trigger: ScanTrigger;
  /** The branch head the request carried (read by a discovery) and its age at the claim, database time. */
  head?: CarriedHead;
}

/** A branch head read by a discovery: the scan may start from it instead of reading it again. */
export interface CarriedHead {
  sha: string;
  /** Seconds since it was read (0 at the request). */
  ageSeconds: number;
}

export interface RequestScanOptions extends NotifyOption {
  /**
   * The default branch's head just read (a discovery). A pending request takes it (the newest known);
   * a request without one clears the carried head, so the scan reads it again.
   */
  headSha?: string;
}

export interface ClaimOptions extends NotifyOption {
  /** Who claims: host/pid/boot, shown in the row for support. */
  workerId: string;
  leaseSeconds: number;
  /** Running scans per organization, across every worker. */
  maxPerOrg: number;
}

export interface InterruptOptions extends NotifyOption {
  /** A lapsed lease or an unexpected error counts; a shutdown does not (it is not the repository's fault). */
  countsAgainstRepository?: boolean;
  /** Counted interruptions in a row after which the repository is not queued again. */
  maxInterruptions: number;
}

export interface SettledClaim {
  orgId: string;
  repoId: string;
  scanId: string;
  /** The scan had already finished (done or failed) when the claim was settled: nothing was interrupted. */
  finished: boolean;
  /** The request that will scan the repository next, if any. */
  requeuedScanId: string | null;
  gaveUp: boolean;
}

/**
 * Ask for a scan of a repository. When one is already pending, the request coalesces into it (the
 * pending scan reads the newest head when it starts) and `created` is false. A request behind a running
 * scan waits for it; the repository keeps showing 'running' meanwhile.
 */
export async function requestScan(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  trigger: ScanTrigger,
  opts: RequestScanOptions = {},
): Promise<{ scanId: string; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('scan_requests').values({ org_id: orgId, repo_id: repoId }).onConflict((oc) => oc.doNothing()).execute();
    const row = await trx
      .selectFrom('scan_requests')
      .select(['pending_scan_id', 'running_scan_id'])
      .where('org_id', '=', orgId)
      .where('repo_id', '=', repoId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const carried = opts.headSha ? { pending_head_sha: opts.headSha, pending_head_read_at: sql<Date>`now()` } : { pending_head_sha: null, pending_head_read_at: null };
    if (row.pending_scan_id) {
      await trx.updateTable('scan_requests').set(carried).where('org_id', '=', orgId).where('repo_id', '=', repoId).execute();
      return { scanId: row.pending_scan_id, created: false };
    }
    const scanId = randomUUID();
    await trx.insertInto('scans').values({ org_id: orgId, scan_id: scanId, repo_id: repoId, state: 'queued', trigger }).execute();
    await trx
      .updateTable('scan_requests')
      .set({ pending_scan_id: scanId, pending_since: sql`now()`, ...carried })
      .where('org_id', '=', orgId)
      .where('repo_id', '=', repoId)
      .execute();
    if (!row.running_scan_id) {
      await setRepositoryScanState(trx, orgId, repoId, 'queued', { lastScanId: scanId });
      await notify(trx, opts);
    }
    return { scanId, created: true };
  });
}

/** The next scan to run under the fairness rules above, claimed under a lease; null when none may start. */
export async function claimNextScan(db: Kysely<Database>, opts: ClaimOptions): Promise<ScanClaim | null> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})`.execute(trx);
    const orgs = await sql<{ org_id: string }>`
      SELECT o.org_id
      FROM organizations AS o
      LEFT JOIN (SELECT org_id, count(*)::int AS n FROM scan_requests WHERE running_scan_id IS NOT NULL GROUP BY org_id) AS r
        ON r.org_id = o.org_id
      LEFT JOIN scan_queue_turns AS t ON t.org_id = o.org_id
      WHERE coalesce(r.n, 0) < ${opts.maxPerOrg}
        AND EXISTS (SELECT 1 FROM scan_requests AS q
                    WHERE q.org_id = o.org_id AND q.pending_scan_id IS NOT NULL AND q.running_scan_id IS NULL)
      ORDER BY coalesce(r.n, 0), t.last_claimed_at NULLS FIRST, o.org_id`.execute(trx);
    for (const { org_id: orgId } of orgs.rows) {
      const next = await trx
        .selectFrom('scan_requests')
        .select(['repo_id', 'pending_scan_id', 'pending_head_sha'])
        .select(sql<number | null>`extract(epoch FROM now() - pending_head_read_at)::float8`.as('head_age'))
        .where('org_id', '=', orgId)
        .where('pending_scan_id', 'is not', null)
        .where('running_scan_id', 'is', null)
        .orderBy('pending_since')
        .orderBy('repo_id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!next) continue; // its only candidates are being updated by an enqueue right now
      const scanId = next.pending_scan_id!;
      const token = randomUUID();
      await trx
        .updateTable('scan_requests')
        .set({
          running_scan_id: scanId,
          pending_scan_id: null,
          pending_since: null,
          pending_head_sha: null,
          pending_head_read_at: null,
          claim_token: token,
          claimed_by: opts.workerId,
          claimed_at: sql`now()`,
          lease_until: sql`now() + make_interval(secs => ${opts.leaseSeconds})`,
        })
        .where('org_id', '=', orgId)
        .where('repo_id', '=', next.repo_id)
        .execute();
      // clock_timestamp, not now(): claims are ordered by the lock, not by when their transactions began.
      await sql`
        INSERT INTO scan_queue_turns (org_id, last_claimed_at) VALUES (${orgId}, clock_timestamp())
        ON CONFLICT (org_id) DO UPDATE SET last_claimed_at = excluded.last_claimed_at`.execute(trx);
      const scan = await trx
        .updateTable('scans')
        .set({ state: 'running', started_at: sql`now()` })
        .where('org_id', '=', orgId)
        .where('scan_id', '=', scanId)
        .returning('trigger')
        .executeTakeFirstOrThrow();
      await setRepositoryScanState(trx, orgId, next.repo_id, 'running', { lastScanId: scanId });
      const head = next.pending_head_sha && next.head_age !== null ? { sha: next.pending_head_sha, ageSeconds: Math.max(0, Number(next.head_age)) } : undefined;
      return { orgId, repoId: next.repo_id, scanId, token, trigger: scan.trigger as ScanTrigger, ...(head ? { head } : {}) };
    }
    return null;
  });
}

/**
 * The scan ended (done or failed, recorded by the job): give the claim up. A request that arrived
 * meanwhile becomes claimable and the repository shows 'queued'. False when the claim was lost.
 */
export async function completeClaim(db: Kysely<Database>, claim: ScanClaim, opts: NotifyOption = {}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('scan_requests')
      .set({ running_scan_id: null, claim_token: null, claimed_by: null, lease_until: null, interruptions: 0 })
      .where('org_id', '=', claim.orgId)
      .where('repo_id', '=', claim.repoId)
      .where('claim_token', '=', claim.token)
      .returning('pending_scan_id')
      .executeTakeFirst();
    if (!row) return false;
    if (row.pending_scan_id) await setRepositoryScanState(trx, claim.orgId, claim.repoId, 'queued', { lastScanId: row.pending_scan_id });
    await notify(trx, opts); // a slot of this organization is free again
    return true;
  });
}

/**
 * The worker gives a claim back unfinished (shutdown, or an error the job did not record): the scan is
 * recorded as interrupted and the repository queued again. Null when the claim was no longer held.
 */
export async function interruptClaim(
  db: Kysely<Database>,
  claim: ScanClaim,
  reason: string,
  opts: InterruptOptions,
): Promise<SettledClaim | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('scan_requests')
      .selectAll()
      .where('org_id', '=', claim.orgId)
      .where('repo_id', '=', claim.repoId)
      .where('claim_token', '=', claim.token)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return null;
    const settled = await settle(trx, row, reason, opts);
    await notify(trx, opts);
    return settled;
  });
}

/**
 * Claims whose lease lapsed (their worker died or hung), or every claim when `all` (PGlite at start-up:
 * the data-directory lock proves no other process holds one): each scan is recorded as interrupted and
 * its repository queued again.
 */
export async function reapClaims(
  db: Kysely<Database>,
  reason: string,
  opts: InterruptOptions & { all?: boolean },
): Promise<SettledClaim[]> {
  return db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('scan_requests').selectAll().where('running_scan_id', 'is not', null);
    if (!opts.all) q = q.where('lease_until', '<', sql<Date>`now()`);
    const rows = await q.orderBy('lease_until').limit(500).forUpdate().skipLocked().execute();
    const settled: SettledClaim[] = [];
    for (const row of rows) settled.push(await settle(trx, row, reason, opts));
    if (settled.length) await notify(trx, opts);
    return settled;
  });
}

/** Records the end of a claim that did not complete, and queues the repository again unless it gives up. */
async function settle(trx: Transaction<Database>, row: ScanRequestRow, reason: string, opts: InterruptOptions): Promise<SettledClaim> {
  const { org_id: orgId, repo_id: repoId } = row;
  const scanId = row.running_scan_id!;
  const scan = await trx
    .selectFrom('scans')
    .select(['state', 'trigger', 'queued_at'])
    .where('org_id', '=', orgId)
    .where('scan_id', '=', scanId)
    .executeTakeFirst();
  // The job may have recorded the outcome before its worker stopped: then nothing was interrupted.
  const finished = !scan || scan.state === 'done' || scan.state === 'failed' || scan.state === 'interrupted';
  const interruptions = finished ? 0 : row.interruptions + (opts.countsAgainstRepository ? 1 : 0);
  const gaveUp = !finished && !!opts.countsAgainstRepository && !row.pending_scan_id && interruptions >= opts.maxInterruptions;
  let pending = row.pending_scan_id;
  let pendingSince: Date | string | null = row.pending_since;
  if (!finished) {
    const note = gaveUp
      ? `${reason}; interrupted ${interruptions} times in a row, so not queued again until the next request`
      : `${reason}; queued again`;
    await trx
      .updateTable('scans')
      .set({ state: 'interrupted', finished_at: sql`now()`, error: note })
      .where('org_id', '=', orgId)
      .where('scan_id', '=', scanId)
      .execute();
    if (!pending && !gaveUp) {
      pending = randomUUID();
      // It keeps its place: it has waited since the interrupted scan was asked for.
      pendingSince = scan.queued_at;
      await trx.insertInto('scans').values({ org_id: orgId, scan_id: pending, repo_id: repoId, state: 'queued', trigger: scan.trigger }).execute();
    }
  }
  await trx
    .updateTable('scan_requests')
    .set({
      running_scan_id: null,
      claim_token: null,
      claimed_by: null,
      lease_until: null,
      pending_scan_id: pending,
      pending_since: pendingSince,
      interruptions,
    })
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .execute();
  if (pending) await setRepositoryScanState(trx, orgId, repoId, 'queued', { lastScanId: pending });
  else if (gaveUp) await setRepositoryScanState(trx, orgId, repoId, 'failed', { lastScanId: scanId });
  return { orgId, repoId, scanId, finished, requeuedScanId: finished ? null : pending, gaveUp };
}
