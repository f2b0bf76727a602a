// Writes of findings: a repository's reconcile, and dismissals. The rules are triage's; this module
// reads what they need and persists what they decide, in batches.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Finding } from '../contract/model';
import { locationPath } from '../contract/places';
import { severityRank, type Category, type FindingState } from '../contract/vocabulary';
import { dayOf, planDismiss, planExpiry, planReopen, type Dismissal, type DismissalChange, type DismissalSubject } from '../triage/dismissal';
import { groupKeysToCheck, planReconcile, uniqueByFingerprint, type FindingRefresh, type GroupDismissal } from '../triage/reconcile';
import { inTransaction } from './db';
import type { Database } from './schema';

export interface ReconcileResult {
  new: number;
  fixed: number;
  open: number;
}

/** Rows per statement: 30 columns x 300 rows stays well under PostgreSQL's 65,535 parameters. */
const CHUNK = 300;

const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
};
const jsonOrNull = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
const cweOf = (f: Finding): string | null => (f.cwe?.length ? JSON.stringify(f.cwe) : null);

/**
 * Which of a repository's stored findings a reconcile answers for. `only`: these categories alone
 * (a re-match of stored packages after an advisory sync reports deps findings only); `except`: every
 * category but these (a scanner that failed or lacked its dataset said nothing about its findings,
 * so they are neither fixed nor refreshed); `paths`: the findings located in these files alone (an
 * incremental scan read the files a push changed or deleted: the others' findings stay as they are).
 * Reported findings outside the scope are ignored.
 */
export interface ReconcileScope {
  only?: readonly Category[];
  except?: readonly Category[];
  /** Repository-relative file paths; a finding without a file (an ADO object) is outside them. */
  paths?: readonly string[];
}

const inScope = (category: string, scope: ReconcileScope): boolean =>
  (!scope.only || scope.only.includes(category as Category)) && !scope.except?.includes(category as Category);

const scoped = (scope: ReconcileScope): boolean => !!(scope.only || scope.except || scope.paths);

/**
 * A rescan of a repository's default branch: keep the identity of findings still reported, mark
 * vanished ones fixed, add new ones (triage/reconcile decides which is which). In `db`'s transaction
 * when it is one.
 */
export async function reconcileFindings(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  scanId: string,
  commitSha: string,
  reported: Finding[],
  scope: ReconcileScope = {},
): Promise<ReconcileResult> {
  const paths = scope.paths ? new Set(scope.paths) : undefined;
  const inPaths = (path: string | null | undefined): boolean => !paths || (typeof path === 'string' && paths.has(path));
  const findings = scoped(scope) ? reported.filter((f) => inScope(f.category, scope) && inPaths(locationPath(f.location))) : reported;
  const now = new Date();
  const today = dayOf(now);
  return inTransaction(db, async (trx) => {
    // Lapsed dismissals are not expired here (discover does that per organization, and planReconcile
    // ignores them): that would write rows of other repositories, which this transaction does not lock.
    const repo = await trx.selectFrom('repositories').select('project_id').where('org_id', '=', orgId).where('repo_id', '=', repoId).executeTakeFirstOrThrow();
    // Locked until the commit: the states written below are computed from this read, so a dismiss or
    // reopen of these rows waits for it (and then reads what this wrote) instead of being undone by it.
    // In id order, as alertLocations locks, so that the two cannot deadlock.
    let existingQuery = trx
      .selectFrom('findings')
      .select(['finding_id', 'fingerprint', 'state', 'dismissal', 'group_key', 'category', sql<string | null>`location->>'path'`.as('path')])
      .where('org_id', '=', orgId)
      .where('repo_id', '=', repoId);
    // Only the scope's files are read (and locked): an incremental scan of a large repository touches few.
    if (scope.paths) existingQuery = existingQuery.where(sql<boolean>`location->>'path' = ANY(${[...scope.paths]}::text[])`);
    const existing = (await existingQuery.orderBy('finding_id').forUpdate().execute())
      .filter((e) => inScope(e.category, scope) && inPaths(e.path))
      .map((e) => ({ findingId: e.finding_id, fingerprint: e.fingerprint, state: e.state as FindingState, dismissal: e.dismissal, groupKey: e.group_key }));
    const current = uniqueByFingerprint(findings);
    const plan = planReconcile({
      existing,
      current,
      groupDismissals: await groupDismissals(trx, orgId, groupKeysToCheck(existing, current)),
      today,
      newId: randomUUID,
    });

    for (const batch of chunks(plan.inserts)) {
      await trx
        .insertInto('findings')
        .values(
          batch.map(({ findingId, groupKey, finding: f, state, dismissal }) => ({
            org_id: orgId,
            finding_id: findingId,
            repo_id: repoId,
            project_id: repo.project_id,
            fingerprint: f.fingerprint,
            group_key: groupKey,
            rule_id: f.ruleId,
            category: f.category,
            severity: f.severity,
            severity_rank: severityRank(f.severity),
            confidence: f.confidence,
            title: f.title,
            message: f.message,
            location: JSON.stringify(f.location),
            details: JSON.stringify(f.details ?? {}),
            cwe: cweOf(f),
            remediation: f.remediation,
            help_uri: f.helpUri ?? null,
            state,
            suppression: jsonOrNull(f.suppressed),
            dismissal: jsonOrNull(dismissal),
            commit_sha: commitSha,
            first_seen_scan: scanId,
            last_seen_scan: scanId,
            first_seen_at: now,
            last_seen_at: now,
            ...verificationColumns(f),
          })),
        )
        .execute();
    }
    for (const batch of chunks(plan.refreshes)) await refresh(trx, orgId, batch, { projectId: repo.project_id, commitSha, scanId, now });
    for (const batch of chunks(plan.fixed)) {
      await trx.updateTable('findings').set({ state: 'fixed', fixed_at: now }).where('org_id', '=', orgId).where('finding_id', 'in', batch).execute();
    }

    const [{ n }] = await trx
      .selectFrom('findings')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', orgId)
      .where('repo_id', '=', repoId)
      .where('state', '=', 'open')
      .execute();
    return { new: plan.inserts.length, fixed: plan.fixed.length, open: Number(n) };
  });
}

/** A finding's verification (service/verify) as the findings columns hold it. */
const verificationColumns = (f: Finding) => ({
  verification: f.verification?.state ?? null,
  verified_at: f.verification?.at ?? null,
  verification_provider: f.verification?.provider ?? null,
  verification_detail: f.verification?.detail ?? null,
});

/** In refresh: the scan brought no verification, or only "unknown" where a verified or invalid answer is stored. */
const KEEP_VERIFICATION = sql`(u.verification IS NULL OR (u.verification = 'unknown' AND coalesce(t.verification IN ('verified', 'invalid'), false)))`;

/**
 * One UPDATE per batch from unnest'ed arrays: row-by-row updates crawl on both engines. A verification
 * is replaced by a newer answer, except that "unknown" (or no check at all: verification off, the cap
 * reached) keeps a stored verified or invalid answer, whose time says how old it is.
 */
async function refresh(
  db: Kysely<Database>,
  orgId: string,
  batch: FindingRefresh[],
  seen: { projectId: string; commitSha: string; scanId: string; now: Date },
): Promise<void> {
  const col = <T>(pick: (r: FindingRefresh) => T): T[] => batch.map(pick);
  await sql`
    UPDATE findings AS t SET
      group_key = u.group_key, location = u.location::jsonb, details = u.details::jsonb, cwe = u.cwe::jsonb,
      message = u.message, severity = u.severity, severity_rank = u.severity_rank, confidence = u.confidence,
      title = u.title, remediation = u.remediation, help_uri = u.help_uri,
      state = u.state, suppression = u.suppression::jsonb, project_id = ${seen.projectId}, commit_sha = ${seen.commitSha},
      last_seen_scan = ${seen.scanId}, last_seen_at = ${seen.now}, fixed_at = NULL,
      verification = CASE WHEN ${KEEP_VERIFICATION} THEN t.verification ELSE u.verification END,
      verified_at = CASE WHEN ${KEEP_VERIFICATION} THEN t.verified_at ELSE u.verified_at::timestamptz END,
      verification_provider = CASE WHEN ${KEEP_VERIFICATION} THEN t.verification_provider ELSE u.verification_provider END,
      verification_detail = CASE WHEN ${KEEP_VERIFICATION} THEN t.verification_detail ELSE u.verification_detail END
    FROM unnest(
      ${col((r) => r.findingId)}::uuid[], ${col((r) => r.groupKey)}::text[],
      ${col((r) => JSON.stringify(r.finding.location))}::text[], ${col((r) => JSON.stringify(r.finding.details ?? {}))}::text[],
      ${col((r) => cweOf(r.finding))}::text[], ${col((r) => r.finding.message)}::text[],
      ${col((r) => r.finding.severity)}::text[], ${col((r) => severityRank(r.finding.severity))}::int[],
      ${col((r) => r.finding.confidence)}::text[], ${col((r) => r.finding.title)}::text[],
      ${col((r) => r.finding.remediation)}::text[], ${col((r) => r.finding.helpUri ?? null)}::text[],
      ${col((r) => r.state)}::text[], ${col((r) => jsonOrNull(r.finding.suppressed))}::text[],
      ${col((r) => r.finding.verification?.state ?? null)}::text[], ${col((r) => r.finding.verification?.at ?? null)}::text[],
      ${col((r) => r.finding.verification?.provider ?? null)}::text[], ${col((r) => r.finding.verification?.detail ?? null)}::text[]
    ) AS u(id, group_key, location, details, cwe, message, severity, severity_rank, confidence, title, remediation, help_uri, state, suppression,
      verification, verified_at, verification_provider, verification_detail)
    WHERE t.org_id = ${orgId} AND t.finding_id = u.id`.execute(db);
}

/** Every dismissal stored on the given groups, anywhere in the organization. */
async function groupDismissals(db: Kysely<Database>, orgId: string, groupKeys: string[]): Promise<GroupDismissal[]> {
  const found: GroupDismissal[] = [];
  for (const batch of chunks(groupKeys)) {
    const rows = await db
      .selectFrom('findings')
      .select(['group_key', 'dismissal'])
      .where('org_id', '=', orgId)
      .where('group_key', 'in', batch)
      .where('dismissal', 'is not', null)
      .execute();
    for (const r of rows) found.push({ groupKey: r.group_key, dismissal: r.dismissal! });
  }
  return found;
}

/**
 * The stored locations of the alert a finding belongs to, locked until the caller's transaction ends:
 * the states it writes are computed from this read, so a reconcile marking a location fixed meanwhile
 * waits for it instead of being undone by it. In id order, as reconcileFindings locks.
 */
async function alertLocations(db: Kysely<Database>, orgId: string, findingId: string): Promise<DismissalSubject[]> {
  const rows = await db
    .selectFrom('findings')
    .select(['finding_id', 'state', 'dismissal', 'suppression'])
    .where('org_id', '=', orgId)
    .where('group_key', '=', (eb) => eb.selectFrom('findings').select('group_key').where('org_id', '=', orgId).where('finding_id', '=', findingId))
    .orderBy('finding_id')
    .forUpdate()
    .execute();
  return rows.map((r) => ({ findingId: r.finding_id, state: r.state as FindingState, dismissal: r.dismissal, suppressed: r.suppression !== null }));
}

async function writeDismissalChanges(db: Kysely<Database>, orgId: string, changes: DismissalChange[]): Promise<void> {
  for (const batch of chunks(changes)) {
    await sql`
      UPDATE findings AS t SET state = u.state, dismissal = u.dismissal::jsonb
      FROM unnest(${batch.map((c) => c.findingId)}::uuid[], ${batch.map((c) => c.state)}::text[], ${batch.map((c) => jsonOrNull(c.dismissal))}::text[])
        AS u(id, state, dismissal)
      WHERE t.org_id = ${orgId} AND t.finding_id = u.id`.execute(db);
  }
}

/**
 * Dismissals whose expiry passed stop holding: the finding reopens and the record says it expired.
 * The candidates are locked (in id order, as the other writers lock) so that a reopen or a new
 * dismissal committed meanwhile is not overwritten.
 */
export async function expireDismissals(db: Kysely<Database>, orgId: string, today = dayOf(new Date())): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const candidates = await trx
      .selectFrom('findings')
      .select(['finding_id', 'state', 'dismissal', 'suppression'])
      .where('org_id', '=', orgId)
      .where(sql<boolean>`dismissal->>'expires' IS NOT NULL AND NOT coalesce((dismissal->>'expired')::boolean, false)`)
      .orderBy('finding_id')
      .forUpdate()
      .execute();
    const changes = planExpiry(
      candidates.map((r) => ({ findingId: r.finding_id, state: r.state as FindingState, dismissal: r.dismissal, suppressed: r.suppression !== null })),
      today,
    );
    await writeDismissalChanges(trx, orgId, changes);
    return changes.length;
  });
}

/** Dismiss every location of the finding's alert (one credential = one alert). Returns the locations changed. */
export async function dismissFindingGroup(db: Kysely<Database>, orgId: string, findingId: string, dismissal: Dismissal): Promise<number> {
  return inTransaction(db, async (trx) => {
    const changes = planDismiss(await alertLocations(trx, orgId, findingId), dismissal);
    await writeDismissalChanges(trx, orgId, changes);
    return changes.length;
  });
}

/** Reopen the finding's alert: present locations go back to open (or suppressed), fixed ones stay fixed. */
export async function reopenFindingGroup(db: Kysely<Database>, orgId: string, findingId: string): Promise<number> {
  return inTransaction(db, async (trx) => {
    const changes = planReopen(await alertLocations(trx, orgId, findingId));
    await writeDismissalChanges(trx, orgId, changes);
    return changes.length;
  });
}
