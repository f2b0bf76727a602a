// The `assess-posture` job (ARCHITECTURE.md flow 4): collect an organization's snapshot through its
// shared ADO client, store it (plain variable values stripped), evaluate every control, reconcile the
// fails with the stored posture findings (new / still failing / fixed), replace the other outcomes,
// apply exemptions and record the assessment with what changed. Runs at connect, on VIGIL_POSTURE_CRON
// (every 8 hours by default; 'off' allowed) and on demand. pg-boss `stately` queue keyed by organization:
// at most one assessment waiting and one running per organization, across every process.
//
// Not available is never fixed: a control whose area could not be read, or an object it could not
// judge, leaves the fails stored for it as they were (last seen says when they were confirmed), as a
// scanner that did not run leaves its findings.
import type PgBoss from 'pg-boss';
import type { AppContext } from '../context';
import type { PostureCounts, PostureAreaStatus } from '../contract/api';
import type { RuleResult } from '../contract/model';
import type { PostureTrigger } from '../contract/vocabulary';
import { postureAreaStatuses } from '../posture/area-status';
import { assessSnapshot, type Assessment } from '../posture/assess';
import { collectSnapshot } from '../posture/collect';
import { pipelineSecrets } from '../posture/pipeline-secrets';
import { withoutPlainValues, type OrgSnapshot } from '../posture/snapshot';
import { getCredential, getOrganization, listOrganizations } from '../store/organizations';
import {
  MAX_CHANGES,
  failPostureAssessment,
  finishPostureAssessment,
  postureCounts,
  recordPostureOutcomes,
  startPostureAssessment,
  storePostureSnapshot,
  vigilFindingCounts,
  type PostureCountRow,
} from '../store/posture';
import type { ResultInput } from '../store/results';
import { dayOf } from '../triage/dismissal';

export const ASSESS_POSTURE_QUEUE = 'assess-posture';
export const ASSESS_POSTURE_ALL_QUEUE = 'assess-posture-all';

export interface AssessPostureJob {
  orgId: string;
  trigger: PostureTrigger;
}

// A large organization takes minutes (ADO's rate limits); give it hours before pg-boss calls it lost.
const QUEUE: PgBoss.Queue = { name: ASSESS_POSTURE_QUEUE, policy: 'stately', expireInSeconds: 3 * 3600, retryLimit: 0 };
const ALL_QUEUE: PgBoss.Queue = { name: ASSESS_POSTURE_ALL_QUEUE, policy: 'singleton', retryLimit: 0 };

/** Called where the queues are set up (jobs/queue.ts startQueue): a web-only process sends to them too. */
export async function createPostureQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(ASSESS_POSTURE_QUEUE, QUEUE);
  await boss.createQueue(ASSESS_POSTURE_ALL_QUEUE, ALL_QUEUE);
}

/** Queue an assessment of one organization; false when one is already waiting (it coalesces into it). */
export async function requestPostureAssessment(ctx: Pick<AppContext, 'boss'>, orgId: string, trigger: PostureTrigger): Promise<boolean> {
  const id = await ctx.boss.send(ASSESS_POSTURE_QUEUE, { orgId, trigger } satisfies AssessPostureJob, { singletonKey: orgId });
  return id !== null;
}

/** Whether an assessment of the organization waits in the queue or runs (pg-boss's job table, by its singleton key). */
export async function postureQueued(ctx: Pick<AppContext, 'store' | 'config'>, orgId: string): Promise<boolean> {
  const { rows } = await ctx.store.executeSql(
    `SELECT 1 FROM ${ctx.config.queueSchema}.job WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry', 'active') LIMIT 1`,
    [ASSESS_POSTURE_QUEUE, orgId],
  );
  return rows.length > 0;
}

/** Sums of the counted outcomes (a fail under an active exemption is exempted, never a pass). */
export function totalsOf(rows: readonly PostureCountRow[]): PostureCounts {
  const t: PostureCounts = { pass: 0, fail: 0, exempted: 0, notApplicable: 0, notAvailable: 0 };
  for (const r of rows) {
    if (r.outcome === 'fail') t[r.exempted ? 'exempted' : 'fail'] += r.n;
    else if (r.outcome === 'pass') t.pass += r.n;
    else if (r.outcome === 'not-applicable') t.notApplicable += r.n;
    else t.notAvailable += r.n;
  }
  return t;
}

/**
 * Which stored fails this assessment says nothing about: every fail of a control that was not available
 * as a whole (its area), and the fail of each object reported not available. Their not-available result
 * for the same object is dropped (the stored fail stands for the pair).
 */
export function unjudged(assessment: Assessment, areaUnavailable: ReadonlySet<string>): { rules: Set<string>; subjects: Set<string> } {
  const subjects = new Set<string>();
  for (const r of assessment.results) if (r.outcome === 'not-available' && !areaUnavailable.has(r.ruleId)) subjects.add(r.subjectKey);
  return { rules: new Set(areaUnavailable), subjects };
}

/** Controls every result of which is one organization-wide not-available for a missing area (assess.ts controlResults). */
function controlsWithoutArea(assessment: Assessment, snapshot: OrgSnapshot): Set<string> {
  const byRule = new Map<string, RuleResult[]>();
  for (const r of assessment.results) byRule.set(r.ruleId, [...(byRule.get(r.ruleId) ?? []), r]);
  const out = new Set<string>();
  for (const c of assessment.controls) {
    if (c.fail || c.pass || c.notApplicable || c.notAvailable !== 1) continue;
    const only = byRule.get(c.id)?.[0];
    const area = only?.evidence?.find((e) => e.label === 'Area')?.value;
    if (typeof area === 'string' && snapshot.areas[area as keyof OrgSnapshot['areas']]?.state !== 'available') out.add(c.id);
  }
  return out;
}

/** The areas whose plain values pipelineSecrets scans. */
const SECRET_AREAS = ['buildDefinitions', 'releaseDefinitions', 'variableGroups'] as const;

export interface AssessPostureResult {
  assessmentId?: string;
  state: 'done' | 'failed' | 'skipped';
  counts?: PostureCounts;
  newFailures?: number;
  fixed?: number;
  error?: string;
}

/** One assessment of one organization. Never throws for ADO or data trouble: the assessment records it as failed. */
export async function assessPosture(ctx: Pick<AppContext, 'store' | 'config' | 'log' | 'adoClient'>, job: AssessPostureJob, signal?: AbortSignal): Promise<AssessPostureResult> {
  const { db } = ctx.store;
  const org = await getOrganization(db, job.orgId);
  if (!org) return { state: 'skipped' }; // disconnected since
  const log = ctx.log.child({ orgId: org.org_id, job: ASSESS_POSTURE_QUEUE });
  const started = performance.now();
  const assessmentId = await startPostureAssessment(db, org.org_id, job.trigger);
  try {
    const client = ctx.adoClient(org.url, await getCredential(db, ctx.config.encryptionKey, org.org_id));
    const snapshot = await collectSnapshot(client, { signal, concurrency: ctx.config.posture.concurrency });
    const collectMs = performance.now() - started;
    const counts = await vigilFindingCounts(db, org.org_id);
    for (const repo of snapshot.repositories) {
      const c = counts.get(repo.id);
      if (c) repo.vigilFindings = c;
    }
    const assessment = assessSnapshot(snapshot);
    // Before the plain values are stripped: the secrets engine over pipeline and variable group values.
    const secrets = pipelineSecrets(snapshot, { salt: org.secret_salt });
    const skip = {
      ...unjudged(assessment, controlsWithoutArea(assessment, snapshot)),
      // A list of plain values not read in full says nothing about the secrets stored from it.
      secrets: SECRET_AREAS.some((a) => snapshot.areas[a].state !== 'available' || !!snapshot.areas[a].partialFailures?.length),
    };
    const results: ResultInput[] = assessment.results
      .filter((r) => !(r.outcome === 'not-available' && skip.subjects.has(r.subjectKey)))
      .map((r) => ({ ...r, projectId: r.location.kind === 'ado-object' ? r.location.project?.id : undefined }));
    const now = new Date();
    const today = dayOf(now);
    await storePostureSnapshot(db, org.org_id, assessmentId, snapshot.collectedAt, withoutPlainValues(snapshot), ctx.config.posture.snapshotsKept);
    const rec = await recordPostureOutcomes(db, org.org_id, assessmentId, { findings: [...assessment.findings, ...secrets.findings], results }, today, now, skip);
    const totals = totalsOf(await postureCounts(db, org.org_id, { today }));
    const areas: PostureAreaStatus[] = postureAreaStatuses(snapshot);
    await finishPostureAssessment(db, org.org_id, assessmentId, {
      durationMs: performance.now() - started,
      collectMs,
      controls: assessment.controls.length,
      counts: totals,
      areas,
      newFailures: rec.newFailures.length,
      fixed: rec.fixedFailures.length,
      changes: { newFailures: rec.newFailures.slice(0, MAX_CHANGES), fixed: rec.fixedFailures.slice(0, MAX_CHANGES) },
    });
    const unavailable = areas.filter((a) => a.state === 'not-available').map((a) => a.area);
    log.info({ assessmentId, ...totals, pipelineSecrets: secrets.findings.length, newFailures: rec.newFailures.length, fixed: rec.fixedFailures.length, unavailable, ms: Math.round(performance.now() - started) }, 'posture assessed');
    return { assessmentId, state: 'done', counts: totals, newFailures: rec.newFailures.length, fixed: rec.fixedFailures.length };
  } catch (err) {
    const message = signal?.aborted ? 'Interrupted: the service stopped during the assessment' : err instanceof Error ? err.message : String(err);
    await failPostureAssessment(db, org.org_id, assessmentId, message, performance.now() - started);
    log.warn({ assessmentId, err: message }, 'posture assessment failed');
    if (signal?.aborted) throw err;
    return { assessmentId, state: 'failed', error: message };
  }
}

export async function assessAllPosture(ctx: Pick<AppContext, 'store' | 'boss'>): Promise<number> {
  let queued = 0;
  for (const org of await listOrganizations(ctx.store.db)) if (await requestPostureAssessment(ctx, org.org_id, 'schedule')) queued++;
  return queued;
}

/**
 * The worker and the schedule (removed when the cron is 'off'). stop(timeoutMs) gives a running
 * assessment that long to finish (pg-boss's graceful stop waits for it), then aborts it: it is recorded
 * as interrupted, and the next schedule or request runs it again.
 */
export async function startPostureWorkers(ctx: AppContext, pollingIntervalSeconds: number): Promise<{ stop(timeoutMs: number): void }> {
  const { boss, config } = ctx;
  const shutdown = new AbortController();
  await createPostureQueues(boss);
  await boss.work<AssessPostureJob>(ASSESS_POSTURE_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
    const r = await assessPosture(ctx, job.data, shutdown.signal);
    return { ...r };
  });
  await boss.work(ASSESS_POSTURE_ALL_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async () => ({ queued: await assessAllPosture(ctx) }));
  if (config.posture.cron === 'off') await boss.unschedule(ASSESS_POSTURE_ALL_QUEUE);
  else await boss.schedule(ASSESS_POSTURE_ALL_QUEUE, config.posture.cron);
  return { stop: (timeoutMs) => void setTimeout(() => shutdown.abort(), timeoutMs).unref() };
}
