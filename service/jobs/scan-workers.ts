// The worker pool of one process: VIGIL_SCAN_CONCURRENCY slots that claim scans from the scan queue
// (service/store/scan-queue.ts) and run them, one slot for discoveries (discovery-queue.ts), one
// heartbeat that renews the leases of the claims held here, and one reaper that re-queues the claims
// of workers that stopped renewing theirs. Discoveries follow the same rules as scans below.
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
//    aborts its scan, and the scan job confirms the lease right before it writes findings, so a
//    repository's findings are only ever written by the holder of its current claim.
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppContext } from '../context';
import { claimDiscovery, reapDiscoveries, releaseDiscovery, renewDiscoveries, type DiscoveryClaim } from '../store/discovery-queue';
import {
  claimNextScan,
  completeClaim,
  interruptClaim,
  listenForScanRequests,
  reapClaims,
  renewClaims,
  type ScanClaim,
} from '../store/scan-queue';
import { discover } from './discover';
import { onScanRequested, scanChannel } from './queue';
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

interface Held {
  kind: 'scan' | 'discovery';
  token: string;
  /** For messages: 'scan <id>' or 'the discovery of <org>'. */
  what: string;
  controller: AbortController;
  /** Local time at which the last successful renewal was sent: the lease runs at least a lease from then. */
  renewedAt: number;
  lost: boolean;
  settled: boolean;
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
  const notifyChannel = scanChannel(ctx);
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
  const hold = (kind: Held['kind'], token: string, what: string): Held => {
    const h: Held = { kind, token, what, controller: new AbortController(), renewedAt: Date.now(), lost: false, settled: false };
    held.set(token, h);
    return h;
  };
  /** What a held claim's abort signal follows: the shutdown and the claim's own loss. */
  const signalOf = (h: Held) => AbortSignal.any([shutdown.signal, h.controller.signal]);
  /** Renews the given claims now; returns those still held. */
  const renew = async (entries: Held[]): Promise<Set<string>> => {
    const tokens = (kind: Held['kind']) => entries.filter((h) => h.kind === kind).map((h) => h.token);
    const [scans, discoveries] = await Promise.all([renewClaims(db, tokens('scan'), leaseSeconds), renewDiscoveries(db, tokens('discovery'), leaseSeconds)]);
    return new Set([...scans, ...discoveries]);
  };
  /** Gives back a claim whose work did not end (shutdown, unexpected error): it is queued again. */
  const giveBack = async (h: Held, reason: string, countsAgainstRepository: boolean) => {
    const claim = claims.get(h.token);
    if (!claim) return;
    if ('scanId' in claim) await interruptClaim(db, claim, reason, { ...interruptOpts, countsAgainstRepository });
    else await releaseDiscovery(db, claim, { notifyChannel, requeue: true });
  };
  const claims = new Map<string, ScanClaim | DiscoveryClaim>();

  const run = async (claim: ScanClaim) => {
    const h = hold('scan', claim.token, `scan ${claim.scanId}`);
    claims.set(claim.token, claim);
    const scanLog = log.child({ orgId: claim.orgId, repoId: claim.repoId, scanId: claim.scanId });
    const lease: ScanLease = {
      tempPrefix,
      confirm: async () => {
        const sent = Date.now();
        if (h.lost || !(await renewClaims(db, [claim.token], leaseSeconds)).has(claim.token)) {
          lose(h);
          throw new ClaimLostError(h.what);
        }
        h.renewedAt = sent;
      },
    };
    try {
      await scanRepository(ctx, { orgId: claim.orgId, repoId: claim.repoId, scanId: claim.scanId }, signalOf(h), lease);
      if (h.settled) return;
      h.settled = true;
      if (!(await completeClaim(db, claim, { notifyChannel }))) scanLog.warn('the scan ended after its claim lapsed; the repository was queued again meanwhile');
    } catch (err) {
      if (h.settled) return;
      h.settled = true;
      if (h.lost) {
        scanLog.warn({ err: (err as Error).message }, 'scan abandoned: its claim lapsed and another worker takes the repository over');
      } else if (shutdown.signal.aborted) {
        await giveBack(h, 'Interrupted by a service shutdown', false);
        scanLog.info('scan interrupted by the shutdown; queued again');
      } else {
        const message = err instanceof Error ? err.message : String(err);
        await giveBack(h, `Interrupted by an unexpected error: ${message}`, true);
        scanLog.error({ err: message }, 'scan stopped by an unexpected error; queued again');
      }
    } finally {
      held.delete(claim.token);
      claims.delete(claim.token);
    }
  };

  const runDiscovery = async (claim: DiscoveryClaim) => {
    const h = hold('discovery', claim.token, `the discovery of ${claim.orgId}`);
    claims.set(claim.token, claim);
    try {
      await discover(ctx, { orgId: claim.orgId, trigger: claim.trigger }, signalOf(h));
      if (h.settled) return;
      h.settled = true;
      if (!(await releaseDiscovery(db, claim, { notifyChannel }))) log.warn({ orgId: claim.orgId }, 'the discovery ended after its claim lapsed');
    } catch (err) {
      if (h.settled) return;
      h.settled = true;
      if (h.lost) log.warn({ orgId: claim.orgId }, 'discovery abandoned: its claim lapsed and another worker runs it');
      else {
        await giveBack(h, '', false);
        log.info({ orgId: claim.orgId, err: (err as Error).message }, 'discovery interrupted; queued again');
      }
    } finally {
      held.delete(claim.token);
      claims.delete(claim.token);
    }
  };

  const slot = async () => {
    while (!stopping) {
      const seen = wakeSeq;
      let claim: ScanClaim | null = null;
      try {
        claim = await claimNextScan(db, { workerId, leaseSeconds, maxPerOrg: config.scanOrgConcurrency, notifyChannel });
      } catch (err) {
        if (stopping) break;
        log.warn({ err: (err as Error).message }, 'could not claim a scan; retrying');
      }
      if (!claim) {
        await idle(seen, tickMs);
        continue;
      }
      wake(); // there may be more: let an idle slot look too
      await run(claim).catch((err) => log.error({ err: (err as Error).message, scanId: claim.scanId }, 'could not settle a scan claim; its lease will lapse'));
    }
  };

  const discoverySlot = async () => {
    while (!stopping) {
      const seen = wakeSeq;
      let claim: DiscoveryClaim | null = null;
      try {
        claim = await claimDiscovery(db, { workerId, leaseSeconds });
      } catch (err) {
        if (stopping) break;
        log.warn({ err: (err as Error).message }, 'could not claim a discovery; retrying');
      }
      if (!claim) {
        await idle(seen, tickMs);
        continue;
      }
      await runDiscovery(claim).catch((err) => log.error({ err: (err as Error).message, orgId: claim.orgId }, 'could not settle a discovery claim; its lease will lapse'));
    }
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
          log.warn({ err: (err as Error).message }, 'could not renew scan leases');
        }
        // Not renewed for a whole lease: the reaper of another worker may already have re-queued it.
        for (const h of entries) if (Date.now() - h.renewedAt > leaseMs && !h.settled) lose(h);
      }
      if (!stopping && (await reap(false)) > 0) {
        await sweep();
        wake();
      }
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'scan queue maintenance failed');
    } finally {
      ticking = false;
    }
  };
  const timer = setInterval(() => void tick(), tickMs);

  const unsubscribe = onScanRequested(store, wake);
  const listener =
    notifyChannel && config.databaseUrl
      ? listenForScanRequests(config.databaseUrl, notifyChannel, wake, (err) => log.warn({ err: (err as Error).message }, 'scan queue listener error'))
      : undefined;
  const slots = [...Array.from({ length: config.scanConcurrency }, () => slot()), discoverySlot()];
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
            await giveBack(h, 'Interrupted by a service shutdown', false).catch(() => undefined);
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
