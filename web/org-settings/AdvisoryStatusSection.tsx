// The advisory database (Settings tab): the OSV mirror every dependency scan matches against, per
// ecosystem: records held, the last sync and the last good one, the newest record, skipped records,
// and why the last sync failed. Read-only.
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { Status, Statuses, StatusSize } from 'azure-devops-ui/Status';
import { type ITableColumn, SimpleTableCell, Table, TwoLineTableCell } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import type { AdvisoryEcosystemStatus } from '../../service/contract/api';
import type { VigilApi } from '../common/api';
import { ErrorState } from '../common/ErrorState';
import { absoluteTime, formatCount, relativeTime } from '../common/format';
import { useAdvisoryStatus } from '../common/queries';

const when = (iso: string | undefined, now: number | undefined): JSX.Element =>
  iso ? <span title={absoluteTime(iso)}>{relativeTime(iso, now)}</span> : <span className="secondary-text">Never</span>;

function columns(now: number | undefined): ITableColumn<AdvisoryEcosystemStatus>[] {
  return [
    {
      id: 'ecosystem',
      name: 'Ecosystem',
      width: -22,
      minWidth: 150,
      renderCell: (_r, i, col, e) => (
        <TwoLineTableCell
          key={col.id}
          columnIndex={i}
          tableColumn={col}
          iconProps={{
            render: (className) => (
              <Status
                {...(e.lastError ? Statuses.Failed : e.records > 0 ? Statuses.Success : Statuses.Waiting)}
                size={StatusSize.m}
                className={`${className ?? ''} flex-noshrink`}
                ariaLabel={e.lastError ? 'Last sync failed' : e.records > 0 ? 'Synced' : 'Empty'}
              />
            ),
          }}
          line1={<span className="font-weight-semibold">{e.ecosystem}</span>}
          line2={<span className="secondary-text body-s">{formatCount(e.records, 'advisory', 'advisories')}</span>}
        />
      ),
    },
    {
      id: 'sync',
      name: 'Last sync',
      width: -22,
      minWidth: 130,
      renderCell: (_r, i, col, e) => (
        <TwoLineTableCell
          key={col.id}
          columnIndex={i}
          tableColumn={col}
          line1={when(e.lastSyncAt, now)}
          line2={e.lastSuccessAt && e.lastSuccessAt !== e.lastSyncAt ? <span className="secondary-text body-s">last good {relativeTime(e.lastSuccessAt, now)}</span> : null}
        />
      ),
    },
    {
      id: 'newest',
      name: 'Newest record',
      width: -18,
      minWidth: 110,
      renderCell: (_r, i, col, e) => (
        <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
          {when(e.newestRecordAt, now)}
        </SimpleTableCell>
      ),
    },
    {
      id: 'outcome',
      name: 'Outcome',
      width: -38,
      minWidth: 180,
      renderCell: (_r, i, col, e) => (
        <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
          {e.lastError ? (
            <span className="vigil-error-detail text-ellipsis" title={e.lastError}>
              Failed: {e.lastError}
            </span>
          ) : (
            <span className="secondary-text">{e.warnings ? `${formatCount(e.warnings, 'record')} skipped` : 'OK'}</span>
          )}
        </SimpleTableCell>
      ),
    },
  ];
}

export function AdvisoryStatusSection({ api, now }: { api: VigilApi; now?: number }): JSX.Element {
  const status = useAdvisoryStatus(api);
  const cols = React.useMemo(() => columns(now), [now]);
  const provider = React.useMemo(() => new ArrayItemProvider(status.data?.ecosystems ?? []), [status.data]);
  const total = (status.data?.ecosystems ?? []).reduce((n, e) => n + e.records, 0);
  return (
    <Card className="vigil-settings vigil-advisory-status" titleProps={{ text: 'Advisory database' }}>
      <div className="flex-column vigil-settings-body">
        <p className="vigil-detail-text">
          Dependencies are matched against a copy of the OSV database kept by Vigil (GitHub, PyPI, Go, RustSec and other advisories), synced daily. A new advisory
          is matched against the packages of every scanned repository without downloading them again.
        </p>
        {status.isLoading ? (
          <Spinner size={SpinnerSize.medium} label="Loading the advisory database status…" />
        ) : status.error || !status.data ? (
          <ErrorState error={status.error} context="Could not load the advisory database status" onRetry={() => void status.refetch()} />
        ) : status.data.ecosystems.length === 0 ? (
          <p className="vigil-detail-text vigil-advisory-empty">
            No advisory has been synced or imported yet: dependency scanning reports &quot;not run: advisory database empty&quot; until the first sync.
          </p>
        ) : (
          <>
            <p className="vigil-detail-text secondary-text body-s">{formatCount(total, 'advisory', 'advisories')} in all.</p>
            <Table<AdvisoryEcosystemStatus> className="vigil-advisory-table" ariaLabel="Advisory database by ecosystem" columns={cols} itemProvider={provider} containerClassName="h-scroll-auto" />
          </>
        )}
      </div>
    </Card>
  );
}
