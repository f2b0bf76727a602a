// The one shape of a compliance check (ARCHITECTURE.md "one shape", like a posture control): metadata,
// a pure judgement of one subject (a merged pull request, or a production branch) against the prepared
// context, and its own examples, replayed by the generic catalog test and by compliance's own test
// (which also replays the exempt examples, an outcome the catalog's vocabulary does not have).
import type { ComplianceEvidenceItem } from '../contract/compliance-api';
import type { RuleMeta } from '../contract/model';
import type { NotAvailableReason } from '../contract/vocabulary';
import type { RuleExamples } from '../engine/types';
import type { ComplianceContext } from './evaluate';
import type { MergedPullRequestEvidence } from './evidence';
import type { PreparedContext } from './prepare';
import type { PullRequestFacts } from './pr-facts';

/** What a check decides on a subject that is in scope (not-applicable and exempt are decided before). */
export interface Verdict {
  outcome: 'pass' | 'fail' | 'not-available';
  message: string;
  /** For not-available: what is missing, in words, and its kind. */
  reason?: string;
  reasonCode?: NotAvailableReason;
  evidence: ComplianceEvidenceItem[];
}

/** One example: a pull request (for a pull-request check) or a branch at a time (for the branch check). */
export interface ComplianceExample {
  ctx: ComplianceContext;
  pr?: MergedPullRequestEvidence;
  branch?: string;
  /** ISO time the branch check is evaluated at. */
  now?: string;
}

export interface ComplianceExamples extends RuleExamples<ComplianceExample> {
  /** Must give `exempt` (the emergency label). */
  exempt?: ComplianceExample[];
}

interface CheckBase {
  meta: RuleMeta & { category: 'compliance' };
  examples: ComplianceExamples;
}

export interface PullRequestCheck extends CheckBase {
  subject: 'pull-request';
  judge(pr: MergedPullRequestEvidence, prepared: PreparedContext, facts: PullRequestFacts): Verdict;
}

export interface BranchCheck extends CheckBase {
  subject: 'branch';
  judge(branch: string, prepared: PreparedContext, now: Date): Verdict;
}

export type ComplianceCheck = PullRequestCheck | BranchCheck;

/** Standards the checks give evidence for, as tags (the docs list them). */
export const SOC2_CHANGE_MANAGEMENT = 'SOC 2 CC8.1';
export const ISO27001_CHANGE_MANAGEMENT = 'ISO 27001:2022 A.8.32';
export const ISO27001_SECURE_TESTING = 'ISO 27001:2022 A.8.29';
