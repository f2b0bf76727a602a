// Pieces every compliance check shares: metadata defaults, evidence items, times.
import type { ComplianceEvidenceItem } from '../../contract/compliance-api';
import type { RuleMeta } from '../../contract/model';
import type { Verdict } from '../check';
import type { UnavailableFacet } from '../evidence';
import { shortRef } from '../pr-facts';

export const ADO_BRANCH_POLICIES_HELP = 'https://learn.microsoft.com/azure/devops/repos/git/branch-policies';
export const ADO_PULL_REQUESTS_HELP = 'https://learn.microsoft.com/azure/devops/repos/git/complete-pull-requests';
export const ADO_BUILD_VALIDATION_HELP = 'https://learn.microsoft.com/azure/devops/repos/git/branch-policies#build-validation';
export const ADO_STATUS_POLICY_HELP = 'https://learn.microsoft.com/azure/devops/repos/git/pr-status-policy';

export function complianceMeta(meta: Omit<RuleMeta, 'category' | 'confidence'> & { confidence?: RuleMeta['confidence'] }): RuleMeta & { category: 'compliance' } {
  return { confidence: 'high', ...meta, category: 'compliance' };
}

/** epoch ms of an ISO time, or NaN. */
export const ms = (iso: string | undefined): number => (iso ? Date.parse(iso) : NaN);

/** "2026-11-05 10:14 UTC" */
export function when(iso: string | undefined): string {
  // ISO times in UTC (what ADO returns) are cut, not parsed: this runs for every result
  if (iso && iso.length >= 17 && iso[10] === 'T' && iso.endsWith('Z')) return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  const t = ms(iso);
  if (Number.isNaN(t)) return 'at an unknown time';
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

export { shortRef };

export const FACET_WORDS: Record<UnavailableFacet['facet'], string> = {
  reviewers: 'reviewers',
  votes: 'vote history',
  commits: 'commits',
  statuses: 'statuses',
  builds: 'builds',
  timeline: 'build timelines',
  tests: 'test results',
  policies: 'branch policies',
};

export function facetText(facet: UnavailableFacet['facet'], reason: string): string {
  return `the pull request's ${FACET_WORDS[facet]} could not be read (${reason.replace(/\.$/, '')})`;
}

export const capitalise = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1) : s);

export function notAvailable(message: string, reasons: readonly string[], evidence: ComplianceEvidenceItem[], code: Verdict['reasonCode'] = 'error'): Verdict {
  return { outcome: 'not-available', message, reason: `${capitalise(reasons.join('; '))}.`, reasonCode: code, evidence };
}

export const voteWords = (vote: number): string =>
  vote === 10 ? 'approved' : vote === 5 ? 'approved with suggestions' : vote === 0 ? 'no vote' : vote === -5 ? 'waiting for author' : vote === -10 ? 'rejected' : `vote ${vote}`;
