// The evidence the compliance checks judge (issue 15): what Vigil recorded of a merged pull request and of
// the branch policies, at merge time, so build retention cannot erase it later. Plain data: collected through
// ado/ by a job, stored as JSON (compliance_pull_requests.evidence), evaluated by the pure checks here.
// Every list is what ADO returned; a facet that could not be read is named in `unavailable` instead of being
// left empty, so a check says "not available" rather than "fail".

/** A person or group as ADO names it. Compare people by id; commits carry only name and e-mail. */
export interface IdentityEvidence {
  id?: string;
  displayName?: string;
  /** Usually the sign-in e-mail (user@contoso.com); for groups `[Project]\Group`. */
  uniqueName?: string;
  isContainer?: boolean;
}

/** A reviewer on the pull request as it was completed (GitPullRequest.reviewers). */
export interface ReviewerEvidence extends IdentityEvidence {
  /** 10 approved, 5 approved with suggestions, 0 none, -5 waiting for author, -10 rejected. */
  vote: number;
  isRequired?: boolean;
  hasDeclined?: boolean;
  /** Ids of the groups this person's vote counted for (votedFor). */
  votedFor?: string[];
}

/** One vote as it happened: from the pull request's system "VoteUpdate" threads (who, what, when). */
export interface VoteEventEvidence {
  voter: IdentityEvidence;
  vote: number;
  /** ISO time the vote was cast (the thread's publishedDate). */
  at: string;
  threadId?: number;
}

/** A commit of the pull request (pullRequests/{id}/commits): its author as git recorded it. */
export interface CommitEvidence {
  commitId: string;
  author?: { name?: string; email?: string; date?: string };
  committer?: { name?: string; email?: string; date?: string };
}

/** A pull-request status (pullRequests/{id}/statuses). */
export interface StatusEvidence {
  id?: number;
  genre?: string;
  name: string;
  /** notSet | pending | succeeded | failed | error | notApplicable */
  state: string;
  iterationId?: number;
  description?: string;
  targetUrl?: string;
  createdAt?: string;
  createdBy?: IdentityEvidence;
}

/** One task of a build's timeline. */
export interface BuildTaskEvidence {
  /** The step's display name (e.g. "Run Semgrep"). */
  name: string;
  /** The task reference: id, name (e.g. "MicrosoftSecurityDevOps") and version. */
  task?: { id?: string; name?: string; version?: string };
  /** succeeded | succeededWithIssues | failed | canceled | skipped | abandoned */
  result?: string;
}

/** A build that ran for the pull request (refs/pull/{id}/merge), as recorded at or before merge. */
export interface BuildEvidence {
  buildId: number;
  definitionId?: number;
  definitionName?: string;
  buildNumber?: string;
  status?: string;
  result?: string;
  reason?: string;
  /** The merge commit the build built: compare with the pull request's last merge commit. */
  sourceVersion?: string;
  queueTime?: string;
  finishTime?: string;
  /** Link to the build in ADO. */
  url?: string;
  /** Timeline tasks, in order; absent when the timeline could not be read. */
  tasks?: BuildTaskEvidence[];
  /** Published test results of the run, when read. */
  tests?: { total: number; passed: number; failed: number };
  /** Set when ADO no longer had the build (retention) when Vigil looked for it. */
  gone?: boolean;
}

/** A branch-policy configuration at one revision (policy/configurations/{id}/revisions). */
export interface PolicyRevisionEvidence {
  projectId: string;
  policyId: number;
  revision: number;
  typeId: string;
  isEnabled: boolean;
  isBlocking: boolean;
  isDeleted?: boolean;
  scope: { repositoryId: string | null; refName: string | null; matchKind?: string }[];
  settings: Record<string, unknown>;
  /** When this revision was made (its createdDate), so the period each revision was in force is known. */
  revisedAt?: string;
  revisedBy?: IdentityEvidence;
}

/** What could not be read, and why, in words (the check reports it as not-available). */
export interface UnavailableFacet {
  facet: 'reviewers' | 'votes' | 'commits' | 'statuses' | 'builds' | 'timeline' | 'tests' | 'policies';
  reason: string;
}

/** Everything recorded of one merged pull request into a production branch. */
export interface MergedPullRequestEvidence {
  projectId: string;
  projectName?: string;
  repositoryId: string;
  repositoryName?: string;
  pullRequestId: number;
  title?: string;
  /** Link to the pull request in ADO. */
  url?: string;
  author?: IdentityEvidence;
  createdAt?: string;
  /** Completion time (closedDate). */
  closedAt: string;
  closedBy?: IdentityEvidence;
  sourceRef: string;
  targetRef: string;
  lastMergeCommit?: string;
  lastMergeSourceCommit?: string;
  lastMergeTargetCommit?: string;
  /** The last iteration's id, when read. */
  lastIteration?: number;
  /** Active labels' names. */
  labels: string[];
  /** Completed with "override branch policies". */
  bypassPolicy?: boolean;
  bypassReason?: string;
  reviewers: ReviewerEvidence[];
  votes: VoteEventEvidence[];
  commits: CommitEvidence[];
  statuses: StatusEvidence[];
  builds: BuildEvidence[];
  unavailable: UnavailableFacet[];
  /** When Vigil recorded this evidence. */
  collectedAt: string;
}
