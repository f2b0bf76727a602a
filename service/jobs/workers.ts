import type { AppContext } from '../context';
import { discover, discoverAll } from './discover';
import { QUEUES, type DiscoverJob } from './queue';
import { startScanWorkers, type ScanWorkerPool } from './scan-workers';

/** pg-boss polls its queues (discovery only: scans are woken, not polled). */
const DISCOVERY_POLL_SECONDS = 1;

export interface Workers {
  scans: ScanWorkerPool;
  /** Stop claiming scans and give running ones `timeoutMs` (then abort and re-queue them). */
  stop(timeoutMs: number): Promise<void>;
}

/** The scan worker pool, the discovery handlers and the periodic discovery. */
export async function startWorkers(ctx: AppContext): Promise<Workers> {
  const { boss, config } = ctx;
  const scans = await startScanWorkers(ctx);
  try {
    await boss.work<DiscoverJob>(QUEUES.discover, { batchSize: 1, pollingIntervalSeconds: DISCOVERY_POLL_SECONDS }, async ([job]) => discover(ctx, job.data));
    await boss.work(QUEUES.discoverAll, { batchSize: 1, pollingIntervalSeconds: DISCOVERY_POLL_SECONDS }, async () => discoverAll(ctx));
    await boss.schedule(QUEUES.discoverAll, config.discoveryCron);
  } catch (err) {
    await scans.stop(0);
    throw err;
  }
  return { scans, stop: (timeoutMs) => scans.stop(timeoutMs) };
}
