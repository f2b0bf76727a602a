// The compliance evaluation (issue 15): the recorded evidence, the policy revisions and the settings in
// force (the organization's, a repository's own patterns and checks over them) through the pure checks
// (service/compliance/evaluate.ts), results replaced per repository (or per pull request) in one
// transaction. Runs after each collection, and queued (`compliance-evaluate`, stately per organization:
// one waiting run absorbs every change made meanwhile) when settings change: queueComplianceEvaluation.
import type PgBoss from 'pg-boss';
import { COMPLIANCE_CHECK_IDS, type ComplianceCheckId } from '../contract/compliance-api';
import { evaluateBranch, evaluatePullRequest, isProductionBranch, type ComplianceContext, type ComplianceResult } from '../compliance/evaluate';
import type { MergedPullRequestEvidence } from '../compliance/evidence';
import type { AppContext } from '../context';
import { readComplianceSettings } from '../store/compliance-reads';
import {
  complianceRepositories,
  dropResultsOutside,
  policyRevisionsByProject,
  replaceComplianceResults,
  repositoryEvidence,
  unavailablePolicies,
  type ComplianceRepositoryRow,
  type ComplianceResultRowInput,
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
  pullRequests: number;
  results: number;
}

const isCheck = (v: string): v is ComplianceCheckId => (COMPLIANCE_CHECK_IDS as readonly string[]).includes(v);

/** Evaluates the organization (or one repository, or some of its pull requests) and replaces the results. */
export async function evaluateCompliance(ctx: Pick<AppContext, 'store' | 'log'>, orgId: string, scope?: EvaluationScope, now = new Date()): Promise<EvaluationSummary> {
  const { db } = ctx.store;
  const org = await getOrganization(db, orgId);
  const settings = await readComplianceSettings(db, orgId);
  if (!org || !settings) return { repositories: 0, pullRequests: 0, results: 0 };
  const repos = await complianceRepositories(db, orgId, scope ? [scope.repoId] : undefined);
  const policies = await policyRevisionsByProject(db, orgId);
  const policiesUnavailable = await unavailablePolicies(db, orgId);
  const summary: EvaluationSummary = { repositories: 0, pullRequests: 0, results: 0 };
  for (const repo of repos) {
    const context: ComplianceContext = {
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
    };
    const evidence = await repositoryEvidence(db, orgId, repo.repoId, scope?.pullRequestIds);
    const rows: ComplianceResultRowInput[] = [];
    for (const pr of evidence) for (const r of evaluatePullRequest(pr, context)) rows.push(rowOf(repo, r, pr));
    if (!scope?.pullRequestIds && context.repository.checks.includes('CMP-BRANCH-APPROVAL')) {
      for (const branch of productionBranches(repo, context, evidence)) rows.push(rowOf(repo, evaluateBranch(branch, context, now)));
    }
    const subjectKeys = scope?.pullRequestIds?.map((id) => `pr:${id}`);
    await replaceComplianceResults(db, orgId, { repoId: repo.repoId, ...(subjectKeys ? { subjectKeys } : {}) }, rows, now);
    summary.repositories++;
    summary.pullRequests += evidence.length;
    summary.results += rows.length;
  }
  if (!scope) await dropResultsOutside(db, orgId, repos.map((r) => r.repoId));
  ctx.log.info({ orgId, ...summary, scope: scope ? { repoId: scope.repoId, pullRequests: scope.pullRequestIds?.length } : 'organization' }, 'compliance evaluated');
  return summary;
}

/** The branches the branch check judges: the default branch and every production branch a recorded pull request went into. */
function productionBranches(repo: ComplianceRepositoryRow, context: ComplianceContext, evidence: readonly MergedPullRequestEvidence[]): string[] {
  const out = new Set<string>();
  if (repo.defaultBranch) out.add(repo.defaultBranch);
  for (const pr of evidence) if (isProductionBranch(pr.targetRef, context.repository)) out.add(pr.targetRef);
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
