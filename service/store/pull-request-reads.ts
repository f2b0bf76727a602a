// What the pull-request tab reads (GET /repositories/:repoId/pull-requests/:prId): the pull request as
// Vigil saw it, its newest scan, the threads Vigil posted on it, the gate severity in force and how
// events reach the organization. Writes are pull-requests.ts's (the scan job's).
import type { Kysely } from 'kysely';
import { DEFAULT_GATE_SEVERITY, GATE_SEVERITIES, type GateSeverity } from '../contract/vocabulary';
import type { Database, PullRequestRow, PullRequestScanRow, PullRequestThreadRow } from './schema';

export const readPullRequest = (db: Kysely<Database>, orgId: string, repoId: string, pullRequestId: number): Promise<PullRequestRow | undefined> =>
  db
    .selectFrom('pull_requests')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('pull_request_id', '=', pullRequestId)
    .executeTakeFirst();

/** The newest scan of the pull request (by queued_at). */
export const readLatestPullRequestScan = (db: Kysely<Database>, orgId: string, repoId: string, pullRequestId: number): Promise<PullRequestScanRow | undefined> =>
  db
    .selectFrom('pull_request_scans')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('pull_request_id', '=', pullRequestId)
    .orderBy('queued_at', 'desc')
    .orderBy('pr_scan_id', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Vigil's threads on the pull request, by the fingerprint of the finding each is about. */
export async function readPullRequestThreads(db: Kysely<Database>, orgId: string, repoId: string, pullRequestId: number): Promise<Map<string, PullRequestThreadRow>> {
  const rows = await db
    .selectFrom('pull_request_threads')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('pull_request_id', '=', pullRequestId)
    .execute();
  return new Map(rows.map((t) => [t.fingerprint, t]));
}

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
