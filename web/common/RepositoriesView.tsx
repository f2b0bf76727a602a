// Repositories of a scope with their scan state and open findings; refreshes itself while scans run.
// A row opens the repository in a panel: its findings, its last scan (scanners, skipped files, warnings)
// and its dependencies.
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { Button } from 'azure-devops-ui/Button';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { type ITableColumn, SimpleTableCell, Table, TwoLineTableCell } from 'azure-devops-ui/Table';
import { Tooltip } from 'azure-devops-ui/TooltipEx';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import type { RepositoryDto } from '../../service/contract/api';
import type { VigilApi } from './api';
import { LoadMore } from './LoadMore';
import { EmptyState } from './EmptyState';
import { ErrorState } from './ErrorState';
import { coverageGap } from '../../service/contract/coverage-text';
import { isScanActive } from '../../service/contract/vocabulary';
import { absoluteTime, branchText, formatCount, relativeTime, scanTime } from './format';
import { useRepositoryList, useTriggerScan } from './queries';
import { RepositoryScanPanel } from './RepositoryScanPanel';
import { ScanProgress } from './ScanProgress';
import { ScanStateStatus } from './ScanStateStatus';
import { SeverityCounts } from './SeverityCounts';

export interface RepositoriesViewProps {
  api: VigilApi;
  /** Limit to one project (ADO project id). */
  project?: string;
  /** Show the per-repository Scan action (the service still checks rights). */
  canScan: boolean;
  /** The first discovery after connecting is still running: an empty list means "not yet". */
  discovering?: boolean;
  pageSize?: number;
  now?: number;
}

const isBusy = (r: RepositoryDto) => isScanActive(r.scanState);
const isSkipped = (r: RepositoryDto) => r.isDisabled || r.isEmpty || Boolean(r.skipReason);

/** A table row: the repository, and whether its scan request is on its way. */
type Row = RepositoryDto & { queuing: boolean };

const lastScanTime = (r: RepositoryDto): string | undefined => (r.lastScan ? scanTime(r.lastScan) : undefined);

function skipReason(r: RepositoryDto): string | undefined {
  return r.skipReason ?? (r.isDisabled ? 'repository is disabled' : r.isEmpty ? 'repository is empty' : undefined);
}

export function RepositoriesView({
  api,
  project,
  canScan,
  discovering = false,
  pageSize = 50,
  now,
}: RepositoriesViewProps): JSX.Element {
  const list = useRepositoryList(api, project, pageSize);
  const triggerScan = useTriggerScan(api);
  // Rows whose scan request is on its way: they say "Queued" until the list shows the new state.
  const [queuing, setQueuing] = React.useState<ReadonlySet<string>>(new Set());
  const [actionError, setActionError] = React.useState<unknown>();
  const [openId, setOpenId] = React.useState<string>();
  const opened = openId ? list.items.find((r) => r.id === openId) : undefined;

  const anyBusy = list.items.some(isBusy);
  const { mutateAsync } = triggerScan;
  const scan = React.useCallback(
    async (repo: RepositoryDto) => {
      setActionError(undefined);
      setQueuing((prev) => new Set(prev).add(repo.id));
      try {
        await mutateAsync({ repositoryId: repo.id });
      } catch (err) {
        setActionError(err);
      } finally {
        setQueuing((prev) => {
          const next = new Set(prev);
          next.delete(repo.id);
          return next;
        });
      }
    },
    [mutateAsync],
  );

  const columns = React.useMemo<ITableColumn<Row>[]>(() => {
    const at = now ?? Date.now();
    const cols: ITableColumn<Row>[] = [
      {
        id: 'name',
        name: 'Repository',
        width: -26,
        renderCell: (_r, i, col, repo) => (
          <TwoLineTableCell
            key={col.id}
            columnIndex={i}
            tableColumn={col}
            iconProps={{ iconName: repo.versionControl === 'tfvc' ? 'TFVCLogo' : 'GitLogo', className: 'vigil-repo-icon' }}
            line1={
              <Tooltip text={repo.name} overflowOnly>
                <span className="text-ellipsis font-weight-semibold">{repo.name}</span>
              </Tooltip>
            }
            line2={
              <span className="text-ellipsis secondary-text body-s">
                {branchText(repo)}
              </span>
            }
          />
        ),
      },
    ];
    if (!project) {
      cols.push({
        id: 'project',
        name: 'Project',
        width: -12,
        renderCell: (_r, i, col, repo) => (
          <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
            <span className="text-ellipsis">{repo.projectName}</span>
          </SimpleTableCell>
        ),
      });
    }
    cols.push(
      {
        id: 'state',
        name: 'Scan',
        width: -24,
        renderCell: (_r, i, col, repo) => (
          <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
            {repo.scanState === 'running' && repo.lastScan?.state === 'running' ? (
              <ScanProgress scan={repo.lastScan} label={repo.name} compact />
            ) : (
              <ScanStateStatus
                state={repo.queuing && !isBusy(repo) ? 'queued' : repo.scanState}
                skipReason={isSkipped(repo) ? skipReason(repo) : undefined}
                error={repo.lastScan?.error}
                note={repo.lastScan?.coverage ? coverageGap(repo.lastScan.coverage) : undefined}
                wrap
              />
            )}
          </SimpleTableCell>
        ),
      },
      {
        id: 'lastScan',
        name: 'Last scan',
        width: 120,
        renderCell: (_r, i, col, repo) => (
          <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
            <span className="secondary-text text-ellipsis" title={absoluteTime(lastScanTime(repo))}>
              {relativeTime(lastScanTime(repo), at)}
            </span>
          </SimpleTableCell>
        ),
      },
      {
        id: 'open',
        name: 'Open findings',
        width: -26,
        renderCell: (_r, i, col, repo) => (
          <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
            {repo.scanState === 'never' && !repo.lastScan ? (
              <span className="secondary-text">—</span>
            ) : (
              <SeverityCounts counts={repo.openFindings} />
            )}
          </SimpleTableCell>
        ),
      },
    );
    if (canScan) {
      cols.push({
        id: 'actions',
        name: '',
        ariaLabel: 'Actions',
        width: 96,
        renderCell: (_r, i, col, repo) => (
          <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
            <Button
              text="Scan"
              subtle
              iconProps={{ iconName: 'Play' }}
              ariaLabel={`Scan ${repo.name}`}
              disabled={isSkipped(repo) || isBusy(repo) || repo.queuing}
              onClick={(event) => {
                event.stopPropagation(); // the row opens the repository's panel
                void scan(repo);
              }}
            />
          </SimpleTableCell>
        ),
      });
    }
    return cols;
  }, [project, canScan, scan, now]);

  const provider = React.useMemo(
    () => new ArrayItemProvider<Row>(list.items.map((r) => ({ ...r, queuing: queuing.has(r.id) }))),
    [list.items, queuing],
  );

  if (list.loading) return <Spinner size={SpinnerSize.large} label="Loading repositories…" className="vigil-block" />;

  return (
    <div className="flex-column flex-grow vigil-repositories-view">
      {actionError !== undefined ? (
        <ErrorState error={actionError} context="Could not queue the scan" onDismiss={() => setActionError(undefined)} className="vigil-block" />
      ) : null}
      {list.error !== undefined ? (
        <ErrorState error={list.error} context="Could not load repositories" onRetry={list.retry} className="vigil-block" />
      ) : null}
      {list.items.length === 0 ? (
        list.error !== undefined ? null : discovering ? (
          <Spinner size={SpinnerSize.large} label="Vigil is discovering the organization's repositories…" className="vigil-block" />
        ) : (
          <EmptyState
            iconName="GitLogo"
            primaryText={project ? 'No repositories in this project yet' : 'No repositories yet'}
            secondaryText="Vigil lists repositories after it discovers them in the organization."
          />
        )
      ) : (
        <>
          <div className="vigil-list-summary secondary-text body-s" aria-live="polite">
            {formatCount(list.total, 'repository', 'repositories')}
            {anyBusy ? ' · scans in progress, refreshing every few seconds' : ''}
          </div>
          <Card className="bolt-table-card vigil-table-card" contentProps={{ contentPadding: false }}>
            <Table<Row>
              className="vigil-repositories-table"
              ariaLabel="Repositories"
              columns={columns}
              itemProvider={provider}
              singleClickActivation
              onActivate={(_event, row) => setOpenId(row.data.id)}
              containerClassName="h-scroll-auto"
            />
          </Card>
          <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoad={list.loadMore} />
        </>
      )}
      {opened ? (
        <RepositoryScanPanel
          api={api}
          repository={opened}
          skipReason={isSkipped(opened) ? skipReason(opened) : undefined}
          onClose={() => setOpenId(undefined)}
          now={now}
          canDismiss={canScan}
        />
      ) : null}
    </div>
  );
}
