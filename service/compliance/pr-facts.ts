// What several checks read of the same pull request, worked out once per pull request (the evaluation
// job runs the checks on 50,000 of them) and handed to each: the completion time, the facets that could
// not be read, the pull request as an evidence item, the builds of its last merge commit.
import type { ComplianceEvidenceItem } from '../contract/compliance-api';
import type { BuildEvidence, MergedPullRequestEvidence, UnavailableFacet } from './evidence';

/** The builds that can prove something for the last iteration, and those that cannot, by why. */
export interface RelevantBuilds {
  builds: BuildEvidence[];
  /** How many built an earlier merge commit. */
  older: number;
  /** Builds with no recorded commit (not deleted): they cannot prove the last merge commit was built. */
  uncommitted: BuildEvidence[];
}

export interface PullRequestFacts {
  /** Completion time, epoch ms (NaN when not a time). */
  closed: number;
  /** The facets that could not be read, with the reason. */
  facets: Map<UnavailableFacet['facet'], string>;
  /** The pull request as the first evidence item of every result. */
  item: ComplianceEvidenceItem;
  /** Filled by the first check that needs it. */
  relevantBuilds?: RelevantBuilds;
}

export const shortRef = (ref: string): string => (ref.startsWith('refs/heads/') ? ref.slice(11) : ref);

export function pullRequestFacts(pr: MergedPullRequestEvidence): PullRequestFacts {
  return {
    closed: Date.parse(pr.closedAt),
    facets: new Map(pr.unavailable.map((u) => [u.facet, u.reason] as const)),
    item: { label: 'Pull request', value: `!${pr.pullRequestId}${pr.title ? ` ${pr.title}` : ''} into ${shortRef(pr.targetRef)}`, ...(pr.url ? { url: pr.url } : {}), at: pr.closedAt },
  };
}
