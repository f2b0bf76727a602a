// POST /api/v1/findings/bulk-dismissal and /findings/bulk-reopen: one reason for the selected alerts
// (organization administrators, as for one alert). Each id answers for itself; one unknown id does not
// stop the others.
import { Router, type Request } from 'express';
import type { AppContext } from '../context';
import { bulkDismissRequestSchema, bulkReopenRequestSchema, type BulkOutcome, type BulkTriageResponse } from '../contract/findings-bulk-api';
import { badRequest } from '../errors';
import { requestThreadResolution } from '../jobs/pull-request-queue';
import { getFinding } from '../store/finding-queries';
import { dismissFindingGroup, reopenFindingGroup } from '../store/findings';
import { dayOf } from '../triage/dismissal';
import { recordAudit } from '../store/audit-log';
import { requireOrg, requireOrgAdmin } from './auth';
import { auditActorOf } from './settings-routes';

export function findingsBulkRouter(ctx: AppContext): Router {
  const r = Router();

  /** Runs `change` on each id once, in order; an id whose alert did not change is told apart from an unknown one. */
  async function each(orgId: string, ids: string[], changedAs: BulkOutcome, change: (id: string) => Promise<number>): Promise<BulkTriageResponse> {
    const results: BulkTriageResponse['results'] = [];
    for (const id of [...new Set(ids)]) {
      const locations = await change(id);
      const outcome = locations ? changedAs : (await getFinding(ctx.store.db, orgId, id)) ? 'unchanged' : 'not-found';
      results.push({ id, outcome, locations });
    }
    return { results, changed: results.filter((x) => x.outcome === changedAs).length };
  }

  /**
   * One audit entry per bulk request that changed something, written after the changes: each alert
   * changes in its own transaction (as one dismissal does), so that a long list holds no locks for long.
   */
  async function recordBulk(req: Request, orgId: string, action: string, answer: BulkTriageResponse, request: object): Promise<void> {
    const changed = answer.results.filter((x) => x.outcome !== 'unchanged' && x.outcome !== 'not-found').map((x) => x.id);
    if (!changed.length) return;
    await recordAudit(ctx.store.db, orgId, { actor: auditActorOf(req), action, target: `${changed.length} finding${changed.length === 1 ? '' : 's'}`, after: { ...request, findings: changed } });
  }

  r.post('/findings/bulk-dismissal', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const body = bulkDismissRequestSchema.parse(req.body);
    if (body.expires && body.expires < dayOf(new Date())) throw badRequest('expires: must not be in the past');
    const { ids, ...request } = body;
    const at = new Date().toISOString();
    const answer = await each(org.org_id, ids, 'dismissed', async (id) => {
      const n = await dismissFindingGroup(ctx.store.db, org.org_id, id, { ...request, by: caller.userId, byName: caller.displayName, at });
      if (n) await requestThreadResolution(ctx, org.org_id, id); // Vigil's PR threads of the finding are closed by a job
      return n;
    });
    await recordBulk(req, org.org_id, 'findings.bulk-dismissed', answer, request);
    ctx.log.info({ orgId: org.org_id, by: caller.userId, reason: request.reason, asked: ids.length, changed: answer.changed }, 'findings dismissed in bulk');
    res.json(answer);
  });

  r.post('/findings/bulk-reopen', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const { ids } = bulkReopenRequestSchema.parse(req.body);
    const answer = await each(org.org_id, ids, 'reopened', (id) => reopenFindingGroup(ctx.store.db, org.org_id, id));
    await recordBulk(req, org.org_id, 'findings.bulk-reopened', answer, {});
    ctx.log.info({ orgId: org.org_id, by: caller.userId, asked: ids.length, changed: answer.changed }, 'findings reopened in bulk');
    res.json(answer);
  });

  return r;
}
