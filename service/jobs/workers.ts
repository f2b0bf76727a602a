import type { AppContext } from '../context';
import { startPostureWorkers } from './assess-posture';
import { startPullRequestWorkers } from './pull-request-workers';
import { discoverAll } from './discover';
import { startEventWorkers } from './event-workers';
import { startOrgSchedules } from './org-schedules';
import { startComplianceWorkers } from './compliance-workers';
import { QUEUES, requestDiscoveryOf, type DiscoverJob } from './queue';
import { startScanWorkers, type ScanWorkerPool } from './scan-workers';
import { rematchAfterSync } from './rematch-deps';
import { onAdvisoriesSynced, startAdvisorySync } from './sync-advisories';

/** pg-boss polls its queues (the schedule only: scans and discoveries are woken, not polled). */
const SCHEDULE_POLL_SECONDS = 5;

export interface Workers {
  scans: ScanWorkerPool;
  /** Stop claiming; give running scans and discoveries `timeoutMs` (then abort and re-queue them). */
  stop(timeoutMs: number): Promise<void>;
}

/** The worker pool (scans and discoveries) and the discovery schedule. */
export async function startWorkers(ctx: AppContext): Promise<Workers> {
  const { boss, config } = ctx;
  const scans = await startScanWorkers(ctx);
  let advisorySync: { stop(): void } | undefined;
  let posture: { stop(timeoutMs: number): void } | undefined;
  let pullRequests: { stop(timeoutMs: number): void } | undefined;
  let events: { stop(timeoutMs: number): void } | undefined;
  let compliance: { stop(timeoutMs: number): void } | undefined;
  // Stored inventories are matched again after each sync of this process (no repository downloaded).
  const stopRematch = onAdvisoriesSynced(ctx.store, async (report) => void (await rematchAfterSync(ctx, report)));
  try {
    await boss.work<DiscoverJob>(QUEUES.discover, { batchSize: 1, pollingIntervalSeconds: SCHEDULE_POLL_SECONDS }, async ([job]) => {
      await requestDiscoveryOf(ctx, job.data.orgId, job.data.trigger); // sent by a process of the previous release
    });
    await boss.work(QUEUES.discoverAll, { batchSize: 1, pollingIntervalSeconds: SCHEDULE_POLL_SECONDS }, async () => discoverAll(ctx));
    await boss.schedule(QUEUES.discoverAll, config.discoveryCron);
    advisorySync = await startAdvisorySync(ctx, SCHEDULE_POLL_SECONDS);
    posture = await startPostureWorkers(ctx, SCHEDULE_POLL_SECONDS);
    pullRequests = await startPullRequestWorkers(ctx, SCHEDULE_POLL_SECONDS);
    events = await startEventWorkers(ctx, SCHEDULE_POLL_SECONDS);
    await startOrgSchedules(ctx, SCHEDULE_POLL_SECONDS);
    compliance = await startComplianceWorkers(ctx, SCHEDULE_POLL_SECONDS);
  } catch (err) {
    stopRematch();
    await scans.stop(0);
    throw err;
  }
  return {
    scans,
    stop: (timeoutMs) => {
      stopRematch();
      advisorySync?.stop();
      posture?.stop(timeoutMs);
      pullRequests?.stop(timeoutMs);
      events?.stop(timeoutMs);
      compliance?.stop(timeoutMs);
      return scans.stop(timeoutMs);
    },
  };
}
