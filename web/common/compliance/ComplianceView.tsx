// The Compliance tab of a scope (organization, or one project): the collection's state, the period, each
// check's pass rate with a link to its failing pull requests, the merged pull requests with the five
// outcomes (filters: project, repository, outcome, check), the emergency changes for after-the-fact
// review, the production branches, a pull request's evidence in a panel, and the auditor's export.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { ButtonGroup } from 'azure-devops-ui/ButtonGroup';
import { Card } from 'azure-devops-ui/Card';
import { DropdownFilterBarItem } from 'azure-devops-ui/Dropdown';
import { FilterBar } from 'azure-devops-ui/FilterBar';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { Filter, FILTER_CHANGE_EVENT, type IFilterState } from 'azure-devops-ui/Utilities/Filter';
import { DropdownMultiSelection, DropdownSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import {
  COMPLIANCE_CHECK_IDS,
  COMPLIANCE_CHECK_LABELS,
  COMPLIANCE_OUTCOME_LABELS,
  COMPLIANCE_OUTCOMES,
  type ComplianceCheckId,
  type ComplianceCheckSummary,
  type ComplianceOutcome,
  type CompliancePullRequestDto,
  type ComplianceSummaryDto,
} from '../../../service/contract/compliance-api';
import type { ComplianceQuery, DownloadedFile, VigilApi } from '../api';
import { saveWithBrowser } from '../DependenciesView';
import { EmptyState } from '../EmptyState';
import { ErrorState } from '../ErrorState';
import { absoluteTime, formatCount, formatDay, relativeTime } from '../format';
import { LoadMore } from '../LoadMore';
import { ComplianceOutcomePill } from './ComplianceOutcomePill';
import { CompliancePullRequestPanel } from './CompliancePullRequestPanel';
import { CompliancePullRequestsTable } from './CompliancePullRequestsTable';
import { countsText, passRateText, PERIOD_LABELS, periodFrom, PERIODS, shortBranch, type Period } from './compliance';
import { useComplianceBranches, useCompliancePullRequests, useComplianceRepositories, useComplianceSummary } from './queries';
import './compliance.css';

export interface ComplianceViewProps {
  api: VigilApi;
  /** A project id: only that project's pull requests (the project settings hub). */
  project?: string;
  /** Supply one to set filters from outside (tests, links); otherwise one is made. */
  filter?: Filter;
  now?: number;
  /** Saves an export (the browser's download by default). */
  save?: (file: DownloadedFile) => void;
}

export const COMPLIANCE_FILTER_KEYS = { project: 'project', repository: 'repository', outcome: 'outcome', check: 'check' } as const;

function values(state: IFilterState, key: string): string[] {
  const v = state[key]?.value;
  return Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)];
}

/** The API query a filter state and period ask for, within a scope (the page's project wins). */
export function complianceQuery(state: IFilterState, period: Period, project: string | undefined, now?: number): ComplianceQuery {
  const pick = <T extends string>(key: string, allowed: readonly T[]): T[] | undefined => {
    const chosen = values(state, key);
    const kept = allowed.filter((a) => chosen.includes(a));
    return kept.length ? kept : undefined;
  };
  return {
    from: periodFrom(period, now),
    project: project ?? values(state, COMPLIANCE_FILTER_KEYS.project)[0],
    repository: values(state, COMPLIANCE_FILTER_KEYS.repository)[0],
    outcome: pick<ComplianceOutcome>(COMPLIANCE_FILTER_KEYS.outcome, COMPLIANCE_OUTCOMES),
    check: pick<ComplianceCheckId>(COMPLIANCE_FILTER_KEYS.check, COMPLIANCE_CHECK_IDS),
  };
}

function CollectionStatus({ summary, now }: { summary: ComplianceSummaryDto; now?: number }): JSX.Element {
  const c = summary.collection;
  return (
    <div className="flex-column vigil-compliance-collection">
      {c.state === 'running' ? (
        <span className="flex-row flex-center vigil-compliance-running">
          <Spinner size={SpinnerSize.small} />
          <span className="secondary-text">Collecting merged pull requests and their evidence… this page updates as it goes.</span>
        </span>
      ) : c.state === 'never' ? (
        <span className="secondary-text">Not collected yet: Vigil collects merged pull requests after connecting and then daily.</span>
      ) : (
        <span title={absoluteTime(c.finishedAt)}>
          <span className="font-weight-semibold">{c.state === 'failed' ? 'The last collection failed' : `Last collected ${relativeTime(c.finishedAt, now)}`}</span>
          <span className="secondary-text">{` · ${formatCount(c.pullRequests, 'merged pull request')} recorded${c.collectedFrom ? ` since ${formatDay(c.collectedFrom.slice(0, 10))}` : ''}`}</span>
        </span>
      )}
      {c.error ? (
        <MessageCard className="vigil-block vigil-compliance-error" severity={MessageCardSeverity.Error}>
          {c.error}
        </MessageCard>
      ) : null}
      {c.warnings.length ? (
        <MessageCard className="vigil-block vigil-compliance-warnings" severity={MessageCardSeverity.Warning}>
          <div className="flex-column">
            <span className="font-weight-semibold">{formatCount(c.warnings.length, 'warning')} from the last collection</span>
            <ul className="vigil-compliance-warning-list">
              {c.warnings.slice(0, 10).map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </div>
        </MessageCard>
      ) : null}
    </div>
  );
}

function CheckCard({ check, branches, onShowFailing }: { check: ComplianceCheckSummary; branches?: Record<ComplianceOutcome, number>; onShowFailing: () => void }): JSX.Element {
  const failing = check.counts.fail;
  // The branch check judges branches; without per-pull-request results its figures are the branches' now.
  const ofBranches = Boolean(branches && COMPLIANCE_OUTCOMES.every((o) => branches[o] === check.counts[o]));
  const judgedBranches = check.counts.pass + check.counts.fail;
  return (
    <li className="vigil-compliance-check-card flex-column" data-check={check.checkId}>
      <span className="vigil-compliance-check-name font-weight-semibold">{COMPLIANCE_CHECK_LABELS[check.checkId]}</span>
      <span className={`vigil-compliance-rate${check.passRate === null ? ' none' : check.passRate < 1 ? ' short' : ''}`} aria-label={`Pass rate ${passRateText(check.passRate)}`}>
        {passRateText(check.passRate)}
      </span>
      {ofBranches ? (
        <span className="secondary-text body-s">{`${check.counts.pass} of ${formatCount(judgedBranches, 'production branch', 'production branches')} require it now`}</span>
      ) : (
        <span className="secondary-text body-s">{countsText(check.counts)}</span>
      )}
      {failing && !ofBranches ? (
        <Button className="vigil-compliance-failing-link" subtle text={`${formatCount(failing, 'failing pull request')}`} onClick={onShowFailing} />
      ) : null}
    </li>
  );
}

function useSaveExport(api: VigilApi, query: ComplianceQuery, save: (file: DownloadedFile) => void) {
  const [busy, setBusy] = React.useState<'csv' | 'json'>();
  const [error, setError] = React.useState<unknown>();
  const run = async (format: 'csv' | 'json') => {
    setBusy(format);
    setError(undefined);
    try {
      save(await api.exportCompliance(query, format));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  };
  return { busy, error, clearError: () => setError(undefined), run };
}

export function ComplianceView({ api, project, filter: given, now, save = saveWithBrowser }: ComplianceViewProps): JSX.Element {
  const filter = React.useMemo(() => given ?? new Filter(), [given]);
  const [period, setPeriod] = React.useState<Period>('90');
  const [state, setState] = React.useState<IFilterState>(() => filter.getState());
  React.useEffect(() => {
    const update = () => setState({ ...filter.getState() });
    update();
    filter.subscribe(update, FILTER_CHANGE_EVENT);
    return () => filter.unsubscribe(update, FILTER_CHANGE_EVENT);
  }, [filter]);
  const query = React.useMemo(() => complianceQuery(state, period, project, now), [state, period, project, now]);
  const scope = React.useMemo(() => ({ from: query.from, project: query.project, repository: query.repository }), [query.from, query.project, query.repository]);

  const summary = useComplianceSummary(api, query);
  const list = useCompliancePullRequests(api, query);
  const emergency = useCompliancePullRequests(api, { ...scope, emergency: true }, 20);
  const branches = useComplianceBranches(api, scope);
  const repositories = useComplianceRepositories(api, project);
  const exporter = useSaveExport(api, query, save);
  const [selected, setSelected] = React.useState<CompliancePullRequestDto>();

  const selections = React.useMemo(
    () => ({ project: new DropdownSelection(), repository: new DropdownSelection(), outcome: new DropdownMultiSelection(), check: new DropdownMultiSelection() }),
    [],
  );
  const showFailing = (checkId: ComplianceCheckId) => {
    filter.setFilterItemState(COMPLIANCE_FILTER_KEYS.check, { value: [checkId] });
    filter.setFilterItemState(COMPLIANCE_FILTER_KEYS.outcome, { value: ['fail'] });
  };

  if (summary.isLoading) return <Spinner size={SpinnerSize.large} label="Loading compliance…" className="vigil-block" />;
  if (summary.error && !summary.data) return <ErrorState error={summary.error} context="Could not load compliance" onRetry={() => void summary.refetch()} className="vigil-block" />;
  const s = summary.data!;
  const repos = repositories.data?.items ?? [];
  const projects = [...new Map(repos.map((r) => [r.projectId, r.projectName])).entries()].map(([id, text]) => ({ id, text }));
  const repoOptions = repos.filter((r) => !query.project || r.projectId === query.project).map((r) => ({ id: r.repositoryId, text: project ? r.repositoryName : `${r.projectName} / ${r.repositoryName}` }));
  const narrowed = Boolean(query.outcome || query.check || query.repository || (query.project && !project));

  return (
    <div className="flex-column flex-grow vigil-compliance-view">
      <div className="flex-row flex-center flex-wrap vigil-compliance-status">
        <CollectionStatus summary={s} now={now} />
        <div className="flex-row flex-center rhythm-horizontal-8 vigil-compliance-actions">
          <Button text={exporter.busy === 'csv' ? 'Preparing…' : 'Export CSV'} iconProps={{ iconName: 'Download' }} disabled={Boolean(exporter.busy)} onClick={() => void exporter.run('csv')} />
          <Button text={exporter.busy === 'json' ? 'Preparing…' : 'Export JSON'} iconProps={{ iconName: 'Download' }} disabled={Boolean(exporter.busy)} onClick={() => void exporter.run('json')} />
        </div>
      </div>
      {exporter.error !== undefined ? <ErrorState error={exporter.error} context="Could not export" onDismiss={exporter.clearError} className="vigil-block" /> : null}

      <div className="flex-row flex-center flex-wrap vigil-compliance-period" role="group" aria-label="Period">
        <ButtonGroup>
          {PERIODS.map((p) => (
            <Button key={p} text={PERIOD_LABELS[p]} primary={p === period} ariaPressed={p === period} onClick={() => setPeriod(p)} />
          ))}
        </ButtonGroup>
        <span className="secondary-text">
          {`Merged ${formatDay(s.from)} – ${formatDay(s.to)} · ${formatCount(s.pullRequests, 'pull request')}${s.emergency ? ` · ${s.emergency} emergency` : ''}`}
        </span>
      </div>

      <ul className="vigil-compliance-checks-summary" aria-label="Pass rate per check">
        {s.checks.map((c) => (
          <CheckCard key={c.checkId} check={c} branches={c.checkId === 'CMP-BRANCH-APPROVAL' ? s.branches : undefined} onShowFailing={() => showFailing(c.checkId)} />
        ))}
      </ul>

      <div className="vigil-filter-bar vigil-compliance-filter-bar">
        <FilterBar filter={filter}>
          {project ? null : (
            <DropdownFilterBarItem filterItemKey={COMPLIANCE_FILTER_KEYS.project} filter={filter} items={projects} selection={selections.project} placeholder="Project" showFilterBox />
          )}
          <DropdownFilterBarItem filterItemKey={COMPLIANCE_FILTER_KEYS.repository} filter={filter} items={repoOptions} selection={selections.repository} placeholder="Repository" showFilterBox />
          <DropdownFilterBarItem
            filterItemKey={COMPLIANCE_FILTER_KEYS.outcome}
            filter={filter}
            items={COMPLIANCE_OUTCOMES.map((o) => ({ id: o, text: COMPLIANCE_OUTCOME_LABELS[o] }))}
            selection={selections.outcome}
            placeholder="Outcome"
          />
          <DropdownFilterBarItem
            filterItemKey={COMPLIANCE_FILTER_KEYS.check}
            filter={filter}
            items={COMPLIANCE_CHECK_IDS.map((c) => ({ id: c, text: COMPLIANCE_CHECK_LABELS[c] }))}
            selection={selections.check}
            placeholder="Check"
          />
        </FilterBar>
      </div>

      {list.error ? <ErrorState error={list.error} context="Could not load the pull requests" onRetry={list.retry} className="vigil-block" /> : null}
      {list.loading ? (
        <Spinner size={SpinnerSize.large} label="Loading pull requests…" className="vigil-block" />
      ) : list.items.length === 0 ? (
        list.error ? null : narrowed ? (
          <EmptyState iconName="Filter" primaryText="No pull requests match these filters" secondaryText="Clear or change the filters to see more." />
        ) : (
          <EmptyState iconName="BranchPullRequest" primaryText="No merged pull requests in this period" secondaryText="Pull requests completed into a production branch appear here with the outcome of each check." />
        )
      ) : (
        <>
          <div className="vigil-list-summary secondary-text body-s" aria-live="polite">
            {formatCount(list.total, 'merged pull request')}
          </div>
          <Card className="bolt-table-card vigil-table-card" contentProps={{ contentPadding: false }}>
            <CompliancePullRequestsTable pullRequests={list.items} onActivate={setSelected} />
          </Card>
          <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoad={list.loadMore} />
        </>
      )}

      <Card className="vigil-block vigil-compliance-emergency" titleProps={{ text: `Emergency changes (${emergency.total})` }}>
        <div className="flex-column flex-grow">
          <p className="vigil-detail-text secondary-text">Merged with the emergency label: exempt from the checks, listed here for after-the-fact review.</p>
          {emergency.error ? <ErrorState error={emergency.error} context="Could not load the emergency changes" onRetry={emergency.retry} /> : null}
          {emergency.items.length ? (
            <ul className="vigil-compliance-emergency-list">
              {emergency.items.map((pr) => (
                <li key={`${pr.repositoryId}-${pr.pullRequestId}`} className="flex-row flex-center rhythm-horizontal-8">
                  <Button subtle text={pr.title ?? `Pull request ${pr.pullRequestId}`} onClick={() => setSelected(pr)} />
                  <span className="secondary-text body-s">{`${pr.repositoryName ?? pr.repositoryId} · !${pr.pullRequestId} · ${formatDay(pr.closedAt.slice(0, 10))}${pr.author ? ` · ${pr.author}` : ''}`}</span>
                </li>
              ))}
            </ul>
          ) : emergency.loading ? null : (
            <span className="secondary-text">None in this period.</span>
          )}
          <LoadMore hasMore={emergency.hasMore} loading={emergency.loadingMore} onLoad={emergency.loadMore} />
        </div>
      </Card>

      <Card className="vigil-block vigil-compliance-branches" titleProps={{ text: 'Production branches' }}>
        <div className="flex-column flex-grow">
          <p className="vigil-detail-text secondary-text">Whether each production branch requires an approval by someone other than the author, now.</p>
          {branches.error ? <ErrorState error={branches.error} context="Could not load the branches" onRetry={() => void branches.refetch()} /> : null}
          {branches.data?.items.length ? (
            <ul className="vigil-compliance-branch-list">
              {branches.data.items.map((b) => (
                <li key={`${b.repositoryId}-${b.branch}`} className="flex-row flex-center rhythm-horizontal-8" title={b.result.message ?? b.result.reason}>
                  <ComplianceOutcomePill outcome={b.result.outcome} />
                  <span>{`${b.repositoryName ?? b.repositoryId}`}</span>
                  <code>{shortBranch(b.branch)}</code>
                  {b.result.message ? <span className="secondary-text body-s text-ellipsis">{b.result.message}</span> : null}
                </li>
              ))}
            </ul>
          ) : branches.isLoading ? null : (
            <span className="secondary-text">No production branch judged yet.</span>
          )}
        </div>
      </Card>

      {selected ? <CompliancePullRequestPanel api={api} pullRequest={selected} onClose={() => setSelected(undefined)} /> : null}
    </div>
  );
}
