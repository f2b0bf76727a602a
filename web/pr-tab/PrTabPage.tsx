// Pull request > Security tab: the gate's verdict on this pull request, the findings it adds (with
// their lines and Vigil's comment threads), then the findings already in the files it touches
// (collapsed), and behind a link the repository's open findings on its default branch.
import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { Page } from 'azure-devops-ui/Page';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { type IStatusProps, Status, Statuses, StatusSize } from 'azure-devops-ui/Status';
import type { PullRequestSecurityDto } from '../../service/contract/events-api';
import { SEVERITY_LABELS } from '../../service/contract/vocabulary';
import { ApiError, type VigilApi } from '../common/api';
import { ConnectedGate } from '../common/ConnectedGate';
import { EmptyState } from '../common/EmptyState';
import { ErrorState } from '../common/ErrorState';
import { formatCount, relativeTime, shortSha } from '../common/format';
import { POLL_MS } from '../common/queries';
import { RepositorySecurityView } from '../common/RepositorySecurityView';
import { gateVerdict, notSeenVerdict, type Verdict, type VerdictKind } from './gate-verdict';
import { PullRequestFindingsTable } from './PullRequestFindingsTable';

export interface PullRequestContext {
  pullRequestId?: number;
  repository?: { id: string; name: string };
}

/**
 * Reads the tab's configuration. ADO documents PullRequestTabExtensionConfig {pullRequestId, repositoryId};
 * that the new SDK hands exactly this shape to ms.vss-code-web.pr-tabs is UNVERIFIED, so nested
 * shapes ({pullRequest: {...}}) are accepted too.
 */
export function pullRequestFromConfiguration(config: Record<string, unknown>): { pullRequestId?: number; repositoryId?: string } {
  const nested = (config.pullRequest ?? {}) as Record<string, unknown>;
  const nestedRepo = (nested.repository ?? {}) as Record<string, unknown>;
  const id = Number(config.pullRequestId ?? nested.pullRequestId);
  const repositoryId = config.repositoryId ?? nestedRepo.id ?? (config.repository as Record<string, unknown> | undefined)?.id;
  return {
    pullRequestId: Number.isInteger(id) && id > 0 ? id : undefined,
    repositoryId: typeof repositoryId === 'string' && repositoryId ? repositoryId : undefined,
  };
}

const isNotSeen = (error: unknown): boolean => error instanceof ApiError && error.status === 404 && /pull-request-not-seen$/.test(error.problem?.type ?? '');

const STATUS_OF: Record<VerdictKind, IStatusProps> = {
  passed: Statuses.Success,
  failed: Statuses.Failed,
  scanning: Statuses.Running,
  error: Statuses.Warning,
  'not-scanned': Statuses.Waiting,
};

const branchName = (ref: string): string => ref.replace(/^refs\/heads\//, '');

export interface PrTabPageProps {
  api: VigilApi;
  context: PullRequestContext;
  /** For stable relative times in tests. */
  now?: number;
}

export function PrTabPage({ api, context, now }: PrTabPageProps): JSX.Element {
  const { repository, pullRequestId } = context;
  return (
    <Page className="flex-grow vigil-page">
      <div className="flex-column flex-grow vigil-pr-tab page-content page-content-top">
        {repository && pullRequestId ? (
          <ConnectedGate api={api}>
            {(me) => <PullRequestGate api={api} repository={repository} pullRequestId={pullRequestId} canDismiss={me.isOrgAdmin} now={now} />}
          </ConnectedGate>
        ) : (
          <EmptyState
            iconName="BranchPullRequest"
            primaryText="Could not tell which pull request this is"
            secondaryText="Open the repository's Security page under Repos instead."
          />
        )}
      </div>
    </Page>
  );
}

interface PullRequestGateProps {
  api: VigilApi;
  repository: { id: string; name: string };
  pullRequestId: number;
  canDismiss: boolean;
  now?: number;
}

function PullRequestGate({ api, repository, pullRequestId, canDismiss, now }: PullRequestGateProps): JSX.Element {
  const q = useQuery({
    queryKey: ['pull-request-security', repository.id, pullRequestId],
    queryFn: () => api.pullRequestSecurity(repository.id, pullRequestId),
    // While a scan is queued or running, and while Vigil has not seen the pull request yet: the verdict comes by itself.
    refetchInterval: (data) => (!data || data.latestScan?.state === 'queued' || data.latestScan?.state === 'running' ? POLL_MS : false),
  });
  const [showRepository, setShowRepository] = React.useState(false);

  let body: React.ReactNode;
  if (q.data) body = <GateDetails dto={q.data} now={now} />;
  else if (q.isError && isNotSeen(q.error)) body = <VerdictCard verdict={notSeenVerdict()} />;
  else if (q.isError) body = <ErrorState error={q.error} context="Could not load this pull request's security check" onRetry={() => void q.refetch()} className="vigil-block" />;
  else body = <Spinner size={SpinnerSize.large} label="Loading the security check…" className="vigil-block" />;

  return (
    <div className="flex-column flex-grow">
      {body}
      <div className="vigil-block">
        <Button
          text={showRepository ? `Hide the open findings of ${repository.name}` : `Show all open findings of ${repository.name} (default branch)`}
          iconProps={{ iconName: showRepository ? 'ChevronUp' : 'ChevronDown' }}
          subtle
          onClick={() => setShowRepository((v) => !v)}
        />
      </div>
      {showRepository ? <RepositorySecurityView api={api} repository={repository} canDismiss={canDismiss} now={now} /> : null}
    </div>
  );
}

function VerdictCard({ verdict, facts }: { verdict: Verdict; facts?: string[] }): JSX.Element {
  return (
    <Card className={`vigil-block vigil-pr-verdict vigil-pr-verdict-${verdict.kind}`} contentProps={{ className: 'flex-row flex-center' }}>
      <Status {...STATUS_OF[verdict.kind]} size={StatusSize.xl} animated={verdict.kind === 'scanning'} className="flex-noshrink" />
      <div className="flex-column margin-left-16">
        <h2 className="title-m vigil-pr-verdict-title" role="status">
          {verdict.title}
        </h2>
        {verdict.detail ? <p className="vigil-detail-text">{verdict.detail}</p> : null}
        {facts?.length ? <p className="secondary-text body-s vigil-pr-facts">{facts.join(' · ')}</p> : null}
      </div>
    </Card>
  );
}

/** What the gate is and where the verdict comes from, in one line. */
function gateFacts(dto: PullRequestSecurityDto, now?: number): string[] {
  const scan = dto.latestScan;
  const facts = [
    `Gate: ${SEVERITY_LABELS[dto.gate.severity]} and above (${dto.gate.source === 'repository' ? "this repository's setting" : 'organization setting'})`,
    `${branchName(dto.pullRequest.sourceRef)} → ${branchName(dto.pullRequest.targetRef)}`,
  ];
  if (scan?.iterationId) facts.push(`iteration ${scan.iterationId}`);
  if (scan?.sourceCommit) facts.push(`commit ${shortSha(scan.sourceCommit)}`);
  if (scan?.filesChanged !== undefined) facts.push(formatCount(scan.filesChanged, 'file changed', 'files changed'));
  if (scan?.finishedAt) facts.push(`scanned ${relativeTime(scan.finishedAt, now)}`);
  if (!dto.comments) facts.push('comments off');
  return facts;
}

function GateDetails({ dto, now }: { dto: PullRequestSecurityDto; now?: number }): JSX.Element {
  const scan = dto.latestScan;
  const verdict = gateVerdict(dto);
  const [existingCollapsed, setExistingCollapsed] = React.useState(true);
  const gateChanged = scan?.gateSeverity && scan.gateSeverity !== dto.gate.severity;
  return (
    <>
      <VerdictCard verdict={verdict} facts={gateFacts(dto, now)} />
      {gateChanged ? (
        <p className="secondary-text body-s vigil-pr-gate-changed">
          The gate is now {SEVERITY_LABELS[dto.gate.severity]} and above; this verdict was given at {SEVERITY_LABELS[scan.gateSeverity!]}. It applies from the next scan.
        </p>
      ) : null}
      {scan && scan.state === 'done' ? (
        <>
          <Card className="vigil-block vigil-pr-new" titleProps={{ text: `New in this pull request (${scan.newFindings.length})` }}>
            {scan.newFindings.length ? (
              <PullRequestFindingsTable findings={scan.newFindings} showThreads commentsOff={!dto.comments} ariaLabel="New findings in this pull request" />
            ) : (
              <p className="vigil-detail-text">No new findings: nothing this pull request adds or changes has a finding.</p>
            )}
          </Card>
          <Card
            className="vigil-block vigil-pr-existing"
            titleProps={{ text: `Existing findings in files this pull request touches (${scan.existingFindings.length})` }}
            collapsible
            collapsed={existingCollapsed}
            onCollapseClick={() => setExistingCollapsed((c) => !c)}
          >
            <div className="flex-column flex-grow">
              <p className="secondary-text body-s">Already on {branchName(dto.pullRequest.targetRef)} or not on a line this pull request changes: they do not fail the gate and get no comment.</p>
              {scan.existingFindings.length ? (
                <PullRequestFindingsTable findings={scan.existingFindings} ariaLabel="Existing findings in files this pull request touches" />
              ) : (
                <p className="vigil-detail-text">None.</p>
              )}
            </div>
          </Card>
        </>
      ) : null}
    </>
  );
}
