// CMP-BRANCH-APPROVAL: the production branch requires an independent approval. Among the policy revisions
// in force now for the branch, an enabled, blocking minimum-reviewers policy with at least 1 approver where
// the author's vote does not count (creatorVoteCounts false), scoped to the branch (exact or prefix,
// repository-level or project-wide, or every default branch). Reset on push is recorded, not required.
// As history: from the revisions' times, since when the branch has been protected and when, within the
// period under audit (from the start date), it was not.
import type { ComplianceEvidenceItem } from '../../contract/compliance-api';
import type { BranchCheck, Verdict } from '../check';
import { ISO27001_CHANGE_MANAGEMENT, SOC2_CHANGE_MANAGEMENT } from '../check';
import type { PolicyRevisionEvidence } from '../evidence';
import { appliesTo, MINIMUM_REVIEWERS_POLICY_TYPE, policiesPageUrl, revisionAt, scopeCovers, type PolicyHistory, type ScopedRepository } from '../policy-scope';
import type { PreparedContext } from '../prepare';
import { context, minimumReviewers, PROJECT_ID, REPO_ID } from '../testing';
import { ADO_BRANCH_POLICIES_HELP, complianceMeta, day, notAvailable, shortRef } from './common';

const approvers = (r: PolicyRevisionEvidence): number => Number(r.settings.minimumApproverCount ?? 0) || 0;
const creatorVoteCounts = (r: PolicyRevisionEvidence): boolean => r.settings.creatorVoteCounts === true;

/** Why an applying revision does not protect the branch, or undefined when it does. */
function shortfall(r: PolicyRevisionEvidence): string | undefined {
  if (!r.isBlocking) return 'is optional, not required';
  if (approvers(r) < 1) return 'requires no approver';
  if (creatorVoteCounts(r)) return "lets the author's own vote count";
  return undefined;
}

function protecting(histories: readonly PolicyHistory[], t: number, repo: ScopedRepository, branch: string): PolicyRevisionEvidence[] {
  const out: PolicyRevisionEvidence[] = [];
  for (const h of histories) {
    const r = revisionAt(h, t);
    if (r && appliesTo(r, repo, branch) && !shortfall(r)) out.push(r);
  }
  return out;
}

/** Periods of protection, oldest first, merged: [start, protected]; the first starts at -Infinity. */
function protectionHistory(histories: readonly PolicyHistory[], now: number, repo: ScopedRepository, branch: string): { start: number; on: boolean }[] {
  const times = new Set<number>([Number.NEGATIVE_INFINITY]);
  for (const h of histories) for (const r of h.revisions) if (r.at <= now) times.add(r.at);
  const out: { start: number; on: boolean }[] = [];
  for (const start of [...times].sort((a, b) => a - b)) {
    const on = protecting(histories, start, repo, branch).length > 0;
    if (out.length === 0 || out[out.length - 1].on !== on) out.push({ start, on });
  }
  return out;
}

function policyItem(r: PolicyRevisionEvidence, url: string | undefined, note?: string): ComplianceEvidenceItem {
  const facts = [
    `${approvers(r)} approver${approvers(r) === 1 ? '' : 's'}`,
    creatorVoteCounts(r) ? "the author's vote counts" : "the author's vote does not count",
    `approvals reset on push: ${r.settings.resetOnSourcePush === true ? 'yes' : 'no'}`,
    r.isBlocking ? 'required' : 'optional',
  ];
  return {
    label: note ? `Minimum reviewers policy ${r.policyId} (${note})` : `Minimum reviewers policy ${r.policyId}`,
    value: `Revision ${r.revision}: ${facts.join('; ')}`,
    ...(url ? { url } : {}),
    ...(r.revisedAt ? { at: r.revisedAt } : {}),
  };
}

export function judgeBranch(branch: string, p: PreparedContext, now: Date): Verdict {
  const { ctx } = p;
  const repo = ctx.repository;
  const url = policiesPageUrl(repo.url, repo.id, branch);
  const name = shortRef(branch);
  if (ctx.policiesUnavailable) {
    return notAvailable(`Whether ${name} requires an approval is not known.`, [`the project's branch policies could not be read (${ctx.policiesUnavailable.replace(/\.$/, '')})`], []);
  }
  const nowMs = now.getTime();
  const histories = p.policiesFor(MINIMUM_REVIEWERS_POLICY_TYPE, branch);
  const current = protecting(histories, nowMs, repo, branch);
  const periods = protectionHistory(histories, nowMs, repo, branch);
  const evidence: ComplianceEvidenceItem[] = [];
  const gaps: string[] = [];
  for (const [i, period] of periods.entries()) {
    const end = i + 1 < periods.length ? periods[i + 1].start : nowMs;
    if (period.on || end <= p.startMs) continue;
    const from = Math.max(period.start, p.startMs);
    const text = i + 1 < periods.length ? `from ${day(from)} to ${day(end)}` : `since ${day(from)}`;
    gaps.push(text);
    evidence.push({ label: 'Not protected', value: text });
  }

  if (current.length) {
    const since = periods[periods.length - 1].start;
    const sinceText = Number.isFinite(since) ? `since ${day(since)}` : 'since before the first recorded policy revision';
    evidence.unshift({ label: 'Protected', value: sinceText }, ...current.map((r) => policyItem(r, url)));
    const r = current[0];
    const gapText = gaps.length ? `; not protected ${gaps.join(', ')} within the period from ${ctx.startDate}` : '';
    return {
      outcome: 'pass',
      message: `${name} requires ${approvers(r)} approval${approvers(r) === 1 ? '' : 's'} where the author's vote does not count (policy ${r.policyId}), ${sinceText}${gapText}.`,
      evidence,
    };
  }

  const nearMisses: string[] = [];
  for (const h of histories) {
    const r = revisionAt(h, nowMs);
    if (!r || r.isDeleted || !r.scope.some((s) => scopeCovers(s, repo, branch))) continue;
    const why = !r.isEnabled ? 'is disabled' : shortfall(r);
    if (why) {
      nearMisses.push(`policy ${r.policyId} ${why}`);
      evidence.push(policyItem(r, url, why));
    }
  }
  const wasProtected = periods.filter((x) => x.on).length > 0;
  return {
    outcome: 'fail',
    message: `${name} has no enabled, required minimum-reviewers policy with at least 1 approver where the author's vote does not count${nearMisses.length ? ` (${nearMisses.join('; ')})` : ''}${wasProtected ? '; it was protected earlier' : ''}.`,
    evidence: url && !evidence.some((e) => e.url) ? [...evidence, { label: 'Branch policies', value: name, url }] : evidence,
  };
}

const NOW = '2026-12-01T00:00:00Z';
const ex = (policies: PolicyRevisionEvidence[], branch = 'refs/heads/main') => ({ ctx: context({ policies }), branch, now: NOW });

export const branchApprovalCheck: BranchCheck = {
  subject: 'branch',
  meta: complianceMeta({
    id: 'CMP-BRANCH-APPROVAL',
    title: 'Branch requires independent approval',
    severity: 'high',
    description:
      'The production branch is protected by an enabled, required minimum-reviewers branch policy with at least 1 approver where the author\'s own vote does not count (creatorVoteCounts false), scoped to the branch by an exact or prefix match, for the repository or the whole project, or as every default branch. Whether approvals reset on push is recorded. From the policy revisions, the evidence says since when the branch has been protected and when, within the period under audit, it was not.',
    remediation:
      'Project settings > Repos > Repositories > {repository} > Policies > Branch Policies > {branch}: turn on "Require a minimum number of reviewers" with at least 1, leave "Allow requestors to approve their own changes" off, and prefer "Reset all approval votes" on push.',
    helpUri: ADO_BRANCH_POLICIES_HELP,
    tags: [SOC2_CHANGE_MANAGEMENT, ISO27001_CHANGE_MANAGEMENT, 'change-management'],
  }),
  judge: judgeBranch,
  examples: {
    mustNotFlag: [
      ex([minimumReviewers()]),
      // project-wide prefix policy on release branches
      ex([minimumReviewers({}, { scope: [{ repositoryId: null, refName: 'refs/heads/release/', matchKind: 'prefix' }] })], 'refs/heads/release/2.1'),
      // every default branch of the project
      ex([minimumReviewers({ resetOnSourcePush: false }, { scope: [{ repositoryId: null, refName: null, matchKind: 'DefaultBranch' }] })]),
    ],
    mustFlag: [
      ex([]),
      ex([minimumReviewers({ creatorVoteCounts: true })]),
      ex([minimumReviewers({}, { isBlocking: false })]),
      ex([minimumReviewers({}, { isEnabled: false })]),
      ex([minimumReviewers({ minimumApproverCount: 0 })]),
      ex([minimumReviewers({}, { scope: [{ repositoryId: REPO_ID, refName: 'refs/heads/develop', matchKind: 'Exact' }] })]),
      // deleted in its latest revision
      ex([minimumReviewers({}, { policyId: 5, revision: 1 }), minimumReviewers({}, { policyId: 5, revision: 2, isDeleted: true, revisedAt: '2026-11-20T00:00:00Z' })]),
      // another repository's policy
      ex([minimumReviewers({}, { scope: [{ repositoryId: 'f00dfeed-0000-4000-8000-000000000000', refName: 'refs/heads/main', matchKind: 'Exact' }], projectId: PROJECT_ID })]),
    ],
    notApplicable: [ex([minimumReviewers()], 'refs/heads/feature/x')],
    notAvailable: [{ ctx: context({ policies: [], policiesUnavailable: 'ADO answered 403: the credential lacks vso.code' }), branch: 'refs/heads/main', now: NOW }],
  },
};
