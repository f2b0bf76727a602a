// The facts of a repository's last scan in one row: state, when, commit, files, coverage, time, findings.
import * as React from 'react';
import type { ScanDto } from '../../service/contract/api';
import { absoluteTime, formatDuration, relativeTime, shortSha } from './format';
import { ScanStateStatus } from './ScanStateStatus';
import { coverageSummary } from './scanners';

function Fact({ label, children }: { label: string; children: React.ReactNode }): JSX.Element {
  return (
    <div className="flex-column vigil-fact-block">
      <span className="vigil-summary-label">{label}</span>
      <span className="vigil-summary-value">{children}</span>
    </div>
  );
}

export const scanTime = (scan: ScanDto): string => scan.finishedAt ?? scan.startedAt ?? scan.queuedAt;

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
          <ScanStateStatus state="never" skipReason={skipReason} />
        </Fact>
      </div>
    );
  }
  const when = scanTime(scan);
  const findings = findingFigures(scan);
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
      {scan.coverage && scan.state === 'done' ? (
        <Fact label="Coverage">
          <span className={scan.coverage.complete ? 'vigil-coverage-complete' : 'vigil-coverage-incomplete'}>{coverageSummary(scan.coverage)}</span>
        </Fact>
      ) : null}
      {scan.durationMs !== undefined ? <Fact label="Duration">{formatDuration(scan.durationMs)}</Fact> : null}
      {findings && scan.state === 'done' ? <Fact label="Findings">{findings}</Fact> : null}
      {scan.state === 'failed' && scan.error ? <Fact label="Error">{scan.error}</Fact> : null}
      {scan.state === 'interrupted' && scan.error ? <Fact label="Interrupted">{scan.error}</Fact> : null}
    </div>
  );
}
