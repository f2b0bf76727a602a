// What the pull-request tab reads besides the pull request, its scans and threads (pull-requests.ts):
// the gate severity in force and how events reach the organization.
import type { Kysely } from 'kysely';
import { DEFAULT_GATE_SEVERITY, GATE_SEVERITIES, type GateSeverity } from '../contract/vocabulary';
import type { Database } from './schema';

const asGateSeverity = (v: string | null | undefined): GateSeverity | undefined =>
  v && (GATE_SEVERITIES as readonly string[]).includes(v) ? (v as GateSeverity) : undefined;

export interface GateInForce {
  severity: GateSeverity;
  source: 'organization' | 'repository';
  comments: boolean;
}

/** The gate a repository's pull requests meet: its own severity when set, else the organization's. */
export async function readGateInForce(db: Kysely<Database>, orgId: string, repoId: string): Promise<GateInForce | undefined> {
  const row = await db
    .selectFrom('organizations as o')
    .leftJoin('repositories as r', (j) => j.onRef('r.org_id', '=', 'o.org_id').on('r.repo_id', '=', repoId))
    .select(['o.gate_severity as org_severity', 'o.pr_comments', 'r.gate_severity as repo_severity'])
    .where('o.org_id', '=', orgId)
    .executeTakeFirst();
  if (!row) return undefined;
  const own = asGateSeverity(row.repo_severity);
  return {
    severity: own ?? asGateSeverity(row.org_severity) ?? DEFAULT_GATE_SEVERITY,
    source: own ? 'repository' : 'organization',
    comments: row.pr_comments,
  };
}

/** How ADO's events reach the organization: hooks, polling, or unknown (not set up yet). */
export async function readEventMode(db: Kysely<Database>, orgId: string): Promise<'hooks' | 'polling' | 'unknown'> {
  const row = await db.selectFrom('hook_endpoints').select('mode').where('org_id', '=', orgId).executeTakeFirst();
  return row?.mode === 'hooks' || row?.mode === 'polling' ? row.mode : 'unknown';
}

/** Sets (or, with null, clears) a repository's own gate severity; false when the repository is unknown. */
export async function setRepositoryGateSeverity(db: Kysely<Database>, orgId: string, repoId: string, severity: GateSeverity | null): Promise<boolean> {
  const res = await db
    .updateTable('repositories')
    .set({ gate_severity: severity })
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
