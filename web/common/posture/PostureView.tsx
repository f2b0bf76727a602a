// The Posture tab of a scope (organization, or one project): last assessment and "Assess now", a
// banner for the areas that could not be assessed, the figures at a glance, what changed, the
// controls with their filters, and a control's panel.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { DropdownFilterBarItem } from 'azure-devops-ui/Dropdown';
import { FilterBar } from 'azure-devops-ui/FilterBar';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { Filter, FILTER_CHANGE_EVENT, type IFilterState } from 'azure-devops-ui/Utilities/Filter';
import { DropdownMultiSelection, DropdownSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import type { PostureAreaStatus, PostureControlDto, PostureSummary } from '../../../service/contract/api';
import {
  POSTURE_AREA_LABELS,
  POSTURE_AREAS,
  POSTURE_CONTROL_OUTCOMES,
  SEVERITIES,
  SEVERITY_LABELS,
  type PostureArea,
  type PostureControlOutcome,
  type Severity,
} from '../../../service/contract/vocabulary';
import type { PostureControlsFilter, VigilApi } from '../api';
import { EmptyState } from '../EmptyState';
import { ErrorState } from '../ErrorState';
import { absoluteTime, formatCount, formatDuration, relativeTime } from '../format';
import { PostureAreaSummary } from './PostureAreaSummary';
import { PostureChanges } from './PostureChanges';
import { PostureControlPanel } from './PostureControlPanel';
import { PostureControlsTable } from './PostureControlsTable';
import { areaProblemText, byAttention, CONTROL_OUTCOME_LABELS } from './posture';
import { useAssessPosture, useHasPreviousAssessment, usePostureControls, usePostureSummary } from './queries';
import './posture.css';

export interface PostureViewProps {
  api: VigilApi;
  /** A project id: only that project's objects (the project settings hub). */
  project?: string;
  /** Organization administrators start assessments and exempt objects (the service checks again). */
  isOrgAdmin: boolean;
  /** Supply one to set initial values from outside (tests, deep links); otherwise one is made. */
  filter?: Filter;
  now?: number;
}

export const POSTURE_FILTER_KEYS = { severity: 'severity', area: 'area', outcome: 'outcome', project: 'project', exempted: 'exempted' } as const;

const TRIGGER_TEXT = { connect: 'after connecting', schedule: 'scheduled', manual: 'started by hand' } as const;

function values(state: IFilterState, key: string): string[] {
  const v = state[key]?.value;
  return Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)];
}

/** The API filter a filter state asks for, within a scope (the page's project wins). */
export function postureFilter(state: IFilterState, project: string | undefined): PostureControlsFilter {
  const pick = <T extends string>(key: string, allowed: readonly T[]): T[] | undefined => {
    const chosen = values(state, key);
    const kept = allowed.filter((a) => chosen.includes(a));
    return kept.length ? kept : undefined;
  };
  const exempted = values(state, POSTURE_FILTER_KEYS.exempted)[0];
  return {
    project: project ?? values(state, POSTURE_FILTER_KEYS.project)[0],
    severity: pick<Severity>(POSTURE_FILTER_KEYS.severity, SEVERITIES),
    area: pick<PostureArea>(POSTURE_FILTER_KEYS.area, POSTURE_AREAS),
    outcome: pick<PostureControlOutcome>(POSTURE_FILTER_KEYS.outcome, POSTURE_CONTROL_OUTCOMES),
    exempted: exempted === 'yes' ? true : exempted === 'no' ? false : undefined,
  };
}

const NO_CONTROLS: PostureControlDto[] = [];
const sortedCache = new WeakMap<PostureControlDto[], PostureControlDto[]>();
/** The service lists controls in catalog order; the table puts what needs attention first. */
function sorted(items: PostureControlDto[] | undefined): PostureControlDto[] {
  if (!items) return NO_CONTROLS;
  let out = sortedCache.get(items);
  if (!out) sortedCache.set(items, (out = [...items].sort(byAttention)));
  return out;
}

const isNarrowed = (f: PostureControlsFilter, project: string | undefined) =>
  Boolean(f.severity || f.area || f.outcome || f.exempted !== undefined || (f.project && !project));

/** The areas that could not be read, grouped by the PAT scope each lacks, with what to do about it. */
function NotAvailableBanner({ areas, isOrgAdmin }: { areas: PostureAreaStatus[]; isOrgAdmin: boolean }): JSX.Element {
  const byScope = new Map<string, { label: string; scope: string; areas: string[] }>();
  for (const a of areas) {
    if (!a.missingScope) continue;
    const group = byScope.get(a.missingScope.scope) ?? { ...a.missingScope, areas: [] };
    group.areas.push(a.label);
    byScope.set(a.missingScope.scope, group);
  }
  const otherwise = areas.filter((a) => !a.missingScope);
  return (
    <MessageCard className="vigil-block vigil-posture-banner" severity={MessageCardSeverity.Warning}>
      <div className="flex-column">
        <span className="font-weight-semibold">
          {areas.length === 1
            ? `${areas[0].label} could not be assessed: its controls are not available, neither passing nor failing.`
            : `${areas.length} areas could not be assessed: their controls are not available, neither passing nor failing.`}
        </span>
        <ul className={`vigil-posture-banner-list${byScope.size + otherwise.length > 4 ? ' vigil-posture-banner-columns' : ''}`}>
          {[...byScope.values()].map((g) => (
            <li key={g.scope}>
              The PAT lacks <span className="font-weight-semibold">{g.label}</span> <code className="vigil-posture-scope">{g.scope}</code>: {g.areas.join(', ')}
            </li>
          ))}
          {otherwise.map((a) => (
            <li key={a.area}>
              <span className="font-weight-semibold">{a.label}</span>: {areaProblemText(a)}
            </li>
          ))}
        </ul>
        {byScope.size ? (
          <span>
            {`Add ${byScope.size === 1 ? 'this scope' : 'these scopes'} to the PAT${isOrgAdmin ? ', reconnect, then assess again.' : ' (an organization administrator reconnects Vigil).'}`}
          </span>
        ) : null}
      </div>
    </MessageCard>
  );
}

function AssessmentStatus({
  summary,
  isOrgAdmin,
  onAssess,
  assessing,
  now,
}: {
  summary: PostureSummary;
  isOrgAdmin: boolean;
  onAssess: () => void;
  assessing: boolean;
  now?: number;
}): JSX.Element {
  const last = summary.lastAssessment;
  const at = last?.finishedAt ?? last?.startedAt;
  return (
    <div className="flex-row flex-center flex-wrap vigil-posture-status">
      <div className="flex-column flex-grow vigil-posture-status-text">
        {last ? (
          <span title={absoluteTime(at)}>
            <span className="font-weight-semibold">Last assessed {relativeTime(at, now)}</span>
            <span className="secondary-text">
              {` · ${TRIGGER_TEXT[last.trigger] ?? last.trigger}${last.durationMs !== undefined ? ` · took ${formatDuration(last.durationMs)}` : ''} · ${formatCount(last.controls, 'control')}`}
            </span>
          </span>
        ) : null}
        {summary.inProgress ? (
          <span className="flex-row flex-center vigil-posture-running">
            <Spinner size={SpinnerSize.small} />
            <span className="secondary-text">Assessing the organization now; this page updates when it ends.</span>
          </span>
        ) : null}
      </div>
      {isOrgAdmin ? (
        <Button
          className="vigil-posture-assess"
          text={summary.inProgress ? 'Assessing…' : assessing ? 'Queuing…' : 'Assess now'}
          iconProps={{ iconName: 'Play' }}
          disabled={summary.inProgress || assessing}
          onClick={onAssess}
        />
      ) : null}
    </div>
  );
}

export function PostureView({ api, project, isOrgAdmin, filter: given, now }: PostureViewProps): JSX.Element {
  const filter = React.useMemo(() => given ?? new Filter(), [given]);
  const [query, setQuery] = React.useState<PostureControlsFilter>(() => postureFilter(filter.getState(), project));
  React.useEffect(() => {
    const update = () => setQuery(postureFilter(filter.getState(), project));
    update();
    filter.subscribe(update, FILTER_CHANGE_EVENT);
    return () => filter.unsubscribe(update, FILTER_CHANGE_EVENT);
  }, [filter, project]);

  const summary = usePostureSummary(api, project);
  const assessed = Boolean(summary.data?.lastAssessment);
  const hasPrevious = useHasPreviousAssessment(api, isOrgAdmin, summary.data?.lastAssessment?.id);
  const controls = usePostureControls(api, query);
  const assess = useAssessPosture(api);
  const [assessError, setAssessError] = React.useState<unknown>();
  const [selected, setSelected] = React.useState<PostureControlDto>();

  const selections = React.useMemo(
    () => ({
      severity: new DropdownMultiSelection(),
      area: new DropdownMultiSelection(),
      outcome: new DropdownMultiSelection(),
      project: new DropdownSelection(),
      exempted: new DropdownSelection(),
    }),
    [],
  );

  const startAssessment = () => {
    setAssessError(undefined);
    assess.mutate(undefined, { onError: setAssessError });
  };
  const selectArea = (area: PostureArea | undefined) => filter.setFilterItemState(POSTURE_FILTER_KEYS.area, { value: area ? [area] : [] });

  if (summary.isLoading) return <Spinner size={SpinnerSize.large} label="Loading posture…" className="vigil-block" />;
  if (summary.error !== null && !summary.data) {
    return <ErrorState error={summary.error} context="Could not load the posture" onRetry={() => void summary.refetch()} className="vigil-block" />;
  }
  const s = summary.data!;
  const assessErrorCard =
    assessError !== undefined ? (
      <ErrorState error={assessError} context="Could not start an assessment" onDismiss={() => setAssessError(undefined)} className="vigil-block" />
    ) : null;

  if (!assessed) {
    return (
      <div className="flex-column vigil-posture-view">
        {assessErrorCard}
        {s.inProgress ? (
          <EmptyState iconName="Sync" primaryText="Assessing the organization" secondaryText="The first assessment is running; this page updates when it ends." />
        ) : (
          <EmptyState
            iconName="Shield"
            primaryText="Not assessed yet"
            secondaryText={
              isOrgAdmin
                ? 'Vigil reads the organization settings, pipelines, service connections, repositories and users, and checks them against about a hundred controls.'
                : 'No posture assessment has run yet. An organization administrator can start one; they also run every 8 hours.'
            }
            actionText={isOrgAdmin ? (assess.isLoading ? 'Queuing…' : 'Assess now') : undefined}
            onAction={isOrgAdmin && !assess.isLoading ? startAssessment : undefined}
          />
        )}
      </div>
    );
  }

  const last = s.lastAssessment!;
  const list = sorted(controls.data?.items);
  const projects = s.byProject.map((p) => ({ id: p.projectId, text: p.projectName }));
  const selectedArea = query.area?.length === 1 ? query.area[0] : undefined;

  return (
    <div className="flex-column flex-grow vigil-posture-view">
      <AssessmentStatus summary={s} isOrgAdmin={isOrgAdmin} onAssess={startAssessment} assessing={assess.isLoading} now={now} />
      {assessErrorCard}
      {last.state === 'failed' ? (
        <MessageCard className="vigil-block vigil-posture-failed" severity={MessageCardSeverity.Error} role="alert">
          <div className="flex-column">
            <span className="font-weight-semibold">The last assessment failed; the results below are from the one before it, if any.</span>
            {last.error ? <span className="vigil-error-detail">{last.error}</span> : null}
          </div>
        </MessageCard>
      ) : null}
      {s.notAvailableAreas.length ? <NotAvailableBanner areas={s.notAvailableAreas} isOrgAdmin={isOrgAdmin} /> : null}
      {summary.error !== null ? <ErrorState error={summary.error} context="Could not refresh the posture" onRetry={() => void summary.refetch()} className="vigil-block" /> : null}

      <div className="vigil-posture-overview">
        <PostureAreaSummary summary={s} selectedArea={selectedArea} onSelectArea={selectArea} hideNotApplicable={Boolean(project)} />
        <PostureChanges assessment={last} project={project} first={hasPrevious === false} />
      </div>

      <div className="vigil-filter-bar vigil-posture-filter-bar">
        <FilterBar filter={filter}>
          <DropdownFilterBarItem
            filterItemKey={POSTURE_FILTER_KEYS.severity}
            filter={filter}
            items={SEVERITIES.map((sv) => ({ id: sv, text: SEVERITY_LABELS[sv] }))}
            selection={selections.severity}
            placeholder="Severity"
          />
          <DropdownFilterBarItem
            filterItemKey={POSTURE_FILTER_KEYS.area}
            filter={filter}
            items={POSTURE_AREAS.map((a) => ({ id: a, text: POSTURE_AREA_LABELS[a] }))}
            selection={selections.area}
            placeholder="Area"
          />
          <DropdownFilterBarItem
            filterItemKey={POSTURE_FILTER_KEYS.outcome}
            filter={filter}
            items={POSTURE_CONTROL_OUTCOMES.map((o) => ({ id: o, text: CONTROL_OUTCOME_LABELS[o] }))}
            selection={selections.outcome}
            placeholder="Outcome"
          />
          {project ? null : (
            <DropdownFilterBarItem
              filterItemKey={POSTURE_FILTER_KEYS.project}
              filter={filter}
              items={projects}
              selection={selections.project}
              placeholder="Project"
              showFilterBox
            />
          )}
          <DropdownFilterBarItem
            filterItemKey={POSTURE_FILTER_KEYS.exempted}
            filter={filter}
            items={[
              { id: 'yes', text: 'With exemptions' },
              { id: 'no', text: 'Without exemptions' },
            ]}
            selection={selections.exempted}
            placeholder="Exempted"
          />
        </FilterBar>
      </div>

      {controls.error ? <ErrorState error={controls.error} context="Could not load the controls" onRetry={() => void controls.refetch()} className="vigil-block" /> : null}
      {controls.isLoading ? (
        <Spinner size={SpinnerSize.large} label="Loading controls…" className="vigil-block" />
      ) : list.length === 0 ? (
        controls.error ? null : isNarrowed(query, project) ? (
          <EmptyState iconName="Filter" primaryText="No controls match these filters" secondaryText="Clear or change the filters to see more." />
        ) : (
          <EmptyState iconName="Shield" primaryText="No controls" />
        )
      ) : (
        <>
          <div className="vigil-list-summary secondary-text body-s" aria-live="polite">
            {formatCount(list.length, 'control')}
            {query.outcome || query.severity || query.area ? '' : ` · ${list.filter((c) => c.outcome === 'fail').length} failing`}
          </div>
          <Card className="bolt-table-card vigil-table-card" contentProps={{ contentPadding: false }}>
            <PostureControlsTable controls={list} onActivate={setSelected} />
          </Card>
        </>
      )}

      {selected ? (
        <PostureControlPanel api={api} control={selected} project={query.project} canExempt={isOrgAdmin} onClose={() => setSelected(undefined)} now={now} />
      ) : null}
    </div>
  );
}
