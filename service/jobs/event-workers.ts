// The event path's queues and schedules (pg-boss 10):
//  - hook-subscriptions: ensure one organization's service hook subscriptions (usecases/subscriptions.ts),
//    `stately` keyed by organization; sent at connect and by the repair schedule;
//  - hook-subscriptions-all: on VIGIL_DISCOVERY_CRON, asks for every organization's repair 5 minutes
//    later (after the discovery the same schedule starts, so that new projects are subscribed);
//  - record-build: one build.complete (record-build.ts);
//  - poll-events: every minute, polls the organizations in polling mode whose round is due (poll-events.ts);
//  - hook-events-prune: hourly, forgets event ids older than 7 days.
import type PgBoss from 'pg-boss';
import type { AppContext } from '../context';
import { pruneEvents } from '../store/hooks';
import { listOrganizations } from '../store/organizations';
import { ensureSubscriptions } from '../usecases/subscriptions';
import { pollDueOrganizations } from './poll-events';
import { RECORD_BUILD_QUEUE, recordBuild, type RecordBuildJob } from './record-build';

export const HOOK_SUBSCRIPTIONS_QUEUE = 'hook-subscriptions';
export const HOOK_SUBSCRIPTIONS_ALL_QUEUE = 'hook-subscriptions-all';
export const POLL_EVENTS_QUEUE = 'poll-events';
export const PRUNE_HOOK_EVENTS_QUEUE = 'hook-events-prune';

/** Seconds after the discovery schedule fires that the repairs run. */
const REPAIR_DELAY_SECONDS = 300;

export interface HookSubscriptionsJob {
  orgId: string;
}

const QUEUES: PgBoss.Queue[] = [
  { name: HOOK_SUBSCRIPTIONS_QUEUE, policy: 'stately', expireInSeconds: 15 * 60, retryLimit: 2, retryDelay: 60 },
  { name: HOOK_SUBSCRIPTIONS_ALL_QUEUE, policy: 'singleton', retryLimit: 0 },
  // ADO may throttle or fail for a moment: a few retries, spaced.
  { name: RECORD_BUILD_QUEUE, policy: 'standard', expireInSeconds: 15 * 60, retryLimit: 3, retryDelay: 30, retryBackoff: true },
  { name: POLL_EVENTS_QUEUE, policy: 'singleton', expireInSeconds: 30 * 60, retryLimit: 0 },
  { name: PRUNE_HOOK_EVENTS_QUEUE, policy: 'singleton', retryLimit: 0 },
];

/** Called where the queues are set up (jobs/queue.ts startQueue): a web-only process sends to them too. */
export async function createEventQueues(boss: PgBoss): Promise<void> {
  for (const q of QUEUES) await boss.createQueue(q.name, q);
}

/** This process's subscriptions worker, woken when a set-up is sent here (else it polls every few seconds). */
const localWorker = new WeakMap<PgBoss, string>();

/** Queue a repair (or first set-up) of an organization's subscriptions; false when one already waits. */
export async function requestSubscriptionRepair(ctx: Pick<AppContext, 'boss'>, orgId: string, startAfterSeconds?: number): Promise<boolean> {
  const opts: PgBoss.SendOptions = { singletonKey: orgId, ...(startAfterSeconds ? { startAfter: startAfterSeconds } : {}) };
  const id = await ctx.boss.send(HOOK_SUBSCRIPTIONS_QUEUE, { orgId } satisfies HookSubscriptionsJob, opts);
  const worker = localWorker.get(ctx.boss);
  if (id !== null && worker && !startAfterSeconds) ctx.boss.notifyWorker(worker);
  return id !== null;
}

export async function startEventWorkers(ctx: AppContext, pollingIntervalSeconds: number): Promise<{ stop(timeoutMs: number): void }> {
  const { boss, config } = ctx;
  const shutdown = new AbortController();
  const opts = { batchSize: 1, pollingIntervalSeconds };
  await createEventQueues(boss);
  const worker = await boss.work<HookSubscriptionsJob>(HOOK_SUBSCRIPTIONS_QUEUE, opts, async ([job]) => {
    const r = await ensureSubscriptions(ctx, job.data.orgId);
    return { mode: r.mode, created: r.created, reenabled: r.reenabled, updated: r.updated, deleted: r.deleted };
  });
  localWorker.set(boss, worker);
  await boss.work(HOOK_SUBSCRIPTIONS_ALL_QUEUE, opts, async () => {
    let queued = 0;
    for (const org of await listOrganizations(ctx.store.db)) if (await requestSubscriptionRepair(ctx, org.org_id, REPAIR_DELAY_SECONDS)) queued++;
    return { queued };
  });
  await boss.work<RecordBuildJob>(RECORD_BUILD_QUEUE, opts, async ([job]) => ({ outcome: await recordBuild(ctx, job.data) }));
  await boss.work(POLL_EVENTS_QUEUE, opts, async () => ({ polled: await pollDueOrganizations(ctx, Date.now(), shutdown.signal) }));
  await boss.work(PRUNE_HOOK_EVENTS_QUEUE, opts, async () => ({ pruned: await pruneEvents(ctx.store.db) }));
  await boss.schedule(HOOK_SUBSCRIPTIONS_ALL_QUEUE, config.discoveryCron);
  await boss.schedule(POLL_EVENTS_QUEUE, '* * * * *');
  await boss.schedule(PRUNE_HOOK_EVENTS_QUEUE, '29 * * * *');
  return { stop: (timeoutMs) => void setTimeout(() => shutdown.abort(), timeoutMs).unref() };
}
