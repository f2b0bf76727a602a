// One repository: its last scan with the scanners' figures, then its findings or its dependencies
// (Repos hub and pull-request tab).
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { Tab, TabBar, TabSize } from 'azure-devops-ui/Tabs';
import type { VigilApi } from './api';
import { DependenciesView } from './DependenciesView';
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
  const [tab, setTab] = React.useState<'findings' | 'dependencies'>('findings');

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
      <TabBar selectedTabId={tab} onSelectedTabChanged={(id) => setTab(id as 'findings' | 'dependencies')} tabSize={TabSize.Compact} className="vigil-view-tabs">
        <Tab id="findings" name="Findings" />
        <Tab id="dependencies" name="Dependencies" />
      </TabBar>
      {tab === 'dependencies' ? (
        <DependenciesView api={api} repository={repository} now={now} />
      ) : (
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
      )}
    </div>
  );
}
