// Disconnect an organization (DELETE /api/v1/organization): delete Vigil's service hook subscriptions in
// ADO (best effort: a PAT already revoked must not keep the data), then the organization's row, which
// deletes everything stored of it (every table references it ON DELETE CASCADE). Jobs still queued for
// it find no organization and end.
import type { AppContext } from '../context';
import { deleteOrganization } from '../store/hooks';
import { deleteSubscriptions } from './subscriptions';

export interface DisconnectOutcome {
  deleted: boolean;
  subscriptionsDeleted: number;
  /** Subscriptions that could not be deleted in ADO (an administrator removes them in Project settings > Service hooks). */
  subscriptionFailures: string[];
}

export async function disconnectOrganization(ctx: Pick<AppContext, 'store' | 'config' | 'log' | 'adoClient'>, orgId: string, by: string): Promise<DisconnectOutcome> {
  let subs: { deleted: number; failed: string[] };
  try {
    subs = await deleteSubscriptions(ctx, orgId);
  } catch (err) {
    subs = { deleted: 0, failed: [(err as Error).message] };
  }
  const deleted = await deleteOrganization(ctx.store.db, orgId);
  ctx.log.info({ orgId, by, subscriptionsDeleted: subs.deleted, subscriptionFailures: subs.failed }, 'organization disconnected');
  return { deleted, subscriptionsDeleted: subs.deleted, subscriptionFailures: subs.failed };
}
