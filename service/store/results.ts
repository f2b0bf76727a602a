// Outcomes other than fail (pass, not applicable, not available), with their evidence: what lets a
// page say "12 passed, 3 not available" beside the findings. Fails are findings (findings.ts).
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely, OnConflictTables, OnConflictUpdateDatabase } from 'kysely';
import type { RuleResult } from '../contract/model';
import { CATEGORIES, type Category, type Outcome } from '../contract/vocabulary';
import { inTransaction } from './db';
import { filteredFindings } from './finding-queries';
import type { Database, ResultRow } from './schema';

export const RESULT_SOURCES = ['scan', 'posture', 'compliance'] as const;
export type ResultSource = (typeof RESULT_SOURCES)[number];

/** The categories each source reports; how a summary finds the fails (findings carry no source). */
const SOURCE_CATEGORIES: Record<ResultSource, (c: Category) => boolean> = {
  scan: (c) => c !== 'posture' && c !== 'compliance',
  posture: (c) => c === 'posture',
  compliance: (c) => c === 'compliance',
};

/**
 * What one run assesses, and so replaces: every result of its source in the organization, narrowed
 * to one repository or one project when given (a repository scan: `{source: 'scan', repoId}`).
 */
export interface ResultScope {
  source: ResultSource;
  repoId?: string;
  projectId?: string;
}

/** A result to store; its repository and project default to the scope's. */
export type ResultInput = RuleResult & { repoId?: string; projectId?: string };

/** Rows per statement: 15 columns x 500 rows stays well under PostgreSQL's 65,535 parameters. */
const CHUNK = 500;

/**
 * Replace the results of one scope by those of one run: upsert every given result (keeping its id),
 * then delete the scope's results this run did not give. One transaction (`db`'s when it is one).
 */
export async function replaceResults(
  db: Kysely<Database>,
  orgId: string,
  scope: ResultScope,
  runId: string,
  results: readonly ResultInput[],
  assessedAt: Date = new Date(),
): Promise<{ stored: number; removed: number }> {
  const rows = uniqueBySubject(
    results.map((r) => {
      const row = {
        org_id: orgId,
        result_id: randomUUID(),
        source: scope.source,
        run_id: runId,
        category: r.category,
        rule_id: r.ruleId,
        subject_key: r.subjectKey,
        repo_id: r.repoId ?? scope.repoId ?? null,
        project_id: r.projectId ?? scope.projectId ?? null,
        location: JSON.stringify(r.location),
        outcome: r.outcome,
        reason_code: r.reason?.code ?? null,
        reason_text: r.reason?.text ?? null,
        evidence: JSON.stringify(r.evidence ?? []),
        assessed_at: assessedAt,
      };
      // A row outside the scope would never be replaced by the scope's next run.
      if ((scope.repoId && row.repo_id !== scope.repoId) || (scope.projectId && row.project_id !== scope.projectId)) {
        throw new Error(`Result ${r.ruleId}/${r.subjectKey} lies outside the scope it is stored for`);
      }
      return row;
    }),
  );
  return inTransaction(db, async (trx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const batch = rows.slice(i, i + CHUNK);
      const inRepo = batch.filter((r) => r.repo_id !== null);
      const noRepo = batch.filter((r) => r.repo_id === null);
      // Two unique indexes, so two conflict targets: (…, repo_id, …) and the partial one WHERE repo_id IS NULL.
      if (inRepo.length) {
        await trx
          .insertInto('results')
          .values(inRepo)
          .onConflict((oc) => oc.columns(['org_id', 'source', 'repo_id', 'rule_id', 'subject_key']).doUpdateSet(updatedColumns))
          .execute();
      }
      if (noRepo.length) {
        await trx
          .insertInto('results')
          .values(noRepo)
          .onConflict((oc) => oc.columns(['org_id', 'source', 'rule_id', 'subject_key']).where('repo_id', 'is', null).doUpdateSet(updatedColumns))
          .execute();
      }
    }
    let stale = trx.deleteFrom('results').where('org_id', '=', orgId).where('source', '=', scope.source).where('run_id', '<>', runId);
    if (scope.repoId) stale = stale.where('repo_id', '=', scope.repoId);
    if (scope.projectId) stale = stale.where('project_id', '=', scope.projectId);
    const [deleted] = await stale.execute();
    return { stored: rows.length, removed: Number(deleted.numDeletedRows) };
  });
}

const updatedColumns = (eb: ExpressionBuilder<OnConflictUpdateDatabase<Database, 'results'>, OnConflictTables<'results'>>) => ({
  run_id: eb.ref('excluded.run_id'),
  category: eb.ref('excluded.category'),
  project_id: eb.ref('excluded.project_id'),
  location: eb.ref('excluded.location'),
  outcome: eb.ref('excluded.outcome'),
  reason_code: eb.ref('excluded.reason_code'),
  reason_text: eb.ref('excluded.reason_text'),
  evidence: eb.ref('excluded.evidence'),
  assessed_at: eb.ref('excluded.assessed_at'),
});

/** One row per (repository, rule, subject): an upsert may not touch a row twice. The first wins. */
function uniqueBySubject<T extends { repo_id: string | null; rule_id: string; subject_key: string }>(rows: T[]): T[] {
  const seen = new Map<string, T>();
  for (const r of rows) {
    const key = JSON.stringify([r.repo_id, r.rule_id, r.subject_key]);
    if (!seen.has(key)) seen.set(key, r);
  }
  return [...seen.values()];
}

export interface ResultFilters {
  sources?: ResultSource[];
  categories?: Category[];
  outcomes?: Outcome[];
  ruleIds?: string[];
  repoId?: string;
  projectId?: string;
}

function filteredResults(db: Kysely<Database>, orgId: string, filters: ResultFilters) {
  let q = db
    .selectFrom('results as x')
    .leftJoin('repositories as r', (j) => j.onRef('r.org_id', '=', 'x.org_id').onRef('r.repo_id', '=', 'x.repo_id'))
    .where('x.org_id', '=', orgId)
    // Null both for a live repository and for a result without one.
    .where('r.removed_at', 'is', null);
  if (filters.sources?.length) q = q.where('x.source', 'in', filters.sources);
  if (filters.categories?.length) q = q.where('x.category', 'in', filters.categories);
  if (filters.outcomes?.length) q = q.where('x.outcome', 'in', filters.outcomes);
  if (filters.ruleIds?.length) q = q.where('x.rule_id', 'in', filters.ruleIds);
  if (filters.repoId) q = q.where('x.repo_id', '=', filters.repoId);
  if (filters.projectId) q = q.where('x.project_id', '=', filters.projectId);
  return q;
}

export async function listResults(
  db: Kysely<Database>,
  orgId: string,
  filters: ResultFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: ResultRow[]; total: number }> {
  const base = filteredResults(db, orgId, filters);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<string>().as('total')).execute();
  const rows = await base
    .selectAll('x')
    .orderBy('x.rule_id')
    .orderBy('x.repo_id')
    .orderBy('x.subject_key')
    .orderBy('x.result_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total) };
}

export interface RuleSummary {
  ruleId: string;
  category: Category;
  pass: number;
  fail: number;
  notApplicable: number;
  notAvailable: number;
}

export interface SummaryScope {
  source?: ResultSource;
  categories?: Category[];
  repoId?: string;
  projectId?: string;
}

/**
 * Per rule: how many subjects passed, failed, were not applicable or not available in a scope. Fails
 * are the open findings of the rule in that scope; the others come from results.
 */
export async function summarizeRules(db: Kysely<Database>, orgId: string, scope: SummaryScope): Promise<RuleSummary[]> {
  const categories = scope.source ? (scope.categories ?? CATEGORIES).filter(SOURCE_CATEGORIES[scope.source]) : scope.categories;
  if (categories && categories.length === 0) return [];
  const outcomes = filteredResults(db, orgId, { sources: scope.source && [scope.source], categories, repoId: scope.repoId, projectId: scope.projectId })
    .where('x.outcome', '<>', 'fail') // fails are findings; a stored fail result would be counted twice
    .select(['x.rule_id', 'x.category', 'x.outcome']);
  const fails = filteredFindings(db, orgId, { categories, states: ['open'], repoId: scope.repoId, projectId: scope.projectId });
  const rows = await db
    .selectFrom(outcomes.unionAll(fails.select((eb) => ['f.rule_id', 'f.category', eb.val('fail').as('outcome')])).as('o'))
    .select((eb) => [
      'o.rule_id',
      'o.category',
      eb.fn.countAll<string>().filterWhere('o.outcome', '=', 'pass').as('pass'),
      eb.fn.countAll<string>().filterWhere('o.outcome', '=', 'fail').as('fail'),
      eb.fn.countAll<string>().filterWhere('o.outcome', '=', 'not-applicable').as('not_applicable'),
      eb.fn.countAll<string>().filterWhere('o.outcome', '=', 'not-available').as('not_available'),
    ])
    .groupBy(['o.rule_id', 'o.category'])
    .orderBy('o.rule_id')
    .orderBy('o.category')
    .execute();
  return rows.map((r) => ({
    ruleId: r.rule_id,
    category: r.category as Category,
    pass: Number(r.pass),
    fail: Number(r.fail),
    notApplicable: Number(r.not_applicable),
    notAvailable: Number(r.not_available),
  }));
}
