// The five change-management checks (issue 15) as pure functions of the recorded evidence: one merged pull
// request (evidence.ts) and the project's policy revisions in, outcomes with evidence in words out.
// Called by the evaluation job for every stored pull request, by the API for a branch, and by the catalog's
// examples. No I/O: the job reads the store and writes the results.
import type { ComplianceCheckId, ComplianceEvidenceItem, ComplianceOutcome, EvidenceSources } from '../contract/compliance-api';
import type { MergedPullRequestEvidence, PolicyRevisionEvidence } from './evidence';

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
}

export interface ComplianceContext {
  /** YYYY-MM-DD (UTC): pull requests closed before it are not applicable. */
  startDate: string;
  emergencyLabel: string;
  /** Vigil's recognised tasks and statuses plus the organization's (see DEFAULT_EVIDENCE_SOURCES). */
  evidenceSources: EvidenceSources;
  repository: ComplianceRepository;
  /** Every recorded revision of the project's policies, any type. */
  policies: PolicyRevisionEvidence[];
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

/** Vigil's own recognised tasks and statuses; the organization's lists add to these. Filled in below. */
export const DEFAULT_EVIDENCE_SOURCES: EvidenceSources = {
  sastTasks: [],
  sastStatuses: [],
  testTasks: [],
  testStatuses: [],
  dependencyTasks: [],
  dependencyStatuses: [],
};

/**
 * True when `refName` (refs/heads/...) is the repository's default branch or matches one of its patterns.
 * Patterns may be short ('release/*', 'main') or full ('refs/heads/release/*'); case-sensitive like git;
 * '*' matches within one segment, '**' across segments.
 */
export function isProductionBranch(refName: string, repository: ComplianceRepository): boolean {
  void refName;
  void repository;
  throw new Error('isProductionBranch: being written (CMP-CHECKS)');
}

/** One result per pull-request check in ctx.repository.checks, in COMPLIANCE_CHECK_IDS order. */
export function evaluatePullRequest(pr: MergedPullRequestEvidence, ctx: ComplianceContext): ComplianceResult[] {
  void pr;
  void ctx;
  throw new Error('evaluatePullRequest: being written (CMP-CHECKS)');
}

/** CMP-BRANCH-APPROVAL on one production branch, from the policy revisions in force at `now`. */
export function evaluateBranch(branch: string, ctx: ComplianceContext, now: Date): ComplianceResult {
  void branch;
  void ctx;
  void now;
  throw new Error('evaluateBranch: being written (CMP-CHECKS)');
}

const OUTCOME_PRECEDENCE: readonly ComplianceOutcome[] = ['fail', 'not-available', 'exempt', 'pass', 'not-applicable'];

/** The worst outcome: fail > not-available > exempt > pass > not-applicable (not-applicable when empty). */
export function overallOutcome(results: readonly ComplianceResult[]): ComplianceOutcome {
  for (const outcome of OUTCOME_PRECEDENCE) if (results.some((r) => r.outcome === outcome)) return outcome;
  return 'not-applicable';
}
