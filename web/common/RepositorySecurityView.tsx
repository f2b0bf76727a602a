// One repository: its last scan with the scanners' figures, and its findings (Repos hub and pull-request tab).
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import type { VigilApi } from './api';
import { ErrorState } from './ErrorState';
import { FindingsView } from './FindingsView';
import { formatCount, relativeTime, scanTime } from './format';
import { LastScanSummary } from './LastScanSummary';
import { useLastScan } from './queries';
import { ScannerFigures } from './ScannerFigures';

export interface RepositorySecurityViewProps {
  api: VigilApi;
  repository: { id: string; name: string };
  now?: number;
  /** The viewer is an organization administrator and may dismiss alerts. */
  canDismiss?: boolean;
}

export function RepositorySecurityView({ api, repository, now, canDismiss }: RepositorySecurityViewProps): JSX.Element {
  const lastScan = useLastScan(api, repository.id);
  const scan = lastScan.data;

  return (
    <div className="flex-column flex-grow">
      <Card className="vigil-summary-card vigil-block" titleProps={{ text: 'Default branch' }}>
        <div className="flex-column flex-grow">
          {scan === undefined ? (
            lastScan.isError ? (
              <ErrorState error={lastScan.error} context="Could not load the last scan" onRetry={() => void lastScan.refetch()} />
            ) : (
              <Spinner size={SpinnerSize.medium} label="Loading the last scan…" />
            )
          ) : (
            <>
              <LastScanSummary scan={scan} now={now} />
              {scan ? <ScannerFigures scan={scan} /> : null}
            </>
          )}
        </div>
      </Card>
      <FindingsView
        api={api}
        scope={{ repository: repository.id }}
        now={now}
        canDismiss={canDismiss}
        emptyState={{
          primaryText: `No open findings in ${repository.name}`,
          secondaryText:
            scan && scan.state === 'done'
              ? `Last scanned ${relativeTime(scanTime(scan), now)}${scan.filesScanned !== undefined ? `, ${formatCount(scan.filesScanned, 'file')}` : ''}.`
              : scan === null
                ? 'This repository has not been scanned yet.'
                : undefined,
        }}
      />
    </div>
  );
}
