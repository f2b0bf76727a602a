// An organization's schedule, scanners and retention (migration 013), a repository's own scanner
// switches, and what the schedule and the retention job read of them.
import { sql, type Kysely } from 'kysely';
import { SCANNER_FAMILIES, type ScanSettings, type ScannerFamily } from '../contract/settings-api';
import type { Database } from './schema';

/** Families the contract knows, in its order; anything else stored (a family since removed) is dropped. */
export const knownFamilies = (raw: unknown): ScannerFamily[] =>
  Array.isArray(raw) ? SCANNER_FAMILIES.filter((f) => raw.includes(f)) : [];

/** A repository's overrides as stored: only known families, booleans only; null when there are none. */
export function knownOverrides(raw: unknown): Partial<Record<ScannerFamily, boolean>> | null {
  if (!raw || typeof raw !== 'object') return null;
  const out: Partial<Record<ScannerFamily, boolean>> = {};
  for (const f of SCANNER_FAMILIES) {
    const v = (raw as Record<string, unknown>)[f];
    if (typeof v === 'boolean') out[f] = v;
  }
  return Object.keys(out).length ? out : null;
}

const SCAN_SETTINGS_COLUMNS = ['discovery_interval_hours', 'scan_interval_hours', 'disabled_scanners', 'history_retention_days'] as const;

export async function getScanSettings(db: Kysely<Database>, orgId: string): Promise<ScanSettings | undefined> {
  const row = await db.selectFrom('organizations').select(SCAN_SETTINGS_COLUMNS).where('org_id', '=', orgId).executeTakeFirst();
  return (
    row && {
      discoveryIntervalHours: row.discovery_interval_hours,
      scanIntervalHours: row.scan_interval_hours,
      disabledScanners: knownFamilies(row.disabled_scanners),
      historyRetentionDays: row.history_retention_days,
    }
  );
}

/** Replaces the four settings; false when the organization is gone. */
export async function setScanSettings(db: Kysely<Database>, orgId: string, s: ScanSettings): Promise<boolean> {
  const res = await db
    .updateTable('organizations')
    .set({
      discovery_interval_hours: s.discoveryIntervalHours,
      scan_interval_hours: s.scanIntervalHours,
      disabled_scanners: JSON.stringify(knownFamilies(s.disabledScanners)),
      history_retention_days: s.historyRetentionDays,
      updated_at: new Date(),
    })
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** The organization's disabled families and the repository's overrides; undefined when either is unknown. */
export async function getScannerSwitches(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
): Promise<{ disabled: ScannerFamily[]; overrides: Partial<Record<ScannerFamily, boolean>> | null; repositoryName: string } | undefined> {
  const row = await db
    .selectFrom('repositories as r')
    .innerJoin('organizations as o', 'o.org_id', 'r.org_id')
    .select(['o.disabled_scanners', 'r.scanner_overrides', 'r.name'])
    .where('r.org_id', '=', orgId)
    .where('r.repo_id', '=', repoId)
    .where('r.removed_at', 'is', null)
    .executeTakeFirst();
  return row && { disabled: knownFamilies(row.disabled_scanners), overrides: knownOverrides(row.scanner_overrides), repositoryName: row.name };
}

/** Sets (null or {}: clears) a repository's overrides; false when the repository is unknown. */
export async function setRepositoryScannerOverrides(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  overrides: Partial<Record<ScannerFamily, boolean>> | null,
): Promise<boolean> {
  const kept = knownOverrides(overrides);
  const res = await db
    .updateTable('repositories')
    .set({ scanner_overrides: kept ? JSON.stringify(kept) : null })
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

// ---- schedule ------------------------------------------------------------------------------------

/**
 * Organizations with their own discovery interval whose last requested discovery is older than it
 * (or never asked for): the hourly schedule asks for theirs, and marks them asked.
 */
export async function claimDueDiscoveries(db: Kysely<Database>, now = new Date()): Promise<string[]> {
  const rows = await db
    .updateTable('organizations')
    .set({ last_discovery_requested_at: now })
    .where('discovery_interval_hours', 'is not', null)
    .where(
      sql<boolean>`coalesce(last_discovery_requested_at, last_discovery_at, '-infinity'::timestamptz) <= ${now}::timestamptz - make_interval(hours => discovery_interval_hours)`,
    )
    .returning('org_id')
    .execute();
  return rows.map((r) => r.org_id);
}

/** Organizations that follow the service's discovery schedule (no interval of their own). */
export async function organizationsOnServiceSchedule(db: Kysely<Database>, now = new Date()): Promise<string[]> {
  const rows = await db
    .updateTable('organizations')
    .set({ last_discovery_requested_at: now })
    .where('discovery_interval_hours', 'is', null)
    .returning('org_id')
    .execute();
  return rows.map((r) => r.org_id);
}

// ---- retention -----------------------------------------------------------------------------------

export interface PruneCounts {
  scans: number;
  findings: number;
  postureAssessments: number;
  pullRequestScans: number;
}

/** Organizations with a retention whose history was not pruned in the last `everyHours`. */
export async function claimDuePrunes(db: Kysely<Database>, everyHours: number, now = new Date()): Promise<{ orgId: string; days: number }[]> {
  const rows = await db
    .updateTable('organizations')
    .set({ last_pruned_at: now })
    .where('history_retention_days', 'is not', null)
    .where(sql<boolean>`coalesce(last_pruned_at, '-infinity'::timestamptz) <= ${now}::timestamptz - make_interval(hours => ${everyHours})`)
    .returning(['org_id', 'history_retention_days'])
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, days: r.history_retention_days! }));
}

/**
 * Deletes the organization's history older than `before`: finished scans (never a repository's last
 * one), fixed findings, posture assessments (never the newest), finished pull-request scans (never a
 * pull request's newest). Open and dismissed findings are current state, not history: they stay.
 */
export async function pruneHistory(db: Kysely<Database>, orgId: string, before: Date): Promise<PruneCounts> {
  return db.transaction().execute(async (trx) => {
    const scans = await trx
      .deleteFrom('scans')
      .where('org_id', '=', orgId)
      .where('state', 'in', ['done', 'failed', 'interrupted'])
      .where(sql<boolean>`coalesce(finished_at, queued_at) < ${before}::timestamptz`)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('repositories as r').select('r.repo_id').whereRef('r.org_id', '=', 'scans.org_id').whereRef('r.last_scan_id', '=', 'scans.scan_id'))),
      )
      .executeTakeFirst();
    const findings = await trx
      .deleteFrom('findings')
      .where('org_id', '=', orgId)
      .where('state', '=', 'fixed')
      .where('fixed_at', '<', before)
      .executeTakeFirst();
    const postureAssessments = await trx
      .deleteFrom('posture_assessments')
      .where('org_id', '=', orgId)
      .where('started_at', '<', before)
      .where('state', '!=', 'running')
      .where(
        'assessment_id',
        'not in',
        trx.selectFrom('posture_assessments as p').select('p.assessment_id').where('p.org_id', '=', orgId).orderBy('p.started_at', 'desc').limit(1),
      )
      .executeTakeFirst();
    const pullRequestScans = await trx
      .deleteFrom('pull_request_scans as s')
      .where('s.org_id', '=', orgId)
      .where('s.state', 'in', ['done', 'failed'])
      .where(sql<boolean>`coalesce(s.finished_at, s.queued_at) < ${before}::timestamptz`)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('pull_request_scans as n')
            .select('n.pr_scan_id')
            .whereRef('n.org_id', '=', 's.org_id')
            .whereRef('n.repo_id', '=', 's.repo_id')
            .whereRef('n.pull_request_id', '=', 's.pull_request_id')
            .whereRef('n.queued_at', '>', 's.queued_at'),
        ),
      )
      .executeTakeFirst();
    const n = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);
    return { scans: n(scans), findings: n(findings), postureAssessments: n(postureAssessments), pullRequestScans: n(pullRequestScans) };
  });
}
