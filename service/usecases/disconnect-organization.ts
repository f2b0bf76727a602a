// Disconnect an organization (DELETE /api/v1/organization): delete Vigil's service hook subscriptions in
// ADO (best effort: a PAT already revoked must not keep the data), then the organization's row, which
// deletes everything stored of it (every table references it ON DELETE CASCADE). Jobs still queued for
// it find no organization and end. The request is audited first, but the audit log is the organization's
// too: it is deleted with the rest, and only the service log ('organization disconnected') keeps the act.
import type { AppContext } from '../context';
import { recordAudit, type AuditActor } from '../store/audit-log';
import { deleteOrganization } from '../store/hooks';
import { deleteSubscriptions } from './subscriptions';

export interface DisconnectOutcome {
  deleted: boolean;
  subscriptionsDeleted: number;
  /** Subscriptions that could not be deleted in ADO (an administrator removes them in Project settings > Service hooks). */
  subscriptionFailures: string[];
}

export async function disconnectOrganization(
  ctx: Pick<AppContext, 'store' | 'config' | 'log' | 'adoClient'>,
  orgId: string,
  by: string,
  actor: AuditActor = { id: by },
): Promise<DisconnectOutcome> {
  await recordAudit(ctx.store.db, orgId, { actor, action: 'organization.disconnect-requested', target: 'organization' }).catch(() => undefined); // gone already: the delete says so
  let subs: { deleted: number; failed: string[] };
  try {
    subs = await deleteSubscriptions(ctx, orgId);
  } catch (err) {
    subs = { deleted: 0, failed: [(err as Error).message] };
  }
  const deleted = await deleteOrganization(ctx.store.db, orgId);
  ctx.log.info({ orgId, by, byName: actor.name, requestId: actor.requestId, subscriptionsDeleted: subs.deleted, subscriptionFailures: subs.failed }, 'organization disconnected');
  return { deleted, subscriptionsDeleted: subs.deleted, subscriptionFailures: subs.failed };
}
