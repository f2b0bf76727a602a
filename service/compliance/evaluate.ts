// The five change-management checks (issue 15) as pure functions of the recorded evidence: one merged pull
// request (evidence.ts) and the project's policy revisions in, outcomes with evidence in words out.
// Called by the evaluation job for every stored pull request, by the API for a branch, and by the catalog's
// examples. No I/O: the job reads the store and writes the results.
import type { ComplianceCheckId, ComplianceEvidenceItem, ComplianceOutcome, EvidenceSources } from '../contract/compliance-api';
import type { NotAvailableReason } from '../contract/vocabulary';
import { isProductionRef } from './branches';
import type { Verdict } from './check';
import { branchCheck, pullRequestChecks } from './checks';
import { day, shortRef } from './checks/common';
import type { MergedPullRequestEvidence, PolicyRevisionEvidence } from './evidence';
import { prepareContext, type PreparedContext } from './prepare';
import { pullRequestFacts, type PullRequestFacts } from './pr-facts';
import { DEFAULT_EVIDENCE_SOURCES as VIGIL_EVIDENCE_SOURCES } from './sources';

export { prepareContext } from './prepare';

/** A repository in scope and what applies to it (its own patterns and checks, or the organization's). */
export interface ComplianceRepository {
  id: string;
  name?: string;
  projectId: string;
  projectName?: string;
  /** Full ref name, e.g. refs/heads/main; absent for an empty repository. */
  defaultBranch?: string;
  /** Production branches besides the default branch: 'release/*', 'refs/heads/release/*', 'main'. */
  branchPatterns: string[];
  checks: ComplianceCheckId[];
  /** The repository's web page ({orgUrl}/{project}/_git/{repo}): evidence links to its branch policies page. */
  url?: string;
}

/**
 * What the checks judge a repository's pull requests and branches against. Pass the same object for every
 * pull request of the repository and do not change it once used: what the checks derive from it (policy
 * histories per branch, the recognised sources) is worked out once per object (prepareContext).
 */
export interface ComplianceContext {
  /** YYYY-MM-DD (UTC): pull requests closed before it are not applicable. */
  startDate: string;
  emergencyLabel: string;
  /** The organization's additions; Vigil's own lists (DEFAULT_EVIDENCE_SOURCES) always count too. */
  evidenceSources: EvidenceSources;
  repository: ComplianceRepository;
  /** Every recorded revision of the project's policies, any type. */
  policies: PolicyRevisionEvidence[];
  /** Set (the reason, in words) when the project's policies could not be read: policy-based results are not available. */
  policiesUnavailable?: string;
}

/** One check's outcome on one subject: a merged pull request or a production branch. */
export interface ComplianceResult {
  checkId: ComplianceCheckId;
  /** 'pr:{id}' | 'branch:{refName}' */
  subjectKey: string;
  pullRequestId?: number;
  branch?: string;
  outcome: ComplianceOutcome;
  /** One sentence: why this outcome. */
  message?: string;
  /** Set for not-available and not-applicable, in words. */
  reason?: string;
  evidence: ComplianceEvidenceItem[];
}

/** Vigil's own recognised tasks and statuses (data); the organization's lists add to these (sources.ts). */
export const DEFAULT_EVIDENCE_SOURCES: EvidenceSources = VIGIL_EVIDENCE_SOURCES;

/**
 * True when `refName` (refs/heads/...) is the repository's default branch or matches one of its patterns.
 * Patterns may be short ('release/*', 'main') or full ('refs/heads/release/*'); case-sensitive like git;
 * '*' matches within one segment, '**' across segments.
 */
export function isProductionBranch(refName: string, repository: ComplianceRepository): boolean {
  return isProductionRef(refName, repository.defaultBranch, repository.branchPatterns);
}

/** A result and the kind of its not-available reason (the catalog's examples need the kind). */
export interface CheckEvaluation {
  result: ComplianceResult;
  reasonCode?: NotAvailableReason;
}

/** not-applicable or exempt for every check of the pull request, or undefined when the checks judge it. */
function scopeOf(pr: MergedPullRequestEvidence, p: PreparedContext, facts: PullRequestFacts): Omit<Verdict, 'outcome'> & { outcome: 'not-applicable' | 'exempt' } | undefined {
  const { ctx } = p;
  if (pr.repositoryId.toLowerCase() !== ctx.repository.id.toLowerCase()) {
    throw new Error(`compliance: pull request ${pr.pullRequestId} is in repository ${pr.repositoryId}, not in the context's ${ctx.repository.id}`);
  }
  const closed = facts.closed;
  if (Number.isNaN(closed)) throw new Error(`compliance: pull request ${pr.pullRequestId} has no valid completion time ("${pr.closedAt}")`);
  const repoName = ctx.repository.name ?? ctx.repository.id;
  if (!p.isProduction(pr.targetRef)) {
    const reason = `${shortRef(pr.targetRef)} is not a production branch of ${repoName}.`;
    return { outcome: 'not-applicable', message: reason, reason, evidence: [facts.item] };
  }
  if (closed < p.startMs) {
    const reason = `Completed on ${day(closed)}, before the start date ${ctx.startDate}.`;
    return { outcome: 'not-applicable', message: reason, reason, evidence: [facts.item] };
  }
  const wanted = ctx.emergencyLabel.trim().toLowerCase();
  const label = wanted ? pr.labels.find((l) => l.trim().toLowerCase() === wanted) : undefined;
  if (label !== undefined) {
    return {
      outcome: 'exempt',
      message: `Carries the emergency label "${label}": exempt, listed for after-the-fact review.`,
      evidence: [facts.item, { label: 'Emergency label', value: label, at: pr.closedAt }],
    };
  }
  return undefined;
}

function toEvaluation(checkId: ComplianceCheckId, subject: { pullRequestId: number } | { branch: string }, v: Omit<Verdict, 'outcome'> & { outcome: ComplianceOutcome }): CheckEvaluation {
  const result: ComplianceResult = {
    checkId,
    subjectKey: 'pullRequestId' in subject ? `pr:${subject.pullRequestId}` : `branch:${subject.branch}`,
    ...subject,
    outcome: v.outcome,
    message: v.message,
    ...(v.reason !== undefined ? { reason: v.reason } : {}),
    evidence: v.evidence,
  };
  return { result, ...(v.reasonCode ? { reasonCode: v.reasonCode } : {}) };
}

/** The pull-request checks of the repository on one pull request, with the kinds of their reasons. */
export function evaluatePullRequestChecks(pr: MergedPullRequestEvidence, ctx: ComplianceContext): CheckEvaluation[] {
  const p = prepareContext(ctx);
  const wanted = new Set<string>(ctx.repository.checks);
  const checks = pullRequestChecks.filter((c) => wanted.has(c.meta.id));
  if (!checks.length) return [];
  const facts = pullRequestFacts(pr);
  const scope = scopeOf(pr, p, facts);
  const subject = { pullRequestId: pr.pullRequestId };
  return checks.map((c) => toEvaluation(c.meta.id as ComplianceCheckId, subject, scope ?? c.judge(pr, p, facts)));
}

/** One result per pull-request check in ctx.repository.checks, in COMPLIANCE_CHECK_IDS order. */
export function evaluatePullRequest(pr: MergedPullRequestEvidence, ctx: ComplianceContext): ComplianceResult[] {
  return evaluatePullRequestChecks(pr, ctx).map((e) => e.result);
}

/** CMP-BRANCH-APPROVAL on one branch with the kind of its reason. */
export function evaluateBranchCheck(branch: string, ctx: ComplianceContext, now: Date): CheckEvaluation {
  const p = prepareContext(ctx);
  const subject = { branch };
  const id = branchCheck.meta.id as ComplianceCheckId;
  if (Number.isNaN(now.getTime())) throw new Error('compliance: the branch check needs a valid time');
  if (!ctx.repository.checks.includes(id)) {
    const reason = `The check is not among those applied to ${ctx.repository.name ?? ctx.repository.id}.`;
    return toEvaluation(id, subject, { outcome: 'not-applicable', message: reason, reason, evidence: [] });
  }
  if (!p.isProduction(branch)) {
    const reason = `${shortRef(branch)} is not a production branch of ${ctx.repository.name ?? ctx.repository.id}.`;
    return toEvaluation(id, subject, { outcome: 'not-applicable', message: reason, reason, evidence: [] });
  }
  return toEvaluation(id, subject, branchCheck.judge(branch, p, now));
}

/** CMP-BRANCH-APPROVAL on one production branch, from the policy revisions in force at `now` and their history. */
export function evaluateBranch(branch: string, ctx: ComplianceContext, now: Date): ComplianceResult {
  return evaluateBranchCheck(branch, ctx, now).result;
}

const OUTCOME_PRECEDENCE: readonly ComplianceOutcome[] = ['fail', 'not-available', 'exempt', 'pass', 'not-applicable'];

/** The worst outcome: fail > not-available > exempt > pass > not-applicable (not-applicable when empty). */
export function overallOutcome(results: readonly ComplianceResult[]): ComplianceOutcome {
  for (const outcome of OUTCOME_PRECEDENCE) if (results.some((r) => r.outcome === outcome)) return outcome;
  return 'not-applicable';
}
