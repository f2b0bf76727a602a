// Findings of a scope (organization, project or repository): filter bar, table, paging, details panel.
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { FilterBar } from 'azure-devops-ui/FilterBar';
import { DropdownFilterBarItem } from 'azure-devops-ui/Dropdown';
import { KeywordFilterBarItem } from 'azure-devops-ui/TextFilterBarItem';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { Toast } from 'azure-devops-ui/Toast';
import { Filter, FILTER_CHANGE_EVENT, type IFilterState } from 'azure-devops-ui/Utilities/Filter';
import { DropdownMultiSelection, DropdownSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import type { DismissRequest, FindingDto, FindingSource } from '../../service/contract/api';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  CODE_LANGUAGES,
  CODE_LANGUAGE_LABELS,
  type CodeLanguage,
  CONFIDENCE_LABELS,
  CONFIDENCES,
  ECOSYSTEMS,
  IAC_PLATFORMS,
  IAC_PLATFORM_LABELS,
  type IacPlatform,
  type Ecosystem,
  FINDING_STATE_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  type Category,
  type Confidence,
  type FindingState,
  type Severity,
  VERIFICATION_FILTERS,
  VERIFICATION_LABELS,
  VERIFICATION_STATES,
  type VerificationFilter,
} from '../../service/contract/vocabulary';
import type { FindingQuery, VigilApi } from './api';
import { LoadMore } from './LoadMore';
import { EmptyState } from './EmptyState';
import { ErrorState } from './ErrorState';
import { dismissibleLocations } from './dismissal';
import { locationsOf } from './locations';
import { FindingDetailsPanel } from './FindingDetailsPanel';
import { type FindingColumn, FindingsTable } from './FindingsTable';
import { formatCount } from './format';
import { BulkActions } from './BulkActions';
import { FindingsToolbar } from './FindingsToolbar';
import { describesView, fromUrlParams, GROUP_KEY, KEYWORD_KEY, parseGrouping, parseSort, SORT_KEY, toUrlParams, type UrlQueryStore } from './findings-url-state';
import { FindingGroups } from './FindingGroups';
import { useFindingList, useFindingTriage, useRepositoryOptions } from './queries';
import { STATE_ORDER } from './severity';

export interface FindingsScope {
  project?: string;
  repository?: string;
}

export interface FindingsViewProps {
  api: VigilApi;
  scope: FindingsScope;
  /** Supply one to set initial values from outside (tests, deep links); otherwise one is made. */
  filter?: Filter;
  /** Replaces the default empty state when no filter narrows the list. */
  emptyState?: { primaryText: string; secondaryText?: string };
  pageSize?: number;
  now?: number;
  /** The viewer is an organization administrator: show Dismiss and Reopen (the service checks again). */
  canDismiss?: boolean;
  /** Keeps the filters, keyword and sort in the page's URL: a link or a reload shows the same list. */
  urlState?: UrlQueryStore;
}

export const FILTER_KEYS = {
  severity: 'severity',
  category: 'category',
  confidence: 'confidence',
  verification: 'verification',
  ecosystem: 'ecosystem',
  dependency: 'dependency',
  fix: 'fix',
  platform: 'platform',
  language: 'language',
  repository: 'repository',
  state: 'state',
  source: 'source',
  keyword: KEYWORD_KEY,
  sort: SORT_KEY,
  groupBy: GROUP_KEY,
} as const;

/** Package findings: named by the project, or pulled in by another package. */
const DEPENDENCY_CHOICES: { id: 'direct' | 'transitive'; text: string }[] = [
  { id: 'direct', text: 'Direct dependency' },
  { id: 'transitive', text: 'Transitive dependency' },
];
/** Findings with a fixed version to upgrade to, or without. */
const FIX_CHOICES: { id: 'yes' | 'no'; text: string }[] = [
  { id: 'yes', text: 'Has a fix' },
  { id: 'no', text: 'No fix yet' },
];
/** Platforms an infrastructure-as-code finding can come from. */
const PLATFORM_CHOICES = IAC_PLATFORMS.map((p) => ({ id: p, text: IAC_PLATFORM_LABELS[p] }));
/** Languages a code finding can be in. */
const LANGUAGE_CHOICES = CODE_LANGUAGES.map((l) => ({ id: l, text: CODE_LANGUAGE_LABELS[l] }));
/** Ecosystems a package finding can be of, as OSV names them. */
const ECOSYSTEM_CHOICES = ECOSYSTEMS.map((e) => ({ id: e, text: e }));

/** The verification filter's choices: what the provider said, or never checked. */
const VERIFICATION_CHOICES: { id: VerificationFilter; text: string }[] = [
  ...VERIFICATION_STATES.map((v) => ({ id: v, text: VERIFICATION_LABELS[v] })),
  { id: 'none', text: 'Never checked' },
];

/** Where findings come from: Vigil's scans of default branches, or the pipeline task's runs. */
const SOURCE_CHOICES: { id: FindingSource; text: string }[] = [
  { id: 'scan', text: 'Scans' },
  { id: 'pipeline', text: 'Pipeline runs' },
];

export function createFindingsFilter(): Filter {
  return new Filter({ defaultState: { [FILTER_KEYS.state]: { value: ['open'] } } });
}

function values(state: IFilterState, key: string): string[] {
  const v = state[key]?.value;
  return Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)];
}

/** The API query a filter state asks for, within a scope (scope wins over the repository filter). */
export function findingQuery(state: IFilterState, scope: FindingsScope): FindingQuery {
  const severity = values(state, FILTER_KEYS.severity).filter((s): s is Severity => SEVERITIES.includes(s as Severity));
  const category = values(state, FILTER_KEYS.category).filter((c): c is Category => CATEGORIES.includes(c as Category));
  const confidence = values(state, FILTER_KEYS.confidence).filter((c): c is Confidence => CONFIDENCES.includes(c as Confidence));
  const verification = values(state, FILTER_KEYS.verification).filter((v): v is VerificationFilter => VERIFICATION_FILTERS.includes(v as VerificationFilter));
  const repository = scope.repository ?? values(state, FILTER_KEYS.repository)[0];
  const states = values(state, FILTER_KEYS.state).filter((s): s is FindingState => STATE_ORDER.includes(s as FindingState));
  const ecosystem = values(state, FILTER_KEYS.ecosystem).filter((e): e is Ecosystem => ECOSYSTEMS.includes(e as Ecosystem));
  const dependency = values(state, FILTER_KEYS.dependency).find((d): d is 'direct' | 'transitive' => d === 'direct' || d === 'transitive');
  const fix = values(state, FILTER_KEYS.fix).find((f) => f === 'yes' || f === 'no');
  const platform = values(state, FILTER_KEYS.platform).filter((p): p is IacPlatform => IAC_PLATFORMS.includes(p as IacPlatform));
  const language = values(state, FILTER_KEYS.language).filter((l): l is CodeLanguage => CODE_LANGUAGES.includes(l as CodeLanguage));
  const keyword = values(state, FILTER_KEYS.keyword)[0]?.trim().slice(0, 200);
  const pipeline = values(state, FILTER_KEYS.source)[0] === 'pipeline';
  // The pipeline runs' list has one order (most severe first): a column sort does not apply.
  const sort = pipeline ? undefined : parseSort(state[FILTER_KEYS.sort]?.value);
  return {
    project: scope.project,
    repository,
    severity: severity.length ? SEVERITIES.filter((s) => severity.includes(s)) : undefined,
    category: category.length ? CATEGORIES.filter((c) => category.includes(c)) : undefined,
    // None selected: every confidence (the default view shows all).
    confidence: confidence.length ? CONFIDENCES.filter((c) => confidence.includes(c)) : undefined,
    // None selected: checked or not (verified live secrets come first anyway).
    verification: verification.length ? VERIFICATION_FILTERS.filter((v) => verification.includes(v)) : undefined,
    // No state selected: the service answers with open findings.
    state: states.length ? STATE_ORDER.filter((s) => states.includes(s)) : undefined,
    ecosystem: ecosystem.length ? ECOSYSTEMS.filter((e) => ecosystem.includes(e)) : undefined,
    dependency,
    hasFix: fix === undefined ? undefined : fix === 'yes',
    platform: platform.length ? IAC_PLATFORMS.filter((p) => platform.includes(p)) : undefined,
    // The Language filter is offered (and counts) once the category filter picks Code.
    language: language.length && category.includes('code') ? CODE_LANGUAGES.filter((l) => language.includes(l)) : undefined,
    // One row per alert: a secret committed in several places is one thing to rotate.
    group: 'credential',
    ...(keyword ? { q: keyword } : {}),
    ...(sort ? { sort: sort.sort, order: sort.order } : {}),
    ...(pipeline ? { source: 'pipeline' as const } : {}),
  };
}

/** True when only open alerts are listed (the state column would say "Open" on every row). */
function onlyOpen(query: FindingQuery): boolean {
  return !query.state || (query.state.length === 1 && query.state[0] === 'open');
}

/** True when the filters (not the page's scope) narrow the list beyond "open findings". */
function isNarrowed(query: FindingQuery, scope: FindingsScope): boolean {
  return Boolean(
    query.q ||
      query.severity ||
      query.category ||
      query.confidence ||
      query.verification ||
      query.ecosystem ||
      query.dependency ||
      query.hasFix !== undefined ||
      query.platform ||
      query.language ||
      (query.repository && !scope.repository) ||
      query.source ||
      !onlyOpen(query),
  );
}

const TOAST_MS = 5000;

/** A short confirmation at the bottom of the page that fades out by itself. */
function useToast(): [message: string | undefined, show: (message: string) => void, element: React.RefObject<Toast>] {
  const [message, setMessage] = React.useState<string>();
  const ref = React.useRef<Toast>(null);
  React.useEffect(() => {
    if (!message) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      const done = () => !cancelled && setMessage(undefined);
      if (ref.current) ref.current.fadeOut().promise.then(done, done);
      else done();
    }, TOAST_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [message]);
  return [message, setMessage, ref];
}

/** Sets the filter to the view a URL describes (open findings unless it names states); false when it describes none. */
export function applyUrlView(filter: Filter, params: Record<string, string>): boolean {
  if (!describesView(params)) return false;
  filter.setState({ ...fromUrlParams(params), ...(params.state ? {} : { [FILTER_KEYS.state]: { value: ['open'] } }) });
  return true;
}

/**
 * Reads the view from the URL once (when it says anything), then writes every change back. Until the
 * URL was read nothing is written, so the page's first state cannot overwrite a link's.
 */
function useUrlState(filter: Filter, urlState: UrlQueryStore | undefined): void {
  React.useEffect(() => {
    if (!urlState) return;
    let cancelled = false;
    let ready = false;
    const write = () => ready && urlState.write(toUrlParams(filter.getState()));
    filter.subscribe(write, FILTER_CHANGE_EVENT);
    urlState.read().then(
      (params) => {
        if (cancelled) return;
        applyUrlView(filter, params);
        ready = true;
      },
      () => void (ready = true),
    );
    return () => {
      cancelled = true;
      filter.unsubscribe(write, FILTER_CHANGE_EVENT);
    };
  }, [filter, urlState]);
}

export function FindingsView({ api, scope, filter: given, emptyState, pageSize = 50, now, canDismiss = false, urlState }: FindingsViewProps): JSX.Element {
  const filter = React.useMemo(() => given ?? createFindingsFilter(), [given]);
  const [query, setQuery] = React.useState<FindingQuery>(() => findingQuery(filter.getState(), scope));
  const { project, repository } = scope;
  const [checked, setChecked] = React.useState<ReadonlySet<string>>(new Set());
  const [grouping, setGrouping] = React.useState(() => parseGrouping(filter.getState()[FILTER_KEYS.groupBy]?.value));
  // A pipeline run's findings are read-only (no selection, dismissal, grouping or export: the API has none for them).
  const pipeline = query.source === 'pipeline';
  const triage = canDismiss && !pipeline;
  const groupedBy = pipeline ? undefined : grouping;

  React.useEffect(() => {
    const update = () => {
      setQuery(findingQuery(filter.getState(), { project, repository }));
      setGrouping(parseGrouping(filter.getState()[FILTER_KEYS.groupBy]?.value));
      // Another list: what was selected may no longer be in it.
      setChecked(new Set());
    };
    update();
    filter.subscribe(update, FILTER_CHANGE_EVENT);
    return () => filter.unsubscribe(update, FILTER_CHANGE_EVENT);
  }, [filter, project, repository]);
  useUrlState(filter, urlState);

  const list = useFindingList(api, query, pageSize);
  const { dismiss: dismissMutation, reopen: reopenMutation, refresh: refreshFindings } = useFindingTriage(api);
  const toggle = React.useCallback(
    (f: FindingDto, on: boolean) =>
      setChecked((prev) => {
        const next = new Set(prev);
        if (on) next.add(f.id);
        else next.delete(f.id);
        return next;
      }),
    [],
  );
  const repoScoped = Boolean(scope.repository);
  const repositories = useRepositoryOptions(api, scope.project, !repoScoped);
  const [selected, setSelected] = React.useState<FindingDto | undefined>();
  const [toast, showToast, toastRef] = useToast();
  const orgWide = !scope.project && !scope.repository;

  // The service dismisses every location of the alert in the organization; this view may list only
  // those of its project or repository, so it says "every location" rather than a count it cannot know.
  const dismissScopeText = (f: FindingDto) => {
    const n = dismissibleLocations(f).length;
    const what = f.category === 'secret' ? 'this secret' : 'this finding';
    const lasting = 'It stays dismissed across rescans until it is reopened or the expiry passes.';
    if (!orgWide) return `Dismisses ${what} in every location in the organization, including any not listed here. ${lasting}`;
    return n > 1 ? `Dismisses all ${n} locations of ${what}. ${lasting}` : `Dismisses this alert. ${lasting}`;
  };
  const dismiss = async (f: FindingDto, request: DismissRequest) => {
    const n = dismissibleLocations(f).length;
    await dismissMutation.mutateAsync({ id: f.id, request });
    setSelected(undefined);
    showToast(orgWide ? `Dismissed ${formatCount(n, 'location')}` : 'Dismissed in every location');
  };
  const reopen = async (f: FindingDto) => {
    const n = locationsOf(f).filter((l) => l.state === 'dismissed').length;
    await reopenMutation.mutateAsync(f.id);
    setSelected(undefined);
    showToast(orgWide && n ? `Reopened ${formatCount(n, 'location')}` : 'Reopened the alert');
  };

  const selections = React.useMemo(
    () => ({
      severity: new DropdownMultiSelection(),
      category: new DropdownMultiSelection(),
      confidence: new DropdownMultiSelection(),
      verification: new DropdownMultiSelection(),
      ecosystem: new DropdownMultiSelection(),
      dependency: new DropdownSelection(),
      fix: new DropdownSelection(),
      platform: new DropdownMultiSelection(),
      language: new DropdownMultiSelection(),
      repository: new DropdownSelection(),
      state: new DropdownMultiSelection(),
      source: new DropdownSelection(),
    }),
    [],
  );

  const scannedCount = repositories?.filter((r) => r.lastScan?.state === 'done' || r.scanState === 'done').length;

  return (
    <div className="flex-column flex-grow vigil-findings-view">
      <div className="vigil-filter-bar">
        <FilterBar filter={filter}>
          <KeywordFilterBarItem filterItemKey={FILTER_KEYS.keyword} placeholder="Search title, rule, path, repository" />
          <DropdownFilterBarItem
            filterItemKey={FILTER_KEYS.severity}
            filter={filter}
            items={SEVERITIES.map((s) => ({ id: s, text: SEVERITY_LABELS[s] }))}
            selection={selections.severity}
            placeholder="Severity"
          />
          <DropdownFilterBarItem
            filterItemKey={FILTER_KEYS.category}
            filter={filter}
            items={CATEGORIES.map((c) => ({ id: c, text: CATEGORY_LABELS[c] }))}
            selection={selections.category}
            placeholder="Category"
          />
          {query.category?.includes('code') ? (
            <DropdownFilterBarItem
              filterItemKey={FILTER_KEYS.language}
              filter={filter}
              items={LANGUAGE_CHOICES}
              selection={selections.language}
              placeholder="Language"
            />
          ) : null}
          <DropdownFilterBarItem
            filterItemKey={FILTER_KEYS.confidence}
            filter={filter}
            items={CONFIDENCES.map((c) => ({ id: c, text: CONFIDENCE_LABELS[c] }))}
            selection={selections.confidence}
            placeholder="Confidence"
          />
          <DropdownFilterBarItem
            filterItemKey={FILTER_KEYS.verification}
            filter={filter}
            items={VERIFICATION_CHOICES}
            selection={selections.verification}
            placeholder="Verification"
          />
          <DropdownFilterBarItem
            filterItemKey={FILTER_KEYS.ecosystem}
            filter={filter}
            items={ECOSYSTEM_CHOICES}
            selection={selections.ecosystem}
            placeholder="Ecosystem"
          />
          <DropdownFilterBarItem
            filterItemKey={FILTER_KEYS.dependency}
            filter={filter}
            items={DEPENDENCY_CHOICES}
            selection={selections.dependency}
            placeholder="Dependency"
          />
          <DropdownFilterBarItem filterItemKey={FILTER_KEYS.fix} filter={filter} items={FIX_CHOICES} selection={selections.fix} placeholder="Fix" />
          <DropdownFilterBarItem
            filterItemKey={FILTER_KEYS.platform}
            filter={filter}
            items={PLATFORM_CHOICES}
            selection={selections.platform}
            placeholder="Platform"
          />
          {repoScoped ? null : (
            <DropdownFilterBarItem
              filterItemKey={FILTER_KEYS.repository}
              filter={filter}
              items={(repositories ?? []).map((r) => ({ id: r.id, text: scope.project ? r.name : `${r.projectName} / ${r.name}` }))}
              selection={selections.repository}
              placeholder="Repository"
              showFilterBox
            />
          )}
          <DropdownFilterBarItem
            filterItemKey={FILTER_KEYS.state}
            filter={filter}
            items={STATE_ORDER.map((s) => ({ id: s, text: FINDING_STATE_LABELS[s] }))}
            selection={selections.state}
            placeholder="State"
          />
          <DropdownFilterBarItem
            filterItemKey={FILTER_KEYS.source}
            filter={filter}
            items={SOURCE_CHOICES}
            selection={selections.source}
            placeholder="Source"
          />
        </FilterBar>
      </div>

      {list.error !== undefined ? (
        <ErrorState error={list.error} context="Could not load findings" onRetry={list.retry} className="vigil-block" />
      ) : null}

      {list.loading ? (
        <Spinner size={SpinnerSize.large} label="Loading findings…" className="vigil-block" />
      ) : list.items.length === 0 ? (
        list.error !== undefined ? null : isNarrowed(query, scope) ? (
          <EmptyState
            iconName="Filter"
            primaryText="No findings match these filters"
            secondaryText="Clear or change the filters to see more."
          />
        ) : (
          <EmptyState
            iconName="Shield"
            primaryText={emptyState?.primaryText ?? 'No findings'}
            secondaryText={
              emptyState?.secondaryText ??
              (scannedCount === undefined ? undefined : `${formatCount(scannedCount, 'repository', 'repositories')} scanned`)
            }
          />
        )
      ) : (
        <>
          <FindingsToolbar
            api={api}
            query={query}
            shown={list.items.length}
            total={list.total}
            exportable={!pipeline}
            grouping={pipeline ? undefined : {
              value: grouping,
              choices: repoScoped ? ['rule'] : ['rule', 'repository'],
              onChange: (by) => filter.setFilterItemState(FILTER_KEYS.groupBy, { value: by }),
            }}
            selection={
              triage && !grouping
                ? {
                    selected: checked.size,
                    allShown: list.items.length > 0 && list.items.every((f) => checked.has(f.id)),
                    onToggleAll: (all) => setChecked(all ? new Set(list.items.map((f) => f.id)) : new Set()),
                  }
                : undefined
            }
          />
          {groupedBy ? (
            <FindingGroups
              api={api}
              query={query}
              by={groupedBy}
              onOpen={setSelected}
              hideColumns={[...(repoScoped || groupedBy === 'repository' ? ['repository'] : []), ...(onlyOpen(query) ? ['state'] : [])] as FindingColumn[]}
              now={now}
            />
          ) : null}
          {triage && !groupedBy ? (
            <BulkActions
              api={api}
              selected={[...checked]}
              now={now}
              onClear={() => setChecked(new Set())}
              onDone={(message) => {
                setChecked(new Set());
                refreshFindings();
                showToast(message);
              }}
            />
          ) : null}
          {groupedBy ? null : (
            <Card className="bolt-table-card vigil-table-card" contentProps={{ contentPadding: false }}>
              <FindingsTable
                findings={list.items}
                onActivate={setSelected}
                hideColumns={[...(repoScoped ? ['repository'] : []), ...(onlyOpen(query) ? ['state'] : [])] as FindingColumn[]}
                now={now}
                sort={query.sort ? { sort: query.sort, order: query.order ?? 'desc' } : undefined}
                onSort={pipeline ? undefined : (s) => filter.setFilterItemState(FILTER_KEYS.sort, { value: `${s.sort}:${s.order}` })}
                selectedIds={triage ? checked : undefined}
                onToggle={triage ? toggle : undefined}
              />
            </Card>
          )}
          {groupedBy ? null : <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoad={list.loadMore} />}
        </>
      )}

      {selected ? (
        <FindingDetailsPanel
          finding={selected}
          onClose={() => setSelected(undefined)}
          now={now}
          triage={{
            canTriage: canDismiss,
            dismissScopeText: dismissScopeText(selected),
            onDismiss: (request) => dismiss(selected, request),
            onReopen: () => reopen(selected),
          }}
        />
      ) : null}
      {toast ? <Toast ref={toastRef} message={toast} className="vigil-toast" /> : null}
    </div>
  );
}
