// One repository: its last scan and its findings (Repos hub and pull-request tab).
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import type { ScanDto } from '../../service/http/api-types';
import type { VigilApi } from './api';
import { ErrorState } from './ErrorState';
import { FindingsView } from './FindingsView';
import { absoluteTime, formatCount, formatDuration, relativeTime, shortSha } from './format';
import { ScanStateStatus } from './ScanStateStatus';

export interface RepositorySecurityViewProps {
  api: VigilApi;
  repository: { id: string; name: string };
  now?: number;
  /** The viewer is an organization administrator and may dismiss alerts. */
  canDismiss?: boolean;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }): JSX.Element {
  return (
    <div className="flex-column">
      <span className="vigil-summary-label">{label}</span>
      <span className="vigil-summary-value">{children}</span>
    </div>
  );
}

export function LastScanSummary({ scan, now }: { scan: ScanDto | null; now?: number }): JSX.Element {
  if (!scan) {
    return (
      <div className="flex-row flex-wrap vigil-summary-row">
        <Fact label="Last scan">
          <ScanStateStatus state="never" />
        </Fact>
      </div>
    );
  }
  const when = scan.finishedAt ?? scan.startedAt ?? scan.queuedAt;
  return (
    <div className="flex-row flex-wrap vigil-summary-row">
      <Fact label="Last scan">
        <ScanStateStatus state={scan.state} error={scan.error} />
      </Fact>
      <Fact label="When">
        <span title={absoluteTime(when)}>{relativeTime(when, now)}</span>
      </Fact>
      {scan.commitSha ? (
        <Fact label="Commit">
          <code>{shortSha(scan.commitSha)}</code>
        </Fact>
      ) : null}
      {scan.filesScanned !== undefined ? <Fact label="Files scanned">{scan.filesScanned.toLocaleString('en-US')}</Fact> : null}
      {scan.durationMs !== undefined ? <Fact label="Duration">{formatDuration(scan.durationMs)}</Fact> : null}
      {scan.state === 'failed' && scan.error ? <Fact label="Error">{scan.error}</Fact> : null}
    </div>
  );
}

export function RepositorySecurityView({ api, repository, now, canDismiss }: RepositorySecurityViewProps): JSX.Element {
  const [scan, setScan] = React.useState<ScanDto | null | undefined>();
  const [error, setError] = React.useState<unknown>();

  React.useEffect(() => {
    let cancelled = false;
    api.scans({ repository: repository.id, limit: 1 }).then(
      (page) => !cancelled && setScan(page.items[0] ?? null),
      (err: unknown) => !cancelled && setError(err),
    );
    return () => {
      cancelled = true;
    };
  }, [api, repository.id]);

  const when = scan ? scan.finishedAt ?? scan.startedAt ?? scan.queuedAt : undefined;
  return (
    <div className="flex-column flex-grow">
      <Card className="vigil-summary-card vigil-block" titleProps={{ text: 'Default branch' }}>
        {error !== undefined ? (
          <ErrorState error={error} context="Could not load the last scan" />
        ) : scan === undefined ? (
          <Spinner size={SpinnerSize.medium} label="Loading the last scan…" />
        ) : (
          <LastScanSummary scan={scan} now={now} />
        )}
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
              ? `Last scanned ${relativeTime(when, now)}${scan.filesScanned !== undefined ? `, ${formatCount(scan.filesScanned, 'file')}` : ''}.`
              : scan === null
                ? 'This repository has not been scanned yet.'
                : undefined,
        }}
      />
    </div>
  );
}
