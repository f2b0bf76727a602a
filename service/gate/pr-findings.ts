// A pull request scan's findings as stored with the scan and shown in the PR tab
// (PullRequestFindingDto): where they sit, with a link to the file and line at the source commit, and
// the thread Vigil keeps for a new one.
import type { PullRequestFindingDto } from '../contract/events-api';
import { locationLine, locationPath, locationWebUrl } from '../contract/places';
import type { ClassifiedFinding } from './classify';
import type { ThreadState } from './threads';

export interface FindingLinkBase {
  /** The repository's web page ({org}/{project}/_git/{repo}). */
  repoWebUrl?: string;
  /** The PR's source commit the scan read. */
  sourceCommit: string;
}

/** The pull request's web page, on the tab Vigil's status points at. */
export function pullRequestWebUrl(repoWebUrl: string, pullRequestId: number): string {
  return `${repoWebUrl.replace(/\/+$/, '')}/pullrequest/${pullRequestId}?_a=overview`;
}

export function toPullRequestFinding(
  c: ClassifiedFinding,
  isNew: boolean,
  base: FindingLinkBase,
  thread?: { threadId: number; state: ThreadState },
): PullRequestFindingDto {
  const f = c.finding;
  const line = locationLine(f.location);
  const endLine = f.location.kind === 'file' || f.location.kind === 'resource' ? f.location.endLine : undefined;
  const webUrl = locationWebUrl(f.location, { webUrl: base.repoWebUrl, commitSha: base.sourceCommit });
  return {
    fingerprint: f.fingerprint,
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    category: f.category,
    path: locationPath(f.location) ?? '',
    ...(line && line > 0 ? { line } : {}),
    ...(endLine && line && endLine >= line ? { endLine } : {}),
    message: f.message,
    ...(f.remediation ? { remediation: f.remediation } : {}),
    ...(f.helpUri ? { helpUrl: f.helpUri } : {}),
    ...(webUrl ? { webUrl } : {}),
    isNew,
    ...(c.targetFindingId ? { findingId: c.targetFindingId } : {}),
    ...(thread ? { threadId: thread.threadId, threadState: thread.state } : {}),
  };
}
