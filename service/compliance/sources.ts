// What counts as proof that a pull request underwent SAST, testing or a dependency check: pipeline tasks
// (by the task's reference name or id, as the build timeline records them) and pull-request statuses (by
// genre/name). Vigil's own lists are data (DEFAULT_EVIDENCE_SOURCES); the organization's lists add to them.
//
// Entries:
// - a task: its reference name ("MicrosoftSecurityDevOps") or id (a GUID), without case. Only the task a
//   step runs proves what ran; a generic script task (Bash, CmdLine, PowerShell, Npm) proves nothing by
//   itself, so none is listed.
// - "step:<display name>": a step whose display name is exactly that (without case), e.g. "step:npm audit".
//   Weaker: anyone can name a step anything, so Vigil lists none; the evidence says it matched by name.
// - a status: "genre/name" ("vigil/security"), or a bare name for that name under any genre.
import type { EvidenceSources } from '../contract/compliance-api';
import type { BuildTaskEvidence, StatusEvidence } from './evidence';

export const DEFAULT_EVIDENCE_SOURCES: EvidenceSources = {
  sastTasks: [
    'VigilScan', // Vigil's own pipeline task
    'MicrosoftSecurityDevOps',
    'AdvancedSecurity-Codeql-Analyze', // Init alone prepares CodeQL and analyses nothing
    'SonarQubeAnalyze',
    'SonarCloudAnalyze',
    'Checkmarx AST', // Checkmarx One (its task's reference name has a space)
    'Semgrep',
  ],
  // Vigil's pull-request scan (the gate's status) runs its code, IaC and secret scanners on the whole tree.
  sastStatuses: ['vigil/security'],
  testTasks: ['VSTest', 'PublishTestResults'],
  testStatuses: [],
  dependencyTasks: [
    'VigilScan',
    'AdvancedSecurity-Dependency-Scanning',
    'dependency-check-build-task', // OWASP Dependency-Check
    'SnykSecurityScan', // its default test type is open source (dependencies); Snyk Code is the org's to add
    'WhiteSource', // Mend (formerly WhiteSource)
    'trivy',
  ],
  // The same scan also runs Vigil's dependency scanner on the manifests and lockfiles of the tree.
  dependencyStatuses: ['vigil/security'],
};

/** The evidence kinds a scan check looks for. */
export type SourceKind = 'sast' | 'test' | 'dependency';

const TASK_LISTS = { sast: 'sastTasks', test: 'testTasks', dependency: 'dependencyTasks' } as const;
const STATUS_LISTS = { sast: 'sastStatuses', test: 'testStatuses', dependency: 'dependencyStatuses' } as const;

/** How a task or status was recognised, for the evidence. */
export type TaskMatch = 'task' | 'step-name';

export interface SourceMatcher {
  task(t: BuildTaskEvidence): TaskMatch | undefined;
  status(s: StatusEvidence): boolean;
  /** Whether there is anything to look for at all (an organization may have no test statuses). */
  readonly hasStatuses: boolean;
}

const lowered = new Map<string, string>();

/** Lower case, trimmed; memoised (task and status names repeat across every build and pull request). */
const lc = (s: string | undefined): string => {
  if (!s) return '';
  let l = lowered.get(s);
  if (l === undefined) {
    if (lowered.size >= 10_000) lowered.clear();
    lowered.set(s, (l = s.trim().toLowerCase()));
  }
  return l;
};

function matcher(tasks: readonly string[], statuses: readonly string[]): SourceMatcher {
  const taskNames = new Set<string>();
  const stepNames = new Set<string>();
  for (const entry of tasks) {
    const e = lc(entry);
    if (e.startsWith('step:')) stepNames.add(e.slice(5).trim());
    else if (e) taskNames.add(e);
  }
  const contexts = new Set(statuses.map(lc).filter(Boolean));
  return {
    task(t) {
      if (t.task && (taskNames.has(lc(t.task.name)) || taskNames.has(lc(t.task.id)))) return 'task';
      return stepNames.has(lc(t.name)) ? 'step-name' : undefined;
    },
    status(s) {
      const name = lc(s.name);
      return contexts.has(s.genre ? `${lc(s.genre)}/${name}` : name) || contexts.has(name);
    },
    hasStatuses: contexts.size > 0,
  };
}

/** Vigil's lists and the organization's (the organization's may repeat Vigil's: a union). */
export function sourceMatchers(org: Partial<EvidenceSources> | undefined): Record<SourceKind, SourceMatcher> {
  const both = (key: keyof EvidenceSources): string[] => [...DEFAULT_EVIDENCE_SOURCES[key], ...(org?.[key] ?? [])];
  const of = (kind: SourceKind): SourceMatcher => matcher(both(TASK_LISTS[kind]), both(STATUS_LISTS[kind]));
  return { sast: of('sast'), test: of('test'), dependency: of('dependency') };
}

/** "genre/name" of a status, as an auditor reads it. */
export const statusContext = (s: StatusEvidence): string => (s.genre ? `${s.genre}/${s.name}` : s.name);
