// Runs of the pipeline task and their findings, as each run reported them. Run-scoped: a pipeline scans a
// pull request's merge or a branch, so its findings never join the default-branch findings that scans
// reconcile (findings.ts). The hub lists, with source "pipeline", the findings of the latest run of each
// (repository, pipeline, branch); the task reads a branch's fingerprints as its baseline.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Location } from '../contract/model';
import { severityRank, type Category, type Confidence, type FindingState, type Severity } from '../contract/vocabulary';
import { inTransaction } from './db';
import type { FindingWithRepo } from './finding-queries';
import type { Database, PipelineRunRow } from './schema';

export interface PipelineRunRecord {
  tokenId: string;
  projectId: string;
  projectName?: string;
  pipelineId: number;
  pipelineName?: string;
  buildId: number;
  buildNumber?: string;
  reason?: string;
  sourceBranch?: string;
  commitSha?: string;
  repoId?: string;
  repoName?: string;
  pullRequestId?: number;
  targetBranch?: string;
  verdict: 'succeeded' | 'succeededWithIssues' | 'failed';
  categories: string[];
  /** Open findings by severity. */
  counts: Partial<Record<Severity, number>>;
}

export interface PipelineFindingInput {
  fingerprint: string;
  tool: string;
  ruleId: string;
  category: Category;
  severity: Severity;
  confidence: Confidence;
  title: string;
  message: string;
  location: Location;
  remediation?: string;
  helpUri?: string;
  cwe?: string[];
  baselineState?: string;
  suppressed: boolean;
}

/** Rows per statement: 20 columns x 500 rows stays well under PostgreSQL's 65,535 parameters. */
const CHUNK = 500;

/** Stores a run and its findings in one transaction; returns the run id. */
export async function recordPipelineRun(
  db: Kysely<Database>,
  orgId: string,
  run: PipelineRunRecord,
  findings: readonly PipelineFindingInput[],
  receivedAt: Date = new Date(),
): Promise<string> {
  const runId = randomUUID();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('pipeline_runs')
      .values({
        org_id: orgId,
        run_id: runId,
        token_id: run.tokenId,
        project_id: run.projectId,
        project_name: run.projectName ?? null,
        pipeline_id: run.pipelineId,
        pipeline_name: run.pipelineName ?? null,
        build_id: run.buildId,
        build_number: run.buildNumber ?? null,
        reason: run.reason ?? null,
        source_branch: run.sourceBranch ?? null,
        commit_sha: run.commitSha ?? null,
        repo_id: run.repoId ?? null,
        repo_name: run.repoName ?? null,
        pull_request_id: run.pullRequestId ?? null,
        target_branch: run.targetBranch ?? null,
        verdict: run.verdict,
        categories: JSON.stringify(run.categories),
        counts: JSON.stringify(run.counts),
        findings: findings.filter((f) => !f.suppressed).length,
        received_at: receivedAt,
      })
      .execute();
    for (let i = 0; i < findings.length; i += CHUNK) {
      await trx
        .insertInto('pipeline_findings')
        .values(
          findings.slice(i, i + CHUNK).map((f) => ({
            org_id: orgId,
            run_id: runId,
            finding_id: randomUUID(),
            repo_id: run.repoId ?? null,
            project_id: run.projectId,
            fingerprint: f.fingerprint,
            tool: f.tool,
            rule_id: f.ruleId,
            category: f.category,
            severity: f.severity,
            severity_rank: severityRank(f.severity),
            confidence: f.confidence,
            title: f.title,
            message: f.message,
            location: JSON.stringify(f.location),
            remediation: f.remediation ?? '',
            help_uri: f.helpUri ?? null,
            cwe: f.cwe?.length ? JSON.stringify(f.cwe) : null,
            baseline_state: f.baselineState ?? null,
            suppressed: f.suppressed,
          })),
        )
        .execute();
    }
  });
  return runId;
}

export async function getPipelineRun(db: Kysely<Database>, orgId: string, runId: string): Promise<PipelineRunRow | undefined> {
  return db.selectFrom('pipeline_runs').selectAll().where('org_id', '=', orgId).where('run_id', '=', runId).executeTakeFirst();
}

/** The newest run that scanned this repository's branch (refs/heads/… as the agent names it). */
export async function latestPipelineRun(db: Kysely<Database>, orgId: string, repoId: string, branch: string): Promise<PipelineRunRow | undefined> {
  return db
    .selectFrom('pipeline_runs')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('source_branch', '=', branch)
    .orderBy('received_at', 'desc')
    .orderBy('run_id')
    .limit(1)
    .executeTakeFirst();
}

/** Fingerprints of a run's findings that stand (not suppressed, not fixed since its own baseline). */
export async function pipelineRunFingerprints(db: Kysely<Database>, orgId: string, runId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('pipeline_findings')
    .select('fingerprint')
    .distinct()
    .where('org_id', '=', orgId)
    .where('run_id', '=', runId)
    .where('suppressed', '=', false)
    .orderBy('fingerprint')
    .execute();
  return rows.map((r) => r.fingerprint);
}

/** Fingerprints of a repository's open findings: its default branch as Vigil's last scan left it. */
export async function openFindingFingerprints(db: Kysely<Database>, orgId: string, repoId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('findings')
    .select('fingerprint')
    .distinct()
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('state', '=', 'open')
    .orderBy('fingerprint')
    .execute();
  return rows.map((r) => r.fingerprint);
}

export interface PipelineFindingFilters {
  severities?: Severity[];
  categories?: Category[];
  confidences?: Confidence[];
  /** open (not suppressed) and/or suppressed; others match nothing (a run's findings are never fixed or dismissed). */
  states?: FindingState[];
  repoId?: string;
  projectId?: string;
  search?: string;
}

/** A pipeline finding shaped as a stored finding, with the run that reported it. */
export type PipelineFindingRow = FindingWithRepo & {
  run_id: string;
  run: Pick<PipelineRunRow, 'pipeline_id' | 'pipeline_name' | 'build_id' | 'build_number' | 'source_branch' | 'pull_request_id'>;
};

/** The latest run of each (repository, pipeline, branch) in the organization. */
const latestRuns = (db: Kysely<Database>, orgId: string) =>
  db
    .selectFrom('pipeline_runs')
    .select(['run_id'])
    .distinctOn(['repo_id', 'pipeline_id', 'source_branch'])
    .where('org_id', '=', orgId)
    .orderBy('repo_id')
    .orderBy('pipeline_id')
    .orderBy('source_branch')
    .orderBy('received_at', 'desc');

function filtered(db: Kysely<Database>, orgId: string, filters: PipelineFindingFilters) {
  let q = db
    .selectFrom('pipeline_findings as f')
    .innerJoin('pipeline_runs as p', (j) => j.onRef('p.org_id', '=', 'f.org_id').onRef('p.run_id', '=', 'f.run_id'))
    .leftJoin('repositories as r', (j) => j.onRef('r.org_id', '=', 'f.org_id').onRef('r.repo_id', '=', 'f.repo_id'))
    .where('f.org_id', '=', orgId)
    .where('f.run_id', 'in', latestRuns(db, orgId));
  if (filters.severities?.length) q = q.where('f.severity_rank', 'in', filters.severities.map(severityRank));
  if (filters.categories?.length) q = q.where('f.category', 'in', filters.categories);
  if (filters.confidences?.length) q = q.where('f.confidence', 'in', filters.confidences);
  if (filters.repoId) q = q.where('f.repo_id', '=', filters.repoId);
  if (filters.projectId) q = q.where('f.project_id', '=', filters.projectId);
  const states = filters.states ?? ['open'];
  const open = states.includes('open');
  const suppressed = states.includes('suppressed');
  if (!open && !suppressed) q = q.where(sql<boolean>`false`);
  else if (open !== suppressed) q = q.where('f.suppressed', '=', suppressed);
  if (filters.search) {
    for (const word of filters.search.split(/\s+/).filter(Boolean)) {
      const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([eb('f.title', 'ilike', like), eb('f.rule_id', 'ilike', like), eb(sql<string>`f.location->>'path'`, 'ilike', like), eb('p.repo_name', 'ilike', like)]),
      );
    }
  }
  return q;
}

/**
 * The findings of the latest run of each (repository, pipeline, branch), most severe first, shaped as
 * stored findings so that the hub's API answers them the same way (state open, or suppressed; seen at
 * the run's time and commit).
 */
export async function listPipelineFindings(
  db: Kysely<Database>,
  orgId: string,
  filters: PipelineFindingFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: PipelineFindingRow[]; total: number }> {
  const base = filtered(db, orgId, filters);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<string>().as('total')).execute();
  const rows = await base
    .select([
      'f.org_id',
      'f.finding_id',
      'f.run_id',
      'f.repo_id',
      'f.project_id',
      'f.fingerprint',
      'f.rule_id',
      'f.category',
      'f.severity',
      'f.severity_rank',
      'f.confidence',
      'f.title',
      'f.message',
      'f.location',
      'f.remediation',
      'f.help_uri',
      'f.cwe',
      'f.suppressed',
      'p.commit_sha',
      'p.received_at',
      'p.pipeline_id',
      'p.pipeline_name',
      'p.build_id',
      'p.build_number',
      'p.source_branch',
      'p.pull_request_id',
      'p.repo_name',
      'p.project_name as run_project_name',
      'r.name as repo_name_known',
      'r.project_name as project_name_known',
      'r.web_url as repo_web_url',
    ])
    .orderBy('f.severity_rank')
    .orderBy('p.received_at', 'desc')
    .orderBy('f.rule_id')
    .orderBy('f.finding_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    total: Number(total),
    rows: rows.map((r) => ({
      org_id: r.org_id,
      finding_id: r.finding_id,
      run_id: r.run_id,
      repo_id: r.repo_id,
      project_id: r.project_id,
      fingerprint: r.fingerprint,
      group_key: r.finding_id,
      rule_id: r.rule_id,
      category: r.category,
      severity: r.severity,
      severity_rank: r.severity_rank,
      confidence: r.confidence,
      title: r.title,
      message: r.message,
      location: r.location,
      details: {},
      cwe: r.cwe,
      remediation: r.remediation,
      help_uri: r.help_uri,
      state: r.suppressed ? 'suppressed' : 'open',
      suppression: r.suppressed ? { kind: 'inline', reason: 'Suppressed in the pipeline run (an inline comment or the suppressions file)' } : null,
      dismissal: null,
      commit_sha: r.commit_sha,
      first_seen_scan: r.run_id,
      last_seen_scan: r.run_id,
      first_seen_at: r.received_at,
      last_seen_at: r.received_at,
      fixed_at: null,
      verification: null,
      verified_at: null,
      verification_provider: null,
      verification_detail: null,
      repo_name: r.repo_name_known ?? r.repo_name,
      project_name: r.project_name_known ?? r.run_project_name,
      repo_web_url: r.repo_web_url,
      run: {
        pipeline_id: r.pipeline_id,
        pipeline_name: r.pipeline_name,
        build_id: r.build_id,
        build_number: r.build_number,
        source_branch: r.source_branch,
        pull_request_id: r.pull_request_id,
      },
    })) as PipelineFindingRow[],
  };
}

/** Whether the build is already recorded (by build.complete, or an earlier upload). */
export async function buildRecorded(db: Kysely<Database>, orgId: string, buildId: number): Promise<boolean> {
  const row = await db.selectFrom('builds').select('build_id').where('org_id', '=', orgId).where('build_id', '=', buildId).executeTakeFirst();
  return row !== undefined;
}
