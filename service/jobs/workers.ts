import type { AppContext } from '../context';
import { discover, discoverAll } from './discover';
import { QUEUES, type DiscoverJob, type ScanRepoJob } from './queue';
import { scanRepository } from './scan-repo';

const POLL_SECONDS = 1;

/** Register the handlers and the periodic discovery. Concurrency = one work() loop per slot. */
export async function startWorkers(ctx: AppContext, signal: AbortSignal): Promise<void> {
  const { boss, config } = ctx;
  for (let i = 0; i < config.scanConcurrency; i++) {
    await boss.work<ScanRepoJob>(QUEUES.scanRepo, { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS }, async ([job]) =>
      scanRepository(ctx, job.data, signal),
    );
  }
  await boss.work<DiscoverJob>(QUEUES.discover, { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS }, async ([job]) => discover(ctx, job.data));
  await boss.work(QUEUES.discoverAll, { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS }, async () => discoverAll(ctx));
  await boss.schedule(QUEUES.discoverAll, config.discoveryCron);
}
