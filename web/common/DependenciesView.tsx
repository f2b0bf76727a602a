// A repository's dependencies (its last scan's inventory): every package with its version, license,
// how it is used and its open advisories; filters, search, paging, and the CycloneDX SBOM to download.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { DropdownFilterBarItem } from 'azure-devops-ui/Dropdown';
import { FilterBar } from 'azure-devops-ui/FilterBar';
import { Link } from 'azure-devops-ui/Link';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { type ITableColumn, SimpleTableCell, Table, TwoLineTableCell } from 'azure-devops-ui/Table';
import { KeywordFilterBarItem } from 'azure-devops-ui/TextFilterBarItem';
import { Tooltip } from 'azure-devops-ui/TooltipEx';
import { DropdownMultiSelection, DropdownSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import { Filter, FILTER_CHANGE_EVENT, type IFilterState } from 'azure-devops-ui/Utilities/Filter';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import type { DependencyDto } from '../../service/contract/api';
import { ECOSYSTEMS, type Ecosystem } from '../../service/contract/vocabulary';
import type { DependencyQuery, DownloadedFile, VigilApi } from './api';
import { dependencyKindText } from './advisory';
import { EmptyState } from './EmptyState';
import { ErrorState } from './ErrorState';
import { absoluteTime, formatCount, relativeTime, safeHref, shortSha } from './format';
import { LoadMore } from './LoadMore';
import { useDependencyList } from './queries';
import { SeverityPill } from './SeverityPill';

export interface DependenciesViewProps {
  api: VigilApi;
  repository: { id: string; name: string };
  /** Supply one to set initial values from outside (tests); otherwise one is made. */
  filter?: Filter;
  pageSize?: number;
  now?: number;
  /** Saves a downloaded file (the browser's download by default; tests pass their own). */
  save?: (file: DownloadedFile) => void;
}

export const DEPENDENCY_FILTER_KEYS = { search: 'search', ecosystem: 'ecosystem', direct: 'direct', advisories: 'advisories' } as const;

const DIRECT_CHOICES = [
  { id: 'true', text: 'Direct' },
  { id: 'false', text: 'Transitive' },
];
const ADVISORY_CHOICES = [
  { id: 'true', text: 'With advisories' },
  { id: 'false', text: 'Without advisories' },
];

function values(state: IFilterState, key: string): string[] {
  const v = state[key]?.value;
  return Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)];
}

const flag = (v: string | undefined): boolean | undefined => (v === 'true' ? true : v === 'false' ? false : undefined);

/** The API query a filter state asks for. */
export function dependencyQuery(state: IFilterState): DependencyQuery {
  const ecosystem = values(state, DEPENDENCY_FILTER_KEYS.ecosystem).filter((e): e is Ecosystem => ECOSYSTEMS.includes(e as Ecosystem));
  const search = values(state, DEPENDENCY_FILTER_KEYS.search)[0]?.trim();
  return {
    ...(search ? { search } : {}),
    ...(ecosystem.length ? { ecosystem } : {}),
    direct: flag(values(state, DEPENDENCY_FILTER_KEYS.direct)[0]),
    hasAdvisory: flag(values(state, DEPENDENCY_FILTER_KEYS.advisories)[0]),
  };
}

/** Saves a file through an object URL and a transient link (the hub runs in an iframe: no navigation). */
export function saveWithBrowser(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const ellipsis = (value: string, className = ''): JSX.Element => (
  <Tooltip text={value} overflowOnly>
    <span className={`text-ellipsis ${className}`}>{value}</span>
  </Tooltip>
);

const COLUMNS: ITableColumn<DependencyDto>[] = [
  {
    id: 'package',
    name: 'Package',
    width: -26,
    minWidth: 160,
    renderCell: (_r, i, col, p) => (
      <TwoLineTableCell
        key={col.id}
        columnIndex={i}
        tableColumn={col}
        line1={ellipsis(p.name, 'font-weight-semibold vigil-package-name')}
        line2={<span className="secondary-text body-s">{p.ecosystem}</span>}
      />
    ),
  },
  {
    id: 'version',
    name: 'Version',
    width: 120,
    renderCell: (_r, i, col, p) => (
      <TwoLineTableCell
        key={col.id}
        columnIndex={i}
        tableColumn={col}
        line1={ellipsis(p.version || '—', 'monospaced-text')}
        line2={p.declared && p.declared !== p.version ? ellipsis(`asks ${p.declared}`, 'secondary-text body-s') : null}
      />
    ),
  },
  {
    id: 'license',
    name: 'License',
    width: -16,
    minWidth: 140,
    renderCell: (_r, i, col, p) => (
      <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
        {p.license ? ellipsis(p.license) : <span className="secondary-text">Unknown</span>}
      </SimpleTableCell>
    ),
  },
  {
    id: 'usage',
    name: 'Used as',
    width: -16,
    minWidth: 110,
    renderCell: (_r, i, col, p) => {
      const kind = dependencyKindText(p.direct, p.scope);
      const path = p.dependencyPath && p.dependencyPath.length > 1 ? `via ${p.dependencyPath.slice(0, -1).join(' › ')}` : '';
      return (
        <TwoLineTableCell
          key={col.id}
          columnIndex={i}
          tableColumn={col}
          line1={kind ? ellipsis(kind.replace(' dependency', '')) : <span className="secondary-text">—</span>}
          line2={path ? ellipsis(path, 'secondary-text body-s') : null}
        />
      );
    },
  },
  {
    id: 'advisories',
    name: 'Advisories',
    width: 130,
    renderCell: (_r, i, col, p) => (
      <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
        {p.advisories > 0 && p.worstSeverity ? (
          <SeverityPill severity={p.worstSeverity} suffix={p.advisories} />
        ) : (
          <span className="secondary-text">None</span>
        )}
      </SimpleTableCell>
    ),
  },
  {
    id: 'file',
    name: 'File',
    width: -28,
    minWidth: 150,
    renderCell: (_r, i, col, p) => {
      const text = p.line ? `${p.path}:${p.line}` : p.path;
      const href = safeHref(p.webUrl);
      return (
        <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
          {href ? (
            <Link href={href} target="_blank" rel="noopener noreferrer" subtle className="text-ellipsis vigil-location" onClick={(e) => e.stopPropagation()}>
              {text}
            </Link>
          ) : (
            ellipsis(text, 'vigil-location')
          )}
        </SimpleTableCell>
      );
    },
  },
];

export function DependenciesView({ api, repository, filter: given, pageSize = 50, now, save = saveWithBrowser }: DependenciesViewProps): JSX.Element {
  const filter = React.useMemo(() => given ?? new Filter(), [given]);
  const [query, setQuery] = React.useState<DependencyQuery>(() => dependencyQuery(filter.getState()));
  React.useEffect(() => {
    const update = () => setQuery(dependencyQuery(filter.getState()));
    update();
    filter.subscribe(update, FILTER_CHANGE_EVENT);
    return () => filter.unsubscribe(update, FILTER_CHANGE_EVENT);
  }, [filter]);
  const selections = React.useMemo(() => ({ ecosystem: new DropdownMultiSelection(), direct: new DropdownSelection(), advisories: new DropdownSelection() }), []);
  const list = useDependencyList(api, repository.id, query, pageSize);
  const provider = React.useMemo(() => new ArrayItemProvider(list.items), [list.items]);
  const [downloading, setDownloading] = React.useState(false);
  const [downloadError, setDownloadError] = React.useState<unknown>();
  const narrowed = Boolean(query.search || query.ecosystem || query.direct !== undefined || query.hasAdvisory !== undefined);
  const inventory = list.inventory;

  const download = async () => {
    setDownloadError(undefined);
    setDownloading(true);
    try {
      save(await api.sbom(repository.id));
    } catch (err) {
      setDownloadError(err);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div className="flex-column flex-grow vigil-dependencies-view">
      <div className="flex-row flex-center flex-wrap vigil-dependencies-header">
        <span className="secondary-text body-s flex-grow vigil-inventory-summary" aria-live="polite">
          {inventory ? (
            <>
              {formatCount(inventory.packageCount, 'package')} in the last scan
              {inventory.commitSha ? ` of ${shortSha(inventory.commitSha)}` : ''},{' '}
              <span title={absoluteTime(inventory.storedAt)}>{relativeTime(inventory.storedAt, now)}</span>
              {inventory.matchedAt ? (
                <>
                  {' '}
                  · matched against new advisories <span title={absoluteTime(inventory.matchedAt)}>{relativeTime(inventory.matchedAt, now)}</span>
                </>
              ) : null}
            </>
          ) : null}
        </span>
        <Button
          text={downloading ? 'Preparing…' : 'Download SBOM'}
          iconProps={{ iconName: 'Download' }}
          disabled={!inventory || downloading}
          tooltipProps={{ text: 'CycloneDX 1.6 JSON: every package, its license, the dependency graph and the open advisories' }}
          onClick={() => void download()}
          className="vigil-sbom-button"
        />
      </div>
      {downloadError ? <ErrorState error={downloadError} context="Could not download the SBOM" onDismiss={() => setDownloadError(undefined)} className="vigil-block" /> : null}

      <div className="vigil-filter-bar">
        <FilterBar filter={filter}>
          <KeywordFilterBarItem filterItemKey={DEPENDENCY_FILTER_KEYS.search} placeholder="Search packages" />
          <DropdownFilterBarItem
            filterItemKey={DEPENDENCY_FILTER_KEYS.ecosystem}
            filter={filter}
            items={ECOSYSTEMS.map((e) => ({ id: e, text: e }))}
            selection={selections.ecosystem}
            placeholder="Ecosystem"
          />
          <DropdownFilterBarItem filterItemKey={DEPENDENCY_FILTER_KEYS.direct} filter={filter} items={DIRECT_CHOICES} selection={selections.direct} placeholder="Used as" />
          <DropdownFilterBarItem
            filterItemKey={DEPENDENCY_FILTER_KEYS.advisories}
            filter={filter}
            items={ADVISORY_CHOICES}
            selection={selections.advisories}
            placeholder="Advisories"
          />
        </FilterBar>
      </div>

      {list.error !== undefined ? <ErrorState error={list.error} context="Could not load the dependencies" onRetry={list.retry} className="vigil-block" /> : null}
      {list.loading ? (
        <Spinner size={SpinnerSize.large} label="Loading dependencies…" className="vigil-block" />
      ) : list.items.length === 0 ? (
        list.error !== undefined ? null : narrowed ? (
          <EmptyState iconName="Filter" primaryText="No packages match these filters" secondaryText="Clear or change the filters to see more." />
        ) : inventory ? (
          <EmptyState iconName="Package" primaryText={`No dependencies found in ${repository.name}`} secondaryText="The last scan found no manifest or lockfile it reads." />
        ) : (
          <EmptyState iconName="Package" primaryText="No dependencies known yet" secondaryText={`Scan ${repository.name} to list its packages.`} />
        )
      ) : (
        <>
          <div className="vigil-list-summary secondary-text body-s">
            {list.items.length < list.total ? `Showing ${list.items.length} of ${formatCount(list.total, 'package')}` : formatCount(list.total, 'package')}
          </div>
          <Card className="bolt-table-card vigil-table-card" contentProps={{ contentPadding: false }}>
            <Table<DependencyDto> className="vigil-dependencies-table" ariaLabel="Dependencies" columns={COLUMNS} itemProvider={provider} containerClassName="h-scroll-auto" />
          </Card>
          <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoad={list.loadMore} />
        </>
      )}
    </div>
  );
}
