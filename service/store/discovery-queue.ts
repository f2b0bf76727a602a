// The discovery queue: one discovery_requests row per organization (migration 006), with at most one
// pending request (a second one coalesces) and one running claim under a lease its worker renews, the
// same way as scans (scan-queue.ts). pg-boss used to run discoveries: a worker killed during one left
// its job active until expire_in (15 min to 1 h), and its in-process timeout would fail a long
// discovery of a big organization. Here a lapsed lease is reaped within lease + lease/3 and the
// discovery runs again. Discoveries are few (one per organization every few hours): oldest first,
// no per-organization fairness needed.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ScanTrigger } from '../contract/vocabulary';
import { notify, type NotifyOption } from './lease';
import type { Database } from './schema';

export interface DiscoveryClaim {
  orgId: string;
  trigger: ScanTrigger;
  token: string;
}

/** Ask for a discovery of an organization; false when one is already waiting (it coalesces). */
export async function requestDiscovery(db: Kysely<Database>, orgId: string, trigger: ScanTrigger, opts: NotifyOption = {}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('discovery_requests')
      .values({ org_id: orgId, pending_since: sql`now()`, pending_trigger: trigger })
      .onConflict((oc) =>
        oc
          .column('org_id')
          .doUpdateSet({ pending_since: sql`now()`, pending_trigger: trigger })
          .where('discovery_requests.pending_since', 'is', null),
      )
      .returning('org_id')
      .executeTakeFirst();
    if (row) await notify(trx, opts);
    return !!row;
  });
}

/** The oldest pending discovery of an organization not being discovered right now, claimed under a lease. */
export async function claimDiscovery(db: Kysely<Database>, opts: { workerId: string; leaseSeconds: number }): Promise<DiscoveryClaim | null> {
  return db.transaction().execute(async (trx) => {
    const next = await trx
      .selectFrom('discovery_requests')
      .select(['org_id', 'pending_trigger'])
      .where('pending_since', 'is not', null)
      .where('claim_token', 'is', null)
      .orderBy('pending_since')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!next) return null;
    const token = randomUUID();
    await trx
      .updateTable('discovery_requests')
      .set({
        pending_since: null,
        pending_trigger: null,
        running_trigger: next.pending_trigger,
        claim_token: token,
        claimed_by: opts.workerId,
        claimed_at: sql`now()`,
        lease_until: sql`now() + make_interval(secs => ${opts.leaseSeconds})`,
      })
      .where('org_id', '=', next.org_id)
      .execute();
    return { orgId: next.org_id, trigger: next.pending_trigger as ScanTrigger, token };
  });
}

const idle = { running_trigger: null, claim_token: null, claimed_by: null, lease_until: null } as const;
/** Idle again, the discovery it ran pending again: in its place (since its claim, or the waiting request's). */
const requeued = { ...idle, pending_since: sql<Date>`coalesce(pending_since, claimed_at)`, pending_trigger: sql<string>`coalesce(pending_trigger, running_trigger)` };

/** The discovery ended (or was given back unfinished with `requeue`). False when the claim was lost. */
export async function releaseDiscovery(
  db: Kysely<Database>,
  claim: DiscoveryClaim,
  opts: NotifyOption & { requeue?: boolean } = {},
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('discovery_requests')
      .set(opts.requeue ? requeued : idle)
      .where('org_id', '=', claim.orgId)
      .where('claim_token', '=', claim.token)
      .returning('pending_since')
      .executeTakeFirst();
    if (row?.pending_since) await notify(trx, opts);
    return !!row;
  });
}

/**
 * Discovery claims whose lease lapsed (or all of them, PGlite at start-up) are given up and the
 * discovery is queued again, in its place. Returns the organizations concerned.
 */
export async function reapDiscoveries(db: Kysely<Database>, opts: NotifyOption & { all?: boolean } = {}): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('discovery_requests').select('org_id').where('claim_token', 'is not', null);
    if (!opts.all) q = q.where('lease_until', '<', sql<Date>`now()`);
    const rows = await q.forUpdate().skipLocked().execute();
    if (rows.length === 0) return [];
    const orgIds = rows.map((r) => r.org_id);
    await trx.updateTable('discovery_requests').set(requeued).where('org_id', 'in', orgIds).execute();
    await notify(trx, opts);
    return orgIds;
  });
}
