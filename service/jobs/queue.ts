// Queues. Scans and discoveries run from tables of their own (service/store/scan-queue.ts explains why
// pg-boss's stately policy cannot do it, discovery-queue.ts why its expiry is too slow), claimed under
// leases by the worker pools of scan-workers.ts. An enqueue wakes this process's pool at once and, on
// PostgreSQL, every other process's pool through NOTIFY. pg-boss 10 (PostgreSQL, or PGlite through the
// same adapter as Kysely) keeps the discovery schedule: its discover-all job asks for each
// organization's discovery.
import PgBoss from 'pg-boss';
import type { Config } from '../config';
import type { Logger } from '../log';
import { withQueueSetupLock, type Store } from '../store/db';
import { requestDiscovery } from '../store/discovery-queue';
import { queueChannelOf } from '../store/lease';
import { isRepositoryExcluded } from '../store/repository-selection';
import { requestScan, type CarriedHead } from '../store/scan-queue';
import type { ScanTrigger } from '../contract/vocabulary';
import type { AppContext } from '../context';
import { createPostureQueues } from './assess-posture';
import { createPullRequestQueues } from './pull-request-queue';
import { createEventQueues } from './event-workers';
import { createComplianceQueues } from './compliance-workers';

export const QUEUES = {
  discoverAll: 'discover-all',
  discover: 'discover',
} as const;

/** The pg-boss queue scans used before migration 004; removed at start (its jobs were carried over). */
const LEGACY_SCAN_QUEUE = 'scan-repo';

export interface DiscoverJob {
  orgId: string;
  trigger: ScanTrigger;
}

export interface ScanRepoJob {
  orgId: string;
  repoId: string;
  scanId: string;
  /** The branch head its discovery read, when the request carried one (scan-queue.ts CarriedHead). */
  head?: CarriedHead;
}

// The `discover` pg-boss queue only carries requests that processes of the previous release send during
// an upgrade: its handler turns each into a discovery request (instant, so its expiry never matters).
// `short` (not `stately`): fetching never trips a unique index.
const DISCOVER_QUEUE: PgBoss.Queue = { name: QUEUES.discover, policy: 'short', expireInSeconds: 15 * 60, retryLimit: 1 };

export async function startQueue(store: Store, config: Config, log: Logger): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => store.executeSql(text, values) },
    schema: config.queueSchema,
    // Jobs are small records; keep a week of history for support.
    deleteAfterDays: 7,
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await withQueueSetupLock(store, async () => {
    await boss.start();
    await boss.createQueue(QUEUES.discover, DISCOVER_QUEUE);
    await boss.updateQueue(QUEUES.discover, DISCOVER_QUEUE); // installs created it as stately
    await boss.createQueue(QUEUES.discoverAll, { name: QUEUES.discoverAll, policy: 'standard' });
    if (await boss.getQueue(LEGACY_SCAN_QUEUE)) await boss.deleteQueue(LEGACY_SCAN_QUEUE);
    await createPostureQueues(boss);
    await createPullRequestQueues(boss);
    await createEventQueues(boss);
    await createComplianceQueues(boss);
  });
  return boss;
}

/**
 * Queue a discovery of one organization. Returns the organization id, or null when a discovery of it is
 * already waiting (the request coalesces into it).
 */
export async function requestDiscoveryOf(ctx: Pick<AppContext, 'store' | 'config'>, orgId: string, trigger: ScanTrigger): Promise<string | null> {
  if (!(await requestDiscovery(ctx.store.db, orgId, trigger, { notifyChannel: queueChannel(ctx) }))) return null;
  wakeWorkers(ctx.store);
  return orgId;
}

/** In-process wake-ups: each store's worker pools, called when a scan or a discovery becomes claimable. */
const wakers = new WeakMap<Store, Set<() => void>>();

export function onWorkQueued(store: Store, wake: () => void): () => void {
  let set = wakers.get(store);
  if (!set) wakers.set(store, (set = new Set()));
  set.add(wake);
  return () => set.delete(wake);
}

export function wakeWorkers(store: Store): void {
  for (const wake of wakers.get(store) ?? []) wake();
}

/** The NOTIFY channel of this installation's queues (PostgreSQL), or undefined on PGlite. */
export const queueChannel = (ctx: Pick<AppContext, 'store' | 'config'>): string | undefined =>
  ctx.store.kind === 'postgres' ? queueChannelOf(ctx.config.queueSchema) : undefined;

/**
 * Queue a scan of one repository. Returns the scan id, or null when a scan of that repository is
 * already waiting (the request coalesces into it: it scans the newest head when it starts) or when the
 * organization's repository selection excludes it (never scanned: every scan request comes through here).
 * `headSha`: the default branch's head just read (a discovery), carried to the scan; without it the
 * scan reads the head itself.
 */
export async function enqueueScan(
  ctx: Pick<AppContext, 'store' | 'config'>,
  orgId: string,
  repoId: string,
  trigger: ScanTrigger,
  opts: { headSha?: string } = {},
): Promise<string | null> {
  if (await isRepositoryExcluded(ctx.store.db, orgId, repoId)) return null;
  const { scanId, created } = await requestScan(ctx.store.db, orgId, repoId, trigger, { notifyChannel: queueChannel(ctx), headSha: opts.headSha });
  if (!created) return null;
  wakeWorkers(ctx.store);
  return scanId;
}
