// The overview of an organization or one project: open findings by severity and category, new and
// fixed per day, mean time to fix, top repositories and rules, and what the last scans covered.
// Aggregates in SQL (a few grouped scans of the organization's rows), never rows in memory. Counts are
// of alerts, as the findings list shows them: one credential in several places counts once.
import { sql, type Kysely } from 'kysely';
import { SEVERITIES, type Category, type Severity } from '../contract/vocabulary';
import { filteredFindings } from './finding-queries';
import { selectedRepository } from './repository-selection';
import type { Database } from './schema';

export interface OverviewFigures {
  open: { severity: Severity; category: Category; n: number }[];
  trend: { day: string; new: number; fixed: number }[];
  meanDaysToFix?: number;
  fixedInWindow: number;
  newInWindow: number;
  topRepositories: { id: string; name: string; projectId: string; projectName: string; open: number; worstSeverity: Severity }[];
  topRules: { ruleId: string; title: string; category: Category; severity: Severity; open: number }[];
  repositories: { total: number; scanned: number; failing: number; never: number; skipped: number; scanning: number };
  scanners: { scanner: string; category: Category; ran: number; notRun: number; failed: number }[];
}

const TOP = 5;
/** Distinct alerts (group keys) among the rows. */
const ALERTS = sql<string>`count(DISTINCT f.group_key)`;
const DAY_MS = 86_400_000;

/** The UTC days of the window ending today, oldest first, as YYYY-MM-DD. */
export function windowDays(days: number, now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

export async function overviewFigures(db: Kysely<Database>, orgId: string, opts: { projectId?: string; days: number; now?: Date }): Promise<OverviewFigures> {
  const now = opts.now ?? new Date();
  const days = windowDays(opts.days, now);
  const since = new Date(`${days[0]}T00:00:00.000Z`);
  const scope = { projectId: opts.projectId };
  const open = filteredFindings(db, orgId, { ...scope, states: ['open'] });

  const byKind = await open
    .select(['f.severity', 'f.category', ALERTS.as('n')])
    .groupBy(['f.severity', 'f.category'])
    .execute();

  const dayOf = (column: 'f.first_seen_at' | 'f.fixed_at') => sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  const newPerDay = await filteredFindings(db, orgId, scope)
    .where('f.first_seen_at', '>=', since)
    .select([dayOf('f.first_seen_at').as('day'), ALERTS.as('n')])
    .groupBy(sql`1`)
    .execute();
  const fixedPerDay = await filteredFindings(db, orgId, { ...scope, states: ['fixed'] })
    .where('f.fixed_at', '>=', since)
    .select([dayOf('f.fixed_at').as('day'), ALERTS.as('n')])
    .groupBy(sql`1`)
    .execute();
  const [ttf] = await filteredFindings(db, orgId, { ...scope, states: ['fixed'] })
    .where('f.fixed_at', '>=', since)
    .select(sql<string | null>`avg(extract(epoch from (f.fixed_at - f.first_seen_at)))`.as('seconds'))
    .execute();

  const topRepositories = await open
    .where('f.repo_id', 'is not', null)
    .select((eb) => ['f.repo_id', 'r.name', 'r.project_id', 'r.project_name', ALERTS.as('n'), eb.fn.min('f.severity_rank').as('rank')])
    .groupBy(['f.repo_id', 'r.name', 'r.project_id', 'r.project_name'])
    .orderBy('n', 'desc')
    .orderBy('rank')
    .orderBy('r.name')
    .limit(TOP)
    .execute();
  const topRules = await open
    .select((eb) => ['f.rule_id', eb.fn.max('f.title').as('title'), eb.fn.max('f.category').as('category'), eb.fn.min('f.severity_rank').as('rank'), ALERTS.as('n')])
    .groupBy('f.rule_id')
    .orderBy('n', 'desc')
    .orderBy('rank')
    .orderBy('f.rule_id')
    .limit(TOP)
    .execute();

  let repos = db.selectFrom('repositories as r').leftJoin('scans as s', (j) => j.onRef('s.org_id', '=', 'r.org_id').onRef('s.scan_id', '=', 'r.last_scan_id')).where('r.org_id', '=', orgId).where('r.removed_at', 'is', null).where(selectedRepository(orgId, 'r'));
  if (opts.projectId) repos = repos.where('r.project_id', '=', opts.projectId);
  const [repoCounts] = await repos
    .select([
      sql<string>`count(*)`.as('total'),
      sql<string>`count(*) FILTER (WHERE r.skip_reason IS NOT NULL)`.as('skipped'),
      sql<string>`count(*) FILTER (WHERE r.skip_reason IS NULL AND r.scan_state IN ('queued', 'running'))`.as('scanning'),
      sql<string>`count(*) FILTER (WHERE r.skip_reason IS NULL AND r.scan_state NOT IN ('queued', 'running') AND s.state = 'done')`.as('scanned'),
      sql<string>`count(*) FILTER (WHERE r.skip_reason IS NULL AND r.scan_state NOT IN ('queued', 'running') AND s.state IN ('failed', 'interrupted'))`.as('failing'),
      sql<string>`count(*) FILTER (WHERE r.skip_reason IS NULL AND r.scan_state NOT IN ('queued', 'running') AND s.scan_id IS NULL)`.as('never'),
    ])
    .execute();
  const scanners = await repos
    .where('s.state', '=', 'done')
    .innerJoin(sql<{ value: unknown }>`jsonb_array_elements(s.scanners)`.as('x'), (j) => j.onTrue())
    .select([
      sql<string>`x.value->>'scanner'`.as('scanner'),
      sql<string>`max(x.value->>'category')`.as('category'),
      sql<string>`count(*) FILTER (WHERE x.value->>'status' = 'ran')`.as('ran'),
      sql<string>`count(*) FILTER (WHERE x.value->>'status' = 'not-run')`.as('not_run'),
      sql<string>`count(*) FILTER (WHERE x.value->>'status' = 'failed')`.as('failed'),
    ])
    .groupBy(sql`x.value->>'scanner'`)
    .orderBy(sql`x.value->>'scanner'`)
    .execute();

  const perDay = (rows: { day: string; n: string | number }[]) => new Map(rows.map((r) => [r.day, Number(r.n)]));
  const newBy = perDay(newPerDay);
  const fixedBy = perDay(fixedPerDay);
  const severityOf = (rank: unknown) => SEVERITIES[Number(rank)] ?? 'info';
  const seconds = ttf?.seconds == null ? undefined : Number(ttf.seconds);
  return {
    open: byKind.map((r) => ({ severity: r.severity as Severity, category: r.category as Category, n: Number(r.n) })),
    trend: days.map((day) => ({ day, new: newBy.get(day) ?? 0, fixed: fixedBy.get(day) ?? 0 })),
    ...(seconds === undefined ? {} : { meanDaysToFix: Math.round((seconds / 86_400) * 10) / 10 }),
    newInWindow: [...newBy.values()].reduce((a, b) => a + b, 0),
    fixedInWindow: [...fixedBy.values()].reduce((a, b) => a + b, 0),
    topRepositories: topRepositories.map((r) => ({
      id: r.repo_id as string,
      name: r.name ?? '',
      projectId: r.project_id ?? '',
      projectName: r.project_name ?? '',
      open: Number(r.n),
      worstSeverity: severityOf(r.rank),
    })),
    topRules: topRules.map((r) => ({ ruleId: r.rule_id, title: String(r.title), category: r.category as Category, severity: severityOf(r.rank), open: Number(r.n) })),
    repositories: {
      total: Number(repoCounts.total),
      scanned: Number(repoCounts.scanned),
      failing: Number(repoCounts.failing),
      never: Number(repoCounts.never),
      skipped: Number(repoCounts.skipped),
      scanning: Number(repoCounts.scanning),
    },
    scanners: scanners.map((s) => ({ scanner: s.scanner, category: s.category as Category, ran: Number(s.ran), notRun: Number(s.not_run), failed: Number(s.failed) })),
  };
}
