import * as React from 'react';
import { Checkbox } from 'azure-devops-ui/Checkbox';
import { ColumnSorting, type ITableColumn, SimpleTableCell, SortOrder, Table, TwoLineTableCell } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import { Tooltip } from 'azure-devops-ui/TooltipEx';
import type { FindingDto, FindingPlace, FindingSort } from '../../service/contract/api';
import { locationText } from '../../service/contract/places';
import { CATEGORY_LABELS, FINDING_STATE_LABELS } from '../../service/contract/vocabulary';
import { activeDismissal, dismissalReasonLabel } from './dismissal';
import { absoluteTime, formatCount, relativeTime } from './format';
import { ConfidencePill } from './ConfidencePill';
import { SeverityPill } from './SeverityPill';
import { VerificationPill } from './VerificationPill';

export type FindingColumn = 'severity' | 'confidence' | 'verification' | 'title' | 'repository' | 'location' | 'state' | 'firstSeen' | 'lastSeen';

/** The service's sort each sortable column asks for (the Finding column sorts by rule id). */
export const COLUMN_SORTS: Partial<Record<FindingColumn, FindingSort>> = {
  severity: 'severity',
  title: 'rule',
  repository: 'location',
  location: 'location',
  firstSeen: 'firstSeen',
  lastSeen: 'lastSeen',
};

export interface FindingsTableProps {
  findings: FindingDto[];
  /** Row click or Enter: open the details. */
  onActivate?: (finding: FindingDto) => void;
  /** e.g. ['repository'] on a page that shows one repository. */
  hideColumns?: FindingColumn[];
  /** For stable relative times in tests. */
  now?: number;
  /** The list's sort: sortable headers show it and ask for another with onSort. */
  sort?: { sort: FindingSort; order: 'asc' | 'desc' };
  onSort?: (sort: { sort: FindingSort; order: 'asc' | 'desc' }) => void;
  /** Ids of the checked rows: a checkbox column shows when given with onToggle (administrators). */
  selectedIds?: ReadonlySet<string>;
  onToggle?: (finding: FindingDto, checked: boolean) => void;
}

type Cell = (finding: FindingDto, columnIndex: number, column: ITableColumn<FindingDto>, now: number) => JSX.Element;

const text = (value: string, className = ''): JSX.Element => (
  <Tooltip text={value} overflowOnly>
    <span className={`text-ellipsis ${className}`}>{value}</span>
  </Tooltip>
);

/** "src/app/settings.json" -> ["settings.json", "src/app"]. */
export function splitPath(path: string): [file: string, folder: string] {
  const i = path.lastIndexOf('/');
  return i < 0 ? [path, ''] : [path.slice(i + 1), path.slice(0, i)];
}

/**
 * The location in two lines: the file's name with what places.ts says about it, and its folder
 * ("settings.json:12" / "config"). An Azure DevOps object has no file: its text and its project.
 */
export function locationLines(p: FindingPlace): [short: string, context: string] {
  const loc = p.location;
  if (loc.kind === 'ado-object') return [p.locationText, ''];
  const [file, folder] = splitPath(loc.path);
  return [locationText({ ...loc, path: file }), folder || '/'];
}

/** Other repositories than the row's own that hold the same secret. */
function otherRepositoryCount(f: FindingDto): number {
  return new Set((f.locations ?? []).map((l) => l.repositoryId).filter((id) => id !== f.repositoryId)).size;
}

/** Second line of the state column: why it is not open. */
function stateDetail(f: FindingDto): string {
  const dismissal = activeDismissal(f);
  if (dismissal) return dismissalReasonLabel(dismissal.reason);
  if (f.dismissal?.expired) return 'Dismissal expired';
  if (f.state === 'suppressed' && f.suppression) return f.suppression.kind === 'inline' ? 'Inline vigil:ignore' : f.suppression.kind === 'file' ? '.vigil.yml' : 'Baseline';
  return '';
}

const CELLS: Record<FindingColumn, { name: string; width: number; cell: Cell }> = {
  severity: {
    name: 'Severity',
    width: 104,
    cell: (f, i, col) => (
      <SimpleTableCell columnIndex={i} tableColumn={col} key={col.id}>
        <SeverityPill severity={f.severity} />
      </SimpleTableCell>
    ),
  },
  confidence: {
    name: 'Confidence',
    width: 108,
    cell: (f, i, col) => (
      <SimpleTableCell columnIndex={i} tableColumn={col} key={col.id}>
        <ConfidencePill confidence={f.confidence} />
      </SimpleTableCell>
    ),
  },
  // Shown when some secret of the list was checked with its provider (the organization's verifySecrets).
  verification: {
    name: 'Verified',
    width: 124,
    cell: (f, i, col, now) => (
      <SimpleTableCell columnIndex={i} tableColumn={col} key={col.id}>
        {f.verification ? <VerificationPill verification={f.verification} now={now} /> : <span />}
      </SimpleTableCell>
    ),
  },
  // Finding and rule share a column: rule ids are long, and the title is what a reader scans first.
  title: {
    name: 'Finding',
    width: -36,
    cell: (f, i, col) => (
      <TwoLineTableCell
        columnIndex={i}
        tableColumn={col}
        key={col.id}
        line1={text(f.title, 'font-weight-semibold')}
        line2={
          <span className="text-ellipsis secondary-text body-s" title={`${f.ruleId} · ${CATEGORY_LABELS[f.category] ?? f.category}`}>
            <span className="monospaced-text vigil-rule-id">{f.ruleId}</span> · {CATEGORY_LABELS[f.category] ?? f.category}
          </span>
        }
      />
    ),
  },
  repository: {
    name: 'Repository',
    width: -18,
    cell: (f, i, col) => {
      const others = otherRepositoryCount(f);
      // Posture and compliance findings sit on a project or the organization, not in a repository.
      if (!f.repositoryName) {
        return (
          <TwoLineTableCell
            columnIndex={i}
            tableColumn={col}
            key={col.id}
            line1={text(f.projectName ?? 'Organization', 'secondary-text')}
            line2={null}
          />
        );
      }
      const project = f.projectName ?? '';
      return (
        <TwoLineTableCell
          columnIndex={i}
          tableColumn={col}
          key={col.id}
          line1={text(f.repositoryName)}
          line2={text(others ? `${project} · +${formatCount(others, 'repository', 'repositories')}` : project, 'secondary-text body-s')}
        />
      );
    },
  },
  location: {
    name: 'Location',
    width: -30,
    cell: (f, i, col) => {
      const [short, context] = locationLines(f);
      const count = f.locations?.length ?? 1;
      const mono = f.location.kind === 'ado-object' ? '' : 'monospaced-text ';
      return (
        <TwoLineTableCell
          columnIndex={i}
          tableColumn={col}
          key={col.id}
          line1={text(short, `${mono}vigil-location`)}
          line2={
            count > 1 || context ? (
              <span className="text-ellipsis secondary-text body-s" title={f.locationText}>
                {count > 1 ? (
                  <>
                    <span className="vigil-location-count">{formatCount(count, 'location')}</span>
                    {context ? ` · ${context}` : ''}
                  </>
                ) : (
                  context
                )}
              </span>
            ) : null
          }
        />
      );
    },
  },
  state: {
    name: 'State',
    width: -18,
    cell: (f, i, col) => {
      const detail = stateDetail(f);
      return (
        <TwoLineTableCell
          columnIndex={i}
          tableColumn={col}
          key={col.id}
          line1={text(FINDING_STATE_LABELS[f.state] ?? f.state, `vigil-state vigil-state-${f.state}`)}
          line2={detail ? text(detail, 'secondary-text body-s') : null}
        />
      );
    },
  },
  lastSeen: {
    name: 'Last seen',
    width: 124,
    cell: (f, i, col, now) => (
      <SimpleTableCell columnIndex={i} tableColumn={col} key={col.id}>
        <span className="secondary-text text-ellipsis" title={absoluteTime(f.lastSeenAt)}>
          {relativeTime(f.lastSeenAt, now)}
        </span>
      </SimpleTableCell>
    ),
  },
  firstSeen: {
    name: 'First seen',
    width: 124,
    cell: (f, i, col, now) => (
      <SimpleTableCell columnIndex={i} tableColumn={col} key={col.id}>
        <span className="secondary-text text-ellipsis" title={absoluteTime(f.firstSeenAt)}>
          {relativeTime(f.firstSeenAt, now)}
        </span>
      </SimpleTableCell>
    ),
  },
};

const ORDER: FindingColumn[] = ['severity', 'confidence', 'verification', 'title', 'repository', 'location', 'state', 'firstSeen', 'lastSeen'];

export function FindingsTable({ findings, onActivate, hideColumns = [], now, sort, onSort, selectedIds, onToggle }: FindingsTableProps): JSX.Element {
  // The service lists verified live secrets first; the column shows only when something was checked.
  const checked = findings.some((f) => f.verification);
  const hidden = [...hideColumns, ...(checked ? [] : ['verification'])].join(',');
  const selectable = Boolean(selectedIds && onToggle);
  const shown = React.useMemo(() => ORDER.filter((c) => !hidden.split(',').includes(c)), [hidden]);
  const columns = React.useMemo<ITableColumn<FindingDto>[]>(() => {
    // Repository and Location both sort by repository then path: only the first of them shows the arrow.
    const sortColumn = sort ? shown.find((c) => COLUMN_SORTS[c] === sort.sort) : undefined;
    const data = shown.map(
      (id): ITableColumn<FindingDto> => ({
        id,
        name: CELLS[id].name,
        width: CELLS[id].width,
        renderCell: (_row: number, columnIndex: number, column: ITableColumn<FindingDto>, finding: FindingDto) =>
          CELLS[id].cell(finding, columnIndex, column, now ?? Date.now()),
        ...(COLUMN_SORTS[id] && onSort
          ? {
              sortProps: {
                ariaLabelAscending: 'Sorted ascending',
                ariaLabelDescending: 'Sorted descending',
                sortOrder: id === sortColumn ? (sort!.order === 'asc' ? SortOrder.ascending : SortOrder.descending) : undefined,
              },
            }
          : {}),
      }),
    );
    if (!selectable) return data;
    const select: ITableColumn<FindingDto> = {
      id: 'select',
      name: '',
      width: 44,
      renderCell: (_row, columnIndex, column, finding) => (
        <SimpleTableCell columnIndex={columnIndex} tableColumn={column} key="select">
          {/* The click selects the row; it must not open the panel too. */}
          <span onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
            <Checkbox
              className="vigil-row-select"
              ariaLabel={`Select ${finding.title}`}
              checked={selectedIds!.has(finding.id)}
              onChange={(_e, value) => onToggle!(finding, Boolean(value))}
            />
          </span>
        </SimpleTableCell>
      ),
      ariaLabel: 'Select',
    } as ITableColumn<FindingDto>;
    return [select, ...data];
  }, [shown, now, sort, onSort, selectable, selectedIds, onToggle]);
  const sorting = React.useMemo(
    () =>
      new ColumnSorting<FindingDto>((columnIndex) => {
        const key = COLUMN_SORTS[columns[columnIndex]?.id as FindingColumn];
        if (!key || !onSort) return;
        // A column's first click: the order a reader expects of it (most severe, newest, A to Z); the next flips it.
        if (sort?.sort === key) onSort({ sort: key, order: sort.order === 'asc' ? 'desc' : 'asc' });
        else onSort({ sort: key, order: key === 'rule' || key === 'location' ? 'asc' : 'desc' });
      }),
    [columns, onSort, sort],
  );
  const provider = React.useMemo(() => new ArrayItemProvider(findings), [findings]);
  return (
    <Table<FindingDto>
      className="vigil-findings-table"
      ariaLabel="Findings"
      columns={columns}
      itemProvider={provider}
      behaviors={onSort ? [sorting] : undefined}
      singleClickActivation
      onActivate={onActivate ? (_event, row) => onActivate(row.data) : undefined}
      containerClassName="h-scroll-auto"
    />
  );
}
