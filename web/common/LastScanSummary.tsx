// The facts of a repository's last scan in one row: state (with what ended a failed or interrupted
// scan), when, commit, files, time, findings. The coverage is ScannerFigures' to show.
import * as React from 'react';
import type { ScanDto } from '../../service/contract/api';
import { absoluteTime, formatDuration, relativeTime, scanTime, shortSha } from './format';
import { ScanStateStatus } from './ScanStateStatus';

function Fact({ label, children }: { label: string; children: React.ReactNode }): JSX.Element {
  return (
    <div className="flex-column vigil-fact-block">
      <span className="vigil-summary-label">{label}</span>
      <span className="vigil-summary-value">{children}</span>
    </div>
  );
}

/** "3 open · 1 new · 2 fixed", from the figures the scan recorded. */
function findingFigures(scan: ScanDto): string | undefined {
  const parts = [
    scan.findingsOpen !== undefined ? `${scan.findingsOpen.toLocaleString('en-US')} open` : undefined,
    scan.findingsNew ? `${scan.findingsNew.toLocaleString('en-US')} new` : undefined,
    scan.findingsFixed ? `${scan.findingsFixed.toLocaleString('en-US')} fixed` : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

export interface LastScanSummaryProps {
  /** null: never scanned. */
  scan: ScanDto | null;
  /** Why the repository is not scanned (disabled, empty). */
  skipReason?: string;
  now?: number;
}

export function LastScanSummary({ scan, skipReason, now }: LastScanSummaryProps): JSX.Element {
  if (!scan) {
    return (
      <div className="flex-row flex-wrap vigil-summary-row">
        <Fact label="Last scan">
          <ScanStateStatus state="never" skipReason={skipReason} wrap />
        </Fact>
      </div>
    );
  }
  const when = scanTime(scan);
  const findings = findingFigures(scan);
  return (
    <div className="flex-row flex-wrap vigil-summary-row">
      <Fact label="Last scan">
        <ScanStateStatus state={scan.state} error={scan.error} wrap />
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
      {findings && scan.state === 'done' ? <Fact label="Findings">{findings}</Fact> : null}
    </div>
  );
}
