// One merged pull request in a side panel: each check's outcome with why and the evidence behind it (who
// approved when, which status or build proved the test), with links into Azure DevOps; what was recorded
// (reviewers and votes, builds, statuses) and what ADO could no longer give.
import * as React from 'react';
import { Icon } from 'azure-devops-ui/Icon';
import { Link } from 'azure-devops-ui/Link';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Panel } from 'azure-devops-ui/Panel';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { COMPLIANCE_CHECK_LABELS, type ComplianceCheckResultDto, type CompliancePullRequestDto } from '../../../service/contract/compliance-api';
import type { VigilApi } from '../api';
import { ErrorState } from '../ErrorState';
import { absoluteTime, safeHref } from '../format';
import { ComplianceOutcomePill } from './ComplianceOutcomePill';
import { shortBranch } from './compliance';
import { useCompliancePullRequest } from './queries';

export interface CompliancePullRequestPanelProps {
  api: VigilApi;
  pullRequest: CompliancePullRequestDto;
  onClose: () => void;
}

const VOTE_TEXT: Record<string, string> = { '10': 'Approved', '5': 'Approved with suggestions', '0': 'No vote', '-5': 'Waiting for author', '-10': 'Rejected' };

function ExternalLink({ href, children }: { href: string; children: React.ReactNode }): JSX.Element {
  return (
    <Link href={href} target="_blank" rel="noopener noreferrer" subtle={false}>
      {children}
      <Icon iconName="NavigateExternalInline" className="vigil-external-icon" ariaLabel="(opens in a new tab)" />
    </Link>
  );
}

function CheckResult({ result }: { result: ComplianceCheckResultDto }): JSX.Element {
  const why = result.reason ?? result.message;
  return (
    <li className="vigil-compliance-check flex-column" data-check={result.checkId}>
      <div className="flex-row flex-center rhythm-horizontal-8">
        <span className="font-weight-semibold flex-grow">{COMPLIANCE_CHECK_LABELS[result.checkId]}</span>
        <ComplianceOutcomePill outcome={result.outcome} />
      </div>
      {why ? <p className="vigil-detail-text">{why}</p> : null}
      {result.evidence.length ? (
        <dl className="vigil-history vigil-compliance-evidence" aria-label={`Evidence of ${COMPLIANCE_CHECK_LABELS[result.checkId]}`}>
          {result.evidence.map((e, i) => {
            const href = safeHref(e.url);
            return (
              <React.Fragment key={`${e.label}-${i}`}>
                <dt>{e.label}</dt>
                <dd>
                  {href ? <ExternalLink href={href}>{e.value || 'Open'}</ExternalLink> : <span>{e.value}</span>}
                  {e.at ? <span className="secondary-text body-s" title={absoluteTime(e.at)}>{` · ${absoluteTime(e.at)}`}</span> : null}
                </dd>
              </React.Fragment>
            );
          })}
        </dl>
      ) : null}
    </li>
  );
}

export function CompliancePullRequestPanel({ api, pullRequest: listed, onClose }: CompliancePullRequestPanelProps): JSX.Element {
  const detail = useCompliancePullRequest(api, listed.repositoryId, listed.pullRequestId);
  const pr = detail.data ?? listed;
  const prHref = safeHref(pr.url);
  return (
    <Panel
      onDismiss={onClose}
      titleProps={{ text: pr.title ?? `Pull request ${pr.pullRequestId}` }}
      description={`${pr.repositoryName ?? pr.repositoryId} · !${pr.pullRequestId} into ${shortBranch(pr.targetRef)} · completed ${absoluteTime(pr.closedAt)}`}
      footerButtonProps={[{ text: 'Close', onClick: onClose, primary: true }]}
      className="vigil-finding-panel vigil-compliance-panel"
    >
      <div className="vigil-finding-details flex-column">
        <div className="flex-row flex-center flex-wrap vigil-detail-facts rhythm-horizontal-8">
          <ComplianceOutcomePill outcome={pr.outcome} />
          {pr.labels.length ? <span className="secondary-text">Labels: {pr.labels.join(', ')}</span> : null}
          {pr.author ? <span className="secondary-text">Author: {pr.author}</span> : null}
          {prHref ? <ExternalLink href={prHref}>Open the pull request in Azure DevOps</ExternalLink> : null}
        </div>
        {pr.outcome === 'exempt' ? (
          <MessageCard className="vigil-block" severity={MessageCardSeverity.Warning}>
            Merged as an emergency change: review it after the fact.
          </MessageCard>
        ) : null}
        <section className="vigil-detail-section" aria-label="Checks">
          <h3 className="vigil-detail-heading">Checks</h3>
          <ul className="vigil-compliance-checks">
            {pr.checks.map((c) => (
              <CheckResult key={c.checkId} result={c} />
            ))}
          </ul>
        </section>
        {detail.isLoading ? <Spinner size={SpinnerSize.medium} label="Loading the recorded evidence…" /> : null}
        {detail.error ? <ErrorState error={detail.error} context="Could not load the recorded evidence" onRetry={() => void detail.refetch()} /> : null}
        {detail.data ? (
          <>
            {detail.data.unavailable.length ? (
              <section className="vigil-detail-section" aria-label="Not available">
                <h3 className="vigil-detail-heading">What Azure DevOps could not give</h3>
                <ul>
                  {detail.data.unavailable.map((u) => (
                    <li key={u.facet}>
                      <span className="font-weight-semibold">{u.facet}</span>: {u.reason}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            <section className="vigil-detail-section" aria-label="Reviewers">
              <h3 className="vigil-detail-heading">Reviewers</h3>
              {detail.data.reviewers.length ? (
                <ul>
                  {detail.data.reviewers.map((r, i) => (
                    <li key={`${r.name}-${i}`}>
                      {r.name}
                      {r.isContainer ? ' (group)' : ''}: {VOTE_TEXT[String(r.vote)] ?? r.vote}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="vigil-detail-text secondary-text">No reviewer was recorded.</p>
              )}
            </section>
            <section className="vigil-detail-section" aria-label="Builds and statuses">
              <h3 className="vigil-detail-heading">Builds and statuses</h3>
              <ul>
                {detail.data.builds.map((b) => {
                  const href = safeHref(b.url);
                  const text = `Build ${b.buildId}${b.name ? ` (${b.name})` : ''}: ${b.gone ? 'deleted by retention' : (b.result ?? 'no result')}`;
                  return <li key={`b-${b.buildId}`}>{href ? <ExternalLink href={href}>{text}</ExternalLink> : text}</li>;
                })}
                {detail.data.statuses.map((s, i) => {
                  const href = safeHref(s.url);
                  const text = `Status ${s.context}: ${s.state}`;
                  return <li key={`s-${s.context}-${i}`}>{href ? <ExternalLink href={href}>{text}</ExternalLink> : text}</li>;
                })}
                {!detail.data.builds.length && !detail.data.statuses.length ? <li className="secondary-text">None recorded.</li> : null}
              </ul>
            </section>
            {detail.data.collectedAt ? <p className="secondary-text body-s">Recorded by Vigil {absoluteTime(detail.data.collectedAt)}.</p> : null}
          </>
        ) : null}
      </div>
    </Panel>
  );
}
