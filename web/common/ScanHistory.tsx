// A repository's scans, newest first: when, how long, full or incremental, the commit, state, files and
// findings new / fixed. A row opens that scan's detail below the table: what ended it, the scanners'
// figures, its warnings and coverage.
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { type ITableColumn, SimpleTableCell, Table } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import type { ScanDto } from '../../service/contract/api';
import type { VigilApi } from './api';
import { EmptyState } from './EmptyState';
import { ErrorState } from './ErrorState';
import { absoluteTime, formatCount, formatDuration, relativeTime, shortSha } from './format';
import { LastScanSummary } from './LastScanSummary';
import { LoadMore } from './LoadMore';
import { useRepositoryScans } from './queries';
import { ScannerFigures } from './ScannerFigures';
import { ScanProgress } from './ScanProgress';
import { ScanStateStatus } from './ScanStateStatus';

export interface ScanHistoryProps {
  api: VigilApi;
  repository: { id: string; name: string };
  now?: number;
  pageSize?: number;
}

const TRIGGER_TEXT: Record<ScanDto['trigger'], string> = { manual: 'manual', schedule: 'scheduled', push: 'a push', discovery: 'discovery' };

const count = (n: number | undefined): string => (n === undefined ? '—' : n.toLocaleString('en-US'));

function textCell(id: string, name: string, width: number, text: (s: ScanDto) => string, title?: (s: ScanDto) => string | undefined): ITableColumn<ScanDto> {
  return {
    id,
    name,
    width,
    renderCell: (_r, i, col, s) => (
      <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
        <span className="text-ellipsis" title={title?.(s)}>
          {text(s)}
        </span>
      </SimpleTableCell>
    ),
  };
}

export function ScanHistory({ api, repository, now, pageSize = 20 }: ScanHistoryProps): JSX.Element {
  const list = useRepositoryScans(api, repository.id, pageSize);
  const [openId, setOpenId] = React.useState<string>();
  const opened = list.items.find((s) => s.id === openId);
  const detailRef = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => {
    if (openId) detailRef.current?.focus();
  }, [openId]);

  const columns = React.useMemo<ITableColumn<ScanDto>[]>(() => {
    const at = now ?? Date.now();
    return [
      textCell('started', 'Started', 100, (s) => relativeTime(s.startedAt ?? s.queuedAt, at), (s) => absoluteTime(s.startedAt ?? s.queuedAt)),
      {
        id: 'state',
        name: 'State',
        width: 130,
        renderCell: (_r, i, col, s) => (
          <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
            {s.state === 'running' ? <ScanProgress scan={s} label={repository.name} compact /> : <ScanStateStatus state={s.state} error={s.error} />}
          </SimpleTableCell>
        ),
      },
      textCell('duration', 'Duration', 80, (s) => (s.durationMs === undefined ? '—' : formatDuration(s.durationMs))),
      textCell('kind', 'Kind', 95, (s) => `${s.kind === 'incremental' ? 'Incremental' : 'Full'}`, (s) => `Triggered by ${TRIGGER_TEXT[s.trigger]}`),
      textCell('commit', 'Commit', 85, (s) => shortSha(s.commitSha) || '—', (s) => s.commitSha),
      textCell('files', 'Files', 65, (s) => count(s.filesScanned)),
      textCell('new', 'New', 55, (s) => count(s.findingsNew)),
      textCell('fixed', 'Fixed', 55, (s) => count(s.findingsFixed)),
      textCell('warnings', 'Warnings', 80, (s) => (s.warnings.length ? s.warnings.length.toLocaleString('en-US') : '—')),
    ];
  }, [now, repository.name]);
  const provider = React.useMemo(() => new ArrayItemProvider(list.items), [list.items]);

  if (list.loading) return <Spinner size={SpinnerSize.large} label="Loading scans…" className="vigil-block" />;
  return (
    <div className="flex-column vigil-scan-history">
      {list.error !== undefined ? <ErrorState error={list.error} context="Could not load the scans" onRetry={list.retry} className="vigil-block" /> : null}
      {list.items.length === 0 ? (
        list.error !== undefined ? null : <EmptyState iconName="History" primaryText="No scans yet" secondaryText="Scans of this repository are listed here once one is queued." />
      ) : (
        <>
          <div className="vigil-list-summary secondary-text body-s">{formatCount(list.total, 'scan')} · newest first · choose one for its scanners, warnings and errors</div>
          <Card className="bolt-table-card vigil-table-card" contentProps={{ contentPadding: false }}>
            <Table<ScanDto>
              className="vigil-scan-history-table"
              ariaLabel={`Scans of ${repository.name}`}
              columns={columns}
              itemProvider={provider}
              singleClickActivation
              onActivate={(_e, row) => setOpenId(row.data.id)}
              containerClassName="h-scroll-auto"
            />
          </Card>
          <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoad={list.loadMore} />
        </>
      )}
      {opened ? (
        <section className="vigil-scan-history-detail flex-column" aria-label="Scan detail">
          <h3 className="vigil-detail-heading" tabIndex={-1} ref={detailRef}>
            {`Scan of ${absoluteTime(opened.startedAt ?? opened.queuedAt)}`}
          </h3>
          <LastScanSummary scan={opened} now={now} />
          <ScannerFigures scan={opened} />
        </section>
      ) : null}
    </div>
  );
}
