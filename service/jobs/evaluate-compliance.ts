// The compliance evaluation (issue 15): the recorded evidence, the policy revisions and the settings in
// force (the organization's, a repository's own patterns and checks over them) through the pure checks
// (service/compliance/evaluate.ts), results replaced per batch of repositories (or per pull request) in one
// transaction. A pull request whose evidence and context are those its stored results were judged with
// (the digest) is not judged again: new evidence clears its digest, a change of settings or policies
// changes the repository's. Runs after each collection, and queued (`compliance-evaluate`, stately per organization:
// one waiting run absorbs every change made meanwhile) when settings change: queueComplianceEvaluation.
import { createHash } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { COMPLIANCE_CHECK_IDS, type ComplianceCheckId } from '../contract/compliance-api';
import { evaluateBranch, evaluatePullRequest, isProductionBranch, type ComplianceContext, type ComplianceResult } from '../compliance/evaluate';
import type { MergedPullRequestEvidence } from '../compliance/evidence';
import type { AppContext } from '../context';
import { readComplianceSettings } from '../store/compliance-reads';
import {
  analyzeComplianceTables,
  complianceRepositories,
  dropResultsOutside,
  evidenceToJudge,
  policyRevisionsByProject,
  pullRequestCounts,
  recordedTargetRefs,
  unavailablePolicies,
  writeEvaluation,
  type ComplianceRepositoryRow,
  type ComplianceResultRowInput,
  type EvidenceToJudge,
  type JudgedPullRequest,
} from '../store/compliance';
import { getOrganization } from '../store/organizations';

export const EVALUATE_COMPLIANCE_QUEUE = 'compliance-evaluate';

export interface EvaluateComplianceJob {
  orgId: string;
}

export const EVALUATE_COMPLIANCE_QUEUES: PgBoss.Queue[] = [{ name: EVALUATE_COMPLIANCE_QUEUE, policy: 'stately', expireInSeconds: 30 * 60, retryLimit: 2, retryDelay: 30 }];

/**
 * Queue an evaluation of the organization's recorded evidence (after its compliance settings or a
 * repository's own settings changed). False when one already waits: it will see this change too.
 */
export async function queueComplianceEvaluation(ctx: Pick<AppContext, 'boss'>, orgId: string): Promise<boolean> {
  return (await ctx.boss.send(EVALUATE_COMPLIANCE_QUEUE, { orgId } satisfies EvaluateComplianceJob, { singletonKey: orgId })) !== null;
}

export interface EvaluationScope {
  repoId: string;
  /** Only these pull requests (their results replaced, the branches' left as they are). */
  pullRequestIds?: number[];
}

export interface EvaluationSummary {
  repositories: number;
  /** Pull requests judged. */
  pullRequests: number;
  /** Pull requests whose stored results were judged with the same evidence and context (kept). */
  unchanged: number;
  results: number;
}

/**
 * Part of every digest: change it whenever what a check concludes from the same evidence changes (a
 * check's logic, its messages or evidence items), so that every stored result is judged again.
 */
const CHECKS_REVISION = 'compliance-checks-1';

/** What a repository's pull requests are judged with besides their own evidence. */
function contextDigest(context: ComplianceContext): string {
  return createHash('sha1').update(CHECKS_REVISION).update(JSON.stringify(context)).digest('base64url');
}

const isCheck = (v: string): v is ComplianceCheckId => (COMPLIANCE_CHECK_IDS as readonly string[]).includes(v);

/** Pull requests read, judged and written per transaction: a few queries per batch of repositories, not per repository. */
const PULL_REQUESTS_PER_BATCH = 5000;

/** Pull requests judged (and at least a tenth of those kept) after which the tables' statistics are refreshed. */
const ANALYZE_AFTER = 500;

/** Consecutive repositories holding about `max` recorded pull requests between them. */
function batches(repos: readonly ComplianceRepositoryRow[], counts: Map<string, number>, max: number): ComplianceRepositoryRow[][] {
  const out: ComplianceRepositoryRow[][] = [];
  let current: ComplianceRepositoryRow[] = [];
  let n = 0;
  for (const repo of repos) {
    const c = counts.get(repo.repoId) ?? 0;
    if (current.length && n + c > max) {
      out.push(current);
      current = [];
      n = 0;
    }
    current.push(repo);
    n += c;
  }
  if (current.length) out.push(current);
  return out;
}

/** Evaluates the organization (or one repository, or some of its pull requests) and replaces the results. */
export async function evaluateCompliance(ctx: Pick<AppContext, 'store' | 'log'>, orgId: string, scope?: EvaluationScope, now = new Date()): Promise<EvaluationSummary> {
  const { db } = ctx.store;
  const org = await getOrganization(db, orgId);
  const settings = await readComplianceSettings(db, orgId);
  if (!org || !settings) return { repositories: 0, pullRequests: 0, unchanged: 0, results: 0 };
  const repos = await complianceRepositories(db, orgId, scope ? [scope.repoId] : undefined);
  const policies = await policyRevisionsByProject(db, orgId);
  const policiesUnavailable = await unavailablePolicies(db, orgId);
  const summary: EvaluationSummary = { repositories: 0, pullRequests: 0, unchanged: 0, results: 0 };
  const contextOf = (repo: ComplianceRepositoryRow): ComplianceContext => ({
    startDate: settings.startDate,
    emergencyLabel: settings.emergencyLabel,
    evidenceSources: settings.evidenceSources,
    repository: {
      id: repo.repoId,
      name: repo.name,
      projectId: repo.projectId,
      projectName: repo.projectName,
      ...(repo.defaultBranch ? { defaultBranch: repo.defaultBranch } : {}),
      branchPatterns: repo.branchPatterns ?? settings.branchPatterns,
      checks: repo.checks ? repo.checks.filter(isCheck) : settings.checks,
      url: `${org.url}/${encodeURIComponent(repo.projectName)}/_git/${encodeURIComponent(repo.name)}`,
    },
    policies: policies.get(repo.projectId) ?? [],
    ...(policiesUnavailable[repo.projectId] ? { policiesUnavailable: policiesUnavailable[repo.projectId] } : {}),
  });
  /** The results of one repository's pull requests to judge, and its production branches' unless only some pull requests are judged. */
  const judge = (repo: ComplianceRepositoryRow, context: ComplianceContext, digest: string, toJudge: readonly EvidenceToJudge[], targetRefs: readonly string[] | undefined) => {
    const rows: ComplianceResultRowInput[] = [];
    const judged: JudgedPullRequest[] = [];
    for (const { evidence: pr, version } of toJudge) {
      for (const r of evaluatePullRequest(pr, context)) rows.push(rowOf(repo, r, pr));
      judged.push({ repoId: repo.repoId, pullRequestId: pr.pullRequestId, version, digest });
    }
    if (targetRefs && context.repository.checks.includes('CMP-BRANCH-APPROVAL')) {
      for (const branch of productionBranches(repo, context, targetRefs)) rows.push(rowOf(repo, evaluateBranch(branch, context, now)));
    }
    summary.repositories++;
    summary.pullRequests += toJudge.length;
    summary.results += rows.length;
    return { rows, judged };
  };
  const contexts = new Map(repos.map((repo) => {
    const context = contextOf(repo);
    return [repo.repoId, { context, digest: contextDigest(context) }] as const;
  }));

  if (scope?.pullRequestIds) {
    const repo = repos[0];
    if (repo) {
      const { context, digest } = contexts.get(repo.repoId)!;
      const toJudge = await evidenceToJudge(db, orgId, new Map([[repo.repoId, digest]]), scope.pullRequestIds);
      const { rows, judged } = judge(repo, context, digest, toJudge.get(repo.repoId) ?? [], undefined);
      await writeEvaluation(db, orgId, { judged, wholeRepoIds: [] }, rows, now);
    }
  } else {
    const counts = await pullRequestCounts(db, orgId);
    for (const batch of batches(repos, counts, PULL_REQUESTS_PER_BATCH)) {
      const repoIds = batch.map((r) => r.repoId);
      const toJudge = await evidenceToJudge(db, orgId, new Map(batch.map((r) => [r.repoId, contexts.get(r.repoId)!.digest])));
      const targetRefs = await recordedTargetRefs(db, orgId, repoIds);
      const rows: ComplianceResultRowInput[] = [];
      const judged: JudgedPullRequest[] = [];
      for (const repo of batch) {
        const { context, digest } = contexts.get(repo.repoId)!;
        const list = toJudge.get(repo.repoId) ?? [];
        summary.unchanged += (counts.get(repo.repoId) ?? 0) - list.length;
        const judgedRepo = judge(repo, context, digest, list, targetRefs.get(repo.repoId) ?? []);
        rows.push(...judgedRepo.rows);
        judged.push(...judgedRepo.judged);
      }
      await writeEvaluation(db, orgId, { judged, wholeRepoIds: repoIds }, rows, now);
    }
  }
  if (!scope) {
    await dropResultsOutside(db, orgId, repos.map((r) => r.repoId));
    if (summary.pullRequests >= Math.max(ANALYZE_AFTER, summary.unchanged / 10)) await analyzeComplianceTables(db);
  }
  ctx.log.info({ orgId, ...summary, scope: scope ? { repoId: scope.repoId, pullRequests: scope.pullRequestIds?.length } : 'organization' }, 'compliance evaluated');
  return summary;
}

/** The branches the branch check judges: the default branch and every production branch a recorded pull request went into. */
function productionBranches(repo: ComplianceRepositoryRow, context: ComplianceContext, targetRefs: readonly string[]): string[] {
  const out = new Set<string>();
  if (repo.defaultBranch) out.add(repo.defaultBranch);
  for (const ref of targetRefs) if (isProductionBranch(ref, context.repository)) out.add(ref);
  return [...out].sort();
}

function rowOf(repo: ComplianceRepositoryRow, r: ComplianceResult, pr?: MergedPullRequestEvidence): ComplianceResultRowInput {
  return {
    repoId: repo.repoId,
    projectId: repo.projectId,
    subjectKey: r.subjectKey,
    checkId: r.checkId,
    ...(r.pullRequestId !== undefined ? { pullRequestId: r.pullRequestId } : {}),
    ...(r.branch !== undefined ? { branch: r.branch } : {}),
    ...(pr ? { closedAt: pr.closedAt } : {}),
    outcome: r.outcome,
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    ...(r.message !== undefined ? { message: r.message } : {}),
    evidence: r.evidence,
  };
}
