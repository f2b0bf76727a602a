// pg-boss 10 on PostgreSQL or, through the same adapter as Kysely, on embedded PGlite.
import PgBoss from 'pg-boss';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Store } from '../store/db';
import { createScan, deleteScan, type ScanTrigger } from '../store/scans';
import { setRepositoryScanState } from '../store/repositories';
import type { AppContext } from '../context';

export const QUEUES = {
  discoverAll: 'discover-all',
  discover: 'discover',
  scanRepo: 'scan-repo',
} as const;

export interface DiscoverJob {
  orgId: string;
  trigger: ScanTrigger;
}

export interface ScanRepoJob {
  orgId: string;
  repoId: string;
  scanId: string;
}

export async function startQueue(store: Store, config: Config, log: Logger): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => store.executeSql(text, values) },
    schema: config.queueSchema,
    // Jobs are small records; keep a week of history for support.
    deleteAfterDays: 7,
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();
  // stately: at most one queued and one running job per singleton key (one repository).
  await boss.createQueue(QUEUES.scanRepo, { name: QUEUES.scanRepo, policy: 'stately', expireInSeconds: 3 * 3600, retryLimit: 1 });
  await boss.createQueue(QUEUES.discover, { name: QUEUES.discover, policy: 'stately', expireInSeconds: 3600, retryLimit: 1 });
  await boss.createQueue(QUEUES.discoverAll, { name: QUEUES.discoverAll, policy: 'standard' });
  return boss;
}

export async function enqueueDiscover(boss: PgBoss, orgId: string, trigger: ScanTrigger): Promise<string | null> {
  return boss.send(QUEUES.discover, { orgId, trigger } satisfies DiscoverJob, { singletonKey: orgId });
}

/**
 * Queue a scan of one repository. Returns the scan id, or null when a scan of that repository is
 * already waiting (the queue keeps one waiting job per repository).
 */
export async function enqueueScan(
  ctx: Pick<AppContext, 'store' | 'boss'>,
  orgId: string,
  repoId: string,
  trigger: ScanTrigger,
): Promise<string | null> {
  const scanId = await createScan(ctx.store.db, orgId, repoId, trigger);
  const jobId = await ctx.boss.send(QUEUES.scanRepo, { orgId, repoId, scanId } satisfies ScanRepoJob, {
    singletonKey: `${orgId}:${repoId}`,
  });
  if (!jobId) {
    await deleteScan(ctx.store.db, orgId, scanId);
    return null;
  }
  await setRepositoryScanState(ctx.store.db, orgId, repoId, 'queued', { lastScanId: scanId });
  return scanId;
}
