// The gate's verdict and the words of the status Vigil posts on the pull request (genre vigil, name
// security): failed when a new finding is at or above the gate severity, succeeded otherwise.
import type { Finding } from '../contract/model';
import { DEFAULT_GATE_SEVERITY, GATE_SEVERITIES, severityRank, type GateSeverity, type Severity } from '../contract/vocabulary';

export const STATUS_CONTEXT = { genre: 'vigil', name: 'security' } as const;

/** The repository's own gate severity, else the organization's, else high; an unknown stored value is ignored. */
export function effectiveGateSeverity(repository: string | null | undefined, organization: string | null | undefined): { severity: GateSeverity; source: 'repository' | 'organization' } {
  const known = (s: string | null | undefined): s is GateSeverity => !!s && (GATE_SEVERITIES as readonly string[]).includes(s);
  if (known(repository)) return { severity: repository, source: 'repository' };
  return { severity: known(organization) ? organization : DEFAULT_GATE_SEVERITY, source: 'organization' };
}

/** At or above the gate: critical >= high >= medium >= low >= info. */
export const failsGate = (severity: Severity, gate: GateSeverity): boolean => severityRank(severity) <= severityRank(gate);

export interface GateVerdict {
  verdict: 'succeeded' | 'failed';
  /** How many new findings are at or above the gate severity. */
  failing: number;
  /** The status description: "2 new findings at or above high", "No new findings at or above high". */
  description: string;
}

export function gateVerdict(newFindings: readonly Pick<Finding, 'severity'>[], gate: GateSeverity): GateVerdict {
  const failing = newFindings.filter((f) => failsGate(f.severity, gate)).length;
  const description = failing === 0 ? `No new findings at or above ${gate}` : `${failing} new finding${failing === 1 ? '' : 's'} at or above ${gate}`;
  return { verdict: failing ? 'failed' : 'succeeded', failing, description };
}

/** The pending status while the scan runs. */
export const pendingDescription = (filesChanged: number): string => `Scanning ${filesChanged} changed file${filesChanged === 1 ? '' : 's'}`;

/** The error status, with the reason kept to 200 characters (a status is one line in the PR's checks). */
export function errorDescription(reason: string): string {
  const text = `Vigil could not scan this pull request: ${reason.replace(/\s+/g, ' ').trim()}`;
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
