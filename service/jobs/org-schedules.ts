// The organizations' own schedules (Settings › Schedule and › Retention), checked every hour:
// - a discovery for each organization with its own interval whose last one was asked for longer ago
//   (organizations without one follow VIGIL_DISCOVERY_CRON: discover.ts discoverAll);
// - once a day, the history of each organization with a retention is pruned (store/scan-settings.ts).
// Claims are UPDATE ... RETURNING on the organization's row, so two processes never both act on one.
import type PgBoss from 'pg-boss';
import type { AppContext } from '../context';
import { withQueueSetupLock } from '../store/db';
import { claimDueDiscoveries, claimDuePrunes, pruneHistory, type PruneCounts } from '../store/scan-settings';
import { requestDiscoveryOf } from './queue';

export const ORG_SCHEDULES_QUEUE = 'org-schedules';
/** Minute 11 of every hour: away from the hour, when the service's own crons fire. */
const EVERY_HOUR = '11 * * * *';
const PRUNE_EVERY_HOURS = 24;

export interface OrgSchedulesOutcome {
  discoveries: number;
  pruned: ({ orgId: string } & PruneCounts)[];
}

export async function runOrgSchedules(ctx: Pick<AppContext, 'store' | 'config' | 'log'>, now = new Date()): Promise<OrgSchedulesOutcome> {
  const { db } = ctx.store;
  let discoveries = 0;
  for (const orgId of await claimDueDiscoveries(db, now)) if (await requestDiscoveryOf(ctx, orgId, 'schedule')) discoveries++;
  const pruned: OrgSchedulesOutcome['pruned'] = [];
  for (const { orgId, days } of await claimDuePrunes(db, PRUNE_EVERY_HOURS, now)) {
    try {
      const counts = await pruneHistory(db, orgId, new Date(now.getTime() - days * 86_400_000));
      pruned.push({ orgId, ...counts });
      ctx.log.info({ orgId, retentionDays: days, ...counts }, 'history pruned');
    } catch (err) {
      ctx.log.warn({ orgId, err: (err as Error).message }, 'could not prune history; tried again tomorrow');
    }
  }
  return { discoveries, pruned };
}

export async function startOrgSchedules(ctx: AppContext, pollingIntervalSeconds: number): Promise<void> {
  const { boss } = ctx;
  // Under the queue setup lock like every other queue: processes starting together deadlock in create_queue otherwise.
  await withQueueSetupLock(ctx.store, () => boss.createQueue(ORG_SCHEDULES_QUEUE, { name: ORG_SCHEDULES_QUEUE, policy: 'standard' } satisfies PgBoss.Queue));
  await boss.work(ORG_SCHEDULES_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async () => {
    const r = await runOrgSchedules(ctx);
    return { discoveries: r.discoveries, pruned: r.pruned.length };
  });
  await boss.schedule(ORG_SCHEDULES_QUEUE, EVERY_HOUR);
}
