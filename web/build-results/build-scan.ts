// What the build results tab shows, from the run's CodeAnalysisLogs artifact: the .sarif files in its zip
// (Vigil's and any other tool's), read by the contract's SARIF reader into rows with a link to the file
// at the built commit, and the run's verdict. Pure: the tab's page and its tests share it.
import { strFromU8, unzipSync } from 'fflate';
import { locationWebUrl } from '../../service/contract/places';
import { readSarif, verdictOf, type PipelineVerdict, type SarifFinding, type SarifRunInfo } from '../../service/contract/sarif-read';
import { severityRank, type Severity } from '../../service/contract/vocabulary';

/** The artifact the task publishes its SARIF to (and the SARIF SAST Scans Tab reads). */
export const CODE_ANALYSIS_ARTIFACT = 'CodeAnalysisLogs';

/** The build as the tab needs it: where its sources came from. */
export interface BuildRef {
  id: number;
  buildNumber?: string;
  project: { id: string; name?: string };
  /** Build.Repository: TfsGit (url is the repository's web page) or GitHub (id is owner/name). */
  repository?: { id: string; name?: string; type?: string; url?: string };
  sourceVersion?: string;
  sourceBranch?: string;
  /** Build.status as the host gives it (a number or a name): a change reads the artifact again. */
  status?: string;
}

export interface SarifFile {
  name: string;
  text: string;
}

export interface BuildFindingRow extends SarifFinding {
  /** The file at the built commit in the repository's web UI, when both are known. */
  webUrl?: string;
}

export interface BuildScan {
  files: string[];
  runs: SarifRunInfo[];
  /** Not suppressed, not fixed since the baseline; the most severe first. */
  findings: BuildFindingRow[];
  suppressed: number;
  /** Whether the task compared the run with a baseline (some result carries a baselineState). */
  hasBaseline: boolean;
  verdict: PipelineVerdict;
  failOn: Severity | 'none';
  verdictFromTask: boolean;
}

/** The artifact's file could not be read: its name and why. */
export class UnreadableArtifactError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableArtifactError';
  }
}

/** The .sarif files of an artifact's zip (the zip holds them under the artifact's folder). */
export function sarifFilesFromZip(zip: Uint8Array): SarifFile[] {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, { filter: (f) => /\.sarif(\.json)?$/i.test(f.name) });
  } catch (err) {
    throw new UnreadableArtifactError(`The ${CODE_ANALYSIS_ARTIFACT} artifact is not a readable zip (${err instanceof Error ? err.message : String(err)})`);
  }
  return Object.keys(entries)
    .sort()
    .map((name) => ({ name, text: strFromU8(entries[name]) }));
}

/** `https://github.com/o/r/blob/<sha>/<path>#L12`, for a build of a GitHub repository. */
function githubFileUrl(repo: string, sha: string, path: string, line?: number): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `https://github.com/${repo}/blob/${sha}/${encoded}${line ? `#L${line}` : ''}`;
}

function webUrlOf(f: SarifFinding, build: BuildRef): string | undefined {
  const repo = build.repository;
  if (!f.path || !repo || !build.sourceVersion) return undefined;
  if (/^github/i.test(repo.type ?? '') && /^[\w.-]+\/[\w.-]+$/.test(repo.id)) return githubFileUrl(repo.id, build.sourceVersion, f.path, f.line);
  if (!repo.url || (repo.type && !/^tfsgit$/i.test(repo.type))) return undefined;
  return locationWebUrl({ kind: 'file', path: f.path, line: f.line ?? 1 }, { webUrl: repo.url, commitSha: build.sourceVersion });
}

/** Every SARIF file of the artifact, as one scan. Throws UnreadableArtifactError naming the file that is not SARIF. */
export function readBuildScan(files: readonly SarifFile[], build: BuildRef): BuildScan {
  const runs: SarifRunInfo[] = [];
  const all: SarifFinding[] = [];
  for (const file of files) {
    let doc: unknown;
    try {
      doc = JSON.parse(file.text);
    } catch {
      throw new UnreadableArtifactError(`${file.name} is not valid JSON`);
    }
    try {
      const read = readSarif(doc);
      runs.push(...read.runs);
      all.push(...read.findings.map((f) => ({ ...f, key: `${file.name}:${f.key}` })));
    } catch (err) {
      throw new UnreadableArtifactError(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const { verdict, failOn, fromTask } = verdictOf({ runs, findings: all });
  const shown = all
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => !f.suppressed && f.baselineState !== 'absent')
    .sort((a, b) => severityRank(a.f.severity) - severityRank(b.f.severity) || a.i - b.i)
    .map(({ f }) => ({ ...f, webUrl: webUrlOf(f, build) }));
  return {
    files: files.map((f) => f.name),
    runs,
    findings: shown,
    suppressed: all.filter((f) => f.suppressed).length,
    hasBaseline: all.some((f) => f.baselineState !== undefined),
    verdict,
    failOn,
    verdictFromTask: fromTask,
  };
}

/** With a baseline: new or changed since it. Without one every finding counts as new. */
export const isNew = (f: SarifFinding): boolean => f.baselineState !== 'unchanged';

/**
 * The build the tab is shown for, from its configuration: ADO hands build-results tabs an
 * `onBuildChanged(callback)` that calls back with the Build (and again when it updates); a `buildId`
 * (or a `build`) is read too. Resolves with the first build; `onChange` gets later ones.
 */
export function buildFromConfiguration(config: Record<string, unknown>, onChange?: (build: BuildRef) => void): Promise<BuildRef | undefined> {
  const direct = toBuildRef(config.build) ?? (Number.isInteger(Number(config.buildId)) && Number(config.buildId) > 0 && typeof config.projectId === 'string'
    ? { id: Number(config.buildId), project: { id: config.projectId } }
    : undefined);
  if (direct) return Promise.resolve(direct);
  const subscribe = config.onBuildChanged;
  if (typeof subscribe !== 'function') return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let first = true;
    void Promise.resolve(
      (subscribe as (cb: (build: unknown) => void) => unknown)((raw: unknown) => {
        const build = toBuildRef(raw);
        if (!build) return;
        if (first) {
          first = false;
          resolve(build);
        } else onChange?.(build);
      }),
    ).catch(() => resolve(undefined));
  });
}

type Obj = Record<string, unknown>;
const objOf = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const strOf = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** A Build (azure-devops-extension-api's shape) as the tab needs it; undefined when it is not one. */
export function toBuildRef(raw: unknown): BuildRef | undefined {
  const b = objOf(raw);
  const project = objOf(b?.project);
  const id = Number(b?.id);
  const projectId = strOf(project?.id);
  if (!b || !Number.isInteger(id) || id <= 0 || !projectId) return undefined;
  const repo = objOf(b.repository);
  const repoId = strOf(repo?.id);
  const optional = (key: string, v: unknown) => (strOf(v) ? { [key]: strOf(v) } : {});
  return {
    id,
    ...optional('buildNumber', b.buildNumber),
    project: { id: projectId, ...optional('name', project?.name) },
    ...(repo && repoId ? { repository: { id: repoId, ...optional('name', repo.name), ...optional('type', repo.type), ...optional('url', repo.url) } } : {}),
    ...optional('sourceVersion', b.sourceVersion),
    ...optional('sourceBranch', b.sourceBranch),
    ...(b.status !== undefined && b.status !== null ? { status: String(b.status) } : {}),
  };
}
