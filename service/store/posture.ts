// DevOps posture in the store: assessments (with what changed since the previous one), snapshots (the
// newest few per organization), exemptions, and the reconcile of one assessment's outcomes. Fails are
// findings (category posture, no repository, fingerprint = the pair's subject key), the other outcomes
// are results (source posture): the same split every family uses. Identity and states follow
// triage/reconcile (planReconcile), over the organization's posture findings instead of a repository's.
// An active exemption makes a fail `suppressed` (suppression kind 'exemption'): out of the open counts
// and the gates, and visible as exempted; a lapsed or revoked one makes it open again.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Finding, Suppression } from '../contract/model';
import { EXEMPTION_REASON_INFO, severityRank, type ExemptionReason, type FindingState, type Outcome } from '../contract/vocabulary';
import { planReconcile } from '../triage/reconcile';
import { inTransaction } from './db';
import { replaceResults, type ResultInput } from './results';
import type { Database, PostureAssessmentRow, PostureChangeJson, PostureChangesJson, PostureCountsJson, PostureExemptionRow } from './schema';

/** Rows per statement (findings have ~20 columns). */
const CHUNK = 300;
const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
};
/** Changes kept per list in an assessment's record (the counts say how many there were). */
export const MAX_CHANGES = 100;

const projectOf = (f: Finding): string | null => (f.location.kind === 'ado-object' ? (f.location.project?.id ?? null) : null);

// ---- assessments ------------------------------------------------------------------------------------

/**
 * Records a running assessment. An earlier one still marked running died with its worker (one runs at a
 * time per organization, the queue sees to it): it is recorded as failed.
 */
export async function startPostureAssessment(db: Kysely<Database>, orgId: string, trigger: string, now = new Date()): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('posture_assessments')
      .set({ state: 'failed', finished_at: now, error: 'Interrupted: the worker stopped before the assessment ended' })
      .where('org_id', '=', orgId)
      .where('state', '=', 'running')
      .execute();
    await trx.insertInto('posture_assessments').values({ org_id: orgId, assessment_id: id, trigger, state: 'running', started_at: now }).execute();
  });
  return id;
}

export interface FinishedAssessment {
  durationMs: number;
  collectMs: number;
  controls: number;
  counts: PostureCountsJson;
  areas: unknown[];
  newFailures: number;
  fixed: number;
  changes: PostureChangesJson;
}

export async function finishPostureAssessment(db: Kysely<Database>, orgId: string, id: string, f: FinishedAssessment, now = new Date()): Promise<void> {
  await db
    .updateTable('posture_assessments')
    .set({
      state: 'done',
      finished_at: now,
      duration_ms: Math.round(f.durationMs),
      collect_ms: Math.round(f.collectMs),
      controls: f.controls,
      counts: JSON.stringify(f.counts),
      areas: JSON.stringify(f.areas),
      new_failures: f.newFailures,
      fixed: f.fixed,
      changes: JSON.stringify(f.changes),
    })
    .where('org_id', '=', orgId)
    .where('assessment_id', '=', id)
    .execute();
}

export async function failPostureAssessment(db: Kysely<Database>, orgId: string, id: string, error: string, durationMs: number, now = new Date()): Promise<void> {
  await db
    .updateTable('posture_assessments')
    .set({ state: 'failed', finished_at: now, duration_ms: Math.round(durationMs), error: error.slice(0, 2000) })
    .where('org_id', '=', orgId)
    .where('assessment_id', '=', id)
    .execute();
}

export async function listPostureAssessments(
  db: Kysely<Database>,
  orgId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: PostureAssessmentRow[]; total: number }> {
  const [{ total }] = await db
    .selectFrom('posture_assessments')
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .where('org_id', '=', orgId)
    .execute();
  const rows = await db
    .selectFrom('posture_assessments')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('started_at', 'desc')
    .orderBy('assessment_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total) };
}

/** The newest assessment that finished (done), and whether one is running now. */
export async function postureStatus(db: Kysely<Database>, orgId: string): Promise<{ last?: PostureAssessmentRow; running: boolean }> {
  const last = await db
    .selectFrom('posture_assessments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('state', '=', 'done')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const running = await db
    .selectFrom('posture_assessments')
    .select('assessment_id')
    .where('org_id', '=', orgId)
    .where('state', '=', 'running')
    .limit(1)
    .executeTakeFirst();
  return { last, running: !!running };
}

// ---- snapshots --------------------------------------------------------------------------------------

/** Stores a snapshot (the caller strips plain variable values) and keeps the newest `keep` of the organization. */
export async function storePostureSnapshot(db: Kysely<Database>, orgId: string, assessmentId: string, collectedAt: string, snapshot: unknown, keep: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('posture_snapshots')
      .values({ org_id: orgId, assessment_id: assessmentId, collected_at: collectedAt, snapshot: JSON.stringify(snapshot) })
      .execute();
    const kept = trx.selectFrom('posture_snapshots').select('assessment_id').where('org_id', '=', orgId).orderBy('collected_at', 'desc').orderBy('assessment_id', 'desc').limit(keep);
    await trx.deleteFrom('posture_snapshots').where('org_id', '=', orgId).where('assessment_id', 'not in', kept).execute();
  });
}

export async function latestPostureSnapshot(db: Kysely<Database>, orgId: string): Promise<{ assessmentId: string; collectedAt: Date; snapshot: unknown } | undefined> {
  const row = await db
    .selectFrom('posture_snapshots')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('collected_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { assessmentId: row.assessment_id, collectedAt: new Date(row.collected_at), snapshot: row.snapshot };
}

export async function countPostureSnapshots(db: Kysely<Database>, orgId: string): Promise<number> {
  const [{ n }] = await db.selectFrom('posture_snapshots').select((eb) => eb.fn.countAll<string>().as('n')).where('org_id', '=', orgId).execute();
  return Number(n);
}

// ---- exemptions -------------------------------------------------------------------------------------

export const isExemptionActive = (e: Pick<PostureExemptionRow, 'revoked_at' | 'expires_on'>, today: string): boolean => !e.revoked_at && e.expires_on >= today;

export const exemptionStatus = (e: Pick<PostureExemptionRow, 'revoked_at' | 'expires_on'>, today: string): 'active' | 'expired' | 'revoked' =>
  e.revoked_at ? 'revoked' : e.expires_on >= today ? 'active' : 'expired';

/** The suppression a fail carries while its exemption holds. */
export function exemptionSuppression(e: Pick<PostureExemptionRow, 'reason' | 'comment' | 'expires_on'>): Suppression {
  const label = EXEMPTION_REASON_INFO[e.reason as ExemptionReason]?.label ?? e.reason;
  return { kind: 'exemption', reason: e.comment ? `${label}: ${e.comment}` : label, expires: e.expires_on };
}

const pairKey = (controlId: string, subjectKey: string) => `${controlId}\u0000${subjectKey}`;

/** Exemptions in force today, by (control, subject). */
export async function activeExemptions(db: Kysely<Database>, orgId: string, today: string): Promise<Map<string, PostureExemptionRow>> {
  const rows = await db
    .selectFrom('posture_exemptions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('revoked_at', 'is', null)
    .where('expires_on', '>=', today)
    .execute();
  return new Map(rows.map((r) => [pairKey(r.control_id, r.subject_key), r]));
}

export interface NewExemption {
  controlId: string;
  subjectKey: string;
  reason: ExemptionReason;
  comment?: string;
  expires: string;
  by: string;
  byName?: string;
}

export class ExemptionConflict extends Error {}

/**
 * Exempts one pair. A lapsed exemption of the pair still on record is closed (revoked now, by the new
 * exemption's author) so the new one takes its place; an active one is a conflict.
 */
export async function createExemption(db: Kysely<Database>, orgId: string, e: NewExemption, today: string): Promise<PostureExemptionRow> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('posture_exemptions')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('control_id', '=', e.controlId)
      .where('subject_key', '=', e.subjectKey)
      .where('revoked_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (current && isExemptionActive(current, today)) throw new ExemptionConflict(current.exemption_id);
    if (current) {
      await trx.updateTable('posture_exemptions').set({ revoked_at: new Date(), revoked_by: e.by }).where('org_id', '=', orgId).where('exemption_id', '=', current.exemption_id).execute();
    }
    const row = await trx
      .insertInto('posture_exemptions')
      .values({
        org_id: orgId,
        exemption_id: randomUUID(),
        control_id: e.controlId,
        subject_key: e.subjectKey,
        reason: e.reason,
        comment: e.comment || null,
        expires_on: e.expires,
        created_by: e.by,
        created_by_name: e.byName ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await applyExemptions(trx, orgId, today, e.controlId);
    return row;
  });
}

/** Revokes an exemption; undefined when there is no such exemption in the organization. */
export async function revokeExemption(db: Kysely<Database>, orgId: string, exemptionId: string, by: string, today: string): Promise<PostureExemptionRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('posture_exemptions')
      .set({ revoked_at: new Date(), revoked_by: by })
      .where('org_id', '=', orgId)
      .where('exemption_id', '=', exemptionId)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    const found = row ?? (await trx.selectFrom('posture_exemptions').selectAll().where('org_id', '=', orgId).where('exemption_id', '=', exemptionId).executeTakeFirst());
    if (found) await applyExemptions(trx, orgId, today, found.control_id);
    return found;
  });
}

export async function getExemption(db: Kysely<Database>, orgId: string, exemptionId: string): Promise<PostureExemptionRow | undefined> {
  return db.selectFrom('posture_exemptions').selectAll().where('org_id', '=', orgId).where('exemption_id', '=', exemptionId).executeTakeFirst();
}

export async function listExemptions(
  db: Kysely<Database>,
  orgId: string,
  filters: { statuses?: ('active' | 'expired' | 'revoked')[]; controlId?: string; today: string },
  page: { limit: number; offset: number },
): Promise<{ rows: PostureExemptionRow[]; total: number }> {
  let q = db.selectFrom('posture_exemptions').where('org_id', '=', orgId);
  if (filters.controlId) q = q.where('control_id', '=', filters.controlId);
  if (filters.statuses?.length) {
    const s = filters.statuses;
    q = q.where((eb) =>
      eb.or([
        ...(s.includes('active') ? [eb.and([eb('revoked_at', 'is', null), eb('expires_on', '>=', filters.today)])] : []),
        ...(s.includes('expired') ? [eb.and([eb('revoked_at', 'is', null), eb('expires_on', '<', filters.today)])] : []),
        ...(s.includes('revoked') ? [eb('revoked_at', 'is not', null)] : []),
      ]),
    );
  }
  const [{ total }] = await q.select((eb) => eb.fn.countAll<string>().as('total')).execute();
  const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('exemption_id').limit(page.limit).offset(page.offset).execute();
  return { rows, total: Number(total) };
}

/**
 * Brings the posture fails of the organization (or of one control) in line with the exemptions in force
 * today: exempted ones suppressed, the others (a lapsed or revoked exemption) open again. A dismissal
 * (findings API) is left as it is. Returns the findings changed.
 */
export async function applyExemptions(db: Kysely<Database>, orgId: string, today: string, controlId?: string): Promise<number> {
  return inTransaction(db, async (trx) => {
    const active = await activeExemptions(trx, orgId, today);
    let q = trx
      .selectFrom('findings')
      .select(['finding_id', 'rule_id', 'fingerprint', 'state', 'suppression'])
      .where('org_id', '=', orgId)
      .where('category', '=', 'posture')
      .where('repo_id', 'is', null)
      .where('state', 'in', ['open', 'suppressed'])
      .orderBy('finding_id')
      .forUpdate();
    if (controlId) q = q.where('rule_id', '=', controlId);
    const changes: { id: string; state: FindingState; suppression: string | null }[] = [];
    for (const f of await q.execute()) {
      const e = active.get(pairKey(f.rule_id, f.fingerprint));
      const want = e ? exemptionSuppression(e) : null;
      const wantState: FindingState = want ? 'suppressed' : f.suppression && f.suppression.kind !== 'exemption' ? 'suppressed' : 'open';
      const wantSuppression = want ?? (f.suppression?.kind === 'exemption' ? null : f.suppression);
      if (wantState !== f.state || JSON.stringify(wantSuppression) !== JSON.stringify(f.suppression)) {
        changes.push({ id: f.finding_id, state: wantState, suppression: wantSuppression ? JSON.stringify(wantSuppression) : null });
      }
    }
    for (const batch of chunks(changes)) {
      await sql`
        UPDATE findings AS t SET state = u.state, suppression = u.suppression::jsonb
        FROM unnest(${batch.map((c) => c.id)}::uuid[], ${batch.map((c) => c.state)}::text[], ${batch.map((c) => c.suppression)}::text[]) AS u(id, state, suppression)
        WHERE t.org_id = ${orgId} AND t.finding_id = u.id`.execute(trx);
    }
    return changes.length;
  });
}

// ---- one assessment's outcomes ----------------------------------------------------------------------

export interface PostureReconcile {
  new: number;
  fixed: number;
  open: number;
  exempted: number;
  /** Fails that appeared since the previous assessment (new, or back after a fix) and fails fixed. */
  newFailures: PostureChangeJson[];
  fixedFailures: PostureChangeJson[];
}

/**
 * Stores one assessment's outcomes: its fails reconciled with the organization's posture findings (new /
 * still failing / fixed), its other outcomes replacing the posture results, exemptions applied. Secret
 * findings in pipeline configuration (category secret, no repository: posture/pipeline-secrets.ts) are
 * reconciled in the same pass; they are findings, not posture outcomes, so the changes and exemptions
 * leave them out. One transaction: a reader never sees half an assessment.
 */
export async function recordPostureOutcomes(
  db: Kysely<Database>,
  orgId: string,
  assessmentId: string,
  outcomes: { findings: Finding[]; results: ResultInput[] },
  today: string,
  now = new Date(),
  /** Stored fails this assessment says nothing about (not available): neither refreshed nor fixed. */
  unjudged: { rules: ReadonlySet<string>; subjects: ReadonlySet<string>; secrets?: boolean } = { rules: new Set(), subjects: new Set() },
): Promise<PostureReconcile> {
  return inTransaction(db, async (trx) => {
    const active = await activeExemptions(trx, orgId, today);
    const current = outcomes.findings.map((f) => {
      const e = active.get(pairKey(f.ruleId, f.fingerprint));
      return e ? { ...f, suppressed: exemptionSuppression(e) } : f;
    });
    const stored = await trx
      .selectFrom('findings')
      .select(['finding_id', 'fingerprint', 'state', 'dismissal', 'group_key', 'rule_id', 'title', 'location', 'category'])
      .where('org_id', '=', orgId)
      .where('category', 'in', ['posture', 'secret'])
      .where('repo_id', 'is', null)
      .orderBy('finding_id')
      .forUpdate()
      .execute()
      .then((rows) =>
        rows.filter((r) => (r.category === 'secret' ? !unjudged.secrets : !unjudged.rules.has(r.rule_id) && !unjudged.subjects.has(r.fingerprint))),
      );
    // A credential dismissed anywhere in the organization (a repository's finding) stays dismissed here too.
    const groupKeys = [...new Set(current.filter((f) => f.category === 'secret' && f.groupKey).map((f) => f.groupKey!))];
    const groupDismissals = groupKeys.length
      ? (
          await trx
            .selectFrom('findings')
            .select(['group_key', 'dismissal'])
            .where('org_id', '=', orgId)
            .where('group_key', 'in', groupKeys)
            .where('dismissal', 'is not', null)
            .execute()
        ).map((r) => ({ groupKey: r.group_key, dismissal: r.dismissal! }))
      : [];
    const plan = planReconcile({
      existing: stored.map((e) => ({ findingId: e.finding_id, fingerprint: e.fingerprint, state: e.state as FindingState, dismissal: e.dismissal, groupKey: e.group_key })),
      current,
      groupDismissals,
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
            repo_id: null,
            project_id: projectOf(f),
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
            cwe: f.cwe?.length ? JSON.stringify(f.cwe) : null,
            remediation: f.remediation,
            help_uri: f.helpUri ?? null,
            state,
            suppression: f.suppressed ? JSON.stringify(f.suppressed) : null,
            dismissal: dismissal ? JSON.stringify(dismissal) : null,
            commit_sha: null,
            first_seen_scan: assessmentId,
            last_seen_scan: assessmentId,
            first_seen_at: now,
            last_seen_at: now,
          })),
        )
        .execute();
    }
    for (const batch of chunks(plan.refreshes)) {
      const col = <T>(pick: (r: (typeof batch)[number]) => T): T[] => batch.map(pick);
      await sql`
        UPDATE findings AS t SET
          location = u.location::jsonb, details = u.details::jsonb, message = u.message, severity = u.severity,
          severity_rank = u.severity_rank, title = u.title, remediation = u.remediation, help_uri = u.help_uri,
          state = u.state, suppression = u.suppression::jsonb, project_id = u.project_id,
          last_seen_scan = ${assessmentId}, last_seen_at = ${now}, fixed_at = NULL
        FROM unnest(
          ${col((r) => r.findingId)}::uuid[], ${col((r) => JSON.stringify(r.finding.location))}::text[],
          ${col((r) => JSON.stringify(r.finding.details ?? {}))}::text[], ${col((r) => r.finding.message)}::text[],
          ${col((r) => r.finding.severity)}::text[], ${col((r) => severityRank(r.finding.severity))}::int[],
          ${col((r) => r.finding.title)}::text[], ${col((r) => r.finding.remediation)}::text[],
          ${col((r) => r.finding.helpUri ?? null)}::text[], ${col((r) => r.state)}::text[],
          ${col((r) => (r.finding.suppressed ? JSON.stringify(r.finding.suppressed) : null))}::text[], ${col((r) => projectOf(r.finding))}::text[]
        ) AS u(id, location, details, message, severity, severity_rank, title, remediation, help_uri, state, suppression, project_id)
        WHERE t.org_id = ${orgId} AND t.finding_id = u.id`.execute(trx);
    }
    for (const batch of chunks(plan.fixed)) {
      await trx.updateTable('findings').set({ state: 'fixed', fixed_at: now }).where('org_id', '=', orgId).where('finding_id', 'in', batch).execute();
    }
    await replaceResults(trx, orgId, { source: 'posture' }, assessmentId, outcomes.results, now);
    // Lapsed exemptions of pairs this assessment did not report again are settled too.
    await applyExemptions(trx, orgId, today);

    const byId = new Map(stored.map((s) => [s.finding_id, s]));
    const change = (f: { ruleId: string; title: string; fingerprint: string; location: Finding['location'] }): PostureChangeJson => ({
      controlId: f.ruleId,
      title: f.title,
      subjectKey: f.fingerprint,
      object: f.location,
    });
    const reopened = plan.refreshes.filter((r) => byId.get(r.findingId)?.state === 'fixed');
    const newFailures = [...plan.inserts, ...reopened].filter((x) => x.finding.category === 'posture').map((x) => change(x.finding));
    const fixedFailures = plan.fixed
      .map((id) => byId.get(id)!)
      .filter((s) => s.category === 'posture')
      .map((s) => change({ ruleId: s.rule_id, title: s.title, fingerprint: s.fingerprint, location: s.location }));
    const states = [...plan.inserts, ...plan.refreshes].filter((x) => x.finding.category === 'posture').map((x) => x.state);
    return {
      new: newFailures.length,
      fixed: fixedFailures.length,
      open: states.filter((s) => s === 'open').length,
      exempted: current.filter((f) => f.suppressed?.kind === 'exemption').length,
      newFailures,
      fixedFailures,
    };
  });
}

// ---- reads ------------------------------------------------------------------------------------------

/** One (control, project, outcome, exempted) cell of the posture figures. */
export interface PostureCountRow {
  ruleId: string;
  projectId: string | null;
  projectName: string | null;
  outcome: Outcome;
  exempted: boolean;
  n: number;
}

/** The posture fails still there (open, exempted or dismissed), as `o` rows of the union below. */
const failsUnion = (orgId: string, today: string) => sql`
  SELECT f.rule_id, f.fingerprint AS subject_key, f.project_id, f.location, coalesce(f.details->'evidence', '[]'::jsonb) AS evidence,
    f.message, NULL::text AS reason_code, NULL::text AS reason_text, f.finding_id, f.first_seen_at, f.last_seen_at,
    'fail'::text AS outcome, e.exemption_id
  FROM findings AS f
  LEFT JOIN posture_exemptions AS e ON e.org_id = f.org_id AND e.control_id = f.rule_id AND e.subject_key = f.fingerprint
    AND e.revoked_at IS NULL AND e.expires_on >= ${today}
  WHERE f.org_id = ${orgId} AND f.category = 'posture' AND f.repo_id IS NULL AND f.state <> 'fixed'`;

const othersUnion = (orgId: string, today: string) => sql`
  SELECT x.rule_id, x.subject_key, x.project_id, x.location, x.evidence, NULL::text AS message, x.reason_code, x.reason_text,
    NULL::uuid AS finding_id, x.first_seen_at, x.assessed_at AS last_seen_at, x.outcome, e.exemption_id
  FROM results AS x
  LEFT JOIN posture_exemptions AS e ON e.org_id = x.org_id AND e.control_id = x.rule_id AND e.subject_key = x.subject_key
    AND e.revoked_at IS NULL AND e.expires_on >= ${today}
  WHERE x.org_id = ${orgId} AND x.source = 'posture' AND x.outcome <> 'fail'`;

/** Every posture outcome of the organization (or one project) counted per control, project, outcome and exemption. */
export async function postureCounts(db: Kysely<Database>, orgId: string, opts: { today: string; projectId?: string }): Promise<PostureCountRow[]> {
  const project = opts.projectId ? sql`WHERE o.project_id = ${opts.projectId}` : sql``;
  const { rows } = await sql<{ rule_id: string; project_id: string | null; project_name: string | null; outcome: string; exempted: boolean; n: string | number }>`
    SELECT o.rule_id, o.project_id, max(o.location->'project'->>'name') AS project_name, o.outcome,
      (o.outcome = 'fail' AND o.exemption_id IS NOT NULL) AS exempted, count(*) AS n
    FROM (${failsUnion(orgId, opts.today)} UNION ALL ${othersUnion(orgId, opts.today)}) AS o
    ${project}
    GROUP BY o.rule_id, o.project_id, o.outcome, (o.outcome = 'fail' AND o.exemption_id IS NOT NULL)`.execute(db);
  return rows.map((r) => ({ ruleId: r.rule_id, projectId: r.project_id, projectName: r.project_name, outcome: r.outcome as Outcome, exempted: r.exempted, n: Number(r.n) }));
}

export interface PostureResultRow {
  ruleId: string;
  subjectKey: string;
  projectId: string | null;
  location: Finding['location'];
  evidence: NonNullable<NonNullable<Finding['details']>['evidence']>;
  message: string | null;
  reasonCode: string | null;
  reasonText: string | null;
  findingId: string | null;
  firstSeenAt: Date | null;
  lastSeenAt: Date;
  outcome: Outcome;
  exemption: PostureExemptionRow | null;
}

export interface PostureResultFilters {
  today: string;
  ruleIds?: string[];
  outcomes?: Outcome[];
  projectId?: string;
  /** true: exempted fails only; false: everything but exempted fails. */
  exempted?: boolean;
  /** At most this many rows per control (the failing lists of the controls view). */
  perRule?: number;
}

/** Posture outcomes with their evidence: fail, not available, pass, not applicable, then by object name. */
export async function listPostureResults(
  db: Kysely<Database>,
  orgId: string,
  f: PostureResultFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: PostureResultRow[]; total: number }> {
  const where = [sql`true`];
  if (f.ruleIds) where.push(f.ruleIds.length ? sql`o.rule_id = ANY(${f.ruleIds}::text[])` : sql`false`);
  if (f.outcomes?.length) where.push(sql`o.outcome = ANY(${f.outcomes}::text[])`);
  if (f.projectId) where.push(sql`o.project_id = ${f.projectId}`);
  if (f.exempted === true) where.push(sql`(o.outcome = 'fail' AND o.exemption_id IS NOT NULL)`);
  if (f.exempted === false) where.push(sql`NOT (o.outcome = 'fail' AND o.exemption_id IS NOT NULL)`);
  const filtered = sql`
    SELECT o.*, row_number() OVER (PARTITION BY o.rule_id ORDER BY ${ORDER}) AS nth
    FROM (${failsUnion(orgId, f.today)} UNION ALL ${othersUnion(orgId, f.today)}) AS o
    WHERE ${sql.join(where, sql` AND `)}`;
  const perRule = f.perRule ? sql`WHERE p.nth <= ${f.perRule}` : sql``;
  const { rows: counted } = await sql<{ total: string | number }>`SELECT count(*) AS total FROM (${filtered}) AS p ${perRule}`.execute(db);
  const { rows } = await sql<{
    rule_id: string;
    subject_key: string;
    project_id: string | null;
    location: Finding['location'];
    evidence: PostureResultRow['evidence'];
    message: string | null;
    reason_code: string | null;
    reason_text: string | null;
    finding_id: string | null;
    first_seen_at: Date | null;
    last_seen_at: Date;
    outcome: string;
    exemption_id: string | null;
  }>`SELECT p.* FROM (${filtered}) AS p ${perRule} ORDER BY p.rule_id, p.nth LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  const ids = [...new Set(rows.flatMap((r) => (r.exemption_id ? [r.exemption_id] : [])))];
  const exemptions = ids.length
    ? new Map((await db.selectFrom('posture_exemptions').selectAll().where('org_id', '=', orgId).where('exemption_id', 'in', ids).execute()).map((e) => [e.exemption_id, e]))
    : new Map<string, PostureExemptionRow>();
  return {
    total: Number(counted[0]?.total ?? 0),
    rows: rows.map((r) => ({
      ruleId: r.rule_id,
      subjectKey: r.subject_key,
      projectId: r.project_id,
      location: r.location,
      evidence: r.evidence ?? [],
      message: r.message,
      reasonCode: r.reason_code,
      reasonText: r.reason_text,
      findingId: r.finding_id,
      firstSeenAt: r.first_seen_at,
      lastSeenAt: r.last_seen_at,
      outcome: r.outcome as Outcome,
      exemption: r.exemption_id ? (exemptions.get(r.exemption_id) ?? null) : null,
    })),
  };
}

const ORDER = sql`CASE o.outcome WHEN 'fail' THEN 0 WHEN 'not-available' THEN 1 WHEN 'pass' THEN 2 ELSE 3 END, o.location->>'name', o.subject_key`;

/** Whether the organization has a posture outcome for this (control, subject) pair: what an exemption may name. */
export async function posturePairExists(db: Kysely<Database>, orgId: string, controlId: string, subjectKey: string): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`
    SELECT 1 AS one FROM findings WHERE org_id = ${orgId} AND category = 'posture' AND repo_id IS NULL AND rule_id = ${controlId} AND fingerprint = ${subjectKey}
    UNION ALL
    SELECT 1 FROM results WHERE org_id = ${orgId} AND source = 'posture' AND rule_id = ${controlId} AND subject_key = ${subjectKey}
    LIMIT 1`.execute(db);
  return rows.length > 0;
}

/** The object of a pair as last assessed (for an exemption's DTO). */
export async function postureObjects(db: Kysely<Database>, orgId: string, pairs: { controlId: string; subjectKey: string }[]): Promise<Map<string, Finding['location']>> {
  const out = new Map<string, Finding['location']>();
  if (!pairs.length) return out;
  const keys = [...new Set(pairs.map((p) => p.subjectKey))];
  const { rows } = await sql<{ rule_id: string; subject_key: string; location: Finding['location'] }>`
    SELECT rule_id, fingerprint AS subject_key, location FROM findings WHERE org_id = ${orgId} AND category = 'posture' AND repo_id IS NULL AND fingerprint = ANY(${keys}::text[])
    UNION ALL
    SELECT rule_id, subject_key, location FROM results WHERE org_id = ${orgId} AND source = 'posture' AND subject_key = ANY(${keys}::text[])`.execute(db);
  for (const r of rows) out.set(pairKey(r.rule_id, r.subject_key), r.location);
  return out;
}

export const postureObjectKey = pairKey;

/** Open findings per repository of the kinds Defender's "findings resolved" recommendations read. */
export const VIGIL_FINDING_KINDS = ['secret', 'code', 'deps', 'iac'] as const;
export type VigilFindingKind = (typeof VIGIL_FINDING_KINDS)[number];

/**
 * Per repository: its open findings of each kind whose scanner ran in the repository's last scan (a
 * kind whose scanner did not run is absent: unknown, never 0). Repositories never scanned are absent.
 */
export async function vigilFindingCounts(db: Kysely<Database>, orgId: string): Promise<Map<string, Partial<Record<VigilFindingKind, number>>>> {
  const { rows: ran } = await sql<{ repo_id: string; category: string }>`
    SELECT DISTINCT r.repo_id, s.value->>'category' AS category
    FROM repositories AS r
    JOIN scans AS sc ON sc.org_id = r.org_id AND sc.scan_id = r.last_scan_id AND sc.state = 'done'
    CROSS JOIN LATERAL jsonb_array_elements(sc.scanners) AS s(value)
    WHERE r.org_id = ${orgId} AND r.removed_at IS NULL AND s.value->>'status' = 'ran'
      AND s.value->>'category' = ANY(${[...VIGIL_FINDING_KINDS]}::text[])`.execute(db);
  const { rows: open } = await sql<{ repo_id: string; category: string; n: string | number }>`
    SELECT repo_id, category, count(*) AS n FROM findings
    WHERE org_id = ${orgId} AND repo_id IS NOT NULL AND state = 'open' AND category = ANY(${[...VIGIL_FINDING_KINDS]}::text[])
    GROUP BY repo_id, category`.execute(db);
  const openBy = new Map(open.map((o) => [`${o.repo_id}\u0000${o.category}`, Number(o.n)]));
  const out = new Map<string, Partial<Record<VigilFindingKind, number>>>();
  for (const r of ran) {
    const counts = out.get(r.repo_id) ?? {};
    counts[r.category as VigilFindingKind] = openBy.get(`${r.repo_id}\u0000${r.category}`) ?? 0;
    out.set(r.repo_id, counts);
  }
  return out;
}
