// What the hub says about a code finding: the upstream test it matches, and where each step of its
// data flow sits in Azure DevOps. Free of SDK imports.
import type { FindingDto } from '../../service/contract/api';
import type { FlowStep } from '../../service/contract/model';
import { locationWebUrl } from '../../service/contract/places';

type Upstream = NonNullable<NonNullable<FindingDto['code']>['upstream']>;

const UPSTREAM_TOOLS: Record<Upstream['type'], string> = { bandit: 'Bandit', eslint: 'ESLint', scs: 'Security Code Scan' };

/** "Bandit B602", "ESLint security/detect-child-process", "Security Code Scan SCS0001". */
export function upstreamText(u: Upstream): string {
  return `${UPSTREAM_TOOLS[u.type] ?? u.type} ${u.id}`;
}

/** The step's role in the flow: where the data enters, where it is used, or a place it passes. */
export function flowRole(index: number, count: number): 'Source' | 'Sink' | 'Step' {
  if (index === 0) return 'Source';
  return index === count - 1 ? 'Sink' : 'Step';
}

/** "Line 12" in the finding's own file, "app/db.py:4" in another. */
export function flowStepText(f: FindingDto, step: FlowStep): string {
  const own = f.location.kind === 'ado-object' ? undefined : f.location.path;
  return step.path && step.path !== own ? `${step.path}:${step.line}` : `Line ${step.line}`;
}

/**
 * The step's line in Azure DevOps, at the commit the finding was seen at: the finding's own link
 * (the repository page with the file, commit and line) pointed at the step's file and line.
 */
export function flowStepWebUrl(f: FindingDto, step: FlowStep): string | undefined {
  if (!f.webUrl || f.location.kind === 'ado-object') return undefined;
  let own: URL;
  try {
    own = new URL(f.webUrl);
  } catch {
    return undefined;
  }
  const version = own.searchParams.get('version');
  const commitSha = f.commitSha ?? (version?.startsWith('GC') ? version.slice(2) : undefined);
  return locationWebUrl({ kind: 'file', path: step.path ?? f.location.path, line: step.line }, { webUrl: `${own.origin}${own.pathname}`, commitSha });
}
