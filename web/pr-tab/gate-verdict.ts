// The gate's verdict in words: what the top of the PR tab says. Pure, so every state is tested.
import type { EventMode, PullRequestFindingDto, PullRequestSecurityDto } from '../../service/contract/events-api';
import { SEVERITY_LABELS, severityRank, type Severity } from '../../service/contract/vocabulary';
import { formatCount } from '../common/format';

export type VerdictKind = 'passed' | 'failed' | 'scanning' | 'error' | 'not-scanned';

export interface Verdict {
  kind: VerdictKind;
  title: string;
  detail?: string;
}

/** New findings at or above the gate severity: the ones that fail the gate. */
export const blockingFindings = (findings: readonly PullRequestFindingDto[], gate: Severity): PullRequestFindingDto[] =>
  findings.filter((f) => severityRank(f.severity) <= severityRank(gate));

/** Why nothing was scanned yet, by how events reach Vigil. */
export function waitingReason(mode: EventMode | undefined): string {
  switch (mode) {
    case 'hooks':
      return 'Vigil scans a pull request when Azure DevOps reports it created or updated. Push a new commit to this pull request to scan it now.';
    case 'polling':
      return 'This organization is in polling mode (no service hooks): Vigil looks for new pull requests and iterations every few minutes, so the scan starts at the next poll.';
    default:
      return 'Azure DevOps events are not set up for this organization yet, so Vigil has not heard of this pull request. An administrator can check event delivery in Organization settings › Vigil › Settings.';
  }
}

/** Vigil has no record of the pull request at all (the read answered 404 pull-request-not-seen; it does not say the event mode). */
export const notSeenVerdict = (): Verdict => ({
  kind: 'not-scanned',
  title: 'Not scanned yet',
  detail:
    'Vigil has not heard of this pull request yet: it is scanned when Azure DevOps reports it created or updated (or at the next poll, in polling mode). If no verdict comes, an administrator can check event delivery in Organization settings › Vigil › Settings.',
});

export function gateVerdict(dto: PullRequestSecurityDto): Verdict {
  const scan = dto.latestScan;
  if (!scan) return { kind: 'not-scanned', title: 'Not scanned yet', detail: waitingReason(dto.eventMode) };
  const iteration = scan.iterationId ? ` iteration ${scan.iterationId}` : '';
  if (scan.state === 'queued') return { kind: 'scanning', title: `Waiting to scan${iteration}…`, detail: 'The scan is queued; this page updates when it finishes.' };
  if (scan.state === 'running') return { kind: 'scanning', title: `Scanning${iteration}…`, detail: 'Vigil is scanning the files this pull request changes; this page updates when it finishes.' };
  if (scan.state === 'failed' || scan.verdict === 'error') {
    return { kind: 'error', title: 'Vigil could not scan this pull request', detail: scan.error ?? 'The scan ended without a verdict.' };
  }
  const gate = scan.gateSeverity ?? dto.gate.severity;
  const label = SEVERITY_LABELS[gate];
  const blocking = blockingFindings(scan.newFindings, gate).length;
  const below = scan.newFindings.length - blocking;
  if (scan.verdict === 'failed' || (scan.verdict === undefined && blocking > 0)) {
    return {
      kind: 'failed',
      title: `Failed: ${formatCount(blocking, 'new finding')} at or above ${label}`,
      detail: 'Fix them in this branch (or dismiss them in Vigil) and push: the next iteration is scanned again.',
    };
  }
  return {
    kind: 'passed',
    title: `Passed: no new finding at or above ${label}`,
    detail: below ? `${formatCount(below, 'new finding')} below the gate, listed below.` : 'Nothing this pull request adds or changes has a finding that reaches the gate.',
  };
}
