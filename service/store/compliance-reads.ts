// What the compliance surfaces read (issue 15): the settings in force, the per-check summary of a period,
// the merged pull requests with their per-check results (paged, filtered), one pull request's recorded
// evidence, the production branches, the repositories' own settings and the collection's state. The
// settings writes live here too (the hub's and the API's); the collection writes are in compliance.ts.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  COMPLIANCE_CHECK_IDS,
  COMPLIANCE_OUTCOMES,
  type ComplianceBranchDto,
  type ComplianceCheckId,
  type ComplianceCheckResultDto,
  type ComplianceCheckSummary,
  type ComplianceEvidenceItem,
  type ComplianceOutcome,
  type CompliancePullRequestDetailDto,
  type CompliancePullRequestDto,
  type ComplianceRepositoryDto,
  type ComplianceSettingsDto,
  type ComplianceSettingsRequest,
  type ComplianceSummaryDto,
  type EvidenceSources,
} from '../contract/compliance-api';
import type { MergedPullRequestEvidence } from '../compliance/evidence';
import type { Database } from './schema';

type Db = Kysely<Database>;

/** Days before the connection that a new organization's start date lies (the issue's default). */
export const DEFAULT_START_DAYS = 90;
export const DEFAULT_EMERGENCY_LABEL = 'emergency';
const DAY_MS = 86_400_000;

export const EMPTY_EVIDENCE_SOURCES: EvidenceSources = {
  sastTasks: [],
  sastStatuses: [],
  testTasks: [],
  testStatuses: [],
  dependencyTasks: [],
  dependencyStatuses: [],
};

const dayOf = (d: Date): string => d.toISOString().slice(0, 10);
const iso = (d: Date | string | null | undefined): string | undefined => (d ? new Date(d).toISOString() : undefined);
/** jsonb arrives parsed from both drivers; a text-encoded object or array is parsed here. A JSON string stays a string. */
function json<T>(v: unknown): T {
  if (typeof v !== 'string' || !/^\s*[[{]/.test(v)) return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return v as T;
  }
}
const isCheck = (v: unknown): v is ComplianceCheckId => (COMPLIANCE_CHECK_IDS as readonly unknown[]).includes(v);
const isOutcome = (v: unknown): v is ComplianceOutcome => (COMPLIANCE_OUTCOMES as readonly unknown[]).includes(v);

// ---- settings -----------------------------------------------------------------------------------------

function sourcesOf(v: unknown): EvidenceSources {
  const given = (json<Record<string, unknown>>(v) ?? {}) as Record<string, unknown>;
  const out = { ...EMPTY_EVIDENCE_SOURCES };
  for (const key of Object.keys(out) as (keyof EvidenceSources)[]) {
    const list = given[key];
    if (Array.isArray(list)) out[key] = list.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** The organization's settings; an organization without a row has the defaults (start: 90 days before connecting). */
export async function readComplianceSettings(db: Db, orgId: string): Promise<ComplianceSettingsDto | undefined> {
  const row = await db
    .selectFrom('organizations as o')
    .leftJoin('compliance_settings as s', 's.org_id', 'o.org_id')
    .select(['o.created_at', 's.start_date', 's.emergency_label', 's.branch_patterns', 's.checks', 's.evidence_sources', 's.updated_at', 's.updated_by'])
    .where('o.org_id', '=', orgId)
    .executeTakeFirst();
  if (!row) return undefined;
  if (!row.start_date) {
    return {
      startDate: dayOf(new Date(new Date(row.created_at).getTime() - DEFAULT_START_DAYS * DAY_MS)),
      emergencyLabel: DEFAULT_EMERGENCY_LABEL,
      branchPatterns: [],
      checks: [...COMPLIANCE_CHECK_IDS],
      evidenceSources: { ...EMPTY_EVIDENCE_SOURCES },
    };
  }
  return {
    startDate: row.start_date,
    emergencyLabel: row.emergency_label ?? DEFAULT_EMERGENCY_LABEL,
    branchPatterns: json<string[]>(row.branch_patterns) ?? [],
    checks: (json<unknown[]>(row.checks) ?? []).filter(isCheck),
    evidenceSources: sourcesOf(row.evidence_sources),
    ...(row.updated_at ? { updatedAt: iso(row.updated_at) } : {}),
    ...(row.updated_by ? { updatedBy: row.updated_by } : {}),
  };
}

/**
 * Changes the fields given (evidence source lists one by one), creating the organization's row with the
 * defaults first when the collection has not made it yet. Answers the settings now in force.
 */
export async function updateComplianceSettings(db: Db, orgId: string, change: ComplianceSettingsRequest, by: string): Promise<ComplianceSettingsDto | undefined> {
  return db.transaction().execute(async (trx) => {
    const current = await readComplianceSettings(trx, orgId);
    if (!current) return undefined;
    const next: ComplianceSettingsDto = {
      startDate: change.startDate ?? current.startDate,
      emergencyLabel: change.emergencyLabel ?? current.emergencyLabel,
      branchPatterns: change.branchPatterns ? [...new Set(change.branchPatterns)] : current.branchPatterns,
      checks: change.checks ? COMPLIANCE_CHECK_IDS.filter((c) => change.checks!.includes(c)) : current.checks,
      evidenceSources: { ...current.evidenceSources, ...stripUndefined(change.evidenceSources ?? {}) },
    };
    const values = {
      start_date: next.startDate,
      emergency_label: next.emergencyLabel,
      branch_patterns: JSON.stringify(next.branchPatterns),
      checks: JSON.stringify(next.checks),
      evidence_sources: JSON.stringify(next.evidenceSources),
      updated_at: new Date(),
      updated_by: by,
    };
    await trx
      .insertInto('compliance_settings')
      .values({ org_id: orgId, ...values })
      .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
      .execute();
    return readComplianceSettings(trx, orgId);
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Every repository still in the organization with its own patterns and checks (null: the organization's). */
export async function listComplianceRepositories(db: Db, orgId: string, projectId?: string): Promise<ComplianceRepositoryDto[]> {
  let q = db
    .selectFrom('repositories as r')
    .leftJoin('compliance_repositories as c', (j) => j.onRef('c.org_id', '=', 'r.org_id').onRef('c.repo_id', '=', 'r.repo_id'))
    .select(['r.repo_id', 'r.name', 'r.project_id', 'r.project_name', 'r.default_branch', 'c.branch_patterns', 'c.checks'])
    .where('r.org_id', '=', orgId)
    .where('r.removed_at', 'is', null)
    .orderBy('r.project_name')
    .orderBy('r.name');
  if (projectId) q = q.where('r.project_id', '=', projectId);
  return (await q.execute()).map((r) => ({
    repositoryId: r.repo_id,
    repositoryName: r.name,
    projectId: r.project_id,
    projectName: r.project_name,
    ...(r.default_branch ? { defaultBranch: r.default_branch } : {}),
    branchPatterns: r.branch_patterns ? json<string[]>(r.branch_patterns) : null,
    checks: r.checks ? json<unknown[]>(r.checks).filter(isCheck) : null,
  }));
}

/** Sets a repository's own patterns and/or checks (null: follow the organization again); undefined when the repository is unknown. */
export async function updateComplianceRepository(
  db: Db,
  orgId: string,
  repoId: string,
  change: { branchPatterns?: string[] | null; checks?: ComplianceCheckId[] | null },
  by: string,
): Promise<ComplianceRepositoryDto | undefined> {
  const repo = await db.selectFrom('repositories').select('project_id').where('org_id', '=', orgId).where('repo_id', '=', repoId).where('removed_at', 'is', null).executeTakeFirst();
  if (!repo) return undefined;
  const set: { branch_patterns?: string | null; checks?: string | null; updated_at: Date; updated_by: string } = { updated_at: new Date(), updated_by: by };
  if (change.branchPatterns !== undefined) set.branch_patterns = change.branchPatterns === null ? null : JSON.stringify([...new Set(change.branchPatterns)]);
  if (change.checks !== undefined) set.checks = change.checks === null ? null : JSON.stringify(COMPLIANCE_CHECK_IDS.filter((c) => change.checks!.includes(c)));
  await db
    .insertInto('compliance_repositories')
    .values({ org_id: orgId, repo_id: repoId, ...set })
    .onConflict((oc) => oc.columns(['org_id', 'repo_id']).doUpdateSet(set))
    .execute();
  return (await listComplianceRepositories(db, orgId, repo.project_id)).find((r) => r.repositoryId === repoId);
}

// ---- pull requests ------------------------------------------------------------------------------------

export interface ComplianceFilters {
  /** YYYY-MM-DD, both days included (UTC). */
  from: string;
  to: string;
  projectId?: string;
  repoId?: string;
  /** With `outcomes`: pull requests where one of these checks has one of these outcomes. */
  checks?: ComplianceCheckId[];
  /** Without `checks`: the pull request's overall outcome. */
  outcomes?: ComplianceOutcome[];
  /** Only pull requests exempted by the emergency label. */
  emergency?: boolean;
}

/** The overall outcome's order (DTO doc): fail > not-available > exempt > pass > not-applicable. */
const RANKED: ComplianceOutcome[] = ['not-applicable', 'pass', 'exempt', 'not-available', 'fail'];
const rankSql = sql`max(CASE r.outcome WHEN 'fail' THEN 4 WHEN 'not-available' THEN 3 WHEN 'exempt' THEN 2 WHEN 'pass' THEN 1 ELSE 0 END)`;

const endExclusive = (to: string): Date => new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);

/** The pull requests matching the filters, grouped from their results: key, closing time and overall rank. */
function matchingPullRequests(orgId: string, f: ComplianceFilters): RawBuilder<unknown> {
  const where: RawBuilder<unknown>[] = [
    sql`r.org_id = ${orgId}`,
    sql`r.pull_request_id IS NOT NULL`,
    sql`r.closed_at >= ${new Date(`${f.from}T00:00:00Z`)}`,
    sql`r.closed_at < ${endExclusive(f.to)}`,
  ];
  if (f.projectId) where.push(sql`r.project_id = ${f.projectId}`);
  if (f.repoId) where.push(sql`r.repo_id = ${f.repoId}`);
  const having: RawBuilder<unknown>[] = [sql`true`];
  if (f.checks?.length && f.outcomes?.length) {
    having.push(sql`bool_or(r.check_id = ANY(${f.checks}::text[]) AND r.outcome = ANY(${f.outcomes}::text[]))`);
  } else if (f.checks?.length) {
    having.push(sql`bool_or(r.check_id = ANY(${f.checks}::text[]))`);
  } else if (f.outcomes?.length) {
    having.push(sql`${rankSql} = ANY(${f.outcomes.map((o) => RANKED.indexOf(o))}::int[])`);
  }
  if (f.emergency) having.push(sql`bool_or(r.outcome = 'exempt')`);
  return sql`
    SELECT r.repo_id, r.pull_request_id, max(r.closed_at) AS closed_at, ${rankSql} AS rank, bool_or(r.outcome = 'exempt') AS has_exempt
    FROM compliance_results r
    WHERE ${sql.join(where, sql` AND `)}
    GROUP BY r.repo_id, r.pull_request_id
    HAVING ${sql.join(having, sql` AND `)}`;
}

export interface PullRequestKey {
  repoId: string;
  pullRequestId: number;
}

/** One page of the matching pull requests, newest first, with their total. */
export async function listCompliancePullRequests(
  db: Db,
  orgId: string,
  f: ComplianceFilters,
  page: { limit: number; offset: number },
): Promise<{ items: CompliancePullRequestDto[]; total: number }> {
  const { rows } = await sql<{ repo_id: string; pull_request_id: number; total: string | number }>`
    SELECT m.repo_id, m.pull_request_id, count(*) OVER () AS total
    FROM (${matchingPullRequests(orgId, f)}) m
    ORDER BY m.closed_at DESC, m.repo_id, m.pull_request_id
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && page.offset > 0) total = (await matchingKeys(db, orgId, f)).length;
  const items = await compliancePullRequests(db, orgId, rows.map((r) => ({ repoId: r.repo_id, pullRequestId: Number(r.pull_request_id) })));
  return { items, total };
}

/** Every matching pull request's key, newest first (the export reads their rows a chunk at a time). */
export async function matchingKeys(db: Db, orgId: string, f: ComplianceFilters): Promise<PullRequestKey[]> {
  const { rows } = await sql<{ repo_id: string; pull_request_id: number }>`
    SELECT m.repo_id, m.pull_request_id FROM (${matchingPullRequests(orgId, f)}) m
    ORDER BY m.closed_at DESC, m.repo_id, m.pull_request_id`.execute(db);
  return rows.map((r) => ({ repoId: r.repo_id, pullRequestId: Number(r.pull_request_id) }));
}

function reasonText(v: unknown): string | undefined {
  const r = json<unknown>(v);
  if (typeof r === 'string') return r;
  if (r && typeof r === 'object' && typeof (r as { text?: unknown }).text === 'string') return (r as { text: string }).text;
  return undefined;
}

function resultDto(r: { check_id: string; outcome: string; message: string | null; reason: unknown; evidence: unknown }): ComplianceCheckResultDto | undefined {
  if (!isCheck(r.check_id) || !isOutcome(r.outcome)) return undefined;
  const reason = reasonText(r.reason);
  return {
    checkId: r.check_id,
    outcome: r.outcome,
    ...(r.message ? { message: r.message } : {}),
    ...(reason ? { reason } : {}),
    evidence: (json<ComplianceEvidenceItem[]>(r.evidence) ?? []).filter((e) => e && typeof e.label === 'string'),
  };
}

const COMPLIANCE_OUTCOMES_TEXT: Record<ComplianceOutcome, string> = { pass: 'passes', fail: 'fails', 'not-applicable': 'not applicable', exempt: 'exempt', 'not-available': 'not available' };

const overall = (checks: ComplianceCheckResultDto[]): ComplianceOutcome =>
  RANKED[Math.max(0, ...checks.map((c) => RANKED.indexOf(c.outcome)))];

interface PullRequestJoined {
  repo_id: string;
  pull_request_id: number;
  project_id: string;
  target_ref: string | null;
  title: string | null;
  author_name: string | null;
  closed_at: Date | string | null;
  labels: unknown;
  evidence: unknown;
  collected_at: Date | string | null;
  repo_name: string | null;
  project_name: string | null;
}

/** The pull requests of these keys, in the keys' order, with their results (checks in COMPLIANCE_CHECK_IDS order). */
export async function compliancePullRequests(db: Db, orgId: string, keys: PullRequestKey[], withEvidence = false): Promise<CompliancePullRequestDto[]> {
  return (await joinedPullRequests(db, orgId, keys, withEvidence)).map(({ dto }) => dto);
}

// Results are looked up by their primary key (org, repository, subject key 'pr:{id}' or 'branch:{ref}'):
// a chunk's queries then read only its own rows, not every result of the organization or repository.
async function joinedPullRequests(
  db: Db,
  orgId: string,
  keys: PullRequestKey[],
  withEvidence: boolean,
): Promise<{ dto: CompliancePullRequestDto; row: PullRequestJoined }[]> {
  if (!keys.length) return [];
  const repoIds = keys.map((k) => k.repoId);
  const prIds = keys.map((k) => k.pullRequestId);
  const evidenceColumn = withEvidence ? sql`p.evidence` : sql`jsonb_build_object('url', p.evidence->'url', 'sourceRef', p.evidence->'sourceRef')`;
  const { rows } = await sql<PullRequestJoined>`
    SELECT k.repo_id, k.pull_request_id, coalesce(p.project_id, res.project_id) AS project_id, p.target_ref, p.title, p.author_name,
      coalesce(p.closed_at, res.closed_at) AS closed_at, p.labels, ${evidenceColumn} AS evidence, p.collected_at,
      repo.name AS repo_name, repo.project_name
    FROM unnest(${repoIds}::text[], ${prIds}::int[]) AS k(repo_id, pull_request_id)
    LEFT JOIN compliance_pull_requests p ON p.org_id = ${orgId} AND p.repo_id = k.repo_id AND p.pull_request_id = k.pull_request_id
    LEFT JOIN LATERAL (
      SELECT max(r.project_id) AS project_id, max(r.closed_at) AS closed_at FROM compliance_results r
      WHERE r.org_id = ${orgId} AND r.repo_id = k.repo_id AND r.subject_key = 'pr:' || k.pull_request_id
    ) res ON true
    LEFT JOIN repositories repo ON repo.org_id = ${orgId} AND repo.repo_id = k.repo_id`.execute(db);
  const results = await sql<{ repo_id: string; pull_request_id: number; check_id: string; outcome: string; message: string | null; reason: unknown; evidence: unknown }>`
    SELECT k.repo_id, k.pull_request_id, r.check_id, r.outcome, r.message, r.reason, r.evidence
    FROM unnest(${repoIds}::text[], ${prIds}::int[]) AS k(repo_id, pull_request_id)
    CROSS JOIN LATERAL (
      SELECT r.check_id, r.outcome, r.message, r.reason, r.evidence FROM compliance_results r
      WHERE r.org_id = ${orgId} AND r.repo_id = k.repo_id AND r.subject_key = 'pr:' || k.pull_request_id
    ) r`.execute(db);
  // The branch check judges a production branch, not a pull request: a pull request without its own result
  // shows its target branch's result now.
  const branchResults = await sql<{ repo_id: string; branch: string; check_id: string; outcome: string; message: string | null; reason: unknown; evidence: unknown }>`
    SELECT r.repo_id, r.branch, r.check_id, r.outcome, r.message, r.reason, r.evidence FROM compliance_results r
    WHERE r.org_id = ${orgId} AND r.repo_id = ANY(${[...new Set(repoIds)]}::text[]) AND r.subject_key >= 'branch:' AND r.subject_key < 'branch;'
      AND r.pull_request_id IS NULL AND r.branch IS NOT NULL`.execute(db);
  const byBranch = new Map(branchResults.rows.flatMap((r) => {
    const dto = resultDto(r);
    return dto ? [[`${r.repo_id}\n${r.branch}`, { ...dto, message: `The branch now: ${dto.message ?? COMPLIANCE_OUTCOMES_TEXT[dto.outcome]}` }] as const] : [];
  }));
  const byKey = new Map<string, ComplianceCheckResultDto[]>();
  for (const r of results.rows) {
    const dto = resultDto(r);
    if (!dto) continue;
    const key = `${r.repo_id}\n${Number(r.pull_request_id)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), dto]);
  }
  const order = (c: ComplianceCheckResultDto) => COMPLIANCE_CHECK_IDS.indexOf(c.checkId);
  const rowByKey = new Map(rows.map((r) => [`${r.repo_id}\n${Number(r.pull_request_id)}`, r]));
  return keys.flatMap((k) => {
    const key = `${k.repoId}\n${k.pullRequestId}`;
    const row = rowByKey.get(key);
    if (!row) return [];
    const evidence = json<Partial<MergedPullRequestEvidence>>(row.evidence) ?? {};
    const targetRef = row.target_ref ?? evidence.targetRef ?? '';
    const own = byKey.get(key) ?? [];
    const branch = own.some((c) => c.checkId === 'CMP-BRANCH-APPROVAL') ? undefined : byBranch.get(`${k.repoId}\n${targetRef}`);
    const checks = [...own, ...(branch ? [branch] : [])].sort((a, b) => order(a) - order(b));
    const dto: CompliancePullRequestDto = {
      projectId: row.project_id,
      ...(row.project_name ? { projectName: row.project_name } : {}),
      repositoryId: row.repo_id,
      ...(row.repo_name ? { repositoryName: row.repo_name } : {}),
      pullRequestId: Number(row.pull_request_id),
      ...(row.title ? { title: row.title } : {}),
      ...(evidence.url ? { url: evidence.url } : {}),
      ...(row.author_name ? { author: row.author_name } : {}),
      targetRef,
      closedAt: iso(row.closed_at) ?? '',
      labels: json<string[]>(row.labels) ?? [],
      // The pull request's own results only, as the outcome filter ranks them (not its branch's state now).
      outcome: overall(own),
      checks,
    };
    return [{ dto, row }];
  });
}

/** One pull request with what was recorded of it; undefined when Vigil has no result for it. */
export async function compliancePullRequestDetail(db: Db, orgId: string, key: PullRequestKey): Promise<CompliancePullRequestDetailDto | undefined> {
  const [found] = await joinedPullRequests(db, orgId, [key], true);
  if (!found || (!found.dto.checks.length && !found.row.collected_at)) return undefined;
  const e = json<Partial<MergedPullRequestEvidence>>(found.row.evidence) ?? {};
  const name = (i: { displayName?: string; uniqueName?: string; id?: string }) => i.displayName ?? i.uniqueName ?? i.id ?? 'someone';
  return {
    ...found.dto,
    ...(e.sourceRef ? { sourceRef: e.sourceRef } : {}),
    ...(iso(found.row.collected_at) ? { collectedAt: iso(found.row.collected_at) } : {}),
    reviewers: (e.reviewers ?? []).map((r) => ({ name: name(r), vote: Number(r.vote) || 0, ...(r.isContainer ? { isContainer: true } : {}) })),
    builds: (e.builds ?? []).map((b) => ({
      buildId: b.buildId,
      ...(b.definitionName ? { name: b.definitionName } : {}),
      ...(b.result ? { result: b.result } : {}),
      ...(b.url ? { url: b.url } : {}),
      ...(b.gone ? { gone: true } : {}),
    })),
    statuses: (e.statuses ?? []).map((s) => ({ context: s.genre ? `${s.genre}/${s.name}` : s.name, state: s.state, ...(s.targetUrl ? { url: s.targetUrl } : {}) })),
    unavailable: (e.unavailable ?? []).map((u) => ({ facet: u.facet, reason: u.reason })),
  };
}

// ---- summary, branches, collection --------------------------------------------------------------------

const zeroCounts = (): Record<ComplianceOutcome, number> => ({ pass: 0, fail: 0, 'not-applicable': 0, exempt: 0, 'not-available': 0 });

/** Per check, the outcomes of the matching pull requests' results; the pull requests and the emergency ones. */
export async function complianceCounts(
  db: Db,
  orgId: string,
  f: ComplianceFilters,
): Promise<{ pullRequests: number; emergency: number; checks: ComplianceCheckSummary[]; branches: Record<ComplianceOutcome, number> }> {
  const { rows } = await sql<{ check_id: string; outcome: string; n: string | number }>`
    SELECT r.check_id, r.outcome, count(*) AS n
    FROM (${matchingPullRequests(orgId, f)}) m
    JOIN compliance_results r ON r.org_id = ${orgId} AND r.repo_id = m.repo_id AND r.pull_request_id = m.pull_request_id
    GROUP BY r.check_id, r.outcome`.execute(db);
  const { rows: totals } = await sql<{ prs: string | number; emergency: string | number }>`
    SELECT count(*) AS prs, count(*) FILTER (WHERE m.has_exempt) AS emergency FROM (${matchingPullRequests(orgId, f)}) m`.execute(db);
  const counts = new Map<ComplianceCheckId, Record<ComplianceOutcome, number>>(COMPLIANCE_CHECK_IDS.map((c) => [c, zeroCounts()]));
  for (const r of rows) if (isCheck(r.check_id) && isOutcome(r.outcome)) counts.get(r.check_id)![r.outcome] += Number(r.n);
  const checks = COMPLIANCE_CHECK_IDS.map((checkId) => {
    const n = counts.get(checkId)!;
    return { checkId, counts: n, passRate: n.pass + n.fail ? n.pass / (n.pass + n.fail) : null };
  });
  const branches = zeroCounts();
  for (const b of await listComplianceBranches(db, orgId, f)) branches[b.result.outcome]++;
  return { pullRequests: Number(totals[0]?.prs ?? 0), emergency: Number(totals[0]?.emergency ?? 0), checks, branches };
}

/** The production branches' CMP-BRANCH-APPROVAL results now, in one project or repository. */
export async function listComplianceBranches(db: Db, orgId: string, f: Pick<ComplianceFilters, 'projectId' | 'repoId'>): Promise<ComplianceBranchDto[]> {
  let q = db
    .selectFrom('compliance_results as r')
    .leftJoin('repositories as repo', (j) => j.onRef('repo.org_id', '=', 'r.org_id').onRef('repo.repo_id', '=', 'r.repo_id'))
    .select(['r.project_id', 'r.repo_id', 'r.branch', 'r.check_id', 'r.outcome', 'r.message', 'r.reason', 'r.evidence', 'repo.name as repo_name', 'repo.project_name'])
    .where('r.org_id', '=', orgId)
    .where('r.branch', 'is not', null)
    .where('r.pull_request_id', 'is', null)
    .orderBy('repo.project_name')
    .orderBy('repo.name')
    .orderBy('r.branch');
  if (f.projectId) q = q.where('r.project_id', '=', f.projectId);
  if (f.repoId) q = q.where('r.repo_id', '=', f.repoId);
  return (await q.execute()).flatMap((r) => {
    const result = resultDto(r);
    if (!result) return [];
    return [{ projectId: r.project_id, repositoryId: r.repo_id, ...(r.repo_name ? { repositoryName: r.repo_name } : {}), branch: r.branch!, result }];
  });
}

/** The collection's state as the summary shows it. */
export async function readComplianceCollection(db: Db, orgId: string): Promise<ComplianceSummaryDto['collection']> {
  const row = await db.selectFrom('compliance_collections').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  if (!row) return { state: 'never', pullRequests: 0, warnings: [] };
  const state = (['never', 'running', 'done', 'failed'] as const).find((s) => s === row.state) ?? 'never';
  return {
    state,
    ...(row.collected_from ? { collectedFrom: row.collected_from } : {}),
    ...(row.finished_at ? { finishedAt: iso(row.finished_at) } : {}),
    pullRequests: Number(row.pull_requests),
    ...(row.error ? { error: row.error } : {}),
    warnings: (json<unknown[]>(row.warnings) ?? []).map((w) => (typeof w === 'string' ? w : JSON.stringify(w))),
  };
}
