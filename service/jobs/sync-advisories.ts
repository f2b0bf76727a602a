// The `sync-advisories` job: the OSV mirror kept up to date on VIGIL_ADVISORY_CRON (daily by default),
// one job at a time across every process (pg-boss singleton queue), and at start-up for ecosystems
// never synced when VIGIL_ADVISORY_SYNC_AT_START says so. Failures are recorded per ecosystem in the
// store (advisoryStatus) and logged; the worker never crashes for them.
import type PgBoss from 'pg-boss';
import type { AppContext } from '../context';
import { syncAdvisories, type AdvisorySyncReport } from '../deps/sync';
import { advisoryStatus } from '../store/advisories';
import { withQueueSetupLock, type Store } from '../store/db';
import { prunePackageMetadata } from '../store/package-metadata';

export const SYNC_ADVISORIES_QUEUE = 'sync-advisories';
const METADATA_GRACE_SECONDS = 7 * 24 * 3600;

// A first sync of every ecosystem downloads a few hundred MB: give it hours, never retry at once.
const QUEUE: PgBoss.Queue = { name: SYNC_ADVISORIES_QUEUE, policy: 'singleton', expireInSeconds: 4 * 3600, retryLimit: 0 };

/** Told what changed after each sync of a store's mirror (re-matching stored inventories hangs here). */
export type AdvisoriesChangedListener = (report: AdvisorySyncReport) => Promise<void> | void;
const listeners = new WeakMap<Store, Set<AdvisoriesChangedListener>>();

/** Listens to the syncs this process runs on `store`; returns the way to stop listening. */
export function onAdvisoriesSynced(store: Store, listener: AdvisoriesChangedListener): () => void {
  let set = listeners.get(store);
  if (!set) listeners.set(store, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/** One sync of the configured ecosystems; a summary for pg-boss's job output (no package list: it can be large). */
export async function runAdvisorySync(ctx: Pick<AppContext, 'store' | 'config' | 'log'>, signal?: AbortSignal): Promise<AdvisorySyncReport> {
  const { config, log } = ctx;
  const report = await syncAdvisories(ctx.store.db, {
    baseUrl: config.advisories.osvBaseUrl,
    ecosystems: config.advisories.ecosystems,
    tmpDir: config.tmpDir,
    signal,
  });
  for (const e of report.ecosystems) {
    const fields = { ecosystem: e.ecosystem, mode: e.mode, read: e.read, written: e.written, withdrawn: e.withdrawn, records: e.recordCount, warnings: e.warnings, ms: e.durationMs };
    if (e.error) log.warn({ ...fields, error: e.error }, 'advisory sync failed for an ecosystem');
    else log.info(fields, 'advisories synced');
    for (const w of e.warningSamples) log.debug({ ecosystem: e.ecosystem, ...w }, 'advisory record skipped');
  }
  // Housekeeping rides along: registry answers expired a week ago are not worth keeping.
  await prunePackageMetadata(ctx.store.db, METADATA_GRACE_SECONDS).catch((err: unknown) => log.warn({ err }, 'package metadata cache not pruned'));
  for (const listener of listeners.get(ctx.store) ?? []) {
    try {
      await listener(report);
    } catch (err) {
      log.error({ err }, 'a listener of the advisory sync failed');
    }
  }
  return report;
}

/**
 * Registers the queue, its worker and its schedule (or removes the schedule when the cron is 'off').
 * Returns stop(): a running sync is aborted (what it stored stays; the next sync resumes from the state).
 */
export async function startAdvisorySync(ctx: AppContext, pollingIntervalSeconds: number): Promise<{ stop(): void }> {
  const { boss, config } = ctx;
  const shutdown = new AbortController();
  const stop = () => shutdown.abort();
  await withQueueSetupLock(ctx.store, () => boss.createQueue(SYNC_ADVISORIES_QUEUE, QUEUE));
  await boss.work(SYNC_ADVISORIES_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async () => {
    const report = await runAdvisorySync(ctx, shutdown.signal);
    return {
      ecosystems: report.ecosystems.map(({ warningSamples: _samples, ...e }) => e),
      changedPackages: report.changedPackages.length,
      changedTruncated: report.changedTruncated,
      startedAt: report.startedAt.toISOString(),
    };
  });
  if (config.advisories.cron === 'off') {
    await boss.unschedule(SYNC_ADVISORIES_QUEUE);
    return { stop };
  }
  await boss.schedule(SYNC_ADVISORIES_QUEUE, config.advisories.cron);
  if (config.advisories.syncAtStart) {
    const synced = new Set((await advisoryStatus(ctx.store.db)).filter((s) => s.lastFullSyncAt).map((s) => s.ecosystem));
    if (config.advisories.ecosystems.some((e) => !synced.has(e))) await boss.send(SYNC_ADVISORIES_QUEUE, {});
  }
  return { stop };
}
