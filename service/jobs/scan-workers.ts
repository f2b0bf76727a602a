// The worker pool of one process: VIGIL_SCAN_CONCURRENCY slots that claim scans from the scan queue
// (service/store/scan-queue.ts) and run them, one slot for discoveries (discovery-queue.ts), one
// heartbeat that renews the leases of the claims held here, and one reaper that re-queues the claims
// of workers that stopped renewing theirs. Both kinds go through one claim loop (`slot`, told by a
// WorkKind how to claim, run and settle its claims) and follow the same rules below.
//
// Latency: a slot claims again as soon as its scan ends; an idle slot waits for a wake-up (an enqueue
// in this process, a NOTIFY from another on PostgreSQL, a scan ending here) and polls once per tick as
// a safety net. Tick = a third of the lease.
//
// Failure handling:
//  - kill -9 / crash / hang: the claims stop being renewed; once their lease lapses (VIGIL_SCAN_LEASE_SECONDS,
//    30 s), the next reaper tick of any live worker (every lease/3) records the scans as interrupted and
//    queues their repositories again, so another worker picks them up within lease + lease/3 (40 s).
//    On PGlite (one process by construction) every claim found at start-up is reaped at once.
//  - temp folders: named after their owner process (scan-temp.ts) and swept at start-up and whenever
//    the reaper finds a dead worker's claims;
//  - SIGTERM (stop): slots stop claiming; running scans get `timeoutMs` to finish, then are aborted
//    (the download and the engine take the signal), recorded as interrupted and queued again, so any
//    live worker takes them over at once;
//  - a worker that finds its claim gone (it hung past its lease and the repository was re-queued)
//    aborts its scan, and the scan job writes its outcome (findings, results, figures, the repository's
//    state) in one transaction that first holds the claim (lease.ts holdLease: a reaper skips it until
//    the commit), so a repository's findings are only ever written by the holder of its current claim.
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppContext } from '../context';
import { claimDiscovery, reapDiscoveries, releaseDiscovery, type DiscoveryClaim } from '../store/discovery-queue';
import { holdLease, listenForQueuedWork, renewLeases, type LeasedTable } from '../store/lease';
import { claimNextScan, completeClaim, interruptClaim, reapClaims, type ScanClaim } from '../store/scan-queue';
import { discover } from './discover';
import { onWorkQueued, queueChannel } from './queue';
import { scanRepository, type ScanLease } from './scan-repo';
import { claimOwner, scanTempPrefix, sweepScanTemp } from './scan-temp';

export class ClaimLostError extends Error {
  override name = 'ClaimLostError';
  constructor(what: string) {
    super(`The claim on ${what} lapsed: another worker took it over`);
  }
}

export interface ScanWorkerPool {
  /** host/pid/boot, as written in the claims. */
  readonly workerId: string;
  /** Scans and discoveries this pool runs right now. */
  readonly running: number;
  /** Stop claiming; give running scans `timeoutMs` to end, then abort and re-queue them. */
  stop(timeoutMs: number): Promise<void>;
}

/** What a running piece of work may do with its claim. */
type ClaimLease = Pick<ScanLease, 'confirm' | 'hold'>;

/** One kind of queued work: how the pool claims it, runs it and settles its claim. */
interface WorkKind<C extends { token: string }> {
  /** For messages: 'scan', 'discovery'. */
  name: string;
  /** The queue table its claims (and their leases) live in. */
  table: LeasedTable;
  claim(): Promise<C | null>;
  /** For messages: 'scan <id>' or 'the discovery of <org>'. */
  what(claim: C): string;
  /** Log fields naming the claim. */
  fields(claim: C): Record<string, string>;
  /** Runs the work under `lease` (its claim: confirm it, hold it while writing). Rejects when `signal` aborts it. */
  run(claim: C, signal: AbortSignal, lease: ClaimLease): Promise<void>;
  /** The work ended: give the claim up. False when it was lost meanwhile. */
  complete(claim: C): Promise<boolean>;
  /** The work did not end (shutdown, unexpected error): give the claim back, queued again. */
  giveBack(claim: C, reason: string, countsAgainstRepository: boolean): Promise<void>;
  /** A claim may leave more to claim: wake the other idle slots (scans; discoveries have one slot). */
  wakesOthers: boolean;
}

interface Held {
  table: LeasedTable;
  token: string;
  /** For messages: 'scan <id>' or 'the discovery of <org>'. */
  what: string;
  controller: AbortController;
  /** Local time at which the last successful renewal was sent: the lease runs at least a lease from then. */
  renewedAt: number;
  lost: boolean;
  settled: boolean;
  /** Gives the claim back, its work queued again. */
  giveBack(reason: string, countsAgainstRepository: boolean): Promise<void>;
}

/** After an abort, how long a scan may take to notice before its claim is given back without it. */
const ABORT_GRACE_MS = 5_000;

export async function startScanWorkers(ctx: AppContext): Promise<ScanWorkerPool> {
  const { store, config } = ctx;
  const { db } = store;
  const { owner, release } = claimOwner();
  const workerId = `${owner.host}/${owner.pid}/${owner.boot}`;
  const log = ctx.log.child({ worker: workerId, part: 'scan-workers' });
  const leaseSeconds = config.scanLeaseSeconds;
  const leaseMs = leaseSeconds * 1000;
  const tickMs = Math.max(250, Math.floor(leaseMs / 3));
  const notifyChannel = queueChannel(ctx);
  const interruptOpts = { notifyChannel, maxInterruptions: config.scanMaxInterruptions };
  const tempPrefix = scanTempPrefix(owner);

  const sweep = async () => {
    try {
      const swept = await sweepScanTemp(config.tmpDir);
      if (swept.removed.length) log.info({ folders: swept.removed.length, bytes: swept.bytes }, 'removed temp folders of stopped workers');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'temp folder sweep failed');
    }
  };
  const reap = async (all: boolean) => {
    const reason = all
      ? 'Interrupted: Vigil stopped while the scan ran'
      : 'Interrupted: the worker running it stopped renewing its lease (it crashed, was killed or hung)';
    const settled = await reapClaims(db, reason, { ...interruptOpts, all, countsAgainstRepository: true });
    for (const s of settled) {
      log.warn({ orgId: s.orgId, repoId: s.repoId, scanId: s.scanId, requeued: s.requeuedScanId, gaveUp: s.gaveUp, finished: s.finished }, 'reaped the claim of a stopped worker');
    }
    const discoveries = await reapDiscoveries(db, { notifyChannel, all });
    for (const orgId of discoveries) log.warn({ orgId }, 'reaped the discovery of a stopped worker; queued again');
    return settled.length + discoveries.length;
  };

  // Start-up: folders of dead processes, then claims that cannot be alive any more.
  await sweep();
  await reap(store.kind === 'pglite');

  let stopping = false;
  let wakeSeq = 0;
  const waiters = new Set<() => void>();
  const wake = () => {
    wakeSeq++;
    for (const w of [...waiters]) w();
  };
  const idle = (seen: number, ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping || wakeSeq !== seen) return resolve();
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
    });

  const held = new Map<string, Held>();
  const shutdown = new AbortController();
  const lose = (h: Held) => {
    if (h.lost) return;
    h.lost = true;
    h.controller.abort(new ClaimLostError(h.what));
  };
  /** Renews the given claims now, one statement per queue table; returns those still held. */
  const renew = async (entries: Held[]): Promise<Set<string>> => {
    const tables = [...new Set(entries.map((h) => h.table))];
    const renewed = await Promise.all(tables.map((t) => renewLeases(db, t, entries.filter((h) => h.table === t).map((h) => h.token), leaseSeconds)));
    return new Set(renewed.flatMap((tokens) => [...tokens]));
  };

  /** Runs one claimed piece of work and settles its claim: given up when it ended, given back when it did not. */
  const runClaim = async <C extends { token: string }>(kind: WorkKind<C>, claim: C) => {
    const what = kind.what(claim);
    const h: Held = {
      table: kind.table,
      token: claim.token,
      what,
      controller: new AbortController(),
      renewedAt: Date.now(),
      lost: false,
      settled: false,
      giveBack: (reason, countsAgainstRepository) => kind.giveBack(claim, reason, countsAgainstRepository),
    };
    held.set(claim.token, h);
    const claimLog = log.child(kind.fields(claim));
    const lease: ClaimLease = {
      confirm: async () => {
        const sent = Date.now();
        if (h.lost || !(await renewLeases(db, h.table, [h.token], leaseSeconds)).has(h.token)) {
          lose(h);
          throw new ClaimLostError(what);
        }
        h.renewedAt = sent;
      },
      hold: async (trx) => {
        if (h.lost || !(await holdLease(trx, h.table, h.token))) {
          lose(h);
          throw new ClaimLostError(what);
        }
      },
    };
    try {
      // Follows the shutdown and the claim's own loss.
      await kind.run(claim, AbortSignal.any([shutdown.signal, h.controller.signal]), lease);
      if (h.settled) return;
      h.settled = true;
      if (!(await kind.complete(claim))) claimLog.warn(`the ${kind.name} ended after its claim lapsed; it was queued again meanwhile`);
    } catch (err) {
      if (h.settled) return;
      h.settled = true;
      const message = err instanceof Error ? err.message : String(err);
      if (h.lost) {
        claimLog.warn({ err: message }, `${kind.name} abandoned: its claim lapsed and another worker takes it over`);
      } else if (shutdown.signal.aborted) {
        await h.giveBack('Interrupted by a service shutdown', false);
        claimLog.info(`${kind.name} interrupted by the shutdown; queued again`);
      } else {
        await h.giveBack(`Interrupted by an unexpected error: ${message}`, true);
        claimLog.error({ err: message }, `${kind.name} stopped by an unexpected error; queued again`);
      }
    } finally {
      held.delete(claim.token);
    }
  };

  /** Claims and runs work of one kind until the pool stops; idles until woken (or a tick) when there is none. */
  const slot = async <C extends { token: string }>(kind: WorkKind<C>) => {
    while (!stopping) {
      const seen = wakeSeq;
      let claim: C | null = null;
      try {
        claim = await kind.claim();
      } catch (err) {
        if (stopping) break;
        log.warn({ err: (err as Error).message }, `could not claim a ${kind.name}; retrying`);
      }
      if (!claim) {
        await idle(seen, tickMs);
        continue;
      }
      if (kind.wakesOthers) wake(); // there may be more: let an idle slot look too
      const fields = kind.fields(claim);
      await runClaim(kind, claim).catch((err) => log.error({ err: (err as Error).message, ...fields }, `could not settle a ${kind.name} claim; its lease will lapse`));
    }
  };

  const scans: WorkKind<ScanClaim> = {
    name: 'scan',
    table: 'scan_requests',
    claim: () => claimNextScan(db, { workerId, leaseSeconds, maxPerOrg: config.scanOrgConcurrency, notifyChannel }),
    what: (c) => `scan ${c.scanId}`,
    fields: (c) => ({ orgId: c.orgId, repoId: c.repoId, scanId: c.scanId }),
    run: (c, signal, lease) => scanRepository(ctx, { orgId: c.orgId, repoId: c.repoId, scanId: c.scanId, head: c.head }, signal, { tempPrefix, ...lease }),
    complete: (c) => completeClaim(db, c, { notifyChannel }),
    giveBack: async (c, reason, countsAgainstRepository) => {
      await interruptClaim(db, c, reason, { ...interruptOpts, countsAgainstRepository });
    },
    wakesOthers: true,
  };
  const discoveries: WorkKind<DiscoveryClaim> = {
    name: 'discovery',
    table: 'discovery_requests',
    claim: () => claimDiscovery(db, { workerId, leaseSeconds }),
    what: (c) => `the discovery of ${c.orgId}`,
    fields: (c) => ({ orgId: c.orgId }),
    run: async (c, signal) => {
      await discover(ctx, { orgId: c.orgId, trigger: c.trigger }, signal);
    },
    complete: (c) => releaseDiscovery(db, c, { notifyChannel }),
    giveBack: async (c) => {
      await releaseDiscovery(db, c, { notifyChannel, requeue: true });
    },
    wakesOthers: false,
  };

  // Heartbeat and reaper, one tick at a time.
  let ticking = false;
  const tick = async () => {
    if (ticking) return;
    ticking = true;
    try {
      const entries = [...held.values()].filter((h) => !h.lost && !h.settled);
      if (entries.length) {
        const sent = Date.now();
        try {
          const renewed = await renew(entries);
          for (const h of entries) {
            if (renewed.has(h.token)) h.renewedAt = sent;
            else if (!h.settled) lose(h);
          }
        } catch (err) {
          log.warn({ err: (err as Error).message }, 'could not renew leases');
        }
        // Not renewed for a whole lease: the reaper of another worker may already have re-queued it.
        for (const h of entries) if (Date.now() - h.renewedAt > leaseMs && !h.settled) lose(h);
      }
      if (!stopping && (await reap(false)) > 0) {
        await sweep();
        wake();
      }
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'queue maintenance failed');
    } finally {
      ticking = false;
    }
  };
  const timer = setInterval(() => void tick(), tickMs);

  const unsubscribe = onWorkQueued(store, wake);
  const listener =
    notifyChannel && config.databaseUrl
      ? listenForQueuedWork(config.databaseUrl, notifyChannel, wake, (err) => log.warn({ err: (err as Error).message }, 'queue listener error'))
      : undefined;
  const slots = [...Array.from({ length: config.scanConcurrency }, () => slot(scans)), slot(discoveries)];
  log.debug({ slots: slots.length, leaseSeconds, maxPerOrg: config.scanOrgConcurrency }, 'scan workers started');

  let stopped: Promise<void> | undefined;
  const stop = (timeoutMs: number) =>
    (stopped ??= (async () => {
      stopping = true;
      wake();
      unsubscribe();
      const all = Promise.all(slots);
      const finished = (ms: number) => Promise.race([all.then(() => true), sleep(ms, false, { ref: false })]);
      if (!(await finished(timeoutMs))) {
        log.warn({ claims: held.size }, 'aborting the scans and discoveries still running; they are queued again');
        shutdown.abort(new Error('Vigil is shutting down'));
        if (!(await finished(ABORT_GRACE_MS))) {
          // A scan that does not notice the abort: give its claim back without it. Its lease is gone,
          // so it cannot write findings any more (the scan job confirms the lease first).
          for (const h of held.values()) {
            if (h.settled) continue;
            h.settled = true;
            await h.giveBack('Interrupted by a service shutdown', false).catch(() => undefined);
          }
        }
      }
      clearInterval(timer);
      while (ticking) await sleep(10);
      await listener?.close();
      release();
    })());

  return {
    workerId,
    get running() {
      return held.size;
    },
    stop,
  };
}
