// CMP-PR-APPROVAL: each merged pull request had an independent approval before it was completed.
//
// From the vote history (the pull request's VoteUpdate system threads: who voted what, when): a person's
// LAST vote cast at or before completion must be 10 (approved) or 5 (approved with suggestions); an approval
// reset or turned into a rejection before completion no longer counts, and a vote after completion never
// does. Groups never vote (isContainer): a member's vote that counted for a group (votedFor) is that
// member's. Independent: neither the pull request's author nor an author or committer of any of its commits
// (identity.ts says how people are matched).
// Without the vote history, the final votes on the pull request can only prove a fail (no approval by
// anyone independent at all); an approval there may have been cast after completion, so it is not
// available rather than a pass. Missing commits leave independence from the commit authors unknown.
import type { ComplianceEvidenceItem } from '../../contract/compliance-api';
import type { PullRequestCheck, Verdict } from '../check';
import { ISO27001_CHANGE_MANAGEMENT, SOC2_CHANGE_MANAGEMENT } from '../check';
import type { IdentityEvidence, MergedPullRequestEvidence, ReviewerEvidence, VoteEventEvidence } from '../evidence';
import type { PullRequestFacts } from '../pr-facts';
import { authorshipOf, identityKey, identityName, roleText, type AuthorRole } from '../identity';
import { AUTHOR, context, GROUP, mergedPr, OTHER, REVIEWER, reviewer, unavailable, voteAt } from '../testing';
import { ADO_BRANCH_POLICIES_HELP, complianceMeta, facetText, ms, notAvailable, voteWords, when } from './common';

interface Approval {
  voter: IdentityEvidence;
  vote: number;
  /** When it was cast, when known. */
  at?: string;
  /** Names of the groups it counted for. */
  groups: string[];
  role?: AuthorRole;
}

const approving = (vote: number): boolean => vote === 10 || vote === 5;

function approvalItem(a: Approval, pr: MergedPullRequestEvidence, label: string): ComplianceEvidenceItem {
  const counted = a.groups.length ? `, counted for ${a.groups.join(', ')}` : '';
  const role = a.role ? `; ${roleText(a.role)}` : '';
  return { label, value: `${identityName(a.voter)} (${voteWords(a.vote)}${counted}${role})`, ...(pr.url ? { url: pr.url } : {}), ...(a.at ? { at: a.at } : {}) };
}

export function judgeApproval(pr: MergedPullRequestEvidence, facts: PullRequestFacts): Verdict {
  const facets = facts.facets;
  const evidence: ComplianceEvidenceItem[] = [facts.item];
  if (pr.closedBy) evidence.push({ label: 'Completed by', value: identityName(pr.closedBy), at: pr.closedAt });
  if (pr.bypassPolicy) evidence.push({ label: 'Branch policies overridden at completion', value: pr.bypassReason || 'no reason given', at: pr.closedAt });
  const reviewersReason = facets.get('reviewers');
  const votesReason = facets.get('votes');
  if (reviewersReason !== undefined && votesReason !== undefined) {
    return notAvailable('Who approved the pull request is not known.', [facetText('votes', votesReason), facetText('reviewers', reviewersReason)], evidence);
  }

  const reviewers = reviewersReason === undefined ? pr.reviewers : [];
  const containers = new Set(reviewers.filter((r) => r.isContainer).map(identityKey));
  const groupNames = new Map(reviewers.filter((r) => r.isContainer && r.id).map((r) => [r.id!.toLowerCase(), identityName(r)] as const));
  const reviewerByKey = new Map<string, ReviewerEvidence>(reviewers.filter((r) => !r.isContainer).map((r) => [identityKey(r), r] as const));
  const authorship = authorshipOf(pr);
  const closed = facts.closed;
  const approval = (voter: IdentityEvidence, vote: number, at?: string): Approval => {
    const known = reviewerByKey.get(identityKey(voter));
    const person = known ? { ...known, ...voter, uniqueName: voter.uniqueName ?? known.uniqueName } : voter;
    const groups = (known?.votedFor ?? []).map((id) => groupNames.get(id.toLowerCase()) ?? 'a group');
    return { voter: person, vote, at, groups, role: authorship.matchRole(person) };
  };

  const timed: Approval[] = [];
  const untimed: Approval[] = [];
  const notes: string[] = [];
  if (votesReason === undefined) {
    const byVoter = new Map<string, VoteEventEvidence[]>();
    for (const v of pr.votes) {
      const key = identityKey(v.voter);
      if (v.voter.isContainer || containers.has(key)) continue;
      const list = byVoter.get(key);
      if (list) list.push(v);
      else byVoter.set(key, [v]);
    }
    for (const events of byVoter.values()) {
      const known = events.filter((e) => !Number.isNaN(ms(e.at))).sort((a, b) => ms(a.at) - ms(b.at) || (a.threadId ?? 0) - (b.threadId ?? 0));
      const before = known.filter((e) => ms(e.at) <= closed);
      const last = before[before.length - 1];
      const name = identityName(events[0].voter);
      if (last && approving(last.vote)) {
        timed.push(approval(last.voter, last.vote, last.at));
        continue;
      }
      const earlier = before.find((e) => approving(e.vote));
      if (earlier && last) notes.push(`${name} approved ${when(earlier.at)} but changed the vote to "${voteWords(last.vote)}" ${when(last.at)}, before completion`);
      const after = known.find((e) => ms(e.at) > closed && approving(e.vote));
      if (after) notes.push(`${name} approved ${when(after.at)}, after completion`);
      const undated = events.find((e) => Number.isNaN(ms(e.at)) && approving(e.vote));
      if (undated) untimed.push(approval(undated.voter, undated.vote));
    }
    for (const r of reviewers) {
      if (!r.isContainer && approving(r.vote) && !byVoter.has(identityKey(r))) untimed.push(approval(r, r.vote));
    }
  } else {
    for (const r of reviewers) if (!r.isContainer && approving(r.vote)) untimed.push(approval(r, r.vote));
  }

  const commitsReason = facets.get('commits');
  const independent = timed.filter((a) => !a.role);
  if (independent.length && commitsReason === undefined) {
    const first = independent.sort((a, b) => ms(a.at) - ms(b.at))[0];
    return {
      outcome: 'pass',
      message: `Approved by ${identityName(first.voter)} ${when(first.at)}, before completion ${when(pr.closedAt)}.`,
      evidence: [...evidence, ...independent.map((a) => approvalItem(a, pr, 'Approved by'))],
    };
  }
  const unproven = [...independent, ...untimed.filter((a) => !a.role)];
  if (unproven.length) {
    const names = [...new Set(unproven.map((a) => identityName(a.voter)))].join(', ');
    const reasons: string[] = [];
    if (independent.length && commitsReason !== undefined) reasons.push(`${facetText('commits', commitsReason)}, so whether ${names} authored one of them is unknown`);
    if (votesReason !== undefined) reasons.push(`${facetText('votes', votesReason)}: the final votes show an approval by ${names} but not when it was cast`);
    else if (untimed.some((a) => !a.role)) reasons.push(`the vote history has no dated entry for the approval by ${names}, so when it was cast is unknown`);
    return notAvailable(`Whether the approval by ${names} was independent and before completion cannot be told.`, reasons, [
      ...evidence,
      ...unproven.map((a) => approvalItem(a, pr, 'Approval not proven')),
    ]);
  }

  const self = [...timed, ...untimed].filter((a) => a.role);
  const message = self.length
    ? `Approved only by ${self.map((a) => `${identityName(a.voter)}, ${roleText(a.role!)}`).join('; ')} (self-approval): no independent approval before completion.`
    : notes.length
      ? `No approval stood at completion: ${notes.join('; ')}.`
      : 'No approving vote (approved, or approved with suggestions) by anyone other than its authors before completion.';
  return {
    outcome: 'fail',
    message,
    evidence: [...evidence, ...self.map((a) => approvalItem(a, pr, 'Self-approval')), ...notes.map((n) => ({ label: 'Vote', value: n }))],
  };
}

const base = context();
const at = (t: string) => `2026-11-05T${t}Z`;

export const prApprovalCheck: PullRequestCheck = {
  subject: 'pull-request',
  meta: complianceMeta({
    id: 'CMP-PR-APPROVAL',
    title: 'Independent approval before merge',
    severity: 'high',
    description:
      'Each pull request merged into a production branch was approved (vote 10, or 5 "approved with suggestions") before completion by someone who is neither its author nor the author or committer of any of its commits. The vote history decides: a person\'s last vote before completion counts, so an approval reset or turned into a rejection before completion does not, nor does a vote cast after completion. Groups never vote; a member\'s vote that counted for a group is that member\'s. Without the vote history, only a missing approval can be told (not available otherwise).',
    remediation:
      'Require a minimum-reviewers policy on the branch (at least 1 reviewer, "Allow requestors to approve their own changes" off, and "Prohibit the most recent pusher from approving their own changes" on), and review the pull requests listed as failing after the fact.',
    helpUri: ADO_BRANCH_POLICIES_HELP,
    tags: [SOC2_CHANGE_MANAGEMENT, ISO27001_CHANGE_MANAGEMENT, 'change-management'],
  }),
  judge: (pr, _p, facts) => judgeApproval(pr, facts),
  examples: {
    mustNotFlag: [
      { ctx: base, pr: mergedPr() },
      { ctx: base, pr: mergedPr({ reviewers: [reviewer(REVIEWER, 5)], votes: [voteAt(REVIEWER, 5, at('10:00:00'))] }) },
      // a member's vote for a group: the member approved
      { ctx: base, pr: mergedPr({ reviewers: [reviewer(GROUP, 10), reviewer(REVIEWER, 10, { votedFor: [GROUP.id!] })], votes: [voteAt(REVIEWER, 10, at('10:00:00'))] }) },
      // rejected, then approved before completion
      { ctx: base, pr: mergedPr({ votes: [voteAt(REVIEWER, -10, at('09:00:00')), voteAt(REVIEWER, 10, at('10:00:00'))] }) },
    ],
    mustFlag: [
      // self-approval only
      { ctx: base, pr: mergedPr({ reviewers: [reviewer(AUTHOR, 10)], votes: [voteAt(AUTHOR, 10, at('10:00:00'))] }) },
      // approval after completion
      { ctx: base, pr: mergedPr({ votes: [voteAt(REVIEWER, 10, at('11:30:00'))] }) },
      // approved, then reset before completion
      { ctx: base, pr: mergedPr({ reviewers: [reviewer(REVIEWER, 0)], votes: [voteAt(REVIEWER, 10, at('09:00:00')), voteAt(REVIEWER, 0, at('10:00:00'))] }) },
      // approved by the author of one of its commits
      {
        ctx: base,
        pr: mergedPr({
          reviewers: [reviewer(OTHER, 10)],
          votes: [voteAt(OTHER, 10, at('10:00:00'))],
          commits: [{ commitId: '9f8e7d6c5b4a', author: { name: 'Chuck', email: 'Chuck.Reinhart@contoso.com' } }],
        }),
      },
      // only the group's rolled-up vote, nobody's own
      { ctx: base, pr: mergedPr({ reviewers: [reviewer(GROUP, 10)], votes: [] }) },
      // no vote history: the final votes show no approval at all
      { ctx: base, pr: mergedPr({ reviewers: [reviewer(REVIEWER, -5)], votes: [], unavailable: [unavailable('votes')] }) },
    ],
    notApplicable: [
      { ctx: base, pr: mergedPr({ targetRef: 'refs/heads/feature/x' }) },
      { ctx: base, pr: mergedPr({ closedAt: '2026-08-06T23:59:59Z' }) },
    ],
    notAvailable: [
      { ctx: base, pr: mergedPr({ unavailable: [unavailable('votes'), unavailable('reviewers')] }) },
      // the final votes show an approval, but not when it was cast
      { ctx: base, pr: mergedPr({ votes: [], unavailable: [unavailable('votes')] }) },
      // approved before completion, but the commits' authors are unknown
      { ctx: base, pr: mergedPr({ commits: [], unavailable: [unavailable('commits')] }) },
    ],
    exempt: [{ ctx: base, pr: mergedPr({ labels: ['Emergency'], reviewers: [], votes: [] }) }],
  },
};
