// Build results › Vigil: the run's verdict and its findings, read from the build's CodeAnalysisLogs
// artifact (so it works without the service). New findings first when the task compared the run with a
// baseline; the rest collapsed below.
import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card } from 'azure-devops-ui/Card';
import { Page } from 'azure-devops-ui/Page';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { type IStatusProps, Status, Statuses, StatusSize } from 'azure-devops-ui/Status';
import type { PipelineVerdict } from '../../service/contract/sarif-read';
import { SEVERITIES, SEVERITY_LABELS, type Severity } from '../../service/contract/vocabulary';
import { EmptyState } from '../common/EmptyState';
import { ErrorState } from '../common/ErrorState';
import { formatCount, shortSha } from '../common/format';
import { SeverityPill } from '../common/SeverityPill';
import type { ArtifactRead } from './build-artifacts';
import { BuildFindingsTable } from './BuildFindingsTable';
import { CODE_ANALYSIS_ARTIFACT, isNew, readBuildScan, UnreadableArtifactError, type BuildFindingRow, type BuildRef, type BuildScan } from './build-scan';

/** The YAML step that adds the scan to a pipeline (tasks/vigil-scan). */
export const TASK_SNIPPET = `- task: VigilScan@0
  inputs:
    failOn: high`;

export interface BuildResultsPageProps {
  build?: BuildRef;
  /** Reads the build's CodeAnalysisLogs artifact (build-artifacts.ts in the page; a fake in tests). */
  readArtifact: (build: BuildRef) => Promise<ArtifactRead>;
}

const STATUS_OF: Record<PipelineVerdict, IStatusProps> = {
  succeeded: Statuses.Success,
  succeededWithIssues: Statuses.Warning,
  failed: Statuses.Failed,
};

const atOrAbove = (s: Severity, limit: Severity | 'none') => limit !== 'none' && SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(limit);

/** The verdict in words: what failed the build, or why it passed. */
export function verdictText(scan: BuildScan): { title: string; detail?: string } {
  const counted = scan.findings.filter(isNew);
  const newWord = scan.hasBaseline ? 'new ' : '';
  if (scan.failOn === 'none') {
    return { title: `${scan.verdict === 'failed' ? 'Failed' : 'Passed'}: the scan never fails this build`, detail: `${formatCount(scan.findings.length, 'finding')} reported (fail-on is none).` };
  }
  const limit = SEVERITY_LABELS[scan.failOn];
  const failing = counted.filter((f) => atOrAbove(f.severity, scan.failOn)).length;
  if (scan.verdict === 'failed') {
    return { title: `Failed: ${formatCount(failing, `${newWord}finding`)} at or above ${limit}`, detail: failing ? undefined : 'The task failed the build; its SARIF names no finding at that level.' };
  }
  const below = counted.length - failing;
  return {
    title: `Passed: no ${newWord}finding at or above ${limit}`,
    detail: scan.findings.length ? `${formatCount(below, `${newWord}finding`)} below ${limit}${scan.hasBaseline ? `, ${formatCount(scan.findings.length - counted.length, 'finding')} already in the baseline` : ''}.` : undefined,
  };
}

function facts(build: BuildRef, scan: BuildScan): string[] {
  const tools = [...new Set(scan.runs.map((r) => (r.version ? `${r.tool} ${r.version}` : r.tool)))];
  return [
    ...(build.buildNumber ? [`Build ${build.buildNumber}`] : []),
    ...(build.sourceVersion ? [`commit ${shortSha(build.sourceVersion)}`] : []),
    tools.join(', '),
    formatCount(scan.files.length, 'SARIF file'),
    ...(scan.suppressed ? [`${scan.suppressed} suppressed`] : []),
    scan.verdictFromTask
      ? `verdict from the task (fail on ${failOnLabel(scan.failOn)})`
      : `verdict computed from the results (fail on ${failOnLabel(scan.failOn)})`,
    ...baselineFact(scan),
  ].filter(Boolean);
}

const failOnLabel = (failOn: BuildScan['failOn']): string => (failOn === 'none' ? 'none' : SEVERITY_LABELS[failOn]);

/** What the task compared with, when it said so. */
function baselineFact(scan: BuildScan): string[] {
  const said = scan.runs.find((r) => r.baseline)?.baseline;
  if (said === 'service') return ["baseline: the Vigil service's last results"];
  if (said === 'file') return ['baseline: a SARIF file'];
  if (said === 'none') return ['no baseline'];
  return [];
}

/** By severity, what the build introduces: every finding, or the new ones when there is a baseline. */
function SeverityCountsRow({ findings, label }: { findings: BuildFindingRow[]; label: string }): JSX.Element | null {
  const counts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  if (!counts.length) return null;
  return (
    <div className="flex-row flex-wrap rhythm-horizontal-8 vigil-build-counts" aria-label={label}>
      {counts.map(([s, n]) => (
        <SeverityPill key={s} severity={s} suffix={n} />
      ))}
    </div>
  );
}

function ScanDetails({ build, scan }: { build: BuildRef; scan: BuildScan }): JSX.Element {
  const [baselineCollapsed, setBaselineCollapsed] = React.useState(true);
  const verdict = verdictText(scan);
  const fresh = scan.hasBaseline ? scan.findings.filter(isNew) : scan.findings;
  const known = scan.hasBaseline ? scan.findings.filter((f) => !isNew(f)) : [];
  return (
    <>
      <Card className={`vigil-block vigil-build-verdict vigil-build-verdict-${scan.verdict}`} contentProps={{ className: 'flex-row flex-center' }}>
        <Status {...STATUS_OF[scan.verdict]} size={StatusSize.xl} className="flex-noshrink" />
        <div className="flex-column margin-left-16">
          <h2 className="title-m vigil-build-verdict-title" role="status">
            {verdict.title}
          </h2>
          {verdict.detail ? <p className="vigil-detail-text">{verdict.detail}</p> : null}
          <p className="secondary-text body-s">{facts(build, scan).join(' · ')}</p>
          <SeverityCountsRow findings={fresh} label={scan.hasBaseline ? 'New findings by severity' : 'Findings by severity'} />
        </div>
      </Card>
      {scan.findings.length === 0 ? (
        <EmptyState iconName="CheckMark" primaryText="No findings" secondaryText={`The scan of this build reported nothing${scan.suppressed ? ` (${scan.suppressed} suppressed)` : ''}.`} />
      ) : (
        <>
          <Card className="vigil-block vigil-build-new" titleProps={{ text: scan.hasBaseline ? `New in this build (${fresh.length})` : `Findings (${fresh.length})` }}>
            {fresh.length ? (
              <BuildFindingsTable findings={fresh} showBaseline={false} ariaLabel={scan.hasBaseline ? 'New findings in this build' : 'Findings in this build'} />
            ) : (
              <p className="vigil-detail-text">No new findings: everything the scan reported is already in the baseline.</p>
            )}
          </Card>
          {scan.hasBaseline ? (
            <Card
              className="vigil-block vigil-build-baseline"
              titleProps={{ text: `Already in the baseline (${known.length})` }}
              collapsible
              collapsed={baselineCollapsed}
              onCollapseClick={() => setBaselineCollapsed((c) => !c)}
            >
              {known.length ? <BuildFindingsTable findings={known} showBaseline ariaLabel="Findings already in the baseline" /> : <p className="vigil-detail-text">None.</p>}
            </Card>
          ) : null}
        </>
      )}
    </>
  );
}

/** Build.status, as a number (enumsAsNumbers) or a name: not completed yet. */
const RUNNING = new Set(['1', 'inprogress', '4', 'cancelling', '8', 'postponed', '32', 'notstarted']);
export const isRunning = (build: BuildRef): boolean => build.status !== undefined && RUNNING.has(build.status.toLowerCase());

function NotYet(): JSX.Element {
  return (
    <EmptyState
      iconName="Clock"
      primaryText="This run is still in progress"
      secondaryText={`Vigil's findings appear here once the scan step has published the ${CODE_ANALYSIS_ARTIFACT} artifact.`}
    />
  );
}

function NotRun(): JSX.Element {
  return (
    <EmptyState
      iconName="Shield"
      primaryText="Vigil did not run in this build"
      secondaryText={
        <div className="flex-column vigil-build-howto">
          <span>This build published no {CODE_ANALYSIS_ARTIFACT} artifact. Add the Vigil scan task to the pipeline to see its findings here:</span>
          <pre className="vigil-build-snippet">{TASK_SNIPPET}</pre>
        </div>
      }
    />
  );
}

export function BuildResultsPage({ build, readArtifact }: BuildResultsPageProps): JSX.Element {
  const q = useQuery({
    // The status too: a build that completes after the tab opened may have published its artifact since.
    queryKey: ['build-artifact', build?.project.id, build?.id, build?.status],
    queryFn: async () => {
      const read = await readArtifact(build!);
      return read.kind === 'missing' ? ({ kind: 'missing' } as const) : ({ kind: 'found', scan: readBuildScan(read.files, build!), empty: read.files.length === 0 } as const);
    },
    enabled: build !== undefined,
  });

  let body: React.ReactNode;
  if (!build) body = <EmptyState iconName="Build" primaryText="Could not tell which build this is" secondaryText="Open the tab from a pipeline run's page." />;
  else if (q.isError) {
    // A file that is not SARIF stays so: only a failed call is worth retrying.
    const retry = q.error instanceof UnreadableArtifactError ? undefined : () => void q.refetch();
    body = <ErrorState error={q.error} context={`Could not read the ${CODE_ANALYSIS_ARTIFACT} artifact`} onRetry={retry} className="vigil-block" />;
  }
  else if (!q.data) body = <Spinner size={SpinnerSize.large} label="Reading the scan results…" className="vigil-block" />;
  else if (q.data.kind === 'missing') body = isRunning(build) ? <NotYet /> : <NotRun />;
  else if (q.data.empty) body = <ErrorState error={`The ${CODE_ANALYSIS_ARTIFACT} artifact holds no .sarif file`} context="Could not read the scan results" className="vigil-block" />;
  else body = <ScanDetails build={build} scan={q.data.scan} />;

  return (
    <Page className="flex-grow vigil-page">
      <div className="flex-column flex-grow vigil-build-tab page-content page-content-top">{body}</div>
    </Page>
  );
}
