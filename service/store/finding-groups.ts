// The Findings list grouped by rule or by repository: one row per group with its counts by severity,
// over exactly the findings the list shows for the same filters (filteredFindings).
import { sql, type Kysely } from 'kysely';
import { SEVERITIES, severityRank, type Severity } from '../contract/vocabulary';
import { filteredFindings, type FindingFilters } from './finding-queries';
import type { Database } from './schema';

export type FindingGrouping = 'rule' | 'repository';

export interface FindingGroupRow {
  /** The rule id, or the repository id ('' for findings of no repository). */
  key: string;
  /** By rule: one of its findings' titles and its category. */
  title: string | null;
  category: string | null;
  /** By repository: its name and project (null for findings of no repository). */
  repoName: string | null;
  projectName: string | null;
  count: number;
  severities: Record<Severity, number>;
}

const KEY = {
  rule: sql<string>`f.rule_id`,
  repository: sql<string>`coalesce(f.repo_id, '')`,
} as const;

/** One page of groups, the most severe first, then the largest, then by key; and how many groups there are. */
export async function listFindingGroupCounts(
  db: Kysely<Database>,
  orgId: string,
  by: FindingGrouping,
  filters: FindingFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: FindingGroupRow[]; total: number }> {
  const key = KEY[by];
  // One read: the window counts the groups (rows after GROUP BY) before the page is cut.
  const rows = await filteredFindings(db, orgId, filters)
    .select([
      key.as('key'),
      sql<string>`count(*)`.as('count'),
      sql<string>`count(*) OVER ()`.as('groups'),
      sql<string | null>`min(f.title)`.as('title'),
      sql<string | null>`min(f.category)`.as('category'),
      sql<string | null>`min(r.name)`.as('repo_name'),
      sql<string | null>`min(r.project_name)`.as('project_name'),
      ...SEVERITIES.map((s) => sql<string>`count(*) FILTER (WHERE f.severity_rank = ${severityRank(s)})`.as(s)),
    ])
    .groupBy(key)
    .orderBy(sql`min(f.severity_rank)`)
    .orderBy(sql`count(*)`, 'desc')
    .orderBy(key)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  // A page past the end has no row to carry the count: count apart.
  const total = rows.length
    ? rows[0].groups
    : page.offset === 0
      ? 0
      : (await filteredFindings(db, orgId, filters).select(sql<string>`count(DISTINCT ${key})`.as('total')).executeTakeFirstOrThrow()).total;
  return {
    total: Number(total),
    rows: rows.map((r) => {
      const row = r as unknown as Record<string, string | null>;
      return {
        key: r.key,
        title: by === 'rule' ? r.title : null,
        category: by === 'rule' ? r.category : null,
        repoName: by === 'repository' ? r.repo_name : null,
        projectName: by === 'repository' ? r.project_name : null,
        count: Number(r.count),
        severities: Object.fromEntries(SEVERITIES.map((s) => [s, Number(row[s])])) as Record<Severity, number>,
      };
    }),
  };
}
